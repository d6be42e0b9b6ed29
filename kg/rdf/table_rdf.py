"""The RDF of an event table, made from its networkx view as N-Quads lines, one event at a time.

Each event is a ``kg:Event`` with its ``sem:eventType``, ``kg:status``, ``kg:agent`` and
``kg:target``, and a ``kg:TimeSpan`` whose ends carry ``kg:notBefore`` / ``kg:notAfter`` (the
shape :mod:`kg.rdf.build` gives a timeline's events, so kg's SPARQL runs unchanged); each actor a
``kg:Actor`` with its name; each relation the table brings a ``kg:EventType``. A row's
``source`` is the event's ``dcterms:source``. There are no claims, hence no named graphs and
no evidence: the table states none.

:func:`table_nquads` yields the lines (constant memory beyond the view itself);
:func:`table_dataset` parses them into an rdflib ``Dataset``.

>>> import pathlib, tempfile
>>> from kg.tables import table_graph
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> _ = (folder / "t.tsv").write_text("A\\tReject\\tB\\t2014-05-06\\n")
>>> lines = list(table_nquads(table_graph(folder / "t.tsv")))
>>> [line.split()[2] for line in lines if "notBefore" in line and "/time/start" in line]
['"2014-05-06"^^<http://www.w3.org/2001/XMLSchema#date>']
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import networkx as nx
    from rdflib import Dataset

__all__ = ["table_nquads", "table_dataset"]


def _literal(text: str) -> str:
    escaped = (text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r"))
    return f'"{escaped}"'


def table_nquads(G: nx.MultiDiGraph) -> Iterator[str]:
    """N-Quads lines (in the default graph) for the events, actors and relations of ``G``."""
    from rdflib.namespace import DCTERMS, RDF, RDFS, SKOS, TIME, XSD

    from kg.namespace import EDTF_DATATYPE, KG, SEM

    a, date = f"<{RDF.type}>", f"^^<{XSD.date}>"
    nb, na = f"<{KG.notBefore}>", f"<{KG.notAfter}>"
    snb, sna = f"<{KG.statedNotBefore}>", f"<{KG.statedNotAfter}>"
    status = {s: f"<{KG[s.capitalize()]}>" for s in ("happened", "planned", "reported")}
    roles = {r: f"<{KG[r]}>" for r in ("agent", "target", "recipient", "beneficiary", "topic", "medium")}
    base = G.graph.get("iri")
    if base:
        yield f"<{base}> {a} <{KG.Timeline}> .\n"
        for lang, text in G.graph.get("labels", {}).items():
            yield f"<{base}> <{RDFS.label}> {_literal(text)}@{lang} .\n"
    for notation, c in G.graph.get("relations", {}).items():
        if not c.get("own"):
            continue
        iri = f"<{c['iri']}>"
        yield f"{iri} {a} <{KG.EventType}> .\n{iri} {a} <{SKOS.Concept}> .\n"
        yield f"{iri} <{SKOS.notation}> {_literal(notation)} .\n"
        for lang, text in c["labels"].items():
            yield f"{iri} <{SKOS.prefLabel}> {_literal(text)}@{lang} .\n"
    for node, d in G.nodes(data=True):
        if d.get("kind") == "event":
            continue
        yield f"<{node}> {a} <{KG.Actor}> .\n"
        if d.get("label"):
            yield f"<{node}> <{RDFS.label}> {_literal(d['label'])}@en .\n"
    relations = G.graph.get("relations", {})
    seen: set[str] = set()
    for _, _, key, d in G.edges(keys=True, data=True):
        if d.get("kind") != "event" or key in seen:
            continue
        seen.add(key)
        e = f"<{key}>"
        rel = relations.get(d["relation"], {}).get("iri")
        yield f"{e} {a} <{KG.Event}> .\n{e} {a} <{SEM.Event}> .\n"
        for lang, text in d.get("labels", {}).items():
            yield f"{e} <{RDFS.label}> {_literal(text)}@{lang} .\n"
        if rel:
            yield f"{e} <{SEM.eventType}> <{rel}> .\n"
        yield f"{e} <{KG.status}> {status.get(d['status'], status['happened'])} .\n"
        for role, nodes in d["participants"].items():
            for node in nodes:
                yield f"{e} {roles[role]} <{node}> .\n"
        if d.get("source"):
            yield f"{e} <{DCTERMS.source}> {_literal(str(d['source']))} .\n"
        yield from _time(key, d["time"], a, date, (nb, na, snb, sna), TIME, KG, EDTF_DATATYPE)


def _time(key: str, spec: Any, a: str, date: str, props: tuple[str, str, str, str], TIME: Any, KG: Any,
          edtf_type: Any) -> Iterator[str]:
    t = f"<{key}/time>"
    span = spec.span
    yield f"<{key}> <{TIME.hasTime}> {t} .\n{t} {a} <{KG.TimeSpan}> .\n{t} {a} <{TIME.ProperInterval}> .\n"
    if spec.edtf:
        yield f"{t} <{KG.edtf}> {_literal(spec.edtf)}^^<{edtf_type}> .\n"
    if spec.uncertain:
        yield f'{t} <{KG.uncertain}> "true"^^<http://www.w3.org/2001/XMLSchema#boolean> .\n'
    nb, na, snb, sna = props
    for name, lo, hi, link in (("start", span.start_earliest, span.start_latest, TIME.hasBeginning),
                               ("end", span.end_earliest, span.end_latest, TIME.hasEnd)):
        i = f"<{key}/time/{name}>"
        yield f"{t} <{link}> {i} .\n{i} {a} <{TIME.Instant}> .\n"
        if lo is not None:
            yield f'{i} {nb} "{lo.isoformat()}"{date} .\n{i} {snb} "{lo.isoformat()}"{date} .\n'
        if hi is not None:
            yield f'{i} {na} "{hi.isoformat()}"{date} .\n{i} {sna} "{hi.isoformat()}"{date} .\n'
    nominal = spec.nominal
    if nominal is not span and nominal != span:
        for name, lo, hi, slo, shi in (
                ("start", nominal.start_earliest, nominal.start_latest, span.start_earliest, span.start_latest),
                ("end", nominal.end_earliest, nominal.end_latest, span.end_earliest, span.end_latest)):
            i = f"<{key}/time/{name}>"
            if lo is not None and lo != slo:
                yield f'{i} <{KG.nominalNotBefore}> "{lo.isoformat()}"{date} .\n'
            if hi is not None and hi != shi:
                yield f'{i} <{KG.nominalNotAfter}> "{hi.isoformat()}"{date} .\n'


def table_dataset(G: nx.MultiDiGraph) -> Dataset:
    """An rdflib ``Dataset`` of ``G``'s table RDF (:func:`table_nquads`), kg's prefixes bound."""
    from rdflib import Dataset

    from kg.namespace import PREFIXES

    ds = Dataset(default_union=True)
    for prefix, namespace in PREFIXES.items():
        ds.bind(prefix, namespace)
    ds.parse(data="".join(table_nquads(G)), format="nquads")
    return ds
