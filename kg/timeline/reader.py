"""Read and check a timeline file (YAML) into a :class:`~kg.timeline.model.Timeline`.

The format is documented in the README ("The timeline format"). Reading checks
everything that can be checked without RDF: the YAML itself, required and unknown keys,
ids and references between them, EDTF dates and their bounds, the source files and
their SHA-256 digests, and that every evidence quote is the text at its offsets.
All problems are collected and raised together as one :class:`~kg.errors.TimelineError`,
each naming ``file:line``.

>>> timeline = load_timeline()          # the bundled Stamos timeline
>>> timeline.events["stamos-warning"].time.describe()
'about December 2016'
>>> len(timeline.sources["article"].text)
2615
"""

from __future__ import annotations

import hashlib
import importlib.resources
import re
from pathlib import Path
from collections.abc import Iterator
from typing import Any


from kg.timeline.checker import Checker
from kg.timeline.phrase_sources import PhraseSources
from kg.display import display_path
from kg.errors import TimelineError, did_you_mean
from kg.timeline.model import (
    ACTOR_KINDS,
    Claim,
    Conflict,
    Entity,
    Event,
    Evidence,
    Link,
    Participant,
    Position,
    Reading,
    Source,
    Timeline,
    TimeRelation,
    TimeSpec,
)
from kg.time import relations as time_relations
from kg.vocabulary import LINK_RELATIONS, Concept, Vocabulary, bundled_vocabulary
from kg.timeline.yamlfile import LineDict, load_yaml_file
from kg.timeline.times import TimeReader

__all__ = ["load_timeline", "bundled_timeline_path", "FORMAT_VERSION"]

FORMAT_VERSION = 1
TOP_KEYS = (
    "kg_timeline", "id", "base", "title", "description", "curated", "sources", "actors",
    "topics", "documents", "offices", "event_types", "events", "positions", "links", "conflicts",
    "relations",
)
RELATION_KEYS = ("id", "from", "relation", "to", "from_point", "to_point", "offset", "phrase", "evidence",
                 "basis", "note")
CLAIM_KEYS = ("id", "by", "citing", "via", "stance", "date", "public", "evidence", "note")
CONFLICT_KINDS = ("calendar", "contradiction", "ambiguity")


def bundled_timeline_path() -> Path:
    """The path of the bundled Stamos / Facebook timeline."""
    return Path(str(importlib.resources.files("kg.data.stamos") / "stamos.yaml"))


def load_timeline(path: str | Path | None = None) -> Timeline:
    """Read, check and return the timeline at ``path`` (default: the bundled one).

    Raises :class:`~kg.errors.TimelineError` listing every problem found.
    """
    file = Path(path) if path is not None else bundled_timeline_path()
    reader = _Reader(file, display_path(file))
    data = load_yaml_file(file, reader.check.path)
    return reader.read(data)


class _Reader:
    """One pass over a timeline document, collecting problems as it goes."""

    def __init__(self, file: Path, shown: str):
        self.file = file
        self.check = Checker(shown)
        self.vocabulary: Vocabulary = bundled_vocabulary()
        self.refs: list[tuple[int, str, str, str]] = []  # (line, table, id, context)
        self.anchors: list[tuple[int, str, str]] = []
        self.phrases: list[tuple[int, str]] = []  # (line, phrase) of every time phrase
        self.times = TimeReader(self.check, self._derivation, anchors=self.anchors, phrases=self.phrases)
        self.phrase_sources: dict[int, tuple[str, ...]] = {}  # by index in phrases: its item's own sources
        self.cited: list[str] = []  # every source named by evidence (and each source itself), in file order
        self.ids: dict[str, int] = {}
        self.claim_ids: dict[str, int] = {}
        self.dated: dict[str, TimeSpec] = {}  # sources and documents that have dates, by id

    # -- the document ------------------------------------------------------------------

    def read(self, data: Any) -> Timeline:
        c = self.check
        doc = c.mapping(data, 1, "a timeline file")
        if doc is None:
            raise TimelineError(c.problems)
        c.keys(doc, TOP_KEYS, "the timeline", required=("kg_timeline", "id", "base"))
        version = doc.get("kg_timeline")
        if "kg_timeline" in doc and version != FORMAT_VERSION:
            c.error(doc.line_of("kg_timeline"), f"kg_timeline is {version!r}; this kg reads format {FORMAT_VERSION}")
        timeline_id = c.ident(doc, "id") or "timeline"
        base = c.text(doc, "base") or "urn:kg:invalid/"
        if "base" in doc and not re.match(r"^[A-Za-z][A-Za-z0-9+.-]*:[^\s<>\"{}|\\^`]*[/#:]$", base):
            c.error(doc.line_of("base"), f"base {base!r} must be an absolute IRI ending in '/', '#' or ':'")
        own_types = self._event_types(doc, base)
        if own_types:
            self.vocabulary = self.vocabulary.with_event_types(own_types)
        sources = {s.id: s for s in self._sources(doc)}
        entities: dict[str, Entity] = {}
        for section, kinds in (("actors", ACTOR_KINDS), ("topics", ("topic",)),
                               ("documents", ("document",)), ("offices", ("office",))):
            for entity in self._entities(doc, section, kinds):
                entities[entity.id] = entity
        events = {e.id: e for e in self._events(doc, sources)}
        positions = {p.id: p for p in self._positions(doc, sources)}
        links = {k.id: k for k in self._links(doc, sources)}
        conflicts = {k.id: k for k in self._conflicts(doc, sources)}
        relations = {r.id: r for r in self._relations(doc, sources)}
        timeline = Timeline(
            id=timeline_id, base=base, labels=c.labels(doc, "title"),
            description=c.labels(doc, "description", required=False), curated=c.timestamp(doc, "curated"),
            sources=sources, entities=entities, events=events, positions=positions, links=links,
            conflicts=conflicts, vocabulary=self.vocabulary,
            own_event_types=frozenset(own_types), path=self.file, relations=relations,
        )
        self._resolve(timeline)
        self._check_evidence(timeline)
        if c.has_errors:
            raise TimelineError([p for p in c.problems if p.severity == "error"])
        from kg.timeline.derivation import derive_times

        return derive_times(timeline, shown=c.path)

    def _new_id(self, data: LineDict) -> str | None:
        ident = self.check.ident(data)
        if ident is None:
            return None
        if ident in self.ids:
            self.check.error(data.line_of("id"), f"duplicate id {ident!r} (first at line {self.ids[ident]})")
            return None
        self.ids[ident] = data.line_of("id")
        return ident

    def _ref(self, line: int, table: str, ident: str | None, context: str) -> None:
        if ident is not None:
            self.refs.append((line, table, ident, context))

    def _each(self, listed: list[tuple[LineDict, int]]) -> Iterator[tuple[LineDict, int]]:
        """The items *listed* (by :meth:`Checker.items`); after each, its time phrases not yet given
        sources (an inner item, such as a claim, gives its own first) get the sources it cited."""
        for item in listed:
            phrases, cited = len(self.phrases), len(self.cited)
            yield item
            own = tuple(dict.fromkeys(self.cited[cited:]))
            for n in range(phrases, len(self.phrases)):
                self.phrase_sources.setdefault(n, own)

    # -- vocabulary, sources, entities ------------------------------------------------

    def _event_types(self, doc: LineDict, base: str) -> dict[str, Concept]:
        c = self.check
        found: dict[str, Concept] = {}
        for data, _ in c.items(doc, "event_types", "event types"):
            c.keys(data, ("id", "label", "alt_labels", "definition", "broader"), "an event type", ("id", "label"))
            ident = c.ident(data)
            if ident is None:
                continue
            if ident in self.vocabulary.event_types or ident in found:
                c.error(data.line_of("id"), f"event type {ident!r} is already defined")
                continue
            broader = c.ident(data, "broader", required=False)
            known = {**self.vocabulary.event_types, **found}
            if broader is not None and broader not in known:
                c.error(data.line_of("broader"), f"unknown event type {broader!r}{did_you_mean(broader, known)}")
            found[ident] = Concept(
                iri=f"{base}event-type/{ident}", notation=ident, labels=c.labels(data, "label"),
                alt_labels=c.alt_labels(data), definition=c.labels(data, "definition", required=False),
                broader=known[broader].iri if broader in known else None,
            )
        return found

    def _sources(self, doc: LineDict) -> list[Source]:
        c, found = self.check, []
        if "sources" not in doc:
            c.error(doc.line, "the timeline names no sources (every claim quotes one)")
        for data, _ in self._each(c.items(doc, "sources", "sources")):
            c.keys(data, ("id", "title", "language", "publisher", "translation_of", "date", "path", "sha256"),
                   "a source", ("id", "title", "language", "path", "sha256"))
            ident, rel = self._new_id(data), c.text(data, "path")
            if ident is not None:
                self.cited.append(ident)  # a source's own date phrase is quoted from itself
            digest = c.text(data, "sha256")
            if digest is not None and not re.fullmatch(r"[0-9a-f]{64}", digest):
                c.error(data.line_of("sha256"), "sha256 must be 64 lower-case hex digits")
            text = ""
            if rel is not None and digest is not None:
                text = self._source_text(data, rel, digest) or ""
            date = self.times.read(data["date"], data.line_of("date"), "date") if "date" in data else None
            if ident is not None and date is not None:
                self.dated[ident] = date
            if ident is None:
                continue
            found.append(Source(
                id=ident, labels=c.labels(data, "title"), language=c.text(data, "language") or "und",
                path=rel or "", sha256=digest or "", text=text, date=date,
                publisher=c.text(data, "publisher"), translation_of=c.text(data, "translation_of"),
                line=data.line,
            ))
        return found

    def _source_text(self, data: LineDict, rel: str, digest: str) -> str | None:
        from kg.inputs import InputError, read_source

        line = data.line_of("path")
        try:
            raw = read_source(self.file, rel)  # confined to the timeline's folder, size-bounded
        except InputError as exc:
            self.check.error(line, str(exc))
            return None
        actual = hashlib.sha256(raw).hexdigest()
        if actual != digest:
            self.check.error(data.line_of("sha256"),
                             f"source file {rel!r} has SHA-256 {actual}, not the {digest} recorded: "
                             "it has changed, and evidence offsets may no longer hold")
            return None
        try:
            return raw.decode("utf-8")
        except UnicodeDecodeError:
            self.check.error(line, f"source file {rel!r} is not UTF-8 text")
            return None

    def _entities(self, doc: LineDict, section: str, kinds: tuple[str, ...]) -> list[Entity]:
        c, found = self.check, []
        for data, _ in c.items(doc, section, section):
            is_actor = section == "actors"
            allowed = ["id", "label", "alt_labels", "note"] + (["kind", "part_of"] if is_actor else []) + (
                ["date"] if section == "documents" else [])
            c.keys(data, allowed, f"an entry of {section}", ("id", "label") + (("kind",) if is_actor else ()))
            ident = self._new_id(data)
            kind = kinds[0]
            if is_actor:
                kind = c.text(data, "kind") or "person"
                if kind not in ACTOR_KINDS:
                    c.error(data.line_of("kind"), f"actor kind {kind!r} is not one of {', '.join(ACTOR_KINDS)}")
            part_of = c.ident(data, "part_of", required=False)
            self._ref(data.line_of("part_of"), "actor", part_of, "part_of")
            date = self.times.read(data["date"], data.line_of("date"), "date") if "date" in data else None
            if ident is not None:
                if date is not None:
                    self.dated[ident] = date
                found.append(Entity(id=ident, kind=kind, labels=c.labels(data, "label"),
                                    alt_labels=c.alt_labels(data), part_of=part_of,
                                    note=c.text(data, "note"), line=data.line, date=date))
        return found

    # -- statements --------------------------------------------------------------------

    def _events(self, doc: LineDict, sources: dict[str, Source]) -> list[Event]:
        c, found = self.check, []
        for data, _ in self._each(c.items(doc, "events", "events")):
            c.keys(data, ("id", "label", "type", "status", "participants", "time", "claims", "note"),
                   "an event", ("id", "label", "type", "status", "time", "claims"))
            ident = self._new_id(data)
            kind = c.text(data, "type")
            if kind is not None and kind not in self.vocabulary.event_types:
                c.error(data.line_of("type"), f"unknown event type {kind!r}"
                        f"{did_you_mean(kind, self.vocabulary.event_types)}; add it under event_types")
            status = self._code(data, "status", self.vocabulary.statuses, "status")
            participants = tuple(self._participant(p) for p, _ in c.items(data, "participants", "participants"))
            time = self.times.read(data.get("time"), data.line_of("time"), "time") if "time" in data else None
            claims = self._claims(data, ident, sources)
            if ident is None or time is None or kind is None or status is None:
                continue
            found.append(Event(id=ident, labels=c.labels(data, "label"), type=kind, status=status,
                               participants=tuple(p for p in participants if p is not None), time=time,
                               claims=claims, note=c.text(data, "note"), line=data.line))
        return found

    def _participant(self, data: LineDict) -> Participant | None:
        c = self.check
        c.keys(data, ("actor", "role", "inferred", "basis"), "a participant", ("actor", "role"))
        entity = c.ident(data, "actor")
        role = self._code(data, "role", self.vocabulary.roles, "role")
        self._ref(data.line_of("actor"), "actor" if role in ("agent", "recipient") else "entity", entity,
                  f"participant ({role})")
        if entity is None or role is None:
            return None
        return Participant(entity=entity, role=role, inferred=c.boolean(data, "inferred", False),
                           basis=c.text(data, "basis"), line=data.line)

    def _positions(self, doc: LineDict, sources: dict[str, Source]) -> list[Position]:
        c, found = self.check, []
        for data, _ in self._each(c.items(doc, "positions", "positions")):
            c.keys(data, ("id", "holder", "office", "organisation", "time", "claims", "note"), "a position",
                   ("id", "holder", "office", "organisation", "time", "claims"))
            ident = self._new_id(data)
            holder, office, org = (c.ident(data, k) for k in ("holder", "office", "organisation"))
            self._ref(data.line_of("holder"), "actor", holder, "holder")
            self._ref(data.line_of("office"), "office", office, "office")
            self._ref(data.line_of("organisation"), "actor", org, "organisation")
            time = self.times.read(data.get("time"), data.line_of("time"), "time") if "time" in data else None
            claims = self._claims(data, ident, sources)
            if ident is None or holder is None or office is None or org is None or time is None:
                continue
            found.append(Position(id=ident, holder=holder, office=office, organisation=org,
                                  time=time, claims=claims, note=c.text(data, "note"), line=data.line))
        return found

    def _links(self, doc: LineDict, sources: dict[str, Source]) -> list[Link]:
        c, found = self.check, []
        for data, _ in self._each(c.items(doc, "links", "links")):
            c.keys(data, ("id", "relation", "from", "to", "claims", "note"), "a link",
                   ("id", "relation", "from", "to", "claims"))
            ident = self._new_id(data)
            relation = c.text(data, "relation")
            if relation is not None and relation not in LINK_RELATIONS:
                c.error(data.line_of("relation"), f"link relation {relation!r} is not one of {', '.join(LINK_RELATIONS)}")
            src, dst = c.ident(data, "from"), c.ident(data, "to")
            self._ref(data.line_of("from"), "event", src, "link from")
            self._ref(data.line_of("to"), "event", dst, "link to")
            claims = self._claims(data, ident, sources)
            if ident is None or relation is None or src is None or dst is None:
                continue
            found.append(Link(id=ident, relation=relation, source_event=src, target_event=dst,
                              claims=claims, note=c.text(data, "note"), line=data.line))
        return found

    def _conflicts(self, doc: LineDict, sources: dict[str, Source]) -> list[Conflict]:
        c, found = self.check, []
        for data, _ in self._each(c.items(doc, "conflicts", "conflicts")):
            c.keys(data, ("id", "about", "kind", "description", "readings"), "a conflict",
                   ("id", "about", "kind", "description", "readings"))
            ident = self._new_id(data)
            about = c.ident(data, "about")
            self._ref(data.line_of("about"), "event", about, "conflict about")
            kind = c.text(data, "kind")
            if kind is not None and kind not in CONFLICT_KINDS:
                c.error(data.line_of("kind"), f"conflict kind {kind!r} is not one of {', '.join(CONFLICT_KINDS)}")
            readings = []
            for rdata, _ in self._each(c.items(data, "readings", "readings")):
                c.keys(rdata, ("id", "label", "time", "basis", "evidence"), "a reading",
                       ("id", "label", "time", "evidence"))
                rid = c.ident(rdata)
                time = self.times.read(rdata.get("time"), rdata.line_of("time"), "time") if "time" in rdata else None
                evidence = self._evidence(rdata, sources)
                if rid is not None and time is not None:
                    readings.append(Reading(id=rid, labels=c.labels(rdata, "label"), time=time,
                                            basis=c.text(rdata, "basis"), evidence=evidence, line=rdata.line))
            if "readings" in data and len(readings) < 2:
                c.error(data.line_of("readings"), "a conflict keeps at least two readings")
            if ident is None or about is None or kind is None:
                continue
            found.append(Conflict(id=ident, about=about, kind=kind,
                                  description=c.labels(data, "description"), readings=tuple(readings),
                                  line=data.line))
        return found

    def _relations(self, doc: LineDict, sources: dict[str, Source]) -> list[TimeRelation]:
        c, found = self.check, []
        for data, _ in self._each(c.items(doc, "relations", "relations")):
            c.keys(data, RELATION_KEYS, "a relation", ("id", "from", "relation", "to", "evidence", "basis"))
            ident = self._new_id(data)
            relation = c.text(data, "relation")
            src, dst = c.ident(data, "from"), c.ident(data, "to")
            self._ref(data.line_of("from"), "timed", src, "relation from")
            self._ref(data.line_of("to"), "timed", dst, "relation to")
            if src is not None and src == dst:
                c.error(data.line_of("to"), f"relation {ident!r} relates {src!r} to itself")
            points = []
            for key in ("from_point", "to_point"):
                point = c.text(data, key)
                if point is not None and point not in time_relations.POINTS:
                    c.error(data.line_of(key), f"{key} {point!r} is not one of start, end")
                    point = None
                points.append(point)
            offset = None
            if "offset" in data:
                try:
                    offset = time_relations.parse_offset(data["offset"])
                except ValueError as exc:
                    c.error(data.line_of("offset"), str(exc))
            if relation is not None:
                ends = points != [None, None]
                names = time_relations.POINT_RELATIONS if ends else time_relations.RELATIONS
                if relation not in names:
                    between = " between single ends" if ends else ""
                    c.error(data.line_of("relation"), f"unknown relation {relation!r}{between}"
                            f"{did_you_mean(relation, names)}; use one of {', '.join(names)}")
                    relation = None
                else:
                    try:
                        time_relations.constraints(relation, from_point=points[0], to_point=points[1], offset=offset)
                    except ValueError as exc:
                        c.error(data.line_of("offset"), f"relation {relation!r}: {exc}")
                        relation = None
            phrase = c.text(data, "phrase")
            if phrase is not None:
                self.phrases.append((data.line_of("phrase"), phrase))
            evidence = self._evidence(data, sources)
            basis = c.text(data, "basis", required=True)
            if ident is None or relation is None or src is None or dst is None or basis is None or src == dst:
                continue
            found.append(TimeRelation(
                id=ident, source_item=src, relation=relation, target_item=dst, basis=basis,
                evidence=evidence, from_point=points[0], to_point=points[1], offset=offset, phrase=phrase,
                note=c.text(data, "note"), line=data.line))
        return found

    # -- claims and evidence ----------------------------------------------------------

    def _claims(self, owner: LineDict, about: str | None, sources: dict[str, Source]) -> tuple[Claim, ...]:
        c, found = self.check, []
        listed = c.items(owner, "claims", "claims")
        if "claims" in owner and not listed:
            c.error(owner.line_of("claims"), "a statement needs at least one claim")
        for data, _ in self._each(listed):
            c.keys(data, CLAIM_KEYS, "a claim", ("id", "by", "stance", "evidence"))
            ident = c.ident(data)
            if ident is not None and ident in self.claim_ids:
                c.error(data.line_of("id"), f"duplicate claim id {ident!r} (first at line {self.claim_ids[ident]})")
                ident = None
            elif ident is not None:
                self.claim_ids[ident] = data.line_of("id")
            by = c.ident_list(data, "by", required=True)
            for who in by:
                self._ref(data.line_of("by"), "claimant", who, "claim by")
            citing, via = c.ident_list(data, "citing"), c.ident_list(data, "via")
            for who in (*citing, *via):
                self._ref(data.line_of("citing" if who in citing else "via"), "actor", who, "claim")
            stance = self._code(data, "stance", self.vocabulary.stances, "stance")
            dated_by = None
            given = data.get("date")
            if isinstance(given, LineDict) and set(given) == {"of"}:  # the date of a dated source or document
                dated_by = c.ident(given, "of")
                date = self.dated.get(dated_by) if dated_by is not None else None
                if dated_by is not None and date is None:
                    c.error(given.line_of("of"), f"claim date: {dated_by!r} is not a source or document with a "
                            f"date{did_you_mean(dated_by, self.dated)}")
            elif "date" in data:
                date = self.times.read(data["date"], data.line_of("date"), "date")
            else:
                dated_by = next((b for b in by if b in sources and sources[b].date), None)
                date = sources[dated_by].date if dated_by is not None else None
                if date is None:
                    c.error(data.line, "a claim needs a date (it may be left out only when the claimant "
                            "is a dated source)")
            evidence = self._evidence(data, sources)
            if ident is None or about is None or stance is None or date is None or not by:
                continue
            found.append(Claim(id=ident, about=about, by=by, stance=stance, date=date, evidence=evidence,
                               citing=citing, via=via, public=c.boolean(data, "public", True),
                               note=c.text(data, "note"), line=data.line, dated_by=dated_by))
        return tuple(found)

    def _evidence(self, owner: LineDict, sources: dict[str, Source]) -> tuple[Evidence, ...]:
        c, found = self.check, []
        listed = c.items(owner, "evidence", "evidence")
        if "evidence" in owner and not listed:
            c.error(owner.line_of("evidence"), "evidence must quote at least one span of a source")
        for data, _ in listed:
            c.keys(data, ("source", "start", "end", "text", "gloss"), "evidence", ("start", "end", "text", "gloss"))
            source = c.ident(data, "source", required=False)
            if source is None and len(sources) == 1:
                source = next(iter(sources))
            elif source is None:
                c.error(data.line, "evidence must name its source (the timeline has several)")
            self._ref(data.line_of("source"), "source", source, "evidence")
            if source is not None:
                self.cited.append(source)
            start, end = c.integer(data, "start"), c.integer(data, "end")
            text, gloss = data.get("text"), c.text(data, "gloss", required=True)
            if not isinstance(text, str) or not text:
                c.error(data.line_of("text"), "evidence text must be the exact, non-empty text of the span")
                continue
            if source is None or start is None or end is None or gloss is None:
                continue
            found.append(Evidence(source=source, start=start, end=end, text=text, gloss=gloss,
                                  line=data.line_of("text")))
        return tuple(found)

    # -- codes and times ---------------------------------------------------------------

    def _derivation(self, data: LineDict) -> str | None:
        return self._code(data, "derivation", self.vocabulary.derivations, "derivation")

    def _code(self, data: LineDict, key: str, scheme: dict[str, Concept] | Any, what: str) -> str | None:
        value = self.check.text(data, key)
        if value is not None and value not in scheme:
            self.check.error(data.line_of(key), f"unknown {what} {value!r}{did_you_mean(value, scheme)}; "
                             f"use one of {', '.join(scheme)}")
            return None
        return value

    # -- cross-references and evidence -------------------------------------------------

    def _resolve(self, timeline: Timeline) -> None:
        c = self.check
        actors = {k for k, e in timeline.entities.items() if e.is_actor}
        tables = {
            "actor": actors,
            "entity": set(timeline.entities) - {k for k, e in timeline.entities.items() if e.kind == "office"},
            "office": {k for k, e in timeline.entities.items() if e.kind == "office"},
            "event": set(timeline.events),
            "source": set(timeline.sources),
            "claimant": actors | set(timeline.sources),
            # declared ids (an event that failed to parse is still not "unknown") less undated entities
            "timed": (set(self.ids) - {k for k, e in timeline.entities.items() if not e.date})
            | set(self.claim_ids),
        }
        names = {"actor": "actor", "entity": "actor, topic or document", "office": "office",
                 "event": "event", "source": "source", "claimant": "actor or source",
                 "timed": "event, position, claim, source or dated document"}
        for line, table, ident, context in self.refs:
            if ident not in tables[table]:
                hint = did_you_mean(ident, tables[table])
                if table == "actor" and ident in timeline.entities:
                    hint = f" ({ident!r} is a {timeline.entities[ident].kind}, not an actor)"
                c.error(line, f"unknown {names[table]} {ident!r} in {context}{hint}")
        for line, ident, _ in self.anchors:
            if ident not in timeline.events:
                c.error(line, f"unknown event {ident!r} as time anchor{did_you_mean(ident, timeline.events)}")
        for event in timeline.events.values():
            if event.time.anchor == event.id:
                c.error(event.time.line, f"event {event.id!r} is anchored to itself: name the event its time "
                        "is relative to")

    def _check_evidence(self, timeline: Timeline) -> None:
        c = self.check
        for evidence in timeline.evidence():
            source = timeline.sources.get(evidence.source)
            if source is None or not source.text:
                continue
            text = source.text
            if evidence.start >= evidence.end:
                c.error(evidence.line, f"evidence offsets {evidence.start}-{evidence.end}: the start must be "
                        "before the end")
            elif not (0 <= evidence.start < evidence.end <= len(text)):
                c.error(evidence.line, f"evidence offsets {evidence.start}-{evidence.end} are outside source "
                        f"{source.id!r} (0-{len(text)})")
            elif text[evidence.start:evidence.end] != evidence.text:
                c.error(evidence.line, f"evidence text is not at {evidence.start}-{evidence.end} of source "
                        f"{source.id!r}{_where(text, evidence.text)}")
        all_text = [s.text for s in timeline.sources.values()]
        if not all_text or not all(all_text):
            return  # a source could not be read; that is already reported
        lookup = PhraseSources(timeline.sources)
        found: dict[str, bool] = {}  # each phrase settled once, however often it is used
        for n, (line, phrase) in enumerate(self.phrases):
            if phrase not in found:  # first in the item's own sources, which normally have it
                found[phrase] = lookup.quoted_from(phrase, self.phrase_sources.get(n, ())) is not None
            if not found[phrase]:
                c.error(line, f"time phrase {phrase!r} does not occur in any source")


def _where(text: str, quote: str) -> str:
    """Where ``quote`` does occur in ``text``, as a hint for fixing offsets."""
    spots = [m.start() for m in re.finditer(re.escape(quote), text)]
    if not spots:
        return " (the text does not occur in the source)"
    return " (it occurs at " + ", ".join(f"start {s}, end {s + len(quote)}" for s in spots[:3]) + ")"
