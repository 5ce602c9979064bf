"""Crawl the agencies' sites into the store: polite, incremental and resumable.

    crawl(paths, sources, options) -> CrawlReport

Politeness: robots.txt is obeyed (protego), one request at a time per host
with a minimum delay between them (Crawl-delay wins when larger), an honest
User-Agent, and the waits a server asks for with Retry-After.

Incremental: a page the store already holds is asked for with its ETag and
Last-Modified; a 304, or the same bytes again, is "unchanged" and costs the
index nothing.

Durable: the frontier (every URL the crawl knows, and what became of it) lives
in the store's SQLite catalog.  Each page is kept in this order, with no await
in between, so the pages of different hosts never interleave on disk:

  1. its request/response records are appended to the run's WARC file, fsynced;
  2. one transaction marks the URL done, queues the links found on it and moves
     the WARC file's committed size past its records;
  3. Store.put files the document, naming its WARC record;
  4. the URL is marked stored (in the next page's transaction: one commit fewer).

A crawl killed at any moment loses at most the page in flight: the next start
cuts off whatever a WARC file holds beyond its committed size (that page is
fetched again) and stores from its WARC record a page marked done but not
stored, so no record and no document is ever written twice.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import email.utils
import itertools
import os
import random
import signal
import sqlite3
import time
import tomllib
import zlib
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, fields, replace
from pathlib import Path

import httpx
from protego import Protego

from kb import settings
from kb.errors import InputError
from kb.index import WriteLock
from kb.models import RawDocument
from kb.settings import Paths
from kb.sources import HTML, PDF, media_type
from kb.store import Store
from kb.urls import Scope, canonicalize, directory_of, extract_links, host_of, join, origin_of, parse_sitemap
from kb.warc import Archive, Exchange, cut_back, read_response

DEFAULT_MAX_DEPTH = 3
DEFAULT_MAX_PAGES = 2000
HOSTS_AT_ONCE = 4  # hosts crawled side by side; each still gets one request at a time
INDEX_EVERY = 500  # new or changed documents between two index updates during a crawl
BACKOFF = 1.0  # seconds before the first retry, doubled for each next one, with jitter
MAX_RETRY_AFTER = 300.0  # a server asking for a longer wait gets this one, and the log says so
MAX_CRAWL_DELAY = 60.0  # a larger robots.txt Crawl-delay would stall a crawl for days; it is cut, and logged
POLL_SECONDS = 1.0  # how often the scheduler looks for hosts that got work
REDIRECTS = frozenset({301, 302, 303, 307, 308})
# Servers that do not know a file's type say one of these; its first bytes tell.
UNKNOWN_TYPES = frozenset({"application/octet-stream", "binary/octet-stream", "application/unknown", "unknown/unknown"})
SNIFF_BYTES = 1024
ACCEPT = "text/html,application/xhtml+xml,application/pdf;q=0.9,text/plain;q=0.8,*/*;q=0.1"
ACCEPT_ENCODING = "gzip, deflate"  # the codings BoundedDecoder can undo

# What becomes of a URL in the frontier.
QUEUED = "queued"
FETCHED = "fetched"  # a 2xx kept; outcome says new / changed / unchanged / duplicate
UNCHANGED = "unchanged"  # a 304
REDIRECTED = "redirected"
ROBOTS = "skipped-robots"
OUT_OF_SCOPE = "out-of-scope"
SKIPPED = "skipped"  # a type kb does not keep, or too large
ERROR = "error"
POSTPONED = "postponed"  # its host could not be asked for robots.txt: queued again at the next crawl
WAITING = (QUEUED, POSTPONED)


# ---------------------------------------------------------------- sources

@dataclass(frozen=True)
class Source:
    """A site section to crawl: one [[source]] table of sources.toml."""

    name: str
    start: tuple[str, ...]
    hosts: tuple[str, ...]  # host names, with :port when not the default one
    paths: tuple[str, ...] = ("/",)
    agency: str | None = None
    max_depth: int = DEFAULT_MAX_DEPTH
    max_pages: int = DEFAULT_MAX_PAGES

    @property
    def scope(self) -> Scope:
        return Scope(frozenset(self.hosts), self.paths)


SOURCE_KEYS = {"name", "agency", "start", "hosts", "paths", "max_depth", "max_pages"}


def load_sources(path: str | os.PathLike) -> list[Source]:
    """The sources a sources.toml file describes; an InputError names the file and what is wrong with it."""
    path = Path(path)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise InputError(str(path), "no such file: name the URLs to crawl, or describe the sites there") from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise InputError(str(path), f"not valid TOML ({exc})") from None
    tables = data.get("source")
    if not isinstance(tables, list) or not tables:
        raise InputError(str(path), "no [[source]] table")
    sources = [source_from_table(table, f"{path} [[source]] #{n}") for n, table in enumerate(tables, start=1)]
    names = Counter(s.name for s in sources)
    if repeated := [name for name, count in names.items() if count > 1]:
        raise InputError(str(path), f"two sources named {repeated[0]!r}")
    return sources


def source_from_table(table: dict, where: str) -> Source:
    if unknown := set(table) - SOURCE_KEYS:
        raise InputError(where, f"unknown field {sorted(unknown)[0]!r} (expected {', '.join(sorted(SOURCE_KEYS))})")
    start = table.get("start")
    if isinstance(start, str):
        start = [start]
    if not start or not all(isinstance(u, str) for u in start):
        raise InputError(where, "`start` must list at least one URL")
    canonical = []
    for url in start:
        if (c := canonicalize(url)) is None:
            raise InputError(where, f"{url!r} is not an http(s) URL")
        canonical.append(c)
    hosts = table.get("hosts") or sorted({host_of(u) for u in canonical})
    paths = table.get("paths") or ["/"]
    for name, value in (("hosts", hosts), ("paths", paths)):
        if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
            raise InputError(where, f"`{name}` must be a list of strings")
    if not all(p.startswith("/") for p in paths):
        raise InputError(where, "every one of `paths` must start with /")
    limits = {}
    for name, default, least in (("max_depth", DEFAULT_MAX_DEPTH, 0), ("max_pages", DEFAULT_MAX_PAGES, 1)):
        value = table.get(name, default)
        if not isinstance(value, int) or isinstance(value, bool) or value < least:
            raise InputError(where, f"`{name}` must be a whole number of at least {least}")
        limits[name] = value
    agency = table.get("agency")
    if agency is not None and not isinstance(agency, str):
        raise InputError(where, "`agency` must be a string")
    return Source(name=str(table.get("name") or canonical[0]), start=tuple(canonical),
                  hosts=tuple(h.lower() for h in hosts), paths=tuple(paths), agency=agency, **limits)


def source_for_url(url: str, max_depth: int = DEFAULT_MAX_DEPTH, max_pages: int = DEFAULT_MAX_PAGES,
                   agency: str | None = None) -> Source:
    """A source crawling from one URL, within its host and the folder the URL is in."""
    canonical = canonicalize(url)
    if canonical is None:
        raise InputError(url, "not an http(s) URL")
    return Source(name=canonical, start=(canonical,), hosts=(host_of(canonical),), paths=(directory_of(canonical),),
                  agency=agency, max_depth=max_depth, max_pages=max_pages)


# ---------------------------------------------------------------- options, events, report

def _setting(name: str):
    return field(default_factory=lambda: settings.get(name))


@dataclass
class CrawlOptions:
    """How a crawl behaves; limits not given come from kb's settings (and so from KB_* variables)."""

    delay: float = _setting("crawl_delay")
    max_depth: int | None = None  # overrides every source's own
    max_pages: int | None = None  # overrides every source's own
    dry_run: bool = False  # fetch and follow links, but store nothing and write no WARC
    index: bool = True  # index what was fetched, every `index_every` documents and at the end
    index_every: int = INDEX_EVERY
    hosts_at_once: int = HOSTS_AT_ONCE
    user_agent: str = _setting("user_agent")
    timeout: float = _setting("fetch_timeout")
    total_timeout: float = _setting("fetch_total_timeout")
    max_redirects: int = _setting("max_redirects")
    max_retries: int = _setting("max_retries")
    max_bytes: int = _setting("max_document_bytes")
    backoff: float = BACKOFF
    max_retry_after: float = MAX_RETRY_AFTER


@dataclass
class HostCounts:
    fetched: int = 0  # pages that came back (2xx or 304)
    new: int = 0
    changed: int = 0
    unchanged: int = 0
    duplicate: int = 0  # the same bytes as a page under another URL
    skipped: int = 0  # types kb does not keep, too large
    robots: int = 0
    out_of_scope: int = 0
    errors: int = 0

    def add(self, other: HostCounts) -> None:
        for f in fields(self):
            setattr(self, f.name, getattr(self, f.name) + getattr(other, f.name))


@dataclass
class CrawlReport:
    """What one `kb crawl` did, by host."""

    hosts: dict[str, HostCounts] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)  # "URL: reason", one per failed URL
    notices: list[str] = field(default_factory=list)  # robots.txt trouble, capped waits, recovery
    queued: int = 0  # URLs waiting in the frontier
    pages: int = 0  # pages requested in this run
    indexed: int = 0
    finished: list[str] = field(default_factory=list)  # sources whose crawl is complete
    unfinished: list[str] = field(default_factory=list)  # sources the next crawl resumes
    interrupted: bool = False
    warc_file: Path | None = None
    started: float = field(default_factory=time.monotonic)

    def host(self, name: str) -> HostCounts:
        return self.hosts.setdefault(name, HostCounts())

    def totals(self) -> HostCounts:
        total = HostCounts()
        for counts in self.hosts.values():
            total.add(counts)
        return total

    def table(self) -> str:
        """A plain-text table of the counts per host, and a total line."""
        columns = [f.name for f in fields(HostCounts)]
        rows = [[name, *(getattr(c, col) for col in columns)] for name, c in sorted(self.hosts.items())]
        if len(rows) != 1:
            rows.append(["total", *(getattr(self.totals(), col) for col in columns)])
        header = ["host", *(c.replace("_", " ") for c in columns)]
        widths = [max(len(str(row[i])) for row in [header, *rows]) for i in range(len(header))]
        lines = ["  ".join(str(v).ljust(w) if i == 0 else str(v).rjust(w)
                           for i, (v, w) in enumerate(zip(row, widths, strict=True))) for row in [header, *rows]]
        return "\n".join(lines)


@dataclass
class CrawlEvent:
    """Something the crawl did, for a progress display.

    kind is "visited" (a URL was dealt with: `state` says how, `detail` why),
    "discovered" (a link met for the first time: `state` is queued, out-of-scope
    or too-deep) or "notice".
    """

    kind: str
    url: str
    state: str = ""
    detail: str = ""
    report: CrawlReport | None = None


# ---------------------------------------------------------------- frontier

FRONTIER_SCHEMA = """
CREATE TABLE IF NOT EXISTS crawl_sources (
    source TEXT PRIMARY KEY,
    agency TEXT,
    started_at TEXT NOT NULL,
    finished_at TEXT,
    pages INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE IF NOT EXISTS crawl_frontier (
    source TEXT NOT NULL,
    url TEXT NOT NULL,
    host TEXT NOT NULL,
    depth INTEGER NOT NULL,
    kind TEXT NOT NULL DEFAULT 'page',
    state TEXT NOT NULL DEFAULT 'queued',
    reason TEXT,
    status INTEGER,
    outcome TEXT,
    content_type TEXT,
    charset TEXT,
    warc_file TEXT,
    warc_offset INTEGER,
    stored INTEGER NOT NULL DEFAULT 1,
    updated_at TEXT,
    PRIMARY KEY (source, url)
);
CREATE INDEX IF NOT EXISTS crawl_frontier_waiting ON crawl_frontier(state, host, depth);
CREATE INDEX IF NOT EXISTS crawl_frontier_unstored ON crawl_frontier(stored) WHERE stored = 0;
CREATE TABLE IF NOT EXISTS crawl_warcs (
    file TEXT PRIMARY KEY,
    committed INTEGER NOT NULL
);
"""


@dataclass(frozen=True)
class Entry:
    source: str
    url: str
    depth: int
    kind: str = "page"  # page | sitemap


@contextmanager
def transaction(db: sqlite3.Connection) -> Iterator[None]:
    db.execute("BEGIN IMMEDIATE")
    try:
        yield
    except BaseException:
        db.execute("ROLLBACK")
        raise
    db.execute("COMMIT")


def now_iso() -> str:
    return dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


class Frontier:
    """The crawl's queue and what became of every URL, in SQLite, committed as the crawl goes.

    Rows are per source: a source's crawl is finished, and its rows reset at
    the next start, once nothing waits in it or it reached its page limit.
    """

    def __init__(self, db: sqlite3.Connection):
        self.db = db
        db.executescript(FRONTIER_SCHEMA)

    def open(self, source: Source) -> tuple[bool, int]:
        """Resume the source's unfinished crawl, or start it afresh; returns (resumed, pages already fetched)."""
        row = self.db.execute("SELECT finished_at, pages FROM crawl_sources WHERE source = ?",
                              (source.name,)).fetchone()
        resumed = row is not None and row[0] is None
        with transaction(self.db):
            if resumed:
                self.db.execute("UPDATE crawl_frontier SET state = ? WHERE source = ? AND state = ?",
                                (QUEUED, source.name, POSTPONED))
            else:
                self.db.execute("DELETE FROM crawl_frontier WHERE source = ?", (source.name,))
                self.db.execute("INSERT OR REPLACE INTO crawl_sources(source, agency, started_at) VALUES (?, ?, ?)",
                                (source.name, source.agency, now_iso()))
            for url in source.start:
                self.add(source.name, url, 0)
        return resumed, row[1] if resumed else 0

    def close(self, source: str, finished: bool) -> None:
        with transaction(self.db):
            self.db.execute("UPDATE crawl_sources SET finished_at = ? WHERE source = ?",
                            (now_iso() if finished else None, source))

    def add(self, source: str, url: str, depth: int, kind: str = "page", state: str = QUEUED,
            reason: str | None = None) -> bool:
        """Remember a URL unless the source knows it already; True when it was new. Call inside a transaction."""
        cursor = self.db.execute(
            "INSERT OR IGNORE INTO crawl_frontier(source, url, host, depth, kind, state, reason, updated_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?)", (source, url, host_of(url), depth, kind, state, reason, now_iso()))
        return cursor.rowcount == 1

    def settle(self, entry: Entry, url: str, state: str, reason: str | None = None, status: int | None = None,
               **more) -> None:
        """Record what became of a URL (the entry's own, or one its redirects reached). Call inside a transaction."""
        values = {"state": state, "reason": reason, "status": status, "updated_at": now_iso(), **more}
        names = ", ".join(values)
        updates = ", ".join(f"{k} = excluded.{k}" for k in values)
        self.db.execute(
            f"INSERT INTO crawl_frontier(source, url, host, depth, kind, {names}) "
            f"VALUES (?, ?, ?, ?, ?, {', '.join('?' * len(values))}) "
            f"ON CONFLICT(source, url) DO UPDATE SET {updates}",
            (entry.source, url, host_of(url), entry.depth, entry.kind, *values.values()))

    def next(self, host: str, sources: list[str]) -> Entry | None:
        """The shallowest, oldest URL of `host` waiting in one of the sources."""
        marks = ", ".join("?" * len(sources))
        row = self.db.execute(
            f"SELECT source, url, depth, kind FROM crawl_frontier WHERE state = ? AND host = ? AND source IN ({marks}) "
            "ORDER BY depth, rowid LIMIT 1", (QUEUED, host, *sources)).fetchone()
        return Entry(*row) if row else None

    def hosts_with_work(self, sources: list[str]) -> list[str]:
        marks = ", ".join("?" * len(sources))
        return [r[0] for r in self.db.execute(
            f"SELECT DISTINCT host FROM crawl_frontier WHERE state = ? AND source IN ({marks})", (QUEUED, *sources))]

    def waiting(self, sources: list[str]) -> int:
        marks = ", ".join("?" * len(sources))
        return self.db.execute(f"SELECT COUNT(*) FROM crawl_frontier WHERE state IN (?, ?) AND source IN ({marks})",
                               (*WAITING, *sources)).fetchone()[0]

    def state(self, source: str, url: str) -> str | None:
        row = self.db.execute("SELECT state FROM crawl_frontier WHERE source = ? AND url = ?", (source, url)).fetchone()
        return row[0] if row else None

    def count_page(self, source: str) -> None:
        self.db.execute("UPDATE crawl_sources SET pages = pages + 1 WHERE source = ?", (source,))

    def mark_stored(self, marks: list[tuple[str, str, str]]) -> None:
        """Record (source, url, outcome) of pages now in the store. Call inside a transaction."""
        self.db.executemany("UPDATE crawl_frontier SET stored = 1, outcome = ? WHERE source = ? AND url = ?",
                            [(outcome, source, url) for source, url, outcome in marks])

    def unstored(self) -> list[sqlite3.Row]:
        """Pages marked done whose document never reached the store (a crawl killed between the two)."""
        cursor = self.db.execute(
            "SELECT f.source, f.url, f.content_type, f.charset, f.warc_file, f.warc_offset, s.agency "
            "FROM crawl_frontier f LEFT JOIN crawl_sources s USING (source) WHERE f.stored = 0")
        return cursor.fetchall()

    # WARC files: how much of each is committed

    def register_warc(self, path: Path) -> None:
        with transaction(self.db):
            self.db.execute("INSERT OR IGNORE INTO crawl_warcs(file, committed) VALUES (?, 0)", (str(path),))

    def commit_warc(self, path: Path, size: int) -> None:
        """Call inside a transaction: the records up to `size` belong to committed pages."""
        self.db.execute("UPDATE crawl_warcs SET committed = ? WHERE file = ?", (size, str(path)))

    def warc_files(self) -> list[tuple[str, int]]:
        return [tuple(r) for r in self.db.execute("SELECT file, committed FROM crawl_warcs")]

    def forget_warc(self, path: str) -> None:
        with transaction(self.db):
            self.db.execute("DELETE FROM crawl_warcs WHERE file = ?", (path,))


def recover(frontier: Frontier, store: Store, max_bytes: int) -> list[str]:
    """Repair what a killed crawl left behind; returns what was done, for the log."""
    notes = []
    for path, committed in frontier.warc_files():
        if removed := cut_back(Path(path), committed):
            notes.append(f"{path}: removed {removed} bytes written after the last committed page")
        if committed == 0:
            frontier.forget_warc(path)
    for row in frontier.unstored():
        where = f"{row['warc_file']}#{row['warc_offset']}"
        try:
            archived = read_response(Path(row["warc_file"]), row["warc_offset"], max_bytes + 1)
        except (OSError, ValueError, StopIteration) as exc:  # the archive was moved or damaged: fetch again
            with transaction(frontier.db):
                frontier.db.execute("UPDATE crawl_frontier SET state = ?, stored = 1 WHERE source = ? AND url = ?",
                                    (QUEUED, row["source"], row["url"]))
            notes.append(f"{row['url']}: {where} unreadable ({exc}); queued again")
            continue
        raw = RawDocument(url=row["url"], body=archived.body, content_type=row["content_type"], source=row["url"],
                          charset=row["charset"], fetched_at=archived.date, agency_hint=row["agency"],
                          etag=archived.headers.get("etag"), last_modified=archived.headers.get("last-modified"),
                          warc_file=row["warc_file"], warc_offset=row["warc_offset"])
        _, outcome = store.put(raw)
        with transaction(frontier.db):
            frontier.mark_stored([(row["source"], row["url"], outcome)])
        notes.append(f"{row['url']}: stored from {where} ({outcome})")
    return notes


# ---------------------------------------------------------------- fetching

@dataclass
class Fetched:
    exchange: Exchange
    body: bytes  # content-encoding undone
    content_type: str | None  # HTML, PDF or TEXT for a page kb keeps
    charset: str | None


@dataclass
class Failure:
    state: str  # error | skipped
    reason: str
    retry: bool = False  # a timeout or a network error: worth another try


class TooLarge(Exception):
    pass


class BoundedDecoder:
    """Undo a Content-Encoding while counting the decoded bytes, stopping at a limit.

    Written by hand because httpx decodes each chunk whole: a few kilobytes of
    gzip can expand to gigabytes before anyone counts them.
    """

    def __init__(self, encoding: str | None, limit: int):
        coding = (encoding or "identity").strip().lower()
        self.limit = limit
        self.size = 0
        self.raw_deflate_tried = False
        if coding in ("gzip", "x-gzip"):
            self.inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
        elif coding == "deflate":
            self.inflater = zlib.decompressobj(zlib.MAX_WBITS)
        elif coding == "identity":
            self.inflater = None
        else:
            raise ValueError(f"unsupported Content-Encoding {encoding!r}")

    def feed(self, data: bytes) -> bytes:
        if self.inflater is None:
            return self._count(data)
        out = []
        while data:
            try:
                chunk = self.inflater.decompress(data, self.limit - self.size + 1)
            except zlib.error:
                # Some servers send raw deflate where the standard wants a zlib stream.
                if self.size or self.raw_deflate_tried or self.inflater.unused_data:
                    raise
                self.raw_deflate_tried = True
                self.inflater = zlib.decompressobj(-zlib.MAX_WBITS)
                continue
            out.append(self._count(chunk))
            data = self.inflater.unconsumed_tail
        return b"".join(out)

    def flush(self) -> bytes:
        return self._count(self.inflater.flush()) if self.inflater is not None else b""

    def _count(self, chunk: bytes) -> bytes:
        self.size += len(chunk)
        if self.size > self.limit:
            raise TooLarge()
        return chunk


def sniff_type(body: bytes) -> str | None:
    """HTML or PDF by a body's first bytes, for servers that do not say."""
    head = body[:SNIFF_BYTES].lstrip(b" \t\r\n\xef\xbb\xbf").lower()
    if head.startswith(b"%pdf-"):
        return PDF
    if head.startswith((b"<!doctype html", b"<html")) or b"<html" in head or b"<body" in head:
        return HTML
    return None


def retry_after_seconds(value: str | None, now: float | None = None) -> float | None:
    """Seconds a Retry-After header asks for (a number, or an HTTP date); None when it says nothing usable."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=dt.UTC)
    return max(0.0, when.timestamp() - (time.time() if now is None else now))


async def fetch_once(client: httpx.AsyncClient, url: str, headers: dict[str, str], options: CrawlOptions,
                     kind: str) -> Fetched | Failure:
    """One GET, no redirects followed, within the time and size limits."""
    try:
        async with asyncio.timeout(options.total_timeout):
            request = client.build_request("GET", url, headers=headers)
            response = await client.send(request, stream=True)
            try:
                return await read_body(url, request, response, options, kind)
            finally:
                await response.aclose()
    except TimeoutError:
        return Failure(ERROR, f"gave up after {options.total_timeout:g} s (the time cap for one response)")
    except httpx.TimeoutException as exc:
        return Failure(ERROR, f"timed out after {options.timeout:g} s ({type(exc).__name__})", retry=True)
    except httpx.TransportError as exc:
        return Failure(ERROR, f"network error ({type(exc).__name__}: {exc})", retry=True)
    except httpx.HTTPError as exc:
        return Failure(ERROR, f"{type(exc).__name__}: {exc}")


async def read_body(url: str, request: httpx.Request, response: httpx.Response, options: CrawlOptions,
                    kind: str) -> Fetched | Failure:
    limit = options.max_bytes
    declared = response.headers.get("content-type")
    content_type, charset = media_type(declared)
    declared_type = (declared or "").split(";")[0].strip().lower()
    is_page = kind == "page" and response.is_success
    sniff = is_page and content_type is None and (not declared_type or declared_type in UNKNOWN_TYPES)
    if is_page and content_type is None and not sniff:
        return Failure(SKIPPED, f"type {declared_type} (kb keeps HTML, PDF and plain text)")
    length = response.headers.get("content-length", "")
    if length.isdigit() and int(length) > limit:
        return Failure(SKIPPED, f"larger than the {limit} byte limit (Content-Length: {length})")
    try:
        decoder = BoundedDecoder(response.headers.get("content-encoding"), limit)
    except ValueError as exc:
        return Failure(SKIPPED, str(exc))
    raw = bytearray()
    parts = []
    try:
        async for chunk in response.aiter_raw():
            raw += chunk
            if len(raw) > limit:
                return Failure(SKIPPED, f"larger than the {limit} byte limit")
            parts.append(decoder.feed(chunk))
        parts.append(decoder.flush())
    except TooLarge:
        return Failure(SKIPPED, f"decompresses to more than the {limit} byte limit")
    except zlib.error as exc:
        return Failure(ERROR, f"body does not decode as {response.headers.get('content-encoding')} ({exc})")
    body = b"".join(parts)
    extra = {}
    if sniff:
        content_type = sniff_type(body)
        if content_type is None:
            return Failure(SKIPPED, f"type {declared_type or 'not given'}, and the bytes are not HTML or PDF")
        extra["WARC-Identified-Payload-Type"] = content_type
    exchange = Exchange(
        url=url,
        request_line=f"GET {request.url.raw_path.decode('ascii')} {response.http_version}",
        request_headers=[(k.decode("latin-1"), v.decode("latin-1")) for k, v in request.headers.raw],
        http_version=response.http_version,
        status=response.status_code,
        reason=response.reason_phrase,
        response_headers=[(k.decode("latin-1"), v.decode("latin-1")) for k, v in response.headers.raw],
        payload=bytes(raw),
        date=now_iso(),
        extra=extra,
    )
    return Fetched(exchange, body, content_type, charset)


# ---------------------------------------------------------------- the crawl

class Stopping(Exception):
    """The crawl was asked to stop while waiting: the URL stays queued."""


class Postponed(Exception):
    """A host did not answer for its robots.txt: its URLs wait for a later crawl."""


class Host:
    """Politeness for one host: one request at a time, and a rest between two."""

    def __init__(self, delay: float):
        self.lock = asyncio.Lock()
        self.delay = delay
        self.ready_at = 0.0  # time.monotonic() before which no request may start


@dataclass
class Visit:
    """What became of one frontier entry, ready to be kept."""

    entry: Entry
    chain: list[str]  # the URLs requested, the entry's first, then each redirect's target
    state: str
    reason: str | None = None
    status: int | None = None
    exchanges: list[Exchange] = field(default_factory=list)
    document: RawDocument | None = None
    links: list[tuple[str, int, str]] = field(default_factory=list)  # (url, depth, kind)
    requested: bool = False  # a request went out: the page counts towards max_pages


class Crawler:
    def __init__(self, paths: Paths, sources: list[Source], options: CrawlOptions, report: CrawlReport,
                 frontier: Frontier, store: Store | None, archive: Archive | None,
                 on_event: Callable[[CrawlEvent], None] | None):
        self.paths = paths
        self.sources = {s.name: s for s in sources}
        self.options = options
        self.report = report
        self.frontier = frontier
        self.store = store
        self.archive = archive
        self.warc_registered = False
        self.on_event = on_event or (lambda event: None)
        self.hosts: dict[str, Host] = {}
        self.robots_tasks: dict[str, asyncio.Future] = {}
        self.postponed: set[str] = set()
        self.pages = {s.name: 0 for s in sources}
        self.in_flight = Counter()
        self.since_index = 0
        self.stored_marks: list[tuple[str, str, str]] = []  # written with the next page's transaction
        self.waiting_hosts: set[str] = set()  # hosts that may have queued URLs
        self.stopping: asyncio.Event | None = None
        self.client: httpx.AsyncClient | None = None

    # Scheduling

    async def run(self) -> None:
        self.stopping = asyncio.Event()
        loop = asyncio.get_running_loop()
        handled = []
        for sig in (signal.SIGINT, signal.SIGTERM):
            try:
                loop.add_signal_handler(sig, self.stop, sig)
                handled.append(sig)
            except (ValueError, RuntimeError, NotImplementedError):
                # Off the main thread (ValueError, RuntimeError) or on a loop without signal support
                # (NotImplementedError) Ctrl-C falls back to KeyboardInterrupt; the frontier still resumes.
                pass
        headers = {"User-Agent": self.options.user_agent, "Accept": ACCEPT, "Accept-Encoding": ACCEPT_ENCODING}
        limits = httpx.Limits(max_connections=self.options.hosts_at_once * 2)
        try:
            async with httpx.AsyncClient(http2=False, follow_redirects=False, headers=headers, limits=limits,
                                         timeout=httpx.Timeout(self.options.timeout)) as self.client:
                await self.schedule()
        finally:
            for sig in handled:
                loop.remove_signal_handler(sig)

    def stop(self, sig: signal.Signals | None = None) -> None:
        """Finish the pages in flight, then stop; a second signal stops at once."""
        if sig is not None:
            asyncio.get_running_loop().remove_signal_handler(sig)
        self.report.interrupted = True
        self.notice("stopping after the pages in flight (the next `kb crawl` resumes)")
        self.stopping.set()

    async def schedule(self) -> None:
        workers: dict[str, asyncio.Task] = {}
        try:
            while not self.stopping.is_set():
                active = self.active_sources()
                if active:
                    for host in sorted(self.waiting_hosts - set(workers) - self.postponed):
                        if len(workers) >= self.options.hosts_at_once:
                            break
                        workers[host] = asyncio.create_task(self.work(host))
                if not workers:
                    break
                await asyncio.wait(workers.values(), timeout=POLL_SECONDS, return_when=asyncio.FIRST_COMPLETED)
                for host, task in list(workers.items()):
                    if task.done():
                        del workers[host]
                        task.result()  # a bug in the crawler itself stops the crawl
        finally:
            if workers:  # only when something went wrong: let the others finish their page, then end
                self.stopping.set()
                await asyncio.gather(*workers.values(), return_exceptions=True)

    def active_sources(self) -> list[str]:
        return [name for name, s in self.sources.items() if self.pages[name] + self.in_flight[name] < s.max_pages]

    async def work(self, host: str) -> None:
        while not self.stopping.is_set() and host not in self.postponed:
            active = self.active_sources()
            entry = self.frontier.next(host, active) if active else None
            if entry is None:
                self.waiting_hosts.discard(host)
                return
            self.in_flight[entry.source] += 1
            try:
                visit = await self.visit_safely(entry)
                if visit is not None:
                    self.keep(visit)
            finally:
                self.in_flight[entry.source] -= 1

    async def visit_safely(self, entry: Entry) -> Visit | None:
        try:
            return await self.visit(entry)
        except Stopping:
            return None
        except Postponed as exc:
            return Visit(entry, [entry.url], POSTPONED, str(exc))
        except Exception as exc:  # one page's surprise must not end the crawl; it is reported with its URL
            return Visit(entry, [entry.url], ERROR, f"{type(exc).__name__}: {exc}", requested=True)

    async def pause(self, seconds: float) -> None:
        if seconds > 0:
            try:
                await asyncio.wait_for(self.stopping.wait(), seconds)
            except TimeoutError:
                return
        if self.stopping.is_set():
            raise Stopping()

    # Fetching, politely

    def host(self, url: str) -> Host:
        name = host_of(url)
        if name not in self.hosts:
            self.hosts[name] = Host(self.options.delay)
        return self.hosts[name]

    async def fetch(self, url: str, headers: dict[str, str], kind: str) -> Fetched | Failure:
        """GET with the host's politeness, retrying timeouts, 5xx and 429 with backoff or as Retry-After asks."""
        host = self.host(url)
        for attempt in itertools.count():
            async with host.lock:
                await self.pause(host.ready_at - time.monotonic())
                try:
                    result = await fetch_once(self.client, url, headers, self.options, kind)
                finally:
                    host.ready_at = time.monotonic() + host.delay
            wait = self.retry_wait(url, result, attempt)
            if wait is None:
                return result
            host.ready_at = max(host.ready_at, time.monotonic() + wait)

    def retry_wait(self, url: str, result: Fetched | Failure, attempt: int) -> float | None:
        if attempt >= self.options.max_retries:
            return None
        if isinstance(result, Failure):
            if not result.retry:
                return None
        else:
            status = result.exchange.status
            if status != 429 and status < 500:
                return None
            asked = retry_after_seconds(result.exchange.header("retry-after")) if status in (429, 503) else None
            if asked is not None:
                if asked > self.options.max_retry_after:
                    self.notice(f"{url}: Retry-After {asked:g} s cut to {self.options.max_retry_after:g} s")
                return min(asked, self.options.max_retry_after)
        backoff = self.options.backoff * 2 ** attempt
        return backoff * (0.5 + random.random() / 2)

    async def robots(self, url: str) -> Protego:
        origin = origin_of(url)
        if origin not in self.robots_tasks:
            self.robots_tasks[origin] = asyncio.ensure_future(self.load_robots(origin))
        return await self.robots_tasks[origin]

    async def load_robots(self, origin: str) -> Protego:
        """The origin's robots.txt: 4xx allows everything; 5xx or no answer postpones the host.

        It is not archived: `kb ingest` of the WARC would take it for a text document.
        """
        url = f"{origin}/robots.txt"
        for _ in range(self.options.max_redirects + 1):
            result = await self.fetch(url, {}, "robots")
            if isinstance(result, Failure):
                raise self.postpone(origin, f"{url}: {result.reason}")
            status = result.exchange.status
            location = result.exchange.header("location")
            if status in REDIRECTS and location and (target := canonicalize(join(url, location) or "")):
                url = target
                continue
            break
        # Like Google: no answer is "try later", a redirect that never ends or a 4xx is "no rules".
        if status >= 500:
            raise self.postpone(origin, f"{url}: HTTP {status}")
        rules = ""
        if 200 <= status < 300:
            rules = result.body.decode("utf-8", errors="replace")
        try:
            robots = Protego.parse(rules)
        except Exception as exc:  # protego is lenient, but a robots.txt is anyone's text
            self.notice(f"{url}: unreadable robots.txt ({exc}); read as allowing everything")
            robots = Protego.parse("")
        self.apply_crawl_delay(origin, robots)
        self.queue_sitemaps(robots)
        return robots

    def postpone(self, origin: str, reason: str) -> Postponed:
        name = host_of(origin)
        self.postponed.add(name)
        self.notice(f"{reason}; {name} is left for a later crawl")
        return Postponed(f"robots.txt of {name} could not be read ({reason})")

    def apply_crawl_delay(self, origin: str, robots: Protego) -> None:
        asked = robots.crawl_delay(self.options.user_agent)
        if asked is None:
            return
        asked = float(asked)
        if asked > MAX_CRAWL_DELAY:
            self.notice(f"{origin}/robots.txt: Crawl-delay {asked:g} s cut to {MAX_CRAWL_DELAY:g} s")
        host = self.host(origin)
        host.delay = max(host.delay, min(asked, MAX_CRAWL_DELAY))
        host.ready_at = max(host.ready_at, time.monotonic() + host.delay)  # robots.txt itself was a request

    def queue_sitemaps(self, robots: Protego) -> None:
        """Sitemaps named by robots.txt become start points of every source crawling their host."""
        found = [url for url in map(canonicalize, robots.sitemaps) if url]
        with transaction(self.frontier.db):
            for url in found:
                for source in self.sources.values():
                    if host_of(url) in source.hosts and self.frontier.add(source.name, url, 0, kind="sitemap"):
                        self.report.queued += 1
                        self.waiting_hosts.add(host_of(url))

    # Visiting one URL

    def in_scope(self, source: Source, url: str, kind: str) -> str | None:
        if kind == "sitemap":  # a sitemap may live anywhere on a host of the source
            return None if host_of(url) in source.hosts else f"host {host_of(url)} is not one of the source's"
        return source.scope.check(url)

    async def visit(self, entry: Entry) -> Visit:
        """Fetch one frontier URL, following its redirects by hand: each hop is checked for scope and robots.txt."""
        source = self.sources[entry.source]
        url = entry.url
        visit = Visit(entry, [url], ERROR)
        while True:
            robots = await self.robots(url)
            if not robots.can_fetch(url, self.options.user_agent):
                return self.ended(visit, ROBOTS, "disallowed by robots.txt")
            stored = self.store.record_for_url(url) if self.store is not None and entry.kind == "page" else None
            headers = {}
            if stored is not None and stored.etag:
                headers["If-None-Match"] = stored.etag
            if stored is not None and stored.last_modified:
                headers["If-Modified-Since"] = stored.last_modified
            result = await self.fetch(url, headers, entry.kind)
            visit.requested = True
            if isinstance(result, Failure):
                return self.ended(visit, result.state, result.reason)
            visit.exchanges.append(result.exchange)
            status = result.exchange.status
            visit.status = status
            if status not in REDIRECTS:
                break
            location = result.exchange.header("location")
            target = canonicalize(join(url, location) or "") if location else None
            if target is None:
                return self.ended(visit, ERROR, f"HTTP {status} without a usable Location ({location!r})")
            if target in visit.chain:
                return self.ended(visit, ERROR, "redirect loop: " + " -> ".join([*visit.chain, target]))
            if len(visit.chain) > self.options.max_redirects:
                return self.ended(visit, ERROR, f"more than {self.options.max_redirects} redirects")
            if why := self.in_scope(source, target, entry.kind):
                return self.ended(visit, OUT_OF_SCOPE, f"redirects to {target}, outside the scope ({why})")
            if self.frontier.state(entry.source, target) not in (None, *WAITING):
                return self.ended(visit, REDIRECTED, f"redirects to {target}, already visited")
            visit.chain.append(target)
            url = target
        if status == 304 and stored is not None:
            visit.state = UNCHANGED
            if stored.content_type == HTML:
                visit.links = self.links(entry, extract_links(self.store.read_blob(stored.sha256), url, stored.charset))
            return visit
        if not 200 <= status < 300:
            tries = self.options.max_retries if status >= 500 or status == 429 else 0
            retried = f" after {tries} {'retry' if tries == 1 else 'retries'}" if tries else ""
            return self.ended(visit, ERROR, f"HTTP {status} {result.exchange.reason}{retried}".rstrip())
        if entry.kind == "sitemap":
            return self.read_sitemap(visit, result)
        visit.state = FETCHED
        ex = result.exchange
        visit.document = RawDocument(url=url, body=result.body, content_type=result.content_type, source=url,
                                     charset=result.charset, fetched_at=ex.date, agency_hint=source.agency,
                                     etag=ex.header("etag"), last_modified=ex.header("last-modified"))
        if result.content_type == HTML:
            visit.links = self.links(entry, extract_links(result.body, url, result.charset))
        return visit

    def ended(self, visit: Visit, state: str, reason: str) -> Visit:
        visit.state = state
        visit.reason = reason
        return visit

    def links(self, entry: Entry, urls: list[str]) -> list[tuple[str, int, str]]:
        if entry.depth >= self.sources[entry.source].max_depth:
            for url in urls:
                if self.options.dry_run and self.frontier.state(entry.source, url) is None:
                    self.emit("discovered", url, "too-deep", f"beyond depth {entry.depth}")
            return []
        return [(url, entry.depth + 1, "page") for url in urls]

    def read_sitemap(self, visit: Visit, result: Fetched) -> Visit:
        body = result.body
        if body[:2] == b"\x1f\x8b":  # a sitemap.xml.gz, served as a file rather than gzip-encoded
            try:
                decoder = BoundedDecoder("gzip", self.options.max_bytes)
                body = decoder.feed(body) + decoder.flush()
            except (TooLarge, zlib.error):
                return self.ended(visit, SKIPPED, f"compressed sitemap unreadable or over {self.options.max_bytes} B")
        pages, sitemaps = parse_sitemap(body)
        depth = visit.entry.depth
        visit.state = FETCHED
        visit.links = [(u, depth, "page") for u in pages] + [(u, depth, "sitemap") for u in sitemaps]
        return visit

    # Keeping what a visit found (no await in here: see the module docstring)

    def write_warc(self, exchanges: list[Exchange]) -> tuple[list[int], int | None]:
        """Append exchanges to the WARC file and fsync; returns their offsets and the size the caller commits."""
        if self.archive is None or not exchanges:
            return [], None
        if not self.warc_registered:
            self.frontier.register_warc(self.archive.path)
            self.warc_registered = True
            self.report.warc_file = self.archive.path
        offsets = self.archive.append(exchanges)
        return offsets, self.archive.sync()

    def keep(self, visit: Visit) -> None:
        entry = visit.entry
        source = self.sources[entry.source]
        counts = self.report.host(host_of(entry.url))
        document = visit.document if self.store is not None else None
        offsets, size = self.write_warc(visit.exchanges)
        with transaction(self.frontier.db):
            # Marks of the pages stored before this one ride along: a mark lost in a crash only means
            # the page is put again at the next start, where the store finds it unchanged.
            self.frontier.mark_stored(self.stored_marks)
            if size is not None:
                self.frontier.commit_warc(self.archive.path, size)
            for url, target, ex in zip(visit.chain, visit.chain[1:], visit.exchanges, strict=False):
                self.frontier.settle(entry, url, REDIRECTED, f"redirects to {target}", ex.status)
            more = {}
            if document is not None:
                document = replace(document, warc_file=str(self.archive.path), warc_offset=offsets[-1])
                more = {"content_type": document.content_type, "charset": document.charset,
                        "warc_file": document.warc_file, "warc_offset": document.warc_offset, "stored": 0}
            self.frontier.settle(entry, visit.chain[-1], visit.state, visit.reason, visit.status, **more)
            for url, depth, kind in visit.links:
                self.discover(source, url, depth, kind, counts)
            if visit.requested and entry.kind == "page":
                self.frontier.count_page(entry.source)
        self.stored_marks = []
        if visit.requested and entry.kind == "page":
            self.pages[entry.source] += 1
            self.report.pages += 1
        outcome = ""
        if document is not None:
            _, outcome = self.store.put(document)
            self.stored_marks.append((entry.source, visit.chain[-1], outcome))
            if outcome in ("new", "changed"):
                self.since_index += 1
        self.count(visit, outcome, counts)
        self.emit("visited", visit.chain[-1] if visit.state == FETCHED else entry.url, visit.state,
                  outcome or visit.reason or "")
        if self.options.index and self.store is not None and self.since_index >= self.options.index_every:
            self.index()

    def discover(self, source: Source, url: str, depth: int, kind: str, counts: HostCounts) -> None:
        why = self.in_scope(source, url, kind)
        if self.frontier.add(source.name, url, depth, kind, OUT_OF_SCOPE if why else QUEUED, why):
            if why:
                counts.out_of_scope += 1
            else:
                self.report.queued += 1
                self.waiting_hosts.add(host_of(url))
            if self.options.dry_run:
                self.emit("discovered", url, OUT_OF_SCOPE if why else QUEUED, why or f"depth {depth}")

    def count(self, visit: Visit, outcome: str, counts: HostCounts) -> None:
        self.report.queued = max(0, self.report.queued - 1)
        state = visit.state
        if state == ERROR:
            counts.errors += 1
            self.report.errors.append(f"{visit.entry.url}: {visit.reason}")
        elif visit.entry.kind == "sitemap":
            return
        elif state in (FETCHED, UNCHANGED):
            counts.fetched += 1
            if state == UNCHANGED:
                counts.unchanged += 1
            elif outcome in ("new", "changed", "unchanged", "duplicate"):
                setattr(counts, outcome, getattr(counts, outcome) + 1)
        elif state == ROBOTS:
            counts.robots += 1
        elif state == OUT_OF_SCOPE:
            counts.out_of_scope += 1
        elif state == SKIPPED:
            counts.skipped += 1

    def index(self) -> None:
        from kb.ingest import index_store  # the parsers load only when there is something to index

        done = index_store(self.paths, self.store, on_error=lambda message: self.notice(f"index: {message}"))
        self.report.indexed += done.indexed
        self.since_index = 0

    def emit(self, kind: str, url: str, state: str = "", detail: str = "") -> None:
        self.on_event(CrawlEvent(kind, url, state, detail, self.report))

    def notice(self, message: str) -> None:
        self.report.notices.append(message)
        self.emit("notice", "", "", message)


def crawl(paths: Paths, sources: list[Source], options: CrawlOptions | None = None,
          on_event: Callable[[CrawlEvent], None] | None = None) -> CrawlReport:
    """Crawl the sources into the store, then index what changed (unless options say not to).

    A source whose last crawl was interrupted is resumed; one whose last crawl
    finished is visited afresh, with conditional requests.  SIGINT and SIGTERM
    stop the crawl after the pages in flight.
    """
    options = options or CrawlOptions()
    overrides = {k: v for k, v in (("max_depth", options.max_depth), ("max_pages", options.max_pages)) if v is not None}
    sources = [replace(s, **overrides) for s in sources]
    if len({s.name for s in sources}) != len(sources):
        raise InputError("sources", "two sources have the same name")
    report = CrawlReport()
    if options.dry_run:
        db = sqlite3.connect(":memory:", isolation_level=None)
        try:
            run(Crawler(paths, sources, options, report, Frontier(db), None, None, on_event))
        finally:
            db.close()
        return report
    stamp = time.strftime("%Y%m%dT%H%M%SZ", time.gmtime())
    archive = Archive(paths.store_dir / "warc" / f"crawl-{stamp}-{os.getpid()}.warc.gz",
                      {"software": "kb crawl (warcio)", "format": "WARC File Format 1.0",
                       "http-header-user-agent": options.user_agent, "robots": "obey"})
    with WriteLock(paths.lock_file), Store(paths.store_dir) as store:
        frontier = Frontier(store.db)
        crawler = Crawler(paths, sources, options, report, frontier, store, archive, on_event)
        for note in recover(frontier, store, options.max_bytes):
            crawler.notice(note)
        try:
            run(crawler)
        finally:
            archive.close()
        if options.index:
            if report.interrupted:
                crawler.notice("not indexing after an interrupted crawl: `kb index` or the next crawl will")
            else:
                crawler.index()
    return report


def run(crawler: Crawler) -> None:
    """Open every source (resume or start afresh), crawl, then record which sources finished."""
    frontier, report = crawler.frontier, crawler.report
    for source in crawler.sources.values():
        resumed, pages = frontier.open(source)
        crawler.pages[source.name] = pages
        if resumed:
            crawler.notice(f"resuming {source.name} (pages fetched before: {pages})")
    report.queued = frontier.waiting(list(crawler.sources))
    crawler.waiting_hosts = set(frontier.hosts_with_work(list(crawler.sources)))
    asyncio.run(crawler.run())
    with transaction(frontier.db):
        frontier.mark_stored(crawler.stored_marks)
    for source in crawler.sources.values():
        done = crawler.pages[source.name] >= source.max_pages or frontier.waiting([source.name]) == 0
        finished = done and not report.interrupted
        frontier.close(source.name, finished)
        (report.finished if finished else report.unfinished).append(source.name)
