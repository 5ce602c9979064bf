"""Find the dated workshops, seminars, trainings, courses, meetings and
conferences a passage reports, with where they took place.

Precision comes before recall.  An event needs a date span and an event word:
on a list line, in the line, else above it in its passage ("Schedule
trainings:"), else below; in prose, in the date's sentence, else in a
neighbouring one of the same paragraph; else in the heading, and then only for
a date with a place.  A date alone ("The law was passed on May 3, 2009") is not
an event, nor is the page's own date ("Last update: July 12, 2010").

Dates: an event needs a day-precision date.  A month alone ("MISPA II, held in
November 2009") is not enough and gives no event.  A day written without a
year ("March 22-23") takes ``dateline_year``; without one the event is still
kept, with ``start`` and ``end`` None, rather than lost.
"""

from __future__ import annotations

import bisect
import itertools
import re
from dataclasses import dataclass

from kb.dates import find_dates, publication_dates
from kb.models import DateSpan, Event
from kb.places import find_places

EVENT_KINDS = ("training", "seminar", "workshop", "course", "meeting", "conference")

KIND_WORDS = re.compile(
    r"\b(?:(?P<training>trainings?|capacitaci[oó]n(?:es)?)"
    r"|(?P<seminar>seminars?|seminarios?)"
    r"|(?P<workshop>workshops?|taller(?:es)?)"
    r"|(?P<course>courses?|cursos?)"
    r"|(?P<meeting>meetings?|reuni[oó]n(?:es)?)"
    r"|(?P<conference>conferences?|conferencias?))\b",
    re.IGNORECASE,
)
NOT_AN_EVENT_COURSE = re.compile(r"\bof\s+$|^\s+of\b", re.IGNORECASE)  # "of course", "in the course of"
# A year lent to a yearless date only to learn where it is; a leap year so that
# "February 29" is still a day.
PLACEHOLDER_YEAR = 2000

LINE_START = re.compile(r"(?<=\n)|[•·▪◦‣]")
BULLET_LINE = re.compile(r"^\s*(?:[•·▪◦‣*-]|\d{1,2}[.)])\s+")
# A schedule line is a place, a date and at most a short label ("Pilot Seminar").
MAX_ITEM_LABEL_WORDS = 4
MAX_ITEM_CHARS = 200
SENTENCE_END = re.compile(r"[.!?][”\"’')\]]*\s+(?=[¿¡\"“(]?[A-ZÁÉÍÓÚÑ])")
ABBREVIATION = re.compile(r"(?:\b[A-Z]|\b(?:St|Mr|Mrs|Ms|Dr|Sr|Sra|No|Nos|Art|Av|Ave|Inc|Jr|vs))$")
PLACE_CUE = re.compile(r"\b(?:in|en|at)\s+(?:the\s+city\s+of\s+|la\s+ciudad\s+de\s+|the\s+)?$", re.IGNORECASE)
# Lines run on into one sentence unless a blank line or a bullet breaks them.
LINE_RUN = re.compile(r"[^\n]+(?:\n(?!\s*(?:[•·▪◦‣*-]|\d{1,2}[.)])\s)[^\n]+)*")
NAME_FOLLOWS = re.compile(r"[ \t]+[A-Z]")
PLACE_JOINER = re.compile(r"[ \t,(\-]*")  # "Santo Domingo, Dominican Republic", on one line
NEXT_SENTENCES = 2  # how far after a date's sentence its place may be named ("The workshop was held in Lima")

QUOTED = re.compile(r"[“\"«]([^”\"«»]{5,300})[”\"»]")
TITLE_WORD = re.compile(r"[\w’'\-‐‑]+")
TITLE_CONNECTORS = set("of on for the and in against to de del la las los el sobre y en para contra a".split())
LEADING_ARTICLES = set("the a an el la los las un una".split())


@dataclass(frozen=True)
class _Place:
    start: int
    end: int
    city: str | None
    country_name: str
    country_code: str
    cued: bool  # named right after "in"/"en"/"at"
    in_a_name: bool  # "U.S. Immigration", "Jamaica Constabulary Force": part of another name


def find_events(
    text: str, heading: str = "", dateline_year: int | None = None, passage: int | None = None
) -> list[Event]:
    """Every dated event ``text`` reports, in text order.

    ``text`` is one passage: a paragraph, or list items one per line.  A list
    line gives its event the place named on that line; in prose the place is
    the one named after "in"/"en" nearest the date in its sentence, or in one
    of the next sentences.  The kind is the event word nearest the date, else
    the heading's; the title is ``heading``, else the event's own name in the
    sentence (quoted, or capitalised: "Third Meeting of National Observatories").
    """
    heading = " ".join(heading.split())
    kinds = _kind_words(text)
    heading_kinds = _kind_words(heading)
    if not kinds and not heading_kinds:
        return []
    places = _places(text)
    sentences = _sentences(text)
    line_starts = _line_starts(text)
    events = []
    for span, dated in _event_dates(text, dateline_year):
        line = _line_of(line_starts, span)
        item = line is not None and _is_item(text, line, span, places)
        if item:
            # A list is introduced above it ("Schedule trainings:").
            scopes = [line, (0, line[0]), (line[1], len(text))]
            place = _item_place(places, line)
        else:
            i = _containing(sentences, span.start_pos)
            scopes = [sentences[i], _paragraph_around(text, sentences, i)]
            place = _prose_place(places, sentences, i, span)
        found = _nearest_kind(kinds, scopes, span)
        if found is None:
            # The heading alone names the kind of a dated place, not of any date.
            if not heading_kinds or place is None:
                continue
            kind = heading_kinds[0][1]
        else:
            kind = found[1]
        title = heading or (_event_name(text, sentences[_containing(sentences, found[0])]) if found else "")
        events.append(
            Event(
                kind=kind,
                title=title,
                city=place.city if place else None,
                country=place.country_name if place else None,
                country_code=place.country_code if place else None,
                start=span.start if dated else None,
                end=span.end if dated else None,
                passage=passage,
            )
        )
    return events


def _event_dates(text: str, dateline_year: int | None) -> list[tuple[DateSpan, bool]]:
    """The date spans of ``text`` that can date an event, each with False when
    it has no year of its own and none was lent (its dates are placeholders)."""
    published = {(s.start_pos, s.end_pos) for s in publication_dates(text)}
    if dateline_year is not None:
        spans = [(s, True) for s in find_dates(text, default_year=dateline_year)]
    else:
        dated = {(s.start_pos, s.end_pos) for s in find_dates(text)}
        spans = [(s, (s.start_pos, s.end_pos) in dated) for s in find_dates(text, default_year=PLACEHOLDER_YEAR)]
    return [(s, d) for s, d in spans if (s.start_pos, s.end_pos) not in published]


def _kind_words(text: str) -> list[tuple[int, str]]:
    """(position, kind) of each event word; in "training workshop" and "curso de
    capacitación" only the head noun counts."""
    found = []
    for m in KIND_WORDS.finditer(text):
        kind = m.lastgroup or ""
        if kind == "course" and (
            NOT_AN_EVENT_COURSE.search(text[max(0, m.start() - 4) : m.start()])
            or NOT_AN_EVENT_COURSE.search(text[m.end() : m.end() + 4])
        ):
            continue
        if found:
            prev_end = found[-1][1]
            gap = text[prev_end : m.start()]
            if gap.isspace():  # "training workshop": the second noun is the head
                found.pop()
            elif gap.strip().lower() in ("de", "of"):  # "curso de capacitación": the first is
                continue
        found.append((m.start(), m.end(), kind))
    return [(pos, kind) for pos, _, kind in found]


def _nearest_kind(
    kinds: list[tuple[int, str]], scopes: list[tuple[int, int]], span: DateSpan
) -> tuple[int, str] | None:
    for lo, hi in scopes:
        inside = [k for k in kinds if lo <= k[0] < hi]
        if inside:
            return min(inside, key=lambda k: _distance(k[0], span))
    return None


def _containing(sentences: list[tuple[int, int]], pos: int) -> int:
    """The index of the sentence holding ``pos`` (or the first after it)."""
    return min(bisect.bisect_right([s[1] for s in sentences], pos), len(sentences) - 1)


def _distance(pos: int, span: DateSpan) -> int:
    return span.start_pos - pos if pos < span.start_pos else max(0, pos - span.end_pos)


def _line_starts(text: str) -> list[int]:
    """Where lines start.  A bullet also starts one: list items are sometimes run
    together ("• Lima, Peru - June 4-5, 2008 • Santiago, Chile - ...")."""
    return [0] + [m.start() for m in LINE_START.finditer(text)] + [len(text)]


def _line_of(starts: list[int], span: DateSpan) -> tuple[int, int] | None:
    """The bounds of the line holding ``span``, or None when the span crosses lines."""
    i = bisect.bisect_right(starts, span.start_pos)
    start, end = starts[i - 1], starts[min(i, len(starts) - 1)]
    return (start, end) if span.end_pos <= end else None


def _is_item(text: str, line: tuple[int, int], span: DateSpan, places: list[_Place]) -> bool:
    """A bulleted line, or a line that is a place and a date and little else."""
    if BULLET_LINE.match(text, line[0]):
        return True
    if line[1] - line[0] > MAX_ITEM_CHARS:
        return False
    on_line = [p for p in places if line[0] <= p.start < line[1]]
    if not on_line:
        return False
    rest = text[line[0] : line[1]]
    for lo, hi in [(span.start_pos, span.end_pos)] + [(p.start, p.end) for p in on_line]:
        lo, hi = lo - line[0], hi - line[0]
        rest = rest[:lo] + " " * (hi - lo) + rest[hi:]
    return len(TITLE_WORD.findall(rest)) <= MAX_ITEM_LABEL_WORDS


def _item_place(places: list[_Place], line: tuple[int, int]) -> _Place | None:
    on_line = [p for p in places if line[0] <= p.start < line[1]]
    return on_line[0] if on_line else None


def _prose_place(places: list[_Place], sentences: list[tuple[int, int]], i: int, span: DateSpan) -> _Place | None:
    """The place named after "in"/"en" in the date's sentence, else in the next
    sentences, else in the one before; else any place in the date's sentence
    that is not part of an agency's name."""
    sentence = sentences[i]
    cued = [p for p in places if p.cued]

    def within(candidates: list[_Place], lo: int, hi: int) -> list[_Place]:
        return [p for p in candidates if lo <= p.start < hi]

    here = within(cued, *sentence)
    if here:
        return min(here, key=lambda p: _distance(p.start, span))
    after = sentences[i + 1 : i + 1 + NEXT_SENTENCES]
    if after and (later := within(cued, after[0][0], after[-1][1])):
        return later[0]
    if i > 0 and (before := within(cued, *sentences[i - 1])):
        return before[-1]
    here = within([p for p in places if not p.in_a_name], *sentence)
    return min(here, key=lambda p: _distance(p.start, span)) if here else None


def _places(text: str) -> list[_Place]:
    """Place mentions, with a city and its country named side by side ("Santo
    Domingo, Dominican Republic", "Belize, Belize City") read as one place."""
    mentions = find_places(text)
    out: list[_Place] = []
    i = 0
    while i < len(mentions):
        m = mentions[i]
        city, end = m.city, m.end
        nxt = mentions[i + 1] if i + 1 < len(mentions) else None
        if nxt is not None and nxt.country.code == m.country.code and PLACE_JOINER.fullmatch(text, m.end, nxt.start):
            city, end = city or nxt.city, nxt.end
            i += 1
        cued = bool(PLACE_CUE.search(text, max(0, m.start - 30), m.start))
        in_a_name = bool(NAME_FOLLOWS.match(text, end))
        out.append(_Place(m.start, end, city, m.country.name, m.country.code, cued, in_a_name))
        i += 1
    return out


def _sentences(text: str) -> list[tuple[int, int]]:
    """Sentence bounds, without surrounding white space.  A blank line, or a
    line break before a bullet, also ends a sentence."""
    cuts = [0]
    for m in SENTENCE_END.finditer(text):
        if not ABBREVIATION.search(text, max(0, m.start() - 4), m.start()):
            cuts.append(m.end())
    cuts.append(len(text))
    out = []
    for lo, hi in itertools.pairwise(cuts):
        for piece in LINE_RUN.finditer(text, lo, hi):
            out.append((piece.start(), piece.start() + len(piece[0].rstrip())))
    return out or [(0, len(text))]


def _paragraph_around(text: str, sentences: list[tuple[int, int]], i: int) -> tuple[int, int]:
    """Sentence ``i`` with its neighbours, as far as no line break parts them."""
    lo, hi = sentences[i]
    if i > 0 and "\n" not in text[sentences[i - 1][1] : lo]:
        lo = sentences[i - 1][0]
    if i + 1 < len(sentences) and "\n" not in text[hi : sentences[i + 1][0]]:
        hi = sentences[i + 1][1]
    return lo, hi


def _event_name(text: str, scope: tuple[int, int]) -> str:
    """The event's own name in ``scope``: a quoted title with an event word in
    it, else a capitalised phrase around a capitalised event word."""
    chunk = text[scope[0] : scope[1]]
    for m in QUOTED.finditer(chunk):
        if KIND_WORDS.search(m[1]):
            return " ".join(m[1].split()).rstrip(".,;: ")
    words = list(TITLE_WORD.finditer(chunk))
    for k, w in enumerate(words):
        if not (KIND_WORDS.fullmatch(w[0]) and w[0][0].isupper()):
            continue
        lo = k
        while lo > 0 and _capitalised(words[lo - 1][0]) and _joined(chunk, words[lo - 1], words[lo]):
            lo -= 1
        hi = k
        while (
            hi + 1 < len(words)
            and _joined(chunk, words[hi], words[hi + 1])
            and (_capitalised(words[hi + 1][0]) or words[hi + 1][0].lower() in TITLE_CONNECTORS)
        ):
            hi += 1
        while hi > k and words[hi][0].lower() in TITLE_CONNECTORS:
            hi -= 1
        while lo < k and words[lo][0].lower() in LEADING_ARTICLES:
            lo += 1
        if hi > lo:
            return " ".join(chunk[words[lo].start() : words[hi].end()].split())
    return ""


def _capitalised(word: str) -> bool:
    return word[0].isupper() or word[0].isdigit()


def _joined(chunk: str, a: re.Match[str], b: re.Match[str]) -> bool:
    """Two words with only white space between them."""
    return chunk[a.end() : b.start()].isspace()
