"""SPARQL stores for the tests: Oxigraph's server (PyPI `oxigraph`) and Virtuoso (Debian).

Used two ways:

- `.ci/run` starts both before the tests and stops them after:
  `eval "$(python tests/stores.py start DIR)"` prints `export KG_OXIGRAPH_URL=...` and
  `export KG_VIRTUOSO_URL=...`; `python tests/stores.py stop DIR` ends them.
- Without those variables, the session fixtures in conftest.py start their own
  (`start_oxigraph`, `start_virtuoso`) and stop them at the end of the run.

Both listen on 127.0.0.1 only, on free ports. Virtuoso's anonymous SPARQL user is granted
SPARQL_UPDATE so that `kg push` can write over the Graph Store Protocol; it is a
throw-away database in DIR.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from pathlib import Path

VIRTUOSO_INI = Path("/etc/virtuoso-opensource-7/virtuoso.ini")
DEFAULT_GRAPH = "https://w3id.org/kg-timeline/graph/default"
"""Where the default graph goes in Virtuoso, whose own default graph is the union of all graphs."""


@dataclass(frozen=True)
class Store:
    """A running store: where to query it, where to push to it, and how."""

    name: str
    base: str

    @property
    def query_url(self) -> str:
        if self.name == "oxigraph":
            return f"{self.base}/query"
        return f"{self.base}/sparql?" + urllib.parse.urlencode({"default-graph-uri": DEFAULT_GRAPH})

    @property
    def store_url(self) -> str:
        return f"{self.base}/store" if self.name == "oxigraph" else f"{self.base}/sparql-graph-crud"

    @property
    def default_graph(self) -> str | None:
        return None if self.name == "oxigraph" else DEFAULT_GRAPH

    def push_args(self) -> list[str]:
        args = ["--endpoint", self.store_url]
        return args + (["--default-graph", self.default_graph] if self.default_graph else [])

    def clear(self) -> None:
        """Remove every kg graph (Oxigraph: everything)."""
        if self.name == "oxigraph":
            _http(f"{self.base}/update", "POST", b"CLEAR ALL", {"Content-Type": "application/sparql-update"})
            return
        query = ('SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } '
                 'FILTER (STRSTARTS(STR(?g), "https://w3id.org/kg-timeline/")) }')
        body = urllib.parse.urlencode({"query": query}).encode()
        answer = json.loads(_http(f"{self.base}/sparql", "POST", body, {
            "Content-Type": "application/x-www-form-urlencoded", "Accept": "application/sparql-results+json"}))
        for row in answer["results"]["bindings"]:
            graph = urllib.parse.urlencode({"graph": row["g"]["value"]})
            _http(f"{self.store_url}?{graph}", "DELETE", None, {})


def _http(url: str, method: str, data: bytes | None, headers: dict[str, str]) -> bytes:
    request = urllib.request.Request(url, data=data, method=method, headers=headers)
    with urllib.request.urlopen(request, timeout=60) as response:
        return response.read()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait(url: str, seconds: float, process: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"{process.args[0]} ended early: {log.read_text(errors='replace')[-500:]}")
        try:
            urllib.request.urlopen(url, timeout=2).read()
            return
        except (urllib.error.URLError, OSError):
            time.sleep(0.3)
    process.kill()
    raise RuntimeError(f"{process.args[0]} did not answer at {url} within {seconds:g} s")


def start_oxigraph(folder: Path) -> tuple[Store, subprocess.Popen[bytes]]:
    """`oxigraph serve` on a free loopback port, its database in ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    port = free_port()
    log = folder / "oxigraph.log"
    process = subprocess.Popen([shutil.which("oxigraph") or "oxigraph", "serve", "--location", str(folder / "db"),
                                "--bind", f"127.0.0.1:{port}"],
                               stdout=log.open("wb"), stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    _wait(f"{base}/query?query=ASK%7B%7D", 30, process, log)
    return Store("oxigraph", base), process


def start_virtuoso(folder: Path) -> tuple[Store, subprocess.Popen[bytes]]:
    """Debian's `virtuoso-t` with a copy of its virtuoso.ini: database in ``folder``, free loopback ports."""
    folder.mkdir(parents=True, exist_ok=True)
    sql, http = free_port(), free_port()
    lines = []
    section = ""
    for line in VIRTUOSO_INI.read_text().splitlines():
        stripped = line.strip()
        if stripped.startswith("["):
            section = stripped
        key = stripped.split("=", 1)[0].strip()
        if key == "ServerPort" and section == "[Parameters]":
            line = f"ServerPort = 127.0.0.1:{sql}"
        elif key == "ServerPort" and section == "[HTTPServer]":
            line = f"ServerPort = 127.0.0.1:{http}"
        elif key == "DefaultHost" and section == "[URIQA]":
            line = f"DefaultHost = 127.0.0.1:{http}"
        lines.append(line.replace("/var/lib/virtuoso-opensource-7/db", str(folder)))
    ini = folder / "virtuoso.ini"
    ini.write_text("\n".join(lines) + "\n")
    log = folder / "virtuoso.out"
    process = subprocess.Popen([shutil.which("virtuoso-t") or "virtuoso-t", "+foreground", "+configfile", str(ini)],
                               cwd=folder, stdout=log.open("wb"), stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{http}"
    _wait(f"{base}/sparql?query=ASK%7B%7D", 120, process, log)
    isql = shutil.which("isql-vt") or "isql-vt"
    subprocess.run([isql, f"127.0.0.1:{sql}", "dba", "dba", 'exec=GRANT SPARQL_UPDATE TO "SPARQL";'],
                   check=True, capture_output=True, timeout=60)
    return Store("virtuoso", base), process


def _stop(pid: int, seconds: float = 30) -> None:
    """SIGTERM, then SIGKILL if the process is still there after ``seconds``."""
    try:
        os.kill(pid, signal.SIGTERM)
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            os.kill(pid, 0)
            time.sleep(0.2)
        os.kill(pid, signal.SIGKILL)
    except ProcessLookupError:
        pass


def _main(argv: list[str]) -> int:
    command, folder = argv[0], Path(argv[1])
    if command == "start":
        out = []
        for name, start in (("OXIGRAPH", start_oxigraph), ("VIRTUOSO", start_virtuoso)):
            store, process = start(folder / name.lower())
            (folder / f"{name.lower()}.pid").write_text(str(process.pid))
            out.append(f"export KG_{name}_URL={store.base}")
        print("\n".join(out))
        return 0
    if command == "stop":
        for pid_file in folder.glob("*.pid"):
            pid = int(pid_file.read_text())
            _stop(pid)
            pid_file.unlink()
        return 0
    print("usage: python tests/stores.py start|stop DIR", file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(_main(sys.argv[1:]))
