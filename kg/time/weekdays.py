"""Find a weekday named beside a date in Arabic or English text, and check the calendar.

News text often writes "Monday (18 March)" or "يوم الاثنين (18 مارس)" without a year;
the year is that of the document unless the mention gives one. A mismatch between the
weekday and the calendar is a classic slip of reporting or translation, worth a warning.

>>> [str(m) for m in check_weekdays("يوم الاثنين (18 مارس)", 2018)]
['names Monday beside 18 March, but 18 March 2018 was a Sunday (the nearest Monday is 19 March 2018)']
>>> check_weekdays("on Monday, March 19", 2018)
[]
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from kg.time.dates import DIGITS_TO_ASCII, MONTHS

__all__ = ["WeekdayMismatch", "weekday_mentions", "check_weekdays"]

WEEKDAYS_EN = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")

_AR_WEEKDAYS = {
    0: ("الاثنين", "الإثنين", "اثنين"),
    1: ("الثلاثاء", "ثلاثاء"),
    2: ("الأربعاء", "الاربعاء", "أربعاء"),
    3: ("الخميس", "خميس"),
    4: ("الجمعة", "جمعة"),
    5: ("السبت", "سبت"),
    6: ("الأحد", "الاحد", "أحد"),
}
_EN_WEEKDAYS = {i: (name, name[:3] + ".", name[:3]) for i, name in enumerate(WEEKDAYS_EN)}


def _alternation(words: list[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


_WEEKDAY_WORDS = {w.lower(): i for i, ws in {**_AR_WEEKDAYS}.items() for w in ws}
_WEEKDAY_WORDS.update({w.lower(): i for i, ws in _EN_WEEKDAYS.items() for w in ws})
_WD = _alternation(list(_WEEKDAY_WORDS))
_MO = _alternation(list(MONTHS))
_NUM = r"[0-9٠-٩۰-۹]{1,2}"
_YEAR = r"(?:[,،]?\s*(?P<year>[0-9٠-٩]{4}))?"
# A weekday, then within a short gap (brackets, commas, "يوم") a day and month either way round.
_PATTERN = re.compile(
    rf"(?<![\w])(?P<weekday>{_WD})(?![\w])[\s,،()\[\]-]{{0,4}}"
    rf"(?:(?P<day1>{_NUM})\s*(?:st|nd|rd|th)?\s*(?:of\s+)?(?P<month1>{_MO})|(?P<month2>{_MO})\s+(?P<day2>{_NUM})(?:st|nd|rd|th)?)"
    rf"(?![\w]){_YEAR}",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class WeekdayMismatch:
    """A weekday named beside a date that falls on another weekday."""

    start: int  # offset of the mention in the text checked
    end: int
    named: int  # 0 = Monday
    day: dt.date

    def __str__(self) -> str:
        actual = WEEKDAYS_EN[self.day.weekday()]
        nearest = min(
            (self.day + dt.timedelta(days=d) for d in range(-3, 4)),
            key=lambda c: (c.weekday() != self.named, abs((c - self.day).days)),
        )
        return (
            f"names {WEEKDAYS_EN[self.named]} beside {self.day.day} {self.day:%B}, but "
            f"{self.day.day} {self.day:%B %Y} was a {actual} (the nearest "
            f"{WEEKDAYS_EN[self.named]} is {nearest.day} {nearest:%B %Y})"
        )


def weekday_mentions(text: str, year: int) -> list[tuple[int, int, int, dt.date]]:
    """Every (start, end, named weekday, date) mention in ``text``; ``year`` when none is given."""
    found = []
    for match in _PATTERN.finditer(text):
        named = _WEEKDAY_WORDS[match.group("weekday").lower()]
        day = int((match.group("day1") or match.group("day2")).translate(DIGITS_TO_ASCII))
        month = MONTHS[(match.group("month1") or match.group("month2")).lower()]
        when = int(match.group("year").translate(DIGITS_TO_ASCII)) if match.group("year") else year
        try:
            date = dt.date(when, month, day)
        except ValueError:
            continue
        found.append((match.start(), match.end(), named, date))
    return found


def check_weekdays(text: str, year: int) -> list[WeekdayMismatch]:
    """The mentions in ``text`` whose weekday disagrees with the calendar."""
    return [
        WeekdayMismatch(start, end, named, date)
        for start, end, named, date in weekday_mentions(text, year)
        if date.weekday() != named
    ]
