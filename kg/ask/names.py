"""Find things by name: actors, relations, offices and events by IRI or by label.

Labels are matched in English or Arabic, preferred or alternative (SKOS ``altLabel``),
after folding case, Arabic letter variants and diacritics, dropping auxiliary words
("was", "has", "the") and stripping common English endings, so that "opposed",
"opposes", "opposing" and "was against" all find the relation *opposed*.

>>> lex = Lexicon([("urn:x:opposed", "opposed"), ("urn:x:opposed", "was against"),
...                ("urn:x:stamos", "Alex Stamos"), ("urn:x:stamos", "ستاموس")])
>>> lex.find("opposes"), lex.find("were against"), lex.find("Stamos"), lex.find("ستاموس")
(['urn:x:opposed'], ['urn:x:opposed'], ['urn:x:stamos'], ['urn:x:stamos'])
>>> lex.find("resisted")
[]
>>> lex.suggest("opossed")
['opposed']
"""

from __future__ import annotations

import difflib
import functools
import re
import unicodedata
from collections.abc import Iterable

__all__ = ["Lexicon", "fold", "stems", "STOPWORDS"]

_FOLD: dict[int, str] = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ى": "ي", "ة": "ه", "’": "'"})
"""Arabic letter forms folded to one (hamza on alif, alif maqsura, ta marbuta) and the curly apostrophe."""


STOPWORDS = frozenset(
    ["a", "an", "the", "was", "were", "is", "are", "be", "been", "being", "has", "have", "had", "did", "does", "do", "of", "its", "it's", "'s"]
)
"""Words ignored when matching names (auxiliaries and articles)."""

_SUFFIXES = ("ingly", "edly", "ings", "ing", "ied", "ies", "ed", "es", "ly", "ure", "ment", "s")
_ARABIC_MARKS = re.compile("[\u064b-\u065f\u0670\u0640]")
_NOT_WORD = re.compile(r"[^\w']+")
_ARABIC = re.compile(r"[\u0600-\u06ff]")


@functools.lru_cache(maxsize=65536)  # labels repeat across the index's names; folding is pure
def fold(text: str) -> str:
    """Lower case, NFKC, Arabic letter variants unified and diacritics removed, punctuation to spaces.

    >>> fold("Facebook's  Policy-Team"), fold("الإثنين")
    ("facebook's policy team", 'الاثنين')
    """
    text = unicodedata.normalize("NFKC", text).lower()
    text = _ARABIC_MARKS.sub("", text)
    text = text.translate(_FOLD)
    text = _NOT_WORD.sub(" ", text)
    return " ".join(text.split())


@functools.lru_cache(maxsize=65536)
def _stem(word: str) -> str:
    word = word.removesuffix("'s")
    if _ARABIC.search(word):
        return word[2:] if word.startswith("ال") and len(word) > 4 else word
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            word = word[: -len(suffix)]
            break
    if word.endswith("e") and len(word) > 3:
        word = word[:-1]
    return word


def stems(text: str) -> tuple[str, ...]:
    """The stems of the words of ``text`` that matter for matching.

    >>> stems("was against"), stems("Opposing"), stems("the public disclosure")
    (('against',), ('oppos',), ('public', 'disclos'))
    """
    return _folded_stems(fold(text))


def _folded_stems(folded: str) -> tuple[str, ...]:
    return tuple(_stem(w) for w in folded.split() if w not in STOPWORDS)


class Lexicon:
    """Names (phrases) for things (IRIs); :meth:`find` returns the best-matching IRIs."""

    def __init__(self, entries: Iterable[tuple[str, str]] = ()):
        self._exact: dict[str, set[str]] = {}
        self._stems: dict[tuple[str, ...], set[str]] = {}
        self._phrases: dict[str, str] = {}
        for iri, phrase in entries:
            self.add(iri, phrase)

    def add(self, iri: str, phrase: str) -> None:
        if not phrase:
            return
        folded = fold(phrase)
        self._exact.setdefault(folded, set()).add(iri)
        key = _folded_stems(folded)
        if key:
            self._stems.setdefault(key, set()).add(iri)
        self._phrases.setdefault(folded, phrase)

    def __contains__(self, iri: str) -> bool:
        return any(iri in found for found in self._exact.values())

    def find(self, text: str, *, whole: bool = False) -> list[str]:
        """IRIs named by ``text``: exact name, else same stems, else (unless ``whole``) names
        containing all its stems."""
        exact = self._exact.get(fold(text))
        if exact:
            return sorted(exact)
        key = stems(text)
        if not key:
            return []
        same = self._stems.get(key)
        if same or whole:
            return sorted(same or ())
        wanted = set(key)
        best: dict[str, float] = {}
        for name, iris in self._stems.items():
            if wanted <= set(name):
                score = len(wanted) / len(set(name))
                for iri in iris:
                    best[iri] = max(best.get(iri, 0.0), score)
        if not best:
            return []
        top = max(best.values())
        return sorted(iri for iri, score in best.items() if score == top)

    def suggest(self, text: str, n: int = 3) -> list[str]:
        """The known names closest to ``text``, for "did you mean" messages."""
        close = difflib.get_close_matches(fold(text), list(self._phrases), n=n, cutoff=0.5)
        return [self._phrases[c] for c in close]
