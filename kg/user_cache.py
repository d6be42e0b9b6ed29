"""A small cache of derived data in the user's cache folder, as JSON keyed by its source.

Some inputs that every command reads (the bundled vocabulary's Turtle) cost more to parse
than the rest of a short command. :func:`cached_json` keeps what was derived from such a
text as JSON, named by the text's SHA-256 and kg's version, in ``$KG_CACHE_DIR``, else
``$XDG_CACHE_HOME/kg``, else ``~/.cache/kg`` (where matplotlib keeps its font list, for
instance). The cache is only ever an optimisation: JSON, never pickle, so a planted file
cannot run code; a file that does not parse or is not an object is ignored; a folder that
cannot be written is left alone; and ``KG_CACHE_DIR=""`` turns the cache off.

>>> import os, tempfile
>>> calls = []
>>> def build():
...     calls.append(1)
...     return {"answer": 42}
>>> with tempfile.TemporaryDirectory() as d:
...     os.environ["KG_CACHE_DIR"] = d
...     first = cached_json("demo", "some source text", build)
...     second = cached_json("demo", "some source text", build)
...     del os.environ["KG_CACHE_DIR"]
>>> first == second == {"answer": 42}, len(calls)
(True, 1)
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from kg._version import __version__

__all__ = ["cache_folder", "cached_json"]


def cache_folder() -> Path | None:
    """The folder kg caches in, or ``None`` when ``KG_CACHE_DIR`` is set empty (no cache)."""
    chosen = os.environ.get("KG_CACHE_DIR")
    if chosen is not None:
        return Path(chosen) if chosen else None
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "kg"


def cached_json(name: str, source: str, build: Callable[[], dict[str, Any]]) -> dict[str, Any]:
    """What ``build()`` derives from ``source``: from the cache when it is there, else built.

    A miss calls ``build`` and stores its result when it can. What comes back is what JSON
    keeps (tuples come back as lists), so the caller should read a hit and a miss the same way
    and treat a hit it cannot read as a miss.
    """
    folder = cache_folder()
    digest = hashlib.sha256(f"{__version__}\0{source}".encode()).hexdigest()[:32]
    path = folder / f"{name}-{digest}.json" if folder is not None else None
    if path is not None:
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            if isinstance(data, dict):
                return data
        except (OSError, ValueError):
            pass
    data = build()
    if path is not None:
        _write(path, data)
    return data


def _write(path: Path, data: dict[str, Any]) -> None:
    """Write atomically (a temporary file renamed over), ignoring a folder we cannot write."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=path.name, suffix=".tmp")
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            json.dump(data, out, ensure_ascii=False)
        os.replace(tmp, path)
    except OSError:
        try:
            os.unlink(tmp)
        except (OSError, UnboundLocalError):
            pass
