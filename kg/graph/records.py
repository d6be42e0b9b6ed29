"""The records of kg's networkx view, as typed definitions: one home for its schema.

The networkx view (:func:`kg.graph.from_rdf.to_networkx` from RDF, :func:`kg.graph.view.timeline_view` from
a timeline) stores plain dictionaries, because that is what networkx keeps on nodes, edges
and the graph. Their keys are defined here, once, as :class:`~typing.TypedDict` s, and the
modules that read the view read them through the helpers below rather than by scattered
string keys.

- :class:`NodeRecord`: an entity (actor, topic, document) or an event's own node.
- :class:`EdgeRecord`: an event (``kind="event"``) or a position held (``kind="position"``),
  keyed in the multigraph by the item's IRI.
- :class:`ClaimRecord` with its :class:`EvidenceRecord` s; :class:`SourceRecord`,
  :class:`LinkRecord`, :class:`ConflictRecord` (with :class:`ReadingRecord` s) and
  :class:`ConceptRecord` (event types, offices) live in :class:`GraphRecord`, ``G.graph``.

>>> from kg import load
>>> G = load().networkx
>>> edge = next(e for e in edge_records(G) if e["relation"] == "warned")
>>> is_event(edge), claimants(edge)[:1]
(True, ['https://w3id.org/kg-timeline/stamos/actor/wsj'])
>>> graph_record(G)["iri"]
'https://w3id.org/kg-timeline/stamos/'
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any, TypedDict, cast

if TYPE_CHECKING:
    import networkx as nx

    from kg.timeline.model import TimeSpec

__all__ = [
    "NodeRecord", "EdgeRecord", "ClaimRecord", "EvidenceRecord", "SourceRecord", "LinkRecord",
    "ConflictRecord", "ReadingRecord", "ConceptRecord", "GraphRecord",
    "node_record", "edge_records", "edge_items", "graph_record", "is_event", "is_position",
    "claimants", "claim_iris", "participants", "first_claimed", "ROLES", "TARGET_ROLES",
]

ROLES = ("agent", "target", "recipient", "beneficiary", "topic", "medium")
"""The roles a participant takes in an event (kg:agent, kg:target ...), in the order edges use them."""

TARGET_ROLES = ROLES[1:]
"""The roles an event's edge may end at, first found first: its target, else its recipient ..."""


class EvidenceRecord(TypedDict, total=False):
    """An exact span of a source behind a claim or a reading (``start``/``end`` in code points)."""

    iri: str
    source: str  # the source's IRI
    exact: str
    start: int
    end: int
    gloss: str


class ClaimRecord(TypedDict):
    """Who states an event, position or link, when, with what stance, on what evidence."""

    iri: str
    claimants: list[str]  # IRIs of actors or sources, sorted
    citing: list[str]
    via: list[str]
    stance: str  # the stance's notation: asserts, denies, ...
    date: TimeSpec | None
    public: bool
    note: str | None
    evidence: list[EvidenceRecord]
    document: str | None  # IRI of the document the claim is made in (the tweet), if any


class NodeRecord(TypedDict, total=False):
    """An entity, keyed by IRI; ``kind`` is its kind (person, ..., ``event`` for an event's own node)."""

    iri: str
    kind: str
    labels: dict[str, str]  # by language, English first
    label: str
    alt_labels: dict[str, list[str]]
    part_of: str | None


class EdgeRecord(TypedDict, total=False):
    """An event or a position held, from agent (holder) to target (organisation)."""

    kind: str  # event | position
    event: str  # the event's IRI (events)
    position: str  # the position's IRI (positions)
    office: str  # the office's IRI (positions)
    labels: dict[str, str]
    label: str
    relation: str  # the event type's notation; "held" for a position
    relation_labels: dict[str, str]
    status: str  # happened | planned | reported
    time: TimeSpec
    participants: dict[str, list[str]]  # role -> IRIs, roles with nobody left out
    inferred: list[str]
    note: str | None
    claims: list[ClaimRecord]


class SourceRecord(TypedDict):
    iri: str
    labels: dict[str, str]
    language: str
    path: str
    sha256: str


LinkRecord = TypedDict("LinkRecord", {"iri": str, "from": str, "to": str, "relation": str,
                                      "claims": list[ClaimRecord]})
"""A stated relation between two events (``from`` and ``to`` are event IRIs; ``from`` is a
Python keyword, hence the functional form)."""


class ReadingRecord(TypedDict):
    iri: str
    labels: dict[str, str]
    time: TimeSpec | None
    basis: str
    evidence: list[EvidenceRecord]


class ConflictRecord(TypedDict):
    iri: str
    about: str  # the event's IRI
    kind: str
    description: dict[str, str]
    readings: list[ReadingRecord]


class ConceptRecord(TypedDict):
    """An event type or an office: its code and labels."""

    iri: str
    notation: str
    labels: dict[str, str]
    alt_labels: dict[str, list[str]]


class GraphRecord(TypedDict, total=False):
    """``G.graph``: the timeline's IRI and title, and what is not a node or an edge."""

    iri: str | None
    labels: dict[str, str]
    sources: dict[str, SourceRecord]
    conflicts: list[ConflictRecord]
    links: list[LinkRecord]
    relations: dict[str, ConceptRecord]  # by notation
    offices: dict[str, ConceptRecord]  # by IRI


def node_record(G: nx.MultiDiGraph, node: str) -> NodeRecord:
    """The record of ``node``."""
    return cast(NodeRecord, G.nodes[node])


def edge_records(G: nx.MultiDiGraph) -> Iterator[EdgeRecord]:
    """Every edge's record (an event with several agents or targets is several edges)."""
    for _, _, data in G.edges(data=True):
        yield cast(EdgeRecord, data)


def edge_items(G: nx.MultiDiGraph) -> Iterator[tuple[str, str, str, EdgeRecord]]:
    """Every edge as ``(u, v, key, record)``; the key is the event's or position's IRI."""
    for u, v, key, data in G.edges(keys=True, data=True):
        yield u, v, key, cast(EdgeRecord, data)


def graph_record(G: nx.MultiDiGraph) -> GraphRecord:
    """``G.graph`` as its record."""
    return cast(GraphRecord, G.graph)


def is_event(edge: EdgeRecord | dict[str, Any]) -> bool:
    return edge.get("kind") == "event"


def is_position(edge: EdgeRecord | dict[str, Any]) -> bool:
    return edge.get("kind") == "position"


def claimants(edge: EdgeRecord | dict[str, Any]) -> list[str]:
    """Everyone who makes a claim about ``edge``, sorted, each once."""
    return sorted({who for claim in edge.get("claims", []) for who in claim["claimants"]})


def claim_iris(edge: EdgeRecord | LinkRecord | dict[str, Any]) -> list[str]:
    return [claim["iri"] for claim in edge.get("claims", [])]


def participants(edge: EdgeRecord | dict[str, Any], role: str) -> list[str]:
    """The IRIs taking part in ``edge`` in ``role``."""
    return list(edge.get("participants", {}).get(role, []))


def first_claimed(edge: EdgeRecord | dict[str, Any]) -> Any:
    """The earliest day any claim about ``edge`` can have been made, or None."""
    days = [c["date"].span.start_earliest for c in edge.get("claims", [])
            if c["date"] is not None and c["date"].span.start_earliest is not None]
    return min(days) if days else None
