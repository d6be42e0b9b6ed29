"""The forms of kg ask: one table behind the help and the README, and what each form answers."""

from __future__ import annotations

import json
import re

import pytest
from click.testing import CliRunner
from conftest import ROOT

from kg.cli import cli
from kg.errors import QueryError
from kg.ask.forms import FORMS
from kg.ask.query import NO_AGENT
from kg.ask.question import answer, ask, parse_question

BASE = "https://w3id.org/kg-timeline/stamos/"


@pytest.fixture(scope="module")
def stamos_kg():
    from kg import load

    return load()


def _labels(answers):
    return {a.label: a.certainty.word for a in answers}


def test_help_and_readme_list_every_form_with_its_example():
    help_text = CliRunner().invoke(cli, ["ask", "--help"]).output
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for form in FORMS:
        assert form.grammar in help_text and form.example in help_text, form.name
        assert form.grammar in readme and form.example in readme, form.name


@pytest.mark.parametrize("form", FORMS, ids=[f.name for f in FORMS])
def test_every_example_runs_and_reads_as_its_form(stamos_kg, form):
    q = parse_question(stamos_kg.networkx, form.example)
    assert q.kind == form.name
    mine = stamos_kg.ask(form.example)
    assert mine, form.example  # each example has an answer on the Stamos timeline
    assert stamos_kg.ask(form.example, engine="sparql").keyed() == mine.keyed()


@pytest.mark.parametrize(("text", "expected"), [
    # claims: who said it, with what stance
    ("who reported that Stamos was preparing to leave",
     {"The Wall Street Journal", "The New York Times", "Reuters"}),
    ("who left unaddressed that Stamos was leaving", {"Alex Stamos"}),
    ("who confirmed that Stamos's role changed", {"Alex Stamos"}),
    ("what sources did The Wall Street Journal cite", {"People familiar with the matter"}),
    # roles and agentless events
    ("whom did Stamos email", {"Mark Zuckerberg", "Facebook's senior executives"}),
    ("who received the email", {"Mark Zuckerberg", "Facebook's senior executives"}),
    ("who did Cambridge Analytica work for", {"Donald Trump"}),
    ("who reorganised Stamos's security team", {"(the text names no agent)"}),
    # plain words: possessives, offices that end in a preposition, time words inside names
    ("who was Facebook's chief security officer in 2016", {"Alex Stamos"}),
    ("who was Facebook's CEO", {"Mark Zuckerberg"}),
    ("who is responsible for the policy group at Facebook", {"Sheryl Sandberg"}),
    ("who was in charge of the policy team", {"Sheryl Sandberg"}),
])
def test_answers(stamos_graph, text, expected):
    assert set(_labels(ask(stamos_graph, text))) == expected


def test_what_a_document_claimed_with_stance(stamos_graph):
    confirmed = ask(stamos_graph, "what did Stamos's tweet confirm")
    assert [a.label for a in confirmed] == ["Stamos's role at Facebook changes"]
    unaddressed = ask(stamos_graph, "what did Stamos's tweet leave unaddressed")
    assert [a.label for a in unaddressed] == ["Stamos leaves Facebook"]
    claim = unaddressed[0].support[0]
    assert claim.kind == "claim" and claim.claims[0]["stance"] == "leaves-unaddressed"
    on_twitter = _labels(ask(stamos_graph, "what did Stamos say on Twitter"))
    assert "Stamos remains fully engaged in his work at Facebook" in on_twitter
    assert "Stamos leaves Facebook" not in on_twitter  # that he left unaddressed, not said


def test_a_denial_the_text_does_not_make_gets_no_answer_and_what_was_said(stamos_graph):
    from kg.ask.question import nearest_miss

    q = parse_question(stamos_graph, "did Stamos deny that he was leaving")
    assert q.kind == "claims-by" and q.stance == "denies" and not answer(stamos_graph, q)
    assert "leaves-unaddressed" in nearest_miss(stamos_graph, q)


def test_which_claims_rest_on_anonymous_sources(stamos_graph):
    found = ask(stamos_graph, "which claims rest on anonymous sources")
    claims = {c["iri"] for a in found for s in a.support for c in s.claims}
    assert claims and all(any(x["label"] == "People familiar with the matter" for x in c["citing"])
                          for a in found for s in a.support for c in s.claims)
    assert "Stamos leaves Facebook" in {a.label for a in found}


def test_why_and_what_followed_name_who_gives_the_reason(stamos_graph):
    why = ask(stamos_graph, "why is Stamos leaving")
    assert _labels(why) == {"Stamos's role at Facebook changes": "certainly",
                            "Stamos clashes with the policy team over how much Facebook would disclose about "
                            "Russian interference": "certainly"}  # the reasons the reports give
    assert {s.status for a in why for s in a.support} == {"happened", "reported"}  # the clashes only reported
    givers = {x["label"] for a in why for s in a.support for c in s.claims for x in c["claimants"]}
    assert givers == {"The Wall Street Journal", "The New York Times", "Reuters"}
    followed = _labels(ask(stamos_graph, "what followed from the reorganisation"))
    assert set(followed) == {"Stamos is displeased", "Stamos decides to step down, with August as a possible time frame"}


def test_status_in_questions(stamos_graph):
    reported = _labels(ask(stamos_graph, "which events are only reported"))
    assert set(reported) == {"Stamos clashes with the policy team over how much Facebook would disclose about "
                             "Russian interference", "Stamos decides to step down, with August as a possible time frame"}
    assert set(reported.values()) == {"certainly"}  # certainly only reported
    assert set(_labels(ask(stamos_graph, "what was planned"))) == {"Stamos leaves Facebook"}


def test_public_and_internal_claims_by_their_dates(stamos_graph):
    internal = ask(stamos_graph, "what was internal")
    assert [a.label for a in internal] == ["Russia interferes in the US elections through Facebook's platform"]
    assert not ask(stamos_graph, "what was internal before 2016")  # the email followed the 2016 elections


@pytest.mark.parametrize(("text", "message"), [
    ("who held chief security officer 2016",
     "'2016' is a time but has no time word before it.*try: who held chief security officer in 2016"),
    ("who opposed disclosure befor April 2017", "unknown word 'befor'.*try: who opposed disclosure before April 2017"),
    ("who oposed disclosure", "did you mean 'opposed'.*try: who opposed disclosure"),
    ("did Stamos deny", "could not read"),
])
def test_errors_name_what_is_wrong_and_a_question_that_runs(stamos_graph, text, message):
    with pytest.raises(QueryError, match=message) as info:
        parse_question(stamos_graph, text)
    fixed = re.search(r"try: (.+)$", str(info.value))
    if fixed:
        parse_question(stamos_graph, fixed.group(1))  # the corrected question runs


def test_json_carries_claimants_stance_citing_and_evidence_for_every_support(stamos_kg):
    out = CliRunner().invoke(cli, ["ask", "who reported that Stamos was preparing to leave", "--format", "json"])
    assert out.exit_code == 0, out.output
    answers = json.loads(out.output)
    assert answers
    for a in answers:
        for s in a["events"]:
            assert s["claims"], s
            for c in s["claims"]:
                assert set(c) >= {"claimants", "stance", "date", "citing", "evidence", "public"}
                assert c["evidence"] and all(e["text"] and e["gloss"] for e in c["evidence"])
    reports = [c for a in answers for s in a["events"] for c in s["claims"] if c["citing"]]
    assert reports and reports[0]["citing"][0]["label"] == "People familiar with the matter"


def test_no_agent_answers_are_the_same_in_sparql(stamos_kg):
    text = "who reorganised Stamos's security team"
    assert [a.iri for a in stamos_kg.ask(text, engine="sparql")] == [NO_AGENT]
