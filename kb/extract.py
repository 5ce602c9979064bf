"""Know what a document is about: run every extractor over each passage and roll
the findings up to the document."""

from __future__ import annotations

import datetime as dt
from collections import Counter

from kb.agencies import OTHER, agency_from_text, agency_from_url, find_bodies
from kb.dates import find_dateline
from kb.events import find_events
from kb.language import detect_language
from kb.mandates import find_mandates
from kb.models import DocumentInfo, Event, Mandate, ParsedDocument, Passage
from kb.places import find_countries

OPENING_WORDS = 80  # a report names its publisher at its head, and other agencies all through


def annotate(passages: list[Passage], parsed: ParsedDocument) -> None:
    """Fill in each passage's language, countries, bodies, mandates and events."""
    full_text = "\n".join(p.text for p in passages)
    dateline = find_dateline(full_text)
    year = dateline.year if dateline else None
    for p in passages:
        text = f"{p.heading}\n{p.text}" if p.heading else p.text
        p.language = detect_language(p.text)
        p.countries = find_countries(text)
        p.bodies = find_bodies(text)
        p.mandates = find_mandates(p.text)
        p.events = find_events(p.text, heading=p.heading or parsed.title, dateline_year=year, passage=p.position)


def describe(doc_id: str, url: str, parsed: ParsedDocument, passages: list[Passage],
             agency_hint: str | None = None, sha256: str = "", fetched_at: str | None = None) -> DocumentInfo:
    """Roll the passages' findings up into the document's metadata."""
    full_text = "\n".join(p.text for p in passages)
    dateline = find_dateline(full_text)
    # The publisher names itself in the title more reliably than in a text that cites other agencies.
    opening = " ".join(full_text.split()[:OPENING_WORDS])
    agency = (agency_from_url(url) or agency_from_text(parsed.title) or agency_from_text(opening)
              or agency_from_text(full_text) or agency_hint or OTHER)
    languages: Counter[str] = Counter()
    for p in passages:
        languages[p.language] += len(p.text)
    known = [(lang, n) for lang, n in languages.most_common() if lang != "und"]
    events: list[Event] = [e for p in passages for e in p.events]
    years = {e.start.year for e in events if e.start}
    if dateline:
        years.add(dateline.year)
    return DocumentInfo(
        doc_id=doc_id,
        url=url,
        title=parsed.title or url,
        agency=agency,
        doc_type=parsed.doc_type,
        language=known[0][0] if known else "und",
        bodies=distinct(b for p in passages for b in p.bodies),
        years=sorted(years),
        date=dateline,
        countries=distinct(c for p in passages for c in p.countries),
        events=sorted(events, key=lambda e: (e.start is None, e.start or dt.date.max, e.passage or 0)),
        mandates=distinct_mandates(m for p in passages for m in p.mandates),
        passages=len(passages),
        sha256=sha256,
        fetched_at=fetched_at,
    )


def distinct(items) -> list:
    seen: dict = {}
    for item in items:
        seen.setdefault(item, None)
    return list(seen)


def distinct_mandates(mandates) -> list[Mandate]:
    """One per number, keeping the first declaration the text names for it."""
    by_number: dict[int, Mandate] = {}
    for m in mandates:
        known = by_number.get(m.number)
        if known is None or (known.declaration is None and m.declaration):
            by_number[m.number] = m
    return list(by_number.values())
