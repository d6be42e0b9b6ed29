"""Synthetic graphs in the shape of kg's networkx view, for benchmarks and load tests.

They look like a real view (:func:`kg.graph.from_rdf.to_networkx`): entities of every kind with
English and Arabic labels, events with bundled relations, statuses, EDTF times of every
precision (days, months, seasons, approximate, open-ended ranges), and claims with
evidence. They are made from a seed, so the same call gives the same graph.

>>> G = synthetic_graph(50, 120, seed=1)
>>> G.number_of_nodes(), G.number_of_edges()
(50, 120)
>>> sorted({d["kind"] for _, _, d in G.edges(data=True)})
['event']
"""

from __future__ import annotations

import datetime as dt
import random

import networkx as nx

from kg.time.edtf import parse_edtf
from kg.timeline.model import TimeSpec
from kg.graph.records import ClaimRecord, EdgeRecord, EvidenceRecord, NodeRecord
from kg.vocabulary import bundled_vocabulary

__all__ = ["synthetic_graph"]

_KINDS = ("person",) * 8 + ("organisation",) * 4 + ("team", "team", "group", "group", "outlet", "state", "topic",
                                                      "topic", "document")
_AR_KIND = {"person": "شخص", "organisation": "منظمة", "team": "فريق", "group": "مجموعة", "outlet": "صحيفة",
            "state": "دولة", "topic": "موضوع", "document": "وثيقة"}
BASE = "https://example.org/synthetic/"


def _edtf(rng: random.Random) -> str:
    day = dt.date(2000, 1, 1) + dt.timedelta(days=rng.randrange(0, 7300))
    form = rng.random()
    if form < 0.3:
        return day.isoformat()
    if form < 0.55:
        return f"{day:%Y-%m}"
    if form < 0.65:
        return f"{day.year}-{rng.choice((21, 22, 23, 24))}"
    if form < 0.75:
        return f"{day:%Y-%m}~"
    if form < 0.85:
        later = day + dt.timedelta(days=rng.randrange(30, 900))
        return f"[{day:%Y-%m}..{later.isoformat()}]"
    if form < 0.92:
        return f"{day:%Y-%m}/.."
    later = day + dt.timedelta(days=rng.randrange(10, 400))
    return f"{day:%Y-%m}/{later:%Y-%m}"


def synthetic_graph(nodes: int, edges: int, *, seed: int = 0) -> nx.MultiDiGraph:
    """A graph with ``nodes`` entities and ``edges`` events, reproducible from ``seed``."""
    rng = random.Random(seed)
    vocabulary = bundled_vocabulary()
    relations = sorted(vocabulary.event_types)
    G: nx.MultiDiGraph[str] = nx.MultiDiGraph()
    G.graph.update(
        iri=BASE, labels={"en": f"Synthetic graph ({nodes} nodes, {edges} events)", "ar": "رسم اصطناعي"},
        sources={f"{BASE}source/s": {"iri": f"{BASE}source/s", "labels": {"en": "Synthetic source"},
                                      "language": "en", "path": "", "sha256": ""}},
        conflicts=[], links=[], offices={},
        relations={r: {"iri": str(vocabulary.event_types[r].iri), "notation": r,
                       "labels": dict(vocabulary.event_types[r].labels),
                       "alt_labels": {k: list(v) for k, v in vocabulary.event_types[r].alt_labels.items()}}
                   for r in relations},
    )
    names = []
    for i in range(nodes):
        kind = rng.choice(_KINDS)
        iri = f"{BASE}{kind}/{i}"
        labels = {"en": f"{kind.capitalize()} {i}", "ar": f"{_AR_KIND[kind]} {i}"}
        G.add_node(iri, **NodeRecord(iri=iri, kind=kind, labels=labels, label=labels["en"], alt_labels={}, part_of=None))
        names.append(iri)
    cache: dict[str, TimeSpec] = {}
    for j in range(edges):
        u, v = rng.choice(names), rng.choice(names)
        relation = rng.choice(relations)
        text = _edtf(rng)
        time = cache.get(text) or cache.setdefault(text, TimeSpec(parse_edtf(text), edtf=text))
        key = f"{BASE}event/{j}"
        status = rng.choices(("happened", "planned", "reported"), (8, 1, 1))[0]
        claim_text = _edtf(rng)
        claim_date = cache.get(claim_text) or cache.setdefault(claim_text, TimeSpec(parse_edtf(claim_text), edtf=claim_text))
        claims = [ClaimRecord(iri=f"{key}/claim", claimants=[f"{BASE}source/s"], citing=[], via=[],
                              stance="asserts", date=claim_date, public=True, note=None, document=None,
                              evidence=[EvidenceRecord(iri=f"{key}/claim/evidence/1", source=f"{BASE}source/s",
                                                       start=0, end=12, exact=f"Event {j} text",
                                                       gloss=f"Event {j} text")])]
        G.add_edge(u, v, key=key, **EdgeRecord(
            kind="event", event=key, labels={"en": f"{G.nodes[u]['label']} {relation} {G.nodes[v]['label']}",
                                             "ar": f"حدث {j}"},
            label=f"Event {j}", relation=relation, relation_labels=dict(vocabulary.event_types[relation].labels),
            status=status, time=time, participants={"agent": [u], "target": [v]}, inferred=[], note=None,
            claims=claims))
    return G
