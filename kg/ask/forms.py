"""The question forms of ``kg ask``: one table, each form its grammar, example, reader, runner and SPARQL.

A form is one :class:`Form` in :data:`FORMS`: the words it starts with, a line of grammar,
a worked example, the function that reads the rest of the question (:mod:`kg.ask.grammar`, through a
:class:`~kg.ask.reader.Reader`, which resolves names by the graph's labels and the vocabulary's SKOS labels),
the runner that answers it over the networkx index, and the name of its SPARQL compiler in
:mod:`kg.ask.sparql`. ``kg ask --help`` and the README's grammar are made from (and
tested against) this table; a new form is one entry.

>>> [f.name for f in FORMS][:4]
['holders', 'claimants', 'who', 'cited']
>>> print(FORMS[0].grammar)
who held|was|is OFFICE [of|at|for ORG] | who was ORG's OFFICE
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from kg.ask import grammar
from kg.ask.index import QueryIndex
from kg.ask.parsed_question import Question
from kg.ask.reader import Reader
from kg.ask.runners import Row, judge, participants, run_events, run_holders, run_reported, run_who
from kg.time import Certainty
from kg.time.phrases import TimeFilter

__all__ = ["Form", "FORMS", "form_named"]


@dataclass(frozen=True)
class Form:
    """One question form: how it reads, how it is answered, and how it is shown."""

    name: str
    starts: tuple[tuple[str, ...], ...]  # the lead words it may start with, lower case
    grammar: str
    example: str
    help: str
    read: Callable[[Reader, list[str], TimeFilter | None], Question | None]
    run: Callable[[QueryIndex, Question], Iterable[Row]]
    answers: str  # actor | event | claimant | verdict | duration ...
    sparql: str  # name of the compiler in kg.ask.sparql
    takes_time: bool = True



# ---- runners -----------------------------------------------------------------------------


def _run_holders(index: QueryIndex, q: Question) -> Iterable[Row]:
    return run_holders(index, q.office, q.organisation, q.when)  # type: ignore[arg-type]  # read_holders sets office


def _run_who(index: QueryIndex, q: Question) -> Iterable[Row]:
    if q.events:
        return _in_events(index, q.events, q.role, q.when)
    return run_who(index, q.relation, q.target, q.when, actor=q.actor, role=q.role, medium=q.medium)


def _in_events(index: QueryIndex, events: tuple[str, ...], role: str, when: TimeFilter | None) -> Iterator[Row]:
    for key in events:
        item = index.items[key]
        for who in participants(item, role):
            yield who, item, judge(item, when)


def _run_events(index: QueryIndex, q: Question) -> Iterable[Row]:
    if q.kind == "when":  # the events and their times: each listed certainly, its status shown
        rows: Iterable[Row] = ((k, index.items[k], Certainty.CERTAINLY) for k in q.events) if q.events else (
            (k, item, Certainty.CERTAINLY)
            for k, item, _ in run_events(index, relation=q.relation, actor=q.actor, target=q.target))
        return rows
    if q.events:
        return ((k, index.items[k], judge(index.items[k], q.when)) for k in q.events)
    return run_events(index, relation=q.relation, actor=q.actor, target=q.target, when=q.when)


def _run_claimants(index: QueryIndex, q: Question) -> Iterable[Row]:
    from kg.ask.claims import run_claimants

    return run_claimants(index, q.events or None, q.stance, q.when)


def _run_claims_by(index: QueryIndex, q: Question) -> Iterable[Row]:
    from kg.ask.claims import run_claims_by

    return run_claims_by(index, q.claimant, q.stance, q.events or None, q.when,  # type: ignore[arg-type]  # set by the reader
                         document=q.medium)


def _run_citing(index: QueryIndex, q: Question) -> Iterable[Row]:
    from kg.ask.claims import run_citing

    return run_citing(index, q.target, None, q.when)  # type: ignore[arg-type]  # set by the reader


def _run_cited(index: QueryIndex, q: Question) -> Iterable[Row]:
    from kg.ask.claims import run_cited

    return run_cited(index, q.events or None, q.when, claimant=q.claimant)


def _run_visibility(index: QueryIndex, q: Question) -> Iterable[Row]:
    from kg.ask.claims import run_visibility

    return run_visibility(index, bool(q.public), q.when)


def _run_status(index: QueryIndex, q: Question) -> Iterable[Row]:
    from kg.ask.claims import run_status

    return run_status(index, q.statuses, q.when)


def _run_why(index: QueryIndex, q: Question) -> Iterable[Row]:
    from kg.ask.claims import run_reasons

    return run_reasons(index, q.events)


def _run_followed(index: QueryIndex, q: Question) -> Iterable[Row]:
    from kg.ask.claims import run_followed

    return run_followed(index, q.events)


def _run_reported(index: QueryIndex, q: Question) -> Iterable[Row]:
    return run_reported(index, q.when, q.public_only)  # type: ignore[arg-type]  # the reader always sets a time


def _run_pair(index: QueryIndex, q: Question) -> Iterable[Row]:
    return ()  # answered by kg.ask.question.answer from the joint network (kg.ask.pairs), not row by row


FORMS: tuple[Form, ...] = (
    Form("holders", (("who",),), "who held|was|is OFFICE [of|at|for ORG] | who was ORG's OFFICE",
         "who was Facebook's chief security officer in 2016", "who held an office",
         grammar.read_holders, _run_holders, "actor", "compile_holders"),
    Form("claimants", (("who",),), "who reported|claimed|confirmed|denied|relayed|left unaddressed [that] CLAUSE",
         "who reported that Stamos was preparing to leave", "who made claims, with what stance",
         grammar.read_claimants, _run_claimants, "claimant", "compile_claimants"),
    Form("who", (("who",),), "who RELATION [TARGET] [on DOCUMENT] | who ROLE CLAUSE | who was TARGET RELATION by",
         "who reorganised Stamos's security team", "who took part (the agent, or another role)",
         grammar.read_who, _run_who, "actor", "compile_who"),
    Form("cited", (("what",), ("which",), ("whom",), ("who",)), "what sources did CLAIMANT|CLAUSE cite",
         "what sources did The Wall Street Journal cite",
         "whom the claims about some events cite", grammar.read_cited, _run_cited, "actor", "compile_cited"),
    Form("whom", (("whom",), ("who", "did"), ("to", "whom")), "whom did ACTOR RELATION",
         "whom did Stamos email", "who else took part: recipients, targets, topics",
         grammar.read_whom, _run_who, "actor", "compile_who"),
    Form("what-did", (("what", "did"),), "what did ACTOR do", "what did Stamos do in December 2016",
         "what an actor did", grammar.read_what_did, _run_events, "event", "compile_events"),
    Form("claims-by", (("what", "did"), ("what", "does"), ("did",)), "what did CLAIMANT report|claim|confirm|deny|leave unaddressed "
         "| did CLAIMANT deny [that] CLAUSE", "what did Stamos's tweet leave unaddressed",
         "what a person, outlet or document claimed, with stance", grammar.read_claims_by, _run_claims_by, "event",
         "compile_claims_by"),
    Form("what-role", (("what", "did"),), "what did ACTOR RELATION [about|for|to|on]",
         "what did Stamos warn about", "what an actor's events were about, for, to or on",
         grammar.read_whom, _run_who, "actor", "compile_who"),
    Form("citing", (("which",), ("what", "claims"), ("what", "reports")), "which claims cite|rest on SOURCE", "which claims rest on anonymous sources",
         "the claims that cite a source", grammar.read_citing, _run_citing, "event", "compile_citing"),
    Form("visibility", (("what",),), "what was public|internal", "what was internal before 2018",
         "claims by whether they were public, graded by their dates", grammar.read_visibility, _run_visibility,
         "event", "compile_visibility"),
    Form("status", (("which",), ("what", "events"), ("what", "was"), ("what", "is")), "which events are happened|planned|only reported | what was planned",
         "which events are only reported", "events by status", grammar.read_status, _run_status, "event",
         "compile_status"),
    Form("what-happened", (("what",),), "what happened | what was RELATION", "what happened in January 2018",
         "every event (of a relation)", grammar.read_what_happened, _run_events, "event", "compile_events"),
    Form("when", (("when",),), "when did ACTOR RELATION [TARGET] | when was CLAUSE | when did CLAUSE happen",
         "when was Stamos's security team reorganised", "the events and their times",
         grammar.read_when, _run_events, "event", "compile_events", takes_time=False),
    Form("why", (("why",), ("what", "led"), ("what", "caused")), "why did|was|is CLAUSE | what led to CLAUSE", "why is Stamos leaving",
         "the reasons the text gives (because-of, response-to), each with who gives it",
         grammar.read_why, _run_why, "event", "compile_links", takes_time=False),
    Form("followed", (("what",),), "what followed from CLAUSE", "what followed from the reorganisation",
         "what happened because of, or in response to, some events", grammar.read_followed, _run_followed, "event",
         "compile_links", takes_time=False),
    Form("reported", (("what",),), "what had been [publicly] reported|claimed [by WHEN]",
         "what had been publicly reported by 1 March 2018", "events by the dates of the claims about them",
         grammar.read_reported, _run_reported, "event", "compile_reported"),
    Form("compare", (("did",), ("was",), ("were",)), "did CLAUSE happen before|after|during|strictly before|since EVENT [ended] | did CLAUSE overlap [with] EVENT",
         "did the reorganisation happen before the reports",
         "a graded yes or no, from the relations and dates jointly", grammar.read_compare, _run_pair, "verdict",
         "compile_pair", takes_time=False),
    Form("duration", (("how", "long"),), "how long between [the end of] EVENT and [the end of] EVENT | how long after CLAUSE did CLAUSE",
         "how long after the warning did Facebook disclose",
         "the shortest and longest time the text allows, and as written", grammar.read_duration, _run_pair,
         "duration", "compile_pair", takes_time=False),
)
"""Every question form, tried in this order (the first that reads the question wins)."""


def form_named(name: str) -> Form:
    """The form called ``name`` (a :attr:`Question.kind`)."""
    for form in FORMS:
        if form.name == name:
            return form
    raise KeyError(name)
