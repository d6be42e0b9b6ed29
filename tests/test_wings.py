"""The layout shows the data flow: each wing imports only from the wings before it and from the
shared modules at the top of the package (README "Development")."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import networkx as nx

KG = Path(__file__).resolve().parents[1] / "kg"
WINGS = ["time", "timeline", "rdf", "graph", "ask", "views", "stores"]
"""The stages, in the order the data flows through them."""
SHARED = {"_version", "collector", "errors", "labels", "namespace", "vocabulary", "formats", "inputs", "files", "display",
          "user_cache"}
"""Modules at the top that every stage may use (each imports no wing)."""
FACADE_USERS = {"stores"}
"""Wings that serve a loaded graph, so load it through the facade (``kg.load``)."""
FACADE = {"knowledge_graph", "tables", "validation", "cli", "__init__", "__main__"}
"""Modules at the top that put the stages together."""


def _imports(*, top_level: bool = False) -> list[tuple[str, str, int]]:
    """(importing module, imported kg module, line) for every import of kg's own modules, or only
    for those run when the module is imported (``top_level``: not in functions, not for type checkers)."""
    found = []
    for path in KG.rglob("*.py"):
        module = ".".join(path.relative_to(KG.parent).with_suffix("").parts).removesuffix(".__init__")
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in (tree.body if top_level else ast.walk(tree)):
            if isinstance(node, ast.ImportFrom) and node.module and node.module.split(".")[0] == "kg":
                found.append((module, node.module, node.lineno))
            elif isinstance(node, ast.Import):
                found += [(module, a.name, node.lineno) for a in node.names if a.name.split(".")[0] == "kg"]
    return found


def _place(module: str) -> tuple[str, str]:
    parts = module.split(".")
    if len(parts) >= 3 and parts[1] in WINGS:
        return "wing", parts[1]
    name = parts[1] if len(parts) > 1 else "__init__"
    if name in WINGS:  # the wing's package itself
        return "wing", name
    return ("shared" if name in SHARED else "facade"), name


def test_every_module_is_in_a_wing_or_named_at_the_top():
    for path in KG.glob("*.py"):
        assert path.stem in SHARED | FACADE, f"{path.name}: put it in a wing, or name it in SHARED or FACADE"
    for path in KG.iterdir():
        if path.is_dir() and (path / "__init__.py").exists():
            assert path.name in WINGS + ["data"], path.name


def test_wings_import_only_earlier_wings_and_shared_modules():
    wrong = []
    for importer, imported, line in _imports():
        kind, name = _place(importer)
        target_kind, target = _place(imported)
        if imported == "kg":
            continue
        if kind == "shared" and target_kind != "shared":
            wrong.append(f"{importer}:{line} (shared) imports {imported}")
        if kind == "wing" and ((target_kind == "facade" and name not in FACADE_USERS)
                               or (target_kind == "wing" and WINGS.index(target) > WINGS.index(name))):
            wrong.append(f"{importer}:{line} ({name}) imports {imported}")
    assert not wrong, "\n".join(wrong)


def test_no_import_cycle_between_modules():
    G = nx.DiGraph((a, b) for a, b, _ in _imports(top_level=True) if a != b)
    assert not list(nx.simple_cycles(G)), list(nx.simple_cycles(G))[:3]


def test_the_readme_draws_every_module_in_its_wing():
    readme = (KG.parent / "README.md").read_text(encoding="utf-8")
    tree = readme[readme.index("### Layout"):readme.index("Where to go to change")]
    lines = tree.splitlines()
    for path in KG.rglob("*.py"):
        if path.name in ("__init__.py", "__main__.py", "_version.py"):
            continue
        assert path.name in tree, f"README 'Layout' does not name {path.relative_to(KG.parent)}"
        if path.parent != KG:  # named under its wing's line, before the next wing
            wing = next(i for i, line in enumerate(lines) if line.strip().startswith(f"{path.parent.name}/"))
            end = next((i for i, line in enumerate(lines[wing + 1:], wing + 1)
                        if re.match(r"^  \S", line)), len(lines))
            assert any(path.name in line for line in lines[wing:end]), (path.name, path.parent.name)
