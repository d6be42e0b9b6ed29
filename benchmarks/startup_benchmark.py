"""How long a short ``kg ask`` takes on the bundled data, against importing its two libraries.

Target (issue #10): ``kg ask`` on the bundled Stamos timeline in at most 1.5x the time of the
baseline ``python -c "import rdflib, networkx"``, measured in the same run. Each run is a
fresh process; its time is the child's CPU time (user + system, from ``os.wait4``), so other
work on the machine counts as little as it can; runs of the baseline and of kg alternate, and
the medians are compared. Byte code is written first (``compileall``), as an installed
package has it; the vocabulary cache (``kg.user_cache``) is warmed by one run, as any second
command finds it.

Then, with ``--breakdown``, where kg's own part of the time goes: the modules kg imports
beyond the baseline (self time, from ``python -X importtime``) and the phases of the command.

    python benchmarks/startup_benchmark.py                 # 15 runs each
    python benchmarks/startup_benchmark.py --runs 30 --breakdown
"""

from __future__ import annotations

import argparse
import compileall
import os
import statistics
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
QUESTION = "who opposed disclosure before April 2017"
BASELINE = [sys.executable, "-c", "import rdflib, networkx"]
KG_ASK = [sys.executable, "-m", "kg", "ask", QUESTION]


def cpu_seconds(command: list[str]) -> float:
    """The CPU time (user + system) of one run of ``command`` in a fresh process."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    proc = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env, cwd=ROOT)
    _, status, usage = os.wait4(proc.pid, 0)
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"{' '.join(command)} failed: {proc.stderr.read().decode() if proc.stderr else ''}")
    return usage.ru_utime + usage.ru_stime


def import_breakdown() -> list[tuple[float, str]]:
    """The modules ``kg ask`` imports that the baseline does not, with their self import time (s)."""
    def modules(command: list[str]) -> dict[str, float]:
        err = subprocess.run([command[0], "-X", "importtime", *command[1:]], capture_output=True, text=True,
                             cwd=ROOT).stderr
        out = {}
        for line in err.splitlines():
            if line.startswith("import time:") and line.count("|") == 2:
                own, _, name = line[len("import time:"):].split("|")
                if own.strip().isdigit():
                    out[name.strip()] = int(own) / 1e6
        return out

    base, kg = modules(BASELINE), modules(KG_ASK)
    return sorted(((t, m) for m, t in kg.items() if m not in base), reverse=True)


def phases() -> str:
    """Wall-clock time of each phase of the command in one process (import, load, view, ask)."""
    code = (
        "import time, sys\nt0 = time.perf_counter()\nimport networkx\nt1 = time.perf_counter()\n"
        "import kg, kg.cli, kg.ask.question, kg.ask.answer_text\nt2 = time.perf_counter()\n"
        "g = kg.load()\nt3 = time.perf_counter()\nG = g.networkx\nt4 = time.perf_counter()\n"
        f"a = g.ask({QUESTION!r})\nt5 = time.perf_counter()\n"
        "print(f'    networkx {t1-t0:.3f} s, kg modules {t2-t1:.3f} s, load {t3-t2:.3f} s, '"
        "f'view {t4-t3:.3f} s, question {t5-t4:.3f} s; rdflib imported: {\"rdflib\" in sys.modules}')\n"
    )
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT).stdout.rstrip()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--breakdown", action="store_true")
    args = parser.parse_args()
    compileall.compile_dir(ROOT / "kg", quiet=1)
    cpu_seconds(KG_ASK)  # byte code of the dependencies and the vocabulary cache, as a second run finds them
    base, ask = [], []
    for _ in range(args.runs):
        base.append(cpu_seconds(BASELINE))
        ask.append(cpu_seconds(KG_ASK))
    b, a = statistics.median(base), statistics.median(ask)
    print(f"kg ask {QUESTION!r} on the bundled data: CPU seconds, median of {args.runs} fresh processes")
    print(f"    baseline python -c 'import rdflib, networkx'  {b:.3f} s")
    print(f"    kg ask                                       {a:.3f} s = {a / b:.2f}x baseline (target <= 1.5x)")
    if args.breakdown:
        print("\nPhases (one process, wall clock):")
        print(phases())
        print("\nModules kg ask imports beyond the baseline (self import time, top 15):")
        extra = import_breakdown()
        for t, m in extra[:15]:
            print(f"    {t * 1000:7.1f} ms  {m}")
        print(f"    {sum(t for t, _ in extra) * 1000:7.1f} ms  in all ({len(extra)} modules)")


if __name__ == "__main__":
    main()
