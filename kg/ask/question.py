"""Questions in a small controlled English, for ``kg ask`` and :func:`ask`.

A question is one of the forms of :data:`kg.ask.forms.FORMS` (who did what, who held an
office, who claimed what and citing whom, why, what followed, did A happen before B, how long
between, ...), optionally followed by a time phrase (``before April 2017``, ``between the
warning and the public disclosure``; the words are those of :data:`TIME_WORDS`, their
meaning is :mod:`kg.time.phrases`). A time word starts a time phrase only where what follows
it reads as a date or an event, so names and roles with "in", "on" or "by" in them parse.
Names are labels (English or Arabic, preferred or alternative, from the timeline and the
vocabulary's SKOS labels) or IRIs. An error names what is missing or unknown and, where one
small change makes the question run, shows the corrected question.

>>> from kg import load
>>> q = parse_question(load().networkx, "Who opposed disclosure before April 2017?")
>>> q.kind, q.relation, q.target.rsplit("/", 1)[-1], q.when.describe()
('who', 'opposed', 'disclosure', 'before April 2017')
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections.abc import Iterable
from dataclasses import replace
from typing import Any

import networkx as nx

from kg.time.dates import parse_period
from kg.errors import QueryError
from kg.ask.forms import FORMS, form_named
from kg.ask.parsed_question import Question
from kg.ask.reader import Reader
from kg.ask.answers import Answers, collect_answers
from kg.ask.index import index_of
from kg.ask.runners import run_reported
from kg.time import Certainty, TimeSpan, words
from kg.time.phrases import TimeFilter

__all__ = ["nearest_miss", "Question", "parse_question", "ask", "answer", "TIME_WORDS"]

TIME_WORDS = ("strictly before", "before", "after", "during", "between", "since", "as of", "by", "in", "on")
KIND_OF_WORD = {"strictly before": "strictly-before", "before": "before", "after": "after", "during": "during",
                "in": "during", "on": "during", "between": "between", "since": "since", "as of": "as-of",
                "by": "as-of"}


def _time_splits(reader: Reader, text: str) -> tuple[list[tuple[str, TimeFilter]], list[tuple[str, QueryError]]]:
    """Every way ``text`` ends in a time phrase that reads as a time: (body, filter), rightmost first.

    A time word is only a time phrase where what follows it is a date or an event; so "in
    charge of", "on Twitter" and "on anonymous sources" stay part of the body.
    """
    lowered = text.lower()
    spots = []
    for word in TIME_WORDS:
        for match in re.finditer(rf"(?<!\S){re.escape(word)}(?!\S)", lowered):
            spots.append((match.start(), match.end(), word))
    spots.sort(reverse=True)
    found, errors = [], []
    for start, end, word in spots:
        body, tail = text[:start].strip(), text[end:].strip()
        if not body or not tail or (word == "before" and body.lower().endswith("strictly")):
            continue
        try:
            found.append((body, _time(reader, KIND_OF_WORD[word], tail, f"{word} {tail}", dates_only=word == "on")))
        except QueryError as exc:
            errors.append((body, exc))
    return found, errors


def _when(reader: Reader, text: str, *, dates_only: bool = False) -> tuple[TimeSpan, tuple[str, ...]]:
    """A date, or the events a phrase names (the stretch their bounds allow)."""
    try:
        return parse_period(text), ()
    except QueryError as date_error:
        if dates_only:
            raise
        try:
            keys = reader.clause(text.split())
        except QueryError:
            raise date_error from None
        index = reader.index
        spans = [index.items[k].data["time"].span for k in keys]
        firsts = [s.start_earliest for s in spans if s.start_earliest]
        lasts = [s.end_latest for s in spans if s.end_latest]
        if not firsts or not lasts:
            raise QueryError(f"the time of {text!r} is open-ended; give a date instead") from None
        return TimeSpan.period(min(firsts), max(lasts)), tuple(keys)


def _time(reader: Reader, kind: str, tail: str, said: str, *, dates_only: bool = False) -> TimeFilter:
    if kind == "between":
        for match in reversed(list(re.finditer(r"(?<!\S)and(?!\S)", tail, re.IGNORECASE))):
            left, right = tail[: match.start()].strip(), tail[match.end():].strip()
            if left and right:
                try:
                    (a, anchors_a), (b, anchors_b) = _when(reader, left), _when(reader, right)
                except QueryError:
                    continue
                if a.start_earliest and b.end_latest and a.start_earliest > b.end_latest:
                    raise QueryError(f"'between {tail}': the second time ends before the first begins")
                return TimeFilter("between", a, b, words=said, anchors=anchors_a + anchors_b)
        raise QueryError(f"'between {tail}' needs two times: between <time> and <time>")
    span, anchors = _when(reader, tail, dates_only=dates_only)
    return TimeFilter(kind, span, words=said, anchors=anchors)


def _read(reader: Reader, body: str, when: TimeFilter | None) -> tuple[Question | None, QueryError | None]:
    """The first form that reads ``body`` (with ``when``); else the first error of a form that applied."""
    words_ = body.split()
    lower = [w.lower() for w in words_]
    best: tuple[int, QueryError] | None = None  # the error of the form with the longest matching lead
    for form in FORMS:
        if when is not None and not form.takes_time:
            continue
        lead = max((len(s) for s in form.starts if lower[:len(s)] == list(s)), default=0)
        if not lead:
            continue
        try:
            found = form.read(reader, words_, when)
        except QueryError as exc:
            if best is None or lead > best[0]:
                best = (lead, exc)
            continue
        if found is not None:
            return found, None
    return None, best[1] if best else None


def parse_question(G: nx.MultiDiGraph, text: str) -> Question:
    """Parse ``text`` (see the grammar above) against the names in ``G``."""
    original = " ".join(text.strip().rstrip("?").split())
    if not original:
        raise QueryError("empty question; try: who opposed disclosure before April 2017")
    reader = Reader(index_of(G), original)
    question, error = _parse(reader, original)
    if question is not None:
        return question
    raise QueryError(_with_fix(reader, original, error)) from None


def _parse(reader: Reader, text: str) -> tuple[Question | None, QueryError | None]:
    splits, time_errors = _time_splits(reader, text)
    first_error = None
    for body, when in [*splits, (text, None)]:
        question, error = _read(reader, body, when)
        if question is not None:
            return question, None
        first_error = first_error or error
    for body, exc in time_errors:  # the body reads without its last words, but they are not a time: say so
        found = _read(reader, body, None)[0]
        if found is not None and form_named(found.kind).takes_time:
            return None, exc
    if first_error is None:
        first_error = QueryError(
            f"could not read {text!r}; questions start with 'who', 'whom did', 'what did ... do', "
            "'what did ... report', 'what happened', 'when did', 'when was', 'why', 'did ... before', "
            "'how long', 'which claims', 'which events' or 'what had been reported'")
    return None, first_error


def _with_fix(reader: Reader, text: str, error: QueryError | None) -> str:
    """The error, and a corrected question that runs, where one small change gives one."""
    message = str(error)
    for fixed, why in _repairs(reader, text, message):
        if fixed != text and _parse(reader, fixed)[0] is not None:
            return f"{why or message}; try: {fixed}"
    return message


def _repairs(reader: Reader, text: str, message: str) -> list[tuple[str, str | None]]:
    """Small changes that may make ``text`` run, each with what it says was wrong (None: the error)."""
    tokens = text.split()
    out: list[tuple[str, str | None]] = []
    for i, word in enumerate(tokens):  # a misspelt time word: "befor April 2017"
        close = difflib.get_close_matches(word.lower(), [w for w in TIME_WORDS if " " not in w], n=1, cutoff=0.75)
        if close and word.lower() not in TIME_WORDS:
            out.append((" ".join([*tokens[:i], close[0], *tokens[i + 1:]]), f"unknown word {word!r}; did you mean {close[0]!r}?"))
    m = re.search(r"did you mean '([^']+)'", message)
    unknown = re.search(r"unknown [a-z ]+ '([^']+)'", message)
    if m and unknown and unknown.group(1) in text:
        out.append((text.replace(unknown.group(1), m.group(1), 1), None))
    for n in range(len(tokens) - 1, 0, -1):  # a time with no time word: "who held CSO 2016"
        tail = " ".join(tokens[n:])
        try:
            parse_period(tail)
        except QueryError:
            continue
        if tokens[n - 1].lower() not in TIME_WORDS:
            out.append((" ".join(tokens[:n]) + " in " + tail,
                        f"{tail!r} is a time but has no time word before it (in, before, after, since, by ...)"))
        break
    return out


def answer(G: nx.MultiDiGraph, question: Question, *, at_least: Certainty | str = Certainty.POSSIBLY) -> Answers:
    """Answer a parsed question with the networkx engine."""
    index = index_of(G)
    form = form_named(question.kind)
    if form.answers in ("verdict", "duration"):
        from kg.ask.pair_answers import pair_answers

        return pair_answers(G, question, at_least=at_least)
    floor = Certainty.POSSIBLY if not form.takes_time else at_least
    return collect_answers(index, form.run(index, question), form.answers, floor, question.text)


_BOUND_WORDS = {"se": "earliest start", "sl": "latest start", "ee": "earliest end", "el": "latest end"}
_OP_WORDS = {"<": "before", "<=": "on or before", ">": "after", ">=": "on or after"}


def nearest_miss(G: nx.MultiDiGraph, question: Question) -> str | None:
    """For a question nothing even possibly answers: what came closest, and what ruled it out.

    The candidates are what the question matches without its time phrase; the closest is
    the one whose failing bounds miss by the fewest days. ``None`` when the question has
    no time phrase or nothing matches even without it.

    >>> from kg import load
    >>> G = load().networkx
    >>> print(nearest_miss(G, parse_question(G, "who opposed disclosure before 2010")))  # doctest: +ELLIPSIS
    closest: Facebook's policy team is initially against ...: its earliest start is 1 November 2016, but the question needs it before 1 January 2010 (derived from: ...)
    """
    q = question
    index = index_of(G)
    if q.kind in ("claims-by", "claimants") and q.stance:  # "did Stamos deny ...": what was said instead
        other = [item for _, item, _ in form_named(q.kind).run(index, replace(q, stance=None, when=None))]
        if other:
            said = "; ".join(f"{item.data['labels']['en']} «{item.data['claim']['evidence'][0].get('exact', '')}»"
                             if item.data["claim"]["evidence"] else item.data["labels"]["en"]
                             for item in {i.key: i for i in other}.values())
            return f"closest: no claim {q.stance.replace('-', ' ')} it; what was claimed: {said}"
        return None
    if q.when is None:
        return None
    rows: Iterable[tuple[str, Any, Certainty]]
    if q.kind == "reported":
        every = TimeFilter("as-of", TimeSpan.period(dt.date.max, dt.date.max))
        rows = run_reported(index, every, q.public_only)
    else:
        rows = form_named(q.kind).run(index, replace(q, when=None))
    best: tuple[int, str] | None = None
    for _, item, _ in rows:
        if item.key in q.when.anchors:
            continue
        time = item.data["time"]
        possible, _ = q.when.conditions(state=item.kind == "position")
        ordinals = time.span.ordinals
        failing = [c for c in possible if not c.holds(ordinals)]
        if not failing:
            continue
        miss = sum(abs(ordinals[("se", "sl", "ee", "el").index(c.bound)] - c.day.toordinal()) for c in failing)
        c = failing[0]
        value = ordinals[("se", "sl", "ee", "el").index(c.bound)]
        day = words("en").day(dt.date.fromordinal(value)) if -10**8 < value < 10**8 else "open"
        chain = time.why.get(c.bound)
        because = ("derived from: " + "; ".join(o.text for o in chain)) if chain else "as the timeline states it"
        label = index.label(item.key)
        text = (f"closest: {label} ({time.describe()}): its {_BOUND_WORDS[c.bound]} is {day}, "
                f"but the question needs it {_OP_WORDS[c.op]} {words('en').day(c.day)} ({because})")
        if best is None or miss < best[0]:
            best = (miss, text)
    return best[1] if best else None


def ask(G: nx.MultiDiGraph, text: str, *, at_least: Certainty | str = Certainty.POSSIBLY) -> Answers:
    """Parse and answer ``text``.

    >>> from kg import load
    >>> [a.label for a in ask(load().networkx, "who held the chief security officer role in 2016")]
    ['Alex Stamos']
    """
    return answer(G, parse_question(G, text), at_least=at_least)
