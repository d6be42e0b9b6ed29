"""A still picture of the explorer, for where its script cannot run (an untrusted notebook).

The same layout as the page (:func:`kg.views.layout.time_lanes`, time left to right), the events
between two nodes as one line with their count, and node labels by how many events each
takes part in, left out rather than overlapping (checked from matplotlib's text extents).
A small PNG (a 128-colour palette) and a few lines of text that say what the graph holds.

>>> from kg import load
>>> png = snapshot_png(load().networkx)
>>> png[:4] == b"\\x89PNG" and len(png) < 80_000
True
>>> print(summary(load().networkx).splitlines()[1])  # doctest: +ELLIPSIS
41 nodes, 30 events and 6 positions held, 2015-06-01 to 2018-...
"""

from __future__ import annotations

import io
from collections import Counter
from typing import Any

import networkx as nx

from kg.views.layout import bundle_edges, time_lanes
from kg.labels import pick_label

__all__ = ["snapshot_png", "summary"]


def summary(G: nx.MultiDiGraph, *, lang: str = "en") -> str:
    """A few lines: the title, what the graph holds and when, and its busiest nodes."""
    items = {key: d for _, _, key, d in G.edges(keys=True, data=True)}
    kinds = Counter(d["kind"] for d in items.values())
    days = sorted(x for d in items.values() for x in (d["time"].span.start_earliest, d["time"].span.end_latest) if x)
    degree = Counter({n: len({k for _, _, k in G.edges(n, keys=True)} | {k for _, _, k in G.in_edges(n, keys=True)})
                      for n in G})
    busiest = ", ".join(f"{pick_label(G.nodes[n].get('labels', {}), lang, n)} ({c})" for n, c in degree.most_common(5) if c)
    when = f", {days[0].isoformat()} to {days[-1].isoformat()}" if days else ""
    title = pick_label(G.graph.get("labels") or {}, lang, "kg")
    if lang == "ar":
        when = f"، من {days[0].isoformat()} إلى {days[-1].isoformat()}" if days else ""
        return (f"{title}\n{G.number_of_nodes()} عقدة، و{kinds.get('event', 0)} حدثًا و{kinds.get('position', 0)} "
                f"منصبًا{when}.\nالأكثر ارتباطًا: {busiest.replace(', ', '، ')}.")
    return (f"{title}\n{G.number_of_nodes()} nodes, {kinds.get('event', 0)} events and "
            f"{kinds.get('position', 0)} positions held{when}.\nMost connected: {busiest}.")


def snapshot_png(G: nx.MultiDiGraph, *, lang: str = "en", width: float = 9.6, height: float = 6.0) -> bytes:
    """The picture as PNG bytes (``width`` x ``height`` inches at 100 dpi)."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from PIL import Image

    from kg.views.explorer import KIND_COLOURS

    labels = {n: pick_label(d.get("labels", {}), lang, n) for n, d in G.nodes(data=True)}
    pos = time_lanes(G, labels)
    nodes = list(G.nodes)
    index = {n: i for i, n in enumerate(nodes)}
    items: dict[str, int] = {}
    for _, _, key in G.edges(keys=True):
        items.setdefault(key, len(items))
    fig, ax = plt.subplots(figsize=(width, height), dpi=100)
    badges: list[Any] = []
    try:
        ax.set_axis_off()
        for b in bundle_edges(G, index, items):
            (x1, y1), (x2, y2) = pos[nodes[b["from"]]], pos[nodes[b["to"]]]
            count = len(b["items"])
            ax.plot([x1, x2], [y1, y2], color="#BBBBBB" if b.get("secondary") else "#777777", zorder=1,
                    linewidth=0.5 if b.get("secondary") else 0.8 + 0.8 * (count > 1) * count ** 0.5)
            if count > 1 and not b.get("secondary"):
                badges.append(ax.text((x1 + x2) / 2, (y1 + y2) / 2, str(count), fontsize=8, ha="center", va="center", zorder=3,
                        bbox={"boxstyle": "round,pad=0.2", "facecolor": "white", "edgecolor": "#555555", "linewidth": 0.6}))
        ax.scatter([pos[n][0] for n in nodes], [pos[n][1] for n in nodes], s=40, zorder=2,
                   c=[KIND_COLOURS.get(G.nodes[n].get("kind", "entity"), "#BAB0AC") for n in nodes])
        ax.invert_yaxis()
        ax.margins(0.06)
        heading = pick_label(G.graph.get("labels") or {}, lang, "kg")
        ax.set_title(heading + ("  (time runs left to right)" if lang == "en" else ""), fontsize=11, loc="left")
        renderer = fig.canvas.get_renderer()  # type: ignore[attr-defined]  # the Agg canvas has one; the base class declares none
        taken: list[Any] = [b.get_window_extent(renderer) for b in badges]
        for n in sorted(nodes, key=lambda n: (-G.degree(n), labels[n])):
            text = ax.text(pos[n][0], pos[n][1], "\n" + labels[n], fontsize=9, ha="center", va="top", zorder=4)
            box = text.get_window_extent(renderer).expanded(1.06, 1.15)
            if any(box.overlaps(other) for other in taken) or not fig.bbox.contains(box.x0, box.y0) \
                    or not fig.bbox.contains(box.x1, box.y1):
                text.remove()
            else:
                taken.append(box)
        buffer = io.BytesIO()
        fig.savefig(buffer, format="png")
    finally:
        plt.close(fig)
    small = io.BytesIO()
    Image.open(io.BytesIO(buffer.getvalue())).convert("RGB").quantize(128, method=Image.Quantize.FASTOCTREE).save(small, format="PNG", optimize=True)
    return small.getvalue()
