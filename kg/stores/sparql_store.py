"""Which store runs SPARQL: rdflib's memory store, or Oxigraph (``pyoxigraph``) for large data.

rdflib evaluates SPARQL in pure Python; Oxigraph is a SPARQL engine in Rust, made for large
data. ``benchmarks/sparql_engine_benchmark.py`` runs kg's own queries on both, on the same
quads: at 500 events pyoxigraph already loads the data 2.2 times as fast and answers 12 to 311
times as fast (README, "Performance"). So ``store="auto"`` (what ``kg sparql`` and
``kg ask --engine sparql`` use unless ``--store`` says otherwise) picks Oxigraph for a timeline
or event table of at least :data:`LARGE` events when ``pyoxigraph`` is installed
(``pip install 'kg-timeline[oxigraph]'``), and rdflib otherwise; rdflib's answers stay the
reference on timelines of hand-curated size.

The Oxigraph store is in memory: the graph's N-Quads in the portable layout (:mod:`kg.rdf.nquads`,
or :func:`kg.rdf.table_rdf.table_nquads` for a table), streamed into ``Store.bulk_load``, so the
default graph holds every statement and each claim's statement is also in its own named graph,
as in rdflib's union. Queries are checked as :func:`kg.rdf.sparql.run_sparql` checks them (no
update, ``FROM`` or ``SERVICE``), run with kg's prefixes predeclared and values bound (never
pasted into the text), and their results become rdflib results, so formatting and answers
are rdflib's.

>>> from kg import load
>>> g = load()
>>> choose_store(g), LARGE
('rdflib', 500)
>>> query = "SELECT ?who WHERE { ?e sem:eventType kgt:opposed ; kg:agent ?who }"
>>> [str(r.who).rsplit("/", 1)[-1] for r in run_query(g, query, store="oxigraph")]
['policy-team']
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

from kg.errors import KgError, QueryError

__all__ = ["STORES", "LARGE", "oxigraph_available", "choose_store", "oxigraph_store", "run_query", "query_text",
           "ask_with_store"]

STORES = ("auto", "rdflib", "oxigraph")
"""The ``--store`` choices: ``auto`` picks by size (:func:`choose_store`)."""

LARGE = 500
"""Events from which ``auto`` picks Oxigraph (the smallest size benchmarked, where it already wins)."""


def oxigraph_available() -> bool:
    """Whether ``pyoxigraph`` can be imported."""
    try:
        import pyoxigraph  # noqa: F401
    except ImportError:
        return False
    return True


def _events(graph: Any) -> int | None:
    """How many events the graph holds, when that is cheap to know (a timeline or a table)."""
    if getattr(graph, "timeline", None) is not None:
        return len(graph.timeline.events)
    if "networkx" in graph.__dict__ or hasattr(graph, "relation_map"):  # a table: its view is what was read
        return int(graph.networkx.number_of_edges())
    return None  # read from RDF: rdflib already holds it


def choose_store(graph: Any, store: str = "auto") -> str:
    """``rdflib`` or ``oxigraph``: ``store`` itself, or for ``auto`` by size (:data:`LARGE`)."""
    if store not in STORES:
        raise KgError(f"unknown store {store!r}; use one of {', '.join(STORES)}")
    if store == "oxigraph" and not oxigraph_available():
        raise KgError("--store oxigraph needs pyoxigraph (pip install 'kg-timeline[oxigraph]')")
    if store != "auto":
        return store
    events = _events(graph)
    return "oxigraph" if events is not None and events >= LARGE and oxigraph_available() else "rdflib"


class _Chunks(io.RawIOBase):
    """Text chunks as a binary stream, read as they come: bulk loading never holds them all."""

    def __init__(self, chunks: Iterable[str]):
        self._chunks: Iterator[str] = iter(chunks)
        self._left = b""

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        while not self._left:
            try:
                self._left = next(self._chunks).encode("utf-8")
            except StopIteration:
                return 0
        n = min(len(buffer), len(self._left))
        buffer[:n] = self._left[:n]
        self._left = self._left[n:]
        return n


def _nquads(graph: Any) -> Iterable[str]:
    """The graph's N-Quads, portable layout, streamed where kg can stream them."""
    if hasattr(graph, "relation_map"):  # an event table
        from kg.rdf.table_rdf import table_nquads

        return table_nquads(graph.networkx)
    if getattr(graph, "_streams", False):
        from kg.rdf.nquads import iter_quads, nquad_line

        return (nquad_line(q) for q in iter_quads(graph.timeline, portable=True))
    from kg.rdf.portable import portable_dataset

    return [portable_dataset(graph.dataset).serialize(format="nquads")]


def oxigraph_store(graph: Any) -> Any:
    """An in-memory ``pyoxigraph.Store`` holding ``graph``'s quads, built once per graph."""
    store = graph.__dict__.get("_oxigraph_store")
    if store is None:
        import pyoxigraph

        store = pyoxigraph.Store()
        store.bulk_load(io.BufferedReader(_Chunks(_nquads(graph)), 1 << 20), pyoxigraph.RdfFormat.N_QUADS)
        graph.__dict__["_oxigraph_store"] = store
    return store


def _to_rdflib(term: Any) -> Any:
    import pyoxigraph as ox
    from rdflib import BNode, Literal, URIRef
    from rdflib.namespace import XSD

    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        datatype = term.datatype.value
        return Literal(term.value) if datatype == str(XSD.string) else Literal(term.value, datatype=URIRef(datatype))
    raise QueryError(f"SPARQL result term kg cannot read: {term!r}")


def _oxigraph_result(graph: Any, query: str, bindings: Mapping[str, Any] | None) -> Any:
    """``query`` run by Oxigraph over ``graph``, as an rdflib ``Result`` (checked as rdflib would)."""
    from rdflib import Graph, Variable
    from rdflib.query import Result

    from kg.namespace import PREFIXES
    from kg.rdf.sparql import prepare_query, select_columns, with_values

    tree, _ = prepare_query(query)  # kg's checks first: no update, FROM or SERVICE
    form = str(tree[1].name).replace("Query", "").upper()
    store = oxigraph_store(graph)
    # values as a VALUES block of RDF terms (n3(): quotes and brackets stay data); Oxigraph's own
    # substitutions only bind projected variables
    text = with_values(query, bindings) if bindings else query
    try:
        found = store.query(text, prefixes=dict(PREFIXES))
    except (SyntaxError, ValueError, OSError, RuntimeError) as exc:
        raise QueryError(f"SPARQL evaluation failed: {' '.join(str(exc).split())[:300]}") from None
    result = Result(form)
    if form == "ASK":
        result.askAnswer = bool(found)
    elif form in ("CONSTRUCT", "DESCRIBE"):
        triples = Graph()
        for t in found:
            triples.add((_to_rdflib(t.subject), _to_rdflib(t.predicate), _to_rdflib(t.object)))
        result.graph = triples
    else:
        names = select_columns(query, tree, [v.value for v in found.variables])
        result.vars = [Variable(n) for n in names]
        result.bindings = [{Variable(n): t for n in names if (t := _to_rdflib(s[n])) is not None} for s in found]
    return result


def run_query(graph: Any, query: str, bindings: Mapping[str, Any] | None = None, *, store: str = "auto") -> Any:
    """Run ``query`` over ``graph`` (a :class:`~kg.KnowledgeGraph`) in the chosen store: an rdflib
    ``Result`` either way, with the same rows (:func:`kg.rdf.sparql.run_sparql` for rdflib)."""
    if choose_store(graph, store) == "oxigraph":
        return _oxigraph_result(graph, query, bindings)
    from kg.rdf.sparql import run_sparql

    return run_sparql(graph.dataset, query, bindings)


def query_text(graph: Any, query: str, fmt: str = "table", *, store: str = "auto") -> str:
    """``query`` run over ``graph`` in the chosen store, formatted (:func:`kg.rdf.sparql.format_result`)."""
    from kg.rdf.read import quiet_rdflib
    from kg.rdf.sparql import format_result

    with quiet_rdflib():
        return format_result(run_query(graph, query, store=store), fmt)


def ask_with_store(graph: Any, question: Any, *, at_least: str = "possibly", store: str = "auto") -> Any:
    """Answer a parsed question by running its SPARQL in the chosen store (``--engine sparql``)."""
    from kg.ask.sparql import answer_with_sparql, collect_rows, sparql_rows

    if choose_store(graph, store) == "oxigraph":
        rows = sparql_rows(None, graph.networkx, question, run=lambda q, b: _oxigraph_result(graph, q, b))
        return collect_rows(graph.networkx, question, rows, at_least=at_least)
    return answer_with_sparql(graph.union, graph.networkx, question, at_least=at_least)
