"""The benchmark's figures as plain-text tables, and the targets they are held to."""

from __future__ import annotations

MB = 1e6
TARGET_SIZE = "100k"


def table(headers: list[str], rows: list[list]) -> str:
    cells = [[str(h) for h in headers]] + [[fmt(c) for c in row] for row in rows]
    widths = [max(len(r[i]) for r in cells) for i in range(len(headers))]
    lines = ["  ".join(c.rjust(w) if i else c.ljust(w) for i, (c, w) in enumerate(zip(r, widths, strict=True)))
             for r in cells]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)


def fmt(value) -> str:
    if value is None:
        return "-"
    if isinstance(value, float):
        return f"{value:,.1f}" if abs(value) < 1000 else f"{value:,.0f}"
    if isinstance(value, int):
        return f"{value:,}"
    return str(value)


def ratio(a: float, b: float) -> str:
    return f"{a / b:.2f}" if b else "-"


def print_report(results: dict) -> None:
    m = results["machine"]
    print(f"\nkb benchmark, {results['date']}: {m['cpus']} cores, {m['memory_gb']} GB, Python {m['python']}, "
          f"SQLite {m['sqlite']}; {results['queries']} queries")
    sizes = results["sizes"]
    if sizes:
        print_sizes(sizes)
    print_load(results.get("load"))
    print_targets(results)


def print_sizes(sizes: list[dict]) -> None:
    print("\nBuild (procs=2; peak = resident memory of the process tree)")
    rows = []
    for s in sizes:
        r, o, f = s["rebuild"], s.get("index_only") or {}, s["fts_build"]
        rows.append([s["size"], r["documents"], r["passages"], r["seconds"], r["passages_per_s"],
                     r["peak_rss"] / MB, o.get("seconds"), o.get("passages_per_s"),
                     o["peak_rss"] / MB if o else None, s["index_bytes"] / MB, f["bytes"] / MB, f["seconds"]])
    print(table(["size", "docs", "passages", "rebuild s", "pass/s", "peak MB", "index-only s", "pass/s",
                 "peak MB", "index MB", "FTS5 MB", "FTS5 build s"], rows))

    print("\nCold start: `kb search` in a new process, to its answer (s)")
    print(table(["size", "first", "median", "peak MB"],
                [[s["size"], s["cold_start"]["first_s"], s["cold_start"]["median_s"],
                  s["cold_start"]["peak_rss"] / MB] for s in sizes]))

    print("\nQuery latency, in process (ms; median of the passes; ratio = kb / FTS5)")
    rows = []
    for s in sizes:
        k, f = s["latency"]["kb"]["modes"], s["latency"]["fts"]["modes"]
        for mode, label in (("top10", "top-10"), ("facets", "+ facets"), ("snippets", "+ facets + snippets")):
            a, b = k[mode], f[mode]
            rows.append([s["size"], label, a["p50"], a["p95"], a["p99"], a["max"], b["p50"], b["p95"], b["p99"],
                         b["max"], ratio(a["p50"], b["p50"]), ratio(a["p95"], b["p95"])])
    print(table(["size", "mode", "kb p50", "p95", "p99", "max", "FTS5 p50", "p95", "p99", "max", "p50 ×",
                 "p95 ×"], rows))
    print("  first pass over the queries (fresh process, every cache empty; facets + snippets):")
    for s in sizes:
        for engine in ("kb", "fts"):
            c = s["latency"][engine]["cold"]
            print(f"    {s['size']} {engine:>3}: p50 {c['p50']:.1f}  p95 {c['p95']:.1f}  p99 {c['p99']:.1f}  "
                  f"max {c['max']:.0f} ms")
    for s in sizes:
        lat = s["latency"]["kb"]
        slow = ", ".join(f"{q!r} {ms:.0f}" for q, ms in lat["slowest"][:3])
        print(f"  {s['size']}: kb first query {lat['first_query_ms']:.0f} ms, serving memory "
              f"{lat['peak_rss'] / MB:.0f} MB, {lat['over_1s']} queries over 1 s (measured passes); slowest: {slow}")

    if any("incremental" in s for s in sizes):
        print("\nIncremental: `kb ingest` of changed documents into the built knowledge base")
        print(table(["size", "documents", "seconds", "peak MB"],
                    [[s["size"], s["incremental"]["documents"], s["incremental"]["seconds"],
                      s["incremental"]["peak_rss"] / MB] for s in sizes if "incremental" in s]))



def print_load(load: dict | None) -> None:
    if load:
        print(f"\nServer load on {load['size']} ({load['seconds_per_level']:g} s per level; "
              "kb: /api/search with facets and snippets; Datasette: _search + 3 facets)")
        rows = []
        for name, runs in [*((f"kb {w}", r) for w, r in load["kb"].items()), ("datasette", load["datasette"])]:
            for level in runs["levels"]:
                rows.append([name, level["clients"], level["requests"], level["rps"], level.get("p50"),
                             level.get("p95"), level.get("p99"), level["errors"]])
        print(table(["server", "clients", "requests", "req/s", "p50 ms", "p95 ms", "p99 ms", "errors"], rows))


def print_targets(results: dict) -> None:
    size = next((s for s in results["sizes"] if s["size"] == TARGET_SIZE), None)
    if size is None:
        return
    checks = []
    k, f = size["latency"]["kb"]["modes"]["snippets"], size["latency"]["fts"]["modes"]["snippets"]
    checks.append(("query p95 <= FTS5 p95", f"{k['p95']:.0f} vs {f['p95']:.0f} ms", k["p95"] <= f["p95"]))
    checks.append(("query p50 <= 2 x FTS5 p50", f"{k['p50']:.0f} vs {f['p50']:.0f} ms", k["p50"] <= 2 * f["p50"]))
    over = size["latency"]["kb"]["over_1s"]
    checks.append(("no query over 1 s", f"{over} over", over == 0))
    r = size["rebuild"]
    checks.append(("full rebuild < 180 s", f"{r['seconds']:.0f} s", r["seconds"] < 180))
    if "incremental" in size:
        i = size["incremental"]
        checks.append(("100 changed documents < 10 s", f"{i['seconds']:.1f} s", i["seconds"] < 10 and i["ok"]))
    c = size["cold_start"]["median_s"]
    checks.append(("cold start < 1.5 s", f"{c:.2f} s", c < 1.5))
    load = results.get("load")
    if load and load["size"] == TARGET_SIZE:
        best = max((r for r in load["kb"].values()), key=lambda r: r["levels"][1]["rps"])
        k8, d8 = best["levels"][1], load["datasette"]["levels"][1]
        checks.append(("8 clients >= 50 req/s, p99 < 1 s, no errors",
                       f"{k8['rps']:.0f} req/s, p99 {k8['p99']:.0f} ms, {k8['errors']} errors",
                       k8["rps"] >= 50 and k8["p99"] < 1000 and k8["errors"] == 0))
        checks.append(("8 clients: more req/s than Datasette", f"{k8['rps']:.0f} vs {d8['rps']:.0f}",
                       k8["rps"] > d8["rps"]))
        k1, d1 = best["levels"][0], load["datasette"]["levels"][0]
        checks.append(("sequential p95 <= Datasette's", f"{k1['p95']:.0f} vs {d1['p95']:.0f} ms",
                       k1["p95"] <= d1["p95"]))
    print(f"\nTargets at {TARGET_SIZE}")
    print(table(["target", "measured", "met"], [[n, v, "yes" if ok else "NO"] for n, v, ok in checks]))
