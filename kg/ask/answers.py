"""Graded answers: the answers, and grouping (answer, item, grade) rows into them.

A runner (:mod:`kg.ask.runners`, :mod:`kg.ask.claims`) yields ``(answer, item, grade)`` rows;
:func:`collect_answers` keeps each answer's surest grade per item and sorts them, most certain
first, into :class:`Answers`, a :class:`~kg.rdf.results.Table` that prints, renders in a
notebook and turns into JSON. Each answer's :class:`~kg.ask.support.Support` records are made
when first read.

>>> from kg import load
>>> from kg.ask.index import index_of
>>> from kg.ask.runners import run_who
>>> index = index_of(load().networkx)
>>> answers = collect_answers(index, run_who(index, "opposed", None, None), "actor", "possibly", "who opposed")
>>> answers
Answers to 'who opposed':
certainly  Facebook's policy team
>>> [s.iri.rsplit("/", 1)[-1] for s in answers[0].support]
['policy-team-opposes-disclosure']
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from itertools import groupby
from operator import itemgetter
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

from kg.ask.runners import Row, StretchRows
from kg.ask.support import Support, claim_record, support_of, supports
from kg.labels import label_order, pick_label
from kg.rdf.results import Table
from kg.time import Certainty
from kg.time.days import NEG_INF, POS_INF

if TYPE_CHECKING:
    from kg.ask.index import Item, QueryIndex

__all__ = ["Support", "Answer", "Answers", "collect_answers", "claim_record", "support_of", "grade_of"]
# Support, claim_record and support_of live in kg.ask.support; they are named here too, where answers are


_NO_DETAIL: Mapping[str, Any] = MappingProxyType({})


class Answer:
    """One answer (an actor or an event) with the items that support it.

    Its fields are read-only. The ``support`` of an answer :func:`collect_answers` made is
    built when first read. Two answers are equal when their IRI, kind, labels, grade and
    support are (not their notes or detail).

    >>> a = Answer("urn:x:a", "actor", {"en": "A"}, Certainty.LIKELY, ())
    >>> a.label, a.certainty.word, a == Answer("urn:x:a", "actor", {"en": "A"}, Certainty.LIKELY, (), notes=("n",))
    ('A', 'likely', True)
    >>> a.iri = "urn:x:b"
    Traceback (most recent call last):
    ...
    AttributeError: ...
    """

    # slots, read through properties, set by __init__ and (for speed, one by one: keep the two
    # in step) by collect_answers: a question with thousands of answers makes one of these
    # each, and a frozen dataclass took 3x as long to make
    __slots__ = ("_iri", "_kind", "_labels", "_certainty", "_support", "_notes", "_detail", "_context", "_pending")

    def __init__(self, iri: str, kind: str, labels: Mapping[str, str], certainty: Certainty,
                 support: tuple[Support, ...], notes: tuple[str, ...] = (), detail: Mapping[str, Any] | None = None):
        self._iri, self._kind, self._labels, self._certainty = iri, kind, labels, certainty
        self._support, self._notes, self._detail = support, notes, _NO_DETAIL if detail is None else detail
        # for collect_answers: what the support is made from (and the answer's rows there), until it is
        self._context: _SupportSource | None = None
        self._pending: Row | dict[str, Row] | str | None = None

    @property
    def iri(self) -> str:
        return self._iri

    @property
    def kind(self) -> str:
        """``actor``, ``event``, ``verdict`` or ``duration``."""
        return self._kind

    @property
    def labels(self) -> Mapping[str, str]:
        return self._labels

    @property
    def certainty(self) -> Certainty:
        return self._certainty

    @property
    def support(self) -> tuple[Support, ...]:
        """The events, positions or claims behind the answer, most certain first, then by earliest start."""
        if self._context is not None:
            self._support, self._pending, self._context = self._context.support(self._pending), None, None
        return self._support

    @property
    def notes(self) -> tuple[str, ...]:
        """Why a verdict or a duration is what it is."""
        return self._notes

    @property
    def detail(self) -> Mapping[str, Any]:
        """A verdict's or a duration's figures, for JSON."""
        return self._detail

    @property
    def label(self) -> str:
        return pick_label(self._labels, fallback=self._iri)

    def _compared(self) -> tuple[Any, ...]:
        return self._iri, self._kind, self._labels, self._certainty, self.support

    def __eq__(self, other: object) -> bool:
        if type(other) is not Answer:
            return NotImplemented
        return self._compared() == other._compared()

    __hash__ = None  # type: ignore[assignment]  # equal by value, and its labels are a dict: not hashable

    def __repr__(self) -> str:
        return (f"Answer(iri={self._iri!r}, kind={self._kind!r}, labels={self._labels!r}, certainty={self._certainty!r}, "
                f"support={self.support!r}, notes={self._notes!r}, detail={dict(self._detail)!r})")

    def __reduce__(self) -> tuple[Any, ...]:  # pickle and copy the answer, not the index its support is made from
        return Answer, (self.iri, self.kind, self.labels, self.certainty, self.support, self.notes, dict(self.detail))

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



def grade_of(at_least: Certainty | str) -> Certainty:
    """The grade named by ``at_least`` (a :class:`~kg.time.Certainty` or its word)."""
    return at_least if isinstance(at_least, Certainty) else Certainty.named(at_least)


def collect_answers(index: QueryIndex, rows: Iterable[tuple[str, Item, Certainty]], kind: str,
                    at_least: Certainty | str, question: str) -> Answers:
    """Group (answer, item, grade) rows into answers, keeping those graded ``at_least`` or surer.

    Each answer keeps each item's surest grade; its support is sorted most certain first, then
    by earliest start, and the answers by their grade, their first support's start and label.
    The :class:`Support` records are built when an answer's ``support`` is first read (by
    ``to_dict``, the ``because`` column, the text ``kg ask`` prints), each (item, grade) once
    per call, so a question with thousands of answers costs little more than its rows. Rows
    held as stretches (:class:`~kg.ask.runners.StretchRows`, an event table's pair) are grouped
    a stretch at a time, not a row at a time.
    """
    floor = max(grade_of(at_least), Certainty.POSSIBLY)
    if isinstance(rows, StretchRows):  # already in order: of grade, then day, then label (PairColumns)
        labels = rows.columns.labels
        source = _SupportSource(index, rows, floor)
        return Answers(_answers(kind, source, ((agent, labels[agent], grade, agent) for grade, agents in rows.firsts(floor)
                                               for agent in agents)), question)
    # per answer, its one row, or (when there are more) its rows by item key
    grouped: dict[str, Row | dict[str, Row]] = {}
    for row in rows:
        answer, item, certainty = row
        if certainty < floor:
            continue
        found = grouped.get(answer)
        if found is None:
            grouped[answer] = row
        elif not isinstance(found, dict):  # one row so far (rows may be any 3-item sequence)
            if found[1].key != item.key:
                grouped[answer] = {found[1].key: found, item.key: row}
            elif certainty > found[2]:
                grouped[answer] = row
        else:
            seen = found.get(item.key)
            if seen is None or certainty > seen[2]:
                found[item.key] = row
    # in order of grade and earliest start, as one integer (the grade's step wider than all days)
    days, top = _DAYS, Certainty.CERTAINLY
    keyed: list[tuple[int, str, Certainty, Row | dict[str, Row]]] = []
    add = keyed.append
    for iri, found in grouped.items():
        if not isinstance(found, dict):
            _, item, best = found
            start = item.start
        else:
            best = max(c for _, _, c in found.values())
            start = min(i.start for _, i, c in found.values() if c == best)
        add(((top - best) * days + start, iri, best, found))
    keyed.sort(key=_FIRST)  # stable: those tied are put in order of label below
    labels_of = index.labels_of
    out = _answers(kind, _SupportSource(index, None, floor), ((iri, labels_of(iri), best, found) for _, iri, best, found in keyed))
    first = 0
    for _, run in groupby(k[0] for k in keyed):  # each run of one grade and start, in order of label
        end = first + sum(1 for _ in run)
        if end - first > 1:
            out[first:end] = sorted(out[first:end], key=_label_order)
        first = end
    return Answers(out, question)


_DAYS = POS_INF - NEG_INF + 1  # more day numbers than an item can start on (open starts included)
_FIRST = itemgetter(0)


def _answers(kind: str, source: _SupportSource, made_of: Iterable[tuple[str, Mapping[str, str], Certainty, Any]]) -> list[Answer]:
    """Answers of ``kind`` from (IRI, labels, grade, what its support is made from), in the order given."""
    new, no_detail = Answer.__new__, _NO_DETAIL
    out: list[Answer] = []
    add = out.append
    for iri, labels, best, pending in made_of:
        made = new(Answer)  # the fields set here, as __init__ sets them, without a call per answer
        made._iri = iri
        made._kind = kind
        made._labels = labels
        made._certainty = best
        made._support = ()
        made._notes = ()
        made._detail = no_detail
        made._context = source
        made._pending = pending
        add(made)
    return out


def _label_order(answer: Answer) -> tuple[str, str]:
    return label_order(answer._labels, answer._iri)


class _SupportSource:
    """What one call's answers make their support from, when it is first read: the index, the
    records made so far (each (item, grade) once), and for stretches, the rows by answer."""

    __slots__ = ("index", "records", "stretches", "floor", "_by_agent")

    def __init__(self, index: QueryIndex, stretches: StretchRows | None, floor: Certainty):
        self.index, self.stretches, self.floor = index, stretches, floor
        self.records: dict[tuple[str, Certainty], Support] = {}
        self._by_agent: dict[str, list[Row]] | None = None

    def support(self, pending: Row | dict[str, Row] | str | None) -> tuple[Support, ...]:
        """The support of the answer whose rows are ``pending`` (for stretches, the answer's IRI)."""
        if isinstance(pending, str):
            assert self.stretches is not None
            if self._by_agent is None:
                self._by_agent = self.stretches.grouped(self.floor)
            rows = self._by_agent[pending]
            pending = rows[0] if len(rows) == 1 else {row[1].key: row for row in rows}
        assert pending is not None
        return supports(self.index, pending, self.records)
