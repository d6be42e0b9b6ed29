"""Portable exports: every example query gives kg sparql's rows in other engines, each with
its default settings, loading kg's TriG, N-Quads and JSON-LD exports as they are."""

from __future__ import annotations

import collections
import urllib.request

import pyoxigraph
import pytest
from conftest import EXAMPLES
from rdflib import BNode, Dataset, Literal
from rdflib.namespace import RDF, XSD

from kg.views.exports import export
from kg.rdf.portable import DATASET_DEFAULT_GRAPH_ID, portable_dataset
from kg.stores.remote import push, remote_query

QUERIES = sorted((EXAMPLES / "queries").glob("*.rq"))
FORMATS = {"trig": ("trig", "application/trig", pyoxigraph.RdfFormat.TRIG),
           "nquads": ("nquads", "application/n-quads", pyoxigraph.RdfFormat.N_QUADS),
           "jsonld": ("json-ld", "application/ld+json", pyoxigraph.RdfFormat.JSON_LD)}


def _term(term):
    """(kind, text, datatype, language) of an rdflib term; plain literals are xsd:string."""
    if term is None:
        return None
    if isinstance(term, Literal):
        datatype = None if term.language else str(term.datatype or XSD.string)
        return ("literal", str(term), datatype, term.language)
    return ("bnode" if isinstance(term, BNode) else "iri", str(term), None, None)


def _oxigraph_term(term):
    if term is None:
        return None
    if isinstance(term, pyoxigraph.Literal):
        datatype = None if term.language else term.datatype.value
        return ("literal", term.value, datatype, term.language)
    return ("bnode" if isinstance(term, pyoxigraph.BlankNode) else "iri", term.value, None, None)


NON_NEGATIVE = str(XSD.nonNegativeInteger)


def folded(rows: collections.Counter) -> collections.Counter:
    """``rows`` with xsd:nonNegativeInteger read as xsd:integer.

    Oxigraph's store (0.5, pyoxigraph and server alike) keeps an xsd:nonNegativeInteger as
    an xsd:integer of the same value (its parsers keep the type; its storage does not): for
    Oxigraph only, the evidence offsets (oa:start, oa:end) are compared this way.
    """
    def term(t):
        return t if t is None or t[2] != NON_NEGATIVE else (t[0], t[1], str(XSD.integer), t[3])
    return collections.Counter({tuple((n, term(t)) for n, t in row): k for row, k in rows.items()})


def rdflib_rows(result) -> collections.Counter:
    names = [str(v) for v in result.vars]
    return collections.Counter(tuple((n, _term(row[n])) for n in names) for row in result)


@pytest.fixture(scope="module")
def graph():
    from kg import load

    return load()


@pytest.fixture(scope="module")
def expected(graph):
    """What `kg sparql` answers (rdflib over the union of all graphs), per query."""
    return {path.name: rdflib_rows(graph.dataset.query(path.read_text(encoding="utf-8"))) for path in QUERIES}


@pytest.fixture(scope="module")
def exports(graph):
    return {fmt: export(graph.dataset, fmt) for fmt in FORMATS}


def test_every_query_has_rows_and_none_repeats(expected):
    for name, rows in expected.items():
        assert rows, name
        assert max(rows.values()) == 1, f"{name} repeats a row"


def test_every_statement_is_in_the_default_graph_and_in_its_claims_graph(graph):
    portable = portable_dataset(graph.dataset)
    default = portable.graph(DATASET_DEFAULT_GRAPH_ID)
    claims = [g for g in portable.graphs() if g.identifier != DATASET_DEFAULT_GRAPH_ID and len(g)]
    assert claims
    for claim in claims:
        assert (claim.identifier, RDF.type, None) in default, "its attribution is in the default graph"
        for triple in claim:
            assert triple in default


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_rdflib_plain_dataset(exports, expected, fmt):
    dataset = Dataset()  # default settings: queries see the default graph only
    dataset.parse(data=exports[fmt], format=FORMATS[fmt][0])
    for path in QUERIES:
        assert rdflib_rows(dataset.query(path.read_text(encoding="utf-8"))) == expected[path.name], path.name


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_pyoxigraph_default_mode(exports, expected, fmt):
    store = pyoxigraph.Store()
    store.load(exports[fmt].encode("utf-8"), FORMATS[fmt][2])
    for path in QUERIES:
        result = store.query(path.read_text(encoding="utf-8"))  # no use_default_graph_as_union
        names = [v.value for v in result.variables]
        rows = collections.Counter(tuple((n, _oxigraph_term(s[n])) for n in names) for s in result)
        want = expected[path.name]
        assert rows == folded(want), path.name


def _remote_rows(store, expected, fold=False):
    for path in QUERIES:
        want = folded(expected[path.name]) if fold else expected[path.name]
        assert rdflib_rows(remote_query(store.query_url, path.read_text(encoding="utf-8"))) == want, path.name


@pytest.mark.external
@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_oxigraph_server_defaults(oxigraph, exports, expected, fmt):
    """The whole export file POSTed to Oxigraph's Graph Store, queried with no option set."""
    oxigraph.clear()
    request = urllib.request.Request(f"{oxigraph.base}/store", data=exports[fmt].encode("utf-8"), method="POST",
                                     headers={"Content-Type": FORMATS[fmt][1]})
    urllib.request.urlopen(request, timeout=60).read()
    _remote_rows(oxigraph, expected, fold=True)


@pytest.mark.external
@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_virtuoso(virtuoso, exports, expected, fmt):
    """Each graph of the export file PUT into Virtuoso (its TriG upload is unreliable); the
    default graph into a named graph, which each query names with default-graph-uri."""
    virtuoso.clear()
    dataset = Dataset()
    dataset.parse(data=exports[fmt], format=FORMATS[fmt][0])
    push(dataset, virtuoso.store_url, default_graph=virtuoso.default_graph)
    _remote_rows(virtuoso, expected)
