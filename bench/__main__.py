"""kb's benchmark: build, cold start, query latency and server load, against SQLite FTS5 and Datasette.

    python -m bench                  # 10k and 100k passages (under ten minutes on 2 cores)
    python -m bench --large          # and 300k
    python -m bench --sizes 10k      # one size only
    python -m bench --no-load        # without the server load test

Generated data lives in bench/output/ (corpora are kept between runs and
regenerated only when the generator changes); each run writes its figures to
bench/output/results-<time>.json and prints them as tables.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import random
import shutil
import statistics
import time
from pathlib import Path

from bench import fts, load
from bench.corpus import GENERATOR_VERSION, Generator, changed, write_warc
from bench.measure import ROOT, kb, median_of, python, run
from bench.queries import queries
from bench.report import print_report

OUTPUT = ROOT / "bench" / "output"
SIZES = {"10k": 10_000, "100k": 100_000, "300k": 300_000}
LOAD_SIZE = "100k"  # the server load test runs on this corpus (or the largest one measured below it)
LOAD_CLIENTS = (1, 8, 32)
CHANGED_DOCUMENTS = 100
COLD_STARTS = 5
COLD_QUERY = "border controls"


def prepare_store(size: str, passages: int) -> tuple[Path, dict | None]:
    """The size's data dir with its store filled; generated only when missing or out of date."""
    work = OUTPUT / size
    data_dir = work / "kb"
    marker = data_dir / "bench-store.json"
    stamp = {"generator": GENERATOR_VERSION, "passages": passages}
    if marker.exists() and json.loads(marker.read_text()) == stamp:
        return data_dir, None
    shutil.rmtree(work, ignore_errors=True)
    data_dir.mkdir(parents=True)
    step = run(python("-m", "bench.task", "store", "--passages", str(passages), "--data-dir", str(data_dir)))
    if step.returncode:
        raise SystemExit(f"generating the {size} store failed")
    marker.write_text(json.dumps(stamp))
    return data_dir, {**step.json(), "seconds": step.seconds}


def clone(data_dir: Path, target: Path) -> None:
    """A writable copy of a knowledge base: immutable files (blobs, index segments) hard-linked,
    files that are rewritten in place (the catalog, the lock) copied."""
    shutil.rmtree(target, ignore_errors=True)
    for root, _dirs, files in os.walk(data_dir):
        dest = target / Path(root).relative_to(data_dir)
        dest.mkdir(parents=True, exist_ok=True)
        for name in files:
            if name.endswith(".warc.gz"):
                continue
            if name.startswith("catalog.sqlite") or name in ("write.lock", "CURRENT"):
                shutil.copy2(Path(root) / name, dest / name)
            else:
                os.link(Path(root) / name, dest / name)


def measure_size(size: str, args) -> dict:
    passages = SIZES[size]
    result: dict = {"size": size, "passages_target": passages}
    print(f"[{size}] store", flush=True)
    data_dir, generated = prepare_store(size, passages)
    result["store"] = generated
    work = data_dir.parent

    print(f"[{size}] full rebuild from the store (procs={args.procs})", flush=True)
    step = run(python("-m", "bench.task", "rebuild", "--data-dir", str(data_dir), "--procs", str(args.procs)))
    rebuild = step.json()
    result["rebuild"] = {**rebuild, "wall_s": step.seconds, "peak_rss": step.peak_rss,
                         "passages_per_s": rebuild["passages"] / rebuild["seconds"]}

    from kb.index import index_size

    result["index_bytes"] = index_size(data_dir / "index")

    if not args.no_index_only:
        print(f"[{size}] index-only build", flush=True)
        target = work / "index-only"
        shutil.rmtree(target, ignore_errors=True)
        step = run(python("-m", "bench.task", "index-only", "--passages", str(passages), "--data-dir", str(target),
                          "--procs", str(args.procs)))
        only = step.json()
        result["index_only"] = {**only, "peak_rss": step.peak_rss, "passages_per_s": only["passages"] / only["seconds"]}
        shutil.rmtree(target, ignore_errors=True)

    print(f"[{size}] SQLite FTS5 baseline", flush=True)
    db_path = work / "fts.sqlite"
    started = time.perf_counter()
    counts = fts.build(data_dir / "index", db_path)
    result["fts_build"] = {**counts, "seconds": time.perf_counter() - started, "bytes": db_path.stat().st_size}

    print(f"[{size}] cold start", flush=True)
    cold = []
    for _ in range(COLD_STARTS):
        step = run(kb("--data-dir", str(data_dir), "search", COLD_QUERY, "--format", "json"))
        cold.append(step.seconds)
    result["cold_start"] = {"first_s": cold[0], "median_s": statistics.median(cold), "runs": cold,
                            "peak_rss": step.peak_rss}

    print(f"[{size}] query latency", flush=True)
    result["latency"] = {}
    for engine, path in (("kb", data_dir / "index"), ("fts", db_path)):
        step = run(python("-m", "bench.task", "latency", "--engine", engine, "--path", str(path),
                          "--repeats", str(args.repeats)))
        measured = step.json()
        measured["modes"] = {m: median_of(p) for m, p in measured.pop("passes").items()}
        measured["peak_rss"] = step.peak_rss
        result["latency"][engine] = measured

    if not args.no_incremental:
        print(f"[{size}] incremental ingest of {CHANGED_DOCUMENTS} changed documents", flush=True)
        result["incremental"] = incremental(data_dir, work, passages)
    return result


def incremental(data_dir: Path, work: Path, passages: int) -> dict:
    copy = work / "incremental"
    clone(data_dir, copy)
    documents = list(Generator().documents(passages))
    rng = random.Random(GENERATOR_VERSION)
    step = max(1, len(documents) // CHANGED_DOCUMENTS)
    edited = [changed(documents[i], rng) for i in range(0, len(documents), step)][:CHANGED_DOCUMENTS]
    warc = work / "changed.warc.gz"
    write_warc(warc, iter(edited))
    measured = run(kb("--data-dir", str(copy), "ingest", str(warc)))
    shutil.rmtree(copy, ignore_errors=True)
    return {"documents": len(edited), "seconds": measured.seconds, "peak_rss": measured.peak_rss,
            "ok": measured.returncode == 0}


def measure_load(size: str, args) -> dict:
    work = OUTPUT / size
    data_dir, db_path = work / "kb", work / "fts.sqlite"
    qs = queries()
    result: dict = {"size": size, "seconds_per_level": args.load_seconds, "kb": {}, "datasette": {}}
    for workers in args.workers:
        port = load.free_port()
        print(f"[{size}] load: kb serve --workers {workers}", flush=True)
        with load.kb_server(data_dir, port, workers) as ready:
            url = load.kb_url(f"http://127.0.0.1:{port}")
            load.drive(url, qs[:20], 2, 2.0)  # warm-up
            levels = [load.drive(url, qs, c, args.load_seconds) for c in LOAD_CLIENTS]
        result["kb"][f"workers={workers}"] = {"ready_s": ready, "levels": levels}
    port = load.free_port()
    print(f"[{size}] load: datasette", flush=True)
    with load.datasette_server(db_path, port) as ready:
        url = load.datasette_url(f"http://127.0.0.1:{port}", db_path.stem)
        load.drive(url, qs[:20], 2, 2.0)
        result["datasette"] = {"ready_s": ready, "levels": [load.drive(url, qs, c, args.load_seconds)
                                                             for c in LOAD_CLIENTS]}
    return result


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="10k,100k", help="comma-separated, of " + ", ".join(SIZES))
    parser.add_argument("--large", action="store_true", help="also measure 300k passages (long)")
    parser.add_argument("--repeats", type=int, default=2, help="timed passes over the query set")
    parser.add_argument("--procs", type=int, default=2, help="writer processes for the builds")
    parser.add_argument("--workers", default="1", help="kb serve --workers values for the load test, e.g. 1,2")
    parser.add_argument("--load-seconds", type=float, default=10.0, help="duration of each load level")
    parser.add_argument("--no-load", action="store_true", help="skip the server load test")
    parser.add_argument("--no-index-only", action="store_true", help="skip the index-only build")
    parser.add_argument("--no-incremental", action="store_true", help="skip the incremental ingest")
    parser.add_argument("--load-only", action="store_true",
                        help="only the server load test, on the knowledge base an earlier run built")
    args = parser.parse_args()
    args.workers = [int(w) for w in args.workers.split(",")]
    sizes = [s for s in args.sizes.split(",") if s]
    if args.large and "300k" not in sizes:
        sizes.append("300k")
    unknown = set(sizes) - set(SIZES)
    if unknown:
        parser.error(f"unknown size {', '.join(sorted(unknown))}")
    OUTPUT.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    results = {"date": dt.datetime.now().isoformat(timespec="seconds"), "machine": machine(),
               "queries": len(queries()), "sizes": []}
    for size in sizes if not args.load_only else ():
        results["sizes"].append(measure_size(size, args))
    if not args.no_load:
        candidates = [s for s in sizes if SIZES[s] <= SIZES[LOAD_SIZE]]
        if candidates:
            results["load"] = measure_load(max(candidates, key=SIZES.get), args)
    results["total_s"] = time.perf_counter() - started
    out = OUTPUT / f"results-{dt.datetime.now():%Y%m%d-%H%M%S}.json"
    out.write_text(json.dumps(results, indent=2))
    print_report(results)
    print(f"\nfigures: {out.relative_to(ROOT)}  ({results['total_s']:.0f} s)")


def machine() -> dict:
    import sqlite3

    import psutil

    return {"cpus": os.cpu_count(), "memory_gb": round(psutil.virtual_memory().total / 2**30, 1),
            "python": platform.python_version(), "sqlite": sqlite3.sqlite_version, "platform": platform.platform()}


if __name__ == "__main__":
    main()
