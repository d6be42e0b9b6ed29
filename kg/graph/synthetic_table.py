"""Synthetic ICEWS-style event tables of any size, for tests and benchmarks.

:func:`synthetic_quadruples` yields ``(head, relation, tail, day)`` facts shaped like
ICEWS's: actors named like ICEWS actors (``Citizen (Country 3)``, ``Police (Country 3)``,
``Leader 17``), relations named like CAMEO event types (``Make statement``, ``Criticize or
denounce``, ...), one day each, from 2005 on. How often each actor and relation occurs
follows a Zipf-like law, so some targets are popular (thousands of facts) and most are
selective (a handful), as in the real data. The same seed gives the same table.
:func:`write_synthetic_table` writes them as ``.tsv`` quadruples or ``.parquet``.

>>> rows = list(synthetic_quadruples(1000, seed=1))
>>> len(rows), rows[0] == next(iter(synthetic_quadruples(1000, seed=1)))
(1000, True)
>>> len({r[1] for r in rows}) > 5, all(len(r[3]) == 10 for r in rows)
(True, True)
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Iterator
from pathlib import Path

__all__ = ["RELATIONS", "synthetic_quadruples", "write_synthetic_table", "actor_name"]

RELATIONS = ("Make statement", "Consult", "Make an appeal or request", "Express intent to cooperate",
             "Criticize or denounce", "Accuse", "Reject", "Demonstrate or rally", "Make a visit",
             "Host a visit", "Praise or endorse", "Threaten", "Use conventional military force",
             "Arrest, detain, or charge with legal action", "Sign formal agreement", "Provide aid",
             "Engage in negotiation", "Deny responsibility", "Impose embargo, boycott, or sanctions",
             "Investigate")
"""CAMEO-style relation names, most frequent first."""

_SECTORS = ("Citizen", "Police", "Government", "Military", "Media", "Business", "Opposition", "Protester")
_START = dt.date(2005, 1, 1)


def actor_name(i: int) -> str:
    """The name of actor ``i``: a country, a sector of one, or a person.

    >>> [actor_name(i) for i in (0, 1, 9, 10)]
    ['Country 0', 'Citizen (Country 0)', 'Leader 0', 'Country 1']
    """
    country, kind = divmod(i, 10)
    if kind == 0:
        return f"Country {country}"
    if kind <= len(_SECTORS):
        return f"{_SECTORS[kind - 1]} (Country {country})"
    return f"Leader {country}"


def synthetic_quadruples(events: int, *, seed: int = 0, actors: int | None = None,
                         days: int = 4018) -> Iterator[tuple[str, str, str, str]]:
    """``events`` facts ``(head, relation, tail, YYYY-MM-DD)``, in order of day as ICEWS files are.

    ``actors`` defaults to about one per 20 events (at least 50), ``days`` to 11 years.
    """
    rng = random.Random(seed)
    n_actors = actors or max(50, events // 20)
    names = [actor_name(i) for i in range(n_actors)]
    weights = [1.0 / (i + 1) ** 0.9 for i in range(n_actors)]  # Zipf-like: a few actors in most facts
    cum = list(_cumulative(weights))
    rel_cum = list(_cumulative([1.0 / (i + 1) for i in range(len(RELATIONS))]))
    heads = rng.choices(range(n_actors), cum_weights=cum, k=events)
    tails = rng.choices(range(n_actors), cum_weights=cum, k=events)
    relations = rng.choices(range(len(RELATIONS)), cum_weights=rel_cum, k=events)
    when = sorted(rng.randrange(days) for _ in range(events))
    texts: dict[int, str] = {}
    for h, r, t, d in zip(heads, relations, tails, when):
        if t == h:
            t = (t + 1) % n_actors
        day = texts.get(d) or texts.setdefault(d, (_START + dt.timedelta(days=d)).isoformat())
        yield names[h], RELATIONS[r], names[t], day


def _cumulative(weights: list[float]) -> Iterator[float]:
    total = 0.0
    for w in weights:
        total += w
        yield total


def write_synthetic_table(path: str | Path, events: int, *, seed: int = 0, actors: int | None = None) -> Path:
    """Write ``events`` synthetic facts to ``path``: quadruples for ``.tsv``/``.txt``, else Parquet
    (columns ``id``, ``relation``, ``head``, ``tail``, ``edtf``, ``source``; needs pyarrow)."""
    path = Path(path)
    rows = synthetic_quadruples(events, seed=seed, actors=actors)
    if path.suffix.lower() in (".tsv", ".txt"):
        with path.open("w", encoding="utf-8", newline="\n") as out:
            for row in rows:
                out.write("\t".join(row) + "\n")
        return path
    import pyarrow as pa
    import pyarrow.parquet as pq

    h, r, t, d = (list(c) for c in zip(*rows)) if events else ([], [], [], [])
    pq.write_table(pa.table({"id": [f"e{i}" for i in range(events)], "relation": r, "head": h, "tail": t,
                             "edtf": d, "source": [f"story-{i // 3}" for i in range(events)]}), path)
    return path
