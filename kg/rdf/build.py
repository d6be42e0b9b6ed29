"""Turn a :class:`~kg.timeline.model.Timeline` into an rdflib ``Dataset``.

Layout (nanopublication style):

- the **default graph** describes the timeline, its sources, entities (actors, topics,
  documents, offices), the vocabulary, and every claim: who claims it
  (``kg:claimant``, ``prov:wasAttributedTo``), citing whom, when (``kg:claimedDuring``),
  with what stance, and its evidence, a W3C Web Annotation whose target selects the exact
  words of the source by quote (``oa:TextQuoteSelector``) and by code-point position
  (``oa:TextPositionSelector``);
- **each claim has its own named graph**, named by the claim's IRI, holding the statement
  it makes: an event (type, status, participants in SEM roles, OWL-Time interval), a
  position (W3C ORG membership) or a link between events.

Every time is a ``kg:TimeSpan`` (an OWL-Time proper interval) carrying its EDTF text
(typed ``edtf:EDTF``) and instants with inclusive ``kg:notBefore`` / ``kg:notAfter``
``xsd:date`` bounds; events also carry SEM's four earliest/latest time stamps, so plain
SPARQL can filter by date.

>>> from kg.timeline.reader import load_timeline
>>> ds = build_dataset(load_timeline())
>>> warning = URIRef("https://w3id.org/kg-timeline/stamos/event/stamos-warning")
>>> str(ds.value(warning, SEM.hasEarliestBeginTimeStamp))  # derived: "a month after" November 2016
'2016-11-22'
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import Any

from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID
from rdflib.namespace import DCTERMS, PROV, RDF, RDFS, SKOS, TIME, XSD

from kg.timeline.model import Claim, Conflict, Entity, Event, Evidence, Link, Position, Timeline, TimeRelation, TimeSpec
from kg.timeline.phrase_sources import PhraseSources
from kg.namespace import EDTF_DATATYPE, KG, OA, ORG, PREFIXES, SEM, term
from kg.time.network import Origin
from kg.timeline.iris import TimelineIris
from kg.time.relations import OWL_TIME
from kg.vocabulary import ENTITY_CLASSES, LINK_RELATIONS, ontology_file

__all__ = ["build_dataset", "union_graph", "QUOTE_CONTEXT"]

QUOTE_CONTEXT = 16
"""Characters of ``oa:prefix`` and ``oa:suffix`` kept around each quote."""

def build_dataset(timeline: Timeline, *, include_vocabulary: bool = True) -> Dataset:
    """The RDF dataset of ``timeline``: default graph plus one named graph per claim.

    With ``include_vocabulary`` the SKOS vocabulary (event types, statuses, stances,
    roles) is copied into the default graph, so the dataset explains its own codes.
    """
    return _Builder(timeline, include_vocabulary).build()


def union_graph(dataset: Dataset) -> Graph:
    """All triples of every graph of ``dataset`` in one plain ``Graph``."""
    graph = Graph()
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace)
    for s, p, o, _ in dataset.quads((None, None, None, None)):
        graph.add((s, p, o))
    return graph


def _cited(claims: Iterable[Claim]) -> list[str]:
    """The sources the evidence of *claims* quotes, where their item's time phrase is looked for first."""
    return [e.source for claim in claims for e in claim.evidence]


def _date(day: dt.date) -> Literal:
    return Literal(day.isoformat(), datatype=XSD.date)


class _Sink:
    """Stands in for a graph of the dataset: each triple added goes to ``emit`` with the graph's name
    (``None`` for the default graph)."""

    def __init__(self, emit: Callable[[tuple[Any, Any, Any], URIRef | None], None], name: URIRef | None):
        self.emit, self.name = emit, name

    def add(self, triple: tuple[Any, Any, Any]) -> None:
        self.emit(triple, self.name)

    def parse(self, source: Any, format: str) -> None:  # noqa: A002 (rdflib's name)
        for triple in sorted(Graph().parse(source, format=format), key=lambda t: tuple(x.n3() for x in t)):
            self.emit(triple, self.name)  # in a fixed order: the stream's bytes never depend on hashing


class _Builder:
    def __init__(self, timeline: Timeline, include_vocabulary: bool,
                 emit: Callable[[tuple[Any, Any, Any], URIRef | None], None] | None = None):
        self.t = timeline
        self.iris = TimelineIris(timeline, URIRef)
        self.include_vocabulary = include_vocabulary
        self.emit = emit
        if emit is None:  # into an rdflib Dataset
            self.ds = Dataset(default_union=True)
            for prefix, namespace in PREFIXES.items():
                self.ds.bind(prefix, namespace)
            self.ds.bind("data", timeline.base)
            self.default: Any = self.ds.graph(DATASET_DEFAULT_GRAPH_ID)
        else:  # as a stream of quads (kg.rdf.nquads)
            self.default = _Sink(emit, None)
        self.reasoning = URIRef(f"{timeline.base}reasoning")
        self.time_iris = self.iris.time_iris
        self.phrase_sources = PhraseSources(timeline.sources)

    # -- helpers -----------------------------------------------------------------------

    def labels(self, graph: Graph, node: URIRef, labels: Mapping[str, str], *predicates: URIRef) -> None:
        for lang, text in labels.items():
            for predicate in predicates or (RDFS.label,):
                graph.add((node, predicate, Literal(text, lang=lang)))

    def source_language(self, phrase: str, cited: Iterable[str] = ()) -> str | None:
        """The language of the source the phrase is quoted from: the first of the item's own
        (*cited*) sources that contains it, else the first of all (:mod:`kg.timeline.phrase_sources`)."""
        source = self.phrase_sources.quoted_from(phrase, cited)
        return source.language if source is not None else None

    def graph(self, name: URIRef) -> Any:
        return self.ds.graph(name) if self.emit is None else _Sink(self.emit, name)

    def event_type(self, notation: str) -> URIRef:
        return term(self.t.vocabulary.event_types[notation].iri)

    def time(self, graph: Graph, node: URIRef, spec: TimeSpec, cited: Iterable[str] = ()) -> URIRef:
        """Describe ``spec`` as the kg:TimeSpan ``node`` in ``graph`` (the time of an item citing the
        sources *cited*: its phrase's language is that of the one it is quoted from).

        Each end is a time:Instant with the derived (tightest) bounds ``kg:notBefore`` /
        ``kg:notAfter``, the bounds the timeline states (``kg:statedNotBefore`` /
        ``kg:statedNotAfter``), the nominal ones where they differ, and for every bound kg
        worked out a kg:BoundDerivation with its chain of steps.
        """
        span, stated, nominal = spec.span, spec.stated, spec.nominal
        graph.add((node, RDF.type, KG.TimeSpan))
        graph.add((node, RDF.type, TIME.ProperInterval))
        if spec.edtf is not None:
            graph.add((node, KG.edtf, Literal(spec.edtf, datatype=EDTF_DATATYPE)))
        for name, (lo, hi), (slo, shi), (nlo, nhi) in (
                ("start", (span.start_earliest, span.start_latest), (stated.start_earliest, stated.start_latest),
                 (nominal.start_earliest, nominal.start_latest)),
                ("end", (span.end_earliest, span.end_latest), (stated.end_earliest, stated.end_latest),
                 (nominal.end_earliest, nominal.end_latest))):
            instant = URIRef(f"{node}/{name}")
            graph.add((node, TIME.hasBeginning if name == "start" else TIME.hasEnd, instant))
            graph.add((instant, RDF.type, TIME.Instant))
            for prop, day in ((KG.notBefore, lo), (KG.notAfter, hi), (KG.statedNotBefore, slo),
                              (KG.statedNotAfter, shi)):
                if day is not None:
                    graph.add((instant, prop, _date(day)))
            for prop, day, same in ((KG.nominalNotBefore, nlo, lo), (KG.nominalNotAfter, nhi, hi)):
                if day is not None and day != same:
                    graph.add((instant, prop, _date(day)))
            if lo is not None and lo == hi and not spec.uncertain:
                graph.add((instant, TIME.inXSDDate, _date(lo)))
            for bound, prop in ((name[0] + "e", KG.notBefore), (name[0] + "l", KG.notAfter)):
                if spec.why.get(bound):
                    self.derivation(graph, instant, prop, spec.why[bound])
        if spec.uncertain:
            graph.add((node, KG.uncertain, Literal(True)))
        if spec.derivation is not None:
            graph.add((node, KG.derivation, term(self.t.vocabulary.derivations[spec.derivation].iri)))
        if spec.basis:
            graph.add((node, KG.timeBasis, Literal(spec.basis, lang="en")))
        if spec.phrase:
            graph.add((node, KG.timePhrase, Literal(spec.phrase, lang=self.source_language(spec.phrase, cited))))
        if spec.anchor:
            graph.add((node, KG.anchor, self.iris.event(spec.anchor)))
        if spec.holds_at is not None:
            graph.add((node, KG.holdsAt, self.time(graph, URIRef(f"{node}/holds-at"), spec.holds_at, cited)))
        return node

    def derivation(self, graph: Graph, instant: URIRef, prop: URIRef, chain: Iterable[Origin]) -> None:
        """The kg:BoundDerivation of ``instant``'s ``prop`` bound: PROV, with ordered steps."""
        node = URIRef(f"{instant}/{'not-before' if prop == KG.notBefore else 'not-after'}")
        graph.add((instant, KG.boundDerivation, node))
        graph.add((node, RDF.type, KG.BoundDerivation))
        graph.add((node, RDF.type, PROV.Entity))
        graph.add((node, KG.derivedBound, prop))
        graph.add((node, PROV.wasGeneratedBy, self.reasoning))
        for n, origin in enumerate(chain, start=1):
            step = URIRef(f"{node}/step/{n}")
            graph.add((node, KG.derivationStep, step))
            graph.add((step, RDF.type, KG.DerivationStep))
            graph.add((step, KG.stepOrder, Literal(n)))
            graph.add((step, RDFS.label, Literal(origin.text, lang="en")))
            used = self.constraint_iri(origin)
            if used is not None:
                graph.add((step, KG.constraint, used))
                graph.add((node, PROV.wasDerivedFrom, used))

    def constraint_iri(self, origin: Origin) -> URIRef | None:
        return self.iris.constraint_iri(origin)

    def describe_relation(self, rel: TimeRelation) -> None:
        g, node = self.default, self.iris("relation", rel.id)
        a, b = self.time_iris[rel.source_item], self.time_iris[rel.target_item]
        g.add((node, RDF.type, KG.TimeRelation))
        g.add((node, KG.relationFrom, a))
        g.add((node, KG.relationTo, b))
        g.add((node, KG.relationName, Literal(rel.relation)))
        for prop, value in ((KG.fromPoint, rel.from_point), (KG.toPoint, rel.to_point)):
            if value is not None:
                g.add((node, prop, Literal(value)))
        if rel.offset is not None:
            g.add((node, KG.offset, Literal(rel.offset.text)))
            g.add((node, KG.offsetMinDays, Literal(rel.offset.low)))
            g.add((node, KG.offsetMaxDays, Literal(rel.offset.high)))
        elif rel.from_point is None and rel.to_point is None and rel.relation in OWL_TIME:
            g.add((a, TIME[OWL_TIME[rel.relation]], b))
        g.add((node, KG.timeBasis, Literal(rel.basis, lang="en")))
        if rel.phrase:
            g.add((node, KG.timePhrase, Literal(rel.phrase, lang=self.source_language(
                rel.phrase, [e.source for e in rel.evidence]))))
        if rel.note:
            g.add((node, RDFS.comment, Literal(rel.note, lang="en")))
        g.add((self.reasoning, PROV.used, node))
        self.evidence(node, node, rel.evidence)

    # -- the dataset -------------------------------------------------------------------

    def build(self) -> Dataset:
        for _ in self.steps():
            pass
        return self.ds

    def steps(self) -> Iterator[None]:
        """Describe the timeline item by item, pausing after each (a stream flushes there)."""
        self.describe_timeline()
        g = self.default
        g.add((self.reasoning, RDF.type, KG.TemporalReasoning))
        g.add((self.reasoning, RDF.type, PROV.Activity))
        g.add((self.reasoning, RDFS.label, Literal("kg's derivation of time bounds from the timeline's dates, "
                                                   "relations, links and claims", lang="en")))
        g.add((URIRef(self.t.base), PROV.wasGeneratedBy, self.reasoning))
        yield
        for entity in self.t.entities.values():
            self.describe_entity(entity)
            yield
        for event in self.t.events.values():
            for claim in event.claims:
                self.claim(claim, self.iris.event(event.id), functools.partial(self.describe_event, event=event))
            yield
        for position in self.t.positions.values():
            for claim in position.claims:
                self.claim(claim, self.iris("position", position.id),
                           functools.partial(self.describe_position, position=position))
            yield
        for link in self.t.links.values():
            for claim in link.claims:
                self.claim(claim, self.iris("link", link.id), functools.partial(self.describe_link, link=link))
            yield
        for conflict in self.t.conflicts.values():
            self.describe_conflict(conflict)
            yield
        for relation in self.t.relations.values():
            self.describe_relation(relation)
            yield

    def describe_timeline(self) -> None:
        g, t = self.default, self.t
        node = URIRef(t.base)
        g.add((node, RDF.type, KG.Timeline))
        g.add((node, RDF.type, PROV.Entity))
        g.add((node, DCTERMS.identifier, Literal(t.id)))
        self.labels(g, node, t.labels, DCTERMS.title, RDFS.label)
        self.labels(g, node, t.description, DCTERMS.description)
        if isinstance(t.curated, dt.datetime):  # the dataset as an entity generated at that time
            g.add((node, PROV.generatedAtTime, Literal(t.curated.isoformat(), datatype=XSD.dateTime)))
            g.add((node, DCTERMS.modified, _date(t.curated.date())))
        elif t.curated is not None:
            g.add((node, DCTERMS.modified, _date(t.curated)))
        for source in t.sources.values():
            s = self.iris.source(source.id)
            g.add((node, DCTERMS.source, s))
            for cls in (KG.Source, KG.Document, PROV.Entity):
                g.add((s, RDF.type, cls))
            self.labels(g, s, source.labels, DCTERMS.title, RDFS.label)
            g.add((s, DCTERMS.language, Literal(source.language)))
            g.add((s, KG.path, Literal(source.path)))
            g.add((s, KG.sha256, Literal(source.sha256)))
            if source.publisher:
                g.add((s, DCTERMS.publisher, Literal(source.publisher)))
            if source.translation_of:
                g.add((s, KG.translationOf, Literal(source.translation_of, lang="en")))
            if source.date is not None:
                g.add((s, KG.publishedDuring, self.time(g, URIRef(f"{s}/date"), source.date, [source.id])))
        if self.include_vocabulary:
            g.parse(ontology_file("vocabulary.ttl"), format="turtle")
        for notation in sorted(t.own_event_types):
            concept = t.vocabulary.event_types[notation]
            iri, scheme = term(concept.iri), URIRef(f"{t.base}event-type/")
            g.add((scheme, RDF.type, SKOS.ConceptScheme))
            g.add((iri, RDF.type, KG.EventType))
            g.add((iri, RDF.type, SKOS.Concept))
            g.add((iri, SKOS.inScheme, scheme))
            g.add((iri, SKOS.notation, Literal(notation)))
            self.labels(g, iri, concept.labels, SKOS.prefLabel)
            for lang, texts in concept.alt_labels.items():
                for text in texts:
                    g.add((iri, SKOS.altLabel, Literal(text, lang=lang)))
            self.labels(g, iri, concept.definition, SKOS.definition)
            if concept.broader is not None:
                g.add((iri, SKOS.broader, term(concept.broader)))

    def describe_entity(self, entity: Entity) -> None:
        g, node = self.default, self.iris.entity(entity)
        g.add((node, RDF.type, term(ENTITY_CLASSES[entity.kind])))
        if entity.is_actor:
            g.add((node, RDF.type, KG.Actor))
        if entity.kind in ("topic", "office"):
            g.add((node, RDF.type, SKOS.Concept))
            self.labels(g, node, entity.labels, SKOS.prefLabel)
        self.labels(g, node, entity.labels, RDFS.label)
        for lang, texts in entity.alt_labels.items():
            for text in texts:
                g.add((node, SKOS.altLabel, Literal(text, lang=lang)))
        if entity.part_of:
            g.add((node, KG.partOf, self.iris.entity(self.t.entities[entity.part_of])))
        if entity.date is not None:
            g.add((node, KG.publishedDuring, self.time(g, self.time_iris[entity.id], entity.date)))
        if entity.note:
            g.add((node, RDFS.comment, Literal(entity.note, lang="en")))

    def describe_event(self, g: Graph, event: Event) -> None:
        node = self.iris.event(event.id)
        g.add((node, RDF.type, KG.Event))
        g.add((node, RDF.type, SEM.Event))
        self.labels(g, node, event.labels)
        g.add((node, SEM.eventType, self.event_type(event.type)))
        g.add((node, KG.status, term(self.t.vocabulary.statuses[event.status].iri)))
        if event.note:
            g.add((node, RDFS.comment, Literal(event.note, lang="en")))
        for participant in event.participants:
            entity = self.t.entities[participant.entity]
            value = self.iris.entity(entity)
            g.add((node, KG[participant.role], value))
            if entity.is_actor:
                role = URIRef(f"{node}/role/{participant.role}/{entity.id}")
                g.add((node, SEM.hasActor, role))
                g.add((role, RDF.type, SEM.Role))
                g.add((role, RDF.value, value))
                g.add((role, SEM.roleType, term(self.t.vocabulary.roles[participant.role].iri)))
                if participant.inferred:
                    g.add((role, KG.inferred, Literal(True)))
                if participant.basis:
                    g.add((role, RDFS.comment, Literal(participant.basis, lang="en")))
        self.time(g, URIRef(f"{node}/time"), event.time, _cited(event.claims))
        g.add((node, TIME.hasTime, URIRef(f"{node}/time")))
        span = event.time.span
        for prop, day in ((SEM.hasEarliestBeginTimeStamp, span.start_earliest),
                          (SEM.hasLatestBeginTimeStamp, span.start_latest),
                          (SEM.hasEarliestEndTimeStamp, span.end_earliest),
                          (SEM.hasLatestEndTimeStamp, span.end_latest)):
            if day is not None:
                g.add((node, prop, _date(day)))

    def describe_position(self, g: Graph, position: Position) -> None:
        node = self.iris("position", position.id)
        entities = self.t.entities
        g.add((node, RDF.type, KG.Position))
        g.add((node, RDF.type, ORG.Membership))
        g.add((node, ORG.member, self.iris.entity(entities[position.holder])))
        g.add((node, ORG.organization, self.iris.entity(entities[position.organisation])))
        g.add((node, ORG.role, self.iris.entity(entities[position.office])))
        g.add((node, ORG.memberDuring, self.time(g, URIRef(f"{node}/time"), position.time, _cited(position.claims))))
        if position.note:
            g.add((node, RDFS.comment, Literal(position.note, lang="en")))

    def describe_link(self, g: Graph, link: Link) -> None:
        node = self.iris("link", link.id)
        relation = term(LINK_RELATIONS[link.relation])
        source, target = self.iris.event(link.source_event), self.iris.event(link.target_event)
        g.add((node, RDF.type, KG.Link))
        g.add((node, KG.linkFrom, source))
        g.add((node, KG.linkTo, target))
        g.add((node, KG.linkRelation, relation))
        g.add((source, relation, target))
        if link.note:
            g.add((node, RDFS.comment, Literal(link.note, lang="en")))

    def claim(self, claim: Claim, about: URIRef, describe: Callable[[Graph], None]) -> None:
        g, node = self.default, self.iris.claim(claim.id)
        describe(self.graph(node))
        g.add((node, RDF.type, KG.Claim))
        g.add((node, RDF.type, PROV.Entity))
        g.add((node, KG.claimAbout, about))
        for who in claim.by:
            if who in self.t.sources:
                g.add((node, KG.claimant, self.iris.source(who)))
            else:
                actor = self.iris.entity(self.t.entities[who])
                g.add((node, KG.claimant, actor))
                g.add((node, PROV.wasAttributedTo, actor))
        for who in claim.citing:
            g.add((node, KG.citing, self.iris.entity(self.t.entities[who])))
        for who in claim.via:
            g.add((node, KG.via, self.iris.entity(self.t.entities[who])))
        if claim.dated_by is not None and claim.dated_by in self.t.entities:  # the document the claim is made in (the tweet, the email)
            g.add((node, PROV.hadPrimarySource, self.iris.entity(self.t.entities[claim.dated_by])))
        g.add((node, KG.stance, term(self.t.vocabulary.stances[claim.stance].iri)))
        g.add((node, KG.public, Literal(claim.public)))
        if claim.note:
            g.add((node, RDFS.comment, Literal(claim.note, lang="en")))
        g.add((node, KG.claimedDuring, self.time(g, URIRef(f"{node}/date"), claim.date, _cited([claim]))))
        if claim.date.edtf and "T" in claim.date.edtf and claim.date.span.is_precise:
            g.add((node, PROV.generatedAtTime, Literal(claim.date.edtf, datatype=XSD.dateTime)))
        for source in sorted({e.source for e in claim.evidence}):
            g.add((node, PROV.wasDerivedFrom, self.iris.source(source)))
        self.evidence(node, node, claim.evidence)

    def evidence(self, owner: URIRef, body: URIRef, evidence: Iterable[Evidence]) -> None:
        g = self.default
        for n, item in enumerate(evidence, start=1):
            source = self.t.sources[item.source]
            node = URIRef(f"{owner}/evidence/{n}")
            target, quote, position, gloss = (URIRef(f"{node}/{part}") for part in
                                              ("target", "quote", "position", "gloss"))
            g.add((owner, KG.hasEvidence, node))
            g.add((node, RDF.type, OA.Annotation))
            g.add((node, OA.motivatedBy, KG.supporting))
            g.add((node, OA.hasBody, body))
            g.add((node, OA.hasBody, gloss))
            g.add((gloss, RDF.type, OA.TextualBody))
            g.add((gloss, RDF.value, Literal(item.gloss, lang="en")))
            g.add((gloss, DCTERMS.language, Literal("en")))
            g.add((gloss, DCTERMS["format"], Literal("text/plain")))
            g.add((node, OA.hasTarget, target))
            g.add((target, RDF.type, OA.SpecificResource))
            g.add((target, OA.hasSource, self.iris.source(source.id)))
            g.add((target, OA.hasSelector, quote))
            g.add((target, OA.hasSelector, position))
            g.add((quote, RDF.type, OA.TextQuoteSelector))
            g.add((quote, OA.exact, Literal(item.text, lang=source.language)))
            prefix = source.text[max(0, item.start - QUOTE_CONTEXT):item.start]
            suffix = source.text[item.end:item.end + QUOTE_CONTEXT]
            if prefix:
                g.add((quote, OA.prefix, Literal(prefix, lang=source.language)))
            if suffix:
                g.add((quote, OA.suffix, Literal(suffix, lang=source.language)))
            g.add((position, RDF.type, OA.TextPositionSelector))
            g.add((position, OA.start, Literal(item.start, datatype=XSD.nonNegativeInteger)))
            g.add((position, OA.end, Literal(item.end, datatype=XSD.nonNegativeInteger)))

    def describe_conflict(self, conflict: Conflict) -> None:
        g, node = self.default, self.iris("conflict", conflict.id)
        g.add((node, RDF.type, KG.Conflict))
        g.add((node, KG.conflictAbout, self.iris.event(conflict.about)))
        g.add((node, KG.conflictKind, Literal(conflict.kind)))
        self.labels(g, node, conflict.description, RDFS.comment)
        for reading in conflict.readings:
            r = URIRef(f"{node}/reading/{reading.id}")
            g.add((node, KG.reading, r))
            g.add((r, RDF.type, KG.Reading))
            self.labels(g, r, reading.labels)
            g.add((r, KG.readingTime, self.time(g, URIRef(f"{r}/time"), reading.time,
                                                      [e.source for e in reading.evidence])))
            if reading.basis:
                g.add((r, RDFS.comment, Literal(reading.basis, lang="en")))
            self.evidence(r, r, reading.evidence)
