"""The web page in a real browser: focus, facets that submit themselves, passage anchors,
downloads, and no script run from a document's text.

Drives Debian's Chromium through Playwright; where either is missing the tests are
skipped with the reason.  Screenshots of the main pages go to test-output/screenshots/.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from kb.ingest import ingest
from kb.settings import Paths

pytestmark = pytest.mark.browser

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
PROJECT_ROOT = Path(__file__).resolve().parent.parent
SCREENSHOTS = PROJECT_ROOT / "test-output" / "screenshots"
SERVER_START_SECONDS = 20
ACTION_TIMEOUT_MS = 5000  # a step that needs longer has failed
PROJECTS_PAGE = "OAS - Department of Public Security - Trafficking in Persons - Projects"
# Markup in a document's text: each of these would set window.__xss if the browser ran it.
HOSTILE_PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<title>&lt;script&gt;window.__xss = 1&lt;/script&gt; Trafficking in persons &amp; border controls</title></head>
<body><main>
<h1>&lt;img src=x onerror="window.__xss = 2"&gt; Border workshop</h1>
<p>The Organization of American States held a workshop on trafficking in persons and border controls
in Kingston, Jamaica, on 15 July 2009. &lt;script&gt;window.__xss = 3&lt;/script&gt; Officers from the
region took part. &lt;svg onload="window.__xss = 4"&gt;&lt;/svg&gt;</p>
</main></body></html>
"""

sync_api = pytest.importorskip("playwright.sync_api", reason="the playwright package is not installed")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def serving(data_dir: Path):
    """`kb serve`'s app in a child process on a free loopback port; yields its base URL."""
    port = free_port()
    env = {**os.environ, "KB_DATA_DIR": str(data_dir)}
    process = subprocess.Popen(
        [sys.executable, "-m", "uvicorn", "server:app", "--host", "127.0.0.1", "--port", str(port),
         "--log-level", "warning"],
        cwd=PROJECT_ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + SERVER_START_SECONDS
        while True:
            try:
                if httpx.get(f"{base}/healthz").status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if process.poll() is not None or time.monotonic() > deadline:
                process.kill()
                pytest.fail(f"the server did not start: {process.stderr.read().decode()[-2000:]}")
            time.sleep(0.1)
        yield base
    finally:
        process.terminate()
        process.wait(timeout=10)
        process.stderr.close()


@pytest.fixture(scope="module")
def browser():
    if not CHROMIUM.exists():
        pytest.skip(f"no Chromium at {CHROMIUM}: install Debian's chromium package to run the browser tests")
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture(scope="module")
def site(sample_kb):
    with serving(sample_kb.data_dir) as base:
        yield base


@pytest.fixture
def page(browser):
    """A fresh page that records console errors; a test ends by checking there were none."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, accept_downloads=True)
    context.set_default_timeout(ACTION_TIMEOUT_MS)
    page = context.new_page()
    page.errors = []
    page.on("console", lambda message: page.errors.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: page.errors.append(str(error)))
    yield page
    context.close()


def screenshot(page, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)


def summary(page) -> str:
    return page.locator("h1.results-summary").inner_text()


def facet_count(page, facet: str, value: str) -> int:
    return int(page.locator(f"label[for='f-{facet}-{value}'] .count").inner_text())


def test_home_page_focuses_the_search_box(page, site):
    page.goto(site + "/")
    assert page.evaluate("document.activeElement.id") == "q"
    page.keyboard.type("border controls")
    page.keyboard.press("Enter")
    page.wait_for_url("**/search?q=border+controls")
    assert page.locator("li.hit h2 a").first.inner_text() == PROJECTS_PAGE
    page.goto(site + "/")
    screenshot(page, "home")
    assert page.errors == []


def test_ticking_a_country_narrows_then_the_chip_restores(page, site):
    page.goto(site + "/search?q=border+controls")
    hits_before, oas_before = page.locator("li.hit").count(), facet_count(page, "agency", "OAS")
    total_before = summary(page)
    screenshot(page, "results")

    jamaica = page.get_by_role("checkbox", name="Jamaica")
    if not jamaica.is_visible():  # among the countries folded under "N more"
        page.locator("fieldset", has=page.get_by_text("Country", exact=True)).locator("summary").click()
    with page.expect_navigation():
        jamaica.check()  # kb.js submits the form on change
    assert "country=JM" in page.url
    assert page.get_by_role("checkbox", name="Jamaica").is_checked()
    assert page.locator("li.hit").count() < hits_before
    assert facet_count(page, "agency", "OAS") < oas_before
    assert summary(page) != total_before
    assert page.evaluate("document.activeElement.id") == "f-country-JM"  # focus is given back

    with page.expect_navigation():
        page.get_by_role("link", name="Remove filter Country: Jamaica").click()
    assert "country" not in page.url
    assert page.locator("li.hit").count() == hits_before
    assert page.errors == []


def test_a_hit_lands_on_its_passage(page, site):
    page.goto(site + "/search?q=border+controls")
    first = page.locator("li.hit h2 a").first
    href = first.get_attribute("href")
    first.click()
    page.wait_for_url("**" + href)
    fragment = href.split("#", 1)[1]
    passage = page.locator(f"#{fragment}")
    sync_api.expect(passage).to_be_in_viewport()
    assert page.evaluate(f"document.querySelector('#{fragment}').matches(':target')")
    assert "border controls" in passage.inner_text().lower()
    screenshot(page, "document")
    assert page.errors == []


def test_events_filter_and_csv_download(page, site):
    page.goto(site + "/events")
    all_rows = page.locator("table.events tbody tr").count()
    screenshot(page, "events")
    with page.expect_navigation():
        page.get_by_label("Country").select_option("JM")
    rows = page.locator("table.events tbody tr")
    assert 0 < rows.count() < all_rows
    assert all(place.endswith("Jamaica") for place in page.locator("td[data-label='Place']").all_inner_texts())
    assert page.get_by_role("img", name="Events per year, by agency").is_visible()

    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download CSV").click()
    download = download_info.value
    assert download.suggested_filename == "kb-events.csv"
    lines = Path(download.path()).read_text(encoding="utf-8").splitlines()
    assert lines[0].startswith("start,end,precision,kind,city,country")
    assert len(lines) == rows.count() + 1 and "Kingston" in lines[1]
    assert page.errors == []


def test_mandate_page(page, site):
    page.goto(site + "/")
    page.get_by_label("Mandate number").fill("74")
    page.get_by_role("button", name="Look up").click()
    page.wait_for_url("**/mandates/74")
    assert page.get_by_role("heading", name="PAHO Pan American Health Organization", level=2).is_visible()
    screenshot(page, "mandate")
    assert page.errors == []


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory):
    folder = tmp_path_factory.mktemp("hostile")
    (folder / "pages").mkdir()
    (folder / "pages" / "report.html").write_text(HOSTILE_PAGE, encoding="utf-8")
    paths = Paths(folder / "kb")
    assert ingest(paths, [str(folder / "pages")]).failed == 0
    with serving(paths.data_dir) as base:
        yield base
    shutil.rmtree(folder, ignore_errors=True)


def test_no_script_runs_from_a_documents_text(page, hostile_site):
    page.goto(hostile_site + "/search?q=trafficking")
    assert page.locator("li.hit h2 a").first.inner_text().startswith("<script>window.__xss = 1</script>")
    page.locator("li.hit h2 a").first.click()
    page.wait_for_load_state()
    assert "onerror=" in page.locator("main").inner_text()  # shown as text
    for url in ("/search?q=trafficking", page.url.replace(hostile_site, ""), "/events"):
        page.goto(hostile_site + url)
        assert page.evaluate("typeof window.__xss") == "undefined", url
    assert page.errors == []  # nor any script refused by the Content-Security-Policy
