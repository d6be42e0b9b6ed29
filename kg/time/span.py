"""Time spans with partly known ends: bounds on a start and an end, in whole days.

A :class:`TimeSpan` says what we know about when something occupied time: it
started on some day ``start`` and ended on some day ``end`` (inclusive,
``start <= end``), each known only to lie between two inclusive bounds.  It holds
nothing else: how a time was written (its EDTF text, ``?``, ``~``, open ends,
precision) is :class:`kg.time.edtf.Written`, kept beside it on a
:class:`kg.timeline.model.TimeSpec`.  Days are numbered as :mod:`kg.time.days` says.

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

from kg.time.days import NEG_INF, POS_INF, from_ordinal, to_ordinal
from kg.time.words import words

__all__ = ["TimeSpan", "html_table"]


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
        >>> TimeSpan(date(2016, 11, 1), date(2017, 9, 29), date(2016, 11, 1), date(2018, 3, 20)).describe()
        'starting between 1 November 2016 and 29 September 2017, ending between 1 November 2016 and 20 March 2018'
        """
        w = words(lang)
        se, sl, ee, el = self.start_earliest, self.start_latest, self.end_earliest, self.end_latest
        if sl == el and ee == se:
            return w.period(se, el)  # lies somewhere within [se, el]
        start, end = w.period(se, sl), w.period(ee, el)
        if se == sl and ee == el and se is not None and el is not None:  # exactly these days
            whole = w.period(se, el)
            return f"{start} – {end}" if w.is_between(whole) else whole
        if se is None and el is None and sl is not None and ee is not None:  # a state seen under way
            inner = w.period(ee, sl) if ee <= sl else ""
            if w.is_between(inner):  # "between A and B": no "in"
                return w.under_way_at.format(inner)
            return w.under_way_in.format(inner) if inner else w.under_way_from.format(w.day(sl), w.day(ee))
        if el is None and se is not None and (ee is None or sl is None or ee <= sl):
            return w.starting.format(start)  # a start within bounds, and nothing more said of the end
        if se is None and el is not None and (sl is None or ee is None or sl >= ee):
            return w.ending.format(end)
        if w.is_between(start) or w.is_between(end):
            return w.starting.format(start) + w.clause + w.ending.format(end)  # "A – B" would blur which is which
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
