"""TimeSpan invariants, constructors, narrowing, words, and Certainty."""

from __future__ import annotations

import dataclasses
from datetime import date, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kg.time.edtf import parse_edtf, written
from kg.timeline.model import TimeSpec
from kg.time import (
    NEG_INF,
    POS_INF,
    Certainty,
    TimeSpan,
    days_in_month,
    from_ordinal,
    to_ordinal,
    words,
)

D = date


def test_ordinal_convention() -> None:
    assert to_ordinal(D(2018, 3, 19)) == D(2018, 3, 19).toordinal()
    assert to_ordinal(None) == NEG_INF and to_ordinal(None, POS_INF) == POS_INF
    assert from_ordinal(NEG_INF) is None and from_ordinal(POS_INF) is None
    assert NEG_INF < to_ordinal(date.min) and to_ordinal(date.max) < POS_INF


@given(st.dates())
def test_ordinal_round_trip(day: date) -> None:
    assert from_ordinal(to_ordinal(day)) == day


@given(st.integers(1, 9999), st.integers(1, 12))
def test_days_in_month(year: int, month: int) -> None:
    following = date(year + (month == 12), month % 12 + 1, 1) if (year, month) != (9999, 12) else None
    if following is not None:
        assert (following - date(year, month, 1)).days == days_in_month(year, month)


def test_tightening() -> None:
    span = TimeSpan(D(2017, 3, 1), None, None, D(2017, 5, 31))
    assert span.start_latest == D(2017, 5, 31) and span.end_earliest == D(2017, 3, 1)
    span = TimeSpan(D(2018, 3, 1), D(2018, 3, 31), D(2018, 3, 15), D(2018, 3, 15))
    assert span.start_latest == D(2018, 3, 15)
    assert span.ordinals == (D(2018, 3, 1).toordinal(), D(2018, 3, 15).toordinal(),
                             D(2018, 3, 15).toordinal(), D(2018, 3, 15).toordinal())
    assert TimeSpan(None, None, None, None).ordinals == (NEG_INF, POS_INF, NEG_INF, POS_INF)


@pytest.mark.parametrize(
    ("bounds", "message"),
    [
        ((D(2018, 3, 2), D(2018, 3, 1), None, None), "start_earliest 2018-03-02 is after start_latest 2018-03-01"),
        ((None, None, D(2018, 3, 2), D(2018, 3, 1)), "end_earliest 2018-03-02 is after end_latest 2018-03-01"),
        ((D(2018, 3, 20), None, None, D(2018, 3, 1)), "start_earliest 2018-03-20 is after end_latest 2018-03-01"),
    ],
)
def test_impossible_spans(bounds: tuple[date | None, ...], message: str) -> None:
    with pytest.raises(ValueError, match=f"^impossible time span: {message}$"):
        TimeSpan(*bounds)


def test_bad_types() -> None:
    with pytest.raises(TypeError, match="start_earliest must be a datetime.date"):
        TimeSpan(datetime(2018, 1, 1), None, None, None)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="end_latest must be a datetime.date or None, not str"):
        TimeSpan(None, None, None, "2018-01-01")  # type: ignore[arg-type]


def test_a_span_holds_bounds_and_nothing_of_how_it_was_written() -> None:
    # how a time was written lives in kg.time.edtf.Written, on the TimeSpec beside the span
    fields = [f.name for f in dataclasses.fields(TimeSpan) if f.init]
    assert fields == ["start_earliest", "start_latest", "end_earliest", "end_latest"]
    with pytest.raises(TypeError, match="unexpected keyword argument 'edtf'"):
        TimeSpan(None, None, None, None, edtf="2018")  # type: ignore[call-arg]
    assert parse_edtf("2016-12~") == TimeSpan.between(D(2016, 11, 1), D(2017, 1, 31))  # the bounds alone


def test_frozen_and_hashable() -> None:
    span = TimeSpan.day(D(2018, 3, 19))
    with pytest.raises(dataclasses.FrozenInstanceError):
        span.start_earliest = D(2018, 3, 1)  # type: ignore[misc]
    assert hash(span) == hash(TimeSpan.day(D(2018, 3, 19))) and span == TimeSpan.day(D(2018, 3, 19))


def test_constructors() -> None:
    day = TimeSpan.day(D(2018, 3, 19))
    assert (day.start_earliest, day.start_latest, day.end_earliest, day.end_latest) == (D(2018, 3, 19),) * 4
    within = TimeSpan.between(D(2016, 11, 1), D(2018, 3, 20))
    assert (within.start_earliest, within.start_latest) == (D(2016, 11, 1), D(2018, 3, 20))
    assert (within.end_earliest, within.end_latest) == (D(2016, 11, 1), D(2018, 3, 20))
    with pytest.raises(ValueError):
        TimeSpan.between(D(2018, 3, 20), D(2016, 11, 1))
    period = TimeSpan.period(D(2017, 4, 1), D(2017, 4, 30))
    assert period.is_precise and period.start_latest == D(2017, 4, 1) and period.end_earliest == D(2017, 4, 30)
    nothing = TimeSpan.unbounded()
    assert nothing.ordinals == (NEG_INF, POS_INF, NEG_INF, POS_INF)


def test_as_period() -> None:
    assert parse_edtf("2017-04").as_period().ordinals == TimeSpan.period(D(2017, 4, 1), D(2017, 4, 30)).ordinals
    open_end = parse_edtf("2015-06/..").as_period()
    assert (open_end.start_earliest, open_end.end_latest) == (D(2015, 6, 1), date.max)
    assert TimeSpan.unbounded().as_period().ordinals == TimeSpan.period(date.min, date.max).ordinals


def test_is_precise() -> None:
    assert TimeSpan.day(D(2018, 3, 19)).is_precise
    assert parse_edtf("2016-11-01/2018-03-20").is_precise
    assert not parse_edtf("2018-03-19?").is_precise
    assert not parse_edtf("2018-03").is_precise
    assert not parse_edtf("2018-03-19/").is_precise
    assert not TimeSpan.unbounded().is_precise


def test_narrowed() -> None:
    span = parse_edtf("2017-21?", nominal=True)
    narrow = span.narrowed(start_not_before=D(2017, 4, 1), end_not_after=D(2017, 4, 30))
    assert (narrow.start_earliest, narrow.start_latest) == (D(2017, 4, 1), D(2017, 4, 30))
    assert (narrow.end_earliest, narrow.end_latest) == (D(2017, 4, 1), D(2017, 4, 30))
    assert span.narrowed() == span
    assert span.narrowed(start_not_after=D(2018, 1, 1)) == span  # looser limits change nothing
    assert parse_edtf("/2016-11").narrowed(start_not_before=D(2016, 1, 1)).start_earliest == D(2016, 1, 1)
    with pytest.raises(ValueError, match="^narrowing leaves no possible time: impossible time span"):
        span.narrowed(end_not_before=D(2017, 6, 1))
    # ".." does not claim the thing is still going on, so it may be narrowed to an end
    assert parse_edtf("2015-06/..").narrowed(end_not_after=D(2020, 1, 1)).end_latest == D(2020, 1, 1)


OFFSET = st.one_of(st.none(), st.integers(0, 6))
BASE = D(2020, 1, 1)


def day(n: int | None) -> date | None:
    return None if n is None else BASE + timedelta(days=n)


@given(OFFSET, OFFSET, OFFSET, OFFSET)
def test_construction_is_exact(se: int | None, sl: int | None, ee: int | None, el: int | None) -> None:
    """Valid iff some (start, end) fits; afterwards every bound is reached by some fitting pair."""
    window = range(-3, 10)
    fits = [
        (s, e)
        for s in window
        for e in window
        if s <= e
        and (se is None or se <= s) and (sl is None or s <= sl)
        and (ee is None or ee <= e) and (el is None or e <= el)
    ]
    try:
        span = TimeSpan(day(se), day(sl), day(ee), day(el))
    except ValueError:
        assert not fits
        return
    se_, sl_, ee_, el_ = (n - BASE.toordinal() for n in span.ordinals)
    # the tightened bounds are exact: every day between them is a possible start (resp. end)
    assert {s for s, _ in fits} == {s for s in window if se_ <= s <= sl_}
    assert {e for _, e in fits} == {e for e in window if ee_ <= e <= el_}


def test_certainty() -> None:
    assert [c.word for c in Certainty] == ["not", "possibly", "likely", "certainly"]
    assert Certainty.NOT < Certainty.POSSIBLY < Certainty.LIKELY < Certainty.CERTAINLY
    assert max(Certainty.NOT, Certainty.POSSIBLY) is Certainty.POSSIBLY
    assert Certainty.named("Likely") is Certainty.LIKELY
    with pytest.raises(ValueError, match="unknown grade 'sure'"):
        Certainty.named("sure")


def test_uncertain_dates_admit_any_day_of_what_they_doubt() -> None:
    # "?" says the date may be wrong: the admissible reading is open, the nominal one as written
    doubt = parse_edtf("2018-08?")
    assert doubt.ordinals == (NEG_INF, POS_INF, NEG_INF, POS_INF) and written("2018-08?").uncertain
    assert parse_edtf("2018-08?", nominal=True).start_earliest == D(2018, 8, 1)
    month_doubt = parse_edtf("2018-?08")  # only the month is doubted: any day of 2018
    assert (month_doubt.start_earliest, month_doubt.end_latest) == (D(2018, 1, 1), D(2018, 12, 31))
    day_doubt = parse_edtf("2018-08-?11")
    assert (day_doubt.start_earliest, day_doubt.end_latest) == (D(2018, 8, 1), D(2018, 8, 31))


DESCRIBE_BOUNDS = [
    (TimeSpan.day(D(2018, 3, 19)), "19 March 2018", "19 مارس 2018"),
    (TimeSpan.between(D(2016, 11, 1), D(2018, 3, 20)),
     "between 1 November 2016 and 20 March 2018", "بين 1 نوفمبر 2016 و20 مارس 2018"),
    (TimeSpan.between(D(2015, 6, 1), D(2015, 6, 30)), "June 2015", "يونيو 2015"),
    (TimeSpan.between(D(2016, 10, 1), D(2016, 12, 31)), "October–December 2016", "أكتوبر–ديسمبر 2016"),
    (TimeSpan.between(D(2016, 12, 1), D(2017, 2, 28)), "December 2016 – February 2017", "ديسمبر 2016 – فبراير 2017"),
    (TimeSpan.between(D(2016, 1, 1), D(2016, 12, 31)), "2016", "2016"),
    (TimeSpan.between(D(2010, 1, 1), D(2019, 12, 31)), "2010–2019", "2010–2019"),
    (TimeSpan(None, None, None, D(2018, 3, 20)), "on or before 20 March 2018", "في 20 مارس 2018 أو قبله"),
    (TimeSpan(D(2018, 3, 20), None, None, None), "on or after 20 March 2018", "في 20 مارس 2018 أو بعده"),
    (TimeSpan.unbounded(), "unknown", "غير معروف"),
    (TimeSpan.period(D(2016, 11, 1), D(2018, 3, 20)),
     "1 November 2016 – 20 March 2018", "1 نوفمبر 2016 – 20 مارس 2018"),
    (TimeSpan(D(2016, 12, 1), D(2016, 12, 31), D(2017, 9, 1), D(2017, 9, 30)),
     "December 2016 – September 2017", "ديسمبر 2016 – سبتمبر 2017"),
    (TimeSpan(D(2015, 6, 1), D(2015, 6, 30), None, None),
     "starting June 2015", "يبدأ يونيو 2015"),
    (TimeSpan(None, None, D(2016, 11, 1), D(2016, 11, 30)),
     "ending November 2016", "ينتهي نوفمبر 2016"),
    (TimeSpan.period(D(2017, 4, 1), D(2017, 4, 30)), "April 2017", "أبريل 2017"),
    (TimeSpan.period(D(2016, 1, 1), D(2017, 12, 31)), "2016–2017", "2016–2017"),
]


@pytest.mark.parametrize(("span", "en", "ar"), DESCRIBE_BOUNDS, ids=[r[1] for r in DESCRIBE_BOUNDS])
def test_describe_from_bounds(span: TimeSpan, en: str, ar: str) -> None:
    assert span.describe() == en and span.describe(lang="ar") == ar


WRITTEN = [  # the words of a time as written, which its bounds alone cannot give
    ("2015-06/..", "June 2015 onwards", "منذ يونيو 2015", "starting June 2015"),
    ("2015-06/", "June 2015 – unknown", "يونيو 2015 – غير معروف", "starting June 2015"),
    ("../2016-11", "until November 2016", "حتى نوفمبر 2016", "ending November 2016"),
    ("2016-12~", "about December 2016", "نحو ديسمبر 2016", "November 2016 – January 2017"),
    ("2018-08?", "August 2018 (uncertain)", "أغسطس 2018 (غير مؤكد)", "unknown"),
    ("2017-21", "spring 2017", "ربيع 2017", "March–May 2017"),
]


@pytest.mark.parametrize(("text", "en", "ar", "bounds"), WRITTEN, ids=[r[0] for r in WRITTEN])
def test_a_time_spec_describes_the_time_as_written(text: str, en: str, ar: str, bounds: str) -> None:
    spec = TimeSpec(parse_edtf(text), edtf=text)
    assert spec.describe() == en and spec.describe("ar") == ar and spec.written == written(text)
    assert spec.describe_bounds() == spec.span.describe() == bounds
    narrowed = TimeSpec(parse_edtf("2017-21").narrowed(start_not_before=D(2017, 4, 1)), edtf="2017-21")
    assert narrowed.describe() == "spring 2017" and narrowed.describe_bounds() != "spring 2017"


def test_uncertain_and_precise_belong_to_the_time_as_written() -> None:
    day = TimeSpan.day(D(2018, 3, 19))
    assert TimeSpec(day, edtf="2018-03-19").is_precise and TimeSpec(day).is_precise
    pinned = TimeSpec(day, edtf="2018-03?")  # bounds pinned by other times, the source unsure
    assert day.is_precise and pinned.uncertain and not pinned.is_precise
    assert TimeSpec(day).written is None and not TimeSpec(day).uncertain


def test_words() -> None:
    en, ar = words("en"), words("ar")
    assert len(en.months) == len(ar.months) == 12
    assert ar.months == ("يناير", "فبراير", "مارس", "أبريل", "مايو", "يونيو", "يوليو",
                         "أغسطس", "سبتمبر", "أكتوبر", "نوفمبر", "ديسمبر")
    assert ar.seasons == ("ربيع", "صيف", "خريف", "شتاء")
    assert en.join(["a"], " or ") == "a" and en.join(["a", "b"], " or ") == "a or b"
    assert ar.join(["أ", "ب", "ج"], ar.or_) == "أ أو ب أو ج"
    with pytest.raises(ValueError, match="unsupported language 'de'"):
        TimeSpan.day(D(2018, 3, 19)).describe("de")
    with pytest.raises(ValueError, match="unsupported language"):
        written("2018").describe("de")


def test_a_state_seen_under_way_is_described_so() -> None:
    # started by the end of January 2018 and still going on its first day: under way then
    seen = TimeSpan(None, D(2018, 1, 31), D(2018, 1, 1), None)
    assert seen.describe() == "under way at some time in January 2018"
    assert seen.describe("ar") == "قائم في وقت ما في يناير 2018"
    wide = TimeSpan(None, D(2018, 3, 20), D(2018, 1, 1), None)
    assert wide.describe() == "under way at some time between 1 January 2018 and 20 March 2018"
    # started by 1 March and not over before 1 May: certainly under way throughout
    assert TimeSpan(None, D(2018, 3, 1), D(2018, 5, 1), None).describe() == "under way from 1 March 2018 to 1 May 2018"
