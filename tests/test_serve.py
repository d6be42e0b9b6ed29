"""`kg serve` with real clients: SPARQLWrapper, curl, and the query page in headless Chromium.

One server is started for the module (`kg serve --port 0`, a 3 s time limit and a 40-row
limit) and stopped at the end.
"""

from __future__ import annotations

import csv
import io
import re
import shutil
import subprocess
import time
import urllib.error
import urllib.parse
import urllib.request

import pytest
from conftest import EXAMPLES, need
from rdflib import Graph, Namespace, URIRef
from SPARQLWrapper import CSV, JSON, POST, POSTDIRECTLY, TURTLE, URLENCODED, XML, SPARQLWrapper

SD = Namespace("http://www.w3.org/ns/sparql-service-description#")
RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
CSO = (EXAMPLES / "queries" / "who-was-cso-in-2016.rq").read_text(encoding="utf-8")
KG = shutil.which("kg") or "kg"


def start(*args: str) -> tuple[subprocess.Popen, str]:
    process = subprocess.Popen([KG, "serve", "--port", "0", *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               text=True)
    line = process.stdout.readline()
    found = re.search(r"SPARQL endpoint (http://\S+/sparql)", line)
    if not found:
        process.kill()
        raise AssertionError(f"kg serve did not start: {line} {process.stderr.read()}")
    return process, found.group(1)


@pytest.fixture(scope="module")
def server():
    process, url = start("--timeout", "120", "--row-limit", "40")  # answers, not limits: room for a loaded machine
    yield url
    process.terminate()
    process.wait(timeout=20)


@pytest.fixture(scope="module")
def limited_server():
    process, url = start("--timeout", "3", "--workers", "2")
    yield url
    process.terminate()
    process.wait(timeout=20)


def http(url, *, data=None, headers=None, method=None):
    request = urllib.request.Request(url, data=data, headers=headers or {}, method=method)
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, response.headers, response.read().decode("utf-8")
    except urllib.error.HTTPError as exc:
        return exc.code, exc.headers, exc.read().decode("utf-8")


def get(url, query, accept=""):
    return http(f"{url}?{urllib.parse.urlencode({'query': query})}", headers={"Accept": accept} if accept else {})


# ---- SPARQLWrapper -------------------------------------------------------------------------

@pytest.mark.parametrize("method", ["GET", "POST-form", "POST-direct"])
def test_sparqlwrapper_select_json_and_xml(server, method):
    for fmt in (JSON, XML):
        client = SPARQLWrapper(server)
        client.setQuery(CSO)
        client.setReturnFormat(fmt)
        if method != "GET":
            client.setMethod(POST)
            client.setRequestMethod(POSTDIRECTLY if method == "POST-direct" else URLENCODED)
        result = client.query().convert()
        if fmt == JSON:
            rows = [(b["name"]["value"], b["certainty"]["value"]) for b in result["results"]["bindings"]]
        else:
            rows = [tuple(n.getElementsByTagName("literal")[0].firstChild.data
                          for n in r.getElementsByTagName("binding")[1:]) for r in result.getElementsByTagName("result")]
        assert rows == [("Alex Stamos", "certainly")]


def test_sparqlwrapper_ask_construct_and_describe(server):
    client = SPARQLWrapper(server)
    client.setQuery("ASK { ?e a kg:Event }")
    client.setReturnFormat(JSON)
    assert client.query().convert()["boolean"] is True
    client.setQuery("CONSTRUCT { ?e a kg:Event } WHERE { ?e a kg:Event }")
    client.setReturnFormat(TURTLE)
    graph = Graph().parse(data=client.query().convert(), format="turtle")
    assert len(graph) == 30
    client.setQuery("DESCRIBE <https://w3id.org/kg-timeline/stamos/actor/stamos>")
    described = Graph().parse(data=client.query().convert(), format="turtle")
    assert (URIRef("https://w3id.org/kg-timeline/stamos/actor/stamos"), None, None) in described
    client.setQuery(CSO)
    client.setReturnFormat(CSV)
    assert client.query().convert().decode().splitlines()[1].endswith("Alex Stamos,certainly")


# ---- curl ------------------------------------------------------------------------------------

def curl(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([need("curl"), "-s", "-S", "-w", "\\n%{http_code}", *args], capture_output=True,
                          text=True, check=True)


@pytest.mark.external
@pytest.mark.parametrize("path", sorted((EXAMPLES / "queries").glob("*.rq")), ids=lambda p: p.stem)
def test_curl_csv_is_kg_sparql_csv(server, runner, path):
    from kg.cli import cli

    result = curl("-H", "Accept: text/csv", "--data-urlencode", f"query@{path}", server)
    body, status = result.stdout.rsplit("\n", 1)
    assert status == "200"
    local = runner.invoke(cli, ["sparql", str(path), "--format", "csv"]).output
    assert body.replace("\r\n", "\n") == local.replace("\r\n", "\n")


@pytest.mark.external
def test_curl_tsv_json_ld_and_n_triples(server):
    tsv = curl("-G", "-H", "Accept: text/tab-separated-values", "--data-urlencode", f"query={CSO}", server).stdout
    assert tsv.splitlines()[0] == "?who\t?name\t?certainty" and '"Alex Stamos"' in tsv
    query = "CONSTRUCT { ?e a kg:Event } WHERE { ?e a kg:Event }"
    for accept, fmt in (("application/ld+json", "json-ld"), ("application/n-triples", "nt")):
        out = curl("-H", f"Accept: {accept}", "-H", "Content-Type: application/sparql-query", "--data-binary", query,
                   server)
        body, status = out.stdout.rsplit("\n", 1)
        assert status == "200" and len(Graph().parse(data=body, format=fmt)) == 30


def test_service_description(server):
    status, headers, body = http(server, headers={"Accept": "text/turtle"})
    assert status == 200 and headers["Content-Type"].startswith("text/turtle")
    graph = Graph().parse(data=body, format="turtle")
    service = graph.value(predicate=SD.endpoint, object=URIRef(server))
    assert service is not None
    assert (service, SD.supportedLanguage, SD.SPARQL11Query) in graph
    assert len(list(graph.objects(service, SD.resultFormat))) == 7


# ---- refusals and limits ---------------------------------------------------------------------------

@pytest.mark.parametrize("how, expected", [
    ({"data": b"update=CLEAR+ALL", "headers": {"Content-Type": "application/x-www-form-urlencoded"}}, 403),
    ({"data": b"INSERT DATA { <urn:a> <urn:b> <urn:c> }", "headers": {"Content-Type": "application/sparql-update"}}, 403),
    ({"query": "LOAD <http://example.org/data.ttl>"}, 403),
    ({"query": "SELECT * FROM <file:///etc/passwd> WHERE { ?s ?p ?o }"}, 400),
    ({"query": "SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }"}, 400),
    ({"query": "SELECT * WHERE { ?s ?p }"}, 400),
    ({"query": CSO, "accept": "text/turtle"}, 406),
])
def test_refused_with_a_reason(server, how, expected):
    if "query" in how:
        status, _, body = get(server, how["query"], how.get("accept", ""))
    else:
        status, _, body = http(server, data=how["data"], headers=how["headers"])
    assert status == expected
    assert len(body.strip().splitlines()) == 1 and len(body) < 400
    if expected == 403:
        assert body.startswith("read-only")


def test_dataset_parameters_and_other_methods_are_refused(server):
    status, _, body = http(f"{server}?{urllib.parse.urlencode({'query': CSO, 'default-graph-uri': 'urn:g'})}")
    assert status == 400 and "default-graph-uri" in body
    assert http(server, data=b"x", method="PUT")[0] == 405


def test_row_limit_cuts_and_says_so(server):
    status, headers, body = get(server, "SELECT * WHERE { ?s ?p ?o }", "text/csv")
    assert status == 200 and headers["X-KG-Truncated"] == "40"
    assert len(list(csv.reader(io.StringIO(body)))) == 41  # the header and 40 rows (a value may span lines)
    status, headers, _ = get(server, CSO, "text/csv")
    assert "X-KG-Truncated" not in headers


def test_time_limit_stops_a_runaway_query_and_the_server_goes_on(limited_server):
    started = time.monotonic()
    status, _, body = get(limited_server, RUNAWAY)
    assert status == 503 and "3 s time limit" in body
    assert time.monotonic() - started < 20
    for _ in range(3):  # the killed worker is replaced; the other answers meanwhile
        assert get(limited_server, "ASK { ?s ?p ?o }", "text/csv")[0] == 200


def test_loopback_by_default_and_a_warning_otherwise(server):
    assert server.startswith("http://127.0.0.1:")
    process = subprocess.run([KG, "serve", "--host", "192.0.2.1", "--port", "0"], capture_output=True, text=True,
                             timeout=60)  # TEST-NET-1: never this machine's, so it is never bound
    assert process.stderr.splitlines()[0].startswith("warning: listening on 192.0.2.1, not only on this machine")
    assert process.returncode == 1 and "cannot listen on 192.0.2.1" in process.stderr


def test_bad_data_is_one_line(tmp_path):
    bad = tmp_path / "bad.ttl"
    bad.write_text("this is not turtle", encoding="utf-8")
    process = subprocess.run([KG, "serve", "--port", "0", "--data", str(bad)], capture_output=True, text=True,
                             timeout=120)
    assert process.returncode == 1
    assert process.stderr.startswith(f"Error: {bad}: not valid turtle") and "Traceback" not in process.stderr


# ---- the query page in Chromium ------------------------------------------------------------

@pytest.mark.browser
def test_query_page_runs_an_example_offline(server):
    need("chromium")
    playwright_api = pytest.importorskip("playwright.sync_api")
    from test_explorer import FLAGS

    origin = server.rsplit("/", 1)[0]
    status, headers, _ = http(origin + "/")
    assert status == 200 and "script-src 'self'" in headers["Content-Security-Policy"]
    leaks, errors = [], []
    with playwright_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=shutil.which("chromium"), args=FLAGS)
        try:
            page = browser.new_page()
            page.on("pageerror", lambda e: errors.append(str(e)))

            def guard(route):
                if route.request.url.startswith(origin + "/"):
                    route.continue_()
                else:
                    leaks.append(route.request.url)
                    route.abort()

            page.route("**/*", guard)
            page.goto(origin + "/")
            buttons = page.locator("#kg-examples button")
            assert buttons.count() == len(list((EXAMPLES / "queries").glob("*.rq")))
            page.click("button[data-example='who-was-cso-in-2016']")
            page.wait_for_selector("#kg-output table tbody tr")
            cells = page.locator("#kg-output tbody tr td").all_text_contents()
            assert cells[1:] == ["Alex Stamos @en", "certainly"]
            assert "1 row" in page.text_content("#kg-status")
            page.fill("#kg-query", "CLEAR ALL")
            page.click("#kg-run")
            page.wait_for_selector("#kg-status.kg-error")
            assert "403" in page.text_content("#kg-status") and "read-only" in page.text_content("#kg-status")
        finally:
            browser.close()
    assert leaks == [] and errors == []

