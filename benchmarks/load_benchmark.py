"""How fast a timeline file becomes a queryable graph, against PyYAML's C loader alone.

Each measurement runs in a fresh subprocess (its time is the child's CPU time,
``time.process_time()``, so that other work on the machine does not count; its peak memory
``VmHWM`` of ``/proc/self/status``, where there is one, else ``ru_maxrss``), on synthetic timelines written
by :func:`kg.timeline.synthetic.write_synthetic_timeline`:

* **baseline**: ``yaml.load(text, Loader=yaml.CSafeLoader)`` alone on the same file (the
  floor: parsing only);
* **before**: the path kg took before issue #10, run with today's functions: the
  pure-Python YAML loader, the rdflib ``Dataset`` (:func:`kg.rdf.build.build_dataset`) and the
  networkx view read back from its union copy (:func:`kg.graph.from_rdf.to_networkx`);
* **after**: :func:`kg.load` then ``.networkx`` (libyaml, the view built straight from the
  typed model, no RDF).

Targets: after <= 1.5x the baseline at 10k and 100k events, peak memory <= 500 MB at 10k and
3 GB at 100k; each step (parse, model, view, query, N-Quads stream) grows at most 1.2x
linearly from 10k to 100k (a ratio of 10.0 is linear: the printed "growth / linear" should
be <= 1.2). Then ``kg ask`` on the bundled data against ``python -c "import rdflib,
networkx"`` (target <= 1.5x), before and after.

``--sources-per-event`` writes timelines shaped like hand-curated ones instead: one short
source per event and a distinct time phrase, quoted from the event's own source, on every
time and relation. These exercise the time-phrase checks of the reader (the "model" step)
and the phrase language tags of the RDF builder (the "N-Quads stream" step), which grew
quadratically before they looked in the item's own sources first. ``--steps-only`` measures
only the steps and their growth.

    python benchmarks/load_benchmark.py                 # 10k and 100k (100k takes minutes)
    python benchmarks/load_benchmark.py --sizes 2000 10000 --no-before-above 10000
    python benchmarks/load_benchmark.py --jobs 4        # measurements side by side (needs ~12 GB)
    nice -n 10 python benchmarks/load_benchmark.py --sources-per-event --steps-only
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

CHILD = r"""
import json, resource, sys, time
mode, path = sys.argv[1], sys.argv[2]
out = {}
t0 = time.process_time()
if mode == "baseline":
    import yaml
    with open(path, encoding="utf-8") as f:
        yaml.load(f.read(), Loader=yaml.CSafeLoader)
elif mode == "before":
    from kg.timeline import yamlfile
    yamlfile._CSafeLoader = None  # the pure-Python loader, as before
    from kg.graph.from_rdf import to_networkx
    from kg.rdf.build import build_dataset
    from kg.timeline.reader import load_timeline
    G = to_networkx(build_dataset(load_timeline(path)))
elif mode == "after":
    import kg
    G = kg.load(path).networkx
elif mode == "steps":
    import io, os
    from kg.timeline.yamlfile import load_yaml_file
    from kg.timeline.reader import load_timeline
    from kg.graph.view import timeline_view
    from kg.rdf.nquads import iter_quads, nquad_line
    from kg.ask.query import who_did
    from pathlib import Path
    import gc
    # Each step starts from a collected heap (as timeit and pyperf arrange): a full pass of
    # Python's collector over what earlier steps built, due whenever it falls, is not this
    # step's work. The collections themselves are counted in "seconds" (the whole run).
    gc.collect(); s = time.process_time(); load_yaml_file(Path(path)); out["parse"] = time.process_time() - s
    gc.collect(); s = time.process_time(); t = load_timeline(path); out["model (with parse)"] = time.process_time() - s
    gc.collect(); s = time.process_time(); G = timeline_view(t); out["view"] = time.process_time() - s
    gc.collect(); s = time.process_time(); rows = who_did(G, "opposed", before="2018"); out["query (index + who opposed)"] = time.process_time() - s
    gc.collect(); s = time.process_time()
    with open(os.devnull, "w", encoding="utf-8") as sink:
        for q in iter_quads(t):
            sink.write(nquad_line(q))
    out["N-Quads stream"] = time.process_time() - s
out["seconds"] = time.process_time() - t0
try:  # this process's own peak: ru_maxrss would also count the parent's memory before exec
    with open("/proc/self/status") as f:
        out["peak_mb"] = next(int(l.split()[1]) for l in f if l.startswith("VmHWM:")) / 1024
except OSError:
    out["peak_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps(out))
"""


ENV = {**os.environ, "KG_MAX_INPUT_SIZE": "4G"}  # timelines of 10k events and more are over the 4 MiB default


def child(mode: str, path: Path | str, timeout: float) -> dict[str, float] | None:
    try:
        result = subprocess.run([sys.executable, "-c", CHILD, mode, str(path)], capture_output=True, text=True,
                                timeout=timeout, check=False, env=ENV)
    except subprocess.TimeoutExpired:
        return None
    if result.returncode != 0:
        print(f"  {mode} failed: {result.stderr.strip().splitlines()[-1:]}", file=sys.stderr)
        return None
    return json.loads(result.stdout.strip().splitlines()[-1])


def run(cmd: list[str], repeat: int) -> float:
    """Median CPU time (user + system) of ``cmd`` run ``repeat`` times."""
    import resource

    # byte code written and read, as an installed package has it (PYTHONDONTWRITEBYTECODE=1 would
    # make every run compile kg's modules afresh); the first run writes it and warms the caches
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    subprocess.run(cmd, capture_output=True, check=True, env=env)
    times = []
    for _ in range(repeat):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        subprocess.run(cmd, capture_output=True, check=True, env=env)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        times.append(after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--no-before-above", type=int, default=10_000,
                        help="skip the before path above this size (it needs ~220 KB per event)")
    parser.add_argument("--timeout", type=float, default=3600)
    parser.add_argument("--repeat", type=int, default=5, help="runs of each kg ask timing (median)")
    parser.add_argument("--jobs", type=int, default=1,
                        help="measurements run at once (each its own process, timed by its own CPU time)")
    parser.add_argument("--sources-per-event", action="store_true",
                        help="one short source per event, a distinct time phrase quoted from it on every time")
    parser.add_argument("--steps-only", action="store_true",
                        help="only the steps and their growth (no baseline, before, after or kg ask)")
    args = parser.parse_args()
    from concurrent.futures import ThreadPoolExecutor

    from kg.timeline.synthetic import write_synthetic_timeline

    folder = Path(tempfile.mkdtemp(prefix="kg-load-"))
    steps: dict[int, dict[str, float]] = {}
    rows = []
    paths = {n: write_synthetic_timeline(folder / str(n), events=n, seed=1, sources_per_event=args.sources_per_event)
             for n in args.sizes}
    modes = ("steps",) if args.steps_only else ("baseline", "before", "after", "steps")
    shape = "one source per event, distinct time phrases" if args.sources_per_event else "one source"
    print(f"Synthetic timelines: {shape}", flush=True)
    with ThreadPoolExecutor(max_workers=args.jobs) as pool:
        runs = {(n, mode): pool.submit(child, mode, paths[n], args.timeout) for n in args.sizes for mode in modes
                if mode != "before" or n <= args.no_before_above}
        for n in args.sizes:
            path = paths[n]
            mb = path.stat().st_size / 1e6
            steps[n] = runs[n, "steps"].result() or {}
            if args.steps_only:
                print(f"{n:>7,} events ({mb:.0f} MB of YAML)")
                print("    steps  " + ", ".join(f"{k} {v:.2f} s" for k, v in steps[n].items() if k not in ("seconds", "peak_mb"))
                      if steps[n] else "    steps  did not finish", flush=True)
                continue
            base, after = runs[n, "baseline"].result(), runs[n, "after"].result()
            before = runs[n, "before"].result() if (n, "before") in runs else None
            rows.append((n, mb, base, before, after))
            print(f"{n:>7,} events ({mb:.0f} MB of YAML): baseline yaml.load(CSafeLoader) "
                  f"{base['seconds']:.1f} s, {base['peak_mb']:.0f} MB" if base else f"{n} events: baseline failed", flush=True)
            for name, r in (("before", before), ("after", after)):
                if r is None:
                    why = "skipped (would need about 220 KB per event)" if name == "before" and n > args.no_before_above \
                        else "did not finish"
                    print(f"    {name:<6} {why}")
                else:
                    print(f"    {name:<6} {r['seconds']:7.1f} s = {r['seconds'] / base['seconds']:5.2f}x baseline "
                          f"(target <= 1.5x), peak {r['peak_mb']:6.0f} MB"
                          f" (target <= {500 if n <= 10_000 else 3000} MB)", flush=True)
            print("    steps  " + ", ".join(f"{k} {v:.2f} s" for k, v in steps[n].items() if k not in ("seconds", "peak_mb"))
                  if steps[n] else "    steps  did not finish", flush=True)
    done = sorted(n for n in steps if steps[n])
    for large in done[1:]:  # each larger size that finished, against the smallest
        small = done[0]
        factor = large / small
        print(f"\nGrowth of each step, {small:,} -> {large:,} events (linear = {factor:.1f}x; target: growth / linear "
              "<= 1.2)")
        for name in steps[small]:
            if name in ("seconds", "peak_mb") or name not in steps[large] or not steps[small][name]:
                continue
            grow = steps[large][name] / steps[small][name]
            print(f"    {name:<22} {steps[small][name]:8.2f} s -> {steps[large][name]:8.2f} s: {grow:6.1f}x, "
                  f"growth / linear {grow / factor:4.2f}")
    for n in sorted(set(steps) - set(done)):
        print(f"\n{n:,} events: the steps did not finish (timeout {args.timeout:.0f} s)")
    if args.steps_only:
        return
    bare = run([sys.executable, "-c", "import rdflib, networkx"], args.repeat)
    question = "who opposed disclosure before April 2017"
    before_ask = ("import sys\nfrom kg.timeline import yamlfile\nyamlfile._CSafeLoader = None\n"
                  "from kg.knowledge_graph import KnowledgeGraph\nfrom kg.rdf.build import build_dataset\n"
                  "from kg.timeline.reader import load_timeline\nt = load_timeline()\n"
                  "print(KnowledgeGraph(build_dataset(t), timeline=t).ask(sys.argv[1]))\n")
    before = run([sys.executable, "-c", before_ask, question], args.repeat)
    after = run([sys.executable, "-c", "from kg.cli import main; main()", "ask", question], args.repeat)
    print(f"\nkg ask {question!r} on the bundled data (CPU s, median of {args.repeat}); baseline python -c "
          f"'import rdflib, networkx' {bare:.2f} s")
    print(f"    before {before:.2f} s = {before / bare:.2f}x baseline (target <= 1.5x)")
    print(f"    after  {after:.2f} s = {after / bare:.2f}x baseline (target <= 1.5x)")


if __name__ == "__main__":
    main()
