"""The command line reads its formats from kg.formats, and its exit codes from the errors."""

from __future__ import annotations

import sys

import pytest

from kg import formats
from kg.cli import cli
from kg.errors import EXIT_CODES, KgError, QueryError, TimelineError, UsageError
from kg.rdf.sparql import SparqlSyntaxError


@pytest.fixture
def labels_format(tmp_path, monkeypatch):
    """A new export format, in a module of its own, registered with one call."""
    (tmp_path / "kg_labels_export.py").write_text(
        "def chunks(graph, name):\n"
        "    for node, data in sorted(graph.networkx.nodes(data=True)):\n"
        "        yield f\"{data.get('label', node)}\\n\"\n", encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    before = dict(formats.EXPORT_FORMATS)
    formats.register_export(formats.ExportFormat("labels", "one node label a line", (".labels",),
                                                 chunks="kg_labels_export:chunks"))
    yield
    formats.EXPORT_FORMATS.clear()
    formats.EXPORT_FORMATS.update(before)
    sys.modules.pop("kg_labels_export", None)


def test_a_new_export_format_is_one_registration(runner, tmp_path, labels_format):
    # kg export's --format is built when the command is defined: the registry is read there.
    # So the check here runs through the library and the suffix rule, as the CLI does.
    import kg

    text = kg.load().export("labels")
    assert "Alex Stamos\n" in text.splitlines(keepends=True)
    from kg.views.exports import format_for

    assert format_for("out.labels", None) == "labels"
    out = tmp_path / "out.labels"
    assert formats.EXPORT_FORMATS["labels"].write_to(kg.load(), out) == ""
    assert out.read_text(encoding="utf-8") == text


def test_an_ending_means_one_format():
    with pytest.raises(UsageError, match=r"\.ttl already means turtle"):
        formats.register_export(formats.ExportFormat("other", "x", (".ttl",), chunks="x:y"))


def test_the_cli_offers_what_the_registries_hold(runner):
    export_help = runner.invoke(cli, ["export", "--help"]).output
    for f in formats.EXPORT_FORMATS.values():
        assert f.name in export_help
    data_help = runner.invoke(cli, ["render", "--help"]).output.replace("\n", " ")
    for kind in formats.INPUT_KINDS.values():
        for suffix in kind.suffixes:
            assert suffix in data_help
    assert all(code in runner.invoke(cli, ["ask", "--help"]).output for code in formats.OUTPUT_KINDS["ask"])
    refused = runner.invoke(cli, ["render", "--lang", "fr", "-o", "-"])
    assert refused.exit_code == 2 and all(repr(lang) in refused.stderr for lang in formats.LANGUAGES)


@pytest.mark.parametrize("error, code", [(KgError("x"), 1), (TimelineError([]), 1), (QueryError("x"), 1),
                                         (UsageError("x"), 2), (SparqlSyntaxError("x"), 2)])
def test_errors_carry_their_exit_code(error, code):
    assert error.exit_code == code and code in EXIT_CODES


def test_one_mechanism_maps_errors_to_exit_codes(runner, tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("title: x\nevents: [\n", encoding="utf-8")
    cases = {
        ("ask", "who opposed nobody-at-all"): 1,                      # QueryError
        ("sparql", "SELECT WHERE {"): 2,                             # SparqlSyntaxError
        ("sparql", "INSERT DATA { <a:b> <a:c> <a:d> }"): 2,           # ReadOnlyError
        ("validate", "--no-shacl", "--data", str(bad)): 1,           # InvalidData, report already printed
        ("ask", "--data", str(bad), "who"): 1,                       # TimelineError
        ("export", "-f", "parquet"): 2,                              # click's usage error
    }
    for args, code in cases.items():
        result = runner.invoke(cli, list(args))
        assert result.exit_code == code, (args, result.output, result.stderr)
        assert "Traceback" not in result.output + result.stderr
        lines = [line for line in result.stderr.splitlines() if line.startswith("Error:")]
        assert len(lines) <= 1, args


def test_the_exit_codes_are_documented():
    from pathlib import Path

    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("## Bad input"):]
    for code in EXIT_CODES:
        assert f"`{code}`" in section[:4000], code
