"""Benchmark: building the explorer page vs pyvis's own Network.from_nx route.

Builds synthetic graphs (kg.graph.synthetic) of 200, 2,000 and 20,000 edges, plus the target
case of 2,000 nodes / 5,000 edges, and times, in the same run and on the same graph:

- kg:       kg.views.explorer.render_html(G)  (pyvis Network filled from lists, kg's template, the full
            explorer: claims, evidence, times)
- from_nx:  pyvis's documented route, Network() then from_nx(G') then generate_html(), where G'
            is G with the attributes pyvis passes to vis (label, title, colour). Network() is
            undirected by default, and then add_edge scans every existing edge for a duplicate:
            quadratic in the edges. This is the baseline the target is set against (the issue
            measured it at 0.9 s for 2,000 nodes / 5,000 edges).
- directed: the same with Network(directed=True), which skips that scan (still O(nodes) per
            edge: it checks `source in node_ids`, a list).

Reports the best of N runs for each, how many times faster kg is than each, and page sizes.
Target: kg at least 5x faster than from_nx at 2,000 nodes / 5,000 edges.

    python benchmarks/render_benchmark.py            # all sizes
    python benchmarks/render_benchmark.py --quick    # skip 20,000 edges
"""

from __future__ import annotations

import argparse
import time

import networkx as nx
from pyvis.network import Network

from kg.views.explorer import KIND_COLOURS, render_html
from kg.graph.synthetic import synthetic_graph

SIZES = [(80, 200), (800, 2_000), (2_000, 5_000), (8_000, 20_000)]


def plain(G: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """The same graph with only the attributes pyvis's from_nx passes through to vis."""
    H = nx.MultiDiGraph()
    for node, d in G.nodes(data=True):
        H.add_node(node, label=d["label"], title=d["label"], color=KIND_COLOURS[d["kind"]])
    for u, v, key, d in G.edges(keys=True, data=True):
        when = d["time"].describe("en")
        H.add_edge(u, v, key=key, label=f"{d['relation']} · {when}", title=f"{d['labels']['en']}\n{when}")
    return H


def best_of(repeats: int, build) -> tuple[float, int]:  # type: ignore[no-untyped-def]
    times, size = [], 0
    for _ in range(repeats):
        start = time.perf_counter()
        html = build()
        times.append(time.perf_counter() - start)
        size = len(html.encode("utf-8"))
    return min(times), size


def from_nx_route(H: nx.MultiDiGraph, *, directed: bool = False) -> str:
    net = Network(directed=directed, cdn_resources="in_line")
    net.from_nx(H)
    return net.generate_html()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="skip the 20,000-edge graph")
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    print(f"{'nodes':>6} {'edges':>6}  {'kg (s)':>7} {'from_nx (s)':>11} {'directed (s)':>12}  "
          f"{'vs from_nx':>10} {'vs directed':>11}  {'kg MB':>6} {'from_nx MB':>10}")
    for nodes, edges in SIZES:
        if args.quick and edges > 10_000:
            continue
        G = synthetic_graph(nodes, edges, seed=nodes)
        H = plain(G)
        render_html(G)  # warm caches (vis-network read once, templates compiled)
        ours, our_size = best_of(args.repeats, lambda: render_html(G))
        slow = 1 if edges > 10_000 else args.repeats
        theirs, their_size = best_of(slow, lambda: from_nx_route(H))
        directed, _ = best_of(slow, lambda: from_nx_route(H, directed=True))
        print(f"{nodes:>6} {edges:>6}  {ours:>7.3f} {theirs:>11.3f} {directed:>12.3f}  "
              f"{theirs / ours:>9.1f}x {directed / ours:>10.1f}x  {our_size / 1e6:>6.2f} {their_size / 1e6:>10.2f}")


if __name__ == "__main__":
    main()
