"""Know what a document is about: run every extractor over each passage and roll
the findings up to the document."""

from __future__ import annotations

import dataclasses
import datetime as dt
import itertools
import re
from collections import Counter

from kb.agencies import OTHER, agency_from_text, agency_from_url, find_bodies
from kb.dates import (
    PLACEHOLDER_YEAR,
    SHORT_MONTH_END,
    YESTERDAY,
    Dateline,
    find_dates,
    find_relative_dates,
    line_dateline,
    numeric_order,
    read_dateline,
)
from kb.events import DAY_FIRST_LANGUAGES, MEETING_VERBS, TODAY, Context, find_events, kind_of, story_venue
from kb.language import detect_language
from kb.mandates import find_mandates
from kb.models import Block, Country, DateSpan, DocumentInfo, Event, Mandate, ParsedDocument, Passage, PlaceMention
from kb.parse import CELL_SEPARATOR
from kb.places import find_countries, find_places, in_a_name, name_key, settled_country, towns_with_countries

OPENING_WORDS = 80  # a report names its publisher at its head, and other agencies all through
# A postal address in a page's footer names the office, not what the page is about:
# "17th Street and Constitution Ave., N.W. Washington, D.C. 20006".  A line is
# one when it has a street and a postal code, or either in a few words.
STREET = re.compile(
    r"\b\d+(?:st|nd|rd|th)?\s+(?:[A-Z]\s+)?(?:Street|St\.|Avenue|Ave\.)|\b(?:Calle|Avenida|Av\.)\s+\S|\bN\.\s?W\."
)
POSTAL = re.compile(
    r"\b(?:D\.C\.|[A-Z]{2})\s+\d{5}\b|\b(?:P\.O\.|Post Office)\s+Box\b|\b(?:Apartado|Casilla)\s+(?:Postal\s+)?\d"
)
ADDRESS = re.compile(f"(?:{STREET.pattern})[^\n]{{0,60}}?(?:{POSTAL.pattern})")
PHONE = re.compile(r"\b(?:Tel|Tél|Phone|Tel[ée]fono|Fax)\.?\s*:?\s*\(?\+?\d", re.IGNORECASE)
MAX_ADDRESS_WORDS = 25
# The issuing office that leads a story whose date stands above it: "Washington, D.C. – L'Organisation ...".
OFFICE_LEAD = re.compile(r"^[ \t]*([A-ZÁÉÍÓÚÑ][^\n,–—]{1,30}(?:,[ \t]*[A-Z][^\n,–—]{0,12})?)[ \t]+[–—-][ \t]+(?=\S)",
                         re.MULTILINE)
# A copyright notice, and a signature of short fields ("Summits Secretariat – Organization
# of American States – Washington, D.C."), name the publisher's seat, not the subject.
COPYRIGHT = re.compile(r"©|\([cC]\)\s*(?:19|20)\d\d|\bcopyright\b", re.IGNORECASE)
FIELD_SEPARATOR = re.compile(r"\s[–—|·•]\s|\s-\s")
MIN_SIGNATURE_FIELDS = 3
MAX_FIELD_WORDS = 8
MAX_RUN = 3  # how many passages a table cut across passages is read over, each way
# The last sentence is complete, or cut short on purpose: a teaser's "…" goes on elsewhere, not below.
ENDS_A_SENTENCE = re.compile(r"(?:[.!?:;…]|\[…\]|\(…\))[\"'”’)\]]*\s*$")
SHORT_ADDRESS_WORDS = 12
# The head of a document: its title and the short lines above its first paragraph.
MAX_HEAD_BLOCKS = 6
MIN_PROSE_WORDS = 20
HEAD_YEAR = re.compile(r"\b(?:19|20)\d\d\b")
PERIOD_DOCUMENT = re.compile(
    r"\b(?:annual\s+report|report\s+of\s+the|informe\s+anual|memoria\s+anual|relat[óo]rio\s+anual|rapport\s+annuel"
    r"|calendar|calendario|calend[áa]rio|calendrier|schedule|agenda\s+de\s+actividades|programa\s+de\s+actividades"
    r"|work\s+plan|plan\s+de\s+trabajo)\b",
    re.IGNORECASE,
)
PERIOD_LABEL = re.compile(
    r"^[ \t]*(?:reporting\s+period|period\s+covered|period\s+under\s+review|per[íi]odo(?:\s+(?:del\s+)?informe"
    r"|\s+cubierto|\s+que\s+se\s+informa)?|p[ée]riode\s+couverte)[ \t]*:[ \t]*(?P<period>[^\n]+)",
    re.IGNORECASE | re.MULTILINE,
)
PERIOD_LABEL_REACH = 1500  # the label stands at a report's head
TITLE_PARTS = re.compile(r"\n|\s[|–—·-]\s")
LINE_PUNCTUATION = " \t.:*•-–—"
ITEM_REFERENCE = re.compile(r"\s*\b[A-Z]{1,3}-\d{2,4}/\d{2}\s*$")  # a press release's number: "E-498/08"
MAX_WORDS_BESIDE_PLACE = 3  # "IOM Guyana", "República de Costa Rica", "Oficina de país en Honduras"


def annotate(passages: list[Passage], parsed: ParsedDocument) -> Dateline | None:
    """Fill in each passage's language, countries, bodies, mandates and events; returns the
    document's dateline, which `describe` needs too."""
    for p in passages:
        p.language = detect_language(p.text)
    document = "\n".join(p.text for p in passages)
    order = numeric_order(document)
    month_first = order == "month" if order else document_language(passages) not in DAY_FIRST_LANGUAGES
    dateline = document_dateline(passages, month_first=month_first)
    head = document_head(parsed)
    # A report or a calendar of a year names it at its head; it is the year of its
    # days, even when the report is dated the year after ("Annual report ..., 2008" of 3 March 2009).
    year = (_period_year(head) or _labelled_period_year(document)
            or (dateline.date.year if dateline else _single_year(head)))
    context = Context(
        today=dateline.date if dateline and not dateline.month_only else None,
        place=(_dateline_place(dateline.place, document) if dateline and dateline.place else None)
        or (_lead_place(dateline, document) if dateline else None)
        or _single_place(head),
        kind=kind_of(parsed.title),
        towns=towns_with_countries(document),
        month_first=order == "month" if order else None,
    )
    for p in passages:
        text = f"{p.heading}\n{p.text}" if p.heading else p.text
        p.countries = find_countries(_without_chrome(text, dateline), document)
    # The story's lead: the first passage that tells of an event (its word, or "met").
    lead = next((p for p in passages if kind_of(p.text) or MEETING_VERBS.search(p.text)), None)
    story = story_venue(lead.text, lead.language) if lead else None
    story_country = Country(story.country_code, story.country_name) if story else None
    context = dataclasses.replace(context, story=story, home=_home(context.place, story_country, passages))
    sections = outline(parsed.blocks)
    for k, p in enumerate(passages):
        text = f"{p.heading}\n{p.text}" if p.heading else p.text
        p.bodies = find_bodies(text)
        context = dataclasses.replace(context, language=p.language, section=sections.get(p.heading, ()))
        # A table or a list cut off by a passage's end is read whole: its rows give their places across the cut.
        before = "".join(q.text + "\n" for q in _run(passages, k, -1))
        after = "".join("\n" + q.text for q in _run(passages, k, 1))
        p.mandates = find_mandates(f"{before}{p.text}{after}", within=(len(before), len(before) + len(p.text)))
        # A news item under its own day (and place) counts its "today" and "on Monday" from that day.
        stories = _stories(p.text, _single_year(p.heading) or year, context.reads_month_first, document)
        if (not after and k + 1 < len(passages) and passages[k + 1].heading == p.heading
                and (TODAY.search(p.text) or YESTERDAY.search(p.text))
                and all(day is None or day.start == context.today for _, day, _ in stories)):
            # A story of today goes on in the paragraph after it ("... ended today in Medellín." /
            # "The two-day meeting, hosted by ..."): that paragraph is read with it.
            after = "\n" + passages[k + 1].text
        text, within = f"{before}{p.text}{after}", (len(before), len(before) + len(p.text))
        p.events = []
        for (lo, day, place), (hi, *_) in itertools.pairwise([*stories, (len(p.text), None, None)]):
            story = (within[0] + lo, within[0] + hi)
            events = []
            if day is not None:
                events = find_events(_blank(text, story[0], story[0] + day.end_pos),  # the story, not its dateline
                                     heading=p.heading or parsed.title, dateline_year=day.start.year,
                                     passage=p.position, within=story,
                                     context=dataclasses.replace(
                                         context, today=day.start, place=place or context.place,
                                         # A listing's story is where its own dateline is, not the page's lead.
                                         story=context.story if day.start == context.today else None))
            # A story that names no day of its own ("15 de marzo / Taller en Lima") is dated by its day.
            p.events += events or find_events(text, heading=p.heading or parsed.title, dateline_year=year,
                                              passage=p.position, context=context, within=story)
        if p.heading and (k == 0 or passages[k - 1].heading != p.heading):
            p.events = _heading_events(p, sections, parsed.title, year, context) + p.events
        p.events = [_settled(e, document) for e in p.events]
        if p.events:  # a list further on with no event word of its own continues this one
            context = dataclasses.replace(context, kind=p.events[-1].kind)
        elif context.kind is None:  # or the kind the page first names ("... the national trainings delivered")
            context = dataclasses.replace(context, kind=kind_of(text))
    return dateline


def _dateline_place(place: str, document: str) -> PlaceMention | None:
    """The place of a dateline, in the country the document names it with when the
    name alone does not tell ("Santa Ana" in a page that names El Salvador)."""
    alone = find_places(place)
    if alone:
        return alone[0]
    key = name_key(place)
    return next((m for m in find_places(document) if m.city and name_key(m.surface) == key), None)


def _home(place: PlaceMention | None, story: Country | None, passages: list[Passage]) -> Country | None:
    """The country of the page's unknown towns: the dateline's (``place``), unless
    the page names it nowhere else (the dateline is only the issuing office); then
    ``story``, the country where the story's lead puts its event."""
    if place is None:
        return None
    if story is not None and not any(place.country in p.countries for p in passages):
        return story
    return place.country


def _lead_place(dateline: Dateline, document: str) -> PlaceMention | None:
    """The place that leads the story on the line under a date alone ("29 mai 2015" /
    "Port-au-Prince, Haïti – Un atelier ..."): the dateline's place, written below it."""
    at = document.find(dateline.line)
    below = document.find("\n", at) + 1 if at >= 0 else 0
    lead = OFFICE_LEAD.match(document, below) if below else None
    places = find_places(lead[1]) if lead else []
    return places[0] if places else None


def _stories(
    text: str, year: int | None, month_first: bool, document: str
) -> list[tuple[int, DateSpan | None, PlaceMention | None]]:
    """Where each news item of ``text`` starts, with its day and place (positions
    in its line), as a listing sets each story under its day ("12 de diciembre",
    "Quetzaltenango, 10 de febrero") or opens it with its own dateline ("Rivera,
    15 de septiembre de 2016 — ..."); one story with neither when there are none."""
    stories: list[tuple[int, DateSpan | None, PlaceMention | None]] = [(0, None, None)]
    start = 0
    for line in text.split("\n"):
        found = line_dateline(line, year, month_first) or (_item_day(text, year, month_first) if start == 0 else None)
        if found is not None:
            day, place = found
            mention = _dateline_place(place, document) if place else None
            stories = [s for s in stories if s[0] != start] + [(start, day, mention)]
        start += len(line) + 1
    return stories


def _item_day(text: str, year: int | None, month_first: bool) -> tuple[DateSpan, str] | None:
    """The day (and the place) alone on the first line of ``text``, over a story
    that tells days of its own ("hoy", "el lunes", "del 5 al 7 de febrero"): not
    a calendar's day over the title and the venue of its event."""
    lines = text.split("\n")
    spans = find_dates(lines[0], default_year=year, month_first=month_first)
    after = ITEM_REFERENCE.sub("", lines[0][spans[0].end_pos :]) if spans else ""
    if len(spans) != 1 or spans[0].start != spans[0].end or after.strip(LINE_PUNCTUATION):
        return None
    day = spans[0]
    before = lines[0][: day.start_pos].strip(LINE_PUNCTUATION + ",")
    places = find_places(before)
    if before and not (places and places[0].start == 0 and len(before.split()) <= MAX_WORDS_BESIDE_PLACE + 1):
        return None
    # The story runs to the next line that is only a date: the next entry's.
    story = "\n".join(itertools.takewhile(lambda line: not _only_dates(line, year, month_first), lines[1:]))
    if not (TODAY.search(story) or find_dates(story, default_year=day.start.year, month_first=month_first)
            or find_relative_dates(story, day.start)):
        return None
    return day, before


def _only_dates(line: str, year: int | None, month_first: bool) -> bool:
    """Whether ``line`` is dates and nothing else ("29 may. - 2 jun.")."""
    rest = line
    for span in find_dates(line, default_year=year, month_first=month_first):
        rest = _blank(rest, span.start_pos, span.end_pos)
    return rest != line and not rest.strip(LINE_PUNCTUATION)


def _settled(event: Event, document: str) -> Event:
    """``event`` in the country of the longer name the document gives its city
    ("Santiago" on a page that names "Santiago de los Caballeros")."""
    if not (event.city and event.country_code and event.country):
        return event
    country = settled_country(event.city, Country(code=event.country_code, name=event.country), document)
    return dataclasses.replace(event, country=country.name, country_code=country.code)


def _heading_events(passage: Passage, sections: dict[str, tuple[str, ...]], title: str, year: int | None,
                    context: Context) -> list[Event]:
    """The event a heading dates ("Medellín, Colombia – del 22 al 24 de octubre de
    2018" under "Seminario Regional ..."), named by the heading above it; not the
    page's own day ("Asunción, 11 May 2011")."""
    if not find_dates(passage.heading, default_year=year):
        return []
    above = next(iter(sections.get(passage.heading, ())), title)
    return [e for e in find_events(passage.heading, heading=above, dateline_year=year, passage=passage.position,
                                   context=context)
            if not (e.start == e.end == context.today)]


def outline(blocks: list[Block]) -> dict[str, tuple[str, ...]]:
    """For each heading, the headings it stands under, nearest first (a country's
    list under "Training schedule 2015")."""
    above: list[Block] = []
    sections: dict[str, tuple[str, ...]] = {}
    for block in blocks:
        if block.kind != "heading":
            continue
        while above and above[-1].level >= block.level:
            above.pop()
        sections.setdefault(block.text, tuple(h.text for h in reversed(above)))
        above.append(block)
    return sections


def _run(passages: list[Passage], k: int, step: int) -> list[Passage]:
    """The passages before (``step`` -1) or after (1) passage ``k`` that its
    unfinished text runs into, up to MAX_RUN, in text order."""
    out: list[Passage] = []
    j = k
    while len(out) < MAX_RUN and 0 <= j + step < len(passages):
        first, second = (passages[j + step], passages[j]) if step < 0 else (passages[j], passages[j + step])
        if not _runs_on(first, second):
            break
        j += step
        out.append(passages[j])
    return out[::-1] if step < 0 else out


def _runs_on(first: Passage, second: Passage) -> bool:
    """Whether ``second`` goes on with what ``first`` left unfinished: under one
    heading, ``first`` stops mid-sentence (a table's cells, a list's lines), or
    a table's rows run from one into the other."""
    if first.heading != second.heading:
        return False
    rows = CELL_SEPARATOR in first.text.rsplit("\n", 1)[-1] and CELL_SEPARATOR in second.text.split("\n", 1)[0]
    return rows or not ENDS_A_SENTENCE.search(first.text) or SHORT_MONTH_END.search(first.text.rstrip()) is not None


def describe(doc_id: str, url: str, parsed: ParsedDocument, passages: list[Passage], dateline: Dateline | None,
             agency_hint: str | None = None, sha256: str = "", fetched_at: str | None = None) -> DocumentInfo:
    """Roll the passages' findings (from `annotate`, which also gave the dateline) up into the document's metadata."""
    full_text = "\n".join(p.text for p in passages)
    date = dateline.date if dateline and not dateline.month_only else None
    # The publisher names itself in the title more reliably than in a text that cites other agencies.
    opening = " ".join(full_text.split()[:OPENING_WORDS])
    agency = (agency_from_url(url) or agency_from_text(parsed.title) or agency_from_text(opening)
              or agency_from_text(full_text) or agency_hint or OTHER)
    events = distinct_events(e for p in passages for e in p.events)
    years = {e.start.year for e in events if e.start}
    if dateline:
        years.add(dateline.date.year)
    # Where an event took place, the document is about: also the dateline's place it fell back to.
    venues = [Country(e.country_code, e.country) for e in events if e.country_code and e.country]
    return DocumentInfo(
        doc_id=doc_id,
        url=url,
        title=parsed.title or url,
        agency=agency,
        doc_type=parsed.doc_type,
        language=document_language(passages),
        bodies=distinct(b for p in passages for b in p.bodies),
        years=sorted(years),
        date=date,
        countries=distinct([*(c for p in passages for c in p.countries), *venues]),
        events=sorted(events, key=lambda e: (e.start is None, e.start or dt.date.max, e.passage or 0)),
        mandates=distinct_mandates(m for p in passages for m in p.mandates),
        passages=len(passages),
        sha256=sha256,
        fetched_at=fetched_at,
    )


def document_language(passages: list[Passage]) -> str:
    """The language most of the document's text is in ("und" when none is known)."""
    languages: Counter[str] = Counter()
    for p in passages:
        if p.language != "und":
            languages[p.language] += len(p.text)
    return languages.most_common(1)[0][0] if languages else "und"


def document_dateline(passages: list[Passage], month_first: bool = True) -> Dateline | None:
    """The date (and place) the document gives itself, read from its head,
    headings included: "Santo Domingo, April 16, 2010 -", "Port of Spain, 12 May 2010"."""
    lines: list[str] = []
    heading = ""
    for p in passages:
        if p.heading and p.heading != heading:
            lines.append(p.heading)
        heading = p.heading
        lines.append(p.text)
    return read_dateline("\n".join(lines), month_first)


def document_head(parsed: ParsedDocument) -> str:
    """A document's title and the short lines above its first paragraph
    ("ANNUAL REPORT 2013", "REPÚBLICA DE COSTA RICA"): they state the year and
    the country the days and places below it leave out."""
    lines = [parsed.title]
    for block in parsed.blocks[:MAX_HEAD_BLOCKS]:
        if len(block.text.split()) >= MIN_PROSE_WORDS:
            break
        lines.append(block.text)
    return "\n".join(lines)


def _single_year(text: str) -> int | None:
    """The one year ``text`` names outside its dates ("ANNUAL REPORT 2013", not the
    "3 March 2009" it was issued on), else the one year it names, else None."""
    bare = text
    for span in find_dates(text):
        bare = _blank(bare, span.start_pos, span.end_pos)
    for source in (bare, text):
        years = {m.group() for m in HEAD_YEAR.finditer(source)}
        if years:
            return int(years.pop()) if len(years) == 1 else None
    return None


def _period_year(head: str) -> int | None:
    """The year of the period a report, a calendar or an agenda covers, when its head names one."""
    return _single_year(head) if PERIOD_DOCUMENT.search(head) else None


def _labelled_period_year(document: str) -> int | None:
    """The one year of a period a report labels near its head ("Reporting period: 2011")."""
    label = PERIOD_LABEL.search(document, 0, PERIOD_LABEL_REACH)
    return _single_year(label["period"]) if label else None


def _single_place(head: str) -> PlaceMention | None:
    """The country a document's head names by itself, on a line or in a part of
    its title that is little more than the name ("REPÚBLICA DE COSTA RICA",
    "... | IOM Guyana"), when it names one; a headline names other countries."""
    mentions = []
    for line in TITLE_PARTS.split(head):
        found = [m for m in find_places(line) if not in_a_name(line, m)]
        named = sum(len(m.surface.split()) for m in found)
        if found and len(line.split()) - named <= MAX_WORDS_BESIDE_PLACE:
            mentions += found
    return mentions[0] if len({m.country for m in mentions}) == 1 else None


def _without_chrome(text: str, dateline: Dateline | None) -> str:
    """``text`` with the dateline's place and any postal address blanked out:
    the office a page is issued from is not what it is about."""
    if dateline and dateline.place and dateline.line in text:
        text = text.replace(dateline.line, " " * len(dateline.line))
    for lead in OFFICE_LEAD.finditer(text):
        if dateline and any(m.city for m in find_places(lead[1])):
            text = _blank(text, lead.start(), lead.end())
    if any(p.search(text) for p in (STREET, POSTAL, PHONE, COPYRIGHT, FIELD_SEPARATOR)):
        text = "\n".join(" " * len(line) if _is_chrome(line) else line for line in text.split("\n"))
    # An address inside a longer line ("write to the Secretariat, 1889 F Street N.W., Washington, D.C. 20006").
    return ADDRESS.sub(lambda m: " " * len(m[0]), text)


def _blank(text: str, start: int, end: int) -> str:
    """``text`` with [start, end) blanked out, every other position kept."""
    return text[:start] + " " * (end - start) + text[end:]


def _is_chrome(line: str) -> bool:
    """An address, a copyright notice, a telephone number or a signature line."""
    if _is_address(line):
        return True
    if (COPYRIGHT.search(line) or PHONE.search(line)) and len(line.split()) <= MAX_ADDRESS_WORDS:
        return True
    fields = FIELD_SEPARATOR.split(line.strip())
    return (
        len(fields) >= MIN_SIGNATURE_FIELDS
        and all(len(f.split()) <= MAX_FIELD_WORDS for f in fields)
        and not find_dates(line, default_year=PLACEHOLDER_YEAR)  # a calendar row: "Apr 27 | ... | Washington, D.C."
        and kind_of(line) is None
        # A row of a list of countries ("Antigua and Barbuda | Ecuador | Panama") is no signature.
        and sum(bool(find_places(f)) for f in fields) * 2 <= len(fields)
    )


def _is_address(line: str) -> bool:
    words = len(line.split())
    street, postal = bool(STREET.search(line)), bool(POSTAL.search(line))
    return (street and postal and words <= MAX_ADDRESS_WORDS) or ((street or postal) and words <= SHORT_ADDRESS_WORDS)


def distinct(items) -> list:
    seen: dict = {}
    for item in items:
        seen.setdefault(item, None)
    return list(seen)


def distinct_events(events) -> list[Event]:
    """Each event once: one starting in the same country on the same day told
    twice ("completed a three-day course today"; "the course began on 8
    March") is one event, with the later end and a city if either names one;
    so is one day of a longer event of its kind in its country ("finished
    three days of training on Wednesday") or with no city of its own (a day of
    its agenda: "Tuesday 14 May – country presentations (Belize, ...)"), or on
    its first or last day wherever the page places it; and a
    month-precision event is dropped when a day-precision one in the same
    country falls in that month."""
    kept: dict[tuple, Event] = {}
    for e in events:
        key = (e.country_code, e.start, e.precision) if e.start else (id(e),)
        known = kept.get(key)
        if known is None:
            kept[key] = e
        else:
            end = max(known.end, e.end) if known.end and e.end else known.end
            kept[key] = dataclasses.replace(known, city=known.city or e.city, end=end)
    days = [e for e in kept.values() if e.precision == "day" and e.start]
    return [e for e in kept.values() if not any(_told_within(e, d) for d in days if d is not e)]


def _told_within(e: Event, d: Event) -> bool:
    """Whether ``e`` is part of the day-precision event ``d``: its month, or one
    of its days (in its country, or with no city of its own: a day of its agenda)."""
    if e.start is None or e.end is None:
        return False
    if e.precision == "month":
        return d.country_code == e.country_code and e.start <= d.start <= e.end
    if not (e.start == e.end and d.kind == e.kind and d.start <= e.start <= (d.end or d.start)):
        return False
    # Its opening or closing day told again: "El curso, que se inauguró el lunes ..." placed only by the dateline.
    opens_or_closes = d.end not in (None, d.start) and e.start in (d.start, d.end)
    return d.country_code == e.country_code or bool(d.city and not e.city) or opens_or_closes


def distinct_mandates(mandates) -> list[Mandate]:
    """One per number, keeping the first declaration the text names for it."""
    by_number: dict[int, Mandate] = {}
    for m in mandates:
        known = by_number.get(m.number)
        if known is None or (known.declaration is None and m.declaration):
            by_number[m.number] = m
    return list(by_number.values())
