"""SPARQL 1.1 over a kg dataset.

:func:`run_sparql` runs a query over the dataset's union of graphs (named graphs stay
reachable with ``GRAPH``), with kg's prefixes (:data:`kg.namespace.PREFIXES`) predeclared
and values bound as variables, never pasted into the text. :func:`format_result` writes
the standard SPARQL 1.1 results formats (JSON, CSV, TSV) or an aligned table.

:func:`with_values` writes bindings into the text as a ``VALUES`` block, to show a query or
send it to another engine. The SPARQL for ``kg ask`` questions is in :mod:`kg.ask.sparql`.

>>> from kg import load
>>> g = load()
>>> rows = run_sparql(g.dataset, "SELECT ?who WHERE { ?e sem:eventType kgt:opposed ; kg:agent ?who }")
>>> [str(r.who).rsplit("/", 1)[-1] for r in rows]
['policy-team']
>>> run_sparql(g.dataset, "SELECT ?x WHERE { ?x ")
Traceback (most recent call last):
...
kg.rdf.sparql.SparqlSyntaxError: SPARQL syntax error: ...
"""

from __future__ import annotations

import csv
import functools
import io
import re
from collections.abc import Mapping
from typing import Any, ClassVar

from rdflib import BNode, Dataset, Graph, Literal, URIRef, Variable
from rdflib.query import Result, ResultRow

from kg.errors import QueryError
from kg.formats import OUTPUT_KINDS
from kg.namespace import PREFIXES

__all__ = ["SparqlSyntaxError", "ReadOnlyError", "check_query", "prepare_query", "select_columns", "run_sparql", "format_result", "with_values", "RESULT_FORMATS"]

RESULT_FORMATS = OUTPUT_KINDS["sparql"]  # the registry kg.formats lists it in


class SparqlSyntaxError(QueryError):
    """The query is refused before it runs: it does not parse (the message is the parser's),
    or it asks to read outside the loaded data (``FROM``, ``FROM NAMED``, ``SERVICE``).
    A usage error (exit code 2); its message keeps the parser's lines."""

    exit_code: ClassVar[int] = 2
    multiline: ClassVar[bool] = True


class ReadOnlyError(SparqlSyntaxError):
    """The text is a SPARQL update (``INSERT``, ``DELETE``, ``LOAD``, ``CLEAR`` ...): kg only reads."""


READ_ONLY = "read-only: SPARQL updates (INSERT, DELETE, LOAD, CLEAR, CREATE, DROP ...) are refused; kg only queries"


def _refuse_update(query: str) -> None:
    from rdflib.plugins.sparql.parser import parseUpdate

    try:
        parseUpdate(query)
    except Exception:  # not an update either: the query's own syntax error is reported
        return
    raise ReadOnlyError(READ_ONLY)


def check_query(query: str) -> str:
    """The form of ``query`` (``SELECT``, ``ASK``, ``CONSTRUCT``, ``DESCRIBE``) once it parses.

    >>> check_query("INSERT DATA { <urn:a> <urn:b> <urn:c> }")
    Traceback (most recent call last):
    ...
    kg.rdf.sparql.ReadOnlyError: read-only: SPARQL updates (INSERT, DELETE, LOAD, CLEAR, CREATE, DROP ...) are refused; kg only queries
    """
    from pyparsing import ParseException
    from rdflib.plugins.sparql.parser import parseQuery

    try:
        tree = parseQuery(query)
    except ParseException as exc:
        _refuse_update(query)
        raise SparqlSyntaxError(f"SPARQL syntax error: {exc.msg} at line {exc.lineno}, column {exc.col}: "
                                f"{exc.line.strip()[:80]!r}") from None
    return str(tree[1].name).replace("Query", "").upper()


@functools.lru_cache(maxsize=256)
def _prepared(query: str) -> tuple[Any, Any]:
    """The parse tree and algebra of ``query``, kept: parsing costs more than most queries here."""
    from rdflib.plugins.sparql.algebra import translateQuery
    from rdflib.plugins.sparql.parser import parseQuery

    tree = parseQuery(query)
    return tree, translateQuery(tree, None, PREFIXES)


def prepare_query(query: str) -> tuple[Any, Any]:
    """The parse tree and algebra of ``query``, once it passes kg's checks: it parses, is no
    update, and reads the loaded data only (no ``FROM``, ``FROM NAMED`` or ``SERVICE``, which
    would make rdflib read other files or URLs). Any engine's query passes here first.

    >>> prepare_query("SELECT * FROM <file:///etc/passwd> WHERE { ?s ?p ?o }")
    Traceback (most recent call last):
    ...
    kg.rdf.sparql.SparqlSyntaxError: FROM and FROM NAMED are not supported: kg queries the loaded data only (use --data to load another file)
    """
    from pyparsing import ParseException
    from rdflib.plugins.sparql.algebra import traverse

    try:
        tree, prepared = _prepared(query)
    except ParseException as exc:
        _refuse_update(query)
        raise SparqlSyntaxError(f"SPARQL syntax error: {exc.msg} at line {exc.lineno}, column {exc.col}: "
                                f"{exc.line.strip()[:80]!r}") from None
    except Exception as exc:  # rdflib reports some static errors (unknown prefix) this way
        raise SparqlSyntaxError(f"SPARQL error: {' '.join(str(exc).split())[:300]}") from None
    if "datasetClause" in tree[1]:
        raise SparqlSyntaxError("FROM and FROM NAMED are not supported: kg queries the loaded data only "
                         "(use --data to load another file)")
    services: list[Any] = []
    traverse(prepared.algebra, visitPre=lambda node: services.append(node)
             if getattr(node, "name", None) == "ServiceGraphPattern" else None)
    if services:
        raise SparqlSyntaxError("SERVICE is not supported: kg queries the loaded data only")
    return tree, prepared


def select_columns(query: str, tree: Any, names: list[str]) -> list[str]:
    """The columns of a SELECT: as projected, or for ``SELECT *`` in the order the variables
    first appear in the query."""
    if "projection" in tree[1]:
        return names
    return sorted(names, key=lambda v: (_first_use(query, v), v))


def run_sparql(data: Dataset | Graph, query: str, bindings: Mapping[str, Any] | None = None) -> Result:
    """Run ``query`` with kg's prefixes predeclared and ``bindings`` bound to its variables.

    Queries read the loaded data only (:func:`prepare_query`). ``SELECT *`` columns come in
    the order the variables first appear in the query.

    >>> from rdflib import Graph
    >>> run_sparql(Graph(), "SELECT * WHERE { ?s ?p ?o }").vars
    [rdflib.term.Variable('s'), rdflib.term.Variable('p'), rdflib.term.Variable('o')]
    """
    tree, prepared = prepare_query(query)
    try:
        result = data.query(prepared, initBindings={Variable(k): v for k, v in (bindings or {}).items()})
    except Exception as exc:  # evaluation errors
        raise QueryError(f"SPARQL evaluation failed: {' '.join(str(exc).split())[:300]}") from None
    if result.type == "SELECT" and result.vars:
        result.vars = [Variable(v) for v in select_columns(query, tree, [str(v) for v in result.vars])]
    return result


def _first_use(query: str, name: str) -> int:
    found = re.search(rf"[?$]{re.escape(name)}\b", query)
    return found.start() if found else len(query)


def _short(term: Any) -> str:
    if term is None:
        return ""
    if isinstance(term, URIRef):
        text = str(term)
        for prefix, namespace in PREFIXES.items():
            if text.startswith(namespace) and "/" not in text[len(namespace):]:
                return f"{prefix}:{text[len(namespace):]}"
        return f"<{text}>"
    return str(term)


def format_result(result: Result, fmt: str = "table") -> str:
    """``result`` as ``table`` (aligned text), ``json``, ``csv`` or ``tsv`` (SPARQL 1.1 results formats)."""
    if fmt not in RESULT_FORMATS:
        raise QueryError(f"unknown result format {fmt!r}; use one of {', '.join(RESULT_FORMATS)}")
    if result.type in ("CONSTRUCT", "DESCRIBE"):
        graph = result.graph
        assert graph is not None  # a CONSTRUCT or DESCRIBE result is a graph
        for prefix, namespace in PREFIXES.items():
            graph.bind(prefix, namespace)
        return str(graph.serialize(format="json-ld" if fmt == "json" else "turtle"))
    if fmt == "json":
        data = result.serialize(format="json")
        assert data is not None  # without a destination rdflib returns the bytes
        return data.decode("utf-8") + "\n"
    if result.type == "ASK":
        return ("true" if result.askAnswer else "false") + "\n"
    names = [str(v) for v in result.vars or []]
    rows = [[row[v] if v in row.labels else None for v in names] for row in result if isinstance(row, ResultRow)]
    if fmt == "csv":
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\r\n")  # as SPARQL 1.1 CSV asks
        writer.writerow(names)
        for row in rows:
            writer.writerow(["" if t is None else f"_:{t}" if isinstance(t, BNode) else str(t) for t in row])
        return out.getvalue()
    if fmt == "tsv":
        lines = ["\t".join(f"?{n}" for n in names)]
        lines += ["\t".join("" if t is None else t.n3() for t in row) for row in rows]
        return "\n".join(lines) + "\n"
    cells = [[_short(t) for t in row] for row in rows]
    widths = [max([len(n)] + [len(r[i]) for r in cells]) for i, n in enumerate(names)]
    line = lambda values: "  ".join(v.ljust(w) for v, w in zip(values, widths)).rstrip()  # noqa: E731
    body = [line(names), line(["-" * w for w in widths])] + [line(r) for r in cells]
    return "\n".join(body) + f"\n({len(cells)} row{'s' if len(cells) != 1 else ''})\n"


def with_values(query: str, bindings: Mapping[str, Any]) -> str:
    """``query`` with ``bindings`` written as a ``VALUES`` clause opening its WHERE group.

    For showing a query, or sending it to another engine. Each value is written as an RDF
    term (``n3()``), so quotes and angle brackets in it stay data.
    """
    if not bindings:
        return query
    head = " ".join(f"?{n}" for n in bindings)
    values = " ".join(v.n3() if hasattr(v, "n3") else Literal(v).n3() for v in bindings.values())
    where = query.upper().find("WHERE")
    brace = query.index("{", max(where, 0))
    return f"{query[:brace + 1]}\n  VALUES ({head}) {{ ({values}) }}{query[brace + 1:]}"
