"""`import kg` and `kg --help` stay light: no pyvis, networkx, pandas (measured with -X importtime)."""

from __future__ import annotations

import subprocess
import sys

import pytest

HEAVY = ("pyvis", "networkx", "pandas")


def imported_modules(code: str) -> set[str]:
    result = subprocess.run([sys.executable, "-X", "importtime", "-c", code], capture_output=True, text=True, check=True)
    names = set()
    for line in result.stderr.splitlines():
        if line.startswith("import time:") and "|" in line:
            names.add(line.rsplit("|", 1)[1].strip())
    return names


@pytest.mark.parametrize("code", ["import kg", "from kg.cli import cli; cli(['--help'], standalone_mode=False)"])
def test_no_heavy_modules_on_the_fast_path(code):
    names = imported_modules(code)
    assert "kg" in names
    for heavy in HEAVY:
        assert not any(n == heavy or n.startswith(heavy + ".") for n in names), heavy
    assert "rdflib" not in names  # not needed to print help either


@pytest.mark.parametrize("command", [["sparql", "ASK { ?s ?p ?o }"], ["validate", "--no-shacl"]])
def test_commands_import_only_what_they_use(command):
    names = imported_modules(f"from kg.cli import cli; cli({command!r}, standalone_mode=False)")
    assert "kg.rdf.sparql" in names or "kg.validation" in names
    for heavy in HEAVY:
        assert not any(n == heavy or n.startswith(heavy + ".") for n in names), heavy


def test_asking_a_question_of_a_timeline_needs_no_rdflib():
    # the model, the networkx view and the question index keep IRIs as strings; rdflib is the
    # RDF wing's, loaded for SPARQL, exports and validation only
    names = imported_modules("from kg.cli import cli; cli(['ask', 'who opposed disclosure before April 2017'], "
                             "standalone_mode=False)")
    assert "kg.ask.question" in names and "networkx" in names
    assert not any(n == "rdflib" or n.startswith("rdflib.") for n in names)
    names = imported_modules("from kg.cli import cli; cli(['ask', '--engine', 'sparql', 'who urged Facebook'], "
                             "standalone_mode=False)")
    assert "rdflib" in names  # the SPARQL engine is rdflib's


def test_lazy_names_resolve():
    import kg

    for name in kg.__all__:
        assert getattr(kg, name) is not None
    assert callable(kg.load) and callable(kg.validate) and callable(kg.export)
