"""Check a timeline file thoroughly: format, references, dates, evidence, SHACL, calendar.

:func:`validate` never raises for bad data; it returns a :class:`ValidationReport`
listing every problem with its place. Errors: the file's format (with ``file:line``),
unknown ids, EDTF that does not parse, an end before a start, evidence whose text is
not at its offsets, a changed source file, SHACL violations of the built RDF (pySHACL
with ``ontology/shapes.ttl``). Warnings: a weekday named beside a date in the evidence
that disagrees with the calendar.

Exit codes of ``kg validate`` (as pySHACL's): 0 valid, 1 the data has errors, 2 the
command was used wrongly (unknown option, missing file).

>>> report = validate()
>>> report.ok, len(report.errors), len(report.warnings)
(True, 0, 1)
>>> print(report.warnings[0])  # doctest: +ELLIPSIS
kg/data/stamos/stamos.yaml:...: warning: evidence names Monday beside 18 March, but 18 March 2018 was a Sunday (...); recorded in conflict 'monday-18-march'
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from kg.errors import Problem, TimelineError
from kg.timeline.model import Timeline
from kg.timeline.reader import load_timeline
from kg.time.weekdays import check_weekdays

if TYPE_CHECKING:
    from rdflib import Graph

    from kg.knowledge_graph import KnowledgeGraph
    from kg.timeline.model import Source

__all__ = ["ValidationReport", "validate", "shacl_problems", "weekday_problems", "bidi_problems",
           "rdf_shacl_problems"]


@dataclass
class ValidationReport:
    """What :func:`validate` found; ``ok`` when there are no errors (warnings allowed)."""

    path: str
    problems: list[Problem] = field(default_factory=list)
    timeline: Timeline | None = None

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "warning"]

    @property
    def notes(self) -> list[Problem]:
        """What is worth knowing but not wrong: hand bounds that derivation tightens."""
        return [p for p in self.problems if p.severity == "note"]

    @property
    def ok(self) -> bool:
        return not self.errors

    def summary(self, *, strict: bool = False) -> str:
        """One line: valid or not, with counts (``strict``: warnings make it not valid)."""
        e, w = len(self.errors), len(self.warnings)
        plural = lambda n, word: f"{n} {word}{'' if n == 1 else 's'}"  # noqa: E731
        if strict and self.ok and w:
            return f"{self.path}: not valid with --strict ({plural(w, 'warning')})"
        if self.ok and self.timeline is not None:
            t = self.timeline
            claims = sum(1 for _ in t.claims())
            notes = f", {plural(len(self.notes), 'note')}" if self.notes else ""
            return (f"{self.path}: valid ({plural(len(t.events), 'event')}, {plural(claims, 'claim')}, "
                    f"{plural(len(t.positions), 'position')}, {plural(len(t.relations), 'relation')}; "
                    f"{plural(w, 'warning')}{notes})")
        return f"{self.path}: {plural(e, 'error')}, {plural(w, 'warning')}"


def validate(target: str | Path | Timeline | KnowledgeGraph | None = None, *, shacl: bool = True) -> ValidationReport:
    """Check a timeline and report every problem; never raises for bad data.

    ``target`` is a path (default: the bundled timeline), a :class:`~kg.timeline.model.Timeline` or a
    loaded :class:`~kg.KnowledgeGraph` (:meth:`kg.KnowledgeGraph.validate` calls this): the
    same checks run whichever is given. An RDF file (.ttl, .trig, .nq, .jsonld, ...) is checked
    against the SHACL shapes and for what kg needs to read it (dates that are dates, evidence
    offsets that are integers, ...).

    >>> from kg.timeline.reader import load_timeline
    >>> validate(load_timeline(), shacl=False).ok
    True
    """
    from kg.knowledge_graph import KnowledgeGraph

    if isinstance(target, Timeline):
        return _validate_timeline(target, shacl=shacl)
    if isinstance(target, KnowledgeGraph):
        if target.timeline is not None and target.from_timeline:
            return _validate_timeline(target.timeline, shacl=shacl)
        return _validate_read(target, shacl=shacl)
    return _validate_file(target, shacl=shacl)


def _validate_file(path: str | Path | None, *, shacl: bool) -> ValidationReport:
    from kg.errors import KgError
    from kg.knowledge_graph import file_format, load

    try:
        kind = file_format(path)
    except KgError as exc:
        return ValidationReport(str(path), [Problem(str(path), None, str(exc).split(": ", 1)[-1])])
    if kind == "timeline":
        try:
            timeline = load_timeline(path)
        except TimelineError as exc:
            shown = exc.problems[0].path if exc.problems and exc.problems[0].path else str(path)
            return ValidationReport(shown or "", sorted(exc.problems, key=lambda p: (p.line or 0, p.message)))
        return _validate_timeline(timeline, shacl=shacl)
    assert path is not None
    try:
        graph = load(path, shacl=False)
        graph.networkx  # reading it as kg does finds what SHACL does not check (bad dates, ...)
    except KgError as exc:
        return ValidationReport(str(path), [_located(Path(path), str(exc))])
    return _validate_read(graph, shacl=shacl)


def _validate_timeline(timeline: Timeline, *, shacl: bool) -> ValidationReport:
    report = ValidationReport(_shown(timeline), [], timeline)
    if shacl:
        report.problems += shacl_problems(timeline)
    report.problems += weekday_problems(timeline)
    report.problems += timeline.notes  # from deriving the times: tightened hand bounds
    report.problems += bidi_problems(timeline)
    report.problems.sort(key=lambda p: (p.line or 0, p.severity != "error", p.message))
    return report


def _validate_read(graph: KnowledgeGraph, *, shacl: bool) -> ValidationReport:
    """A graph read from RDF or an event table (no timeline model behind it)."""
    shown = str(graph.path) if graph.path else "(graph)"
    problems = rdf_shacl_problems(graph) if shacl else []
    if graph.networkx.graph.get("table"):  # an event table (kg.tables): nothing to quote
        problems.append(Problem(shown, None, "an event table has no claims or evidence quotes to check", "note"))
    return ValidationReport(shown, problems + _rdf_bidi_problems(graph.union, shown))


def rdf_shacl_problems(graph: KnowledgeGraph) -> list[Problem]:
    """SHACL violations of a :class:`~kg.KnowledgeGraph` read from RDF (every command refuses those)."""
    return _shacl(graph.union, {}, str(graph.path), "")


def _bidi_warning(shown: str, line: int | None, what: str, text: str) -> Problem | None:
    from kg.display import bidi_controls, terminal_text

    found = bidi_controls(text)
    if not found:
        return None
    return Problem(shown, line, f"{what} {terminal_text(text[:80])!r} contains {', '.join(found)}, which can make "
                                "text display as other text; kg shows it as [U+XXXX]", severity="warning")


def bidi_problems(timeline: Timeline) -> list[Problem]:
    """Warnings for bidi override, embedding and isolate characters in any text of the timeline
    (labels, titles, glosses, evidence, ...), each naming the text and its line."""
    import dataclasses

    shown, found = _shown(timeline), []
    seen: set[object] = set()  # (line, text) pairs warned about, and ids of records walked

    def walk(value: object, line: int | None, what: str) -> None:
        if isinstance(value, str):
            problem = _bidi_warning(shown, line, what, value)
            if problem is not None and (line, value) not in seen:
                seen.add((line, value))
                found.append(problem)
        elif isinstance(value, dict):
            for key, item in value.items():
                walk(key, line, what)
                walk(item, line, what)
        elif isinstance(value, (list, tuple, set, frozenset)):
            for item in value:
                walk(item, line, what)
        elif dataclasses.is_dataclass(value) and not isinstance(value, type) and id(value) not in seen:
            seen.add(id(value))
            here = getattr(value, "line", 0) or line
            for f in dataclasses.fields(value):
                if f.name in ("text", "path", "sha256") and type(value).__name__ == "Source":
                    continue  # the source text itself: its quotes are checked as evidence
                walk(getattr(value, f.name), here, f.name.replace("_", " ").rstrip("s") if f.name != "labels" else "label")

    walk(timeline, None, "text")
    return found


def _rdf_bidi_problems(union: Graph, shown: str) -> list[Problem]:
    from rdflib import Literal

    found = []
    for s, _, o in union:
        if isinstance(o, Literal):
            problem = _bidi_warning(shown, None, f"literal of <{s}>", str(o))
            if problem is not None:
                found.append(problem)
    return found


def _shown(timeline: Timeline) -> str:
    from kg.display import display_path

    return display_path(timeline.path) if timeline.path else timeline.id


def weekday_problems(timeline: Timeline) -> list[Problem]:
    """Warnings for weekdays beside dates, in evidence, that disagree with the calendar."""
    shown, seen, found = _shown(timeline), set(), []
    covered = {
        (e.source, e.start, e.end): conflict.id
        for conflict in timeline.conflicts.values() for r in conflict.readings for e in r.evidence
    }
    for evidence in timeline.evidence():
        source = timeline.sources[evidence.source]
        year = _year_of(source)
        if year is None:
            continue
        for mismatch in check_weekdays(evidence.text, year):
            key = (evidence.source, evidence.start + mismatch.start)
            if key in seen:
                continue
            seen.add(key)
            note = next((f"; recorded in conflict {cid!r}" for (src, s, e), cid in covered.items()
                         if src == evidence.source and s <= key[1] < e), "")
            found.append(Problem(shown, evidence.line, f"evidence {mismatch}{note}", severity="warning"))
    return found


def _year_of(source: Source) -> int | None:
    """The year dates without one are read in: the year of the source's publication."""
    if source.date is None:
        return None
    span = source.date.span
    for day in (span.start_earliest, span.end_latest):
        if day is not None:
            return day.year
    return None


def shacl_problems(timeline: Timeline) -> list[Problem]:
    """SHACL violations of the timeline's RDF against ``ontology/shapes.ttl``, placed by line."""
    from kg.rdf.build import build_dataset, union_graph

    return _shacl(union_graph(build_dataset(timeline)), _lines_by_iri(timeline), _shown(timeline), timeline.base)


def _shacl(data: Graph, lines: dict[str, int], shown: str, base: str) -> list[Problem]:
    import pyshacl
    from rdflib import Graph, URIRef
    from rdflib.namespace import SH

    from kg.vocabulary import ontology_file

    shapes = Graph().parse(ontology_file("shapes.ttl"), format="turtle")
    conforms, results, _ = pyshacl.validate(data, shacl_graph=shapes, inference="none")
    if conforms:
        return []
    found = []
    for result in results.subjects(predicate=SH.focusNode):
        focus = results.value(result, SH.focusNode)
        message = results.value(result, SH.resultMessage)
        path = results.value(result, SH.resultPath)
        iri = str(focus)
        owner = next((k for k in sorted(lines, key=len, reverse=True) if iri == k or iri.startswith(k + "/")), None)
        where = f" ({Graph().namespace_manager.normalizeUri(path) if isinstance(path, URIRef) else path})" if path else ""
        found.append(Problem(shown, lines.get(owner) if owner else None,
                             f"SHACL: {_short(iri, base) if base else iri}{where}: {message}"))
    return sorted(found, key=lambda p: (p.line or 0, p.message))


def _short(iri: str, base: str) -> str:
    return iri.removeprefix(base)


def _lines_by_iri(timeline: Timeline) -> dict[str, int]:
    from kg.timeline.iris import Iris

    iris, lines = Iris(timeline.base, str), {}
    for entity in timeline.entities.values():
        lines[str(iris.entity(entity))] = entity.line
    for event in timeline.events.values():
        lines[str(iris.event(event.id))] = event.line
    for position in timeline.positions.values():
        lines[str(iris("position", position.id))] = position.line
    for link in timeline.links.values():
        lines[str(iris("link", link.id))] = link.line
    for conflict in timeline.conflicts.values():
        lines[str(iris("conflict", conflict.id))] = conflict.line
    for source in timeline.sources.values():
        lines[str(iris.source(source.id))] = source.line
    for claim in timeline.claims():
        lines[str(iris.claim(claim.id))] = claim.line
    return lines


def _located(path: Path, message: str) -> Problem:
    """A load error as a Problem, with the line when the message starts ``path:line:``."""
    head, _, rest = message.partition(": ")
    name, _, line = head.rpartition(":")
    if name and line.isdigit():  # the table, or the relation map beside it
        return Problem(name, int(line), rest)
    return Problem(str(path), None, message.split(": ", 1)[-1])
