"""The crawl archive: every HTTP exchange written as a WARC request/response pair (gzip, one member per record).

A response record keeps the body as the server sent it (still gzip- or
deflate-encoded when it was), so the archive can be replayed or handed to other
tools; only the chunked transfer-coding, which the HTTP client has already
undone, is dropped from its headers.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from io import BytesIO
from pathlib import Path

from warcio.archiveiterator import ArchiveIterator
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

# Headers that describe the connection rather than the body we archive.
HOP_HEADERS = frozenset({"transfer-encoding", "content-length"})


@dataclass
class Exchange:
    """One HTTP request and the response it got, as they are archived."""

    url: str
    request_line: str  # "GET /path?q HTTP/1.1"
    request_headers: list[tuple[str, str]]
    http_version: str  # "HTTP/1.1"
    status: int
    reason: str
    response_headers: list[tuple[str, str]]
    payload: bytes  # the body as received, content-encoding included
    date: str  # WARC-Date: ISO 8601, UTC, to the second
    extra: dict[str, str] = field(default_factory=dict)  # more WARC headers for the response record

    def header(self, name: str) -> str | None:
        name = name.lower()
        return next((v for k, v in self.response_headers if k.lower() == name), None)


@dataclass
class ArchivedResponse:
    url: str
    date: str
    status: int
    headers: dict[str, str]  # lower-cased names
    body: bytes  # content-encoding undone


class Archive:
    """One WARC file, appended to; opened on the first write so that a run that fetches nothing leaves no file."""

    def __init__(self, path: Path, info: dict[str, str]):
        self.path = path
        self.info = info
        self._file = None
        self._writer: WARCWriter | None = None

    def append(self, exchanges: list[Exchange]) -> list[int]:
        """Write each exchange as a response record followed by its request; returns the responses' offsets."""
        if self._writer is None:
            self._open()
        offsets = []
        for ex in exchanges:
            offsets.append(self._file.tell())
            self._writer.write_request_response_pair(self._request(ex), self._response(ex))
        return offsets

    def sync(self) -> int:
        """Push what was written to disk; returns the offset where the next record will start."""
        if self._file is None:
            return 0
        self._file.flush()
        os.fsync(self._file.fileno())
        return self._file.tell()

    def close(self) -> None:
        if self._file is not None:
            self._file.close()
            self._file = None
            self._writer = None

    def _open(self) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._file = self.path.open("ab")
        self._writer = WARCWriter(self._file, gzip=True)
        if self._file.tell() == 0:
            self._writer.write_record(self._writer.create_warcinfo_record(self.path.name, self.info))

    def _response(self, ex: Exchange):
        headers = [(k, v) for k, v in ex.response_headers if k.lower() not in HOP_HEADERS]
        headers.append(("Content-Length", str(len(ex.payload))))
        http = StatusAndHeaders(f"{ex.status} {ex.reason}".strip(), headers, protocol=ex.http_version)
        return self._writer.create_warc_record(
            ex.url, "response", payload=BytesIO(ex.payload), length=len(ex.payload), http_headers=http,
            warc_headers_dict={"WARC-Date": ex.date, **ex.extra},
        )

    def _request(self, ex: Exchange):
        http = StatusAndHeaders(ex.request_line, ex.request_headers, is_http_request=True)
        return self._writer.create_warc_record(ex.url, "request", http_headers=http,
                                               warc_headers_dict={"WARC-Date": ex.date})


def read_response(path: Path, offset: int, limit: int) -> ArchivedResponse:
    """The response record that starts at `offset`, its body decoded and cut at `limit` bytes."""
    with path.open("rb") as stream:
        stream.seek(offset)
        record = next(iter(ArchiveIterator(stream)))
        if record.rec_type != "response":
            raise ValueError(f"{path}#{offset}: a {record.rec_type} record, not a response")
        http = record.http_headers
        return ArchivedResponse(
            url=record.rec_headers.get_header("WARC-Target-URI"),
            date=record.rec_headers.get_header("WARC-Date"),
            status=int(http.get_statuscode()),
            headers={k.lower(): v for k, v in http.headers},
            body=record.content_stream().read(limit),
        )


def cut_back(path: Path, size: int) -> int:
    """Drop whatever follows the first `size` bytes (records a killed crawl wrote but never committed).

    Returns the number of bytes removed; a file cut back to nothing is deleted.
    """
    try:
        extra = path.stat().st_size - size
    except FileNotFoundError:
        return 0
    if extra <= 0:
        return 0
    if size == 0:
        path.unlink()
        return extra
    with path.open("r+b") as f:
        f.truncate(size)
        f.flush()
        os.fsync(f.fileno())
    return extra
