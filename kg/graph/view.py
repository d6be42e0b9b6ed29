"""The networkx view built straight from a :class:`~kg.timeline.model.Timeline`, without RDF.

:func:`timeline_view` gives the very graph that :func:`kg.graph.from_rdf.to_networkx` reads from the
timeline's RDF dataset (``to_networkx(build_dataset(t))``): the same nodes, edges, records
(:mod:`kg.graph.records`) and order, and times as they read back from RDF (derivation steps name
the IRI of the constraint behind them, an anchor is the event's IRI). Building the RDF
(:mod:`kg.rdf.build`) is then needed only for SPARQL, exports and SHACL validation.
``tests/test_view.py`` checks the two graphs are equal, record for record.

>>> from kg.timeline.reader import load_timeline
>>> G = timeline_view(load_timeline())
>>> base = "https://w3id.org/kg-timeline/stamos/"
>>> [d["relation"] for u, v, d in G.edges(base + "actor/policy-team", data=True)]
['opposed', 'urged']
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import networkx as nx

from kg.errors import KgError
from kg.timeline.model import Claim, Evidence, Timeline, TimeSpec
from kg.graph.records import ClaimRecord, ConceptRecord, EvidenceRecord, NodeRecord, ROLES, TARGET_ROLES
from kg.time import TimeSpan
from kg.time.network import Origin
from kg.timeline.iris import TimelineIris
from kg.vocabulary import ENTITY_CLASSES, LINK_RELATIONS

__all__ = ["timeline_view"]

_KEYS = {"se": "start_earliest", "sl": "start_latest", "ee": "end_earliest", "el": "end_latest"}


def _labels(labels: Any) -> dict[str, str]:
    """Labels by language as the RDF reading orders them: English first, then by tag."""
    out = {(lang or "").lower(): text for lang, text in dict(labels).items()}
    if "en" not in out and "" in out:
        out["en"] = out[""]
    out.pop("", None)
    return {k: out[k] for k in sorted(out, key=lambda lang: (lang != "en", lang))}


def _alt_labels(alt: Any) -> dict[str, list[str]]:
    out: dict[str, set[str]] = {}
    for lang, texts in dict(alt).items():
        out.setdefault((lang or "en").lower(), set()).update(texts)
    return {k: sorted(out[k]) for k in sorted(out)}


class _View:
    def __init__(self, timeline: Timeline):
        self.t = timeline
        self.iris = TimelineIris(timeline, str)
        self.base = timeline.base
        self.entity_iri = {k: self.iris.entity(e) for k, e in timeline.entities.items()}

    # -- times, as they read back from RDF (kg.graph.from_rdf.read_time) ----------------------------

    def time(self, spec: TimeSpec) -> TimeSpec:
        span, stated, nominal = spec.span, spec.stated, spec.nominal
        text = spec.edtf
        bounds: dict[str, Any] = {k: getattr(span, k) for k in _KEYS.values()}
        why = {key: tuple(Origin("step", o.text, ref=self.iris.constraint_ref(o) or "") for o in chain)
               for key, chain in spec.why.items() if chain}
        new_span = span
        try:
            derived = {_KEYS[k] for k in why}
            stated_bounds: dict[str, Any] = {k: getattr(stated, k) if getattr(stated, k) is not None else
                             (None if k in derived else bounds[k]) for k in bounds}
            new_stated = TimeSpan(**stated_bounds)
            written = {k: getattr(nominal, k) if getattr(nominal, k) not in (None, bounds[k]) else None
                       for k in bounds}
            new_nominal = None
            if any(v is not None for v in written.values()):
                new_nominal = replace(new_span, **{k: v if v is not None else bounds[k] for k, v in written.items()})
        except ValueError as exc:
            raise KgError(str(exc)) from None
        return TimeSpec(
            span=new_span, edtf=text, holds_at=self.time(spec.holds_at) if spec.holds_at is not None else None,
            derivation=spec.derivation, phrase=spec.phrase or None, basis=spec.basis or None,
            anchor=self.iris.event(spec.anchor) if spec.anchor else None,
            nominal_span=new_nominal if new_nominal is not None and new_nominal != new_span else None,
            stated_span=new_stated if new_stated != new_span else None,
            why=why,
        )

    # -- claims and evidence ---------------------------------------------------------------

    def evidence(self, owner: str, items: tuple[Evidence, ...]) -> list[EvidenceRecord]:
        found = []
        for n, item in enumerate(items, start=1):
            found.append((f"{owner}/evidence/{n}", EvidenceRecord(
                iri=f"{owner}/evidence/{n}", source=f"{self.base}source/{item.source}", exact=item.text,
                start=item.start, end=item.end, gloss=item.gloss)))
        found.sort(key=lambda pair: pair[0])
        return [record for _, record in found]

    def claim(self, claim: Claim) -> ClaimRecord:
        iri = f"{self.base}claim/{claim.id}"
        who = {f"{self.base}source/{w}" if w in self.t.sources else self.entity_iri[w] for w in claim.by}
        return ClaimRecord(
            iri=iri, claimants=sorted(who), citing=sorted({self.entity_iri[w] for w in claim.citing}),
            via=sorted({self.entity_iri[w] for w in claim.via}), stance=claim.stance,
            date=self.time(claim.date), public=claim.public, note=claim.note or None,
            evidence=self.evidence(iri, claim.evidence),
            document=self.entity_iri[claim.dated_by]
            if claim.dated_by is not None and claim.dated_by in self.t.entities else None)

    def claims(self, claims: tuple[Claim, ...]) -> list[ClaimRecord]:
        return sorted((self.claim(c) for c in claims), key=lambda c: c["iri"])

    # -- the graph -------------------------------------------------------------------------

    def concept(self, iri: str, notation: str, labels: Any, alt: Any) -> ConceptRecord:
        return ConceptRecord(iri=iri, notation=notation, labels=_labels(labels), alt_labels=_alt_labels(alt))

    def build(self) -> nx.MultiDiGraph:
        t, base = self.t, self.base
        G: nx.MultiDiGraph[str] = nx.MultiDiGraph()
        events = sorted((e for e in t.events.values() if e.claims), key=lambda e: f"{base}event/{e.id}")
        positions = sorted((p for p in t.positions.values() if p.claims), key=lambda p: f"{base}position/{p.id}")
        links = sorted((k for k in t.links.values() if k.claims), key=lambda k: f"{base}link/{k.id}")
        types = {str(t.vocabulary.event_types[e.type].iri): e.type for e in events}
        relations = [self.concept(iri, notation, t.vocabulary.event_types[notation].labels,
                                  t.vocabulary.event_types[notation].alt_labels)
                     for iri, notation in sorted(types.items())]
        offices = {self.entity_iri[p.office]: t.entities[p.office] for p in positions}
        G.graph.update(
            iri=base, labels=_labels(t.labels),
            sources={iri: {"iri": iri, "labels": _labels(s.labels), "language": s.language, "path": s.path,
                           "sha256": s.sha256}
                     for iri, s in sorted((f"{base}source/{s.id}", s) for s in t.sources.values())},
            conflicts=self.conflicts(),
            links=[{"iri": f"{base}link/{k.id}", "from": f"{base}event/{k.source_event}",
                    "to": f"{base}event/{k.target_event}",
                    "relation": str(LINK_RELATIONS[k.relation]).rsplit("#", 1)[-1].rsplit("/", 1)[-1],
                    "claims": self.claims(k.claims)} for k in links],
            relations={c["notation"]: c for c in relations},
            offices={iri: self.concept(iri, iri.rstrip("/").rsplit("/", 1)[-1].rsplit("#", 1)[-1], e.labels,
                                       e.alt_labels) for iri, e in sorted(offices.items())},
            time_relations=self.time_relations(),
        )
        kinds = {kind: [] for kind in ENTITY_CLASSES}  # type: dict[str, list[str]]
        for ident, entity in t.entities.items():
            if entity.kind in kinds:
                kinds[entity.kind].append(ident)
        for kind, idents in kinds.items():
            if kind == "office":
                continue
            for iri, ident in sorted((self.entity_iri[i], i) for i in idents):
                entity = t.entities[ident]
                labels = _labels(entity.labels)
                G.add_node(iri, **NodeRecord(
                    iri=iri, kind=kind, labels=labels, label=labels.get("en", iri),
                    alt_labels=_alt_labels(entity.alt_labels),
                    part_of=self.entity_iri[entity.part_of] if entity.part_of else None))
        for event in events:
            self.event(G, event)
        for position in positions:
            self.position(G, position)
        return G

    def event(self, G: nx.MultiDiGraph, event: Any) -> None:
        t, iri = self.t, f"{self.base}event/{event.id}"
        labels = _labels(event.labels)
        by_role: dict[str, set[str]] = {role: set() for role in ROLES}
        inferred: dict[tuple[str, str], bool] = {}
        for p in event.participants:
            value = self.entity_iri[p.entity]
            if p.role in by_role:
                by_role[p.role].add(value)
            if t.entities[p.entity].is_actor:
                inferred[(p.role, p.entity)] = inferred.get((p.role, p.entity), False) or p.inferred
        roles = {role: sorted(values) for role, values in by_role.items()}
        for values in roles.values():
            for node in values:
                if node not in G:
                    G.add_node(node, iri=node, kind="entity", labels={}, label=node, alt_labels={})
        concept = t.vocabulary.event_types[event.type]
        data = {
            "kind": "event", "event": iri, "labels": labels, "label": labels.get("en", iri),
            "relation": event.type, "relation_labels": _labels(concept.labels), "status": event.status,
            "time": self.time(event.time), "participants": {k: v for k, v in roles.items() if v},
            "inferred": sorted(self.entity_iri[e] for (_, e), flag in inferred.items() if flag),
            "note": event.note or None, "claims": self.claims(event.claims),
        }
        sources = roles["agent"] or [self.event_node(G, iri, labels)]
        targets = next((roles[r] for r in TARGET_ROLES if roles[r]), None) or [self.event_node(G, iri, labels)]
        for u in sources:
            for v in targets:
                G.add_edge(u, v, key=iri, **data)

    @staticmethod
    def event_node(G: nx.MultiDiGraph, iri: str, labels: dict[str, str]) -> str:
        if iri not in G:
            G.add_node(iri, iri=iri, kind="event", labels=labels, label=labels.get("en", iri), alt_labels={})
        return iri

    def position(self, G: nx.MultiDiGraph, position: Any) -> None:
        iri = f"{self.base}position/{position.id}"
        holder, org = self.entity_iri[position.holder], self.entity_iri[position.organisation]
        office = self.entity_iri[position.office]
        office_labels = _labels(self.t.entities[position.office].labels)
        names = [G.nodes[n].get("labels", {}) if n in G else {} for n in (holder, org)]
        labels = {lang: f"{names[0].get(lang, names[0].get('en', holder))}: {text}"
                        f"{' of ' if lang == 'en' else ' في '}{names[1].get(lang, names[1].get('en', org))}"
                  for lang, text in office_labels.items()}
        G.add_edge(holder, org, key=iri, kind="position", position=iri, office=office,
                   relation="held", relation_labels=office_labels, labels=labels,
                   label=labels.get("en", office), status="happened", time=self.time(position.time),
                   participants={"agent": [holder], "target": [org]}, inferred=[],
                   note=position.note or None, claims=self.claims(position.claims))

    def _item(self, ident: str) -> tuple[str, TimeSpec | None]:
        """The IRI and time of whatever a time relation names: an event, position, claim,
        source or dated document."""
        t, iris = self.t, self.iris
        if ident in t.events:
            return iris.event(ident), t.events[ident].time
        if ident in t.positions:
            return iris("position", ident), t.positions[ident].time
        if ident in t.sources:
            return iris.source(ident), t.sources[ident].date
        if ident in t.entities:
            return self.entity_iri[ident], t.entities[ident].date
        claim = next(c for c in t.claims() if c.id == ident)
        return iris.claim(ident), claim.date

    def time_relations(self) -> list[dict[str, Any]]:
        """The timeline's relations between times, as :func:`kg.graph.from_rdf.to_networkx` reads them from RDF."""
        out = []
        for rel in self.t.relations.values():
            iri = self.iris("relation", rel.id)
            ends: dict[str, Any] = {}
            for side, ident in (("from", rel.source_item), ("to", rel.target_item)):
                item, spec = self._item(ident)
                ends.update({side: item, f"{side}_time": self.time(spec) if spec is not None else None})
            out.append({"iri": iri, **ends, "relation": rel.relation, "from_point": rel.from_point,
                        "to_point": rel.to_point, "offset": rel.offset.text if rel.offset else None,
                        "phrase": rel.phrase, "basis": rel.basis, "evidence": self.evidence(iri, rel.evidence)})
        out.sort(key=lambda r: r["iri"])
        return out

    def conflicts(self) -> list[dict[str, Any]]:
        out = []
        for conflict in sorted(self.t.conflicts.values(), key=lambda c: f"{self.base}conflict/{c.id}"):
            node = f"{self.base}conflict/{conflict.id}"
            readings = []
            for reading in sorted(conflict.readings, key=lambda r: f"{node}/reading/{r.id}"):
                r = f"{node}/reading/{reading.id}"
                readings.append({"iri": r, "labels": _labels(reading.labels), "time": self.time(reading.time),
                                 "basis": reading.basis or "", "evidence": self.evidence(r, reading.evidence)})
            out.append({"iri": node, "about": f"{self.base}event/{conflict.about}", "kind": conflict.kind,
                        "description": _labels(conflict.description), "readings": readings})
        return out


def timeline_view(timeline: Timeline) -> nx.MultiDiGraph:
    """The networkx view of ``timeline`` (equal to ``to_networkx(build_dataset(timeline))``)."""
    return _View(timeline).build()
