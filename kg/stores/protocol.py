"""One SPARQL 1.1 Protocol query, answered: content negotiation, formats, limits.

:func:`answer_query` is what a ``kg serve`` worker runs for each request: it runs the
query with :func:`kg.rdf.sparql.run_sparql` (kg's prefixes predeclared; updates, ``FROM`` and
``SERVICE`` refused), keeps at most ``row_limit`` rows or triples, and writes the result in
the format the client's ``Accept`` header prefers:

========================== =================================================================
query form                 media types (the first is the default)
========================== =================================================================
SELECT, ASK                ``application/sparql-results+json``, ``application/sparql-results+xml``,
                           ``text/csv``, ``text/tab-separated-values``
CONSTRUCT, DESCRIBE        ``text/turtle``, ``application/n-triples``, ``application/ld+json``
========================== =================================================================

A reply is ``(status, content type, body, headers)``; errors are one line of text.

>>> from kg import load
>>> status, kind, body, headers = answer_query(load(), ("ASK { ?s a kg:Event }", "text/csv", 10))
>>> status, kind, body
(200, 'text/csv; charset=utf-8', b'_askResult\\r\\ntrue\\r\\n')
>>> answer_query(load(), ("CLEAR ALL", "", 10))[:3]
(403, 'text/plain; charset=utf-8', b'read-only: SPARQL updates (INSERT, DELETE, LOAD, CLEAR, CREATE, DROP ...) are refused; kg only queries\\n')
"""

from __future__ import annotations

import itertools
from typing import Any

__all__ = ["answer_query", "RESULT_TYPES", "GRAPH_TYPES", "negotiate", "Reply"]

Reply = tuple[int, str, bytes, dict[str, str]]

RESULT_TYPES = {
    "application/sparql-results+json": "json",
    "application/sparql-results+xml": "xml",
    "text/csv": "csv",
    "text/tab-separated-values": "tsv",
}
GRAPH_TYPES = {"text/turtle": "turtle", "application/n-triples": "nt", "application/ld+json": "json-ld"}
_ALIASES = {"application/json": "application/sparql-results+json", "application/xml": "application/sparql-results+xml"}


def negotiate(accept: str, offered: dict[str, str]) -> str | None:
    """The offered media type ``accept`` prefers (its first when ``accept`` is empty or ``*/*``).

    >>> negotiate("text/csv;q=0.5, application/sparql-results+xml", RESULT_TYPES)
    'application/sparql-results+xml'
    >>> negotiate("text/html", RESULT_TYPES) is None
    True
    """
    from werkzeug.datastructures import MIMEAccept
    from werkzeug.http import parse_accept_header

    choices = list(offered)
    if not accept.strip():
        return choices[0]
    parsed = parse_accept_header(accept, MIMEAccept)
    best = parsed.best_match(choices + list(_ALIASES))
    return _ALIASES.get(best, best) if best else None


def _text(status: int, message: str) -> Reply:
    return status, "text/plain; charset=utf-8", (" ".join(message.split()) + "\n").encode("utf-8"), {}


def answer_query(graph: Any, request: tuple[str, str, int]) -> Reply:
    """Run one query for the endpoint: ``request`` is (query, Accept header, row limit)."""
    from rdflib import Graph, Variable
    from rdflib.query import Result

    from kg.errors import QueryError
    from kg.namespace import PREFIXES
    from kg.rdf.sparql import ReadOnlyError, SparqlSyntaxError, format_result, run_sparql

    query, accept, row_limit = request
    try:
        result = run_sparql(graph.dataset, query)
    except ReadOnlyError as exc:
        return _text(403, str(exc))
    except SparqlSyntaxError as exc:
        return _text(400, str(exc))
    except QueryError as exc:
        return _text(500, str(exc))
    headers: dict[str, str] = {}
    graph_form = result.type in ("CONSTRUCT", "DESCRIBE")
    offered = GRAPH_TYPES if graph_form else RESULT_TYPES
    media = negotiate(accept, offered)
    if media is None:
        return _text(406, f"cannot answer a {result.type} query as {accept}; "
                          f"ask for one of {', '.join(offered)}")
    try:
        if graph_form:
            assert result.graph is not None  # a CONSTRUCT or DESCRIBE result is a graph
            triples = list(itertools.islice(result.graph, row_limit + 1))
            if len(triples) > row_limit:
                triples = triples[:row_limit]
                headers["X-KG-Truncated"] = str(row_limit)
            out = Graph()
            for prefix, namespace in PREFIXES.items():
                out.bind(prefix, namespace)
            for triple in triples:
                out.add(triple)
            body = out.serialize(format=offered[media], encoding="utf-8")
        else:
            if result.type == "SELECT":
                rows = list(itertools.islice(iter(result), row_limit + 1))
                if len(rows) > row_limit:
                    headers["X-KG-Truncated"] = str(row_limit)
                kept = Result("SELECT")
                kept.vars = result.vars
                kept.bindings = [{Variable(k): v for k, v in row.asdict().items()}  # type: ignore[union-attr]  # SELECT rows are ResultRows
                                 for row in rows[:row_limit]]
                result = kept
            fmt = offered[media]
            if fmt == "xml":
                body = result.serialize(format="xml")  # type: ignore[assignment]  # bytes without a destination
            elif fmt in ("csv", "tsv") and result.type == "ASK":
                body = f"_askResult\r\n{'true' if result.askAnswer else 'false'}\r\n".encode()
            else:
                body = format_result(result, fmt).encode("utf-8")
    except Exception as exc:  # rdflib evaluates lazily: its errors surface while the rows are read
        return _text(500, f"SPARQL evaluation failed: {' '.join(str(exc).split())[:300]}")
    return 200, f"{media}; charset=utf-8", body, headers
