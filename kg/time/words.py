"""The words for times, in English and Arabic: months, seasons, periods and qualifiers.

>>> words("en").period(date(2016, 10, 1), date(2016, 12, 31))
'October–December 2016'
>>> words("ar").day(date(2018, 3, 19))
'19 مارس 2018'
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from kg.time.days import days_in_month

__all__ = ["Words", "words"]


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
    clause: str  # between two clauses ("starting ..., ending ...")

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

    def is_between(self, text: str) -> bool:
        """Whether *text* is a "between A and B" phrase (a stretch of days, not a round period).

        >>> words("en").is_between("between 1 and 2"), words("en").is_between("April 2017")
        (True, False)
        """
        return text.startswith(self.between.split("{}")[0])

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
        clause=", ",
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
        clause="، ",
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
