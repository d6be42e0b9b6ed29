"""Days: the one numbering of calendar days, and the stand-ins for unbounded limits.

Time is counted in whole days of the proleptic Gregorian calendar
(:class:`datetime.date`, years 1..9999).  Days are numbered by
:meth:`datetime.date.toordinal`; :func:`to_ordinal` and :func:`from_ordinal`
are the one place that converts, with ``NEG_INF`` / ``POS_INF`` standing in for
an unbounded lower / upper limit (so plain integer comparisons between a lower
and an upper limit behave as if the limits were infinite).

>>> from_ordinal(to_ordinal(date(2018, 3, 19)) + 1)
datetime.date(2018, 3, 20)
"""

from __future__ import annotations

from datetime import date

__all__ = ["NEG_INF", "POS_INF", "days_in_month", "from_ordinal", "to_ordinal"]

NEG_INF: int = -(10**9)
"""Ordinal standing in for an unbounded lower limit (far below day 1)."""
POS_INF: int = 10**9
"""Ordinal standing in for an unbounded upper limit (far above 9999-12-31)."""

def to_ordinal(d: date | None, unbounded: int = NEG_INF) -> int:
    """Day number of *d* (``d.toordinal()``); *unbounded* stands in for ``None``.

    >>> to_ordinal(date(1, 1, 2)), to_ordinal(None) == NEG_INF
    (2, True)
    >>> to_ordinal(None, POS_INF) == POS_INF
    True
    """
    return unbounded if d is None else d.toordinal()


def from_ordinal(n: int) -> date | None:
    """The day numbered *n*, or ``None`` for ``NEG_INF`` / ``POS_INF``.

    >>> from_ordinal(736772), from_ordinal(POS_INF)
    (datetime.date(2018, 3, 19), None)
    """
    if n <= NEG_INF or n >= POS_INF:
        return None
    return date.fromordinal(n)


def days_in_month(year: int, month: int) -> int:
    """Number of days in *month* of *year* (Gregorian leap years).

    >>> days_in_month(2017, 2), days_in_month(2016, 2), days_in_month(1900, 2)
    (28, 29, 28)
    """
    if month == 2:
        return 29 if year % 4 == 0 and (year % 100 != 0 or year % 400 == 0) else 28
    return 30 if month in (4, 6, 9, 11) else 31
