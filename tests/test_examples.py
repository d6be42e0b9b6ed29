"""Every examples/*.py runs as a user would run it, in a subprocess, so the examples never rot."""

from __future__ import annotations

import subprocess
import sys

import pytest
from conftest import EXAMPLES

SCRIPTS = sorted(EXAMPLES.glob("*.py"))
EXPECT = {
    "quickstart.py": ["possibly  Facebook's policy team", "certainly  Alex Stamos"],
    "bring_your_own_timeline.py": ["valid (3 events", "certainly  Dana Reyes", "wrote"],
    "evidence_trail.py": ["Stamos leaves Facebook", "leaves-unaddressed"],
}


def test_every_script_has_expectations():
    assert {p.name for p in SCRIPTS} == set(EXPECT)


@pytest.mark.parametrize("script", SCRIPTS, ids=lambda p: p.name)
def test_example_runs(script, tmp_path):
    args = [sys.executable, str(script)] + ([str(tmp_path)] if script.name == "bring_your_own_timeline.py" else [])
    result = subprocess.run(args, cwd=tmp_path, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    for expected in EXPECT[script.name]:
        assert expected in result.stdout, expected
