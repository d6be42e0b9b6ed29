"""Question time phrases: one definition, judged alike by Python, by kg.allen and by SPARQL."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import XSD
from strategies import BASE, at, spans

from kg import allen
from kg.dates import parse_period
from kg.time import Certainty, TimeSpan
from kg.timefilter import Cond, TimeFilter


def spans_(draw_uncertain=True):
    return spans(st.booleans() if draw_uncertain else st.just(False), last=8)


@st.composite
def periods(draw: st.DrawFn) -> TimeSpan:
    first = draw(st.integers(1, 7))
    return TimeSpan.period(at(first), at(draw(st.integers(first, 7))))  # type: ignore[arg-type]


def _after(t: TimeSpan) -> TimeSpan:
    return TimeSpan.period(t.end_latest + timedelta(days=1), date.max)  # type: ignore[operator]


# Each filter and the kg.allen question it must agree with.
EVENT_MIRRORS = {
    "before": lambda x, t, u: allen.started_before(x, t),
    "strictly-before": lambda x, t, u: allen.ended_before(x, t),
    "after": lambda x, t, u: allen.started_after(x, t),
    "during": lambda x, t, u: allen.intersects(x, t),
    "between": lambda x, t, u: allen.between(x, t, u),
    "as-of": lambda x, t, u: allen.started_by(x, t),
}
STATE_MIRRORS = {
    "during": lambda x, t, u: allen.intersects(x, t),
    "as-of": lambda x, t, u: allen.holds_at(x, TimeSpan.day(t.end_latest)),  # type: ignore[arg-type]
    "between": lambda x, t, u: allen.intersects(x, TimeSpan.period(t.start_earliest, u.end_latest))  # type: ignore[arg-type]
    if t.start_earliest <= u.end_latest else Certainty.NOT,
    "before": lambda x, t, u: allen.started_before(x, t),
}


@settings(deadline=None, max_examples=300)
@given(spans_(), periods(), periods(), st.sampled_from(sorted(EVENT_MIRRORS)))
def test_event_filters_agree_with_allen(x, t, u, kind):
    f = TimeFilter(kind, t, u if kind == "between" else None)
    assert f.judge(x) is EVENT_MIRRORS[kind](x, t, u)


@settings(deadline=None, max_examples=300)
@given(spans_(), periods(), periods(), st.sampled_from(sorted(STATE_MIRRORS)))
def test_state_filters_agree_with_allen(x, t, u, kind):
    f = TimeFilter(kind, t, u if kind == "between" else None)
    assert f.judge(x, state=True) is STATE_MIRRORS[kind](x, t, u)


@settings(deadline=None, max_examples=200)
@given(spans_(), periods())
def test_since_and_after_for_states(x, t):
    # "since T" / "after T" for a state: held at some time in [T's first day, ...) / after T's last day
    since = TimeFilter("since", t).judge(x, state=True)
    after = TimeFilter("after", t).judge(x, state=True)
    assert since is (Certainty.NOT if x.end_latest and x.end_latest < t.start_earliest else since)
    assert after is (Certainty.NOT if x.end_latest and x.end_latest <= t.end_latest else after)
    if not x.uncertain and x.end_earliest and x.end_earliest > t.end_latest:
        assert after is Certainty.CERTAINLY


KG = Namespace("https://w3id.org/kg-timeline/ontology#")


def _sparql_judge(x: TimeSpan, f: TimeFilter, state: bool) -> Certainty:
    """Evaluate the filter's SPARQL expressions over a one-node graph holding x's bounds."""
    g, node = Graph(), URIRef("urn:x")
    for name, day in zip(("se", "sl", "ee", "el"), (x.start_earliest, x.start_latest, x.end_earliest, x.end_latest)):
        if day is not None:
            g.add((node, KG[name], Literal(day.isoformat(), datatype=XSD.date)))
    if x.uncertain:
        g.add((node, KG.uncertain, Literal(True)))
    possible, certain = f.conditions(state=state)
    bindings, exprs = {}, {}
    for label, conds in (("p", possible), ("c", certain)):
        parts = []
        for cond in conds:
            name = f"d{len(bindings)}"
            bindings[name] = Literal(cond.day.isoformat(), datatype=XSD.date)
            parts.append(cond.sparql(name))
        exprs[label] = " && ".join(parts) or "true"
    query = f"""PREFIX kg: <{KG}>
        SELECT ?p ?c WHERE {{
          BIND (<urn:x> AS ?n)
          OPTIONAL {{ ?n kg:se ?se }} OPTIONAL {{ ?n kg:sl ?sl }} OPTIONAL {{ ?n kg:ee ?ee }} OPTIONAL {{ ?n kg:el ?el }}
          OPTIONAL {{ ?n kg:uncertain ?unc }}
          BIND (({exprs['p']}) AS ?p) BIND (({exprs['c']}) && !BOUND(?unc) AS ?c)
        }}"""
    from rdflib import Variable

    (row,) = g.query(query, initBindings={Variable(k): v for k, v in bindings.items()})
    if not row.p.toPython():
        return Certainty.NOT
    return Certainty.CERTAINLY if row.c.toPython() else Certainty.POSSIBLY


@settings(deadline=None, max_examples=80)
@given(spans_(), periods(), periods(), st.sampled_from(["before", "strictly-before", "after", "during", "between",
                                                          "since", "as-of"]), st.booleans())
def test_sparql_expressions_judge_like_python(x, t, u, kind, state):
    f = TimeFilter(kind, t, u if kind == "between" else None)
    assert _sparql_judge(x, f, state) is f.judge(x, state=state)


@pytest.mark.parametrize(("bound", "op", "unbound"), [
    ("se", "<", True), ("se", ">=", False), ("sl", "<", False), ("sl", ">", True),
    ("ee", "<=", True), ("el", ">=", True), ("el", "<=", False),
])
def test_unbound_bounds_are_infinite(bound, op, unbound):
    text = Cond(bound, op, BASE).sparql("d")
    assert text.startswith("(!BOUND" if unbound else "(BOUND")


def test_words_and_errors():
    assert TimeFilter("as-of", parse_period("2017-06")).describe() == "as of June 2017"
    assert TimeFilter("between", parse_period("2016-12"), parse_period("2017-09")).describe() == \
        "between December 2016 and September 2017"
    with pytest.raises(ValueError, match="unknown time filter 'around'"):
        TimeFilter("around", parse_period("2016"))
