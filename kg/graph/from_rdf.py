"""A networkx view of a kg RDF graph: actors, topics and documents as nodes, events as edges.

The view is built from the RDF (not from the timeline file), so a dataset read from
Turtle, TriG, N-Quads or JSON-LD gives the same view as one built from YAML.

- **Nodes** are entities, keyed by IRI (a string), with ``kind`` (person, organisation,
  team, group, outlet, state, topic, document; ``event`` for an event node, below),
  ``labels`` (by language), ``alt_labels`` and ``label`` (English).
- **Each event is an edge** from each agent to each target, keyed by the event IRI, with
  ``relation`` (the event type's notation), ``status``, ``time`` (a
  :class:`~kg.timeline.model.TimeSpec`; its ``span`` has the bounds), ``participants`` by role and
  ``claims``. Without a target, the recipients are the targets, then the beneficiaries,
  the topics, the media. An event with no agent (or nothing it acts on) starts (or ends)
  at a node of its own, of kind ``event``: the graph never invents an actor.
- **Positions** are edges too (``kind="position"``), from holder to organisation, with
  the ``office``. Links between events, conflicts, sources and the relations between
  times (``time_relations``) are in ``G.graph``.

>>> from kg.timeline.reader import load_timeline
>>> from kg.rdf.build import build_dataset
>>> G = to_networkx(build_dataset(load_timeline()))
>>> base = "https://w3id.org/kg-timeline/stamos/"
>>> [d["relation"] for u, v, d in G.edges(base + "actor/policy-team", data=True)]
['opposed', 'urged']
>>> G.nodes[base + "actor/stamos"]["labels"]["ar"]
'أليكس ستاموس'
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import replace
from typing import Any

import networkx as nx
from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, RDF, RDFS, SKOS, TIME

from kg.time.edtf import EDTFError, written
from kg.errors import KgError
from kg.graph.records import ROLES, TARGET_ROLES
from kg.timeline.model import TimeSpec
from kg.namespace import KG, OA, ORG, SEM
from kg.time import TimeSpan
from kg.time.network import Origin
from kg.vocabulary import ENTITY_CLASSES

__all__ = ["to_networkx", "read_time", "TARGET_ROLES", "ROLES"]

"""Roles tried in order for an event edge's target."""

_KIND_OF_CLASS = {URIRef(cls): kind for kind, cls in ENTITY_CLASSES.items()}


def _union(data: Dataset | Graph) -> Graph:
    if isinstance(data, Dataset):
        from kg.rdf.build import union_graph

        return union_graph(data)
    return data


def _labels(g: Graph, node: Any, predicate: URIRef = RDFS.label) -> dict[str, str]:
    out: dict[str, str] = {}
    for obj in sorted(g.objects(node, predicate), key=str):
        if isinstance(obj, Literal):
            out.setdefault(obj.language or "", str(obj))
    if "en" not in out and "" in out:
        out["en"] = out[""]
    out.pop("", None)
    return {k: out[k] for k in sorted(out, key=lambda lang: (lang != "en", lang))}


def _alt_labels(g: Graph, node: Any) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for obj in g.objects(node, SKOS.altLabel):
        if isinstance(obj, Literal):
            out.setdefault(obj.language or "en", []).append(str(obj))
    return {k: sorted(out[k]) for k in sorted(out)}


def _notation(g: Graph, concept: Any) -> str:
    value = g.value(concept, SKOS.notation)
    if value is not None:
        return str(value)
    text = str(concept)
    return text.rstrip("/").rsplit("/", 1)[-1].rsplit("#", 1)[-1]


def _short(term: Any) -> str:
    text = str(term)
    for prefix, namespace in (("kg", str(KG)), ("oa", str(OA)), ("org", str(ORG)), ("time", str(TIME))):
        if text.startswith(namespace):
            return f"{prefix}:{text[len(namespace):]}"
    return f"<{text}>"


def _date(g: Graph, node: Any, predicate: URIRef) -> dt.date | None:
    value = g.value(node, predicate)
    if value is None:
        return None
    python = value.toPython() if isinstance(value, Literal) else None
    if not isinstance(python, dt.date) or isinstance(python, dt.datetime):
        raise KgError(f"{_short(node)}: {_short(predicate)} must be an xsd:date, not {str(value)!r}")
    return python


def _integer(g: Graph, node: Any, predicate: URIRef) -> int:
    value = g.value(node, predicate)
    python = value.toPython() if isinstance(value, Literal) else None
    if not isinstance(python, int) or isinstance(python, bool):
        found = "nothing" if value is None else repr(str(value))
        raise KgError(f"{_short(node)}: {_short(predicate)} must be an integer, found {found}")
    return python


def _flag(value: object, *, default: bool) -> bool:
    """An ``xsd:boolean`` literal as a bool; ``default`` when there is none."""
    return bool(value.toPython()) if isinstance(value, Literal) else default


def _bounds(g: Graph, start: Any, end: Any, before: URIRef, after: URIRef) -> dict[str, Any]:
    """The four bounds of an instant pair, keyed as :class:`TimeSpan` takes them (dates or None)."""
    return {"start_earliest": _date(g, start, before), "start_latest": _date(g, start, after),
            "end_earliest": _date(g, end, before), "end_latest": _date(g, end, after)}


def _why(g: Graph, start: Any, end: Any) -> dict[str, tuple[Origin, ...]]:
    """The derivation chains of an instant pair's derived bounds, keyed se / sl / ee / el."""
    found: dict[str, tuple[Origin, ...]] = {}
    for point, instant in (("s", start), ("e", end)):
        for derivation in g.objects(instant, KG.boundDerivation):
            bound = point + ("e" if g.value(derivation, KG.derivedBound) == KG.notBefore else "l")
            steps = sorted(g.objects(derivation, KG.derivationStep),
                           key=lambda step: _integer(g, step, KG.stepOrder))
            found[bound] = tuple(Origin("step", str(g.value(step, RDFS.label) or ""),
                                        ref=str(g.value(step, KG.constraint) or "")) for step in steps)
    return found


def read_time(g: Graph, node: Any) -> TimeSpec:
    """The :class:`~kg.timeline.model.TimeSpec` described at ``node`` (a kg:TimeSpan).

    ``kg:notBefore`` / ``kg:notAfter`` give the (derived) bounds questions use; the stated
    and nominal bounds and the derivation chains come along when present.
    """
    edtf = g.value(node, KG.edtf)
    text = str(edtf) if edtf is not None else None
    start, end = g.value(node, TIME.hasBeginning), g.value(node, TIME.hasEnd)
    bounds = _bounds(g, start, end, KG.notBefore, KG.notAfter)
    if text is not None:  # kg:uncertain and the words follow from the text (TimeSpec.written)
        try:
            written(text)
        except EDTFError as exc:
            raise KgError(f"{_short(node)}: kg:edtf {text!r} is not EDTF ({exc})") from None
    try:
        span = TimeSpan(**bounds)
        nominal = None
        why = _why(g, start, end)
        # a bound the timeline stated is kg:stated...; one it left open but kg derived has only
        # its derivation; RDF from elsewhere, with neither, states what it gives
        given = _bounds(g, start, end, KG.statedNotBefore, KG.statedNotAfter)
        keys = {"se": "start_earliest", "sl": "start_latest", "ee": "end_earliest", "el": "end_latest"}
        derived = {keys[k] for k in why}
        stated_bounds: dict[str, Any] = {k: v if v is not None else (None if k in derived else bounds[k]) for k, v in given.items()}
        stated = TimeSpan(**stated_bounds)
        as_written = _bounds(g, start, end, KG.nominalNotBefore, KG.nominalNotAfter)
        if any(v is not None for v in as_written.values()):
            nominal = replace(span, **{k: v if v is not None else bounds[k] for k, v in as_written.items()})
    except ValueError as exc:
        raise KgError(f"{_short(node)}: {exc}") from None
    holds = g.value(node, KG.holdsAt)
    derivation = g.value(node, KG.derivation)
    phrase, basis, anchor = g.value(node, KG.timePhrase), g.value(node, KG.timeBasis), g.value(node, KG.anchor)
    return TimeSpec(
        span=span, edtf=text, holds_at=read_time(g, holds) if holds is not None else None,
        derivation=_notation(g, derivation) if derivation is not None else None,
        phrase=str(phrase) if phrase is not None else None, basis=str(basis) if basis is not None else None,
        anchor=str(anchor) if anchor is not None else None,
        nominal_span=nominal if nominal != span else None,
        stated_span=stated if stated != span else None,
        why=why,
    )


def _evidence(g: Graph, owner: Any) -> list[dict[str, Any]]:
    found = []
    for annotation in sorted(g.objects(owner, KG.hasEvidence), key=str):
        target = g.value(annotation, OA.hasTarget)
        item: dict[str, Any] = {"iri": str(annotation), "source": str(g.value(target, OA.hasSource))}
        for selector in g.objects(target, OA.hasSelector):
            if (selector, RDF.type, OA.TextQuoteSelector) in g:
                item["exact"] = str(g.value(selector, OA.exact))
            elif (selector, RDF.type, OA.TextPositionSelector) in g:
                item["start"] = _integer(g, selector, OA.start)
                item["end"] = _integer(g, selector, OA.end)
        gloss = next((b for b in g.objects(annotation, OA.hasBody) if (b, RDF.type, OA.TextualBody) in g), None)
        item["gloss"] = str(g.value(gloss, RDF.value)) if gloss is not None else ""
        found.append(item)
    return found


def _claims(g: Graph) -> dict[str, list[dict[str, Any]]]:
    by_subject: dict[str, list[dict[str, Any]]] = {}
    for claim in sorted(g.subjects(RDF.type, KG.Claim), key=str):
        about = g.value(claim, KG.claimAbout)
        date = g.value(claim, KG.claimedDuring)
        public = g.value(claim, KG.public)
        by_subject.setdefault(str(about), []).append({
            "iri": str(claim),
            "claimants": sorted(str(c) for c in g.objects(claim, KG.claimant)),
            "citing": sorted(str(c) for c in g.objects(claim, KG.citing)),
            "via": sorted(str(c) for c in g.objects(claim, KG.via)),
            "document": str(g.value(claim, PROV.hadPrimarySource) or "") or None,
            "stance": _notation(g, g.value(claim, KG.stance)),
            "date": read_time(g, date) if date is not None else None,
            "public": _flag(public, default=True),
            "note": str(g.value(claim, RDFS.comment) or "") or None,
            "evidence": _evidence(g, claim),
        })
    return by_subject


def _add_entities(G: nx.MultiDiGraph, g: Graph) -> None:
    for cls, kind in _KIND_OF_CLASS.items():
        if kind == "office":  # offices are what positions hold, not participants
            continue
        for node in sorted(g.subjects(RDF.type, cls), key=str):
            if (node, RDF.type, KG.Source) in g:  # sources are in G.graph["sources"]
                continue
            labels = _labels(g, node)
            part_of = g.value(node, KG.partOf)
            G.add_node(str(node), iri=str(node), kind=kind, labels=labels, label=labels.get("en", str(node)),
                       alt_labels=_alt_labels(g, node), part_of=str(part_of) if part_of else None)


def _event_node(G: nx.MultiDiGraph, iri: str, labels: dict[str, str]) -> str:
    if iri not in G:
        G.add_node(iri, iri=iri, kind="event", labels=labels, label=labels.get("en", iri), alt_labels={})
    return iri


def _add_events(G: nx.MultiDiGraph, g: Graph, claims: dict[str, list[dict[str, Any]]]) -> None:
    for event in sorted(g.subjects(RDF.type, KG.Event), key=str):
        iri, labels = str(event), _labels(g, event)
        etype = g.value(event, SEM.eventType)
        participants = {role: sorted(str(o) for o in g.objects(event, KG[role])) for role in ROLES}
        for role in participants.values():
            for node in role:
                if node not in G:
                    G.add_node(node, iri=node, kind="entity", labels={}, label=node, alt_labels={})
        inferred = sorted(str(g.value(r, RDF.value)) for r in g.objects(event, SEM.hasActor)
                          if _flag(g.value(r, KG.inferred), default=False))
        time_node = g.value(event, TIME.hasTime)
        data = {
            "kind": "event", "event": iri, "labels": labels, "label": labels.get("en", iri),
            "relation": _notation(g, etype) if etype is not None else "event",
            "relation_labels": _labels(g, etype, SKOS.prefLabel) if etype is not None else {},
            "status": _notation(g, g.value(event, KG.status)) if g.value(event, KG.status) else "happened",
            "time": read_time(g, time_node) if time_node is not None else TimeSpec(TimeSpan.unbounded()),
            "participants": {k: v for k, v in participants.items() if v},
            "inferred": inferred,
            "note": str(g.value(event, RDFS.comment) or "") or None,
            "claims": claims.get(iri, []),
        }
        sources = participants["agent"] or [_event_node(G, iri, labels)]
        targets = next((participants[r] for r in TARGET_ROLES if participants[r]), None) or [
            _event_node(G, iri, labels)]
        for u in sources:
            for v in targets:
                G.add_edge(u, v, key=iri, **data)


def _add_positions(G: nx.MultiDiGraph, g: Graph, claims: dict[str, list[dict[str, Any]]]) -> None:
    for position in sorted(g.subjects(RDF.type, KG.Position), key=str):
        iri = str(position)
        holder, org, office = (g.value(position, p) for p in (ORG.member, ORG.organization, ORG.role))
        for value, predicate in ((holder, ORG.member), (org, ORG.organization), (office, ORG.role)):
            if value is None:
                raise KgError(f"{_short(position)}: a kg:Position needs {_short(predicate)}")
        time_node = g.value(position, ORG.memberDuring)
        office_labels = _labels(g, office)
        names = [G.nodes[str(n)].get("labels", {}) if str(n) in G else {} for n in (holder, org)]
        labels = {lang: f"{names[0].get(lang, names[0].get('en', holder))}: {text}"
                        f"{' of ' if lang == 'en' else ' في '}{names[1].get(lang, names[1].get('en', org))}"
                  for lang, text in office_labels.items()}
        G.add_edge(str(holder), str(org), key=iri, kind="position", position=iri, office=str(office),
                   relation="held", relation_labels=office_labels, labels=labels,
                   label=labels.get("en", str(office)), status="happened",
                   time=read_time(g, time_node) if time_node is not None else TimeSpec(TimeSpan.unbounded()),
                   participants={"agent": [str(holder)], "target": [str(org)]}, inferred=[],
                   note=str(g.value(position, RDFS.comment) or "") or None, claims=claims.get(iri, []))


def _links(g: Graph, claims: dict[str, list[dict[str, Any]]]) -> list[dict[str, Any]]:
    out = []
    for link in sorted(g.subjects(RDF.type, KG.Link), key=str):
        relation = g.value(link, KG.linkRelation)
        out.append({"iri": str(link), "from": str(g.value(link, KG.linkFrom)), "to": str(g.value(link, KG.linkTo)),
                    "relation": str(relation).rsplit("#", 1)[-1].rsplit("/", 1)[-1],
                    "claims": claims.get(str(link), [])})
    return out


def _conflicts(g: Graph) -> list[dict[str, Any]]:
    out = []
    for conflict in sorted(g.subjects(RDF.type, KG.Conflict), key=str):
        readings = []
        for reading in sorted(g.objects(conflict, KG.reading), key=str):
            time_node = g.value(reading, KG.readingTime)
            readings.append({"iri": str(reading), "labels": _labels(g, reading),
                             "time": read_time(g, time_node) if time_node is not None else None,
                             "basis": str(g.value(reading, RDFS.comment) or ""),
                             "evidence": _evidence(g, reading)})
        out.append({"iri": str(conflict), "about": str(g.value(conflict, KG.conflictAbout)),
                    "kind": str(g.value(conflict, KG.conflictKind) or ""),
                    "description": _labels(g, conflict, RDFS.comment), "readings": readings})
    return out


def _sources(g: Graph) -> dict[str, dict[str, Any]]:
    return {
        str(s): {"iri": str(s), "labels": _labels(g, s), "language": str(g.value(s, DCTERMS.language) or ""),
                 "path": str(g.value(s, KG.path) or ""), "sha256": str(g.value(s, KG.sha256) or "")}
        for s in sorted(g.subjects(RDF.type, KG.Source), key=str)
    }


def _concepts(g: Graph, nodes: Iterable[Any]) -> dict[str, dict[str, Any]]:
    """Labels (preferred, then rdfs:label) and alternative labels of SKOS concepts or offices."""
    out = {}
    for node in sorted(set(nodes), key=str):
        labels = _labels(g, node, SKOS.prefLabel) or _labels(g, node)
        out[str(node)] = {"iri": str(node), "notation": _notation(g, node), "labels": labels,
                          "alt_labels": _alt_labels(g, node)}
    return out


_TIME_OF = (TIME.hasTime, ORG.memberDuring, KG.claimedDuring, KG.publishedDuring)


def _time_relations(g: Graph) -> list[dict[str, Any]]:
    """The kg:TimeRelation nodes, each end mapped from its time node back to its item.

    ``from`` / ``to`` are the IRIs of the event, position, claim, source or document whose
    time the relation names (``from_time`` / ``to_time`` its :class:`~kg.timeline.model.TimeSpec`);
    ``offset`` is the offset as written (``P1M~``), for
    :func:`kg.time.relations.parse_offset`.
    """
    owner = {t: s for p in _TIME_OF for s, t in g.subject_objects(p)}
    out = []
    for rel in sorted(g.subjects(RDF.type, KG.TimeRelation), key=str):
        ends = {}
        for side, predicate in (("from", KG.relationFrom), ("to", KG.relationTo)):
            node = g.value(rel, predicate)
            if node not in owner:
                raise KgError(f"{_short(rel)}: {_short(predicate)} must be the time of an item, found {node}")
            ends.update({side: str(owner[node]), f"{side}_time": read_time(g, node)})
        text = {k: g.value(rel, p) for k, p in (("relation", KG.relationName), ("from_point", KG.fromPoint),
                                                ("to_point", KG.toPoint), ("offset", KG.offset),
                                                ("phrase", KG.timePhrase), ("basis", KG.timeBasis))}
        out.append({"iri": str(rel), **ends, **{k: str(v) if v is not None else None for k, v in text.items()},
                    "evidence": _evidence(g, rel)})
    return out


def to_networkx(data: Dataset | Graph) -> nx.MultiDiGraph:
    """The networkx view of a kg dataset (or of its union graph)."""
    g = _union(data)
    claims = _claims(g)
    G: nx.MultiDiGraph[str] = nx.MultiDiGraph()
    timeline = next(iter(g.subjects(RDF.type, KG.Timeline)), None)
    relations = _concepts(g, g.objects(None, SEM.eventType))
    G.graph.update(
        iri=str(timeline) if timeline is not None else None,
        labels=_labels(g, timeline) if timeline is not None else {},
        sources=_sources(g), conflicts=_conflicts(g), links=_links(g, claims),
        relations={c["notation"]: c for c in relations.values()},
        offices=_concepts(g, g.objects(None, ORG.role)), time_relations=_time_relations(g),
    )
    _add_entities(G, g)
    _add_events(G, g, claims)
    _add_positions(G, g, claims)
    return G
