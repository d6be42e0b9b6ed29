"""The explorer page in a real browser: Debian's chromium driven by playwright.

Every page is opened from a file with every other request intercepted and refused; a test
fails on any console error, page error, dialog or request that tried to leave the page.
Screenshots of the Stamos page are kept in artifacts/ as build artefacts.
"""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
from conftest import ROOT, need

pytestmark = pytest.mark.browser
ARTIFACTS = ROOT / "artifacts"
HOSTILE = "<img src=x onerror=alert(1)></script><script>alert(2)</script>"
BASE = "https://w3id.org/kg-timeline/stamos/"
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--no-first-run", "--disable-sync", "--disable-quic"]


@pytest.fixture(scope="module")
def browser():
    need("chromium")
    playwright_api = pytest.importorskip("playwright.sync_api")
    with playwright_api.sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=shutil.which("chromium"), args=FLAGS)
        yield chromium
        chromium.close()


class Page:
    """An explorer page with its console, errors, dialogs and refused requests recorded."""

    def __init__(self, browser, path: Path, viewport=(1500, 950)):
        self.page = browser.new_page(viewport={"width": viewport[0], "height": viewport[1]})
        self.console, self.errors, self.dialogs, self.leaks = [], [], [], []
        self.page.on("console", lambda m: self.console.append((m.type, m.text)))
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("dialog", lambda d: (self.dialogs.append(d.message), d.dismiss()))
        url = path.resolve().as_uri()

        def guard(route):
            if route.request.url == url or route.request.url.startswith("data:"):
                route.continue_()
            else:
                self.leaks.append(route.request.url)
                route.abort()

        self.page.route("**/*", guard)
        self.page.goto(url)
        self.page.wait_for_selector("body[data-settled='true']", state="attached", timeout=60_000)

    def js(self, expression: str, arg=None):
        return self.page.evaluate(expression, arg)

    def assert_clean(self):
        assert self.leaks == [], f"requests left the page: {self.leaks}"
        assert self.errors == [], self.errors
        assert [m for m in self.console if m[0] == "error"] == []
        assert self.dialogs == [], f"a dialog opened: {self.dialogs}"

    def close(self):
        self.page.close()


@pytest.fixture(scope="module")
def stamos_page_file(tmp_path_factory) -> Path:
    from kg import load

    path = tmp_path_factory.mktemp("pages") / "stamos.html"
    load().render(path)
    return path


@pytest.fixture
def stamos_page(browser, stamos_page_file):
    page = Page(browser, stamos_page_file)
    yield page
    page.close()


def _edges_of(page: Page, event: str) -> list[dict]:
    return page.js("(iri) => kgExplorer.edges.get().filter((e) => e.item === iri && !e.secondary)", BASE + event)


def test_loads_offline_and_draws_every_node(stamos_page, stamos_graph):
    stamos_page.assert_clean()
    drawn = stamos_page.js("() => Object.keys(kgExplorer.network.getPositions()).length")
    assert drawn == stamos_graph.number_of_nodes()
    assert stamos_page.js("() => kgExplorer.edges.get().filter((e) => !e.secondary).length") == \
        stamos_graph.number_of_edges()
    assert stamos_page.js("() => kgExplorer.network.physics.options.enabled") is False  # layout frozen


def test_screenshots_for_the_build(stamos_page, browser, tmp_path):
    ARTIFACTS.mkdir(exist_ok=True)
    stamos_page.js("(iri) => kgExplorer.showItem(iri)", BASE + "event/stamos-leaves-facebook")
    stamos_page.page.screenshot(path=str(ARTIFACTS / "stamos-explorer.png"))
    from kg import load

    arabic = tmp_path / "stamos-ar.html"
    load().render(arabic, lang="ar")
    page = Page(browser, arabic)
    try:
        page.assert_clean()
        page.js("(iri) => kgExplorer.showItem(iri)", BASE + "event/policy-team-opposes-disclosure")
        page.page.screenshot(path=str(ARTIFACTS / "stamos-explorer-ar.png"))
    finally:
        page.close()
    assert (ARTIFACTS / "stamos-explorer.png").stat().st_size > 50_000


def _day(date: dt.date) -> int:
    return (date - dt.date(1970, 1, 1)).days


def test_slider_to_december_2016_hides_what_came_after(stamos_page):
    stamos_page.page.locator("#kg-slider").fill(str(_day(dt.date(2016, 12, 31))))
    assert stamos_page.page.locator("#kg-date").inner_text() == "31 December 2016"
    (report,) = _edges_of(stamos_page, "event/april-report-published")
    assert report["hidden"] is True
    (cso,) = _edges_of(stamos_page, "event/stamos-becomes-cso")
    assert cso["hidden"] is False and cso["certainty"] == "certain" and cso["color"]["opacity"] == 1
    (warning,) = _edges_of(stamos_page, "event/stamos-warning")  # about December 2016: maybe by then
    assert warning["hidden"] is False and warning["certainty"] == "possible" and warning["color"]["opacity"] < 0.5
    hidden_nodes = stamos_page.js("() => kgExplorer.nodes.get().filter((n) => n.hidden).map((n) => n.id)")
    assert BASE + "document/april-report" in hidden_nodes and BASE + "actor/stamos" not in hidden_nodes
    stamos_page.assert_clean()


def test_planned_events_look_different(stamos_page):
    (planned,) = _edges_of(stamos_page, "event/stamos-leaves-facebook")
    (happened,) = _edges_of(stamos_page, "event/stamos-becomes-cso")
    assert planned["dashes"] and not happened["dashes"]
    assert planned["color"]["color"] != happened["color"]["color"]


def test_play_runs_through_time(stamos_page):
    stamos_page.page.locator("#kg-slider").fill(str(_day(dt.date(2015, 6, 1))))
    stamos_page.page.locator("#kg-play").click()
    stamos_page.page.wait_for_timeout(1500)
    stamos_page.page.locator("#kg-play").click()  # pause
    moved = stamos_page.js("() => kgExplorer.state.date")
    assert moved > _day(dt.date(2015, 6, 1))


def _click_edge(page: Page, event: str) -> None:
    """Click the middle of the edge drawn for ``event``, as a user would."""
    (edge,) = _edges_of(page, event)
    point = page.js("""(id) => {
        const net = kgExplorer.network;
        const p = net.canvasToDOM(net.body.edges[id].edgeType.getPoint(0.5));
        const box = document.getElementById("kg-graph").getBoundingClientRect();
        return { x: box.left + p.x, y: box.top + p.y, hit: net.getEdgeAt(p) };
    }""", edge["id"])
    assert point["hit"] == edge["id"], "another edge lies on top of this one"
    page.page.mouse.click(point["x"], point["y"])


def test_clicking_an_event_shows_its_evidence(stamos_page, stamos):
    _click_edge(stamos_page, "event/cambridge-analytica-obtains-data")
    panel = stamos_page.page.locator("#kg-panel")
    assert panel.is_visible()
    quote = stamos.events["cambridge-analytica-obtains-data"].claims[0].evidence[0]
    assert quote.text in panel.locator(".kg-quote").first.inner_text()
    assert quote.gloss.split()[0] in panel.inner_text()
    assert "2018-03-20" in panel.inner_text()  # its bounds: derived from the claims that quote it
    stamos_page.assert_clean()


def test_search_by_english_or_arabic_label(stamos_page):
    search = stamos_page.page.locator("#kg-search")
    search.fill("ستاموس")
    results = stamos_page.page.locator("#kg-results li")
    assert "Alex Stamos" in results.all_inner_texts()[0]
    search.fill("policy team")
    texts = results.all_inner_texts()
    assert any("Facebook's policy team" in t for t in texts)
    results.first.click()
    assert stamos_page.page.locator("#kg-panel h3").inner_text()


def test_relation_filters(stamos_page):
    stamos_page.page.locator("input[data-relation='warned']").uncheck()
    hidden = [e["hidden"] for e in _edges_of(stamos_page, "event/stamos-warning")]
    assert hidden == [True]
    stamos_page.page.locator("input[data-relation='warned']").check()
    assert [e["hidden"] for e in _edges_of(stamos_page, "event/stamos-warning")] == [False]


def test_layout_is_deterministic(browser, stamos_page_file):
    positions = []
    for _ in range(2):
        page = Page(browser, stamos_page_file)
        positions.append(page.js("() => kgExplorer.network.getPositions()"))
        page.close()
    assert positions[0] == positions[1]


def test_arabic_page_is_right_to_left(browser, tmp_path):
    from kg import load

    path = tmp_path / "ar.html"
    load().render(path, lang="ar")
    page = Page(browser, path)
    try:
        assert page.js("() => document.documentElement.dir") == "rtl"
        assert page.js("() => kgExplorer.nodes.get('%sactor/stamos').label" % BASE) == "أليكس ستاموس"
        page.js("(iri) => kgExplorer.showItem(iri)", BASE + "event/stamos-warning")
        assert "الادعاءات" in page.page.locator("#kg-panel").inner_text()
        page.assert_clean()
    finally:
        page.close()


def test_hostile_labels_stay_inert(browser, tmp_path, minimal):
    from kg.graph import to_networkx
    from kg.rdf import build_dataset
    from kg.render import write_html
    from kg.timeline import load_timeline

    minimal.replace("label: {en: Dana Reyes}", f"label: {{en: '{HOSTILE}', ar: '{HOSTILE}'}}")
    minimal.replace("label: {en: Residents oppose the closure}", f"label: {{en: '{HOSTILE} event'}}")
    minimal.replace("text: 'its chair Dana Reyes said', gloss: As written.", f"text: 'its chair Dana Reyes said', gloss: '{HOSTILE}'")
    G = to_networkx(build_dataset(load_timeline(minimal.timeline)))
    path = write_html(G, tmp_path / "hostile.html")
    page = Page(browser, path)
    try:
        reyes = next(n for n, d in G.nodes(data=True) if d["label"] == HOSTILE)
        # the side panel
        page.js("(id) => kgExplorer.showNode(id)", reyes)
        assert page.page.locator("#kg-panel h3").inner_text() == HOSTILE
        page.js("(iri) => kgExplorer.showItem(iri)", "https://example.org/harbour-pier/event/council-votes-to-close-pier")
        assert HOSTILE in page.page.locator("#kg-panel").inner_text()
        # the search results
        page.page.locator("#kg-search").fill("onerror")
        assert HOSTILE in page.page.locator("#kg-results").inner_text()
        # the tooltip of the node
        point = page.js("""(id) => { const p = kgExplorer.network.canvasToDOM(kgExplorer.network.getPositions([id])[id]);
            const box = document.getElementById("kg-graph").getBoundingClientRect();
            return { x: box.left + p.x, y: box.top + p.y }; }""", reyes)
        page.page.mouse.move(point["x"], point["y"])
        page.page.wait_for_selector(".vis-tooltip", state="visible", timeout=5000)
        tooltip = page.page.locator(".vis-tooltip")
        assert tooltip.inner_text() == HOSTILE
        assert page.js("() => document.querySelector('.vis-tooltip').children.length") == 0
        assert page.js("() => document.querySelectorAll('img').length") == 0
        page.page.wait_for_timeout(300)
        page.assert_clean()  # no alert dialog, no request for "x"
    finally:
        page.close()


def test_a_large_graph_does_not_freeze_the_page(browser, tmp_path):
    from kg.render import write_html
    from kg.synthetic import synthetic_graph

    path = write_html(synthetic_graph(2000, 5000, seed=3), tmp_path / "large.html")
    import time

    started = time.perf_counter()
    page = Page(browser, path)
    try:
        settled = time.perf_counter() - started
        assert settled < 45, f"took {settled:.1f}s to settle"
        assert page.js("() => kgExplorer.network.physics.options.enabled") is False
        assert page.js("() => Object.keys(kgExplorer.network.getPositions()).length") == 2000
        took = page.js("""() => { const t = performance.now(); kgExplorer.setDate("2010-01-01");
                                  return performance.now() - t; }""")
        assert took < 3000, f"moving the slider took {took:.0f} ms"
        print(f"large graph: settled in {settled:.1f} s, slider move {took:.0f} ms")
        page.assert_clean()
    finally:
        page.close()


def test_inline_notebook_display_works_offline(browser, tmp_path):
    """The iframe srcdoc a notebook shows (kg.notebook) runs the explorer with no request."""
    from kg import load

    host = tmp_path / "notebook-output.html"
    host.write_text(f"<!DOCTYPE html><html><body>{load()._repr_html_()}</body></html>", encoding="utf-8")
    page = browser.new_page()
    leaks = []
    url = host.resolve().as_uri()
    page.route("**/*", lambda route: route.continue_() if route.request.url in (url, "about:srcdoc")
               else (leaks.append(route.request.url), route.abort()))
    page.goto(url)
    frame = page.frame_locator("iframe")
    frame.locator("body[data-settled='true']").wait_for(state="attached", timeout=60_000)
    assert frame.locator("#kg-title").inner_text().startswith("Alex Stamos and Facebook")
    assert leaks == []
    page.close()
