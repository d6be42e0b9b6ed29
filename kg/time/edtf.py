"""Extended Date/Time Format (EDTF) text: the bounds it gives, and how it was written.

:func:`parse_edtf` reads the text into a :class:`~kg.time.TimeSpan`, which holds only
what is known (bounds on the start and the end); :func:`written` reads what the text says
beyond the bounds (:class:`Written`: uncertain ``?``, approximate ``~``, open or unknown
ends, precision), and :func:`describe_edtf` puts the text in words, as written.

Follows the Library of Congress EDTF specification (2019,
https://www.loc.gov/standards/datetime/), Levels 0 and 1 and the listed parts
of Level 2.  What a form means here:

* A date ``D`` (``2017``, ``2017-04``, ``2017-04-19``, ``2017-21``...): the thing
  lies within D -- start and end both between D's first and last day.
  Date-times keep the day and ignore the clock.
* ``A/B``: start within A, end within B.  ``A/..`` (open end) and ``A/`` (unknown
  end) both leave the end unbounded; EDTF's ".." says only that the end is not
  specified, "because there is none or for any other reason", so kg does not read it
  as "still ongoing": say that with a ``holds_at`` time.  ``../B`` likewise,
  ``A/`` and ``/B`` have an unknown (unbounded) end or start.
* ``~`` widens by one unit of the qualified component's precision on each
  side (day, month, 3 months for seasons/quarters, 4 for quadrimesters,
  6 for semesters, year, 10 years for ``201X``...); ``?`` says the qualified
  component may be wrong, so any value of it is admissible (``2018-08?``: any day,
  unless bounds or relations limit it; ``2018-?08``: any day of 2018) and marks the
  time ``uncertain`` (:attr:`Written.uncertain`); ``%`` does both.  ``parse_edtf(text, nominal=True)`` reads
  the date as written, without that widening.  A qualifier right of a
  component qualifies that prefix of the date (``2004-06~-11``: by a month), one
  left of it just that component (``2004-06-~11``: by a day); the coarsest wins.
* ``X`` digits: the range of every valid date they allow (``2016-1X`` is
  October..December 2016); a year of ``XXXX`` is unbounded.
* Sub-year groupings 21-41: Northern meteorological seasons 21-24 and 25-28
  (winter = December..February of the next year), Southern 29-32, quarters
  33-36, quadrimesters 37-39, semesters 40-41.
* ``[a, b, c..d]`` (one of): within the hull of the members; ``[..d]`` /
  ``[d..]`` leave the lower / upper side unbounded.  ``{a, b}`` (all of): start
  no later than the earliest member's end, end no earlier than the latest
  member's start, all within the hull.

>>> parse_edtf("2017-04~").start_earliest, parse_edtf("2017-04~").end_latest
(datetime.date(2017, 3, 1), datetime.date(2017, 5, 31))
>>> parse_edtf("2017-13")
Traceback (most recent call last):
kg.time.edtf.EDTFError: "2017-13": month 13 is neither a month (01-12) nor a season (21-41)
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from itertools import product

from kg.time.days import POS_INF, days_in_month, from_ordinal, to_ordinal
from kg.time.span import TimeSpan
from kg.time.words import Words, words

__all__ = ["PRECISIONS", "EDTFError", "Written", "describe_edtf", "parse_edtf", "written"]

PRECISIONS: tuple[str, ...] = (
    "day", "month", "season", "quarter", "quadrimester", "semester",
    "year", "decade", "century", "millennium", "unknown",
)
"""Allowed values of :attr:`Written.precision`, finest first."""


class EDTFError(ValueError):
    """Text that is not EDTF we support; the message names the text and the problem.

    >>> try:
    ...     parse_edtf("2017-02-30")
    ... except EDTFError as err:
    ...     print(err, "|", err.problem)
    "2017-02-30": February 2017 has 28 days | February 2017 has 28 days
    """

    def __init__(self, text: str, problem: str) -> None:
        super().__init__(f'"{text}": {problem}')
        self.text = text
        self.problem = problem


_Q = r"([?~%]?)"
_DATE = re.compile(rf"{_Q}([0-9X]{{4}}){_Q}(?:-{_Q}([0-9X]{{2}}){_Q}(?:-{_Q}([0-9X]{{2}}){_Q})?)?")
_DATETIME = re.compile(r"(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2}):(\d{2})(Z|[+-](\d{2})(?::(\d{2}))?)?")
_CLEAN = re.compile(r"\d{4}(-\d{2})*(-XX)*")  # no X, or only whole trailing X components

# Sub-year grouping code -> (first month, length in months, precision).
_GROUPS: dict[int, tuple[int, int, str]] = {
    **{code: (month, 3, "season") for code, month in zip(range(21, 29), (3, 6, 9, 12) * 2)},
    **{code: (month, 3, "season") for code, month in zip(range(29, 33), (9, 12, 3, 6))},
    **{code: (month, 3, "quarter") for code, month in zip(range(33, 37), (1, 4, 7, 10))},
    **{code: (month, 4, "quadrimester") for code, month in zip(range(37, 40), (1, 5, 9))},
    **{code: (month, 6, "semester") for code, month in zip(range(40, 42), (1, 7))},
}
# Widening unit of each precision, in months (0 = one day; "unknown" never widens).
_UNIT_MONTHS = {"day": 0, "month": 1, "season": 3, "quarter": 3, "quadrimester": 4, "semester": 6,
                "year": 12, "decade": 120, "century": 1200, "millennium": 12000}


@dataclass(frozen=True)
class _Date:
    """One parsed date: components as written, its days, and its qualifiers."""

    year: str
    month: str | None
    day: str | None
    first: date | None  # first day the date allows (None = unbounded)
    last: date | None
    low: date | None  # first/last day after ``~`` widening
    high: date | None
    precision: str
    uncertain: bool
    approximate: bool


@dataclass(frozen=True)
class _Parsed:
    kind: str  # "date" | "interval" | "one_of" | "all_of"
    members: tuple[tuple[_Date | None, _Date | None], ...] = ()  # (low end, high end); None = ".."
    sides: tuple[_Date | str, _Date | str] = ("", "")  # interval: a date, ".." (open) or "" (unknown)


def _precision(year: str, month: str | None, day: str | None) -> str:
    if "X" in year:
        return ("unknown", "millennium", "century", "decade")[year.index("X")]
    if month is None or month == "XX":
        return "year"
    if "X" not in month and int(month) in _GROUPS:
        return _GROUPS[int(month)][2]
    return "month" if day is None or day == "XX" else "day"


def _matches(pattern: str, lo: int, hi: int) -> Sequence[int]:
    """Integers in [lo, hi] whose zero-padded digits fit *pattern* (X = any digit)."""
    if set(pattern) == {"X"}:
        return range(lo, hi + 1)  # not a list: XXXX would be 9,999 years for every date read
    options = ["0123456789" if c == "X" else c for c in pattern]
    return sorted(v for v in (int("".join(p)) for p in product(*options)) if lo <= v <= hi)


def _first_fit(years: Sequence[int], months: Sequence[int], days: Sequence[int]) -> date | None:
    for y, m, d in product(years, months, days):
        if d <= days_in_month(y, m):
            return date(y, m, d)
    return None


def _shift(d: date | None, months: int, *, end: bool) -> date | None:
    """*d* moved by *months* (a month end stays a month end when *end*); None if out of range."""
    if d is None:
        return None
    if months == 0:
        try:
            return d + timedelta(days=1 if end else -1)
        except OverflowError:
            return None
    y, m = divmod(d.year * 12 + d.month - 1 + months, 12)
    if not 1 <= y <= 9999:
        return None
    n = days_in_month(y, m + 1)
    at_end = end and d.day == days_in_month(d.year, d.month)
    return date(y, m + 1, n if at_end else min(d.day, n))


def _days(text: str, year: str, month: str | None, day: str | None) -> tuple[date | None, date | None]:
    """First and last day allowed by the written components (validating them)."""
    years = _matches(year, 1, 9999)
    if not years:
        raise EDTFError(text, f"year {year} is outside the supported range 0001-9999")
    if month is not None and "X" not in month and not 1 <= int(month) <= 12:
        if int(month) not in _GROUPS:
            raise EDTFError(text, f"month {month} is neither a month (01-12) nor a season (21-41)")
        if day is not None:
            raise EDTFError(text, f"a season or other grouping ({month}) cannot have a day")
        start, length, _ = _GROUPS[int(month)]
        first: date
        last: date
        first, last_month = date(years[0], start, 1), _shift(date(years[-1], start, 1), length - 1, end=False)
        if last_month is None:
            raise EDTFError(text, "the grouping ends after 9999-12-31, outside the supported range 0001-9999")
        last = last_month.replace(day=days_in_month(last_month.year, last_month.month))
    else:
        months = _matches(month or "XX", 1, 12)
        if not months:
            raise EDTFError(text, f"month {month} matches no month (01-12)")
        days = _matches(day or "XX", 1, 31)
        if not days:
            raise EDTFError(text, f"day {day} is not a day of a month (01-31)")
        fit_first, fit_last = _first_fit(years, months, days), _first_fit(years[::-1], months[::-1], days[::-1])
        if fit_first is None or fit_last is None:
            if len(years) == len(months) == len(days) == 1:
                n = days_in_month(years[0], months[0])
                raise EDTFError(text, f"{words('en').month(years[0], months[0])} has {n} days")
            raise EDTFError(text, f"no calendar day matches {year}-{month}-{day}")
        first, last = fit_first, fit_last
    return (None, None) if year == "XXXX" else (first, last)


def _parse_date(s: str, text: str) -> _Date:
    """Parse one date (with qualifiers and X digits) or date-time taken from *text*."""
    m = _DATETIME.fullmatch(s)
    if m:
        hh, mm, ss, zh, zm = (int(m.group(i) or 0) for i in (2, 3, 4, 6, 7))
        if hh > 23 or mm > 59 or ss > 60 or zh > 23 or zm > 59:
            raise EDTFError(text, f"{s[11:]} is not a valid time of day")
        s = m.group(1)
    m = _DATE.fullmatch(s)
    if not m:
        raise EDTFError(text, _diagnose(s))
    q = m.groups()
    year, month, day = q[1], q[4], q[7]
    first, last = _days(text, year, month, day)
    # (qualifier, components it qualifies: the prefix up to it, or the one component after it)
    attached = [(q[0], 1), (q[2], 1), (q[3], 2), (q[5], 2), (q[6], 3), (q[8], 3)]
    widen = [c for mark, c in attached if mark in ("~", "%")]
    # a mark right of a component doubts the whole prefix, so its year; one left of it, just it
    doubt = [1 if i in (1, 3, 5) else c for i, (mark, c) in enumerate(attached) if mark in ("?", "%")]
    low, high = first, last
    if widen:
        unit = _precision(*(year, month, day)[: min(widen)], *(None,) * (3 - min(widen)))
        if unit != "unknown":
            low = _shift(first, -_UNIT_MONTHS[unit], end=False)
            high = _shift(last, _UNIT_MONTHS[unit], end=True)
    if doubt:  # the doubted component may be wrong: any value of it is admissible
        coarsest = min(doubt)
        lo, hi = (None, None) if coarsest == 1 else _days(text, year, month if coarsest == 3 else None, None)
        low = None if lo is None or low is None else min(low, lo)
        high = None if hi is None or high is None else max(high, hi)
    return _Date(year, month, day, first, last, low, high, _precision(year, month, day),
                 uncertain=any(mark in ("?", "%") for mark, _ in attached), approximate=bool(widen))


def _diagnose(s: str) -> str:
    """Why *s* does not match the date pattern, in words."""
    bare = re.sub(r"[?~%]", "", s)
    if not bare:
        return "a date is missing"
    if re.match(r"Y|[+-]\d|\d{5}", bare):
        return "the year is outside the supported range 0001-9999"
    if "T" in bare:
        return "a date-time must be YYYY-MM-DDThh:mm:ss, optionally with Z or ±hh[:mm], and no qualifiers"
    parts = bare.split("-")
    if not re.fullmatch(r"[0-9X]{4}", parts[0]):
        return f"expected a four-digit year (0001-9999), not '{parts[0]}'"
    for name, part in zip(("month", "day"), parts[1:]):
        if not re.fullmatch(r"[0-9X]{2}", part):
            return f"the {name} must be two digits, not '{part}'"
    if len(parts) > 3:
        return "a date has at most year, month and day"
    return "a qualifier (?, ~ or %) is misplaced"


def _parse(text: str) -> _Parsed:
    if not isinstance(text, str):
        raise TypeError(f"EDTF text must be a str, not {type(text).__name__}")
    if not text:
        raise EDTFError(text, "empty text is not an EDTF date")
    if text[0] in "[{":
        closer = "]" if text[0] == "[" else "}"
        if text[-1] != closer or len(text) == 1:
            raise EDTFError(text, f"a set opened with '{text[0]}' must end with '{closer}'")
        items = text[1:-1].split(",")
        members: list[tuple[_Date | None, _Date | None]] = []
        for i, raw in enumerate(items):
            item = raw.lstrip(" ") if i else raw
            if not item:
                raise EDTFError(text, "a set member is empty")
            if item.startswith(".."):
                if i > 0:
                    raise EDTFError(text, "'..' before a date is allowed only in the first member")
                members.append((None, _parse_date(item[2:], text)))
            elif item.endswith(".."):
                if i < len(items) - 1:
                    raise EDTFError(text, "'..' after a date is allowed only in the last member")
                members.append((_parse_date(item[:-2], text), None))
            elif ".." in item:
                lo, hi = (_parse_date(part, text) for part in item.split("..", 1))
                if to_ordinal(lo.low) > to_ordinal(hi.high, POS_INF):
                    raise EDTFError(text, f"the range {item} runs backwards")
                members.append((lo, hi))
            else:
                members.append((_parse_date(item, text),) * 2)
        return _Parsed("one_of" if text[0] == "[" else "all_of", tuple(members))
    if "/" in text:
        parts = text.split("/")
        if len(parts) != 2:
            raise EDTFError(text, "an interval has exactly one '/'")
        a, b = (p if p in ("", "..") else _parse_date(p, text) for p in parts)
        if isinstance(a, str) and isinstance(b, str):
            raise EDTFError(text, "an interval needs a date on at least one side")
        if isinstance(a, _Date) and isinstance(b, _Date) and to_ordinal(a.low) > to_ordinal(b.high, POS_INF):
            raise EDTFError(text, "the end is before the start")
        return _Parsed("interval", sides=(a, b))
    if text == "..":
        raise EDTFError(text, "'..' is only allowed in an interval or a set")
    d = _parse_date(text, text)
    return _Parsed("date", ((d, d),))


def parse_edtf(text: str, *, nominal: bool = False) -> TimeSpan:
    """The :class:`~kg.time.TimeSpan` that EDTF *text* describes (see the module docs).

    The span holds bounds only; what else the text says is :func:`written`.

    The bounds are the *admissible* reading: ``~`` widens, and a component marked
    ``?`` may take any value (``2018-08?``: any day; ``2018-?08``: any day of 2018).
    ``nominal=True`` gives the date as written instead, before that widening: the
    reading answers graded *likely* rest on.

    >>> parse_edtf("2016-12~").describe(), parse_edtf("2016-12~", nominal=True).end_latest
    ('November 2016 – January 2017', datetime.date(2016, 12, 31))
    >>> parse_edtf("2018-08?").start_earliest is None, parse_edtf("2018-?08").end_latest
    (True, datetime.date(2018, 12, 31))

    >>> span = parse_edtf("2019-24")
    >>> span.start_earliest, span.end_latest
    (datetime.date(2019, 12, 1), datetime.date(2020, 2, 29))
    >>> span = parse_edtf("/2016-11")
    >>> span.start_earliest, span.start_latest, span.end_earliest
    (None, datetime.date(2016, 11, 30), datetime.date(2016, 11, 1))
    >>> parse_edtf("[..2018-03-20]").describe()
    'on or before 20 March 2018'
    >>> parse_edtf("2018-03-20/2018-03-01")
    Traceback (most recent call last):
    kg.time.edtf.EDTFError: "2018-03-20/2018-03-01": the end is before the start
    """
    p = _parse(text)
    if p.kind == "interval":
        a, b = p.sides
        se, sl = _reach(a, nominal) if isinstance(a, _Date) else (None, None)
        ee, el = _reach(b, nominal) if isinstance(b, _Date) else (None, None)
    else:
        lows = [to_ordinal(_reach(lo, nominal)[0] if lo else None) for lo, _ in p.members]
        highs = [to_ordinal(_reach(hi, nominal)[1] if hi else None, POS_INF) for _, hi in p.members]
        if p.kind == "all_of":
            se, sl, ee, el = (from_ordinal(n) for n in (min(lows), min(highs), max(lows), max(highs)))
        else:
            se = ee = from_ordinal(min(lows))
            sl = el = from_ordinal(max(highs))
    return TimeSpan(se, sl, ee, el)


@dataclass(frozen=True)
class Written:
    """How a time was written: its EDTF text and what the text says beyond the bounds.

    ``uncertain``: a component is marked ``?`` (or ``%``), so it may be wrong;
    ``approximate``: marked ``~`` (or ``%``); ``open_start`` / ``open_end``: ``..`` on
    that side of an interval; ``unknown_start`` / ``unknown_end``: that side left empty;
    ``precision``: the coarsest unit a date of the text is written in (:data:`PRECISIONS`).
    None of these changes the bounds (:func:`parse_edtf` has already applied them); they
    change the words, and an uncertain time is said to be so.

    >>> w = written("2017-21?")
    >>> w.uncertain, w.approximate, w.precision, w.describe(), w.describe("ar")
    (True, False, 'season', 'spring 2017 (uncertain)', 'ربيع 2017 (غير مؤكد)')
    >>> written("2015-06/..").open_end, written("/2016-11").unknown_start
    (True, True)
    """

    text: str
    uncertain: bool = False
    approximate: bool = False
    open_start: bool = False
    open_end: bool = False
    unknown_start: bool = False
    unknown_end: bool = False
    precision: str = "day"

    def describe(self, lang: str = "en") -> str:
        """The text in words, as written (:func:`describe_edtf`)."""
        return describe_edtf(self.text, lang)


@lru_cache(maxsize=4096)
def written(text: str) -> Written:
    """How EDTF *text* was written (:class:`Written`); :class:`EDTFError` if it is not EDTF.

    >>> written("2016-12~")
    Written(text='2016-12~', uncertain=False, approximate=True, open_start=False, open_end=False, unknown_start=False, unknown_end=False, precision='month')
    """
    p = _parse(text)
    dates = [side for side in p.sides if isinstance(side, _Date)] if p.kind == "interval" else [
        d for member in p.members for d in member if d is not None]
    return Written(
        text,
        uncertain=any(d.uncertain for d in dates),
        approximate=any(d.approximate for d in dates),
        open_start=p.sides[0] == "..",
        open_end=p.sides[1] == "..",
        unknown_start=p.kind == "interval" and p.sides[0] == "",
        unknown_end=p.kind == "interval" and p.sides[1] == "",
        precision=max((d.precision for d in dates), key=PRECISIONS.index),
    )


def _reach(d: _Date, nominal: bool) -> tuple[date | None, date | None]:
    return (d.first, d.last) if nominal else (d.low, d.high)


def _date_words(d: _Date, w: Words) -> str:
    core = "-".join(c for c in (d.year, d.month, d.day) if c is not None)
    if d.year == "XXXX":
        text = w.unknown
    elif not _CLEAN.fullmatch(core):
        text = w.period(d.first, d.last)
    elif d.month is not None and d.month != "XX" and int(d.month) in _GROUPS:
        code, year = int(d.month), int(d.year)
        if code <= 32:
            text = f"{w.seasons[(code - 21) % 4]} {year}"
            text = w.southern.format(text) if code >= 29 else text
        else:
            start, length, _ = _GROUPS[code]
            text = w.part.format(ordinal=w.ordinals[(start - 1) // length], part=w.parts[length], year=year)
    elif d.precision == "day" and d.first is not None:
        text = w.day(d.first)
    elif d.precision == "month" and d.first is not None:
        text = w.month(d.first.year, d.first.month)
    else:
        text = str(int(d.year))
    return w.qualified(text, approximate=d.approximate, uncertain=d.uncertain)


def _plain_day(d: _Date) -> date | None:
    """The day *d* names, if it names exactly one day without qualifiers."""
    if d.first is None or d.first != d.last or d.uncertain or d.approximate:
        return None
    return d.first


def describe_edtf(text: str, lang: str = "en") -> str:
    """Short human words for EDTF *text* as written, in English (``"en"``) or Arabic (``"ar"``).

    >>> describe_edtf("[2018-03-18,2018-03-19]"), describe_edtf("2018-08?")
    ('18 or 19 March 2018', 'August 2018 (uncertain)')
    >>> describe_edtf("2016-12/2017-09"), describe_edtf("/2016-11")
    ('December 2016 – September 2017', 'unknown – November 2016')
    >>> describe_edtf("2017-21", "ar"), describe_edtf("2016-12~", "ar")
    ('ربيع 2017', 'نحو ديسمبر 2016')
    """
    w = words(lang)
    p = _parse(text)
    if p.kind == "interval":
        a, b = p.sides
        end = _date_words(b, w) if isinstance(b, _Date) else w.unknown
        if a == "..":
            return w.until.format(end)
        if b == ".." and isinstance(a, _Date):
            return w.onwards.format(_date_words(a, w))
        return f"{_date_words(a, w) if isinstance(a, _Date) else w.unknown} – {end}"
    conjunction = w.and_ if p.kind == "all_of" else w.or_
    days = [day for lo, hi in p.members if lo is hi and lo is not None and (day := _plain_day(lo))]
    if len(days) == len(p.members) > 1 and len({(day.year, day.month) for day in days}) == 1:
        # plain days of one month: "18 or 19 March 2018"
        return w.join([*(str(day.day) for day in days[:-1]), w.day(days[-1])], conjunction)
    items = []
    for lo, hi in p.members:
        if lo is not None and hi is not None:
            lo_words, hi_words = _date_words(lo, w), _date_words(hi, w)
            spread = w.sometime_between if p.kind == "one_of" else w.span_to
            items.append(lo_words if lo is hi else spread.format(lo_words, hi_words))
        elif hi is not None:
            items.append(w.on_or_before.format(_date_words(hi, w)))
        elif lo is not None:
            items.append(w.on_or_after.format(_date_words(lo, w)))
    return w.join(items, conjunction)
