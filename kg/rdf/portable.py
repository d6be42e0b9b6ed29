"""The portable layout: where statements live so that any SPARQL engine answers alike.

kg builds each claim's statement (an event, a position, a link) into the claim's own named
graph, and ``kg sparql`` queries the union of all graphs. Engines differ in what a query
without ``GRAPH`` sees: rdflib's ``Dataset()``, pyoxigraph and Oxigraph's server read only
the default graph; Virtuoso reads the union of all its graphs. So the exports (TriG,
N-Quads, JSON-LD) and ``kg push`` write the **portable layout**: every statement in the
default graph *as well as* in the named graph of each claim that makes it.

- An engine that reads the default graph finds every event, position and link there, and
  the claims' graphs still answer ``GRAPH ?claim { ... }``.
- An engine that reads the union sees each triple once per graph holding it: identical
  triples are one triple in a set-based store, and the example queries use ``DISTINCT``
  (or ``COUNT(DISTINCT ...)``) where an engine may still repeat a row.
- Loaded back into kg, nothing changes: kg's default graph is the union anyway.

>>> from kg import load
>>> g = load()
>>> portable = portable_dataset(g.dataset)
>>> claims = [c for c in portable.graphs() if c.identifier != DATASET_DEFAULT_GRAPH_ID and len(c)]
>>> statement = next(iter(claims[0]))
>>> statement in portable.graph(DATASET_DEFAULT_GRAPH_ID)
True
>>> len(claims) == sum(1 for c in g.dataset.graphs() if c.identifier != DATASET_DEFAULT_GRAPH_ID and len(c))
True
"""

from __future__ import annotations

from rdflib import Dataset
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID

__all__ = ["portable_dataset", "DATASET_DEFAULT_GRAPH_ID"]


def portable_dataset(dataset: Dataset) -> Dataset:
    """A copy of ``dataset`` whose default graph also holds every named graph's triples.

    The named graphs are copied unchanged, so claim provenance is kept.
    """
    out = Dataset(default_union=True)
    for prefix, namespace in dataset.namespaces():
        out.bind(prefix, namespace, override=True, replace=True)
    default = out.graph(DATASET_DEFAULT_GRAPH_ID)
    for graph in dataset.graphs():
        if not len(graph):
            continue
        target = default if graph.identifier == DATASET_DEFAULT_GRAPH_ID else out.graph(graph.identifier)
        for triple in graph:
            target.add(triple)
            if target is not default:
                default.add(triple)
    return out
