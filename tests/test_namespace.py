"""The Python names of ontology terms and the Turtle in ontology/ stay in step."""

from __future__ import annotations

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import OWL, RDF, RDFS, SKOS

from kg.namespace import KG, PREFIXES
from kg.vocabulary import bundled_vocabulary, ontology_file

NS = str(KG._NS)


@pytest.fixture(scope="module")
def ontology() -> Graph:
    graph = Graph()
    for name in ("kg.ttl", "vocabulary.ttl"):
        graph.parse(ontology_file(name), format="turtle")
    return graph


def test_every_python_term_is_in_the_turtle_and_back(ontology):
    in_turtle = {str(s)[len(NS):] for s in ontology.subjects() if isinstance(s, URIRef) and str(s).startswith(NS)}
    in_python = set(KG.__annotations__)
    assert in_python == in_turtle, (in_python - in_turtle, in_turtle - in_python)


def test_terms_have_english_and_arabic_labels(ontology):
    for name in KG.__annotations__:
        term = KG[name]
        labels = {o.language for p in (RDFS.label, SKOS.prefLabel) for o in ontology.objects(term, p)
                  if isinstance(o, Literal)}
        assert {"en", "ar"} <= labels, name


def test_classes_and_properties_are_explained_in_both_languages(ontology):
    declared = [s for t in (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty) for s in ontology.subjects(RDF.type, t)]
    assert len(declared) > 50
    for term in declared:
        comments = {o.language for o in ontology.objects(term, RDFS.comment)}
        assert {"en", "ar"} <= comments, term


def test_reused_vocabularies_are_the_standard_ones():
    assert PREFIXES["time"] == "http://www.w3.org/2006/time#"
    assert PREFIXES["prov"] == "http://www.w3.org/ns/prov#"
    assert PREFIXES["oa"] == "http://www.w3.org/ns/oa#"
    assert PREFIXES["sem"] == "http://semanticweb.cs.vu.nl/2009/11/sem/"
    assert PREFIXES["skos"] == "http://www.w3.org/2004/02/skos/core#"


def test_vocabulary_codes_are_unique_and_labelled():
    v = bundled_vocabulary()
    for scheme in (v.event_types, v.statuses, v.stances, v.roles, v.derivations):
        assert scheme
        for code, concept in scheme.items():
            assert concept.notation == code
            assert concept.labels.get("en") and concept.labels.get("ar"), code
    assert {"opposed", "urged", "warned", "disclosed", "reorganised", "reported"} <= set(v.event_types)
    assert "was against" in v.event_types["opposed"].alt_labels["en"]


def test_shapes_parse_and_target_the_ontology():
    shapes = Graph().parse(ontology_file("shapes.ttl"), format="turtle")
    sh = "http://www.w3.org/ns/shacl#"
    targets = {str(o) for o in shapes.objects(None, URIRef(sh + "targetClass"))}
    assert {str(KG.Event), str(KG.Claim), str(KG.Source), str(KG.Position)} <= targets


def test_the_kg_namespace_refuses_unknown_terms():
    with pytest.raises(AttributeError, match="not in namespace"):
        KG.Evnet
    with pytest.raises(AttributeError, match="not in namespace"):
        KG["claimAboot"]
    assert KG["Event"] == KG.Event


def test_the_vocabularys_string_iris_are_ontology_terms(ontology):
    # kg.vocabulary names its link properties and entity classes without rdflib; each must be a
    # term the ontology (or SEM) defines, as KG.<name> would refuse a misspelt one
    from kg.namespace import SEM
    from kg.vocabulary import ENTITY_CLASSES, LINK_RELATIONS

    for iri in [*LINK_RELATIONS.values(), *ENTITY_CLASSES.values()]:
        assert isinstance(iri, str)
        if iri.startswith(str(KG._NS)):
            assert KG[iri.removeprefix(str(KG._NS))] == URIRef(iri)
            assert (URIRef(iri), None, None) in ontology, iri
        else:
            assert iri == str(SEM.subEventOf)
    assert all(isinstance(c.iri, str) for c in bundled_vocabulary().event_types.values())
