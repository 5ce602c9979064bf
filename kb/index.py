"""The Whoosh index, kept as generations so that a killed writer never breaks it.

    index/CURRENT      names the live generation ("g000007")
    index/g000006/     the previous generation, kept to fall back to
    index/g000007/     the live one
    index/g000008/     (only while a writer builds it, or after one was killed)
    index/write.lock   held by the one process allowed to write

A writer builds the next generation beside the live one (segment files are
hard-linked from it: Whoosh never rewrites a segment file, so the link is safe),
commits into it, fsyncs every file, then replaces CURRENT atomically.  Readers
only ever open a generation that CURRENT has named, so they see the last
committed state whatever happens to a writer.

Generations are numbered in the order they are built, so a folder numbered
above CURRENT was never published: the next writer removes it.  Every folder
numbered below CURRENT was published once, which is what makes the one just
below CURRENT a safe fallback when the live generation cannot be opened.
"""

from __future__ import annotations

import datetime as dt
import fcntl
import json
import logging
import os
import shutil
import sys
import time
import warnings
from pathlib import Path

from whoosh import index as whoosh_index
from whoosh.filedb.filestore import FileStorage
from whoosh.writing import SegmentWriter

from kb import settings
from kb.errors import IndexLockedError, KbError
from kb.schema import SCHEMA_VERSION, build_schema
from kb.store import fsync_dir

INDEX_NAME = "MAIN"
CURRENT = "CURRENT"
# Memory per writer process in a bulk build: at 50k passages 2048 MB took the build from 40 s to 18 s
# (each writer peaked at 673 MB instead of 438 MB).
MULTIPROCESS_LIMIT_MB = 2048
VERSION_FILE = "kb-schema-version"
OPEN_ATTEMPTS = 3  # a writer may publish while a reader opens: read CURRENT again, this many times

log = logging.getLogger(__name__)


class IndexMissingError(KbError):
    """There is no index yet."""


class IndexDamagedError(KbError):
    """Neither the live generation nor the one before it can be opened."""


def generation_names(index_dir: Path) -> list[str]:
    return sorted(p.name for p in index_dir.glob("g[0-9]*") if p.is_dir())


def current_name(index_dir: Path) -> str | None:
    """The name CURRENT holds, or None when nothing has been committed yet."""
    try:
        return (index_dir / CURRENT).read_text().strip() or None
    except FileNotFoundError:
        return None


def current_generation(index_dir: Path) -> Path | None:
    """The live generation's folder (as CURRENT names it), or None when nothing has been committed yet."""
    name = current_name(index_dir)
    return index_dir / name if name else None


def previous_generation(index_dir: Path, name: str) -> Path | None:
    """The published generation built before `name`, if it is still kept."""
    older = [n for n in generation_names(index_dir) if n < name]
    return index_dir / older[-1] if older else None


class PinnedIndex(whoosh_index.FileIndex):
    """A generation opened once for reading.

    Whoosh reads the table of contents again on every `ix.schema` or
    `ix.searcher()`; pinning the one read at open keeps a reader working from
    the files it already holds open after a writer has pruned the folder.
    """

    def __init__(self, path: Path):
        super().__init__(FileStorage(str(path), readonly=True), indexname=INDEX_NAME)
        self._toc = super()._read_toc()

    def _read_toc(self):
        return self._toc


class GenerationError(Exception):
    """One generation's files cannot be read (the reason Whoosh gave)."""


def open_generation(path: Path) -> PinnedIndex:
    """Open one generation and check that its segment files can be read."""
    # Whoosh leaves a damaged table of contents open when it fails to read it: the leak is
    # harmless (the error is reported), the ResourceWarning when it is collected is noise.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ResourceWarning)
        try:
            ix = PinnedIndex(path)
            ix.reader().close()
            return ix
        except Exception as exc:  # Whoosh raises anything from OSError to unpickling errors on a damaged folder
            reason = f"{type(exc).__name__}: {exc}"
    raise GenerationError(reason)  # out here, the failed read and its open file are gone


def open_index(index_dir: Path) -> PinnedIndex:
    """Open the live generation for reading.

    When a writer publishes meanwhile, the newer generation is opened instead.
    When the live generation cannot be opened, the previous one is, and a
    warning says so; when neither can, IndexDamagedError names the reason.
    An index that holds no document is no index: IndexMissingError.
    """
    for _ in range(OPEN_ATTEMPTS):
        name = current_name(index_dir)
        if name is None:
            raise IndexMissingError(f"{index_dir}: no index yet (run `kb ingest` or `kb index --rebuild`)")
        try:
            ix = open_generation(index_dir / name)
        except GenerationError as exc:
            reason = str(exc)
        else:
            if ix.is_empty():  # (Whoosh's reader of an index without segments lacks half the reader's API)
                raise IndexMissingError(f"{index_dir}: the index holds no document yet: every document "
                                        "ingested so far failed (see `kb ingest`'s errors), or none was")
            return ix
        if current_name(index_dir) == name:
            break
    previous = previous_generation(index_dir, name)
    if previous is not None:
        try:
            ix = open_generation(previous)
        except GenerationError:
            pass  # the live generation's reason is the one worth reporting
        else:
            log.warning("kb: index generation %s cannot be opened (%s); searching the previous generation %s. "
                        "The next `kb index` rebuilds the index from the store.", name, reason, previous.name)
            return ix
    raise IndexDamagedError(f"{index_dir / name}: the index cannot be opened ({reason}); "
                            "run `kb index --rebuild` to rebuild it from the store")


def schema_is_current(index_dir: Path) -> bool:
    """True when the live generation opens and was built with this SCHEMA_VERSION.

    False tells a writer to rebuild the index from the store: after a schema
    change, and when the live generation is damaged.
    """
    gen = current_generation(index_dir)
    if gen is None:
        return False
    try:
        if int((gen / VERSION_FILE).read_text()) != SCHEMA_VERSION:
            return False
        open_generation(gen)
    except (OSError, ValueError, GenerationError):
        return False
    return True


_held_locks: set[int] = set()


def _forget_locks_in_child() -> None:
    # A forked child (a parsing worker) shares the parent's flock; were it to keep
    # the descriptor, the lock would outlive a killed parent for as long as the child runs.
    for fd in _held_locks:
        os.close(fd)
    _held_locks.clear()


os.register_at_fork(after_in_child=_forget_locks_in_child)


class WriteLock:
    """An exclusive lock on one knowledge base, held for a whole command.

    The second writer waits up to `timeout` seconds, then stops with a message
    naming the holder.  The lock is an flock, so it dies with its process:
    a killed writer never leaves a stale lock behind (and forked children
    drop their copy of it).
    """

    def __init__(self, path: Path, timeout: float | None = None):
        self.path = path
        self.timeout = settings.get("lock_timeout") if timeout is None else timeout
        self.fd: int | None = None

    def __enter__(self) -> WriteLock:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        deadline = time.monotonic() + self.timeout
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    os.close(fd)
                    raise IndexLockedError(
                        f"{self.path.parent}: another kb command is writing ({self.holder()}); "
                        f"gave up after {self.timeout:g} s (KB_LOCK_TIMEOUT)"
                    ) from None
                time.sleep(0.1)
        os.ftruncate(fd, 0)
        os.write(fd, json.dumps({"pid": os.getpid(), "command": command_line(),
                                 "since": dt.datetime.now().replace(microsecond=0).isoformat()}).encode())
        self.fd = fd
        _held_locks.add(fd)
        return self

    def holder(self) -> str:
        """Who holds the lock, as its holder wrote it down: "pid 123, kb ingest docs, since 10:04:05"."""
        try:
            info = json.loads(self.path.read_text(errors="replace"))
            return f"pid {info['pid']}, {info['command']}, since {info['since']}"
        except (OSError, ValueError, KeyError, TypeError):
            return "another process"  # the holder has not written its name yet

    def __exit__(self, *exc) -> None:
        if self.fd is not None:
            _held_locks.discard(self.fd)
            os.ftruncate(self.fd, 0)
            fcntl.flock(self.fd, fcntl.LOCK_UN)
            os.close(self.fd)
            self.fd = None


def command_line() -> str:
    """This process's command line as a user would read it: "kb ingest docs"."""
    args = [a for a in sys.argv[1:] if a]
    if args[:1] == ["--data-dir"]:
        args = args[2:]
    return " ".join(["kb", *args])[:200]


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
        self.live: str | None = None

    def __enter__(self) -> Generation:
        self.index_dir.mkdir(parents=True, exist_ok=True)
        self.live = current_name(self.index_dir)
        for name in generation_names(self.index_dir):
            if self.live is None or name > self.live:  # left by a writer that was killed: never published
                shutil.rmtree(self.index_dir / name)
        number = int(self.live[1:]) + 1 if self.live else 1
        self.path = self.index_dir / f"g{number:06d}"
        self.path.mkdir()
        if self.live is not None and not self.rebuild and schema_is_current(self.index_dir):
            live = self.index_dir / self.live
            for f in live.iterdir():
                if f.is_file() and not f.name.endswith("LOCK"):
                    os.link(f, self.path / f.name)
            ix = whoosh_index.open_dir(str(self.path), indexname=INDEX_NAME)
        else:
            ix = whoosh_index.create_in(str(self.path), build_schema(), indexname=INDEX_NAME)
            (self.path / VERSION_FILE).write_text(str(SCHEMA_VERSION))
        if self.procs > 1:
            self.writer = ix.writer(procs=self.procs, limitmb=MULTIPROCESS_LIMIT_MB, multisegment=True)
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
        """Make the new generation durable, then name it in CURRENT; keep the one it replaces."""
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
        prune(self.index_dir, keep=(self.path.name, self.live))


def prune(index_dir: Path, keep: tuple[str | None, ...]) -> None:
    """Remove every generation but those named in `keep` (the live one and the one it replaced).

    A reader that still searches a removed generation keeps working: it holds
    the files open (see PinnedIndex), and the folder is only unlinked.
    """
    for name in generation_names(index_dir):
        if name not in keep:
            shutil.rmtree(index_dir / name, ignore_errors=True)


def index_size(index_dir: Path) -> int:
    gen = current_generation(index_dir)
    if gen is None or not gen.is_dir():
        return 0
    return sum(f.stat().st_size for f in gen.iterdir() if f.is_file())
