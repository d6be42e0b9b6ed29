"""Relations between the times of two items, and what they mean as constraints.

A timeline states how the times of two items relate ("a month after", "at that time",
"initially", "in a report published in April") in its ``relations:`` section. Each
relation here is a set of difference constraints ``low <= X - Y <= high`` between the
first and last days of the two items (``A`` the ``from`` item, ``B`` the ``to`` item),
days inclusive; :mod:`kg.timeline.derivation` adds them to the timeline's
:class:`~kg.time.network.TimeNetwork`.

Between whole items (:data:`RELATIONS`; Allen's relations read on whole days, plus
``within`` / ``includes``):

===============  ===========================================  ========================
relation         A ... B                                      OWL-Time
===============  ===========================================  ========================
before           A ends on a day before B starts              time:before
after            A starts on a day after B ends               time:after
meets            A ends the day before B starts               time:intervalMeets
met-by           A starts the day after B ends                time:intervalMetBy
overlaps         A starts first, they share days, B ends last  time:intervalOverlaps
overlapped-by    the converse                                 time:intervalOverlappedBy
starts           same first day, A ends first                 time:intervalStarts
started-by       same first day, B ends first                 time:intervalStartedBy
during           A starts after B starts and ends before B    time:intervalDuring
contains         the converse                                 time:intervalContains
finishes         same last day, A starts later                time:intervalFinishes
finished-by      same last day, A starts earlier              time:intervalFinishedBy
equals           same first and last day                      time:intervalEquals
within           A lies inside B (days may coincide)          (during, starts, finishes
                                                              or equals)
includes         the converse of within
===============  ===========================================  ========================

Between single ends (``from_point`` / ``to_point``, each ``start`` or ``end``;
:data:`POINT_RELATIONS`): ``before`` (an earlier day), ``after``, ``same-day``,
``not-after`` (the same day or earlier), ``not-before``.

An ``offset`` gives ``before`` / ``after`` a size: ``after`` with ``offset: P1M`` puts A's
start (or ``from_point``) one month after B's end (or ``to_point``). See
:func:`parse_offset` for what a duration admits.

What links imply (:data:`LINK_TIMES`), and claims (:data:`CLAIM_TIMES`):

* ``response-to``: a response starts no earlier than what it answers starts;
* ``because-of``: a cause starts no later than its effect ends;
* ``part-of``: a part lies within its whole;
* a claim that something happened or holds (stance asserts, confirms or relays; not a
  planned event) is made no earlier than the thing started;
* a claim quoted in a source was made no later than that source's date.

>>> [c for c in RELATIONS["during"]]
[(('A', 'start'), ('B', 'start'), 1, None), (('B', 'end'), ('A', 'end'), 1, None)]
>>> parse_offset("P1M~")
Offset(text='P1M~', low=21, high=38, nominal_low=28, nominal_high=31)
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

__all__ = [
    "CLAIM_TIMES",
    "LINK_TIMES",
    "OWL_TIME",
    "POINTS",
    "POINT_RELATIONS",
    "RELATIONS",
    "Offset",
    "constraints",
    "parse_offset",
]

Point = tuple[str, str]  # ("A" | "B", "start" | "end")
Difference = tuple[Point, Point, "int | None", "int | None"]  # low <= X - Y <= high

POINTS = ("start", "end")

_AS, _AE, _BS, _BE = ("A", "start"), ("A", "end"), ("B", "start"), ("B", "end")


def _same(x: Point, y: Point) -> Difference:
    return (x, y, 0, 0)


def _later(x: Point, y: Point, by: int = 1) -> Difference:
    """x is at least *by* days after y."""
    return (x, y, by, None)


def _swap(diffs: tuple[Difference, ...]) -> tuple[Difference, ...]:
    flip = {"A": "B", "B": "A"}
    return tuple(((flip[x[0]], x[1]), (flip[y[0]], y[1]), lo, hi) for x, y, lo, hi in diffs)


_ONE_WAY: dict[str, tuple[Difference, ...]] = {
    "before": (_later(_BS, _AE),),
    "meets": ((_BS, _AE, 1, 1),),
    "overlaps": (_later(_BS, _AS), _later(_AE, _BS, 0), _later(_BE, _AE)),
    "starts": (_same(_AS, _BS), _later(_BE, _AE)),
    "during": (_later(_AS, _BS), _later(_BE, _AE)),
    "finishes": (_same(_AE, _BE), _later(_AS, _BS)),
    "within": (_later(_AS, _BS, 0), _later(_BE, _AE, 0)),
}
_CONVERSES = {"before": "after", "meets": "met-by", "overlaps": "overlapped-by", "starts": "started-by",
              "during": "contains", "finishes": "finished-by", "within": "includes"}

RELATIONS: dict[str, tuple[Difference, ...]] = {
    **_ONE_WAY,
    **{_CONVERSES[k]: _swap(v) for k, v in _ONE_WAY.items()},
    "equals": (_same(_AS, _BS), _same(_AE, _BE)),
}
"""Relations between whole items: name -> the differences that must hold."""

OWL_TIME: dict[str, str] = {
    "before": "before", "after": "after", "meets": "intervalMeets", "met-by": "intervalMetBy",
    "overlaps": "intervalOverlaps", "overlapped-by": "intervalOverlappedBy", "starts": "intervalStarts",
    "started-by": "intervalStartedBy", "during": "intervalDuring", "contains": "intervalContains",
    "finishes": "intervalFinishes", "finished-by": "intervalFinishedBy", "equals": "intervalEquals",
}
"""The OWL-Time property (local name) for each relation that has one."""

POINT_RELATIONS: dict[str, tuple[int | None, int | None]] = {
    "before": (None, -1),  # A.p - B.q <= -1
    "after": (1, None),
    "same-day": (0, 0),
    "not-after": (None, 0),
    "not-before": (0, None),
}
"""Relations between single ends: name -> (low, high) of ``A.from_point - B.to_point``."""

LINK_TIMES: dict[str, tuple[Difference, ...]] = {
    "response-to": (_later(_AS, _BS, 0),),
    "because-of": (_later(_AE, _BS, 0),),
    "part-of": RELATIONS["within"],
}
"""What a link from A to B implies in time."""

CLAIM_TIMES: dict[str, Difference] = {
    "made-after-start": _later(_AE, _BS, 0),  # A the claim's date, B what it is about
    "quoted-after-made": _later(_BE, _AE, 0),  # A the claim's date, B the quoting source's
}
"""What a claim's date implies: the claim is A, the thing claimed (or the quoting source) B."""

CLAIMS_THAT_DATE = ("asserts", "confirms", "relays")
"""Stances of claims that say something happened or holds, so it began before the claim."""


@dataclass(frozen=True)
class Offset:
    """The size of a gap, in days: admissible ``low..high``, nominal ``nominal_low..nominal_high``."""

    text: str
    low: int
    high: int
    nominal_low: int
    nominal_high: int


_DURATION = re.compile(r"P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?(~?)")


def _days(text: str) -> tuple[int, int, bool]:
    m = _DURATION.fullmatch(text)
    if not m or not any(m.group(i) for i in range(1, 5)):
        raise ValueError(f"offset {text!r} is not an ISO 8601 duration such as P1M, P2W, P30D or P1M~")
    years, months, weeks, days = (int(m.group(i) or 0) for i in range(1, 5))
    low = 365 * years + 28 * months + 7 * weeks + days
    high = 366 * years + 31 * months + 7 * weeks + days
    return low, high, bool(m.group(5))


def parse_offset(value: Any) -> Offset:
    """An offset from a duration (``P1M``, ``P1M~``) or ``{min, max, nominal}`` of durations.

    A duration admits what the calendar allows: ``PnD`` n days, ``PnW`` 7n, ``PnM`` 28n to
    31n, ``PnY`` 365n to 366n. With ``~`` ("about a month") the admissible range widens by
    a quarter of the duration either way (at least a day); the nominal range stays the
    duration as written. ``{min: P3W, max: P6W, nominal: P1M}`` sets both yourself.

    >>> parse_offset("P30D"), parse_offset("P1M").low, parse_offset("P1M").high
    (Offset(text='P30D', low=30, high=30, nominal_low=30, nominal_high=30), 28, 31)
    >>> parse_offset({"min": "P3W", "max": "P6W", "nominal": "P1M"})
    Offset(text='P3W..P6W (nominal P1M)', low=21, high=42, nominal_low=28, nominal_high=31)
    >>> parse_offset("1 month")
    Traceback (most recent call last):
    ValueError: offset '1 month' is not an ISO 8601 duration such as P1M, P2W, P30D or P1M~
    """
    if isinstance(value, Mapping):
        unknown = set(value) - {"min", "max", "nominal"}
        if unknown or not {"min", "max"} <= set(value):
            raise ValueError("an offset mapping has min and max (durations) and may have nominal")
        low, _, _ = _days(str(value["min"]))
        _, high, _ = _days(str(value["max"]))
        nominal = str(value.get("nominal") or "")
        n_low, n_high, _ = _days(nominal) if nominal else (low, high, False)
        if low > high or not low <= n_low <= n_high <= high:
            raise ValueError("an offset's min must not exceed its max, and its nominal must lie between them")
        text = f"{value['min']}..{value['max']}" + (f" (nominal {nominal})" if nominal else "")
        return Offset(text, low, high, n_low, n_high)
    text = str(value)
    low, high, about = _days(text)
    if about:
        slack = max(1, math.ceil(low / 4))
        return Offset(text, max(0, low - slack), high + slack, low, high)
    return Offset(text, low, high, low, high)


def constraints(relation: str, *, from_point: str | None = None, to_point: str | None = None,
                offset: Offset | None = None, nominal: bool = False) -> tuple[Difference, ...]:
    """The differences a relation states, with an offset's admissible or (``nominal``) range.

    >>> constraints("after", offset=parse_offset("P1M"))
    ((('A', 'start'), ('B', 'end'), 28, 31),)
    >>> constraints("not-after", from_point="end", to_point="start")
    ((('A', 'end'), ('B', 'start'), None, 0),)
    """
    points = from_point is not None or to_point is not None
    if offset is not None:
        if relation not in ("before", "after"):
            raise ValueError(f"an offset goes with before or after, not {relation!r}")
        size = (offset.nominal_low, offset.nominal_high) if nominal else (offset.low, offset.high)
        if relation == "after":
            return ((("A", from_point or "start"), ("B", to_point or "end"), *size),)
        return ((("B", to_point or "start"), ("A", from_point or "end"), *size),)
    if points:
        if relation not in POINT_RELATIONS:
            raise ValueError(f"between single ends the relation is one of {', '.join(POINT_RELATIONS)}")
        low, high = POINT_RELATIONS[relation]
        return ((("A", from_point or "start"), ("B", to_point or "start"), low, high),)
    if relation not in RELATIONS:
        raise ValueError(f"unknown relation {relation!r}")
    return RELATIONS[relation]
