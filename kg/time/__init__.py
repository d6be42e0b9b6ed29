"""Time: days, spans with partly known ends, EDTF, relations between times, and grades.

The stages of time reasoning, one module each:

* :mod:`kg.time.days`: whole days, numbered, and the stand-ins for unbounded limits;
* :mod:`kg.time.span`: :class:`TimeSpan`, bounds on a start and an end;
* :mod:`kg.time.grades`: :class:`Certainty`, the grades of an answer;
* :mod:`kg.time.words`: the words for times, in English and Arabic;
* :mod:`kg.time.network`: a network of difference constraints between the starts and
  ends of many items (a Simple Temporal Problem), solved to the tightest bounds, each
  with the chain of constraints that set it;
* :mod:`kg.time.relations`: the relations a timeline states between times (Allen's,
  between single ends, metric offsets) and what links imply, as constraints;
* :mod:`kg.time.phrases`: the one table of what the time words of questions mean
  (before, after, in, between, since, as of, ...), evaluated in Python, written as SPARQL
  and turned into the explorer slider's day ranges;
* :mod:`kg.time.edtf`: EDTF text read into a :class:`TimeSpan` (the bounds) and a
  :class:`~kg.time.edtf.Written` (how it was written: ``?``, ``~``, open ends, precision);
* :mod:`kg.time.allen`: Allen's interval relations between spans, graded;
* :mod:`kg.time.dates`: the dates people write in questions ("spring 2017", "1 March 2018");
* :mod:`kg.time.weekdays`: weekdays named beside dates, checked against the calendar.

>>> span = TimeSpan.between(date(2016, 11, 1), date(2018, 3, 20))
>>> span.describe()
'between 1 November 2016 and 20 March 2018'
"""

from __future__ import annotations

from datetime import date  # noqa: F401  (the doctest above uses it)

from kg.time.days import NEG_INF, POS_INF, days_in_month, from_ordinal, to_ordinal
from kg.time.grades import GRADES, Certainty
from kg.time.span import TimeSpan
from kg.time.words import Words, words

__all__ = [
    "GRADES",
    "NEG_INF",
    "POS_INF",
    "Certainty",
    "TimeSpan",
    "Words",
    "days_in_month",
    "from_ordinal",
    "to_ordinal",
    "words",
]
