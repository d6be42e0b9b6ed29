"""The README keeps its promises: the quick start, every command documented, CI runs its tests."""

from __future__ import annotations

import re

from conftest import ROOT

from kg.cli import cli

README = (ROOT / "README.md").read_text(encoding="utf-8")


def quick_start() -> list[str]:
    block = re.search(r"## Quick start\n(?:(?!\n#).)*?\n```sh\n(.*?)```", README, re.DOTALL)
    assert block, "the README opens with a Quick start code block"
    return [line for line in block.group(1).splitlines() if line.strip()]


def test_readme_opens_with_two_commands():
    assert README.index("## Quick start") < README.index("\n## ", README.index("## Quick start") + 5)
    first, second = quick_start()
    assert "pip install" in first and "kg render" in first
    assert "pytest" in second


def test_ci_runs_the_readme_test_command():
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert quick_start()[1] in ci
    assert "apt-get update" in ci and "chromium" in ci and "raptor2-utils" in ci


def test_every_command_is_documented():
    for name in cli.commands:
        assert f"kg {name}" in README, name


def test_changelog_has_an_unreleased_section():
    assert "## [Unreleased]" in (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
