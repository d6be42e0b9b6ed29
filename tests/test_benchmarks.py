"""The benchmarks name kg's modules as the layout has them: every ``from kg... import name`` and
``import kg...`` in a benchmark script, its child-process snippets included, resolves."""

from __future__ import annotations

import importlib
import re
from pathlib import Path

import pytest

BENCHMARKS = sorted((Path(__file__).parent.parent / "benchmarks").glob("*.py"))
FROM = re.compile(r"^\s*from (kg(?:\.\w+)*) import ([\w, ]+)")
IMPORT = re.compile(r"^\s*import (kg(?:\.\w+)*(?:, *kg(?:\.\w+)*)*)")
LINES = re.compile(r"\n|\\n|;|\(\"|\"")  # lines of code, and of code in string snippets


def kg_imports(text: str) -> list[tuple[str, str | None]]:
    """(module, name) of each kg import, but not those of an ``except ImportError:`` fallback
    (a snippet that also runs on commits from before a module moved)."""
    found: list[tuple[str, str | None]] = []
    fallback: int | None = None  # the indent of the except line whose body is being skipped
    for line in LINES.split(text):
        indent = len(line) - len(line.lstrip())
        if fallback is not None and (indent > fallback or not line.strip()):
            continue
        fallback = indent if line.strip().startswith("except ImportError") else None
        if m := FROM.match(line):
            found.extend((m[1], name.strip()) for name in m[2].split(",") if name.strip())
        elif m := IMPORT.match(line):
            found.extend((name.strip(), None) for name in m[1].split(","))
    return found


def test_the_imports_are_found_in_snippets_as_in_code():
    snippet = ('x = ("import sys\\nfrom kg.timeline import yamlfile\\nimport kg.tables\\n"\n'
               '     "try:\\n    from kg.graph.synthetic import g\\nexcept ImportError:\\n    from kg.synthetic import g\\n")\n'
               'from kg import load, ask')
    assert kg_imports(snippet) == [("kg.timeline", "yamlfile"), ("kg.tables", None), ("kg.graph.synthetic", "g"),
                                   ("kg", "load"), ("kg", "ask")]


@pytest.mark.parametrize("script", BENCHMARKS, ids=lambda p: p.name)
def test_every_kg_import_of_a_benchmark_resolves(script):
    imports = kg_imports(script.read_text(encoding="utf-8"))
    for module, name in imports:
        loaded = importlib.import_module(module)
        if name is not None and not hasattr(loaded, name):
            importlib.import_module(f"{module}.{name}")  # a submodule, else ModuleNotFoundError names it
