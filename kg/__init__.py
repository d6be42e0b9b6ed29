"""kg: temporal knowledge graphs of news timelines.

Turn a timeline (events, positions and claims, each traced to the exact words of a
source) into RDF, ask it temporal questions that keep uncertain dates honest, and draw
it as an interactive, offline page.

>>> import kg
>>> g = kg.load()                      # the bundled Alex Stamos / Facebook timeline
>>> g.counts()["events"]
30
>>> spring = kg.parse_edtf("2017-21")   # EDTF for spring 2017: bounds on its start and end
>>> spring.start_earliest, spring.end_latest, spring.describe()
(datetime.date(2017, 3, 1), datetime.date(2017, 5, 31), 'March–May 2017')

The names below are re-exported from their modules and imported on first use, so that
``import kg`` (and ``kg --help``) stays fast and does not load rdflib, networkx or pyvis.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from kg._version import __version__

if TYPE_CHECKING:  # pragma: no cover - for type checkers and IDEs
    from kg.time.allen import Relation, relation, relations
    from kg.time.edtf import EDTFError, parse_edtf
    from kg.errors import EXIT_CODES, KgError, Problem, QueryError, TimelineError, UsageError
    from kg.formats import EXPORT_FORMATS, INPUT_KINDS, ExportFormat, register_export
    from kg.inputs import InputError, input_limits
    from kg.views.exports import export
    from kg.graph.from_rdf import to_networkx
    from kg.rdf.nquads import iter_quads, write_nquads
    from kg.rdf.portable import portable_dataset
    from kg.graph.view import timeline_view
    from kg.knowledge_graph import KnowledgeGraph, load
    from kg.timeline.model import Timeline
    from kg.rdf.build import build_dataset
    from kg.views.chart import timeline_chart
    from kg.timeline.derivation import derive_times
    from kg.views.layout import bundle_edges, time_lanes
    from kg.timeline.model import TimeRelation
    from kg.ask.forms import FORMS
    from kg.ask.parsed_question import Question
    from kg.ask.pairs import Duration, Verdict, compare, duration
    from kg.views.explorer import render_html, slider_grades
    from kg.views.snapshot import snapshot_png
    from kg.graph.synthetic_table import write_synthetic_table
    from kg.views.table_export import write_table
    from kg.tables import TableGraph, load_table
    from kg.time import Certainty, TimeSpan
    from kg.time.network import Contradiction, TimeNetwork
    from kg.time.phrases import TimeFilter
    from kg.timeline.reader import bundled_timeline_path, load_timeline
    from kg.validation import ValidationReport, validate

__all__ = [
    "__version__",
    # loading and the graph object
    "load",
    "KnowledgeGraph",
    "load_timeline",
    "bundled_timeline_path",
    "Timeline",
    "validate",
    "ValidationReport",
    # event tables
    "load_table",
    "TableGraph",
    "write_table",
    "write_synthetic_table",
    # RDF, networkx, pictures, exports
    "build_dataset",
    "to_networkx",
    "timeline_view",
    "iter_quads",
    "write_nquads",
    "render_html",
    "slider_grades",
    "time_lanes",
    "bundle_edges",
    "snapshot_png",
    "timeline_chart",
    "export",
    "portable_dataset",
    # the registries the command line reads (kg.formats)
    "EXPORT_FORMATS",
    "INPUT_KINDS",
    "ExportFormat",
    "register_export",
    # time
    "parse_edtf",
    "EDTFError",
    "TimeSpan",
    "Certainty",
    "TimeFilter",
    "TimeRelation",
    "TimeNetwork",
    "Contradiction",
    "derive_times",
    "FORMS",
    "Question",
    "compare",
    "duration",
    "Verdict",
    "Duration",
    "Relation",
    "relation",
    "relations",
    # errors
    "KgError",
    "TimelineError",
    "QueryError",
    "UsageError",
    "EXIT_CODES",
    "Problem",
    "InputError",
    # reading limits (kg.inputs)
    "input_limits",
]

_EXPORTS: dict[str, str] = {
    "load": "kg.knowledge_graph",
    "KnowledgeGraph": "kg.knowledge_graph",
    "load_timeline": "kg.timeline.reader",
    "bundled_timeline_path": "kg.timeline.reader",
    "Timeline": "kg.timeline.model",
    "validate": "kg.validation",
    "ValidationReport": "kg.validation",
    "load_table": "kg.tables",
    "TableGraph": "kg.tables",
    "write_table": "kg.views.table_export",
    "write_synthetic_table": "kg.graph.synthetic_table",
    "build_dataset": "kg.rdf.build",
    "to_networkx": "kg.graph.from_rdf",
    "timeline_view": "kg.graph.view",
    "iter_quads": "kg.rdf.nquads",
    "write_nquads": "kg.rdf.nquads",
    "render_html": "kg.views.explorer",
    "slider_grades": "kg.views.explorer",
    "time_lanes": "kg.views.layout",
    "bundle_edges": "kg.views.layout",
    "snapshot_png": "kg.views.snapshot",
    "timeline_chart": "kg.views.chart",
    "export": "kg.views.exports",
    "portable_dataset": "kg.rdf.portable",
    "parse_edtf": "kg.time.edtf",
    "EDTFError": "kg.time.edtf",
    "TimeSpan": "kg.time",
    "Certainty": "kg.time",
    "TimeFilter": "kg.time.phrases",
    "TimeRelation": "kg.timeline.model",
    "TimeNetwork": "kg.time.network",
    "Contradiction": "kg.time.network",
    "derive_times": "kg.timeline.derivation",
    "FORMS": "kg.ask.forms",
    "Question": "kg.ask.parsed_question",
    "compare": "kg.ask.pairs",
    "duration": "kg.ask.pairs",
    "Verdict": "kg.ask.pairs",
    "Duration": "kg.ask.pairs",
    "Relation": "kg.time.allen",
    "relation": "kg.time.allen",
    "relations": "kg.time.allen",
    "KgError": "kg.errors",
    "TimelineError": "kg.errors",
    "QueryError": "kg.errors",
    "UsageError": "kg.errors",
    "EXIT_CODES": "kg.errors",
    "EXPORT_FORMATS": "kg.formats",
    "INPUT_KINDS": "kg.formats",
    "ExportFormat": "kg.formats",
    "register_export": "kg.formats",
    "Problem": "kg.errors",
    "InputError": "kg.inputs",
    "input_limits": "kg.inputs",
}


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'kg' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
