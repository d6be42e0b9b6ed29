"""The controlled vocabularies: event types, statuses, stances, roles, time derivations.

They live as SKOS concept schemes in ``ontology/vocabulary.ttl``; a timeline refers to a
concept by its ``skos:notation`` ("opposed", "happened") and may add event types of its
own. This module reads the Turtle once and answers look-ups by notation or label.

IRIs here are plain strings (the RDF wing, :mod:`kg.rdf`, makes them rdflib terms), so
reading a timeline and answering its questions needs no rdflib: ``kg ask`` does not
import it unless a vocabulary must be parsed from Turtle.

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
from typing import Any

from typing import TYPE_CHECKING

from kg.labels import pick_label

if TYPE_CHECKING:
    from rdflib import Graph, URIRef

__all__ = [
    "Concept",
    "Vocabulary",
    "bundled_vocabulary",
    "read_vocabulary",
    "ontology_file",
    "LINK_RELATIONS",
    "ENTITY_CLASSES",
]


@dataclass(frozen=True)
class Concept:
    """A SKOS concept: IRI (a string), notation, preferred and alternative labels by language."""

    iri: str
    notation: str
    labels: Mapping[str, str] = field(default_factory=dict, compare=False)
    alt_labels: Mapping[str, tuple[str, ...]] = field(default_factory=dict, compare=False)
    definition: Mapping[str, str] = field(default_factory=dict, compare=False)
    broader: str | None = None

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


_KG = "https://w3id.org/kg-timeline/ontology#"  # kg.namespace.KG, without importing rdflib (tests/test_namespace.py)
_SEM = "http://semanticweb.cs.vu.nl/2009/11/sem/"

LINK_RELATIONS: dict[str, str] = {
    "because-of": _KG + "becauseOf",
    "response-to": _KG + "inResponseTo",
    "part-of": _SEM + "subEventOf",
}
"""Relations a timeline's ``links`` may state, and the IRI of the RDF property of each."""

ENTITY_CLASSES: dict[str, str] = {
    "person": _KG + "Person",
    "organisation": _KG + "Organisation",
    "team": _KG + "Team",
    "group": _KG + "Group",
    "outlet": _KG + "NewsOutlet",
    "state": _KG + "State",
    "topic": _KG + "Topic",
    "document": _KG + "Document",
    "office": _KG + "Office",
}
"""The kinds of entity a timeline declares, and the IRI of the class of each."""


def ontology_file(name: str) -> Path:
    """The path of an installed ontology file: ``kg.ttl``, ``vocabulary.ttl`` or ``shapes.ttl``."""
    resource = importlib.resources.files("kg.ontology") / name
    return Path(str(resource))


def _texts(graph: Graph, subject: URIRef, predicate: URIRef) -> dict[str, list[str]]:
    from rdflib import Literal

    out: dict[str, list[str]] = {}
    for obj in graph.objects(subject, predicate):
        if isinstance(obj, Literal):
            out.setdefault(obj.language or "", []).append(str(obj))
    return {lang: sorted(values) for lang, values in out.items()}


def _concepts(graph: Graph, cls: URIRef) -> dict[str, Concept]:
    from rdflib import URIRef
    from rdflib.namespace import RDF, SKOS

    found: dict[str, Concept] = {}
    for iri in graph.subjects(RDF.type, cls):
        notation = graph.value(iri, SKOS.notation)
        if not isinstance(iri, URIRef) or notation is None:
            continue
        broader = graph.value(iri, SKOS.broader)
        found[str(notation)] = Concept(
            iri=str(iri),
            notation=str(notation),
            labels={k: v[0] for k, v in _texts(graph, iri, SKOS.prefLabel).items()},
            alt_labels={k: tuple(v) for k, v in _texts(graph, iri, SKOS.altLabel).items()},
            definition={k: v[0] for k, v in _texts(graph, iri, SKOS.definition).items()},
            broader=str(broader) if isinstance(broader, URIRef) else None,
        )
    return dict(sorted(found.items()))


_SCHEMES = {  # each scheme's concepts, by their class
    "event_types": "EventType",
    "statuses": "Status",
    "stances": "Stance",
    "roles": "ParticipantRole",
    "derivations": "TimeDerivation",
}


def read_vocabulary(turtle: str | Path) -> Vocabulary:
    """Read the concept schemes of a SKOS vocabulary in Turtle (a path or the text itself)."""
    from rdflib import Graph

    from kg.namespace import KG

    graph = Graph()
    if isinstance(turtle, Path):
        graph.parse(turtle, format="turtle")
    else:
        graph.parse(data=turtle, format="turtle")
    return Vocabulary(**{name: _concepts(graph, KG[cls]) for name, cls in _SCHEMES.items()})


@lru_cache(maxsize=1)
def bundled_vocabulary() -> Vocabulary:
    """The vocabularies shipped in ``ontology/vocabulary.ttl`` (read once).

    Parsing the Turtle costs rdflib about 0.3 s, most of a short command's time, so the
    concepts are also kept as JSON in the user's cache folder (see :mod:`kg.user_cache`),
    under the SHA-256 of the Turtle: an edited vocabulary is read afresh, and a missing,
    unwritable or damaged cache only means the Turtle is parsed.
    """
    from kg.user_cache import cached_json

    text = ontology_file("vocabulary.ttl").read_text(encoding="utf-8")
    try:
        return _from_json(cached_json("vocabulary", text, lambda: _to_json(read_vocabulary(text))))
    except (KeyError, TypeError, AttributeError, ValueError):  # a damaged cache file
        return read_vocabulary(text)


def _to_json(v: Vocabulary) -> dict[str, Any]:
    return {
        name: {
            n: {"iri": str(c.iri), "labels": dict(c.labels), "alt_labels": {k: list(a) for k, a in c.alt_labels.items()},
                "definition": dict(c.definition), "broader": str(c.broader) if c.broader else None}
            for n, c in getattr(v, name).items()
        }
        for name in _SCHEMES
    }


def _from_json(data: dict[str, Any]) -> Vocabulary:
    def concept(notation: str, d: dict[str, Any]) -> Concept:
        return Concept(
            iri=str(d["iri"]), notation=notation, labels=dict(d["labels"]),
            alt_labels={k: tuple(a) for k, a in d["alt_labels"].items()},
            definition=dict(d["definition"]),
            broader=str(d["broader"]) if d["broader"] else None,
        )

    return Vocabulary(**{name: {n: concept(n, d) for n, d in data[name].items()} for name in _SCHEMES})
