"""Backups: a knowledge base's store as one standard WARC file, and back.

`kb export --format warc -o FILE` writes every stored document as a WARC
`response` record: its original URL, its HTTP headers (Content-Type with the
charset, ETag, Last-Modified), WARC-Date set to when it was fetched, and the
catalog's own fields as WARC-KB-* headers.  A URL that served the same bytes as
another is a `revisit` record pointing at it.  `kb import FILE` puts the
records back into a store and indexes them: the index is derived from the
bytes, so it is rebuilt rather than copied, and a knowledge base moved this
way answers every search as the original did.

Any WARC reader can open the file; kb reads a WARC written by another tool too,
taking WARC-Date as the fetch time.  Where a document came from in a crawl's
own archives (warc_file, warc_offset) is not carried over: those archives stay
on the machine that crawled.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import io
import os
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from kb import settings
from kb.errors import InputError
from kb.index import WriteLock
from kb.models import RawDocument
from kb.settings import Paths
from kb.sources import media_type
from kb.store import DocumentRecord, Store, doc_id_for, fsync_dir

if TYPE_CHECKING:
    from kb.ingest import IngestReport

# kb's catalog fields that have no standard WARC or HTTP header
SHA256 = "WARC-KB-SHA256"  # checked on import: a damaged record is refused, not stored
INGESTED_AT = "WARC-KB-Ingested-At"  # also marks a record as written by kb
FETCHED_AT = "WARC-KB-Fetched-At"  # exactly as the catalog held it (WARC-Date has a fixed format)
AGENCY_HINT = "WARC-KB-Agency-Hint"
HTTP_SCHEMES = ("http:", "https:")  # warcio reads HTTP headers only in records of these URLs
WARC_INFO = {"software": "kb export", "format": "WARC File Format 1.1",
             "description": "a kb knowledge base: every stored document, restored by `kb import`"}


def warc_date(iso: str | None) -> str | None:
    """An ISO 8601 time as WARC-Date wants it (UTC, "Z"), or None when it does not parse."""
    try:
        when = dt.datetime.fromisoformat(iso or "")
    except ValueError:
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=dt.UTC)
    return when.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def export_warc(paths: Paths, target: Path) -> int:
    """Write the whole store to `target` (gzipped when it ends in .gz); returns the records written.

    The file appears complete or not at all: it is written beside the target
    and renamed.  Needs no lock: the catalog is read in one transaction and
    blobs never change once a row names them.
    """
    target = Path(target)
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.")
    written = 0
    try:
        with os.fdopen(fd, "wb") as out, Store(paths.store_dir) as store:
            writer = WARCWriter(out, gzip=target.name.endswith(".gz"), warc_version="WARC/1.1")
            writer.write_record(writer.create_warcinfo_record(target.name, WARC_INFO))
            store.db.execute("BEGIN")
            try:
                records, aliases = list(store.records()), store.aliases()
            finally:
                store.db.execute("COMMIT")
            for record in records:
                writer.write_record(document_record(writer, store, record))
                written += 1
            for url, doc_id in aliases:
                original = store.record(doc_id)
                if original is not None:
                    digest = hashlib.sha1(store.read_blob(original.sha256)).digest()  # as warcio writes it
                    writer.write_record(writer.create_revisit_record(
                        url, "sha1:" + base64.b32encode(digest).decode(), original.url,
                        warc_date(original.fetched_at) or warc_date(original.ingested_at)))
                    written += 1
            out.flush()
            os.fsync(out.fileno())
        os.replace(tmp, target)
        fsync_dir(target.parent)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return written


def document_record(writer: WARCWriter, store: Store, record: DocumentRecord):
    """A `response` record for an HTTP URL; a `resource` record (no HTTP headers) for a file: URL."""
    body = store.read_blob(record.sha256)
    content_type = record.content_type + (f"; charset={record.charset}" if record.charset else "")
    kb = {SHA256: record.sha256, INGESTED_AT: record.ingested_at, FETCHED_AT: record.fetched_at,
          AGENCY_HINT: record.agency_hint}
    headers = {k: v for k, v in kb.items() if v}
    headers["WARC-Date"] = warc_date(record.fetched_at) or warc_date(record.ingested_at)
    if not record.url.startswith(HTTP_SCHEMES):
        return writer.create_warc_record(record.url, "resource", payload=io.BytesIO(body), length=len(body),
                                         warc_content_type=content_type, warc_headers_dict=headers)
    http = [("Content-Type", content_type), ("Content-Length", str(len(body)))]
    http += [(name, value) for name, value in (("ETag", record.etag), ("Last-Modified", record.last_modified))
             if value]
    return writer.create_warc_record(record.url, "response", payload=io.BytesIO(body), length=len(body),
                                     http_headers=StatusAndHeaders("200 OK", http, protocol="HTTP/1.1"),
                                     warc_headers_dict=headers)


class Alias(NamedTuple):
    """A revisit record: `url` served the same bytes as `original`."""

    url: str
    original: str


def read_backup(path: Path) -> Iterator[tuple[RawDocument, str | None] | Alias | InputError]:
    """Every document of a WARC with its original ingested_at (None unless kb wrote the record),
    every revisit as an Alias, and an InputError for each record that cannot be restored."""
    limit = settings.get("max_document_bytes")
    try:
        with open(path, "rb") as stream:
            records = ArchiveIterator(stream)
            for record in records:
                header = record.rec_headers.get_header
                url = header("WARC-Target-URI")
                if record.rec_type == "revisit" and url and header("WARC-Refers-To-Target-URI"):
                    yield Alias(url, header("WARC-Refers-To-Target-URI"))
                if record.rec_type not in ("response", "resource") or not url:
                    continue
                http = record.http_headers
                declared = http.get_header("Content-Type") if http else header("Content-Type")
                content_type, charset = media_type(declared) if http or record.rec_type == "resource" else (None, None)
                body = record.content_stream().read(limit + 1) if content_type else b""
                where = f"{path}#{records.get_record_offset()}"
                if content_type is None:
                    continue  # an image or a stylesheet: kb keeps only what it can index
                if len(body) > limit:
                    yield InputError(where, f"{url}: payload larger than the {limit} byte limit; record skipped")
                    continue
                if header(SHA256) and hashlib.sha256(body).hexdigest() != header(SHA256):
                    yield InputError(where, f"{url}: payload does not match its {SHA256}; record skipped")
                    continue
                ours = header(INGESTED_AT) is not None
                yield RawDocument(
                    url=url, body=body, content_type=content_type, source=where, charset=charset,
                    fetched_at=header(FETCHED_AT) if ours else header("WARC-Date"),
                    agency_hint=header(AGENCY_HINT),
                    etag=http.get_header("ETag") if http else None,
                    last_modified=http.get_header("Last-Modified") if http else None,
                ), header(INGESTED_AT)
    except (ArchiveLoadFailed, OSError, EOFError, ValueError) as exc:
        yield InputError(str(path), f"unreadable WARC archive ({exc})")


def import_warc(paths: Paths, path: Path, on_error: Callable[[str], None] | None = None,
                progress: Callable[[str], None] | None = None) -> IngestReport:
    """Store every document of a backup (keeping its catalog fields), restore its aliases, then index."""
    from kb.ingest import IngestReport, fail, index_store  # the parsers load only when there is work

    report = IngestReport()
    aliases: list[Alias] = []
    with WriteLock(paths.lock_file), Store(paths.store_dir) as store:
        for item in read_backup(Path(path)):
            if isinstance(item, InputError):
                fail(report, str(item), on_error)
            elif isinstance(item, Alias):
                aliases.append(item)
            else:
                raw, ingested_at = item
                _, status = store.put(raw, ingested_at=ingested_at)
                setattr(report, status, getattr(report, status) + 1)
                if progress:
                    progress(raw.url)
        with store.transaction():
            for url, original in aliases:
                if store.record(doc_id_for(original)) is not None and store.record_for_url(url) is None:
                    store.add_alias(url, doc_id_for(original))
        index_store(paths, store, report, on_error=on_error, progress=progress)
    return report
