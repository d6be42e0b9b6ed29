"""The controlled vocabularies: event types, statuses, stances, roles, time derivations.

They live as SKOS concept schemes in ``ontology/vocabulary.ttl``; a timeline refers to a
concept by its ``skos:notation`` ("opposed", "happened") and may add event types of its
own. This module reads the Turtle once and answers look-ups by notation or label.

>>> v = bundled_vocabulary()
>>> v.event_types["opposed"].label("ar")
'عارض'
>>> "was against" in v.event_types["opposed"].alt_labels["en"]
True
>>> sorted(v.statuses)
['happened', 'planned', 'reported']
"""

from __future__ import annotations

import importlib.resources
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, SKOS

from .names import pick_label
from .namespace import KG, SEM

__all__ = [
    "Concept",
    "Vocabulary",
    "bundled_vocabulary",
    "ontology_file",
    "LINK_RELATIONS",
    "ENTITY_CLASSES",
]


@dataclass(frozen=True)
class Concept:
    """A SKOS concept: IRI, notation, preferred and alternative labels by language."""

    iri: URIRef
    notation: str
    labels: Mapping[str, str] = field(default_factory=dict, compare=False)
    alt_labels: Mapping[str, tuple[str, ...]] = field(default_factory=dict, compare=False)
    definition: Mapping[str, str] = field(default_factory=dict, compare=False)
    broader: URIRef | None = None

    def label(self, lang: str = "en") -> str:
        """The preferred label in ``lang``, falling back to English, then the notation."""
        return pick_label(self.labels, lang, self.notation)


@dataclass(frozen=True)
class Vocabulary:
    """The concept schemes a timeline may use, each keyed by notation."""

    event_types: Mapping[str, Concept]
    statuses: Mapping[str, Concept]
    stances: Mapping[str, Concept]
    roles: Mapping[str, Concept]
    derivations: Mapping[str, Concept]

    def with_event_types(self, extra: Mapping[str, Concept]) -> Vocabulary:
        """A copy with a timeline's own event types added."""
        return Vocabulary(
            {**self.event_types, **extra}, self.statuses, self.stances, self.roles, self.derivations
        )


LINK_RELATIONS: dict[str, URIRef] = {
    "because-of": KG.becauseOf,
    "response-to": KG.inResponseTo,
    "part-of": SEM.subEventOf,
}
"""Relations a timeline's ``links`` may state, and the RDF property of each."""

ENTITY_CLASSES: dict[str, URIRef] = {
    "person": KG.Person,
    "organisation": KG.Organisation,
    "team": KG.Team,
    "group": KG.Group,
    "outlet": KG.NewsOutlet,
    "state": KG.State,
    "topic": KG.Topic,
    "document": KG.Document,
    "office": KG.Office,
}
"""The kinds of entity a timeline declares, and the class of each."""


def ontology_file(name: str) -> Path:
    """The path of an installed ontology file: ``kg.ttl``, ``vocabulary.ttl`` or ``shapes.ttl``."""
    resource = importlib.resources.files("kg.ontology") / name
    return Path(str(resource))


def _texts(graph: Graph, subject: URIRef, predicate: URIRef) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for obj in graph.objects(subject, predicate):
        if isinstance(obj, Literal):
            out.setdefault(obj.language or "", []).append(str(obj))
    return {lang: sorted(values) for lang, values in out.items()}


def _concepts(graph: Graph, cls: URIRef) -> dict[str, Concept]:
    found: dict[str, Concept] = {}
    for iri in graph.subjects(RDF.type, cls):
        notation = graph.value(iri, SKOS.notation)
        if not isinstance(iri, URIRef) or notation is None:
            continue
        broader = graph.value(iri, SKOS.broader)
        found[str(notation)] = Concept(
            iri=iri,
            notation=str(notation),
            labels={k: v[0] for k, v in _texts(graph, iri, SKOS.prefLabel).items()},
            alt_labels={k: tuple(v) for k, v in _texts(graph, iri, SKOS.altLabel).items()},
            definition={k: v[0] for k, v in _texts(graph, iri, SKOS.definition).items()},
            broader=broader if isinstance(broader, URIRef) else None,
        )
    return dict(sorted(found.items()))


@lru_cache(maxsize=1)
def bundled_vocabulary() -> Vocabulary:
    """The vocabularies shipped in ``ontology/vocabulary.ttl`` (read once)."""
    graph = Graph()
    graph.parse(ontology_file("vocabulary.ttl"), format="turtle")
    return Vocabulary(
        event_types=_concepts(graph, KG.EventType),
        statuses=_concepts(graph, KG.Status),
        stances=_concepts(graph, KG.Stance),
        roles=_concepts(graph, KG.ParticipantRole),
        derivations=_concepts(graph, KG.TimeDerivation),
    )
