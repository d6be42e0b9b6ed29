"""Pin what each EDTF form we support means, as exact day bounds."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kg.time.edtf import EDTFError, describe_edtf, parse_edtf, written
from kg.time import TimeSpan


def d(text: str | None) -> date | None:
    return None if text is None else date.fromisoformat(text)


MAX, MIN = "9999-12-31", "0001-01-01"

# text, start_earliest, start_latest, end_earliest, end_latest, precision, flags set to True
BOUNDS: list[tuple[str, str | None, str | None, str | None, str | None, str, set[str]]] = [
    # Level 0: a date means "lies within it"; an interval A/B means start in A, end in B
    ("2017", "2017-01-01", "2017-12-31", "2017-01-01", "2017-12-31", "year", set()),
    ("2017-04", "2017-04-01", "2017-04-30", "2017-04-01", "2017-04-30", "month", set()),
    ("2016-02", "2016-02-01", "2016-02-29", "2016-02-01", "2016-02-29", "month", set()),
    ("2017-04-19", "2017-04-19", "2017-04-19", "2017-04-19", "2017-04-19", "day", set()),
    ("0001-01-01", MIN, MIN, MIN, MIN, "day", set()),
    ("2004-01-01T10:10:10Z", "2004-01-01", "2004-01-01", "2004-01-01", "2004-01-01", "day", set()),
    ("2004-01-01T23:59:59+05:00", "2004-01-01", "2004-01-01", "2004-01-01", "2004-01-01", "day", set()),
    ("1985-04-12T23:20:30", "1985-04-12", "1985-04-12", "1985-04-12", "1985-04-12", "day", set()),
    ("2004-01-01T10:10:10-05", "2004-01-01", "2004-01-01", "2004-01-01", "2004-01-01", "day", set()),
    ("2016-12/2017-09", "2016-12-01", "2016-12-31", "2017-09-01", "2017-09-30", "month", set()),
    ("2018-03/2018-03-15", "2018-03-01", "2018-03-15", "2018-03-15", "2018-03-15", "month", set()),
    ("2018-03-15/2018-03", "2018-03-15", "2018-03-15", "2018-03-15", "2018-03-31", "month", set()),
    ("2017/2017", "2017-01-01", "2017-12-31", "2017-01-01", "2017-12-31", "year", set()),
    # Level 1 qualifiers: ~ widens one unit each side, ? admits any value of what it doubts
    # (a whole date: any day), % does both
    ("2017-04~", "2017-03-01", "2017-05-31", "2017-03-01", "2017-05-31", "month", {"approximate"}),
    ("2017-04-19~", "2017-04-18", "2017-04-20", "2017-04-18", "2017-04-20", "day", {"approximate"}),
    ("2017~", "2016-01-01", "2018-12-31", "2016-01-01", "2018-12-31", "year", {"approximate"}),
    ("2017-03-31~", "2017-03-30", "2017-04-01", "2017-03-30", "2017-04-01", "day", {"approximate"}),
    ("2016-12~", "2016-11-01", "2017-01-31", "2016-11-01", "2017-01-31", "month", {"approximate"}),
    ("2018-08?", None, None, None, None, "month", {"uncertain"}),
    ("2018-08%", None, None, None, None, "month", {"uncertain", "approximate"}),
    ("0001~", None, "0002-12-31", None, "0002-12-31", "year", {"approximate"}),
    ("9999-12~", "9999-11-01", None, "9999-11-01", None, "month", {"approximate"}),
    # Level 1 seasons 21-24 (Northern meteorological; winter runs into the next year)
    ("2017-21", "2017-03-01", "2017-05-31", "2017-03-01", "2017-05-31", "season", set()),
    ("2017-22", "2017-06-01", "2017-08-31", "2017-06-01", "2017-08-31", "season", set()),
    ("2017-23", "2017-09-01", "2017-11-30", "2017-09-01", "2017-11-30", "season", set()),
    ("2017-24", "2017-12-01", "2018-02-28", "2017-12-01", "2018-02-28", "season", set()),
    ("2019-24", "2019-12-01", "2020-02-29", "2019-12-01", "2020-02-29", "season", set()),
    ("2017-21~", "2016-12-01", "2017-08-31", "2016-12-01", "2017-08-31", "season", {"approximate"}),
    # Level 1 unspecified digits
    ("201X", "2010-01-01", "2019-12-31", "2010-01-01", "2019-12-31", "decade", set()),
    ("20XX", "2000-01-01", "2099-12-31", "2000-01-01", "2099-12-31", "century", set()),
    ("2016-XX", "2016-01-01", "2016-12-31", "2016-01-01", "2016-12-31", "year", set()),
    ("2016-1X", "2016-10-01", "2016-12-31", "2016-10-01", "2016-12-31", "month", set()),
    ("2016-0X", "2016-01-01", "2016-09-30", "2016-01-01", "2016-09-30", "month", set()),
    ("1985-04-XX", "1985-04-01", "1985-04-30", "1985-04-01", "1985-04-30", "month", set()),
    ("1985-XX-XX", "1985-01-01", "1985-12-31", "1985-01-01", "1985-12-31", "year", set()),
    ("XXXX", None, None, None, None, "unknown", set()),
    ("0XXX", "0001-01-01", "0999-12-31", "0001-01-01", "0999-12-31", "millennium", set()),
    ("201X~", "2000-01-01", "2029-12-31", "2000-01-01", "2029-12-31", "decade", {"approximate"}),
    ("2016-XX~", "2015-01-01", "2017-12-31", "2015-01-01", "2017-12-31", "year", {"approximate"}),
    # Level 2 unspecified digits anywhere (hull of every valid day they allow)
    ("156X-12-25", "1560-12-25", "1569-12-25", "1560-12-25", "1569-12-25", "decade", set()),
    ("1985-XX-12", "1985-01-12", "1985-12-12", "1985-01-12", "1985-12-12", "year", set()),
    ("2016-02-XX", "2016-02-01", "2016-02-29", "2016-02-01", "2016-02-29", "month", set()),
    # Level 1 extended intervals: open ("..") vs unknown (empty) ends
    ("2015-06/..", "2015-06-01", "2015-06-30", "2015-06-01", None, "month", {"open_end"}),
    ("1985-04/..", "1985-04-01", "1985-04-30", "1985-04-01", None, "month", {"open_end"}),
    ("../1985-04", None, "1985-04-30", "1985-04-01", "1985-04-30", "month", {"open_start"}),
    ("1985-04/", "1985-04-01", "1985-04-30", "1985-04-01", None, "month", {"unknown_end"}),
    ("/1985-04", None, "1985-04-30", "1985-04-01", "1985-04-30", "month", {"unknown_start"}),
    ("/2016-11", None, "2016-11-30", "2016-11-01", "2016-11-30", "month", {"unknown_start"}),
    ("../2016-11", None, "2016-11-30", "2016-11-01", "2016-11-30", "month", {"open_start"}),
    ("2016-12~/2017-09?", "2016-11-01", "2017-01-31", "2016-11-01", None, "month",
     {"approximate", "uncertain"}),
    ("2004-06-~01/2004-06-~20", "2004-05-31", "2004-06-02", "2004-06-19", "2004-06-21", "day", {"approximate"}),
    ("2017-21/2017-23", "2017-03-01", "2017-05-31", "2017-09-01", "2017-11-30", "season", set()),
    ("2017-01-03/2017", "2017-01-03", "2017-01-03", "2017-01-03", "2017-12-31", "year", set()),
    # Level 2 sub-year groupings
    ("2017-25", "2017-03-01", "2017-05-31", "2017-03-01", "2017-05-31", "season", set()),
    ("2017-26", "2017-06-01", "2017-08-31", "2017-06-01", "2017-08-31", "season", set()),
    ("2017-27", "2017-09-01", "2017-11-30", "2017-09-01", "2017-11-30", "season", set()),
    ("2017-28", "2017-12-01", "2018-02-28", "2017-12-01", "2018-02-28", "season", set()),
    ("2017-29", "2017-09-01", "2017-11-30", "2017-09-01", "2017-11-30", "season", set()),
    ("2017-30", "2017-12-01", "2018-02-28", "2017-12-01", "2018-02-28", "season", set()),
    ("2017-31", "2017-03-01", "2017-05-31", "2017-03-01", "2017-05-31", "season", set()),
    ("2017-32", "2017-06-01", "2017-08-31", "2017-06-01", "2017-08-31", "season", set()),
    ("2017-33", "2017-01-01", "2017-03-31", "2017-01-01", "2017-03-31", "quarter", set()),
    ("2017-34", "2017-04-01", "2017-06-30", "2017-04-01", "2017-06-30", "quarter", set()),
    ("2017-35", "2017-07-01", "2017-09-30", "2017-07-01", "2017-09-30", "quarter", set()),
    ("2017-36", "2017-10-01", "2017-12-31", "2017-10-01", "2017-12-31", "quarter", set()),
    ("2017-37", "2017-01-01", "2017-04-30", "2017-01-01", "2017-04-30", "quadrimester", set()),
    ("2017-38", "2017-05-01", "2017-08-31", "2017-05-01", "2017-08-31", "quadrimester", set()),
    ("2017-39", "2017-09-01", "2017-12-31", "2017-09-01", "2017-12-31", "quadrimester", set()),
    ("2017-40", "2017-01-01", "2017-06-30", "2017-01-01", "2017-06-30", "semester", set()),
    ("2017-41", "2017-07-01", "2017-12-31", "2017-07-01", "2017-12-31", "semester", set()),
    ("2017-33~", "2016-10-01", "2017-06-30", "2016-10-01", "2017-06-30", "quarter", {"approximate"}),
    ("2017-37~", "2016-09-01", "2017-08-31", "2016-09-01", "2017-08-31", "quadrimester", {"approximate"}),
    ("2017-40~", "2016-07-01", "2017-12-31", "2016-07-01", "2017-12-31", "semester", {"approximate"}),
    # Level 2 one-of sets: within the hull of the members
    ("[2018-03-18,2018-03-19]", "2018-03-18", "2018-03-19", "2018-03-18", "2018-03-19", "day", set()),
    ("[2018-03-18, 2018-03-19]", "2018-03-18", "2018-03-19", "2018-03-18", "2018-03-19", "day", set()),
    ("[..2018-03-20]", None, "2018-03-20", None, "2018-03-20", "day", set()),
    ("[2018-03-20..]", "2018-03-20", None, "2018-03-20", None, "day", set()),
    ("[1667, 1668, 1670..1672]", "1667-01-01", "1672-12-31", "1667-01-01", "1672-12-31", "year", set()),
    ("[1760-01, 1760-02, 1760-12..]", "1760-01-01", None, "1760-01-01", None, "month", set()),
    ("[1667, 1760-12]", "1667-01-01", "1760-12-31", "1667-01-01", "1760-12-31", "year", set()),
    ("[2018-03-19, 2018-03-18]", "2018-03-18", "2018-03-19", "2018-03-18", "2018-03-19", "day", set()),
    ("[2018-08?, 2018-10]", None, None, None, None, "month", {"uncertain"}),
    # Level 2 all-of sets: start within the first member, end within the last
    ("{2016, 2018-03}", "2016-01-01", "2016-12-31", "2018-03-01", "2018-03-31", "year", set()),
    ("{1667,1668, 1670..1672}", "1667-01-01", "1667-12-31", "1670-01-01", "1672-12-31", "year", set()),
    ("{2018-03-18}", "2018-03-18", "2018-03-18", "2018-03-18", "2018-03-18", "day", set()),
    # Level 2 qualification of components: widen by the coarsest "~"-qualified component
    ("2004-06~-11", "2004-05-11", "2004-07-11", "2004-05-11", "2004-07-11", "day", {"approximate"}),
    ("?2004-06-~11", None, None, None, None, "day", {"approximate", "uncertain"}),
    ("2004-%06-11", "2004-01-01", "2004-12-31", "2004-01-01", "2004-12-31", "day", {"approximate", "uncertain"}),
    ("2004?-06-11", None, None, None, None, "day", {"uncertain"}),
    ("2004-06-?11", "2004-06-01", "2004-06-30", "2004-06-01", "2004-06-30", "day", {"uncertain"}),
    ("~2004-06-11", "2003-06-11", "2005-06-11", "2003-06-11", "2005-06-11", "day", {"approximate"}),
    ("2004~-06-~11", "2003-06-11", "2005-06-11", "2003-06-11", "2005-06-11", "day", {"approximate"}),
    ("2004-06-11%", None, None, None, None, "day", {"approximate", "uncertain"}),
]
FLAGS = ("uncertain", "approximate", "open_start", "open_end", "unknown_start", "unknown_end")


@pytest.mark.parametrize(("text", "se", "sl", "ee", "el", "precision", "flags"), BOUNDS, ids=[r[0] for r in BOUNDS])
def test_bounds(
    text: str, se: str | None, sl: str | None, ee: str | None, el: str | None, precision: str, flags: set[str]
) -> None:
    span, form = parse_edtf(text), written(text)
    got = (span.start_earliest, span.start_latest, span.end_earliest, span.end_latest)
    assert got == (d(se), d(sl), d(ee), d(el))
    assert form.precision == precision and form.text == text
    assert {flag for flag in FLAGS if getattr(form, flag)} == flags


ERRORS = [
    ("2017-13", "month 13 is neither a month (01-12) nor a season (21-41)"),
    ("2017-00", "month 00 is neither a month (01-12) nor a season (21-41)"),
    ("2017-42", "month 42 is neither a month (01-12) nor a season (21-41)"),
    ("2017-02-30", "February 2017 has 28 days"),
    ("2019-02-29", "February 2019 has 28 days"),
    ("2017-04-31", "April 2017 has 30 days"),
    ("2017-04-32", "day 32 is not a day of a month (01-31)"),
    ("2017-04-00", "day 00 is not a day of a month (01-31)"),
    ("2018-03-20/2018-03-01", "the end is before the start"),
    ("2018-03-15/2018-03-10~", "the end is before the start"),
    ("", "empty text is not an EDTF date"),
    ("2017-04-1", "the day must be two digits, not '1'"),
    ("2017-4", "the month must be two digits, not '4'"),
    ("abc", "expected a four-digit year (0001-9999), not 'abc'"),
    ("17", "expected a four-digit year (0001-9999), not '17'"),
    ("2017-04-19-01", "a date has at most year, month and day"),
    ("2017?~", "a qualifier (?, ~ or %) is misplaced"),
    ("Y170000002", "the year is outside the supported range 0001-9999"),
    ("-0100", "the year is outside the supported range 0001-9999"),
    ("20170", "the year is outside the supported range 0001-9999"),
    ("0000", "year 0000 is outside the supported range 0001-9999"),
    ("9999-24", "the grouping ends after 9999-12-31, outside the supported range 0001-9999"),
    ("2016-2X", "month 2X matches no month (01-12)"),
    ("2016-02-3X", "no calendar day matches 2016-02-3X"),
    ("2017-21-03", "a season or other grouping (21) cannot have a day"),
    ("2004-01-01T25:00:00", "25:00:00 is not a valid time of day"),
    ("2004-01-01T10:10:10Z~", "a date-time must be YYYY-MM-DDThh:mm:ss, optionally with Z or ±hh[:mm], "
                              "and no qualifiers"),
    ("..", "'..' is only allowed in an interval or a set"),
    ("/", "an interval needs a date on at least one side"),
    ("../..", "an interval needs a date on at least one side"),
    ("2016/2017/2018", "an interval has exactly one '/'"),
    ("[2016", "a set opened with '[' must end with ']'"),
    ("{2016]", "a set opened with '{' must end with '}'"),
    ("[]", "a set member is empty"),
    ("[2016,,2017]", "a set member is empty"),
    ("[..]", "a date is missing"),
    ("[2018..2016]", "the range 2018..2016 runs backwards"),
    ("[2016, ..2018]", "'..' before a date is allowed only in the first member"),
    ("[2016.., 2018]", "'..' after a date is allowed only in the last member"),
    ("[2016 , 2017]", "expected a four-digit year (0001-9999), not '2016 '"),
    (" 2016", "expected a four-digit year (0001-9999), not ' 2016'"),
    ("[2016]/2017", "a set opened with '[' must end with ']'"),
]


@pytest.mark.parametrize(("text", "problem"), ERRORS, ids=[e[0] or "empty" for e in ERRORS])
def test_errors(text: str, problem: str) -> None:
    with pytest.raises(EDTFError) as caught:
        parse_edtf(text)
    assert str(caught.value) == f'"{text}": {problem}'
    assert caught.value.problem == problem and caught.value.text == text
    assert isinstance(caught.value, ValueError) and "\n" not in str(caught.value)


def test_not_a_string() -> None:
    with pytest.raises(TypeError):
        parse_edtf(2017)  # type: ignore[arg-type]


DESCRIBE = [
    ("2015-06", "June 2015", "يونيو 2015"),
    ("2016-12~", "about December 2016", "نحو ديسمبر 2016"),
    ("2018-08?", "August 2018 (uncertain)", "أغسطس 2018 (غير مؤكد)"),
    ("2018-08%", "about August 2018 (uncertain)", "نحو أغسطس 2018 (غير مؤكد)"),
    ("2017-21", "spring 2017", "ربيع 2017"),
    ("2017-24", "winter 2017", "شتاء 2017"),
    ("2017-30", "summer 2017 (southern hemisphere)", "صيف 2017 (نصف الكرة الجنوبي)"),
    ("2017-34", "second quarter of 2017", "الربع الثاني من 2017"),
    ("2017-39", "third third of 2017", "الثلث الثالث من 2017"),
    ("2017-40", "first half of 2017", "النصف الأول من 2017"),
    ("[2018-03-18,2018-03-19]", "18 or 19 March 2018", "18 أو 19 مارس 2018"),
    ("[2018-03-18, 2018-03-19, 2018-03-21]", "18, 19 or 21 March 2018", "18 أو 19 أو 21 مارس 2018"),
    ("{2018-03-18,2018-03-19}", "18 and 19 March 2018", "18 و19 مارس 2018"),
    ("[..2018-03-20]", "on or before 20 March 2018", "في 20 مارس 2018 أو قبله"),
    ("[2018-03-20..]", "on or after 20 March 2018", "في 20 مارس 2018 أو بعده"),
    ("[1667, 1668, 1670..1672]", "1667, 1668 or sometime between 1670 and 1672",
     "1667 أو 1668 أو في وقت ما بين 1670 و1672"),
    ("[2016-11..2018-03-20]", "sometime between November 2016 and 20 March 2018",
     "في وقت ما بين نوفمبر 2016 و20 مارس 2018"),
    ("{2016, 2018-03}", "2016 and March 2018", "2016 ومارس 2018"),
    ("2015-06/..", "June 2015 onwards", "منذ يونيو 2015"),
    ("2015-06/", "June 2015 – unknown", "يونيو 2015 – غير معروف"),
    ("/2016-11", "unknown – November 2016", "غير معروف – نوفمبر 2016"),
    ("../2016-11", "until November 2016", "حتى نوفمبر 2016"),
    ("2016-12/2017-09", "December 2016 – September 2017", "ديسمبر 2016 – سبتمبر 2017"),
    ("2018-03-19", "19 March 2018", "19 مارس 2018"),
    ("2018-03-19T10:00:00Z", "19 March 2018", "19 مارس 2018"),
    ("2017", "2017", "2017"),
    ("2016-XX", "2016", "2016"),
    ("1985-04-XX", "April 1985", "أبريل 1985"),
    ("201X", "2010–2019", "2010–2019"),
    ("2016-1X", "October–December 2016", "أكتوبر–ديسمبر 2016"),
    ("1985-XX-12", "between 12 January 1985 and 12 December 1985", "بين 12 يناير 1985 و12 ديسمبر 1985"),
    ("XXXX", "unknown", "غير معروف"),
    ("2004-06~-11", "about 11 June 2004", "نحو 11 يونيو 2004"),
]


@pytest.mark.parametrize(("text", "en", "ar"), DESCRIBE, ids=[r[0] for r in DESCRIBE])
def test_describe(text: str, en: str, ar: str) -> None:
    assert describe_edtf(text) == en == written(text).describe()
    assert describe_edtf(text, "ar") == ar == written(text).describe("ar")


def test_rejected_pypi_cases_behave() -> None:
    """The forms that made us reject the PyPI ``edtf`` package."""
    assert parse_edtf("2017-04~").start_earliest == date(2017, 3, 1)
    assert parse_edtf("2016-1X").end_latest == date(2016, 12, 31)
    assert written("2015-06/..").open_end and parse_edtf("2015-06/..").end_latest is None
    assert parse_edtf("[..2018-03-20]").start_earliest is None
    assert parse_edtf("/2016-11").start_earliest is None  # no invented start


DAYS = st.dates(min_value=date(1, 1, 1), max_value=date(9999, 12, 31))


@given(DAYS)
def test_any_day_round_trips(day: date) -> None:
    text = day.isoformat()
    span = parse_edtf(text)
    assert span.is_precise and span == TimeSpan(day, day, day, day)


@given(DAYS, st.sampled_from(["year", "month", "day"]), st.sampled_from(["", "?", "~", "%"]))
def test_qualifiers_keep_or_widen(day: date, unit: str, mark: str) -> None:
    text = {"year": f"{day.year:04d}", "month": day.isoformat()[:7], "day": day.isoformat()}[unit]
    plain = parse_edtf(text)
    assert plain.start_earliest is not None and plain.end_latest is not None
    assert plain.start_earliest <= day <= plain.end_latest
    qualified, form = parse_edtf(text + mark), written(text + mark)
    assert form.uncertain == (mark in "?%" and mark != "")
    assert form.approximate == (mark in "~%" and mark != "")
    nominal = parse_edtf(text + mark, nominal=True)
    assert nominal.ordinals == plain.ordinals  # the date as written
    if form.uncertain:  # the whole date is doubted: any day is admissible
        assert qualified.start_earliest is None and qualified.end_latest is None
    elif not form.approximate:
        assert qualified.ordinals == plain.ordinals
    else:
        lo, hi = qualified.start_earliest, qualified.end_latest
        assert lo is None or lo < plain.start_earliest
        assert hi is None or hi > plain.end_latest


@given(DAYS, st.integers(0, 800))
def test_intervals_of_days(first: date, length: int) -> None:
    last = min(first + timedelta(days=length), date.max) if first.year < 9999 else first
    span = parse_edtf(f"{first.isoformat()}/{last.isoformat()}")
    assert span.is_precise and (span.start_earliest, span.end_latest) == (first, last)
    if first < last:
        with pytest.raises(EDTFError, match="the end is before the start"):
            parse_edtf(f"{last.isoformat()}/{first.isoformat()}")


@given(st.text(alphabet="0123456789X-/.?~%[]{}, T:Z+", max_size=14))
def test_fuzz_parses_or_raises_edtf_error(text: str) -> None:
    try:
        span = parse_edtf(text)
    except EDTFError as err:
        assert str(err).startswith(f'"{text}": ') and "\n" not in str(err)
    else:
        form = written(text)  # what parses has a written form and words, as written and from the bounds
        assert form.text == text and form.describe() and form.describe("ar")
        assert span.describe() and span.describe("ar")
