"""The plain records that flow through the pipeline, one stage to the next."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Country:
    code: str  # ISO 3166-1 alpha-2
    name: str  # English short name


@dataclass(frozen=True)
class PlaceMention:
    """A place named in a text: a country, or a city mapped to its country."""

    start: int
    end: int
    surface: str
    country: Country
    city: str | None = None


@dataclass(frozen=True)
class DateSpan:
    """A date or a range of dates found in a text at [start_pos, end_pos)."""

    start_pos: int
    end_pos: int
    start: dt.date
    end: dt.date | None = None


@dataclass(frozen=True)
class Mandate:
    number: int
    declaration: str | None = None


@dataclass
class Event:
    kind: str  # training, seminar, workshop, course, meeting, conference
    title: str
    city: str | None
    country: str | None
    country_code: str | None
    start: dt.date | None
    end: dt.date | None
    passage: int | None = None  # position of the passage it came from
    precision: str = "day"  # "day", or "month" when the text names only the month (start..end is that month)


@dataclass
class Block:
    """A run of text from a parsed document: a heading, a paragraph or a list item."""

    text: str
    kind: str = "paragraph"  # heading | paragraph | item
    level: int = 0  # heading level, 1..6 for headings


@dataclass
class ParsedDocument:
    title: str
    blocks: list[Block]
    doc_type: str  # html | pdf | text
    charset: str | None = None
    page_count: int | None = None


@dataclass
class Passage:
    doc_id: str
    position: int
    heading: str
    text: str
    language: str = "und"
    countries: list[Country] = field(default_factory=list)
    bodies: list[str] = field(default_factory=list)
    mandates: list[Mandate] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)


@dataclass
class RawDocument:
    """Bytes as they came in, before any parsing: from a file, a WARC record or a fetch."""

    url: str
    body: bytes
    content_type: str  # text/html, application/pdf or text/plain
    source: str  # where the bytes came from, for messages: a path, "archive.warc.gz#1234", a URL
    charset: str | None = None  # as declared by the server, if any
    fetched_at: str | None = None  # ISO 8601, UTC
    agency_hint: str | None = None
    etag: str | None = None
    last_modified: str | None = None
    warc_file: str | None = None
    warc_offset: int | None = None


@dataclass
class DocumentInfo:
    """Everything kb knows about one document: what `kb show` and `kb export` print."""

    doc_id: str
    url: str
    title: str
    agency: str
    doc_type: str
    language: str
    bodies: list[str] = field(default_factory=list)
    years: list[int] = field(default_factory=list)
    date: dt.date | None = None
    countries: list[Country] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    mandates: list[Mandate] = field(default_factory=list)
    passages: int = 0
    sha256: str = ""
    fetched_at: str | None = None


def event_to_dict(event: Event) -> dict:
    return {
        "kind": event.kind,
        "title": event.title,
        "city": event.city,
        "country": event.country,
        "country_code": event.country_code,
        "start": event.start.isoformat() if event.start else None,
        "end": event.end.isoformat() if event.end else None,
        "precision": event.precision,
    }


def event_from_dict(d: dict) -> Event:
    return Event(
        kind=d["kind"], title=d["title"], city=d["city"], country=d["country"], country_code=d["country_code"],
        start=dt.date.fromisoformat(d["start"]) if d["start"] else None,
        end=dt.date.fromisoformat(d["end"]) if d["end"] else None,
        passage=d.get("passage"),
        precision=d.get("precision", "day"),
    )


def document_to_dict(doc: DocumentInfo) -> dict:
    """The JSON shape of a document, shared by `kb export`, `kb show` and the API."""
    return {
        "doc_id": doc.doc_id,
        "url": doc.url,
        "title": doc.title,
        "agency": doc.agency,
        "bodies": doc.bodies,
        "doc_type": doc.doc_type,
        "language": doc.language,
        "years": doc.years,
        "date": doc.date.isoformat() if doc.date else None,
        "countries": [c.name for c in doc.countries],
        "country_codes": [c.code for c in doc.countries],
        "events": [dict(event_to_dict(e), passage=e.passage) for e in doc.events],
        "mandates": [m.number for m in doc.mandates],
        "declarations": {str(m.number): m.declaration for m in doc.mandates if m.declaration},
        "passages": doc.passages,
        "sha256": doc.sha256,
        "fetched_at": doc.fetched_at,
    }


def document_from_dict(d: dict) -> DocumentInfo:
    declarations = d.get("declarations") or {}
    return DocumentInfo(
        doc_id=d["doc_id"], url=d["url"], title=d["title"], agency=d["agency"], doc_type=d["doc_type"],
        language=d["language"], bodies=list(d["bodies"]), years=list(d["years"]),
        date=dt.date.fromisoformat(d["date"]) if d["date"] else None,
        countries=[Country(code, name) for code, name in zip(d["country_codes"], d["countries"], strict=True)],
        events=[event_from_dict(e) for e in d["events"]],
        mandates=[Mandate(n, declarations.get(str(n))) for n in d["mandates"]],
        passages=d["passages"], sha256=d["sha256"], fetched_at=d["fetched_at"],
    )
