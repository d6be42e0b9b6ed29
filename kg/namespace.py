"""RDF namespaces used by kg, with the kg ontology as a typed :class:`DefinedNamespace`.

Every term of ``ontology/kg.ttl`` and of the kg-namespace concepts in
``ontology/vocabulary.ttl`` is an attribute of :class:`KG`; asking for one that does not
exist is refused (``AttributeError``), so a misspelt term fails where it is written instead
of minting an IRI the ontology does not define. ``tests/test_namespace.py`` keeps this list
and the Turtle in step.

>>> KG.Evnet
Traceback (most recent call last):
...
AttributeError: term 'Evnet' not in namespace 'https://w3id.org/kg-timeline/ontology#'

>>> str(KG.Event)
'https://w3id.org/kg-timeline/ontology#Event'
>>> str(SEM.hasEarliestBeginTimeStamp)
'http://semanticweb.cs.vu.nl/2009/11/sem/hasEarliestBeginTimeStamp'
>>> PREFIXES["kgt"]
'https://w3id.org/kg-timeline/event-type/'
"""

from __future__ import annotations

from functools import lru_cache

from rdflib import Namespace, URIRef
from rdflib.namespace import DefinedNamespace

__all__ = [
    "KG",
    "KGT",
    "SEM",
    "OA",
    "ORG",
    "EDTF",
    "EDTF_DATATYPE",
    "PREFIXES",
    "ONTOLOGY_IRI",
    "term",
]

ONTOLOGY_IRI = URIRef("https://w3id.org/kg-timeline/ontology")


@lru_cache(maxsize=4096)
def term(iri: str) -> URIRef:
    """The rdflib term of an IRI the model keeps as a string (:mod:`kg.vocabulary`), made once.

    >>> term("https://w3id.org/kg-timeline/ontology#Person") == KG.Person
    True
    """
    return URIRef(iri)


class KG(DefinedNamespace):
    """The kg ontology (``ontology/kg.ttl``) and its controlled concepts."""

    _NS = Namespace("https://w3id.org/kg-timeline/ontology#")
    _fail = True  # an unknown term is an error, not a warning

    # Classes
    Timeline: URIRef
    Event: URIRef
    Actor: URIRef
    Person: URIRef
    Organisation: URIRef
    Team: URIRef
    Group: URIRef
    NewsOutlet: URIRef
    State: URIRef
    Topic: URIRef
    Document: URIRef
    Source: URIRef
    Claim: URIRef
    Position: URIRef
    Office: URIRef
    Link: URIRef
    TimeSpan: URIRef
    TimeRelation: URIRef
    TemporalReasoning: URIRef
    BoundDerivation: URIRef
    DerivationStep: URIRef
    Conflict: URIRef
    Reading: URIRef
    EventType: URIRef
    Status: URIRef
    Stance: URIRef
    ParticipantRole: URIRef
    TimeDerivation: URIRef

    # Properties
    status: URIRef
    agent: URIRef
    target: URIRef
    recipient: URIRef
    beneficiary: URIRef
    topic: URIRef
    medium: URIRef
    inferred: URIRef
    becauseOf: URIRef
    inResponseTo: URIRef
    edtf: URIRef
    notBefore: URIRef
    notAfter: URIRef
    statedNotBefore: URIRef
    statedNotAfter: URIRef
    nominalNotBefore: URIRef
    nominalNotAfter: URIRef
    boundDerivation: URIRef
    derivedBound: URIRef
    derivationStep: URIRef
    stepOrder: URIRef
    constraint: URIRef
    relationFrom: URIRef
    relationTo: URIRef
    relationName: URIRef
    fromPoint: URIRef
    toPoint: URIRef
    offset: URIRef
    offsetMinDays: URIRef
    offsetMaxDays: URIRef
    holdsAt: URIRef
    uncertain: URIRef
    derivation: URIRef
    timeBasis: URIRef
    timePhrase: URIRef
    anchor: URIRef
    stance: URIRef
    claimant: URIRef
    claimAbout: URIRef
    citing: URIRef
    via: URIRef
    claimedDuring: URIRef
    public: URIRef
    hasEvidence: URIRef
    sha256: URIRef
    path: URIRef
    publishedDuring: URIRef
    translationOf: URIRef
    partOf: URIRef
    linkFrom: URIRef
    linkTo: URIRef
    linkRelation: URIRef
    conflictAbout: URIRef
    conflictKind: URIRef
    reading: URIRef
    readingTime: URIRef

    # Individuals: annotation motivation, statuses, stances, roles, derivations
    supporting: URIRef
    StatusScheme: URIRef
    Happened: URIRef
    Planned: URIRef
    Reported: URIRef
    StanceScheme: URIRef
    Asserts: URIRef
    Relays: URIRef
    Confirms: URIRef
    Denies: URIRef
    LeavesUnaddressed: URIRef
    RoleScheme: URIRef
    AgentRole: URIRef
    TargetRole: URIRef
    RecipientRole: URIRef
    BeneficiaryRole: URIRef
    TopicRole: URIRef
    MediumRole: URIRef
    DerivationScheme: URIRef
    Stated: URIRef
    Inferred: URIRef
    Relative: URIRef
    FromContext: URIRef


KGT = Namespace("https://w3id.org/kg-timeline/event-type/")
"""The bundled event-type vocabulary (``ontology/vocabulary.ttl``)."""

SEM = Namespace("http://semanticweb.cs.vu.nl/2009/11/sem/")
"""The Simple Event Model (van Hage et al., 2011)."""

OA = Namespace("http://www.w3.org/ns/oa#")
"""The W3C Web Annotation vocabulary."""

ORG = Namespace("http://www.w3.org/ns/org#")
"""The W3C Organization ontology."""

EDTF = Namespace("http://id.loc.gov/datatypes/edtf/")
"""Library of Congress datatypes for the Extended Date/Time Format."""

EDTF_DATATYPE = EDTF.EDTF

PREFIXES: dict[str, str] = {
    "kg": str(KG._NS),
    "kgt": str(KGT),
    "sem": str(SEM),
    "oa": str(OA),
    "org": str(ORG),
    "edtf": str(EDTF),
    "time": "http://www.w3.org/2006/time#",
    "prov": "http://www.w3.org/ns/prov#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "dcterms": "http://purl.org/dc/terms/",
}
"""Prefixes bound in every graph kg builds and predeclared for SPARQL queries."""
