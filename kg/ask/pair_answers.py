"""Answers to "did A happen before B" and "how long between A and B", from the joint network.

The two events are compared in one network of constraints (:mod:`kg.ask.pairs`), not each on
its own bounds, so what the relations say about them together counts ("a month after" makes
the elections' end certainly earlier than the warning, though apart they may overlap). Each
answer is an :class:`~kg.ask.answers.Answer` like any other: a *verdict* (``yes`` graded
certainly, likely or possibly, or ``no``) or a *duration* (its words as the label), with the
two events as support, the chain of relations and dates in ``notes``, and the figures in
``detail`` for JSON.

>>> from kg import load
>>> g = load()
>>> [(a.certainty.word, a.label) for a in g.ask("did the elections end before the warning")]
[('certainly', 'yes')]
>>> [a.label for a in g.ask("how long after the warning did Facebook disclose")]
['8 to 10 months, about 9']
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import networkx as nx

from kg.ask.parsed_question import Question
from kg.ask.answers import Answer, Answers, grade_of, support_of
from kg.ask.index import index_of
from kg.time import Certainty

__all__ = ["pair_answers"]


def _pairs(question: Question, found: Iterable[str] | None) -> list[tuple[str, str]]:
    keep = None if found is None else set(found)
    firsts = [k for k in question.events if keep is None or k in keep]
    seconds = [k for k in question.others if keep is None or k in keep]
    return [(a, b) for a in firsts for b in seconds if a != b]


def pair_answers(G: nx.MultiDiGraph, question: Question, *, at_least: Certainty | str = Certainty.POSSIBLY,
                 found: Iterable[str] | None = None) -> Answers:
    """The verdicts (``compare``) or durations (``duration``) for every pair of events the
    question names; ``found`` limits them to the events a SPARQL engine returned."""
    from kg.ask.pairs import compare, duration

    index = index_of(G)
    floor = grade_of(at_least)
    answers = []
    for a, b in _pairs(question, found):
        ia, ib = index.items[a], index.items[b]
        if question.kind == "compare":
            v = compare(G, a, b, question.comparison or "before", b_point=question.points[1])
            yes = v.grade > Certainty.NOT
            certainty = v.grade if yes else Certainty.CERTAINLY  # "no": no reading the text allows
            notes = (f"{v.describe()}; A: {index.label(a)}; B: {index.label(b)}",
                     *(f"because: {o.text}" for o in v.why))
            detail: dict[str, Any] = {"verdict": v.to_dict()}
            label = "yes" if yes else "no"
            kind = "verdict"
        else:
            d = duration(G, a, b, a_point=question.points[0], b_point=question.points[1] or "start")
            certainty, label, kind = Certainty.CERTAINLY, d.describe(), "duration"
            notes = (f"from the {d.point} of {index.label(a)} to the {question.points[1] or 'start'} of "
                     f"{index.label(b)}",
                     *(f"shortest because: {o.text}" for o in d.low_why),
                     *(f"longest because: {o.text}" for o in d.high_why))
            detail = {"duration": d.to_dict()}
        if certainty < floor:
            continue
        support = (support_of(index, ia, certainty), support_of(index, ib, certainty))
        answers.append(Answer(f"{a} {question.kind} {b}", kind, {"en": label}, certainty, support,
                              notes=notes, detail=detail))
    answers.sort(key=lambda x: -x.certainty)
    return Answers(answers, question.text)
