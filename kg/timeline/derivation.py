"""Derived times: a timeline's dates, relations, links and claims solved together.

:func:`derive_times` puts every timed item of a checked :class:`~kg.timeline.model.Timeline` (each
event, position, claim date and source date) into one
:class:`~kg.time.network.TimeNetwork`, with

* the bounds each item's time states (its admissible reading; the nominal reading, the
  dates as written, goes into a second solve that also has every admissible constraint);
* the relations of the ``relations:`` section (:mod:`kg.time.relations`);
* what each link implies (a response starts no earlier than what it answers, a cause no
  later than its effect ends, a part lies within its whole);
* what each claim implies (a claim that something happened or holds is made after it
  began; a claim quoted in a source was made by the source's date; a claim and a source
  are each dated to a single day),

solves it once, and returns the timeline with every time's ``span`` narrowed to the
tightest admissible bounds, ``nominal_span`` to the tightest nominal ones, ``stated_span``
keeping what the file said and ``why`` the chain of constraints behind each derived bound.

A contradiction (no days satisfy all the constraints) is a
:class:`~kg.errors.TimelineError` naming each constraint on the cycle with its line.
Where a derived bound is tighter than a bound the curator wrote by hand, a note says so
(``timeline.notes``; ``kg validate`` prints them), so hand bounds the text already
implies can be dropped.

>>> from kg.timeline.reader import load_timeline
>>> t = load_timeline()
>>> tweet = t.events["stamos-posts-on-twitter"].time
>>> tweet.stated.start_earliest is None, tweet.span.start_earliest
(True, datetime.date(2018, 1, 1))
>>> [o.ref for o in tweet.why["se"]]
['security-team-reorganised', 'reorganisation-before-the-report', 'tweet-after-the-report']
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from typing import Any

from kg.errors import Problem, TimelineError
from kg.timeline.model import Claim, Event, Position, Timeline, TimeSpec
from kg.time.network import Contradiction, Item, Origin, Solution, TimeNetwork
from kg.time.relations import CLAIM_TIMES, CLAIMS_THAT_DATE, LINK_TIMES, Offset, constraints
from kg.time.days import NEG_INF, POS_INF, from_ordinal
from kg.time.span import TimeSpan

__all__ = ["add_constraints", "add_relation", "bound_item", "derive_times", "time_network", "time_origin"]

_BOUNDS = ("se", "sl", "ee", "el")
_HAND = {"start_not_before": "se", "not_before": "se", "start_not_after": "sl", "end_not_before": "ee",
         "end_not_after": "el", "not_after": "el"}


def _timed(timeline: Timeline) -> Iterator[tuple[str, TimeSpec, bool]]:
    """(item id, time, is a single day) for every timed item: sources, dated documents, events,
    positions, and claims with dates of their own."""
    for source in timeline.sources.values():
        if source.date is not None:
            yield source.id, source.date, True
    for entity in timeline.entities.values():
        if entity.date is not None:
            yield entity.id, entity.date, True
    owners: list[Event | Position] = [*timeline.events.values(), *timeline.positions.values()]
    for owner in owners:
        yield owner.id, owner.time, False
    for claim in timeline.claims():
        if claim.dated_by is None:
            yield claim.id, claim.date, True


def _claim_item(claim: Claim) -> str:
    return claim.dated_by or claim.id


_HAND_WORDS = {"start_not_before": "starts on or after", "not_before": "starts on or after",
               "start_not_after": "starts on or before", "end_not_before": "ends on or after",
               "end_not_after": "ends on or before", "not_after": "ends on or before"}


def _words(spec: TimeSpec) -> str:
    """The time as the file gives it: its EDTF and any bounds written by hand."""
    words = spec.edtf or ("under way " + spec.holds_at.describe() if spec.holds_at else "no date of its own")
    for key, _ in spec.hand_bounds:
        day = getattr(spec.stated, {"se": "start_earliest", "sl": "start_latest", "ee": "end_earliest",
                                     "el": "end_latest"}[_HAND[key]])
        words += f", {_HAND_WORDS[key]} {day.isoformat() if day else 'open'} (by hand)"
    return words


def time_network(timeline: Timeline, *, nominal: bool = False) -> TimeNetwork:
    """The timeline's constraint network (with the nominal readings too, for ``nominal=True``)."""
    net = TimeNetwork()
    net.aliases.update({c.id: c.dated_by for c in timeline.claims() if c.dated_by})
    for ident, spec, one_day in _timed(timeline):
        item = net.item(ident, one_day=one_day)
        bound_item(net, item, spec.stated, time_origin(ident, spec, "stated"))
        if nominal and spec.nominal_span is not None:
            bound_item(net, item, spec.nominal, time_origin(ident, spec, "nominal"))
    for rel in timeline.relations.values():
        add_relation(net, rel.id, rel.source_item, rel.relation, rel.target_item, from_point=rel.from_point,
                     to_point=rel.to_point, offset=rel.offset, quotes=tuple(e.text for e in rel.evidence),
                     line=rel.line, nominal=nominal)
    for link in timeline.links.values():
        origin = Origin("link", f"link {link.id}: {link.source_event} {link.relation} {link.target_event}",
                        link.line, link.id)
        add_constraints(net, LINK_TIMES[link.relation], link.source_event, link.target_event, origin)
    owners: list[Event | Position] = [*timeline.events.values(), *timeline.positions.values()]
    for owner in owners:
        planned = isinstance(owner, Event) and owner.status == "planned"
        for claim in owner.claims:
            claimed = _claim_item(claim)
            if claim.stance in CLAIMS_THAT_DATE and not planned:
                origin = Origin("claim", f"claim {claim.id} ({claim.stance}) is made after {owner.id} began",
                                claim.line, claim.id)
                add_constraints(net, (CLAIM_TIMES["made-after-start"],), claimed, owner.id, origin)
    for claim in timeline.claims():
        claimed = _claim_item(claim)
        for source in sorted({e.source for e in claim.evidence}):
            if source != claimed and source in net.items and source in timeline.sources:
                origin = Origin("claim", f"claim {claim.id} is quoted in {source}, so made by its date",
                                claim.line, claim.id)
                add_constraints(net, (CLAIM_TIMES["quoted-after-made"],), claimed, source, origin)
    return net


def time_origin(ident: str, spec: TimeSpec, kind: str) -> Origin:
    """The origin of an item's bounds: ``stated`` (what the file says) or ``nominal`` (as written)."""
    what = "as written" if kind == "nominal" else (spec.derivation or "stated")  # stated, inferred, ...
    words = f", «{spec.phrase}»" if spec.phrase else ""
    return Origin(kind, f"{ident}: {_words(spec)} ({what}{words})", spec.line, ident)


def bound_item(net: TimeNetwork, item: Item, reading: TimeSpan, origin: Origin) -> None:
    """Put the four bounds of *reading* on the two points of *item*."""
    se, sl, ee, el = reading.ordinals
    net.at_least(item.start, se, origin)
    net.at_most(item.start, sl, origin)
    net.at_least(item.end, ee, origin)
    net.at_most(item.end, el, origin)


def add_relation(net: TimeNetwork, ident: str, a: str, relation: str, b: str, *, from_point: str | None = None,
                 to_point: str | None = None, offset: Offset | None = None, quotes: tuple[str, ...] = (),
                 line: int = 0, nominal: bool = False) -> None:
    """The relation *ident* between items *a* and *b* (with its offset as written, for ``nominal``)."""
    text = f"{a} {relation}{' ' + offset.text if offset else ''} {b}"
    readings = [(False, "relation")] + ([(True, "nominal")] if nominal and offset else [])
    for as_written, kind in readings:
        diffs = constraints(relation, from_point=from_point, to_point=to_point, offset=offset, nominal=as_written)
        said = f" «{quotes[0]}»" if quotes else ""
        origin = Origin(kind, f"relation {ident}: {text}{said}" + (" (as written)" if as_written else ""),
                        line, ident, quotes)
        add_constraints(net, diffs, a, b, origin)


def add_constraints(net: TimeNetwork, diffs: Any, a: str, b: str, origin: Origin) -> None:
    """Add each ``low <= X - Y <= high`` of *diffs* (``A`` standing for item *a*, ``B`` for *b*)."""
    items = {"A": net.items[net.aliases.get(a, a)], "B": net.items[net.aliases.get(b, b)]}
    for (xi, xp), (yi, yp), low, high in diffs:
        x = getattr(items[xi], xp)
        y = getattr(items[yi], yp)
        net.difference(x, y, low, high, origin)


def _span(base: TimeSpan, solution: Solution, start: int, end: int) -> TimeSpan:
    (se, sl), (ee, el) = solution.bounds(start), solution.bounds(end)
    return dataclasses.replace(base, start_earliest=from_ordinal(se), start_latest=from_ordinal(sl),
                               end_earliest=from_ordinal(ee), end_latest=from_ordinal(el))


def _contradiction(exc: Contradiction, shown: str, nominal: bool) -> list[Problem]:
    head = "the dates as written contradict each other" if nominal else "the times contradict each other"
    steps = "; ".join(o.describe(shown) for o in exc.origins)
    line = min((o.line for o in exc.origins if o.line), default=None)
    return [Problem(shown, line, f"{head}: {steps}")]


def derive_times(timeline: Timeline, *, shown: str = "timeline") -> Timeline:
    """The timeline with every time narrowed to what all its constraints imply (module docs)."""
    nominal_net = time_network(timeline, nominal=True)  # built once: the admissible one leaves out the dates as written
    try:
        solution = nominal_net.without("nominal").solve()
    except Contradiction as exc:
        raise TimelineError(_contradiction(exc, shown, nominal=False)) from None
    notes: list[Problem] = []
    try:
        as_written: Solution | None = nominal_net.solve()
    except Contradiction as exc:  # keep going: "likely" then rests on the admissible bounds
        as_written = None
        notes.extend(dataclasses.replace(p, severity="warning") for p in _contradiction(exc, shown, nominal=True))
    derived: dict[str, TimeSpec] = {}
    for ident, spec, _ in _timed(timeline):
        item = solution.network.items[ident]  # the same points in both networks
        span = _span(spec.span, solution, item.start, item.end)
        nominal = _span(spec.nominal, as_written, item.start, item.end) if as_written is not None else span
        why = {}
        for name, stated, got in zip(_BOUNDS, spec.span.ordinals, span.ordinals):
            if got != stated:
                point = item.start if name[0] == "s" else item.end
                why[name] = tuple(solution.why(point, upper=name[1] == "l"))
        for key, line in spec.hand_bounds:
            name = _HAND[key]
            stated, got = spec.span.ordinals[_BOUNDS.index(name)], span.ordinals[_BOUNDS.index(name)]
            if got != stated:
                chain = ", ".join(o.ref or o.kind for o in why.get(name, ()) if o.kind != "span")
                notes.append(Problem(shown, line, f"{ident}: {key} {_day(stated)} is tightened to {_day(got)} "
                                     f"by {chain}; the hand bound may be dropped", severity="note"))
        derived[ident] = dataclasses.replace(
            spec, span=span, nominal_span=nominal if nominal != span else None,
            stated_span=spec.span if span != spec.span else None, why=why)
    return _rebuilt(timeline, derived, notes)


def _day(n: int) -> str:
    d = from_ordinal(n) if NEG_INF < n < POS_INF else None
    return d.isoformat() if d else "open"


def _rebuilt(timeline: Timeline, times: dict[str, TimeSpec], notes: list[Problem]) -> Timeline:
    def claims(owner_claims: tuple[Claim, ...]) -> tuple[Claim, ...]:
        return tuple(dataclasses.replace(c, date=times[c.dated_by or c.id]) for c in owner_claims)

    sources = {k: dataclasses.replace(s, date=times[k]) if s.date is not None else s
               for k, s in timeline.sources.items()}
    entities = {k: dataclasses.replace(e, date=times[k]) if e.date is not None else e
                for k, e in timeline.entities.items()}
    events = {k: dataclasses.replace(e, time=times[k], claims=claims(e.claims)) for k, e in timeline.events.items()}
    positions: dict[str, Position] = {k: dataclasses.replace(p, time=times[k], claims=claims(p.claims))
                                      for k, p in timeline.positions.items()}
    links = {k: dataclasses.replace(link, claims=claims(link.claims)) for k, link in timeline.links.items()}
    return dataclasses.replace(timeline, sources=sources, entities=entities, events=events, positions=positions,
                               links=links, notes=tuple(notes))
