"""Relations between times in the timeline format: reading, checking, deriving, contradictions."""

from __future__ import annotations

import datetime as dt

import pytest
from click.testing import CliRunner

from kg.cli import cli
from kg.errors import TimelineError
from kg.time.relations import RELATIONS, constraints, parse_offset
from kg.timeline.reader import load_timeline
from kg.validation import validate

D = dt.date
RELATION = "  - id: opposition-before-the-vote\n"
EVIDENCE = "      - {start: 203, end: 254, text: Residents had opposed the closure since last winter, gloss: As written.}\n"


def add_relation(minimal, body: str) -> None:
    """Append one more relation to the minimal timeline."""
    text = minimal.text().rstrip("\n") + "\n" + body
    minimal.timeline.write_text(text, encoding="utf-8")


def problems(path) -> list[str]:
    with pytest.raises(TimelineError) as info:
        load_timeline(path)
    return [str(p) for p in info.value.problems]


def test_a_month_after_narrows_the_later_item(minimal):
    # the new pier opens "a month after" the vote: 2025 becomes exactly known? no: 28..31 days after
    minimal.replace("    time: 2025\n", "    time: {derivation: relative, basis: a month after the vote}\n")
    add_relation(minimal, """  - id: pier-a-month-later
    from: new-pier-opens
    relation: after
    offset: P1M
    to: council-votes-to-close-pier
""" + "    evidence:\n" + EVIDENCE + "    basis: For the test.\n")
    t = load_timeline(minimal.timeline)
    pier = t.events["new-pier-opens"].time
    assert (pier.span.start_earliest, pier.span.start_latest) == (D(2024, 5, 28), D(2024, 5, 31))
    assert [o.ref for o in pier.why["se"]] == ["council-votes-to-close-pier", "pier-a-month-later"]
    assert pier.stated.start_earliest is None


@pytest.mark.parametrize(("body", "message"), [
    ("from: residents-oppose-closur", "unknown event, position, claim, source or dated document "
     "'residents-oppose-closur' in relation from (did you mean 'residents-oppose-closure'?)"),
    ("relation: befor", "unknown relation 'befor' between single ends (did you mean 'before' or 'not-before'?)"),
    ("to: residents-oppose-closure", "relates 'residents-oppose-closure' to itself"),
    ("offset: a month", "offset 'a month' is not an ISO 8601 duration"),
    ("from_point: middle", "from_point 'middle' is not one of start, end"),
])
def test_bad_relations_get_one_line_each(minimal, body, message):
    key = body.split(":")[0]
    lines = {"from": "    from: residents-oppose-closure\n", "relation": "    relation: before ",
             "to": "    to: council-votes-to-close-pier\n", "from_point": "    from_point: start "}
    if key == "offset":
        minimal.replace("    to_point: start\n", "    to_point: start\n    offset: a month\n")
    else:
        minimal.replace(lines[key], f"    {body}" + ("\n" if lines[key].endswith("\n") else " "))
    found = problems(minimal.timeline)
    assert len(found) == 1 and message in found[0], found
    assert found[0].startswith(f"{minimal.timeline}:")


def test_a_relation_needs_evidence_that_is_in_the_source(minimal):
    minimal.replace("    evidence:\n" + EVIDENCE, "    evidence:\n" + EVIDENCE.replace("start: 203", "start: 204"))
    (message,) = problems(minimal.timeline)
    assert "evidence text is not at 204-254" in message


def test_a_contradiction_names_every_step_with_its_line(minimal):
    # the opposition began in winter 2023-24; saying it began after the vote contradicts that
    minimal.replace("    relation: before           #", "    relation: after            #")
    (message,) = problems(minimal.timeline)
    assert "the times contradict each other" in message
    rel_line = minimal.line_of("- id: opposition-before-the-vote")
    vote_line = minimal.line_of("edtf: 2024-04-30")
    opposed_line = minimal.line_of("edtf: 2023-24/..")
    for line in (rel_line, vote_line, opposed_line):
        assert f"{minimal.timeline}:{line}:" in message, (line, message)
    assert "relation opposition-before-the-vote" in message


def test_a_self_anchored_event_is_an_error(minimal):
    minimal.replace("      derivation: relative\n      phrase: since last winter\n",
                    "      derivation: relative\n      anchor: residents-oppose-closure\n      phrase: since last winter\n")
    (message,) = problems(minimal.timeline)
    assert "is anchored to itself" in message


def test_validate_notes_a_hand_bound_the_relations_tighten(minimal):
    # a hand bound looser than what the relation implies: kg says it can go
    minimal.replace("    time: 2025\n", "    time: {edtf: 2024, start_not_before: 2024-02-01, basis: for the test}\n")
    add_relation(minimal, """  - id: pier-after-vote
    from: new-pier-opens
    relation: after
    to: council-votes-to-close-pier
""" + "    evidence:\n" + EVIDENCE + "    basis: For the test.\n")
    report = validate(minimal.timeline, shacl=False)
    assert report.ok
    (note,) = report.notes
    assert note.line == minimal.line_of("start_not_before: 2024-02-01")
    assert "start_not_before 2024-02-01 is tightened to 2024-05-01 by" in note.message and "pier-after-vote" in note.message
    result = CliRunner().invoke(cli, ["validate", "--data", str(minimal.timeline), "--no-shacl", "--strict"])
    assert result.exit_code == 0 and "note: new-pier-opens" in result.output  # notes never fail --strict


@pytest.mark.parametrize("name", sorted(RELATIONS))
def test_every_relation_admits_its_own_example_and_rules_out_its_converse(name):
    from kg.time.network import Origin, TimeNetwork

    def feasible(rel: str, a: tuple[int, int], b: tuple[int, int]) -> bool:
        net = TimeNetwork()
        x, y = net.item("A"), net.item("B")
        for item, (s, e) in ((x, a), (y, b)):
            for point, day in ((item.start, s), (item.end, e)):
                net.at_least(point, day, Origin("stated", "test"))
                net.at_most(point, day, Origin("stated", "test"))
        for (xi, xp), (yi, yp), lo, hi in constraints(rel):
            net.difference(getattr({"A": x, "B": y}[xi], xp), getattr({"A": x, "B": y}[yi], yp), lo, hi,
                           Origin("relation", rel))
        try:
            net.solve()
        except ValueError:
            return False
        return True

    examples = {"before": ((1, 2), (4, 5)), "meets": ((1, 2), (3, 5)), "overlaps": ((1, 3), (2, 5)),
                "starts": ((1, 2), (1, 5)), "during": ((2, 3), (1, 5)), "finishes": ((3, 5), (1, 5)),
                "equals": ((1, 5), (1, 5)), "within": ((1, 5), (1, 5))}
    converse = {"after": "before", "met-by": "meets", "overlapped-by": "overlaps", "started-by": "starts",
                "contains": "during", "finished-by": "finishes", "includes": "within"}
    base = converse.get(name, name)
    a, b = examples[base]
    if name in converse:
        a, b = b, a
    assert feasible(name, a, b)
    if base not in ("equals", "within"):
        assert not feasible(name, b, a)


def test_offsets():
    assert (parse_offset("P2W").low, parse_offset("P2W").high) == (14, 14)
    assert (parse_offset("P1Y").low, parse_offset("P1Y").high) == (365, 366)
    about = parse_offset("P1M~")
    assert about.low < about.nominal_low <= about.nominal_high < about.high
    with pytest.raises(ValueError, match="an offset goes with before or after"):
        constraints("during", offset=about)
