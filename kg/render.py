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

import hashlib
import importlib.resources
import math
from functools import lru_cache
from pathlib import Path
from typing import Any

import networkx as nx
from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup
from pyvis.network import Network

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
STATUS_STYLE = {"happened": False, "planned": [8, 6], "reported": [2, 5]}  # vis "dashes"
EDGE_COLOURS = {"happened": "#555555", "planned": "#7B3294", "reported": "#555555"}


def _templates() -> Path:
    return Path(str(importlib.resources.files("kg") / "templates"))


def _pyvis_templates() -> Path:
    import pyvis

    return Path(pyvis.__file__).parent / "templates"


def _label(labels: dict[str, str], lang: str, fallback: str) -> str:
    return labels.get(lang) or labels.get("en") or fallback


def _iso(span: TimeSpan) -> list[str | None]:
    return [d.isoformat() if d else None for d in
            (span.start_earliest, span.start_latest, span.end_earliest, span.end_latest)]


def _time(spec: Any) -> dict[str, Any] | None:
    if spec is None:
        return None
    return {"edtf": spec.edtf, "en": spec.describe("en"), "ar": spec.describe("ar"),
            "bounds": _iso(spec.span), "uncertain": spec.span.uncertain,
            "holds_at": spec.holds_at.edtf if spec.holds_at is not None else None,
            "basis": spec.basis, "phrase": spec.phrase, "derivation": spec.derivation}


def _claims(claims: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [{**c, "date": _time(c["date"])} for c in claims]


def _midpoint(span: TimeSpan) -> float | None:
    days = [d.toordinal() for d in (span.start_earliest, span.end_latest) if d is not None]
    return sum(days) / len(days) if days else None


def _unit(text: str) -> float:
    """A stable number in [0, 1) from ``text`` (same input, same picture)."""
    return int(hashlib.sha256(text.encode()).hexdigest()[:8], 16) / 2**32


def _positions(G: nx.MultiDiGraph) -> dict[str, tuple[float, float]]:
    """Start positions: time runs left to right (each node at the mean time of its events)."""
    times: dict[str, list[float]] = {}
    for u, v, d in G.edges(data=True):
        mid = _midpoint(d["time"].span)
        if mid is not None:
            times.setdefault(u, []).append(mid)
            times.setdefault(v, []).append(mid)
    means = {n: sum(t) / len(t) for n, t in times.items()}
    lo, hi = (min(means.values()), max(means.values())) if means else (0.0, 1.0)
    width = 200.0 * math.sqrt(max(G.number_of_nodes(), 1))
    out = {}
    for node in G.nodes:
        x = (means[node] - lo) / (hi - lo or 1) if node in means else _unit(node + "x")
        out[node] = (round((x - 0.5) * width, 1), round((_unit(node) - 0.5) * width * 0.6, 1))
    return out


def page_data(G: nx.MultiDiGraph, *, lang: str = "en") -> dict[str, Any]:
    """Everything the page script needs, as JSON-ready data."""
    nodes = {n: {"labels": d.get("labels", {}), "alt": d.get("alt_labels", {}), "kind": d.get("kind", "entity")}
             for n, d in G.nodes(data=True)}
    items: dict[str, dict[str, Any]] = {}
    for u, v, key, d in G.edges(keys=True, data=True):
        item = items.setdefault(key, {
            "kind": d["kind"], "labels": d.get("labels", {}), "relation": d["relation"],
            "relation_labels": d.get("relation_labels", {}), "status": d["status"], "time": _time(d["time"]),
            "participants": d.get("participants", {}), "note": d.get("note"), "claims": _claims(d["claims"]),
            "edges": [],
        })
        item["edges"].append([u, v])
    sources = {k: {"labels": s["labels"], "language": s["language"]} for k, s in G.graph.get("sources", {}).items()}
    return {"lang": lang, "title": G.graph.get("labels", {}), "nodes": nodes, "items": items,
            "sources": sources, "terms": _terms(), "links": [{**link, "claims": _claims(link["claims"])} for link in G.graph.get("links", [])], "conflicts": [
                {**c, "readings": [{**r, "time": _time(r["time"])} for r in c["readings"]]}
                for c in G.graph.get("conflicts", [])]}


def _network(G: nx.MultiDiGraph, lang: str) -> Network:
    net = Network(height="100%", width="100%", directed=True, cdn_resources="in_line")
    positions = _positions(G)
    net.nodes = [
        {"id": n, "label": _label(d.get("labels", {}), lang, n), "shape": KIND_SHAPES.get(d.get("kind", ""), "dot"),
         "color": KIND_COLOURS.get(d.get("kind", "entity"), "#BAB0AC"), "x": positions[n][0], "y": positions[n][1],
         "title": _label(d.get("labels", {}), lang, n), "kind": d.get("kind", "entity"), "size": 14}
        for n, d in G.nodes(data=True)
    ]
    net.node_ids = [n["id"] for n in net.nodes]
    net.node_map = {n["id"]: n for n in net.nodes}
    parallel: dict[tuple[str, str], int] = {}
    edges, linked = [], set()
    for u, v, key, d in G.edges(keys=True, data=True):
        pair = (u, v) if u <= v else (v, u)
        k = parallel[pair] = parallel.get(pair, -1) + 1
        relation = _label(d.get("relation_labels", {}), lang, d["relation"])
        when = d["time"].describe(lang)
        edges.append({
            "id": f"{key}|{u}|{v}", "from": u, "to": v, "item": key, "arrows": "to",
            "label": f"{relation} · {when}" if G.number_of_edges() <= 400 else "",
            "title": f"{_label(d.get('labels', {}), lang, key)}\n{when}",
            "dashes": STATUS_STYLE.get(d["status"], False) if d["kind"] == "event" else [1, 3],
            "color": {"color": EDGE_COLOURS.get(d["status"], "#555555") if d["kind"] == "event" else "#AAAAAA"},
            "smooth": {"type": "curvedCW" if k % 2 else "curvedCCW", "roundness": 0.08 + 0.1 * (k // 2)},
            "font": {"size": 11, "align": "middle"},
        })
        # Participants the edge does not join (topics, media, other roles) hang off its source
        # by thin unlabelled lines, so documents and topics sit near what they took part in.
        for role, members in d.get("participants", {}).items():
            for other in members:
                if other in (u, v) or (key, u, other) in linked or other not in G:
                    continue
                linked.add((key, u, other))
                edges.append({"id": f"{key}|{u}|{other}|{role}", "from": u, "to": other, "item": key,
                              "secondary": True, "dashes": [1, 4], "width": 0.5, "label": "",
                              "title": f"{_label(d.get('labels', {}), lang, key)}\n{role}",
                              "color": {"color": "#BBBBBB"}, "smooth": False})
    net.edges = edges
    net.options = {
        "layout": {"randomSeed": 7, "improvedLayout": False},
        "physics": {"enabled": True, "solver": "barnesHut",
                    "barnesHut": {"gravitationalConstant": -9000, "centralGravity": 0.25, "springLength": 190,
                                  "springConstant": 0.03, "avoidOverlap": 0.4},
                    "stabilization": {"enabled": True, "iterations": _iterations(G), "fit": True}},
        "interaction": {"hover": True, "tooltipDelay": 150},
        "edges": {"font": {"strokeWidth": 3}},
        "nodes": {"font": {"size": 14, "face": "sans-serif"}},
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


def render_html(G: nx.MultiDiGraph, *, lang: str = "en", title: str | None = None) -> str:
    """The explorer page for ``G`` as one HTML string (UTF-8 text, no external resources)."""
    if lang not in _STRINGS:
        raise ValueError(f"unknown language {lang!r}; use en or ar")
    net = _network(G, lang)
    heading = title or _label(G.graph.get("labels", {}), lang, "kg")
    net.heading = heading
    present = sorted({d.get("kind", "entity") for _, d in G.nodes(data=True)}, key=list(KIND_COLOURS).index)
    nodes, edges, heading, _, _, _ = net.get_network_data()
    return _environment().get_template("explorer.html").render(
        nodes=nodes, edges=edges, heading=heading, vis_options=net.options, lang=lang,
        kg_data=page_data(G, lang=lang), strings={**_STRINGS[lang], "kinds": _KIND_NAMES[lang]},
        legend=[(KIND_COLOURS[k], _KIND_NAMES[lang].get(k, k)) for k in present], **_assets(),
    )


def write_html(G: nx.MultiDiGraph, path: str | Path, *, lang: str = "en", title: str | None = None) -> Path:
    """Write the explorer page for ``G`` to ``path`` as UTF-8; returns the path."""
    out = Path(path)
    out.write_text(render_html(G, lang=lang, title=title), encoding="utf-8")
    return out
