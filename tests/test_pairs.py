"""Two items' times compared jointly (kg.ask.pairs): graded order, durations, and their chains."""

from __future__ import annotations

import itertools
import random

import networkx as nx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from strategies import at

import kg.ask.pairs
from kg.errors import KgError
from kg.timeline.model import TimeSpec
from kg.ask.pairs import compare, duration, pair_network
from kg.time import Certainty, TimeSpan
from kg.time.phrases import TimeFilter
from kg.time.relations import POINT_RELATIONS, RELATIONS, constraints, parse_offset

EV = "https://w3id.org/kg-timeline/stamos/event/"
ELECTION, WARNING, DISCLOSURE = EV + "us-election-2016", EV + "stamos-warning", EV + "facebook-discloses-russian-activity"
REORGANISED, REPORTS = EV + "security-team-reorganised", EV + "departure-reports"
KINDS = ("before", "strictly-before", "after", "during", "since")


def _time(G, iri):
    return next(d for _, _, k, d in G.edges(keys=True, data=True) if k == iri)


def _separate(G, a, b, kind):
    """The grade kg.time.phrases gives from the two items' own bounds."""
    da, db = _time(G, a), _time(G, b)
    capped = da["status"] != "happened" or db["status"] != "happened"
    return TimeFilter(kind, db["time"].span).judge(da["time"].span, state=da["kind"] == "position",
                                                   nominal=da["time"].nominal, capped=capped)


def test_the_elections_end_certainly_before_the_warning_jointly_but_only_possibly_separately(stamos_graph):
    assert _separate(stamos_graph, ELECTION, WARNING, "strictly-before") is Certainty.POSSIBLY
    verdict = compare(stamos_graph, ELECTION, WARNING, "strictly-before")
    assert verdict.grade is Certainty.CERTAINLY and verdict.answer == "certainly yes"
    (bound,) = verdict.bounds
    assert (bound.low, bound.high) == (-38, -21)  # "about a month" after: 21 to 38 days
    assert (bound.nominal_low, bound.nominal_high) == (-31, -28)  # a calendar month as written
    assert any("بعد شهر من انتهائها" in o.text for o in verdict.why)
    assert [o.ref for o in verdict.why] == ["warning-a-month-after-the-elections"]


def test_the_warning_certainly_came_before_the_disclosure_and_not_after(stamos_graph):
    assert compare(stamos_graph, WARNING, DISCLOSURE, "before").answer == "certainly yes"
    assert compare(stamos_graph, WARNING, DISCLOSURE, "strictly-before").grade is Certainty.CERTAINLY
    no = compare(stamos_graph, DISCLOSURE, WARNING, "before")
    assert no.answer == "no" and no.why  # the chain that rules it out
    assert compare(stamos_graph, DISCLOSURE, WARNING, "after").grade is Certainty.CERTAINLY
    assert compare(stamos_graph, DISCLOSURE, WARNING, "since").grade is Certainty.CERTAINLY


def test_the_reorganisation_likely_came_before_the_departure_reports(stamos_graph):
    verdict = compare(stamos_graph, REORGANISED, REPORTS, "before")
    # jointly the reports start no earlier than the reorganisation ended (the same day at the
    # earliest): likely, since the reports are dated March as written, not certainly
    assert verdict.answer == "likely yes"
    assert verdict.bounds[0].high == 0 and verdict.bounds[0].nominal_high < 0
    assert any(o.kind == "nominal" and o.ref == "departure-reports" for o in verdict.why)


def test_an_event_only_reported_or_planned_is_never_certain(stamos_graph):
    decided, leaves = EV + "stamos-decides-to-leave", EV + "stamos-leaves-facebook"
    verdict = compare(stamos_graph, decided, leaves, "before")
    assert verdict.capped and verdict.grade is Certainty.LIKELY


def test_durations_in_days_and_words(stamos_graph):
    d = duration(stamos_graph, ELECTION, WARNING)
    assert d.point == "end"  # only the elections' end is dated ("/2016-11")
    assert (d.low, d.high, d.nominal_low, d.nominal_high) == (21, 38, 28, 31)
    assert d.describe() == "21 to 38 days, about 30"
    d = duration(stamos_graph, WARNING, DISCLOSURE)
    assert d.point == "start" and d.describe() == "8 to 10 months, about 9"
    assert d.low_why and d.high_why
    data = duration(stamos_graph, REORGANISED, REPORTS).to_dict()
    assert (data["low"], data["high"], data["words"]) == (0, 78, "up to 3 months, about 2")
    assert any("يناير" in o["text"] for o in data["high_why"])
    backwards = duration(stamos_graph, DISCLOSURE, WARNING)
    assert (backwards.low, backwards.high) == (-312, -237)
    assert backwards.describe() == "8 to 10 months earlier, about 9"


@pytest.mark.parametrize(("low", "high", "nominal", "words"), [
    (None, None, (None, None), "the text does not bound it"),
    (3, None, (5, None), "at least 3 days; the text does not bound it further"),
    (214, 305, (260, 290), "7 to 10 months, about 9"),
    (30, 30, (30, 30), "30 days"),
    (-10, 20, (0, 5), "either way: from 10 days earlier to 20 days later"),
    (-31, -28, (-31, -28), "28 to 31 days earlier, about 30"),
    (None, -5, (None, -5), "at least 5 days earlier; the text does not bound it further"),
    (0, 0, (0, 0), "the same day"),
    (90, None, (None, None), "at least 3 months; the text does not bound it further"),
])
def test_duration_words(low, high, nominal, words):
    assert kg.ask.pairs.Duration("a", "b", "start", low, high, *nominal).describe() == words


def test_verdicts_serialise_with_their_chains(stamos_graph):
    import json

    data = json.loads(json.dumps(compare(stamos_graph, ELECTION, WARNING, "strictly-before").to_dict(),
                                 ensure_ascii=False))
    assert data["answer"] == "certainly yes" and data["grade"] == "certainly"
    assert data["bounds"][0]["high"] == -21
    assert data["why"][0]["evidence"] == ["بعد شهر من انتهائها"]


def test_unknown_items_and_kinds_are_one_clear_error(stamos_graph):
    with pytest.raises(KgError, match="no event, position"):
        compare(stamos_graph, EV + "nothing", WARNING, "before")
    with pytest.raises(KgError, match="cannot compare"):
        compare(stamos_graph, ELECTION, WARNING, "between")


def test_the_network_is_built_once_per_graph(stamos_dataset, monkeypatch):
    from kg.graph.from_rdf import to_networkx

    G = to_networkx(stamos_dataset)
    builds = []
    real = kg.ask.pairs._build
    monkeypatch.setattr(kg.ask.pairs, "_build", lambda graph: builds.append(graph) or real(graph))
    compare(G, ELECTION, WARNING, "before")
    compare(G, WARNING, DISCLOSURE, "during")
    duration(G, WARNING, DISCLOSURE)
    assert len(builds) == 1 and pair_network(G) is pair_network(G)
    net = pair_network(G).admissible
    point = pair_network(G).point(WARNING, "start")
    assert net.paths(point) is net.paths(point)  # shortest paths from one point: once
    G.add_node("changed")  # networkx clears its cache when the graph changes
    compare(G, ELECTION, WARNING, "before")
    assert len(builds) == 2


def test_graphs_read_from_rdf_answer_the_same(stamos_dataset, tmp_path):
    import kg

    path = tmp_path / "stamos.trig"
    path.write_text(stamos_dataset.serialize(format="trig"), encoding="utf-8")
    G = kg.load(path, shacl=False).networkx
    assert len(G.graph["time_relations"]) == 43
    verdict = compare(G, ELECTION, WARNING, "strictly-before")
    assert verdict.answer == "certainly yes" and (verdict.bounds[0].low, verdict.bounds[0].high) == (-38, -21)
    assert duration(G, WARNING, DISCLOSURE).describe() == "8 to 10 months, about 9"


def test_joint_grades_are_at_least_as_decisive_as_separate_ones_on_stamos(stamos_graph):
    events = sorted({k for _, _, k, d in stamos_graph.edges(keys=True, data=True) if d["kind"] == "event"})
    tighter = 0
    for a, b in itertools.permutations(events[::2], 2):
        for kind in KINDS:
            joint, alone = compare(stamos_graph, a, b, kind).grade, _separate(stamos_graph, a, b, kind)
            _at_least_as_decisive(joint, alone)
            tighter += joint != alone
    assert tighter > 0  # the joint reading decides questions the separate bounds leave open


def test_joint_bounds_are_sound_against_the_timelines_own_network(stamos, stamos_graph):
    """The graph's network never claims more than the timeline's (which also has the claims'
    constraints), and agrees with it nearly everywhere."""
    from kg.timeline.derivation import time_network

    full, pn = time_network(stamos), pair_network(stamos_graph)
    same = total = 0
    for a, b in itertools.permutations(sorted(stamos.events), 2):
        for pa, pb in itertools.product(("start", "end"), repeat=2):
            f = full.gap(getattr(full.items[a], pa), getattr(full.items[b], pb))
            g = pn.admissible.gap(pn.point(EV + a, pa), pn.point(EV + b, pb))
            assert g.low is None or (f.low is not None and g.low <= f.low), (a, pa, b, pb)
            assert g.high is None or (f.high is not None and g.high >= f.high), (a, pa, b, pb)
            same += (f.low, f.high) == (g.low, g.high)
            total += 1
    assert same >= 0.95 * total


@pytest.mark.parametrize("seed", [1, 7])
def test_synthetic_timelines_joint_grades_and_soundness(seed, tmp_path):
    import kg
    from kg.timeline.derivation import time_network
    from kg.timeline.synthetic import write_synthetic_timeline

    graph = kg.load(write_synthetic_timeline(tmp_path, events=25, seed=seed))
    G, timeline = graph.networkx, graph.timeline
    assert len(G.graph["time_relations"]) == len(timeline.relations)
    full, pn = time_network(timeline), pair_network(G)
    base = timeline.base + "event/"
    for a, b in itertools.permutations(sorted(timeline.events), 2):
        f = full.gap(full.items[a].end, full.items[b].start)
        g = pn.admissible.gap(pn.point(base + a, "end"), pn.point(base + b, "start"))
        assert g.low is None or (f.low is not None and g.low <= f.low)
        assert g.high is None or (f.high is not None and g.high >= f.high)
        for kind in KINDS:
            _at_least_as_decisive(compare(G, base + a, base + b, kind).grade, _separate(G, base + a, base + b, kind))


def _at_least_as_decisive(joint: Certainty, alone: Certainty) -> None:
    if alone is Certainty.CERTAINLY:
        assert joint is Certainty.CERTAINLY
    if alone >= Certainty.LIKELY:
        assert joint >= Certainty.LIKELY
    if alone is Certainty.NOT:
        assert joint is Certainty.NOT


# -- random networks ---------------------------------------------------------------------

def _dense(n, tails, heads, weights):
    """Floyd-Warshall over x - y <= c: dist[y][x] bounds x - y."""
    inf = float("inf")
    dist = [[0 if i == j else inf for j in range(n)] for i in range(n)]
    for y, x, c in zip(tails, heads, weights):
        dist[y][x] = min(dist[y][x], c)
    for k, i, j in itertools.product(range(n), repeat=3):
        dist[i][j] = min(dist[i][j], dist[i][k] + dist[k][j])
    return dist


def _random_graph(seed: int, items: int, relations: int) -> nx.MultiDiGraph:
    """Items with hidden true days, bounds around them and relations that hold for them."""
    rng = random.Random(seed)
    true = {}
    G = nx.MultiDiGraph()
    for i in range(items):
        s = rng.randint(0, 40)
        e = s + rng.choice((0, 0, rng.randint(0, 20)))
        true[f"urn:i{i}"] = (s, e)
        bound = [None if rng.random() < 0.4 else v + d for v, d in
                 ((s, -rng.randint(0, 9)), (s, rng.randint(0, 9)), (e, -rng.randint(0, 9)), (e, rng.randint(0, 9)))]
        span = TimeSpan(*(at(n) for n in bound))
        kind = rng.choice(("event", "event", "position"))
        G.add_edge(f"urn:a{i % 3}", f"urn:t{i % 2}", key=f"urn:i{i}", kind=kind, time=TimeSpec(span),
                   status=rng.choice(("happened", "happened", "reported")), claims=[])
    found = []
    names = sorted(true)
    for j in range(relations * 4):
        if len(found) >= relations:
            break
        a, b = rng.sample(names, 2)
        choice = rng.random()
        fp = tp = offset = None
        if choice < 0.4:
            name = rng.choice(sorted(RELATIONS))
        elif choice < 0.8:
            name, fp, tp = rng.choice(sorted(POINT_RELATIONS)), rng.choice(("start", "end")), rng.choice(("start", "end"))
        else:
            name = "after"
            gap = true[a][0] - true[b][1]
            if gap < 0:
                continue
            offset = f"P{gap}D~" if rng.random() < 0.5 else f"P{gap}D"
        diffs = constraints(name, from_point=fp, to_point=tp, offset=parse_offset(offset) if offset else None)
        day = {"A": dict(zip(("start", "end"), true[a])), "B": dict(zip(("start", "end"), true[b]))}
        if all((lo is None or day[x[0]][x[1]] - day[y[0]][y[1]] >= lo) and
               (hi is None or day[x[0]][x[1]] - day[y[0]][y[1]] <= hi) for x, y, lo, hi in diffs):
            found.append({"iri": f"urn:r{j}", "from": a, "to": b, "from_time": _time(G, a)["time"],
                          "to_time": _time(G, b)["time"], "relation": name, "from_point": fp, "to_point": tp,
                          "offset": offset, "evidence": []})
    G.graph.update(time_relations=found, links=[])
    return G


@settings(max_examples=60)
@given(st.integers(0, 10**6), st.integers(2, 6), st.integers(0, 8))
def test_joint_bounds_equal_dense_floyd_warshall(seed, items, relations):
    G = _random_graph(seed, items, relations)
    pn = pair_network(G)
    net = pn.admissible
    dist = _dense(len(net.names), net.tails, net.heads, net.weights)
    points = [pn.point(iri, which) for iri in sorted(pn.names) for which in ("start", "end")]
    for p, q in itertools.product(points, repeat=2):
        gap = net.gap(p, q)
        assert gap.high == (None if dist[p][q] == float("inf") else dist[p][q])
        assert gap.low == (None if dist[q][p] == float("inf") else -dist[q][p])


@settings(max_examples=60)
@given(st.integers(0, 10**6), st.integers(2, 6), st.integers(0, 8), st.sampled_from(KINDS))
def test_joint_grades_never_less_sure_than_separate(seed, items, relations, kind):
    G = _random_graph(seed, items, relations)
    for a, b in itertools.permutations(sorted(pair_network(G).names), 2):
        _at_least_as_decisive(compare(G, a, b, kind).grade, _separate(G, a, b, kind))
