"""Event tables: load and "who did R to T before D", each against a baseline in the same run.

On synthetic ICEWS-style quadruples (:mod:`kg.graph.synthetic_table`: CAMEO-style relations,
Zipf-like actors, one day per fact), at 10k, 100k and 1M events:

* **load**: ``kg.load(table.tsv)`` to the networkx view that answers questions, and then its
  query index (``kg.ask.query.index_of``), against the baseline of networkx building a
  ``MultiDiGraph`` of the same quadruples read with the ``csv`` module (``add_edge(head,
  tail, relation=..., date=...)``), and against pyoxigraph bulk-loading the same events as
  N-Quads (kg's own RDF of the table, :func:`kg.rdf.table_rdf.table_nquads`, into an on-disk
  store). Each runs in a fresh process; times are CPU seconds (the index's, the median of
  three builds), memory the process's peak resident size (``ru_maxrss``, with one index).
  Each load ends with a full pass of Python's collector, so the collector's work for what it
  built is counted in it, not wherever its next pass falls (the query index pays for the first
  scan of its own objects as it is built, ``kg.collector``).
* **query**: ``kg.ask.query.who_did(G, R, T, before=D)`` for a selective target (a handful of
  facts) and a popular one (the most frequent target of R), median of many runs, against a
  plain sorted-column index (per (relation, tail): days sorted, heads alongside; ``bisect``)
  returning the same answers (checked), with the first question on each pair (which builds the
  pair's columns) and who_did followed by reading every answer's support (built on first
  read) shown beside it; and at 100k events (``--quick``: the largest size)
  against pyoxigraph running the SPARQL kg compiles for the same question
  (:func:`kg.ask.sparql.compile_question`) over the same store, answers checked too.
  Query times are CPU times too (medians).
* **growth**: each step's time from size to size, over the growth in events (1.0 is linear).

    python benchmarks/table_benchmark.py            # 10k, 100k, 1M (several minutes)
    python benchmarks/table_benchmark.py --quick    # 2k and 20k
    python benchmarks/table_benchmark.py --sizes 100000 1000000
"""

from __future__ import annotations

import argparse
import bisect
import csv
import datetime as dt
import gc
import json
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

RELATION = "Criticize or denounce"
INDEX_BUILDS = 3  # the index is timed as the median of this many builds
BEFORE = "2010-07-01"


def cpu() -> float:
    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_utime + r.ru_stime


def peak_mb() -> float:
    """This process's peak resident memory (VmHWM: unlike ru_maxrss, not carried over from the
    parent across fork and exec), else ru_maxrss."""
    try:
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


# -- children: one measurement each, in a fresh process -------------------------------------

def child_baseline(path: str) -> dict:
    import networkx as nx

    start = cpu()
    G = nx.MultiDiGraph()
    with open(path, newline="", encoding="utf-8") as f:
        for head, relation, tail, day in csv.reader(f, delimiter="\t"):
            G.add_edge(head, tail, relation=relation, date=day)
    gc.collect()
    return {"load": cpu() - start, "peak_mb": peak_mb(), "edges": G.number_of_edges()}


def child_oxigraph(path: str) -> dict:
    import pyoxigraph as ox

    with tempfile.TemporaryDirectory(ignore_cleanup_errors=True) as folder:
        start = cpu()
        store = ox.Store(folder)
        store.bulk_load(path=path, format=ox.RdfFormat.N_QUADS)
        store.flush()
        took = cpu() - start
        n = len(store)
        del store  # closed before its folder is removed (a 1M-event run once failed there)
    return {"load": took, "peak_mb": peak_mb(), "quads": n}


def _targets(G) -> tuple[str, str]:
    """(selective, popular) targets of RELATION: about 5 facts, and the most."""
    from kg.ask.query import index_of

    index = index_of(G)
    relation = index.relation(RELATION)
    counts = Counter(t for (r, t) in index.by_pair for _ in [0] if r == relation)
    sizes = {t: len(index.by_pair[(relation, t)]) for t in counts}
    popular = max(sizes, key=lambda t: (sizes[t], t))
    selective = min(sizes, key=lambda t: (abs(sizes[t] - 5), t))
    return G.nodes[selective]["label"], G.nodes[popular]["label"]


def _median(fn, runs: int) -> float:
    """Median CPU time of ``fn`` (CPU, not wall: on a shared machine a long query is preempted)."""
    times = []
    for _ in range(runs):
        start = time.process_time()
        fn()
        times.append(time.process_time() - start)
    return statistics.median(times)


def _medians(fns, runs: int, block: int = 5) -> list[float]:
    """Median CPU time of each of ``fns``, taken in turns of ``block`` runs each, so that the load
    of a shared machine falls on each alike (two medians measured a minute apart moved by 2x
    between runs), while most runs still find the caches warm from the run before, as a loop does."""
    times: list[list[float]] = [[] for _ in fns]
    for _ in range(max(1, runs // block)):
        for took, fn in zip(times, fns):
            for _ in range(block):
                start = time.process_time()
                fn()
                took.append(time.process_time() - start)
    return [statistics.median(t) for t in times]


def child_kg(path: str, oxigraph: str | None = None) -> dict:
    from kg import load
    from kg.inputs import input_limits
    from kg.ask.query import index_of, run_who, time_filter, who_did
    import kg.time.edtf, kg.timeline.model, kg.tables  # noqa: F401, E401 - imported before the timing, as networkx is for the baseline

    start = cpu()
    with input_limits(max_size=1 << 34):
        G = load(path).networkx
    gc.collect()
    loaded = cpu() - start
    start = cpu()
    index_of(G)
    builds = [cpu() - start]
    out = {"load": loaded, "peak_mb": peak_mb(), "edges": G.number_of_edges()}  # the peak with one index
    for _ in range(INDEX_BUILDS - 1):  # the median of a few builds: a 10k index takes a few hundredths of a second
        G.__networkx_cache__.clear()
        gc.collect()
        start = cpu()
        index_of(G)
        builds.append(cpu() - start)
    out["index"] = statistics.median(builds)

    # the plain sorted-column index over the same quadruples
    start = cpu()
    columns: dict[tuple[str, str], list[tuple[int, int, str]]] = {}
    with open(path, newline="", encoding="utf-8") as f:
        for line, (head, relation, tail, day) in enumerate(csv.reader(f, delimiter="\t"), start=1):
            columns.setdefault((relation, tail), []).append((dt.date.fromisoformat(day).toordinal(), line, head))
    plain = {k: tuple(map(list, zip(*sorted(v)))) for k, v in columns.items()}
    out["plain_build"] = cpu() - start
    cut = dt.date.fromisoformat(BEFORE).toordinal()

    def plain_who(tail: str) -> set[tuple[str, int, str]]:
        """(head, fact, grade) for the facts before the day: bisect on the day column, a day each."""
        days, lines, heads = plain.get((RELATION, tail), ([], [], []))
        i = bisect.bisect_left(days, cut)
        return {(h, n, "certainly") for h, n in zip(heads[:i], lines[:i])}

    index = index_of(G)
    index.entities  # the name lexicons are built on first use: once, before the timing
    relation, when = index.relation(RELATION), time_filter(before=BEFORE)

    def kg_index(target: str) -> set[tuple[str, str, object]]:  # the index's rows: names resolved, no answer objects
        return {(agent, item.key, grade) for agent, item, grade in run_who(index, relation, target, when) if grade}

    def same(rows: set) -> set:
        return {(G.nodes[a]["label"], int(k.rsplit("/", 1)[-1]), g.word) for a, k, g in rows}

    for name, target in zip(("selective", "popular"), _targets(G)):
        start = cpu()
        answers = who_did(G, RELATION, target, before=BEFORE)  # the first on the pair builds its columns (one CPU sample)
        first = cpu() - start
        expected = plain_who(target)
        iri = index.entity(target)
        assert {(a.label, int(s.iri.rsplit("/", 1)[-1]), s.certainty.word) for a in answers for s in a.support} \
            == expected, (name, target)
        assert same(kg_index(iri)) == expected, (name, target)
        runs = 1000 if len(expected) < 100 else 100
        kg_time, index_time, plain_time = _medians(
            [lambda: who_did(G, RELATION, target, before=BEFORE), lambda: kg_index(iri), lambda: plain_who(target)], runs)
        supported = _median(lambda: [a.support for a in who_did(G, RELATION, target, before=BEFORE)], max(5, runs // 10))
        out[name] = {"target": target, "answers": len(answers),
                     "events": sum(len(a.support) for a in answers),
                     "kg": kg_time, "index": index_time, "plain": plain_time, "first": first, "supported": supported}
        if oxigraph:
            out[name]["oxigraph"] = _oxigraph_query(G, oxigraph, target, {a.iri for a in answers})
    return out


def _oxigraph_query(G, store_path: str, target: str, expected: set[str]) -> float:
    """Median time of pyoxigraph running kg's compiled SPARQL for the question (answers checked)."""
    import pyoxigraph as ox

    from kg.namespace import PREFIXES
    from kg.ask.query import index_of
    from kg.ask.question import Question
    from kg.ask.sparql import compile_question
    from kg.rdf.sparql import with_values

    index = index_of(G)
    when = __import__("kg.ask.query", fromlist=["time_filter"]).time_filter(before=BEFORE)
    question = Question(f"who {RELATION} {target} before {BEFORE}", "who", relation=index.relation(RELATION),
                        target=index.entity(target), when=when)
    text, bindings = compile_question(question, index)
    query = "\n".join(f"PREFIX {p}: <{ns}>" for p, ns in PREFIXES.items()) + "\n" + with_values(text, bindings)
    store = ox.Store.read_only(store_path)
    found = {row["answer"].value for row in store.query(query)}
    assert found == expected, (len(found), len(expected))
    return _median(lambda: list(store.query(query)), 5 if len(expected) > 100 else 20)


def run_child(*args: str) -> dict:
    done = subprocess.run([sys.executable, __file__, "--child", *args], capture_output=True, text=True)
    if done.returncode != 0:
        raise SystemExit(f"child {args} failed:\n{done.stderr}")
    return json.loads(done.stdout.strip().splitlines()[-1])


# -- the report -----------------------------------------------------------------------------

def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="2k and 20k events only")
    parser.add_argument("--sizes", type=int, nargs="+", help="these sizes instead (e.g. --sizes 100000 1000000)")
    parser.add_argument("--child", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        kind, *rest = args.child
        result = {"baseline": child_baseline, "oxigraph": child_oxigraph, "kg": child_kg}[kind](*rest)
        print(json.dumps(result))
        return
    from kg.graph.synthetic_table import write_synthetic_table
    from kg.rdf.table_rdf import table_nquads
    from kg.tables import load_table

    sizes = tuple(args.sizes or ((2_000, 20_000) if args.quick else (10_000, 100_000, 1_000_000)))
    sparql_size = sizes[-1] if args.quick else 100_000
    rows = []
    with tempfile.TemporaryDirectory() as folder:
        for n in sizes:
            tsv = write_synthetic_table(Path(folder) / f"icews-{n}.tsv", n, seed=1)
            nq = Path(folder) / f"icews-{n}.nq"
            from kg.inputs import input_limits

            with input_limits(max_size=1 << 34), nq.open("w", encoding="utf-8") as out:
                out.writelines(table_nquads(load_table(tsv).networkx))
            base = run_child("baseline", str(tsv))
            ox = run_child("oxigraph", str(nq))
            store = None
            if n == sparql_size:  # a store to query, kept for the kg child
                import pyoxigraph

                store = str(Path(folder) / "store")
                s = pyoxigraph.Store(store)
                s.bulk_load(path=str(nq), format=pyoxigraph.RdfFormat.N_QUADS)
                s.flush()
                del s
            kg = run_child("kg", str(tsv), *([store] if store else []))
            rows.append((n, base, ox, kg))
            nq.unlink()
            report_size(n, base, ox, kg)
    report_growth(rows)


def report_size(n: int, base: dict, ox: dict, kg: dict) -> None:
    print(f"\n== {n:,} events ==")
    print(f"load   baseline (csv + networkx MultiDiGraph) {base['load']:7.2f} s  {base['peak_mb']:7.0f} MB peak")
    print(f"       kg.load -> networkx view               {kg['load']:7.2f} s  ({kg['load'] / base['load']:.2f}x baseline)")
    both = kg["load"] + kg["index"]
    print(f"       kg.load + query index                  {both:7.2f} s  ({both / base['load']:.2f}x baseline)"
          f"  {kg['peak_mb']:7.0f} MB peak")
    print(f"       pyoxigraph bulk load, {ox['quads']:,} quads   {ox['load']:7.2f} s  "
          f"({ox['load'] / both:.2f}x kg load + index)  {ox['peak_mb']:7.0f} MB peak")
    for name in ("selective", "popular"):
        q = kg[name]
        line = (f"query  {name:9} ({q['answers']:,} answers, {q['events']:,} events): kg who_did {q['kg'] * 1e3:.3f} ms; "
                f"kg index {q['index'] * 1e3:.4f} ms = {q['index'] / q['plain']:.1f}x sorted columns "
                f"{q['plain'] * 1e3:.4f} ms (who_did {q['kg'] / q['plain']:.1f}x: "
                f"{'within' if q['kg'] <= 10 * q['plain'] else 'NOT within'} the 10x target)")
        if "oxigraph" in q:
            line += f"; pyoxigraph SPARQL {q['oxigraph'] * 1e3:.2f} ms (kg who_did {q['oxigraph'] / q['kg']:.0f}x faster)"
        print(line)
        print(f"       {'':9} first question on the pair (its columns and first-use caches built) {q['first'] * 1e3:.3f} ms; who_did and "
              f"reading every answer's support {q['supported'] * 1e3:.3f} ms ({q['supported'] / q['plain']:.1f}x sorted columns)")


def report_growth(rows: list) -> None:
    print("\n== growth (time ratio / events ratio; 1.0 is linear) ==")
    for (n1, b1, o1, k1), (n2, b2, o2, k2) in zip(rows, rows[1:]):
        f = n2 / n1
        parts = [f"load {k2['load'] / k1['load'] / f:.2f}", f"index {k2['index'] / k1['index'] / f:.2f}",
                 f"baseline {b2['load'] / b1['load'] / f:.2f}",
                 f"selective query {k2['selective']['kg'] / k1['selective']['kg']:.2f}x time for {f:.0f}x events "
                 f"(answers {k1['selective']['events']} -> {k2['selective']['events']})",
                 f"popular query {k2['popular']['kg'] / k1['popular']['kg'] / (k2['popular']['events'] / k1['popular']['events']):.2f} per answer"]
        print(f"{n1:,} -> {n2:,}: " + ", ".join(parts))


if __name__ == "__main__":
    main()
