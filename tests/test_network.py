"""The time-constraint network: tightest bounds, their chains, and contradictions."""

from __future__ import annotations

import itertools
import random
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kg.time.network import Contradiction, Origin, TimeNetwork
from kg.time.days import NEG_INF, POS_INF

D = date


def _origin(text: str) -> Origin:
    return Origin("relation", text, ref=text)


def test_bounds_propagate_through_a_chain_and_say_why():
    net = TimeNetwork()
    a, b, c = net.item("a"), net.item("b"), net.item("c")
    net.at_least(a.start, D(2017, 1, 1).toordinal(), Origin("stated", "a in 2017", ref="a"))
    net.at_most(a.end, D(2017, 12, 31).toordinal(), Origin("stated", "a in 2017", ref="a"))
    net.difference(b.start, a.end, 1, None, _origin("b after a"))
    net.difference(c.start, b.end, 28, 31, _origin("c a month after b"))
    solution = net.solve()
    assert solution.bounds(b.start) == (D(2017, 1, 2).toordinal(), POS_INF)
    assert solution.bounds(c.start)[0] == D(2017, 1, 30).toordinal()
    assert [o.text for o in solution.why(c.start, upper=False)] == [
        "a in 2017", "a starts no later than it ends", "b after a", "b starts no later than it ends",
        "c a month after b"]
    assert solution.why(c.start, upper=True) == []  # open: nothing bounds it above


def test_a_contradiction_names_every_constraint_on_the_cycle():
    net = TimeNetwork()
    a, b = net.item("a"), net.item("b")
    net.difference(b.start, a.end, 1, None, _origin("b after a"))
    net.difference(a.start, b.end, 1, None, _origin("a after b"))
    with pytest.raises(Contradiction) as caught:
        net.solve()
    texts = {o.text for o in caught.value.origins}
    assert {"b after a", "a after b"} <= texts


def test_a_contradiction_with_stated_dates():
    net = TimeNetwork()
    a, b = net.item("a"), net.item("b")
    net.at_least(a.start, D(2018, 1, 1).toordinal(), Origin("stated", "a in 2018", ref="a"))
    net.at_most(b.end, D(2017, 12, 31).toordinal(), Origin("stated", "b in 2017", ref="b"))
    net.difference(b.start, a.end, 0, None, _origin("b not before a"))
    with pytest.raises(Contradiction) as caught:
        net.solve()
    assert {"a in 2018", "b in 2017", "b not before a"} <= {o.text for o in caught.value.origins}


def _dense(n: int, edges: list[tuple[int, int, int]]) -> list[list[float]] | None:
    """Floyd-Warshall over x - y <= c, as the reference; None on a negative cycle."""
    inf = float("inf")
    dist = [[0 if i == j else inf for j in range(n)] for i in range(n)]
    for x, y, c in edges:
        dist[y][x] = min(dist[y][x], c)
    for k, i, j in itertools.product(range(n), repeat=3):
        if dist[i][k] + dist[k][j] < dist[i][j]:
            dist[i][j] = dist[i][k] + dist[k][j]
    if any(dist[i][i] < 0 for i in range(n)):
        return None
    return dist


@settings(deadline=None, max_examples=150)
@given(st.integers(0, 10**6), st.integers(2, 6), st.integers(0, 12))
def test_sparse_solve_matches_dense_floyd_warshall(seed, items, extra):
    rng = random.Random(seed)
    net = TimeNetwork()
    points = [p for i in range(items) for p in (net.item(f"i{i}").start, net.item(f"i{i}").end)]
    for p in rng.sample(points, k=min(len(points), 3)):
        if rng.random() < 0.5:
            net.at_least(p, rng.randint(0, 20), _origin(f"stated {p}"))
        else:
            net.at_most(p, rng.randint(0, 40), _origin(f"stated {p}"))
    for k in range(extra):
        x, y = rng.sample(points, 2)
        net.constrain(x, y, rng.randint(-10, 15), _origin(f"r{k}"))
    edges = list(zip(net.heads, net.tails, net.weights))
    dense = _dense(len(net.names), edges)
    if dense is None:
        with pytest.raises(Contradiction):
            net.solve()
        return
    solution = net.solve()
    for p in points:
        lo, hi = solution.bounds(p)
        want_hi, want_lo = dense[0][p], dense[p][0]
        assert hi == (POS_INF if want_hi == float("inf") else want_hi)
        assert lo == (NEG_INF if want_lo == float("inf") else -want_lo)
        # the chain behind a bound adds up to it
        for upper in (True, False):
            chain = solution.why(p, upper=upper)
            assert bool(chain) == ((hi if upper else lo) not in (POS_INF, NEG_INF))


@settings(deadline=None, max_examples=100)
@given(st.integers(0, 10**6), st.sampled_from(["before", "after", "during", "between", "since", "as-of"]),
       st.integers(0, 40), st.integers(0, 40))
def test_grades_nest_on_random_networks(seed, kind, a, b):
    """Nominal bounds solved with the admissible constraints lie within the admissible ones,
    so on every item certainly implies likely implies possibly."""
    from kg.time import Certainty, TimeSpan
    from kg.time.phrases import TimeFilter

    rng = random.Random(seed)
    truth = [(d, d + rng.randint(0, 5)) for d in (rng.randint(0, 40) for _ in range(5))]

    def network(nominal: bool) -> tuple[TimeNetwork, list]:
        net, items = TimeNetwork(), []
        r = random.Random(seed)  # the same admissible constraints in both networks
        for i, (s, e) in enumerate(truth):
            item = net.item(f"i{i}")
            items.append(item)
            slack = r.randint(0, 6)
            net.at_least(item.start, s - slack, _origin("stated"))
            net.at_most(item.end, e + slack, _origin("stated"))
            if nominal:  # the date as written: tighter, and still true
                net.at_least(item.start, s - slack // 2, _origin("nominal"))
                net.at_most(item.end, e + slack // 2, _origin("nominal"))
        for k in range(4):
            i, j = r.sample(range(len(truth)), 2)
            gap = truth[i][0] - truth[j][1]
            net.difference(items[i].start, items[j].end, gap - r.randint(0, 5), gap + r.randint(0, 5), _origin(f"r{k}"))
        return net, items

    def spans(net: TimeNetwork, items: list) -> list[TimeSpan]:
        sol = net.solve()
        out = []
        for item in items:
            (se, sl), (ee, el) = sol.bounds(item.start), sol.bounds(item.end)
            out.append(TimeSpan(*(D.fromordinal(x + 737000) for x in (se, sl, ee, el))))
        return out

    admissible, nominal = spans(*network(False)), spans(*network(True))
    t = TimeSpan.period(D.fromordinal(737000 + min(a, b)), D.fromordinal(737000 + max(a, b)))
    f = TimeFilter(kind, t, t if kind == "between" else None)
    for adm, nom in zip(admissible, nominal):
        se, sl, ee, el = adm.ordinals
        nse, nsl, nee, nel = nom.ordinals
        assert se <= nse <= nsl <= sl and ee <= nee <= nel <= el
        got = f.judge(adm, nominal=nom)
        possible, certain = f.conditions()
        assert (got >= Certainty.POSSIBLY) == all(c.holds(adm.ordinals) for c in possible)
        if all(c.holds(nom.ordinals) for c in certain):
            assert got >= Certainty.LIKELY
        if all(c.holds(adm.ordinals) for c in certain):
            assert got is Certainty.CERTAINLY
