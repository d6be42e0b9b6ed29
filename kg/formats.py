"""The registries the command line reads: export formats, input kinds, languages, output kinds.

Each kind of file kg writes or reads is one entry here, with its name, file endings, what it
holds and the function that does the work (named as ``"module:function"`` and imported only
when used, so that ``kg --help`` stays instant). The ``kg`` command line builds its choices,
its help and its reading of file endings from these tables; :meth:`kg.KnowledgeGraph.export`
and :func:`kg.load` dispatch through them. A new export format is one call of
:func:`register_export`:

>>> sorted(EXPORT_FORMATS)
['csv', 'graphml', 'jsonld', 'nquads', 'parquet', 'tkbc', 'trig', 'tsv', 'turtle']
>>> export_format_for_suffix(".nq").name, input_kind_for("events.parquet").name
('nquads', 'table')
>>> EXPORT_FORMATS["tkbc"].folder, EXPORT_FORMATS["parquet"].to_stdout
(True, False)
>>> list(LANGUAGES), OUTPUT_KINDS["ask"]
(['en', 'ar'], ('text', 'json'))
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kg.errors import KgError, UsageError

__all__ = [
    "ExportFormat", "InputKind", "EXPORT_FORMATS", "INPUT_KINDS", "LANGUAGES", "OUTPUT_KINDS",
    "register_export", "register_input", "export_format", "export_format_for_suffix", "input_kind_for", "resolve",
]


def resolve(target: str) -> Callable[..., Any]:
    """The function a registry entry names as ``"module:function"`` (a module of kg, or any)."""
    module, _, name = target.partition(":")
    function: Callable[..., Any] = getattr(importlib.import_module(module), name)
    return function


@dataclass(frozen=True)
class ExportFormat:
    """A format ``kg export`` writes.

    ``chunks`` names a function ``(graph, name) -> Iterable[str]`` giving the text (streamed
    where it can be); ``write`` names one ``(graph, path, name, *, force) -> str`` for what is
    not only text (binary files, folders, or a note to make), returning a note for the user
    ("" for none). Both get the format's name, so one function may serve several formats.
    ``suffixes``: the file endings that mean this format, the first one suggested.
    """

    name: str
    holds: str
    suffixes: tuple[str, ...] = ()
    chunks: str | None = None
    write: str | None = None
    folder: bool = False

    @property
    def to_stdout(self) -> bool:
        """Whether the format can be written to standard output (it is text)."""
        return self.chunks is not None

    def text_chunks(self, graph: Any) -> Iterable[str]:
        """The export of ``graph`` (a :class:`kg.KnowledgeGraph`) as text chunks."""
        if self.chunks is None:
            raise UsageError(f"{self.name} is written to a {'folder' if self.folder else 'file'}; name it with -o")
        chunks: Iterable[str] = resolve(self.chunks)(graph, self.name)
        return chunks

    def write_to(self, graph: Any, path: Path, *, force: bool = False) -> str:
        """Write the export of ``graph`` at ``path`` (never over an input; whole or not at all)."""
        if self.write is not None:
            return str(resolve(self.write)(graph, path, self.name, force=force))
        from kg.files import write_output

        write_output(path, self.text_chunks(graph), inputs=graph.input_files(), force=force)
        return ""


@dataclass(frozen=True)
class InputKind:
    """A kind of file ``--data`` and :func:`kg.load` read; ``load`` names ``(path, *, shacl) -> graph``."""

    name: str
    holds: str
    suffixes: tuple[str, ...]
    load: str


EXPORT_FORMATS: dict[str, ExportFormat] = {}
"""Export formats by name, in the order ``kg export --help`` lists them."""

INPUT_KINDS: dict[str, InputKind] = {}
"""Input kinds by name; a file's ending picks its kind (:func:`input_kind_for`)."""

LANGUAGES: dict[str, str] = {"en": "English", "ar": "Arabic, right to left"}
"""Languages of labels, pages and charts (``--lang``); every label has an English fallback."""

OUTPUT_KINDS: dict[str, tuple[str, ...]] = {
    "ask": ("text", "json"),
    "sparql": ("table", "json", "csv", "tsv"),
    "chart": ("svg", "png", "html"),
}
"""What each command can print or write (``--format`` of ``kg ask`` and ``kg sparql``; the
endings of ``kg timeline -o``)."""


def register_export(fmt: ExportFormat) -> ExportFormat:
    """Add (or replace) an export format; its endings then select it, and ``kg export`` offers it."""
    taken = {s: f.name for f in EXPORT_FORMATS.values() if f.name != fmt.name for s in f.suffixes}
    clash = [s for s in fmt.suffixes if s in taken]
    if clash:
        raise UsageError(f"export format {fmt.name!r}: the ending {clash[0]} already means {taken[clash[0]]}")
    EXPORT_FORMATS[fmt.name] = fmt
    return fmt


def register_input(kind: InputKind) -> InputKind:
    """Add (or replace) an input kind; files with its endings are then read with its ``load``."""
    INPUT_KINDS[kind.name] = kind
    return kind


def export_format(name: str) -> ExportFormat:
    """The export format called ``name``, or a :class:`~kg.errors.UsageError` naming the ones there are.

    >>> export_format("turtle").suffixes
    ('.ttl',)
    >>> export_format("docx")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    kg.errors.UsageError: unknown export format 'docx'; use one of trig, nquads, turtle, ...
    """
    found = EXPORT_FORMATS.get(name)
    if found is None:
        raise UsageError(f"unknown export format {name!r}; use one of {', '.join(EXPORT_FORMATS)}")
    return found


def export_format_for_suffix(suffix: str) -> ExportFormat | None:
    """The export format a file ending (``".ttl"``) names, if any."""
    suffix = suffix.lower()
    return next((f for f in EXPORT_FORMATS.values() if suffix in f.suffixes), None)


def input_kind_for(path: str | Path | None) -> InputKind:
    """The input kind of ``path`` by its ending (``None``: the bundled timeline).

    >>> input_kind_for("notes.docx")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    kg.errors.KgError: notes.docx: unknown kind of file; kg reads .json, .jsonld, ..., .yaml, .yml
    """
    if path is None:
        return INPUT_KINDS["timeline"]
    suffix = Path(path).suffix.lower()
    for kind in INPUT_KINDS.values():
        if suffix in kind.suffixes:
            return kind
    known = ", ".join(sorted(s for k in INPUT_KINDS.values() for s in k.suffixes))
    raise KgError(f"{path}: unknown kind of file; kg reads {known}")  # bad data, exit code 1


PARQUET_COLUMNS = ("id", "relation", "relation_label", "head", "tail", "head_iri", "tail_iri", "edtf",
                   "start_earliest", "start_latest", "end_earliest", "end_latest", "status", "source")
"""The columns kg writes to (and reads from) a Parquet event table (:mod:`kg.tables` reads them,
:mod:`kg.views.table_export` writes them)."""

RDF_PARSERS: dict[str, str] = {
    ".ttl": "turtle", ".turtle": "turtle", ".trig": "trig", ".nq": "nquads", ".nquads": "nquads",
    ".nt": "nt", ".jsonld": "json-ld", ".json": "json-ld", ".rdf": "xml", ".owl": "xml", ".xml": "xml",
}
"""File endings read as RDF, and the rdflib parser for each."""

register_input(InputKind("timeline", "a kg timeline (YAML)", (".yaml", ".yml"), "kg.knowledge_graph:load_timeline_file"))
register_input(InputKind("rdf", "RDF (Turtle, TriG, N-Quads, N-Triples, JSON-LD, RDF/XML)", tuple(RDF_PARSERS),
                         "kg.knowledge_graph:load_rdf_file"))
register_input(InputKind("table", "an event table: ICEWS-style quadruples (.tsv, .txt) or Parquet events",
                         (".tsv", ".txt", ".parquet"), "kg.knowledge_graph:load_table_file"))

for _name, _holds, _suffixes in (
    ("trig", "the whole dataset, one named graph per claim (W3C TriG)", (".trig",)),
    ("nquads", "the same, one quad per line (W3C N-Quads), streamed", (".nq", ".nquads")),
    ("turtle", "all triples in one graph (W3C Turtle)", (".ttl",)),
    ("jsonld", "the whole dataset as JSON-LD 1.1", (".jsonld", ".json")),
    ("graphml", "the event graph: entities as nodes, events as edges (Gephi, Cytoscape)", (".graphml",)),
    ("csv", "one row per event or position (spreadsheets, pandas, R)", (".csv",)),
):
    register_export(ExportFormat(_name, _holds, _suffixes, chunks="kg.views.exports:export_chunks"))
register_export(ExportFormat("tsv", "events as head, relation, tail, day quadruples (ICEWS)", (".tsv",),
                             chunks="kg.views.table_export:quadruple_chunks", write="kg.views.table_export:write_for_export"))
register_export(ExportFormat("parquet", "one row per event (Parquet)", (".parquet",),
                             write="kg.views.table_export:write_for_export"))
register_export(ExportFormat("tkbc", "a folder of integer ids: train.txt, entity2id.txt, relation2id.txt",
                             write="kg.views.table_export:write_for_export", folder=True))
