"""A network of time constraints, solved to the tightest bounds on every point.

Each item of a timeline (an event, a position, a claim's date, a source's date) has two
*points*, the first and the last day it occupied, as integer day numbers. What the text
says about them becomes *difference constraints* ``x - y <= c`` (Dechter, Meiri and Pearl,
"Temporal constraint networks", Artificial Intelligence 49, 1991): a stated date bounds a
point against a fixed day zero, "a month after" bounds the difference of two points, a
start never comes after its end. The tightest bounds every point can have are shortest-path
distances: ``x <= d(zero -> x)`` and ``x >= -d(x -> zero)`` over edges ``y -> x`` of weight
``c``. A negative cycle is a contradiction: no assignment of days satisfies the network.

:meth:`TimeNetwork.solve` runs a queue-based Bellman-Ford (each edge relaxed only when its
tail improved, the smallest label first) from day zero, once forwards and once backwards,
in time close to linear on the networks timelines make, and never builds the dense
all-pairs matrix. It keeps, for
every point, the edge that set each bound, so :meth:`Solution.why` gives the chain of
constraints behind any bound, each constraint carrying the :class:`Origin` it came from.

>>> net = TimeNetwork()
>>> election = net.item("election"); warning = net.item("warning")
>>> net.at_most(election.end, date(2016, 11, 30).toordinal(), Origin("stated", "the election ended in November 2016"))
>>> net.at_least(election.end, date(2016, 11, 1).toordinal(), Origin("stated", "the election ended in November 2016"))
>>> net.difference(warning.start, election.end, 28, 31, Origin("relation", "a month after the election"))
>>> solution = net.solve()
>>> [date.fromordinal(d).isoformat() for d in solution.bounds(warning.start)]
['2016-11-29', '2016-12-31']
>>> [o.text for o in solution.why(warning.start, upper=True)]
['the election ended in November 2016', 'a month after the election']
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date  # noqa: F401  (the doctest above uses it)

from kg.time.days import NEG_INF, POS_INF
from kg.collector import collector_paused

__all__ = ["Contradiction", "Gap", "Item", "Origin", "Paths", "Solution", "TimeNetwork"]

_INF = POS_INF * 4  # "no path": beyond any bound a real chain can reach


@dataclass(frozen=True)
class Origin:
    """Where a constraint comes from: its kind, words for it, and the file line.

    ``kind`` is one of ``stated`` (a date the timeline gives), ``nominal`` (the date as
    written, for the *likely* reading), ``relation`` (a relation the timeline states),
    ``link`` (what a because-of / response-to / part-of link implies), ``claim`` (what a
    claim's date implies), ``span`` (a start is not after its end; a claim is made on one
    day). ``ref`` is the id of the statement (relation, link, item) it belongs to.
    """

    kind: str
    text: str
    line: int = 0
    ref: str = ""
    evidence: tuple[str, ...] = field(default=(), compare=False)

    def describe(self, file: str = "") -> str:
        """The origin in words, with its place: ``"stamos.yaml:12: ..."``."""
        where = f"{file}:{self.line}: " if file and self.line else (f"line {self.line}: " if self.line else "")
        return f"{where}{self.text}"


@dataclass(frozen=True)
class Item:
    """The two points of an item in a :class:`TimeNetwork`."""

    name: str
    start: int
    end: int


class Contradiction(ValueError):
    """The constraints admit no days at all; ``origins`` are those on a negative cycle."""

    def __init__(self, origins: list[Origin]):
        self.origins = origins
        super().__init__("the time constraints contradict each other: " + "; ".join(o.text for o in origins))


class TimeNetwork:
    """Points, and difference constraints between them, each with its :class:`Origin`.

    Point 0 is day zero (the day numbered 0); :meth:`item` adds the two points of an
    item (start and end, with ``start <= end``). Constraints are kept as edges
    ``y -> x`` of weight ``c`` for ``x - y <= c``.
    """

    ZERO = 0

    def __init__(self) -> None:
        self.names: list[str] = ["day zero"]
        self.tails: list[int] = []  # edge i: tails[i] -> heads[i], weight weights[i]
        self.heads: list[int] = []
        self.weights: list[int] = []
        self.origins: list[Origin] = []
        self.items: dict[str, Item] = {}
        self.aliases: dict[str, str] = {}  # names that stand for an item (a claim dated by its source)
        self._paths: dict[tuple[int, bool], Paths] = {}  # shortest paths from one point, once each

    def point(self, name: str) -> int:
        """A new point called *name*; returns its number."""
        self.names.append(name)
        self._paths.clear()
        return len(self.names) - 1

    def item(self, name: str, *, one_day: bool = False) -> Item:
        """The two points of the item *name* (created once), ``start <= end``.

        ``one_day=True`` makes start and end the same day (a claim is made on one day).
        """
        if name in self.items:
            return self.items[name]
        start, end = self.point(f"{name}.start"), self.point(f"{name}.end")
        item = self.items[name] = Item(name, start, end)
        self.constrain(start, end, 0, Origin("span", f"{name} starts no later than it ends", ref=name))
        if one_day:
            self.constrain(end, start, 0, Origin("span", f"{name} lies on a single day", ref=name))
        return item

    def constrain(self, x: int, y: int, c: int, origin: Origin) -> None:
        """Add ``x - y <= c``."""
        self.tails.append(y)
        self.heads.append(x)
        self.weights.append(c)
        self.origins.append(origin)
        self._paths.clear()

    def at_least(self, x: int, day: int, origin: Origin) -> None:
        """Point *x* is on or after day number *day*."""
        if day > NEG_INF:
            self.constrain(self.ZERO, x, -day, origin)

    def at_most(self, x: int, day: int, origin: Origin) -> None:
        """Point *x* is on or before day number *day*."""
        if day < POS_INF:
            self.constrain(x, self.ZERO, day, origin)

    def difference(self, x: int, y: int, low: int | None, high: int | None, origin: Origin) -> None:
        """``low <= x - y <= high`` (``None``: no limit that way)."""
        if high is not None:
            self.constrain(x, y, high, origin)
        if low is not None:
            self.constrain(y, x, -low, origin)

    def without(self, kind: str) -> TimeNetwork:
        """The same points and items with every constraint of origin ``kind`` left out.

        The nominal reading is the admissible network plus the dates as written, so one
        build serves both: ``net.without("nominal")`` is the admissible network.
        """
        other = TimeNetwork()
        other.names, other.items, other.aliases = self.names, self.items, self.aliases
        keep = [e for e, o in enumerate(self.origins) if o.kind != kind]
        other.tails = [self.tails[e] for e in keep]
        other.heads = [self.heads[e] for e in keep]
        other.weights = [self.weights[e] for e in keep]
        other.origins = [self.origins[e] for e in keep]
        return other

    def paths(self, source: int, *, backward: bool = False) -> Paths:
        """Shortest paths from *source* (over the reversed constraints for ``backward``).

        Forwards, ``dist[x]`` bounds ``x - source`` from above; backwards, it bounds
        ``source - x``. Raises :class:`Contradiction` on a negative cycle it reaches.
        Computed once per source and direction (until a constraint is added).
        """
        key = (source, backward)
        if key not in self._paths:
            n = len(self.names)
            if backward:
                adjacency, heads, tails = _adjacency(n, self.heads, self.tails, self.weights), self.tails, self.heads
            else:
                adjacency, heads, tails = _adjacency(n, self.tails, self.heads, self.weights), self.heads, self.tails
            dist, pred = self._shortest(adjacency, heads, tails, n, sources=(source,))
            self._paths[key] = Paths(self, source, backward, dist, pred)
        return self._paths[key]

    def gap(self, p: int, q: int) -> Gap:
        """The tightest bounds on ``q - p`` in days, each with the chain of constraints behind it.

        >>> net = TimeNetwork()
        >>> a, b = net.item("a"), net.item("b")
        >>> net.difference(b.start, a.end, 28, 31, Origin("relation", "b a month after a"))
        >>> g = net.gap(a.start, b.start)
        >>> g.low, g.high, [o.text for o in g.low_why]
        (28, None, ['a starts no later than it ends', 'b a month after a'])
        """
        up, down = self.paths(p), self.paths(p, backward=True)
        low = down.distance(q)
        return Gap(None if low is None else -low, up.distance(q), tuple(down.why(q)), tuple(up.why(q)))

    def solve(self) -> Solution:
        """The tightest bounds on every point; :class:`Contradiction` if there are none."""
        with collector_paused():  # the adjacency lists are many small objects and make no cycles
            return self._solve()

    def _solve(self) -> Solution:
        n = len(self.names)
        forward = _adjacency(n, self.tails, self.heads, self.weights)
        backward = _adjacency(n, self.heads, self.tails, self.weights)
        upper, up_edge = self._shortest(forward, self.heads, self.tails, n)
        lower, low_edge = self._shortest(backward, self.tails, self.heads, n)
        # A contradiction among points that no stated date reaches is invisible from day
        # zero: look for one with every such point as a source.
        loose = [p for p in range(1, n) if upper[p] >= _INF and lower[p] >= _INF]
        if loose:
            self._shortest(forward, self.heads, self.tails, n, sources=loose)
        return Solution(self, upper, lower, up_edge, low_edge)

    def _shortest(self, adjacency: list[list[int]], heads: list[int], tails: list[int], n: int,
                  sources: Iterable[int] = (0,)) -> tuple[list[int], list[int]]:
        dist = [_INF] * n
        pred = [-1] * n
        queue: deque[int] = deque()
        queued = bytearray(n)
        for s in sources:
            dist[s] = 0
            queue.append(s)
            queued[s] = 1
        weights = self.weights
        relaxed, check_every = 0, max(n, 64)
        while queue:
            u = queue.popleft()
            queued[u] = 0
            du = dist[u]
            for e in adjacency[u]:
                v = heads[e]
                dv = du + weights[e]
                if dv < dist[v]:
                    dist[v] = dv
                    pred[v] = e
                    if not queued[v]:
                        queued[v] = 1
                        if queue and dv < dist[queue[0]]:  # smallest label first (SLF)
                            queue.appendleft(v)
                        else:
                            queue.append(v)
                    relaxed += 1
                    if relaxed % check_every == 0:
                        self._no_cycle(pred, tails, n)
        self._no_cycle(pred, tails, n)
        return dist, pred

    def _no_cycle(self, pred: list[int], tails: list[int], n: int) -> None:
        """Raise :class:`Contradiction` if the predecessor edges form a cycle (a negative one)."""
        state = bytearray(n)  # 0 unseen, 1 on the current walk, 2 done
        for start in range(n):
            if state[start]:
                continue
            walk, p = [], start
            while p >= 0 and not state[p]:
                state[p] = 1
                walk.append(p)
                e = pred[p]
                p = tails[e] if e >= 0 else -1
            if p >= 0 and state[p] == 1:  # came back onto this walk: a cycle through p
                cycle, q = [], p
                while True:
                    e = pred[q]
                    cycle.append(self.origins[e])
                    q = tails[e]
                    if q == p:
                        break
                raise Contradiction(_unique(reversed(cycle)))
            for q in walk:
                state[q] = 2


def _adjacency(n: int, tails: list[int], heads: list[int], weights: list[int]) -> list[list[int]]:
    out: list[list[int]] = [[] for _ in range(n)]
    for e, t in enumerate(tails):
        out[t].append(e)
    return out


def _unique(origins: Iterable[Origin]) -> list[Origin]:
    seen, found = set(), []
    for o in origins:
        if o not in seen:
            seen.add(o)
            found.append(o)
    return found


class Solution:
    """The solved network: bounds of every point and why each is what it is."""

    def __init__(self, network: TimeNetwork, upper: list[int], lower: list[int],
                 up_edge: list[int], low_edge: list[int]):
        self.network = network
        self._upper, self._lower = upper, lower
        self._up_edge, self._low_edge = up_edge, low_edge

    def bounds(self, point: int) -> tuple[int, int]:
        """(earliest, latest) day number of *point*; ``NEG_INF`` / ``POS_INF`` if unbounded."""
        lo, hi = self._lower[point], self._upper[point]
        return (NEG_INF if lo >= _INF else -lo, POS_INF if hi >= _INF else hi)

    def why(self, point: int, *, upper: bool) -> list[Origin]:
        """The constraints that set *point*'s latest (``upper``) or earliest day, in order
        from a stated date to the point; empty when the bound is open."""
        net = self.network
        edges, dist = (self._up_edge, self._upper) if upper else (self._low_edge, self._lower)
        if dist[point] >= _INF:
            return []
        return _walk(net, edges, net.tails if upper else net.heads, point, net.ZERO)


def _walk(net: TimeNetwork, pred: list[int], back: list[int], point: int, source: int) -> list[Origin]:
    """The origins on the predecessor edges from *source* to *point*, in that order; ``back``
    gives each edge's end nearer the source."""
    chain, p, seen = [], point, set()
    while p != source and p not in seen:
        seen.add(p)
        e = pred[p]
        if e < 0:
            break
        chain.append(net.origins[e])
        p = back[e]
    return _unique(reversed(chain))


@dataclass(frozen=True, eq=False)
class Paths:
    """Shortest paths from one point: forwards ``x - source <= dist[x]``, backwards
    ``source - x <= dist[x]`` (see :meth:`TimeNetwork.paths`)."""

    network: TimeNetwork
    source: int
    backward: bool
    dist: list[int]
    pred: list[int]

    def distance(self, point: int) -> int | None:
        """The shortest path's length to *point*; None if no path reaches it (no bound)."""
        d = self.dist[point]
        return None if d >= _INF else d

    def why(self, point: int) -> list[Origin]:
        """The constraints on the shortest path, from the source to *point*; empty if none."""
        if self.dist[point] >= _INF:
            return []
        net = self.network
        return _walk(net, self.pred, net.heads if self.backward else net.tails, point, self.source)


@dataclass(frozen=True)
class Gap:
    """The tightest ``low <= Q - P <= high`` (days; None: open) and the constraints behind each."""

    low: int | None
    high: int | None
    low_why: tuple[Origin, ...] = ()
    high_why: tuple[Origin, ...] = ()

