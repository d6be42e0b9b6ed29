"""Read YAML keeping line numbers, so that errors can say ``file:line``.

Mappings load as :class:`LineDict` and sequences as :class:`LineList`; both remember the
line of each key or item. Duplicate keys, which PyYAML would silently overwrite, are an
error. Dates stay text (``2024-02-30`` is for kg to reject, with its line), and so do integers
too long for Python to read (over 4,300 digits). Aliases may repeat at most
:data:`MAX_ALIAS_NODES` nodes in all (a "billion laughs" of aliases is refused). Only the YAML
"safe" subset is read.

>>> data = load_yaml_text("a: 1\\nb:\\n  - x\\n  - y\\n", "t.yaml")
>>> data["b"], data.line_of("b"), data["b"].line_of(1)
(['x', 'y'], 2, 4)
>>> load_yaml_text("a: 1\\na: 2\\n", "t.yaml")
Traceback (most recent call last):
...
kg.errors.TimelineError: t.yaml:2: duplicate key 'a' (first at line 1)
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from .errors import Problem, TimelineError

__all__ = ["LineDict", "LineList", "load_yaml_text", "load_yaml_file", "MAX_ALIAS_NODES"]

MAX_ALIAS_NODES = 100_000
"""How many nodes all the aliases of one YAML document may repeat, in all."""


class LineDict(dict):  # type: ignore[type-arg]
    """A mapping from YAML that knows the line of itself and of each key."""

    line: int = 0
    key_lines: dict[Any, int]

    def line_of(self, key: Any) -> int:
        """The line of ``key``, or of the mapping when the key is absent."""
        return self.key_lines.get(key, self.line)


class LineList(list):  # type: ignore[type-arg]
    """A sequence from YAML that knows the line of itself and of each item."""

    line: int = 0
    item_lines: list[int]

    def line_of(self, index: int) -> int:
        """The line of item ``index``."""
        return self.item_lines[index] if index < len(self.item_lines) else self.line


class _Loader(yaml.SafeLoader):
    """SafeLoader building LineDict/LineList and refusing duplicate keys."""

    path = "<yaml>"
    alias_nodes = 0

    def compose_node(self, parent: Any, index: Any) -> Any:
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()
            anchored = self.anchors.get(event.anchor)
            if anchored is not None:
                self.alias_nodes += _size(anchored, {})
                if self.alias_nodes > MAX_ALIAS_NODES:
                    line = event.start_mark.line + 1
                    raise TimelineError([Problem(self.path, line, f"YAML aliases repeat more than {MAX_ALIAS_NODES:,} "
                                                                  "nodes; write the data out instead")])
        return super().compose_node(parent, index)


def _size(node: yaml.Node, seen: dict[int, int]) -> int:
    """How many nodes ``node`` stands for, counting every repetition."""
    if id(node) in seen:
        return seen[id(node)]
    seen[id(node)] = 1  # a recursive alias counts once
    if isinstance(node, yaml.SequenceNode):
        total = 1 + sum(_size(child, seen) for child in node.value)
    elif isinstance(node, yaml.MappingNode):
        total = 1 + sum(_size(k, seen) + _size(v, seen) for k, v in node.value)
    else:
        total = 1
    seen[id(node)] = total
    return total


def _construct_mapping(loader: _Loader, node: yaml.MappingNode) -> LineDict:
    loader.flatten_mapping(node)
    result = LineDict()
    result.line = node.start_mark.line + 1
    result.key_lines = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        line = key_node.start_mark.line + 1
        try:
            hash(key)
        except TypeError:
            raise TimelineError([Problem(loader.path, line, "a mapping key must be a plain value")])
        if key in result.key_lines:
            first = result.key_lines[key]
            raise TimelineError(
                [Problem(loader.path, line, f"duplicate key {key!r} (first at line {first})")]
            )
        result[key] = loader.construct_object(value_node, deep=True)
        result.key_lines[key] = line
    return result


def _construct_sequence(loader: _Loader, node: yaml.SequenceNode) -> LineList:
    result = LineList(loader.construct_object(child, deep=True) for child in node.value)
    result.line = node.start_mark.line + 1
    result.item_lines = [child.start_mark.line + 1 for child in node.value]
    return result


def _construct_text(loader: _Loader, node: yaml.ScalarNode) -> str:
    """Keep dates as written: kg reads them itself (as EDTF or ISO dates) and can then say
    "February 2024 has 29 days" with the line, where PyYAML's own date reader would crash."""
    return loader.construct_scalar(node)


def _construct_int(loader: _Loader, node: yaml.ScalarNode) -> Any:
    try:
        return yaml.SafeLoader.construct_yaml_int(loader, node)
    except ValueError:  # more digits than Python converts (sys.get_int_max_str_digits)
        return loader.construct_scalar(node)


_Loader.add_constructor("tag:yaml.org,2002:timestamp", _construct_text)
_Loader.add_constructor("tag:yaml.org,2002:int", _construct_int)
_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _construct_sequence)


def load_yaml_text(text: str, path: str) -> Any:
    """Parse YAML ``text``; errors name ``path`` and the line."""
    try:
        loader = _Loader(text)  # the reader rejects control characters here, before parsing
    except yaml.reader.ReaderError as exc:
        line = text.count("\n", 0, exc.position) + 1
        raise TimelineError([Problem(path, line, f"character U+{exc.character:04X} is not allowed in YAML "
                                                 "(a control character)")]) from None
    loader.path = path
    try:
        return loader.get_single_data()
    except RecursionError:
        raise TimelineError([Problem(path, None, "the YAML is nested too deeply to read")]) from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else None
        what = exc.problem or exc.context or "invalid YAML"
        raise TimelineError([Problem(path, line, f"YAML syntax error: {what}")]) from None
    except yaml.YAMLError as exc:
        raise TimelineError([Problem(path, None, f"YAML error: {exc}")]) from None
    finally:
        loader.dispose()


def load_yaml_file(path: Path, display: str | None = None) -> Any:
    """Read (:func:`kg.inputs.read_input`: a regular file, size-bounded) and parse the YAML file at ``path`` (UTF-8)."""
    from .inputs import InputError, read_input

    shown = display or str(path)
    try:
        raw = read_input(path, shown=shown)
    except InputError as exc:
        reason = "is a folder, not a timeline file" if exc.reason.startswith("is a folder") else exc.reason
        raise TimelineError([Problem(shown, None, reason)]) from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        raise TimelineError([Problem(shown, line, f"not UTF-8 text ({exc.reason} at byte {exc.start})")]) from None
    return load_yaml_text(text, shown)
