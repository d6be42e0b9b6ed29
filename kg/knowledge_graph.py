"""One object for a loaded temporal knowledge graph, and :func:`load` to get it.

:func:`load` reads a timeline file (YAML) or RDF (Turtle, TriG, N-Quads, N-Triples,
JSON-LD, RDF/XML) into a :class:`KnowledgeGraph`, which holds the rdflib ``Dataset``
and builds the other views on demand: the networkx view, the explorer page, exports.

>>> g = load()                      # the bundled Stamos / Facebook timeline
>>> g
<KnowledgeGraph "Alex Stamos and Facebook's handling of Russian interference, 2015-2018": 30 events, 6 positions, 51 claims>
>>> g.export("csv").count("\\n") - 1   # one row per event or position
36
"""

from __future__ import annotations

from functools import cached_property
from pathlib import Path
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from kg.errors import KgError
from kg.formats import RDF_PARSERS

if TYPE_CHECKING:
    import networkx as nx
    from rdflib import Dataset

    from rdflib import Graph

    from kg.timeline.model import Timeline
    from kg.views.notebook import Chart, Explorer
    from kg.ask.answers import Answers
    from kg.rdf.results import SparqlResults
    from kg.validation import ValidationReport

__all__ = ["KnowledgeGraph", "load", "file_format", "RDF_SUFFIXES"]

RDF_SUFFIXES = RDF_PARSERS
"""File name endings read as RDF, and the rdflib parser for each (:data:`kg.formats.RDF_PARSERS`)."""


class KnowledgeGraph:
    """A temporal knowledge graph: a timeline (or RDF) and the views built from it.

    Built from a timeline, the networkx view comes straight from the typed model
    (:func:`kg.graph.view.timeline_view`) and the rdflib ``Dataset`` is built the first time it is
    used (SPARQL, export, validation), once. Built from RDF, the dataset is what was read.
    """

    def __init__(self, dataset: Dataset | None = None, *, timeline: Timeline | None = None,
                 path: Path | None = None):
        if dataset is None and timeline is None:
            raise KgError("a KnowledgeGraph needs a dataset or a timeline")
        self._given = dataset is not None
        if dataset is not None:
            self.dataset = dataset  # a given dataset is the graph (shadows the lazy property)
        self.timeline = timeline
        self.path = path

    @cached_property
    def dataset(self) -> Dataset:
        """The rdflib ``Dataset`` (:func:`kg.rdf.build.build_dataset`), built on first use."""
        from kg.rdf.build import build_dataset

        assert self.timeline is not None
        return build_dataset(self.timeline)

    @cached_property
    def networkx(self) -> nx.MultiDiGraph:
        """The networkx view, built once: from the timeline (:func:`kg.graph.view.timeline_view`) when
        there is one and no dataset was given, else from the RDF (:func:`kg.graph.from_rdf.to_networkx`)."""
        if self.timeline is not None and not self._given:
            from kg.graph.view import timeline_view

            return timeline_view(self.timeline)
        from kg.graph.from_rdf import to_networkx

        try:
            return to_networkx(self.dataset)
        except KgError as exc:  # name the file the bad RDF came from
            raise KgError(f"{self.path}: {exc}" if self.path else str(exc)) from None

    @cached_property
    def union(self) -> Graph:
        """All triples of all graphs in one rdflib ``Graph`` (faster to query than the dataset)."""
        from kg.rdf.build import union_graph

        return union_graph(self.dataset)

    @property
    def title(self) -> str:
        """The graph's English title (its label), else the file name."""
        from kg.labels import pick_label

        return pick_label(self.networkx.graph.get("labels") or {},
                          fallback=self.path.name if self.path else "knowledge graph")

    def counts(self) -> dict[str, int]:
        """How many events, positions and claims the graph holds."""
        from kg.graph.records import claim_iris, edge_items, edge_records, graph_record

        G = self.networkx
        kinds = {k: d["kind"] for _, _, k, d in edge_items(G)}
        claims = {iri for d in edge_records(G) for iri in claim_iris(d)}
        claims |= {iri for link in graph_record(G).get("links", []) for iri in claim_iris(link)}
        return {"events": sum(1 for k in kinds.values() if k == "event"),
                "positions": sum(1 for k in kinds.values() if k == "position"), "claims": len(claims)}

    def __repr__(self) -> str:
        c = self.counts()
        return (f"<KnowledgeGraph {self.title!r}: {c['events']} events, {c['positions']} positions, "
                f"{c['claims']} claims>")

    def render_html(self, *, lang: str = "en", title: str | None = None) -> str:
        """The interactive explorer page, as HTML text (see :mod:`kg.views.explorer`)."""
        from kg.views.explorer import render_html

        return render_html(self.networkx, lang=lang, title=title)

    def render(self, path: str | Path, *, lang: str = "en", title: str | None = None, force: bool = False) -> Path:
        """Write the explorer page to ``path`` (UTF-8, written whole or not at all).

        Never over this graph's input files, a special file or, unless ``force``, a file kg did
        not write (:func:`kg.files.check_output`)."""
        from kg.files import check_output, write_output

        check_output(path, inputs=self.input_files(), force=force)
        return write_output(path, self.render_html(lang=lang, title=title), inputs=self.input_files(), force=force)

    def ask(self, question: str, *, at_least: str = "possibly", engine: str = "networkx", store: str = "auto") -> Answers:
        """Answer a controlled-English question (:mod:`kg.ask.question`) with :class:`~kg.ask.answers.Answers`.

        Every answer carries its grade (certainly, likely, possibly); ``at_least`` keeps only
        those graded so or surer. ``engine="sparql"`` answers by running the question's
        SPARQL instead of the networkx index, in ``store`` (:mod:`kg.stores.sparql_store`); the answers are the same.
        """
        from kg.ask.question import answer, parse_question

        parsed = parse_question(self.networkx, _bounded(question))
        if engine == "sparql":
            from kg.stores.sparql_store import ask_with_store

            return ask_with_store(self, parsed, at_least=at_least, store=store)
        if engine == "networkx":
            return answer(self.networkx, parsed, at_least=at_least)
        raise KgError(f"unknown engine {engine!r}; use networkx or sparql")

    def nearest_miss(self, question: str) -> str | None:
        """For a question with no answer: what came closest and what ruled it out."""
        from kg.ask.question import nearest_miss, parse_question

        return nearest_miss(self.networkx, parse_question(self.networkx, question))

    def explain(self, question: str) -> str:
        """How ``question`` is read, and the SPARQL that answers it."""
        from kg.ask.question import parse_question
        from kg.ask.sparql import explain

        return explain(parse_question(self.networkx, _bounded(question)), self.networkx)

    def sparql(self, query: str, **bindings: Any) -> SparqlResults:
        """Run a SPARQL query; keyword arguments bind its variables (never pasted into the text).

        Strings that look like IRIs (``https://...``, ``urn:...``) are bound as IRIs, other values
        as literals. Returns :class:`~kg.rdf.results.SparqlResults`, a table like the answers of
        :meth:`ask`: it prints, displays in notebooks and has ``to_pandas()``.

        >>> g = load()
        >>> g.sparql("SELECT ?label WHERE { ?who rdfs:label ?label FILTER(lang(?label) = 'ar') }",
        ...          who="https://w3id.org/kg-timeline/stamos/actor/stamos").to_records()
        [{'label': 'أليكس ستاموس'}]
        """
        from kg.rdf.read import quiet_rdflib
        from kg.rdf.results import SparqlResults
        from kg.rdf.sparql import run_sparql

        with quiet_rdflib():  # an ill-typed literal in the query: kg's error, not rdflib's logged traceback
            return SparqlResults.from_rdflib(run_sparql(self.dataset, query,
                                                        {k: _term(v) for k, v in bindings.items()}))

    def sparql_text(self, query: str, fmt: str = "table", store: str = "auto") -> str:
        """Run a SPARQL query and format the result: table, json, csv or tsv (SPARQL 1.1 results);
        ``store``: rdflib, oxigraph, or auto (by size, :mod:`kg.stores.sparql_store`)."""
        from kg.stores.sparql_store import query_text

        return query_text(self, query, fmt, store=store)

    def show(self, *, lang: str = "en", height: int = 640, title: str | None = None) -> Explorer:
        """The explorer for a notebook cell (:class:`kg.views.notebook.Explorer`), e.g. ``g.show(lang="ar")``."""
        from kg.views.notebook import Explorer
        from kg.views.explorer import render_html
        from kg.views.snapshot import snapshot_png, summary

        G = self.networkx
        return Explorer(render_html(G, lang=lang, title=title, packed=True), height=height,
                        still=snapshot_png(G, lang=lang), summary=summary(G, lang=lang))

    def _repr_html_(self) -> str:
        """In a notebook, the graph displays as the explorer, inline and offline."""
        return self.show()._repr_html_()

    def _repr_mimebundle_(self, include: Any = None, exclude: Any = None) -> dict[str, str]:
        """The explorer, and a text summary where HTML does not show."""
        return self.show()._repr_mimebundle_()

    def timeline_chart(self, path: str | Path | None = None, *, fmt: str = "png", title: str | None = None,
                       lang: str = "en", force: bool = False) -> Chart | Path:
        """The timeline chart (:mod:`kg.views.chart`) in ``lang`` (en or ar): written to ``path``
        (format from its ending, 16 inches wide), or, without a path, a
        :class:`kg.views.notebook.Chart` (``png``, ``svg`` or ``html``, 10 inches wide so its labels
        stay legible at a notebook's width) that displays itself in a notebook, with a text
        summary where the picture cannot show; ``str()``/``bytes()`` give its text or bytes."""
        from kg.views.chart import timeline_chart, write_timeline_chart
        from kg.views.notebook import Chart
        from kg.views.snapshot import summary

        if path is None:
            chart = timeline_chart(self.networkx, fmt, title=title, lang=lang, width=10)
            return Chart(chart, fmt, summary="Timeline chart: " + summary(self.networkx, lang=lang))
        return write_timeline_chart(self.networkx, path, title=title, lang=lang, inputs=self.input_files(), force=force)

    def validate(self, *, shacl: bool = True) -> ValidationReport:
        """Check this graph as ``kg validate`` does: a :class:`~kg.validation.ValidationReport`
        listing every problem with its place (:func:`kg.validate`, the same implementation)."""
        from kg.validation import validate

        return validate(self, shacl=shacl)

    def input_files(self) -> list[Path]:
        """The files this graph was read from (the timeline and its sources): never written over."""
        files = [self.path] if self.path else []
        if self.timeline is not None and self.timeline.path is not None:
            files += [self.timeline.path.parent / s.path for s in self.timeline.sources.values()]
        return files

    def export(self, fmt: str) -> str:
        """The graph as text in ``fmt``, one of :data:`kg.formats.EXPORT_FORMATS` that are text:
        trig, nquads, turtle, jsonld, graphml, csv or tsv (:mod:`kg.views.exports`)."""
        return "".join(self.export_chunks(fmt))

    def export_chunks(self, fmt: str) -> Iterator[str]:
        """The export in ``fmt`` as text chunks. N-Quads of a timeline stream (:mod:`kg.rdf.nquads`):
        a line per quad, an item's quads together, in file order, and no rdflib ``Dataset`` built;
        other formats are one chunk."""
        from kg.formats import export_format

        yield from export_format(fmt).text_chunks(self)

    @property
    def from_timeline(self) -> bool:
        """Whether the views are built from a timeline's typed model (not from a given dataset):
        then N-Quads stream from the model and no rdflib ``Dataset`` is needed for them."""
        return self.timeline is not None and not self._given


MAX_QUESTION = 400
"""The longest question :meth:`KnowledgeGraph.ask` reads, in characters (reading a question costs
time that grows with the square of its words)."""


def _bounded(question: str) -> str:
    """``question``, if it is short enough to read quickly; else a one-line QueryError."""
    from kg.errors import QueryError

    if len(question) > MAX_QUESTION:
        raise QueryError(f"the question is {len(question):,} characters long; kg reads questions of at most "
                         f"{MAX_QUESTION} characters")
    return question


def _term(value: Any) -> Any:
    """A Python value as an RDF term for a SPARQL binding (IRIs stay IRIs, text becomes a literal)."""
    from rdflib import Literal, URIRef
    from rdflib.term import Identifier

    if isinstance(value, Identifier):
        return value
    if isinstance(value, str) and value.startswith(("http://", "https://", "urn:")):
        return URIRef(value)
    return Literal(value)


def load(path: str | Path | None = None, *, shacl: bool = True) -> KnowledgeGraph:
    """Load a timeline file (``.yaml``/``.yml``; default: the bundled one), an RDF file or an
    event table (``.tsv``/``.txt`` quadruples, ``.parquet``: :mod:`kg.tables`); the file's
    ending picks its kind (:data:`kg.formats.INPUT_KINDS`).

    Raises :class:`~kg.errors.KgError` (a :class:`~kg.errors.TimelineError` for a timeline
    file) with a one-line message naming the file (and line) on bad input. Files are read
    as :mod:`kg.inputs` and :mod:`kg.rdf.read` say (regular files, size-bounded, nothing
    fetched). RDF is checked against the SHACL shapes, as ``kg validate`` checks it, and
    refused if it fails them (``shacl=False`` skips that check).
    """
    from kg.formats import input_kind_for, resolve

    graph = resolve(input_kind_for(path).load)(path, shacl=shacl)
    assert isinstance(graph, KnowledgeGraph)
    return graph


def load_timeline_file(path: str | Path | None, *, shacl: bool = True) -> KnowledgeGraph:
    """A timeline file (YAML) as a graph; its SHACL check is :func:`kg.validate`'s business."""
    from kg.timeline.reader import load_timeline

    timeline = load_timeline(path)
    return KnowledgeGraph(timeline=timeline, path=timeline.path)


def load_table_file(path: str | Path, *, shacl: bool = True) -> KnowledgeGraph:
    """An event table (:mod:`kg.tables`) as a graph."""
    from kg.tables import load_table

    return load_table(path)


def load_rdf_file(path: str | Path, *, shacl: bool = True) -> KnowledgeGraph:
    """An RDF file as a graph, refused if it fails the SHACL shapes (unless ``shacl=False``)."""
    from kg.rdf.read import parse_rdf

    graph = KnowledgeGraph(parse_rdf(Path(path), file_format(path)), path=Path(path))
    if shacl:
        from kg.errors import TimelineError
        from kg.validation import rdf_shacl_problems

        graph.networkx  # kg's own reading first (bad dates, offsets), as `kg validate` reports them
        problems = rdf_shacl_problems(graph)
        if problems:
            raise TimelineError(problems)
    return graph


def file_format(path: str | Path | None) -> str:
    """``"timeline"`` for a timeline file (or ``None``, the bundled one), ``"table"`` for an event
    table, else the rdflib parser's name (:data:`kg.formats.RDF_PARSERS`).

    >>> file_format("events.yaml"), file_format("dump.nq")
    ('timeline', 'nquads')
    >>> file_format("notes.docx")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    kg.errors.KgError: notes.docx: unknown kind of file; kg reads .json, .jsonld, ..., .yaml, .yml
    """
    from kg.formats import input_kind_for

    kind = input_kind_for(path).name
    return RDF_SUFFIXES[Path(str(path)).suffix.lower()] if kind == "rdf" else kind
