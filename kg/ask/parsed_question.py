"""A parsed question: its form, what it names (as IRIs and notations), and its time phrase.

:func:`kg.ask.question.parse_question` reads a question into one :class:`Question`; each form's
runner (:mod:`kg.ask.forms`) and SPARQL compiler (:mod:`kg.ask.sparql`) take it from there.

>>> q = Question("who opposed disclosure", "who", relation="opposed")
>>> (q.kind, q.relation, q.role)
('who', 'opposed', 'agent')
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from kg.time.phrases import TimeFilter

if TYPE_CHECKING:
    from kg.ask.index import QueryIndex

__all__ = ["Question"]


@dataclass(frozen=True)
class Question:
    """A parsed question: its form (``kind``), what it names, and its time phrase."""

    text: str
    kind: str  # a form's name (FORMS)
    relation: str | None = None  # event type notation
    target: str | None = None  # IRI
    actor: str | None = None  # IRI
    office: str | None = None  # IRI
    organisation: str | None = None  # IRI
    when: TimeFilter | None = None
    public_only: bool = True  # "reported": public claims only
    role: str = "agent"  # who answers: agent, others, or one role's notation
    medium: str | None = None  # IRI of the document events went through (the email)
    stance: str | None = None  # claims: stance notation
    claimant: str | None = None  # claims: IRI of who (or which document) claims
    events: tuple[str, ...] = ()  # the events a clause names ("that Stamos was leaving")
    others: tuple[str, ...] = ()  # "did A happen before B": B's events
    comparison: str | None = None  # before | after | during | ...
    points: tuple[str | None, str | None] = (None, None)  # the ends of A and B compared ("the end of")
    statuses: tuple[str, ...] = ()
    public: bool | None = None  # "what was public" / "what was internal"

    def explain(self, index: QueryIndex) -> str:
        """The parsed question in words."""
        from kg.time import TimeSpan

        parts = [f"question: {self.kind}"]
        for name in ("relation", "actor", "target", "office", "organisation", "medium", "claimant"):
            value = getattr(self, name)
            if value:
                parts.append(f"{name}: {index.label(value)} <{value}>" if name != "relation" else f"relation: {value}")
        for name in ("stance", "comparison"):
            if getattr(self, name):
                parts.append(f"{name}: {getattr(self, name)}")
        if self.role != "agent":
            parts.append(f"answers: {self.role}")
        for name in ("events", "others"):
            for key in getattr(self, name):
                parts.append(f"{name[:-1]}: {index.label(key)} <{key}>")
        if self.statuses:
            parts.append(f"status: {', '.join(self.statuses)}")
        if self.when is not None:
            t = self.when
            span = t.first if t.second is None else TimeSpan.period(t.first.start_earliest, t.second.end_latest)  # type: ignore[arg-type]  # "between" always has both ends
            parts.append(f"time: {t.describe()} [{t.kind}: {span.start_earliest} .. {span.end_latest}]")
        return "\n".join(parts)
