"""Bulk event tables: ICEWS-style quadruples and Parquet event tables, read into kg's networkx view.

Two forms, chosen by the file's ending (:data:`TABLE_SUFFIXES`):

- **Quadruples** (``.tsv``, ``.txt``): one fact a line, four tab-separated columns
  ``head relation tail date``, no header, as in the ICEWS14 and ICEWS05-15 benchmark files
  (Garcia-Duran et al. 2018), e.g. ``Hu Jintao<TAB>Make statement<TAB>China<TAB>2014-01-01``.
  The date is a day, or any EDTF kg reads (``2014-03``, ``2014-03~``, ``[2014-01..2014-03]``).
  Blank lines are skipped; each other line is one event, ``head`` its agent, ``tail`` its target.
- **Parquet** (``.parquet``, through the optional ``pyarrow``: ``pip install kg-timeline[tables]``):
  one row per event, columns ``relation``, ``head``, ``tail`` (required), ``id``, ``edtf``,
  ``start_earliest``, ``start_latest``, ``end_earliest``, ``end_latest`` (dates or ISO
  text; an event needs ``edtf`` or some bound), ``status`` (happened, planned, reported),
  ``source`` (a story id or address), ``head_iri`` / ``tail_iri`` (kept as the nodes'
  IRIs). Rows with the same ``id`` are one event with several agents or targets.

A **relation map** turns a table's relations into kg's event types (``opposed``,
``urged``, ... in ``ontology/vocabulary.ttl``): a text file of lines
``relation<TAB>event type``, ``#`` starting a comment, read from ``<table>.relations.tsv``
beside the table (or given to :func:`load_table`). A relation the map leaves out becomes an
event type of the table's own, named by the relation. ``examples/cameo-relations.tsv``
maps CAMEO codes and names (the event codes ICEWS and GDELT use) to kg's types.

Tables carry no claims, evidence quotes or positions: the view has none (``claims`` is
empty), rather than invented ones. A bad row is one :class:`~kg.errors.KgError` naming
``file:line`` (the row number, from 1, for Parquet).

>>> import pathlib, tempfile
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> _ = (folder / "icews.tsv").write_text("Police (Japan)\\tCriticize or denounce\\tCitizen (Japan)\\t2014-02-03\\n")
>>> g = load_table(folder / "icews.tsv")
>>> g
<KnowledgeGraph 'icews.tsv': 1 events, 0 positions, 0 claims>
>>> [(d["relation"], d["time"].edtf) for _, _, d in g.networkx.edges(data=True)]
[('criticize-or-denounce', '2014-02-03')]
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator, Mapping
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from kg.errors import KgError
from kg.formats import PARQUET_COLUMNS  # re-exported: the Parquet schema lives with the formats
from kg.knowledge_graph import KnowledgeGraph
from kg.collector import collector_paused

if TYPE_CHECKING:
    import networkx as nx
    from rdflib import Dataset

__all__ = ["CLAIM_KINDS", "TABLE_SUFFIXES", "TableGraph", "load_table", "read_relation_map", "table_format", "table_base",
           "PARQUET_COLUMNS"]

TABLE_SUFFIXES = {".tsv": "quadruples", ".txt": "quadruples", ".parquet": "parquet"}
"""File endings read as event tables, and the form of each."""


CLAIM_KINDS = frozenset({"reported", "claims", "sources", "why"})
"""Question kinds (:class:`kg.ask.question.Question`) that need claims or evidence, which tables lack."""

_BOUNDS = ("start_earliest", "start_latest", "end_earliest", "end_latest")
_STATUSES = ("happened", "planned", "reported")
_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


def table_format(path: str | Path | None) -> str | None:
    """``"quadruples"`` or ``"parquet"`` for a table file, else None.

    >>> table_format("ICEWS14/train.txt"), table_format("events.parquet"), table_format("t.yaml")
    ('quadruples', 'parquet', None)
    """
    return None if path is None else TABLE_SUFFIXES.get(Path(path).suffix.lower())


def table_base(path: str | Path) -> str:
    """The IRI every node and event of the table at ``path`` lives under."""
    return f"https://w3id.org/kg-timeline/table/{quote(Path(path).stem, safe='')}/"


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "relation"


def read_relation_map(path: str | Path) -> dict[str, str]:
    """The relation map at ``path``: table relation (a name or code) -> kg event type."""
    from kg.inputs import read_input
    from kg.vocabulary import bundled_vocabulary

    known = bundled_vocabulary().event_types
    found: dict[str, str] = {}
    text = read_input(path).decode("utf-8", errors="replace")
    for n, line in enumerate(text.splitlines(), start=1):
        line = line.split("#", 1)[0].rstrip()
        if not line.strip():
            continue
        parts = [p.strip() for p in line.split("\t")]
        if len(parts) != 2 or not all(parts):
            raise KgError(f"{path}:{n}: a relation map line is 'relation<TAB>event type', found {line!r}")
        if parts[1] not in known:
            raise KgError(f"{path}:{n}: {parts[1]!r} is not one of kg's event types ({', '.join(sorted(known))})")
        found[parts[0]] = parts[1]
    return found


def _quadruples(path: Path, data: bytes) -> Iterator[tuple[int, list[str]]]:
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        bad = data[:exc.start].count(b"\n") + 1
        raise KgError(f"{path}:{bad}: not UTF-8 text") from None
    for n, line in enumerate(text.split("\n"), start=1):
        line = line.rstrip("\r")
        if not line.strip():
            continue
        cols = line.split("\t")
        if len(cols) != 4:
            raise KgError(f"{path}:{n}: a quadruple line has 4 tab-separated columns (head, relation, tail, "
                          f"date), found {len(cols)}")
        yield n, cols


def _parquet(path: Path, data: bytes) -> Iterator[tuple[int, dict[str, Any]]]:
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError:
        raise KgError(f"{path}: reading Parquet needs pyarrow (pip install 'kg-timeline[tables]')") from None
    try:
        table = pq.read_table(pa.BufferReader(data))
    except (pa.ArrowException, OSError) as exc:
        raise KgError(f"{path}: not a Parquet file kg can read ({str(exc).splitlines()[0]})") from None
    missing = [c for c in ("relation", "head", "tail") if c not in table.column_names]
    if missing:
        raise KgError(f"{path}: a Parquet event table needs the columns relation, head and tail; "
                      f"{', '.join(missing)} missing")
    if "edtf" not in table.column_names and not set(_BOUNDS) & set(table.column_names):
        raise KgError(f"{path}: a Parquet event table needs an edtf column or day bounds ({', '.join(_BOUNDS)})")
    columns = [c for c in PARQUET_COLUMNS if c in table.column_names]
    arrays = [table.column(c).to_pylist() for c in columns]
    for n, values in enumerate(zip(*arrays), start=1):
        yield n, dict(zip(columns, values))


def _day(path: Path, n: int, name: str, value: Any) -> dt.date | None:
    if value is None or isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value
    if isinstance(value, dt.datetime):
        return value.date()
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        raise KgError(f"{path}:{n}: {name} {str(value)!r} is not a day (YYYY-MM-DD)") from None


class _Builder:
    """Rows to the networkx view, sharing one TimeSpec per distinct date."""

    def __init__(self, path: Path, relation_map: Mapping[str, str]):
        import networkx as nx

        from kg.vocabulary import bundled_vocabulary

        self.path, self.base, self.map = path, table_base(path), relation_map
        self.vocabulary = bundled_vocabulary().event_types
        self.G: nx.MultiDiGraph[str] = nx.MultiDiGraph()
        self.G.graph.update(iri=self.base, labels={"en": path.name}, sources={}, conflicts=[], links=[],
                            relations={}, offices={}, table=str(path))
        self.entities: dict[str, str] = {}
        self.times: dict[Any, Any] = {}
        self.relations: dict[str, tuple[str, dict[str, str]]] = {}
        self.events: dict[str, dict[str, Any]] = {}

    def relation(self, name: str, label: str | None = None) -> tuple[str, dict[str, str]]:
        """(notation, labels) of the event type a table relation is: mapped, kg's own, or the table's."""
        mapped = self.map.get(name) or (name if name in self.vocabulary else None)  # kg's types as such
        entry: dict[str, Any]
        if mapped is not None:
            c = self.vocabulary[mapped]
            entry = {"iri": str(c.iri), "notation": mapped, "labels": dict(c.labels),
                     "alt_labels": {k: list(v) for k, v in c.alt_labels.items()}}
        else:
            notation = _slug(name)
            entry = {"iri": f"{self.base}event-type/{notation}", "notation": notation,
                     "labels": {"en": label or name}, "alt_labels": {}, "own": True}
        kept = self.G.graph["relations"].setdefault(entry["notation"], entry)
        if name != kept["notation"] and name != kept["labels"].get("en") and name not in kept["alt_labels"].get("en", []):
            kept["alt_labels"].setdefault("en", []).append(name)  # the table's own name finds the type too
        return kept["notation"], kept["labels"]

    def entity(self, n: int, name: Any, iri: Any) -> str:
        found = self.entities.get(iri or name)
        if found is not None:
            return found
        if not isinstance(name, str) or not name.strip():
            raise KgError(f"{self.path}:{n}: an event needs a head and a tail, found {name!r}")
        found = str(iri) if iri else f"{self.base}actor/{quote(name, safe='')}"
        self.G.add_node(found, iri=found, kind="entity", labels={"en": name}, label=name, alt_labels={},
                        part_of=None)
        self.entities[iri or name] = found
        return found

    def time(self, n: int, row: Mapping[str, Any]) -> Any:
        edtf = row.get("edtf")
        key = (edtf, *(row.get(b) for b in _BOUNDS))
        found = self.times.get(key)
        if found is None:
            found = self.times[key] = self._time(n, edtf, tuple(row.get(b) for b in _BOUNDS))
        return found

    def _time(self, n: int, edtf: Any, bounds: tuple[Any, ...]) -> Any:
        from dataclasses import replace

        from kg.time.edtf import EDTFError, parse_edtf
        from kg.timeline.model import TimeSpec
        from kg.time import TimeSpan

        text = edtf.strip() if isinstance(edtf, str) and edtf.strip() else None
        if text is not None and _DAY.fullmatch(text) and not any(bounds):  # a plain day, as most rows are
            try:
                day = dt.date.fromisoformat(text)
                return TimeSpec(TimeSpan(day, day, day, day), edtf=text)
            except ValueError:
                pass  # not a day of the calendar: parse_edtf says why
        try:
            span = parse_edtf(text) if text else None
        except EDTFError as exc:
            raise KgError(f"{self.path}:{n}: {edtf!r} is not a date kg reads ({exc})") from None
        days = [_day(self.path, n, b, v) for b, v in zip(_BOUNDS, bounds)]
        if span is not None and all(d is None or d == getattr(span, b) for b, d in zip(_BOUNDS, days)):
            days = [None] * 4  # the bounds the EDTF gives anyway
        nominal = parse_edtf(text, nominal=True) if text else None  # the dates as written ("~" unwidened)
        if any(d is not None for d in days):  # other bounds given: they are the reading
            nominal = None
            try:
                if span is not None:
                    old = (span.start_earliest, span.start_latest, span.end_earliest, span.end_latest)
                    se, sl, ee, el = (d if d is not None else o for d, o in zip(days, old))
                    span = replace(span, start_earliest=se, start_latest=sl, end_earliest=ee, end_latest=el)
                else:
                    span = TimeSpan(days[0], days[1], days[2], days[3])
            except ValueError as exc:
                raise KgError(f"{self.path}:{n}: {exc}") from None
        if span is None:
            raise KgError(f"{self.path}:{n}: the event has no date (give edtf or a day bound)")
        return TimeSpec(span, edtf=text, nominal_span=nominal if nominal != span else None)

    def add_quadruples(self, rows: Iterator[tuple[int, list[str]]]) -> None:
        """The fast path for quadruple lines: no ids, no bounds, one agent and one target each.

        Each edge's record goes straight into networkx's adjacency (``G._succ[u][v][key]``, the
        dict-of-dicts layout networkx documents for a MultiDiGraph, with its default dict
        factories), as ``add_edges_from`` would put it, without the copy of every record that
        ``add_edges_from`` makes: half the time and memory of a million events.
        """
        relations, entities, times = self.relations, self.entities, self.times
        succ, pred = self.G._succ, self.G._pred  # type: ignore[attr-defined]  # networkx's documented adjacency dicts, not in its stubs
        base = f"{self.base}event/"
        for n, (h, r, t, d) in rows:
            found = relations.get(r)
            if found is None:
                found = relations[r] = self.relation_of(n, r, None)
            notation, relation_labels = found
            head = entities.get(h) or self.entity(n, h, None)
            tail = entities.get(t) or self.entity(n, t, None)
            time = times.get(d)
            if time is None:
                time = times[d] = self._time(n, d, (None,) * 4)
            key = f"{base}{n}"
            label = f"{h} {relation_labels['en']} {t}"  # a quadruple's names are its nodes' labels
            keys = succ[head].get(tail)
            if keys is None:
                keys = succ[head][tail] = pred[tail][head] = {}
            keys[key] = {
                "kind": "event", "event": key, "labels": {"en": label}, "label": label, "relation": notation,
                "relation_labels": relation_labels, "status": "happened", "time": time,
                "participants": {"agent": (head,), "target": (tail,)}, "inferred": _NONE, "note": None,
                "claims": _NONE, "source": None}
        self.G.__networkx_cache__.clear()  # as networkx's own edits do

    def relation_of(self, n: int, relation: Any, label: Any) -> tuple[str, dict[str, str]]:
        if not isinstance(relation, str) or not relation.strip():
            raise KgError(f"{self.path}:{n}: an event needs a relation, found {relation!r}")
        return self.relation(relation.strip(), label if isinstance(label, str) else None)

    def add(self, n: int, row: Mapping[str, Any]) -> None:
        relation = row["relation"]
        found = self.relations.get(relation)
        if found is None:
            found = self.relations[relation] = self.relation_of(n, relation, row.get("relation_label"))
        notation, relation_labels = found
        ident = row.get("id")
        # with an id, a row may leave head or tail empty: an event with no agent (or nothing it acts on)
        head = None if ident is not None and not row["head"] and not row.get("head_iri") else \
            self.entity(n, row["head"], row.get("head_iri"))
        tail = None if ident is not None and not row["tail"] and not row.get("tail_iri") else \
            self.entity(n, row["tail"], row.get("tail_iri"))
        status = row.get("status") or "happened"
        if status not in _STATUSES:
            raise KgError(f"{self.path}:{n}: status {status!r} is not one of {', '.join(_STATUSES)}")
        if ident is None:
            key = f"{self.base}event/{n}"
        elif str(ident).startswith(("http://", "https://", "urn:")):
            key = str(ident)  # an IRI (as kg export writes): kept
        else:
            key = f"{self.base}event/{quote(str(ident), safe='')}"
        data = self.events.get(key) if ident is not None else None
        if data is None:
            names = [self.G._node[x]["label"] if x else "" for x in (head, tail)]  # type: ignore[attr-defined]  # networkx's node dict, not in its stubs (G.nodes[x] is slower)
            label = " ".join(filter(None, (names[0], relation_labels.get("en", notation), names[1])))
            participants = {role: [x] for role, x in (("agent", head), ("target", tail)) if x}
            data = {"kind": "event", "event": key, "labels": {"en": label}, "label": label, "relation": notation,
                    "relation_labels": relation_labels, "status": status, "time": self.time(n, row),
                    "participants": participants, "inferred": _NONE, "note": None, "claims": _NONE,
                    "source": row.get("source") or None}
            if ident is not None:
                self.events[key] = data
        else:
            if data["relation"] != notation or data["time"] is not self.time(n, row):
                raise KgError(f"{self.path}:{n}: event {ident!r} is on an earlier row with another relation or date")
            for role, node in (("agent", head), ("target", tail)):
                if node and node not in data["participants"].setdefault(role, []):
                    data["participants"][role].append(node)
        parts = data["participants"]
        for u in parts.get("agent") or [self.event_node(key, data)]:
            for v in parts.get("target") or [self.event_node(key, data)]:
                if not self.G.has_edge(u, v, key):
                    self.G.add_edge(u, v, key, **data)

    def event_node(self, key: str, data: dict[str, Any]) -> str:
        """The node of its own that an event with no agent starts at (or with no target ends at)."""
        if key not in self.G:
            self.G.add_node(key, iri=key, kind="event", labels=data["labels"], label=data["label"], alt_labels={})
        return key


_NONE: tuple[Any, ...] = ()


def relation_map_beside(path: str | Path) -> Path | None:
    """``<table>.relations.tsv`` beside the table, if there is one."""
    beside = Path(path).with_name(Path(path).stem + ".relations.tsv")
    return beside if beside.is_file() and beside != Path(path) else None


def table_graph(path: str | Path, *, relations: Mapping[str, str] | str | Path | None = None) -> nx.MultiDiGraph:
    """The networkx view (:mod:`kg.graph.from_rdf`'s shape) of the event table at ``path``."""
    from kg.inputs import read_input

    path = Path(path)
    form = table_format(path)
    if form is None:
        raise KgError(f"{path}: not an event table; kg reads {', '.join(TABLE_SUFFIXES)} as tables")
    if relations is None:
        relations = relation_map_beside(path) or {}
    mapping = relations if isinstance(relations, Mapping) else read_relation_map(relations)
    data = read_input(path)
    builder = _Builder(path, mapping)
    with collector_paused():  # millions of new dicts and no cycles among them
        if form == "quadruples":
            builder.add_quadruples(_quadruples(path, data))
        else:
            for n, row in _parquet(path, data):
                builder.add(n, row)
    return builder.G


class TableGraph(KnowledgeGraph):
    """A :class:`~kg.KnowledgeGraph` read from an event table: the networkx view is built from the
    rows directly; the RDF dataset only when something asks for it (SPARQL, RDF export)."""

    def __init__(self, G: nx.MultiDiGraph, *, path: Path, relation_map: Path | None = None):
        self.__dict__["networkx"] = G
        self.timeline = None
        self.path = path
        self.relation_map = relation_map

    def input_files(self) -> list[Path]:
        """The table and its relation map: never written over."""
        assert self.path is not None  # __init__ takes the table's path
        return [self.path, *([self.relation_map] if self.relation_map else [])]

    def ask(self, question: str, *, at_least: str = "possibly", engine: str = "networkx", store: str = "auto") -> Any:
        """As :meth:`KnowledgeGraph.ask`; a question about claims or evidence is refused in one line
        (a table has none), rather than answered with nothing."""
        from kg.ask.question import parse_question

        if len(question) <= 400 and getattr(parse_question(self.networkx, question), "kind", "") in CLAIM_KINDS:
            raise KgError(f"{self.path}: an event table has no claims or evidence quotes, so it cannot answer "
                          f"{question!r}; ask about its events")
        return super().ask(question, at_least=at_least, engine=engine, store=store)

    @cached_property
    def dataset(self) -> Dataset:
        """The RDF of the table (:func:`kg.rdf.table_rdf.table_dataset`), built on first use."""
        from kg.rdf.table_rdf import table_dataset

        return table_dataset(self.networkx)


def load_table(path: str | Path, *, relations: Mapping[str, str] | str | Path | None = None) -> TableGraph:
    """Read the event table at ``path`` (see the module docs) as a :class:`TableGraph`.

    ``relations`` is a relation map (a file, or a mapping of table relation to kg event type);
    by default ``<table>.relations.tsv`` beside the table, if there is one.
    """
    mapped = relation_map_beside(path) if relations is None else relations
    return TableGraph(table_graph(path, relations=mapped if mapped is not None else {}), path=Path(path),
                      relation_map=Path(mapped) if isinstance(mapped, (str, Path)) else None)
