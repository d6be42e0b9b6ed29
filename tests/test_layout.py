"""The explorer's layout: time-ordered lanes that keep same-month nodes apart, and bundles."""

from __future__ import annotations

import datetime as dt

from kg.views.layout import _CHAR, _GAP, LANE_HEIGHT, _mean_times, bundle_edges, time_lanes
from kg.labels import pick_label


def test_time_runs_left_to_right_and_same_month_nodes_stand_apart(stamos_graph):
    labels = {n: pick_label(d.get("labels", {}), "en", n) for n, d in stamos_graph.nodes(data=True)}
    pos = time_lanes(stamos_graph, labels)
    means = _mean_times(stamos_graph)
    month = {n: (dt.date.fromordinal(round(t)).year, dt.date.fromordinal(round(t)).month) for n, t in means.items()}
    busiest = max(set(month.values()), key=lambda m: sum(1 for n in means if month[n] == m))
    crowd = [n for n in means if month[n] == busiest]
    assert len(crowd) >= 4
    assert len({pos[n][1] for n in crowd}) >= 4  # spread over lanes, not stacked in one column
    # in each lane, no label runs into the next node's
    lanes: dict[float, list] = {}
    for n, (x, y) in pos.items():
        lanes.setdefault(y, []).append((x, n))
    for row in lanes.values():
        row.sort()
        for (x1, a), (x2, _) in zip(row, row[1:]):
            assert x1 + len(labels[a]) * _CHAR + _GAP <= x2 + 0.5
    assert all(abs(y / LANE_HEIGHT - round(y / LANE_HEIGHT * 2) / 2) < 1e-6 for _, y in pos.values())
    # earlier nodes stand to the left: order by time and order by x agree for most pairs
    dated = sorted(means, key=means.get)
    agree = sum(pos[a][0] <= pos[b][0] for i, a in enumerate(dated) for b in dated[i + 1:])
    pairs = len(dated) * (len(dated) - 1) / 2
    assert agree / pairs > 0.8


def test_the_same_graph_gives_the_same_layout(stamos_graph):
    labels = {n: n for n in stamos_graph}
    assert time_lanes(stamos_graph, labels) == time_lanes(stamos_graph, labels)


def test_every_event_in_one_bundle_per_pair(stamos_graph):
    index = {n: i for i, n in enumerate(stamos_graph)}
    items: dict[str, int] = {}
    for _, _, k in stamos_graph.edges(keys=True):
        items.setdefault(k, len(items))
    bundles = [b for b in bundle_edges(stamos_graph, index, items) if not b.get("secondary")]
    pairs = [frozenset((b["from"], b["to"])) for b in bundles]
    assert len(pairs) == len(set(pairs))
    carried = sorted((frozenset((b["from"], b["to"])), i) for b in bundles for i in b["items"])
    expected = sorted((frozenset((index[u], index[v])), items[k]) for u, v, k in stamos_graph.edges(keys=True))
    assert carried == expected
    assert max(len(b["items"]) for b in bundles) >= 5  # Stamos and Facebook
