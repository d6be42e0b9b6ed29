"""Time phrases are looked up in the item's own sources first (kg.timeline.phrase_sources): a phrase
quoted from another source is still accepted, one in no source still gets its file:line error, and
in RDF a phrase carries the language of the source its item cites."""

from __future__ import annotations

import hashlib

import pytest
from rdflib import Literal, URIRef

from kg.errors import TimelineError
from kg.namespace import KG
from kg.rdf.build import build_dataset
from kg.rdf.nquads import iter_quads, nquad_line
from kg.timeline.reader import load_timeline

NOTICE = "إعلان المجلس، أيار 2024. سيفتتح المجلس رصيفاً جديداً في 2025. في الربيع المقبل تبدأ الأشغال.\n"
"""A second source, in Arabic: it shares "2024" and "2025" with the English gazette."""
OPENS = "سيفتتح المجلس رصيفاً جديداً في 2025"


@pytest.fixture
def two_sources(minimal):
    """The minimal timeline with a second source (Arabic, listed after the gazette); the new pier's
    only claim now quotes it, and every other item still cites the gazette."""
    (minimal.folder / "notice.txt").write_text(NOTICE, encoding="utf-8")
    digest = hashlib.sha256(NOTICE.encode("utf-8")).hexdigest()
    text = minimal.text().replace("- {start: ", "- {source: gazette, start: ")
    minimal.timeline.write_text(text, encoding="utf-8")
    minimal.replace("    sha256: 227a7b85256430f773ca074e0e7ed0e9a1d43c554403645a6561a17e75aaa89e\n",
                    "    sha256: 227a7b85256430f773ca074e0e7ed0e9a1d43c554403645a6561a17e75aaa89e\n"
                    "  - id: notice\n    title: {en: Council notice, ar: إعلان المجلس}\n    language: ar\n    date: 2024-05-04\n"
                    f"    path: notice.txt\n    sha256: {digest}\n")
    start = NOTICE.index(OPENS)
    minimal.replace(
        "      - id: new-pier--gazette\n        by: [gazette]\n        stance: asserts\n        evidence:\n"
        "          - {source: gazette, start: 256, end: 300, text: The council plans to open a new pier in 2025, "
        "gloss: As written.}\n",
        "      - id: new-pier--notice\n        by: [notice]\n        stance: asserts\n        evidence:\n"
        f"          - {{source: notice, start: {start}, end: {start + len(OPENS)}, text: '{OPENS}', "
        "gloss: The council will open a new pier in 2025.}\n")
    assert load_timeline(minimal.timeline).sources["notice"].language == "ar"
    return minimal


def phrase_of(timeline, node: str) -> Literal:
    value = build_dataset(timeline).value(URIRef(timeline.base + node), KG.timePhrase)
    assert isinstance(value, Literal), node
    return value


def test_a_phrase_takes_the_language_of_the_source_its_item_cites(two_sources):
    # "2025" is in both sources; the gazette comes first, but the new pier's claim quotes the notice
    two_sources.replace("    time: 2025\n", "    time: {edtf: '2025', phrase: '2025'}\n")
    timeline = load_timeline(two_sources.timeline)
    tag = phrase_of(timeline, "event/new-pier-opens/time")
    assert (str(tag), tag.language) == ("2025", "ar")  # the first source with it would say "en"
    # the N-Quads stream is made by the same builder
    quads = "".join(nquad_line(q) for q in iter_quads(timeline))
    assert '"2025"@ar' in quads and '"2025"@en' not in quads


def test_one_phrase_on_two_items_takes_each_items_own_source(two_sources):
    # "2024" is in both sources: on the Reyes claim (quoting the gazette) and the notice's claim
    two_sources.replace("        date: 2024-05-03\n        evidence:\n",
                        "        date: {edtf: 2024-05-03, phrase: '2024'}\n        evidence:\n")
    two_sources.replace("        by: [notice]\n", "        by: [notice]\n        date: {edtf: 2024-05, phrase: '2024'}\n")
    timeline = load_timeline(two_sources.timeline)
    assert phrase_of(timeline, "claim/vote--reyes/date").language == "en"
    assert phrase_of(timeline, "claim/new-pier--notice/date").language == "ar"


def test_a_phrase_only_in_a_source_the_item_does_not_cite_is_accepted(two_sources):
    # the vote cites only the gazette; "في الربيع المقبل" (next spring) is only in the notice
    two_sources.replace("      phrase: on Tuesday (30 April)\n", "      phrase: في الربيع المقبل\n")
    timeline = load_timeline(two_sources.timeline)
    assert timeline.events["council-votes-to-close-pier"].time.phrase == "في الربيع المقبل"
    assert phrase_of(timeline, "event/council-votes-to-close-pier/time").language == "ar"


def test_a_phrase_in_no_source_names_its_line(two_sources):
    two_sources.replace("      phrase: since last winter\n", "      phrase: since the winter\n")
    line = two_sources.line_of("phrase: since the winter")
    with pytest.raises(TimelineError) as info:
        load_timeline(two_sources.timeline)
    assert [str(p) for p in info.value.problems] == [
        f"{two_sources.timeline}:{line}: time phrase 'since the winter' does not occur in any source"]


def test_a_relation_phrase_is_looked_up_in_its_evidence_first(two_sources):
    # a relation whose evidence quotes the notice, with a phrase both sources have
    start = NOTICE.index(OPENS)
    two_sources.replace("    basis: '\"Had opposed ... since\": the opposition began before the vote.'\n",
                        "    basis: '\"Had opposed ... since\": the opposition began before the vote.'\n"
                        "  - id: pier-after-vote\n    from: new-pier-opens\n    relation: after\n"
                        "    to: council-votes-to-close-pier\n    phrase: '2024'\n    evidence:\n"
                        f"      - {{source: notice, start: {start}, end: {start + len(OPENS)}, text: '{OPENS}', "
                        "gloss: A new pier in 2025.}\n    basis: The notice of May 2024 plans it for 2025.\n")
    timeline = load_timeline(two_sources.timeline)
    assert phrase_of(timeline, "relation/pier-after-vote").language == "ar"


def test_the_search_of_all_sources_finds_the_first_that_has_the_phrase():
    from kg.timeline.model import Source
    from kg.timeline.phrase_sources import PhraseSources

    texts = ["", "week 1 of it", "", "week 10 of it", "week 1", "x\0y", "of it"]
    sources = {f"s{n}": Source(id=f"s{n}", labels={}, language=f"l{n}", path="", sha256="", text=t)
               for n, t in enumerate(texts)}
    lookup = PhraseSources(sources)
    for phrase in ["week 1", "week 10", "of it", "it", "t\0w", "itweek", "1 of", "x\0y", "\0", "", "week 2"]:
        expected = next((s for s in sources.values() if phrase in s.text), None)
        assert lookup.first(phrase) is expected, phrase  # never a match across two sources' texts
        assert lookup.quoted_from(phrase, ["s4", "nowhere"]) is (
            sources["s4"] if phrase in texts[4] else expected), phrase
