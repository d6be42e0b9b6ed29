"""Event tables (kg.tables, kg.views.table_export): ICEWS-style quadruples and Parquet in, and back out."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import EXAMPLES

import kg
from kg.cli import cli
from kg.ask.query import who_did
from kg.graph.synthetic_table import write_synthetic_table
from kg.views.table_export import event_rows, quadruples_text, single_day, tkbc_files, write_table
from kg.tables import load_table

pytest.importorskip("pyarrow")


def events(G):
    """Each event as what a table can hold: IRI, relation, agents, targets, bounds, EDTF, status, source."""
    out = {}
    for _, _, key, d in G.edges(keys=True, data=True):
        if d["kind"] == "event":
            p = d["participants"]
            targets = next((p[r] for r in ("target", "recipient", "beneficiary", "topic", "medium") if p.get(r)), ())
            out[key] = (d["relation"], frozenset(p.get("agent", ())), frozenset(targets), d["time"].span.ordinals,
                        d["time"].edtf, d["status"], d.get("source"))
    return out


def named_facts(G):
    """(head name, relation name, tail name, day) for each event edge: what a quadruple says."""
    return Counter(tuple(line.split("\t")) for line in quadruples_text(G)[0].splitlines())


def test_quadruples_read_one_event_a_line(tmp_path):
    path = tmp_path / "icews.tsv"
    path.write_text("Police (Japan)\tCriticize or denounce\tCitizen (Japan)\t2014-02-03\n\n"
                    "China\tCriticize or denounce\tCitizen (Japan)\t2014-03~\n"
                    "Japan\tMake statement\tChina\t2014-05-01\r\n", encoding="utf-8")
    g = kg.load(path)
    assert g.counts() == {"events": 3, "positions": 0, "claims": 0}
    answers = who_did(g.networkx, "criticize or denounce", "Citizen (Japan)", before="April 2014")
    assert [(a.label, a.certainty.word) for a in answers] == [("Police (Japan)", "certainly"), ("China", "likely")]
    assert len(who_did(g.networkx, "make statement", "China", before="2014-05-01")) == 0


def test_tsv_round_trip(tmp_path):
    path = write_synthetic_table(tmp_path / "s.tsv", 3000, seed=4)
    G = load_table(path).networkx
    out = tmp_path / "again.tsv"
    assert write_table(G, out, "tsv") == 0
    lines = path.read_text(encoding="utf-8").splitlines()
    assert Counter(out.read_text(encoding="utf-8").splitlines()) == Counter(lines)  # the same facts
    assert named_facts(load_table(out).networkx) == named_facts(G)


def test_parquet_round_trip_keeps_every_column(tmp_path):
    G = load_table(write_synthetic_table(tmp_path / "s.parquet", 2000, seed=2)).networkx
    assert {d["source"] for _, _, d in G.edges(data=True)} >= {"story-0", "story-1"}
    write_table(G, tmp_path / "again.parquet", "parquet")
    H = load_table(tmp_path / "again.parquet").networkx
    assert events(H) == events(G)
    assert {n: d["label"] for n, d in H.nodes(data=True)} == {n: d["label"] for n, d in G.nodes(data=True)}


def test_a_timeline_through_parquet_keeps_its_events(tmp_path):
    G = kg.load().networkx
    write_table(G, tmp_path / "stamos.parquet", "parquet")
    H = kg.load(tmp_path / "stamos.parquet").networkx
    assert events(H) == {k: (*v[:-1], None) for k, v in events(G).items()}  # the timeline's events have no source
    assert H.graph["relations"]["opposed"]["iri"] == G.graph["relations"]["opposed"]["iri"]  # kg's types stay kg's


def test_a_timeline_through_tsv_and_the_single_day_rule(tmp_path):
    G = kg.load().networkx
    write_table(G, tmp_path / "stamos.tsv", "tsv")
    H = kg.load(tmp_path / "stamos.tsv").networkx
    assert named_facts(H) == named_facts(G)
    vague = [(d["label"], d["time"]) for _, u, v, d in event_rows(G)  # with an agent and a target: in the tsv
             if u and v and d["time"].span.start_earliest != d["time"].span.start_latest]
    assert vague, "the bundled timeline has vague dates"
    days = {d["time"].span.start_earliest for _, _, d in H.edges(data=True)}
    for _, time in vague:  # each became its earliest possible start
        assert single_day(time.span) in days
        assert single_day(time.span) == (time.span.start_earliest or time.span.start_latest)


def test_tkbc_ids_decode_to_the_quadruples(tmp_path):
    G = load_table(write_synthetic_table(tmp_path / "s.tsv", 500, seed=1)).networkx
    files, skipped = tkbc_files(G)
    assert skipped == 0
    ent = {int(i): name for name, i in (line.split("\t") for line in files["entity2id.txt"].splitlines())}
    rel = {int(i): name for name, i in (line.split("\t") for line in files["relation2id.txt"].splitlines())}
    day = {int(t): d for d, t in (line.split("\t") for line in files["time2id.txt"].splitlines())}
    decoded = Counter((ent[s], rel[r], ent[o], day[t]) for s, r, o, t in
                      (map(int, line.split("\t")) for line in files["quadruples.txt"].splitlines()))
    assert decoded == named_facts(G)
    assert files["stat.txt"].split() == [str(len(ent)), str(len(rel)), str(len(day))]
    assert min(day) == 0


def test_a_relation_map_gives_kgs_event_types(tmp_path):
    path = tmp_path / "icews.tsv"
    path.write_text("A\tCriticize or denounce\tB\t2014-02-03\nC\t111\tB\t2014-02-04\nD\tConsult\tB\t2014-02-05\n",
                    encoding="utf-8")
    (tmp_path / "icews.relations.tsv").write_bytes((EXAMPLES / "cameo-relations.tsv").read_bytes())
    G = kg.load(path).networkx
    assert {d["relation"] for _, _, d in G.edges(data=True)} == {"opposed", "consult"}
    assert [a.label for a in who_did(G, "opposed", "B")] == ["A", "C"]
    assert who_did(G, "criticize or denounce", "B")  # the table's own name still finds the type
    assert G.graph["relations"]["opposed"]["iri"].endswith("/opposed")


def test_rows_with_one_id_are_one_event(tmp_path):
    import pyarrow as pa
    import pyarrow.parquet as pq

    pq.write_table(pa.table({"id": ["e1", "e1", "e2"], "relation": ["Reject"] * 3, "head": ["A", "C", "A"],
                             "tail": ["B", "B", "D"], "edtf": ["2014-01", "2014-01", "2015"],
                             "source": ["s", "s", None]}), tmp_path / "t.parquet")
    g = kg.load(tmp_path / "t.parquet")
    assert g.counts()["events"] == 2
    assert sorted(a.label for a in who_did(g.networkx, "reject", "B")) == ["A", "C"]


def test_the_sparql_engine_agrees_on_a_table(tmp_path):
    g = kg.load(write_synthetic_table(tmp_path / "s.tsv", 400, seed=3))
    for question in ("who criticize or denounce Country 0 before 2010", "what did Country 0 do after 2012",
                     "who make statement Citizen (Country 0)"):
        assert g.ask(question).keyed() == g.ask(question, engine="sparql").keyed(), question


def test_commands_on_a_table(tmp_path, monkeypatch):
    write_synthetic_table(tmp_path / "s.tsv", 300, seed=5)
    runner = CliRunner()
    monkeypatch.chdir(tmp_path)
    if True:
        data = str(tmp_path / "s.tsv")
        r = runner.invoke(cli, ["export", "--data", data, "-o", "s.parquet"])
        assert r.exit_code == 0, r.output
        r = runner.invoke(cli, ["ask", "--data", "s.parquet", "--format", "json", "who criticize or denounce Country 0"])
        assert r.exit_code == 0, r.output
        answers = json.loads(r.stdout)
        assert answers and all("evidence" not in e and "claims" not in e for a in answers for e in a["events"])
        r = runner.invoke(cli, ["export", "--data", "s.parquet", "-f", "tkbc", "-o", "bench"])
        assert r.exit_code == 0, r.output
        assert sorted(p.name for p in Path("bench").iterdir()) == [
            "entity2id.txt", "quadruples.txt", "relation2id.txt", "stat.txt", "time2id.txt"]
        r = runner.invoke(cli, ["validate", "--data", data])
        assert r.exit_code == 0 and "no claims or evidence quotes to check" in r.output, r.output
        r = runner.invoke(cli, ["render", "--data", data, "-o", "s.html"])
        assert r.exit_code == 0 and "300 events" in r.output, r.output


def test_a_plain_day_is_read_as_the_edtf_parser_reads_it(tmp_path):
    """Rows dated by one day skip the EDTF parser: the time is the one the parser gives (bounds,
    EDTF, nominal reading), and a day the calendar lacks is still refused with file:line."""
    from kg.time.edtf import parse_edtf

    days = ["2014-02-03", "2016-02-29", "0001-01-01", "9999-12-31"]
    path = tmp_path / "days.tsv"
    path.write_text("".join(f"A\tCriticize or denounce\tB\t{d}\n" for d in days), encoding="utf-8")
    times = {d["time"].edtf: d["time"] for _, _, d in load_table(path).networkx.edges(data=True)}
    for day in days:
        span, nominal = parse_edtf(day), parse_edtf(day, nominal=True)
        assert times[day].span == span and repr(times[day].span) == repr(span)
        assert times[day].nominal == nominal and times[day].nominal_span is None
    path.write_text("A\tCriticize or denounce\tB\t2014-02-03\nA\tCriticize or denounce\tB\t2014-02-30\n",
                    encoding="utf-8")
    with pytest.raises(kg.KgError, match=r"days.tsv:2: '2014-02-30' is not a date kg reads"):
        load_table(path)
