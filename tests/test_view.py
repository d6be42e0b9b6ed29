"""The networkx view built from the typed model equals the one read back from its RDF."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.graph.from_rdf import to_networkx
from kg.rdf.build import build_dataset
from kg.timeline.synthetic import write_synthetic_timeline
from kg.timeline.reader import load_timeline
from kg.graph.view import timeline_view

ROOT = Path(__file__).resolve().parent.parent


def assert_same_view(timeline) -> None:  # type: ignore[no-untyped-def]
    from_rdf, from_model = to_networkx(build_dataset(timeline)), timeline_view(timeline)
    assert list(from_model.nodes(data=True)) == list(from_rdf.nodes(data=True))
    assert list(from_model.edges(keys=True, data=True)) == list(from_rdf.edges(keys=True, data=True))
    assert from_model.graph == from_rdf.graph


@pytest.mark.parametrize("path", [None, ROOT / "examples" / "minimal" / "timeline.yaml"], ids=["stamos", "minimal"])
def test_view_from_the_model_is_the_view_from_rdf(path: Path | None) -> None:
    assert_same_view(load_timeline(path))


@pytest.mark.parametrize("seed", [1, 7])
def test_view_from_the_model_is_the_view_from_rdf_on_synthetic_timelines(tmp_path: Path, seed: int) -> None:
    assert_same_view(load_timeline(write_synthetic_timeline(tmp_path, events=120, seed=seed)))


def test_load_builds_rdf_only_when_asked() -> None:
    from kg import load

    g = load()
    assert g.counts()["events"] == 30 and "dataset" not in vars(g)
    assert g.ask("who opposed disclosure before April 2017").to_records() and "dataset" not in vars(g)
    assert len(g.dataset) > 0 and g.dataset is g.dataset  # built once, on first use
