"""Results as an Atom feed, for researchers who subscribe to a search."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Callable

from kb.search import Hit, SearchResult

ATOM_NS = "http://www.w3.org/2005/Atom"
NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")  # characters XML 1.0 cannot hold


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
