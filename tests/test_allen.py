"""Allen relations and everyday questions: worked examples and brute-force properties."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from itertools import product

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from strategies import BASE, at, spans

from kg.time.allen import (
    Relation,
    between,
    ended_before,
    holds_at,
    intersects,
    relation,
    relations,
    started_after,
    started_before,
    started_by,
    within,
)
from kg.time.edtf import parse_edtf
from kg.time import Certainty, TimeSpan

R = Relation
NOT, POSSIBLY, CERTAINLY = Certainty.NOT, Certainty.POSSIBLY, Certainty.CERTAINLY


def p(text: str) -> TimeSpan:
    return parse_edtf(text)


def whole(text: str) -> TimeSpan:
    """The whole calendar period *text* names (how questions mean "in April 2017")."""
    return parse_edtf(text).as_period()


def test_relation_names() -> None:
    assert len(Relation) == 13
    assert [r.owl_time for r in Relation] == [
        "before", "after", "intervalMeets", "intervalMetBy", "intervalOverlaps", "intervalOverlappedBy",
        "intervalStarts", "intervalStartedBy", "intervalDuring", "intervalContains", "intervalFinishes",
        "intervalFinishedBy", "intervalEquals",
    ]
    for r in Relation:
        assert r.converse.converse is r
    assert [r for r in Relation if r.converse is r] == [R.EQUALS]
    assert R.BEFORE.converse is R.AFTER and R.OVERLAPS.converse is R.OVERLAPPED_BY
    assert R.STARTS.converse is R.STARTED_BY and R.FINISHES.converse is R.FINISHED_BY


# a, b, the one relation that certainly holds (its converse certainly holds for b, a)
CERTAIN = [
    ("2016-05", "2017-04", R.BEFORE),
    ("2017-03-30", "2017-04", R.BEFORE),  # a gap day (31 March) even if b starts on 1 April
    ("2017-03-31", whole("2017-04"), R.MEETS),  # no gap day: 31 March meets April
    (whole("2017-03"), whole("2017-04"), R.MEETS),
    ("2016-12/2017-05", "2017-03/2017-09", R.OVERLAPS),
    ("2017-04-01/2017-04-10", whole("2017-04"), R.STARTS),
    ("2017-04-19", whole("2017-04"), R.DURING),
    ("2017-04-10/2017-04-20", whole("2017-21"), R.DURING),
    ("2017-04-20/2017-04-30", whole("2017-04"), R.FINISHES),
    ("2017-04-01/2017-04-30", whole("2017-04"), R.EQUALS),
    ("2015-06/2018-03", "2016", R.CONTAINS),
    ("../2015-06", "2016", R.BEFORE),
]


@pytest.mark.parametrize(("a", "b", "rel"), CERTAIN, ids=[f"{c[2].name}-{i}" for i, c in enumerate(CERTAIN)])
def test_certain_relation(a: str | TimeSpan, b: str | TimeSpan, rel: Relation) -> None:
    x, y = (p(s) if isinstance(s, str) else s for s in (a, b))
    assert relations(x, y) == {r: CERTAINLY if r is rel else NOT for r in Relation}
    assert relations(y, x) == {r: CERTAINLY if r is rel.converse else NOT for r in Relation}
    assert relation(x, y, rel) is CERTAINLY


def possible(a: TimeSpan, b: TimeSpan) -> set[Relation]:
    found = relations(a, b)
    assert CERTAINLY not in found.values()
    return {r for r, c in found.items() if c is POSSIBLY}


def test_partial_dates() -> None:
    # spring 2017 vs April 2017 (or the whole of April): anything goes, nothing is certain
    assert possible(p("2017-21"), p("2017-04")) == set(Relation)
    assert possible(p("2017-21"), whole("2017-04")) == set(Relation)
    assert relation(p("2017-21"), p("2017-04"), R.BEFORE) is POSSIBLY
    assert relation(p("2017-21"), p("2017-04"), R.DURING) is POSSIBLY
    # one day in March vs something within April: before, or meets if that starts on 1 April
    assert possible(p("2017-03-31"), p("2017-04")) == {R.BEFORE, R.MEETS}
    # June 2015 with an unknown end vs something in 2016: it may have ended before or during it
    assert possible(p("2015-06/"), p("2016")) == {R.BEFORE, R.MEETS, R.OVERLAPS, R.CONTAINS, R.FINISHED_BY}
    # on or before 20 March 2018 vs 18 or 19 March 2018: anything but "during" (at most two days)
    assert possible(p("[..2018-03-20]"), p("[2018-03-18,2018-03-19]")) == set(Relation) - {R.DURING}
    # about December 2016 (November..January) is certainly before the whole of April 2017
    assert relations(p("2016-12~"), whole("2017-04"))[R.BEFORE] is CERTAINLY
    # 2016-1X (October..December) vs Christmas 2016
    assert possible(p("2016-1X"), p("2016-12-25")) == {
        R.BEFORE, R.MEETS, R.AFTER, R.MET_BY, R.CONTAINS, R.STARTED_BY, R.FINISHED_BY, R.EQUALS}


def test_uncertain_dates_admit_any_reading() -> None:
    # "?" widens a date to everything it admits, so no relation is certain and none ruled out
    found = relations(p("2016-05?"), p("2017-04"))
    assert found == {r: POSSIBLY for r in Relation}
    assert started_before(p("2016-12?"), p("2017-04")) is POSSIBLY
    assert between(p("2017-03-19"), p("2016-12"), p("2017-09?")) is POSSIBLY
    # a month doubted within a known year stays within that year
    assert started_before(p("2016-?05"), p("2017-04")) is CERTAINLY


EVERYDAY = [
    # started_before: x started before t started
    (started_before, "2016-12~", "2017-04", CERTAINLY),
    (started_before, "2017-21", "2017-04", POSSIBLY),
    (started_before, "2017-05", "2017-04", NOT),
    (started_before, "2016/..", "2017-04", CERTAINLY),
    (started_before, "/2017-09", "2017-04", POSSIBLY),
    # ended_before: x ended before t started (Allen before or meets)
    (ended_before, "2017-03-31", whole("2017-04"), CERTAINLY),
    (ended_before, "2017-03-31", "2017-04", CERTAINLY),
    (ended_before, "2017-03", "2017-03-20", POSSIBLY),
    (ended_before, "2015-06/2018-03", "2017", NOT),
    (ended_before, "2015-06/", "2017", POSSIBLY),
    # started_after: x started after t ended
    (started_after, "2017-09", "2016-12/2017-08", CERTAINLY),
    (started_after, "2017", "2017-06", POSSIBLY),
    (started_after, "2017-04", "2015-06/2018-03", NOT),
    (started_after, "2017-04", "2015-06/..", POSSIBLY),  # the open span may have ended by then
    # intersects: at least one shared day
    (intersects, "2015-06/2018-03", "2016", CERTAINLY),
    (intersects, "2015-06/..", "2016", POSSIBLY),  # ".." leaves the end open
    (intersects, "2015-06/", "2016", POSSIBLY),
    (intersects, "2015-06/2016-03", "2016-03/2016-05", POSSIBLY),  # may end 1 March, the other start 31
    (intersects, "2015-06/2016-03-15", "2016-03-01/2016-05", CERTAINLY),
    (intersects, "2017-21", "2017-04", POSSIBLY),
    (intersects, "2017-04", "2017-21", POSSIBLY),
    (intersects, "2017-04", whole("2017-21"), CERTAINLY),
    (intersects, "2015", "2016", NOT),
    # within: x entirely inside t
    (within, "2017-04-19", whole("2017-21"), CERTAINLY),
    (within, "2017-04-19", "2017-21", POSSIBLY),
    (within, "2017-04", "2017-04-10/2017-04-20", POSSIBLY),
    (within, "2017-06", "2017-21", NOT),
    (within, "2017-03/2017-06", whole("2017-21"), NOT),
    # holds_at: x covers the whole of t
    (holds_at, "2015-06/2018-03", "2016-06-01", CERTAINLY),
    (holds_at, "2015-06/2016", "2016-06-01", POSSIBLY),
    (holds_at, "2015-06/2016-05", "2016-06-01", NOT),
    (holds_at, "2015-06/2016-05", "2016-05", POSSIBLY),
    (holds_at, "2015-06/2016-05", whole("2016-05"), POSSIBLY),
    (holds_at, "2015-06/2016-06", whole("2016-05"), CERTAINLY),
    # started_by: x had started by the end of t ("as of T")
    (started_by, "2017-04-19", whole("2017-04"), CERTAINLY),
    (started_by, "2017-04-19", "2017-04", POSSIBLY),
    (started_by, "2017-05", "2017-04", NOT),
    (started_by, "[..2017-04-30]", whole("2017-04"), CERTAINLY),
]


@pytest.mark.parametrize(
    ("ask", "x", "t", "expected"), EVERYDAY, ids=[f"{e[0].__name__}-{i}" for i, e in enumerate(EVERYDAY)]
)
def test_everyday(
    ask: Callable[[TimeSpan, TimeSpan], Certainty], x: str, t: str | TimeSpan, expected: Certainty
) -> None:
    assert ask(p(x), p(t) if isinstance(t, str) else t) is expected


def test_between() -> None:
    dec, sep = whole("2016-12"), whole("2017-09")
    assert between(p("2017-03-19"), dec, sep) is CERTAINLY
    assert between(p("2016-12-01"), dec, sep) is CERTAINLY  # inclusive at both ends
    assert between(p("2017-09-30"), dec, sep) is CERTAINLY
    assert between(p("2017"), dec, sep) is POSSIBLY
    assert between(p("2015"), dec, sep) is NOT
    assert between(p("2017-10"), dec, sep) is NOT
    assert between(p("2016-12-01"), p("2016-12"), p("2017-09")) is POSSIBLY  # something within December
    assert between(p("2017-03-19"), sep, dec) is NOT  # the period runs backwards: nothing is inside


# ---------------------------------------------------------------- brute force
WINDOW = range(-3, 9)  # unbounded sides range over this (bounds lie in 0..5)


def choices(span: TimeSpan) -> list[tuple[int, int]]:
    """Every concrete (start, end) day offset the span allows, within WINDOW."""
    lo_s, hi_s, lo_e, hi_e = (n - BASE.toordinal() for n in span.ordinals)
    return [(s, e) for s in WINDOW for e in WINDOW if lo_s <= s <= hi_s and lo_e <= e <= hi_e and s <= e]


def concrete(a: tuple[int, int], b: tuple[int, int]) -> Relation:
    """Allen relation of two concrete inclusive day ranges, via half-open [s, e + 1)."""
    (a0, a1), (b0, b1) = (a[0], a[1] + 1), (b[0], b[1] + 1)
    if a1 < b0:
        return R.BEFORE
    if b1 < a0:
        return R.AFTER
    if a1 == b0:
        return R.MEETS
    if b1 == a0:
        return R.MET_BY
    if (a0, a1) == (b0, b1):
        return R.EQUALS
    if a0 == b0:
        return R.STARTS if a1 < b1 else R.STARTED_BY
    if a1 == b1:
        return R.FINISHES if a0 > b0 else R.FINISHED_BY
    if b0 < a0 and a1 < b1:
        return R.DURING
    if a0 < b0 and b1 < a1:
        return R.CONTAINS
    return R.OVERLAPS if a0 < b0 else R.OVERLAPPED_BY


@st.composite
def precise_spans(draw: st.DrawFn) -> TimeSpan:
    start = draw(st.integers(0, 5))
    return TimeSpan.period(at(start), at(draw(st.integers(start, 5))))  # type: ignore[arg-type]


def expected(truths: Iterator[bool], *spans_: TimeSpan) -> Certainty:
    seen = set(truths)
    if seen == {True}:
        return CERTAINLY
    return POSSIBLY if True in seen else NOT


@settings(deadline=None)
@given(spans(), spans())
def test_relations_are_exact(a: TimeSpan, b: TimeSpan) -> None:
    found = relations(a, b)
    realised = {concrete(x, y) for x, y in product(choices(a), choices(b))}
    assert {r for r, c in found.items() if c} == realised
    assert sum(c is CERTAINLY for c in found.values()) <= 1


@given(spans(), spans())
def test_converse(a: TimeSpan, b: TimeSpan) -> None:
    ab, ba = relations(a, b), relations(b, a)
    assert all(ab[r] is ba[r.converse] for r in Relation)


@given(spans(), spans())
def test_some_relation_possible_at_most_one_certain(a: TimeSpan, b: TimeSpan) -> None:
    found = relations(a, b)
    assert any(found.values())
    assert sum(c is CERTAINLY for c in found.values()) <= 1
    assert (CERTAINLY in found.values()) == (len([c for c in found.values() if c]) == 1)


@given(precise_spans(), precise_spans())
def test_precise_spans_have_exactly_one_relation(a: TimeSpan, b: TimeSpan) -> None:
    found = relations(a, b)
    (certain,) = [r for r, c in found.items() if c is CERTAINLY]
    assert all(c is NOT for r, c in found.items() if r is not certain)
    (pair,) = product(choices(a), choices(b))
    assert certain is concrete(*pair)


LIMIT = st.one_of(st.none(), st.integers(-1, 6))


@given(spans(), spans(), LIMIT, LIMIT, LIMIT, LIMIT)
def test_narrowing_is_monotone(
    a: TimeSpan, b: TimeSpan, l1: int | None, l2: int | None, l3: int | None, l4: int | None
) -> None:
    try:
        narrow = a.narrowed(start_not_before=at(l1), start_not_after=at(l2), end_not_before=at(l3),
                            end_not_after=at(l4))
    except ValueError:
        assume(False)
        raise
    before, after = relations(a, b), relations(narrow, b)
    for r in Relation:
        if before[r] is NOT:
            assert after[r] is NOT
        if before[r] is CERTAINLY:
            assert after[r] is CERTAINLY
    for ask in (started_before, ended_before, started_after, intersects, within, holds_at, started_by):
        old, new = ask(a, b), ask(narrow, b)
        assert (old is not NOT or new is NOT) and (old is not CERTAINLY or new is CERTAINLY)


TESTS: dict[Callable[[TimeSpan, TimeSpan], Certainty], Callable[[int, int, int, int], bool]] = {
    started_before: lambda s, e, ts, te: s < ts,
    ended_before: lambda s, e, ts, te: e < ts,
    started_after: lambda s, e, ts, te: s > te,
    intersects: lambda s, e, ts, te: s <= te and ts <= e,
    within: lambda s, e, ts, te: ts <= s and e <= te,
    holds_at: lambda s, e, ts, te: s <= ts and te <= e,
    started_by: lambda s, e, ts, te: s <= te,
}


@pytest.mark.parametrize("ask", list(TESTS), ids=[f.__name__ for f in TESTS])
@settings(deadline=None)
@given(x=spans(), t=spans())
def test_everyday_matches_brute_force(ask: Callable[[TimeSpan, TimeSpan], Certainty], x: TimeSpan, t: TimeSpan) -> None:
    truth = TESTS[ask]
    want = expected((truth(s, e, ts, te) for (s, e), (ts, te) in product(choices(x), choices(t))), x, t)
    assert ask(x, t) is want


@settings(deadline=None)
@given(spans(), spans(), spans())
def test_between_matches_brute_force(x: TimeSpan, t1: TimeSpan, t2: TimeSpan) -> None:
    starts = {s for s, _ in choices(x)}
    t1_starts, t2_ends = {s for s, _ in choices(t1)}, {e for _, e in choices(t2)}
    want = expected((a <= s <= b for s, a, b in product(starts, t1_starts, t2_ends)), x, t1, t2)
    assert between(x, t1, t2) is want
    # the same span as both ends: its start and end are chosen together
    want = expected((a <= s <= b for s in starts for a, b in choices(t1)), x, t1)
    assert between(x, t1, t1) is want
