"""The real app in headless Chromium: every page renders, with its sidebar, and no error.

Needs Debian's chromium (`apt-get install -y chromium`); skips cleanly without it.
Screenshots land in $FRONTLINE_SCREENSHOTS (default: the test's tmp dir) for a human to look at.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
REPO = Path(__file__).resolve().parents[2]

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="no /usr/bin/chromium"),
]

# url path, text that must be visible once the page has rendered
PAGES = [
    pytest.param("", "Latest claims", id="overview"),
    pytest.param("losses", "Running totals", id="losses"),
    pytest.param("strikes", "Largest attacks", id="strikes"),
    pytest.param("territory", "Claims per place", id="territory"),
    pytest.param("regions", "By region", id="regions"),
    pytest.param("articles", "article(s)", id="articles"),
    pytest.param("sql", "Row limit", id="sql"),
]


SETTLED_JS = """() => !document.querySelector('[data-testid="stStatusWidget"]')
    && document.querySelectorAll('[data-testid*="keleton"]').length === 0"""


def settle(page, marker: str) -> None:
    """Wait for the marker text, then until the script has finished and nothing is loading."""
    page.get_by_text(marker, exact=False).first.wait_for(timeout=60_000)
    page.wait_for_function(SETTLED_JS, timeout=60_000)
    page.wait_for_timeout(800)  # plotly's own drawing


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(synthetic_db: Path) -> Iterator[str]:
    port = free_port()
    env = {**os.environ, "FRONTLINE_DB": str(synthetic_db), "DO_NOT_TRACK": "1"}
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "streamlit",
            "run",
            str(REPO / "dashboards" / "app.py"),
            "--server.headless",
            "true",
            "--server.port",
            str(port),
            "--server.address",
            "127.0.0.1",
            "--browser.gatherUsageStats",
            "false",
        ],
        cwd=REPO,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                urllib.request.urlopen(f"{url}/_stcore/health", timeout=1)
                break
            except OSError:
                if proc.poll() is not None or time.monotonic() > deadline:
                    out = proc.stdout.read().decode() if proc.stdout else ""
                    pytest.fail(f"streamlit did not start:\n{out}")
                time.sleep(0.3)
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()


@pytest.fixture(scope="module")
def browser():
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=["--no-sandbox"])
        yield b
        b.close()


@pytest.fixture(scope="module")
def shots(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = Path(os.environ.get("FRONTLINE_SCREENSHOTS") or tmp_path_factory.mktemp("shots"))
    path.mkdir(parents=True, exist_ok=True)
    return path


@pytest.mark.parametrize(("path", "marker"), PAGES)
def test_page_renders_in_chromium(server: str, browser, shots: Path, path: str, marker: str):
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    try:
        page.goto(f"{server}/{path}?region=Donetsk&region=Odesa&region=Kherson")
        settle(page, marker)
        page.screenshot(path=str(shots / f"{path or 'overview'}.png"), full_page=True)
        body = page.inner_text("body")
        assert "Traceback" not in body and "Error" not in body.split("Filters")[0]
        # the sidebar filters are there and came from the URL (a deep link on a fresh server)
        sidebar = page.locator("[data-testid='stSidebar']")
        assert "Filters" in sidebar.inner_text()
        assert "Donetsk" in sidebar.inner_text()
        assert "region=Donetsk" in page.url
        assert not errors, errors
    finally:
        page.close()


def test_article_script_is_text_in_the_browser(server: str, browser, shots: Path):
    page = browser.new_page(viewport={"width": 1400, "height": 1200})
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    try:
        page.goto(f"{server}/articles")
        page.get_by_label("Search title and text").fill("alert")
        page.keyboard.press("Enter")
        page.locator("mark").first.wait_for(timeout=60_000)
        settle(page, "evidence passage(s) highlighted")
        page.screenshot(path=str(shots / "article_script.png"), full_page=True)
        assert "<script>alert('xss')</script>" in page.inner_text("body")
        assert page.locator("mark").count() >= 1
        assert not dialogs  # the script never ran
    finally:
        page.close()
