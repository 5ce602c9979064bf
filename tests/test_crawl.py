"""kb crawl: polite, incremental and resumable crawling into WARC, against a test site on 127.0.0.1."""

from __future__ import annotations

import gzip
import hashlib
import os
import signal
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import pytest
from crawl_site import BOOK_CHAPTERS, CP1252_PAGE, SITE_DOCUMENTS, Request, Site
from warcio.archiveiterator import ArchiveIterator

from kb import crawl as crawling
from kb.crawl import CrawlOptions, CrawlReport, Frontier, crawl, load_sources, source_for_url
from kb.errors import InputError
from kb.ingest import ingest
from kb.parse import decode
from kb.settings import PROJECT_ROOT, Paths
from kb.sources import PDF, TEXT
from kb.store import Store
from kb.urls import canonicalize, extract_links, parse_sitemap
from kb.warc import read_response

# Short limits so that the slow and endless pages cost a second, not minutes.
QUICK = dict(timeout=0.3, total_timeout=0.8, max_retries=1, max_bytes=100_000, backoff=0.05, index=False)
POLITE_DELAY = 0.06  # the site's Crawl-delay in the first crawl: larger than the --delay given, so it wins


@dataclass
class Crawled:
    paths: Paths
    report: CrawlReport
    requests: list[Request]


def documents(paths: Paths) -> dict[str, str]:
    """url -> sha256 of everything the store holds."""
    with Store(paths.store_dir) as store:
        return {r.url: r.sha256 for r in store.records()}


def responses(paths: Paths) -> list[tuple[str, int]]:
    """(url, status) of every response record in every WARC file of a knowledge base."""
    found = []
    for path in sorted((paths.store_dir / "warc").glob("*.warc.gz")):
        with path.open("rb") as stream:
            for record in ArchiveIterator(stream):
                if record.rec_type == "response":
                    found.append((record.rec_headers.get_header("WARC-Target-URI"),
                                  int(record.http_headers.get_statuscode())))
    return found


@pytest.fixture(scope="module")
def site():
    with Site() as served:
        yield served


@pytest.fixture(scope="module")
def first(site, tmp_path_factory) -> Crawled:
    """One crawl of /site/ from its index page, the one most tests below inspect."""
    paths = Paths(tmp_path_factory.mktemp("kb"))
    site.crawl_delay = POLITE_DELAY
    start = len(site.log)
    try:
        report = crawl(paths, [source_for_url(site.url("/site/index.html"))], CrawlOptions(delay=0.01, **QUICK))
    finally:
        site.crawl_delay = None
    return Crawled(paths, report, site.log[start:])


@pytest.fixture(scope="module")
def second(site, first) -> Crawled:
    """The same crawl again, once the first is finished."""
    start = len(site.log)
    report = crawl(first.paths, [source_for_url(site.url("/site/index.html"))], CrawlOptions(delay=0, **QUICK))
    return Crawled(first.paths, report, site.log[start:])


@pytest.fixture(scope="module")
def book_reference(site, tmp_path_factory) -> Paths:
    """An uninterrupted crawl of /book/, to compare interrupted ones with."""
    paths = Paths(tmp_path_factory.mktemp("book"))
    book(site, paths)
    return paths


def book(site: Site, paths: Paths, on_event=None, **options) -> CrawlReport:
    """A crawl of the /book/ section, with no delay."""
    options = CrawlOptions(**{"delay": 0, **QUICK, **options})
    return crawl(paths, [source_for_url(site.url("/book/index.html"))], options, on_event=on_event)


# ---------------------------------------------------------------- URLs, links, sitemaps, sources


def test_canonical_urls():
    assert canonicalize("HTTP://WWW.OAS.org:80/dsp/a.asp?b=2&a=1#top") == "http://www.oas.org/dsp/a.asp?a=1&b=2"
    assert canonicalize("https://www.iom.int:443/news?utm_source=x&id=7&fbclid=y&gclid=z") == \
        "https://www.iom.int/news?id=7"
    assert canonicalize("http://127.0.0.1:8080/a/../b/") == "http://127.0.0.1:8080/b/"
    for other in ("mailto:trata@oas.org", "javascript:void(0)", "tel:+1202", "data:text/html,x", "ftp://x.org/f"):
        assert canonicalize(other) is None


def test_links_of_a_page():
    page = (b'<html><head><base href="/dsp/english/"></head><body>'
            b'<a href="cpo_trata.asp#x">a</a><a href="mailto:x@oas.org">m</a><a href=" javascript:go()">j</a>'
            b'<a href="https://www.oas.org/dsp/english/cpo_trata.asp?utm_medium=mail">again</a>'
            b'<iframe src="/en/cim/"></iframe><map><area href="tel:123"><area href="plan.pdf"></map></body></html>')
    assert extract_links(page, "https://www.oas.org/dsp/espanol/index.asp") == [
        "https://www.oas.org/dsp/english/cpo_trata.asp", "https://www.oas.org/en/cim/",
        "https://www.oas.org/dsp/english/plan.pdf",
    ]
    assert extract_links(b"", "https://www.oas.org/") == []


def test_sitemaps_and_sitemap_indexes():
    urlset = (b'<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
              b"<url><loc>https://www.paho.org/en/topics/violence-prevention</loc></url></urlset>")
    index = b"<sitemapindex><sitemap><loc>https://www.paho.org/sitemap-2.xml</loc></sitemap></sitemapindex>"
    assert parse_sitemap(urlset) == (["https://www.paho.org/en/topics/violence-prevention"], [])
    assert parse_sitemap(index) == ([], ["https://www.paho.org/sitemap-2.xml"])
    assert parse_sitemap(b"<not xml") == ([], [])


def test_sources_file(tmp_path):
    path = tmp_path / "sources.toml"
    path.write_text('[[source]]\nagency = "OAS"\nstart = ["https://www.oas.org/dsp/english/cpo_trata.asp"]\n'
                    'hosts = ["www.oas.org"]\npaths = ["/dsp/"]\nmax_depth = 1\n')
    [source] = load_sources(path)
    assert (source.agency, source.hosts, source.paths, source.max_depth) == ("OAS", ("www.oas.org",), ("/dsp/",), 1)
    assert source.scope.check("https://www.oas.org/dsp/espanol/x.asp") is None
    assert "outside" in source.scope.check("https://www.oas.org/en/cim/")
    path.write_text('[[source]]\nstart = ["https://www.oas.org/"]\nmax_dept = 1\n')
    with pytest.raises(InputError, match="unknown field 'max_dept'"):
        load_sources(path)
    with pytest.raises(InputError, match="no such file"):
        load_sources(tmp_path / "missing.toml")


def test_the_bundled_sources_file_loads():
    sources = load_sources(PROJECT_ROOT / "corpus" / "sources.toml")
    assert {s.agency for s in sources} >= {"OAS", "IOM", "PAHO", "UNDP"}


def test_a_url_is_crawled_within_its_folder():
    source = source_for_url("https://www.oas.org/dsp/english/cpo_trata_proyectos.asp#top", max_depth=1)
    assert (source.start, source.hosts, source.paths, source.max_depth) == (
        ("https://www.oas.org/dsp/english/cpo_trata_proyectos.asp",), ("www.oas.org",), ("/dsp/english/",), 1)


def test_retry_after_in_seconds_or_as_a_date():
    assert crawling.retry_after_seconds("120") == 120
    assert crawling.retry_after_seconds("Wed, 21 Oct 2015 07:28:30 GMT", now=1445412480.0) == 30
    assert crawling.retry_after_seconds("soon") is None


def test_decoder_stops_a_gzip_bomb_at_the_limit():
    decoder = crawling.BoundedDecoder("gzip", limit=100_000)
    bomb = gzip.compress(bytes(10_000_000))
    with pytest.raises(crawling.TooLarge):
        decoder.feed(bomb)
    assert decoder.size <= 100_001
    decoder = crawling.BoundedDecoder("gzip", limit=100_000)
    assert decoder.feed(gzip.compress(b"small page")) + decoder.flush() == b"small page"


# ---------------------------------------------------------------- one crawl of the test site


def test_crawl_keeps_every_document_once(first, site):
    assert first.report.finished == [site.url("/site/index.html")]
    assert set(documents(first.paths)) == {site.url(f"/site/{p}") for p in SITE_DOCUMENTS}
    with Store(first.paths.store_dir) as store:
        kind = {r.url.rsplit("/", 1)[1]: r for r in store.records()}
        assert (kind["report.pdf"].content_type, kind["notes.txt"].content_type) == (PDF, TEXT)
        assert kind["unlabelled.pdf"].content_type == PDF  # octet-stream, told by its first bytes
        assert kind["cp1252.html"].charset is None and store.read_blob(kind["cp1252.html"].sha256) == CP1252_PAGE
        assert "Seguridad Pública" in decode(CP1252_PAGE)[0]  # the bytes kept as served read right
        assert b"Compressed bulletin" in store.read_blob(kind["gzipped.html"].sha256)
        assert kind["index.html"].agency_hint is None
        # the second of two identical pages is an alias of the first
        assert store.record_for_url(site.url("/site/copy-b.html")).url == site.url("/site/copy-a.html")
    totals = first.report.totals()
    assert (totals.new, totals.duplicate) == (len(SITE_DOCUMENTS), 1)


def test_crawl_requests_nothing_it_must_not(first, site):
    paths = [r.path for r in first.requests]
    for forbidden in ("/site/private/secret.html", "/site/private/hidden.html", "/site/search.cgi"):
        assert forbidden not in paths  # robots.txt: a Disallow, a redirect's target, a wildcard rule
    assert "/site/private/open.html" in paths and "/site/search.cgi?q=trata" in paths  # Allow, and $ in the rule
    assert not [p for p in paths if p.startswith("/outside/")]
    assert {r.host for r in first.requests} == {f"127.0.0.1:{site.port}"}  # never the other host, localhost
    assert not [p for p in paths if "utm_" in p or "fbclid" in p or "#" in p]
    assert paths.count("/site/about.html") == 1  # linked twice, and the target of a redirect
    assert {r.headers["user-agent"] for r in first.requests} == {CrawlOptions().user_agent}
    assert paths[0] == "/robots.txt" and "/sitemaps/pages.xml" in paths


def test_crawl_waits_between_requests_to_a_host(first):
    times = [r.time for r in first.requests]
    gaps = [later - earlier for earlier, later in zip(times, times[1:], strict=False)]
    assert min(gaps) >= POLITE_DELAY - 0.005  # robots.txt's Crawl-delay, larger than the delay asked for


def test_crawl_retries_and_honours_retry_after(first):
    by_path = {}
    for r in first.requests:
        by_path.setdefault(r.path, []).append(r.time)
    assert len(by_path["/site/flaky.html"]) == 2  # 503, then 200
    busy = by_path["/site/busy.html"]
    assert len(busy) == 2 and busy[1] - busy[0] >= 1.0  # 429 with Retry-After: 1
    assert len(by_path["/site/broken.html"]) == 2  # 500 twice: one retry, then given up


def test_crawl_reports_each_failure_on_one_line(first, site):
    errors = {line.split(": ", 1)[0]: line.split(": ", 1)[1] for line in first.report.errors}
    assert errors.keys() == {site.url(f"/site/{p}") for p in
                             ("loop-a", "missing.html", "broken.html", "slow.html", "endless.html")}
    assert errors[site.url("/site/loop-a")].startswith("redirect loop")
    assert errors[site.url("/site/missing.html")] == "HTTP 404 Not Found"
    assert "after 1 retry" in errors[site.url("/site/broken.html")]
    assert "timed out" in errors[site.url("/site/slow.html")]
    assert "time cap" in errors[site.url("/site/endless.html")]
    with Store(first.paths.store_dir) as store:
        state = {url: (s, reason) for url, s, reason in store.db.execute(
            "SELECT url, state, reason FROM crawl_frontier")}
    for page in ("big.html", "big-stream.html", "bomb.html", "picture.png"):
        assert state[site.url(f"/site/{page}")][0] == "skipped"
    assert "decompresses to more than" in state[site.url("/site/bomb.html")][1]
    assert state[site.url("/site/leave")][0] == "out-of-scope"  # a redirect leaving the scope is not followed
    assert state[site.url("/site/private/hidden.html")][0] == "skipped-robots"
    assert state[site.url("/site/private/secret.html")][0] == "skipped-robots"
    assert state[site.url("/outside/listed.html")][0] == "out-of-scope"  # listed in the sitemap
    counts = first.report.hosts[f"127.0.0.1:{site.port}"]
    assert (counts.robots, counts.skipped, counts.errors) == (3, 4, 5)
    assert "out of scope" in first.report.table().splitlines()[0]


def test_warc_holds_the_pages_and_ingests_to_the_same_documents(first, tmp_path):
    records = responses(first.paths)
    urls = [url for url, status in records]
    assert len(urls) == len(set(urls))  # each URL's final answer once
    assert {url for url, status in records if status == 200} >= set(documents(first.paths))
    with Store(first.paths.store_dir) as store:
        for record in store.records():  # the catalog names the record holding each document
            archived = read_response(Path(record.warc_file), record.warc_offset, 10**6)
            assert archived.url == record.url
            assert hashlib.sha256(archived.body).hexdigest() == record.sha256
    again = Paths(tmp_path / "kb")
    warcs = [str(p) for p in (first.paths.store_dir / "warc").glob("*.warc.gz")]
    report = ingest(again, warcs, index=False)
    assert report.failed == 0
    assert documents(again) == documents(first.paths)


def test_second_crawl_asks_conditionally_and_stores_nothing_new(first, second, site):
    stored = set(documents(first.paths))
    asked = [r for r in second.requests if site.url(r.path) in stored and not r.path.endswith("gzipped.html")]
    assert asked and all("if-none-match" in r.headers and "if-modified-since" in r.headers for r in asked)
    totals = second.report.totals()
    assert (totals.new, totals.changed) == (0, 0)
    assert totals.unchanged == totals.fetched == len(SITE_DOCUMENTS) + 1  # and the copy stored as an alias
    assert documents(second.paths) == documents(first.paths)
    assert (site.url("/site/index.html"), 304) in responses(second.paths)


# ---------------------------------------------------------------- runs, resumption, robots trouble


def test_finished_crawl_revisits_and_sees_changes(site, tmp_path):
    paths = Paths(tmp_path)
    assert book(site, paths).totals().new == BOOK_CHAPTERS + 1
    site.book_edition += 1
    try:
        totals = book(site, paths).totals()
    finally:
        site.book_edition -= 1
    assert (totals.new, totals.changed, totals.unchanged) == (0, 1, BOOK_CHAPTERS)


def test_max_pages_ends_a_crawl_run(site, tmp_path):
    paths = Paths(tmp_path)
    report = book(site, paths, max_pages=3)
    assert report.pages == 3 and report.finished
    start = len(site.log)
    book(site, paths, max_pages=3)  # a finished run starts again from the start page
    assert "/book/index.html" in [r.path for r in site.log[start:]]


def test_dry_run_stores_nothing(site, tmp_path):
    events = []
    report = book(site, Paths(tmp_path), on_event=events.append, dry_run=True, max_depth=0)
    decided = {e.url: e.state for e in events if e.kind == "discovered"}
    assert decided[site.url("/book/chapter-1.html")] == "too-deep"
    assert decided[site.url("/site/orphan.html")] == "out-of-scope"  # from the sitemap
    assert report.totals().fetched == 1
    assert not (tmp_path / "corpus").exists()


@pytest.mark.parametrize("status", [503, 404])
def test_robots_txt_that_fails(site, tmp_path, status):
    """5xx: the host is left for a later crawl, which resumes; 4xx: no rules, everything is allowed."""
    site.robots_status = status
    try:
        report = book(site, Paths(tmp_path))
    finally:
        site.robots_status = 200
    if status == 404:
        assert report.totals().new == BOOK_CHAPTERS + 1
        return
    assert report.unfinished and report.totals().fetched == 0
    assert any("robots.txt" in n and "later crawl" in n for n in report.notices)
    report = book(site, Paths(tmp_path))
    assert report.totals().new == BOOK_CHAPTERS + 1 and report.finished


def test_crawl_indexes_what_it_fetched(site, tmp_path):
    paths = Paths(tmp_path)
    report = book(site, paths, index=True)
    assert report.indexed == BOOK_CHAPTERS + 1
    with Store(paths.store_dir) as store:
        assert store.pending() == []


class Crash(BaseException):
    """Stands for the process dying at one point of keeping a page."""


@pytest.mark.parametrize("point, repairs", [
    ("after-warc", ["removed"]),  # records written and fsynced, the page not committed
    ("after-commit", ["stored from"]),  # the page committed, its document not stored
    ("after-store", ["removed", "stored from"]),  # stored, not marked; the next page's records not committed
])
def test_crash_while_keeping_a_page_leaves_nothing_twice(site, book_reference, tmp_path, monkeypatch, point, repairs):
    paths = Paths(tmp_path)
    target = {"after-warc": (Frontier, "commit_warc"), "after-commit": (Store, "put"),
              "after-store": (Frontier, "mark_stored")}[point]
    original = getattr(*target)
    calls = []

    def crash_on_fourth(*args, **kwargs):
        if point == "after-store" and not args[-1]:  # count only the calls that mark a page
            return original(*args, **kwargs)
        calls.append(1)
        if len(calls) == 4:
            raise Crash()
        return original(*args, **kwargs)

    monkeypatch.setattr(*target, crash_on_fourth)
    with pytest.raises(Crash):
        book(site, paths)
    monkeypatch.setattr(*target, original)
    report = book(site, paths)
    assert report.finished
    for repair in repairs:
        assert any(repair in note for note in report.notices), report.notices
    assert documents(paths) == documents(book_reference)
    urls = [url for url, status in responses(paths)]
    assert sorted(urls) == sorted(url for url, status in responses(book_reference))


def run_cli(data_dir: Path, *args: str) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "cli", "--data-dir", str(data_dir), "crawl", *args],
                            cwd=PROJECT_ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            env={**os.environ, "KB_LOCK_TIMEOUT": "5"})


def wait_for_requests(site: Site, count: int, timeout: float = 20) -> None:
    deadline = time.monotonic() + timeout
    while len(site.requests("/book/")) < count:
        assert time.monotonic() < deadline, "the crawl made no progress"
        time.sleep(0.02)


def test_crawl_stopped_then_killed_resumes_without_duplicates(site, book_reference, tmp_path):
    data_dir = tmp_path / "kb"
    args = (site.url("/book/index.html"), "--delay", "0.15", "--no-index")
    before = len(site.requests("/book/"))

    crawler = run_cli(data_dir, *args)
    wait_for_requests(site, before + 3)
    crawler.send_signal(signal.SIGTERM)  # stops after the page in flight
    out, err = crawler.communicate(timeout=20)
    assert crawler.returncode == 1, err
    assert "resumes" in err

    crawler = run_cli(data_dir, *args)
    wait_for_requests(site, before + 7)
    crawler.send_signal(signal.SIGKILL)  # loses at most the page in flight
    crawler.communicate(timeout=20)

    crawler = run_cli(data_dir, *args)
    out, err = crawler.communicate(timeout=60)
    assert crawler.returncode == 0, err
    assert "resuming" in err and "out of scope" in err  # the summary table

    paths = Paths(data_dir)
    assert documents(paths) == documents(book_reference)
    urls = [url for url, status in responses(paths)]
    assert len(urls) == len(set(urls))  # no record written twice
    assert set(urls) == {url for url, status in responses(book_reference)}
    with Store(paths.store_dir) as store:
        assert store.db.execute("SELECT COUNT(*) FROM crawl_frontier WHERE state = 'queued'").fetchone()[0] == 0
