"""Reading the parts of a question against one graph's names: entities, relations, offices, clauses.

A :class:`Reader` resolves words through the index's lexicons (the graph's labels, the
vocabulary's SKOS labels for stances, statuses and roles); each form's grammar
(:mod:`kg.ask.grammar`) calls it for the names and the clauses ("that Stamos was leaving") it reads.

>>> from kg import load
>>> from kg.ask.index import index_of
>>> r = Reader(index_of(load().networkx), "who opposed disclosure")
>>> relation, target, medium = r.relation_then_target(["opposed", "disclosure"])
>>> (relation, r.index.label(target), medium)
('opposed', 'Disclosure of Russian interference', None)
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from kg.errors import QueryError
from kg.ask.index import QueryIndex

__all__ = ["Reader"]


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
            keys = tuple(i.key for i in index.events if (rel is None or i.relation == rel)
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
                     if (rel is None or i.relation == rel) and (target is None or target in i.others)
                     and (medium is None or medium in i.data.get("participants", {}).get("medium", ())))
        if not keys:
            raise QueryError(f"no event where {self.index.label(actor)!r} {' '.join(words)}")
        return keys

