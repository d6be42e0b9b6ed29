"""The IRIs a timeline mints for its resources, all under its ``base``.

One naming scheme, used by every view: the networkx view keeps the IRIs as strings, the
RDF builder as rdflib terms. Which one is the ``make`` argument (``str``, or
``rdflib.URIRef``, itself a ``str``), so this module needs no rdflib.

>>> iris = Iris("https://example.org/t/", str)
>>> iris.event("x"), iris.claim("x--a"), iris("position", "p")
('https://example.org/t/event/x', 'https://example.org/t/claim/x--a', 'https://example.org/t/position/p')
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Generic, TypeVar

from kg.time.network import Origin
from kg.timeline.model import Entity, Timeline

__all__ = ["Iris", "TimelineIris", "entity_section"]

N = TypeVar("N", bound=str)

_SECTION = {"topic": "topic", "document": "document", "office": "office"}


def entity_section(kind: str) -> str:
    """The path section of an entity's IRI: ``topic``, ``document``, ``office``, else ``actor``.

    >>> entity_section("person"), entity_section("office")
    ('actor', 'office')
    """
    return _SECTION.get(kind, "actor")


class Iris(Generic[N]):
    """The IRIs of a timeline's resources under ``base``, each made by ``make``."""

    def __init__(self, base: str, make: Callable[[str], N]):
        self.base = base
        self.make = make

    def __call__(self, section: str, ident: str) -> N:
        return self.make(f"{self.base}{section}/{ident}")

    def entity(self, entity: Entity) -> N:
        return self(entity_section(entity.kind), entity.id)

    def event(self, ident: str) -> N:
        return self("event", ident)

    def claim(self, ident: str) -> N:
        return self("claim", ident)

    def source(self, ident: str) -> N:
        return self("source", ident)


class TimelineIris(Iris[N]):
    """:class:`Iris` of one timeline, with the IRI of every dated item's time and of the
    resource each constraint of a derivation names (shared by the RDF and networkx views)."""

    def __init__(self, timeline: Timeline, make: Callable[[str], N]):
        super().__init__(timeline.base, make)
        self.relations = timeline.relations
        base = timeline.base
        self.time_refs: dict[str, str] = {  # as text; :attr:`time_iris` as made
            **{k: f"{base}source/{k}/date" for k in timeline.sources},
            **{k: f"{base}{entity_section(e.kind)}/{e.id}/date" for k, e in timeline.entities.items() if e.date},
            **{k: f"{base}event/{k}/time" for k in timeline.events},
            **{k: f"{base}position/{k}/time" for k in timeline.positions},
            **{c.id: f"{base}claim/{c.id}/date" for c in timeline.claims()},
        }

    @property
    def time_iris(self) -> dict[str, N]:
        """The IRI of every dated item's time, by the item's id."""
        return {k: self.make(v) for k, v in self.time_refs.items()}

    def constraint_ref(self, origin: Origin) -> str | None:
        """The IRI (as text) of the resource a constraint's origin names: a time, a relation, a
        link or a claim."""
        if origin.kind == "relation" or origin.ref in self.relations:
            return f"{self.base}relation/{origin.ref}"
        if origin.kind in ("stated", "nominal", "span"):
            return self.time_refs.get(origin.ref)
        if origin.kind == "link":
            return f"{self.base}link/{origin.ref}"
        if origin.kind == "claim":
            return f"{self.base}claim/{origin.ref}"
        return None

    def constraint_iri(self, origin: Origin) -> N | None:
        """:meth:`constraint_ref`, made."""
        ref = self.constraint_ref(origin)
        return self.make(ref) if ref is not None else None
