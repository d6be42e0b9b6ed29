"""Read YAML keeping line numbers, so that errors can say ``file:line``.

Mappings load as :class:`LineDict` and sequences as :class:`LineList`; both remember the
line of each key or item. Duplicate keys, which PyYAML would silently overwrite, are an
error. Dates stay text (``2024-02-30`` is for kg to reject, with its line), and so do integers
too long for Python to read (over 4,300 digits). Aliases may repeat at most
:data:`MAX_ALIAS_NODES` nodes in all (a "billion laughs" of aliases is refused). Only the YAML
"safe" subset is read.

PyYAML's C parser (libyaml) composes the document when it is installed (:data:`LIBYAML`),
several times faster than the pure-Python one, which is used otherwise; both give the same
data, the same ``file:line`` errors and the same limits.

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

from kg.errors import Problem, TimelineError
from kg.collector import collector_paused

__all__ = ["LineDict", "LineList", "load_yaml_text", "load_yaml_file", "MAX_ALIAS_NODES", "LIBYAML"]

MAX_ALIAS_NODES = 100_000
"""How many nodes all the aliases of one YAML document may repeat, in all."""


class LineDict(dict):
    """A mapping from YAML that knows the line of itself and of each key."""

    line: int = 0
    key_lines: dict[Any, int]

    def line_of(self, key: Any) -> int:
        """The line of ``key``, or of the mapping when the key is absent."""
        return self.key_lines.get(key, self.line)


class LineList(list):
    """A sequence from YAML that knows the line of itself and of each item."""

    line: int = 0
    item_lines: list[int]

    def line_of(self, index: int) -> int:
        """The line of item ``index``."""
        return self.item_lines[index] if index < len(self.item_lines) else self.line


_CSafeLoader: type[yaml.CSafeLoader] | None
try:
    from yaml import CSafeLoader as _CSafeLoader
except ImportError:  # PyYAML built without libyaml
    _CSafeLoader = None

LIBYAML = _CSafeLoader is not None
"""Whether PyYAML's C parser (libyaml) is there to compose documents."""


class _Loader(yaml.SafeLoader):
    """SafeLoader building LineDict/LineList and refusing duplicate keys."""

    path = "<yaml>"
    path_text: str
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


def _expect(node: yaml.Node, kind: type[yaml.Node], name: str) -> None:
    """Refuse, as PyYAML words it, a node whose explicit tag names another kind (``!!map [1]``)."""
    if not isinstance(node, kind):
        found = getattr(node, "id", type(node).__name__)  # PyYAML names each node class by its id
        raise yaml.constructor.ConstructorError(None, None, f"expected a {name} node, but found {found}",
                                                node.start_mark)


def _construct_mapping(loader: _Loader, node: yaml.MappingNode) -> LineDict:
    _expect(node, yaml.MappingNode, "mapping")
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
    _expect(node, yaml.SequenceNode, "sequence")
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


if _CSafeLoader is not None:
    class _CLoader(yaml.CSafeLoader):
        """libyaml composes; kg's constructors (below) build LineDict/LineList as in _Loader."""

        path = "<yaml>"
        path_text: str

        def resolve(self, kind: Any, value: Any, implicit: Any) -> str:
            """:meth:`yaml.resolver.BaseResolver.resolve`, with the resolvers of each first
            character gathered once (libyaml calls this for every node; SafeLoader has no
            path resolvers)."""
            if kind is yaml.ScalarNode:
                if implicit[0]:
                    for tag, regexp in _first_resolvers(type(self), value[:1]):
                        if regexp.match(value):
                            return tag
                return _STR
            return _MAP if kind is yaml.MappingNode else _SEQ

        def descend_resolver(self, current_node: Any, current_index: Any) -> None:
            pass  # no path resolvers

        def ascend_resolver(self) -> None:
            pass


def _first_resolvers(loader: type[yaml.resolver.BaseResolver], first: str) -> tuple[tuple[str, Any], ...]:
    """The implicit resolvers to try for a plain scalar starting with ``first``, in order."""
    table = loader.__dict__.get("_kg_first")
    if table is None:
        table = {}
        loader._kg_first = table  # type: ignore[attr-defined]  # kg's own cache, set on PyYAML's class
    found = table.get(first)
    if found is None:
        resolvers = loader.yaml_implicit_resolvers
        found = table[first] = tuple(resolvers.get(first, [])) + tuple(resolvers.get(None, []))
    return found


def _loaders() -> list[Any]:
    return [_Loader] + ([_CLoader] if _CSafeLoader is not None else [])


for _cls in _loaders():
    _cls.add_constructor("tag:yaml.org,2002:timestamp", _construct_text)
    _cls.add_constructor("tag:yaml.org,2002:int", _construct_int)
    _cls.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
    _cls.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _construct_sequence)


_STR = "tag:yaml.org,2002:str"
_INT = "tag:yaml.org,2002:int"
_MAP = yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG
_SEQ = yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG
_MERGE = ("tag:yaml.org,2002:merge", "tag:yaml.org,2002:value")


def _build(loader: Any, node: yaml.Node) -> Any:
    """What :meth:`construct_document` makes of an alias-free tree, built in one walk.

    Text, whole numbers, mappings and sequences (nearly every node of a timeline) are built
    here directly, with the same lines, errors and limits as the constructors above; any
    other tag goes to PyYAML's constructor. The tree is taken apart as it is built (each
    mapping and sequence lets go of its children), so the nodes already built are freed
    while the rest is built, instead of the whole tree living beside the whole result.
    """
    tag = node.tag
    # An explicit tag may name a kind the node is not (``!!int [1]``, ``!!str {a: 1}``): only a node
    # of the kind its tag names takes a fast path; PyYAML's constructor refuses the rest with its line.
    if tag == _STR and isinstance(node, yaml.ScalarNode):
        return node.value
    if tag == _MAP and isinstance(node, yaml.MappingNode):
        pairs = node.value
        if any(key.tag in _MERGE for key, _ in pairs):
            return loader.construct_object(node, deep=True)
        node.value = []
        result = LineDict()
        result.line = node.start_mark.line + 1
        lines: dict[Any, int] = {}
        result.key_lines = lines
        pairs.reverse()
        while pairs:
            key_node, value_node = pairs.pop()
            key = key_node.value if key_node.tag == _STR else _build(loader, key_node)
            line = key_node.start_mark.line + 1
            try:
                first = lines.get(key)
            except TypeError:
                raise TimelineError([Problem(loader.path, line, "a mapping key must be a plain value")]) from None
            if first is not None:
                raise TimelineError([Problem(loader.path, line, f"duplicate key {key!r} (first at line {first})")])
            result[key] = _build(loader, value_node)
            lines[key] = line
        return result
    if tag == _SEQ and isinstance(node, yaml.SequenceNode):
        children = node.value
        node.value = []
        children.reverse()
        items = LineList()
        item_lines = [child.start_mark.line + 1 for child in reversed(children)]
        while children:
            items.append(_build(loader, children.pop()))
        items.line = node.start_mark.line + 1
        items.item_lines = item_lines
        return items
    if tag == _INT and isinstance(node, yaml.ScalarNode):
        text = node.value
        if text.isdigit() and (text[0] != "0" or text == "0") and len(text) < 4000:
            return int(text)
        assert isinstance(node, yaml.ScalarNode)  # text.isdigit() above: the value is text
        return _construct_int(loader, node)
    return loader.construct_object(node, deep=True)


def _check_aliases(root: yaml.Node, path: str) -> None:
    """Refuse a composed document whose aliases repeat more than :data:`MAX_ALIAS_NODES` nodes.

    libyaml composes an alias as the anchored node itself, so a node met again (in document
    order the anchor comes first) is an alias; it counts as every node it stands for, as
    :class:`_Loader` counts while composing. The walk visits each node once.
    """
    seen: set[int] = set()
    sizes: dict[int, int] = {}
    repeated = 0
    stack: list[tuple[yaml.Node, int]] = [(root, root.start_mark.line + 1)]
    while stack:
        node, line = stack.pop()
        if id(node) in seen:
            repeated += _size(node, sizes)
            if repeated > MAX_ALIAS_NODES:
                raise TimelineError([Problem(path, line, f"YAML aliases repeat more than {MAX_ALIAS_NODES:,} "
                                                         "nodes; write the data out instead")])
            continue
        seen.add(id(node))
        if isinstance(node, yaml.SequenceNode):
            stack.extend((child, node.start_mark.line + 1) for child in reversed(node.value))
        elif isinstance(node, yaml.MappingNode):
            for key, value in reversed(node.value):
                stack.append((value, key.start_mark.line + 1))
                stack.append((key, key.start_mark.line + 1))


def load_yaml_text(text: str, path: str) -> Any:
    """Parse YAML ``text``; errors name ``path`` and the line."""
    try:
        loader = (_CLoader if _CSafeLoader is not None else _Loader)(text)
        loader.path, loader.path_text = path, text
        if _CSafeLoader is None:  # the reader rejects control characters here, before parsing
            return _compose_and_construct(loader, path)
        if "&" not in text:  # no anchor, so no alias: straight from the events
            try:
                with collector_paused():  # the data is a tree without cycles
                    return _stream(loader)
            except Exception:  # noqa: BLE001 (the composer reads it again below, and says what is wrong)
                loader = _CLoader(text)
                loader.path, loader.path_text = path, text
        try:  # libyaml reads (and rejects control characters) as it composes
            return _compose_and_construct(loader, path)
        finally:
            loader.dispose()
    except yaml.reader.ReaderError as exc:
        if _CSafeLoader is not None:  # libyaml's position counts bytes of UTF-8
            line = text.encode("utf-8")[:exc.position].count(b"\n") + 1
        else:
            line = text[:exc.position].count("\n") + 1
        raise TimelineError([Problem(path, line, f"character U+{exc.character:04X} is not allowed in YAML "
                                                 "(a control character)")]) from None


class _Fallback(Exception):
    """The document needs PyYAML's composer (an explicit tag, an alias, a merge key, an error)."""


def _stream(loader: Any) -> Any:
    """The document built straight from libyaml's events, without a node tree.

    Text, numbers, mappings and sequences with their lines, as :func:`_build` makes them;
    only the containers still open are kept aside. Anything else (an explicit tag, an alias,
    a merge key, more than one document, an error of any kind) raises :class:`_Fallback`,
    and the composer then reads the document as before, giving the same data or error.
    """
    get = loader.get_event
    resolve = loader.resolve
    constructors = loader.yaml_constructors
    get()  # stream start
    event = get()
    if type(event) is yaml.StreamEndEvent:
        return None
    if type(event) is not yaml.DocumentStartEvent:
        raise _Fallback
    stack: list[list[Any]] = []  # [container, key lines or item lines, key, waiting for a value]
    while True:
        event = get()
        kind = type(event)
        line = event.start_mark.line + 1
        if kind is yaml.ScalarEvent:
            if event.tag is not None and event.tag != "!":
                raise _Fallback
            value = event.value
            tag = resolve(yaml.ScalarNode, value, event.implicit)
            if tag == _INT and value.isdigit() and (value[0] != "0" or value == "0") and len(value) < 4000:
                value = int(value)
            elif tag != _STR:
                if tag in _MERGE or tag not in constructors:
                    raise _Fallback
                value = constructors[tag](loader, yaml.ScalarNode(tag, value, event.start_mark, event.end_mark))
        elif kind is yaml.MappingStartEvent or kind is yaml.SequenceStartEvent:
            if event.tag is not None and event.tag != "!":
                raise _Fallback
            container: Any = LineDict() if kind is yaml.MappingStartEvent else LineList()
            container.line = line
            lines: Any = {} if kind is yaml.MappingStartEvent else []
            if kind is yaml.MappingStartEvent:
                container.key_lines = lines
            else:
                container.item_lines = lines
            stack.append([container, lines, None, False, line])
            continue
        elif kind is yaml.MappingEndEvent or kind is yaml.SequenceEndEvent:
            value, _, _, _, line = stack.pop()
        else:  # an alias
            raise _Fallback
        if not stack:
            if type(get()) is not yaml.DocumentEndEvent or type(get()) is not yaml.StreamEndEvent:
                raise _Fallback  # more than one document: the composer says so
            return value
        frame = stack[-1]
        target, lines = frame[0], frame[1]
        if type(target) is LineList:
            target.append(value)
            lines.append(line)
        elif frame[3]:
            target[frame[2]] = value
            frame[3] = False
        else:
            try:
                if value in lines:
                    raise _Fallback  # a duplicate key
            except TypeError:  # a key that is not a plain value
                raise _Fallback from None
            lines[value] = line
            frame[2], frame[3] = value, True


def _compose_and_construct(loader: Any, path: str) -> Any:
    try:
        if _CSafeLoader is None:
            return loader.get_single_data()
        node = loader.get_single_node()
        if node is None:
            return None
        if "&" in loader.path_text:  # anchors or aliases: PyYAML's constructor keeps them shared
            _check_aliases(node, path)
            return loader.construct_document(node)
        return _build(loader, node)  # no alias: every node is met once, and dropped once built
    except RecursionError:
        raise TimelineError([Problem(path, None, "the YAML is nested too deeply to read")]) from None
    except yaml.reader.ReaderError:
        raise
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else None
        what = exc.problem or exc.context or "invalid YAML"
        if "maximum nesting depth" in what:  # libyaml's own limit
            raise TimelineError([Problem(path, line, "the YAML is nested too deeply to read")]) from None
        raise TimelineError([Problem(path, line, f"YAML syntax error: {what}")]) from None
    except yaml.YAMLError as exc:
        raise TimelineError([Problem(path, None, f"YAML error: {exc}")]) from None
    finally:
        if _CSafeLoader is None:
            loader.dispose()


def load_yaml_file(path: Path, display: str | None = None) -> Any:
    """Read (:func:`kg.inputs.read_input`: a regular file, size-bounded) and parse the YAML file at ``path`` (UTF-8)."""
    from kg.inputs import InputError, read_input

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
