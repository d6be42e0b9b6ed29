"""How fast kg solves a timeline's time constraints, against a dense Floyd-Warshall.

Builds synthetic constraint networks shaped like a timeline's (events with partly known
dates, and relations between them: "after", "a month after", "within", as in
``kg.time.relations``), all consistent with a hidden true date per event, and times

* kg's sparse solver (:meth:`kg.time.network.TimeNetwork.solve`: queue-based Bellman-Ford
  from day zero, forwards and backwards), against
* the baseline: a dense Floyd-Warshall over all pairs of points (numpy, vectorised by
  rows), on the same network, at the sizes where the dense matrix fits in memory and time;

then kg's solver alone at 10k and 100k events (2 relations per event, so 200k relations
at 100k), with its growth from 10k to 100k (10.0 would be linear). Both solvers must
give the same bounds; the script checks that where both run.

    python benchmarks/time_network_benchmark.py            # the full table
    python benchmarks/time_network_benchmark.py --quick    # small sizes only
"""

from __future__ import annotations

import argparse
import random
import sys
import time

import numpy as np

from kg.time.network import Origin, TimeNetwork
from kg.time.days import POS_INF

DAY0 = 736_000  # about 2016


def build(events: int, *, per_event: int = 2, seed: int = 1) -> TimeNetwork:
    """A consistent network: every constraint holds for a hidden true date of each event."""
    rng = random.Random(seed)
    net = TimeNetwork()
    truth = []
    for i in range(events):
        item = net.item(f"e{i}")
        start = DAY0 + rng.randint(0, 3000)
        end = start + rng.choice((0, 0, 0, 1, 5, 30, 200))
        truth.append((item, start, end))
        if rng.random() < 0.4:  # some dates are stated, as a month or a year around the truth
            width = rng.choice((30, 365))
            lo = start - rng.randint(0, width)
            net.at_least(item.start, lo, Origin("stated", f"e{i} stated", ref=f"e{i}"))
            net.at_most(item.start, lo + width, Origin("stated", f"e{i} stated", ref=f"e{i}"))
            net.at_most(item.end, end + rng.randint(0, width), Origin("stated", f"e{i} stated", ref=f"e{i}"))
    for i in range(events):
        item, start, end = truth[i]
        for k in range(per_event):
            other, o_start, o_end = truth[rng.randrange(events)]
            if other is item:
                continue
            origin = Origin("relation", f"r{i}.{k}", ref=f"r{i}.{k}")
            gap = start - o_end
            kind = rng.random()
            if kind < 0.5 and gap > 0:  # "after", sometimes "about a month after"
                low, high = (1, None) if gap > 40 else (max(1, gap - 5), gap + 5)
                net.difference(item.start, other.end, low, high, origin)
            elif kind < 0.8 and o_start <= start and end <= o_end:  # "within"
                net.difference(item.start, other.start, 0, None, origin)
                net.difference(other.end, item.end, 0, None, origin)
            else:  # an order between starts
                net.difference(item.start, other.start, start - o_start - 10, start - o_start + 10, origin)
    return net


def dense_bounds(net: TimeNetwork) -> tuple[np.ndarray, np.ndarray]:
    """Floyd-Warshall over x - y <= c: upper = d(zero -> x), lower = -d(x -> zero)."""
    n = len(net.names)
    dist = np.full((n, n), np.inf)
    np.fill_diagonal(dist, 0.0)
    for x, y, c in zip(net.heads, net.tails, net.weights):
        if c < dist[y, x]:
            dist[y, x] = c
    for k in range(n):
        np.minimum(dist, dist[:, k:k + 1] + dist[k:k + 1, :], out=dist)
    if (np.diag(dist) < 0).any():
        raise ValueError("negative cycle")
    return dist[0, :], dist[:, 0]


def best_of(repeats: int, fn):  # noqa: ANN001, ANN201
    times, result = [], None
    for _ in range(repeats):
        begin = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - begin)
    return min(times), result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="small sizes only (seconds)")
    args = parser.parse_args()
    dense_sizes = (100, 250) if args.quick else (100, 250, 500, 1000)
    sparse_sizes = (2_000, 10_000) if args.quick else (10_000, 100_000)

    print("kg sparse solver vs dense Floyd-Warshall (numpy), same network, best of 3")
    print(f"{'events':>8} {'points':>7} {'constraints':>12} {'kg':>9} {'dense':>9} {'kg faster':>10}")
    for events in dense_sizes:
        net = build(events)
        kg_time, solution = best_of(3, net.solve)
        dense_time, (upper, lower) = best_of(1 if events >= 1000 else 3, lambda: dense_bounds(net))
        for p in range(1, len(net.names)):  # the same answers
            lo, hi = solution.bounds(p)
            assert hi == (POS_INF if np.isinf(upper[p]) else int(upper[p])), p
            assert (lo < -POS_INF // 2) == np.isinf(lower[p]) and (np.isinf(lower[p]) or lo == -int(lower[p])), p
        print(f"{events:>8,} {len(net.names):>7,} {len(net.weights):>12,} {kg_time:>8.4f}s {dense_time:>8.3f}s "
              f"{dense_time / kg_time:>9.0f}x")

    print("\nkg sparse solver alone (a full solve: both directions, plus the negative-cycle checks)")
    print(f"{'events':>8} {'relations':>10} {'constraints':>12} {'build':>8} {'solve':>8}")
    solved = {}
    for events in sparse_sizes:
        begin = time.perf_counter()
        net = build(events)
        built = time.perf_counter() - begin
        solve_time, _ = best_of(1, net.solve)
        solved[events] = solve_time
        relations = len({o.ref for o in net.origins if o.kind == "relation"})
        print(f"{events:>8,} {relations:>10,} {len(net.weights):>12,} {built:>7.2f}s {solve_time:>7.2f}s")
    small, large = sparse_sizes
    growth = solved[large] / solved[small]
    print(f"\ngrowth {small:,} -> {large:,} events: {growth:.1f}x for {large / small:.0f}x the events "
          f"({growth / (large / small):.2f}x linear)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
