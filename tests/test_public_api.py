"""The public ``kg.*`` API is what the README documents; a change to it is a planned change.

When this test fails because a name was added or removed on purpose, update ``PUBLIC`` here,
the README and the CHANGELOG together.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import kg

ROOT = Path(__file__).resolve().parents[1]

PUBLIC = {
    "__version__",
    # loading and the graph object
    "load", "KnowledgeGraph", "load_timeline", "bundled_timeline_path", "Timeline", "validate", "ValidationReport",
    # event tables
    "load_table", "TableGraph", "write_table", "write_synthetic_table",
    # RDF, networkx, pictures, exports
    "build_dataset", "to_networkx", "timeline_view", "iter_quads", "write_nquads", "render_html", "slider_grades",
    "time_lanes", "bundle_edges", "snapshot_png", "timeline_chart", "export", "portable_dataset",
    # registries
    "EXPORT_FORMATS", "INPUT_KINDS", "ExportFormat", "register_export",
    # time
    "parse_edtf", "EDTFError", "TimeSpan", "Certainty", "TimeFilter", "TimeRelation", "TimeNetwork", "Contradiction",
    "derive_times", "Relation", "relation", "relations",
    # questions
    "FORMS", "Question", "compare", "duration", "Verdict", "Duration",
    # errors and limits
    "KgError", "TimelineError", "QueryError", "UsageError", "EXIT_CODES", "Problem", "InputError", "input_limits",
}


def test_the_public_api_is_the_planned_one():
    assert set(kg.__all__) == PUBLIC, (set(kg.__all__) - PUBLIC, PUBLIC - set(kg.__all__))
    assert len(kg.__all__) == len(set(kg.__all__))


def test_every_public_name_resolves_to_kgs_own_object():
    for name in sorted(PUBLIC - {"__version__"}):
        value = getattr(kg, name)
        owner = getattr(value, "__module__", None)
        assert owner is None or owner.startswith("kg"), (name, owner)


def test_the_lazy_table_and_the_type_checking_imports_agree():
    source = (ROOT / "kg" / "__init__.py").read_text(encoding="utf-8")
    tree = ast.parse(source)
    checked = {alias.asname or alias.name for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)
               for alias in node.names if node.level >= 1 or (node.module or "").startswith("kg")}
    exports = set(kg._EXPORTS)
    assert exports == PUBLIC - {"__version__"}
    assert exports <= checked, exports - checked  # what type checkers and IDEs see is what kg exports


def test_the_readme_uses_only_public_names():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    code = "\n".join(re.findall(r"```python\n(.*?)```", readme, flags=re.S))
    used = set(re.findall(r"\bkg\.([A-Za-z_]\w*)\b(?!\.)", code))
    modules = {p.stem for p in (ROOT / "kg").rglob("*.py")} | {p.name for p in (ROOT / "kg").iterdir() if p.is_dir()}
    assert used - modules <= PUBLIC, used - modules - PUBLIC


def test_python_dash_m_kg_is_the_command_line():
    import subprocess
    import sys

    out = subprocess.run([sys.executable, "-m", "kg", "--version"], capture_output=True, text=True, timeout=60)
    assert out.returncode == 0 and out.stdout.strip().endswith(kg.__version__)


def test_every_type_ignore_gives_its_reason_on_its_line():
    pattern = re.compile(r"type: ignore(\[[\w, -]+\])?(?P<rest>.*)$")
    bare = []
    for path in (ROOT / "kg").rglob("*.py"):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            found = pattern.search(line)
            if found and (not found.group(1) or not found.group("rest").strip().startswith("#")):
                bare.append(f"{path.relative_to(ROOT)}:{number}")
    assert not bare, bare
