"""Which SPARQL engine for large data: rdflib's memory store against pyoxigraph, same queries.

On synthetic timelines (:func:`kg.timeline.synthetic.write_synthetic_timeline`) this times,
for each engine,

* **load** (CPU seconds, as every figure here): rdflib: :func:`kg.rdf.build.build_dataset` then its union copy (what ``kg ask
  --engine sparql --store rdflib`` queries); pyoxigraph: :func:`kg.stores.sparql_store.oxigraph_store`, the
  streamed N-Quads (:mod:`kg.rdf.nquads`, portable layout) bulk-loaded into an in-memory ``pyoxigraph.Store``
  (what ``--store oxigraph`` queries);
* **queries**: kg's own compiled SPARQL (:func:`kg.ask.sparql.compile_question`) for a
  selective and a popular question, and a plain aggregate, each the median of a few runs;

checks that both engines return the same rows, and prints each figure with the ratio
rdflib / pyoxigraph. The choice it supports is written up in the README ("Performance").

    python benchmarks/sparql_engine_benchmark.py --sizes 1000 5000
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path
from typing import Any

QUESTIONS = ("who opposed Topic 1 before 2018", "what happened before 2017")
AGGREGATE = ("SELECT ?type (COUNT(DISTINCT ?e) AS ?n) WHERE { ?e a kg:Event ; sem:eventType ?type } "
             "GROUP BY ?type")


def timed(fn: Any, repeat: int = 3) -> tuple[float, Any]:
    times, result = [], None
    for _ in range(repeat):
        start = time.process_time()
        result = fn()
        times.append(time.process_time() - start)
    return statistics.median(times), result


def main() -> None:
    from kg.knowledge_graph import KnowledgeGraph
    from kg.namespace import PREFIXES
    from kg.ask.question import parse_question
    from kg.ask.sparql import compile_question
    from kg.ask.query import index_of
    from kg.rdf.build import build_dataset, union_graph
    from kg.rdf.sparql import with_values
    from kg.stores.sparql_store import oxigraph_store
    from kg.timeline.synthetic import write_synthetic_timeline
    from kg.timeline.reader import load_timeline
    from kg.graph.view import timeline_view

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 5000])
    args = parser.parse_args()
    prefixes = "\n".join(f"PREFIX {p}: <{ns}>" for p, ns in PREFIXES.items())
    folder = Path(tempfile.mkdtemp(prefix="kg-sparql-"))
    for n in args.sizes:
        timeline = load_timeline(write_synthetic_timeline(folder / str(n), events=n, seed=1))
        G = timeline_view(timeline)
        index = index_of(G)
        start = time.process_time()
        union = union_graph(build_dataset(timeline))
        rdflib_load = time.process_time() - start
        start = time.process_time()
        store = oxigraph_store(KnowledgeGraph(timeline=timeline))  # what --store oxigraph builds: streamed, bulk-loaded
        oxi_load = time.process_time() - start
        print(f"{n:>6,} events: load  rdflib {rdflib_load:7.2f} s, pyoxigraph {oxi_load:6.2f} s "
              f"({rdflib_load / oxi_load:5.1f}x)", flush=True)
        queries = []
        for text in QUESTIONS:
            query, bindings = compile_question(parse_question(G, text), index)
            queries.append((text, query, bindings))
        queries.append(("count events by type", AGGREGATE, {}))
        for name, query, bindings in queries:
            full = prefixes + "\n" + with_values(query, bindings)
            r_time, r_rows = timed(lambda: {tuple(str(v) for v in row) for row in union.query(full)})
            o_time, o_rows = timed(lambda: {tuple(_plain(v) for v in row) for row in store.query(full)})
            same = "same rows" if r_rows == o_rows else f"DIFFERENT rows ({len(r_rows)} vs {len(o_rows)})"
            print(f"    {name:<36} rdflib {r_time * 1000:9.1f} ms, pyoxigraph {o_time * 1000:7.1f} ms "
                  f"({r_time / o_time:6.1f}x), {len(r_rows)} rows, {same}", flush=True)
        del union, store


def _plain(term: Any) -> str:
    """A pyoxigraph term as rdflib's ``str()`` gives it (an IRI's text, a literal's lexical form)."""
    return "None" if term is None else str(term.value)


if __name__ == "__main__":
    main()
