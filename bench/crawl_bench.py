"""How fast `kb crawl` goes when politeness costs nothing, and what its frontier weighs.

    python bench/crawl_bench.py                 # 2,000 generated pages, delay 0; a 100,000-URL frontier
    python bench/crawl_bench.py --pages 500 --queued 20000

The site is tests/crawl_site.py in a child process (so that serving does not
compete with crawling for one interpreter).  Pages are crawled with delay 0
and no indexing: the figures are the crawler's own (fetch, parse links, WARC,
fsync, catalog), not the index's.
"""

from __future__ import annotations

import argparse
import resource
import subprocess
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # run as a script: make kb importable
    sys.path.insert(0, str(ROOT))

from kb.crawl import CrawlOptions, Entry, Frontier, crawl, source_for_url, transaction  # noqa: E402
from kb.settings import Paths  # noqa: E402
from kb.store import Store  # noqa: E402

SITE = ROOT / "tests" / "crawl_site.py"
HOSTS = 50  # the synthetic frontier spreads its URLs over this many hosts


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux reports kilobytes


def rss_mb() -> float:
    """The process's resident memory now (Linux)."""
    pages = int(Path("/proc/self/statm").read_text().split()[1])
    return pages * resource.getpagesize() / 1e6


def crawl_site(pages: int, work: Path) -> dict:
    server = subprocess.Popen([sys.executable, str(SITE), "--pages", str(pages)], stdin=subprocess.PIPE,
                              stdout=subprocess.PIPE, text=True)
    try:
        base = server.stdout.readline().strip()
        paths = Paths(work / "kb")
        source = source_for_url(f"{base}/gen/0.html", max_depth=1000, max_pages=pages + 10)
        rss_before = peak_rss_mb()
        started = time.perf_counter()
        report = crawl(paths, [source], CrawlOptions(delay=0, index=False))
        seconds = time.perf_counter() - started
    finally:
        server.stdin.close()
        server.wait(timeout=10)
    warc_bytes = sum(p.stat().st_size for p in (paths.store_dir / "warc").glob("*.warc.gz"))
    return {"pages": report.pages, "new": report.totals().new, "errors": len(report.errors), "seconds": seconds,
            "pages_per_second": report.pages / seconds, "peak_rss_mb": peak_rss_mb(),
            "rss_before_mb": rss_before, "warc_mb": warc_bytes / 1e6}


def frontier_at(queued: int, work: Path) -> dict:
    """Fill a frontier with `queued` URLs and weigh it: Python heap, process memory, database file."""
    with Store(work / "frontier" / "store") as store:
        rss_before = rss_mb()
        tracemalloc.start()
        frontier = Frontier(store.db)
        started = time.perf_counter()
        batch = 5_000
        for first in range(0, queued, batch):
            with transaction(store.db):
                for n in range(first, min(first + batch, queued)):
                    frontier.add("bench", f"https://host{n % HOSTS}.example.org/section/{n // HOSTS}/page.html",
                                 depth=1 + n % 4)
        fill_seconds = time.perf_counter() - started
        current, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        started = time.perf_counter()
        for n in range(100):
            entry = frontier.next(f"host{n % HOSTS}.example.org", ["bench"])
            assert isinstance(entry, Entry)
        next_ms = (time.perf_counter() - started) * 1000 / 100
        started = time.perf_counter()
        hosts = frontier.hosts_with_work(["bench"])
        hosts_ms = (time.perf_counter() - started) * 1000
        assert len(hosts) == HOSTS and frontier.waiting(["bench"]) == queued
        db_bytes = sum(p.stat().st_size for p in (work / "frontier" / "store").glob("catalog.sqlite*"))
    return {"queued": queued, "fill_seconds": fill_seconds, "heap_mb": current / 1e6, "heap_peak_mb": peak / 1e6,
            "rss_growth_mb": rss_mb() - rss_before, "db_mb": db_bytes / 1e6, "next_ms": next_ms,
            "hosts_with_work_ms": hosts_ms}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=2000)
    parser.add_argument("--queued", type=int, default=100_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="kb-crawl-bench-") as tmp:
        site = crawl_site(args.pages, Path(tmp))
        front = frontier_at(args.queued, Path(tmp))
    print(f"\nCrawl of {args.pages} generated pages on 127.0.0.1, delay 0, no indexing")
    rows = [("pages fetched", f"{site['pages']} ({site['new']} new, {site['errors']} errors)"),
            ("time", f"{site['seconds']:.1f} s"),
            ("pages per second", f"{site['pages_per_second']:.0f}"),
            ("peak RSS of the process",
             f"{site['peak_rss_mb']:.0f} MB (before the crawl: {site['rss_before_mb']:.0f} MB)"),
            ("WARC written", f"{site['warc_mb']:.1f} MB")]
    print_table(rows)
    print(f"\nFrontier with {front['queued']:,} queued URLs over {HOSTS} hosts (SQLite, in the catalog)")
    rows = [("fill time", f"{front['fill_seconds']:.1f} s"),
            ("Python heap after filling", f"{front['heap_mb']:.1f} MB (peak {front['heap_peak_mb']:.1f} MB)"),
            ("process RSS growth", f"{front['rss_growth_mb']:.1f} MB (SQLite's page cache included)"),
            ("database on disk", f"{front['db_mb']:.1f} MB"),
            ("next URL of a host", f"{front['next_ms']:.2f} ms"),
            ("hosts with work", f"{front['hosts_with_work_ms']:.1f} ms")]
    print_table(rows)


def print_table(rows: list[tuple[str, str]]) -> None:
    width = max(len(name) for name, _ in rows)
    for name, value in rows:
        print(f"  {name:<{width}}  {value}")


if __name__ == "__main__":
    main()
