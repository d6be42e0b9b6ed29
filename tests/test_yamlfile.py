"""Both YAML loaders (libyaml's, and the pure-Python fallback) read alike and refuse alike."""

from __future__ import annotations

import pytest

from kg.timeline import yamlfile
from kg.errors import TimelineError
from kg.timeline.reader import bundled_timeline_path

BOMB = ("a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n"
        + "".join(f"{c}: &{c} [*{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}]\n"
                  for p, c in zip("abcdefgh", "bcdefghi")))


@pytest.fixture(params=["libyaml", "python"])
def loader(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    if request.param == "libyaml":
        assert yamlfile.LIBYAML, "PyYAML was built without libyaml"
    else:
        monkeypatch.setattr(yamlfile, "_CSafeLoader", None)
    return str(request.param)


def test_loaders_give_the_same_data_and_lines(monkeypatch: pytest.MonkeyPatch) -> None:
    text = bundled_timeline_path().read_text(encoding="utf-8")
    fast = yamlfile.load_yaml_text(text, "t.yaml")
    monkeypatch.setattr(yamlfile, "_CSafeLoader", None)
    slow = yamlfile.load_yaml_text(text, "t.yaml")
    assert fast == slow

    def lines(value):  # type: ignore[no-untyped-def]
        if isinstance(value, dict):
            return [value.line, value.key_lines] + [lines(v) for v in value.values()]
        if isinstance(value, list):
            return [value.line, value.item_lines] + [lines(v) for v in value]
        return None

    assert lines(fast) == lines(slow)


@pytest.mark.parametrize("text, line, words", [
    ("a: 1\na: 2\n", 2, "duplicate key 'a' (first at line 1)"),
    ("a: [1,\n", 2, "YAML syntax error"),
    ("a: ش\nb: x\x07\n", 2, "U+0007"),
    ("x: 1\n" + BOMB, None, "aliases repeat more than"),
    ("x: " + "[" * 5000 + "]" * 5000 + "\n", None, "nested too deeply"),
    ("x-r: &r [*r]\n", None, "YAML"),
    ("d: 2024-02-30\nn: " + "9" * 5000 + "\n", None, None),
])
def test_loaders_refuse_alike(loader: str, text: str, line: int | None, words: str | None) -> None:
    if words is None:  # dates and huge integers stay text
        data = yamlfile.load_yaml_text(text, "t.yaml")
        assert data["d"] == "2024-02-30" and data["n"] == "9" * 5000
        return
    with pytest.raises(TimelineError) as caught:
        yamlfile.load_yaml_text(text, "t.yaml")
    message = str(caught.value)
    assert words in message and message.startswith("t.yaml:")
    if line is not None:
        assert message.startswith(f"t.yaml:{line}:")


@pytest.mark.parametrize("text", [
    "a: 1\nb: -2\nc: 0o17\nd: 017\ne: 1_000\nf: 0x1F\ng: 3.5\nh: .inf\n",
    "a: yes\nb: ~\nc: null\nd: ''\ne: !!str 12\nf: ! 12\ng: '12'\nh: 2024-02-30\n",
    "base: {x: 1}\nm:\n  <<: {x: 2, y: 3}\n  z: 4\n",
    "s: !!set {a, b}\no: !!omap [{a: 1}, {b: 2}]\n",
    "- [a, {b: [1, 2]}]\n- - - deep\n",
    "", "# only a comment\n", "plain text\n",
])
def test_event_reader_gives_what_the_composer_gives(text: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """libyaml's events, read straight into data, and PyYAML's composer agree, lines included."""
    fast = yamlfile.load_yaml_text(text, "t.yaml")
    monkeypatch.setattr(yamlfile, "_CSafeLoader", None)
    slow = yamlfile.load_yaml_text(text, "t.yaml")
    assert fast == slow and type(fast) is type(slow)

    def lines(value):  # type: ignore[no-untyped-def]
        if isinstance(value, dict):
            return [getattr(value, "line", None), getattr(value, "key_lines", None)] + [lines(v) for v in value.values()]
        if isinstance(value, list):
            return [getattr(value, "line", None), getattr(value, "item_lines", None)] + [lines(v) for v in value]
        return repr(value)

    assert lines(fast) == lines(slow)


def test_a_second_document_is_refused_with_its_line() -> None:
    with pytest.raises(TimelineError, match=r"t.yaml:2: YAML syntax error: but found another document"):
        yamlfile.load_yaml_text("a: 1\n---\nb: 2\n", "t.yaml")


@pytest.mark.parametrize("value", ["!!int [1]", "!!str {a: 1}", "!!map [1, 2]", "!!seq {a: 1}", "!!map x",
                                   "!!seq x", "!!set [a]", "!!omap {a: 1}", "!!binary [1]", "!!timestamp {a: 1}"])
def test_a_tag_that_names_another_kind_of_node_is_one_error_with_its_line(loader: str, value: str) -> None:
    with pytest.raises(TimelineError) as caught:
        yamlfile.load_yaml_text(f"title: x\nevents: {value}\n", "t.yaml")
    message = str(caught.value)
    assert message.startswith("t.yaml:2: ") and "expected a" in message and "\n" not in message
