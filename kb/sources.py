"""Turn what a user names on the command line (files, folders, WARC archives)
into raw documents, without parsing them."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from kb import settings
from kb.errors import InputError
from kb.models import RawDocument

HTML = "text/html"
PDF = "application/pdf"
TEXT = "text/plain"
KEPT_TYPES = (HTML, PDF, TEXT)

EXTENSION_TYPES = {
    ".html": HTML, ".htm": HTML, ".xhtml": HTML, ".asp": HTML, ".aspx": HTML, ".php": HTML,
    ".jsp": HTML, ".shtml": HTML, ".cfm": HTML,
    ".pdf": PDF,
    ".txt": TEXT, ".text": TEXT,
}
WARC_SUFFIXES = (".warc", ".warc.gz")


def media_type(content_type_header: str | None) -> tuple[str | None, str | None]:
    """("text/html; charset=utf-8") -> ("text/html", "utf-8"); types kb does not keep -> (None, charset)."""
    if not content_type_header:
        return None, None
    parts = [p.strip() for p in content_type_header.split(";")]
    mime = parts[0].lower()
    charset = None
    for p in parts[1:]:
        key, _, value = p.partition("=")
        if key.strip().lower() == "charset" and value:
            charset = value.strip().strip("'\"").lower()
    if mime in ("application/xhtml+xml",):
        mime = HTML
    return (mime if mime in KEPT_TYPES else None), charset


def is_warc(path: Path) -> bool:
    return path.name.lower().endswith(WARC_SUFFIXES)


def read_sources(names: list[str], agency_hint: str | None = None) -> Iterator[RawDocument | InputError]:
    """Yield a raw document for every readable input, or an InputError for each that is not.

    Folders are walked recursively in name order; hidden files and files of
    other types are passed over silently (a folder holds README files and the like).
    """
    for name in names:
        path = Path(name)
        if path.is_dir():
            for child in sorted(p for p in path.rglob("*") if p.is_file()):
                if any(part.startswith(".") for part in child.relative_to(path).parts):
                    continue
                if is_warc(child) or child.suffix.lower() in EXTENSION_TYPES:
                    yield from read_path(child, agency_hint)
        elif path.is_file():
            yield from read_path(path, agency_hint, named=True)
        elif path.exists():
            yield InputError(name, "not a regular file or folder (a pipe, a device or a socket)")
        else:
            yield InputError(name, "no such file or folder")


def read_path(path: Path, agency_hint: str | None, named: bool = False) -> Iterator[RawDocument | InputError]:
    if is_warc(path):
        yield from read_warc(path, agency_hint)
        return
    content_type = EXTENSION_TYPES.get(path.suffix.lower())
    if content_type is None:
        if named:
            yield InputError(str(path), f"unsupported file type {path.suffix or '(no extension)'!r}")
        return
    try:
        size = path.stat().st_size
        if size > settings.get("max_document_bytes"):
            yield InputError(str(path), f"larger than the {settings.get('max_document_bytes')} byte limit")
            return
        body = path.read_bytes()
        mtime = dt.datetime.fromtimestamp(path.stat().st_mtime, dt.UTC).replace(microsecond=0)
    except OSError as exc:
        yield InputError(str(path), exc.strerror or str(exc))
        return
    yield RawDocument(
        url=path.resolve().as_uri(),
        body=body,
        content_type=content_type,
        source=str(path),
        fetched_at=mtime.isoformat(),
        agency_hint=agency_hint,
    )


def read_warc(path: Path, agency_hint: str | None) -> Iterator[RawDocument | InputError]:
    """Every `response` record with an HTML, PDF or text payload is one document."""
    limit = settings.get("max_document_bytes")
    try:
        with path.open("rb") as stream:
            records = ArchiveIterator(stream)
            for record in records:
                if record.rec_type != "response":
                    continue
                url = record.rec_headers.get_header("WARC-Target-URI")
                http = record.http_headers
                content_type, charset = media_type(http.get_header("Content-Type") if http else None)
                if content_type is None:  # what the crawler sniffed, when the server named no usable type
                    content_type, _ = media_type(record.rec_headers.get_header("WARC-Identified-Payload-Type"))
                if content_type is None and url:
                    content_type = EXTENSION_TYPES.get(Path(url.split("?")[0]).suffix.lower())
                ok = http is None or http.get_statuscode().startswith("2")
                body = record.content_stream().read(limit + 1) if ok and content_type and url else b""
                offset = records.get_record_offset()  # reads the record to its end: only after its content
                where = f"{path}#{offset}"
                if not url:
                    yield InputError(where, "response record without WARC-Target-URI")
                    continue
                if not ok or content_type is None:
                    continue
                if len(body) > limit:
                    yield InputError(where, f"payload larger than the {limit} byte limit")
                    continue
                yield RawDocument(
                    url=url,
                    body=body,
                    content_type=content_type,
                    source=where,
                    charset=charset,
                    fetched_at=record.rec_headers.get_header("WARC-Date"),
                    agency_hint=agency_hint,
                    etag=http.get_header("ETag") if http else None,
                    last_modified=http.get_header("Last-Modified") if http else None,
                    warc_file=str(path),
                    warc_offset=offset,
                )
    except (ArchiveLoadFailed, OSError, EOFError, ValueError) as exc:
        yield InputError(str(path), f"unreadable WARC archive ({exc})")
