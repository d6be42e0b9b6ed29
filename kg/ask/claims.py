"""Questions about claims, reasons and status: who said what, citing whom, why, and what followed.

The runners here yield ``(answer, item, grade)`` rows, as those of :mod:`kg.ask.runners` do, so
:func:`kg.ask.answers.collect_answers` groups them. A *claim* is an item of its own
(:attr:`kg.ask.index.QueryIndex.claims`): its time is the day it was made, its status whether
it was public or internal. A *link* (because-of, response-to, part-of) is an item too, whose
claims say who gives the reason.

>>> from kg import load
>>> from kg.ask.index import index_of
>>> index = index_of(load().networkx)
>>> leaving = [i.key for i in index.by_relation["departed"]]
>>> rows = run_claimants(index, leaving, "asserts", None)
>>> sorted(index.label(a) for a in {a for a, _, _ in rows})
['Reuters', 'The New York Times', 'The Wall Street Journal']
>>> [index.label(a) for a, _, _ in run_reasons(index, leaving)]  # doctest: +NORMALIZE_WHITESPACE
['Stamos clashes with the policy team over how much Facebook would disclose about Russian interference',
 "Stamos's role at Facebook changes"]
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from kg.ask.index import Item, QueryIndex
from kg.ask.runners import Row
from kg.time import Certainty
from kg.time.phrases import TimeFilter

__all__ = ["run_claimants", "run_claims_by", "run_citing", "run_cited", "run_visibility", "run_reasons",
           "run_followed", "run_status", "REASON_LINKS"]

REASON_LINKS = ("because-of", "response-to")
"""The links that give a reason: an effect *because of* its cause, a response *to* what it answers."""


def _dated(item: Item, when: TimeFilter | None) -> Certainty:
    """A claim was made (certainly); with a time phrase, as surely as its date passes it."""
    if when is None:
        return Certainty.CERTAINLY
    time = item.data["time"]
    return when.judge(time.span, nominal=time.nominal)


def _claims(index: QueryIndex, about: Iterable[str] | None) -> Iterator[Item]:
    wanted = None if about is None else set(about)
    for item in index.claims.values():
        if wanted is None or item.data["about"] in wanted:
            yield item


def run_claimants(index: QueryIndex, about: Iterable[str] | None, stance: str | None,
                  when: TimeFilter | None) -> Iterator[Row]:
    """(claimant, claim, grade) for each claim about ``about`` with ``stance`` (any when None)."""
    for item in _claims(index, about):
        claim = item.data["claim"]
        if stance is None or claim["stance"] == stance:
            grade = _dated(item, when)
            for who in claim["claimants"]:
                yield who, item, grade


def run_claims_by(index: QueryIndex, claimant: str, stance: str | None, about: Iterable[str] | None,
                  when: TimeFilter | None, *, document: str | None = None) -> Iterator[Row]:
    """(what, claim, grade) for each claim ``claimant`` makes (a person, an outlet, or a
    document such as the tweet it is made in), with ``stance``, about ``about``, in ``document``."""
    for item in _claims(index, about):
        claim = item.data["claim"]
        if claimant not in claim["claimants"] and claim.get("document") != claimant:
            continue
        if document is not None and claim.get("document") != document:
            continue
        if stance is None or claim["stance"] == stance:
            yield item.data["about"], item, _dated(item, when)


def run_citing(index: QueryIndex, cited: str, about: Iterable[str] | None, when: TimeFilter | None) -> Iterator[Row]:
    """(what, claim, grade) for each claim that cites ``cited`` (or reaches it via someone)."""
    for item in _claims(index, about):
        claim = item.data["claim"]
        if cited in claim.get("citing", ()) or cited in claim.get("via", ()):
            yield item.data["about"], item, _dated(item, when)


def run_cited(index: QueryIndex, about: Iterable[str] | None, when: TimeFilter | None, *,
              claimant: str | None = None) -> Iterator[Row]:
    """(cited source, claim, grade): whom the claims about ``about`` (by ``claimant``) cite."""
    for item in _claims(index, about):
        claim = item.data["claim"]
        if claimant is not None and claimant not in claim["claimants"]:
            continue
        for cited in (*claim.get("citing", ()), *claim.get("via", ())):
            yield cited, item, _dated(item, when)


def run_visibility(index: QueryIndex, public: bool, when: TimeFilter | None) -> Iterator[Row]:
    """(what, claim, grade) for each public (or internal) claim, graded by its date against ``when``."""
    for item in _claims(index, None):
        if item.data["claim"]["public"] == public:
            yield item.data["about"], item, _dated(item, when)


def _linked(index: QueryIndex, link: Item) -> Certainty:
    """The text gives the reason: certainly (who gives it is in the link's claims, and the
    cause's own status, such as only reported, is shown with it)."""
    return Certainty.CERTAINLY


def _along(index: QueryIndex, keys: Iterable[str], near: str, far: str) -> Iterator[Row]:
    """(the far end, link, grade) for each reason-giving link whose ``near`` end is one of ``keys``."""
    wanted = set(keys)
    for link in index.links.values():
        data = link.data["link"]
        if data[near] in wanted and data["relation"] in REASON_LINKS:
            yield data[far], link, _linked(index, link)


def run_reasons(index: QueryIndex, effects: Iterable[str]) -> Iterator[Row]:
    """(cause, link, grade): what ``effects`` happened because of, or in response to."""
    return _along(index, effects, "from", "to")


def run_followed(index: QueryIndex, causes: Iterable[str]) -> Iterator[Row]:
    """(effect, link, grade): what happened because of, or in response to, ``causes``."""
    return _along(index, causes, "to", "from")


def run_status(index: QueryIndex, statuses: Iterable[str], when: TimeFilter | None) -> Iterator[Row]:
    """(event, event, grade) for each event whose status is one of ``statuses``."""
    wanted = set(statuses)
    for item in index.events:
        if item.data["status"] in wanted and (when is None or item.key not in when.anchors):
            time = item.data["time"]  # its status is certain; only its time is graded
            grade = Certainty.CERTAINLY if when is None else when.judge(time.span, nominal=time.nominal)
            yield item.key, item, grade
