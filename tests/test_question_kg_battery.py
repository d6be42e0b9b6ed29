"""The reader's questions put to kg: every question of questions-from-the-article.yaml, asked as
phrased or in the phrasing kg documents (tests/data/question-battery-kg.yaml), answered by the
networkx and the SPARQL engine, and checked against the careful reader's answer.

Entries marked ``known_gap`` (kg contradicts the reader) are strict xfails: when kg is fixed
they pass, the test fails, and the mark goes. (``pending: joint`` was for the comparison and
duration forms while they were being wired; none is pending now.)
"""

from __future__ import annotations

import pytest
import yaml
from conftest import ROOT

import kg
from kg.errors import QueryError
from kg.ask.query import NO_AGENT
from kg.ask.question import parse_question
from kg.time import Certainty

DATA = ROOT / "tests" / "data"
READER = yaml.safe_load((DATA / "questions-from-the-article.yaml").read_text(encoding="utf-8"))
BATTERY = yaml.safe_load((DATA / "question-battery-kg.yaml").read_text(encoding="utf-8"))
ENGINES = ("networkx", "sparql")
EXPECT_KEYS = {"answers", "only", "absent", "none", "time", "verdict", "grade", "duration"}
VERDICTS = ("certainly yes", "likely yes", "possibly", "no")  # most certain first
DAYS_IN = {"day": 1.0, "week": 7.0, "month": 30.44, "year": 365.25}


def as_phrased(entry: dict) -> bool:
    """The question is asked exactly as the reader wrote it (kg drops the question mark)."""
    return entry["ask"] == entry["q"].strip().rstrip("?").strip()


@pytest.fixture(scope="module")
def graph():
    return kg.load()


_ANSWERS: dict[tuple[str, str], object] = {}


def answers_to(graph, text: str, engine: str):
    """kg's answers (or the error it raised), once per question and engine for the module."""
    key = (engine, text)
    if key not in _ANSWERS:
        try:
            _ANSWERS[key] = list(graph.ask(text, engine=engine))
        except Exception as exc:  # an error is an answer to check too (it fails the entry)
            _ANSWERS[key] = exc
    found = _ANSWERS[key]
    if isinstance(found, Exception):
        raise AssertionError(f"{text!r} ({engine}): {type(found).__name__}: {found}")
    return found


def verdict_of(answers) -> str:
    """kg's verdict in the words of the battery: certainly yes, likely yes, possibly or no
    (kg.ask.pair_answers: label ``yes`` graded, or ``no``); the surest pair first."""
    for a in answers:
        if a.label == "no":
            return "no"
        if a.label == "yes":
            return "possibly" if a.certainty == Certainty.POSSIBLY else f"{a.certainty.word} yes"
    raise AssertionError(f"no verdict among {[a.label for a in answers]}")


def acceptable_verdicts(expect: dict) -> set[str]:
    if expect["verdict"] in ("no", "possibly"):
        return {expect["verdict"]}
    lowest = {"certainly": "certainly yes", "likely": "likely yes", "possibly": "possibly"}[expect.get("grade", "possibly")]
    return set(VERDICTS[:VERDICTS.index(lowest) + 1])


def nominal_days(answers) -> float:
    """The nominal span kg gives, in days: the middle of the dates as written (``detail``).
    An open side ("either way ...", "at least ...") has no nominal span."""
    for a in answers:
        span = (getattr(a, "detail", None) or {}).get("duration")
        if span is None:
            continue
        if span.get("nominal_low") is None or span.get("nominal_high") is None:
            raise AssertionError(f"no nominal span: {a.label!r}")
        return (span["nominal_low"] + span["nominal_high"]) / 2
    raise AssertionError(f"no span among {[a.label for a in answers]}")


def check(entry: dict, answers) -> None:
    """kg's answers meet the reader's expectation for ``entry``."""
    expect, q = entry["expect"], entry["q"]
    if "verdict" in expect:
        assert verdict_of(answers) in acceptable_verdicts(expect), (q, [a.label for a in answers])
        return
    if "duration" in expect:
        (unit, (low, high)), = expect["duration"].items()
        got = nominal_days(answers) / DAYS_IN[unit.rstrip("s")]
        assert low <= got <= high, (q, [a.label for a in answers])
        return
    got = {a.label: a for a in answers if a.iri != NO_AGENT}
    if expect.get("none"):
        assert not got, f"{q!r}: the article does not say, but kg answers {sorted(got)}"
    wanted = expect.get("answers") or {}
    for label, grade in wanted.items():
        assert label in got, f"{q!r}: missing {label!r}; kg answers {sorted(got)}"
        assert got[label].certainty >= Certainty.named(grade), \
            f"{q!r}: {label!r} is {got[label].certainty.word}, the reader says {grade}"
    if expect.get("only"):
        assert set(got) <= set(wanted), f"{q!r}: answers the reader does not give: {sorted(set(got) - set(wanted))}"
    for label in expect.get("absent", ()):
        assert label not in got, f"{q!r}: kg answers {label!r}, which the article rules out"
    for label, words in (expect.get("time") or {}).items():
        times = [s.time.describe() for s in got[label].support if s.iri == got[label].iri] or \
                [s.time.describe() for s in got[label].support]
        assert any(words in t for t in times), f"{q!r}: {label!r} at {times}, the reader says {words!r}"


def _marks(entry: dict) -> list:
    if entry.get("known_gap"):
        return [pytest.mark.xfail(strict=True, reason=f"known gap: {entry['known_gap']}")]
    if entry.get("pending"):
        return [pytest.mark.xfail(strict=True, reason="pending: joint (did-A-before-B / how-long are being wired)")]
    return []


CASES = [pytest.param(entry, engine, id=f"{engine}-{n:03d}", marks=_marks(entry))
         for n, entry in enumerate(BATTERY) for engine in ENGINES]


def test_the_battery_keys_every_reader_question_once_in_order():
    assert [e["q"] for e in BATTERY] == [r["q"] for r in READER]
    for e in BATTERY:
        assert set(e) <= {"q", "ask", "expect", "note", "known_gap", "pending"}, e["q"]
        assert e["ask"] and set(e["expect"]) <= EXPECT_KEYS and e["expect"], e["q"]
        assert e["expect"].get("answers") or set(e["expect"]) - {"answers"}, e["q"]  # something is checked
        assert as_phrased(e) or e.get("note") or e.get("known_gap"), f"{e['q']!r}: rephrased without a note"


def test_the_expectations_follow_the_reader():
    """'none' exactly where the reader says the article does not say (or only rules out) and kg
    can ask it directly; every reader's 'not-said' or 'no' is either none, absent, a verdict of no,
    or a note saying how the asked phrasing carries it."""
    for e, r in zip(BATTERY, READER):
        expect = e["expect"]
        if expect.get("none"):
            assert r["grade"] in ("not-said", "no"), e["q"]
        if r["grade"] in ("not-said", "no"):
            carried = expect.get("none") or expect.get("absent") or expect.get("verdict") == "no"
            assert carried or e.get("note"), e["q"]


@pytest.mark.parametrize(("entry", "engine"), CASES)
def test_kg_answers_as_the_reader_does(graph, entry, engine):
    check(entry, answers_to(graph, entry["ask"], engine))


JOINT = [e for e in BATTERY if {"verdict", "duration"} & set(e["expect"])]


@pytest.mark.parametrize("entry", JOINT, ids=lambda e: e["ask"][:40])
def test_order_and_duration_questions_read_as_their_forms(graph, entry):
    """Each recorded phrasing of a before/after or how-long question parses to its form, with
    both sides naming events (their answers are checked above)."""
    q = parse_question(graph.networkx, entry["ask"])
    assert q.kind == ("compare" if "verdict" in entry["expect"] else "duration")
    assert q.events and q.others


def _passes(graph, entry) -> bool:
    try:
        for engine in ENGINES:
            check(entry, answers_to(graph, entry["ask"], engine))
    except AssertionError:
        return False
    return True


def test_how_much_of_the_battery_kg_answers(graph):
    """At least 60 questions (the issue's floor; 95 now) answered as the reader does, as phrased
    or in a recorded phrasing, by both engines; how many as the reader phrased them, counted
    (a quarter: the rest need forms kg does not have, such as yes/no about a state, 'how many',
    'which X', 'what about'); and none rephrased that kg reads as phrased."""
    live = [e for e in BATTERY if not e.get("known_gap") and not e.get("pending")]
    assert len(JOINT) >= 20  # before/after and how-long questions, answered on the joint network
    right = [e for e in live if _passes(graph, e)]
    assert right == live  # every entry not marked answers as the reader does
    assert len(right) >= 99, len(right)  # measured 2026-12-01: 99 of 101 (2 known gaps)
    exact = [e for e in right if as_phrased(e)]
    assert len(exact) >= 24, len(exact)  # measured 2026-12-01: 24 of the 25 asked as phrased (1 gap)
    for e in BATTERY:  # where kg reads the question as phrased, the battery asks it so
        if not as_phrased(e):
            with pytest.raises(QueryError):
                parse_question(graph.networkx, e["q"].rstrip("?"))
