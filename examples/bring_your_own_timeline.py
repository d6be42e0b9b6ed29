"""Check, query and draw your own timeline file: here the minimal example beside this script.

    python examples/bring_your_own_timeline.py [OUTPUT_FOLDER]
"""

import sys
import tempfile
from pathlib import Path

import kg

timeline = Path(__file__).with_name("minimal") / "timeline.yaml"

report = kg.validate(timeline)
print(report.summary())
for problem in report.problems:
    print(problem)

g = kg.load(timeline)
print(g.ask("who opposed since winter 2023"))
print(g.ask("who held the chair role as of 3 May 2024"))

out = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(tempfile.mkdtemp())
page = g.render(out / "harbour.html")
chart = g.timeline_chart(out / "harbour-timeline.svg")
print(f"wrote {page} and {chart}")
