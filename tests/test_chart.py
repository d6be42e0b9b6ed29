"""The timeline chart: lanes, marks by status, claims as ticks; a PNG kept for people to look at."""

from __future__ import annotations

import re

import pytest
from conftest import ROOT

from kg.views.chart import _lanes, timeline_chart


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
    (artifacts / "stamos-timeline-notebook.png").write_bytes(timeline_chart(stamos_graph, "png", width=10))


def test_html_is_self_contained(stamos_graph):
    page = timeline_chart(stamos_graph, "html")
    assert page.startswith("<!DOCTYPE html>") and "default-src 'none'" in page and "<svg" in page


def _patterns(svg: str) -> list[tuple[str, str]]:
    """(background, line colour) of each hatch pattern in an SVG written by matplotlib."""
    return [(m.group(1).lower(), m.group(2).lower()) for m in re.finditer(
        r'<pattern .*?<rect [^>]*fill="(#[0-9a-fA-F]{6})".*?stroke: (#[0-9a-fA-F]{6})', svg, re.S)]


def test_only_reported_hatching_shows_in_svg_and_html(stamos_graph):
    for chart in (timeline_chart(stamos_graph, "svg"), timeline_chart(stamos_graph, "html")):
        patterns = _patterns(chart)
        assert patterns and all(background != lines for background, lines in patterns)


def test_only_reported_hatching_shows_in_png(stamos_graph):
    """Inside a hatched bar of the PNG there are both the light face and the darker lines."""
    import io

    import numpy as np
    from matplotlib.image import imread

    from kg.views.chart import _figure

    fig = _figure(stamos_graph, None)
    ax = fig.axes[0]
    fig.canvas.draw()
    hatched = [p for p in ax.patches if p.get_hatch() and p.get_width() > 30]
    assert hatched
    box = hatched[0].get_window_extent()
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png")
    pixels = imread(io.BytesIO(buffer.getvalue()))[:, :, :3]
    height = pixels.shape[0]
    inside = pixels[int(height - box.y1) + 2:int(height - box.y0) - 2, int(box.x0) + 2:int(box.x1) - 2]
    brightness = inside.mean(axis=2)
    assert brightness.max() - brightness.min() > 0.2  # lines stand out from the face
    import matplotlib.pyplot as plt

    plt.close(fig)
    assert np.isfinite(brightness).all()


def _text_boxes(fig):
    fig.canvas.draw()  # lays the legend out
    renderer = fig.canvas.get_renderer()
    ax = fig.axes[0]
    texts = [t for t in ax.texts if t.get_text().strip() and t.get_text() not in "◂▸"]
    texts += [t for t in ax.get_yticklabels() + ax.get_xticklabels() if t.get_text()]
    texts += [ax.title] + list(ax.get_legend().get_texts())
    return [(t.get_text(), t.get_window_extent(renderer)) for t in texts], fig.bbox


@pytest.mark.parametrize("lang,width", [("en", 16), ("ar", 16), ("en", 10), ("ar", 10)])
def test_no_label_overlaps_another_or_leaves_the_figure(stamos_graph, lang, width):
    import matplotlib.pyplot as plt

    from kg.views.chart import _figure

    fig = _figure(stamos_graph, None, lang=lang, width=width)
    try:
        boxes, frame = _text_boxes(fig)
        assert len(boxes) > 60
        overlapping = [(a, b) for i, (a, box) in enumerate(boxes) for b, other in boxes[i + 1:] if box.overlaps(other)]
        assert overlapping == []
        outside = [text for text, box in boxes if box.x0 < frame.x0 or box.x1 > frame.x1 or box.y0 < frame.y0
                   or box.y1 > frame.y1]
        assert outside == []
    finally:
        plt.close(fig)


def _ink_columns(text: str, lang: str = "ar"):
    """Per column of a rendering of ``text``, how many rows carry ink."""
    import io

    import matplotlib.pyplot as plt
    from matplotlib.image import imread

    from kg.views.chart import FONTS

    fig = plt.figure(figsize=(3, 1.2), dpi=100)
    fig.text(0.5, 0.5, text, fontsize=48, ha="center", va="center", family=FONTS[lang])
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png")
    plt.close(fig)
    ink = imread(io.BytesIO(buffer.getvalue()))[:, :, :3].mean(axis=2) < 0.5
    return ink.sum(axis=0)


def test_arabic_is_shaped_and_right_to_left():
    columns = _ink_columns("با")  # baa then alef: read right to left, the tall alef stands on the left
    inked = [i for i, c in enumerate(columns) if c]
    tallest = max(range(len(columns)), key=lambda i: columns[i])
    assert tallest < (inked[0] + inked[-1]) / 2
    width = lambda text: sum(1 for c in _ink_columns(text) if c)  # noqa: E731
    assert width("لا") < width("ل") + width("ا")  # lam-alef is one ligature when shaped


def test_kg_timeline_in_arabic(runner, tmp_path):
    from kg.cli import cli

    out = tmp_path / "chart-ar.png"
    result = runner.invoke(cli, ["timeline", "--lang", "ar", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert out.read_bytes().startswith(b"\x89PNG")
    artifacts = ROOT / "artifacts"
    artifacts.mkdir(exist_ok=True)
    (artifacts / "stamos-timeline-ar.png").write_bytes(out.read_bytes())
