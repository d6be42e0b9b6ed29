"""The vocabulary cache is only an optimisation: whatever is in the cache folder, kg reads the
vocabulary the Turtle states."""

from __future__ import annotations

import json

import pytest

from kg import vocabulary
from kg.user_cache import cache_folder, cached_json


@pytest.fixture
def cache(tmp_path, monkeypatch):
    monkeypatch.setenv("KG_CACHE_DIR", str(tmp_path / "cache"))
    vocabulary.bundled_vocabulary.cache_clear()
    yield tmp_path / "cache"
    vocabulary.bundled_vocabulary.cache_clear()


def _reference() -> vocabulary.Vocabulary:
    return vocabulary.read_vocabulary(vocabulary.ontology_file("vocabulary.ttl"))


def _same(a: vocabulary.Vocabulary, b: vocabulary.Vocabulary) -> bool:
    def rows(v):
        return {name: [(c.iri, type(c.iri), c.notation, dict(c.labels), dict(c.alt_labels), dict(c.definition),
                        c.broader) for c in getattr(v, name).values()] for name in vocabulary._SCHEMES}
    return rows(a) == rows(b)


def test_a_cached_vocabulary_is_the_one_the_turtle_states(cache):
    first = vocabulary.bundled_vocabulary()
    assert len(list(cache.glob("vocabulary-*.json"))) == 1
    vocabulary.bundled_vocabulary.cache_clear()
    second = vocabulary.bundled_vocabulary()  # now read from the cache
    assert _same(first, _reference()) and _same(second, _reference())


@pytest.mark.parametrize("planted", ["not json at all {", "[1, 2, 3]", json.dumps({"event_types": 3}),
                                     json.dumps({"event_types": {"x": {"iri": 1}}})])
def test_a_damaged_cache_file_is_read_past(cache, planted):
    vocabulary.bundled_vocabulary()
    (path,) = cache.glob("vocabulary-*.json")
    path.write_text(planted, encoding="utf-8")
    vocabulary.bundled_vocabulary.cache_clear()
    assert _same(vocabulary.bundled_vocabulary(), _reference())


def test_an_unwritable_cache_folder_or_none_at_all(tmp_path, monkeypatch):
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    for setting in (str(blocker / "below-a-file"), ""):
        monkeypatch.setenv("KG_CACHE_DIR", setting)
        vocabulary.bundled_vocabulary.cache_clear()
        assert _same(vocabulary.bundled_vocabulary(), _reference())
    assert cache_folder() is None
    vocabulary.bundled_vocabulary.cache_clear()


def test_an_edited_source_is_derived_afresh(tmp_path, monkeypatch):
    monkeypatch.setenv("KG_CACHE_DIR", str(tmp_path))
    assert cached_json("t", "one text", lambda: {"n": 1}) == {"n": 1}
    assert cached_json("t", "one text", lambda: {"n": 99}) == {"n": 1}
    assert cached_json("t", "another text", lambda: {"n": 2}) == {"n": 2}
