"""Timing and memory of a child process, and percentiles."""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import psutil

POLL_SECONDS = 0.02
ROOT = Path(__file__).resolve().parent.parent


@dataclass
class Run:
    seconds: float
    peak_rss: int  # bytes: the largest sum over the process and its children seen while it ran
    stdout: str
    returncode: int

    def json(self) -> dict:
        return json.loads(self.stdout.strip().splitlines()[-1]) if self.stdout.strip() else {}


def run(args: list[str], env: dict | None = None, timeout: float = 1800) -> Run:
    """Run a command to its end, sampling the resident memory of its whole process tree."""
    started = time.perf_counter()
    proc = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT,
                            env={**os.environ, **(env or {})})
    peak = 0
    try:
        parent = psutil.Process(proc.pid)
        while proc.poll() is None:
            try:
                total = parent.memory_info().rss + sum(c.memory_info().rss for c in parent.children(recursive=True))
                peak = max(peak, total)
            except psutil.Error:
                pass
            if time.perf_counter() - started > timeout:
                proc.kill()
                break
            time.sleep(POLL_SECONDS)
    except psutil.NoSuchProcess:
        pass
    out, err = proc.communicate()
    seconds = time.perf_counter() - started
    if proc.returncode != 0:
        sys.stderr.write(err[-4000:])
    return Run(seconds=seconds, peak_rss=peak, stdout=out, returncode=proc.returncode)


def python(*args: str) -> list[str]:
    return [sys.executable, *args]


def kb(*args: str) -> list[str]:
    """The kb command: its installed script when there is one, else cli.py under this interpreter."""
    script = Path(sys.executable).parent / "kb"
    return [str(script), *args] if script.exists() else [sys.executable, str(ROOT / "cli.py"), *args]


def percentiles(samples_ms: list[float]) -> dict:
    """p50, p95, p99, max and mean of a list of milliseconds (nearest-rank percentiles)."""
    if not samples_ms:
        return {"n": 0}
    ordered = sorted(samples_ms)

    def rank(p: float) -> float:
        return ordered[min(len(ordered) - 1, max(0, int(round(p / 100 * len(ordered) + 0.5)) - 1))]

    return {"n": len(ordered), "p50": rank(50), "p95": rank(95), "p99": rank(99), "max": ordered[-1],
            "mean": statistics.fmean(ordered)}


def median_of(runs: list[dict]) -> dict:
    """The median, key by key, of several percentile dicts (one per repeated pass)."""
    keys = [k for k in runs[0] if k != "n"]
    return {"n": runs[0]["n"], "passes": len(runs), **{k: statistics.median(r[k] for r in runs) for k in keys}}
