"""The records of what supports an answer: an event, position or claim, with its grade.

A :class:`Support` holds what a reader needs to see why an answer holds: the item's labels,
relation, status and time (with how it was written and what derived it), its grade, and the
claims behind it, each with its claimants, stance, date and evidence (:func:`claim_record`).
:func:`kg.ask.answers.collect_answers` makes them when an answer's support is first read.

>>> from kg import load
>>> from kg.ask.index import index_of
>>> from kg.time import Certainty
>>> index = index_of(load().networkx)
>>> item = index.items[next(k for k in index.items if k.endswith("policy-team-opposes-disclosure"))]
>>> record = support_of(index, item, Certainty.POSSIBLY)
>>> record.label, record.certainty.word, record.claims[0]["stance"]
("Facebook's policy team is initially against sharing more about Russian interference", 'possibly', 'asserts')
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from kg.ask.runners import Row
from kg.labels import pick_label
from kg.time import Certainty, TimeSpan
from kg.timeline.model import TimeSpec

if TYPE_CHECKING:
    from kg.ask.index import Item, QueryIndex

__all__ = ["Support", "claim_record", "support_of", "supports"]


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


def support_of(index: QueryIndex, item: Item, certainty: Certainty) -> Support:
    """The record of ``item`` supporting an answer with ``certainty``, its claims made records."""
    d = item.data
    claims = [d["claim"]] if "claim" in d else d.get("claims", ())
    return Support(item.key, item.kind, d.get("labels", {}), d["relation"], d["status"], d["time"], certainty,
                   tuple(claim_record(index, c) for c in claims) if claims else (),
                   index.label(d["about"]) if "about" in d else "")


def supports(index: QueryIndex, found: Row | dict[str, Row],
             shared: dict[tuple[str, Certainty], Support]) -> tuple[Support, ...]:
    """An answer's support: one record per item, most certain first, then by earliest start and IRI."""
    out = []
    for _, item, certainty in sorted(found.values(), key=_support_order) if isinstance(found, dict) else (found,):
        record = shared.get((item.key, certainty))
        if record is None:
            record = shared[item.key, certainty] = support_of(index, item, certainty)
        out.append(record)
    return tuple(out)


def _support_order(row: Row) -> tuple[int, int, str]:
    return -row[2], row[1].start, row[1].key
