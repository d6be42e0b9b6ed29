"""Questions in a small controlled English, for ``kg ask`` and :func:`ask`.

Grammar (case does not matter; a final "?" is ignored)::

    question  := body [time]
    body      := "who" RELATION [TARGET]                       who opposed disclosure
               | "who" ("held" | "was" | "served as") OFFICE ["role" | "position"] [("of" | "at") ACTOR]
                                                                who held the chief security officer role
               | "what did" ACTOR "do"                          what did Stamos do
               | "what happened"
               | "when did" ACTOR RELATION [TARGET]            when did Facebook disclose
               | "what had been" ["publicly"] ("reported" | "disclosed")    public claims
               | "what had been claimed"                                     internal ones too
    time      := ("before" | "strictly before" | "after" | "in" | "on" | "during" | "since" | "as of" | "by") WHEN
               | "between" WHEN "and" WHEN
    WHEN      := a date: 2016, 2017-04, April 2017, 1 March 2018, March 1, 2018, spring 2017, EDTF
               | an event: "the warning", "the public disclosure" (an event's words or type)

RELATION, TARGET, ACTOR and OFFICE are labels (English or Arabic, preferred or alternative)
or IRIs; relations also match inflections ("opposes", "was against"). "by" and "as of" both
mean "as it stood at the end of". The semantics of each time word are in
:mod:`kg.time.phrases`. An unknown word gets an error naming the closest known ones.

>>> from kg import load
>>> q = parse_question(load().networkx, "Who opposed disclosure before April 2017?")
>>> q.kind, q.relation, q.target.rsplit("/", 1)[-1], q.when.describe()
('who', 'opposed', 'disclosure', 'before April 2017')
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from dataclasses import dataclass

import networkx as nx

from .dates import parse_period
from .errors import QueryError
from .query import (
    Answers,
    QueryIndex,
    collect_answers,
    index_of,
    run_events,
    run_holders,
    run_reported,
    run_who,
)
from .time import Certainty, TimeSpan, words
from .time.phrases import TimeFilter

__all__ = [
    "nearest_miss","Question", "parse_question", "ask", "answer"]

TIME_WORDS = ("strictly before", "before", "after", "during", "between", "since", "as of", "by", "in", "on")
KIND_OF_WORD = {"strictly before": "strictly-before", "before": "before", "after": "after", "during": "during",
                "in": "during", "on": "during", "between": "between", "since": "since", "as of": "as-of",
                "by": "as-of"}
DATES_ONLY = ("on",)
"""Time words that take a date but not an event name ("reported on the warning" stays a topic)."""


@dataclass(frozen=True)
class Question:
    """A parsed question: what is asked, about what, when."""

    text: str
    kind: str  # who | holders | what-did | what-happened | when | reported
    relation: str | None = None  # event type notation
    target: str | None = None  # IRI
    actor: str | None = None  # IRI
    office: str | None = None  # IRI
    organisation: str | None = None  # IRI
    when: TimeFilter | None = None
    public_only: bool = True  # for "reported": public claims only

    def explain(self, index: QueryIndex) -> str:
        """The parsed question in words."""
        parts = [f"question: {self.kind}"]
        for name in ("relation", "actor", "target", "office", "organisation"):
            value = getattr(self, name)
            if value:
                parts.append(f"{name}: {index.label(value)} <{value}>" if name != "relation" else f"relation: {value}")
        if self.when is not None:
            t = self.when
            span = t.first if t.second is None else TimeSpan.period(t.first.start_earliest, t.second.end_latest)  # type: ignore[arg-type]
            parts.append(f"time: {t.describe()} [{t.kind}: {span.start_earliest} .. {span.end_latest}]")
        return "\n".join(parts)


def _words(text: str) -> list[str]:
    return text.split()


def _find_time(index: QueryIndex, text: str) -> tuple[str, TimeFilter | None, list[QueryError]]:
    """Split ``text`` into (body, time filter), trying the rightmost time word first."""
    lowered = text.lower()
    spots = []
    for word in TIME_WORDS:
        for match in re.finditer(rf"(?<!\S){re.escape(word)}(?!\S)", lowered):
            spots.append((match.start(), match.end(), word))
    spots.sort(reverse=True)
    errors = []
    for start, end, word in spots:
        body, tail = text[:start].strip(), text[end:].strip()
        if not body or not tail or (word == "before" and body.lower().endswith("strictly")):
            continue
        try:
            if word in DATES_ONLY:
                parse_period(tail)
            return body, _time(index, KIND_OF_WORD[word], tail, f"{word} {tail}"), errors
        except QueryError as exc:
            errors.append(exc)
    return text, None, errors


def _when(index: QueryIndex, text: str) -> tuple[TimeSpan, tuple[str, ...]]:
    """A date, or the events a phrase names (their combined time)."""
    try:
        return parse_period(text), ()
    except QueryError as date_error:
        keys = index.event_names.find(text)
        if not keys:
            rel = index.relations.find(text)
            keys = [i.key for r in rel for i in index.by_relation.get(r, [])]
        if not keys:
            raise date_error
        spans = [index.items[k].data["time"].span for k in keys]
        firsts = [s.start_earliest for s in spans if s.start_earliest]
        lasts = [s.end_latest for s in spans if s.end_latest]
        if not firsts or not lasts:
            raise QueryError(f"the time of {text!r} is open-ended; give a date instead")
        return TimeSpan.period(min(firsts), max(lasts)), tuple(keys)


def _time(index: QueryIndex, kind: str, tail: str, words: str) -> TimeFilter:
    if kind == "between":
        for match in reversed(list(re.finditer(r"(?<!\S)and(?!\S)", tail, re.IGNORECASE))):
            left, right = tail[: match.start()].strip(), tail[match.end():].strip()
            if left and right:
                try:
                    (a, anchors_a), (b, anchors_b) = _when(index, left), _when(index, right)
                except QueryError:
                    continue
                if a.start_earliest and b.end_latest and a.start_earliest > b.end_latest:
                    raise QueryError(f"'between {tail}': the second time ends before the first begins")
                return TimeFilter("between", a, b, words=words, anchors=anchors_a + anchors_b)
        raise QueryError(f"'between {tail}' needs two times: between <time> and <time>")
    span, anchors = _when(index, tail)
    return TimeFilter(kind, span, words=words, anchors=anchors)


def _split_entity(index: QueryIndex, words: list[str]) -> str | None:
    text = " ".join(words)
    text = re.sub(r"^(?:about|to|on|of|for|with|from|at|in)\s+", "", text, flags=re.IGNORECASE)
    if not text:
        return None
    try:
        return index.entity(text)
    except QueryError:
        for word in words:  # a misspelt time word ("befor April 2017") is the likelier mistake
            close = difflib.get_close_matches(word.lower(), [w for w in TIME_WORDS if " " not in w], n=1, cutoff=0.75)
            if close and word.lower() not in TIME_WORDS:
                raise QueryError(f"unknown word {word!r}; did you mean {close[0]!r}?") from None
        raise


def _relation_then_target(index: QueryIndex, words: list[str]) -> tuple[str, str | None]:
    """Split words into a relation and an optional target, longest relation first."""
    first_error: QueryError | None = None
    for cut in range(len(words), 0, -1):
        rel_words, rest = words[:cut], words[cut:]
        found = index.relations.find(" ".join(rel_words))
        if len(found) != 1:
            continue
        try:
            return found[0], _split_entity(index, rest)
        except QueryError as exc:
            first_error = first_error or exc
    if first_error is not None:
        raise first_error
    index.relation(words[0])  # raises with suggestions
    raise QueryError(f"no relation found in {' '.join(words)!r}")


def parse_question(G: nx.MultiDiGraph, text: str) -> Question:
    """Parse ``text`` (see the grammar above) against the names in ``G``."""
    index = index_of(G)
    original = " ".join(text.strip().rstrip("?").split())
    if not original:
        raise QueryError("empty question; try: who opposed disclosure before April 2017")
    body, when, time_errors = _find_time(index, original)
    try:
        return _parse_body(index, original, body, when)
    except QueryError:
        if time_errors:  # the time phrase is the likelier mistake: report it
            raise time_errors[0] from None
        raise


def _parse_body(index: QueryIndex, original: str, body: str, when: TimeFilter | None) -> Question:
    words = _words(body)
    lower = [w.lower() for w in words]
    if lower[:2] == ["what", "happened"] and len(words) == 2:
        return Question(original, "what-happened", when=when)
    if lower[:2] == ["what", "did"] and lower[-1] == "do" and len(words) > 3:
        return Question(original, "what-did", actor=index.entity(" ".join(words[2:-1])), when=when)
    if lower[:3] == ["what", "had", "been"] or lower[:3] == ["what", "was", "publicly"]:
        rest = [w for w in lower[2:] if w not in ("been", "publicly")]
        if rest and rest[0] in ("reported", "disclosed", "claimed"):
            if when is None:
                when = TimeFilter("as-of", TimeSpan.period(dt.date.max, dt.date.max), words="by now")
            elif when.kind != "as-of":
                raise QueryError("ask what had been reported 'by' or 'as of' a date")
            return Question(original, "reported", when=when, public_only=rest[0] != "claimed")
    if lower[:2] == ["when", "did"] and len(words) > 3:
        for cut in range(3, len(words)):
            try:
                actor = index.entity(" ".join(words[2:cut]))
                relation, target = _relation_then_target(index, words[cut:])
                return Question(original, "when", relation=relation, actor=actor, target=target)
            except QueryError:
                continue
        raise QueryError(f"could not read {original!r}; try: when did Facebook disclose")
    if lower[:1] == ["who"] and len(words) > 1:
        holder = _holder(index, words[1:], original, when)
        if holder is not None:
            return holder
        relation, target = _relation_then_target(index, words[1:])
        return Question(original, "who", relation=relation, target=target, when=when)
    raise QueryError(
        f"could not read {original!r}; questions start with 'who', 'what did ... do', "
        "'what happened', 'when did' or 'what had been reported'"
    )


def _holder(index: QueryIndex, words: list[str], text: str, when: TimeFilter | None) -> Question | None:
    lower = [w.lower() for w in words]
    if lower[:2] == ["served", "as"]:
        words = words[2:]
    elif lower[:1] in (["held"], ["was"], ["is"]):
        words = words[1:]
    else:
        return None
    def office(phrase: list[str]) -> str | None:
        while phrase and phrase[-1].lower() in ("role", "position", "post"):
            phrase = phrase[:-1]
        found = index.offices.find(" ".join(phrase))
        return found[0] if len(found) == 1 else None

    whole = office(words)
    if whole is not None:
        return Question(text, "holders", office=whole, organisation=None, when=when)
    for cut in range(len(words) - 1, 0, -1):
        if words[cut].lower() in ("of", "at") and (held := office(words[:cut])) is not None:
            org = index.entity(" ".join(words[cut + 1:]))  # an unknown organisation: say so, with suggestions
            return Question(text, "holders", office=held, organisation=org, when=when)
    return None


def answer(G: nx.MultiDiGraph, question: Question, *, at_least: Certainty | str = Certainty.POSSIBLY) -> Answers:
    """Answer a parsed question with the networkx engine."""
    index = index_of(G)
    q = question
    if q.kind == "who":
        return collect_answers(index, run_who(index, q.relation, q.target, q.when), "actor", at_least, q.text)  # type: ignore[arg-type]
    if q.kind == "holders":
        return collect_answers(index, run_holders(index, q.office, q.organisation, q.when), "actor", at_least, q.text)  # type: ignore[arg-type]
    if q.kind == "reported":
        return collect_answers(index, run_reported(index, q.when, q.public_only), "event", at_least, q.text)  # type: ignore[arg-type]
    if q.kind == "when":  # no time condition: every matching event, with its time
        rows = run_events(index, relation=q.relation, actor=q.actor, target=q.target)
        return collect_answers(index, rows, "event", Certainty.POSSIBLY, q.text)
    return collect_answers(index, run_events(index, actor=q.actor, when=q.when), "event", at_least, q.text)


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
    if q.when is None:
        return None
    index = index_of(G)
    if q.kind == "who":
        rows = run_who(index, q.relation, q.target, None)  # type: ignore[arg-type]
    elif q.kind == "holders":
        rows = run_holders(index, q.office, q.organisation, None)  # type: ignore[arg-type]
    elif q.kind == "reported":
        every = TimeFilter("as-of", TimeSpan.period(dt.date.max, dt.date.max))
        rows = run_reported(index, every, q.public_only)
    else:
        rows = run_events(index, actor=q.actor)
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
