"""Each question form's grammar: reading a question's words into a :class:`~kg.ask.parsed_question.Question`.

One reader a form (``read_holders``, ``read_who``, ...): it takes the :class:`~kg.ask.reader.Reader`,
the question's words (its time phrase already cut off) and that time phrase, and returns the
parsed question, or None when the words are not of its form. :data:`kg.ask.forms.FORMS` names
the reader of each form.

>>> from kg import load
>>> from kg.ask.index import index_of
>>> from kg.ask.reader import Reader
>>> r = Reader(index_of(load().networkx), "what did Stamos do")
>>> q = read_what_did(r, "what did Stamos do".split(), None)
>>> (q.kind, r.index.label(q.actor))
('what-did', 'Alex Stamos')
"""

from __future__ import annotations

import re

from kg.errors import QueryError
from kg.ask.parsed_question import Question
from kg.ask.reader import Reader
from kg.time.phrases import TimeFilter

__all__ = ["read_holders", "read_claimants", "read_who", "read_whom", "read_what_did", "read_claims_by",
           "read_citing", "read_cited", "read_visibility", "read_what_happened", "read_status", "read_when",
           "read_why", "read_followed", "read_reported", "read_compare", "read_duration"]


def _office(r: Reader, phrase: list[str]) -> str | None:
    while phrase and phrase[-1].lower() in ("role", "position", "post", "job"):
        phrase = phrase[:-1]
    return r.one(r.index.offices, phrase)


def read_holders(r: Reader, words: list[str], when: TimeFilter | None) -> Question | None:
    lower = [w.lower() for w in words]
    if lower[:3] == ["who", "served", "as"]:
        rest = words[3:]
    elif lower[:2] in (["who", "held"], ["who", "was"], ["who", "is"], ["who", "were"]):
        rest = words[2:]
    elif len(words) > 2:
        rest = words[1:]
    else:
        return None
    while rest and rest[0].lower() in ("the", "a", "an"):
        rest = rest[1:]
    if not rest:
        return None
    whole = _office(r, rest)
    if whole is not None:
        return Question(r.text, "holders", office=whole, when=when)
    for cut in range(1, len(rest)):  # ORG's OFFICE: "Facebook's chief security officer"
        head = " ".join(rest[:cut])
        if head.lower().endswith(("'s", "’s")) and (held := _office(r, rest[cut:])) is not None:
            return Question(r.text, "holders", office=held, organisation=r.entity([head[:-2]]), when=when)
    if lower[1] not in ("was", "is", "were", "held", "served"):  # "who led the policy team": the office as a verb
        for cut in range(len(words) - 1, 1, -1):
            held = _office(r, words[1:cut])
            if held is not None:
                return Question(r.text, "holders", office=held, organisation=r.entity(words[cut:]), when=when)
        return None
    for cut in range(len(rest) - 1, 0, -1):  # OFFICE of|at|for ORG, or an office that ends in a preposition
        joiner = rest[cut].lower() in ("of", "at", "for", "in")
        held = _office(r, rest[:cut]) if joiner else None
        if held is None and joiner:
            held = _office(r, rest[:cut + 1])  # "responsible for" ORG
        if held is None:
            held = _office(r, rest[:cut])
            if held is None:
                continue
            return Question(r.text, "holders", office=held, organisation=r.entity(rest[cut:]), when=when)
        return Question(r.text, "holders", office=held, organisation=r.entity(rest[cut + 1:]), when=when)
    return None


def _stance_then_clause(r: Reader, words: list[str], subject: str | None
                        ) -> tuple[str, tuple[str, ...] | None, str | None]:
    """(stance, events, document): "deny that he was leaving", "say on Twitter", "report"."""
    for cut in range(len(words), 0, -1):
        stance = r.one(r.stances, words[:cut])
        if stance is not None:
            rest = words[cut:]
            if rest and rest[0].lower() in ("on", "in", "through", "by") and len(rest) > 1:
                document = r.one(r.index.entities, rest[1:])
                if document is not None and document in r.documents:
                    return stance, None, document  # "say on Twitter": in the tweet
            return stance, (r.clause(rest, subject) if rest else None), None
    raise QueryError(f"no claim verb in {' '.join(words)!r}; use reported, claimed, confirmed, denied, "
                     "relayed or left unaddressed")


def read_claimants(r: Reader, words: list[str], when: TimeFilter | None) -> Question | None:
    lower = [w.lower() for w in words]
    if lower[:1] != ["who"] or len(words) < 3:
        return None
    for cut in range(len(words), 1, -1):
        stance = r.one(r.stances, words[1:cut])
        if stance is not None and (cut == len(words) or lower[cut] in ("that", "whether") or
                                   r.index.relations.find(" ".join(words[1:cut])) == []):
            events = r.clause(words[cut:]) if words[cut:] else None
            return Question(r.text, "claimants", stance=stance, events=events or (), when=when)
    return None


def read_who(r: Reader, words: list[str], when: TimeFilter | None) -> Question | None:
    lower = [w.lower() for w in words]
    if lower[:1] != ["who"] or len(words) < 2:
        return None
    rest = words[1:]
    if lower[1:2] == ["was"] and lower[-1] == "by":  # passive: who was the security team reorganised by
        body = rest[1:-1]
        for cut in range(len(body) - 1, 0, -1):
            found = r.index.relations.find(" ".join(body[cut:]))
            if len(found) == 1:
                return Question(r.text, "who", relation=found[0], target=r.entity(body[:cut]), when=when)
    role = r.one(r.roles, rest[:1]) or r.one(r.roles, rest[:2])
    if role is not None and role != "agent":  # who received the email
        size = 1 if r.one(r.roles, rest[:1]) else 2
        events = r.clause(rest[size:])
        return Question(r.text, "who", role=role, events=events, when=when)
    try:
        relation, target, medium = r.relation_then_target(rest)
    except QueryError:
        events = r.labelled(rest)  # "who called for investigations": the words are in the event's label
        if not events:
            raise
        return Question(r.text, "who", events=events, when=when)
    return Question(r.text, "who", relation=relation, target=target, medium=medium, when=when)


_ROLE_OF_PREPOSITION = {"for": "beneficiary", "to": "recipient", "about": "topic", "on": "target", "against": "target"}


def read_whom(r: Reader, words: list[str], when: TimeFilter | None) -> Question | None:
    lower = [w.lower() for w in words]
    if lower[:2] not in (["whom", "did"], ["who", "did"], ["to", "whom"], ["what", "did"]) or len(words) < 4:
        return None
    if lower[:2] == ["what", "did"] and lower[-1] == "do":
        return None
    rest = words[2:] if lower[0] != "to" else words[3:]
    role = "whom"
    if rest and rest[-1].lower() in _ROLE_OF_PREPOSITION:  # "who did Cambridge Analytica work for"
        role, rest = _ROLE_OF_PREPOSITION[rest[-1].lower()], rest[:-1]
    for cut in range(1, len(rest)):
        try:
            actor = r.entity(rest[:cut])
            relation, target, medium = r.relation_then_target(rest[cut:])
        except QueryError:
            continue
        return Question(r.text, "whom" if lower[0] != "what" else "what-role", relation=relation, actor=actor,
                        target=target, medium=medium, role=role, when=when)
    if lower[0] == "what":
        return None
    raise QueryError(f"could not read {r.text!r}; try: whom did Stamos email")


def read_what_did(r: Reader, words: list[str], when: TimeFilter | None) -> Question | None:
    lower = [w.lower() for w in words]
    if lower[:2] == ["what", "did"] and lower[-1] == "do" and len(words) > 3:
        return Question(r.text, "what-did", actor=r.entity(words[2:-1]), when=when)
    return None


def read_claims_by(r: Reader, words: list[str], when: TimeFilter | None) -> Question | None:
    lower = [w.lower() for w in words]
    if (lower[:2] not in (["what", "did"], ["what", "does"]) and lower[:1] != ["did"]) or len(words) < 3:
        return None
    start = 1 if lower[0] == "did" else 2
    for cut in range(len(words) - 1, start, -1):
        try:
            claimant = r.entity(words[start:cut])
        except QueryError:
            continue
        try:
            stance, events, document = _stance_then_clause(r, words[cut:], claimant)
        except QueryError:
            continue
        if lower[0] == "did" and not events:
            continue
        return Question(r.text, "claims-by", claimant=claimant, stance=stance, events=events or (),
                        medium=document, when=when)
    return None


_CITE_VERBS = r"(?:cite|cites|cited|rest on|rests on|rested on|rely on|relies on|relied on|quote|quotes|quoted)"


def read_citing(r: Reader, words: list[str], when: TimeFilter | None) -> Question | None:
    m = re.match(rf"^(?:which|what) (?:claims?|reports?) {_CITE_VERBS} (.+)$", " ".join(words), flags=re.IGNORECASE)
    if m:
        return Question(r.text, "citing", target=r.entity(m.group(1).split()), when=when)
    return None


def read_cited(r: Reader, words: list[str], when: TimeFilter | None) -> Question | None:
    m = re.match(rf"^(?:what|which|whom|who) (?:sources? )?did (.+) {_CITE_VERBS}$", " ".join(words), flags=re.IGNORECASE)
    if m:
        try:  # whom an outlet or person cites
            return Question(r.text, "cited", claimant=r.entity(m.group(1).split()), when=when)
        except QueryError:
            return Question(r.text, "cited", events=r.clause(m.group(1).split()), when=when)
    return None


def read_visibility(r: Reader, words: list[str], when: TimeFilter | None) -> Question | None:
    lower = [w.lower() for w in words]
    if lower[:1] == ["what"] and lower[-1] in ("public", "internal") and 2 <= len(words) <= 4 and \
            set(lower[1:-1]) <= {"was", "had", "been", "made", "is", "kept"}:
        return Question(r.text, "visibility", public=lower[-1] == "public", when=when)
    return None


def read_what_happened(r: Reader, words: list[str], when: TimeFilter | None) -> Question | None:
    lower = [w.lower() for w in words]
    if lower == ["what", "happened"]:
        return Question(r.text, "what-happened", when=when)
    if lower[:2] in (["what", "was"], ["what", "were"]) and len(words) > 2:  # what was rejected
        relation = r.one(r.index.relations, words[2:])
        if relation is not None:
            return Question(r.text, "what-happened", relation=relation, when=when)
    return None


def read_status(r: Reader, words: list[str], when: TimeFilter | None) -> Question | None:
    lower = [w.lower() for w in words]
    if lower[:2] in (["which", "events"], ["what", "events"]) and len(words) > 3 and lower[2] in ("are", "were", "is", "was"):
        rest = words[3:]
    elif lower[:2] == ["what", "was"] and len(words) > 2 and r.one(r.statuses, words[2:]) is not None:
        rest = words[2:]
    else:
        return None
    status = r.one(r.statuses, rest)
    if status is None:
        raise QueryError(f"unknown status {' '.join(rest)!r}; use happened, planned or only reported")
    return Question(r.text, "status", statuses=(status,), when=when)


def read_when(r: Reader, words: list[str], when: TimeFilter | None) -> Question | None:
    lower = [w.lower() for w in words]
    if lower[:2] == ["when", "did"] and len(words) > 3:
        if lower[-1] in ("happen", "occur", "take place"):
            return Question(r.text, "when", events=r.clause(words[2:-1]))
        for cut in range(3, len(words)):
            try:
                actor = r.entity(words[2:cut])
                relation, target, medium = r.relation_then_target(words[cut:])
                return Question(r.text, "when", relation=relation, actor=actor, target=target, medium=medium)
            except QueryError:
                continue
        raise QueryError(f"could not read {r.text!r}; try: when did Facebook disclose")
    if lower[:2] in (["when", "was"], ["when", "were"]) and len(words) > 3:  # when was the security team reorganised
        return Question(r.text, "when", events=r.clause(words[2:]))
    return None


def read_why(r: Reader, words: list[str], when: TimeFilter | None) -> Question | None:
    lower = [w.lower() for w in words]
    if lower[:1] == ["why"] and len(words) > 2:
        rest = words[2:] if lower[1] in ("did", "was", "is", "were", "does", "has", "had") else words[1:]
        return Question(r.text, "why", events=r.clause(rest))
    if lower[:3] in (["what", "led", "to"], ["what", "caused", "the"]) or lower[:2] == ["what", "caused"]:
        return Question(r.text, "why", events=r.clause(words[3:] if lower[1] == "led" else words[2:]))
    return None


def read_followed(r: Reader, words: list[str], when: TimeFilter | None) -> Question | None:
    lower = [w.lower() for w in words]
    if lower[:3] in (["what", "followed", "from"], ["what", "came", "of"], ["what", "resulted", "from"]):
        return Question(r.text, "followed", events=r.clause(words[3:]))
    return None


def read_reported(r: Reader, words: list[str], when: TimeFilter | None) -> Question | None:
    import datetime as dt

    from kg.time import TimeSpan

    lower = [w.lower() for w in words]
    if lower[:3] == ["what", "had", "been"] or lower[:3] == ["what", "was", "publicly"]:
        rest = [w for w in lower[2:] if w not in ("been", "publicly")]
        if rest and rest[0] in ("reported", "disclosed", "claimed") and len(rest) == 1:
            if when is None:
                when = TimeFilter("as-of", TimeSpan.period(dt.date.max, dt.date.max), words="by now")
            elif when.kind != "as-of":
                raise QueryError("ask what had been reported 'by' or 'as of' a date")
            return Question(r.text, "reported", when=when, public_only=rest[0] != "claimed")
    return None


def _point(words: list[str]) -> tuple[list[str], str | None]:
    """A clause and the end of its events it names: "the end of the elections", "the
    elections ended", "the start of the push" (None: as the form measures)."""
    lower = [w.lower() for w in words]
    for lead, point in ((["the", "end", "of"], "end"), (["end", "of"], "end"), (["the", "start", "of"], "start"),
                        (["the", "beginning", "of"], "start"), (["start", "of"], "start")):
        if lower[:len(lead)] == lead and len(words) > len(lead):
            return words[len(lead):], point
    if len(words) > 1 and lower[-1] in ("ended", "end", "finished", "ends"):
        return words[:-1], "end"
    if len(words) > 1 and lower[-1] in ("began", "started", "begins", "starts"):
        return words[:-1], "start"
    return words, None


_COMPARISONS = {"strictly before": "strictly-before", "before": "before", "after": "after", "during": "during",
                "while": "during", "overlap with": "during", "overlapped with": "during", "overlap": "during",
                "since": "since"}


def read_compare(r: Reader, words: list[str], when: TimeFilter | None) -> Question | None:
    lower = [w.lower() for w in words]
    if lower[:1] not in (["did"], ["was"], ["were"]) or when is not None:
        return None
    text = " ".join(words[1:])
    for word, kind in _COMPARISONS.items():
        for m in re.finditer(rf"(?<!\S){word}(?!\S)", text, flags=re.IGNORECASE):
            if word == "before" and text[:m.start()].lower().endswith("strictly "):
                continue
            a, b = text[:m.start()].split(), text[m.end():].split()
            ended = False
            while a and a[-1].lower() in ("happen", "come", "occur", "start", "begin", "end", "finish", "take",
                                          "place", "strictly"):
                ended = ended or a[-1].lower() in ("end", "finish")
                a = a[:-1]
            if not a or not b:
                continue
            if ended and kind == "before":  # "did the elections end before the warning": A's end
                kind = "strictly-before"
            b, b_point = _point(b)
            try:
                return Question(r.text, "compare", events=r.clause(a), others=r.clause(b), comparison=kind,
                                points=(None, b_point))
            except QueryError:
                continue
    return None


def read_duration(r: Reader, words: list[str], when: TimeFilter | None) -> Question | None:
    lower = [w.lower() for w in words]
    if lower[:2] != ["how", "long"] or when is not None:
        return None
    text = " ".join(words[2:])
    m = re.match(r"^between (.+)$", text, flags=re.IGNORECASE)
    if m:
        body = m.group(1)
        for sep in reversed(list(re.finditer(r"(?<!\S)and(?!\S)", body, flags=re.IGNORECASE))):
            (a, a_point), (b, b_point) = _point(body[:sep.start()].split()), _point(body[sep.end():].split())
            if a and b:
                try:
                    return Question(r.text, "duration", events=r.clause(a), others=r.clause(b),
                                    points=(a_point, b_point))
                except QueryError:
                    continue
    m = re.match(r"^after (.+?) did (.+)$", text, flags=re.IGNORECASE)
    if m:
        b = m.group(2).split()
        while b and b[-1].lower() in ("happen", "come", "occur"):
            b = b[:-1]
        return Question(r.text, "duration", events=r.clause(m.group(1).split()), others=r.clause(b))
    raise QueryError(f"could not read {r.text!r}; try: how long between the warning and the public disclosure")
