"""Time phrases of questions ("before April 2017", "as of 2017-06"), judged the same way in
Python and in SPARQL.

A :class:`TimeFilter` turns a phrase into comparisons between the bounds of an item's time
(``se``/``sl``: earliest/latest start, ``ee``/``el``: earliest/latest end) and fixed days.
It holds *possibly* when its "possible" comparisons hold and *certainly* when its "certain"
ones do (and the item's time is not flagged uncertain). The same comparisons are evaluated
on :class:`~kg.time.TimeSpan` s by the networkx engine and written as SPARQL ``FILTER``
expressions with the days bound as variables, so both engines give the same answer.
They mirror :mod:`kg.allen` (``tests/test_timefilter.py`` checks that on random spans):

=============  ========================================  ==================================
phrase         an event (something that happened)         a state (a position held)
=============  ========================================  ==================================
before T       it started before T began                 the same (held at some time before)
strictly       it ended before T began (Allen precedes)  the same
 before T
after T        it started after T ended                  it was held at some time after T
in/during T    it shared a day with T                    the same
between T1     it started between T1's first day and     it was held at some time in that
 and T2        T2's last day                             stretch
since T        it started on or after T's first day      it was held at some time since T began
as of T        it had started by T's last day            it was held on T's last day
=============  ========================================  ==================================

>>> from kg.edtf import parse_edtf
>>> from kg.dates import parse_period
>>> before = TimeFilter("before", parse_period("April 2017"))
>>> before.judge(parse_edtf("2016-12~")).word, before.judge(parse_edtf("[2016-11..2018-03-20]")).word
('certainly', 'possibly')
>>> before.describe()
'before April 2017'
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from .time import Certainty, TimeSpan

__all__ = ["TimeFilter", "Cond", "KINDS"]

KINDS = ("before", "strictly-before", "after", "during", "between", "since", "as-of")

_LOWER = ("se", "ee")  # bounds that are -infinity when unknown
_INDEX = {"se": 0, "sl": 1, "ee": 2, "el": 3}
_OPS = {"<": lambda a, b: a < b, "<=": lambda a, b: a <= b, ">": lambda a, b: a > b, ">=": lambda a, b: a >= b}


@dataclass(frozen=True)
class Cond:
    """``<bound of the item> <op> <day>``, the day fixed by the question."""

    bound: str  # se | sl | ee | el
    op: str  # < <= > >=
    day: dt.date

    def holds(self, ordinals: tuple[int, int, int, int]) -> bool:
        return _OPS[self.op](ordinals[_INDEX[self.bound]], self.day.toordinal())

    def sparql(self, variable: str) -> str:
        """A SPARQL boolean expression; an unbound item bound counts as -inf/+inf."""
        lower = self.bound in _LOWER
        unbound_true = (lower and self.op in ("<", "<=")) or (not lower and self.op in (">", ">="))
        test = f"?{self.bound} {self.op} ?{variable}"
        return f"(!BOUND(?{self.bound}) || {test})" if unbound_true else f"(BOUND(?{self.bound}) && {test})"


def _first(span: TimeSpan) -> dt.date:
    return span.start_earliest or dt.date.min


def _last(span: TimeSpan) -> dt.date:
    return span.end_latest or dt.date.max


@dataclass(frozen=True)
class TimeFilter:
    """One time phrase of a question: its kind and the period(s) it names."""

    kind: str
    first: TimeSpan
    second: TimeSpan | None = None
    words: str = ""  # the phrase as the user wrote it, for explanations
    anchors: tuple[str, ...] = field(default=(), compare=False)  # event IRIs named as times

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"unknown time filter {self.kind!r}; use one of {', '.join(KINDS)}")
        if self.kind == "between" and self.second is None:
            raise ValueError("between needs two times")

    def describe(self) -> str:
        if self.words:
            return self.words
        word = {"as-of": "as of", "strictly-before": "strictly before"}.get(self.kind, self.kind)
        if self.kind == "between":
            return f"between {self.first.describe()} and {self.second.describe()}"  # type: ignore[union-attr]
        return f"{word} {self.first.describe()}"

    def conditions(self, *, state: bool = False) -> tuple[tuple[Cond, ...], tuple[Cond, ...]]:
        """(possible, certain) comparisons for an event, or for a state with ``state=True``."""
        t, u = self.first, self.second or self.first
        a, b = _first(t), _last(t)
        if self.kind == "before":
            return (Cond("se", "<", a),), (Cond("sl", "<", a),)
        if self.kind == "strictly-before":
            return (Cond("ee", "<", a),), (Cond("el", "<", a),)
        if self.kind == "during":
            return (Cond("se", "<=", b), Cond("el", ">=", a)), (Cond("sl", "<=", b), Cond("ee", ">=", a))
        if self.kind == "after":
            if state:
                return (Cond("el", ">", b),), (Cond("ee", ">", b),)
            return (Cond("sl", ">", b),), (Cond("se", ">", b),)
        if self.kind == "between":
            end = _last(u)
            if a > end:  # the period runs backwards: nothing is inside it
                never = (Cond("se", ">", dt.date.max),)
                return never, never
            if state:
                return (Cond("se", "<=", end), Cond("el", ">=", a)), (Cond("sl", "<=", end), Cond("ee", ">=", a))
            return (Cond("sl", ">=", a), Cond("se", "<=", end)), (Cond("se", ">=", a), Cond("sl", "<=", end))
        if self.kind == "since":
            if state:
                return (Cond("el", ">=", a),), (Cond("ee", ">=", a),)
            return (Cond("sl", ">=", a),), (Cond("se", ">=", a),)
        # as-of: events had started by T's last day; states were held on that day
        if state:
            return (Cond("se", "<=", b), Cond("el", ">=", b)), (Cond("sl", "<=", b), Cond("ee", ">=", b))
        return (Cond("se", "<=", b),), (Cond("sl", "<=", b),)

    def judge(self, span: TimeSpan, *, state: bool = False) -> Certainty:
        """How surely an item with time ``span`` passes this filter."""
        possible, certain = self.conditions(state=state)
        ordinals = span.ordinals
        if not all(c.holds(ordinals) for c in possible):
            return Certainty.NOT
        if not span.uncertain and all(c.holds(ordinals) for c in certain):
            return Certainty.CERTAINLY
        return Certainty.POSSIBLY
