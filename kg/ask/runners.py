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
from itertools import chain, repeat

from kg.ask.index import NO_AGENT, Item, PairColumns, QueryIndex
from kg.time import Certainty
from kg.time.phrases import TimeFilter

__all__ = ["Row", "StretchRows", "judge", "participants", "run_who", "run_events", "run_holders", "run_reported"]

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
        return _pair_rows(index, relation, target, when)
    return _scan_who(index, relation, target, when, actor=actor, role=role, medium=medium)


class StretchRows:
    """The rows of one (relation, target) pair whose events are one day each, held as stretches.

    The pair's events are columns (:class:`~kg.ask.index.PairColumns`: in order of day, then of
    agent label), and a time condition's days cut them into stretches, each of one grade (as
    :func:`run_who` makes them, in order, none overlapping, and none graded *not*).
    Iterating gives the ``(agent, event, grade)`` rows; :meth:`firsts` and :meth:`grouped` give
    what :func:`kg.ask.answers.collect_answers` needs without making them.

    >>> import pathlib, tempfile
    >>> from kg.ask.index import index_of
    >>> from kg.graph.synthetic_table import write_synthetic_table
    >>> from kg.tables import load_table
    >>> from kg.time.dates import parse_period
    >>> path = write_synthetic_table(pathlib.Path(tempfile.mkdtemp()) / "t.tsv", 200, seed=1, actors=5)
    >>> index = index_of(load_table(path).networkx)
    >>> pair = max(index.by_pair, key=lambda p: len(index.by_pair[p]))
    >>> [i.data["time"].edtf for i in index.by_pair[pair]][:6]
    ['2005-04-06', '2005-04-24', '2006-01-26', '2006-10-28', '2007-08-14', '2007-11-23']
    >>> rows = run_who(index, *pair, TimeFilter("during", parse_period("2006")))
    >>> [(first, end, grade.word) for first, end, grade in rows.stretches]
    [(2, 4, 'certainly')]
    >>> [(item.data["time"].edtf, grade.word) for _, item, grade in rows]
    [('2006-01-26', 'certainly'), ('2006-10-28', 'certainly')]
    """

    __slots__ = ("columns", "stretches")

    def __init__(self, columns: PairColumns, stretches: list[tuple[int, int, Certainty]]):
        self.columns = columns
        self.stretches = stretches
        """(first, past-the-end, grade) of each stretch, in order."""

    def __iter__(self) -> Iterator[Row]:
        agents, items = self.columns.agents, self.columns.items
        return chain.from_iterable(zip(agents[a:b], items[a:b], repeat(grade, b - a)) for a, b, grade in self.stretches)

    def __len__(self) -> int:
        return sum(b - a for a, b, _ in self.stretches)

    def firsts(self, floor: Certainty) -> list[tuple[Certainty, dict[str, None]]]:
        """Per grade at least ``floor``, surest first, the agents whose surest grade it is, in
        order of their first event of that grade (so of its day, then of their label)."""
        agents, stretches = self.columns.agents, self.stretches
        if len(stretches) == 1:  # the common case: one stretch passes
            a, b, grade = stretches[0]
            return [(grade, dict.fromkeys(agents[a:b]))] if grade >= floor else []
        out = []
        seen: dict[str, None] = {}
        for grade in sorted({g for _, _, g in stretches if g >= floor}, reverse=True):
            found = dict.fromkeys(chain.from_iterable(agents[a:b] for a, b, g in stretches if g == grade))
            if seen:
                found = {agent: None for agent in found if agent not in seen}
            seen.update(found)
            out.append((grade, found))
        return out

    def grouped(self, floor: Certainty) -> dict[str, list[Row]]:
        """Each agent's rows graded at least ``floor``, in order of day."""
        out: dict[str, list[Row]] = {}
        agents, items = self.columns.agents, self.columns.items
        for a, b, grade in self.stretches:
            if grade >= floor:
                for at in range(a, b):
                    out.setdefault(agents[at], []).append((agents[at], items[at], grade))
        return out


def _pair_rows(index: QueryIndex, relation: str, target: str, when: TimeFilter | None) -> StretchRows | list[Row]:
    """The agents of the events of one (relation, target) pair: every event there has both, so
    only the time is judged. When every event of the pair is one day (as in event tables), the
    grade changes only where a condition's day cuts the list, so each stretch between two cuts
    is judged once (O(log n), the rows a :class:`StretchRows`); otherwise once per distinct time."""
    columns = index.pair_columns((relation, target)) if when is None or not when.anchors else None
    if columns is not None:
        days, items, n = columns.days, columns.items, len(columns)
        cuts = sorted({0, n, *[bisect.bisect_left(days, day, 0, n) for day in when.one_day_cuts()]} if when else {0, n})
        stretches = []
        for a, b in zip(cuts, cuts[1:]):
            if a < b:
                grade = judge(items[a], when)
                if grade:  # not those that cannot pass
                    stretches.append((a, b, grade))
        return StretchRows(columns, stretches)
    items = index.candidates(relation, when, target)
    grades: dict[int, Certainty] = {}
    anchors = when.anchors if when is not None else ()
    rows: list[Row] = []
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
        if (relation and item.relation != relation) or (target is not None and target not in item.others):
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
        if relation and item.relation != relation:
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
