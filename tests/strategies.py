"""Hypothesis strategies shared by the time tests: small spans of days around one base day."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import assume
from hypothesis import strategies as st

from kg.time import TimeSpan

BASE = date(2020, 1, 1)


def at(n: int | None) -> date | None:
    """The day ``n`` days after BASE (None stays None: unbounded)."""
    return None if n is None else BASE + timedelta(days=n)


@st.composite
def spans(draw: st.DrawFn, last: int = 5) -> TimeSpan:
    """A span whose four bounds are each unbounded or a day in BASE .. BASE + last."""
    bound = st.one_of(st.none(), st.integers(0, last), st.integers(0, last))
    se, sl, ee, el = (draw(bound) for _ in range(4))
    try:
        return TimeSpan(at(se), at(sl), at(ee), at(el))
    except ValueError:
        assume(False)
        raise
