"""The corpus store: raw bytes content-addressed by sha256, and a SQLite catalog.

Blobs are written to a temporary file, fsynced and renamed before the catalog
row that names them is committed, so a crash at any moment leaves a catalog
whose every row points at a complete blob (an orphan blob is harmless).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import os
import sqlite3
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from kb.models import RawDocument

SCHEMA = """
CREATE TABLE IF NOT EXISTS documents (
    doc_id TEXT PRIMARY KEY,
    url TEXT NOT NULL UNIQUE,
    sha256 TEXT NOT NULL,
    size INTEGER NOT NULL,
    content_type TEXT NOT NULL,
    charset TEXT,
    agency_hint TEXT,
    agency TEXT,
    fetched_at TEXT,
    ingested_at TEXT NOT NULL,
    etag TEXT,
    last_modified TEXT,
    warc_file TEXT,
    warc_offset INTEGER,
    indexed_sha256 TEXT,
    error TEXT
);
CREATE INDEX IF NOT EXISTS documents_sha256 ON documents(sha256);
CREATE TABLE IF NOT EXISTS aliases (
    url TEXT PRIMARY KEY,
    doc_id TEXT NOT NULL REFERENCES documents(doc_id)
);
"""


def doc_id_for(url: str) -> str:
    """A short, stable identifier for the document at a URL: it survives changes of content."""
    return hashlib.sha256(url.encode("utf-8")).hexdigest()[:16]


def now_iso() -> str:
    return dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat()


@dataclass
class DocumentRecord:
    doc_id: str
    url: str
    sha256: str
    size: int
    content_type: str
    charset: str | None
    agency_hint: str | None
    agency: str | None
    fetched_at: str | None
    ingested_at: str
    etag: str | None
    last_modified: str | None
    warc_file: str | None
    warc_offset: int | None
    indexed_sha256: str | None
    error: str | None


class Store:
    """One knowledge base's raw documents and their catalog."""

    def __init__(self, store_dir: Path):
        self.dir = Path(store_dir)
        self.objects_dir = self.dir / "objects"
        self.objects_dir.mkdir(parents=True, exist_ok=True)
        self.db = sqlite3.connect(self.dir / "catalog.sqlite", timeout=30, isolation_level=None)
        self.db.row_factory = sqlite3.Row
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.execute("PRAGMA synchronous=FULL")
        self.db.executescript(SCHEMA)

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # Blobs

    def blob_path(self, sha256: str) -> Path:
        return self.objects_dir / sha256[:2] / sha256[2:]

    def write_blob(self, body: bytes) -> str:
        sha256 = hashlib.sha256(body).hexdigest()
        path = self.blob_path(sha256)
        if path.exists():
            return sha256
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
        try:
            with os.fdopen(fd, "wb") as f:
                f.write(body)
                f.flush()
                os.fsync(f.fileno())
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        fsync_dir(path.parent)
        return sha256

    def read_blob(self, sha256: str) -> bytes:
        return self.blob_path(sha256).read_bytes()

    # Catalog

    def put(self, raw: RawDocument, ingested_at: str | None = None) -> tuple[str, str]:
        """Keep a document's bytes; returns (doc_id, status).

        status is "new", "changed", "unchanged", or "duplicate" when the same
        bytes are already stored under another URL (the URL becomes an alias).
        ingested_at is now unless given (a restored backup keeps the original's).
        """
        sha256 = self.write_blob(raw.body)
        doc_id = doc_id_for(raw.url)
        self.db.execute("BEGIN IMMEDIATE")
        try:
            row = self.db.execute("SELECT sha256 FROM documents WHERE doc_id = ?", (doc_id,)).fetchone()
            if row is None:
                # Two empty files are not one document: each keeps its own row (and its own error).
                twin = raw.body and self.db.execute(
                    "SELECT doc_id FROM documents WHERE sha256 = ? AND url != ? LIMIT 1", (sha256, raw.url)
                ).fetchone()
                if twin:
                    self.db.execute(
                        "INSERT OR REPLACE INTO aliases(url, doc_id) VALUES (?, ?)", (raw.url, twin["doc_id"])
                    )
                    self.db.execute("COMMIT")
                    return twin["doc_id"], "duplicate"
                status = "new"
            elif row["sha256"] == sha256:
                self._remember_validators(doc_id, raw)
                self.db.execute("COMMIT")
                return doc_id, "unchanged"
            else:
                status = "changed"
            self.db.execute(
                """INSERT INTO documents(doc_id, url, sha256, size, content_type, charset, agency_hint,
                       fetched_at, ingested_at, etag, last_modified, warc_file, warc_offset)
                   VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                   ON CONFLICT(doc_id) DO UPDATE SET
                       sha256 = excluded.sha256, size = excluded.size, content_type = excluded.content_type,
                       charset = excluded.charset, agency_hint = COALESCE(excluded.agency_hint, agency_hint),
                       fetched_at = excluded.fetched_at, ingested_at = excluded.ingested_at,
                       etag = excluded.etag, last_modified = excluded.last_modified,
                       warc_file = excluded.warc_file, warc_offset = excluded.warc_offset, error = NULL""",
                (doc_id, raw.url, sha256, len(raw.body), raw.content_type, raw.charset, raw.agency_hint,
                 raw.fetched_at, ingested_at or now_iso(), raw.etag, raw.last_modified, raw.warc_file,
                 raw.warc_offset),
            )
            self.db.execute("COMMIT")
        except BaseException:
            self.db.execute("ROLLBACK")
            raise
        return doc_id, status

    def _remember_validators(self, doc_id: str, raw: RawDocument) -> None:
        if raw.etag or raw.last_modified or raw.fetched_at:
            self.db.execute(
                """UPDATE documents SET etag = COALESCE(?, etag), last_modified = COALESCE(?, last_modified),
                       fetched_at = COALESCE(?, fetched_at) WHERE doc_id = ?""",
                (raw.etag, raw.last_modified, raw.fetched_at, doc_id),
            )

    def record(self, doc_id: str) -> DocumentRecord | None:
        row = self.db.execute("SELECT * FROM documents WHERE doc_id = ?", (doc_id,)).fetchone()
        return DocumentRecord(**row) if row else None

    def record_for_url(self, url: str) -> DocumentRecord | None:
        row = self.db.execute(
            """SELECT * FROM documents WHERE url = ?
               UNION ALL SELECT d.* FROM aliases a JOIN documents d USING (doc_id) WHERE a.url = ?
               LIMIT 1""",
            (url, url),
        ).fetchone()
        return DocumentRecord(**row) if row else None

    def records(self) -> Iterator[DocumentRecord]:
        for row in self.db.execute("SELECT * FROM documents ORDER BY doc_id").fetchall():
            yield DocumentRecord(**row)

    def pending(self) -> list[DocumentRecord]:
        """Documents whose current bytes are not yet in the index (and did not fail to parse)."""
        rows = self.db.execute(
            """SELECT * FROM documents WHERE (indexed_sha256 IS NULL OR indexed_sha256 != sha256)
               AND (error IS NULL) ORDER BY doc_id"""
        ).fetchall()
        return [DocumentRecord(**row) for row in rows]

    def mark_indexed(self, entries: list[tuple[str, str, str | None]]) -> None:
        """Record that (doc_id, sha256, agency) are now in the index, in one transaction."""
        with self.transaction():
            self.db.executemany(
                "UPDATE documents SET indexed_sha256 = ?, agency = ?, error = NULL WHERE doc_id = ? AND sha256 = ?",
                [(sha, agency, doc_id, sha) for doc_id, sha, agency in entries],
            )

    def mark_failed(self, doc_id: str, sha256: str, reason: str) -> None:
        self.db.execute("UPDATE documents SET error = ? WHERE doc_id = ? AND sha256 = ?", (reason, doc_id, sha256))

    @contextlib.contextmanager
    def transaction(self) -> Iterator[None]:
        """One write transaction (the connection is in autocommit mode, where `with db:` would not begin one)."""
        self.db.execute("BEGIN IMMEDIATE")
        try:
            yield
        except BaseException:
            self.db.execute("ROLLBACK")
            raise
        self.db.execute("COMMIT")

    def aliases(self) -> list[tuple[str, str]]:
        """(url, doc_id) of every URL that served the same bytes as an earlier one."""
        return [(row["url"], row["doc_id"]) for row in self.db.execute("SELECT url, doc_id FROM aliases ORDER BY url")]

    def add_alias(self, url: str, doc_id: str) -> None:
        self.db.execute("INSERT OR REPLACE INTO aliases(url, doc_id) VALUES (?, ?)", (url, doc_id))

    def verify(self) -> list[str]:
        """What is wrong between the catalog and the files: rows whose blob is missing or
        does not hash to its sha256.  Empty when the store is sound.  Reads every blob."""
        problems = []
        for record in self.records():
            path = self.blob_path(record.sha256)
            try:
                digest = hashlib.sha256(path.read_bytes()).hexdigest()
            except FileNotFoundError:
                problems.append(f"{record.url}: blob {record.sha256} is missing")
                continue
            if digest != record.sha256:
                problems.append(f"{record.url}: blob {record.sha256} holds bytes hashing to {digest}")
        return problems

    def counts(self) -> dict[str, int]:
        row = self.db.execute(
            """SELECT COUNT(*) AS documents, COALESCE(SUM(size), 0) AS bytes,
                      SUM(error IS NOT NULL) AS failed FROM documents"""
        ).fetchone()
        return {"documents": row["documents"], "bytes": row["bytes"], "failed": row["failed"] or 0}


def fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
