"""The question battery written from the article alone: well formed, and quoting the article."""

from __future__ import annotations

import yaml
from conftest import ROOT

from kg.timeline.reader import bundled_timeline_path

BATTERY = ROOT / "tests" / "data" / "questions-from-the-article.yaml"
GRADES = {"certainly", "likely", "possibly", "no", "not-said"}


def test_every_question_has_an_answer_a_grade_and_the_article_s_words():
    questions = yaml.safe_load(BATTERY.read_text(encoding="utf-8"))
    text = bundled_timeline_path().with_name("stamos-facebook-2018-ar.txt").read_text(encoding="utf-8")
    assert len(questions) >= 60
    assert {q["grade"] for q in questions} == GRADES  # every kind of answer, "the article does not say" too
    for q in questions:
        assert set(q) == {"q", "answer", "grade", "why", "evidence"}, q["q"]
        assert isinstance(q["answer"], list) and q["why"], q["q"]
        for evidence in q["evidence"]:
            assert text[evidence["start"]:evidence["end"]] == evidence["text"], q["q"]
        if q["grade"] != "not-said":
            assert q["evidence"], q["q"]
