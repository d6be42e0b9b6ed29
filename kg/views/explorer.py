"""Render a kg graph as one self-contained, offline HTML page (pyvis + vis-network).

The page is built from the networkx view (:func:`kg.graph.from_rdf.to_networkx`): nodes coloured
by kind at fixed places in time-ordered lanes, the events between two nodes as one line
with their count (:mod:`kg.views.layout`), positions as lighter lines; the time slider draws
each event hidden, possible, likely or certain from :func:`slider_grades`. Clicking a
line opens a panel with its events, or with one event's time (as written and in words),
status and claims, each with the Arabic evidence quote and its English gloss.

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

>>> from kg.timeline.reader import load_timeline
>>> from kg.rdf.build import build_dataset
>>> from kg.graph.from_rdf import to_networkx
>>> html = render_html(to_networkx(build_dataset(load_timeline())))
>>> "https://" in html.split("<body")[1].split("kg-data")[0], html.count("<script src=")
(False, 0)
"""

from __future__ import annotations

import importlib.resources
import json
from functools import lru_cache
from datetime import date as Date
from pathlib import Path
from typing import Any, overload

import networkx as nx
from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup
from pyvis.network import Network

from kg.views.layout import bundle_edges, time_lanes
from kg.labels import pick_label
from kg.timeline.model import TimeSpec
from kg.time import NEG_INF, POS_INF, TimeSpan
from kg.collector import collector_paused

__all__ = ["render_html", "write_html", "KIND_COLOURS", "page_data", "slider_grades", "GRADES"]

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
    if spec.stated_span is not None:  # the bounds the timeline gives, before derivation
        out["stated"] = _iso(spec.stated)
    if spec.nominal_span is not None:  # the dates as written
        out["as_written"] = _iso(spec.nominal)
    if spec.why:  # each derived bound: which, and the chain of constraints behind it
        out["derived"] = [[bound, [o.text for o in spec.why[bound]]] for bound in ("se", "sl", "ee", "el")
                          if spec.why.get(bound)]
    for key, value in (("edtf", spec.edtf), ("uncertain", spec.uncertain or None), ("basis", spec.basis),
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
        self._keep: list[Any] = []  # the specs indexed, so that their ids stay theirs

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


GRADES = ("possible", "likely", "certain")
"""The slider's answer grades, weakest first: the page draws an item faded, between, or solid."""
_EPOCH = 719163  # date(1970, 1, 1).toordinal(): the page counts days from 1970-01-01


@overload
def _day(date: None) -> None: ...
@overload
def _day(date: Date) -> int: ...
def _day(date: Date | None) -> int | None:
    return None if date is None else date.toordinal() - _EPOCH


def slider_grades(time: TimeSpec, *, state: bool, capped: bool) -> list[list[int | None] | None]:
    """When the time slider shows an item as possible, likely and certain.

    Three entries, in the order of :data:`GRADES`; each is ``None`` (never) or
    ``[first_day, last_day]`` in the page's days (days since 1970-01-01; ``None`` in either
    place is open). At a day the page draws the highest grade whose interval holds it, and
    hides the item when none does (explorer.js, ``stateAt``). The ranges are those of
    :func:`kg.time.phrases.slider_grades`: "as of the slider's day" from the one table of
    time words, on the item's admissible and nominal bounds; ``capped`` for an event only
    planned or only reported (never certain).

    >>> import datetime as dt
    >>> from kg.time.edtf import parse_edtf
    >>> from kg.timeline.model import TimeSpec
    >>> about = TimeSpec(parse_edtf("2016-12~"), edtf="2016-12~", nominal_span=parse_edtf("2016-12~", nominal=True))
    >>> [[dt.date(1970, 1, 1) + dt.timedelta(days=r[0]), r[1]] for r in slider_grades(about, state=False, capped=False)]
    [[datetime.date(2016, 11, 1), None], [datetime.date(2016, 12, 31), None], [datetime.date(2017, 1, 31), None]]
    """
    from kg.time.phrases import slider_grades as ranges

    def day(n: int) -> int | None:
        return None if n <= NEG_INF or n >= POS_INF else n - _EPOCH

    found = ranges(time.span, nominal=time.nominal, state=state, capped=capped)
    return [None if r is None else [day(r[0]), day(r[1])] for r in found]


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
    days: list[int] = []  # the slider runs from the earliest bound of any item to the latest
    for u, v, key, d in G.edges(keys=True, data=True):
        position = item_index.get(key)
        if position is None:
            if d["time"] is not None:
                span = d["time"].span
                bounds = [b for b in (span.start_earliest, span.start_latest, span.end_earliest, span.end_latest) if b]
                if bounds:
                    days = [min([*days[:1], _day(min(bounds))]), max([*days[1:], _day(max(bounds))])]
            # positions are grouped by the office held, events by their type
            relation = d["office"] if d["kind"] == "position" else d["relation"]
            if relation not in relations:
                relations[relation] = d.get("relation_labels", {})
            position = item_index[key] = len(items)
            items.append([key, d["kind"], d.get("labels", {}), relation, d["status"], times(d["time"]),
                          {role: [ref(x) for x in xs] for role, xs in d.get("participants", {}).items()},
                          _claims(d["claims"], times, ref, source_index), [], d.get("note"),
                          slider_grades(d["time"], state=d["kind"] == "position",
                                        capped=d["status"] != "happened")])
        items[position][8].append([node_index[u], node_index[v]])
    sources = [[s["iri"], s["labels"], s["language"]] for s in source_list]
    links = [{**link, "claims": _claims(link["claims"], times, ref, source_index)} for link in G.graph.get("links", [])]
    conflicts = [{**c, "readings": [{**r, "time": times(r["time"]),
                                     "evidence": [[source_index.get(e.get("source", ""), -1), e.get("start"),
                                                   e.get("end"), e.get("exact", ""), e.get("gloss", "")]
                                                  for e in r["evidence"]]} for r in c["readings"]]}
                 for c in G.graph.get("conflicts", [])]
    return {"lang": lang, "title": G.graph.get("labels", {}), "nodes": nodes, "items": items, "times": times.table,
            "days": days or [0, 0],
            "relations": relations, "sources": sources, "terms": _terms(), "links": links, "conflicts": conflicts}


LARGE = 2_000
"""Past this many events the page draws straight lines with no arrows and no dashes (status
by colour only), and draws lines and nodes itself (``explorer_large.js``: one path per style,
the lines that cannot change near the slider's date kept as a picture, the nodes found under
the pointer through a grid); vis-network then holds no node and no edge, only the view. What
only tooltips, panels and search need travels in a block of its own (``kg-detail``), read when
first needed (compressed; unpacked after the first picture)."""


def _network(G: nx.MultiDiGraph, lang: str) -> Network:
    """The pyvis network, filled from lists: nodes at fixed places in time-ordered lanes
    (:func:`kg.views.layout.time_lanes`, no physics), edges as bundles of the items between two
    nodes (:func:`kg.views.layout.bundle_edges`), ids as indices into the page data. Styles come
    from vis groups (one per kind); the page script styles edges by state and status and
    draws every label itself (at a legible size, never overlapping)."""
    net = Network(height="100%", width="100%", directed=True, cdn_resources="in_line")
    labels = {n: pick_label(d.get("labels", {}), lang, n) for n, d in G.nodes(data=True)}
    positions = time_lanes(G, labels)
    node_index = {n: i for i, n in enumerate(G.nodes)}
    degree = dict(G.degree())
    net.nodes = [{"id": i, "text": labels[n], "group": d.get("kind", "entity"), "x": positions[n][0],
                  "y": positions[n][1], "w": degree.get(n, 0)} for i, (n, d) in enumerate(G.nodes(data=True))]
    net.node_ids = list(range(len(net.nodes)))
    net.node_map = dict(enumerate(net.nodes))
    item_index: dict[str, int] = {}
    for _, _, key in G.edges(keys=True):
        item_index.setdefault(key, len(item_index))
    net.edges = [{"id": i, **bundle} for i, bundle in enumerate(bundle_edges(G, node_index, item_index))]
    large = G.number_of_edges() > LARGE
    net.options = {
        "layout": {"randomSeed": 7, "improvedLayout": False},
        "physics": {"enabled": False},
        "interaction": {"hover": True, "tooltipDelay": 150, "hideEdgesOnDrag": G.number_of_edges() > 1000,
                        "hideEdgesOnZoom": G.number_of_edges() > 1000},
        "edges": {"arrows": {"to": {"enabled": not large, "scaleFactor": 0.6}}, "dashes": False,
                  "smooth": False if large else {"type": "curvedCW", "roundness": 0.12},
                  "selectionWidth": 2, "hoverWidth": 0.5},
        "nodes": {"size": 11, "font": {"size": 13, "face": "sans-serif"}, "borderWidth": 0 if large else 1},
        "groups": {kind: {"color": colour, "shape": KIND_SHAPES.get(kind, "dot")} for kind, colour in KIND_COLOURS.items()},
    }
    return net


_STRINGS = {
    "en": {"dir": "ltr", "legend": "Legend", "close": "Close", "status": "status", "time": "Time",
           "claims": "Claims", "claimed": "Claimed", "internal": "internal", "citing": "Citing", "via": "Via",
           "participants": "Participants", "hint": "Click an event (an edge) or a node for its evidence; "
           "slide through time to see the graph as it stood.", "basis": "Derived",
           "phrase": "Words", "bounds": "Bounds", "holds_at": "under way at", "note": "Note",
           "stated": "Stated bounds", "as_written": "As written", "derived": "Derived bounds",
           "se": "earliest start", "sl": "latest start", "ee": "earliest end", "el": "latest end",
           "conflicts": "Conflicting readings", "search": "Search actors and events (English or Arabic)",
           "play": "Play", "pause": "Pause", "date": "Date", "happened": "happened",
           "planned": "planned", "reported": "only reported", "position": "position held",
           "relations": "Relations", "also": "Also", "events": "events",
           "possible": "possible", "likely": "likely", "certain": "certain",
           "state_possible": "possible at the slider's date: may have begun (faint)",
           "state_likely": "likely at the slider's date (half faint)",
           "state_certain": "certain at the slider's date (solid)",
           "state_hidden": "not drawn until it can have begun",
           "bundle": "events between the same two: one line with their count; click it for the list"},
    "ar": {"dir": "rtl", "legend": "مفتاح الرسم", "close": "إغلاق", "status": "الحالة", "time": "الزمن",
           "claims": "الادعاءات", "claimed": "تاريخ الادعاء", "internal": "داخلي", "citing": "نقلًا عن",
           "via": "عن طريق", "participants": "المشاركون", "hint": "انقر على حدث (خط) أو عقدة لعرض الدليل؛ "
           "وحرّك المؤشر الزمني لترى الرسم كما كان.", "basis": "الاشتقاق", "phrase": "العبارة",
           "bounds": "الحدود", "holds_at": "قائم في", "note": "ملاحظة", "conflicts": "قراءات متعارضة",
           "stated": "الحدود كما ذُكرت", "as_written": "كما كُتب", "derived": "الحدود المشتقة",
           "se": "أقرب بداية", "sl": "أبعد بداية", "ee": "أقرب نهاية", "el": "أبعد نهاية",
           "search": "ابحث عن الفاعلين والأحداث (بالعربية أو الإنجليزية)", "play": "تشغيل", "pause": "إيقاف",
           "date": "التاريخ", "happened": "وقع", "planned": "مخطط له", "reported": "أُفيد به فقط",
           "position": "منصب", "relations": "العلاقات", "also": "أسماء أخرى", "events": "أحداث",
           "possible": "ممكن", "likely": "مرجّح", "certain": "مؤكد",
           "state_possible": "ممكن في تاريخ المؤشر: ربما بدأ (باهت)",
           "state_likely": "مرجّح في تاريخ المؤشر (نصف باهت)",
           "state_certain": "مؤكد في تاريخ المؤشر (خط كامل)",
           "state_hidden": "لا يُرسم قبل أن يمكن بدؤه",
           "bundle": "أحداث بين الطرفين نفسيهما: خط واحد بعددها؛ انقر عليه لقائمتها"},
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
    css = vis.joinpath("vis-network.css").read_text(encoding="utf-8")
    # the rules with pictures style the navigation and editing buttons, which the page does not use
    css = "}".join(rule for rule in css.split("}") if "url(" not in rule)
    return {"vis_js": read(vis / "vis-network.min.js"), "vis_css": Markup(css),
            "page_js": Markup("\n".join(read(here / name) for name in ("explorer_large.js", "explorer.js"))),
            "page_css": read(here / "explorer.css")}


def _terms() -> dict[str, dict[str, dict[str, str]]]:
    from kg.vocabulary import bundled_vocabulary

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
    from kg.display import neutral_bidi

    text = neutral_bidi(json.dumps(value, ensure_ascii=False, separators=(",", ":")))
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026").replace("'", "\\u0027")
    return Markup(text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


def render_html(G: nx.MultiDiGraph, *, lang: str = "en", title: str | None = None, packed: bool = False) -> str:
    """The explorer page for ``G`` as one HTML string (UTF-8 text, no external resources).

    ``packed=True`` carries vis-network and the data gzip-compressed (base64) and unpacks
    them in the page with the browser's ``DecompressionStream``: about a quarter of the size,
    for notebooks, where every output keeps its own copy.

    >>> from kg import load
    >>> len(render_html(load().networkx, packed=True)) < 300_000
    True
    """
    if lang not in _STRINGS:
        raise ValueError(f"unknown language {lang!r}; use en or ar")
    with collector_paused():  # the build allocates many small dicts and keeps them all
        return _render(G, lang, title, packed)


def _pack(text: str) -> Markup:
    """``text`` gzip-compressed and in base64: inert inside any <script> block."""
    import base64
    import gzip

    return Markup(base64.b64encode(gzip.compress(text.encode("utf-8"), 9, mtime=0)).decode("ascii"))


@lru_cache(maxsize=1)
def _packed_assets() -> dict[str, Markup]:
    return {"vis_js": _pack(_assets()["vis_js"]), "page_js": _pack(_assets()["page_js"])}


_DETAIL = (2, 5, 6, 7, 9)  # an item's labels, time, participants, claims and note (see page_data)


def _detail(data: dict[str, Any]) -> dict[str, Any]:
    """What only tooltips, panels and search need, taken out of ``data`` (left ``None`` there):
    the items' labels, times, participants, claims and notes, and the table of times. A large
    page carries it compressed and unpacks it after its first picture, so opening reads about a
    third of the bytes and parses about half as much.

    >>> data = {"items": [["e", "event", {"en": "E"}, "met", "happened", 0, {}, [], [[0, 1]], None, []]],
    ...         "times": [{"words": "2018"}]}
    >>> _detail(data), data["items"][0][2], data["times"]
    ({'items': [[{'en': 'E'}, 0, {}, [], None]], 'times': [{'words': '2018'}]}, None, None)
    """
    detail = {"items": [[item[i] for i in _DETAIL] for item in data["items"]], "times": data["times"]}
    for item in data["items"]:
        for i in _DETAIL:
            item[i] = None
    data["times"] = None
    return detail


def _render(G: nx.MultiDiGraph, lang: str, title: str | None, packed: bool = False) -> str:
    net = _network(G, lang)
    heading = title or pick_label(G.graph.get("labels", {}), lang, "kg")
    from kg.display import neutral_bidi

    heading = neutral_bidi(heading)
    net.heading = heading
    present = sorted({d.get("kind", "entity") for _, d in G.nodes(data=True)}, key=list(KIND_COLOURS).index)
    nodes, edges, heading, _, _, _ = net.get_network_data()
    data = page_data(G, lang=lang)
    blocks = {"nodes": nodes, "edges": edges, "vis_options": net.options, "kg_data": data,
              "strings_json": {**_STRINGS[lang], "kinds": _KIND_NAMES[lang]}}
    if G.number_of_edges() > LARGE:
        blocks["detail"] = _detail(data)
    if packed:
        blocks = {k: _pack(json.dumps(v, ensure_ascii=False, separators=(",", ":"))) for k, v in blocks.items()}
    else:
        # the detail block is compressed even in a standalone page: the page unpacks it after its first picture
        blocks = {k: _pack(json.dumps(v, ensure_ascii=False, separators=(",", ":"))) if k == "detail" else _json(v)
                  for k, v in blocks.items()}
    assets = {**_assets(), **(_packed_assets() if packed else {})}
    return _environment().get_template("explorer.html").render(
        heading=heading, lang=lang, strings=_STRINGS[lang], packed=packed,
        legend=[(KIND_COLOURS[k], _KIND_NAMES[lang].get(k, k)) for k in present], **blocks, **assets,
    )


def write_html(G: nx.MultiDiGraph, path: str | Path, *, lang: str = "en", title: str | None = None,
               force: bool = False) -> Path:
    """Write the explorer page for ``G`` to ``path`` as UTF-8 (whole or not at all); returns the path."""
    from kg.files import write_text_atomic

    return write_text_atomic(path, render_html(G, lang=lang, title=title), force=force)
