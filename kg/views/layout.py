"""Where the explorer draws things: time-ordered lanes, and one bundle per pair of nodes.

- :func:`time_lanes` puts each node at the time of its events (left to right, earliest
  first) in one of a few horizontal lanes, so that nodes of the same month stand side by
  side in different lanes instead of in one column. No physics: the page opens at once,
  and the same graph always gives the same picture.
- :func:`bundle_edges` turns the events between the same two nodes into one drawn edge
  carrying the list of its items (the page shows their count and opens them in its panel).

>>> import networkx as nx
>>> from kg.time import TimeSpan
>>> import datetime as dt
>>> G = nx.MultiDiGraph()
>>> def add(u, v, key, day):
...     G.add_edge(u, v, key=key, kind="event", time=_Time(TimeSpan(day, day, day, day)), participants={})
>>> class _Time:
...     def __init__(self, span): self.span = span
>>> for i in range(3):
...     add("a", "b", f"e{i}", dt.date(2018, 3, 1 + i))
>>> add("b", "c", "e9", dt.date(2015, 6, 1))
>>> pos = time_lanes(G, {n: n for n in G})
>>> pos["c"][0] < pos["a"][0]   # c's event came first: c stands to the left
True
>>> [(b["from"], b["to"], b["items"]) for b in bundle_edges(G, {n: i for i, n in enumerate(G)},
...                                                        {f"e{i}": i for i in (0, 1, 2, 9)})]
[(0, 1, [0, 1, 2]), (1, 2, [9])]
"""

from __future__ import annotations

import math
from typing import Any

import networkx as nx

__all__ = ["time_lanes", "bundle_edges", "LANE_HEIGHT"]

LANE_HEIGHT = 95.0
"""Vertical distance between lanes, in the page's canvas units (a label is about 13 units high)."""
_CHAR = 7.2  # width of one character of a 13 px label, in canvas units at scale 1
_GAP = 46.0


def _mean_times(G: nx.MultiDiGraph) -> dict[Any, float]:
    """Each node's mean event time (midpoint of each event's outer bounds, in ordinal days),
    over the events it joins and the events it takes part in (participants)."""
    sums: dict[Any, list[float]] = {}
    mids: dict[int, float | None] = {}
    seen: set[tuple[Any, Any]] = set()
    for u, v, key, d in G.edges(keys=True, data=True):
        spec = d["time"]
        if id(spec) not in mids:
            days = [x.toordinal() for x in (spec.span.start_earliest, spec.span.end_latest) if x is not None]
            mids[id(spec)] = sum(days) / len(days) if days else None
        mid = mids[id(spec)]
        if mid is None:
            continue
        members = [u, v] + [m for ms in d.get("participants", {}).values() for m in ms]
        for node in members:
            if node not in G or (key, node) in seen:
                continue
            seen.add((key, node))
            acc = sums.setdefault(node, [0.0, 0])
            acc[0] += mid
            acc[1] += 1
    return {n: t / c for n, (t, c) in sums.items()}


ASPECT = 1.3
"""Width over height the lanes aim for (a laptop window less the side panel)."""


def time_lanes(G: nx.MultiDiGraph, labels: dict[Any, str], *, lanes: int | None = None) -> dict[Any, tuple[float, float]]:
    """Positions ``{node: (x, y)}``: x follows each node's mean event time, y is one of
    ``lanes`` lanes (by default as many as make the picture about :data:`ASPECT` wide for
    each unit of height).

    Nodes are placed earliest first; each goes into a lane that is free at its time (nearest
    the lanes of the neighbours already placed), or else into the lane that frees up first,
    a little to the right of its time. A lane is taken up to the end of the node's label, so
    labels in one lane never run into each other. Nodes with no dated event go last.
    """
    n = G.number_of_nodes()
    if n == 0:
        return {}
    if lanes:
        return _place(G, labels, lanes)
    total = sum(len(labels.get(node, "")) * _CHAR + _GAP for node in G)
    count = max(3, round(math.sqrt(total / (LANE_HEIGHT * ASPECT))))
    out = _place(G, labels, count)
    for _ in range(12 if n <= 1000 else 0):  # small graphs: add lanes while the picture is too wide
        xs = [x for x, _ in out.values()]
        if max(xs) - min(xs) <= ASPECT * count * LANE_HEIGHT:
            break
        count += 1
        out = _place(G, labels, count)
    return out


def _place(G: nx.MultiDiGraph, labels: dict[Any, str], count: int) -> dict[Any, tuple[float, float]]:
    n = G.number_of_nodes()
    means = _mean_times(G)
    dated = sorted(means, key=lambda node: (means[node], str(node)))
    undated = sorted((node for node in G if node not in means), key=str)
    order = dated + undated
    widths = {node: len(labels.get(node, "")) * _CHAR + _GAP for node in order}
    span = sum(widths.values()) / count  # the width the lanes need when packed
    lo, hi = (means[dated[0]], means[dated[-1]]) if dated else (0.0, 1.0)
    rank = {node: i for i, node in enumerate(order)}

    def wanted(node: Any) -> float:
        """Half linear time, half rank: time order kept, equal times spread apart."""
        linear = (means[node] - lo) / (hi - lo or 1) if node in means else 1.0
        return span * (0.5 * linear + 0.5 * rank[node] / max(n - 1, 1))

    free = [-math.inf] * count
    lane_of: dict[Any, int] = {}
    out: dict[Any, tuple[float, float]] = {}
    middle = (count - 1) / 2
    neighbours = G.to_undirected(as_view=True)
    for node in order:
        x = wanted(node)
        placed = [lane_of[m] for m in neighbours[node] if m in lane_of]
        prefer = sum(placed) / len(placed) if placed else middle
        open_lanes = [k for k in range(count) if free[k] <= x]
        if open_lanes:
            lane = min(open_lanes, key=lambda k: (abs(k - prefer), k))
        else:
            lane = min(range(count), key=lambda k: (free[k], abs(k - prefer)))
            x = free[lane]
        lane_of[node] = lane
        free[lane] = x + widths[node]
        out[node] = (round(x, 1), round((lane - middle) * LANE_HEIGHT, 1))
    return out


def bundle_edges(G: nx.MultiDiGraph, node_index: dict[Any, int], item_index: dict[str, int]) -> list[dict[str, Any]]:
    """One drawn edge per unordered pair of nodes joined by items: ``{"from", "to", "items"}``
    (item numbers in graph order). ``"both": 1`` marks a bundle whose items run both ways.

    Participants an item does not join (topics, documents, other roles) hang off its first
    node by a thin ``"secondary": 1`` edge, one per pair, unless the pair is already joined.
    """
    primary: dict[tuple[int, int], dict[str, Any]] = {}
    secondary: dict[tuple[int, int], dict[str, Any]] = {}
    for u, v, key, d in G.edges(keys=True, data=True):
        ui, vi, item = node_index[u], node_index[v], item_index[key]
        pair = (min(ui, vi), max(ui, vi))
        bundle = primary.get(pair)
        if bundle is None:
            bundle = primary[pair] = {"from": ui, "to": vi, "items": []}
        elif (bundle["from"], bundle["to"]) != (ui, vi):
            bundle["both"] = 1
        if not bundle["items"] or bundle["items"][-1] != item:
            bundle["items"].append(item)
        for members in d.get("participants", {}).values():
            for other in members:
                oi = node_index.get(other)
                if oi is None or other in (u, v):
                    continue
                link = secondary.setdefault((min(ui, oi), max(ui, oi)), {"from": ui, "to": oi, "items": [],
                                                                         "secondary": 1})
                if item not in link["items"]:
                    link["items"].append(item)
    return list(primary.values()) + [b for pair, b in secondary.items() if pair not in primary]
