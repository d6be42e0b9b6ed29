"""A timeline chart of a kg graph: a lane per actor, events as marks, vague dates drawn vague.

- each event sits in the lane of each of its agents (events no actor is named for share a
  lane of their own); positions held are thin bars in the holder's lane;
- an event is a bar over the days it could have occupied: solid where it surely was,
  fading towards the earliest and latest days it might have started or ended; an open side
  fades out to the edge of the chart;
- happened events are filled; planned ones are hollow; only-reported ones are hatched;
- each claim is a tick under its event at the date it was made (public claims dark,
  internal ones red), so the lag between an event and its reporting shows;
- each mark is labelled above (its name and time in words, in English or Arabic; Arabic is
  shaped and right to left), and no label leaves the plot or overlaps another.

Written as SVG, PNG (matplotlib) or a self-contained HTML page around the SVG.

>>> from kg import load
>>> svg = timeline_chart(load().networkx, "svg")
>>> svg.lstrip().startswith("<?xml") and "Alex Stamos" in svg
True
"""

from __future__ import annotations

import datetime as dt
import html
import io
from pathlib import Path
from typing import Any

import networkx as nx

from kg.display import neutral_bidi
from kg.errors import KgError
from kg.files import MARK
from kg.formats import OUTPUT_KINDS
from kg.labels import pick_label
from kg.time import TimeSpan

__all__ = ["timeline_chart", "write_timeline_chart", "CHART_FORMATS"]

CHART_FORMATS = OUTPUT_KINDS["chart"]  # the registry kg.formats lists it in
STATUS_COLOURS = {"happened": "#4C78A8", "planned": "#7B3294", "reported": "#E45756"}
POSITION_COLOUR = "#BBBBBB"
FADE_STEPS = 14


def _lanes(G: nx.MultiDiGraph) -> tuple[list[str], dict[str, list[tuple[str, dict[str, Any]]]]]:
    """Lane names (actor IRIs, then one for events without actor) and each lane's items."""
    items: dict[str, dict[str, Any]] = {}
    for _, _, key, d in G.edges(keys=True, data=True):
        items.setdefault(key, d)
    lanes: dict[str, list[tuple[str, dict[str, Any]]]] = {}
    for key, d in items.items():
        agents = d.get("participants", {}).get("agent") or ["(no actor named)"]
        for agent in agents:
            lanes.setdefault(agent, []).append((key, d))

    def first(lane: str) -> int:
        return min((d["time"].span.ordinals[0] for _, d in lanes[lane] if d["kind"] == "event"), default=10**9)

    order = sorted(lanes, key=lambda lane: (lane == "(no actor named)", -len(lanes[lane]), first(lane), lane))
    return order, lanes


def _range(G: nx.MultiDiGraph) -> tuple[dt.date, dt.date]:
    days = []
    for _, _, d in G.edges(data=True):
        span = d["time"].span
        days += [x for x in (span.start_earliest, span.start_latest, span.end_earliest, span.end_latest) if x]
        for claim in d.get("claims", []):
            if claim["date"] is not None:
                days += [x for x in (claim["date"].span.start_earliest, claim["date"].span.end_latest) if x]
    if not days:
        today = dt.date.today()
        return today, today
    lo, hi = min(days), max(days)
    pad = dt.timedelta(days=max(15, (hi - lo).days // 40))
    return lo - pad, hi + pad


def _draw_span(ax: Any, y: float, span: TimeSpan, lo: dt.date, hi: dt.date, *, colour: str, status: str,
               height: float) -> None:
    """One bar: solid where the item surely was, fading over the days it may have started or ended.

    An unbounded side fades out over a short stretch (a twentieth of the chart), fainter.
    """
    from matplotlib.dates import date2num

    reach = (date2num(hi) - date2num(lo)) / 8
    se, sl, ee, el = span.start_earliest, span.start_latest, span.end_earliest, span.end_latest
    known = [x for x in (se, sl, ee, el) if x is not None]
    if not known:
        return
    a = date2num(se) if se else date2num(min(known)) - reach
    d = date2num(el) if el else date2num(max(known)) + reach
    # surely under way from its latest possible start to its earliest possible end, when both are known
    b = date2num(sl) if sl else None
    c = date2num(ee) if ee else None
    filled = status != "planned"
    hatch = "////" if status == "reported" else None
    # hatch lines take the edge colour: on a light face of the same hue they show in every format
    face = (_light(colour) if hatch else colour) if filled else "none"
    if d - a < 3:  # a day or two: a mark
        ax.plot([(a + d) / 2], [y], marker="D", markersize=6, color=colour, linestyle="none",
                markerfacecolor=colour if filled else "white")
        return
    if b is not None and c is not None and c - b >= 0.5:  # surely under way over [b, c]: solid, fading to a and d
        ax.barh(y, c - b, left=b, height=height, color=face, hatch=hatch, edgecolor=colour, linewidth=1.0)
        _fade(ax, y, a, b, rising=True, colour=colour, filled=filled, height=height, strength=0.35 if se is None else 0.85)
        _fade(ax, y, c, d, rising=False, colour=colour, filled=filled, height=height, strength=0.35 if el is None else 0.85)
        if se is None:
            ax.text(a, y, "◂", fontsize=7, color=colour, ha="right", va="center", alpha=0.7)
        if el is None:
            ax.text(d, y, "▸", fontsize=7, color=colour, ha="left", va="center", alpha=0.7)
        return
    # somewhere within [a, d], never surely at any one day: an even, lighter bar
    inner_a = a + (reach if se is None else 0)
    inner_d = d - (reach if el is None else 0)
    if inner_d > inner_a:
        ax.barh(y, inner_d - inner_a, left=inner_a, height=height, color=face, hatch=hatch, edgecolor=colour,
                linewidth=0.6, alpha=0.8 if hatch else 0.45)  # hatching stays visible
    if se is None:
        _fade(ax, y, a, inner_a, rising=True, colour=colour, filled=filled, height=height, strength=0.35)
        ax.text(a, y, "◂", fontsize=7, color=colour, ha="right", va="center", alpha=0.7)
    if el is None:
        _fade(ax, y, inner_d, d, rising=False, colour=colour, filled=filled, height=height, strength=0.35)
        ax.text(d, y, "▸", fontsize=7, color=colour, ha="left", va="center", alpha=0.7)


def _light(colour: str, amount: float = 0.72) -> str:
    """``colour`` mixed with white (``amount`` of white), as #rrggbb.

    >>> _light("#E45756")
    '#f7d0d0'
    """
    rgb = [int(colour[i:i + 2], 16) for i in (1, 3, 5)]
    return "#" + "".join(f"{round(c + (255 - c) * amount):02x}" for c in rgb)


def _fade(ax: Any, y: float, start: float, stop: float, *, rising: bool, colour: str, filled: bool,
          height: float, strength: float) -> None:
    if stop - start < 0.5:
        return
    step = (stop - start) / FADE_STEPS
    for i in range(FADE_STEPS):
        alpha = (i + 1) / (FADE_STEPS + 1) if rising else (FADE_STEPS - i) / (FADE_STEPS + 1)
        ax.barh(y, step, left=start + i * step, height=height, color=colour if filled else "none",
                edgecolor=colour if not filled else "none", alpha=alpha * strength, linewidth=0.6)


_WORDS = {
    "en": {"none": "(no actor named)", "of": "{office} of {org}", "happened": "happened", "planned": "planned (hollow)",
           "reported": "only reported", "position": "position held", "fading": "fading: vague start or end",
           "public": "claim (public), when made", "internal": "claim (internal)", "title": "Timeline"},
    "ar": {"none": "(بلا فاعل مسمّى)", "of": "{office} في {org}", "happened": "وقع", "planned": "مخطط له (مفرّغ)",
           "reported": "أُفيد به فقط", "position": "منصب", "fading": "تلاشٍ: بداية أو نهاية غير محددة",
           "public": "ادعاء علني، وقت صدوره", "internal": "ادعاء داخلي", "title": "الخط الزمني"},
}
FONTS = {"en": ["DejaVu Sans", "Noto Sans Arabic"], "ar": ["Noto Sans Arabic", "Noto Naskh Arabic", "DejaVu Sans"]}
"""Font families by language, in fallback order. matplotlib (3.11 and later) shapes Arabic
and lays it out right to left itself (libraqm), so labels are passed as written."""


def _short(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[:limit - 1].rstrip() + "…"


def _figure(G: nx.MultiDiGraph, title: str | None, *, lang: str = "en", width: float = 16.0) -> Any:
    import matplotlib

    matplotlib.use("Agg")
    matplotlib.rcParams["svg.hashsalt"] = "kg"  # stable ids in the SVG: same graph, same file
    import matplotlib.pyplot as plt
    from matplotlib.dates import AutoDateLocator, ConciseDateFormatter, date2num
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch

    words = _WORDS[lang]
    order, lanes = _lanes(G)
    lo, hi = _range(G)
    rows = sum(max(1, len(lanes[lane])) for lane in order)
    narrow = width < 13
    with matplotlib.rc_context({"font.family": FONTS[lang], "hatch.linewidth": 1.6}):
        fig, ax = plt.subplots(figsize=(width, max(4.0, 0.34 * rows + 2.2)), dpi=110)
        y, ticks, names, labels = 0.0, [], [], []
        for lane in order:
            label = _plain(pick_label(G.nodes[lane].get("labels", {}), lang, G.nodes[lane].get("label", lane))
                           if lane in G else words["none"])
            members = sorted(lanes[lane], key=lambda kd: (kd[1]["time"].span.ordinals[0], kd[0]))
            lane_top = y
            for key, d in members:
                span = d["time"].span
                if d["kind"] == "position":
                    _draw_span(ax, y, span, lo, hi, colour=POSITION_COLOUR, status="happened", height=0.28)
                    office = pick_label(d.get("relation_labels", {}), lang, "held")
                    org = d["participants"]["target"][0]
                    org_name = pick_label(G.nodes[org].get("labels", {}), lang, org) if org in G else org
                    name = words["of"].format(office=office, org=org_name)
                else:
                    colour = STATUS_COLOURS.get(d["status"], "#555555")
                    _draw_span(ax, y, span, lo, hi, colour=colour, status=d["status"], height=0.56)
                    name = pick_label(d.get("labels", {}), lang, d["relation"])
                name = _plain(_short(name, 48 if narrow else 70))
                when = d["time"].describe(lang)
                known = [x for x in (span.start_earliest, span.start_latest, span.end_earliest) if x]
                left = date2num(max(min(known), lo)) if known else date2num(lo)
                labels.append(ax.text(left, y - 0.36, f"{name} · {when}", fontsize=7, va="bottom", ha="left",
                                      color="#333333", in_layout=False))
                for claim in d.get("claims", []):
                    if claim["date"] is None:
                        continue
                    cs = claim["date"].span
                    first, last = cs.start_earliest or cs.end_latest, cs.end_latest or cs.start_earliest
                    if first is None:
                        continue
                    tick = date2num(first + (last - first) / 2)
                    colour = "#222222" if claim["public"] else "#C0392B"
                    ax.plot([tick, tick], [y + 0.3, y + 0.46], color=colour, linewidth=1.4)
                    if last != first:
                        ax.plot([date2num(first), date2num(last)], [y + 0.38, y + 0.38], color=colour, linewidth=0.5,
                                alpha=0.6)
                y += 1
            ticks.append((lane_top + y - 1) / 2)
            names.append(_short(label, 26 if narrow else 60))
            ax.axhline(y - 0.5, color="#e5e5e5", linewidth=0.8)
        ax.set_yticks(ticks, names, fontsize=9)
        ax.set_ylim(y - 0.5, -0.9)
        ax.set_xlim(date2num(lo), date2num(hi))
        locator = AutoDateLocator()
        ax.xaxis.set_major_locator(locator)
        ax.xaxis.set_major_formatter(ConciseDateFormatter(locator))
        ax.grid(axis="x", color="#eeeeee")
        for side in ("top", "right"):
            ax.spines[side].set_visible(False)
        heading = _plain(title or pick_label(G.graph.get("labels") or {}, lang, words["title"]))
        ax.set_title(heading, fontsize=12, loc="right" if lang == "ar" else "left")
        reported = STATUS_COLOURS["reported"]
        legend = [
            Patch(facecolor=STATUS_COLOURS["happened"], label=words["happened"]),
            Patch(facecolor="white", edgecolor=STATUS_COLOURS["planned"], label=words["planned"]),
            Patch(facecolor=_light(reported), edgecolor=reported, hatch="////", label=words["reported"]),
            Patch(facecolor=POSITION_COLOUR, label=words["position"]),
            Patch(facecolor=STATUS_COLOURS["happened"], alpha=0.3, label=words["fading"]),
            Line2D([0], [0], color="#222222", linewidth=1.4, label=words["public"]),
            Line2D([0], [0], color="#C0392B", linewidth=1.4, label=words["internal"]),
        ]
        ax.legend(handles=legend, loc="upper left", bbox_to_anchor=(0, -0.04), ncol=3 if narrow else 4, fontsize=8,
                  frameon=False, labelspacing=0.9)
        fig.tight_layout()
        _fit_labels(fig, ax, labels, date2num(hi))
    return fig


def _plain(text: str) -> str:
    """Data as matplotlib text: bidi controls made visible, ``$`` not read as mathtext."""
    return neutral_bidi(str(text)).replace("$", r"\$")


def _fit_labels(fig: Any, ax: Any, labels: list[Any], right: float) -> None:
    """Keep every event label inside the plot: one running past the right edge is set to end
    there instead, and shortened (``…``) until it also clears the left edge."""
    renderer = fig.canvas.get_renderer()
    edge = ax.get_window_extent(renderer)
    for text in labels:
        if text.get_window_extent(renderer).x1 <= edge.x1 - 2:
            continue
        text.set_horizontalalignment("right")
        text.set_x(right)
        name, _, when = text.get_text().rpartition(" · ")
        while text.get_window_extent(renderer).x0 < edge.x0 + 2 and len(name) > 8:
            name = name[:-4].rstrip("…").rstrip() + "…"
            text.set_text(f"{name} · {when}")


def timeline_chart(G: nx.MultiDiGraph, fmt: str = "svg", *, title: str | None = None, lang: str = "en",
                   width: float = 16.0) -> str | bytes:
    """The chart as SVG text, PNG bytes or an HTML page (text), labelled in ``lang`` (en or ar),
    ``width`` inches wide (16 for a file; about 9 keeps 7 pt labels legible in a notebook)."""
    if fmt not in CHART_FORMATS:
        raise KgError(f"unknown chart format {fmt!r}; use one of {', '.join(CHART_FORMATS)}")
    if lang not in _WORDS:
        raise KgError(f"unknown language {lang!r}; use en or ar")
    import matplotlib.pyplot as plt

    fig = _figure(G, title, lang=lang, width=width)
    buffer = io.BytesIO()
    try:
        fig.savefig(buffer, format="png" if fmt == "png" else "svg",
                    metadata={"Software": MARK} if fmt == "png" else {"Date": None})
    finally:
        plt.close(fig)
    if fmt == "png":
        return _palette(buffer.getvalue())
    svg = buffer.getvalue().decode("utf-8")
    declaration, _, rest = svg.partition("\n")
    svg = f"{declaration}\n<!-- {MARK} -->\n{rest}"
    if fmt == "svg":
        return svg
    heading = html.escape(neutral_bidi(title or pick_label(G.graph.get("labels") or {}, lang, _WORDS[lang]["title"])))
    body = svg[svg.index("<svg"):]
    return (f'<!DOCTYPE html>\n<!-- {MARK} -->\n<html lang="{lang}" dir="{"rtl" if lang == "ar" else "ltr"}"><head><meta charset="utf-8"><title>{heading}</title>'
            f"<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">"
            f"<style>body{{margin:1rem;font-family:sans-serif}} svg{{max-width:100%;height:auto}}</style>"
            f"</head><body>\n{body}\n</body></html>\n")


def _palette(png: bytes) -> bytes:
    """The PNG with a 256-colour palette: the same picture to the eye, about a third the bytes."""
    from PIL import Image, PngImagePlugin

    out, info = io.BytesIO(), PngImagePlugin.PngInfo()
    info.add_text("Software", MARK)  # how kg knows it wrote the file (kg.files)
    Image.open(io.BytesIO(png)).convert("RGB").quantize(256, method=Image.Quantize.FASTOCTREE).save(
        out, format="PNG", optimize=True, pnginfo=info)
    return out.getvalue()


def write_timeline_chart(G: nx.MultiDiGraph, path: str | Path, *, title: str | None = None, lang: str = "en",
                         inputs: Any = (), force: bool = False) -> Path:
    """Write the chart to ``path``; the format comes from its ending (.svg, .png, .html).

    ``path`` is checked as :func:`kg.files.check_output` does (``inputs`` are never written over;
    ``force`` allows replacing a file kg did not write)."""
    from kg.files import check_output, write_output

    out = Path(path)
    fmt = out.suffix.lower().lstrip(".")
    if fmt not in CHART_FORMATS:
        raise KgError(f"{path}: the chart is written as .svg, .png or .html")
    check_output(out, inputs=inputs, force=force)  # before the (slow) drawing
    return write_output(out, timeline_chart(G, fmt, title=title, lang=lang), inputs=inputs, force=force)
