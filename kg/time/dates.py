"""Read the dates people write in questions ("April 2017", "1 March 2018", "spring 2017").

A question names a calendar period, and means all of it: "in 2016" is the whole of 2016,
so :func:`parse_period` returns an exact period (:meth:`kg.time.TimeSpan.period`) from the
first to the last day. It reads EDTF as well (``2017-04``, ``2016-12/2017-09``, ``2017-21``).

>>> parse_period("April 2017").describe()
'April 2017'
>>> p = parse_period("1 March 2018")
>>> p.start_earliest, p.end_latest
(datetime.date(2018, 3, 1), datetime.date(2018, 3, 1))
>>> parse_period("spring 2017").start_earliest, parse_period("أبريل 2017").end_latest
(datetime.date(2017, 3, 1), datetime.date(2017, 4, 30))
>>> parse_period("Sunday")
Traceback (most recent call last):
...
kg.errors.QueryError: 'Sunday' is not a date; write 2017-04, April 2017, 1 March 2018, spring 2017 or 2016
"""

from __future__ import annotations

import datetime as dt
import re

from kg.time.edtf import EDTFError, parse_edtf
from kg.errors import QueryError
from kg.time import TimeSpan

__all__ = ["parse_period", "MONTHS", "SEASONS", "DIGITS_TO_ASCII"]

MONTHS: dict[str, int] = {}
"""Month names (lower case), English and Arabic (Egyptian and Levantine), to their numbers."""
for _n, _names in enumerate((
    ("january", "jan", "يناير", "كانون الثاني"), ("february", "feb", "فبراير", "شباط"),
    ("march", "mar", "مارس", "آذار"), ("april", "apr", "أبريل", "ابريل", "إبريل", "نيسان"),
    ("may", "مايو", "أيار"), ("june", "jun", "يونيو", "يونيه", "حزيران"),
    ("july", "jul", "يوليو", "يوليه", "تموز"),
    ("august", "aug", "أغسطس", "آب"), ("september", "sep", "sept", "سبتمبر", "أيلول"),
    ("october", "oct", "أكتوبر", "تشرين الأول"), ("november", "nov", "نوفمبر", "تشرين الثاني"),
    ("december", "dec", "ديسمبر", "كانون الأول"),
), start=1):
    for _name in _names:
        MONTHS[_name] = _n

SEASONS = {"spring": 21, "summer": 22, "autumn": 23, "fall": 23, "winter": 24,
           "ربيع": 21, "الربيع": 21, "صيف": 22, "الصيف": 22, "خريف": 23, "الخريف": 23, "شتاء": 24, "الشتاء": 24}

DIGITS_TO_ASCII = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")
"""A ``str.translate`` table from Arabic-Indic and Persian digits to ASCII ones."""
_MONTH = "|".join(sorted((re.escape(m) for m in MONTHS), key=len, reverse=True))
_SEASON = "|".join(sorted((re.escape(s) for s in SEASONS), key=len, reverse=True))
_FORMS = (
    (re.compile(rf"^(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?({_MONTH}),?\s+(\d{{4}})$"), "dmy"),
    (re.compile(rf"^({_MONTH})\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+(\d{{4}})$"), "mdy"),
    (re.compile(rf"^({_MONTH}),?\s+(\d{{4}})$"), "my"),
    (re.compile(rf"^(?:the\s+)?({_SEASON})\s+(?:of\s+)?(\d{{4}})$"), "sy"),
)


def _edtf_for(text: str) -> str | None:
    for pattern, form in _FORMS:
        match = pattern.match(text)
        if not match:
            continue
        g = match.groups()
        if form == "dmy":
            return f"{g[2]}-{MONTHS[g[1]]:02d}-{int(g[0]):02d}"
        if form == "mdy":
            return f"{g[2]}-{MONTHS[g[0]]:02d}-{int(g[1]):02d}"
        if form == "my":
            return f"{g[1]}-{MONTHS[g[0]]:02d}"
        return f"{g[1]}-{SEASONS[g[0]]}"
    return None


def parse_period(text: str | dt.date | TimeSpan) -> TimeSpan:
    """The whole calendar period ``text`` names, as an exact :class:`~kg.time.TimeSpan`."""
    if isinstance(text, TimeSpan):
        return text
    if isinstance(text, dt.datetime):
        text = text.date()
    if isinstance(text, dt.date):
        return TimeSpan.period(text, text)
    cleaned = " ".join(str(text).translate(DIGITS_TO_ASCII).replace("،", ",").split()).strip().lower()
    cleaned = re.sub(r"^(?:the\s+)?(?:year\s+)", "", cleaned)
    edtf = _edtf_for(cleaned) or cleaned
    try:
        span = parse_edtf(edtf)
    except EDTFError:
        raise QueryError(f"{str(text)!r} is not a date; write 2017-04, April 2017, 1 March 2018, "
                         "spring 2017 or 2016") from None
    return span.as_period()
