"""Question time phrases: one definition, judged alike by Python, by kg.time.allen and by SPARQL."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import XSD
from strategies import BASE, at, spans

from kg.time import allen
from kg.time.dates import parse_period
from kg.time import Certainty, TimeSpan
from kg.time.phrases import Cond, TimeFilter


def spans_():
    return spans(last=8)


@st.composite
def periods(draw: st.DrawFn) -> TimeSpan:
    first = draw(st.integers(1, 7))
    return TimeSpan.period(at(first), at(draw(st.integers(first, 7))))  # type: ignore[arg-type]


def _after(t: TimeSpan) -> TimeSpan:
    return TimeSpan.period(t.end_latest + timedelta(days=1), date.max)  # type: ignore[operator]


# Each filter and the kg.time.allen question it must agree with.
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
    if x.end_earliest and x.end_earliest > t.end_latest:
        assert after is Certainty.CERTAINLY


KG = Namespace("https://w3id.org/kg-timeline/ontology#")


def _sparql_judge(x: TimeSpan, nominal: TimeSpan, f: TimeFilter, state: bool, capped: bool) -> Certainty:
    """Evaluate the filter's SPARQL expressions over a one-node graph holding x's two readings."""
    g, node = Graph(), URIRef("urn:x")
    for prefix, span in (("", x), ("n", nominal)):
        days = (span.start_earliest, span.start_latest, span.end_earliest, span.end_latest)
        for name, day in zip(("se", "sl", "ee", "el"), days):
            if day is not None:
                g.add((node, KG[prefix + name], Literal(day.isoformat(), datatype=XSD.date)))
    bindings: dict = {}
    possible, certain, likely = f.sparql(bindings, state=state)
    names = [p + b for p in ("", "n") for b in ("se", "sl", "ee", "el")]
    optional = " ".join(f"OPTIONAL {{ ?n kg:{v} ?{v} }}" for v in names)
    query = f"""PREFIX kg: <{KG}>
        SELECT ?p ?c ?l WHERE {{
          BIND (<urn:x> AS ?n) {optional}
          BIND (({possible}) AS ?p) BIND (({certain}) && {"false" if capped else "true"} AS ?c) BIND (({likely}) AS ?l)
        }}"""
    from rdflib import Variable

    (row,) = g.query(query, initBindings={Variable(k): v for k, v in bindings.items()})
    if not row.p.toPython():
        return Certainty.NOT
    if row.c.toPython():
        return Certainty.CERTAINLY
    return Certainty.LIKELY if row.l.toPython() else Certainty.POSSIBLY


@st.composite
def readings(draw: st.DrawFn) -> tuple[TimeSpan, TimeSpan]:
    """An admissible span and a nominal one within it."""
    x = draw(spans_())
    inner = draw(spans_())
    se, sl, ee, el = x.ordinals
    try:
        nominal = x.narrowed(start_not_before=inner.start_earliest, start_not_after=inner.start_latest,
                             end_not_before=inner.end_earliest, end_not_after=inner.end_latest)
    except ValueError:
        nominal = x
    return x, nominal


ALL_KINDS = ["before", "strictly-before", "after", "during", "between", "since", "as-of", "within", "throughout"]


@settings(deadline=None, max_examples=80)
@given(readings(), periods(), periods(), st.sampled_from(ALL_KINDS), st.booleans(), st.booleans())
def test_sparql_expressions_judge_like_python(xs, t, u, kind, state, capped):
    x, nominal = xs
    f = TimeFilter(kind, t, u if kind == "between" else None)
    assert _sparql_judge(x, nominal, f, state, capped) is f.judge(x, state=state, nominal=nominal, capped=capped)


@settings(deadline=None, max_examples=300)
@given(readings(), periods(), periods(), st.sampled_from(ALL_KINDS), st.booleans(), st.booleans())
def test_certainly_implies_likely_implies_possibly(xs, t, u, kind, state, capped):
    x, nominal = xs
    f = TimeFilter(kind, t, u if kind == "between" else None)
    got = f.judge(x, state=state, nominal=nominal, capped=capped)
    possible, certain = f.conditions(state=state)
    holds = lambda conds, span: all(c.holds(span.ordinals) for c in conds)  # noqa: E731
    # each grade's own test, and the grades nest
    assert (got >= Certainty.POSSIBLY) == holds(possible, x)
    if holds(certain, x) and not capped:
        assert got is Certainty.CERTAINLY
    if holds(certain, nominal):
        assert got >= Certainty.LIKELY
    if capped:
        assert got <= Certainty.LIKELY
    if got >= Certainty.LIKELY:
        assert holds(possible, nominal) and holds(possible, x)


@settings(deadline=None, max_examples=300)
@given(readings(), st.integers(-2, 10), st.booleans(), st.booleans())
def test_slider_ranges_are_the_as_of_answer(xs, offset, state, capped):
    from kg.time.phrases import slider_grades

    x, nominal = xs
    day = BASE + timedelta(days=offset)
    got = TimeFilter("as-of", TimeSpan.day(day)).judge(x, state=state, nominal=nominal, capped=capped)
    ranges = slider_grades(x, nominal=nominal, state=state, capped=capped)
    n = day.toordinal()
    drawn = max((g for g, r in zip((Certainty.POSSIBLY, Certainty.LIKELY, Certainty.CERTAINLY), ranges)
                 if r is not None and r[0] <= n <= r[1]), default=Certainty.NOT)
    assert drawn is got


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
