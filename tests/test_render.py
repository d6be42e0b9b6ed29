"""The explorer page: self-contained, no network, every text escaped (checked without a browser;
tests/test_explorer.py drives the page in Chromium)."""

from __future__ import annotations

import datetime as dt
import json
import re
from html.parser import HTMLParser

import pytest

from kg.graph.from_rdf import to_networkx
from kg.knowledge_graph import load
from kg.rdf.build import build_dataset
from kg.views.explorer import render_html
from kg.timeline.reader import load_timeline

HOSTILE = "<img src=x onerror=alert(1)></script><script>alert(2)</script>"


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.scripts: list[str] = []
        self._in_script: dict[str, str | None] | None = None

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        if tag == "script":
            self._in_script = dict(attrs)
            self.scripts.append("")

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_script = None

    def handle_data(self, data):
        if self._in_script is not None:
            self.scripts[-1] += data


def parse(html: str) -> _Tags:
    parser = _Tags()
    parser.feed(html)
    return parser


@pytest.fixture(scope="module")
def stamos_html(stamos_graph) -> str:
    return render_html(stamos_graph)


@pytest.fixture
def hostile_graph(minimal):
    """The minimal example with hostile text in labels, a title, an alternative label and a gloss."""
    minimal.replace("title: {en: The Harbour Town ferry pier (fictional example)}", f"title: {{en: '{HOSTILE}'}}")
    minimal.replace("label: {en: Dana Reyes}", f"label: {{en: '{HOSTILE}', ar: '{HOSTILE}'}}")
    minimal.replace("label: {en: Residents oppose the closure}", f"label: {{en: '{HOSTILE} event'}}")
    minimal.replace("alt_labels: {en: [the council]}", f"alt_labels: {{en: ['{HOSTILE} alias']}}")
    minimal.replace("text: 'its chair Dana Reyes said', gloss: As written.", f"text: 'its chair Dana Reyes said', gloss: '{HOSTILE} gloss'")
    return to_networkx(build_dataset(load_timeline(minimal.timeline)))


def test_page_is_one_file_with_no_external_resource(stamos_html):
    page = parse(stamos_html)
    for tag, attrs in page.tags:
        assert "src" not in attrs, (tag, attrs)
        if tag == "link":
            pytest.fail(f"external stylesheet or resource: {attrs}")
    assert not re.search(r"""(?:src|href)\s*=\s*["']?(?:https?:)?//""", stamos_html)
    assert "cdn.jsdelivr.net" not in stamos_html and "bootstrap" not in stamos_html.lower()
    assert "default-src 'none'" in stamos_html  # the page may not fetch anything


def test_vis_network_is_inlined(stamos_html):
    page = parse(stamos_html)
    assert any("vis.Network" in s or "Network=" in s for s in page.scripts)
    assert max(len(s) for s in page.scripts) > 400_000  # vis-network itself


def _blocks(html: str) -> dict[str, object]:
    page = parse(html)
    return {attrs.get("id"): json.loads(text) for (tag, attrs), text in
            zip([t for t in page.tags if t[0] == "script"], page.scripts) if attrs.get("type") == "application/json"}


def test_nodes_and_edges_are_built_from_the_graph(stamos_html, stamos_graph):
    blocks = _blocks(stamos_html)
    data, nodes, edges = blocks["kg-data"], blocks["kg-nodes"], blocks["kg-edges"]
    iris = [n[0] for n in data["nodes"]]
    assert set(iris) == set(stamos_graph.nodes) and len(nodes) == len(iris)
    assert {iris[n["id"]] for n in nodes} == set(stamos_graph.nodes)
    primary = [e for e in edges if not e.get("secondary")]
    assert sum(len(e["items"]) for e in primary) == stamos_graph.number_of_edges()  # bundled, none lost
    groups = blocks["kg-options"]["groups"]
    assert groups["person"]["color"] != groups["topic"]["color"] != groups["outlet"]["color"]
    assert {n["group"] for n in nodes} <= set(groups)
    items = [it[0] for it in data["items"]]
    (warning,) = [e for e in primary if any(items[i].endswith("/stamos-warning") for i in e["items"])]
    assert {iris[warning["from"]], iris[warning["to"]]} == {
        u for u, v, k in stamos_graph.edges(keys=True) if k.endswith("/stamos-warning") for u in (u, v)}


def test_packed_page_is_small_and_carries_the_same_blocks(stamos_graph, stamos_html):
    import base64
    import gzip

    packed = render_html(stamos_graph, packed=True)
    assert len(packed.encode()) < 0.4 * len(stamos_html.encode())
    page = parse(packed)
    blocks = {attrs["id"]: json.loads(gzip.decompress(base64.b64decode(text)))
              for (_, attrs), text in zip([t for t in page.tags if t[0] == "script"], page.scripts)
              if attrs.get("type") == "application/json"}
    assert blocks == _blocks(stamos_html)
    assert "default-src 'none'" in packed and "DecompressionStream" in packed


def test_page_data_references_resolve(stamos_html, stamos):
    data = _blocks(stamos_html)["kg-data"]
    iris = [n[0] for n in data["nodes"]]
    item = next(it for it in data["items"] if it[0].endswith("/stamos-leaves-facebook"))
    iri, kind, labels, relation, status, time, roles, claims, pairs, note, grades = item
    assert (kind, relation, status) == ("event", "departed", "planned")
    leaving = stamos.events["stamos-leaves-facebook"].time
    day = lambda d: (d - dt.date(1970, 1, 1)).days  # noqa: E731
    assert grades[0] == [day(leaving.span.start_earliest), None]  # possible from its earliest start
    assert grades[1] == [day(leaving.nominal.start_latest), None]  # likely once begun as written (August 2018)
    assert grades[2] is None  # only planned: never certain
    # the panel's time carries the dates as written and why each derived bound is what it is
    shown = data["times"][time]
    assert shown["as_written"][0] == "2018-08-01" and [b for b, _ in shown["derived"]] == ["se", "ee"]  # after the article
    assert data["times"][time]["words"] == "August 2018 (uncertain)"
    assert [iris[i].rsplit("/", 1)[1] for i in roles["agent"]] == ["stamos"]
    sources = [s[0] for s in data["sources"]]
    claimants = [sorted((iris[c] if c >= 0 else sources[-1 - c]).rsplit("/", 1)[1] for c in claim[0]) for claim in claims]
    assert ["nyt", "reuters", "wsj"] in claimants and ["article"] in claimants
    text = stamos.sources["article"].text
    for claim in claims:
        for source, start, end, exact, gloss in claim[4]:
            assert text[start:end] == exact and gloss


def test_hostile_text_is_escaped_everywhere(hostile_graph):
    html = render_html(hostile_graph)
    page = parse(html)
    # no element the hostile text could have created
    assert [t for t, _ in page.tags].count("img") == 0
    assert all("onerror" not in attrs for _, attrs in page.tags)
    assert "<img" not in html and "</script><script>alert" not in html
    # the heading and title show it as text
    assert "&lt;img src=x onerror=alert(1)&gt;" in html
    # the data blocks carry it intact, as data
    data = _blocks(html)["kg-data"]
    assert HOSTILE in [n[1].get("en") for n in data["nodes"]]


def test_arabic_page_is_right_to_left(stamos_graph):
    html = render_html(stamos_graph, lang="ar")
    assert '<html lang="ar" dir="rtl">' in html
    assert "أليكس ستاموس" in {n["text"] for n in _blocks(html)["kg-nodes"]}


def test_unknown_language_is_refused(stamos_graph):
    with pytest.raises(ValueError, match="unknown language 'fr'"):
        render_html(stamos_graph, lang="fr")


def test_written_as_utf8_and_never_over_the_input(tmp_path, minimal):
    graph = load(minimal.timeline)
    out = graph.render(tmp_path / "page.html", lang="en")
    assert "Harbour Town council" in out.read_text(encoding="utf-8")
    from kg.errors import KgError

    with pytest.raises(KgError, match="refusing to overwrite the input"):
        graph.render(minimal.timeline)
    assert minimal.timeline.read_text(encoding="utf-8").startswith("# A minimal timeline")


def test_network_is_filled_from_lists_not_node_by_node(stamos_graph, monkeypatch):
    """pyvis's from_nx and add_edge scan every edge on each insertion (quadratic); kg must not call them."""
    from pyvis.network import Network

    def refuse(*args, **kwargs):
        raise AssertionError("quadratic pyvis insertion used")

    for name in ("from_nx", "add_edge", "add_node", "add_nodes", "add_edges"):
        monkeypatch.setattr(Network, name, refuse)
    assert "kg-edges" in render_html(stamos_graph)


def test_a_large_page_carries_its_detail_compressed_and_inert():
    """Past kg.views.explorer.LARGE events, what only tooltips, panels and search need travels gzip +
    base64 in its own block (unpacked by the page after its first picture): nothing of it is
    in the page as text, and it holds every item's labels and claims, hostile text intact."""
    import base64
    import gzip

    from kg.views.explorer import LARGE
    from kg.graph.synthetic import synthetic_graph

    G = synthetic_graph(200, LARGE + 10, seed=3)
    key = next(iter(G.edges(keys=True)))
    G.edges[key]["labels"] = {"en": HOSTILE}
    html = render_html(G)
    page = parse(html)
    (attrs, text), = [(a, t) for (tag, a), t in zip([t for t in page.tags if t[0] == "script"], page.scripts)
                      if a.get("id") == "kg-detail"]
    assert attrs.get("data-deferred") == "gzip" and re.fullmatch(r"[A-Za-z0-9+/=]+", text)
    assert HOSTILE not in html and "<img" not in html
    detail = json.loads(gzip.decompress(base64.b64decode(text)))
    data = _blocks(html.replace(text, "null"))["kg-data"]
    assert data["times"] is None and all(item[2] is None and item[7] is None for item in data["items"])
    assert len(detail["items"]) == len(data["items"]) and detail["times"]
    by_iri = dict(zip((item[0] for item in data["items"]), detail["items"]))
    assert by_iri[key[2]][0] == {"en": HOSTILE}
    assert len(by_iri[key[2]][3]) == len(G.edges[key]["claims"]) > 0
