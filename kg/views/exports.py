"""Write a kg dataset in formats other tools read.

======== ===================================================================================
format   what it holds
======== ===================================================================================
trig     the whole dataset: default graph and one named graph per claim (W3C TriG), in the
         portable layout (:mod:`kg.rdf.portable`): each statement in the default graph as well
         as in its claims' graphs
nquads   the same, one quad per line (W3C N-Quads)
jsonld   the same, as JSON-LD 1.1 with the kg prefixes as its context
turtle   all triples in one graph (W3C Turtle); claim graph boundaries are lost, but every
         claim keeps ``kg:claimAbout`` its statement, so attribution is still queryable
graphml  the networkx view (:mod:`kg.graph.from_rdf`): entities as nodes, events and positions as
         edges with relation, status, EDTF, bounds and claimants (for Gephi, Cytoscape, yEd)
csv      one row per event or position: labels, relation, status, time, participants,
         claims (for spreadsheets, pandas, R)
======== ===================================================================================

>>> from kg.timeline.reader import load_timeline
>>> from kg.rdf.build import build_dataset
>>> text = export(build_dataset(load_timeline()), "csv")
>>> text.splitlines()[0].split(",")[:4]
['iri', 'kind', 'label_en', 'label_ar']
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any

from rdflib import Dataset

if TYPE_CHECKING:
    import networkx as nx

from kg.errors import KgError
from kg.namespace import PREFIXES

__all__ = ["FORMATS", "RDF_FORMATS", "export", "export_chunks", "format_for", "CSV_COLUMNS"]

RDF_FORMATS = {"trig": "trig", "nquads": "nquads", "turtle": "turtle", "jsonld": "json-ld"}
"""kg format names and the rdflib serializer for each."""

FORMATS = ("trig", "nquads", "turtle", "jsonld", "graphml", "csv")
"""The formats this module writes; all export formats are in :data:`kg.formats.EXPORT_FORMATS`."""


def format_for(path: str | None, fmt: str | None) -> str:
    """The export format for a file at ``path``: ``fmt`` if given, else the one its ending names
    (:data:`kg.formats.EXPORT_FORMATS`; TriG for an ending that names none).

    An ending that names another format than ``fmt`` is refused (no TriG in a ``.ttl`` file).

    >>> format_for("stamos.ttl", None), format_for(None, None), format_for("out.data", "csv"), format_for("x.out", None)
    ('turtle', 'trig', 'csv', 'trig')
    >>> format_for("stamos.ttl", "trig")
    Traceback (most recent call last):
    ...
    kg.errors.UsageError: stamos.ttl: a .ttl file holds turtle, not trig; name the file .trig or drop --format
    """
    from pathlib import Path

    from kg.errors import UsageError
    from kg.formats import export_format, export_format_for_suffix

    suffix = Path(path).suffix.lower() if path else ""
    named = export_format_for_suffix(suffix) if suffix else None
    if fmt is None:
        return named.name if named else "trig"  # an ending kg does not know (or none): TriG, as on standard output
    wanted = export_format(fmt).suffixes
    if named is not None and named.name != fmt:
        rename = f"name the file {wanted[0]} or drop --format" if wanted else "drop --format"
        raise UsageError(f"{path}: a {suffix} file holds {named.name}, not {fmt}; {rename}")
    return fmt


def export_chunks(graph: Any, fmt: str) -> Iterator[str]:
    """A :class:`kg.KnowledgeGraph` in one of :data:`FORMATS`, as text chunks: N-Quads of a
    timeline stream from its model (:mod:`kg.rdf.nquads`, no rdflib ``Dataset`` built), a line per
    quad; the other formats are one chunk."""
    if fmt == "nquads" and graph.from_timeline:
        from kg.files import MARK
        from kg.rdf.nquads import iter_quads, nquad_line

        yield f"# {MARK}\n"
        for quad in iter_quads(graph.timeline, portable=True):
            yield nquad_line(quad)
        return
    yield export(graph.dataset, fmt, networkx=graph.networkx if fmt in ("graphml", "csv") else None)


CSV_COLUMNS = (
    "iri", "kind", "label_en", "label_ar", "relation", "status", "edtf", "time_en", "time_ar",
    "start_earliest", "start_latest", "end_earliest", "end_latest", "uncertain",
    "agents", "targets", "participants", "claims", "claimants", "stances", "first_claimed",
)


def export(dataset: Dataset, fmt: str, *, networkx: nx.MultiDiGraph | None = None) -> str:
    """``dataset`` serialised in ``fmt`` (one of :data:`FORMATS`), as text.

    ``graphml`` and ``csv`` are written from the networkx view; pass it as ``networkx`` if you
    have it already built (:attr:`KnowledgeGraph.networkx <kg.KnowledgeGraph.networkx>`).
    """
    def view(d: Dataset) -> nx.MultiDiGraph:
        from kg.graph.from_rdf import to_networkx

        return networkx if networkx is not None else to_networkx(d)

    writers: dict[str, Callable[[Dataset], str]] = {
        "trig": _trig,
        "nquads": lambda d: "".join(sorted(line for line in d.serialize(format="nquads").splitlines(keepends=True)
                                           if line.strip())),
        "turtle": _turtle,
        "jsonld": _jsonld,
        "graphml": lambda d: _graphml(view(d)),
        "csv": lambda d: _csv(view(d)),
    }
    if fmt not in writers:
        raise KgError(f"unknown export format {fmt!r}; use one of {', '.join(FORMATS)}")
    if fmt in ("trig", "nquads", "jsonld"):
        from kg.rdf.portable import portable_dataset

        dataset = portable_dataset(dataset)
    return _marked(writers[fmt](dataset), fmt)


def _marked(text: str, fmt: str) -> str:
    """``text`` with kg's generator mark (:data:`kg.files.MARK`) as a comment at the top, where the
    format has comments (CSV and JSON-LD are recognised by their header and context instead)."""
    from kg.files import MARK

    if fmt in ("trig", "nquads", "turtle"):
        return f"# {MARK}\n{text}"
    if fmt == "graphml":
        return f"<!-- {MARK} -->\n{text}"
    return text


def _trig(dataset: Dataset) -> str:
    """TriG with the graphs in order of name (rdflib's own writer follows its store's set order).

    Each graph is written by rdflib's Turtle writer, which is stable for one graph; so the
    same dataset always gives the same text.
    """
    from rdflib.graph import DATASET_DEFAULT_GRAPH_ID

    head: set[str] = set()
    blocks = []
    for graph in sorted(dataset.graphs(), key=lambda g: (g.identifier != DATASET_DEFAULT_GRAPH_ID, str(g.identifier))):
        if not len(graph):
            continue
        lines = graph.serialize(format="turtle").splitlines()
        head.update(line for line in lines if line.startswith("@prefix"))
        body = "\n".join(line for line in lines if not line.startswith("@prefix")).strip("\n")
        name = "" if graph.identifier == DATASET_DEFAULT_GRAPH_ID else f"<{graph.identifier}> "
        blocks.append(f"{name}{{\n{body}\n}}\n")  # lines are not indented: literals may span lines
    return "\n".join(sorted(head)) + "\n\n" + "\n".join(blocks)


def _canonical(value: Any) -> Any:
    """JSON with every array in a fixed order (JSON-LD arrays of values are sets)."""
    if isinstance(value, dict):
        return {k: _canonical(v) for k, v in sorted(value.items())}
    if isinstance(value, list):
        items = [_canonical(v) for v in value]
        return sorted(items, key=lambda v: json.dumps(v, sort_keys=True, ensure_ascii=False))
    return value


def _jsonld(dataset: Dataset) -> str:
    """JSON-LD with the default graph's nodes at the top level.

    rdflib writes the default graph as a graph object without ``@id``; nested in the
    document's ``@graph``, JSON-LD processors (pyoxigraph among them) read that as a named
    graph with a blank-node name, so its nodes are moved up where they belong.
    """
    document = json.loads(dataset.serialize(format="json-ld", context=PREFIXES, auto_compact=True))
    items = document.get("@graph", [])
    flat = []
    for item in items:
        if isinstance(item, dict) and "@graph" in item and "@id" not in item:
            flat.extend(item["@graph"])
        else:
            flat.append(item)
    document["@graph"] = flat
    context = document.pop("@context", None)
    ordered = _canonical(document)
    if context is not None:
        ordered = {"@context": context, **ordered}
    return json.dumps(ordered, ensure_ascii=False, indent=2) + "\n"


def _turtle(dataset: Dataset) -> str:
    from kg.rdf.build import union_graph

    return union_graph(dataset).serialize(format="turtle")


def _text(labels: dict[str, str], lang: str) -> str:
    return labels.get(lang, "")


def _rows(G: nx.MultiDiGraph) -> list[dict[str, Any]]:
    from kg.graph.records import claimants, edge_items, first_claimed

    rows: dict[str, dict[str, Any]] = {}
    for _, _, key, d in edge_items(G):
        if key in rows:
            continue
        time = d["time"]
        span = time.span
        labels = d.get("labels", {})
        participants = d.get("participants", {})
        rows[key] = {
            "iri": key, "kind": d["kind"], "label_en": _text(labels, "en"),
            "label_ar": _text(labels, "ar"), "relation": d["relation"], "status": d["status"],
            "edtf": time.edtf or "", "time_en": time.describe("en"), "time_ar": time.describe("ar"),
            "start_earliest": span.start_earliest, "start_latest": span.start_latest,
            "end_earliest": span.end_earliest, "end_latest": span.end_latest, "uncertain": time.uncertain,
            "agents": " ".join(participants.get("agent", [])),
            "targets": " ".join(participants.get("target", [])),
            "participants": " ".join(f"{role}={iri}" for role, iris in participants.items() for iri in iris),
            "claims": len(d["claims"]),
            "claimants": " ".join(claimants(d)),
            "stances": " ".join(sorted({c["stance"] for c in d["claims"]})),
            "first_claimed": first_claimed(d),
        }
    return sorted(rows.values(), key=lambda r: (r["start_earliest"] is None, r["start_earliest"] or 0, r["iri"]))


def _csv(G: nx.MultiDiGraph) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS, lineterminator="\n")
    writer.writeheader()
    for row in _rows(G):
        writer.writerow({k: ("" if v is None else v.isoformat() if hasattr(v, "isoformat") else v)
                         for k, v in row.items()})
    return out.getvalue()


def _graphml(G: nx.MultiDiGraph) -> str:
    import networkx as nx

    from kg.graph.records import claimants, edge_items, node_record

    flat: nx.MultiDiGraph[str] = nx.MultiDiGraph()
    for node in G.nodes:
        d = node_record(G, node)
        flat.add_node(node, label=d.get("label", node), label_ar=d.get("labels", {}).get("ar", ""),
                      kind=d.get("kind", ""))
    for u, v, key, e in edge_items(G):
        span = e["time"].span
        labels = e.get("labels", {})
        attrs = {
            "kind": e["kind"], "item": key, "relation": e["relation"], "status": e["status"],
            "label": labels.get("en", ""), "label_ar": labels.get("ar", ""),
            "edtf": e["time"].edtf or "", "time": e["time"].describe("en"), "uncertain": e["time"].uncertain,
            "claims": len(e["claims"]), "claimants": " ".join(claimants(e)),
            "participants": json.dumps(e.get("participants", {}), sort_keys=True),
        }
        for name in ("start_earliest", "start_latest", "end_earliest", "end_latest"):
            day = getattr(span, name)
            if day is not None:
                attrs[name] = day.isoformat()
        flat.add_edge(u, v, key=key, **attrs)
    return "\n".join(nx.generate_graphml(flat)) + "\n"
