"""The bundled Stamos / Facebook timeline: traceable to its source, honest about time."""

from __future__ import annotations

import datetime as dt
import hashlib

import pytest
from conftest import SHARED_SOURCE

from kg.time.allen import holds_at, intersects, started_before
from kg.time.edtf import parse_edtf
from kg.time import Certainty, TimeSpan

D = dt.date


def test_source_ships_unchanged(stamos):
    source = stamos.sources["article"]
    assert source.language == "ar" and len(source.text) == 2615
    digest = "debb8a4a26ddf682486e8388c6b979b73e63c1a21255de84b90984d52610dc04"
    assert source.sha256 == digest
    assert hashlib.sha256(source.text.encode("utf-8")).hexdigest() == digest
    if SHARED_SOURCE.is_file():  # the project's copy of the article, where the checkout has it
        assert SHARED_SOURCE.read_bytes() == source.text.encode("utf-8")


def test_every_quote_is_the_text_at_its_offsets(stamos):
    text = stamos.sources["article"].text
    quotes = list(stamos.evidence())
    assert len(quotes) >= 50
    for evidence in quotes:
        assert text[evidence.start:evidence.end] == evidence.text
        assert evidence.gloss.strip()


def test_every_statement_has_a_claim_with_evidence(stamos):
    owners = [*stamos.events.values(), *stamos.positions.values(), *stamos.links.values()]
    for owner in owners:
        assert owner.claims, owner.id
        for claim in owner.claims:
            assert claim.evidence and claim.by, claim.id


def test_labels_in_english_and_arabic(stamos):
    for table in (stamos.events, stamos.entities):
        for item in table.values():
            assert item.labels.get("en") and item.labels.get("ar"), item.id
            assert any("\u0600" <= ch <= "\u06ff" for ch in item.labels["ar"]), item.id


def test_time_phrases_are_the_articles_words(stamos):
    text = stamos.sources["article"].text
    specs = [e.time for e in stamos.events.values()] + [p.time for p in stamos.positions.values()]
    phrases = [s.phrase for s in specs if s.phrase]
    assert len(phrases) >= 15
    assert all(p in text for p in phrases)
    assert all(s.basis for s in specs if s.derivation in ("inferred", "relative", "context"))


@pytest.mark.parametrize(
    ("event", "edtf", "start", "status"),
    [
        ("stamos-becomes-cso", "2015-06", (D(2015, 6, 1), D(2015, 6, 30)), "happened"),
        # "a month after" elections that ended in November 2016: 21 to 38 days after, admissibly
        ("stamos-warning", "2016-12~", (D(2016, 11, 22), D(2017, 1, 7)), "happened"),
        # "last spring", and before "a report published in April"
        ("stamos-urges-mention-russia", "2017-21", (D(2017, 3, 1), D(2017, 4, 30)), "happened"),
        ("april-report-published", "2017-04", (D(2017, 4, 1), D(2017, 4, 30)), "happened"),
        ("facebook-discloses-russian-activity", "2017-09", (D(2017, 9, 1), D(2017, 9, 30)), "happened"),
        ("security-team-reorganised", "2018-01", (D(2018, 1, 1), D(2018, 1, 31)), "happened"),
        # the reports describe the January reorganisation, and the article quotes them
        ("departure-reports", "2018-03?", (D(2018, 1, 1), D(2018, 3, 20)), "happened"),
        ("stamos-leaves-facebook", "2018-08?", (D(2018, 3, 20), D(2018, 12, 31)), "planned"),
        # "initially" against the push, before the disclosure of September 2017
        ("policy-team-opposes-disclosure", None, (D(2016, 11, 1), D(2017, 9, 29)), "happened"),
        ("stamos-clashes-with-policy-team", None, (D(2016, 11, 1), D(2018, 3, 20)), "reported"),
    ],
)
def test_the_story_s_milestones(stamos, event, edtf, start, status):
    e = stamos.events[event]
    assert e.time.edtf == edtf
    assert (e.time.span.start_earliest, e.time.span.start_latest) == start
    assert e.status == status


def test_the_re_read_defects_are_fixed(stamos):
    ev = stamos.events
    # the reports and the tweet answer the January 2018 reorganisation: no open start
    for key in ("departure-reports", "stamos-posts-on-twitter"):
        assert ev[key].time.span.start_earliest == D(2018, 1, 1), key
    # the spring urging and its rejection concern "a report published in April": over by April
    for key in ("stamos-urges-mention-russia", "mention-of-russia-rejected"):
        assert ev[key].time.span.end_latest == D(2017, 4, 30), key
    # Cambridge Analytica's work on Trump's election ended with the elections of November 2016
    assert ev["cambridge-analytica-works-on-trump-election"].time.span.end_latest == D(2016, 11, 30)
    # the policy team called for caution, not disclosure
    caution = ev["policy-team-urges-caution"]
    assert ("disclosure", "topic") not in {(p.entity, p.role) for p in caution.participants}
    # the article's date: the lower bound is the text's, the upper one is said to come from the brief
    article = stamos.sources["article"].date
    assert (article.span.start_earliest, article.span.end_latest) == (D(2018, 3, 19), D(2018, 3, 20))
    assert "does not come from the text" in article.basis and "brief" in article.basis


def test_every_relation_quotes_the_article_and_says_why(stamos):
    text = stamos.sources["article"].text
    assert len(stamos.relations) >= 30
    for relation in stamos.relations.values():
        assert relation.basis and relation.evidence, relation.id
        for evidence in relation.evidence:
            assert text[evidence.start:evidence.end] == evidence.text


def test_derived_bounds_name_their_chain(stamos):
    tweet = stamos.events["stamos-posts-on-twitter"].time
    assert tweet.stated.start_earliest is None  # the file gives no lower bound...
    chain = [o.ref for o in tweet.why["se"]]  # ...the relations do
    assert chain == ["security-team-reorganised", "reorganisation-before-the-report", "tweet-after-the-report"]


def test_vague_phrases_keep_their_vagueness(stamos):
    warning = stamos.events["stamos-warning"].time
    assert warning.phrase == "بعد شهر من انتهائها" and warning.derivation == "relative"
    assert warning.anchor == "us-election-2016"
    spring = stamos.events["stamos-urges-mention-russia"].time
    assert spring.phrase == "في الربيع الماضي" and spring.derivation == "inferred"
    initially = stamos.events["policy-team-opposes-disclosure"].time
    assert initially.phrase == "في البداية" and initially.anchor == "security-executives-push"
    later = stamos.events["stamos-leaves-facebook"].time
    assert later.phrase == "في وقت لاحق من هذا العام"


def test_the_policy_team_only_possibly_opposed_before_april_2017(stamos):
    april = parse_edtf("2017-04").as_period()
    opposed = stamos.events["policy-team-opposes-disclosure"].time.span
    assert started_before(opposed, april) is Certainty.POSSIBLY
    warning = stamos.events["stamos-warning"].time.span
    assert started_before(warning, april) is Certainty.CERTAINLY


def test_who_was_cso_in_2016(stamos):
    year = TimeSpan.period(D(2016, 1, 1), D(2016, 12, 31))
    cso = stamos.positions["stamos-cso"]
    assert (cso.holder, cso.office, cso.organisation) == ("stamos", "chief-security-officer", "facebook")
    assert holds_at(cso.time.span, year) is Certainty.CERTAINLY
    # Sandberg's title is attested only in the 2018 report: 2016 is possible, not certain
    coo = stamos.positions["sandberg-coo"].time.span
    assert intersects(coo, year) is Certainty.POSSIBLY


def test_monday_18_march_keeps_both_readings(stamos):
    conflict = stamos.conflicts["monday-18-march"]
    assert conflict.about == "facebook-market-value-falls" and conflict.kind == "calendar"
    days = sorted(r.time.span.start_earliest for r in conflict.readings)
    assert days == [D(2018, 3, 18), D(2018, 3, 19)]
    span = stamos.events["facebook-market-value-falls"].time.span
    assert (span.start_earliest, span.end_latest) == (D(2018, 3, 18), D(2018, 3, 19))
    assert D(2018, 3, 18).weekday() == 6  # the calendar: a Sunday


def test_claims_keep_who_said_what_and_when(stamos):
    departure = {c.id: c for c in stamos.events["stamos-leaves-facebook"].claims}
    reports = departure["stamos-leaves-facebook--reports"]
    assert set(reports.by) == {"wsj", "nyt", "reuters"} and reports.citing == ("people-familiar",)
    assert departure["stamos-leaves-facebook--stamos"].stance == "leaves-unaddressed"
    role = {c.id: c for c in stamos.events["stamos-role-changes"].claims}
    assert role["stamos-role-changes--stamos"].stance == "confirms"
    email = {c.id: c for c in stamos.events["russia-interferes"].claims}["russia-interferes--stamos-email"]
    assert not email.public and email.via == ("wsj",)
    disclosure = {c.id: c for c in stamos.events["russia-interferes"].claims}["russia-interferes--facebook"]
    assert disclosure.public and disclosure.date.edtf == "2017-09"


def test_inferred_participants_are_marked(stamos):
    (publisher,) = [p for p in stamos.events["april-report-published"].participants if p.role == "agent"]
    assert publisher.entity == "facebook" and publisher.inferred and publisher.basis
    rejected = stamos.events["mention-of-russia-rejected"]
    assert not rejected.in_role("agent")  # who rejected it is not stated, so nobody is named


def test_links_state_reasons(stamos):
    links = {(k.source_event, k.relation, k.target_event) for k in stamos.links.values()}
    assert ("stamos-decides-to-leave", "because-of", "security-team-reorganised") in links
    assert ("stamos-leaves-facebook", "because-of", "stamos-clashes-with-policy-team") in links
