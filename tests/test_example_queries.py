"""Every examples/queries/*.rq runs, says what it asks, and gives the dataset's answer,
in rdflib and in pyoxigraph alike."""

from __future__ import annotations

import pyoxigraph
import pytest
from conftest import EXAMPLES

from kg.ask.question import ask

QUERIES = sorted((EXAMPLES / "queries").glob("*.rq"))
BASE = "https://w3id.org/kg-timeline/stamos/"


def rows(graph, path) -> list[dict[str, str | None]]:
    result = graph.dataset.query(path.read_text(encoding="utf-8"))
    names = [str(v) for v in result.vars]
    return [{n: (str(r[n]) if r[n] is not None else None) for n in names} for r in result]


@pytest.fixture(scope="module")
def graph():
    from kg import load

    return load()


@pytest.fixture(scope="module")
def store(graph):
    """pyoxigraph in its default mode holding kg's N-Quads export as it is (the portable layout:
    statements in the default graph and in their claims' graphs)."""
    store = pyoxigraph.Store()
    store.load(graph.export("nquads").encode("utf-8"), pyoxigraph.RdfFormat.N_QUADS)
    return store


def test_there_is_a_query_per_kind_of_question():
    names = {p.stem for p in QUERIES}
    assert {"who-opposed-before", "who-was-cso-in-2016", "between-warning-and-disclosure",
            "reported-by-date", "evidence-for-a-claim", "timeline", "disclosure-lag"} <= names


@pytest.mark.parametrize("path", QUERIES, ids=lambda p: p.name)
def test_each_query_says_what_it_asks_and_runs_in_two_engines(graph, store, path):
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# Asks: ")
    mine = {tuple(sorted(r.items())) for r in rows(graph, path)}
    assert mine, "every example has answers"
    result = store.query(text)
    names = [v.value for v in result.variables]
    theirs = {tuple(sorted((n, s[n].value if s[n] is not None else None) for n in names)) for s in result}
    assert theirs == mine


def test_who_opposed_before_matches_kg_ask(graph):
    (row,) = rows(graph, EXAMPLES / "queries" / "who-opposed-before.rq")
    assert (row["name"], row["certainty"]) == ("Facebook's policy team", "possibly")
    (answer,) = ask(graph.networkx, "who opposed disclosure before April 2017")
    assert answer.iri == row["who"] and answer.certainty.word == row["certainty"]


def test_cso_in_2016(graph):
    assert [(r["name"], r["certainty"]) for r in rows(graph, EXAMPLES / "queries" / "who-was-cso-in-2016.rq")] == [
        ("Alex Stamos", "certainly")]


def test_between_matches_kg_ask(graph):
    found = {(r["event"], r["certainty"]) for r in rows(graph, EXAMPLES / "queries" / "between-warning-and-disclosure.rq")}
    answers = ask(graph.networkx, "what happened between the warning and the public disclosure")
    assert found == {(a.iri, a.certainty.word) for a in answers}


def test_reported_by_matches_kg_ask(graph):
    best: dict[str, str] = {}
    for r in rows(graph, EXAMPLES / "queries" / "reported-by-date.rq"):
        if best.get(r["event"]) != "certainly":
            best[r["event"]] = r["certainty"]
    answers = ask(graph.networkx, "what had been publicly reported by 1 March 2018")
    assert best == {a.iri: a.certainty.word for a in answers}
    assert best[BASE + "event/russia-interferes"] == "certainly"


def test_evidence_quotes_are_the_source_text(graph):
    text = graph.timeline.sources["article"].text
    found = rows(graph, EXAMPLES / "queries" / "evidence-for-a-claim.rq")
    assert len(found) == 5
    for r in found:
        assert text[int(r["start"]):int(r["end"])] == r["exact"]


def test_timeline_lists_every_event(graph):
    assert len(rows(graph, EXAMPLES / "queries" / "timeline.rq")) == len(graph.timeline.events)


def test_disclosure_lag_bounds(graph):
    (row,) = rows(graph, EXAMPLES / "queries" / "disclosure-lag.rq")
    assert (row["warning_earliest"], row["warning_latest"], row["disclosure_earliest"], row["disclosure_latest"]) == (
        "2016-11-22", "2017-01-07", "2017-09-01", "2017-09-30")  # derived: "a month after" November 2016


def test_conflict_readings(graph):
    found = rows(graph, EXAMPLES / "queries" / "calendar-conflicts.rq")
    assert [r["edtf"] for r in found] == ["2018-03-18", "2018-03-19"]


def test_claims_by_claimant(graph):
    found = {(r["claimant"], r["stance"]): int(r["claims"]) for r in rows(graph, EXAMPLES / "queries" / "claims-by-claimant.rq")}
    assert found[("Alex Stamos", "confirms")] == 1
    assert found[("Alex Stamos", "leaves-unaddressed")] == 1
