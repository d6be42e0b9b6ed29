"""How the query index and one question grow with the graph, against linear growth.

Target (issue #10): every load and query step, from 10k to 100k events, at most 1.2x linear
(n log n at worst). ``load_benchmark.py --steps-only`` measures every step on YAML files,
which takes minutes at 100k; this measures the query step alone on synthetic graphs
(:func:`kg.graph.synthetic.synthetic_graph`), each size in a fresh process, so it can be run
several times. The baseline is the smallest size's own time, scaled linearly: growth /
linear = t(n) / (t(n0) * n / n0).

Each size is timed from a collected heap (``gc.collect()`` first): a full pass of Python's
collector over the graph built before, which falls wherever it is due, is the graph
building's work, not the question's. ``--collector-due`` times without that collection,
to show it.

Beside it, the same process times a linear scan of the graph's edges (each event's start
and participants, straight from networkx): a step that is linear by construction, whose
growth shows what memory alone adds once the graph no longer fits in the processor's
caches.

    python benchmarks/query_growth_benchmark.py                  # 10k and 100k events, 3 runs each
    python benchmarks/query_growth_benchmark.py --sizes 10000 100000 300000 --runs 5
"""

from __future__ import annotations

import argparse
import json
import math
import os
import statistics
import subprocess
import sys

CHILD = """
import gc, json, sys, time
from kg.graph.synthetic import synthetic_graph
from kg.ask.index import index_of
from kg.ask.query import who_did
n, collect = int(sys.argv[1]), sys.argv[2] == "1"
G = synthetic_graph(max(1, n // 4), n, seed=1)
if collect:
    gc.collect()
t0 = time.process_time(); index_of(G); t1 = time.process_time()
answers = who_did(G, "opposed", before="2018"); t2 = time.process_time()
gc.disable()
s = time.process_time()
total = sum(d["time"].span.ordinals[0] + len(d["participants"]) for _, _, d in G.edges(data=True))
scan = time.process_time() - s
print(json.dumps({"index": t1 - t0, "question": t2 - t1, "both": t2 - t0, "answers": len(answers), "scan": scan}))
"""


def run(n: int, collect: bool) -> dict[str, float]:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    out = subprocess.run([sys.executable, "-c", CHILD, str(n), "1" if collect else "0"], capture_output=True,
                         text=True, check=True, env=env).stdout
    return json.loads(out)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--collector-due", action="store_true", help="do not collect the heap before timing")
    args = parser.parse_args()
    results: dict[int, dict[str, float]] = {}
    for n in args.sizes:
        runs = [run(n, not args.collector_due) for _ in range(args.runs)]
        results[n] = {k: statistics.median(r[k] for r in runs) for k in runs[0]}
    n0 = args.sizes[0]
    print(f"query step on synthetic graphs (CPU s, median of {args.runs} fresh processes; "
          f"{'collector due' if args.collector_due else 'from a collected heap'}); baseline: {n0:,} events, scaled linearly")
    print(f"{'events':>10} {'answers':>8} {'index':>8} {'question':>9} {'both':>8} {'scan':>8}   "
          "growth / linear (index, question, both; a linear scan)")
    for n, r in results.items():
        scale = n / n0
        growth = [r[k] / (results[n0][k] * scale) for k in ("index", "question", "both", "scan")]
        print(f"{n:>10,} {int(r['answers']):>8,} {r['index']:>8.3f} {r['question']:>9.3f} {r['both']:>8.3f} {r['scan']:>8.3f}   "
              + ", ".join(f"{g:.2f}" for g in growth[:3]) + f"; {growth[3]:.2f}"
              + (f"   (target <= 1.2; n log n: {math.log(n) / math.log(n0):.2f})" if n != n0 else ""))


if __name__ == "__main__":
    main()
