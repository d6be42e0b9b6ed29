"""The timeline chart: lanes, marks by status, claims as ticks; a PNG kept for people to look at."""

from __future__ import annotations

import re

from conftest import ROOT

from kg.chart import _lanes, timeline_chart


def test_a_lane_per_actor_and_one_for_events_without(stamos_graph):
    order, lanes = _lanes(stamos_graph)
    assert order[0].endswith("/actor/stamos")  # the busiest lane first
    assert order[-1] == "(no actor named)"
    unnamed = {key.rsplit("/", 1)[1] for key, _ in lanes["(no actor named)"]}
    assert {"mention-of-russia-rejected", "security-team-reorganised"} <= unnamed


def test_svg_marks_planned_hollow_and_reported_hatched(stamos_graph):
    svg = timeline_chart(stamos_graph, "svg")
    assert "planned (hollow)" in svg and "only reported" in svg and "claim (internal)" in svg
    assert "Stamos leaves Facebook · August 2018 (uncertain)" in svg
    assert re.search(r"<pattern", svg)  # the hatching of only-reported events


def test_positions_name_the_office_and_the_organisation(stamos_graph):
    svg = timeline_chart(stamos_graph, "svg")
    assert "chief security officer of Facebook · June 2015 onwards" in svg
    assert "head of Facebook's policy team" in svg


def test_png_for_the_build(stamos_graph):
    artifacts = ROOT / "artifacts"
    artifacts.mkdir(exist_ok=True)
    png = timeline_chart(stamos_graph, "png")
    (artifacts / "stamos-timeline.png").write_bytes(png)
    assert png.startswith(b"\x89PNG") and len(png) > 50_000


def test_html_is_self_contained(stamos_graph):
    page = timeline_chart(stamos_graph, "html")
    assert page.startswith("<!DOCTYPE html>") and "default-src 'none'" in page and "<svg" in page
