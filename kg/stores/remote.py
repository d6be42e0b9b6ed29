"""kg against a SPARQL 1.1 store: push a timeline, run queries and questions remotely.

- :func:`push` writes a dataset into a store over the SPARQL 1.1 Graph Store Protocol,
  graph by graph (``PUT`` replaces each graph), in the portable layout
  (:mod:`kg.rdf.portable`): the default graph holds every statement, each claim's named graph
  its own. A store without a writable default graph (Virtuoso, whose default graph is the
  union of all graphs) takes it into a named graph: ``default_graph=IRI``.
- :func:`remote_query` runs a query at a SPARQL 1.1 Protocol endpoint (``POST``,
  form-encoded) and returns an rdflib ``Result``, so :func:`kg.rdf.sparql.format_result`
  prints it as it does a local one. kg's prefixes are declared in front of the query.
- :func:`ask_remote` answers a ``kg ask`` question with its compiled SPARQL
  (:func:`kg.ask.sparql.compile_question`) run at the endpoint; labels and times come
  from the local graph.

Only the standard library speaks HTTP here (``urllib``).

>>> with_prefixes("SELECT * WHERE { ?s a kg:Event }").splitlines()[0]
'PREFIX kg: <https://w3id.org/kg-timeline/ontology#>'
>>> graph_url("http://127.0.0.1:7878/store", "https://example.org/claim/1")
'http://127.0.0.1:7878/store?graph=https%3A%2F%2Fexample.org%2Fclaim%2F1'
>>> graph_url("http://127.0.0.1:7878/store", None)
'http://127.0.0.1:7878/store?default'
"""

from __future__ import annotations

import io
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from typing import Any

from kg.errors import KgError, QueryError
from kg.namespace import PREFIXES

__all__ = ["push", "PushReport", "remote_query", "remote_rows", "ask_remote", "remote_sparql_text", "ask_endpoint", "with_prefixes", "graph_url", "query_form"]

_JSON = "application/sparql-results+json"
_TURTLE = "text/turtle"


@dataclass(frozen=True)
class PushReport:
    """What :func:`push` wrote: how many graphs and triples."""

    graphs: int
    triples: int


def with_prefixes(query: str) -> str:
    """``query`` with kg's prefixes declared in front (a declaration in the query itself wins)."""
    return "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in PREFIXES.items()) + query


def graph_url(store: str, graph: str | None) -> str:
    """The Graph Store Protocol URL of ``graph`` (``None``: the default graph) at ``store``."""
    joiner = "&" if urllib.parse.urlsplit(store).query else "?"
    if graph is None:
        return f"{store}{joiner}default"
    return f"{store}{joiner}{urllib.parse.urlencode({'graph': graph})}"


def _request(url: str, *, method: str, data: bytes | None, headers: dict[str, str], timeout: float) -> tuple[str, bytes]:
    request = urllib.request.Request(url, data=data, method=method, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310 (the user's URL)
            return response.headers.get("Content-Type", ""), response.read()
    except urllib.error.HTTPError as exc:
        body = exc.read().decode("utf-8", "replace")
        reason = _first_line(body) or exc.reason
        raise KgError(f"{url.split('?')[0]}: HTTP {exc.code}: {reason}") from None
    except (urllib.error.URLError, OSError) as exc:
        reason = str(getattr(exc, "reason", None) or exc)
        raise KgError(f"{url.split('?')[0]}: cannot reach the endpoint: {reason}") from None


def _first_line(body: str) -> str:
    import html
    import re

    text = re.sub(r"<(script|style|title)\b.*?</\1>", " ", body, flags=re.S | re.I)
    text = html.unescape(re.sub(r"<[^>]+>", " ", text))
    lines = [" ".join(line.split()) for line in text.splitlines()]
    return next((line for line in lines if line), "")[:300]


def push(dataset: Any, store: str, *, default_graph: str | None = None, timeout: float = 120.0) -> PushReport:
    """PUT every graph of ``dataset`` (portable layout) into the Graph Store at ``store``."""
    from rdflib import Graph

    from kg.rdf.portable import DATASET_DEFAULT_GRAPH_ID, portable_dataset

    graphs = triples = 0
    for graph in sorted(portable_dataset(dataset).graphs(),  # the default graph first
                        key=lambda g: (g.identifier != DATASET_DEFAULT_GRAPH_ID, str(g.identifier))):
        if not len(graph):
            continue
        name = None if graph.identifier == DATASET_DEFAULT_GRAPH_ID else str(graph.identifier)
        plain = Graph()
        for triple in graph:
            plain.add(triple)
        body = plain.serialize(format="nt", encoding="utf-8")
        target = name if name is not None else default_graph
        try:
            _request(graph_url(store, target), method="PUT", data=body,
                     headers={"Content-Type": "application/n-triples"}, timeout=timeout)
        except KgError as exc:
            if target is not None:
                raise
            raise KgError(f"{exc}; the store refused its default graph: a store whose default graph is the "
                          "union of all graphs (Virtuoso) takes it as a named graph: --default-graph IRI") from None
        graphs += 1
        triples += len(plain)
    return PushReport(graphs, triples)


def query_form(query: str) -> str:
    """``SELECT``, ``ASK``, ``CONSTRUCT`` or ``DESCRIBE``; an update is refused as read-only.

    >>> query_form("ASK { ?s ?p ?o }")
    'ASK'
    """
    from kg.rdf.sparql import check_query

    return check_query(query)


def remote_query(endpoint: str, query: str, *, timeout: float = 60.0, form: str | None = None) -> Any:
    """Run ``query`` at ``endpoint`` (SPARQL 1.1 Protocol) and return an rdflib ``Result``.

    Protocol parameters in the endpoint's URL (``?default-graph-uri=IRI``) go with every query.
    ``form`` (``SELECT`` ...) saves parsing a query kg wrote itself.
    """
    from rdflib import Graph
    from rdflib.query import Result

    form = form or query_form(with_prefixes(query))
    accept = _TURTLE if form in ("CONSTRUCT", "DESCRIBE") else _JSON
    parts = urllib.parse.urlsplit(endpoint)
    params = urllib.parse.parse_qsl(parts.query) + [("query", with_prefixes(query))]
    body = urllib.parse.urlencode(params).encode("utf-8")
    url = urllib.parse.urlunsplit(parts._replace(query=""))
    content_type, payload = _request(url, method="POST", data=body, timeout=timeout, headers={
        "Content-Type": "application/x-www-form-urlencoded", "Accept": accept})
    try:
        if accept == _TURTLE:
            result = Result(form)
            result.graph = Graph().parse(data=payload.decode("utf-8"), format="turtle")
            return result
        return Result.parse(io.BytesIO(payload), format="json")
    except Exception as exc:  # the server's answer is not what it was asked for
        raise QueryError(f"{endpoint}: unreadable answer ({content_type or 'no content type'}): "
                         f"{' '.join(str(exc).split())[:200]}") from None


def _true(term: Any) -> bool:
    return term is not None and str(term).strip().lower() in ("true", "1")


def remote_rows(endpoint: str, G: Any, question: Any, *, timeout: float = 60.0) -> list[tuple[str, Any, Any]]:
    """(answer, item, grade) rows of the parsed ``question``'s SPARQL run at ``endpoint``."""
    from kg.ask.index import index_of
    from kg.ask.sparql import compile_question
    from kg.rdf.sparql import with_values
    from kg.time import Certainty

    index = index_of(G)
    query, bindings = compile_question(question, index)
    rows = []
    for row in remote_query(endpoint, with_values(query, bindings), timeout=timeout, form="SELECT"):
        item = index.item(str(row.item)) if row.item is not None else None
        if item is None:
            continue
        grade = (Certainty.CERTAINLY if _true(row.certain) else Certainty.LIKELY if _true(row.likely)
                 else Certainty.POSSIBLY)
        rows.append((str(row.answer), item, grade))
    return rows


def ask_remote(endpoint: str, G: Any, question: Any, *, at_least: Any = "possibly", timeout: float = 60.0) -> Any:
    """Answer the parsed ``question`` by running its SPARQL at ``endpoint`` (``G``: labels, times)."""
    from kg.ask.sparql import collect_rows

    return collect_rows(G, question, remote_rows(endpoint, G, question, timeout=timeout), at_least=at_least)


def remote_sparql_text(endpoint: str, query: str, fmt: str = "table", *, timeout: float = 60.0) -> str:
    """``query`` run at ``endpoint``, written as ``kg sparql`` writes a local result."""
    from kg.rdf.sparql import format_result

    return format_result(remote_query(endpoint, query, timeout=timeout), fmt)


def ask_endpoint(endpoint: str, graph: Any, question: str, *, at_least: Any = "possibly",
                 timeout: float = 60.0) -> Any:
    """``kg ask --endpoint``: ``question`` read against ``graph`` (a KnowledgeGraph), answered remotely."""
    from kg.ask.question import parse_question

    return ask_remote(endpoint, graph.networkx, parse_question(graph.networkx, question), at_least=at_least,
                      timeout=timeout)
