"""Times of two items compared jointly: "did A happen before B", "how long from A to B".

Comparing two items by their separate bounds loses what the text says about them
together. The elections ended in November 2016 and the warning came "a month after";
separately the elections may end on 30 November and the warning start on 22 November, so
"the elections ended before the warning" is only *possibly* true. In the network of
constraints the relation itself bounds the difference (``warning.start - elections.end``
is 21 to 38 days), so it is *certainly* true.

:func:`pair_network` builds that network from the networkx view ``G`` alone (so it works
for graphs read from RDF too): each item's admissible bounds (its derived time, each
derived bound carrying the chain that derived it), the relations between times
(``G.graph["time_relations"]``) and what links imply
(:data:`~kg.time.relations.LINK_TIMES`); with the items' nominal bounds and the
relations' offsets as written for the *likely* reading. It is built once per graph.

:func:`compare` grades "A before / strictly before / after / during / since B" (the
rows of :data:`kg.time.phrases.TABLE`, each comparison ``A.p OP B.q`` read as a bound on
``A.p - B.q``); :func:`duration` gives the shortest, longest and nominal time from A to B.

>>> import kg
>>> G = kg.load().networkx
>>> ev = "https://w3id.org/kg-timeline/stamos/event/"
>>> v = compare(G, ev + "us-election-2016", ev + "stamos-warning", "strictly-before")
>>> v.describe()
'certainly yes (end < start: end - start is -38 to -21 days)'
>>> [o.text for o in v.why]
['relation warning-a-month-after-the-elections: stamos-warning after P1M~ us-election-2016 «بعد شهر من انتهائها»']
>>> compare(G, ev + "stamos-warning", ev + "facebook-discloses-russian-activity", "before").answer
'certainly yes'
>>> compare(G, ev + "facebook-discloses-russian-activity", ev + "stamos-warning", "before").answer
'no'
>>> compare(G, ev + "security-team-reorganised", ev + "departure-reports", "before").answer
'likely yes'

:func:`duration` measures from the elections' end, since only their end is dated:

>>> d = duration(G, ev + "us-election-2016", ev + "stamos-warning")
>>> d.point, d.low, d.high, d.describe()
('end', 21, 38, '21 to 38 days, about 30')
>>> d = duration(G, ev + "stamos-warning", ev + "facebook-discloses-russian-activity")
>>> d.low, d.high, d.describe()
(237, 312, '8 to 10 months, about 9')
>>> pair_network(G) is pair_network(G)  # built once per graph
True
"""

from __future__ import annotations

import re
import weakref
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import networkx as nx

from kg.timeline.derivation import add_constraints, add_relation, bound_item, time_origin
from kg.errors import KgError
from kg.timeline.model import TimeSpec
from kg.time import NEG_INF, Certainty, from_ordinal
from kg.time.network import Contradiction, Gap, Origin, TimeNetwork
from kg.time.phrases import KINDS, TABLE, grade
from kg.time.relations import LINK_TIMES, Offset, parse_offset
from kg.vocabulary import LINK_RELATIONS

__all__ = ["Bound", "Duration", "PairNetwork", "Verdict", "compare", "duration", "pair_network"]

_LINKS = {str(iri).rsplit("#", 1)[-1].rsplit("/", 1)[-1]: name for name, iri in LINK_RELATIONS.items()}
_DERIVED = {"se": ("start", "at_least", "starts on or after"), "sl": ("start", "at_most", "starts on or before"),
            "ee": ("end", "at_least", "ends on or after"), "el": ("end", "at_most", "ends on or before")}
_ANSWERS = {Certainty.CERTAINLY: "certainly yes", Certainty.LIKELY: "likely yes", Certainty.POSSIBLY: "possibly",
            Certainty.NOT: "no"}
_LIMITS = {"<": -1, "<=": 0, ">": 1, ">=": 0}  # A.p - B.q OP 0 as a bound on whole days
_CACHE_KEY = "kg.ask.pairs"
_CACHE: weakref.WeakKeyDictionary[nx.Graph, PairNetwork] = weakref.WeakKeyDictionary()  # networkx < 3.3


@dataclass(frozen=True, eq=False)
class PairNetwork:
    """The joint network of a graph: ``admissible`` and ``nominal`` (None if the dates as
    written contradict each other), the item name of each IRI, and what each item is."""

    admissible: TimeNetwork
    nominal: TimeNetwork | None
    names: dict[str, str]  # IRI -> item name in the networks
    times: dict[str, TimeSpec]  # IRI -> its time
    capped: frozenset[str]  # IRIs of events only planned or only reported
    states: frozenset[str]  # IRIs of positions
    chains: dict[Origin, tuple[Origin, ...]] = field(default_factory=dict)  # derived bound -> its chain

    def point(self, iri: str, which: str) -> int:
        """The network point of *iri*'s ``start`` or ``end``."""
        if iri not in self.names:
            raise KgError(f"no event, position, claim or dated document {iri!r} in the graph")
        return getattr(self.admissible.items[self.names[iri]], which)

    def gap(self, p: int, q: int, *, nominal: bool = False) -> Gap:
        """The bounds on ``q - p`` (on the nominal network, or the admissible one if it contradicts)."""
        if nominal and self.nominal is not None:
            try:
                return self.nominal.gap(p, q)
            except Contradiction:
                pass
        return self.admissible.gap(p, q)

    def explain(self, origins: Iterable[Origin]) -> tuple[Origin, ...]:
        """The origins with each derived bound preceded by the chain that derived it."""
        out: dict[Origin, None] = {}
        for o in origins:
            out.update(dict.fromkeys((*self.chains.get(o, ()), o)))
        return tuple(out)


def _tail(iri: str) -> str:
    return iri.rstrip("/").rsplit("/", 1)[-1].rsplit("#", 1)[-1]


def _offset(text: str | None, where: str) -> Offset | None:
    if text is None:
        return None
    ranged = re.fullmatch(r"(\S+)\.\.(\S+?)(?: \(nominal (\S+)\))?", text)
    try:
        if ranged:
            return parse_offset({"min": ranged[1], "max": ranged[2], "nominal": ranged[3]})
        return parse_offset(text)
    except ValueError as exc:
        raise KgError(f"{where}: {exc}") from None


def _items(G: nx.MultiDiGraph) -> Iterable[tuple[str, TimeSpec, str, bool]]:
    """(IRI, time, status, is one day) of every timed item the graph holds."""
    for _, _, key, d in G.edges(keys=True, data=True):
        yield key, d["time"], d.get("status", "happened"), False
        for claim in d.get("claims", ()):
            if claim.get("date") is not None:
                yield claim["iri"], claim["date"], "happened", True
    for rel in G.graph.get("time_relations", ()):
        for side in ("from", "to"):
            yield rel[side], rel[f"{side}_time"], "happened", True


def _build(G: nx.MultiDiGraph) -> PairNetwork:
    net, names, times, capped, states = TimeNetwork(), {}, {}, set(), set()
    chains: dict[Origin, tuple[Origin, ...]] = {}
    positions = {key for _, _, key, d in G.edges(keys=True, data=True) if d.get("kind") == "position"}
    for iri, spec, status, one_day in _items(G):
        if iri in names:
            continue
        name = _tail(iri) if _tail(iri) not in net.items else iri
        names[iri], times[iri] = name, spec
        item = net.item(name, one_day=one_day and iri not in positions)
        if status != "happened":
            capped.add(iri)
        bound_item(net, item, spec.stated, time_origin(name, spec, "stated"))
        for bound, day in zip(_DERIVED, spec.span.ordinals):
            if spec.why.get(bound):  # a bound the rest of the timeline narrowed: keep its chain
                which, method, words = _DERIVED[bound]
                origin = Origin("stated", f"{name}: {words} {_day(day)} (derived)", spec.line, name)
                getattr(net, method)(getattr(item, which), day, origin)
                chains[origin] = tuple(spec.why[bound])
        if spec.nominal_span is not None:
            bound_item(net, item, spec.nominal, time_origin(name, spec, "nominal"))
    states.update(positions)
    for rel in G.graph.get("time_relations", ()):
        where = rel["iri"]
        try:
            add_relation(net, _tail(where), names[rel["from"]], rel["relation"], names[rel["to"]],
                         from_point=rel.get("from_point"), to_point=rel.get("to_point"),
                         offset=_offset(rel.get("offset"), where),
                         quotes=tuple(e.get("exact", "") for e in rel.get("evidence", ())), nominal=True)
        except ValueError as exc:
            raise KgError(f"{where}: {exc}") from None
    for link in G.graph.get("links", ()):
        relation = _LINKS.get(link["relation"], link["relation"])
        if relation in LINK_TIMES and link["from"] in names and link["to"] in names:
            a, b = names[link["from"]], names[link["to"]]
            origin = Origin("link", f"link {_tail(link['iri'])}: {a} {relation} {b}", ref=_tail(link["iri"]))
            add_constraints(net, LINK_TIMES[relation], a, b, origin)
    admissible = net.without("nominal")
    return PairNetwork(admissible, net, names, times, frozenset(capped), frozenset(states), chains)


def _day(n: int) -> str:
    day = from_ordinal(n)
    return day.isoformat() if day else "open"


def pair_network(G: nx.MultiDiGraph) -> PairNetwork:
    """The joint network of *G*, built on first use and kept with the graph.

    It lives in ``G.__networkx_cache__`` (which networkx clears when the graph changes), or
    beside the graph on networkx releases without one.
    """
    cache = getattr(G, "__networkx_cache__", None)
    store: Any = cache if isinstance(cache, dict) else _CACHE
    key = _CACHE_KEY if store is cache else G
    if key not in store:
        store[key] = _build(G)
    network: PairNetwork = store[key]
    return network


@dataclass(frozen=True)
class Bound:
    """One comparison ``A.point OP B.t_point`` and the joint bounds on ``A.point - B.t_point``
    in days (None: open), admissible and nominal."""

    point: str
    op: str
    t_point: str
    low: int | None
    high: int | None
    nominal_low: int | None
    nominal_high: int | None

    def holds(self, *, certain: bool, nominal: bool = False) -> bool:
        """Whether the comparison holds in every (``certain``) or in some joint reading."""
        low, high = (self.nominal_low, self.nominal_high) if nominal else (self.low, self.high)
        limit = _LIMITS[self.op]
        if self.op in ("<", "<="):  # A.p - B.q <= limit
            return high is not None and high <= limit if certain else low is None or low <= limit
        return low is not None and low >= limit if certain else high is None or high >= limit

    def describe(self) -> str:
        """``"end < start: end - start is -38 to -21 days"`` (A's end, B's start)."""
        return f"{self.point} {self.op} {self.t_point}: {self.point} - {self.t_point} is {_range(self.low, self.high)}"


def _range(low: int | None, high: int | None) -> str:
    if low is None and high is None:
        return "unbounded"
    if low is None:
        return f"at most {high} days"
    if high is None:
        return f"at least {low} days"
    return f"{low} days" if low == high else f"{low} to {high} days"


@dataclass(frozen=True)
class Verdict:
    """A graded answer to "is A <kind> B" on the joint network (see :func:`compare`)."""

    a: str
    b: str
    kind: str
    grade: Certainty
    bounds: tuple[Bound, ...]
    why: tuple[Origin, ...]
    capped: bool = False

    @property
    def answer(self) -> str:
        """``"certainly yes"``, ``"likely yes"``, ``"possibly"`` or ``"no"``."""
        return _ANSWERS[self.grade]

    def describe(self) -> str:
        """The answer and the bounds it rests on: ``"certainly yes (end < start: ...)"``."""
        return f"{self.answer} ({'; '.join(b.describe() for b in self.bounds)})"

    def to_dict(self) -> dict[str, Any]:
        """The verdict for JSON: the answer, the grade, the bounds in days and the chain."""
        return {"a": self.a, "b": self.b, "kind": self.kind, "answer": self.answer, "grade": self.grade.word,
                "capped": self.capped,
                "bounds": [{"comparison": f"A.{b.point} {b.op} B.{b.t_point}", "low": b.low, "high": b.high,
                            "nominal_low": b.nominal_low, "nominal_high": b.nominal_high} for b in self.bounds],
                "why": [_origin_dict(o) for o in self.why]}


def _origin_dict(o: Origin) -> dict[str, Any]:
    return {"kind": o.kind, "text": o.text, "ref": o.ref, "line": o.line, "evidence": list(o.evidence)}


def _deciding(b: Bound, *, certain: bool) -> str:
    """Which end of the bounds decides a comparison: the certain test of ``<`` reads ``high``."""
    return "high" if (b.op in ("<", "<=")) == certain else "low"


def compare(G: nx.MultiDiGraph, a: str, b: str, kind: str, *, b_point: str | None = None) -> Verdict:
    """Is item *a* ``kind`` item *b* (before, strictly-before, after, during, since, ...)?

    Each comparison of the row ``TABLE[(kind, a is a position)]`` becomes bounds on
    ``a.p - b.q`` in the joint network. The grade is ``CERTAINLY`` if every comparison
    holds in every admissible joint reading and neither item is only planned or reported,
    ``LIKELY`` if they hold on the nominal joint network, ``POSSIBLY`` if each holds in
    some admissible reading, ``NOT`` otherwise. ``why`` is the chain of constraints behind
    the deciding bounds. ``b_point`` ("start" or "end") compares every row with that end
    of *b* ("did Stamos take office before the elections ended").
    (Examples in the module docs.)
    """
    if kind not in KINDS or kind == "between":
        raise KgError(f"cannot compare two items by {kind!r}; use one of "
                      f"{', '.join(k for k in KINDS if k != 'between')}")
    pn = pair_network(G)
    bounds, gaps = [], []
    for c in TABLE[(kind, a in pn.states)]:
        t_point = b_point or c.t_point  # "before the elections ended": B's end stands for B
        p, q = pn.point(b, t_point), pn.point(a, c.point)
        adm, nom = pn.gap(p, q), pn.gap(p, q, nominal=True)
        bounds.append(Bound(c.point, c.op, t_point, adm.low, adm.high, nom.low, nom.high))
        gaps.append((adm, nom))
    capped = a in pn.capped or b in pn.capped
    possible = all(x.holds(certain=False) for x in bounds)
    sure = all(x.holds(certain=True) for x in bounds)
    likely = all(x.holds(certain=True, nominal=True) for x in bounds)
    verdict = grade(possible, sure, likely, capped=capped)
    chain: list[Origin] = []
    ends: tuple[str, ...]
    for x, (adm, nom) in zip(bounds, gaps):
        if verdict is Certainty.NOT:
            if x.holds(certain=False):
                continue
            gap, ends = adm, (_deciding(x, certain=False),)
        elif verdict is Certainty.POSSIBLY:
            gap, ends = adm, ("low", "high")
        else:
            gap, ends = (adm if sure else nom), (_deciding(x, certain=True),)
        for end in ends:
            chain.extend(getattr(gap, f"{end}_why"))
    return Verdict(a, b, kind, verdict, tuple(bounds), pn.explain(chain), capped)


@dataclass(frozen=True)
class Duration:
    """How long from A to B: ``low`` / ``high`` the shortest and longest admissible days
    (None: open), ``nominal_low`` / ``nominal_high`` on the dates as written, measured from
    A's ``point`` (``start``, or ``end`` when only A's end is bounded) to B's start."""

    a: str
    b: str
    point: str
    low: int | None
    high: int | None
    nominal_low: int | None
    nominal_high: int | None
    low_why: tuple[Origin, ...] = ()
    high_why: tuple[Origin, ...] = ()

    def describe(self) -> str:
        """In words: ``"7 to 10 months, about 9"``; days under about two months.

        >>> Duration("a", "b", "start", 21, 38, 28, 31).describe()
        '21 to 38 days, about 30'
        >>> Duration("a", "b", "start", 3, None, 5, None).describe()
        'at least 3 days; the text does not bound it further'
        """
        return _words(self.low, self.high, self.nominal_low, self.nominal_high)

    def to_dict(self) -> dict[str, Any]:
        """For JSON: the days, the words, the point of A used and the chains of each end."""
        return {"a": self.a, "b": self.b, "from": self.point, "low": self.low, "high": self.high,
                "nominal_low": self.nominal_low, "nominal_high": self.nominal_high, "words": self.describe(),
                "low_why": [_origin_dict(o) for o in self.low_why],
                "high_why": [_origin_dict(o) for o in self.high_why]}


_MONTH = 30.4375  # days in an average month
_DAYS_MAX = 60  # spans under about two months are told in days, longer ones in months
_OPEN = "; the text does not bound it further"


def _words(low: int | None, high: int | None, nominal_low: int | None, nominal_high: int | None) -> str:
    if low is None and high is None:
        return "the text does not bound it"
    if high is not None and high <= 0 and (low is None or low < 0):  # B comes first: how long before
        if low is None:
            return f"at least {_amount(-high, -high >= _DAYS_MAX)} earlier{_OPEN}"
        flipped = (None if n is None else -n for n in (nominal_high, nominal_low))
        text, about = _forward(-high, -low, *flipped)
        return f"{text} earlier{about}"
    if low is None or low < 0:  # B may come first or after
        months = max(abs(n) for n in (low, high) if n is not None) >= _DAYS_MAX
        before = _amount(-low, months) if low is not None else "any time"
        after = _amount(high, months) if high is not None else "any time"
        return f"either way: from {before} earlier to {after} later"
    if high is None:
        return f"at least {_amount(low, low >= _DAYS_MAX)}{_OPEN}"
    text, about = _forward(low, high, nominal_low, nominal_high)
    return text + about


def _amount(n: int, months: bool) -> str:
    size = round(n / _MONTH) if months else n
    unit = "month" if months else "day"
    return f"{size} {unit}{'' if size == 1 else 's'}"


def _forward(low: int, high: int, nominal_low: int | None, nominal_high: int | None) -> tuple[str, str]:
    """(the range in words, ", about N") for ``0 <= low <= high``."""
    months = high >= _DAYS_MAX
    lo, hi = (round(n / _MONTH) if months else n for n in (low, high))
    unit = "months" if months else "days"
    if lo == hi:
        text = "the same day" if hi == 0 else _amount(low, months)
    else:
        text = f"up to {hi} {unit}" if lo == 0 else f"{lo} to {hi} {unit}"
    about = ""
    if nominal_low is not None and nominal_high is not None:
        middle = (nominal_low + nominal_high) / 2
        n = round(middle / _MONTH) if months else round(middle)
        about = "" if lo == hi == n else f", about {n}"
    return text, about


def duration(G: nx.MultiDiGraph, a: str, b: str, *, a_point: str | None = None,
             b_point: str = "start") -> Duration:
    """How long from item *a* to item *b*, jointly: from a's start (or, when a's start is
    open and its end bounded, as with "until November 2016", from a's end) to b's start;
    ``a_point`` / ``b_point`` name the ends to measure between ("to the end of the elections").
    (Examples in the module docs.)
    """
    pn = pair_network(G)
    q = pn.point(b, b_point)
    se, _, ee, _ = pn.times[a].span.ordinals if a in pn.times else (0, 0, 0, 0)
    point = a_point or ("end" if se <= NEG_INF < ee else "start")  # "/2016-11": only the end is dated
    p = pn.point(a, point)
    adm, nom = pn.gap(p, q), pn.gap(p, q, nominal=True)
    return Duration(a, b, point, adm.low, adm.high, nom.low, nom.high, pn.explain(adm.low_why),
                    pn.explain(adm.high_why))
