"""The parts of a timeline, as frozen dataclasses.

A :class:`Timeline` is what a timeline file says once it has been read and checked
(:func:`kg.timeline.reader.load_timeline`): its sources, the entities that take part (actors,
topics, documents, offices), events, positions held over time, links between events and
conflicts between readings of the source. Every statement (event, position, link) carries
one or more :class:`Claim` s: who asserts it, when, with what stance, and the exact words
of a source as :class:`Evidence`.

Each part remembers the line of the file it came from (``line``), for error messages.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from kg.time.edtf import Written
from kg.time.edtf import describe_edtf as _edtf_words
from kg.time.edtf import written as _written
from kg.errors import Problem
from kg.labels import pick_label
from kg.time import TimeSpan
from kg.time.span import html_table
from kg.time.network import Origin
from kg.time.relations import Offset
from kg.vocabulary import Vocabulary

__all__ = [
    "TimeSpec",
    "Evidence",
    "Claim",
    "Participant",
    "Entity",
    "Source",
    "Event",
    "Position",
    "Link",
    "TimeRelation",
    "Reading",
    "Conflict",
    "Timeline",
    "ACTOR_KINDS",
]

ACTOR_KINDS = ("person", "organisation", "team", "group", "outlet", "state")
"""Entity kinds that can act, make claims and hold positions."""


@dataclass(frozen=True)
class TimeSpec:
    """A time as the timeline file gives it, and the bounds it comes to.

    ``span`` is what queries use: the EDTF bounds, narrowed (or, for a qualified
    ``?``/``~`` date, replaced) by explicit bounds, constrained by ``holds_at``, and then
    tightened by what the timeline's relations, links and claims imply
    (:mod:`kg.timeline.derivation`). ``stated`` is the span before that last step, ``nominal`` the
    dates as written, and ``why`` maps each derived bound (``se`` earliest start, ``sl``
    latest start, ``ee``, ``el``) to the chain of constraints that set it.

    The spans hold bounds only; ``edtf`` is the one record of how the time was written,
    read by :attr:`written` (``?``, ``~``, open ends, precision) and :meth:`describe`.

    >>> from kg.time.edtf import parse_edtf
    >>> spec = TimeSpec(parse_edtf("2018-08?"), edtf="2018-08?")
    >>> spec.uncertain, spec.written.precision, spec.describe(), spec.describe_bounds()
    (True, 'month', 'August 2018 (uncertain)', 'unknown')
    """

    span: TimeSpan  # the admissible bounds: stated, then derived (what questions use)
    edtf: str | None = None
    holds_at: TimeSpec | None = None
    derivation: str | None = None
    phrase: str | None = None
    basis: str | None = None
    anchor: str | None = None
    line: int = 0
    nominal_span: TimeSpan | None = None  # the dates as written (see :mod:`kg.time.phrases`)
    stated_span: TimeSpan | None = None  # before derivation, when derivation changed it
    why: Mapping[str, tuple[Origin, ...]] = field(default_factory=dict, compare=False)
    hand_bounds: tuple[tuple[str, int], ...] = ()  # explicit bound keys and their lines

    @property
    def nominal(self) -> TimeSpan:
        """The nominal reading: the dates as written, within the admissible ``span``."""
        return self.nominal_span or self.span

    @property
    def stated(self) -> TimeSpan:
        """The bounds the timeline states, before they were derived from the other times."""
        return self.stated_span or self.span

    @property
    def written(self) -> Written | None:
        """How the time was written (:class:`kg.time.edtf.Written`), or ``None`` without EDTF text."""
        return None if self.edtf is None else _written(self.edtf)

    @property
    def uncertain(self) -> bool:
        """True when the time was written as uncertain (``?`` or ``%``)."""
        return self.edtf is not None and _written(self.edtf).uncertain

    @property
    def is_precise(self) -> bool:
        """True when the start and end day are known exactly and the time is not written as uncertain."""
        return self.span.is_precise and not self.uncertain

    def _repr_html_(self) -> str:
        """A small table for notebooks: the time as written, in words, its bounds and their reasons."""
        return html_table([
            ("as written (EDTF)", self.edtf or ""), ("in words", self.describe()), ("ar", self.describe("ar")),
            ("bounds", self.describe_bounds() if self.edtf else ""), *self.span.bound_rows(),
            ("uncertain", "marked '?': the date may be wrong, so its bounds admit any value of what is doubted"
                          if self.uncertain else ""),
            ("holds at", self.holds_at.describe() if self.holds_at else ""),
            ("derivation", self.derivation or ""), ("phrase", self.phrase or ""), ("basis", self.basis or "")])

    def describe_bounds(self, lang: str = "en") -> str:
        """The (derived) bounds in words, whatever the EDTF says: ``"starting between ..."``."""
        return self.span.describe(lang)

    def describe(self, lang: str = "en") -> str:
        """The time in words, as written: ``"about December 2016"``, ``"under way in March 2018"``.

        >>> from kg.time.edtf import parse_edtf
        >>> at = TimeSpec(parse_edtf("2016-11"), edtf="2016-11")
        >>> TimeSpec(parse_edtf("2015-06/.."), edtf="2015-06/..", holds_at=at).describe()
        'June 2015 onwards, still so in November 2016'
        >>> TimeSpec(TimeSpan.unbounded(), holds_at=at).describe("ar")
        'قائم في نوفمبر 2016'
        """
        if self.holds_at is None:
            return self.span.describe(lang) if self.edtf is None else _edtf_words(self.edtf, lang)
        held = self.holds_at.describe(lang)
        if lang == "ar":
            at = "" if held.startswith(("في ", "بين", "من ", "حتى", "منذ")) else "في "
            first = "" if self.edtf is None else _edtf_words(self.edtf, lang) + "، وما زال "
            return f"{first}قائمًا {at}{held}" if first else f"قائم {at}{held}"
        at = "" if held.startswith(("on or", "sometime", "between", "until", "unknown")) else (
            "on " if held[:1].isdigit() else "in ")
        if self.edtf is None:
            return f"under way {at}{held}"
        return f"{_edtf_words(self.edtf, lang)}, still so {at}{held}"


@dataclass(frozen=True)
class Evidence:
    """An exact span of a source: code-point offsets ``[start, end)`` and the text there."""

    source: str
    start: int
    end: int
    text: str
    gloss: str
    line: int = 0


@dataclass(frozen=True)
class Claim:
    """Who states a statement, when, with what stance, on what evidence."""

    id: str
    about: str  # id of the event, position or link
    by: tuple[str, ...]
    stance: str
    date: TimeSpec
    evidence: tuple[Evidence, ...]
    citing: tuple[str, ...] = ()
    via: tuple[str, ...] = ()
    public: bool = True
    note: str | None = None
    line: int = 0
    dated_by: str | None = None  # the source or document whose date the claim takes (no date of its own)


@dataclass(frozen=True)
class Participant:
    """An entity taking part in an event in a role (agent, target, recipient, ...)."""

    entity: str
    role: str
    inferred: bool = False
    basis: str | None = None
    line: int = 0


@dataclass(frozen=True)
class Entity:
    """An actor, topic, document or office, with labels by language."""

    id: str
    kind: str
    labels: Mapping[str, str]
    alt_labels: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    part_of: str | None = None
    note: str | None = None
    line: int = 0
    date: TimeSpec | None = None  # a document's date (the tweet, the email), when claims are dated by it

    @property
    def is_actor(self) -> bool:
        return self.kind in ACTOR_KINDS

    def label(self, lang: str = "en") -> str:
        """The label in ``lang``, falling back to English."""
        return pick_label(self.labels, lang)


@dataclass(frozen=True)
class Source:
    """A source text of the timeline, with its SHA-256 digest and contents."""

    id: str
    labels: Mapping[str, str]
    language: str
    path: str  # as written, relative to the timeline file
    sha256: str
    text: str = field(repr=False, compare=False)
    date: TimeSpec | None = None
    publisher: str | None = None
    translation_of: str | None = None
    line: int = 0

    def label(self, lang: str = "en") -> str:
        return pick_label(self.labels, lang)


@dataclass(frozen=True)
class Event:
    """Something that happened, was planned or was only reported."""

    id: str
    labels: Mapping[str, str]
    type: str
    status: str
    participants: tuple[Participant, ...]
    time: TimeSpec
    claims: tuple[Claim, ...]
    note: str | None = None
    line: int = 0

    def label(self, lang: str = "en") -> str:
        return pick_label(self.labels, lang)

    def in_role(self, role: str) -> tuple[str, ...]:
        """Ids of the entities taking part in ``role``."""
        return tuple(p.entity for p in self.participants if p.role == role)


@dataclass(frozen=True)
class Position:
    """An actor holding an office in an organisation or team over a time."""

    id: str
    holder: str
    office: str
    organisation: str
    time: TimeSpec
    claims: tuple[Claim, ...]
    note: str | None = None
    line: int = 0


@dataclass(frozen=True)
class Link:
    """A stated relation between two events (because-of, response-to, part-of)."""

    id: str
    relation: str
    source_event: str
    target_event: str
    claims: tuple[Claim, ...]
    note: str | None = None
    line: int = 0


@dataclass(frozen=True)
class TimeRelation:
    """A relation the source states between the times of two items (see :mod:`kg.time.relations`).

    ``source_item`` and ``target_item`` are ids of events, positions, claims or sources
    (a source's own date). ``relation`` is a name from
    :data:`kg.time.relations.RELATIONS`; ``from_point`` / ``to_point`` pick single ends
    (``start`` / ``end``) for a relation between points; ``offset`` is an ISO 8601
    duration such as ``P1M`` or ``P1M~`` (see :func:`kg.time.relations.parse_offset`).
    """

    id: str
    source_item: str
    relation: str
    target_item: str
    basis: str
    evidence: tuple[Evidence, ...]
    from_point: str | None = None
    to_point: str | None = None
    offset: Offset | None = None
    phrase: str | None = None
    note: str | None = None
    line: int = 0


@dataclass(frozen=True)
class Reading:
    """One reading of a conflicting passage."""

    id: str
    labels: Mapping[str, str]
    time: TimeSpec
    basis: str | None
    evidence: tuple[Evidence, ...]
    line: int = 0


@dataclass(frozen=True)
class Conflict:
    """Where the source contradicts itself or the calendar; every reading is kept."""

    id: str
    about: str
    kind: str
    description: Mapping[str, str]
    readings: tuple[Reading, ...]
    line: int = 0


@dataclass(frozen=True)
class Timeline:
    """A checked timeline: everything a timeline file states."""

    id: str
    base: str
    labels: Mapping[str, str]
    description: Mapping[str, str]
    curated: dt.date | dt.datetime | None  # when the dataset was last curated
    sources: Mapping[str, Source]
    entities: Mapping[str, Entity]
    events: Mapping[str, Event]
    positions: Mapping[str, Position]
    links: Mapping[str, Link]
    conflicts: Mapping[str, Conflict]
    vocabulary: Vocabulary = field(repr=False)
    relations: Mapping[str, TimeRelation] = field(default_factory=dict)
    notes: tuple[Problem, ...] = ()  # what deriving the times found worth saying (kg validate)
    own_event_types: frozenset[str] = frozenset()
    path: Path | None = None

    def label(self, lang: str = "en") -> str:
        return pick_label(self.labels, lang)

    def claims(self) -> Iterator[Claim]:
        """Every claim, in file order: events, then positions, then links."""
        owners: tuple[Event | Position | Link, ...] = (*self.events.values(), *self.positions.values(),
                                                      *self.links.values())
        for owner in owners:
            yield from owner.claims

    def evidence(self) -> Iterator[Evidence]:
        """Every evidence span: of claims, of conflict readings, then of time relations."""
        for claim in self.claims():
            yield from claim.evidence
        for conflict in self.conflicts.values():
            for reading in conflict.readings:
                yield from reading.evidence
        for relation in self.relations.values():
            yield from relation.evidence

    def label_of(self, ident: str, lang: str = "en") -> str:
        """The label of any entity, event, source or office by id."""
        tables: tuple[Mapping[str, Entity | Event | Source], ...] = (self.entities, self.events, self.sources)
        for table in tables:
            if ident in table:
                return table[ident].label(lang)
        return ident
