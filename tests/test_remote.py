"""Remote stores: `kg push` into Oxigraph's server and Virtuoso, then `kg sparql --endpoint`
and `kg ask --endpoint` answer as kg does locally, the whole question battery included."""

from __future__ import annotations

import json

import pytest
from conftest import EXAMPLES
from test_question import battery

from kg.cli import cli
from kg.ask.question import answer, parse_question
from kg.ask.sparql import collect_rows
from kg.stores.remote import remote_rows

pytestmark = pytest.mark.external
QUERIES = sorted((EXAMPLES / "queries").glob("*.rq"))


@pytest.fixture(scope="module", params=["oxigraph", "virtuoso"])
def store(request, runner_module):
    """Each store, cleared and then loaded with `kg push`."""
    store = request.getfixturevalue(request.param)
    store.clear()
    result = runner_module.invoke(cli, ["push", *store.push_args()])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("Pushed ") and " graphs (" in result.output
    return store


@pytest.fixture(scope="module")
def runner_module():
    from click.testing import CliRunner

    return CliRunner()


def _lines(text: str) -> list[str]:
    head, *rows = text.splitlines()
    return [head, *sorted(rows)]


@pytest.mark.parametrize("path", QUERIES, ids=lambda p: p.stem)
def test_sparql_endpoint_gives_the_local_rows(store, runner_module, path):
    # --timeout 0: the rows are compared here, not the time limit (a loaded machine may pass 30 s)
    local = runner_module.invoke(cli, ["sparql", str(path), "--format", "csv", "--timeout", "0"])
    remote = runner_module.invoke(cli, ["sparql", str(path), "--format", "csv", "--endpoint", store.query_url])
    assert local.exit_code == 0 and remote.exit_code == 0, (local.output, remote.output)
    assert len(local.output.splitlines()) > 1
    assert _lines(remote.output) == _lines(local.output)


@pytest.mark.parametrize("question", ["who opposed disclosure before April 2017",
                                      "who held the chief security officer role in 2016",
                                      "what had been publicly reported by 1 March 2018"])
def test_ask_endpoint_gives_the_local_answers(store, runner_module, question):
    local = runner_module.invoke(cli, ["ask", question, "--format", "json"])
    remote = runner_module.invoke(cli, ["ask", question, "--format", "json", "--endpoint", store.query_url])
    assert remote.exit_code == 0, remote.output
    assert json.loads(remote.output) == json.loads(local.output) != []


def test_question_battery_against_the_store(store, stamos_graph):
    checked = nonempty = 0
    for text in battery(stamos_graph):
        question = parse_question(stamos_graph, text)
        rows = remote_rows(store.query_url, stamos_graph, question)
        for floor in ("certainly", "likely", "possibly"):
            mine = answer(stamos_graph, question, at_least=floor).keyed()
            assert collect_rows(stamos_graph, question, rows, at_least=floor).keyed() == mine, (text, floor)
            checked += 1
            nonempty += bool(mine)
    assert checked > 900 and nonempty > 400


def test_updates_are_refused_before_they_leave(store, runner_module):
    result = runner_module.invoke(cli, ["sparql", "DROP ALL", "--endpoint", store.query_url])
    assert result.exit_code == 2 and "read-only" in result.output
    again = runner_module.invoke(cli, ["sparql", "ASK { ?e a kg:Event }", "--endpoint", store.query_url])
    assert again.output.strip() == "true"


def test_virtuoso_has_no_default_graph_to_write(virtuoso, runner_module):
    result = runner_module.invoke(cli, ["push", "--endpoint", virtuoso.store_url])
    assert result.exit_code == 1
    assert result.output.startswith("Error: ") and len(result.output.strip().splitlines()) == 1
    assert "--default-graph IRI" in result.output


def test_unreachable_endpoint_is_one_line(runner_module):
    from stores import free_port

    url = f"http://127.0.0.1:{free_port()}/query"
    for args in (["sparql", "ASK {}", "--endpoint", url], ["push", "--endpoint", url]):
        result = runner_module.invoke(cli, args)
        assert result.exit_code == 1 and "cannot reach the endpoint" in result.output
        assert len(result.output.strip().splitlines()) == 1
