"""``kg serve``: a read-only SPARQL 1.1 Protocol endpoint with an offline query page.

Built on Werkzeug (the Pallets WSGI toolkit): it parses requests, forms and ``Accept``
headers, and its threaded server answers concurrent clients; kg writes no HTTP parsing
of its own. Queries run in :class:`kg.stores.workers.QueryPool` processes, so a query past the
time limit is killed, not left running.

====================== =============================================================
``GET /``              the query page: examples one click away, nothing from a CDN
``GET /sparql?query=`` a query (SPARQL 1.1 Protocol); also ``POST`` form-encoded
                       (``query=``) or direct (``Content-Type: application/sparql-query``)
``GET /sparql``        the SPARQL 1.1 Service Description (Turtle, N-Triples, JSON-LD)
====================== =============================================================

Refused with a 4xx status and a one-line reason: updates (403, "read-only"), ``FROM``,
``FROM NAMED``, ``SERVICE``, ``default-graph-uri`` and ``named-graph-uri`` (400), a
format that cannot be given (406). A query past the time limit gets 503.

>>> app = make_app(None, row_limit=10, time_limit=5, title="Test")
>>> from werkzeug.test import Client
>>> client = Client(app)
>>> response = client.post("/sparql", data={"update": "CLEAR ALL"})
>>> response.status_code, response.get_data(as_text=True).strip()[:9]
(403, 'read-only')
>>> client.get("/sparql", query_string={"query": "SELECT * FROM <x> {}", "default-graph-uri": "urn:g"}).status_code
400
"""

from __future__ import annotations

import ipaddress
import json
import logging
import signal
import socket
import sys
import threading
from pathlib import Path
from typing import Any

from werkzeug.exceptions import HTTPException, MethodNotAllowed, NotFound
from werkzeug.routing import Map, Rule
from werkzeug.wrappers import Request, Response

from kg.stores.protocol import GRAPH_TYPES, negotiate
from kg.errors import KgError, QueryError

__all__ = ["make_app", "serve", "is_loopback", "example_queries", "DEFAULT_ROW_LIMIT", "MAX_QUERY_BYTES"]

DEFAULT_ROW_LIMIT = 10_000
"""Rows (or triples) a query's answer keeps, unless ``--row-limit`` says otherwise."""

MAX_QUERY_BYTES = 1_000_000
"""A request body larger than this is refused (413)."""

_CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; "
        "form-action 'self'; base-uri 'none'; frame-ancestors 'none'")
_STATIC = {"query.js": "text/javascript; charset=utf-8", "query.css": "text/css; charset=utf-8"}


def is_loopback(host: str) -> bool:
    """Whether ``host`` names this machine only.

    >>> is_loopback("127.0.0.1"), is_loopback("localhost"), is_loopback("0.0.0.0")
    (True, True, False)
    """
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def example_queries() -> list[dict[str, str]]:
    """The example queries shipped with kg (``examples/queries``): name, what it asks, text."""
    import importlib.resources

    out = []
    folder = importlib.resources.files("kg.queries")
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if not entry.name.endswith(".rq"):
            continue
        text = entry.read_text(encoding="utf-8")
        first = text.splitlines()[0] if text else ""
        out.append({"name": entry.name[:-3], "asks": first.removeprefix("# Asks: "), "query": text})
    return out


def _text(status: int, message: str) -> Response:
    return Response(" ".join(message.split()) + "\n", status=status, mimetype="text/plain")


class _App:
    def __init__(self, pool: Any, *, row_limit: int, time_limit: float, title: str):
        self.pool = pool
        self.row_limit = row_limit
        self.time_limit = time_limit
        self.title = title
        self.examples = example_queries()
        self.urls = Map([Rule("/", endpoint="page"), Rule("/sparql", endpoint="sparql"),
                         Rule("/static/<name>", endpoint="static")])

    def __call__(self, environ: dict[str, Any], start_response: Any) -> Any:
        request = Request(environ)
        request.max_content_length = MAX_QUERY_BYTES
        request.max_form_memory_size = MAX_QUERY_BYTES
        try:
            endpoint, args = self.urls.bind_to_environ(environ).match()
            response = getattr(self, endpoint)(request, **args)
        except HTTPException as exc:
            response = _text(exc.code or 500, f"{exc.name}: {exc.description}")
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        return response(environ, start_response)

    # -- pages ---------------------------------------------------------------------------
    def page(self, request: Request) -> Response:
        if request.method not in ("GET", "HEAD"):
            raise MethodNotAllowed(["GET", "HEAD"])
        from jinja2 import Environment, PackageLoader, select_autoescape
        from markupsafe import Markup

        env = Environment(loader=PackageLoader("kg", "templates"), autoescape=select_autoescape(default=True))
        data = json.dumps(self.examples, ensure_ascii=False)
        for char, escape in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"), ("'", "\\u0027")):
            data = data.replace(char, escape)
        html = env.get_template("query.html").render(
            title=self.title, endpoint=request.url_root + "sparql", row_limit=f"{self.row_limit:,}",
            time_limit=f"{self.time_limit:g}", examples=Markup(data),
            default_query=self.examples[0]["query"] if self.examples else "SELECT * WHERE { ?s ?p ?o } LIMIT 10")
        response = Response(html, mimetype="text/html")
        response.headers["Content-Security-Policy"] = _CSP
        return response

    def static(self, request: Request, name: str) -> Response:
        import importlib.resources

        if name not in _STATIC:
            raise NotFound()
        text = (importlib.resources.files("kg") / "templates" / name).read_text(encoding="utf-8")
        return Response(text, content_type=_STATIC[name])

    # -- the endpoint ----------------------------------------------------------------------
    def sparql(self, request: Request) -> Response:
        if request.method not in ("GET", "HEAD", "POST"):
            raise MethodNotAllowed(["GET", "HEAD", "POST"])
        kind = request.mimetype
        if kind == "application/sparql-update" or "update" in request.form or "update" in request.args:
            from kg.rdf.sparql import READ_ONLY

            return _text(403, READ_ONLY)
        if "default-graph-uri" in request.values or "named-graph-uri" in request.values:
            return _text(400, "default-graph-uri and named-graph-uri are not supported: "
                              "this endpoint serves its loaded data only")
        if request.method == "POST" and kind == "application/sparql-query":
            query = request.get_data(as_text=True)
        elif request.method == "POST" and kind not in ("application/x-www-form-urlencoded", "multipart/form-data"):
            return _text(415, "POST a query as application/x-www-form-urlencoded (query=...) "
                              "or as application/sparql-query")
        else:
            query = request.values.get("query")  # type: ignore[assignment]  # None is refused just below
        if query is None:
            return self.description(request)
        from kg.stores.workers import BusyError, TimeLimitError

        try:
            reply = self.pool.run((query, request.headers.get("Accept", ""), self.row_limit))
        except (TimeLimitError, BusyError) as exc:
            return _text(503, str(exc))
        except QueryError as exc:
            return _text(500, str(exc))
        if reply[0] == "error":
            return _text(500, str(reply[1]))
        status, content_type, body, headers = reply
        response = Response(body, status=status, content_type=content_type)
        response.headers.update(headers)
        return response

    def description(self, request: Request) -> Response:
        """The SPARQL 1.1 Service Description of this endpoint."""
        from rdflib import BNode, Graph, Literal, Namespace, URIRef
        from rdflib.namespace import RDF, RDFS

        media = negotiate(request.headers.get("Accept", ""), GRAPH_TYPES)
        if media is None:
            return _text(406, f"the service description is given as {', '.join(GRAPH_TYPES)}")
        SD = Namespace("http://www.w3.org/ns/sparql-service-description#")
        FORMATS = Namespace("http://www.w3.org/ns/formats/")
        g = Graph()
        g.bind("sd", SD)
        g.bind("formats", FORMATS)
        service, dataset, default = BNode("service"), BNode("dataset"), BNode("default")
        g.add((service, RDF.type, SD.Service))
        g.add((service, SD.endpoint, URIRef(request.base_url)))
        g.add((service, SD.supportedLanguage, SD.SPARQL11Query))
        g.add((service, SD.feature, SD.UnionDefaultGraph))
        for name in ("SPARQL_Results_JSON", "SPARQL_Results_XML", "SPARQL_Results_CSV", "SPARQL_Results_TSV",
                     "Turtle", "N-Triples", "JSON-LD"):
            g.add((service, SD.resultFormat, FORMATS[name]))
        g.add((service, SD.defaultDataset, dataset))
        g.add((dataset, RDF.type, SD.Dataset))
        g.add((dataset, SD.defaultGraph, default))
        g.add((default, RDF.type, SD.Graph))
        g.add((service, RDFS.comment, Literal(
            f"kg serve: read-only; each query may run {self.time_limit:g} s and return {self.row_limit} rows; "
            "the default graph is the union of all graphs, each claim is a named graph.", lang="en")))
        return Response(g.serialize(format=GRAPH_TYPES[media], encoding="utf-8"), content_type=f"{media}; charset=utf-8")


def make_app(pool: Any, *, row_limit: int = DEFAULT_ROW_LIMIT, time_limit: float = 30.0, title: str = "kg") -> Any:
    """The WSGI application answering over ``pool`` (a :class:`kg.stores.workers.QueryPool`)."""
    return _App(pool, row_limit=row_limit, time_limit=time_limit, title=title)


def serve(data: str | Path | None = None, *, host: str = "127.0.0.1", port: int = 7879, time_limit: float = 30.0,
          row_limit: int = DEFAULT_ROW_LIMIT, workers: int = 2, title: str | None = None,
          say: Any = print) -> None:
    """Serve the data at ``data`` (``None``: the bundled timeline) until interrupted."""
    from werkzeug.serving import make_server

    from kg.stores.workers import QueryPool

    if time_limit <= 0 or row_limit <= 0:
        raise QueryError("the time limit and the row limit must be positive")
    if not is_loopback(host):
        say(f"warning: listening on {host}, not only on this machine: anyone who can reach it can query the data")
    logging.getLogger("werkzeug").setLevel(logging.WARNING)  # no line per request
    pool = QueryPool(data, handler="kg.stores.protocol:answer_query", workers=workers, time_limit=time_limit)
    app = make_app(pool, row_limit=row_limit, time_limit=time_limit,
                   title=title or (Path(data).stem if data else "Alex Stamos / Facebook timeline"))
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    listener = socket.socket(family, socket.SOCK_STREAM)
    try:  # bound here, so that a refusal is kg's one line (Werkzeug would print and exit)
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind((host, port))
        listener.listen(128)
    except OSError as exc:
        listener.close()
        raise KgError(f"cannot listen on {host}:{port}: {exc.strerror or exc}") from None
    server = make_server(host, listener.getsockname()[1], app, threaded=True, fd=listener.fileno())
    listener.close()  # the server holds its own duplicate
    if threading.current_thread() is threading.main_thread():  # `kill` stops the workers too
        signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    try:
        pool.start()
        shown = f"[{host}]" if ":" in host else host
        say(f"kg serve: SPARQL endpoint http://{shown}:{server.port}/sparql, query page http://{shown}:{server.port}/ "
            f"({workers} workers, {time_limit:g} s and {row_limit} rows per query; Ctrl-C stops)")
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
        pool.close()
