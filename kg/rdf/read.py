"""Reading RDF files safely: bounded, local, quiet.

:func:`parse_rdf` reads the file through :func:`kg.inputs.read_input` (a regular file within the
size limit), then hands the bytes to rdflib, so rdflib never opens a path or URL itself:

- JSON-LD: only inline contexts are read. A context named by URL or file (``"@context":
  "https://..."``, ``"file:///etc/passwd"``, ``@import``) is refused in one line, never fetched,
  so loading cannot hang on a server or read another file.
- RDF/XML: entity declarations are allowed only as plain text (no nested references, no
  external or parameter entities, no external DTD), and all their uses together may expand to at
  most the input size limit: a "billion laughs" file is refused before rdflib sees it.
- rdflib's logged warnings (a traceback for each ill-typed literal) are kept off stderr unless
  logging has been configured: kg reports those problems itself, in one line.

>>> import tempfile, pathlib
>>> bad = pathlib.Path(tempfile.mkdtemp()) / "remote.jsonld"
>>> _ = bad.write_text('{"@context": "https://example.org/context.jsonld", "@id": "urn:x"}')
>>> parse_rdf(bad, "json-ld")  # doctest: +ELLIPSIS
Traceback (most recent call last):
...
kg.errors.KgError: ...remote.jsonld: JSON-LD context 'https://example.org/context.jsonld' is not loaded: ...
"""

from __future__ import annotations

import contextlib
import json
import logging
import re
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kg.errors import KgError

if TYPE_CHECKING:
    from rdflib import Dataset

__all__ = ["parse_rdf", "quiet_rdflib"]


@contextlib.contextmanager
def quiet_rdflib() -> Iterator[None]:
    """Within the block, rdflib's log records are dropped unless logging has been set up (a
    handler on the root logger or on ``rdflib``): the library prints nothing to stderr unasked."""
    logger = logging.getLogger("rdflib")
    configured = logging.getLogger().handlers or logger.handlers
    if configured:
        yield
        return
    previous = logger.disabled
    logger.disabled = True
    children = [lg for name, lg in logging.Logger.manager.loggerDict.items()
                if name.startswith("rdflib.") and isinstance(lg, logging.Logger) and not lg.disabled]
    for child in children:
        child.disabled = True
    try:
        yield
    finally:
        logger.disabled = previous
        for child in children:
            child.disabled = False


def _jsonld_contexts(file: Path, text: str) -> None:
    """Refuse a JSON-LD document that names a context to be loaded from elsewhere."""
    try:
        document = json.loads(text)
    except RecursionError:
        raise KgError(f"{file}: not valid json-ld: nested too deeply to read") from None
    except ValueError as exc:
        raise KgError(f"{file}: not valid json-ld: {str(exc)[:200]}") from None
    stack: list[Any] = [document]
    while stack:
        item = stack.pop()
        if isinstance(item, list):
            stack.extend(item)
        elif isinstance(item, dict):
            if "@import" in item:
                _remote(file, item["@import"])
            context = item.get("@context")
            for named in context if isinstance(context, list) else [context]:
                if isinstance(named, str):
                    _remote(file, named)
            stack.extend(item.values())


def _remote(file: Path, name: Any) -> None:
    shown = str(name)[:100].encode("unicode_escape").decode("ascii")
    raise KgError(f"{file}: JSON-LD context {shown!r} is not loaded: kg reads only contexts written inline "
                  "in the file (it fetches no URL and opens no other file)")


class _Stop(Exception):
    pass


def _xml_entities(file: Path, raw: bytes, limit: int) -> None:
    """Refuse RDF/XML whose entities could expand beyond ``limit`` characters, or reach outside."""
    import xml.parsers.expat as expat

    entities: dict[str, int] = {}

    def refuse(why: str) -> None:
        raise KgError(f"{file}: not read as RDF/XML: {why}")

    def doctype(name: str, system_id: str | None, public_id: str | None, internal: int) -> None:
        if system_id or public_id:
            refuse("it names an external DTD, which kg does not load")

    def entity(name: str, is_parameter: int, value: str | None, base: Any, system_id: Any, public_id: Any,
               notation: Any) -> None:
        if is_parameter or value is None:
            refuse(f"entity {name!r} is {'a parameter' if is_parameter else 'an external'} entity, which kg does "
                   "not expand")
        assert value is not None  # refused above
        if "&" in value or "%" in value:
            refuse(f"entity {name!r} refers to other entities, which kg does not expand")
        entities[name] = len(value)

    def start(*_: Any) -> None:
        raise _Stop

    parser = expat.ParserCreate()
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
    parser.StartDoctypeDeclHandler = doctype
    parser.EntityDeclHandler = entity
    parser.StartElementHandler = start
    try:
        parser.Parse(raw, True)
    except _Stop:
        pass
    except expat.ExpatError as exc:
        refuse(f"{expat.errors.messages.get(exc.code, 'XML error')} (line {exc.lineno})")
    if not entities:
        return
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        refuse("entities are expanded only in UTF-8 files")
    expanded = sum(entities.get(m, 0) for m in re.findall(r"&([^\s&;<>]+);", text))
    if expanded > limit:
        refuse(f"its entities would expand to {expanded:,} characters, over the input limit of {limit:,}")


def parse_rdf(file: str | Path, fmt: str) -> Dataset:
    """Read the RDF file ``file`` in rdflib format ``fmt`` into a ``Dataset``, or raise a one-line KgError."""
    from rdflib import Dataset
    from rdflib.graph import DATASET_DEFAULT_GRAPH_ID

    from kg.inputs import max_input_size, read_input

    file = Path(file)
    raw = read_input(file)
    if fmt == "xml":
        _xml_entities(file, raw, max_input_size())
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        if fmt != "xml":  # RDF/XML may declare another encoding; rdflib reads the bytes
            raise KgError(f"{file}: not UTF-8 text ({exc.reason} at byte {exc.start})") from None
        text = ""
    if fmt == "json-ld":
        _jsonld_contexts(file, text)
    dataset = Dataset(default_union=True)
    base = file.resolve().as_uri()
    data: str | bytes = raw if fmt == "xml" else text
    try:
        with quiet_rdflib():
            if fmt in ("trig", "nquads", "json-ld"):
                dataset.parse(data=data, format=fmt, publicID=base)
            else:
                dataset.graph(DATASET_DEFAULT_GRAPH_ID).parse(data=data, format=fmt, publicID=base)
    except Exception as exc:  # rdflib's parsers raise many types; report one line, no traceback
        # rdflib's line numbers are not reliable (it reports line 6 of a 3-line file), so none is
        # given; its message and the excerpt around the error are.
        message = " ".join(re.sub(r"^at line \d+ of <[^>]*>:", "", str(exc)).split()) or type(exc).__name__
        raise KgError(f"{file}: not valid {fmt}: {message[:200]}") from None
    return dataset
