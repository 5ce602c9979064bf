"""One measured step, run in its own process so that its time and memory are its own.

    python -m bench.task store --passages N --data-dir D
    python -m bench.task rebuild --data-dir D [--procs 2]
    python -m bench.task index-only --passages N --data-dir D [--procs 2]
    python -m bench.task latency --engine kb|fts --path P [--repeats 3]

Each prints one line of JSON as its last line of output.
"""

from __future__ import annotations

import argparse
import json
import statistics
import time
from pathlib import Path

from bench.corpus import Generator, write_warc
from bench.measure import percentiles
from bench.queries import queries

MODES = ("top10", "facets", "snippets")  # top-10; + all facets; + facets and snippets
SLOW_MS = 1000


def store(passages: int, data_dir: Path) -> dict:
    """Generate the corpus as a WARC archive and put it in a fresh store (not indexed)."""
    from kb.ingest import ingest
    from kb.settings import Paths

    warc = data_dir / "corpus.warc.gz"
    started = time.perf_counter()
    documents = write_warc(warc, Generator().documents(passages))
    generated = time.perf_counter() - started
    report = ingest(Paths(data_dir), [str(warc)], index=False)
    return {"documents": documents, "generate_s": generated, "store_s": time.perf_counter() - started - generated,
            "warc_bytes": warc.stat().st_size, "failed": report.failed}


def rebuild(data_dir: Path, procs: int) -> dict:
    from kb.ingest import rebuild as run_rebuild
    from kb.settings import Paths

    started = time.perf_counter()
    report = run_rebuild(Paths(data_dir), procs=procs)
    return {"seconds": time.perf_counter() - started, "documents": report.indexed, "passages": report.passages,
            "failed": report.failed}


def index_only(passages: int, data_dir: Path, procs: int) -> dict:
    """Write the generated documents straight into a fresh index: no parsing, no extraction."""
    from kb.index import Generation, WriteLock
    from kb.ingest import write_document
    from kb.models import DocumentInfo, Passage
    from kb.places import lookup_country
    from kb.settings import Paths
    from kb.store import doc_id_for

    records = []
    for doc in Generator().documents(passages):
        doc_id = doc_id_for(doc.url)
        info = DocumentInfo(doc_id=doc_id, url=doc.url, title=doc.title, agency=doc.agency,
                            doc_type="text" if doc.content_type == "text/plain" else "html", language=doc.language,
                            years=[doc.year], countries=[lookup_country(c) for c in doc.countries],
                            passages=len(doc.passages))
        records.append((info, [Passage(doc_id, i, h, t, language=doc.language)
                               for i, (h, t) in enumerate(zip(doc.headings, doc.passages, strict=True))]))
    paths = Paths(data_dir)
    started = time.perf_counter()
    with WriteLock(paths.lock_file), Generation(paths.index_dir, rebuild=True, procs=procs) as gen:
        for info, ps in records:
            write_document(gen.writer, info, ps)
    return {"seconds": time.perf_counter() - started, "documents": len(records),
            "passages": sum(len(ps) for _, ps in records)}


def latency(engine: str, path: Path, repeats: int) -> dict:
    """Every query in every mode, `repeats` passes after one warm-up pass; milliseconds per query."""
    if engine == "kb":
        from kb.search import SearchIndex, SearchRequest

        index = SearchIndex(path)

        def search(q: str, mode: str):
            return index.search(SearchRequest(q=q, facets=mode != "top10", snippets=mode == "snippets"))
    else:
        from bench.fts import FtsSearch

        fts = FtsSearch(path)

        def search(q: str, mode: str):
            return fts.search(q, facets=mode != "top10", snippets=mode == "snippets")

    qs = queries()
    cold = []
    for q in qs:  # the first pass, on fresh caches: also the warm-up
        t = time.perf_counter()
        search(q, "snippets")
        cold.append((time.perf_counter() - t) * 1000)
    passes: dict[str, list[dict]] = {m: [] for m in MODES}
    worst: dict[str, float] = dict(zip(qs, cold, strict=True))  # the slowest time of each query, first pass included
    for _ in range(repeats):
        for mode in MODES:
            samples = []
            for q in qs:
                t = time.perf_counter()
                search(q, mode)
                ms = (time.perf_counter() - t) * 1000
                samples.append(ms)
                if mode == "snippets":
                    worst[q] = max(worst.get(q, 0.0), ms)
            passes[mode].append(percentiles(samples))
    slowest = sorted(worst.items(), key=lambda kv: -kv[1])[:5]
    return {"first_query_ms": cold[0], "cold": percentiles(cold), "passes": passes, "slowest": slowest,
            "over_1s": sum(1 for v in worst.values() if v > SLOW_MS),
            "median_ms": {m: statistics.median(p["p50"] for p in passes[m]) for m in MODES}}


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.task")
    parser.add_argument("step", choices=("store", "rebuild", "index-only", "latency"))
    parser.add_argument("--passages", type=int, default=10_000)
    parser.add_argument("--data-dir", type=Path)
    parser.add_argument("--procs", type=int, default=1)
    parser.add_argument("--engine", choices=("kb", "fts"), default="kb")
    parser.add_argument("--path", type=Path)
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    if args.step == "store":
        result = store(args.passages, args.data_dir)
    elif args.step == "rebuild":
        result = rebuild(args.data_dir, args.procs)
    elif args.step == "index-only":
        result = index_only(args.passages, args.data_dir, args.procs)
    else:
        result = latency(args.engine, args.path, args.repeats)
    print(json.dumps(result))


if __name__ == "__main__":
    main()
