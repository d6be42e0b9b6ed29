"""Read YAML keeping line numbers, so that errors can say ``file:line``.

Mappings load as :class:`LineDict` and sequences as :class:`LineList`; both remember the
line of each key or item. Duplicate keys, which PyYAML would silently overwrite, are an
error. Dates stay text (``2024-02-30`` is for kg to reject, with its line). Only the YAML
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

__all__ = ["LineDict", "LineList", "load_yaml_text", "load_yaml_file"]


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


_Loader.add_constructor("tag:yaml.org,2002:timestamp", _construct_text)
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
    """Read and parse the YAML file at ``path`` (UTF-8)."""
    shown = display or str(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise TimelineError([Problem(shown, None, "no such file")]) from None
    except IsADirectoryError:
        raise TimelineError([Problem(shown, None, "is a directory, not a timeline file")]) from None
    except UnicodeDecodeError as exc:
        raise TimelineError([Problem(shown, None, f"not UTF-8 text ({exc.reason})")]) from None
    except OSError as exc:
        raise TimelineError([Problem(shown, None, f"cannot read: {exc.strerror}")]) from None
    return load_yaml_text(text, shown)
