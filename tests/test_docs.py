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


def console_examples() -> list[tuple[str, str]]:
    """(command, printed output) for every ``$ kg ...`` line of the README's console blocks."""
    found = []
    for block in re.findall(r"```console\n(.*?)```", README, re.DOTALL):
        for chunk in re.split(r"^\$ ", block, flags=re.MULTILINE)[1:]:
            command, _, output = chunk.partition("\n")
            found.append((command, output))
    return found


def test_readme_console_examples_print_what_they_show():
    import shlex

    from click.testing import CliRunner

    examples = console_examples()
    assert len(examples) >= 3
    for command, output in examples:
        args = shlex.split(command)
        assert args[0] == "kg", command
        result = CliRunner().invoke(cli, args[1:])
        assert result.exit_code == 0, (command, result.output)
        assert result.stdout.strip() == output.strip(), command


def test_readme_time_words_are_the_table():
    """Every phrase kind of the one table of time words is in the README's table, and back."""
    from kg.time.phrases import KINDS

    words = {"strictly-before": "strictly before T", "during": "in / on / during T", "as-of": "as of / by T",
             "between": "between T1 and T2"}
    for kind in KINDS:
        if kind in ("within", "throughout"):  # not question words: kg.time.allen's everyday questions
            continue
        assert f"| {words.get(kind, kind + ' T')} |" in README, kind
