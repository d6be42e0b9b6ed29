"""What the explorer's speed at scale relies on, checked in a real browser on small pages.

A slider step looks only at the items with a change day between the old day and the new,
sends vis only the lines and nodes whose drawn state changed, and still draws every item as
Python's slider grades (:func:`kg.views.explorer.slider_grades`, from :mod:`kg.time.phrases`) say.
A large page (past :data:`kg.views.explorer.LARGE` events) draws its lines itself: vis holds no
edge, and clicking a line still opens its events. Timing figures are in
``benchmarks/explorer_benchmark.py``, not here.
"""

from __future__ import annotations

import random

import pytest
from test_explorer import HOSTILE, Page, browser  # noqa: F401  (the fixture)

from kg.views.explorer import GRADES, LARGE, slider_grades

pytestmark = pytest.mark.browser


def _python_side(G):
    """Each item's page-day ranges (from Python) and the days on which its state may change."""
    ranges, changes = {}, {}
    for _, _, key, d in G.edges(keys=True, data=True):
        if key in ranges:
            continue
        found = slider_grades(d["time"], state=d["kind"] == "position", capped=d["status"] != "happened")
        ranges[key] = found
        changes[key] = {r[0] for r in found if r and r[0] is not None} | {r[1] + 1 for r in found if r and r[1] is not None}
    return ranges, changes


def _state(found, day: int) -> str:
    for grade, r in reversed(list(zip(GRADES, found))):
        if r and (r[0] is None or r[0] <= day) and (r[1] is None or day <= r[1]):
            return grade
    return "hidden"


RANK = {"hidden": 0, "possible": 1, "likely": 2, "certain": 3}


def _drawn(bundle_items, states):
    """A bundle as drawn from its items' states: (highest state shown, how many shown)."""
    shown = [states[i] for i in bundle_items if states[i] != "hidden"]
    return (max(shown, key=RANK.get) if shown else "hidden", len(shown))


SPY = """() => {
    window.kgSent = { edges: [], nodes: [] };
    for (const name of ["edges", "nodes"]) {
        const set = kgExplorer[name];
        if (!set) continue;
        const update = set.update.bind(set);
        set.update = (changes) => { window.kgSent[name].push(...changes.map((c) => c.id)); return update(changes); };
    }
}"""


def _check_steps(page, G, pairs):
    ranges, changes = _python_side(G)
    bundles = page.js("() => kgExplorer.bundles.map((b) => [b.id, b.items, b.from, b.to])")
    low, high = page.js("() => { const s = document.getElementById('kg-slider'); return [+s.min, +s.max]; }")
    page.js(SPY)
    large = page.js("() => kgExplorer.large")
    for before, after in pairs:
        before, after = max(low, min(high, before)), max(low, min(high, after))
        page.js("(d) => kgExplorer.setDate(d)", before)
        page.js("() => { window.kgSent.edges.length = 0; window.kgSent.nodes.length = 0; }")
        page.js("(d) => kgExplorer.setDate(d)", after)
        step = page.js("() => kgExplorer.lastStep()")
        drawn = page.js("() => Object.fromEntries(Object.keys(kgExplorer.data.items).map((i) => [i, kgExplorer.itemState(i)]))")
        was = {k: _state(r, before) for k, r in ranges.items()}
        now = {k: _state(r, after) for k, r in ranges.items()}
        assert drawn == now, (before, after)  # the page draws Python's grades
        lo, hi = min(before, after), max(before, after)
        may_change = {k for k, days in changes.items() if any(lo < d <= hi for d in days)}
        if len(step["items"]) < len(ranges):  # a long jump looks at every item (as many changes as items)
            assert set(step["items"]) <= may_change  # a step: only items with a change day in between
        assert {k for k in now if now[k] != was[k]} <= set(step["items"])
        changed = {b for b, items, _, _ in bundles if _drawn(items, was) != _drawn(items, now)}
        assert set(step["edges"]) == changed  # exactly the lines whose drawing changed
        if not large:
            assert sorted(page.js("() => window.kgSent.edges")) == sorted(changed)  # and vis got those only

        def shown(states):
            ends = {}
            for _, items, u, v in bundles:
                on = _drawn(items, states)[0] != "hidden"
                for end in (u, v):
                    ends[end] = ends.get(end, False) or on
            return ends

        shown_was, shown_now = shown(was), shown(now)
        flipped = {n for n, on in shown_now.items() if shown_was[n] != on}
        assert set(step["nodes"]) == flipped
        if not large:
            assert sorted(page.js("() => window.kgSent.nodes")) == sorted(flipped)
        else:
            assert page.js("() => window.kgSent.nodes.length") == 0  # no DataSet walk on a large page
            for n in flipped:  # the node as the page draws it
                assert page.js("(id) => kgExplorer.node(id).hidden", n) is (not shown_now[n])
    return len(ranges)


def test_a_stamos_step_updates_only_what_changed(browser, tmp_path):  # noqa: F811
    from kg import load

    graph = load()
    path = graph.render(tmp_path / "stamos.html")
    page = Page(browser, path)
    try:
        ranges, changes = _python_side(graph.networkx)
        days = sorted(set().union(*changes.values()))
        rng = random.Random(4)
        pairs = [(d - 1, d) for d in rng.sample(days, 12)] + [(d, d - 40) for d in rng.sample(days, 6)]
        _check_steps(page, graph.networkx, pairs)
        page.js("(d) => kgExplorer.setDate(d)", pairs[0][0])
        visited = page.js("(d) => { kgExplorer.setDate(d); return kgExplorer.lastStep().items; }", pairs[0][1])
        assert 0 < len(visited) < len(ranges) / 4 and set(visited) <= {k for k, d in changes.items() if pairs[0][1] in d}
        page.assert_clean()
    finally:
        page.close()


def test_a_large_page_draws_its_lines_and_steps_by_the_change(browser, tmp_path):  # noqa: F811
    from kg.views.explorer import write_html
    from kg.graph.synthetic import synthetic_graph

    G = synthetic_graph(1000, LARGE + 500, seed=9)
    hostile_key = next(iter(G.edges(keys=True)))
    G.edges[hostile_key]["labels"] = {"en": HOSTILE, "ar": HOSTILE}
    page = Page(browser, write_html(G, tmp_path / "large.html"))
    try:
        assert page.js("() => kgExplorer.large") is True
        assert page.js("() => Object.keys(kgExplorer.network.body.edges).length") == 0  # vis holds no edge
        assert page.js("() => Object.keys(kgExplorer.network.body.nodes).length") == 0  # and no node
        low, high = page.js("() => { const s = document.getElementById('kg-slider'); return [+s.min, +s.max]; }")
        step = round((high - low) / 120)
        total = _check_steps(page, G, [(low + f * (high - low) // 10, low + f * (high - low) // 10 + step) for f in range(1, 10)]
                             + [(high, low + (high - low) // 5)])
        page.js("(d) => kgExplorer.setDate(d)", low + (high - low) // 2)
        visited = page.js("(d) => { kgExplorer.setDate(d); return kgExplorer.lastStep().items.length; }", low + (high - low) // 2 + step)
        assert 0 < visited < total / 10  # a Play step looks at a few items, not all of them
        # a line away from every node: it is on the canvas, and clicking it opens its events
        line = page.js("""() => { const net = kgExplorer.network, ids = kgExplorer.data.nodeIri;
            const shown = ids.filter((id) => !kgExplorer.node(id).hidden);
            const box = document.getElementById("kg-graph");
            for (const b of kgExplorer.bundles) {
                if (b.secondary || b.state !== "certain" || b.count !== 1) continue;
                const u = kgExplorer.node(b.from), v = kgExplorer.node(b.to);
                net.moveTo({ position: { x: (u.x + v.x) / 2, y: (u.y + v.y) / 2 }, scale: 0.6, animation: false });
                const p = net.canvasToDOM(u), q = net.canvasToDOM(v);
                const m = { x: (p.x + q.x) / 2, y: (p.y + q.y) / 2 };
                if (m.x < 20 || m.y < 20 || m.x > box.clientWidth - 20 || m.y > box.clientHeight - 20) continue;
                const dots = shown.map((id) => net.canvasToDOM(kgExplorer.node(id)));
                if (dots.every((d) => Math.hypot(d.x - m.x, d.y - m.y) > 25)) return { id: b.id, p, q, ...m };
            }
            return null; }""")
        assert line is not None
        page.js("() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)))")
        ink = """([x, y]) => { const c = kgExplorer.network.canvas.frame.canvas, r = c.width / c.clientWidth;
            const d = c.getContext("2d").getImageData(Math.round(x * r) - 3, Math.round(y * r) - 3, 7, 7).data;
            let a = 0; for (let i = 3; i < d.length; i += 4) a = Math.max(a, d[i]); return a; }"""
        assert page.js(ink, [line["x"], line["y"]]) > 0
        box = page.page.locator("#kg-graph").bounding_box()
        page.page.mouse.click(box["x"] + line["x"], box["y"] + line["y"])
        opened = page.js("() => document.body.dataset.panel")
        ends = page.js("""(key) => { const net = kgExplorer.network;
            const found = key.startsWith("bundle:") ? [kgExplorer.bundles[+key.slice(7)]] : kgExplorer.bundles.filter((b) => b.items.includes(key));
            return found.map((b) => [net.canvasToDOM(kgExplorer.node(b.from)), net.canvasToDOM(kgExplorer.node(b.to))]); }""", opened)

        def distance(p, q, m):
            dx, dy = q["x"] - p["x"], q["y"] - p["y"]
            t = max(0, min(1, ((m["x"] - p["x"]) * dx + (m["y"] - p["y"]) * dy) / (dx * dx + dy * dy or 1)))
            return ((p["x"] + t * dx - m["x"]) ** 2 + (p["y"] + t * dy - m["y"]) ** 2) ** 0.5

        assert min(distance(p, q, line) for p, q in ends) <= 6  # the panel holds a line under the pointer
        # the panel shows what the detail block carries (unpacked after the first picture): the names and claims
        page.js("() => kgExplorer.detailed()")
        first = opened if not opened.startswith("bundle:") else page.js("(id) => kgExplorer.bundles[id].items[0]", int(opened[7:]))
        page.js("(k) => kgExplorer.showItem(k)", first)
        shown = page.js("() => document.getElementById('kg-panel-body').innerText")
        assert G.edges[next(k for k in G.edges(keys=True) if k[2] == first)]["labels"]["en"] in shown and "Claims (1)" in shown
        page.js("(k) => kgExplorer.showItem(k)", hostile_key[2])  # text from it stays text
        assert HOSTILE in page.js("() => document.getElementById('kg-panel-body').innerText")
        assert page.js("() => document.querySelectorAll('#kg-panel img, #kg-panel script').length") == 0
        # a node: the page finds it under the pointer (vis holds none): hovering shows its label, clicking opens it
        node = page.js("""() => { const net = kgExplorer.network, box = document.getElementById("kg-graph");
            const shown = kgExplorer.data.nodeIri.filter((id) => !kgExplorer.node(id).hidden);
            for (const id of shown) {
                net.moveTo({ position: kgExplorer.node(id), scale: 1.5, animation: false });
                const p = net.canvasToDOM(kgExplorer.node(id));
                const crowded = shown.some((o) => o !== id && Math.hypot(net.canvasToDOM(kgExplorer.node(o)).x - p.x,
                    net.canvasToDOM(kgExplorer.node(o)).y - p.y) < 40);
                if (!crowded && p.x > 40 && p.y > 40 && p.x < box.clientWidth - 40) return { id, ...p };
            }
            return null; }""")
        assert node is not None
        page.js("() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)))")
        page.page.mouse.move(box["x"] + node["x"] + 2, box["y"] + node["y"] + 1)
        page.page.wait_for_function("(id) => kgExplorer.labels().some((l) => l.kind === 'node' && l.id === id)", arg=node["id"])
        assert page.js("() => document.getElementById('kg-graph').title") == G.nodes[node["id"]]["labels"]["en"]
        page.page.mouse.click(box["x"] + node["x"] + 2, box["y"] + node["y"] + 1)
        assert page.js("() => document.body.dataset.panel") == node["id"]
        assert G.nodes[node["id"]]["labels"]["en"] in page.js("() => document.getElementById('kg-panel-body').innerText")
        # search finds it and centres the view on it
        label = G.nodes[node["id"]]["labels"]["en"]
        page.page.locator("#kg-search").fill(label)
        page.js("""(label) => [...document.querySelectorAll("#kg-results button")]
            .find((b) => b.firstChild.textContent === label).click()""", label)
        centre = page.js("(id) => kgExplorer.network.canvasToDOM(kgExplorer.node(id))", node["id"])
        graph_box = page.page.locator("#kg-graph").bounding_box()
        assert abs(centre["x"] - graph_box["width"] / 2) < 2 and abs(centre["y"] - graph_box["height"] / 2) < 2
        for box_ in page.page.locator("#kg-filters input").all():  # every relation filtered out: no line left
            box_.uncheck()
        page.js("() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)))")
        assert page.js(ink, [line["x"], line["y"]]) == 0
        page.assert_clean()
    finally:
        page.close()
