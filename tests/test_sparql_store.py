"""The SPARQL store: Oxigraph (pyoxigraph) and rdflib give the same rows, columns and answers,
on the bundled data, a synthetic timeline and a synthetic event table; ``auto`` picks by size."""

from __future__ import annotations

import collections
import json

import pytest
from conftest import EXAMPLES
from rdflib import Literal
from rdflib.namespace import XSD

from kg.cli import cli
from kg.stores.sparql_store import LARGE, choose_store, query_text, run_query

QUERIES = sorted((EXAMPLES / "queries").glob("*.rq"))
PLAIN = [
    "SELECT ?type (COUNT(DISTINCT ?e) AS ?n) WHERE { ?e a kg:Event ; sem:eventType ?type } GROUP BY ?type",
    "SELECT * WHERE { ?e a kg:Event ; rdfs:label ?label ; kg:status ?status }",
    "SELECT ?claim ?s ?o WHERE { GRAPH ?claim { ?s kg:agent ?o } }",
    "ASK { ?e a kg:Event }",
    "ASK { ?e a kg:NoSuchClass }",
]


def _fold(term):
    """xsd:nonNegativeInteger read as xsd:integer: Oxigraph's storage keeps the one as the other, of
    the same value (the evidence offsets oa:start and oa:end; see tests/test_portable.py)."""
    if isinstance(term, Literal) and term.datatype == XSD.nonNegativeInteger:
        return Literal(str(term), datatype=XSD.integer)
    return term


def _rows(result):
    """(columns, multiset of rows) of a SELECT; the answer of an ASK; the triples of a CONSTRUCT."""
    if result.type == "ASK":
        return result.askAnswer
    if result.type in ("CONSTRUCT", "DESCRIBE"):
        return set(result.graph)
    names = [str(v) for v in result.vars]
    return names, collections.Counter(tuple(_fold(row[n]) if n in row.labels else None for n in names)
                                      for row in result)


def _same_everywhere(graph, queries):
    nonempty = 0
    for query in queries:
        mine, theirs = _rows(run_query(graph, query, store="rdflib")), _rows(run_query(graph, query, store="oxigraph"))
        assert mine == theirs, query
        nonempty += bool(mine[1] if isinstance(mine, tuple) else mine)
    return nonempty


@pytest.fixture(scope="module")
def stamos():
    from kg import load

    return load()


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory):
    from kg import load
    from kg.timeline.synthetic import write_synthetic_timeline

    return load(write_synthetic_timeline(tmp_path_factory.mktemp("timeline"), events=60, seed=4))


@pytest.fixture(scope="module")
def table(tmp_path_factory):
    from kg import load
    from kg.graph.synthetic_table import write_synthetic_table

    return load(write_synthetic_table(tmp_path_factory.mktemp("table") / "facts.tsv", LARGE + 100, seed=2))


def test_example_queries_give_rdflibs_rows_in_oxigraph(stamos):
    queries = [p.read_text(encoding="utf-8") for p in QUERIES] + PLAIN
    assert _same_everywhere(stamos, queries) >= len(QUERIES) + 2  # real answers, not two empty sets


def test_a_construct_gives_the_same_triples(stamos):
    query = "CONSTRUCT { ?e rdfs:label ?l } WHERE { ?e a kg:Event ; rdfs:label ?l FILTER(lang(?l) = 'ar') }"
    triples = _rows(run_query(stamos, query, store="oxigraph"))
    assert triples == _rows(run_query(stamos, query, store="rdflib")) and len(triples) > 10


@pytest.mark.parametrize("name", ["synthetic", "table"])
def test_synthetic_data_gives_the_same_rows(request, name):
    graph = request.getfixturevalue(name)
    assert _same_everywhere(graph, PLAIN) >= 3


def test_formatted_results_are_the_same(stamos):
    query = (EXAMPLES / "queries" / "timeline.rq").read_text(encoding="utf-8")  # ORDER BY: one order
    for fmt in ("table", "csv", "tsv"):
        assert query_text(stamos, query, fmt, store="oxigraph") == query_text(stamos, query, fmt, store="rdflib")
    # JSON: the same document (the keys of a row's object may come in another order)
    assert json.loads(query_text(stamos, query, "json", store="oxigraph")) == \
        json.loads(query_text(stamos, query, "json", store="rdflib"))


QUESTIONS = ["who opposed disclosure", "who opposed disclosure before April 2017", "what happened before 2017",
             "who held chief security officer during 2016", "when did Stamos warn", "what did Stamos do after 2017",
             "what had been publicly reported by 2018-03-20", "who claimed that Stamos was leaving"]


@pytest.mark.parametrize("at_least", ["possibly", "certainly"])
def test_ask_with_the_sparql_engine_in_oxigraph_gives_kgs_answers(stamos, at_least):
    answered = 0
    for question in QUESTIONS:
        mine = stamos.ask(question, at_least=at_least).keyed()
        assert stamos.ask(question, at_least=at_least, engine="sparql", store="oxigraph").keyed() == mine, question
        assert stamos.ask(question, at_least=at_least, engine="sparql", store="rdflib").keyed() == mine, question
        answered += bool(mine)
    assert answered >= 4


def test_ask_on_a_table_in_oxigraph_gives_kgs_answers(table):
    from kg.ask.query import index_of

    G = table.networkx
    index = index_of(G)
    (relation, target), events = max(index.by_pair.items(), key=lambda kv: (len(kv[1]), kv[0]))
    question = f"who {relation.replace('-', ' ')} {G.nodes[target]['label']} before 2012"
    mine = table.ask(question).keyed()
    assert mine and table.ask(question, engine="sparql", store="oxigraph").keyed() == mine


def test_auto_picks_oxigraph_for_large_data(stamos, table):
    assert choose_store(stamos) == "rdflib"  # hand-curated size: rdflib, the reference
    assert choose_store(table) == "oxigraph"  # LARGE events or more
    assert choose_store(table, "rdflib") == "rdflib"


def test_the_cli_store_option(runner):
    query = str(EXAMPLES / "queries" / "who-opposed-before.rq")
    rdflib = runner.invoke(cli, ["sparql", query, "--store", "rdflib", "--format", "csv"])
    oxigraph = runner.invoke(cli, ["sparql", query, "--store", "oxigraph", "--format", "csv"])
    assert rdflib.exit_code == oxigraph.exit_code == 0 and rdflib.output == oxigraph.output
    assert len(oxigraph.output.splitlines()) > 1
    refused = runner.invoke(cli, ["sparql", "SELECT * FROM <file:///etc/passwd> WHERE { ?s ?p ?o }",
                                  "--store", "oxigraph"])
    assert refused.exit_code == 2 and "FROM and FROM NAMED are not supported" in refused.output
    update = runner.invoke(cli, ["sparql", "INSERT DATA { <urn:a> <urn:b> <urn:c> }", "--store", "oxigraph"])
    assert update.exit_code == 2 and "read-only" in update.output
    answer = runner.invoke(cli, ["ask", "who opposed disclosure", "--engine", "sparql", "--store", "oxigraph"])
    assert answer.exit_code == 0 and "Facebook's policy team" in answer.output
    bad = runner.invoke(cli, ["sparql", "SELECT ?x WHERE { ?x }", "--store", "nosuch"])
    assert bad.exit_code == 2 and "nosuch" in bad.output
