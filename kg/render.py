"""Render a kg graph as one self-contained, offline HTML page (pyvis + vis-network).

The page is built from the networkx view (:func:`kg.graph.to_networkx`): nodes coloured
by kind, each event an edge labelled with its relation and date, positions as lighter
edges. Clicking an event opens a panel with its time (as written and in words), status
and claims, each with the Arabic evidence quote and its English gloss.

Safety and self-containment:

- the pyvis ``Network`` is filled from lists (``net.nodes``, ``net.edges``), never with
  ``from_nx``, whose edge insertion is quadratic;
- the page uses kg's own template (``kg/templates/explorer.html``), rendered with
  autoescaping: pyvis 0.3.2's template links Bootstrap from a CDN even with
  ``cdn_resources="in_line"`` and writes its heading unescaped;
- vis-network's script and style, shipped inside pyvis, are inlined, so the page makes
  no network request at all;
- data reaches the page as JSON in a ``<script type="application/json">`` block (``<``,
  ``>``, ``&`` and ``'`` escaped), and the page script puts text into the document with
  ``textContent`` only; vis-network 9 shows string tooltips as plain text.

>>> from kg.timeline import load_timeline
>>> from kg.rdf import build_dataset
>>> from kg.graph import to_networkx
>>> html = render_html(to_networkx(build_dataset(load_timeline())))
>>> "https://" in html.split("<body")[1].split("kg-data")[0], html.count("<script src=")
(False, 0)
"""

from __future__ import annotations

import gc
import hashlib
import importlib.resources
import json
import math
from functools import lru_cache
from pathlib import Path
from typing import Any

import networkx as nx
from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup
from pyvis.network import Network

from .names import pick_label
from .time import TimeSpan

__all__ = ["render_html", "write_html", "KIND_COLOURS", "page_data"]

KIND_COLOURS: dict[str, str] = {
    "person": "#4C78A8",
    "organisation": "#F58518",
    "team": "#E45756",
    "group": "#72B7B2",
    "outlet": "#54A24B",
    "state": "#B279A2",
    "topic": "#EECA3B",
    "document": "#9D755D",
    "event": "#BAB0AC",
    "entity": "#BAB0AC",
}
KIND_SHAPES = {"topic": "diamond", "document": "square", "event": "triangle", "entity": "dot"}
# Edge styles by status (dashes, colours) are set in the page script, explorer.js.


def _templates() -> Path:
    return Path(str(importlib.resources.files("kg") / "templates"))


def _pyvis_templates() -> Path:
    import pyvis

    return Path(pyvis.__file__).parent / "templates"


def _iso(span: TimeSpan) -> list[str | None]:
    return [d.isoformat() if d else None for d in
            (span.start_earliest, span.start_latest, span.end_earliest, span.end_latest)]


@lru_cache(maxsize=65536)
def _words(spec: Any, lang: str) -> str:
    """The time in words, once per distinct time (TimeSpec is frozen, so hashable)."""
    return spec.describe(lang)


def _time(spec: Any, lang: str) -> dict[str, Any] | None:
    """A time for the page: as written, in words (in the page's language) and its bounds."""
    if spec is None:
        return None
    out: dict[str, Any] = {"words": _words(spec, lang), "bounds": _iso(spec.span)}
    for key, value in (("edtf", spec.edtf), ("uncertain", spec.span.uncertain or None), ("basis", spec.basis),
                       ("phrase", spec.phrase), ("derivation", spec.derivation),
                       ("holds_at", spec.holds_at.edtf if spec.holds_at is not None else None)):
        if value is not None:
            out[key] = value
    return out


class _Times:
    """A table of distinct times; items refer to a time by its index."""

    def __init__(self, lang: str) -> None:
        self.lang = lang
        self.table: list[dict[str, Any] | None] = []
        self._index: dict[int, int] = {}
        self._keep = []

    def __call__(self, spec: Any) -> int | None:
        if spec is None:
            return None
        found = self._index.get(id(spec))  # the same TimeSpec objects recur: key by identity, fast
        if found is None:
            found = self._index[id(spec)] = len(self.table)
            self.table.append(_time(spec, self.lang))
            self._keep.append(spec)  # ids stay valid while the table lives
        return found


def _claims(claims: list[dict[str, Any]], times: _Times, ref: Any, source_index: dict[str, int]) -> list[list[Any]]:
    """Claims as arrays: [claimants, stance, date, public, evidence, citing, via, note];
    evidence as [source, start, end, exact, gloss]; references as numbers (see page_data)."""
    return [[[ref(x) for x in c["claimants"]], c["stance"], times(c["date"]), c["public"],
             [[source_index.get(e.get("source", ""), -1), e.get("start"), e.get("end"), e.get("exact", ""),
               e.get("gloss", "")] for e in c["evidence"]],
             [ref(x) for x in c.get("citing") or ()], [ref(x) for x in c.get("via") or ()], c.get("note")]
            for c in claims]


def _midpoint(span: TimeSpan) -> float | None:
    days = [d.toordinal() for d in (span.start_earliest, span.end_latest) if d is not None]
    return sum(days) / len(days) if days else None


def _unit(text: str) -> float:
    """A stable number in [0, 1) from ``text`` (same input, same picture)."""
    return int(hashlib.sha256(text.encode()).hexdigest()[:8], 16) / 2**32


def _positions(G: nx.MultiDiGraph) -> dict[str, tuple[float, float, bool]]:
    """Positions: time runs left to right (each node at the mean time of its events, its x
    then fixed, so the physics only spreads nodes up and down); nodes with no dated event
    start at a stable place of their own and move freely."""
    sums: dict[str, list[float]] = {}
    mids: dict[Any, float | None] = {}
    for u, v, d in G.edges(data=True):
        spec = d["time"]
        mid = mids[id(spec)] if id(spec) in mids else mids.setdefault(id(spec), _midpoint(spec.span))
        if mid is not None:
            for node in (u, v):
                acc = sums.setdefault(node, [0.0, 0])
                acc[0] += mid
                acc[1] += 1
    means = {n: t / c for n, (t, c) in sums.items()}
    lo, hi = (min(means.values()), max(means.values())) if means else (0.0, 1.0)
    width = 200.0 * math.sqrt(max(G.number_of_nodes(), 1))
    out = {}
    for node in G.nodes:
        x = (means[node] - lo) / (hi - lo or 1) if node in means else _unit(node + "x")
        out[node] = (round((x - 0.5) * width * 1.6, 1), round((_unit(node) - 0.5) * width * 0.6, 1), node in means)
    return out


def page_data(G: nx.MultiDiGraph, *, lang: str = "en") -> dict[str, Any]:
    """Everything the page script needs, as compact JSON-ready data.

    Nodes, sources and items are lists, referred to by their index (a claimant that is a
    source is ``-1 - index``); times are a shared table; items, claims and evidence are
    arrays (their fields are named in explorer.js, ``expand``). The page script expands it.
    """
    times = _Times(lang)
    node_index = {n: i for i, n in enumerate(G.nodes)}
    nodes = []
    for n, d in G.nodes(data=True):
        entry = [n, d.get("labels", {}), d.get("kind", "entity")]
        if d.get("alt_labels"):
            entry.append(d["alt_labels"])
        nodes.append(entry)
    source_list = list(G.graph.get("sources", {}).values())
    source_index = {s["iri"]: i for i, s in enumerate(source_list)}

    def ref(iri: str) -> int | str:
        if iri in node_index:
            return node_index[iri]
        if iri in source_index:
            return -1 - source_index[iri]
        return iri

    item_index: dict[str, int] = {}
    items: list[list[Any]] = []
    relations: dict[str, dict[str, str]] = {}
    for u, v, key, d in G.edges(keys=True, data=True):
        position = item_index.get(key)
        if position is None:
            # positions are grouped by the office held, events by their type
            relation = d["office"] if d["kind"] == "position" else d["relation"]
            if relation not in relations:
                relations[relation] = d.get("relation_labels", {})
            position = item_index[key] = len(items)
            items.append([key, d["kind"], d.get("labels", {}), relation, d["status"], times(d["time"]),
                          {role: [ref(x) for x in xs] for role, xs in d.get("participants", {}).items()},
                          _claims(d["claims"], times, ref, source_index), [], d.get("note")])
        items[position][8].append([node_index[u], node_index[v]])
    sources = [[s["iri"], s["labels"], s["language"]] for s in source_list]
    links = [{**link, "claims": _claims(link["claims"], times, ref, source_index)} for link in G.graph.get("links", [])]
    conflicts = [{**c, "readings": [{**r, "time": times(r["time"]),
                                     "evidence": [[source_index.get(e.get("source", ""), -1), e.get("start"),
                                                   e.get("end"), e.get("exact", ""), e.get("gloss", "")]
                                                  for e in r["evidence"]]} for r in c["readings"]]}
                 for c in G.graph.get("conflicts", [])]
    return {"lang": lang, "title": G.graph.get("labels", {}), "nodes": nodes, "items": items, "times": times.table,
            "relations": relations, "sources": sources, "terms": _terms(), "links": links, "conflicts": conflicts}


def _network(G: nx.MultiDiGraph, lang: str) -> Network:
    """The pyvis network, filled from lists of ids (indices into the page data), labels and
    start positions; styles come from vis groups (one per kind) and, for edges, from each
    item's status in the page script."""
    net = Network(height="100%", width="100%", directed=True, cdn_resources="in_line")
    positions = _positions(G)
    node_index = {n: i for i, n in enumerate(G.nodes)}
    net.nodes = [
        {"id": i, "label": pick_label(d.get("labels", {}), lang, n), "group": d.get("kind", "entity"),
         "x": positions[n][0], "y": positions[n][1], **({"fixed": {"x": True}} if positions[n][2] else {})}
        for i, (n, d) in enumerate(G.nodes(data=True))
    ]
    net.node_ids = list(range(len(net.nodes)))
    net.node_map = dict(enumerate(net.nodes))
    parallel: dict[tuple[int, int], int] = {}
    item_index: dict[str, int] = {}
    edges, linked = [], set()
    labelled = G.number_of_edges() <= 400  # past that, labels clutter: read them in the tooltip and panel
    for u, v, key, d in G.edges(keys=True, data=True):
        ui, vi = node_index[u], node_index[v]
        item = item_index.setdefault(key, len(item_index))
        pair = (ui, vi) if ui <= vi else (vi, ui)
        k = parallel[pair] = parallel.get(pair, -1) + 1
        edge = {"id": len(edges), "from": ui, "to": vi, "item": item, "k": k}
        if labelled:
            relation = pick_label(d.get("relation_labels", {}), lang, d["relation"])
            edge["label"] = f"{relation} · {_words(d['time'], lang)}"
        edges.append(edge)
        # Participants the edge does not join (topics, media, other roles) hang off its source
        # by thin unlabelled lines, so documents and topics sit near what they took part in.
        for role, members in d.get("participants", {}).items():
            for other in members:
                if other in (u, v) or (key, u, other) in linked or other not in node_index:
                    continue
                linked.add((key, u, other))
                edges.append({"id": len(edges), "from": ui, "to": node_index[other], "item": item,
                              "secondary": 1, "role": role})
    net.edges = edges
    net.options = {
        "layout": {"randomSeed": 7, "improvedLayout": False},
        "physics": {"enabled": True, "solver": "barnesHut",
                    "barnesHut": {"gravitationalConstant": -9000, "centralGravity": 0.25, "springLength": 190,
                                  "springConstant": 0.03, "avoidOverlap": 0.4},
                    "stabilization": {"enabled": True, "iterations": _iterations(G), "fit": True}},
        "interaction": {"hover": True, "tooltipDelay": 150, "hideEdgesOnDrag": G.number_of_edges() > 1000},
        "edges": {"arrows": "to", "font": {"size": 11, "align": "middle", "strokeWidth": 3}},
        "nodes": {"size": 14, "font": {"size": 14, "face": "sans-serif"}},
        "groups": {kind: {"color": colour, "shape": KIND_SHAPES.get(kind, "dot")} for kind, colour in KIND_COLOURS.items()},
    }
    return net


def _iterations(G: nx.MultiDiGraph) -> int:
    """Physics steps before the layout is frozen: fewer for larger graphs, so pages open fast."""
    size = G.number_of_nodes() + G.number_of_edges()
    return max(20, min(400, 40000 // max(size, 1)))


_STRINGS = {
    "en": {"dir": "ltr", "legend": "Legend", "close": "Close", "status": "status", "time": "Time",
           "claims": "Claims", "claimed": "Claimed", "internal": "internal", "citing": "Citing", "via": "Via",
           "participants": "Participants", "hint": "Click an event (an edge) or a node for its evidence; "
           "slide through time to see the graph as it stood.", "basis": "Derived",
           "phrase": "Words", "bounds": "Bounds", "holds_at": "under way at", "note": "Note",
           "conflicts": "Conflicting readings", "search": "Search actors and events (English or Arabic)",
           "play": "Play", "pause": "Pause", "date": "Date", "happened": "happened",
           "planned": "planned", "reported": "only reported", "position": "position held",
           "possibly_before": "possibly before the date (faded)", "relations": "Relations", "also": "Also"},
    "ar": {"dir": "rtl", "legend": "مفتاح الرسم", "close": "إغلاق", "status": "الحالة", "time": "الزمن",
           "claims": "الادعاءات", "claimed": "تاريخ الادعاء", "internal": "داخلي", "citing": "نقلًا عن",
           "via": "عن طريق", "participants": "المشاركون", "hint": "انقر على حدث (خط) أو عقدة لعرض الدليل؛ "
           "وحرّك المؤشر الزمني لترى الرسم كما كان.", "basis": "الاشتقاق", "phrase": "العبارة",
           "bounds": "الحدود", "holds_at": "قائم في", "note": "ملاحظة", "conflicts": "قراءات متعارضة",
           "search": "ابحث عن الفاعلين والأحداث (بالعربية أو الإنجليزية)", "play": "تشغيل", "pause": "إيقاف",
           "date": "التاريخ", "happened": "وقع", "planned": "مخطط له", "reported": "أُفيد به فقط",
           "position": "منصب", "possibly_before": "ربما قبل التاريخ (باهت)", "relations": "العلاقات",
           "also": "أسماء أخرى"},
}
_KIND_NAMES = {
    "en": {"person": "person", "organisation": "organisation", "team": "team", "group": "group",
           "outlet": "news outlet", "state": "state", "topic": "topic", "document": "document",
           "event": "event without an actor", "entity": "entity"},
    "ar": {"person": "شخص", "organisation": "منظمة", "team": "فريق", "group": "مجموعة", "outlet": "وسيلة إعلامية",
           "state": "دولة", "topic": "موضوع", "document": "وثيقة", "event": "حدث بلا فاعل", "entity": "كيان"},
}
_LINK_WORDS = {
    "becauseOf": ({"en": "because of", "ar": "بسبب"}, {"en": "a reason for", "ar": "سبب لـ"}),
    "inResponseTo": ({"en": "in response to", "ar": "ردًا على"}, {"en": "answered by", "ar": "أجيب بـ"}),
    "subEventOf": ({"en": "part of", "ar": "جزء من"}, {"en": "includes", "ar": "يتضمن"}),
}


@lru_cache(maxsize=1)
def _assets() -> dict[str, Markup]:
    """vis-network (from pyvis) and the page's own style and script, read once."""
    vis = _pyvis_templates() / "lib" / "vis-9.1.2"
    here = _templates()
    read = lambda path: Markup(path.read_text(encoding="utf-8"))  # noqa: E731
    return {"vis_js": read(vis / "vis-network.min.js"), "vis_css": read(vis / "vis-network.css"),
            "page_js": read(here / "explorer.js"), "page_css": read(here / "explorer.css")}


def _terms() -> dict[str, dict[str, dict[str, str]]]:
    from .vocabulary import bundled_vocabulary

    v = bundled_vocabulary()
    terms = {group: {code: dict(c.labels) for code, c in scheme.items()}
             for group, scheme in (("status", v.statuses), ("stance", v.stances), ("role", v.roles),
                                   ("derivation", v.derivations))}
    terms["link"] = {k: forward for k, (forward, _) in _LINK_WORDS.items()}
    terms["link_inverse"] = {k: back for k, (_, back) in _LINK_WORDS.items()}
    return terms


@lru_cache(maxsize=1)
def _environment() -> Environment:
    """kg's own template, with autoescaping on (pyvis's environment has it off)."""
    return Environment(loader=FileSystemLoader(str(_templates())),
                       autoescape=select_autoescape(default=True, default_for_string=True))


def _json(value: Any) -> Markup:
    """Compact JSON that is safe inside <script>: <, >, & and ' escaped, as Jinja's tojson does, and
    bidi override and isolate characters shown as ``[U+202E]`` (:func:`kg.display.neutral_bidi`;
    in JSON they can only occur inside strings)."""
    from .display import neutral_bidi

    text = neutral_bidi(json.dumps(value, ensure_ascii=False, separators=(",", ":")))
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026").replace("'", "\\u0027")
    return Markup(text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


def render_html(G: nx.MultiDiGraph, *, lang: str = "en", title: str | None = None) -> str:
    """The explorer page for ``G`` as one HTML string (UTF-8 text, no external resources)."""
    if lang not in _STRINGS:
        raise ValueError(f"unknown language {lang!r}; use en or ar")
    collecting = gc.isenabled()
    gc.disable()  # the build allocates many small dicts and keeps them all: skip collection passes
    try:
        return _render(G, lang, title)
    finally:
        if collecting:
            gc.enable()


def _render(G: nx.MultiDiGraph, lang: str, title: str | None) -> str:
    net = _network(G, lang)
    heading = title or pick_label(G.graph.get("labels", {}), lang, "kg")
    from .display import neutral_bidi

    heading = neutral_bidi(heading)
    net.heading = heading
    present = sorted({d.get("kind", "entity") for _, d in G.nodes(data=True)}, key=list(KIND_COLOURS).index)
    nodes, edges, heading, _, _, _ = net.get_network_data()
    return _environment().get_template("explorer.html").render(
        nodes=_json(nodes), edges=_json(edges), heading=heading, vis_options=_json(net.options), lang=lang,
        kg_data=_json(page_data(G, lang=lang)), strings=_STRINGS[lang],
        strings_json=_json({**_STRINGS[lang], "kinds": _KIND_NAMES[lang]}),
        legend=[(KIND_COLOURS[k], _KIND_NAMES[lang].get(k, k)) for k in present], **_assets(),
    )


def write_html(G: nx.MultiDiGraph, path: str | Path, *, lang: str = "en", title: str | None = None,
               force: bool = False) -> Path:
    """Write the explorer page for ``G`` to ``path`` as UTF-8 (whole or not at all); returns the path."""
    from .files import write_text_atomic

    return write_text_atomic(path, render_html(G, lang=lang, title=title), force=force)
