"""Load on `kg serve`: concurrent clients on loopback for a fixed time.

Starts `kg serve --port 0` on 127.0.0.1 (the bundled Stamos timeline), then runs N client
threads (default 20) for S seconds (default 30), each sending the example queries
(examples/queries/*.rq) in turn as form-encoded POSTs asking for SPARQL JSON, and counts
every answer that is not a 200 with a JSON body as a failure. It stops by itself and stops
the server.

Baseline, measured in the same run: the same queries run one after another in this
process with kg.rdf.sparql.run_sparql (no HTTP, no worker processes). The report gives the
served throughput and latency as ratios to it.

    python benchmarks/serve_benchmark.py            # 20 clients, 30 s
    python benchmarks/serve_benchmark.py --quick    # 5 clients, 5 s
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import statistics
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
QUERIES = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "examples" / "queries").glob("*.rq"))]


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


def baseline(seconds: float) -> tuple[float, list[float]]:
    """Queries per second and latencies, in-process and sequential."""
    from kg import load
    from kg.rdf.sparql import format_result, run_sparql

    dataset = load().dataset
    latencies = []
    deadline = time.monotonic() + seconds
    i = 0
    while time.monotonic() < deadline:
        started = time.perf_counter()
        format_result(run_sparql(dataset, QUERIES[i % len(QUERIES)]), "json")
        latencies.append(time.perf_counter() - started)
        i += 1
    return len(latencies) / sum(latencies), latencies


def client(url: str, deadline: float, offset: int, latencies: list[float], failures: list[str]) -> None:
    i = offset
    while time.monotonic() < deadline:
        body = urllib.parse.urlencode({"query": QUERIES[i % len(QUERIES)]}).encode()
        request = urllib.request.Request(url, data=body, headers={
            "Content-Type": "application/x-www-form-urlencoded", "Accept": "application/sparql-results+json"})
        started = time.perf_counter()
        try:
            with urllib.request.urlopen(request, timeout=60) as response:
                json.loads(response.read())
                ok = response.status == 200
        except (urllib.error.URLError, OSError, ValueError) as exc:
            ok = False
            failures.append(f"{type(exc).__name__}: {exc}")
        elapsed = time.perf_counter() - started
        if ok:
            latencies.append(elapsed)
        elif not failures or not failures[-1]:
            failures.append("not 200")
        i += 1


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=30.0)
    parser.add_argument("--workers", type=int, default=2, help="kg serve --workers")
    parser.add_argument("--quick", action="store_true", help="5 clients for 5 s")
    args = parser.parse_args()
    if args.quick:
        args.clients, args.seconds = 5, 5.0

    base_rate, base_latencies = baseline(min(args.seconds, 10.0))
    kg = shutil.which("kg") or "kg"
    server = subprocess.Popen([kg, "serve", "--port", "0", "--workers", str(args.workers)],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        line = server.stdout.readline()  # type: ignore[union-attr]
        found = re.search(r"SPARQL endpoint (http://127\.0\.0\.1:\d+/sparql)", line)
        if not found:
            print(f"kg serve did not start: {line}{server.stderr.read()}", file=sys.stderr)  # type: ignore[union-attr]
            return 1
        url = found.group(1)
        latencies: list[float] = []
        failures: list[str] = []
        deadline = time.monotonic() + args.seconds
        threads = [threading.Thread(target=client, args=(url, deadline, i, latencies, failures))
                   for i in range(args.clients)]
        started = time.monotonic()
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        wall = time.monotonic() - started
    finally:
        server.terminate()
        server.wait(timeout=30)

    rate = len(latencies) / wall
    print(f"kg serve, {args.clients} clients for {args.seconds:g} s on loopback, {args.workers} workers "
          f"({len(QUERIES)} example queries in turn)")
    print(f"{'':>26} {'served':>10} {'baseline':>10} {'ratio':>8}")
    print(f"{'queries per second':>26} {rate:>10.1f} {base_rate:>10.1f} {rate / base_rate:>7.2f}x")
    for name, q in (("p50 latency", 0.5), ("p99 latency", 0.99)):
        served, base = percentile(latencies, q), percentile(base_latencies, q)
        print(f"{name:>26} {served * 1000:>8.0f}ms {base * 1000:>8.0f}ms {served / base:>7.1f}x")
    print(f"{'requests':>26} {len(latencies) + len(failures):>10}")
    print(f"{'failed requests':>26} {len(failures):>10}")
    print(f"{'mean latency':>26} {statistics.mean(latencies) * 1000:>8.0f}ms")
    print("baseline: the same queries one after another in one process (run_sparql, no HTTP)")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
