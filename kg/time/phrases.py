"""What the time words of questions mean: one table, judged in Python, in SPARQL and on the slider.

Every phrase ("before April 2017", "as of 2017-06", "between the warning and the
disclosure") is a row of :data:`TABLE`: a conjunction of comparisons between one end of
the item ``x`` (its ``start`` or ``end``) and one end of a named time ``T`` (``T1``/``T2``
for "between"). Each comparison ``x.p OP T.q`` is turned mechanically into bounds tests:

* *possibly*: the most favourable days allow it (for ``<``: x's earliest ``p`` against T's
  latest ``q``);
* *certainly*: the least favourable days still give it (x's latest ``p`` against T's
  earliest ``q``).

An item has two readings of its time (:mod:`kg.time.span`): the *admissible* bounds
(everything the text allows, after derivation) and the *nominal* ones (the dates as
written). Its grade (:class:`~kg.time.Certainty`) for a phrase is

* **certainly** when the certain tests hold on the admissible bounds and the item is not
  *capped* (an event only planned or only reported is never certain);
* **likely** when the certain tests hold on the nominal bounds;
* **possibly** when the possible tests hold on the admissible bounds;
* **not** otherwise.

The nominal bounds lie within the admissible ones, and the certain tests imply the
possible ones, so certainly implies likely implies possibly.

=================  ===============================  ===================================
phrase             an event                          a state (a position held)
=================  ===============================  ===================================
before T           x.start < T.start                 the same
strictly before T  x.end < T.start                   the same
after T            x.start > T.end                   x.end > T.end (held some time after)
in / during / on   x.start <= T.end, x.end >= T.start  the same (shared a day)
between T1 and T2  x.start >= T1.start,              x.start <= T2.end, x.end >= T1.start
                   x.start <= T2.end
since T            x.start >= T.start                x.end >= T.start
as of / by T       x.start <= T.end                  x.start <= T.end, x.end >= T.end
within T           x.start >= T.start, x.end <= T.end  the same
throughout T       x.start <= T.start, x.end >= T.end  the same
=================  ===============================  ===================================

(``within`` and ``throughout`` serve :mod:`kg.time.allen`'s everyday questions.) The explorer's
time slider asks "as of day d" for every item; :func:`slider_grades` solves that row for
``d`` once, in Python, so the page only compares day numbers.

>>> from kg.time.edtf import parse_edtf
>>> from kg.time.dates import parse_period
>>> before = TimeFilter("before", parse_period("April 2017"))
>>> before.judge(parse_edtf("2016-12~")).word, before.judge(parse_edtf("[2016-11..2018-03-20]")).word
('certainly', 'possibly')
>>> dec = TimeFilter("during", parse_period("December 2016"))
>>> dec.judge(parse_edtf("2016-12~"), nominal=parse_edtf("2016-12~", nominal=True)).word
'likely'
>>> before.describe()
'before April 2017'
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from kg.time.days import NEG_INF, POS_INF
from kg.time.grades import Certainty
from kg.time.span import TimeSpan

__all__ = ["KINDS", "TABLE", "Comparison", "Cond", "TimeFilter", "grade", "slider_grades"]


@dataclass(frozen=True)
class Comparison:
    """``x.<point> <op> T<which>.<t_point>``: one end of the item against one end of a time."""

    point: str  # start | end (of the item)
    op: str  # < <= > >=
    t_point: str  # start | end (of the named time)
    which: int = 0  # 0: T (or T1), 1: T2


def _c(point: str, op: str, t_point: str, which: int = 0) -> Comparison:
    return Comparison(point, op, t_point, which)


_EVENT_AND_STATE = {
    "before": (_c("start", "<", "start"),),
    "strictly-before": (_c("end", "<", "start"),),
    "during": (_c("start", "<=", "end"), _c("end", ">=", "start")),
    "within": (_c("start", ">=", "start"), _c("end", "<=", "end")),
    "throughout": (_c("start", "<=", "start"), _c("end", ">=", "end")),
}
TABLE: dict[tuple[str, bool], tuple[Comparison, ...]] = {
    **{(k, False): v for k, v in _EVENT_AND_STATE.items()},
    **{(k, True): v for k, v in _EVENT_AND_STATE.items()},
    ("after", False): (_c("start", ">", "end"),),
    ("after", True): (_c("end", ">", "end"),),
    ("between", False): (_c("start", ">=", "start"), _c("start", "<=", "end", 1)),
    ("between", True): (_c("start", "<=", "end", 1), _c("end", ">=", "start")),
    ("since", False): (_c("start", ">=", "start"),),
    ("since", True): (_c("end", ">=", "start"),),
    ("as-of", False): (_c("start", "<=", "end"),),
    ("as-of", True): (_c("start", "<=", "end"), _c("end", ">=", "end")),
}
"""(phrase kind, is a state) -> the comparisons that must all hold."""

KINDS: tuple[str, ...] = ("before", "strictly-before", "after", "during", "between", "since", "as-of",
                          "within", "throughout")
"""The phrase kinds, as :class:`TimeFilter` takes them."""

_INDEX = {"se": 0, "sl": 1, "ee": 2, "el": 3}
_OPS = {"<": lambda a, b: a < b, "<=": lambda a, b: a <= b, ">": lambda a, b: a > b, ">=": lambda a, b: a >= b}
_LOWER = ("se", "ee")  # bounds that are -infinity when unknown


@dataclass(frozen=True)
class Cond:
    """``<bound of the item> <op> <day>``, the day fixed by the question."""

    bound: str  # se | sl | ee | el
    op: str  # < <= > >=
    day: dt.date

    def holds(self, ordinals: tuple[int, int, int, int]) -> bool:
        """Whether the comparison holds for an item with these four bounds (day numbers)."""
        test = self.__dict__.get("_test")
        if test is None:  # the bound's index, the operator and the day number, worked out once
            test = self.__dict__["_test"] = (_INDEX[self.bound], _OPS[self.op], self.day.toordinal())
        return bool(test[1](ordinals[test[0]], test[2]))

    def sparql(self, variable: str, prefix: str = "") -> str:
        """A SPARQL boolean expression over ``?<prefix><bound>``; unbound counts as -inf/+inf."""
        lower = self.bound in _LOWER
        unbound_true = (lower and self.op in ("<", "<=")) or (not lower and self.op in (">", ">="))
        name = f"?{prefix}{self.bound}"
        test = f"{name} {self.op} ?{variable}"
        return f"(!BOUND({name}) || {test})" if unbound_true else f"(BOUND({name}) && {test})"


def _x_bound(c: Comparison, certain: bool) -> str:
    """Which bound of the item a comparison tests: favourable for possible, the other for certain."""
    small = c.op in ("<", "<=")  # x's point must be small
    earliest = small != certain  # possible & small -> earliest; certain & small -> latest
    return ("s" if c.point == "start" else "e") + ("e" if earliest else "l")


def _t_day(c: Comparison, times: Sequence[TimeSpan], certain: bool) -> int:
    t = times[c.which]
    se, sl, ee, el = t.ordinals
    small = c.op in ("<", "<=")
    latest = small != certain  # possible & x small -> T's latest q
    if c.t_point == "start":
        return sl if latest else se
    return el if latest else ee


def _clip(n: int) -> dt.date:
    return dt.date.min if n <= NEG_INF else dt.date.max if n >= POS_INF else dt.date.fromordinal(n)


def grade(possible: bool, certain_admissible: bool, certain_nominal: bool, *, capped: bool = False) -> Certainty:
    """The grade from the three tests (see the module docs).

    >>> grade(True, True, True).word, grade(True, True, True, capped=True).word, grade(True, False, False).word
    ('certainly', 'likely', 'possibly')
    """
    if not possible:
        return Certainty.NOT
    if certain_admissible and not capped:
        return Certainty.CERTAINLY
    if certain_nominal or certain_admissible:
        return Certainty.LIKELY
    return Certainty.POSSIBLY


@dataclass(frozen=True)
class TimeFilter:
    """One time phrase of a question: its kind and the time(s) it names."""

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
        """The phrase in words: as the user wrote it, else from the kind and the times."""
        if self.words:
            return self.words
        word = {"as-of": "as of", "strictly-before": "strictly before"}.get(self.kind, self.kind)
        if self.second is not None and self.kind == "between":
            return f"between {self.first.describe()} and {self.second.describe()}"
        return f"{word} {self.first.describe()}"

    def _backwards(self) -> bool:
        if self.kind != "between" or self.second is None:
            return False
        return self.first.ordinals[0] > self.second.ordinals[3]

    def conditions(self, *, state: bool = False) -> tuple[tuple[Cond, ...], tuple[Cond, ...]]:
        """(possible, certain) comparisons with fixed days, for an event or (``state=True``) a state."""
        cache = self.__dict__.get("_cached_conditions")  # the same for every item judged: made once
        if cache is None:
            cache = self.__dict__["_cached_conditions"] = {}
        found = cache.get(state)
        if found is None:
            found = cache[state] = self._conditions(state)
        return found

    def one_day_cuts(self) -> tuple[int, ...]:
        """The day numbers at which the grade of a one-day event can change: each day the
        conditions name, and the day after (an event on a day before the first cut, or between
        two cuts, is graded alike). Made once.

        >>> from kg.time.dates import parse_period
        >>> [dt.date.fromordinal(d).isoformat() for d in TimeFilter("before", parse_period("2017-04")).one_day_cuts()]
        ['2017-04-01', '2017-04-02']
        """
        found = self.__dict__.get("_cached_cuts")
        if found is None:
            possible, certain = self.conditions(state=False)
            found = self.__dict__["_cached_cuts"] = tuple(sorted({day for c in (*possible, *certain)
                                                                  for day in (c.day.toordinal(), c.day.toordinal() + 1)}))
        return found

    def _conditions(self, state: bool) -> tuple[tuple[Cond, ...], tuple[Cond, ...]]:
        if self._backwards():  # the stretch runs backwards: nothing is inside it
            never = (Cond("se", ">", dt.date.max),)
            return never, never
        times = (self.first, self.second or self.first)
        rows = TABLE[(self.kind, state)]
        possible = tuple(Cond(_x_bound(c, False), c.op, _clip(_t_day(c, times, False))) for c in rows)
        certain = tuple(Cond(_x_bound(c, True), c.op, _clip(_t_day(c, times, True))) for c in rows)
        return possible, certain

    def sparql(self, bindings: dict[str, Any], *, state: bool = False) -> tuple[str, str, str]:
        """(possible, certain, likely) SPARQL expressions for this phrase.

        They test the admissible bounds ``?se ?sl ?ee ?el`` and the nominal ones ``?nse ?nsl
        ?nee ?nel``; each fixed day is added to *bindings* as ``?d0``, ``?d1``, ... (bound,
        never pasted into the text). *likely* includes *certain*, as :func:`grade` does.
        """
        from rdflib import Literal
        from rdflib.namespace import XSD

        possible, certain = self.conditions(state=state)

        def expr(conds: tuple[Cond, ...], prefix: str = "") -> str:
            parts = []
            for cond in conds:
                name = f"d{len(bindings)}"
                bindings[name] = Literal(cond.day.isoformat(), datatype=XSD.date)
                parts.append(cond.sparql(name, prefix))
            return " && ".join(parts) or "true"

        sure = expr(certain)
        return expr(possible), sure, f"({expr(certain, 'n')}) || ({sure})"

    def judge(self, span: TimeSpan, *, state: bool = False, nominal: TimeSpan | None = None,
              capped: bool = False) -> Certainty:
        """The grade of an item whose admissible time is *span* and nominal time *nominal*
        (default: *span*); ``capped`` for an event only planned or only reported."""
        adm = span.ordinals
        nom = (nominal or span).ordinals
        memo = self.__dict__.get("_judged")
        if memo is None:  # many items share their bounds (every event of a day): each judged once
            memo = self.__dict__["_judged"] = {}
        key = (adm, nom, state, capped)
        found = memo.get(key)
        if found is None:
            possible, certain = self.conditions(state=state)
            found = grade(all(c.holds(adm) for c in possible), all(c.holds(adm) for c in certain),
                          all(c.holds(nom) for c in certain), capped=capped)
            if len(memo) < 100_000:
                memo[key] = found
        return found


def _day_range(conds: Sequence[Cond], ordinals: tuple[int, int, int, int]) -> tuple[int, int] | None:
    """The days d on which every ``bound op d`` holds, as (first, last); None if none."""
    lo, hi = NEG_INF, POS_INF
    for c in conds:
        v = ordinals[_INDEX[c.bound]]
        if c.op == "<":  # v < d
            lo = max(lo, v + 1 if v > NEG_INF else NEG_INF)
        elif c.op == "<=":
            lo = max(lo, v)
        elif c.op == ">":  # v > d
            hi = min(hi, v - 1 if v < POS_INF else POS_INF)
        else:
            hi = min(hi, v)
    if lo >= POS_INF or hi <= NEG_INF or lo > hi:
        return None
    return lo, hi


def slider_grades(span: TimeSpan, *, nominal: TimeSpan | None = None, state: bool = False,
                  capped: bool = False) -> list[tuple[int, int] | None]:
    """For the explorer's slider: the days on which the item is at least possibly, likely and
    certainly there "as of" that day, as three (first, last) day-number ranges or None.

    Day numbers are :meth:`datetime.date.toordinal`; ``NEG_INF`` / ``POS_INF`` mean open.
    The grade on day d is the highest whose range holds d, exactly
    ``TimeFilter("as-of", TimeSpan.day(d)).judge(...)``.

    >>> from kg.time.edtf import parse_edtf
    >>> g = slider_grades(parse_edtf("2016-12~"), nominal=parse_edtf("2016-12~", nominal=True))
    >>> [dt.date.fromordinal(r[0]).isoformat() for r in g]
    ['2016-11-01', '2016-12-31', '2017-01-31']
    """
    rows = TABLE[("as-of", state)]
    day = TimeSpan.day(dt.date(2000, 1, 1))  # any day: the bounds picked do not depend on it
    possible = [Cond(_x_bound(c, False), c.op, day.start_earliest) for c in rows]  # type: ignore[arg-type]  # a day's bound is a date
    certain = [Cond(_x_bound(c, True), c.op, day.start_earliest) for c in rows]  # type: ignore[arg-type]  # a day's bound is a date
    adm, nom = span.ordinals, (nominal or span).ordinals
    p = _day_range(possible, adm)
    likely = _day_range(certain, nom)
    sure = None if capped else _day_range(certain, adm)
    if likely is not None and p is not None:  # nominal lies within admissible; keep the ranges nested
        likely = (max(likely[0], p[0]), min(likely[1], p[1]))
        likely = likely if likely[0] <= likely[1] else None
    if sure is not None and likely is None:
        likely = sure
    return [p, likely, sure]
