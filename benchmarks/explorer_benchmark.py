"""Benchmark: the explorer page in Chromium at 5,000, 20,000 and 50,000 events.

For each size it builds a synthetic graph (kg.graph.synthetic, 2 nodes for every 5 events) and
opens, in the same run and the same browser (Debian's chromium, headless, through
playwright):

- kg:        the page as this checkout draws it (kg.views.explorer.render_html);
- baseline:  the page as commit d1b4547 drew it (vis-network drawing every edge and node,
             every item looked at on each slider step), built from that commit's own kg/
             package (``git archive``) in a subprocess; ``--baseline 448ac85`` names the
             page before bundles and lanes (physics layout, one edge per event).

and measures

- settle:  from navigation until the page says it is ready (body[data-settled]) and its
           first frame is drawn: the time the page is frozen;
- full:    from navigation until what only tooltips, panels and search need is unpacked too
           (a large page unpacks it after its first picture, when the browser is idle; asked
           for at once here); the baseline pages have it from the start (full = settle);
- step:    one slider step (setDate, a 120th of the timeline, as Play moves) until the next
           frame is painted: the median of 5 steps spread over the timeline;
- jump:    the slider dragged from the end to a fifth of the way in one move (most edges
           change state at once), until painted.

It prints the figures for both pages, how many times faster kg is, and kg's figures against
the targets: at 20,000 events a step in at most 0.25 s and settling in at most 3 s; at
50,000, at most 1 s a step. Wall-clock times on a shared machine vary from run to run; the
ratios, both pages measured back to back in the same browser, are the figures to read.

    python benchmarks/explorer_benchmark.py                    # 5k, 20k, 50k
    python benchmarks/explorer_benchmark.py --sizes 5000       # one size
    python benchmarks/explorer_benchmark.py --no-baseline      # kg only
    python benchmarks/explorer_benchmark.py --baseline 448ac85
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BASELINE = "d1b4547"
TARGETS = {20_000: (3.0, 0.25), 50_000: (None, 1.0)}  # events: (settle, step) in seconds
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu"]
STEP = """async ([before, day]) => {
    const net = kgExplorer.network;
    if (before !== null) {
        kgExplorer.setDate(before);
        await new Promise((resolve) => { net.once("afterDrawing", resolve); net.body.emitter.emit("_requestRedraw"); });
    }
    const started = performance.now();
    kgExplorer.setDate(day);
    // the next frame, the one the step asked for (vis coalesces requests into one frame)
    await new Promise((resolve) => { net.once("afterDrawing", resolve); net.body.emitter.emit("_requestRedraw"); });
    return (performance.now() - started) / 1000;
}"""
WRITE = ("import sys\n"
         "try:\n"
         "    from kg.graph.synthetic import synthetic_graph\n"
         "    from kg.views.explorer import write_html\n"
         "except ImportError:  # a commit from before the layout by stage (kg.synthetic, kg.render)\n"
         "    from kg.synthetic import synthetic_graph\n"
         "    from kg.render import write_html\n"
         "write_html(synthetic_graph(int(sys.argv[1]), int(sys.argv[2]), seed=5), sys.argv[3])\n")


def baseline_package(folder: Path, commit: str) -> Path:
    """The kg package of the baseline commit, unpacked into ``folder``."""
    archive = folder / "baseline.tar"
    subprocess.run(["git", "-C", str(ROOT), "archive", "-o", str(archive), commit, "kg"], check=True)
    with tarfile.open(archive) as tar:
        tar.extractall(folder / "baseline", filter="data")
    return folder / "baseline"


def write_page(nodes: int, edges: int, path: Path, package: Path | None) -> None:
    env = None
    if package is not None:
        import os

        env = {**os.environ, "PYTHONPATH": str(package)}
    subprocess.run([sys.executable, "-c", WRITE, str(nodes), str(edges), str(path)], check=True, env=env,
                   cwd=str(package or ROOT))


def against_targets(edges: int, settle: float, step: float) -> str:
    """kg's figures against the issue's targets for this size ("" where it has none)."""
    wanted = TARGETS.get(edges)
    if wanted is None:
        return ""
    parts = []
    for name, value, target in (("settle", settle, wanted[0]), ("step", step, wanted[1])):
        if target is not None:
            parts.append(f"{name} {value:.2f}s/{target:g}s {'met' if value <= target else 'NOT met'}")
    return "  target: " + ", ".join(parts)


def measure(browser, path: Path) -> tuple[float, float, float, float]:  # type: ignore[no-untyped-def]
    page = browser.new_page(viewport={"width": 1500, "height": 950})
    page.set_default_timeout(600_000)
    try:
        started = time.perf_counter()
        page.goto(path.resolve().as_uri(), wait_until="commit", timeout=600_000)
        page.wait_for_selector("body[data-settled='true']", state="attached", timeout=600_000)
        page.evaluate("() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)))")
        settle = time.perf_counter() - started
        page.evaluate("async () => { if (kgExplorer.detailed) await kgExplorer.detailed(); }")
        full = time.perf_counter() - started
        lo, hi = page.evaluate("""() => { const s = document.getElementById("kg-slider"); return [+s.min, +s.max]; }""")
        step = max(1, round((hi - lo) / 120))
        days = [round(lo + f * (hi - lo)) for f in (0.2, 0.4, 0.6, 0.8, 0.5)]
        steps = [page.evaluate(STEP, [day, day + step]) for day in days]
        page.evaluate("(d) => kgExplorer.setDate(d)", hi)
        jump = page.evaluate(STEP, [None, round(lo + 0.2 * (hi - lo))])
        return settle, full, statistics.median(steps), jump
    finally:
        page.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="*", default=[5_000, 20_000, 50_000])
    parser.add_argument("--no-baseline", action="store_true")
    parser.add_argument("--baseline", default=BASELINE, help=f"the commit to compare with (default {BASELINE})")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as p:
        folder = Path(tmp)
        package = None if args.no_baseline else baseline_package(folder, args.baseline)
        if package is not None:
            print(f"baseline: the page of commit {args.baseline}")
        browser = p.chromium.launch(executable_path=shutil.which("chromium"), args=FLAGS)
        print(f"{'events':>7} {'nodes':>6}  {'kg: settle':>10} {'full':>6} {'step':>6} {'jump':>6}  "
              f"{'baseline: settle':>16} {'step':>6} {'jump':>6}  {'faster: settle':>14} {'step':>5} {'jump':>5}")
        for edges in args.sizes:
            nodes = edges * 2 // 5
            ours = folder / f"kg-{edges}.html"
            write_page(nodes, edges, ours, None)
            settle, full, step, jump = measure(browser, ours)
            line = f"{edges:>7} {nodes:>6}  {settle:>9.2f}s {full:>5.2f}s {step:>5.2f}s {jump:>5.2f}s"
            if package is not None:
                theirs = folder / f"baseline-{edges}.html"
                write_page(nodes, edges, theirs, package)
                b_settle, _, b_step, b_jump = measure(browser, theirs)
                line += (f"  {b_settle:>15.2f}s {b_step:>5.2f}s {b_jump:>5.2f}s  {b_settle / settle:>13.1f}x "
                         f"{b_step / step:>4.1f}x {b_jump / jump:>4.1f}x")
            print(line + against_targets(edges, settle, step), flush=True)
        browser.close()


if __name__ == "__main__":
    main()
