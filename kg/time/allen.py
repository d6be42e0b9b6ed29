"""Allen's interval relations and everyday "when" questions between time spans.

Spans are whole days, so a span from day ``s`` to day ``e`` (inclusive) is
taken as the half-open interval ``[s, e + 1)``.  Every span is then a proper
interval and Allen's thirteen relations are disjoint and exhaustive.  Note that
at day granularity something on 31 March 2017 *meets* April 2017 rather than
being *before* it: there is no gap day between them.

Because bounds are partial, answers are a :class:`~kg.time.Certainty`:
CERTAINLY when true for every (start, end) consistent with both spans,
NOT when true for none, POSSIBLY otherwise.  An EDTF ``?`` already widens a span's
bounds to all it admits (:func:`kg.time.edtf.parse_edtf`), so no separate cap is needed.

A span parsed from ``2017-04`` is *something that lies within* April 2017 (it
may be a single day); a question's period ("as of April 2017", "in 2016") is
usually the whole calendar period, which :meth:`~kg.time.TimeSpan.as_period`
gives.  The everyday questions (:func:`started_before` ... :func:`between`) are rows
of the one table of time words (:mod:`kg.time.phrases`); :func:`relations` solves 13
tiny difference-constraint problems.

>>> from kg.time.edtf import parse_edtf as p
>>> relation(p("2017-03-31"), p("2017-04").as_period(), Relation.MEETS).word
'certainly'
>>> started_before(p("2016-12~"), p("2017-04")).word
'certainly'
"""

from __future__ import annotations

from enum import Enum

from kg.time.days import NEG_INF, POS_INF
from kg.time.grades import Certainty
from kg.time.span import TimeSpan

__all__ = [
    "Relation",
    "between",
    "ended_before",
    "holds_at",
    "intersects",
    "relation",
    "relations",
    "started_after",
    "started_before",
    "started_by",
    "within",
]


class Relation(Enum):
    """Allen's thirteen interval relations; the value is the OWL-Time local name.

    >>> Relation.MEETS.owl_time, Relation.MEETS.converse
    ('intervalMeets', <Relation.MET_BY: 'intervalMetBy'>)
    """

    BEFORE = "before"
    AFTER = "after"
    MEETS = "intervalMeets"
    MET_BY = "intervalMetBy"
    OVERLAPS = "intervalOverlaps"
    OVERLAPPED_BY = "intervalOverlappedBy"
    STARTS = "intervalStarts"
    STARTED_BY = "intervalStartedBy"
    DURING = "intervalDuring"
    CONTAINS = "intervalContains"
    FINISHES = "intervalFinishes"
    FINISHED_BY = "intervalFinishedBy"
    EQUALS = "intervalEquals"

    @property
    def owl_time(self) -> str:
        """The OWL-Time (``http://www.w3.org/2006/time#``) local name."""
        return str(self.value)

    @property
    def converse(self) -> Relation:
        """The relation of b to a when this is the relation of a to b.

        >>> Relation.DURING.converse, Relation.EQUALS.converse
        (<Relation.CONTAINS: 'intervalContains'>, <Relation.EQUALS: 'intervalEquals'>)
        """
        return _CONVERSE[self]


_PAIRS = [("BEFORE", "AFTER"), ("MEETS", "MET_BY"), ("OVERLAPS", "OVERLAPPED_BY"), ("STARTS", "STARTED_BY"),
          ("DURING", "CONTAINS"), ("FINISHES", "FINISHED_BY"), ("EQUALS", "EQUALS")]
_CONVERSE: dict[Relation, Relation] = {
    **{Relation[a]: Relation[b] for a, b in _PAIRS},
    **{Relation[b]: Relation[a] for a, b in _PAIRS},
}

# Nodes of the difference-constraint graph: 0 = day zero (for absolute bounds),
# 1 = a's first day, 2 = a's last day, 3 = b's first day, 4 = b's last day.
# A constraint (x, y, c) means  x - y <= c  over integer day numbers.
_ZERO, _AS, _AE, _BS, _BE = range(5)


def _eq(x: int, y: int) -> tuple[tuple[int, int, int], ...]:
    return ((x, y, 0), (y, x, 0))


# With a = [as, ae + 1) and b = [bs, be + 1):  "ae + 1 < bs" is  ae - bs <= -2,  and so on.
_CONSTRAINTS: dict[Relation, tuple[tuple[int, int, int], ...]] = {
    Relation.BEFORE: ((_AE, _BS, -2),),
    Relation.AFTER: ((_BE, _AS, -2),),
    Relation.MEETS: ((_AE, _BS, -1), (_BS, _AE, 1)),
    Relation.MET_BY: ((_BE, _AS, -1), (_AS, _BE, 1)),
    Relation.OVERLAPS: ((_AS, _BS, -1), (_BS, _AE, 0), (_AE, _BE, -1)),
    Relation.OVERLAPPED_BY: ((_BS, _AS, -1), (_AS, _BE, 0), (_BE, _AE, -1)),
    Relation.STARTS: (*_eq(_AS, _BS), (_AE, _BE, -1)),
    Relation.STARTED_BY: (*_eq(_AS, _BS), (_BE, _AE, -1)),
    Relation.DURING: ((_BS, _AS, -1), (_AE, _BE, -1)),
    Relation.CONTAINS: ((_AS, _BS, -1), (_BE, _AE, -1)),
    Relation.FINISHES: ((_BS, _AS, -1), *_eq(_AE, _BE)),
    Relation.FINISHED_BY: ((_AS, _BS, -1), *_eq(_AE, _BE)),
    Relation.EQUALS: (*_eq(_AS, _BS), *_eq(_AE, _BE)),
}
_NO_PATH = 1 << 62


def _span_constraints(span: TimeSpan, start: int, end: int) -> list[tuple[int, int, int]]:
    se, sl, ee, el = span.ordinals
    found = [(start, end, 0)]  # start <= end
    for node, lo, hi in ((start, se, sl), (end, ee, el)):
        if lo > NEG_INF:
            found.append((_ZERO, node, -lo))  # node >= lo
        if hi < POS_INF:
            found.append((node, _ZERO, hi))  # node <= hi
    return found


def _feasible(constraints: list[tuple[int, int, int]]) -> bool:
    """Whether integers satisfy all ``x - y <= c``: no negative cycle (Floyd-Warshall)."""
    dist = [[0 if i == j else _NO_PATH for j in range(5)] for i in range(5)]
    for x, y, c in constraints:  # x <= y + c: an edge y -> x of weight c
        dist[y][x] = min(dist[y][x], c)
    for k in range(5):
        row_k = dist[k]
        for row in dist:
            via = row[k]
            if via == _NO_PATH:
                continue
            for j in range(5):
                if row_k[j] != _NO_PATH and via + row_k[j] < row[j]:
                    row[j] = via + row_k[j]
    return all(dist[i][i] >= 0 for i in range(5))


def relations(a: TimeSpan, b: TimeSpan) -> dict[Relation, Certainty]:
    """How certain each Allen relation of *a* to *b* is, decided exactly from the bounds.

    A relation is possible iff some (start, end) days within the bounds of both
    spans satisfy it, and certain iff it is the only possible one.  Each test is
    a feasibility check of integer difference constraints on the four endpoints
    (Floyd-Warshall on five nodes), so it is exact, not sampled.

    >>> from kg.time.edtf import parse_edtf as p
    >>> found = relations(p("2017-21"), p("2017-04"))  # spring 2017 vs April 2017
    >>> sorted({c.word for c in found.values()}), found[Relation.DURING].word
    (['possibly'], 'possibly')
    >>> [r.name for r, c in relations(p("2017-03-31"), p("2017-04")).items() if c]
    ['BEFORE', 'MEETS']
    >>> relations(p("2015-06/2018-03"), p("2016"))[Relation.CONTAINS].word
    'certainly'
    """
    base = _span_constraints(a, _AS, _AE) + _span_constraints(b, _BS, _BE)
    possible = [r for r in Relation if _feasible(base + list(_CONSTRAINTS[r]))]
    sure = Certainty.CERTAINLY if len(possible) == 1 else Certainty.POSSIBLY
    return {r: sure if r in possible else Certainty.NOT for r in Relation}


def relation(a: TimeSpan, b: TimeSpan, rel: Relation) -> Certainty:
    """How certain it is that *a* stands in relation *rel* to *b*.

    >>> from kg.time.edtf import parse_edtf as p
    >>> relation(p("2016-05"), p("2017-04"), Relation.BEFORE).word
    'certainly'
    >>> relation(p("2016-05?"), p("2017-04"), Relation.BEFORE).word
    'possibly'
    """
    return relations(a, b)[rel]


def _phrase(kind: str, x: TimeSpan, *times: TimeSpan) -> Certainty:
    from kg.time.phrases import TimeFilter

    return TimeFilter(kind, times[0], times[1] if len(times) > 1 else None).judge(x)


# The everyday questions below are rows of the one table of time words
# (:data:`kg.time.phrases.TABLE`), judged on the spans' bounds.


def started_before(x: TimeSpan, t: TimeSpan) -> Certainty:
    """Did *x* start before *t* started ("was X going on at some time before T")?

    >>> from kg.time.edtf import parse_edtf as p
    >>> started_before(p("2016-12~"), p("2017-04")).word, started_before(p("2017-21"), p("2017-04")).word
    ('certainly', 'possibly')
    """
    return _phrase("before", x, t)


def ended_before(x: TimeSpan, t: TimeSpan) -> Certainty:
    """Did *x* end before *t* started (Allen before or meets: *x* precedes *t*)?

    >>> from kg.time.edtf import parse_edtf as p
    >>> ended_before(p("2017-03-31"), p("2017-04")).word, ended_before(p("2015-06/2018-03"), p("2017")).word
    ('certainly', 'not')
    """
    return _phrase("strictly-before", x, t)


def started_after(x: TimeSpan, t: TimeSpan) -> Certainty:
    """Did *x* start after *t* ended?

    >>> from kg.time.edtf import parse_edtf as p
    >>> started_after(p("2017-09"), p("2016-12/2017-08")).word, started_after(p("2017"), p("2017-06")).word
    ('certainly', 'possibly')
    """
    return _phrase("after", x, t)


def intersects(x: TimeSpan, t: TimeSpan) -> Certainty:
    """Do *x* and *t* share at least one day ("in 2016", "during")?

    >>> from kg.time.edtf import parse_edtf as p
    >>> intersects(p("2015-06/2018-03"), p("2016")).word, intersects(p("2015-06/"), p("2016")).word
    ('certainly', 'possibly')
    """
    return _phrase("during", x, t)


def within(x: TimeSpan, t: TimeSpan) -> Certainty:
    """Does *x* lie entirely inside *t* (started on or after its start, ended by its end)?

    >>> from kg.time.edtf import parse_edtf as p
    >>> within(p("2017-04-19"), p("2017-21").as_period()).word
    'certainly'
    >>> within(p("2017-04"), p("2017-04-10/2017-04-20")).word, within(p("2017-06"), p("2017-21")).word
    ('possibly', 'not')
    """
    return _phrase("within", x, t)


def holds_at(x: TimeSpan, t: TimeSpan) -> Certainty:
    """Does *x* cover the whole of *t* ("who held the position on 2016-06-01")?

    >>> from kg.time.edtf import parse_edtf as p
    >>> holds_at(p("2015-06/2018-03"), p("2016-06-01")).word, holds_at(p("2015-06/2016"), p("2016-06-01")).word
    ('certainly', 'possibly')
    """
    return _phrase("throughout", x, t)


def started_by(x: TimeSpan, t: TimeSpan) -> Certainty:
    """Had *x* started by the end of *t* ("as of T")?

    >>> from kg.time.edtf import parse_edtf as p
    >>> started_by(p("2017-04-19"), p("2017-04").as_period()).word  # as of (the end of) April 2017
    'certainly'
    >>> started_by(p("2017-04-19"), p("2017-04")).word  # something else that happened in April 2017
    'possibly'
    >>> started_by(p("2017-05"), p("2017-04")).word
    'not'
    """
    return _phrase("as-of", x, t)


def between(x: TimeSpan, t1: TimeSpan, t2: TimeSpan) -> Certainty:
    """Did *x* start between the start of *t1* and the end of *t2* (both inclusive)?

    >>> from kg.time.edtf import parse_edtf as p
    >>> between(p("2017-03-19"), p("2016-12"), p("2017-09")).word
    'certainly'
    >>> dec, sep = p("2016-12"), p("2017-09")
    >>> between(p("2017"), dec, sep).word, between(p("2015"), dec, sep).word
    ('possibly', 'not')
    """
    return _phrase("between", x, t1, t2)
