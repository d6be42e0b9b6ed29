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


def _bundles_of(page: Page, event: str) -> list[dict]:
    """The drawn edges (bundles) that carry ``event``, with their current style."""
    return page.js("""(iri) => kgExplorer.bundles.filter((b) => b.items.includes(iri) && !b.secondary)
        .map((b) => ({ ...kgExplorer.edges.get(b.id), size: b.items.length }))""", BASE + event)


def _state(page: Page, event: str) -> str:
    return page.js("(iri) => kgExplorer.itemState(iri)", BASE + event)


def test_loads_offline_and_draws_every_node(stamos_page, stamos_graph):
    stamos_page.assert_clean()
    drawn = stamos_page.js("() => Object.keys(kgExplorer.network.getPositions()).length")
    assert drawn == stamos_graph.number_of_nodes()
    # every event between two nodes is in the one bundle for that pair
    carried = stamos_page.js("() => kgExplorer.bundles.filter((b) => !b.secondary).map((b) => [b.from, b.to, b.items])")
    pairs = [frozenset((u, v)) for u, v, _ in carried]
    assert len(pairs) == len(set(pairs))
    assert sorted((frozenset((u, v)), k) for u, v, k in stamos_graph.edges(keys=True)) == \
        sorted((frozenset((u, v)), k) for u, v, ks in carried for k in ks)
    assert stamos_page.js("() => kgExplorer.network.physics.options.enabled") is False  # a fixed layout


def _overlaps(boxes: list[dict]) -> list[tuple[str, str]]:
    return [(a["text"], b["text"]) for i, a in enumerate(boxes) for b in boxes[i + 1:]
            if a["x"] < b["x"] + b["w"] and b["x"] < a["x"] + a["w"] and a["y"] < b["y"] + b["h"] and b["y"] < a["y"] + a["h"]]


def assert_legible(page, frame=None):
    """Every label drawn is at least 11 px, inside the graph's box, and overlaps no other; the
    sizes reported are the ones the text is measured at, and each node label sits by its node."""
    target = frame or page
    report = target.evaluate("""() => {
        const net = kgExplorer.network, box = document.getElementById("kg-graph");
        const ctx = document.createElement("canvas").getContext("2d");
        return { width: box.clientWidth, height: box.clientHeight, labels: kgExplorer.labels().map((l) => {
            ctx.font = `${l.kind === "node" ? "" : "600 "}${l.size}px system-ui, -apple-system, 'Segoe UI', 'Noto Sans', sans-serif`;
            const at = l.kind === "node" ? net.canvasToDOM(net.getPositions([l.id])[l.id]) : null;
            return { ...l, measured: ctx.measureText(l.text).width, at };
        }) };
    }""")
    labels = report["labels"]
    nodes = [l for l in labels if l["kind"] == "node"]
    assert nodes, "no node label drawn"
    assert min(l["size"] for l in labels) >= 11
    assert _overlaps(labels) == []
    for l in labels:
        assert 0 <= l["x"] and l["x"] + l["w"] <= report["width"] and 0 <= l["y"] and l["y"] + l["h"] <= report["height"]
        if l["kind"] == "node":
            assert abs(l["measured"] - l["w"]) < 1, l  # drawn at the size it reports
            near_x = min(abs(l["at"]["x"] - l["x"]), abs(l["at"]["x"] - l["x"] - l["w"]), abs(l["at"]["x"] - l["x"] - l["w"] / 2))
            assert near_x < 30 and abs(l["at"]["y"] - (l["y"] + l["h"] / 2)) < 40, l
    return labels


def test_first_paint_labels_are_legible_and_apart(stamos_page, stamos_graph):
    labels = assert_legible(stamos_page.page)
    nodes = {l["id"] for l in labels if l["kind"] == "node"}
    assert len(nodes) >= 0.75 * stamos_graph.number_of_nodes()  # most of them, at 1500 x 950
    stamos_page.assert_clean()


def test_hidden_labels_show_on_hover_and_on_zoom(browser, stamos_page_file):
    page = Page(browser, stamos_page_file, viewport=(900, 600))
    try:
        before = {l["id"] for l in assert_legible(page.page) if l["kind"] == "node"}
        left_out = [n for n in page.js("() => kgExplorer.nodes.getIds()") if n not in before]
        assert left_out, "nothing was left out at 900 x 600: the test proves nothing"
        point = page.js("""(id) => { const net = kgExplorer.network; const p = net.canvasToDOM(net.getPositions([id])[id]);
            const box = document.getElementById("kg-graph").getBoundingClientRect();
            return { x: box.left + p.x, y: box.top + p.y }; }""", left_out[0])
        page.page.mouse.move(point["x"], point["y"])
        page.page.wait_for_timeout(200)
        hovered = [l for l in page.js("() => kgExplorer.labels()") if l["kind"] == "node"]
        assert left_out[0] in {l["id"] for l in hovered}
        assert min(l["size"] for l in hovered) >= 11
        graph = page.page.locator("#kg-graph").bounding_box()
        page.page.mouse.move(graph["x"] + 3, graph["y"] + 3)  # off the node, still over the graph
        page.js("() => { const net = kgExplorer.network; net.moveTo({ scale: net.getScale() * 2.5, animation: false }); }")
        page.page.wait_for_timeout(200)
        zoomed = assert_legible(page.page)
        shown = {l["id"] for l in zoomed if l["kind"] == "node"}
        visible = page.js("""() => { const net = kgExplorer.network, box = document.getElementById("kg-graph");
            return kgExplorer.nodes.getIds().filter((id) => { const p = net.canvasToDOM(net.getPositions([id])[id]);
                return p.x > 40 && p.y > 40 && p.x < box.clientWidth - 40 && p.y < box.clientHeight - 40; }); }""")
        assert set(visible) - shown == set() or len(shown & set(visible)) > len(before & set(visible))
        page.assert_clean()
    finally:
        page.close()


def test_parallel_events_are_one_bundle_with_a_count(stamos_page, stamos_graph):
    stamos, facebook = BASE + "actor/stamos", BASE + "actor/facebook"
    between = {k for u, v, k in stamos_graph.edges(keys=True) if {u, v} == {stamos, facebook}}
    assert len(between) >= 5
    (bundle,) = [b for b in _bundles_of(stamos_page, next(iter(between)).split(BASE)[1])
                 if {b["from"], b["to"]} == {stamos, facebook}]
    assert bundle["size"] == len(between) and bundle["count"] == len(between)
    (badge,) = [l for l in stamos_page.js("() => kgExplorer.labels()") if l["kind"] == "bundle" and l["id"] == bundle["id"]]
    assert badge["text"] == str(len(between))
    box = stamos_page.page.locator("#kg-graph").bounding_box()
    stamos_page.page.mouse.click(box["x"] + badge["x"] + badge["w"] / 2, box["y"] + badge["y"] + badge["h"] / 2)
    panel = stamos_page.page.locator("#kg-panel")
    assert panel.is_visible() and panel.locator("li").count() == len(between)
    assert str(len(between)) in panel.locator("h3").inner_text()
    panel.locator("li button").first.click()  # one of them opens with its evidence
    assert stamos_page.page.locator("#kg-panel .kg-quote").count() >= 1
    stamos_page.assert_clean()


def test_screenshots_for_the_build(stamos_page, browser, tmp_path):
    ARTIFACTS.mkdir(exist_ok=True)
    stamos_page.page.screenshot(path=str(ARTIFACTS / "stamos-explorer.png"))
    stamos_page.js("(iri) => kgExplorer.showItem(iri)", BASE + "event/stamos-leaves-facebook")
    stamos_page.page.screenshot(path=str(ARTIFACTS / "stamos-explorer-panel.png"))
    from kg import load

    arabic = tmp_path / "stamos-ar.html"
    load().render(arabic, lang="ar")
    page = Page(browser, arabic)
    try:
        page.assert_clean()
        page.page.screenshot(path=str(ARTIFACTS / "stamos-explorer-ar.png"))
        page.js("(iri) => kgExplorer.showItem(iri)", BASE + "event/policy-team-opposes-disclosure")
        page.page.screenshot(path=str(ARTIFACTS / "stamos-explorer-ar-panel.png"))
    finally:
        page.close()
    assert (ARTIFACTS / "stamos-explorer.png").stat().st_size > 50_000


def _day(date: dt.date) -> int:
    return (date - dt.date(1970, 1, 1)).days


def test_slider_to_december_2016_hides_what_came_after(stamos_page):
    stamos_page.page.locator("#kg-slider").fill(str(_day(dt.date(2016, 12, 31))))
    assert stamos_page.page.locator("#kg-date").inner_text() == "31 December 2016"
    assert _state(stamos_page, "event/april-report-published") == "hidden"
    assert all(b["hidden"] for b in _bundles_of(stamos_page, "event/april-report-published") if b["size"] == 1)
    assert _state(stamos_page, "event/stamos-becomes-cso") == "certain"
    # "a month after" the November 2016 elections: begun by 31 December as written, not surely
    assert _state(stamos_page, "event/stamos-warning") == "likely"
    (warning,) = [b for b in _bundles_of(stamos_page, "event/stamos-warning") if b["size"] == 1]
    assert warning["hidden"] is False and warning["certainty"] == "likely" and 0.3 < warning["color"]["opacity"] < 1
    hidden_nodes = stamos_page.js("() => kgExplorer.nodes.get().filter((n) => n.hidden).map((n) => n.id)")
    assert BASE + "document/april-report" in hidden_nodes and BASE + "actor/stamos" not in hidden_nodes
    stamos_page.assert_clean()


def test_slider_states_follow_the_grades(stamos_page, stamos_graph):
    """At every day the page's state of each item is the highest grade of kg.views.explorer.slider_grades
    holding that day (the one definition), and an item is hidden before it can have begun."""
    from kg.views.explorer import GRADES, slider_grades

    items = {k: d for _, _, k, d in stamos_graph.edges(keys=True, data=True)}
    for day in (dt.date(2015, 6, 30), dt.date(2016, 12, 31), dt.date(2017, 9, 1), dt.date(2018, 3, 19)):
        stamos_page.js("(d) => kgExplorer.setDate(d)", day.isoformat())
        page = stamos_page.js("() => Object.fromEntries(Object.values(kgExplorer.data.items).map((i) => [i.iri, i.state]))")
        n = _day(day)
        for key, d in items.items():
            grades = slider_grades(d["time"], state=d["kind"] == "position", capped=d["status"] != "happened")
            held = [g for g, r in zip(GRADES, grades) if r and (r[0] is None or r[0] <= n) and (r[1] is None or n <= r[1])]
            assert page[key] == (held[-1] if held else "hidden"), (key, day)
            if d["time"].span.start_earliest and d["time"].span.start_earliest > day:
                assert page[key] == "hidden", (key, day)


def test_state_at_reads_only_the_grades(stamos_page):
    cases = stamos_page.js("""() => {
        const item = { grades: [[10, 40], [20, null], [30, 35]] };
        return [5, 10, 19, 20, 30, 35, 36, 50].map((d) => kgExplorer.stateAt(item, d))
            .concat([kgExplorer.stateAt({ grades: [null, null, null] }, 0), kgExplorer.stateAt({ grades: [[null, null], null, null] }, -9e9)]);
    }""")
    assert cases == ["hidden", "possible", "possible", "likely", "certain", "certain", "likely", "likely", "hidden", "possible"]


def test_four_states_are_drawn_apart_and_named_in_the_legend(browser, tmp_path, monkeypatch):
    import kg.views.explorer
    from kg import load

    days = [_day(dt.date(2016, 1, 1)), _day(dt.date(2017, 1, 1)), _day(dt.date(2018, 1, 1))]
    monkeypatch.setattr(kg.views.explorer, "slider_grades", lambda time, *, state, capped: [[d, None] for d in days])
    path = tmp_path / "grades.html"
    path.write_text(kg.views.explorer.render_html(load().networkx), encoding="utf-8")
    page = Page(browser, path)
    try:
        seen = {}
        for day, expected in (("2015-06-30", "hidden"), ("2016-06-01", "possible"), ("2017-06-01", "likely"),
                              ("2018-06-01", "certain")):
            page.js("(d) => kgExplorer.setDate(d)", day)
            edges = page.js("() => kgExplorer.edges.get().filter((e) => !e.secondary)")
            assert {e["certainty"] for e in edges} == {expected}
            assert all(e["hidden"] == (expected == "hidden") for e in edges)
            seen[expected] = edges[0]["color"]["opacity"] if expected != "hidden" else 0
        assert seen["possible"] < seen["likely"] < seen["certain"] == 1
        legend = page.page.locator("#kg-legend li[data-state]")
        assert [legend.nth(i).get_attribute("data-state") for i in range(legend.count())] == \
            ["certain", "likely", "possible", "hidden"]
        assert "faint" in page.page.locator("#kg-legend li[data-state=possible]").inner_text()
        page.assert_clean()
    finally:
        page.close()


def test_statuses_look_different(stamos_page):
    (reported,) = [b for b in _bundles_of(stamos_page, "event/stamos-clashes-with-policy-team") if b["size"] == 1]
    happened = stamos_page.js("""() => kgExplorer.bundles.filter((b) => !b.secondary && b.members.length === 1
        && b.members[0].status === "happened" && b.members[0].kind === "event").map((b) => kgExplorer.edges.get(b.id))""")
    assert reported["dashes"] and happened and not any(h["dashes"] for h in happened)
    # a planned event inside a bundle is named as planned in the bundle's list
    (bundle,) = _bundles_of(stamos_page, "event/stamos-leaves-facebook")
    stamos_page.js("(id) => kgExplorer.showBundle(id)", bundle["id"])
    (line,) = [t for t in stamos_page.page.locator("#kg-panel li").all_inner_texts() if "Stamos leaves Facebook" in t]
    assert "planned" in line


def test_play_runs_through_time(stamos_page):
    stamos_page.page.locator("#kg-slider").fill(str(_day(dt.date(2015, 6, 1))))
    stamos_page.page.locator("#kg-play").click()
    stamos_page.page.wait_for_timeout(1500)
    stamos_page.page.locator("#kg-play").click()  # pause
    moved = stamos_page.js("() => kgExplorer.state.date")
    assert moved > _day(dt.date(2015, 6, 1))


def _click_edge(page: Page, event: str) -> None:
    """Click the middle of the edge drawn for ``event``, as a user would."""
    (edge,) = [b for b in _bundles_of(page, event) if b["size"] == 1]
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
    assert _state(stamos_page, "event/stamos-warning") == "hidden"
    assert [b["hidden"] for b in _bundles_of(stamos_page, "event/stamos-warning") if b["size"] == 1] == [True]
    stamos_page.page.locator("input[data-relation='warned']").check()
    assert [b["hidden"] for b in _bundles_of(stamos_page, "event/stamos-warning") if b["size"] == 1] == [False]


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
        assert page.js("() => kgExplorer.nodes.get('%sactor/stamos').text" % BASE) == "أليكس ستاموس"
        labels = assert_legible(page.page)
        assert "أليكس ستاموس" in {l["text"] for l in labels}
        page.js("(iri) => kgExplorer.showItem(iri)", BASE + "event/stamos-warning")
        assert "الادعاءات" in page.page.locator("#kg-panel").inner_text()
        page.assert_clean()
    finally:
        page.close()


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_slider_runs_the_way_the_graph_runs(browser, tmp_path, lang):
    """Time runs left to right in the graph (earlier nodes stand to the left) and in the
    slider (a click near its left end goes back in time), on the Arabic page too."""
    from kg import load

    path = tmp_path / f"{lang}.html"
    load().render(path, lang=lang)
    page = Page(browser, path)
    try:
        from kg.views.layout import _mean_times

        means = _mean_times(load().networkx)
        x = page.js("() => kgExplorer.network.getPositions()")
        by_time = sorted(means, key=means.get)
        assert x[by_time[0]]["x"] < x[by_time[len(by_time) // 2]]["x"] < x[by_time[-1]]["x"]
        slider = page.page.locator("#kg-slider")
        box = slider.bounding_box()
        low, high = float(slider.get_attribute("min")), float(slider.get_attribute("max"))
        for fraction in (0.1, 0.9):
            page.page.mouse.click(box["x"] + box["width"] * fraction, box["y"] + box["height"] / 2)
            share = (page.js("() => kgExplorer.state.date") - low) / (high - low)
            assert abs(share - fraction) < 0.1, (lang, fraction, share)
        page.assert_clean()
    finally:
        page.close()


def test_hostile_labels_stay_inert(browser, tmp_path, minimal):
    from kg.graph.from_rdf import to_networkx
    from kg.rdf.build import build_dataset
    from kg.views.explorer import write_html
    from kg.timeline.reader import load_timeline

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
    from kg.views.explorer import write_html
    from kg.graph.synthetic import synthetic_graph

    path = write_html(synthetic_graph(2000, 5000, seed=3), tmp_path / "large.html")
    import time

    started = time.perf_counter()
    page = Page(browser, path)
    try:
        settled = time.perf_counter() - started
        assert settled < 45, f"took {settled:.1f}s to settle"
        assert page.js("() => kgExplorer.network.physics.options.enabled") is False
        assert page.js("() => Object.keys(kgExplorer.positions()).length") == 2000
        took = page.js("""() => { const t = performance.now(); kgExplorer.setDate("2010-01-01");
                                  return performance.now() - t; }""")
        assert took < 3000, f"moving the slider took {took:.0f} ms"
        print(f"large graph: settled in {settled:.1f} s, slider move {took:.0f} ms")
        page.assert_clean()
    finally:
        page.close()


def test_inline_notebook_display_works_offline(browser, tmp_path):
    """The iframe srcdoc a notebook shows (kg.views.notebook): the packed page unpacks itself with
    DecompressionStream under its own CSP, makes no request, draws legible labels at a
    notebook's width, and the still fallback is removed where the script runs."""
    from kg import load

    output = load()._repr_html_()
    assert len(output.encode("utf-8")) <= 300_000
    host = tmp_path / "notebook-output.html"
    host.write_text(f"<!DOCTYPE html><html><body style='width: 968px'>{output}</body></html>", encoding="utf-8")
    page = browser.new_page(viewport={"width": 1000, "height": 800})
    leaks, errors = [], []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    url = host.resolve().as_uri()
    page.route("**/*", lambda route: route.continue_() if route.request.url in (url, "about:srcdoc")
               else (leaks.append(route.request.url), route.abort()))
    page.goto(url)
    frame = page.frame_locator("iframe")
    frame.locator("body[data-settled='true']").wait_for(state="attached", timeout=60_000)
    assert frame.locator("#kg-title").inner_text().startswith("Alex Stamos and Facebook")
    inner = next(f for f in page.frames if f != page.main_frame)
    labels = assert_legible(None, frame=inner)
    assert len([l for l in labels if l["kind"] == "node"]) >= 10
    assert page.locator(".kg-still").count() == 0  # the script ran, so the still picture went
    assert leaks == [] and errors == []
    page.screenshot(path=str(ARTIFACTS / "stamos-notebook-output.png"))
    page.close()


def test_still_picture_where_scripts_do_not_run(browser, tmp_path):
    """With scripts off (as in an untrusted notebook) the output is a readable picture and text."""
    from kg import load

    host = tmp_path / "untrusted.html"
    host.write_text(f"<!DOCTYPE html><html><body>{load()._repr_html_()}</body></html>", encoding="utf-8")
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(host.resolve().as_uri())
    still = page.locator(".kg-still img")
    assert still.is_visible()
    assert page.evaluate("() => document.querySelector('.kg-still img').naturalWidth") >= 900
    assert "30 events" in page.locator(".kg-still").inner_text()
    context.close()