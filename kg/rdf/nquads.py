"""N-Quads of a timeline, streamed: no rdflib ``Dataset`` is built.

:func:`iter_quads` describes the timeline item by item, as :func:`kg.rdf.build.build_dataset` does,
and yields each item's quads once it is described, so memory stays that of one item
(plus the timeline itself). With ``portable=True`` (what ``kg export`` writes) each claim's
statement is also in the default graph (:mod:`kg.rdf.portable`). :func:`write_nquads` writes them
one line each; the set of quads is the one the dataset's export holds
(``tests/test_nquads.py`` checks it, graph for graph).

Repeated triples are dropped within an item; across items only statements between two items
can repeat (two links, or two time relations, saying the same of the same two events), and
those few are remembered.

>>> import io
>>> from kg.timeline.reader import load_timeline
>>> out = io.StringIO()
>>> write_nquads(load_timeline(), out) > 10_000
True
>>> out.getvalue().splitlines()[0].startswith("<https://w3id.org/kg-timeline/stamos/")
True
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import IO, Any

from rdflib import Literal, URIRef
from rdflib.term import BNode

from kg.timeline.model import Timeline

__all__ = ["iter_quads", "nquad_line", "write_nquads"]

Quad = tuple[Any, Any, Any, Any]


def iter_quads(timeline: Timeline, *, portable: bool = True, include_vocabulary: bool = True) -> Iterator[Quad]:
    """Every quad ``(s, p, o, graph)`` of the timeline's dataset; ``graph`` is None for the default graph."""
    from rdflib.namespace import TIME

    from kg.rdf.build import _Builder
    from kg.time.relations import OWL_TIME
    from kg.vocabulary import LINK_RELATIONS

    between = {*map(URIRef, LINK_RELATIONS.values()), *(TIME[name] for name in OWL_TIME.values())}
    shared: set[tuple[Any, Any, Any, Any]] = set()
    buffer: list[Quad] = []

    def emit(triple: tuple[Any, Any, Any], graph: URIRef | None) -> None:
        buffer.append((*triple, graph))
        if portable and graph is not None:
            buffer.append((*triple, None))

    builder = _Builder(timeline, include_vocabulary, emit)
    for _ in builder.steps():
        seen: set[Quad] = set()
        for quad in buffer:
            if quad in seen:
                continue
            seen.add(quad)
            if quad[1] in between:
                if quad in shared:
                    continue
                shared.add(quad)
            yield quad
        buffer.clear()


def _term(term: Any) -> str:
    if isinstance(term, URIRef):
        return f"<{term}>"
    if isinstance(term, BNode):
        return f"_:{term}"
    if isinstance(term, Literal):
        text = '"' + str(term).replace("\\", "\\\\").replace("\n", "\\n").replace('"', '\\"').replace("\r", "\\r") + '"'
        if term.language:
            return f"{text}@{term.language}"
        return f"{text}^^<{term.datatype}>" if term.datatype else text
    raise TypeError(f"not an RDF term: {term!r}")


def nquad_line(quad: Quad) -> str:
    """One N-Quads line (ending in a newline) for ``quad``, laid out as rdflib's N-Quads writer lays it out.

    >>> nquad_line((URIRef("https://e.org/a"), URIRef("https://e.org/p"), Literal('say "hi"', lang="en"), None))
    '<https://e.org/a> <https://e.org/p> "say \\\\"hi\\\\""@en  .\\n'
    """
    s, p, o, graph = quad
    return f"{_term(s)} {_term(p)} {_term(o)} {_term(graph) if graph is not None else ''} .\n"


def write_nquads(timeline: Timeline, out: IO[str], *, portable: bool = True) -> int:
    """Write the timeline's quads to the text stream ``out``, a line each; returns how many."""
    count = 0
    for quad in iter_quads(timeline, portable=portable):
        out.write(nquad_line(quad))
        count += 1
    return count
