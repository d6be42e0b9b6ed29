"""Any kg graph's events as tables: quadruples, Parquet, and the integer-id form of temporal-KG benchmarks.

Written from the networkx view (:mod:`kg.graph.from_rdf`), one row per event edge (an event with two
agents is two rows); positions, claims and evidence are not written (tables have no place
for them).

- ``tsv``: ``head<TAB>relation<TAB>tail<TAB>day``, no header, as ICEWS14 / ICEWS05-15 lay out
  their files. ``relation`` is the relation's English name (the table's own name for its
  relations, kg's notation such as ``opposed`` for kg's types); tabs and newlines in
  names become spaces.
- ``parquet``: the columns of :data:`kg.formats.PARQUET_COLUMNS`: event IRI, relation and its
  label, head and tail names and IRIs, the EDTF and all four day bounds (open ones null),
  status and source. Nothing is lost that a table can hold: reading it back gives the same
  events.
- ``tkbc``: a folder with ``entity2id.txt`` and ``relation2id.txt`` (``name<TAB>id``, ids
  from 0 in order of first use), ``time2id.txt`` (``YYYY-MM-DD<TAB>t``) and ``quadruples.txt``
  (``s<TAB>r<TAB>o<TAB>t``), ``t`` counting days from the first day in the data; and
  ``stat.txt`` (entities, relations, days), the layout of RE-Net's and TNTComplEx's data.

**The single day of a vague date** (tsv, tkbc): the *earliest day the event may have
started* (``2016-12~`` becomes 2016-11-01, ``2017`` becomes 2017-01-01); for an open
start, the latest day it may have started; an event whose start is unbounded both ways has
no day and is left out, as is (in tsv and tkbc) an event with no agent or no target: the
writers return how many. Roles other than agent (recipient, topic, ...) are written as the
tail, the target.

>>> from kg import load
>>> text, skipped = quadruples_text(load().networkx)
>>> [line.split("\\t") for line in text.splitlines() if line.startswith("Alex Stamos\\twarned\\tMark")]
[['Alex Stamos', 'warned', 'Mark Zuckerberg', '2016-11-22']]
>>> skipped  # the timeline's events with no agent or no target: no quadruple
10
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterable

from kg.errors import KgError

if TYPE_CHECKING:
    import networkx as nx

__all__ = ["TABLE_FORMATS", "event_rows", "quadruples_text", "parquet_bytes", "write_table", "single_day", "quadruple_chunks", "write_for_export"]

TABLE_FORMATS = ("tsv", "parquet", "tkbc")
"""The table forms ``kg export`` writes."""


def single_day(span: Any) -> dt.date | None:
    """The one day a span becomes in a quadruple: its earliest possible start, else its latest one.

    >>> from kg.time.edtf import parse_edtf
    >>> single_day(parse_edtf("2016-12~")), single_day(parse_edtf("../2017-03"))
    (datetime.date(2016, 11, 1), datetime.date(2017, 3, 31))
    """
    return span.start_earliest or span.start_latest


def _name(G: nx.MultiDiGraph, node: str) -> str:
    d = G.nodes[node]
    return " ".join(str(d.get("label") or node).split())


def _relation_name(G: nx.MultiDiGraph, notation: str) -> str:
    c = G.graph.get("relations", {}).get(notation, {})
    name = c.get("labels", {}).get("en") if c.get("own") else None
    return " ".join((name or notation).split())


def event_rows(G: nx.MultiDiGraph) -> list[tuple[str, str | None, str | None, dict[str, Any]]]:
    """(event IRI, head node, tail node, edge data) for each event edge, by earliest start.

    Head (tail) is None for an event with no agent (no target), whose edge starts (ends) at
    the event's own node.
    """
    own = {n for n, d in G.nodes(data=True) if d.get("kind") == "event"}
    rows = [(key, None if u in own else u, None if v in own else v, d)
            for u, v, key, d in G.edges(keys=True, data=True) if d.get("kind") == "event"]
    rows.sort(key=lambda r: r[3]["time"].span.ordinals[0])
    return rows


def quadruples(G: nx.MultiDiGraph) -> tuple[list[tuple[str, str, str, dt.date]], int]:
    """(head, relation, tail, day) names for each event with a head, a tail and a single day (the
    rule above), by earliest start; and how many events were left out for lacking one of them."""
    facts, skipped = [], 0
    for _, u, v, d in event_rows(G):
        day = single_day(d["time"].span)
        if day is None or u is None or v is None:
            skipped += 1
            continue
        facts.append((_name(G, u), _relation_name(G, d["relation"]), _name(G, v), day))
    return facts, skipped


def quadruples_text(G: nx.MultiDiGraph) -> tuple[str, int]:
    """The ``tsv`` form and how many events had no single day (left out)."""
    facts, skipped = quadruples(G)
    return "".join(f"{h}\t{r}\t{t}\t{day.isoformat()}\n" for h, r, t, day in facts), skipped


def parquet_bytes(G: nx.MultiDiGraph) -> bytes:
    """The ``parquet`` form (needs pyarrow: ``pip install 'kg-timeline[tables]'``)."""
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError:
        raise KgError("writing Parquet needs pyarrow (pip install 'kg-timeline[tables]')") from None
    from kg.formats import PARQUET_COLUMNS

    cols: dict[str, list[Any]] = {c: [] for c in PARQUET_COLUMNS}
    relations = G.graph.get("relations", {})
    for key, u, v, d in event_rows(G):
        span = d["time"].span
        row = {"id": key, "relation": d["relation"],
               "relation_label": relations.get(d["relation"], {}).get("labels", {}).get("en", d["relation"]),
               "head": _name(G, u) if u else None, "tail": _name(G, v) if v else None, "head_iri": u, "tail_iri": v,
               "edtf": d["time"].edtf,
               "start_earliest": span.start_earliest, "start_latest": span.start_latest,
               "end_earliest": span.end_earliest, "end_latest": span.end_latest,
               "status": d["status"], "source": d.get("source")}
        for c in PARQUET_COLUMNS:
            cols[c].append(row[c])
    types = {c: pa.date32() if c.startswith(("start_", "end_")) else pa.string() for c in PARQUET_COLUMNS}
    table = pa.table({c: pa.array(cols[c], type=types[c]) for c in PARQUET_COLUMNS})
    sink = pa.BufferOutputStream()
    pq.write_table(table, sink)
    return sink.getvalue().to_pybytes()


def tkbc_files(G: nx.MultiDiGraph) -> tuple[dict[str, str], int]:
    """The ``tkbc`` folder's files (name -> text) and how many events had no single day."""
    entities: dict[str, int] = {}
    relations: dict[str, int] = {}
    named, skipped = quadruples(G)
    facts = [(entities.setdefault(h, len(entities)), relations.setdefault(r, len(relations)),
              entities.setdefault(t, len(entities)), day) for h, r, t, day in named]
    first = min((f[3] for f in facts), default=dt.date(1970, 1, 1))
    days = sorted({f[3] for f in facts})

    def table(ids: dict[str, int]) -> str:
        return "".join(f"{name}\t{i}\n" for name, i in ids.items())

    files = {"entity2id.txt": table(entities), "relation2id.txt": table(relations),
             "time2id.txt": "".join(f"{d.isoformat()}\t{(d - first).days}\n" for d in days),
             "quadruples.txt": "".join(f"{s}\t{r}\t{o}\t{(t - first).days}\n" for s, r, o, t in facts),
             "stat.txt": f"{len(entities)}\t{len(relations)}\t{len(days)}\n"}
    return files, skipped


def write_table(G: nx.MultiDiGraph, path: str | Path, fmt: str, *, inputs: Iterable[str | Path | None] = (),
                force: bool = False) -> int:
    """Write ``G``'s events to ``path`` in ``fmt`` (tsv, parquet: a file; tkbc: a new folder).

    Returns how many events had no single day and were left out (0 for parquet). Files are
    written whole or not at all (:func:`kg.files.write_output`).
    """
    from kg.files import write_output

    inputs = list(inputs)
    path = Path(path)
    if fmt == "tsv":
        text, skipped = quadruples_text(G)
        write_output(path, text, inputs=inputs, force=force)
        return skipped
    if fmt == "parquet":
        write_output(path, parquet_bytes(G), inputs=inputs, force=force)
        return 0
    if fmt == "tkbc":
        files, skipped = tkbc_files(G)
        if path.exists() and not path.is_dir():
            raise KgError(f"{path}: the tkbc form is a folder; name a new or empty folder")
        if path.is_dir() and any(path.iterdir()) and not force:
            raise KgError(f"{path}: the folder is not empty; name a new folder (or pass --force)")
        path.mkdir(parents=True, exist_ok=True)
        for name, text in files.items():
            write_output(path / name, text, inputs=inputs, force=True)
        return skipped
    raise KgError(f"unknown table format {fmt!r}; use one of {', '.join(TABLE_FORMATS)}")


def quadruple_chunks(graph: Any, fmt: str = "tsv") -> list[str]:
    """A :class:`kg.KnowledgeGraph`'s events as ICEWS-style quadruples (the ``tsv`` export)."""
    return [quadruples_text(graph.networkx)[0]]


def write_for_export(graph: Any, path: str | Path, fmt: str, *, force: bool = False) -> str:
    """``kg export`` of a table format: write it and say how many events had no single day."""
    skipped = write_table(graph.networkx, path, fmt, inputs=graph.input_files(), force=force)
    return f"{skipped} event{'' if skipped == 1 else 's'} with no start day left out" if skipped else ""

