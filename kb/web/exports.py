"""Results as downloads: CSV for spreadsheets, Atom for feed readers.

The CSV cells are what `kb search --format csv` and `kb events --format csv`
print: lists joined with "; ", snippets as plain text.
"""

from __future__ import annotations

import csv
import dataclasses
import html
import io
import re
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterable

from kb.search import Hit, SearchResult

HIT_COLUMNS = tuple(f.name for f in dataclasses.fields(Hit))
EVENT_COLUMNS = ("start", "end", "kind", "city", "country", "country_code", "title", "agency", "doc_id", "url")
ATOM_NS = "http://www.w3.org/2005/Atom"
MARK = re.compile(r"</?mark>")
NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")  # characters XML 1.0 cannot hold


def plain(snippet: str) -> str:
    """A snippet's text without its markup."""
    return html.unescape(MARK.sub("", snippet))


def to_csv(rows: Iterable[dict], columns: tuple[str, ...]) -> str:
    """A header row, then one row per dict; always the header, even with no rows."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=columns, extrasaction="ignore", lineterminator="\r\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({k: "; ".join(map(str, v)) if isinstance(v, list) else v for k, v in row.items()})
    return out.getvalue()


def hits_csv(result: SearchResult) -> str:
    return to_csv(({**h.to_dict(), "snippet": plain(h.snippet)} for h in result.hits), HIT_COLUMNS)


def entry_time(hit: Hit) -> str | None:
    """When a document was last dated, as RFC 3339: its own date, else the start of its last year."""
    if hit.date:
        return f"{hit.date}T00:00:00Z"
    return f"{hit.years[-1]:04d}-01-01T00:00:00Z" if hit.years else None


def atom_feed(result: SearchResult, *, title: str, feed_url: str, page_url: str, updated: str,
              doc_url: Callable[[Hit], str]) -> bytes:
    """The hits as an Atom 1.0 feed (RFC 4287); `updated` is an RFC 3339 time for the feed
    and for the entries whose document has no date nor year."""
    ET.register_namespace("", ATOM_NS)
    feed = ET.Element(f"{{{ATOM_NS}}}feed")

    def add(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
        element = ET.SubElement(parent, f"{{{ATOM_NS}}}{tag}", attrs)
        element.text = NOT_XML.sub("", text) if text else text
        return element

    add(feed, "id", feed_url)
    add(feed, "title", title)
    add(feed, "updated", updated)
    add(feed, "link", rel="self", href=feed_url, type="application/atom+xml")
    add(feed, "link", rel="alternate", href=page_url, type="text/html")
    add(feed, "generator", "kb")
    for hit in result.hits:
        entry = add(feed, "entry")
        add(entry, "id", doc_url(hit))
        add(entry, "title", hit.title)
        add(entry, "updated", entry_time(hit) or updated)
        add(add(entry, "author"), "name", hit.agency)
        add(entry, "link", rel="alternate", href=doc_url(hit), type="text/html")
        add(entry, "link", rel="related", href=NOT_XML.sub("", hit.url))
        for code in hit.country_codes:
            add(entry, "category", term=code)
        add(entry, "summary", hit.snippet, type="html")
    return ET.tostring(feed, encoding="utf-8", xml_declaration=True)
