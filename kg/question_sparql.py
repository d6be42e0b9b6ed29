"""The SPARQL equivalent of every ``kg ask`` question.

:func:`compile_question` turns a parsed question (:mod:`kg.question`) into a query whose
``FILTER`` s are the same comparisons :mod:`kg.time.phrases` makes in Python, with every
name and date bound (never pasted into the text); :func:`answer_with_sparql` runs it, so
both engines can be compared, and :func:`explain` shows it.

>>> from kg import load
>>> from kg.question import parse_question
>>> g = load()
>>> q = parse_question(g.networkx, "who opposed disclosure")
>>> [a.label for a in answer_with_sparql(g.union, g.networkx, q)]
["Facebook's policy team"]
"""

from __future__ import annotations

from typing import Any

from rdflib import Dataset, Graph, URIRef

from .namespace import PREFIXES
from .query import Answers, QueryIndex, collect_answers, index_of
from .question import Question
from .sparql import run_sparql, with_values
from .time import Certainty
from .time.phrases import TimeFilter

__all__ = ["compile_question", "answer_with_sparql", "sparql_rows", "collect_rows", "explain"]

_BOUNDS = """
  ?time time:hasBeginning ?tb ; time:hasEnd ?te .
  OPTIONAL { ?tb kg:notBefore ?se } OPTIONAL { ?tb kg:notAfter ?sl }
  OPTIONAL { ?te kg:notBefore ?ee } OPTIONAL { ?te kg:notAfter ?el }
  OPTIONAL { ?tb kg:nominalNotBefore ?nse0 } OPTIONAL { ?tb kg:nominalNotAfter ?nsl0 }
  OPTIONAL { ?te kg:nominalNotBefore ?nee0 } OPTIONAL { ?te kg:nominalNotAfter ?nel0 }
  BIND (COALESCE(?nse0, ?se) AS ?nse) BIND (COALESCE(?nsl0, ?sl) AS ?nsl)
  BIND (COALESCE(?nee0, ?ee) AS ?nee) BIND (COALESCE(?nel0, ?el) AS ?nel)"""

_TARGET = """
  ?item ?role ?target .
  VALUES ?role { kg:target kg:recipient kg:beneficiary kg:topic kg:medium }"""


def _time_clause(when: TimeFilter | None, state: bool, bindings: dict[str, Any]) -> tuple[str, str, str]:
    """(FILTER text, certain-expression, likely-expression) for ``when``, days bound as ?d0, ?d1, ..."""
    if when is None:
        return "", "true", "true"
    possible, certain, likely = when.sparql(bindings, state=state)
    return f"\n  FILTER ({possible})", certain, likely


def compile_question(question: Question, index: QueryIndex) -> tuple[str, dict[str, Any]]:
    """The SPARQL query (text, bindings) that answers ``question``; rows are ?answer ?item ?certain ?likely."""
    q, bindings = question, {}  # type: ignore[var-annotated]
    relations = index.G.graph.get("relations", {})
    status_cap = " && ?status = kg:Happened"
    if q.kind == "reported":
        filters, certain, likely = _time_clause(q.when, False, bindings)
        public = " ; kg:public true" if q.public_only else ""
        where = f"""
  ?item a kg:Claim ; kg:claimAbout ?answer{public} ; kg:stance ?stance ; kg:claimedDuring ?time .
  ?answer a kg:Event .
  FILTER (?stance IN (kg:Asserts, kg:Confirms)){_BOUNDS}{filters}"""
        status_cap = ""
    elif q.kind == "holders":
        bindings["office"] = URIRef(q.office)  # type: ignore[arg-type]
        where = """
  ?item a kg:Position ; org:role ?office ; org:member ?answer ; org:memberDuring ?time ."""
        if q.organisation:
            bindings["organisation"] = URIRef(q.organisation)
            where += "\n  ?item org:organization ?organisation ."
        filters, certain, likely = _time_clause(q.when, True, bindings)
        where += _BOUNDS + filters
        status_cap = ""
    else:
        where = "\n  ?item a kg:Event ; kg:status ?status ."
        if q.relation:
            bindings["relation"] = URIRef(relations[q.relation]["iri"])
            where += "\n  ?item sem:eventType ?relation ."
        if q.kind == "who":
            where += "\n  ?item kg:agent ?answer ."
        else:
            where += "\n  BIND (?item AS ?answer)"
        if q.actor:
            bindings["actor"] = URIRef(q.actor)
            where += "\n  ?item kg:agent ?actor ."
        if q.target:
            bindings["target"] = URIRef(q.target)
            where += _TARGET
        when = None if q.kind == "when" else q.when
        where += "\n  ?item time:hasTime ?time ." + _BOUNDS
        filters, certain, likely = _time_clause(when, False, bindings)
        where += filters
        if when is not None and when.anchors:
            names = []
            for anchor in when.anchors:
                name = f"x{len(bindings)}"
                bindings[name] = URIRef(anchor)
                names.append(f"?item != ?{name}")
            where += f"\n  FILTER ({' && '.join(names)})"
    query = (f"SELECT DISTINCT ?answer ?item ?certain ?likely WHERE {{{where}\n"
             f"  BIND (({certain}){status_cap} AS ?certain)\n  BIND (({likely}) AS ?likely)\n}}")
    return query, bindings


def sparql_rows(data: Dataset | Graph, G: Any, question: Question) -> list[tuple[str, Any, Certainty]]:
    """(answer, item, certainty) rows of ``question``'s SPARQL run over ``data``."""
    index = index_of(G)
    query, bindings = compile_question(question, index)
    rows = []
    for row in run_sparql(data, query, bindings):
        item = index.item(str(row.item))
        if item is None:
            continue
        certain = row.certain is not None and bool(row.certain.toPython())
        likely = row.likely is not None and bool(row.likely.toPython())
        grade = Certainty.CERTAINLY if certain else Certainty.LIKELY if likely else Certainty.POSSIBLY
        rows.append((str(row.answer), item, grade))
    return rows


def answer_with_sparql(data: Dataset | Graph, G: Any, question: Question, *, at_least: Certainty | str = Certainty.POSSIBLY) -> Answers:
    """Answer ``question`` by running its SPARQL over ``data`` (``G`` gives labels and times)."""
    return collect_rows(G, question, sparql_rows(data, G, question), at_least=at_least)


def collect_rows(G: Any, question: Question, rows: list[tuple[str, Any, Certainty]], *,
                 at_least: Certainty | str = Certainty.POSSIBLY) -> Answers:
    """Group rows into answers the way the networkx engine does."""
    kind = "actor" if question.kind in ("who", "holders") else "event"
    floor = Certainty.POSSIBLY if question.kind == "when" else at_least
    return collect_answers(index_of(G), rows, kind, floor, question.text)


def explain(question: Question, G: Any) -> str:
    """The parsed question and its SPARQL (bindings shown as VALUES)."""
    index = index_of(G)
    query, bindings = compile_question(question, index)
    prefixes = "\n".join(f"PREFIX {p}: <{ns}>" for p, ns in PREFIXES.items() if f"{p}:" in query)
    return question.explain(index) + "\n\nSPARQL:\n" + prefixes + "\n" + with_values(query, bindings)
