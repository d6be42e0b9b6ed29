"""Reading a time from a timeline file: EDTF, explicit bounds, ``holds_at``, and its derivation.

A time is an EDTF string (``2016-12~``) or a mapping with ``edtf`` and/or ``holds_at`` (when
a state was under way), explicit bounds (``not_before``, ``end_not_after``...: they narrow a
plain date and give the whole reach of a qualified one), and how it was worked out
(``derivation``, ``anchor``, ``phrase``: the source's own words, ``basis``). Problems are
reported to the reader's :class:`~kg.timeline.checker.Checker` with their lines.

>>> from kg.timeline.checker import Checker
>>> times = TimeReader(Checker("t.yaml"), lambda data: None, anchors=[], phrases=[])
>>> times.read("2016-12~", 7, "time").describe()
'about December 2016'
>>> times.read("2016-13", 8, "time") is None, times.check.problems[0].line
(True, 8)
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from kg.time import TimeSpan
from kg.time.edtf import EDTFError, parse_edtf
from kg.timeline.checker import Checker
from kg.timeline.model import TimeSpec
from kg.timeline.yamlfile import LineDict

__all__ = ["BOUND_KEYS", "TIME_KEYS", "TimeReader"]

TIME_KEYS = (
    "edtf", "holds_at", "start_not_before", "start_not_after", "end_not_before",
    "end_not_after", "not_before", "not_after", "derivation", "phrase", "basis", "anchor",
)

class TimeReader:
    """Reads the times of one timeline file, noting each ``anchor`` and ``phrase`` for the checks
    made once the whole file is read (``anchors``, ``phrases``: the reader's own lists)."""

    def __init__(self, check: Checker, derivation: Callable[[LineDict], str | None], *,
                 anchors: list[tuple[int, str, str]], phrases: list[tuple[int, str]]):
        self.check = check
        self.derivation = derivation  # the derivation code of a time mapping, checked (None if absent)
        self.anchors = anchors
        self.phrases = phrases

    def read(self, value: Any, line: int, what: str) -> TimeSpec | None:
        """A time: an EDTF string, or a mapping with edtf / holds_at, bounds and how it was derived."""
        c = self.check
        data: LineDict | None
        if not isinstance(value, LineDict):  # every mapping read from YAML is a LineDict
            value = {"edtf": value}
            data = None
        else:
            data = value
            c.keys(data, TIME_KEYS, what)
            if "edtf" not in data and "holds_at" not in data and "derivation" not in data:
                c.error(data.line, f"{what} needs edtf (when it happened), holds_at (when it was under way), "
                        "or a derivation (with relations that give its bounds)")
                return None
        at = (lambda key: data.line_of(key)) if data is not None else (lambda key: line)
        text = c.scalar_text(value["edtf"], at("edtf"), f"{what}.edtf") if "edtf" in value else None
        if "edtf" in value and text is None:
            return None
        try:
            span = parse_edtf(text) if text is not None else TimeSpan.unbounded()
        except EDTFError as exc:
            c.error(at("edtf"), f"{what}.edtf: {exc}")
            return None
        holds_at = None
        if data is not None and "holds_at" in data:
            holds_at = self.read(data["holds_at"], data.line_of("holds_at"), f"{what}.holds_at")
            if holds_at is None:
                return None
        if data is not None:
            bounded = self._bounded(span, text, data, what)
            if bounded is None:
                return None
            span = bounded
        if holds_at is not None:
            h = holds_at.span
            try:
                span = span.narrowed(start_not_after=h.end_latest, end_not_before=h.start_earliest)
            except ValueError:
                c.error(at("holds_at"), f"{what}: holds_at {holds_at.edtf or ''} lies outside {text}")
                return None
        derivation = anchor = phrase = basis = None
        hand: tuple[tuple[str, int], ...] = ()
        if data is not None:
            derivation = self.derivation(data)
            anchor = c.ident(data, "anchor", required=False)
            if anchor is not None:
                self.anchors.append((data.line_of("anchor"), anchor, what))
            phrase, basis = c.text(data, "phrase"), c.text(data, "basis")
            if phrase is not None:
                self.phrases.append((data.line_of("phrase"), phrase))
            hand = tuple((key, data.line_of(key)) for key in BOUND_KEYS if key in data)
        return TimeSpec(span=span, edtf=text, holds_at=holds_at, derivation=derivation, phrase=phrase,
                        basis=basis, anchor=anchor, line=data.line if data is not None else line,
                        nominal_span=_nominal(span, text), hand_bounds=hand)

    def _bounded(self, span: TimeSpan, text: str | None, data: LineDict, what: str) -> TimeSpan | None:
        """Apply explicit bounds: they narrow a plain date and give the reach of a qualified one."""
        c = self.check
        bounds = {}
        for key, field in (("start_not_before", "start_not_before"), ("not_before", "start_not_before"),
                           ("start_not_after", "start_not_after"), ("end_not_before", "end_not_before"),
                           ("end_not_after", "end_not_after"), ("not_after", "end_not_after")):
            if key in data:
                day = c.date(data, key)
                if day is None:
                    return None
                bounds[field] = day
        if not bounds:
            return span
        qualified = text is not None and any(q in text for q in "?~%")
        if not qualified:
            try:
                narrowed = span.narrowed(**bounds)
            except ValueError as exc:
                c.error(data.line, f"{what}: the bounds leave no possible time ({exc})")
                return None
            return narrowed
        # A qualified date: the bounds are its whole envelope (an unnamed side is open),
        # and must leave the date as written possible.
        assert text is not None  # qualified: the text has ?, ~ or %
        written = parse_edtf(re.sub(r"[?~%]", "", text))
        try:
            envelope = TimeSpan(bounds.get("start_not_before"), bounds.get("start_not_after"),
                                bounds.get("end_not_before"), bounds.get("end_not_after"))
            envelope.narrowed(start_not_before=written.start_earliest, start_not_after=written.start_latest,
                              end_not_before=written.end_earliest, end_not_after=written.end_latest)
        except ValueError:
            c.error(data.line, f"{what}: the bounds rule out the date as written ({text})")
            return None
        return envelope


BOUND_KEYS = ("start_not_before", "not_before", "start_not_after", "end_not_before", "end_not_after", "not_after")


def _nominal(span: TimeSpan, text: str | None) -> TimeSpan | None:
    """The date as written (no ``~``/``?`` widening), within the admissible *span*; None if the same."""
    if text is None or not any(q in text for q in "?~%"):
        return None
    try:
        written = parse_edtf(text, nominal=True)
        return written.narrowed(start_not_before=span.start_earliest, start_not_after=span.start_latest,
                                end_not_before=span.end_earliest, end_not_after=span.end_latest)
    except (EDTFError, ValueError):
        return None
