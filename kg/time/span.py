"""Days, time spans with partly known ends, and how certain an answer is.

Time is counted in whole days of the proleptic Gregorian calendar
(:class:`datetime.date`, years 1..9999).  Days are numbered by
:meth:`datetime.date.toordinal`; :func:`to_ordinal` and :func:`from_ordinal`
are the one place that converts, with ``NEG_INF`` / ``POS_INF`` standing in for
an unbounded lower / upper limit (so plain integer comparisons between a lower
and an upper limit behave as if the limits were infinite).

A :class:`TimeSpan` says what we know about when something occupied time: it
started on some day ``start`` and ended on some day ``end`` (inclusive,
``start <= end``), each known only to lie between two inclusive bounds.  It holds
nothing else: how a time was written (its EDTF text, ``?``, ``~``, open ends,
precision) is :class:`kg.time.edtf.Written`, kept beside it on a
:class:`kg.timeline.model.TimeSpec`.

>>> span = TimeSpan.between(date(2016, 11, 1), date(2018, 3, 20))
>>> span.start_latest, span.end_earliest
(datetime.date(2018, 3, 20), datetime.date(2016, 11, 1))
>>> span.describe()
'between 1 November 2016 and 20 March 2018'
>>> span.describe("ar")
'بين 1 نوفمبر 2016 و20 مارس 2018'
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from enum import IntEnum

__all__ = [
    "NEG_INF",
    "POS_INF",
    "Certainty",
    "TimeSpan",
    "Words",
    "GRADES",
    "days_in_month",
    "from_ordinal",
    "html_table",
    "to_ordinal",
    "words",
]

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


_GRADE_WORDS = ("not", "possibly", "likely", "certainly")  # Certainty.word, by value (Enum's name is slow to read)


class Certainty(IntEnum):
    """How sure an answer is; ordered, so ``max``/``min``/``>=`` work.

    * ``CERTAINLY``: every admissible reading of the dates agrees (and the thing happened);
    * ``LIKELY``: true on the dates as written (the nominal reading, before the widening
      that ``~``, ``?`` and offset tolerances allow);
    * ``POSSIBLY``: true on some admissible reading;
    * ``NOT``: true on none.

    Certainly implies likely implies possibly (see :mod:`kg.time.phrases`).

    >>> Certainty.POSSIBLY.word, Certainty.CERTAINLY > Certainty.LIKELY > Certainty.POSSIBLY
    ('possibly', True)
    >>> Certainty.named("likely")
    <Certainty.LIKELY: 2>
    """

    NOT = 0
    POSSIBLY = 1
    LIKELY = 2
    CERTAINLY = 3

    @property
    def word(self) -> str:
        """``"not"``, ``"possibly"``, ``"likely"`` or ``"certainly"``."""
        return _GRADE_WORDS[self._value_]

    @classmethod
    def named(cls, word: str) -> Certainty:
        """The grade called *word* (``"certainly"``, ``"likely"``, ``"possibly"``, ``"not"``)."""
        try:
            return cls[word.upper()]
        except KeyError:
            raise ValueError(f"unknown grade {word!r}: use certainly, likely or possibly") from None


GRADES: tuple[Certainty, ...] = (Certainty.CERTAINLY, Certainty.LIKELY, Certainty.POSSIBLY)
"""The grades an answer can have, most certain first."""


@dataclass(frozen=True)
class TimeSpan:
    """What we know about when something started and ended (whole days).

    The thing started on some day in ``[start_earliest, start_latest]`` and
    ended on some day in ``[end_earliest, end_latest]`` (inclusive; ``None`` is
    unbounded), and ``start <= end``.  Construction tightens the bounds
    (``start_latest <= end_latest``, ``end_earliest >= start_earliest``) so every
    day in each pair of bounds is really possible, and raises ``ValueError``
    when no (start, end) pair fits.  ``ordinals`` caches the four bounds as day
    numbers (``NEG_INF`` / ``POS_INF`` for ``None``) for cheap comparisons.

    An EDTF open end ``..`` and an unknown end both leave the end unbounded (see
    :mod:`kg.time.edtf`).

    >>> TimeSpan(date(2017, 3, 1), None, None, date(2017, 5, 31))
    <TimeSpan March–May 2017: starts 2017-03-01..2017-05-31, ends 2017-03-01..2017-05-31>
    >>> TimeSpan(date(2018, 3, 20), None, None, date(2018, 3, 1))
    Traceback (most recent call last):
    ValueError: impossible time span: start_earliest 2018-03-20 is after end_latest 2018-03-01
    """

    start_earliest: date | None
    start_latest: date | None
    end_earliest: date | None
    end_latest: date | None
    ordinals: tuple[int, int, int, int] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        names = ("start_earliest", "start_latest", "end_earliest", "end_latest")
        for name in names:
            value = getattr(self, name)
            if value is not None and (isinstance(value, datetime) or not isinstance(value, date)):
                raise TypeError(f"{name} must be a datetime.date or None, not {type(value).__name__}")
        se, sl = to_ordinal(self.start_earliest), to_ordinal(self.start_latest, POS_INF)
        ee, el = to_ordinal(self.end_earliest), to_ordinal(self.end_latest, POS_INF)
        bounds = (se, sl, ee, el)
        for lo, hi in ((0, 1), (2, 3), (0, 3)):
            if bounds[lo] > bounds[hi]:
                raise ValueError(
                    f"impossible time span: {names[lo]} {getattr(self, names[lo])} "
                    f"is after {names[hi]} {getattr(self, names[hi])}"
                )
        sl, ee = min(sl, el), max(ee, se)
        object.__setattr__(self, "start_latest", from_ordinal(sl))
        object.__setattr__(self, "end_earliest", from_ordinal(ee))
        object.__setattr__(self, "ordinals", (se, sl, ee, el))

    @classmethod
    def day(cls, d: date) -> TimeSpan:
        """A one-day span: started and ended on *d*.

        >>> TimeSpan.day(date(2018, 3, 19)).describe()
        '19 March 2018'
        """
        return cls(d, d, d, d)

    @classmethod
    def between(cls, first: date, last: date) -> TimeSpan:
        """A span lying somewhere within ``[first, last]`` (start and end both in it).

        >>> TimeSpan.between(date(2015, 6, 1), date(2015, 6, 30)).describe()
        'June 2015'
        """
        return cls(first, last, first, last)

    @classmethod
    def period(cls, first: date, last: date) -> TimeSpan:
        """Exactly the days *first* .. *last*: started on *first* and ended on *last*.

        Questions name whole calendar periods ("in 2016" means all of 2016);
        build them with this or :meth:`as_period`.

        >>> TimeSpan.period(date(2017, 4, 1), date(2017, 4, 30)).describe()
        'April 2017'
        >>> TimeSpan.period(date(2016, 11, 1), date(2018, 3, 20)).describe()
        '1 November 2016 – 20 March 2018'
        """
        return cls(first, first, last, last)

    def as_period(self) -> TimeSpan:
        """The whole stretch of days this span may occupy, as an exact period.

        It starts on ``start_earliest`` and ends on ``end_latest`` (``date.min`` /
        ``date.max`` where unbounded).

        >>> from kg.time.edtf import parse_edtf
        >>> april = parse_edtf("2017-04").as_period()
        >>> april.start_latest, april.end_earliest, april.describe()
        (datetime.date(2017, 4, 1), datetime.date(2017, 4, 30), 'April 2017')
        """
        first, last = self.start_earliest or date.min, self.end_latest or date.max
        return replace(self, start_earliest=first, start_latest=first, end_earliest=last, end_latest=last)

    @classmethod
    def unbounded(cls) -> TimeSpan:
        """A span we know nothing about.

        >>> TimeSpan.unbounded().describe()
        'unknown'
        """
        return cls(None, None, None, None)

    def narrowed(
        self,
        *,
        start_not_before: date | None = None,
        start_not_after: date | None = None,
        end_not_before: date | None = None,
        end_not_after: date | None = None,
    ) -> TimeSpan:
        """This span with extra limits; ``ValueError`` if nothing is left.

        >>> year = TimeSpan.between(date(2016, 1, 1), date(2016, 12, 31))
        >>> year.narrowed(end_not_after=date(2016, 3, 31)).describe()
        'January–March 2016'
        >>> year.narrowed(start_not_before=date(2017, 1, 1))
        Traceback (most recent call last):
        ValueError: narrowing leaves no possible time: impossible time span: ...
        """
        se, sl, ee, el = self.ordinals
        try:
            return replace(
                self,
                start_earliest=from_ordinal(max(se, to_ordinal(start_not_before))),
                start_latest=from_ordinal(min(sl, to_ordinal(start_not_after, POS_INF))),
                end_earliest=from_ordinal(max(ee, to_ordinal(end_not_before))),
                end_latest=from_ordinal(min(el, to_ordinal(end_not_after, POS_INF))),
            )
        except ValueError as err:
            raise ValueError(f"narrowing leaves no possible time: {err}") from None

    @property
    def is_precise(self) -> bool:
        """True when the start day and the end day are both known exactly.

        >>> TimeSpan.day(date(2018, 3, 19)).is_precise, TimeSpan.unbounded().is_precise
        (True, False)
        """
        se, sl, ee, el = self.ordinals
        return se == sl and ee == el and sl < POS_INF and se > NEG_INF

    def __repr__(self) -> str:
        bound = lambda d: d.isoformat() if d else "…"  # noqa: E731
        return (f"<TimeSpan {self.describe()}: starts {bound(self.start_earliest)}..{bound(self.start_latest)}, "
                f"ends {bound(self.end_earliest)}..{bound(self.end_latest)}>")

    def _repr_html_(self) -> str:
        """A small table for notebooks: the bounds in words, and the bounds."""
        return html_table([("in words", self.describe()), ("ar", self.describe("ar")), *self.bound_rows()])

    def bound_rows(self) -> list[tuple[str, str]]:
        """``("starts", "first … last")`` and ``("ends", ...)``: the bounds as rows of a table."""
        bound = lambda d: d.isoformat() if d else "unbounded"  # noqa: E731
        return [("starts", f"{bound(self.start_earliest)} … {bound(self.start_latest)}"),
                ("ends", f"{bound(self.end_earliest)} … {bound(self.end_latest)}")]

    def describe(self, lang: str = "en") -> str:
        """Short words for what the bounds say (``lang`` is ``"en"`` or ``"ar"``).

        The words of a time as written (``"about December 2016"``) are
        :meth:`kg.time.edtf.Written.describe`; these are the bounds' own.

        >>> TimeSpan(date(2016, 12, 1), date(2016, 12, 31), date(2017, 9, 1), date(2017, 9, 30)).describe()
        'December 2016 – September 2017'
        >>> TimeSpan(date(2015, 6, 1), date(2015, 6, 30), date(2015, 6, 1), None).describe("ar")
        'يبدأ يونيو 2015'
        >>> TimeSpan(date(2016, 11, 1), date(2016, 11, 30), date(2018, 1, 1), None).describe()
        'November 2016 – on or after 1 January 2018'
        """
        w = words(lang)
        se, sl, ee, el = self.start_earliest, self.start_latest, self.end_earliest, self.end_latest
        if sl == el and ee == se:
            return w.period(se, el)  # lies somewhere within [se, el]
        start, end = w.period(se, sl), w.period(ee, el)
        if se == sl and ee == el and se is not None and el is not None:  # exactly these days
            whole = w.period(se, el)
            return f"{start} – {end}" if whole.startswith(w.between.split("{}")[0]) else whole
        if se is None and el is None and sl is not None and ee is not None:  # a state seen under way
            inner = w.period(ee, sl) if ee <= sl else ""
            if inner.startswith(w.between.split("{}")[0]):  # "between A and B": no "in"
                return w.under_way_at.format(inner)
            return w.under_way_in.format(inner) if inner else w.under_way_from.format(w.day(sl), w.day(ee))
        if el is None and se is not None and (ee is None or sl is None or ee <= sl):
            return w.starting.format(start)  # a start within bounds, and nothing more said of the end
        if se is None and el is not None and (sl is None or ee is None or sl >= ee):
            return w.ending.format(end)
        return f"{start} – {end}"


def html_table(rows: Sequence[tuple[str, str]]) -> str:
    """Rows ``(heading, text)`` as the small escaped table notebooks show for a time; empty rows left out.

    >>> html_table([("starts", "<2016>"), ("ends", "")])
    "<table class='kg-time'><tr><th style='text-align:left'>starts</th><td dir='auto'>&lt;2016&gt;</td></tr></table>"
    """
    from html import escape

    cells = "".join(f"<tr><th style='text-align:left'>{escape(k)}</th><td dir='auto'>{escape(v)}</td></tr>"
                    for k, v in rows if v)
    return f"<table class='kg-time'>{cells}</table>"


@dataclass(frozen=True, eq=False)
class Words:
    """Phrases for describing times in one language; get one with :func:`words`."""

    months: tuple[str, ...]
    seasons: tuple[str, ...]
    ordinals: tuple[str, ...]
    parts: dict[int, str]  # months per part -> name of the part (quarter, third, half)
    part: str  # "{ordinal}", "{part}", "{year}"
    southern: str
    about: str
    uncertain: str
    onwards: str
    starting: str
    ending: str
    under_way_in: str
    under_way_at: str
    under_way_from: str
    unknown: str
    until: str
    between: str
    on_or_before: str
    on_or_after: str
    span_to: str
    sometime_between: str
    or_: str
    and_: str
    comma: str  # serial separator before the last conjunction ("" = repeat the conjunction)

    def day(self, d: date) -> str:
        """``'19 March 2018'``.

        >>> words("ar").day(date(2018, 3, 19))
        '19 مارس 2018'
        """
        return f"{d.day} {self.months[d.month - 1]} {d.year}"

    def month(self, year: int, month: int) -> str:
        """``'June 2015'``.

        >>> words("en").month(2015, 6)
        'June 2015'
        """
        return f"{self.months[month - 1]} {year}"

    def join(self, items: Sequence[str], conjunction: str) -> str:
        """Join phrases: ``'A, B or C'`` in English, ``'A أو B أو C'`` in Arabic.

        >>> words("en").join(["1667", "1668", "1670"], words("en").or_)
        '1667, 1668 or 1670'
        """
        if len(items) <= 2 or not self.comma:
            return conjunction.join(items)
        return self.comma.join(items[:-1]) + conjunction + items[-1]

    def qualified(self, text: str, *, approximate: bool, uncertain: bool) -> str:
        """Add "about" and/or "(uncertain)" to *text*.

        >>> words("en").qualified("August 2018", approximate=True, uncertain=True)
        'about August 2018 (uncertain)'
        """
        text = self.about.format(text) if approximate else text
        return self.uncertain.format(text) if uncertain else text

    def period(self, first: date | None, last: date | None) -> str:
        """Words for "some time within ``[first, last]``", in the roundest units that fit.

        >>> en = words("en")
        >>> en.period(date(2016, 10, 1), date(2016, 12, 31)), en.period(date(2010, 1, 1), date(2019, 12, 31))
        ('October–December 2016', '2010–2019')
        >>> en.period(None, date(2018, 3, 20))
        'on or before 20 March 2018'
        """
        if first is None or last is None:
            if first is None and last is None:
                return self.unknown
            if first is None:
                assert last is not None  # one of the two is None, and it is not this one
                return self.on_or_before.format(self.day(last))
            return self.on_or_after.format(self.day(first))
        if first == last:
            return self.day(first)
        if first.day != 1 or last.day != days_in_month(last.year, last.month):
            return self.between.format(self.day(first), self.day(last))
        if first.month == 1 and last.month == 12:
            return str(first.year) if first.year == last.year else f"{first.year}–{last.year}"
        if (first.year, first.month) == (last.year, last.month):
            return self.month(first.year, first.month)
        if first.year == last.year:
            return f"{self.months[first.month - 1]}–{self.month(last.year, last.month)}"
        return f"{self.month(first.year, first.month)} – {self.month(last.year, last.month)}"


_WORDS: dict[str, Words] = {
    "en": Words(
        months=("January", "February", "March", "April", "May", "June", "July",
                "August", "September", "October", "November", "December"),
        seasons=("spring", "summer", "autumn", "winter"),
        ordinals=("first", "second", "third", "fourth"),
        parts={3: "quarter", 4: "third", 6: "half"},
        part="{ordinal} {part} of {year}",
        southern="{} (southern hemisphere)",
        about="about {}",
        uncertain="{} (uncertain)",
        onwards="{} onwards",
        starting="starting {}",
        ending="ending {}",
        under_way_in="under way at some time in {}",
        under_way_at="under way at some time {}",
        under_way_from="under way from {} to {}",
        unknown="unknown",
        until="until {}",
        between="between {} and {}",
        on_or_before="on or before {}",
        on_or_after="on or after {}",
        span_to="{} to {}",
        sometime_between="sometime between {} and {}",
        or_=" or ",
        and_=" and ",
        comma=", ",
    ),
    "ar": Words(
        months=("يناير", "فبراير", "مارس", "أبريل", "مايو", "يونيو",
                "يوليو", "أغسطس", "سبتمبر", "أكتوبر", "نوفمبر", "ديسمبر"),
        seasons=("ربيع", "صيف", "خريف", "شتاء"),
        ordinals=("الأول", "الثاني", "الثالث", "الرابع"),
        parts={3: "الربع", 4: "الثلث", 6: "النصف"},
        part="{part} {ordinal} من {year}",
        southern="{} (نصف الكرة الجنوبي)",
        about="نحو {}",
        uncertain="{} (غير مؤكد)",
        onwards="منذ {}",
        starting="يبدأ {}",
        ending="ينتهي {}",
        under_way_in="قائم في وقت ما في {}",
        under_way_at="قائم في وقت ما {}",
        under_way_from="قائم من {} إلى {}",
        unknown="غير معروف",
        until="حتى {}",
        between="بين {} و{}",
        on_or_before="في {} أو قبله",
        on_or_after="في {} أو بعده",
        span_to="من {} إلى {}",
        sometime_between="في وقت ما بين {} و{}",
        or_=" أو ",
        and_=" و",
        comma="",
    ),
}


def words(lang: str) -> Words:
    """The phrase table for *lang* (``"en"`` or ``"ar"``).

    >>> words("ar").months[11], words("en").seasons[0]
    ('ديسمبر', 'spring')
    >>> words("fr")
    Traceback (most recent call last):
    ValueError: unsupported language 'fr': use 'en' or 'ar'
    """
    try:
        return _WORDS[lang]
    except KeyError:
        raise ValueError(f"unsupported language {lang!r}: use 'en' or 'ar'") from None
