"""The question forms of ``kg ask``: one table, each form its grammar, example, reader, runner and SPARQL.

A form is one :class:`Form` in :data:`FORMS`: the words it starts with, a line of grammar,
a worked example, the function that reads the rest of the question (:class:`Reader`
methods, which resolve names through the graph's labels and the vocabulary's SKOS labels),
the runner that answers it over the networkx index, and the name of its SPARQL compiler in
:mod:`kg.ask.sparql`. ``kg ask --help`` and the README's grammar are made from (and
tested against) this table; a new form is one entry.

>>> [f.name for f in FORMS][:4]
['holders', 'claimants', 'who', 'cited']
>>> print(FORMS[0].grammar)
who held|was|is OFFICE [of|at|for ORG] | who was ORG's OFFICE
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from kg.errors import QueryError
from kg.ask.query import QueryIndex, _Item, run_events, run_holders, run_reported, run_who
from kg.time import Certainty
from kg.time.phrases import TimeFilter

__all__ = ["Question", "Form", "FORMS", "Reader", "form_named"]

Row = tuple[str, _Item, Certainty]


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


@dataclass(frozen=True)
class Form:
    """One question form: how it reads, how it is answered, and how it is shown."""

    name: str
    starts: tuple[tuple[str, ...], ...]  # the lead words it may start with, lower case
    grammar: str
    example: str
    help: str
    read: Callable[[Reader, list[str], TimeFilter | None], Question | None]
    run: Callable[[QueryIndex, Question], Iterable[Row]]
    answers: str  # actor | event | claimant | verdict | duration ...
    sparql: str  # name of the compiler in kg.ask.sparql
    takes_time: bool = True


@dataclass(frozen=True)
class _QuestionWords:
    """What a question's words are matched against beyond the index's own names: the graph's
    documents and media, and the vocabulary's stances, statuses and roles (SKOS labels)."""

    documents: frozenset[str]
    media: frozenset[str]
    stances: Any
    statuses: Any
    roles: Any

    @classmethod
    def of(cls, index: QueryIndex) -> _QuestionWords:
        cached = getattr(index, "_question_words", None)
        if cached is None:
            from kg.ask.names import Lexicon
            from kg.vocabulary import bundled_vocabulary

            vocabulary = bundled_vocabulary()
            lexicons = []
            for concepts in (vocabulary.stances, vocabulary.statuses, vocabulary.roles):
                lex = Lexicon()
                for notation, concept in concepts.items():
                    index._names(lex, notation, concept.labels, concept.alt_labels, iri=str(concept.iri))
                lexicons.append(lex)
            cached = cls(frozenset(n for n, d in index.G.nodes(data=True) if d.get("kind") == "document"),
                         frozenset(m for i in index.events for m in i.data.get("participants", {}).get("medium", ())),
                         *lexicons)
            index._question_words = cached  # type: ignore[attr-defined]  # the index lives as long as the graph is unchanged
        return cached


class Reader:
    """Reads the parts of a question against one graph's names (labels and SKOS labels)."""

    def __init__(self, index: QueryIndex, text: str):
        self.index, self.text = index, text
        words = _QuestionWords.of(index)  # built once per index, not per question
        self.documents, self.media = words.documents, words.media
        self.stances, self.statuses, self.roles = words.stances, words.statuses, words.roles

    def entity(self, words: list[str]) -> str:
        text = re.sub(r"^(?:about|to|on|of|for|with|from|at|in|by)\s+", "", " ".join(words), flags=re.IGNORECASE)
        try:
            return self.index.entity(text)
        except QueryError:
            parts = text.split()
            for cut in range(1, len(parts)):  # "Facebook's CSO": the organisation whose office it is
                head = " ".join(parts[:cut])
                if head.lower().endswith(("'s", "’s")) and self.one(self.index.offices, parts[cut:]) is not None:
                    return self.index.entity(head[:-2])
            raise

    def one(self, lex: Any, words: list[str]) -> str | None:
        """The one thing ``words`` name in ``lex``; stances, statuses and roles only by their
        whole words (else "address" would find "did not address")."""
        whole = lex in (self.stances, self.statuses, self.roles)
        found = lex.find(" ".join(words), whole=whole) if words else []
        return found[0] if len(found) == 1 else None

    def relation_then_target(self, words: list[str]) -> tuple[str | None, str | None, str | None]:
        """(relation, target, medium): the longest relation first, then what it acts on.

        Where no relation matches, a document named as the verb ("email") stands for the
        events it was the medium of.
        """
        if len(words) > 2 and words[-2].lower() in ("on", "in", "through", "via", "by"):
            medium = self.medium(words[-1:])  # "... on Twitter": through the tweet
            if medium is not None:
                relation, target, _ = self.relation_then_target(words[:-2])
                return relation, target, medium
        first_error: QueryError | None = None
        for cut in range(len(words), 0, -1):
            rel_words, rest = words[:cut], words[cut:]
            found = self.index.relations.find(" ".join(rel_words))
            if len(found) != 1:
                continue
            if rest and self.one(self.index.offices, [w for w in rest if w.lower() not in ("the", "a", "an")]):
                return found[0], None, None  # "became chief security officer": the office is part of the verb
            try:
                return found[0], (self.entity(rest) if rest else None), None
            except QueryError as exc:
                first_error = first_error or exc
        medium = self.medium(words[:1])
        if medium is not None:
            return None, (self.entity(words[1:]) if words[1:] else None), medium
        if first_error is not None:
            raise first_error
        self.index.relation(words[0])  # raises with suggestions
        raise QueryError(f"no relation found in {' '.join(words)!r}")

    def medium(self, words: list[str]) -> str | None:
        """A document that events went through, named as a verb ("email" for the email)."""
        found = self.index.entities.find(" ".join(words)) if words else []
        hits = [f for f in found if f in self.media]
        return hits[0] if len(hits) == 1 else None

    def clause(self, words: list[str], subject: str | None = None) -> tuple[str, ...]:
        """The events a clause names: "Stamos was leaving", "the security team was
        reorganised", "the reorganisation", "the email", or an event's own words.

        A leading pronoun ("he was leaving") stands for ``subject``.
        """
        while words and words[0].lower() in ("that", "whether", "if"):
            words = words[1:]
        lowered = [w.lower() for w in words]
        for n in (3, 2):  # "the reports that Stamos was leaving": the events the claims are about
            if len(words) > n and lowered[n - 1] in ("that", "about") and \
                    lowered[n - 2] in ("reports", "claims", "report", "claim", "news") and \
                    (n == 2 or lowered[0] in ("the", "these", "those")):
                words = words[n:]
                break
        if not words:
            raise QueryError(f"{self.text!r}: say which events, e.g. 'that Stamos was leaving'")
        if subject and words[0].lower() in ("he", "she", "it", "they", "his", "her", "its", "their"):
            words = words[1:]
            try:
                return self._actor_clause(subject, words)
            except QueryError:
                pass
        index = self.index
        text = " ".join(words)
        lowered = [w.lower() for w in words]
        if "by" in lowered[1:-1]:  # "calls for investigations by lawmakers": the events, by that agent
            cut = len(lowered) - 1 - lowered[::-1].index("by")
            try:
                agent = self.entity(words[cut + 1:])
                keys = tuple(k for k in self.clause(words[:cut]) if agent in index.items[k].agents)
                if keys:
                    return keys
            except QueryError:
                pass
        for cut in range(len(words) - 1, 0, -1):
            try:
                actor = self.entity(words[:cut])
            except QueryError:
                continue
            try:
                return self._actor_clause(actor, words[cut:])
            except QueryError:
                pass
            found = index.relations.find(" ".join(words[cut:]))  # passive: "the security team was reorganised"
            if len(found) == 1:
                keys = tuple(i.key for i in index.by_relation.get(found[0], []) if actor in i.others)
                if keys:
                    return keys
        named = index.event_names.find(text)  # an event's own words, or its name ("the warning")
        if named:
            return tuple(named)
        relation = index.relations.find(text)
        if len(relation) == 1:
            return tuple(i.key for i in index.by_relation.get(relation[0], []))
        try:
            rel, target, medium = self.relation_then_target(words)  # "the reorganisation of the security team"
            keys = tuple(i.key for i in index.events if (rel is None or i.data["relation"] == rel)
                         and (target is None or target in i.others)
                         and (medium is None or medium in i.data.get("participants", {}).get("medium", ())))
            if keys:
                return keys
        except QueryError:
            pass
        keys = self.labelled(words)
        if keys:
            return keys
        try:
            entity = self.entity(words)
        except QueryError:
            raise QueryError(f"no event matches {text!r}; name it by its actor and relation "
                             "('Stamos was leaving') or by a relation ('the reorganisation')") from None
        keys = tuple(i.key for i in index.events if entity in i.agents or entity in i.others)
        if not keys:
            raise QueryError(f"no event involves {index.label(entity)!r}")
        return keys

    def labelled(self, words: list[str]) -> tuple[str, ...]:
        """Events of a relation whose own labels hold the remaining words ("called for investigations")."""
        index = self.index
        for cut in range(len(words) - 1, 0, -1):
            found = index.relations.find(" ".join(words[:cut]))
            if len(found) == 1:
                named = set(index.event_names.find(" ".join(words[cut:])))
                keys = tuple(i.key for i in index.by_relation.get(found[0], []) if i.key in named)
                if keys:
                    return keys
        return ()

    def _actor_clause(self, actor: str, words: list[str]) -> tuple[str, ...]:
        rel, target, medium = self.relation_then_target(words)
        keys = tuple(i.key for i in self.index.by_agent.get(actor, [])
                     if (rel is None or i.data["relation"] == rel) and (target is None or target in i.others)
                     and (medium is None or medium in i.data.get("participants", {}).get("medium", ())))
        if not keys:
            raise QueryError(f"no event where {self.index.label(actor)!r} {' '.join(words)}")
        return keys


# ---- the forms ---------------------------------------------------------------------------


def _office(r: Reader, phrase: list[str]) -> str | None:
    while phrase and phrase[-1].lower() in ("role", "position", "post", "job"):
        phrase = phrase[:-1]
    return r.one(r.index.offices, phrase)


def _read_holders(r: Reader, words: list[str], when: TimeFilter | None) -> Question | None:
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


def _read_claimants(r: Reader, words: list[str], when: TimeFilter | None) -> Question | None:
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


def _read_who(r: Reader, words: list[str], when: TimeFilter | None) -> Question | None:
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


def _read_whom(r: Reader, words: list[str], when: TimeFilter | None) -> Question | None:
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


def _read_what_did(r: Reader, words: list[str], when: TimeFilter | None) -> Question | None:
    lower = [w.lower() for w in words]
    if lower[:2] == ["what", "did"] and lower[-1] == "do" and len(words) > 3:
        return Question(r.text, "what-did", actor=r.entity(words[2:-1]), when=when)
    return None


def _read_claims_by(r: Reader, words: list[str], when: TimeFilter | None) -> Question | None:
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


def _read_citing(r: Reader, words: list[str], when: TimeFilter | None) -> Question | None:
    m = re.match(rf"^(?:which|what) (?:claims?|reports?) {_CITE_VERBS} (.+)$", " ".join(words), flags=re.IGNORECASE)
    if m:
        return Question(r.text, "citing", target=r.entity(m.group(1).split()), when=when)
    return None


def _read_cited(r: Reader, words: list[str], when: TimeFilter | None) -> Question | None:
    m = re.match(rf"^(?:what|which|whom|who) (?:sources? )?did (.+) {_CITE_VERBS}$", " ".join(words), flags=re.IGNORECASE)
    if m:
        try:  # whom an outlet or person cites
            return Question(r.text, "cited", claimant=r.entity(m.group(1).split()), when=when)
        except QueryError:
            return Question(r.text, "cited", events=r.clause(m.group(1).split()), when=when)
    return None


def _read_visibility(r: Reader, words: list[str], when: TimeFilter | None) -> Question | None:
    lower = [w.lower() for w in words]
    if lower[:1] == ["what"] and lower[-1] in ("public", "internal") and 2 <= len(words) <= 4 and \
            set(lower[1:-1]) <= {"was", "had", "been", "made", "is", "kept"}:
        return Question(r.text, "visibility", public=lower[-1] == "public", when=when)
    return None


def _read_what_happened(r: Reader, words: list[str], when: TimeFilter | None) -> Question | None:
    lower = [w.lower() for w in words]
    if lower == ["what", "happened"]:
        return Question(r.text, "what-happened", when=when)
    if lower[:2] in (["what", "was"], ["what", "were"]) and len(words) > 2:  # what was rejected
        relation = r.one(r.index.relations, words[2:])
        if relation is not None:
            return Question(r.text, "what-happened", relation=relation, when=when)
    return None


def _read_status(r: Reader, words: list[str], when: TimeFilter | None) -> Question | None:
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


def _read_when(r: Reader, words: list[str], when: TimeFilter | None) -> Question | None:
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


def _read_why(r: Reader, words: list[str], when: TimeFilter | None) -> Question | None:
    lower = [w.lower() for w in words]
    if lower[:1] == ["why"] and len(words) > 2:
        rest = words[2:] if lower[1] in ("did", "was", "is", "were", "does", "has", "had") else words[1:]
        return Question(r.text, "why", events=r.clause(rest))
    if lower[:3] in (["what", "led", "to"], ["what", "caused", "the"]) or lower[:2] == ["what", "caused"]:
        return Question(r.text, "why", events=r.clause(words[3:] if lower[1] == "led" else words[2:]))
    return None


def _read_followed(r: Reader, words: list[str], when: TimeFilter | None) -> Question | None:
    lower = [w.lower() for w in words]
    if lower[:3] in (["what", "followed", "from"], ["what", "came", "of"], ["what", "resulted", "from"]):
        return Question(r.text, "followed", events=r.clause(words[3:]))
    return None


def _read_reported(r: Reader, words: list[str], when: TimeFilter | None) -> Question | None:
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


def _read_compare(r: Reader, words: list[str], when: TimeFilter | None) -> Question | None:
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


def _read_duration(r: Reader, words: list[str], when: TimeFilter | None) -> Question | None:
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


# ---- runners -----------------------------------------------------------------------------


def _run_holders(index: QueryIndex, q: Question) -> Iterable[Row]:
    return run_holders(index, q.office, q.organisation, q.when)  # type: ignore[arg-type]  # read_holders sets office


def _run_who(index: QueryIndex, q: Question) -> Iterable[Row]:
    if q.events:
        return _in_events(index, q.events, q.role, q.when)
    return run_who(index, q.relation, q.target, q.when, actor=q.actor, role=q.role, medium=q.medium)


def _in_events(index: QueryIndex, events: tuple[str, ...], role: str, when: TimeFilter | None) -> Iterator[Row]:
    from kg.ask.query import _judge, participants

    for key in events:
        item = index.items[key]
        for who in participants(item, role):
            yield who, item, _judge(item, when)


def _run_events(index: QueryIndex, q: Question) -> Iterable[Row]:
    from kg.ask.query import _judge

    if q.kind == "when":  # the events and their times: each listed certainly, its status shown
        rows: Iterable[Row] = ((k, index.items[k], Certainty.CERTAINLY) for k in q.events) if q.events else (
            (k, item, Certainty.CERTAINLY)
            for k, item, _ in run_events(index, relation=q.relation, actor=q.actor, target=q.target))
        return rows
    if q.events:
        return ((k, index.items[k], _judge(index.items[k], q.when)) for k in q.events)
    return run_events(index, relation=q.relation, actor=q.actor, target=q.target, when=q.when)


def _run_claimants(index: QueryIndex, q: Question) -> Iterable[Row]:
    from kg.ask.claims import run_claimants

    return run_claimants(index, q.events or None, q.stance, q.when)


def _run_claims_by(index: QueryIndex, q: Question) -> Iterable[Row]:
    from kg.ask.claims import run_claims_by

    return run_claims_by(index, q.claimant, q.stance, q.events or None, q.when,  # type: ignore[arg-type]  # set by the reader
                         document=q.medium)


def _run_citing(index: QueryIndex, q: Question) -> Iterable[Row]:
    from kg.ask.claims import run_citing

    return run_citing(index, q.target, None, q.when)  # type: ignore[arg-type]  # set by the reader


def _run_cited(index: QueryIndex, q: Question) -> Iterable[Row]:
    from kg.ask.claims import run_cited

    return run_cited(index, q.events or None, q.when, claimant=q.claimant)


def _run_visibility(index: QueryIndex, q: Question) -> Iterable[Row]:
    from kg.ask.claims import run_visibility

    return run_visibility(index, bool(q.public), q.when)


def _run_status(index: QueryIndex, q: Question) -> Iterable[Row]:
    from kg.ask.claims import run_status

    return run_status(index, q.statuses, q.when)


def _run_why(index: QueryIndex, q: Question) -> Iterable[Row]:
    from kg.ask.claims import run_reasons

    return run_reasons(index, q.events)


def _run_followed(index: QueryIndex, q: Question) -> Iterable[Row]:
    from kg.ask.claims import run_followed

    return run_followed(index, q.events)


def _run_reported(index: QueryIndex, q: Question) -> Iterable[Row]:
    return run_reported(index, q.when, q.public_only)  # type: ignore[arg-type]  # the reader always sets a time


def _run_pair(index: QueryIndex, q: Question) -> Iterable[Row]:
    return ()  # answered by kg.ask.question.answer from the joint network (kg.ask.pairs), not row by row


FORMS: tuple[Form, ...] = (
    Form("holders", (("who",),), "who held|was|is OFFICE [of|at|for ORG] | who was ORG's OFFICE",
         "who was Facebook's chief security officer in 2016", "who held an office",
         _read_holders, _run_holders, "actor", "compile_holders"),
    Form("claimants", (("who",),), "who reported|claimed|confirmed|denied|relayed|left unaddressed [that] CLAUSE",
         "who reported that Stamos was preparing to leave", "who made claims, with what stance",
         _read_claimants, _run_claimants, "claimant", "compile_claimants"),
    Form("who", (("who",),), "who RELATION [TARGET] [on DOCUMENT] | who ROLE CLAUSE | who was TARGET RELATION by",
         "who reorganised Stamos's security team", "who took part (the agent, or another role)",
         _read_who, _run_who, "actor", "compile_who"),
    Form("cited", (("what",), ("which",), ("whom",), ("who",)), "what sources did CLAIMANT|CLAUSE cite",
         "what sources did The Wall Street Journal cite",
         "whom the claims about some events cite", _read_cited, _run_cited, "actor", "compile_cited"),
    Form("whom", (("whom",), ("who", "did"), ("to", "whom")), "whom did ACTOR RELATION",
         "whom did Stamos email", "who else took part: recipients, targets, topics",
         _read_whom, _run_who, "actor", "compile_who"),
    Form("what-did", (("what", "did"),), "what did ACTOR do", "what did Stamos do in December 2016",
         "what an actor did", _read_what_did, _run_events, "event", "compile_events"),
    Form("claims-by", (("what", "did"), ("what", "does"), ("did",)), "what did CLAIMANT report|claim|confirm|deny|leave unaddressed "
         "| did CLAIMANT deny [that] CLAUSE", "what did Stamos's tweet leave unaddressed",
         "what a person, outlet or document claimed, with stance", _read_claims_by, _run_claims_by, "event",
         "compile_claims_by"),
    Form("what-role", (("what", "did"),), "what did ACTOR RELATION [about|for|to|on]",
         "what did Stamos warn about", "what an actor's events were about, for, to or on",
         _read_whom, _run_who, "actor", "compile_who"),
    Form("citing", (("which",), ("what", "claims"), ("what", "reports")), "which claims cite|rest on SOURCE", "which claims rest on anonymous sources",
         "the claims that cite a source", _read_citing, _run_citing, "event", "compile_citing"),
    Form("visibility", (("what",),), "what was public|internal", "what was internal before 2018",
         "claims by whether they were public, graded by their dates", _read_visibility, _run_visibility,
         "event", "compile_visibility"),
    Form("status", (("which",), ("what", "events"), ("what", "was"), ("what", "is")), "which events are happened|planned|only reported | what was planned",
         "which events are only reported", "events by status", _read_status, _run_status, "event",
         "compile_status"),
    Form("what-happened", (("what",),), "what happened | what was RELATION", "what happened in January 2018",
         "every event (of a relation)", _read_what_happened, _run_events, "event", "compile_events"),
    Form("when", (("when",),), "when did ACTOR RELATION [TARGET] | when was CLAUSE | when did CLAUSE happen",
         "when was Stamos's security team reorganised", "the events and their times",
         _read_when, _run_events, "event", "compile_events", takes_time=False),
    Form("why", (("why",), ("what", "led"), ("what", "caused")), "why did|was|is CLAUSE | what led to CLAUSE", "why is Stamos leaving",
         "the reasons the text gives (because-of, response-to), each with who gives it",
         _read_why, _run_why, "event", "compile_links", takes_time=False),
    Form("followed", (("what",),), "what followed from CLAUSE", "what followed from the reorganisation",
         "what happened because of, or in response to, some events", _read_followed, _run_followed, "event",
         "compile_links", takes_time=False),
    Form("reported", (("what",),), "what had been [publicly] reported|claimed [by WHEN]",
         "what had been publicly reported by 1 March 2018", "events by the dates of the claims about them",
         _read_reported, _run_reported, "event", "compile_reported"),
    Form("compare", (("did",), ("was",), ("were",)), "did CLAUSE happen before|after|during|strictly before|since EVENT [ended] | did CLAUSE overlap [with] EVENT",
         "did the reorganisation happen before the reports",
         "a graded yes or no, from the relations and dates jointly", _read_compare, _run_pair, "verdict",
         "compile_pair", takes_time=False),
    Form("duration", (("how", "long"),), "how long between [the end of] EVENT and [the end of] EVENT | how long after CLAUSE did CLAUSE",
         "how long after the warning did Facebook disclose",
         "the shortest and longest time the text allows, and as written", _read_duration, _run_pair,
         "duration", "compile_pair", takes_time=False),
)
"""Every question form, tried in this order (the first that reads the question wins)."""


def form_named(name: str) -> Form:
    """The form called ``name`` (a :attr:`Question.kind`)."""
    for form in FORMS:
        if form.name == name:
            return form
    raise KeyError(name)
