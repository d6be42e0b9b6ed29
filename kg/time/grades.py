"""How certain an answer is: the four grades, ordered.

>>> max(Certainty.POSSIBLY, Certainty.LIKELY).word
'likely'
"""

from __future__ import annotations

from enum import IntEnum

__all__ = ["GRADES", "Certainty"]

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
