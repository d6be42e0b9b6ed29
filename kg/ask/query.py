"""Temporal questions over the networkx view, each answer graded certainly, likely or possibly.

Every function takes the graph first (:func:`kg.graph.from_rdf.to_networkx`) and its options by
keyword. Names may be IRIs or labels, English or Arabic (:mod:`kg.ask.names`); times may be
EDTF, ``date`` objects or phrases such as ``"April 2017"`` (:mod:`kg.time.dates`). An answer is
*certain* when every admissible reading of the dates agrees and the event happened;
*likely* when it holds on the dates as written (or it is certain but the event was only
planned or only reported); *possible* when some admissible reading allows it
(:mod:`kg.time.phrases`). Every answer is returned with its grade, most certain first;
``at_least="likely"`` (or ``"certainly"``) keeps only the surer ones.

>>> from kg import load
>>> G = load().networkx
>>> [(a.label, a.certainty.word) for a in who_did(G, "opposed", "disclosure", before="April 2017")]
[("Facebook's policy team", 'possibly')]
>>> who_did(G, "opposed", "disclosure", before="April 2017", at_least="likely")
Answers to 'who opposed disclosure before April 2017': none
>>> [a.label for a in who_held(G, "chief security officer", during="2016")]
['Alex Stamos']

Queries run on an index (by relation, participant and office, with events sorted by their
earliest start) built once per graph, not on a scan of every edge.
"""

from __future__ import annotations

import bisect
import datetime as dt
import gc
from itertools import chain, repeat
import json
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from operator import attrgetter
from typing import Any
from urllib.parse import unquote

import networkx as nx

from kg.time.dates import parse_period
from kg.errors import QueryError
from kg.graph.records import TARGET_ROLES
from kg.timeline.model import TimeSpec
from kg.ask.names import Lexicon
from kg.labels import pick_label
from kg.rdf.results import Table
from kg.time import Certainty, TimeSpan
from kg.time.phrases import TimeFilter
from kg.vocabulary import LINK_RELATIONS

__all__ = [
    "Support", "Answer", "Answers", "QueryIndex", "index_of", "time_filter",
    "who_did", "what_did", "what_happened", "when_did", "who_held", "reported_by", "graph_as_of",
    "collect_answers", "run_who", "run_events", "run_holders", "run_reported", "claim_record", "NO_AGENT", "participants",
]


@dataclass(frozen=True)
class Support:
    """An event, position or claim that supports an answer, and how surely it fits."""

    iri: str
    kind: str  # event | position | claim
    labels: Mapping[str, str]
    relation: str
    status: str
    time: TimeSpec
    certainty: Certainty
    claims: tuple[Mapping[str, Any], ...] = field(default=(), compare=False)
    """The claims behind it (for a claim: itself): claimants, stance, date, citing, evidence."""
    about: str = field(default="", compare=False)  # for a claim: the label of what it is about

    @property
    def label(self) -> str:
        return pick_label(self.labels, fallback=self.iri)

    def claim_lines(self) -> list[str]:
        """One line per claim: who, with what stance, when, citing whom, and the quote with its gloss."""
        lines = []
        for c in self.claims:
            who = ", ".join(x["label"] for x in c["claimants"])
            citing = f", citing {', '.join(x['label'] for x in c['citing'])}" if c["citing"] else ""
            via = f", via {', '.join(x['label'] for x in c['via'])}" if c["via"] else ""
            seen = "public" if c["public"] else "internal"
            lines.append(f"{c['stance']}: {who} ({c['date']['en']}; {seen}{citing}{via})")
            for e in c["evidence"]:
                lines.append(f"  «{e['text']}» ({e['gloss']})" if e["gloss"] else f"  «{e['text']}»")
        return lines

    def derivation_lines(self) -> list[str]:
        """One line per derived bound of this support's time: the bound, then the chain behind it."""
        lines = []
        for bound, chain in sorted(self.time.why.items(), key=lambda kv: _BOUND_ORDER.index(kv[0])):
            day = self.time.span.ordinals[_BOUND_ORDER.index(bound)]
            when = dt.date.fromordinal(day).isoformat() if -10**8 < day < 10**8 else "open"
            lines.append(f"{_BOUND_NAMES[bound]} {when}, derived: " + " <- ".join(o.text for o in reversed(chain)))
        return lines

    def to_dict(self) -> dict[str, Any]:
        return {"iri": self.iri, "kind": self.kind, "label": self.label, "label_ar": self.labels.get("ar"),
                "relation": self.relation, "status": self.status, "grade": self.certainty.word,
                "time": {"edtf": self.time.edtf, "en": self.time.describe("en"), "ar": self.time.describe("ar"),
                         "bounds": _iso(self.time.span), "as_written": _iso(self.time.nominal),
                         "stated": _iso(self.time.stated),
                         "derived": {_BOUND_NAMES[k]: [o.text for o in v] for k, v in self.time.why.items()}},
                **({"claims": [dict(c) for c in self.claims]} if self.claims else {}),  # tables have none
                **({"about": self.about} if self.about else {})}


_BOUND_ORDER = ("se", "sl", "ee", "el")
_BOUND_NAMES = {"se": "earliest start", "sl": "latest start", "ee": "earliest end", "el": "latest end"}


def _iso(span: TimeSpan) -> list[str | None]:
    return [d.isoformat() if d else None for d in
            (span.start_earliest, span.start_latest, span.end_earliest, span.end_latest)]


@dataclass(frozen=True)
class Answer:
    """One answer (an actor or an event) with the items that support it."""

    iri: str
    kind: str
    labels: Mapping[str, str]
    certainty: Certainty
    support: tuple[Support, ...]
    notes: tuple[str, ...] = field(default=(), compare=False)  # why a verdict or a duration is what it is
    detail: Mapping[str, Any] = field(default_factory=dict, compare=False)  # its figures, for JSON

    @property
    def label(self) -> str:
        return pick_label(self.labels, fallback=self.iri)

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"iri": self.iri, "label": self.label, "label_ar": self.labels.get("ar"), "kind": self.kind,
               "grade": self.certainty.word, "events": [s.to_dict() for s in self.support]}
        if self.notes or self.detail:
            out.update({"why": list(self.notes), **self.detail})
        return out


class Answers(Table):
    """The answers to one question, most certain first: a :class:`~kg.rdf.results.Table`."""

    question: str = ""
    columns = ("grade", "label", "label_ar", "kind", "iri", "because")

    def __new__(cls, answers: Iterable[Answer] = (), question: str = "") -> Answers:
        self = super().__new__(cls, answers)
        self.question = question
        return self

    def to_list(self) -> list[dict[str, Any]]:
        return [a.to_dict() for a in self]

    def to_json(self, **kwargs: Any) -> str:
        """A JSON array of answers: ``iri``, ``label`` (English), ``grade`` and the supporting events."""
        return json.dumps(self.to_list(), ensure_ascii=False, **kwargs)

    def to_records(self) -> list[dict[str, Any]]:
        """One row per answer; ``because`` lists the supporting events with their times."""
        return [{"grade": a.certainty.word, "label": a.label, "label_ar": a.labels.get("ar"), "kind": a.kind,
                 "iri": a.iri, "because": "; ".join(f"{s.label} ({s.time.describe()}, {s.certainty.word})"
                                                   if s.iri != a.iri else f"{s.time.describe()}, {s.status}"
                                                   for s in a.support)}
                for a in self]

    def keyed(self) -> set[tuple[str, str, frozenset[tuple[str, str]]]]:
        """(answer, certainty, {(support, certainty)}) for comparing engines."""
        return {(a.iri, a.certainty.word, frozenset((s.iri, s.certainty.word) for s in a.support)) for a in self}

    def __repr__(self) -> str:
        lines = [f"{a.certainty.word:>9}  {a.label}" for a in self]
        head = f"Answers to {self.question!r}" if self.question else "Answers"
        return head + (":\n" + "\n".join(lines) if lines else ": none")

    def _repr_html_(self) -> str:
        import html

        colour = {"certainly": "#2e7d32", "likely": "#1565c0", "possibly": "#b26a00"}
        rows = []
        for a in self:
            because = "".join(
                f"<li>{html.escape(s.label)} <small>({html.escape(s.time.describe())}; {html.escape(s.status)}; "
                f"{s.certainty.word})</small></li>" for s in a.support)
            rows.append(f"<tr><td style='color:{colour.get(a.certainty.word, '#555')}'><b>{a.certainty.word}</b></td>"
                        f"<td>{html.escape(a.label)}<br><span dir='rtl' lang='ar'>{html.escape(a.labels.get('ar') or '')}"
                        f"</span></td><td><ul style='margin:0'>{because}</ul></td></tr>")
        caption = html.escape(self.question)
        return (f"<table class='kg-answers'><caption>{caption}</caption><thead><tr><th>certainty</th><th>answer</th>"
                f"<th>because</th></tr></thead><tbody>{''.join(rows)}</tbody></table>"
                + ("" if self else "<p><small>No answers.</small></p>"))


class _Item:
    """An event, position, link or claim as the index holds it (``start``: its earliest start, a day number)."""

    __slots__ = ("key", "kind", "data", "agents", "others", "ordinals", "start", "happened", "relation")

    def __init__(self, key: str, kind: str, data: dict[str, Any], agents: tuple[str, ...],
                 others: tuple[str, ...] | frozenset[str]):
        self.key, self.kind, self.data, self.agents, self.others = key, kind, data, agents, others
        self.ordinals: tuple[int, int, int, int] = data["time"].span.ordinals
        self.start: int = self.ordinals[0]
        self.relation: str | None = data.get("relation")
        # its time when it is an event that happened (graded by its time alone), else None
        self.happened: Any = data["time"] if kind == "event" and data.get("status") == "happened" else None

    def __repr__(self) -> str:
        return f"_Item({self.key!r}, {self.kind!r})"


class QueryIndex:
    """Items of a graph indexed by relation, agent, participant and office."""

    def __init__(self, G: nx.MultiDiGraph):
        self.G = G
        self.items: dict[str, _Item] = {}
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
                    items[key] = _Item(key, d["kind"], d, tuple(roles.get("agent", ())), others)
        # in order of earliest start; ties keep the graph's edge order (a stable sort on one integer:
        # comparing the keys of a million items, scattered in memory, took most of the build)
        ordered = sorted(items.values(), key=attrgetter("start"))
        by_relation: defaultdict[str | None, list[_Item]] = defaultdict(list)  # None: an event without one
        by_agent: defaultdict[str, list[_Item]] = defaultdict(list)
        by_target: defaultdict[str, list[_Item]] = defaultdict(list)
        by_office: defaultdict[str, list[_Item]] = defaultdict(list)
        # "who did R to T before D": per (relation, target), the events in order of earliest start,
        # so a time condition that bounds the start from above is a bisect (O(log n + answers))
        by_pair: defaultdict[tuple[str | None, str], list[_Item]] = defaultdict(list)
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
        start = attrgetter("start")
        self._pair_starts = {k: list(map(start, v)) for k, v in self.by_pair.items()}
        self._target_starts = {k: list(map(start, v)) for k, v in self.by_target.items()}
        self._starts = {k: list(map(start, v)) for k, v in self.by_relation.items()}
        self.links: dict[str, _Item] = {}  # because-of, response-to and part-of links, as items (for "why")
        notations = {str(iri).rsplit("#", 1)[-1].rsplit("/", 1)[-1]: notation for notation, iri in LINK_RELATIONS.items()}
        for link in G.graph.get("links", []):
            if link["from"] in self.items and link["to"] in self.items:
                link = {**link, "relation": notations.get(link["relation"], link["relation"])}
                self.links[link["iri"]] = _Item(link["iri"], "link", self._link_data(link), (), frozenset())
        self.claims: dict[str, _Item] = {}  # every claim, as an item of its own (claims questions)
        for owner in chain(ordered, self.links.values()):
            for claim in owner.data["claims"] or ():
                self.claims[claim["iri"]] = _Item(claim["iri"], "claim", {**self._claim_data(claim), "about": owner.key},
                                                  (), frozenset())
        self._entities: Lexicon | None = None
        self._pair_days: dict[tuple[str, str], list[int] | None] = {}
        self._pair_agents: dict[tuple[str, str], list[str]] = {}
        self.relations = Lexicon()
        for notation, c in G.graph.get("relations", {}).items():
            self.relations.add(notation, notation.replace("-", " "))
            self._names(self.relations, notation, c["labels"], c["alt_labels"], iri=c["iri"])
        self.offices = Lexicon()
        for iri, c in G.graph.get("offices", {}).items():
            self._names(self.offices, iri, c["labels"], c["alt_labels"])
        self._event_names: Lexicon | None = None

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

    def item(self, key: str) -> _Item | None:
        """An event, position, link or claim by IRI."""
        return self.items.get(key) or self.claims.get(key) or self.links.get(key)

    def labels_of(self, key: str) -> Mapping[str, str]:
        """The labels of anything an answer can be: a node, an item, a source, an office."""
        if key in self.G:
            return self.G.nodes[key].get("labels", {})
        item = self.item(key)
        if item is not None:
            return item.data.get("labels", {})
        if key == NO_AGENT:
            return NO_AGENT_LABELS
        graph = self.G.graph
        for table in ("sources", "offices", "relations"):
            found = graph.get(table, {}).get(key)
            if found:
                return found.get("labels", {})
        return {}

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
        if self.G.nodes.get(text, {}).get("kind", "event") != "event":  # an IRI, as it is
            return text
        return self._one(self.entities, text, "actor or topic")

    def relation(self, text: str) -> str:
        return self._one(self.relations, text, "relation")

    def office(self, text: str) -> str:
        return self._one(self.offices, text, "office")

    def label(self, key: str, lang: str = "en") -> str:
        return pick_label(self.labels_of(key), lang, key)

    # -- candidates -------------------------------------------------------------------

    def pair_days(self, pair: tuple[str, str]) -> list[int] | None:
        """The days of a (relation, target) pair's events, in order, when each of them is one day
        as written, happened and has one agent (graded by its day alone); else None. Worked out
        on first use."""
        if pair not in self._pair_days:
            items = self.by_pair.get(pair, [])
            one_day = all(i.happened is not None and i.ordinals[0] == i.ordinals[3] and len(i.agents) == 1
                          and i.happened.nominal_span in (None, i.happened.span) for i in items)
            self._pair_days[pair] = self._pair_starts.get(pair, []) if one_day else None
        return self._pair_days[pair]

    def pair_agents(self, pair: tuple[str, str]) -> list[str]:
        """The agent of each event of a pair whose events have one each (:meth:`pair_days`)."""
        found = self._pair_agents.get(pair)
        if found is None:
            found = self._pair_agents[pair] = [i.agents[0] for i in self.by_pair.get(pair, [])]
        return found

    def candidates(self, relation: str | None, when: TimeFilter | None, target: str | None = None) -> list[_Item]:
        """Events of ``relation`` (all events when None), acting on ``target``, that might pass ``when``.

        With both a relation and a target, the events of that pair; else the shorter of the
        relation's and the target's lists. When ``when`` can only hold for events that start
        before some day ("before", "as of", "during", ...), only a prefix of the list (in order
        of earliest start) is returned, found by bisection.
        """
        if target is not None and relation:
            key = (relation, target)
            return _prefix(self.by_pair.get(key, []), self._pair_starts.get(key, []), when)
        if target is not None:
            return _prefix(self.by_target.get(target, []), self._target_starts.get(target, []), when)
        if relation:
            return _prefix(self.by_relation.get(relation, []), self._starts.get(relation, []), when)
        return self.events


def _prefix(items: list[_Item], starts: list[int], when: TimeFilter | None) -> list[_Item]:
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
_NO_AGENTS = (NO_AGENT,)
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
        collecting = gc.isenabled()
        gc.disable()  # a million items and no cycles among them: the cyclic collector would only rescan them
        try:
            index = QueryIndex(G)
        finally:
            if collecting:
                gc.enable()
        cache[_CACHE_KEY] = index
    return index


def time_filter(*, before: Any = None, after: Any = None, during: Any = None, between: Any = None,
                since: Any = None, as_of: Any = None, strictly: bool = False) -> TimeFilter | None:
    """Build the one :class:`~kg.time.phrases.TimeFilter` the keyword arguments name (or None)."""
    given = {k: v for k, v in {"before": before, "after": after, "during": during, "between": between,
                                "since": since, "as_of": as_of}.items() if v is not None}
    if len(given) > 1:
        raise QueryError(f"give one time condition, not {', '.join(given)}")
    if not given:
        return None
    (name, value), = given.items()
    if name == "between":
        if not isinstance(value, (tuple, list)) or len(value) != 2:
            raise QueryError("between takes two times, e.g. between=('December 2016', 'September 2017')")
        return TimeFilter("between", parse_period(value[0]), parse_period(value[1]))
    kind = {"as_of": "as-of", "before": "strictly-before" if strictly else "before"}.get(name, name)
    return TimeFilter(kind, parse_period(value))


def grade_of(at_least: Certainty | str) -> Certainty:
    """The grade named by ``at_least`` (a :class:`~kg.time.Certainty` or its word)."""
    return at_least if isinstance(at_least, Certainty) else Certainty.named(at_least)


def _judge(item: _Item, when: TimeFilter | None) -> Certainty:
    """How surely ``item`` passes ``when``; events that did not (yet) happen are never certain."""
    capped = item.data["status"] != "happened"
    time = item.data["time"]
    if when is None:
        return Certainty.LIKELY if capped else Certainty.CERTAINLY
    return when.judge(time.span, state=item.kind == "position", nominal=time.nominal, capped=capped)


def claim_record(index: QueryIndex, claim: Mapping[str, Any]) -> dict[str, Any]:
    """A claim for answers and JSON: claimants, stance, date, visibility, citing, evidence."""
    def named(iris: Iterable[str]) -> list[dict[str, str]]:
        return [{"iri": i, "label": index.label(i), "label_ar": index.label(i, "ar")} for i in iris]

    date = claim.get("date")
    return {"iri": claim["iri"], "claimants": named(claim["claimants"]), "stance": claim["stance"],
            "date": {"edtf": date.edtf if date else None, "en": date.describe("en") if date else "undated",
                     "bounds": _iso(date.span) if date else [None] * 4},
            "public": claim["public"], "citing": named(claim.get("citing", ())), "via": named(claim.get("via", ())),
            "document": named([claim["document"]])[0] if claim.get("document") else None,
            "evidence": [{"text": e.get("exact", ""), "gloss": e.get("gloss", ""), "source": e.get("source"),
                          "start": e.get("start"), "end": e.get("end")} for e in claim.get("evidence", ())]}


def _support(index: QueryIndex, item: _Item, certainty: Certainty) -> Support:
    d = item.data
    claims = [d["claim"]] if "claim" in d else d.get("claims", ())
    return Support(item.key, item.kind, d.get("labels", {}), d["relation"], d["status"], d["time"], certainty,
                   tuple(claim_record(index, c) for c in claims), index.label(d["about"]) if "about" in d else "")


def collect_answers(index: QueryIndex, rows: Iterable[tuple[str, _Item, Certainty]], kind: str,
                    at_least: Certainty | str, question: str) -> Answers:
    """Group (answer, item, grade) rows into answers, keeping those graded ``at_least`` or surer."""
    best: dict[tuple[str, str], tuple[_Item, Certainty]] = {}
    floor = max(grade_of(at_least), Certainty.POSSIBLY)
    for answer, item, certainty in rows:
        if certainty < floor:
            continue
        seen = best.get((answer, item.key))
        if seen is None or certainty > seen[1]:
            best[(answer, item.key)] = (item, certainty)
    grouped: dict[str, list[Support]] = {}
    for (answer, _), (item, certainty) in best.items():
        grouped.setdefault(answer, []).append(_support(index, item, certainty))
    answers = []
    for iri, support in grouped.items():
        support.sort(key=lambda s: (-s.certainty, s.time.span.ordinals[0], s.iri))
        answers.append(Answer(iri, kind, index.labels_of(iri), max(s.certainty for s in support), tuple(support)))
    answers.sort(key=lambda a: (-a.certainty, a.support[0].time.span.ordinals[0], a.label, a.iri))
    return Answers(answers, question)


def participants(item: _Item, role: str) -> tuple[str, ...]:
    """Who takes ``role`` in an event: ``agent`` (:data:`NO_AGENT` when the text names none),
    ``others`` (every role but the agent), ``whom`` (targets, recipients, beneficiaries) or one
    role's notation (``recipient``)."""
    if role == "agent":
        return item.agents or (NO_AGENT,)
    if role == "others":
        return tuple(sorted(item.others))
    if role == "whom":  # persons and bodies acted on, told or served; not topics or media
        roles = item.data.get("participants", {})
        return tuple(sorted({p for r in ("target", "recipient", "beneficiary") for p in roles.get(r, ())}))
    return tuple(item.data.get("participants", {}).get(role, ()))


def run_who(index: QueryIndex, relation: str | None, target: str | None, when: TimeFilter | None, *,
            actor: str | None = None, role: str = "agent", medium: str | None = None,
            ) -> Iterable[tuple[str, _Item, Certainty]]:
    """(participant, event, certainty) for each event of ``relation`` (by ``actor``, on ``target``,
    through ``medium``) that may pass ``when``; the participant takes ``role`` (:func:`participants`)."""
    if relation and target is not None and actor is None and medium is None and role == "agent":
        return _pair_rows(index, (relation, target), index.candidates(relation, when, target), when)
    return _scan_who(index, relation, target, when, actor=actor, role=role, medium=medium)


def _pair_rows(index: QueryIndex, pair: tuple[str, str], items: list[_Item],
               when: TimeFilter | None) -> list[tuple[str, _Item, Certainty]]:
    """The agents of the events of one (relation, target) pair: every event there has both, so
    only the time is judged. When every event of the pair is one day (as in event tables), the
    grade changes only where a condition's day cuts the list, so each stretch between two cuts
    is judged once and its rows made by slicing (O(log n + answers), little Python per answer);
    otherwise once per distinct time."""
    days = index.pair_days(pair) if when is not None and not when.anchors else None
    if days is not None:
        assert when is not None  # days is None without a time filter
        n = len(items)
        possible, certain = when.conditions(state=False)
        cuts = sorted({0, n, *(bisect.bisect_left(days, day, 0, n) for c in (*possible, *certain)
                               for day in (c.day.toordinal(), c.day.toordinal() + 1))})
        agents = index.pair_agents(pair)
        rows: list[tuple[str, _Item, Certainty]] = []
        for a, b in zip(cuts, cuts[1:]):
            if a < b:
                rows.extend(zip(agents[a:b], items[a:b], repeat(_judge(items[a], when), b - a)))
        return rows
    grades: dict[int, Certainty] = {}
    anchors = when.anchors if when is not None else ()
    rows = []
    add = rows.append
    for item in items:
        if anchors and item.key in anchors:
            continue
        time = item.happened
        if time is None:
            grade = _judge(item, when)
        else:
            known = grades.get(id(time))  # the time objects outlive the call: their ids are stable
            if known is None:
                known = grades[id(time)] = _judge(item, when)
            grade = known
        for who in item.agents or _NO_AGENTS:
            add((who, item, grade))
    return rows


def _scan_who(index: QueryIndex, relation: str | None, target: str | None, when: TimeFilter | None, *,
              actor: str | None, role: str, medium: str | None) -> Iterator[tuple[str, _Item, Certainty]]:
    items = index.by_agent.get(actor, []) if actor else index.candidates(relation, when, target)
    for item in items:
        if (relation and item.data["relation"] != relation) or (target is not None and target not in item.others):
            continue
        if medium is not None and medium not in item.data.get("participants", {}).get("medium", ()):
            continue
        if when is not None and item.key in when.anchors:
            continue
        certainty = _judge(item, when)
        for who in participants(item, role):
            yield who, item, certainty


def run_events(index: QueryIndex, *, relation: str | None = None, actor: str | None = None,
               target: str | None = None, when: TimeFilter | None = None) -> Iterator[tuple[str, _Item, Certainty]]:
    """(event, event, certainty) for each event matching the options that may pass ``when``."""
    items = index.by_agent.get(actor, []) if actor else index.candidates(relation, when, target)
    for item in items:
        if relation and item.data["relation"] != relation:
            continue
        if target is not None and target not in item.others:
            continue
        if when is not None and item.key in when.anchors:
            continue
        yield item.key, item, _judge(item, when)


def run_holders(index: QueryIndex, office: str, organisation: str | None,
                when: TimeFilter | None) -> Iterator[tuple[str, _Item, Certainty]]:
    """(holder, position, certainty) for each position of ``office`` (at ``organisation``) held ``when``."""
    for item in index.by_office.get(office, []):
        if organisation is not None and organisation not in item.others:
            continue
        for holder in item.agents:
            yield holder, item, _judge(item, when)


def run_reported(index: QueryIndex, when: TimeFilter, public_only: bool = True) -> Iterator[tuple[str, _Item, Certainty]]:
    """(event, claim, certainty) for each claim asserting or confirming an event by ``when``."""
    for item in index.events:
        for claim in item.data["claims"]:
            if (public_only and not claim["public"]) or claim["stance"] not in ("asserts", "confirms"):
                continue
            claim_item = index.claims[claim["iri"]]
            time = claim_item.data["time"]
            yield item.key, claim_item, when.judge(time.span, nominal=time.nominal)


def who_did(G: nx.MultiDiGraph, relation: str, target: str | None = None, *, at_least: Certainty | str = Certainty.POSSIBLY,
            **when: Any) -> Answers:
    """Who did ``relation`` (to ``target``), with an optional time condition.

    Time keywords: ``before``, ``after``, ``during``, ``between=(a, b)``, ``since``, ``as_of``;
    ``strictly=True`` makes "before" mean "ended before" (Allen's *before* or *meets*).
    """
    index = index_of(G)
    tf = time_filter(**when)
    rel = index.relation(relation)
    tgt = index.entity(target) if target else None
    return collect_answers(index, run_who(index, rel, tgt, tf), "actor", at_least,
                    f"who {relation}{' ' + target if target else ''}{' ' + tf.describe() if tf else ''}")


def what_did(G: nx.MultiDiGraph, actor: str, *, at_least: Certainty | str = Certainty.POSSIBLY, **when: Any) -> Answers:
    """The events ``actor`` was an agent of, with an optional time condition."""
    index = index_of(G)
    tf = time_filter(**when)
    return collect_answers(index, run_events(index, actor=index.entity(actor), when=tf), "event", at_least,
                    f"what did {actor} do{' ' + tf.describe() if tf else ''}")


def what_happened(G: nx.MultiDiGraph, *, at_least: Certainty | str = Certainty.POSSIBLY, **when: Any) -> Answers:
    """Every event that passes the time condition."""
    index = index_of(G)
    tf = time_filter(**when)
    return collect_answers(index, run_events(index, when=tf), "event", at_least,
                    f"what happened{' ' + tf.describe() if tf else ''}")


def when_did(G: nx.MultiDiGraph, relation: str | None = None, *, actor: str | None = None,
             target: str | None = None) -> Answers:
    """The events (with their times) of ``relation``, by ``actor``, to ``target``: when did it happen?"""
    index = index_of(G)
    rel = index.relation(relation) if relation else None
    rows = run_events(index, relation=rel, actor=index.entity(actor) if actor else None,
                      target=index.entity(target) if target else None)
    return collect_answers(index, rows, "event", Certainty.POSSIBLY, f"when did {actor or ''} {relation or ''}".strip())


def who_held(G: nx.MultiDiGraph, office: str, *, organisation: str | None = None, at_least: Certainty | str = Certainty.POSSIBLY,
             **when: Any) -> Answers:
    """Who held ``office`` (of ``organisation``), e.g. ``during="2016"`` or ``as_of="2017-06-01"``."""
    index = index_of(G)
    tf = time_filter(**when)
    org = index.entity(organisation) if organisation else None
    return collect_answers(index, run_holders(index, index.office(office), org, tf), "actor", at_least,
                    f"who held {office}{' ' + tf.describe() if tf else ''}")


def reported_by(G: nx.MultiDiGraph, date: Any, *, at_least: Certainty | str = Certainty.POSSIBLY, public_only: bool = True) -> Answers:
    """Events a claim had asserted or confirmed by ``date``: the claims' dates, not the events'.

    Each answer is supported by the claims, with their dates. ``public_only=False`` counts
    internal claims too (an internal email), as "what had been claimed".
    """
    index = index_of(G)
    tf = TimeFilter("as-of", parse_period(date))
    verb = "publicly reported" if public_only else "claimed"
    return collect_answers(index, run_reported(index, tf, public_only), "event", at_least,
                    f"what had been {verb} by {tf.first.describe()}")


def graph_as_of(G: nx.MultiDiGraph, date: Any, *, at_least: Certainty | str = Certainty.POSSIBLY) -> nx.MultiDiGraph:
    """The graph as it stood on ``date``: events started by then, positions held then.

    Each kept edge gets a ``certainty`` attribute (its grade); ``at_least`` drops the edges
    graded below it (by default every edge that may have been there is kept).
    """
    index = index_of(G)
    tf = TimeFilter("as-of", parse_period(date))
    H: nx.MultiDiGraph[str] = nx.MultiDiGraph()
    H.graph.update({k: v for k, v in G.graph.items() if not k.startswith("_")})
    for u, v, key, d in G.edges(keys=True, data=True):
        certainty = _judge(index.items[key], tf)
        if certainty >= max(grade_of(at_least), Certainty.POSSIBLY):
            for node in (u, v):
                if node not in H:
                    H.add_node(node, **G.nodes[node])
            H.add_edge(u, v, key=key, **{**d, "certainty": certainty})
    return H
