"""`kg sparql`'s time limit and read-only refusal; `kg export` takes its format from the file name."""

from __future__ import annotations

import time

import pytest

from kg.cli import cli

RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"


def test_time_limit_stops_a_runaway_query(runner):
    started = time.monotonic()
    result = runner.invoke(cli, ["sparql", RUNAWAY, "--timeout", "2"])
    assert time.monotonic() - started < 15
    assert result.exit_code == 1
    assert result.output == "Error: the query ran past the 2 s time limit and was stopped (--timeout SECONDS sets it)\n"


def test_the_default_time_limit_is_documented(runner):
    from kg.workers import DEFAULT_TIME_LIMIT

    assert f"[default: {DEFAULT_TIME_LIMIT};" in runner.invoke(cli, ["sparql", "--help"]).output


def test_queries_within_the_limit_answer(runner):
    result = runner.invoke(cli, ["sparql", "ASK { ?e a kg:Event }", "--timeout", "60"])
    assert (result.exit_code, result.output) == (0, "true\n")


@pytest.mark.parametrize("update", ["INSERT DATA { <urn:a> <urn:b> <urn:c> }", "DELETE WHERE { ?s ?p ?o }",
                                    "LOAD <http://example.org/x.ttl>", "CLEAR ALL", "DROP GRAPH <urn:g>"])
def test_updates_are_refused_as_read_only(runner, update):
    result = runner.invoke(cli, ["sparql", update])
    assert result.exit_code == 2
    assert "read-only" in result.output and "syntax error" not in result.output


@pytest.mark.parametrize("name, first", [("x.ttl", "@prefix"), ("x.trig", "@prefix"), ("x.nq", "<https:"),
                                         ("x.jsonld", "{"), ("x.csv", "iri,"), ("x.graphml", "<graphml")])
def test_export_format_from_the_extension(runner, tmp_path, name, first):
    out = tmp_path / name
    result = runner.invoke(cli, ["export", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert out.read_text(encoding="utf-8").startswith(first)


def test_turtle_file_holds_turtle_not_trig(runner, tmp_path):
    from rdflib import Graph

    out = tmp_path / "x.ttl"
    runner.invoke(cli, ["export", "-o", str(out)])
    assert len(Graph().parse(out, format="turtle")) > 1000  # TriG's graph blocks would not parse as Turtle


def test_contradicting_extension_is_refused(runner, tmp_path):
    out = tmp_path / "x.ttl"
    result = runner.invoke(cli, ["export", "--format", "trig", "-o", str(out)])
    assert result.exit_code == 2
    assert "a .ttl file holds turtle, not trig" in result.output
    assert not out.exists()


def test_unknown_extension_needs_a_format(runner, tmp_path):
    result = runner.invoke(cli, ["export", "-o", str(tmp_path / "x.data")])
    assert result.exit_code == 2 and "--format" in result.output
    assert runner.invoke(cli, ["export", "--format", "csv", "-o", str(tmp_path / "x.data")]).exit_code == 0
