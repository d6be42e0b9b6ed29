"""`kg validate` and the library behind it: every problem with its place, documented exit codes."""

from __future__ import annotations

from kg.cli import cli
from kg.validation import validate


def test_bundled_timeline_is_valid_with_one_calendar_warning():
    report = validate()
    assert report.ok and not report.errors
    (warning,) = report.warnings
    text = str(warning)
    assert "names Monday beside 18 March, but 18 March 2018 was a Sunday" in text
    assert "recorded in conflict 'monday-18-march'" in text
    assert text.split(":")[1].isdigit()  # file:line


def _one_event_timeline(folder, sentence: str):
    import hashlib

    folder.mkdir()
    (folder / "source.txt").write_text(sentence, encoding="utf-8")
    digest = hashlib.sha256(sentence.encode("utf-8")).hexdigest()
    (folder / "t.yaml").write_text(f"""
kg_timeline: 1
id: weekday
base: https://example.org/weekday/
title: {{en: Weekday check}}
sources:
  - {{id: s, title: {{en: S}}, language: en, path: source.txt, sha256: {digest}, date: '2024-05-03'}}
actors:
  - {{id: council, kind: organisation, label: {{en: Council}}}}
events:
  - id: closure
    label: {{en: The council closes the pier}}
    type: decided
    status: happened
    participants: [{{actor: council, role: agent}}]
    time: '2024-04-30'
    claims:
      - id: c
        by: [s]
        stance: asserts
        evidence: [{{start: 0, end: {len(sentence)}, text: '{sentence}', gloss: As written.}}]
""", encoding="utf-8")
    return folder / "t.yaml"


def test_weekday_beside_a_date_is_checked_against_the_calendar(tmp_path):
    right = validate(_one_event_timeline(tmp_path / "right", "The council closed it on Tuesday (30 April)."))
    assert right.ok and not right.warnings
    wrong = validate(_one_event_timeline(tmp_path / "wrong", "The council closed it on Wednesday, April 30."))
    assert wrong.ok  # a warning, not an error
    (warning,) = wrong.warnings
    assert "names Wednesday beside 30 April, but 30 April 2024 was a Tuesday" in str(warning)


def test_shacl_violation_is_reported_with_its_place(minimal, monkeypatch):
    from rdflib import URIRef

    from kg.rdf import build as rdf
    from kg import validation
    from kg.namespace import KG

    real = rdf.build_dataset

    def broken(timeline, **kw):
        ds = real(timeline, **kw)
        event = URIRef("https://example.org/harbour-pier/event/new-pier-opens")
        for graph in ds.graphs():
            graph.remove((event, KG.status, None))
        return ds

    monkeypatch.setattr(rdf, "build_dataset", broken)
    report = validation.validate(minimal.timeline)
    assert not report.ok
    (error,) = report.errors
    assert f":{minimal.line_of('- id: new-pier-opens')}: SHACL: event/new-pier-opens" in str(error)
    assert "status is happened, planned or reported" in str(error)


def test_cli_exit_codes(runner, minimal):
    ok = runner.invoke(cli, ["validate", "--data", str(minimal.timeline)])
    assert ok.exit_code == 0 and "valid (3 events, 5 claims, 1 position, 1 relation; 0 warnings)" in ok.stdout
    minimal.replace("status: planned", "status: rumoured")
    bad = runner.invoke(cli, ["validate", "--data", str(minimal.timeline)])
    assert bad.exit_code == 1
    assert "unknown status 'rumoured'" in bad.stderr and "1 error, 0 warnings" in bad.stdout
    usage = runner.invoke(cli, ["validate", "--data", str(minimal.folder / "missing.yaml")])
    assert usage.exit_code == 2 and "does not exist" in usage.stderr
    unknown = runner.invoke(cli, ["validate", "--colour"])
    assert unknown.exit_code == 2


def test_strict_turns_warnings_into_failure(runner):
    assert runner.invoke(cli, ["validate", "--no-shacl"]).exit_code == 0
    strict = runner.invoke(cli, ["validate", "--strict", "--no-shacl"])
    assert strict.exit_code == 1 and "Sunday" in strict.stdout


def test_rdf_files_are_checked_against_the_shapes(tmp_path):
    from kg import load

    good = tmp_path / "stamos.trig"
    good.write_text(load().export("trig"), encoding="utf-8")
    assert validate(good).ok
    bad = tmp_path / "bad.ttl"
    bad.write_text("@prefix kg: <https://w3id.org/kg-timeline/ontology#> .\n<urn:e> a kg:Event .\n", encoding="utf-8")
    report = validate(bad)
    assert not report.ok and any("exactly one event type" in str(p) for p in report.errors)


def test_one_validation_for_a_path_a_timeline_and_a_loaded_graph(tmp_path):
    """kg validate, kg.validate(path | timeline | graph) and g.validate() report the same problems."""
    import kg
    from kg.timeline.reader import bundled_timeline_path, load_timeline

    path = bundled_timeline_path()
    reports = [kg.validate(path, shacl=False), kg.validate(load_timeline(path), shacl=False),
               kg.load(path).validate(shacl=False)]
    assert [[str(p) for p in r.problems] for r in reports[1:]] == [[str(p) for p in reports[0].problems]] * 2
    assert all(r.ok and r.warnings for r in reports)  # the bundled weekday warning, in all three
    rdf = tmp_path / "stamos.nq"
    rdf.write_text(kg.load().export("nquads"), encoding="utf-8")
    from_file, from_graph = kg.validate(rdf), kg.load(rdf).validate()
    assert from_file.ok and from_graph.ok and [str(p) for p in from_file.problems] == [str(p) for p in from_graph.problems]
