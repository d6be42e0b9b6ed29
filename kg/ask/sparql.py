"""The SPARQL equivalent of every ``kg ask`` question.

:func:`compile_question` turns a parsed question (:mod:`kg.ask.question`) into a query whose
``FILTER`` s are the same comparisons :mod:`kg.time.phrases` makes in Python, with every
name and date bound (never pasted into the text); :func:`answer_with_sparql` runs it, so
both engines can be compared, and :func:`explain` shows it.

>>> from kg import load
>>> from kg.ask.question import parse_question
>>> g = load()
>>> q = parse_question(g.networkx, "who opposed disclosure")
>>> [a.label for a in answer_with_sparql(g.union, g.networkx, q)]
["Facebook's policy team"]
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.query import ResultRow

from kg.namespace import KG, PREFIXES
from kg.ask.parsed_question import Question
from kg.ask.answers import Answers, collect_answers
from kg.ask.index import NO_AGENT, QueryIndex, index_of
from kg.rdf.sparql import run_sparql, with_values
from kg.time import Certainty
from kg.time.phrases import TimeFilter
from kg.vocabulary import bundled_vocabulary

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


def _in(name: str, keys: tuple[str, ...] | list[str], bindings: dict[str, Any]) -> str:
    """``FILTER (?name IN (?e0, ?e1, ...))`` with each IRI bound, never pasted."""
    names = []
    for key in keys:
        var = f"e{len(bindings)}"
        bindings[var] = URIRef(key)
        names.append(f"?{var}")
    return f"\n  FILTER (?{name} IN ({', '.join(names) or '?nothing'}))"


def _anchors_out(when: TimeFilter | None, bindings: dict[str, Any]) -> str:
    if when is None or not when.anchors:
        return ""
    names = []
    for anchor in when.anchors:
        name = f"x{len(bindings)}"
        bindings[name] = URIRef(anchor)
        names.append(f"?item != ?{name}")
    return f"\n  FILTER ({' && '.join(names)})"


_CAP = " && ?status = kg:Happened"


def compile_holders(q: Question, index: QueryIndex, bindings: dict[str, Any]) -> tuple[str, str, str, str]:
    bindings["office"] = URIRef(q.office)  # type: ignore[arg-type]  # holders always name an office
    where = """
  ?item a kg:Position ; org:role ?office ; org:member ?answer ; org:memberDuring ?time ."""
    if q.organisation:
        bindings["organisation"] = URIRef(q.organisation)
        where += "\n  ?item org:organization ?organisation ."
    filters, certain, likely = _time_clause(q.when, True, bindings)
    return where + _BOUNDS + filters, certain, likely, ""


def _event_pattern(q: Question, index: QueryIndex, bindings: dict[str, Any]) -> str:
    where = "\n  ?item a kg:Event ; kg:status ?status ."
    if q.events:
        where += _in("item", q.events, bindings)
    if q.relation:
        bindings["relation"] = URIRef(index.G.graph.get("relations", {})[q.relation]["iri"])
        where += "\n  ?item sem:eventType ?relation ."
    if q.actor:
        bindings["actor"] = URIRef(q.actor)
        where += "\n  ?item kg:agent ?actor ."
    if q.target:
        bindings["target"] = URIRef(q.target)
        where += _TARGET
    if q.medium:
        bindings["medium"] = URIRef(q.medium)
        where += "\n  ?item kg:medium ?medium ."
    return where


def _timed_events(where: str, when: TimeFilter | None, bindings: dict[str, Any]) -> tuple[str, str, str, str]:
    where += "\n  ?item time:hasTime ?time ." + _BOUNDS
    filters, certain, likely = _time_clause(when, False, bindings)
    return where + filters + _anchors_out(when, bindings), certain, likely, _CAP


def compile_who(q: Question, index: QueryIndex, bindings: dict[str, Any]) -> tuple[str, str, str, str]:
    where = _event_pattern(q, index, bindings)
    if q.role == "agent":
        bindings["noagent"] = URIRef(NO_AGENT)
        where += "\n  OPTIONAL { ?item kg:agent ?agent0 }\n  BIND (COALESCE(?agent0, ?noagent) AS ?answer)"
    elif q.role == "whom":
        where += "\n  ?item ?prole ?answer .\n  VALUES ?prole { kg:target kg:recipient kg:beneficiary }"
    elif q.role == "others":
        where += "\n  ?item ?prole ?answer .\n  VALUES ?prole { kg:target kg:recipient kg:beneficiary kg:topic kg:medium }"
    else:
        bindings["prole"] = KG[q.role]
        where += "\n  ?item ?prole ?answer ."
    return _timed_events(where, q.when, bindings)


def compile_events(q: Question, index: QueryIndex, bindings: dict[str, Any]) -> tuple[str, str, str, str]:
    where = _event_pattern(q, index, bindings) + "\n  BIND (?item AS ?answer)"
    if q.kind == "when":  # every matching event, listed certainly (its status is shown with it)
        return where, "true", "true", ""
    return _timed_events(where, q.when, bindings)


def compile_status(q: Question, index: QueryIndex, bindings: dict[str, Any]) -> tuple[str, str, str, str]:
    where = "\n  ?item a kg:Event ; kg:status ?status .\n  BIND (?item AS ?answer)"
    statuses = bundled_vocabulary().statuses
    where += _in("status", [str(statuses[s].iri) for s in q.statuses], bindings)
    where += "\n  ?item time:hasTime ?time ." + _BOUNDS
    filters, certain, likely = _time_clause(q.when, False, bindings)
    return where + filters + _anchors_out(q.when, bindings), certain, likely, ""  # the status is certain


def _claim_pattern(q: Question, bindings: dict[str, Any]) -> str:
    where = "\n  ?item a kg:Claim ; kg:claimAbout ?about ; kg:stance ?stance ; kg:claimedDuring ?time ."
    if q.stance:
        bindings["stance"] = URIRef(bundled_vocabulary().stances[q.stance].iri)
    if q.events:
        where += _in("about", q.events, bindings)
    return where


def _timed_claims(where: str, when: TimeFilter | None, bindings: dict[str, Any]) -> tuple[str, str, str, str]:
    filters, certain, likely = _time_clause(when, False, bindings)
    return where + _BOUNDS + filters, certain, likely, ""


def compile_claimants(q: Question, index: QueryIndex, bindings: dict[str, Any]) -> tuple[str, str, str, str]:
    where = _claim_pattern(q, bindings) + "\n  ?item kg:claimant ?answer ."
    return _timed_claims(where, q.when, bindings)


def compile_claims_by(q: Question, index: QueryIndex, bindings: dict[str, Any]) -> tuple[str, str, str, str]:
    bindings["claimant"] = URIRef(q.claimant)  # type: ignore[arg-type]  # the reader names one
    where = _claim_pattern(q, bindings) + "\n  ?item kg:claimant|prov:hadPrimarySource ?claimant .\n  BIND (?about AS ?answer)"
    if q.medium:
        bindings["document"] = URIRef(q.medium)
        where += "\n  ?item prov:hadPrimarySource ?document ."
    return _timed_claims(where, q.when, bindings)


def compile_citing(q: Question, index: QueryIndex, bindings: dict[str, Any]) -> tuple[str, str, str, str]:
    bindings["cited"] = URIRef(q.target)  # type: ignore[arg-type]  # the reader names one
    where = _claim_pattern(q, bindings) + "\n  ?item kg:citing|kg:via ?cited .\n  BIND (?about AS ?answer)"
    return _timed_claims(where, q.when, bindings)


def compile_cited(q: Question, index: QueryIndex, bindings: dict[str, Any]) -> tuple[str, str, str, str]:
    where = _claim_pattern(q, bindings) + "\n  ?item kg:citing|kg:via ?answer ."
    if q.claimant:
        bindings["claimant"] = URIRef(q.claimant)
        where += "\n  ?item kg:claimant ?claimant ."
    return _timed_claims(where, q.when, bindings)


def compile_visibility(q: Question, index: QueryIndex, bindings: dict[str, Any]) -> tuple[str, str, str, str]:
    bindings["public"] = Literal(bool(q.public))
    where = _claim_pattern(q, bindings) + "\n  ?item kg:public ?public .\n  BIND (?about AS ?answer)"
    return _timed_claims(where, q.when, bindings)


def compile_links(q: Question, index: QueryIndex, bindings: dict[str, Any]) -> tuple[str, str, str, str]:
    near, far = ("from", "to") if q.kind == "why" else ("to", "from")
    where = (f"\n  ?item a kg:Link ; kg:linkFrom ?from ; kg:linkTo ?to ; kg:linkRelation ?relation ."
             f"\n  VALUES ?relation {{ kg:becauseOf kg:inResponseTo }}{_in(near, q.events, bindings)}"
             f"\n  BIND (?{far} AS ?answer)")
    return where, "true", "true", ""


def compile_reported(q: Question, index: QueryIndex, bindings: dict[str, Any]) -> tuple[str, str, str, str]:
    filters, certain, likely = _time_clause(q.when, False, bindings)
    public = " ; kg:public true" if q.public_only else ""
    where = f"""
  ?item a kg:Claim ; kg:claimAbout ?answer{public} ; kg:stance ?stance ; kg:claimedDuring ?time .
  ?answer a kg:Event .
  FILTER (?stance IN (kg:Asserts, kg:Confirms)){_BOUNDS}{filters}"""
    return where, certain, likely, ""


def compile_pair(q: Question, index: QueryIndex, bindings: dict[str, Any]) -> tuple[str, str, str, str]:
    """The two sets of events compared; kg grades them on the constraint network (:mod:`kg.ask.pairs`)."""
    where = "\n  ?item a ?type ." + _in("item", (*q.events, *q.others), bindings) + "\n  BIND (?item AS ?answer)"
    return where, "true", "true", ""


def compile_question(question: Question, index: QueryIndex) -> tuple[str, dict[str, Any]]:
    """The SPARQL query (text, bindings) that answers ``question``; rows are ?answer ?item ?certain ?likely."""
    from kg.ask.forms import form_named

    bindings: dict[str, Any] = {}
    compiler = globals()[form_named(question.kind).sparql]
    where, certain, likely, cap = compiler(question, index, bindings)
    query = (f"SELECT DISTINCT ?answer ?item ?certain ?likely WHERE {{{where}\n"
             f"  BIND (({certain}){cap} AS ?certain)\n  BIND (({likely}) AS ?likely)\n}}")
    return query, bindings


def sparql_rows(data: Dataset | Graph | None, G: Any, question: Question, *,
                run: Callable[[str, dict[str, Any]], Any] | None = None) -> list[tuple[str, Any, Certainty]]:
    """(answer, item, certainty) rows of ``question``'s SPARQL run over ``data`` (or by ``run``,
    given the query and its bindings: another store, :mod:`kg.stores.sparql_store`)."""
    index = index_of(G)
    query, bindings = compile_question(question, index)
    rows = []
    results: Iterable[Any]
    if run is None:
        assert data is not None  # only a run of another store goes without the data
        results = run_sparql(data, query, bindings)
    else:
        results = run(query, bindings)
    for row in results:
        found = row.asdict() if isinstance(row, ResultRow) else {}  # a SELECT gives ResultRows
        item = index.item(str(found.get("item")))
        if item is None:
            continue
        certain = _true(found.get("certain"))
        likely = _true(found.get("likely"))
        grade = Certainty.CERTAINLY if certain else Certainty.LIKELY if likely else Certainty.POSSIBLY
        rows.append((str(found["answer"]), item, grade))
    return rows


def _true(term: Any) -> bool:
    """Whether a SPARQL result term is the boolean true (unbound: false)."""
    return isinstance(term, Literal) and bool(term.toPython())


def answer_with_sparql(data: Dataset | Graph, G: Any, question: Question, *, at_least: Certainty | str = Certainty.POSSIBLY) -> Answers:
    """Answer ``question`` by running its SPARQL over ``data`` (``G`` gives labels and times)."""
    return collect_rows(G, question, sparql_rows(data, G, question), at_least=at_least)


def collect_rows(G: Any, question: Question, rows: list[tuple[str, Any, Certainty]], *,
                 at_least: Certainty | str = Certainty.POSSIBLY) -> Answers:
    """Group rows into answers the way the networkx engine does."""
    from kg.ask.forms import form_named

    form = form_named(question.kind)
    if form.answers in ("verdict", "duration"):
        from kg.ask.pair_answers import pair_answers

        found = {item.key for _, item, _ in rows}
        return pair_answers(G, question, at_least=at_least, found=found)
    floor = Certainty.POSSIBLY if not form.takes_time else at_least
    return collect_answers(index_of(G), rows, form.answers, floor, question.text)


def explain(question: Question, G: Any) -> str:
    """The parsed question and its SPARQL (bindings shown as VALUES)."""
    index = index_of(G)
    query, bindings = compile_question(question, index)
    prefixes = "\n".join(f"PREFIX {p}: <{ns}>" for p, ns in PREFIXES.items() if f"{p}:" in query)
    return question.explain(index) + "\n\nSPARQL:\n" + prefixes + "\n" + with_values(query, bindings)
