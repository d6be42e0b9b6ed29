"""The Python query API: graph first, names or IRIs, honest certainty, on an index."""

from __future__ import annotations

import json

import pytest

from kg.errors import QueryError
from kg.ask.query import (
    graph_as_of,
    index_of,
    reported_by,
    what_did,
    what_happened,
    when_did,
    who_did,
    who_held,
)
from kg.time import Certainty

BASE = "https://w3id.org/kg-timeline/stamos/"


def labels(answers):
    return [(a.label, a.certainty.word) for a in answers]


def test_who_opposed_disclosure_before_april_2017(stamos_graph):
    assert labels(who_did(stamos_graph, "opposed", "disclosure", before="April 2017", at_least="likely")) == []
    possible = who_did(stamos_graph, "opposed", "disclosure", before="April 2017")
    assert labels(possible) == [("Facebook's policy team", "possibly")]
    (support,) = possible[0].support
    assert support.iri == BASE + "event/policy-team-opposes-disclosure"


@pytest.mark.parametrize("relation", ["opposed", "opposes", "opposing", "was against", "were against", "عارض",
                                      "https://w3id.org/kg-timeline/event-type/opposed"])
def test_relations_by_label_inflection_arabic_or_iri(stamos_graph, relation):
    assert labels(who_did(stamos_graph, relation, "disclosure")) == [("Facebook's policy team", "certainly")]


@pytest.mark.parametrize("actor", ["Stamos", "Alex Stamos", "ستاموس", "أليكس ستاموس", BASE + "actor/stamos"])
def test_actors_by_label_or_iri(stamos_graph, actor):
    found = what_did(stamos_graph, actor, during="2017")
    assert BASE + "event/stamos-urges-mention-russia" in {a.iri for a in found}


def test_who_held_cso_in_2016(stamos_graph):
    assert labels(who_held(stamos_graph, "chief security officer", during="2016")) == [("Alex Stamos", "certainly")]
    assert labels(who_held(stamos_graph, "CSO", organisation="Facebook", as_of="2016-06-01")) == [
        ("Alex Stamos", "certainly")]
    # Sandberg's title is attested in 2018 only: held in 2016 is possible, not certain
    assert labels(who_held(stamos_graph, "COO", during="2016", at_least="likely")) == []
    assert labels(who_held(stamos_graph, "COO", during="2016")) == [("Sheryl Sandberg", "possibly")]


def test_certain_needs_the_event_to_have_happened(stamos_graph):
    leave = when_did(stamos_graph, "left", actor="Stamos")
    assert labels(leave) == [("Stamos leaves Facebook", "likely")]  # planned, not happened: never certain
    assert leave[0].support[0].status == "planned"
    clash = who_did(stamos_graph, "clashed", "policy team")
    assert labels(clash) == [("Alex Stamos", "likely")]  # only reported: never certain


def test_reported_uses_claim_dates_not_event_dates(stamos_graph):
    certain = reported_by(stamos_graph, "1 March 2018", at_least="certainly")
    assert [a.iri for a in certain] == [BASE + "event/russia-interferes"]  # disclosed by Facebook in Sept 2017
    # the warning happened in December 2016 but was made public only by the 2018 reports
    assert BASE + "event/stamos-warning" not in {a.iri for a in reported_by(stamos_graph, "1 March 2018")}
    everything = reported_by(stamos_graph, "2018-12-31")
    assert BASE + "event/stamos-warning" in {a.iri for a in everything}


def test_between_and_since(stamos_graph):
    found = what_happened(stamos_graph, between=("December 2016", "September 2017"), at_least="likely")
    assert {a.iri.rsplit("/", 1)[1]: a.certainty.word for a in found} == {
        "stamos-warning": "likely", "stamos-emails-executives": "likely",  # "a month after" November 2016
        "stamos-urges-mention-russia": "certainly", "april-report-published": "certainly",
        "mention-of-russia-rejected": "certainly", "facebook-discloses-russian-activity": "certainly"}
    possible = {a.iri.rsplit("/", 1)[1] for a in what_happened(stamos_graph, between=("December 2016", "September 2017"))}
    assert {"policy-team-opposes-disclosure", "cambridge-analytica-obtains-data"} <= possible  # undated: possible
    assert not {"departure-reports", "stamos-posts-on-twitter", "security-team-reorganised"} & possible
    since = what_did(stamos_graph, "Stamos", since="2018", at_least="likely")
    grades = {a.iri.rsplit("/", 1)[1]: a.certainty for a in since}
    assert grades["stamos-posts-on-twitter"] is Certainty.CERTAINLY  # after the January 2018 reorganisation
    assert grades["stamos-decides-to-leave"] is Certainty.LIKELY  # only reported: never certain


def test_strictly_before(stamos_graph):
    everyday = what_happened(stamos_graph, before="2016-12")
    strict = what_happened(stamos_graph, before="2016-12", strictly=True)
    ongoing = BASE + "event/stamos-centre-of-response"  # began in November 2016, still going on
    assert ongoing in {a.iri for a in everyday} and ongoing not in {a.iri for a in strict}


def test_graph_as_it_stood(stamos_graph):
    december = graph_as_of(stamos_graph, "2016-12-31", at_least="certainly")
    keys = {k for _, _, k in december.edges(keys=True)}
    assert BASE + "event/stamos-becomes-cso" in keys and BASE + "event/april-report-published" not in keys
    assert all(d["certainty"] is Certainty.CERTAINLY for _, _, d in december.edges(data=True))
    wider = graph_as_of(stamos_graph, "2016-12-31")
    assert wider.number_of_edges() > december.number_of_edges()


def test_json_answers_have_iri_label_and_support(stamos_graph):
    data = json.loads(who_held(stamos_graph, "CSO", during="2016").to_json())
    (answer,) = data
    assert answer["iri"] == BASE + "actor/stamos" and answer["label"] == "Alex Stamos"
    assert answer["grade"] == "certainly"
    (event,) = answer["events"]
    assert event["time"]["edtf"] == "2015-06/.." and event["time"]["bounds"][0] == "2015-06-01"


def test_unknown_names_suggest_the_closest(stamos_graph):
    with pytest.raises(QueryError, match="unknown relation 'oposed'; did you mean 'opposed'"):
        who_did(stamos_graph, "oposed")
    with pytest.raises(QueryError, match="unknown actor or topic 'Stamoss'; did you mean 'Stamos'"):
        what_did(stamos_graph, "Stamoss")
    with pytest.raises(QueryError, match="give one time condition, not before, after"):
        what_happened(stamos_graph, before="2017", after="2016")
    with pytest.raises(QueryError, match="'Aprill 2017' is not a date"):
        what_happened(stamos_graph, before="Aprill 2017")


def test_ambiguous_names_are_refused(stamos_graph):
    with pytest.raises(QueryError, match="names several actor or topics"):
        what_did(stamos_graph, "security")


def test_the_index_narrows_before_queries(stamos_graph):
    from kg.time.dates import parse_period
    from kg.time.phrases import TimeFilter

    index = index_of(stamos_graph)
    assert index is index_of(stamos_graph)  # built once
    assert "_kg_index" not in stamos_graph.graph  # kept beside the graph, not in what it exports
    before = TimeFilter("before", parse_period("2016"))
    urged = index.by_relation["urged"]
    assert len(list(index.candidates("urged", before))) < len(urged)
    # with a target, the shorter list is scanned
    zuckerberg = BASE + "actor/zuckerberg"
    assert [i.key for i in index.candidates("warned", None, zuckerberg)] == [BASE + "event/stamos-emails-executives"]


def test_the_index_follows_changes_to_the_graph(minimal):
    import kg

    G = kg.load(minimal.timeline).networkx.copy()
    council = "https://example.org/harbour-pier/actor/council"
    assert who_did(G, "voted", "old-pier")[0].iri == council
    G.remove_node(council)  # a change in size: the index is rebuilt by itself
    assert len(who_did(G, "voted", "old-pier")) == 0
    for _, _, data in G.edges(data=True):  # a change in place: rebuild=True
        data["relation"] = "renamed"
    assert index_of(G, rebuild=True).by_relation.keys() == {"renamed"}
