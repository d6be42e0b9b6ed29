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

Queries run on an index (:mod:`kg.ask.index`: by relation, participant and office, with events
sorted by their earliest start) built once per graph, not on a scan of every edge; the runners
(:mod:`kg.ask.runners`) yield graded rows and :mod:`kg.ask.answers` groups them into answers.
"""

from __future__ import annotations

import functools
from typing import Any

import networkx as nx

from kg.errors import QueryError
from kg.ask.answers import Answers, collect_answers, grade_of
from kg.ask.index import NO_AGENT, index_of
from kg.ask.runners import judge, run_events, run_holders, run_reported, run_who
from kg.time import Certainty
from kg.time.dates import parse_period
from kg.time.phrases import TimeFilter

__all__ = [
    "who_did", "what_did", "what_happened", "when_did", "who_held", "reported_by", "graph_as_of", "time_filter",
    # where the README, the notebook and the tests reach them (their homes: kg.ask.index, .runners, .answers)
    "index_of", "run_who", "Answers", "NO_AGENT",
]


def time_filter(*, before: Any = None, after: Any = None, during: Any = None, between: Any = None,
                since: Any = None, as_of: Any = None, strictly: bool = False) -> TimeFilter | None:
    """Build the one :class:`~kg.time.phrases.TimeFilter` the keyword arguments name (or None).

    The same arguments give the same filter for the last few asked, with what it has worked
    out (its conditions, the grades of the times it judged): asking again costs no parsing.

    >>> time_filter(before="April 2017") is time_filter(before="April 2017")
    True
    """
    return _time_phrase(before=before, after=after, during=during, between=between, since=since, as_of=as_of,
                        strictly=strictly)[0]


def _time_phrase(*, before: Any = None, after: Any = None, during: Any = None, between: Any = None,
                 since: Any = None, as_of: Any = None, strictly: bool = False) -> tuple[TimeFilter | None, str]:
    """The time filter the keywords name, and its words for the question (" before April 2017", or "")."""
    given = [(k, v) for k, v in (("before", before), ("after", after), ("during", during), ("between", between),
                                 ("since", since), ("as_of", as_of)) if v is not None]
    if len(given) > 1:
        raise QueryError(f"give one time condition, not {', '.join(k for k, _ in given)}")
    if not given:
        return None, ""
    (name, value), = given
    if name == "between":
        if not isinstance(value, (tuple, list)) or len(value) != 2:
            raise QueryError("between takes two times, e.g. between=('December 2016', 'September 2017')")
        value = tuple(value)
    try:
        hash(value)
    except TypeError:  # a value that cannot be a key (a list of times): built afresh
        return _build_filter(name, value, strictly)
    return _recent_filter(name, value, strictly)


def _build_filter(name: str, value: Any, strictly: bool) -> tuple[TimeFilter, str]:
    if name == "between":
        tf = TimeFilter("between", parse_period(value[0]), parse_period(value[1]))
    else:
        kind = {"as_of": "as-of", "before": "strictly-before" if strictly else "before"}.get(name, name)
        tf = TimeFilter(kind, parse_period(value))
    return tf, " " + tf.describe()


_recent_filter = functools.lru_cache(maxsize=32)(_build_filter)  # each keeps at most 100,000 judged times


def who_did(G: nx.MultiDiGraph, relation: str, target: str | None = None, *, at_least: Certainty | str = Certainty.POSSIBLY,
            **when: Any) -> Answers:
    """Who did ``relation`` (to ``target``), with an optional time condition.

    Time keywords: ``before``, ``after``, ``during``, ``between=(a, b)``, ``since``, ``as_of``;
    ``strictly=True`` makes "before" mean "ended before" (Allen's *before* or *meets*).
    """
    index = index_of(G)
    tf, words = _time_phrase(**when)
    rel = index.relation(relation)
    tgt = index.entity(target) if target else None
    return collect_answers(index, run_who(index, rel, tgt, tf), "actor", at_least,
                           f"who {relation}{' ' + target if target else ''}{words}")


def what_did(G: nx.MultiDiGraph, actor: str, *, at_least: Certainty | str = Certainty.POSSIBLY, **when: Any) -> Answers:
    """The events ``actor`` was an agent of, with an optional time condition."""
    index = index_of(G)
    tf, words = _time_phrase(**when)
    return collect_answers(index, run_events(index, actor=index.entity(actor), when=tf), "event", at_least,
                           f"what did {actor} do{words}")


def what_happened(G: nx.MultiDiGraph, *, at_least: Certainty | str = Certainty.POSSIBLY, **when: Any) -> Answers:
    """Every event that passes the time condition."""
    index = index_of(G)
    tf, words = _time_phrase(**when)
    return collect_answers(index, run_events(index, when=tf), "event", at_least, f"what happened{words}")


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
    tf, words = _time_phrase(**when)
    org = index.entity(organisation) if organisation else None
    return collect_answers(index, run_holders(index, index.office(office), org, tf), "actor", at_least,
                           f"who held {office}{words}")


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
        certainty = judge(index.items[key], tf)
        if certainty >= max(grade_of(at_least), Certainty.POSSIBLY):
            for node in (u, v):
                if node not in H:
                    H.add_node(node, **G.nodes[node])
            H.add_edge(u, v, key=key, **{**d, "certainty": certainty})
    return H
