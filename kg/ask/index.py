"""The query index: a graph's events, positions, links and claims, indexed for questions.

Built once per graph (:func:`index_of`, kept in networkx's own cache): items by relation,
agent, target, (relation, target) pair and office, each list in order of earliest start, so
a time condition that bounds the start from above is a bisection; and the names of actors,
relations, offices and events (:mod:`kg.ask.names`) that questions are read against.

>>> from kg import load
>>> index = index_of(load().networkx)
>>> index.label(index.relation("opposed"))
'opposed'
>>> [i.key.rsplit("/", 1)[-1] for i in index.by_relation[index.relation("opposed")]]
['policy-team-opposes-disclosure']
"""

from __future__ import annotations

import bisect
from array import array
from collections import defaultdict
from collections.abc import Callable, Mapping, Sequence
from itertools import chain
from operator import attrgetter
from typing import Any
from urllib.parse import unquote

import networkx as nx

from kg.errors import QueryError
from kg.graph.records import TARGET_ROLES
from kg.timeline.model import TimeSpec
from kg.ask.names import Lexicon
from kg.labels import label_order, pick_label
from kg.time import TimeSpan
from kg.time.phrases import TimeFilter
from kg.vocabulary import LINK_RELATIONS
from kg.collector import collector_paused

__all__ = ["Item", "PairColumns", "QueryIndex", "index_of", "NO_AGENT", "NO_AGENT_LABELS"]


class Item:
    """An event, position, link or claim as the index holds it (``start``: its earliest start, a day number)."""

    __slots__ = ("key", "kind", "data", "agents", "others", "ordinals", "start", "happened", "relation")

    def __init__(self, key: str, kind: str, data: dict[str, Any], agents: tuple[str, ...],
                 others: tuple[str, ...]):
        self.key, self.kind, self.data, self.agents, self.others = key, kind, data, agents, others
        self.ordinals: tuple[int, int, int, int] = data["time"].span.ordinals
        self.start: int = self.ordinals[0]
        self.relation: str | None = data.get("relation")
        # its time when it is an event that happened (graded by its time alone), else None
        self.happened: Any = data["time"] if kind == "event" and data.get("status") == "happened" else None

    def __repr__(self) -> str:
        return f"Item({self.key!r}, {self.kind!r})"


class PairColumns:
    r"""The events of one (relation, target) pair, each one day with one agent, as columns: in
    order of day, then of their agent's label and IRI (the order answers tied on their day take).

    ``items``, ``days`` (a machine-integer array) and ``agents`` run in that order; ``labels``
    holds each agent's labels, read when the columns are made (as the index's other tables,
    they are made again only when the graph changes through networkx, or on
    ``index_of(G, rebuild=True)``).

    >>> import datetime as dt, pathlib, tempfile
    >>> from kg.tables import load_table
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "t.tsv"
    >>> _ = path.write_text("Zed\taccuse\tT\t2010-01-05\nAbe\taccuse\tT\t2010-01-05\nZed\taccuse\tT\t2009-12-30\n")
    >>> index = index_of(load_table(path).networkx)
    >>> columns = index.pair_columns((index.relation("accuse"), index.entity("T")))
    >>> [index.label(a) for a in columns.agents], [dt.date.fromordinal(d).isoformat() for d in columns.days]
    (['Zed', 'Abe', 'Zed'], ['2009-12-30', '2010-01-05', '2010-01-05'])
    """

    __slots__ = ("items", "days", "agents", "labels")

    def __init__(self, items: list[Item], labels_of: Callable[[str], Mapping[str, str]]):
        labels: dict[str, Mapping[str, str]] = {}
        for item in items:
            agent = item.agents[0]
            if agent not in labels:
                labels[agent] = labels_of(agent)
        self.items = sorted(items, key=lambda i: (i.start, *label_order(labels[i.agents[0]], i.agents[0])))
        self.days = array("q", map(_START, self.items))
        self.agents = [i.agents[0] for i in self.items]
        self.labels = labels

    def __len__(self) -> int:
        return len(self.items)


class QueryIndex:
    """Items of a graph indexed by relation, agent, participant and office."""

    def __init__(self, G: nx.MultiDiGraph):
        self.G = G
        self.items: dict[str, Item] = {}
        items = self.items
        # the edges, straight from networkx's adjacency (a million, once)
        for nbrs in G._adj.values():  # type: ignore[attr-defined]  # networkx's adjacency dict, not in its stubs
            for keydict in nbrs.values():
                for key, d in keydict.items():
                    if key in items:
                        continue
                    roles = d.get("participants", {})
                    if len(roles) == 2 and "target" in roles and "agent" in roles:  # the common case, quickly
                        others = tuple(roles["target"])
                    else:
                        others = tuple(dict.fromkeys(iri for role in TARGET_ROLES for iri in roles.get(role, ())))
                    items[key] = Item(key, d["kind"], d, tuple(roles.get("agent", ())), others)
        # in order of earliest start; ties keep the graph's edge order (a stable sort on one integer:
        # comparing the keys of a million items, scattered in memory, took most of the build)
        ordered = sorted(items.values(), key=_START)
        by_relation: defaultdict[str | None, list[Item]] = defaultdict(list)  # None: an event without one
        by_agent: defaultdict[str, list[Item]] = defaultdict(list)
        by_target: defaultdict[str, list[Item]] = defaultdict(list)
        by_office: defaultdict[str, list[Item]] = defaultdict(list)
        # "who did R to T before D": per (relation, target), the events in order of earliest start,
        # so a time condition that bounds the start from above is a bisect (O(log n + answers))
        by_pair: defaultdict[tuple[str | None, str], list[Item]] = defaultdict(list)
        self.events = [i for i in ordered if i.kind == "event"]
        for item in self.events:
            relation = item.relation
            by_relation[relation].append(item)
            for agent in item.agents:
                by_agent[agent].append(item)
            for other in item.others:
                by_target[other].append(item)
                by_pair[relation, other].append(item)
        for item in ordered:
            if item.kind != "event":
                by_office[item.data["office"]].append(item)
        self.by_relation, self.by_agent, self.by_target = dict(by_relation), dict(by_agent), dict(by_target)
        self.by_office, self.by_pair = dict(by_office), dict(by_pair)
        # each list's earliest starts, to bisect, made when the list is first asked about (most
        # (relation, target) pairs never are; making them all was a sixth of the build)
        self._starts: dict[Any, array[int]] = {}
        self.links: dict[str, Item] = {}  # because-of, response-to and part-of links, as items (for "why")
        notations = {str(iri).rsplit("#", 1)[-1].rsplit("/", 1)[-1]: notation for notation, iri in LINK_RELATIONS.items()}
        for link in G.graph.get("links", []):
            if link["from"] in self.items and link["to"] in self.items:
                link = {**link, "relation": notations.get(link["relation"], link["relation"])}
                self.links[link["iri"]] = Item(link["iri"], "link", self._link_data(link), (), ())
        self._ordered = ordered
        self._claims: dict[str, Item] | None = None
        self._entities: Lexicon | None = None
        self._pair_columns: dict[tuple[str, str], PairColumns | None] = {}
        self.relations = Lexicon()
        for notation, c in G.graph.get("relations", {}).items():
            self.relations.add(notation, notation.replace("-", " "))
            self._names(self.relations, notation, c["labels"], c["alt_labels"], iri=c["iri"])
        self.offices = Lexicon()
        for iri, c in G.graph.get("offices", {}).items():
            self._names(self.offices, iri, c["labels"], c["alt_labels"])
        self._event_names: Lexicon | None = None

    @property
    def claims(self) -> dict[str, Item]:
        """Every claim, as an item of its own (for claims questions), by IRI; built on first use."""
        if self._claims is None:
            claims: dict[str, Item] = {}
            with collector_paused():
                for owner in chain(self._ordered, self.links.values()):
                    for claim in owner.data["claims"] or ():
                        claims[claim["iri"]] = Item(claim["iri"], "claim",
                                                    {**self._claim_data(claim), "about": owner.key}, (), ())
            self._claims = claims
        return self._claims

    @property
    def entities(self) -> Lexicon:
        """Actors, topics and documents by their names, built on first use."""
        if self._entities is None:
            self._entities = Lexicon()
            for node, d in self.G.nodes(data=True):  # IRIs are found by entity() itself, not stemmed here
                if d.get("kind") == "event":
                    continue
                labels, alt = d.get("labels", {}), d.get("alt_labels", {})
                for text in (*labels.values(), *(t for texts in alt.values() for t in texts)):
                    self._entities.add(node, text)
                local = unquote(node.rstrip("/").rsplit("/", 1)[-1].rsplit("#", 1)[-1]).replace("-", " ")
                if local not in labels.values():
                    self._entities.add(node, local)
        return self._entities

    @property
    def event_names(self) -> Lexicon:
        """Events by their labels (for questions that name an event as a time), built on first use."""
        if self._event_names is None:
            self._event_names = Lexicon()
            for item in self.events:
                self._names(self._event_names, item.key, item.data.get("labels", {}), {})
        return self._event_names

    def _claim_data(self, claim: dict[str, Any]) -> dict[str, Any]:
        def names(lang: str) -> str:
            return ", ".join(self._display(c, lang) for c in claim["claimants"])

        visibility = "public" if claim["public"] else "internal"
        return {"labels": {"en": f"{names('en')}: {claim['stance']}", "ar": names("ar")},
                "relation": claim["stance"], "status": visibility,
                "time": claim["date"] or TimeSpec(TimeSpan.unbounded()), "claim": claim}

    def _link_data(self, link: dict[str, Any]) -> dict[str, Any]:
        words = {"because-of": ("because of", "بسبب"), "response-to": ("in response to", "ردًا على"),
                 "part-of": ("part of", "جزء من")}.get(link["relation"], (link["relation"], link["relation"]))
        effect, cause = self.items[link["from"]].data, self.items[link["to"]].data
        labels = {lang: f"{pick_label(effect.get('labels', {}), lang, link['from'])} {word} "
                        f"{pick_label(cause.get('labels', {}), lang, link['to'])}"
                  for lang, word in zip(("en", "ar"), words)}
        return {"labels": labels, "relation": link["relation"], "status": cause["status"], "time": cause["time"],
                "claims": link["claims"], "link": link}

    def _display(self, iri: str, lang: str) -> str:
        if iri in self.G:
            labels = self.G.nodes[iri].get("labels", {})
        else:
            labels = self.G.graph.get("sources", {}).get(iri, {}).get("labels", {})
        return pick_label(labels, lang, iri)

    def item(self, key: str) -> Item | None:
        """An event, position, link or claim by IRI (the claims' items are built only when the key is none of the others)."""
        return self.items.get(key) or self.links.get(key) or self.claims.get(key)

    def labels_of(self, key: str) -> Mapping[str, str]:
        """The labels of anything an answer can be: a node, an item, a source, an office."""
        node = self.G._node.get(key)  # type: ignore[attr-defined]  # networkx's node dict (what G.nodes[key] gives), not in its stubs
        if node is not None:
            return node.get("labels", {})
        if key == NO_AGENT:
            return NO_AGENT_LABELS
        item = self.items.get(key) or self.links.get(key)
        if item is not None:
            return item.data.get("labels", {})
        graph = self.G.graph
        for table in ("sources", "offices", "relations"):
            found = graph.get(table, {}).get(key)
            if found:
                return found.get("labels", {})
        claim = self.claims.get(key)  # last: looking here builds every claim's item
        return claim.data.get("labels", {}) if claim is not None else {}

    @staticmethod
    def _names(lex: Lexicon, key: str, labels: Mapping[str, str], alt: Mapping[str, Sequence[str]],
               iri: str | None = None) -> None:
        for text in labels.values():  # labels first: suggestions show the first name of a kind
            lex.add(key, text)
        for texts in alt.values():
            for text in texts:
                lex.add(key, text)
        lex.add(key, key)
        if iri and iri != key:
            lex.add(key, iri)
        local = (iri or key).rstrip("/").rsplit("/", 1)[-1].rsplit("#", 1)[-1]
        lex.add(key, local.replace("-", " "))

    # -- resolving names -------------------------------------------------------------

    def _one(self, lex: Lexicon, text: str, what: str) -> str:
        found = lex.find(text)
        if len(found) == 1:
            return found[0]
        if not found:
            close = lex.suggest(text)
            hint = f"; did you mean {' or '.join(repr(c) for c in close)}?" if close else ""
            raise QueryError(f"unknown {what} {text!r}{hint}")
        names = ", ".join(repr(self.label(f)) for f in found[:5])
        raise QueryError(f"{text!r} names several {what}s: {names}; say which")

    def entity(self, text: str) -> str:
        node = self.G._node.get(text)  # type: ignore[attr-defined]  # networkx's node dict (G.nodes raises and catches a KeyError for a name)
        if node is not None and node.get("kind", "event") != "event":  # an IRI, as it is
            return text
        return self._one(self.entities, text, "actor or topic")

    def relation(self, text: str) -> str:
        return self._one(self.relations, text, "relation")

    def office(self, text: str) -> str:
        return self._one(self.offices, text, "office")

    def label(self, key: str, lang: str = "en") -> str:
        return pick_label(self.labels_of(key), lang, key)

    # -- candidates -------------------------------------------------------------------

    def pair_columns(self, pair: tuple[str, str]) -> PairColumns | None:
        """The events of a (relation, target) pair as columns, when each of them is one day as
        written, happened and has one agent (so its day alone grades it, as in event tables);
        else None. Worked out on first use."""
        found = self._pair_columns.get(pair, _UNSEEN)
        if found is _UNSEEN:
            items = self.by_pair.get(pair, [])
            one_day = all(i.happened is not None and i.ordinals[0] == i.ordinals[3] and len(i.agents) == 1
                          and i.happened.nominal_span in (None, i.happened.span) for i in items)
            found = self._pair_columns[pair] = PairColumns(items, self.labels_of) if one_day else None
        return found

    def _starts_of(self, table: str, key: Any, items: list[Item]) -> array[int]:
        """The earliest starts of ``items`` (the list ``key`` of ``table``), in order: a machine-integer
        array (not objects the collector scans), made on first use."""
        found = self._starts.get((table, key))
        if found is None:
            found = self._starts[table, key] = array("q", map(_START, items))
        return found

    def candidates(self, relation: str | None, when: TimeFilter | None, target: str | None = None) -> list[Item]:
        """Events of ``relation`` (all events when None), acting on ``target``, that might pass ``when``.

        With both a relation and a target, the events of that pair; with one of them, its list;
        with neither, every event. When ``when`` can only hold for events that start
        before some day ("before", "as of", "during", ...), only a prefix of the list (in order
        of earliest start) is returned, found by bisection.
        """
        if target is not None and relation:
            key = (relation, target)
            items = self.by_pair.get(key, [])
            return _prefix(items, self._starts_of("pair", key, items), when)
        if target is not None:
            items = self.by_target.get(target, [])
            return _prefix(items, self._starts_of("target", target, items), when)
        if relation:
            items = self.by_relation.get(relation, [])
            return _prefix(items, self._starts_of("relation", relation, items), when)
        return self.events


_START = attrgetter("start")
_UNSEEN: Any = object()


def _prefix(items: list[Item], starts: Sequence[int], when: TimeFilter | None) -> list[Item]:
    """The events of ``items`` (sorted by earliest start) whose earliest start allows ``when``."""
    if when is None:
        return items
    cut = len(items)
    for cond in when.conditions(state=False)[0]:  # the possible conditions, for an event
        if cond.bound == "se" and cond.op in ("<", "<="):
            day = cond.day.toordinal()
            found = (bisect.bisect_left if cond.op == "<" else bisect.bisect_right)(starts, day)
            cut = min(cut, found)
    return items if cut == len(items) else items[:cut]


NO_AGENT = "urn:kg:no-agent-named"
"""The answer to "who did it" when the text names no one: the events are its support."""
NO_AGENT_LABELS = {"en": "(the text names no agent)", "ar": "(لا يسمّي النص فاعلًا)"}

_CACHE_KEY = "kg.ask.query.index"


def index_of(G: nx.MultiDiGraph, *, rebuild: bool = False) -> QueryIndex:
    """The query index of ``G``, built on first use and kept in networkx's own cache.

    It lives in ``G.__networkx_cache__``, which networkx empties on every change made through
    its API (adding or removing nodes or edges, ``add_edge`` over an existing edge, ...), so
    the check is O(1) and an edit that keeps the counts still rebuilds it. After changing
    attribute dictionaries in place, pass ``rebuild=True``.

    >>> G = nx.MultiDiGraph()
    >>> index_of(G) is index_of(G)
    True
    >>> old = index_of(G); G.add_node("x"); index_of(G) is old
    False
    """
    cache = G.__networkx_cache__
    index = cache.get(_CACHE_KEY)
    if rebuild or index is None or index.G is not G:
        with collector_paused():  # a million items and no cycles among them
            index = QueryIndex(G)
        cache[_CACHE_KEY] = index
    return index
