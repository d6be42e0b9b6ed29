"""The worked notebook in a real JupyterLab, served on loopback and driven by Chromium.

examples/stamos.ipynb is executed with nbclient and saved with its outputs twice: once as
it comes (unsigned, so JupyterLab treats it as untrusted, like a colleague's file) and once
signed (trusted). Screenshots of both are kept in artifacts/.
"""

from __future__ import annotations

import copy
import json
import os
import secrets
import shutil
import socket
import subprocess
import sys
import time
import urllib.request

import nbformat
import pytest
from conftest import ROOT, need
from test_explorer import FLAGS, assert_legible

pytestmark = pytest.mark.browser
ARTIFACTS = ROOT / "artifacts"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def lab(tmp_path_factory, executed_notebook):
    """A JupyterLab server on 127.0.0.1 over a folder holding the executed notebook, untrusted
    (stamos.ipynb) and trusted (trusted.ipynb); stopped after the tests."""
    need("chromium")
    pytest.importorskip("jupyterlab")
    folder = tmp_path_factory.mktemp("lab")
    home = folder / ".home"
    env = {**os.environ, "JUPYTER_CONFIG_DIR": str(home / "config"), "JUPYTER_DATA_DIR": str(home / "data"),
           "JUPYTER_RUNTIME_DIR": str(home / "runtime"), "JUPYTERLAB_WORKSPACES_DIR": str(home / "workspaces")}
    settings = home / "settings" / "@jupyterlab" / "apputils-extension"
    settings.mkdir(parents=True)
    (settings / "notification.jupyterlab-settings").write_text(json.dumps({"fetchNews": "false", "checkForUpdates": False}))
    nb = copy.deepcopy(executed_notebook)  # examples/stamos.ipynb, executed (conftest.py)
    nbformat.write(nb, folder / "trusted.ipynb")
    nb.metadata["kg"] = {"copy": "a colleague's"}  # other bytes, so trusting one copy does not trust both
    nbformat.write(nb, folder / "stamos.ipynb")
    subprocess.run([sys.executable, "-m", "jupyter", "trust", str(folder / "trusted.ipynb")], env=env, check=True,
                   capture_output=True)
    port, token = _free_port(), secrets.token_hex(16)
    server = subprocess.Popen(
        [sys.executable, "-m", "jupyterlab", "--no-browser", "--ServerApp.ip=127.0.0.1", f"--ServerApp.port={port}",
         "--ServerApp.port_retries=0", "--allow-root", f"--IdentityProvider.token={token}", f"--ServerApp.root_dir={folder}",
         f"--LabApp.user_settings_dir={home / 'settings'}", f"--LabApp.workspaces_dir={home / 'workspaces'}"],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(120):
            try:
                urllib.request.urlopen(f"{base}/api/status?token={token}", timeout=2)
                break
            except OSError:
                if server.poll() is not None:
                    pytest.fail("jupyter lab stopped: " + server.stderr.read().decode()[-2000:])
                time.sleep(0.5)
        else:
            pytest.fail("jupyter lab did not start")
        yield {"base": base, "token": token, "folder": folder}
    finally:
        server.terminate()
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()


@pytest.fixture(scope="module")
def chromium():
    playwright_api = pytest.importorskip("playwright.sync_api")
    with playwright_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=shutil.which("chromium"), args=FLAGS)
        yield browser
        browser.close()


def _open(chromium, lab, name: str):
    page = chromium.new_page(viewport={"width": 1400, "height": 1000})
    left = []
    page.route("**/*", lambda route: route.continue_() if route.request.url.startswith((lab["base"], "data:", "about:"))
               else (left.append(route.request.url), route.abort()))
    page.goto(f"{lab['base']}/lab/tree/{name}?token={lab['token']}")
    page.wait_for_selector(".jp-OutputArea-output", timeout=120_000)
    page.wait_for_timeout(1500)
    return page, left


def _output_of(page, selector: str):
    cell = page.locator(".jp-Cell", has=page.locator(selector)).first
    cell.scroll_into_view_if_needed()
    return cell


def test_untrusted_notebook_shows_a_still_picture_and_a_summary(chromium, lab):
    page, left = _open(chromium, lab, "stamos.ipynb")
    try:
        explorer = _output_of(page, ".kg-still")
        still = explorer.locator(".kg-still img")
        still.wait_for(state="visible", timeout=30_000)
        assert page.evaluate("(img) => img.naturalWidth > 0 && img.complete", still.element_handle())
        assert "30 events" in explorer.locator(".kg-still").inner_text()
        assert explorer.locator("iframe").count() == 0  # JupyterLab's sanitizer took the live page out
        page.screenshot(path=str(ARTIFACTS / "jupyterlab-untrusted-explorer.png"))
        chart = _output_of(page, ".jp-RenderedImage img")
        image = chart.locator(".jp-RenderedImage img").first
        area = chart.locator(".jp-OutputArea-output").first
        image.scroll_into_view_if_needed()
        assert 0 < image.bounding_box()["width"] <= area.bounding_box()["width"] + 1  # fits the output
        page.screenshot(path=str(ARTIFACTS / "jupyterlab-chart.png"))
        assert left == [], f"requests left loopback: {left}"
    finally:
        page.close()


def test_trusted_notebook_runs_the_explorer_inline(chromium, lab):
    page, left = _open(chromium, lab, "trusted.ipynb")
    try:
        page.wait_for_selector(".jp-OutputArea-output iframe", timeout=60_000)
        explorer = _output_of(page, "iframe")
        frame = next(f for f in page.frames if f.parent_frame is not None and f.url == "about:srcdoc")
        frame.wait_for_selector("body[data-settled='true']", state="attached", timeout=60_000)
        page.wait_for_timeout(300)
        labels = assert_legible(None, frame=frame)
        assert len([label for label in labels if label["kind"] == "node"]) >= 10
        assert explorer.locator(".kg-still").count() == 0  # the script removed the still picture
        page.screenshot(path=str(ARTIFACTS / "jupyterlab-explorer.png"))
        assert left == [], f"requests left loopback: {left}"
    finally:
        page.close()
