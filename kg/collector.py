"""Pausing Python's cyclic garbage collector while large data without cycles is built.

CPython's collector runs a pass each time enough new container objects have piled up, and
every so often a full pass over everything alive. Building a million records without
reference cycles (a YAML tree, an event table, the query index, the constraint network's
adjacency lists) gives it nothing to free, yet its passes rescan what the caller already
holds: 2/3 of the YAML build's time, 3x the network's at 100k events. The one pause, used by
every such build, restores the collector as it found it (a caller's own ``gc.disable()`` is
kept), also when the build raises.

On leaving, it collects the young generations once. What the build made is then scanned in
one pass, paid by the build, and moved to the oldest generation, instead of being left young
for the collections of whatever runs next: the first question after the query index was
built paid for two such passes over the index (0.33 s of its 0.49 s at 100k events, and
nothing at 10k, where they fell later).

>>> import gc
>>> with collector_paused():
...     gc.isenabled()
False
>>> gc.isenabled()
True
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

__all__ = ["collector_paused"]


@contextmanager
def collector_paused() -> Iterator[None]:
    """Disable the cyclic garbage collector for the ``with`` block, then restore it and (when it
    was collecting) collect the young generations once, over what the block made."""
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if collecting:
            gc.enable()
            gc.collect(1)
