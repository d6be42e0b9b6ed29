"""Shared fixtures: the bundled timeline, a writable copy of the minimal example, tools."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from hypothesis import settings
from click.testing import CliRunner

# Property tests judge correctness, not speed: no per-example deadline (a loaded 2-core machine
# can take longer than Hypothesis's default 200 ms for one example of the SPARQL or network tests).
settings.register_profile("kg", deadline=None)
settings.load_profile("kg")

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
SHARED_SOURCE = ROOT.parent / "shared" / "sources" / "stamos-facebook-2018-ar.txt"
REQUIRE_ALL = os.environ.get("KG_REQUIRE_ALL") == "1"
"""CI sets KG_REQUIRE_ALL=1: a missing external tool then fails the test instead of skipping it."""

INSTALL_HINT = {
    "rapper": "apt-get install raptor2-utils",
    "chromium": "apt-get install chromium (and pip install playwright)",
    "oxigraph": "pip install oxigraph",
    "virtuoso-t": "apt-get install virtuoso-opensource",
    "isql-vt": "apt-get install virtuoso-opensource",
    "curl": "apt-get install curl",
}


def need(tool: str) -> str:
    """The path of an external program, or skip (fail under KG_REQUIRE_ALL=1) naming the fix."""
    path = shutil.which(tool)
    if path:
        return path
    message = f"{tool} is not installed ({INSTALL_HINT.get(tool, 'install it')})"
    if REQUIRE_ALL:
        pytest.fail(message + "; KG_REQUIRE_ALL=1 requires it")
    pytest.skip(message)


@pytest.fixture(scope="session")
def oxigraph(tmp_path_factory):
    """Oxigraph's server: the one at $KG_OXIGRAPH_URL (.ci/run starts it), or one started here."""
    yield from _store("oxigraph", ["oxigraph"], tmp_path_factory)


@pytest.fixture(scope="session")
def virtuoso(tmp_path_factory):
    """Virtuoso: the one at $KG_VIRTUOSO_URL (.ci/run starts it), or one started here (about 15 s)."""
    yield from _store("virtuoso", ["virtuoso-t", "isql-vt"], tmp_path_factory)


def _store(name, programs, tmp_path_factory):
    import stores

    url = os.environ.get(f"KG_{name.upper()}_URL")
    if url:
        yield stores.Store(name, url.rstrip("/"))
        return
    for program in programs:
        need(program)
    store, process = getattr(stores, f"start_{name}")(tmp_path_factory.mktemp(name))
    try:
        yield store
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except Exception:
            process.kill()


# The suite runs in two processes (pytest-xdist; `-n 2 --dist loadfile` in setup.cfg). Each
# module runs whole in one process, so its module fixtures are set up once; modules that share
# something outside the process run in the same one, so never at the same time, and share its
# setup: the SPARQL stores (cleared and loaded by each test) and the executed worked notebook.
GROUPS = {"test_remote.py": "stores", "test_portable.py": "stores",
          "test_notebook.py": "notebook", "test_jupyterlab.py": "notebook"}


def pytest_xdist_make_scheduler(config, log):
    from xdist.scheduler import LoadScopeScheduling

    class ByModuleAndGroup(LoadScopeScheduling):
        def _split_scope(self, nodeid: str) -> str:
            module = nodeid.split("::", 1)[0]
            return GROUPS.get(module.rsplit("/", 1)[-1], module)

    return ByModuleAndGroup(config, log)


@pytest.fixture(scope="session")
def executed_notebook():
    """examples/stamos.ipynb run top to bottom with nbclient and a real ipykernel, from its own
    folder as Jupyter runs it; nothing may be written there. Run once for the session: tests
    read it, and copy it (copy.deepcopy) before changing anything."""
    import nbformat
    from nbclient import NotebookClient

    before = sorted(p.name for p in EXAMPLES.iterdir())
    nb = nbformat.read(EXAMPLES / "stamos.ipynb", as_version=4)
    NotebookClient(nb, timeout=300, kernel_name="python3", resources={"metadata": {"path": str(EXAMPLES)}}).execute()
    after = sorted(p.name for p in EXAMPLES.iterdir())
    assert after == before, f"the notebook wrote files: {set(after) - set(before)}"
    return nb


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture(scope="session")
def stamos():
    from kg.timeline.reader import load_timeline

    return load_timeline()


@pytest.fixture(scope="session")
def stamos_dataset(stamos):
    from kg.rdf.build import build_dataset

    return build_dataset(stamos)


@pytest.fixture(scope="session")
def stamos_graph(stamos_dataset):
    from kg.graph.from_rdf import to_networkx

    return to_networkx(stamos_dataset)


class Workspace:
    """A writable copy of examples/minimal, to break on purpose."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.timeline = folder / "timeline.yaml"
        self.source = folder / "source.txt"

    def text(self) -> str:
        return self.timeline.read_text(encoding="utf-8")

    def replace(self, old: str, new: str) -> Path:
        text = self.text()
        assert old in text, f"fixture text not found: {old!r}"
        self.timeline.write_text(text.replace(old, new, 1), encoding="utf-8")
        return self.timeline

    def line_of(self, needle: str) -> int:
        return next(i for i, line in enumerate(self.text().splitlines(), 1) if needle in line)


@pytest.fixture
def minimal(tmp_path: Path) -> Workspace:
    folder = tmp_path / "minimal"
    shutil.copytree(EXAMPLES / "minimal", folder)
    return Workspace(folder)
