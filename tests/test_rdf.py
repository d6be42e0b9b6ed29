"""The RDF dataset: one named graph per claim, Web Annotation evidence, dates SPARQL can filter."""

from __future__ import annotations

from rdflib import Literal, URIRef
from rdflib.namespace import RDF, TIME, XSD

from kg.namespace import EDTF_DATATYPE, KG, OA, SEM
from kg.rdf.build import build_dataset, union_graph

BASE = "https://w3id.org/kg-timeline/stamos/"


def test_one_named_graph_per_claim(stamos, stamos_dataset):
    names = {str(g.identifier) for g in stamos_dataset.graphs()} - {"urn:x-rdflib:default"}
    claims = {f"{BASE}claim/{c.id}" for c in stamos.claims()}
    assert names == claims


def test_a_claim_graph_holds_its_statement(stamos_dataset):
    graph = stamos_dataset.graph(URIRef(BASE + "claim/stamos-warning--article"))
    event = URIRef(BASE + "event/stamos-warning")
    assert (event, RDF.type, KG.Event) in graph
    assert (event, KG.agent, URIRef(BASE + "actor/stamos")) in graph
    assert graph.value(event, SEM.eventType) == URIRef("https://w3id.org/kg-timeline/event-type/warned")
    time = graph.value(event, TIME.hasTime)
    assert graph.value(time, KG.edtf) == Literal("2016-12~", datatype=EDTF_DATATYPE)
    start = graph.value(time, TIME.hasBeginning)
    # derived ("a month after" elections that ended in November 2016), the stated bound kept apart
    assert graph.value(start, KG.notBefore) == Literal("2016-11-22", datatype=XSD.date)
    assert graph.value(start, KG.statedNotBefore) == Literal("2016-11-01", datatype=XSD.date)
    assert graph.value(start, KG.nominalNotBefore) == Literal("2016-12-01", datatype=XSD.date)
    derivation = graph.value(start, KG.boundDerivation)
    assert graph.value(derivation, KG.derivedBound) == KG.notBefore
    steps = sorted(graph.objects(derivation, KG.derivationStep), key=lambda s: int(graph.value(s, KG.stepOrder)))
    assert [graph.value(s, KG.constraint) for s in steps] == [
        URIRef(BASE + "event/us-election-2016/time"), URIRef(BASE + "relation/warning-a-month-after-the-elections")]
    from rdflib.namespace import PROV

    assert (derivation, PROV.wasGeneratedBy, URIRef(BASE + "reasoning")) in graph


def test_claim_metadata_and_evidence_in_the_default_graph(stamos, stamos_dataset):
    g = union_graph(stamos_dataset)
    claim = URIRef(BASE + "claim/stamos-leaves-facebook--stamos")
    assert g.value(claim, KG.stance) == KG.LeavesUnaddressed
    assert g.value(claim, KG.claimAbout) == URIRef(BASE + "event/stamos-leaves-facebook")
    text = stamos.sources["article"].text
    annotations = list(g.objects(claim, KG.hasEvidence))
    assert len(annotations) == 2
    for annotation in annotations:
        assert g.value(annotation, OA.motivatedBy) == KG.supporting
        target = g.value(annotation, OA.hasTarget)
        selectors = list(g.objects(target, OA.hasSelector))
        quote = next(s for s in selectors if (s, RDF.type, OA.TextQuoteSelector) in g)
        position = next(s for s in selectors if (s, RDF.type, OA.TextPositionSelector) in g)
        start, end = int(g.value(position, OA.start)), int(g.value(position, OA.end))
        assert text[start:end] == str(g.value(quote, OA.exact))
        assert g.value(quote, OA.exact).language == "ar"


def test_plain_sparql_filters_by_date(stamos_dataset):
    query = """
        PREFIX kg: <https://w3id.org/kg-timeline/ontology#>
        PREFIX sem: <http://semanticweb.cs.vu.nl/2009/11/sem/>
        PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
        SELECT DISTINCT ?e WHERE {
            ?e a kg:Event ; sem:hasLatestBeginTimeStamp ?latest .
            FILTER (?latest < "2017-04-01"^^xsd:date)
        }"""
    found = {str(row.e).rsplit("/", 1)[-1] for row in stamos_dataset.query(query)}
    assert {"stamos-becomes-cso", "stamos-warning", "stamos-emails-executives"} <= found
    assert "policy-team-opposes-disclosure" not in found  # only possibly before April 2017


def test_claims_are_attributed_with_prov(stamos_dataset):
    rows = stamos_dataset.query("""
        PREFIX prov: <http://www.w3.org/ns/prov#>
        PREFIX kg: <https://w3id.org/kg-timeline/ontology#>
        SELECT ?claim ?who WHERE { ?claim a kg:Claim ; prov:wasAttributedTo ?who ; kg:public false }""")
    assert {(str(r.claim).rsplit("/", 1)[-1], str(r.who).rsplit("/", 1)[-1]) for r in rows} == {
        ("russia-interferes--stamos-email", "stamos")}


def test_no_blank_nodes(stamos_dataset):
    from rdflib import BNode

    assert not any(isinstance(t, BNode) for quad in stamos_dataset.quads() for t in quad[:3])


def test_build_is_deterministic(stamos):
    first = build_dataset(stamos).serialize(format="nquads")
    second = build_dataset(stamos).serialize(format="nquads")
    assert sorted(first.splitlines()) == sorted(second.splitlines())


def test_user_event_types_get_their_own_scheme(minimal):
    from kg.timeline.reader import load_timeline

    g = union_graph(build_dataset(load_timeline(minimal.timeline)))
    voted = URIRef("https://example.org/harbour-pier/event-type/voted")
    assert (voted, RDF.type, KG.EventType) in g
    assert (voted, URIRef("http://www.w3.org/2004/02/skos/core#broader"),
            URIRef("https://w3id.org/kg-timeline/event-type/decided")) in g


def test_the_dataset_says_when_it_was_generated(stamos_dataset):
    from rdflib.namespace import PROV

    generated = stamos_dataset.value(URIRef(BASE), PROV.generatedAtTime)
    assert generated is not None and generated.datatype == XSD.dateTime
    assert str(generated).startswith("2026-11-28T")
