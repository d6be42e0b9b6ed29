"""Which source a time phrase is quoted from: the item's own sources first, then all of them.

A time phrase (``phrase:`` on a time or a relation) is the source's own words for a date.
The reader checks that each occurs in some source, and the RDF builder tags each with the
language of the source it is quoted from. Searching every source for every distinct phrase
costs phrases x sources x text, which grows with the square of a timeline made of many short
sources. A phrase is normally quoted from a source the item itself cites (the sources of its
evidence), so it is looked for there first; only a phrase not found there (a mistake, or the
rare phrase quoted from another article) is looked for in all the sources, in the timeline's
order, by one search of their joined text (remembered for each phrase).

The rule, for the reader and the builder alike: a phrase is quoted from the first source,
in the timeline's order, among those the item cites that contains it; failing that, from
the first of all the sources that contains it; failing that, from none (the reader's error).

>>> from kg.timeline.model import Source
>>> def source(ident, language, text):
...     return Source(id=ident, labels={}, language=language, path="", sha256="", text=text)
>>> found = PhraseSources({"ar": source("ar", "ar", "Stamos, 2016"), "en": source("en", "en", "in 2016")})
>>> found.quoted_from("2016", cited=["en"]).id       # the item's own source, though not the first
'en'
>>> found.quoted_from("Stamos", cited=["en"]).id     # not in its own source: the first that has it
'ar'
>>> found.quoted_from("2017", cited=["en"]) is None
True
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Mapping

from kg.timeline.model import Source

__all__ = ["PhraseSources"]

_SEPARATOR = "\0"
"""Between the sources in their joined text: a phrase without it cannot match across two."""


class PhraseSources:
    """Look up time phrases in the sources of one timeline (see the module's docstring)."""

    def __init__(self, sources: Mapping[str, Source]):
        self.sources = list(sources.values())
        self.order = {s.id: n for n, s in enumerate(self.sources)}
        self._joined: str | None = None
        self._starts: list[int] = []
        self._first: dict[str, Source | None] = {}

    def quoted_from(self, phrase: str, cited: Iterable[str] = ()) -> Source | None:
        """The source *phrase* is quoted from: the first of the *cited* sources (in the timeline's
        order) that contains it, else the first of all the sources that does; None if none does."""
        for n in sorted({self.order[c] for c in cited if c in self.order}):
            if phrase in self.sources[n].text:
                return self.sources[n]
        return self.first(phrase)

    def first(self, phrase: str) -> Source | None:
        """The first source, in the timeline's order, that contains *phrase* (looked up once)."""
        if phrase not in self._first:
            self._first[phrase] = self._search(phrase)
        return self._first[phrase]

    def _search(self, phrase: str) -> Source | None:
        if not self.sources:
            return None
        if _SEPARATOR in phrase:  # could match across two sources' texts: one source at a time
            return next((s for s in self.sources if phrase in s.text), None)
        if self._joined is None:
            starts, at = [], 0
            for s in self.sources:
                starts.append(at)
                at += len(s.text) + len(_SEPARATOR)
            self._joined, self._starts = _SEPARATOR.join(s.text for s in self.sources), starts
        at = self._joined.find(phrase)
        return None if at < 0 else self.sources[bisect.bisect_right(self._starts, at) - 1]
