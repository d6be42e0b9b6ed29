"""Research notebooks: inline display, tables, pandas on request, and examples/stamos.ipynb
executed top to bottom with nbclient and a real ipykernel."""

from __future__ import annotations

import json
import subprocess
import sys

import nbformat
import pytest
from conftest import EXAMPLES

from kg import load

NOTEBOOK = EXAMPLES / "stamos.ipynb"


def test_notebook_is_saved_without_outputs():
    nb = nbformat.read(NOTEBOOK, as_version=4)
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert len(code) >= 12
    assert all(c.outputs == [] and c.execution_count is None for c in code)


@pytest.fixture(scope="module")
def executed(executed_notebook):
    """The notebook run from its own folder, as Jupyter runs it; nothing may be written there
    (conftest.py runs it once for this module and tests/test_jupyterlab.py)."""
    return executed_notebook


def _outputs(nb, mime: str) -> list[str]:
    found = []
    for cell in nb.cells:
        for output in cell.get("outputs", []):
            data = output.get("data", {})
            if mime in data:
                found.append(data[mime])
            elif mime == "text/plain" and output.get("text"):
                found.append(output["text"])
    return found


def test_notebook_runs_without_error(executed):
    errors = [o for c in executed.cells for o in c.get("outputs", []) if o.get("output_type") == "error"]
    assert errors == []


def test_notebook_shows_the_explorer_inline_and_offline(executed):
    pages = [h for h in _outputs(executed, "text/html") if h.startswith('<div class="kg-explorer"><iframe srcdoc=')]
    assert len(pages) == 2  # `g` and `g.show(lang="ar")`
    for page in pages:
        assert len(page.encode("utf-8")) <= 300_000  # vis-network packed once per output
        assert '<div class="kg-still"><img src="data:image/png;base64,' in page  # for untrusted copies
        assert 'sandbox="allow-scripts"' in page and " src=" not in page.split(">", 1)[0]
        assert "default-src &#x27;none&#x27;" in page or "default-src 'none'" in page
    assert 'dir=&quot;rtl&quot;' in pages[1]


def test_notebook_answers_and_figures(executed):
    text = "\n".join(_outputs(executed, "text/plain"))
    assert "possibly  Facebook's policy team" in text and "certainly  Alex Stamos" in text
    assert "likely  Stamos emails Zuckerberg" in text  # December 2016 on the dates as written
    assert "admissible: lag between 237 and 312 days" in text and "as written: lag between 244 and 303 days" in text
    assert "relation warning-a-month-after-the-elections" in text
    assert any(png.startswith("iVBOR") for png in _outputs(executed, "image/png"))  # the chart
    assert "Timeline chart: Alex Stamos and Facebook" in text  # where the picture cannot show
    assert "30 events and" in text and "Most connected: Alex Stamos" in text  # the explorer's summary
    tables = "\n".join(_outputs(executed, "text/html"))
    assert "kg-answers" in tables and "<table" in tables


def test_graph_displays_as_an_inline_explorer(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    g = load()
    html = g._repr_html_()
    assert html.startswith('<div class="kg-explorer"><iframe srcdoc=') and list(tmp_path.iterdir()) == []
    assert "Alex Stamos" in repr(g) and "30 events" in repr(g)


def test_answers_display_as_escaped_tables(stamos_graph):
    from kg.ask.question import ask

    answers = ask(stamos_graph, "who opposed disclosure before April 2017")
    html = answers._repr_html_()
    assert "<table class='kg-answers'>" in html and "Facebook&#x27;s policy team" in html
    assert repr(answers).endswith("possibly  Facebook's policy team")
    frame = answers.to_pandas()
    assert list(frame.columns) == ["grade", "label", "label_ar", "kind", "iri", "because"]
    assert frame.loc[0, "grade"] == "possibly"


def test_sparql_from_python_returns_the_same_kind_of_table():
    from kg.rdf.results import Table

    g = load()
    rows = g.sparql("SELECT ?e ?start WHERE { ?e time:hasTime/time:hasBeginning/kg:notBefore ?start ; kg:agent ?who }",
                    who="https://w3id.org/kg-timeline/stamos/actor/policy-team")
    assert isinstance(rows, Table) and isinstance(g.ask("who urged Facebook"), Table)
    # both of the policy team's acts are dated only by the response that began in November 2016
    assert {str(r["start"]) for r in rows.to_records()} == {"2016-11-01"} and len(rows) == 2
    assert "<table" in rows._repr_html_()
    assert list(rows.to_pandas().columns) == ["e", "start"]
    hostile = g.sparql("SELECT ?x WHERE { BIND(?text AS ?x) }", text="<script>alert(1)</script>")
    assert "<script>" not in hostile._repr_html_()
    assert g.sparql("ASK { ?e sem:eventType kgt:opposed }").to_records() == [{"ask": True}]


def test_time_spans_display(stamos):
    time = stamos.events["stamos-warning"].time
    assert "starts 2016-11-22..2017-01-07" in repr(time.span)  # the span: its bounds
    html = time._repr_html_()  # the time: as written, in both languages, and its bounds
    assert "<table class='kg-time'>" in html and "2016-12~" in html and "نحو ديسمبر 2016" in html
    assert "about December 2016" in html and "2016-11-22 … 2017-01-07" in html
    assert "بعد شهر من انتهائها" in html


def test_pandas_is_imported_only_when_asked():
    code = ("import sys, kg; g = kg.load(); a = g.ask('who urged Facebook'); a._repr_html_(); g._repr_html_(); "
            "print('pandas' in sys.modules); a.to_pandas(); print('pandas' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    assert out == ["False", "True"]


@pytest.mark.parametrize("fmt", ["trig", "nquads", "jsonld", "turtle"])
def test_load_rdf_files(tmp_path, fmt):
    g = load()
    suffix = {"trig": ".trig", "nquads": ".nq", "jsonld": ".jsonld", "turtle": ".ttl"}[fmt]
    path = tmp_path / f"stamos{suffix}"
    path.write_text(g.export(fmt), encoding="utf-8")
    again = load(path)
    assert again.counts() == g.counts()
    assert json.loads(again.ask("who held the chief security officer role in 2016").to_json())[0]["label"] == "Alex Stamos"


def test_notebook_saved_with_outputs_stays_small(executed, tmp_path):
    saved = tmp_path / "stamos.ipynb"
    nbformat.write(executed, saved)
    assert saved.stat().st_size <= 1_000_000, f"{saved.stat().st_size:,} bytes"


def test_chart_fits_a_notebook_output():
    from kg.views.notebook import Chart

    g = load()
    svg = g.timeline_chart(fmt="svg")._repr_svg_()
    root = svg[svg.index("<svg"):svg.index(">", svg.index("<svg"))]
    assert 'width="100%"' in root and "height=" not in root and "viewBox=" in root
    png = g.timeline_chart()
    assert isinstance(png, Chart) and bytes(png).startswith(b"\x89PNG")
