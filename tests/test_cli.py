"""The command line: every command listed with a summary, each with an example, thin over the library."""

from __future__ import annotations

import subprocess
import sys

import pytest

from kg import __version__
from kg.cli import cli

COMMANDS = ("render", "export", "validate")


def test_help_lists_every_command_with_a_summary(runner):
    result = runner.invoke(cli, ["--help"])
    assert result.exit_code == 0
    for name, command in cli.commands.items():
        assert name in result.stdout
        assert command.get_short_help_str(200).strip(), name
    assert set(COMMANDS) <= set(cli.commands)


@pytest.mark.parametrize("name", sorted(cli.commands))
def test_each_command_help_has_an_example(runner, name):
    result = runner.invoke(cli, [name, "--help"])
    assert result.exit_code == 0
    assert "Example:" in result.stdout and f"kg {name}" in result.stdout.split("Example:")[1]


def test_version(runner):
    result = runner.invoke(cli, ["--version"])
    assert result.exit_code == 0 and __version__ in result.stdout


def test_render_writes_the_bundled_graph(runner, tmp_path, stamos):
    out = tmp_path / "stamos.html"
    result = runner.invoke(cli, ["render", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert f"Wrote {out}" in result.stdout and f"{len(stamos.events)} events" in result.stdout
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_render_default_output_name(runner, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert runner.invoke(cli, ["render"]).exit_code == 0
    assert (tmp_path / "stamos.html").is_file()


def test_render_another_timeline_in_arabic(runner, minimal, tmp_path):
    out = tmp_path / "harbour.html"
    result = runner.invoke(cli, ["render", "--data", str(minimal.timeline), "--lang", "ar", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert 'dir="rtl"' in out.read_text(encoding="utf-8")


@pytest.mark.parametrize("fmt", ["trig", "nquads", "turtle", "jsonld", "graphml", "csv"])
def test_export_to_stdout(runner, fmt):
    result = runner.invoke(cli, ["export", "--format", fmt])
    assert result.exit_code == 0
    assert len(result.stdout) > 10_000


def test_export_to_a_file_from_rdf_input(runner, tmp_path):
    trig = tmp_path / "stamos.trig"
    assert runner.invoke(cli, ["export", "-f", "trig", "-o", str(trig)]).exit_code == 0
    again = runner.invoke(cli, ["export", "-f", "csv", "--data", str(trig)])
    assert again.exit_code == 0
    assert again.stdout == runner.invoke(cli, ["export", "-f", "csv"]).stdout


def test_bad_data_is_one_line_and_exit_1(runner, minimal):
    minimal.replace("- {actor: council, role: agent}", "- {actor: councl, role: agent}")
    for args in (["render", "-o", str(minimal.folder / "x.html")], ["export"]):
        result = runner.invoke(cli, [*args, "--data", str(minimal.timeline)])
        assert result.exit_code == 1
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith("Error: ") and "unknown actor 'councl'" in lines[0]
        assert "Traceback" not in result.output
    assert not (minimal.folder / "x.html").exists()


def test_broken_rdf_input_is_one_line(runner, tmp_path):
    bad = tmp_path / "bad.ttl"
    bad.write_text("<a> <b> \n", encoding="utf-8")
    result = runner.invoke(cli, ["export", "--data", str(bad)])
    assert result.exit_code == 1
    assert result.stderr.startswith(f"Error: {bad}: not valid turtle") and len(result.stderr.strip().splitlines()) == 1


def test_unknown_file_kind(runner, tmp_path):
    odd = tmp_path / "notes.docx"
    odd.write_text("x", encoding="utf-8")
    result = runner.invoke(cli, ["render", "--data", str(odd)])
    assert result.exit_code == 1 and "unknown kind of file" in result.stderr


BAD_RDF = {
    "edtf": ('<urn:x:e> a kg:Event ; time:hasTime <urn:x:t> . <urn:x:t> kg:edtf "garbage" .',
             "<urn:x:t>: kg:edtf 'garbage' is not EDTF"),
    "date": ('<urn:x:e> a kg:Event ; time:hasTime <urn:x:t> . <urn:x:t> time:hasBeginning <urn:x:b> .'
             ' <urn:x:b> kg:notBefore "2015-02-30"^^xsd:date .',
             "<urn:x:b>: kg:notBefore must be an xsd:date, not '2015-02-30'"),
    "bounds": ('<urn:x:e> a kg:Event ; time:hasTime <urn:x:t> . <urn:x:t> time:hasBeginning <urn:x:b> .'
               ' <urn:x:b> kg:notBefore "2016-01-01"^^xsd:date ; kg:notAfter "2015-01-01"^^xsd:date .',
               "<urn:x:t>: impossible time span"),
    "offset": ('<urn:x:c> a kg:Claim ; kg:hasEvidence <urn:x:a> . <urn:x:a> oa:hasTarget <urn:x:t> .'
               ' <urn:x:t> oa:hasSelector <urn:x:s> . <urn:x:s> a oa:TextPositionSelector .',
               "<urn:x:s>: oa:start must be an integer, found nothing"),
    "position": ("<urn:x:p> a kg:Position .", "<urn:x:p>: a kg:Position needs org:member"),
}


@pytest.mark.parametrize("case", sorted(BAD_RDF))
@pytest.mark.parametrize("command", [["validate", "--no-shacl"], ["render", "-o", "out.html"], ["ask", "what happened in 2016"]])
def test_malformed_rdf_is_one_line_naming_the_node(runner, tmp_path, case, command):
    triples, message = BAD_RDF[case]
    bad = tmp_path / "bad.ttl"
    bad.write_text("@prefix kg: <https://w3id.org/kg-timeline/ontology#> . @prefix oa: <http://www.w3.org/ns/oa#> .\n"
                   "@prefix time: <http://www.w3.org/2006/time#> . @prefix xsd: <http://www.w3.org/2001/XMLSchema#> .\n"
                   + triples + "\n", encoding="utf-8")
    args = [a if a != "out.html" else str(tmp_path / a) for a in command]
    result = runner.invoke(cli, [*args[:1], "--data", str(bad), *args[1:]])
    assert result.exit_code == 1, result.output
    errors = [line for line in result.stderr.splitlines() if line]
    assert len(errors) == 1 and str(bad) in errors[0] and message in errors[0], result.stderr
    assert not (tmp_path / "out.html").exists()


def test_validate_names_an_unknown_kind_of_file(runner, tmp_path):
    notes = tmp_path / "notes.md"
    notes.write_text("# notes\n", encoding="utf-8")
    result = runner.invoke(cli, ["validate", "--data", str(notes)])
    assert result.exit_code == 1 and "unknown kind of file" in result.stderr


def test_missing_file_is_a_usage_error(runner, tmp_path):
    result = runner.invoke(cli, ["render", "--data", str(tmp_path / "nope.yaml")])
    assert result.exit_code == 2 and "does not exist" in result.stderr


@pytest.mark.parametrize("name", ["chart.png", "chart.svg", "page.html"])
def test_output_into_a_missing_folder_is_one_line(runner, tmp_path, name):
    command = "render" if name.endswith(".html") else "timeline"
    result = runner.invoke(cli, [command, "-o", str(tmp_path / "nope" / name)])
    assert result.exit_code == 1 and result.stderr.count("\n") == 1
    assert result.stderr.startswith("Error: ") and "does not exist" in result.stderr
    assert not (tmp_path / "nope").exists()


def test_export_refuses_to_overwrite_its_input(runner, minimal):
    before = minimal.text()
    result = runner.invoke(cli, ["export", "--data", str(minimal.timeline), "-o", str(minimal.timeline)])
    assert result.exit_code == 1 and "refusing to overwrite the input file" in result.stderr
    assert minimal.text() == before


def test_console_script_runs():
    result = subprocess.run([sys.executable, "-m", "kg.cli", "--help"], capture_output=True, text=True, check=True)
    assert "render" in result.stdout


def test_ask_text_and_json(runner):
    result = runner.invoke(cli, ["ask", "who opposed disclosure before April 2017"])
    assert result.exit_code == 0 and "possibly  Facebook's policy team" in result.stdout
    none = runner.invoke(cli, ["ask", "who opposed disclosure before 2010"])
    assert none.exit_code == 0 and "No answers." in none.stdout
    # what came closest, and what ruled it out
    assert "closest: Facebook's policy team" in none.stdout and "before 1 January 2010" in none.stdout
    surer = runner.invoke(cli, ["ask", "who opposed disclosure before April 2017", "--at-least", "likely"])
    assert surer.exit_code == 0 and "No answers graded likely or surer." in surer.stdout
    import json

    data = json.loads(runner.invoke(cli, ["ask", "who held the chief security officer role in 2016",
                                          "--format", "json"]).stdout)
    assert [(a["iri"].rsplit("/", 1)[1], a["label"], a["grade"]) for a in data] == [
        ("stamos", "Alex Stamos", "certainly")]
    assert data[0]["events"][0]["time"]["edtf"] == "2015-06/.."


def test_ask_explain_shows_the_parse_and_the_sparql(runner):
    result = runner.invoke(cli, ["ask", "--explain", "who opposed disclosure before April 2017"])
    assert result.exit_code == 0
    assert "question: who" in result.stdout and "time: before April 2017" in result.stdout
    assert "SELECT DISTINCT ?answer ?item ?certain" in result.stdout and "VALUES" in result.stdout


def test_ask_engines_agree(runner):
    question = "what had been publicly reported by 1 March 2018"
    a = runner.invoke(cli, ["ask", question, "--format", "json"])
    b = runner.invoke(cli, ["ask", question, "--format", "json", "--engine", "sparql"])
    assert a.exit_code == b.exit_code == 0 and a.stdout == b.stdout


def test_ask_unknown_word(runner):
    result = runner.invoke(cli, ["ask", "who oposed disclosure"])
    assert result.exit_code == 1
    assert result.stderr.strip() == ("Error: unknown relation 'oposed'; did you mean 'opposed' or 'proposed' or 'posted'?; "
                                     "try: who opposed disclosure")


@pytest.mark.parametrize("fmt", ["table", "json", "csv", "tsv"])
def test_sparql_formats(runner, fmt):
    query = "SELECT ?who WHERE { ?e sem:eventType kgt:opposed ; kg:agent ?who }"
    result = runner.invoke(cli, ["sparql", query, "--format", fmt])
    assert result.exit_code == 0, result.output
    out = result.stdout
    if fmt == "json":
        import json

        data = json.loads(out)
        assert data["head"]["vars"] == ["who"]
        assert data["results"]["bindings"][0]["who"] == {"type": "uri",
                                                        "value": "https://w3id.org/kg-timeline/stamos/actor/policy-team"}
    elif fmt == "csv":
        assert out.splitlines() == ["who", "https://w3id.org/kg-timeline/stamos/actor/policy-team"]
    elif fmt == "tsv":
        assert out.splitlines() == ["?who", "<https://w3id.org/kg-timeline/stamos/actor/policy-team>"]
    else:
        assert "policy-team" in out and "(1 row)" in out


def test_sparql_from_a_file_and_named_graphs(runner):
    from conftest import EXAMPLES

    result = runner.invoke(cli, ["sparql", str(EXAMPLES / "queries" / "who-was-cso-in-2016.rq")])
    assert result.exit_code == 0 and "Alex Stamos" in result.stdout
    graphs = runner.invoke(cli, ["sparql", "SELECT (COUNT(DISTINCT ?g) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }",
                                 "--format", "csv"])
    assert graphs.stdout.splitlines()[1] == "51"


def test_sparql_ask_query(runner):
    result = runner.invoke(cli, ["sparql", "ASK { ?e sem:eventType kgt:disclosed }"])
    assert result.exit_code == 0 and result.stdout.strip() == "true"


def test_broken_sparql_is_exit_2_with_the_parser_message(runner):
    result = runner.invoke(cli, ["sparql", "SELECT ?x WHERE { ?x"])
    assert result.exit_code == 2
    assert "SPARQL syntax error" in result.stderr and "line 1" in result.stderr
    assert "Traceback" not in result.output


@pytest.mark.parametrize(("query", "refused"), [
    ("SELECT * FROM <{secret}> WHERE {{ ?s ?p ?o }}", "FROM and FROM NAMED are not supported"),
    ("SELECT * FROM NAMED <{secret}> WHERE {{ GRAPH ?g {{ ?s ?p ?o }} }}", "FROM and FROM NAMED are not supported"),
    ("SELECT * WHERE {{ SERVICE <http://127.0.0.1:9/sparql> {{ ?s ?p ?o }} }}", "SERVICE is not supported"),
])
def test_sparql_reads_the_loaded_data_only(runner, tmp_path, query, refused):
    secret = tmp_path / "secret.nt"
    secret.write_text("<urn:x:private> <urn:x:says> \"do not read me\" .\n", encoding="utf-8")
    result = runner.invoke(cli, ["sparql", query.format(secret=secret.as_uri())])
    assert result.exit_code == 2 and refused in result.stderr
    assert "do not read me" not in result.output


def test_select_star_columns_are_stable(runner):
    query = "SELECT * WHERE { ?event a kg:Event ; sem:eventType ?type ; rdfs:label ?label } LIMIT 1"
    result = runner.invoke(cli, ["sparql", query, "--format", "csv"])
    assert result.output.splitlines()[0] == "event,type,label"


@pytest.mark.parametrize("suffix", ["svg", "png", "html"])
def test_timeline_chart(runner, tmp_path, suffix):
    out = tmp_path / f"timeline.{suffix}"
    result = runner.invoke(cli, ["timeline", "-o", str(out)])
    assert result.exit_code == 0, result.output
    data = out.read_bytes()
    if suffix == "png":
        assert data.startswith(b"\x89PNG")
    else:
        text = data.decode("utf-8")
        assert "<svg" in text and "Alex Stamos" in text and "https://" not in text.split("<svg", 1)[0].replace(
            "http://www.w3.org", "")


def test_timeline_refuses_other_formats(runner, tmp_path):
    result = runner.invoke(cli, ["timeline", "-o", str(tmp_path / "t.pdf")])
    assert result.exit_code == 2 and "written as .svg, .png or .html" in result.stderr


def test_outputs_never_overwrite_the_sources(runner, minimal):
    before = minimal.source.read_bytes()
    for args in (["render", "-o", str(minimal.source)], ["export", "-o", str(minimal.source)],
                 ["timeline", "-o", str(minimal.folder / "source.txt.svg")]):
        result = runner.invoke(cli, [*args, "--data", str(minimal.timeline)])
        if args[0] != "timeline":
            assert result.exit_code == 1 and "refusing to overwrite the input" in result.stderr
    assert minimal.source.read_bytes() == before
