"""Reading timeline files: the format, and one clear file:line message for each kind of bad input."""

from __future__ import annotations

import datetime as dt

import pytest

from kg.time import TimeSpan
from kg.errors import TimelineError
from kg.timeline.reader import bundled_timeline_path, load_timeline


def problems(path) -> list[str]:
    with pytest.raises(TimelineError) as info:
        load_timeline(path)
    return [str(p) for p in info.value.problems]


def only_problem(path) -> str:
    found = problems(path)
    assert len(found) == 1, found
    assert "\n" not in found[0]
    return found[0]


def test_minimal_example_loads(minimal):
    timeline = load_timeline(minimal.timeline)
    assert set(timeline.events) == {"council-votes-to-close-pier", "residents-oppose-closure", "new-pier-opens"}
    vote = timeline.events["council-votes-to-close-pier"]
    assert vote.type == "voted" and "voted" in timeline.own_event_types
    assert vote.time.span.start_earliest == dt.date(2024, 4, 30)
    # a claim by a source without a date takes the source's date
    assert vote.claims[0].date.span.start_earliest == dt.date(2024, 5, 3)
    assert timeline.positions["reyes-chair"].time.span.end_earliest == dt.date(2024, 5, 3)


def test_bundled_path_points_into_the_package():
    assert bundled_timeline_path().name == "stamos.yaml"
    assert bundled_timeline_path().with_name("stamos-facebook-2018-ar.txt").is_file()


def test_truncated_yaml(minimal):
    text = minimal.text()
    minimal.timeline.write_text(text[: text.index("  - id: reyes-chair") + 30], encoding="utf-8")
    message = only_problem(minimal.timeline)
    assert message.startswith(f"{minimal.timeline}:")
    assert "YAML syntax error" in message or "missing" in message


def test_yaml_syntax_error_names_the_line(minimal):
    minimal.replace("    kind: person\n", "    kind: [person\n")
    message = only_problem(minimal.timeline)
    assert "YAML syntax error" in message
    line = int(message.split(":")[1])
    assert abs(line - minimal.line_of("kind: [person")) <= 2


def test_missing_field(minimal):
    minimal.replace("    type: voted\n", "")
    message = only_problem(minimal.timeline)
    assert message == f"{minimal.timeline}:{minimal.line_of('- id: council-votes-to-close-pier')}: an event is missing 'type'"


def test_unknown_actor_suggests_the_closest(minimal):
    minimal.replace("- {actor: council, role: agent}", "- {actor: councl, role: agent}")
    message = only_problem(minimal.timeline)
    assert f":{minimal.line_of('actor: councl')}:" in message
    assert "unknown actor 'councl'" in message and "did you mean 'council'" in message


def test_impossible_month(minimal):
    minimal.replace("edtf: 2024-04-30", "edtf: 2017-13")
    message = only_problem(minimal.timeline)
    assert f":{minimal.line_of('edtf: 2017-13')}:" in message
    assert '"2017-13"' in message and "month 13" in message


def test_quote_not_in_source(minimal):
    minimal.replace("text: 'its chair Dana Reyes said'", "text: 'its chair Dana Reyes SAID'")
    found = problems(minimal.timeline)
    assert any("does not occur in the source" in p for p in found), found


def test_wrong_offsets_say_where_the_text_is(minimal):
    minimal.replace("{start: 203, end: 254,", "{start: 200, end: 251,")
    message = only_problem(minimal.timeline)
    assert "evidence text is not at 200-251 of source 'gazette'" in message
    assert "it occurs at start 203, end 254" in message


def test_changed_source_is_caught(minimal):
    minimal.source.write_text(minimal.source.read_text(encoding="utf-8") + " ", encoding="utf-8")
    message = only_problem(minimal.timeline)
    assert "has SHA-256" in message and "it has changed" in message


def test_missing_source_file(minimal):
    minimal.source.unlink()
    assert "source file 'source.txt' not found" in only_problem(minimal.timeline)


def test_duplicate_id_and_duplicate_key(minimal):
    minimal.replace("  - id: reyes\n", "  - id: council\n")
    assert "duplicate id 'council' (first at line" in " ".join(problems(minimal.timeline))
    minimal.replace("  - id: council\n    kind: person", "  - id: reyes\n    kind: person\n    kind: group")
    assert "duplicate key 'kind'" in only_problem(minimal.timeline)


def test_x_keys_are_free_for_the_author(minimal):
    minimal.replace("kg_timeline: 1\n", "kg_timeline: 1\nx-notes: anything at all\n")
    assert load_timeline(minimal.timeline).id == "harbour-pier"


def test_unknown_codes_list_the_choices(minimal):
    minimal.replace("status: planned", "status: rumoured")
    message = only_problem(minimal.timeline)
    assert "unknown status 'rumoured'" in message and "happened, planned, reported" in message
    minimal.replace("status: rumoured", "status: planned")
    minimal.replace("stance: confirms", "stance: agrees")
    assert "unknown stance 'agrees'" in only_problem(minimal.timeline)


def test_many_problems_are_reported_together(minimal):
    minimal.replace("status: planned", "status: rumoured")
    minimal.replace("- {actor: council, role: agent}", "- {actor: councl, role: agent}")
    assert len(problems(minimal.timeline)) == 2


def test_empty_and_non_mapping_files(tmp_path):
    empty = tmp_path / "empty.yaml"
    empty.write_text("", encoding="utf-8")
    assert "must be a mapping" in only_problem(empty)
    listing = tmp_path / "list.yaml"
    listing.write_text("- a\n- b\n", encoding="utf-8")
    assert "must be a mapping" in only_problem(listing)


def test_missing_and_unreadable_files(tmp_path):
    assert only_problem(tmp_path / "nope.yaml").endswith("nope.yaml: no such file")
    binary = tmp_path / "binary.yaml"
    binary.write_bytes(b"\xff\xfe\x00bad")
    assert "not UTF-8" in only_problem(binary)


def test_control_characters_and_deep_nesting(tmp_path):
    control = tmp_path / "control.yaml"
    control.write_text('kg_timeline: 1\nid: "a\x01b"\n', encoding="utf-8")
    assert only_problem(control) == f"{control}:2: character U+0001 is not allowed in YAML (a control character)"
    deep = tmp_path / "deep.yaml"
    deep.write_text("a: " + "[" * 5000 + "]" * 5000 + "\n", encoding="utf-8")
    assert only_problem(deep).endswith("nested too deeply to read")


def test_qualified_date_bounds_give_its_reach(minimal):
    minimal.replace("    time: 2025\n", "    time: {edtf: '2025-06?', not_before: 2025-01-01, not_after: 2025-12-31}\n")
    span = load_timeline(minimal.timeline).events["new-pier-opens"].time.span
    assert (span.start_earliest, span.end_latest) == (dt.date(2025, 1, 1), dt.date(2025, 12, 31))
    assert span == TimeSpan.between(dt.date(2025, 1, 1), dt.date(2025, 12, 31))  # the bounds say how far it reaches
    assert load_timeline(minimal.timeline).events["new-pier-opens"].time.uncertain  # and the source's "?" stays


def test_plain_date_bounds_narrow_it(minimal):
    minimal.replace("    time: 2025\n", "    time: {edtf: '2025', not_after: 2025-03-31}\n")
    span = load_timeline(minimal.timeline).events["new-pier-opens"].time.span
    assert (span.start_earliest, span.end_latest) == (dt.date(2025, 1, 1), dt.date(2025, 3, 31))
    minimal.replace("not_after: 2025-03-31", "not_after: 2024-03-31")
    assert "leave no possible time" in only_problem(minimal.timeline)


def test_holds_at_bounds_a_state(minimal):
    span = load_timeline(minimal.timeline).positions["reyes-chair"].time.span
    assert span.start_latest == dt.date(2024, 5, 3) and span.end_earliest == dt.date(2024, 5, 3)
    assert span.start_earliest is None and span.end_latest is None


def test_id_must_fit_in_an_iri(minimal):
    minimal.replace("  - id: residents\n", "  - id: the residents\n")
    found = problems(minimal.timeline)
    assert any("'the residents' is not a valid id" in p for p in found), found


# One mistake in the minimal timeline, one line naming it.
@pytest.mark.parametrize(("old", "new", "message"), [
    pytest.param("- {actor: council, role: agent}\n      - {actor: old-pier", "- {actor: old-pier, role: agent}\n      - {actor: old-pier", "'old-pier' is a topic, not an actor", id="topic-cannot-act"),
    pytest.param("    status: planned\n", "    status: planned\n    colour: blue\n", "unknown key 'colour' in an event", id="unknown-key-is-named"),
    pytest.param("edtf: 2024-04-30", "edtf: [2024-04-29,2024-04-30]", "quote EDTF sets in YAML", id="unquoted-edtf-set-gets-a-hint"),
    pytest.param("    time: 2025\n", "    time: {edtf: '2025-06?', not_before: 2025-07-01}\n", "rule out the date as written", id="qualified-bounds-must-allow-the-written-date"),
    pytest.param("phrase: since last winter", "phrase: since the winter", "time phrase 'since the winter' does not occur in any source", id="time-phrase-must-be-in-a-source"),
    pytest.param("        stance: confirms\n        date: 2024-05-03\n", "        stance: confirms\n", "a claim needs a date", id="claim-needs-a-date-unless-by-a-dated-source"),
    pytest.param("      derivation: relative\n", "      derivation: relative\n      anchor: nothing-here\n", "unknown event 'nothing-here' as time anchor", id="unknown-anchor"),
    ("edtf: 2024-04-30", "edtf: '2023-02-29'", "February 2023 has 28 days"),
    ("time: 2025", "time: 2025/2024", "end is before the start"),
    ("edtf: 2024-04-30", "edtf: 2024-02-30", '"2024-02-30": February 2024 has 29 days'),
    ("        date: 2024-05-03\n", "        date: 2024-05-32\n", '"2024-05-32"'),
    ("curated: 2026-11-28", "curated: 2026-02-29", "curated must be a date"),
    ("base: https://example.org/harbour-pier/", "base: 'https://example.org/a<b/'", "must be an absolute IRI"),
    ("    time: 2025\n", "    time: {edtf: '2025', start_not_before: 2025-04-31}\n", "start_not_before must be a date"),
])
def test_one_mistake_one_message(minimal, old, new, message):
    minimal.replace(old, new)
    assert message in only_problem(minimal.timeline)
