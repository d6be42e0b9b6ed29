"""Tables of results that print, display in notebooks and convert to pandas.

:class:`Table` is what queries return: the answers to a question
(:class:`kg.ask.answers.Answers`) and the rows of a SPARQL query (:class:`SparqlResults`). In a
notebook it displays as an HTML table (every cell escaped); ``to_records()`` gives plain
dicts and ``to_pandas()`` a DataFrame (pandas is an optional extra, imported only then).

>>> t = SparqlResults([{"who": "policy team", "n": 2}], ["who", "n"])
>>> t
who          n
-----------  -
policy team  2
>>> "<table" in t._repr_html_()
True
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Sequence
from typing import Any

from kg.errors import KgError

__all__ = ["Table", "SparqlResults", "to_python"]


def to_python(term: Any) -> Any:
    """An RDF term as a plain value: IRIs and plain literals as text, typed literals as Python."""
    if term is None:
        return None
    from rdflib import Literal
    from rdflib.term import Identifier

    if isinstance(term, Literal):
        value = term.toPython()
        return str(term) if isinstance(value, Literal) else value
    return str(term) if isinstance(term, Identifier) else term


class Table(tuple):  # rows of any values; the subclasses name their columns
    """An immutable sequence of rows with named columns."""

    columns: tuple[str, ...] = ()

    def to_records(self) -> list[dict[str, Any]]:
        """The rows as plain dicts (column -> value)."""
        raise NotImplementedError

    def to_pandas(self) -> Any:
        """The rows as a pandas DataFrame (pandas is an optional extra: ``pip install pandas``)."""
        try:
            import pandas
        except ImportError:
            raise KgError("to_pandas needs pandas: pip install pandas") from None
        return pandas.DataFrame.from_records(self.to_records(), columns=list(self.columns))

    def _cells(self) -> list[list[str]]:
        return [["" if r.get(c) is None else str(r.get(c)) for c in self.columns] for r in self.to_records()]

    def __repr__(self) -> str:
        cells = self._cells()
        if not cells:
            return f"({', '.join(self.columns)}: no rows)"
        widths = [max([len(c)] + [len(row[i]) for row in cells]) for i, c in enumerate(self.columns)]
        line = lambda values: "  ".join(v.ljust(w) for v, w in zip(values, widths)).rstrip()  # noqa: E731
        return "\n".join([line(list(self.columns)), line(["-" * w for w in widths])] + [line(r) for r in cells])

    def _repr_html_(self) -> str:
        head = "".join(f"<th>{html.escape(c)}</th>" for c in self.columns)
        rows = "".join("<tr>" + "".join(f"<td>{html.escape(v)}</td>" for v in row) + "</tr>" for row in self._cells())
        caption = html.escape(getattr(self, "question", "") or "")
        return (f"<table class='kg-table'>{f'<caption>{caption}</caption>' if caption else ''}"
                f"<thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>"
                f"<p><small>{len(self)} row{'s' if len(self) != 1 else ''}</small></p>")


class SparqlResults(Table):
    """The rows of a SPARQL query: SELECT rows, one ``ask`` row for ASK, triples for CONSTRUCT."""

    def __new__(cls, rows: Iterable[dict[str, Any]], columns: Sequence[str]) -> SparqlResults:
        self = super().__new__(cls, [dict(r) for r in rows])
        self.columns = tuple(columns)
        return self

    @classmethod
    def from_rdflib(cls, result: Any) -> SparqlResults:
        if result.type == "ASK":
            return cls([{"ask": bool(result.askAnswer)}], ["ask"])
        if result.type in ("CONSTRUCT", "DESCRIBE"):
            return cls(({"subject": s, "predicate": p, "object": o} for s, p, o in result.graph),
                       ["subject", "predicate", "object"])
        names = [str(v) for v in result.vars or []]
        return cls(({n: row[n] if n in row.labels else None for n in names} for row in result), names)

    def to_records(self) -> list[dict[str, Any]]:
        return [{c: to_python(row.get(c)) for c in self.columns} for row in self]
