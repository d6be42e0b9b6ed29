"""The runners of who, what and when questions: rows of (answer, item, grade) from the index.

Each runner takes the query index (:mod:`kg.ask.index`) and what the question names, and
yields one ``(answer, item, grade)`` row per item that may pass the time condition, graded by
:func:`judge`; :func:`kg.ask.answers.collect_answers` groups the rows into answers.

>>> from kg import load
>>> from kg.ask.index import index_of
>>> from kg.time.dates import parse_period
>>> from kg.time.phrases import TimeFilter
>>> index = index_of(load().networkx)
>>> when = TimeFilter("before", parse_period("April 2017"))
>>> [(index.label(who), grade.word) for who, _, grade in run_who(index, "opposed", None, when)]
[("Facebook's policy team", 'possibly')]
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Iterator
from itertools import repeat

from kg.ask.index import NO_AGENT, Item, QueryIndex
from kg.time import Certainty
from kg.time.phrases import TimeFilter

__all__ = ["Row", "judge", "participants", "run_who", "run_events", "run_holders", "run_reported"]

Row = tuple[str, Item, Certainty]
"""One runner row: the answer (an IRI), the item that supports it, and how surely it does."""

_NO_AGENTS = (NO_AGENT,)


def judge(item: Item, when: TimeFilter | None) -> Certainty:
    """How surely ``item`` passes ``when``; events that did not (yet) happen are never certain."""
    capped = item.data["status"] != "happened"
    time = item.data["time"]
    if when is None:
        return Certainty.LIKELY if capped else Certainty.CERTAINLY
    return when.judge(time.span, state=item.kind == "position", nominal=time.nominal, capped=capped)


def participants(item: Item, role: str) -> tuple[str, ...]:
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
            ) -> Iterable[Row]:
    """(participant, event, certainty) for each event of ``relation`` (by ``actor``, on ``target``,
    through ``medium``) that may pass ``when``; the participant takes ``role`` (:func:`participants`)."""
    if relation and target is not None and actor is None and medium is None and role == "agent":
        return _pair_rows(index, (relation, target), index.candidates(relation, when, target), when)
    return _scan_who(index, relation, target, when, actor=actor, role=role, medium=medium)


def _pair_rows(index: QueryIndex, pair: tuple[str, str], items: list[Item],
               when: TimeFilter | None) -> list[Row]:
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
        rows: list[Row] = []
        for a, b in zip(cuts, cuts[1:]):
            if a < b:
                rows.extend(zip(agents[a:b], items[a:b], repeat(judge(items[a], when), b - a)))
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
            grade = judge(item, when)
        else:
            known = grades.get(id(time))  # the time objects outlive the call: their ids are stable
            if known is None:
                known = grades[id(time)] = judge(item, when)
            grade = known
        for who in item.agents or _NO_AGENTS:
            add((who, item, grade))
    return rows


def _scan_who(index: QueryIndex, relation: str | None, target: str | None, when: TimeFilter | None, *,
              actor: str | None, role: str, medium: str | None) -> Iterator[Row]:
    items = index.by_agent.get(actor, []) if actor else index.candidates(relation, when, target)
    for item in items:
        if (relation and item.data["relation"] != relation) or (target is not None and target not in item.others):
            continue
        if medium is not None and medium not in item.data.get("participants", {}).get("medium", ()):
            continue
        if when is not None and item.key in when.anchors:
            continue
        certainty = judge(item, when)
        for who in participants(item, role):
            yield who, item, certainty


def run_events(index: QueryIndex, *, relation: str | None = None, actor: str | None = None,
               target: str | None = None, when: TimeFilter | None = None) -> Iterator[Row]:
    """(event, event, certainty) for each event matching the options that may pass ``when``."""
    items = index.by_agent.get(actor, []) if actor else index.candidates(relation, when, target)
    for item in items:
        if relation and item.data["relation"] != relation:
            continue
        if target is not None and target not in item.others:
            continue
        if when is not None and item.key in when.anchors:
            continue
        yield item.key, item, judge(item, when)


def run_holders(index: QueryIndex, office: str, organisation: str | None,
                when: TimeFilter | None) -> Iterator[Row]:
    """(holder, position, certainty) for each position of ``office`` (at ``organisation``) held ``when``."""
    for item in index.by_office.get(office, []):
        if organisation is not None and organisation not in item.others:
            continue
        for holder in item.agents:
            yield holder, item, judge(item, when)


def run_reported(index: QueryIndex, when: TimeFilter, public_only: bool = True) -> Iterator[Row]:
    """(event, claim, certainty) for each claim asserting or confirming an event by ``when``."""
    for item in index.events:
        for claim in item.data["claims"]:
            if (public_only and not claim["public"]) or claim["stance"] not in ("asserts", "confirms"):
                continue
            claim_item = index.claims[claim["iri"]]
            time = claim_item.data["time"]
            yield item.key, claim_item, when.judge(time.span, nominal=time.nominal)
