"""A small load generator, and the two servers it drives: `kb serve` and Datasette.

Written by hand (asyncio + httpx) because it only has to do one thing: keep N
clients busy over a fixed query list on loopback for a bounded time and count.
It refuses any host but loopback.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from urllib.parse import urlencode, urlsplit

import httpx

from bench.fts import translate
from bench.measure import ROOT, kb, percentiles
from kb.query import parse_query

LOOPBACK = ("127.0.0.1", "localhost", "::1")
READY_TIMEOUT = 120.0
REQUEST_TIMEOUT = 30.0
MAX_REQUESTS = 20_000  # per level: a bound on top of the time bound
DATASETTE_SETTINGS = ("--setting", "facet_time_limit_ms", "10000", "--setting", "sql_time_limit_ms", "10000",
                      "--setting", "default_page_size", "10", "--setting", "suggest_facets", "off",
                      "--setting", "num_sql_threads", "3")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def server(args: list[str], ready_url: str, env: dict | None = None) -> Iterator[float]:
    """Start a server, wait until `ready_url` answers 200, yield the seconds that took, stop it."""
    started = time.perf_counter()
    proc = subprocess.Popen(args, cwd=ROOT, env={**os.environ, **(env or {})}, stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE, start_new_session=True)
    try:
        while True:
            if proc.poll() is not None:
                raise RuntimeError(f"{args[0]} exited: {proc.stderr.read().decode()[-2000:]}")
            try:
                if httpx.get(ready_url, timeout=REQUEST_TIMEOUT).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if time.perf_counter() - started > READY_TIMEOUT:
                raise RuntimeError(f"{args[0]} did not answer {ready_url} in {READY_TIMEOUT:g} s")
            time.sleep(0.05)
        yield time.perf_counter() - started
    finally:
        os.killpg(proc.pid, signal.SIGTERM)  # its own session: uvicorn's worker processes stop with it
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()


def kb_server(data_dir: Path, port: int, workers: int = 1):
    args = kb("--data-dir", str(data_dir), "serve", "--host", "127.0.0.1", "--port", str(port),
              "--workers", str(workers))
    return server(args, f"http://127.0.0.1:{port}/healthz")


def datasette_server(db_path: Path, port: int):
    args = [str(Path(sys.executable).parent / "datasette"), "serve", "-i", str(db_path), "--host", "127.0.0.1",
            "--port", str(port), *DATASETTE_SETTINGS]
    return server(args, f"http://127.0.0.1:{port}/-/versions.json")


def kb_url(base: str) -> Callable[[str], str]:
    return lambda q: f"{base}/api/search?{urlencode({'q': q})}"


def datasette_url(base: str, database: str) -> Callable[[str], str]:
    """The query's words as Datasette's own `_search=` (its default mode: each word quoted, all
    required), kb's field:value clauses as Datasette column filters, and the three facets."""

    def url(q: str) -> str:
        parsed = parse_query(q)
        filters: list[tuple[str, list[str]]] = []
        translate(parsed.root, filters)
        params: list[tuple[str, str]] = [("_search", " ".join(parsed.words)), ("_size", "10"),
                                         ("_facet", "agency"), ("_facet_array", "country"), ("_facet", "year")]
        for name, values in filters:
            if name == "country":
                params += [("country__arraycontains", v) for v in values]
            elif name in ("year", "agency", "language"):
                params.append((f"{name}__in", ",".join(values)))
        return f"{base}/{database}/passages.json?{urlencode(params)}"

    return url


async def _drive(url_for: Callable[[str], str], queries: list[str], clients: int, seconds: float) -> dict:
    host = urlsplit(url_for("x")).hostname
    if host not in LOOPBACK:
        raise ValueError(f"{host}: the load generator only talks to loopback")
    latencies: list[float] = []
    errors: list[str] = []
    deadline = time.perf_counter() + seconds
    issued = 0
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)

    async def client(n: int, http: httpx.AsyncClient) -> None:
        nonlocal issued
        i = n * len(queries) // clients  # each client starts at its own place in the list
        while time.perf_counter() < deadline and issued < MAX_REQUESTS:
            issued += 1
            q = queries[i % len(queries)]
            i += 1
            t = time.perf_counter()
            try:
                response = await http.get(url_for(q))
                if response.status_code != 200:
                    errors.append(f"{response.status_code} {q}")
                else:
                    response.json()
            except httpx.HTTPError as exc:
                errors.append(f"{type(exc).__name__} {q}")
            latencies.append((time.perf_counter() - t) * 1000)

    started = time.perf_counter()
    async with httpx.AsyncClient(timeout=REQUEST_TIMEOUT, limits=limits) as http:
        await asyncio.gather(*(client(n, http) for n in range(clients)))
    elapsed = time.perf_counter() - started
    return {"clients": clients, "requests": len(latencies), "seconds": elapsed,
            "rps": len(latencies) / elapsed, "errors": len(errors), "error_samples": errors[:5],
            **percentiles(latencies)}


def drive(url_for: Callable[[str], str], queries: list[str], clients: int, seconds: float) -> dict:
    """`clients` concurrent clients cycling through `queries` for `seconds` (and at most MAX_REQUESTS)."""
    return asyncio.run(_drive(url_for, queries, clients, seconds))
