"""The Whoosh index, kept as generations so that a killed writer never breaks it.

    index/CURRENT      names the live generation ("g000007")
    index/g000006/     the previous generation, kept to fall back to
    index/g000007/     the live one
    index/write.lock   held by the one process allowed to write

A writer builds the next generation beside the live one (segment files are
hard-linked from it: Whoosh never rewrites a segment file, so the link is safe),
commits into it, fsyncs every file, then replaces CURRENT atomically.  Readers
only ever open a generation that CURRENT has named, so they see the last
committed state whatever happens to a writer.
"""

from __future__ import annotations

import fcntl
import json
import os
import shutil
import sys
import time
from pathlib import Path

from whoosh import index as whoosh_index
from whoosh.writing import SegmentWriter

from kb import settings
from kb.errors import IndexLockedError, KbError
from kb.schema import SCHEMA_VERSION, build_schema
from kb.store import fsync_dir

INDEX_NAME = "MAIN"
CURRENT = "CURRENT"
VERSION_FILE = "kb-schema-version"


class IndexMissingError(KbError):
    """There is no index yet."""


def generation_names(index_dir: Path) -> list[str]:
    return sorted(p.name for p in index_dir.glob("g[0-9]*") if p.is_dir())


def current_generation(index_dir: Path) -> Path | None:
    """The live generation's folder, or None when nothing has been committed yet."""
    try:
        name = (index_dir / CURRENT).read_text().strip()
    except FileNotFoundError:
        return None
    path = index_dir / name
    return path if path.is_dir() else None


def open_index(index_dir: Path):
    """Open the live generation for reading."""
    gen = current_generation(index_dir)
    if gen is None:
        raise IndexMissingError(f"{index_dir}: no index yet (run `kb ingest` or `kb index --rebuild`)")
    return whoosh_index.open_dir(str(gen), indexname=INDEX_NAME)


def schema_is_current(index_dir: Path) -> bool:
    gen = current_generation(index_dir)
    if gen is None:
        return False
    try:
        return int((gen / VERSION_FILE).read_text()) == SCHEMA_VERSION
    except (FileNotFoundError, ValueError):
        return False


class WriteLock:
    """An exclusive lock on one knowledge base, held for a whole command.

    The second writer waits up to `timeout` seconds, then stops with a message
    naming the holder.  The lock is an flock, so it dies with its process:
    a killed writer never leaves a stale lock behind.
    """

    def __init__(self, path: Path, timeout: float | None = None):
        self.path = path
        self.timeout = settings.get("lock_timeout") if timeout is None else timeout
        self.fd: int | None = None

    def __enter__(self) -> "WriteLock":
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        deadline = time.monotonic() + self.timeout
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    holder = self.path.read_text(errors="replace").strip() or "another process"
                    os.close(fd)
                    raise IndexLockedError(
                        f"{self.path.parent}: another kb command is writing ({holder}); "
                        f"gave up after {self.timeout:g} s"
                    ) from None
                time.sleep(0.1)
        os.ftruncate(fd, 0)
        os.write(fd, json.dumps({"pid": os.getpid(), "command": " ".join(sys.argv[:3])}).encode())
        self.fd = fd
        return self

    def __exit__(self, *exc) -> None:
        if self.fd is not None:
            os.ftruncate(self.fd, 0)
            fcntl.flock(self.fd, fcntl.LOCK_UN)
            os.close(self.fd)
            self.fd = None


class Generation:
    """The next generation of the index, open for writing.

    Use as a context manager: leaving it normally commits and publishes the
    generation; an exception discards it and the live generation is untouched.
    The caller must hold the WriteLock.
    """

    def __init__(self, index_dir: Path, rebuild: bool = False, procs: int = 1):
        self.index_dir = index_dir
        self.rebuild = rebuild
        self.procs = procs
        self.writer: SegmentWriter | None = None
        self.path: Path | None = None

    def __enter__(self) -> "Generation":
        self.index_dir.mkdir(parents=True, exist_ok=True)
        live = current_generation(self.index_dir)
        names = generation_names(self.index_dir)
        number = int(names[-1][1:]) + 1 if names else 1
        self.path = self.index_dir / f"g{number:06d}"
        if self.path.exists():  # left by a writer that was killed: never published
            shutil.rmtree(self.path)
        self.path.mkdir()
        if live is not None and not self.rebuild and schema_is_current(self.index_dir):
            for f in live.iterdir():
                if f.is_file() and not f.name.endswith("LOCK"):
                    os.link(f, self.path / f.name)
            ix = whoosh_index.open_dir(str(self.path), indexname=INDEX_NAME)
        else:
            ix = whoosh_index.create_in(str(self.path), build_schema(), indexname=INDEX_NAME)
            (self.path / VERSION_FILE).write_text(str(SCHEMA_VERSION))
        if self.procs > 1:
            self.writer = ix.writer(procs=self.procs, limitmb=256, multisegment=True)
        else:
            self.writer = ix.writer(limitmb=128)
        return self

    def __exit__(self, exc_type, exc, tb) -> None:
        assert self.writer is not None and self.path is not None
        if exc_type is not None:
            try:
                self.writer.cancel()
            finally:
                shutil.rmtree(self.path, ignore_errors=True)
            return
        self.writer.commit(merge=not self.rebuild)
        self.publish()

    def publish(self) -> None:
        assert self.path is not None
        for f in self.path.iterdir():
            if f.is_file():
                with open(f, "rb") as handle:
                    os.fsync(handle.fileno())
        fsync_dir(self.path)
        tmp = self.index_dir / (CURRENT + ".tmp")
        with open(tmp, "w") as handle:
            handle.write(self.path.name)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, self.index_dir / CURRENT)
        fsync_dir(self.index_dir)
        prune(self.index_dir, keep=(self.path.name,))


def prune(index_dir: Path, keep: tuple[str, ...]) -> None:
    """Remove every generation but the live one and the one before it."""
    names = generation_names(index_dir)
    live = keep[0]
    older = [n for n in names if n < live]
    keep_names = set(keep) | set(older[-1:])
    for name in names:
        if name not in keep_names:
            shutil.rmtree(index_dir / name, ignore_errors=True)


def index_size(index_dir: Path) -> int:
    gen = current_generation(index_dir)
    return sum(f.stat().st_size for f in gen.iterdir() if f.is_file()) if gen else 0
