"""Exports: every RDF format round-trips, and independent parsers (pyoxigraph, rapper) read it."""

from __future__ import annotations

import csv
import io
import subprocess

import networkx as nx
import pyoxigraph
import pytest
from conftest import need
from rdflib import Dataset, Graph
from rdflib.compare import isomorphic

from kg.views.exports import CSV_COLUMNS, FORMATS, export
from kg.rdf.portable import portable_dataset
from kg.rdf.build import union_graph

DATASET_FORMATS = {"trig": "trig", "nquads": "nquads", "jsonld": "json-ld"}
OXIGRAPH = {"trig": pyoxigraph.RdfFormat.TRIG, "nquads": pyoxigraph.RdfFormat.N_QUADS,
            "jsonld": pyoxigraph.RdfFormat.JSON_LD, "turtle": pyoxigraph.RdfFormat.TURTLE}


@pytest.fixture(scope="module")
def exported(stamos_dataset):
    return {fmt: export(stamos_dataset, fmt) for fmt in FORMATS}


def _graphs(dataset: Dataset) -> dict[str, Graph]:
    return {str(g.identifier): g for g in dataset.graphs() if len(g)}


@pytest.mark.parametrize("fmt", sorted(DATASET_FORMATS))
def test_dataset_formats_round_trip(stamos_dataset, exported, fmt):
    back = Dataset()
    back.parse(data=exported[fmt], format=DATASET_FORMATS[fmt])
    before, after = _graphs(portable_dataset(stamos_dataset)), _graphs(back)
    assert set(before) == set(_graphs(stamos_dataset)), "the same graphs as kg built"
    assert set(before) == set(after)
    for name, graph in before.items():
        assert isomorphic(graph, after[name]), name


def test_turtle_round_trips_the_union(stamos_dataset, exported):
    back = Graph().parse(data=exported["turtle"], format="turtle")
    assert isomorphic(back, union_graph(stamos_dataset))


@pytest.fixture(scope="module")
def reference(stamos_dataset):
    """The dataset as pyoxigraph reads rdflib's N-Quads: the quads and the triples."""
    store = pyoxigraph.Store()
    store.load(portable_dataset(stamos_dataset).serialize(format="nquads").encode("utf-8"), pyoxigraph.RdfFormat.N_QUADS)
    return {str(q) for q in store}, {str(q.triple) for q in store}


@pytest.mark.parametrize("fmt", sorted(OXIGRAPH))
def test_pyoxigraph_reads_the_same_data(exported, reference, fmt):
    store = pyoxigraph.Store()
    store.load(exported[fmt].encode("utf-8"), OXIGRAPH[fmt])
    quads, triples = reference
    if fmt == "turtle":
        assert {str(q.triple) for q in store} == triples
    else:
        assert {str(q) for q in store} == quads


@pytest.mark.external
@pytest.mark.parametrize("fmt", ["trig", "nquads", "turtle"])
def test_rapper_parses(stamos_dataset, exported, fmt, tmp_path):
    rapper = need("rapper")
    path = tmp_path / f"stamos.{fmt}"
    path.write_text(exported[fmt], encoding="utf-8")
    result = subprocess.run([rapper, "-i", fmt, "-c", str(path)], capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    expected = len(union_graph(stamos_dataset)) if fmt == "turtle" else len(list(portable_dataset(stamos_dataset).quads()))
    assert f"returned {expected} triples" in result.stderr


def test_graphml_reads_back_with_the_event_edges(exported, stamos_graph):
    back = nx.read_graphml(io.StringIO(exported["graphml"]), force_multigraph=True)
    assert back.number_of_nodes() == stamos_graph.number_of_nodes()
    assert back.number_of_edges() == stamos_graph.number_of_edges()
    relations = {d["relation"] for _, _, d in back.edges(data=True)}
    assert {"opposed", "warned", "disclosed", "held"} <= relations


def test_csv_has_one_row_per_event_or_position(stamos, exported):
    rows = list(csv.DictReader(io.StringIO(exported["csv"])))
    assert tuple(rows[0]) == CSV_COLUMNS
    assert len(rows) == len(stamos.events) + len(stamos.positions)
    warning = next(r for r in rows if r["iri"].endswith("/stamos-warning"))
    assert (warning["edtf"], warning["start_earliest"], warning["start_latest"]) == ("2016-12~", "2016-11-22", "2017-01-07")
    assert warning["label_ar"].startswith("ستاموس")


def test_unknown_format_is_a_clear_error(stamos_dataset):
    from kg.errors import KgError

    with pytest.raises(KgError, match="unknown export format 'xml'; use one of trig"):
        export(stamos_dataset, "xml")


def test_exports_and_pages_are_the_same_every_run(tmp_path):
    """Same data, same bytes, whatever Python's hash seed (the README promises clean diffs)."""
    import os
    import sys

    code = ("import sys, kg; g = kg.load(); out = sys.argv[1]\n"
            "for f in ('trig', 'nquads', 'turtle', 'jsonld', 'graphml', 'csv'):\n"
            "    open(f'{out}/stamos.{f}', 'w', encoding='utf-8').write(g.export(f))\n"
            "open(f'{out}/stamos.html', 'w', encoding='utf-8').write(g.render_html())\n"
            "open(f'{out}/timeline.svg', 'w', encoding='utf-8').write(str(g.timeline_chart(fmt='svg')))\n")
    processes = []
    for seed in ("1", "2"):  # the two runs at the same time: independent processes, two cores
        out = tmp_path / seed
        out.mkdir()
        processes.append((out, subprocess.Popen([sys.executable, "-c", code, str(out)],
                                                env={**os.environ, "PYTHONHASHSEED": seed})))
    runs = []
    for out, process in processes:
        assert process.wait(timeout=600) == 0
        runs.append({p.name: p.read_bytes() for p in out.iterdir()})
    assert runs[0].keys() == runs[1].keys() and len(runs[0]) == 8
    for name in runs[0]:
        assert runs[0][name] == runs[1][name], name
