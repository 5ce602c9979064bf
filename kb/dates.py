"""Find the dates and date ranges a text names, in English, Spanish,
Portuguese and French.

Written by hand because no library does what kb needs: dateparser and
datefinder find single dates, not ranges such as "April 12-16, 2010",
"3-7 August 2009" or "del 12 al 16 de abril de 2010", and neither reports
where in the text a date was found.

``find_dates`` returns day-precision dates only; ``find_months`` the months
named with their year alone ("November 2009"), which a reader can still place
in time.  A year alone ("since 2005") is never a date.
"""

from __future__ import annotations

import bisect
import datetime as dt
import functools
import itertools
import re
from dataclasses import dataclass
from typing import Literal

from kb.models import DateSpan
from kb.places import find_places

# Hyphens, dashes and the minus sign, all read as "-".  One character each way,
# so positions in the translated text are positions in the original.
DASHES = str.maketrans({c: "-" for c in "\u2010\u2011\u2012\u2013\u2014\u2015\u2212"})

MONTH_WORDS = (  # English, Spanish, Portuguese, French, and their short forms
    "january jan enero ene janeiro janvier janv",
    "february feb febrero fevereiro fev février fevrier févr fevr",
    "march mar marzo março mars",
    "april apr abril abr avril avr",
    "may mayo maio mai",
    "june jun junio junho juin",
    "july jul julio julho juillet juil",
    "august aug agosto ago août aout",
    "september sept sep septiembre setiembre setembro septembre",
    "october oct octubre outubro octobre",
    "november nov noviembre novembro novembre",
    "december dec diciembre dic dezembro dez décembre decembre déc",
)
MONTHS = {word: n for n, words in enumerate(MONTH_WORDS, start=1) for word in words.split()}
# English words that are month names only when capitalised ("staff may 3 times").
LOWERCASE_NOT_MONTHS = {"may", "mar", "mars"}
FRENCH_MONTH_CUE = re.compile(r"\b(?:mois\s+de|en|d[ée]but|fin|mi-)\s*$")  # "au mois de mars", "en mars": the month
FRENCH_CUE_REACH = 12
DAY_FIRST_ONLY = {"mars"}  # French writes its day first; English "mars" (the verb) takes no day before it
# Short forms, which alone and without a year are too often something else ("Mar del Plata").
ABBREVIATED_MONTHS = frozenset(
    "jan ene janv feb fev févr fevr mar apr abr avr jun jul juil aug ago sept sep oct nov dec dic dez déc".split()
)
# A short month after its day ends no sentence: "13-14 feb.", "29 may. - 2 jun.".
SHORT_MONTH_END = re.compile(r"\d[ \t]+(?:" + "|".join(sorted(ABBREVIATED_MONTHS | {"may"})) + r")\.?$", re.IGNORECASE)
SHORT_MONTH_REACH = 8
# A year lent to a yearless date only to learn where it is; a leap year so that
# "February 29" is still a day.
PLACEHOLDER_YEAR = 2000

_MONTH_NAMES = "|".join(sorted(MONTHS, key=len, reverse=True))
# ASCII digits only, and the digit tested before the look-behind: both keep the
# scan fast, which matters because every passage of every page goes through here.
_DAY = r"(?P<{}>[0-9](?<![0-9][0-9])[0-9]?)(?:st|nd|rd|th|er|º|°)?(?!\w)"
_MONTH = r"\b(?=[adefjmnos])(?P<{}>" + _MONTH_NAMES + r")\b\.?"
_YEAR = r"(?P<y>(?:19|20)(?<![0-9]..)[0-9][0-9])(?![0-9])"
_YEAR_SEP = r"(?:\s*,\s*|\s+(?:de|del)\s+|\s+)"
_OPT_YEAR = f"(?:{_YEAR_SEP}{_YEAR})?"
# A weekday before the date ("Thursday, 12 June 2008") is part of the date, not a place.
_WEEKDAY = (
    r"(?:(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|lunes|martes|mi[ée]rcoles|jueves|viernes"
    r"|s[áa]bado|domingo|lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche"
    r"|segunda|ter[çc]a|quarta|quinta|sexta)(?:-feira)?"
    r"|(?:mon|tues?|wed|thu(?:rs?)?|fri|sat|sun)\b\.?)"  # a byline's "Tue, 05/14/2019"
)
# Between the two ends of a range: "12-16", "12 to 16", "del 12 al 16", "Tuesday 10
# to Thursday 12", "el miércoles 22 y el jueves 23".
_RANGE = (
    r"(?:\s*[-&]\s*|\s+(?:to|through|thru|until|till|and|al|a|y|e|et|au|até|hasta(?:\s+el)?)\s+(?:the\s+|el\s+)?)"
    r"(?:" + _WEEKDAY + r",?\s+)?"
)
# The middle days of a list, which spans its first day to its last: "6, 7 y 8 de octubre".
_LIST = r"(?:\s*,\s*[0-9]{1,2}(?![0-9]))*"
_OF = r"(?:\s+(?:de|of))?\s+"


def _form(template: str) -> re.Pattern[str]:
    return re.compile(
        template.format(
            M1=_MONTH.format("m1"),
            M2=_MONTH.format("m2"),
            D1=_DAY.format("d1"),
            D2=_DAY.format("d2"),
            RANGE=_RANGE,
            LIST=_LIST,
            OF=_OF,
            Y=_YEAR,
            OPT_YEAR=_OPT_YEAR,
        ),
        re.IGNORECASE,
    )


# Written-out forms.  Each match carries d1 and m1 or m2, and optionally d2 and y;
# a missing second day or month is the first one.
WORD_FORMS = [
    # April 12, 2010 / April 12-16, 2010 / May 30 - June 2, 2009
    _form(r"{M1}\s+{D1}(?:{RANGE}(?:{M2}\s+)?{D2})?{OPT_YEAR}"),
    # 12 April 2010 / 3-7 August 2009 / 15th and 18th of December 2009 / 6, 7 y 8 de octubre /
    # del 12 al 16 de abril de 2010 / 30 de septiembre al 2 de octubre de 2009
    _form(r"{D1}(?:{OF}{M1})?(?:{LIST}{RANGE}{D2})?{OF}{M2}{OPT_YEAR}"),
]
ISO_FORM = re.compile(r"((?:19|20)(?<![0-9/-]..)[0-9][0-9])[-/]([0-9]{1,2})[-/]([0-9]{1,2})(?![0-9/-])")
# "12/05/2007", and with the dashes or dots of Latin American and European pages: "18-04-2008", "18.04.2008".
# Dots are the day-first writers' separator ("12.05.2010" is 12 May): no month-first page writes them.
NUMERIC_FORM = re.compile(
    r"([0-9](?<![0-9/.\-][0-9])[0-9]?)([/.\-])([0-9]{1,2})\2((?:19|20)[0-9][0-9])(?![0-9/.\-]?[0-9])"
)
# A range of days before a numeric month can only be read day first: "22-23/05/2018", "de 23 a 27/05/2016".
NUMERIC_RANGE_FORM = re.compile(
    r"(?<![0-9/.\-])([0-9]{1,2})(?:[ \t]?-[ \t]?|[ \t]+(?:a|al|à)[ \t]+)([0-9]{1,2})"  # "22-23", "de 23 a 27"
    r"([/.])([0-9]{1,2})\3((?:19|20)[0-9][0-9])(?![0-9/.\-]?[0-9])"
)
# A byline's short form with a two-digit year: "09/22/15" (slashes only; 00-49 are 2000-2049).
SHORT_NUMERIC_FORM = re.compile(r"(?<![0-9/.\-])([0-9]{1,2})/([0-9]{1,2})/([0-9]{2})(?![0-9/.\-]?[0-9])")
# Days and a month in figures without a year, in the forms that cannot be read as anything else: IOM's
# "this week (14-18/3)", day first, and a range "de 11/04 a 15/04".  They take the page's year.
YEARLESS_NUMERIC_FORMS = (
    re.compile(r"(?<=\()(?P<d1>[0-9]{1,2})(?:-(?P<d2>[0-9]{1,2}))?/(?P<m1>[0-9]{1,2})(?=\))"),
    re.compile(r"\b(?:de|del|from|du|entre)\s+(?P<d1>[0-9]{1,2})/(?P<m1>[0-9]{1,2})\s+(?:a|al|to|au|até|e|y)\s+"
               r"(?P<d2>[0-9]{1,2})/(?P<m2>[0-9]{1,2})(?![0-9/])"),
)
CENTURY_PIVOT = 50
MONTHS_IN_YEAR = 12
# Two complete dates joined by one of these make one range: "12/05/2007 - 12/06/2007".
RANGE_JOIN = re.compile(r"\s*(?:-|to|through|until|till|al|a|hasta(?:\s+el)?)\s*", re.IGNORECASE)

# What stands before a date that is the page's own: "Last update: July 12, 2010".
PUBLICATION_LABEL = re.compile(
    r"(?:last\s+(?:update[ds]?|modified|revised)|updated|published|posted|publication\s+date|as\s+(?:of|at)"
    r"|date\s+publish(?:ed)?|publish\s+date|version\s+(?:of|dated)|versi[óo]n\s+del?"
    r"|publi[ée]e?|mis\s+[àa]\s+jour|atualizad[oa]|publicad[oa]\s+em"
    r"|[úu]ltima\s+(?:actualizaci[óo]n|modificaci[óo]n)|actualizado|publicado|fecha\s+de\s+publicaci[óo]n)"
    r"(?:\s+(?:on|el|le|em))?\s*:?\s*(?:" + _WEEKDAY + r"\s*,?\s+|[A-Za-zéá]+\s*,\s*)?$",
    re.IGNORECASE,
)
WEEKDAYS = re.compile(_WEEKDAY, re.IGNORECASE)
PUBLICATION_REACH = 80

# A press-release dateline: "WASHINGTON, D.C., March 3, 2010 -", "Lima, 5 de mayo de 2009.-",
# "CHICLAYO, Perú – 14 de agosto de 2013 –", "Cali, 22 de agosto de 2008 (OPS/OMS). Con ...".
# The article some languages put before the day: "PORT-AU-PRINCE, le 16 mai 2007", "Lima, el 5 de mayo".
DATELINE_PLACE = re.compile(
    r"^\s*(?P<place>[A-ZÁÉÍÓÚÑ][^\n,\-]{0,40}(?:,[^\n,]{1,25}){0,2}?)\s*[,\-]\s*(?i:" + _WEEKDAY + r",?\s+)?"
    r"(?:(?:le|el|em|on)\s+)?$"
)
REFERENCE = re.compile(r"\s*(?:Reference|Referencia|Referência|Référence)\s*:?\s*[A-Z]{1,3}-\d+/\d+\s*", re.IGNORECASE)
DATELINE_END = re.compile(r"^\s*(?:\([^()\n]{1,20}\)\s*)?(?:\.?\s*(?:-|:)|\.\s)")
# At the head of a page a dateline takes more shapes: a date alone on its line,
# "Port-au-Prince - 16 July 2009", a byline "UNDP · Blog · 20 October 2010",
# "Guatemala City - 29 January 2010 · Press Briefing Notes", or a heading
# "San José, Costa Rica, 8 October 2009" over the story.
HEAD_LINES = 4
# Before the date: nothing, or a place or a byline, in capitalised words, and a separator.
_NAME_WORD = r"(?:[A-ZÁÉÍÓÚÑ][^\s\d,·|]*|\([A-Z]{2,3}\)|de|del|la|of|the|and|y|do|da|[·|])"  # "Brasília (DF)"
# What kind of page it is, before its date: "Press release · September 22, 2022".
_PAGE_KIND = (r"(?i:press\s+release|news(?:\s+release)?|media\s+release|comunicado(?:\s+de\s+prensa)?"
              r"|nota\s+de\s+prensa|noticia|not[íi]cia|communiqu[ée](?:\s+de\s+presse)?)\s*[·|:\-]\s*")
HEAD_BEFORE = re.compile(
    rf"^\s*(?:{_PAGE_KIND})?(?:(?P<place>{_NAME_WORD}(?:,?\s+{_NAME_WORD}){{0,8}}(?:,\s*{_NAME_WORD}+)?)\s*[,\-·|]?\s*)?"
    rf"(?:(?i:{_WEEKDAY}),?\s+)?(?:(?:le|el|em)\s+)?$"
)
# After the date (and the time of posting): nothing, a separator, or the topic a
# news page tags itself with ("15 March 2019 Counter-trafficking").
HEAD_AFTER = re.compile(
    r"^\s*(?:\([^()\n]{1,20}\)\s*)?(?:\d{1,2}:\d\d(?:\s*[ap]\.?m\.?)?\s*)?"
    r"(?:(?:Hits|Visitas|Lecturas):?[ \t]*\d+[ \t]*)?"  # a CMS's counter: "14:32 Hits: 611 Print Email"
    r"(?:$|\.?\s*[-:·|]|[A-Z][\w\-]*(?:[ \t]+(?:[A-Z][\w\-]*|and|y|et|e)){0,4}[ \t]*$"
    r"|(?:Topics?|Tags?|Themes?|Temas?|T[óo]picos?|Sujets?|Th[èe]mes?)[ \t]*:[^\n]*$)"  # "Topics: Migrant Protection"
)
FIELD = re.compile(r"[ \t]*[A-ZÁÉÍÓÚ][\w ]{0,20}:[ \t]")  # a page's field: "Country: Guatemala", "Region: Americas"
STORY_WORDS = 8  # the line under a dateline that stands alone is the story, not another short line
MONTH_ROW = re.compile(
    rf"[ \t]*(?P<m1>{_MONTH_NAMES})\.?(?:[ \t]*[–—-][ \t]*(?P<m2>{_MONTH_NAMES})\.?)?"
    r"(?:[ \t]+(?:de[ \t]+)?(?:19|20)\d\d)?[ \t]*",
    re.IGNORECASE,
)
CELL_HEAD = re.compile(r"(?:^|\n|\|)[ \t•]*$")  # what stands before a line's or a table cell's first word
CELL_HEAD_REACH = 12
# A month named with its year and no day: "November 2009", "noviembre de 2009".
MONTH_FORM = _form(r"{M1}{OPT_YEAR}")


@dataclass(frozen=True)
class _Found:
    start_pos: int
    end_pos: int
    start: dt.date | None  # None: not a date (invalid, or no year to give it)
    end: dt.date | None
    has_year: bool


def find_dates(text: str, default_year: int | None = None, month_first: bool = True) -> list[DateSpan]:
    """Every day-precision date or date range in ``text``, in text order.

    Spans never overlap and their positions point into ``text``.  A date
    written without a year takes ``default_year``; without one it is left out.
    Impossible dates ("February 30, 2010") are left out, never raised.
    ``month_first`` says how to read "12/05/2007"; a reading that cannot be a
    date that way is tried the other way round.
    """
    return list(_find_dates(text, default_year, month_first))


# Extractors scan one passage for dates several times over (its events, its
# dateline, its months): the last few scans are kept.
@functools.lru_cache(maxsize=8)
def _find_dates(text: str, default_year: int | None, month_first: bool) -> tuple[DateSpan, ...]:
    norm = text.translate(DASHES)
    found = _candidates(norm, default_year, month_first)
    # Dates with a year are placed first, so that "page 3 April 12, 2010" reads
    # April 12, 2010 and not a yearless "3 April".
    chosen = _leftmost_longest([f for f in found if f.has_year], [])
    chosen = _leftmost_longest([f for f in found if not f.has_year], chosen)
    spans = [DateSpan(f.start_pos, f.end_pos, f.start, f.end) for f in chosen if f.start is not None]
    return tuple(_join_ranges(norm, spans))


def _heads_a_cell(norm: str, start: int, end: int) -> bool:
    """Whether the abbreviated month at [start, end) has its dot and heads a line or a table cell."""
    return norm.startswith(".", end) and bool(CELL_HEAD.search(norm, max(0, start - CELL_HEAD_REACH), start))


def find_months(text: str, default_year: int | None = None) -> list[DateSpan]:
    """Every month named with its year but without a day ("in November 2009",
    "en noviembre de 2009"), as the span from its first day to its last, in
    text order.  A month that is part of a day-precision date is not one.  A
    month written in full without a year, or abbreviated with its dot at the
    head of a line or a table cell ("Nov. (dates to be confirmed)"), takes
    ``default_year``; without one, or abbreviated elsewhere ("Mar del Plata",
    "opens in Dec."), it is left out."""
    norm = text.translate(DASHES)
    days = find_dates(text, default_year=PLACEHOLDER_YEAR)
    starts = [d.start_pos for d in days]
    out = []
    for m in MONTH_FORM.finditer(norm):
        word = m["m1"]
        if word in LOWERCASE_NOT_MONTHS and not (
                word == "mars" and FRENCH_MONTH_CUE.search(norm, max(0, m.start() - FRENCH_CUE_REACH), m.start())):
            continue
        if m["y"] is None and (default_year is None or (word.lower() in ABBREVIATED_MONTHS
                                                       and not _heads_a_cell(norm, m.start(), m.end("m1")))):
            continue
        i = bisect.bisect_right(starts, m.start())
        if (i and days[i - 1].end_pos > m.start()) or (i < len(days) and days[i].start_pos < m.end()):
            continue
        year, month = int(m["y"] or default_year), MONTHS[word.lower()]
        first = dt.date(year, month, 1)
        last = (first + dt.timedelta(days=31)).replace(day=1) - dt.timedelta(days=1)
        out.append(DateSpan(m.start(), m.end(), first, last))
    return out


@dataclass(frozen=True)
class Dateline:
    """The date a page gives itself, and what stands before it on its line."""

    date: dt.date  # for a month alone ("Washington, D.C., March 2010 -"), its first day
    month_only: bool
    line: str  # its line up to the end of the date: "Lima, December 18, 2009"
    place: str  # the words before the date, separators trimmed: "Lima", or ""


def publication_dates(text: str, month_first: bool = True) -> list[DateSpan]:
    """The spans of ``text`` that date the page itself rather than what it tells:
    a labelled update or publication date, a press-release dateline, or a date
    standing alone or after a place or a byline in the first lines of ``text``."""
    return [d for d, _ in _datelines(text, find_dates(text, month_first=month_first), [])]


def read_dateline(text: str, month_first: bool = True) -> Dateline | None:
    """The page's own date (see ``publication_dates``; a month alone counts
    too): the first one that names a place, else the first, or None.
    ``month_first`` reads "05/09/2012" as ``find_dates`` does."""
    months = find_months(text)
    found = _datelines(text, find_dates(text, month_first=month_first), months)
    if not found:
        return None
    span, place = next(((d, p) for d, p in found if p), found[0])
    line_start = text.rfind("\n", 0, span.start_pos) + 1
    line = " ".join(text[line_start : span.end_pos].split())
    return Dateline(span.start, span in months, line, place)


def labelled_published(text: str, pos: int) -> bool:
    """The date at ``pos`` is labelled as the page's own: "Publicado em Terça, 26 Novembro 2013"."""
    return PUBLICATION_LABEL.search(text, max(0, pos - PUBLICATION_REACH), pos) is not None


def month_line(line: str) -> tuple[int, int] | None:
    """The months (first, last) a line names by itself, as a calendar sets them
    over their rows ("Febrero", "Agosto – Septiembre", "March 2011"), or None."""
    m = MONTH_ROW.fullmatch(line)
    if m is None:
        return None
    first = MONTHS[m["m1"].lower()]
    return first, MONTHS[m["m2"].lower()] if m["m2"] else first


def find_dateline(text: str) -> dt.date | None:
    """The day the page gives itself ("Last update: July 12, 2010", a press
    release's "Lima, 5 de mayo de 2009.-"), or None."""
    dateline = read_dateline(text)
    return dateline.date if dateline and not dateline.month_only else None


def _datelines(text: str, days: list[DateSpan], months: list[DateSpan]) -> list[tuple[DateSpan, str]]:
    """The spans among ``days`` and ``months`` that date the page, in text
    order, each with the place named before it on its line ("" for none)."""
    norm = text.translate(DASHES)
    # The end of the first HEAD_LINES lines, not counting labels in capitals ("PRESS RELEASE", "E-089/11")
    # or single words left of a page's chrome ("Search").
    head_end = -1
    counted = 0
    while counted < HEAD_LINES:
        start = head_end + 1
        head_end = norm.find("\n", start)
        if head_end < 0:
            head_end = len(norm)
            break
        line = norm[start:head_end]
        counted += any(c.islower() for c in line) and len(line.split()) > 1  # not "Search", "Menu"
    out = []
    for span in sorted(days + months, key=lambda d: d.start_pos):
        line_start = norm.rfind("\n", 0, span.start_pos) + 1
        line_end = norm.find("\n", span.end_pos)
        line_end = len(norm) if line_end < 0 else line_end
        before, after = norm[line_start : span.start_pos], norm[span.end_pos : line_end]
        if span not in months and labelled_published(norm, span.start_pos):
            out.append((span, ""))
            continue
        if span.end != span.start and span not in months:
            continue  # a range of days dates an event, not a page
        if DATELINE_PLACE.match(before) and DATELINE_END.match(after):
            out.append((span, DATELINE_PLACE.match(before)["place"].strip(" ,-")))
        elif span not in months and not after.strip(" .") and (signed := _signed(norm, line_start, before)):
            out.append((span, signed))
        elif span.start_pos < head_end and (head := HEAD_BEFORE.match(before)) and HEAD_AFTER.match(after):
            # A date that ends its line heads the story below it, not a list of other short lines.
            story = norm[line_end + 1 :].split("\n", 1)[0]
            # A date alone on its line dates the page ("09/22/15" over "Region: Americas"), unless the
            # next line is dated too or names a place: a list of events, each a date, a title and a venue.
            # A field under it ("Country: Guatemala") tags the page, it names no venue.
            alone = (not head["place"] and not any(line_end < d.start_pos <= line_end + 1 + len(story) for d in days)
                     and (FIELD.match(story) is not None or not find_places(story)))
            if after.strip() or len(story.split()) >= STORY_WORDS or alone:
                place = (head["place"] or "").strip(" ,-·|")
                # A weekday or a field's label ("Duration:") stands where a place would.
                out.append((span, "" if WEEKDAYS.fullmatch(place) or place.endswith(":") else place))
    return out


def line_dateline(line: str, default_year: int | None = None, month_first: bool = True) -> tuple[DateSpan, str] | None:
    """The day and the place a line opens with as a press release does ("Rivera,
    15 de septiembre de 2016 — En una reunión celebrada hoy ..."), or None."""
    norm = line.translate(DASHES)
    for span in find_dates(norm, default_year=default_year, month_first=month_first)[:1]:
        place = DATELINE_PLACE.match(norm[: span.start_pos])
        if span.start == span.end and place and DATELINE_END.match(norm[span.end_pos :]):
            return span, place["place"].strip(" ,-")
    return None


def _signed(text: str, line_start: int, before: str) -> str | None:
    """The place of a press release's signature, its reference then its place and
    day ("Reference: E-081/14" / "Washington, D.C., March 4, 2014"), or None."""
    reference = REFERENCE.match(before)
    if reference is None:
        above = text.rfind("\n", 0, max(0, line_start - 1)) + 1
        if not REFERENCE.fullmatch(text, above, max(above, line_start - 1)):
            return None
    place = DATELINE_PLACE.match(before[reference.end() if reference else 0 :])
    return place["place"].strip(" ,-") if place else None


def numeric_order(text: str) -> Literal["day", "month"] | None:
    """How ``text`` writes its numeric dates, when one of them shows it: "30/06/2016"
    is written day first, "09/22/2015" month first.  None if none shows it, or both orders do."""
    orders = set()
    for m in itertools.chain(NUMERIC_FORM.finditer(text), SHORT_NUMERIC_FORM.finditer(text)):
        a, b = int(m[1]), int(m[3] if m.re is NUMERIC_FORM else m[2])
        if a > MONTHS_IN_YEAR >= b:
            orders.add("day")
        elif b > MONTHS_IN_YEAR >= a:
            orders.add("month")
    return orders.pop() if len(orders) == 1 else None


def _candidates(text: str, default_year: int | None, month_first: bool) -> list[_Found]:
    found = []
    for form in WORD_FORMS:
        for m in form.finditer(text):
            if f := _from_words(m, default_year):
                found.append(f)
    for m in ISO_FORM.finditer(text):
        day = safe_date(int(m[1]), int(m[2]), int(m[3]))
        found.append(_Found(m.start(), m.end(), day, day, True))
    for m in NUMERIC_FORM.finditer(text):
        a, b, year = int(m[1]), int(m[3]), int(m[4])
        first, second = (a, b) if month_first and m[2] != "." else (b, a)
        day = safe_date(year, first, second) or safe_date(year, second, first)
        found.append(_Found(m.start(), m.end(), day, day, True))
    for m in NUMERIC_RANGE_FORM.finditer(text):
        first, last, month, year = int(m[1]), int(m[2]), int(m[4]), int(m[5])
        start, end = safe_date(year, month, first), safe_date(year, month, last)
        if start and end and start <= end:
            found.append(_Found(m.start(), m.end(), start, end, True))
    for m in SHORT_NUMERIC_FORM.finditer(text):
        a, b, short = int(m[1]), int(m[2]), int(m[3])
        year = 2000 + short if short < CENTURY_PIVOT else 1900 + short
        first, second = (a, b) if month_first else (b, a)
        day = safe_date(year, first, second) or safe_date(year, second, first)
        found.append(_Found(m.start(), m.end(), day, day, True))
    if default_year is not None:
        for form in YEARLESS_NUMERIC_FORMS:
            for m in form.finditer(text):
                groups = m.groupdict()
                start = safe_date(default_year, int(m["m1"]), int(m["d1"]))
                end = safe_date(default_year, int(groups.get("m2") or m["m1"]), int(m["d2"] or m["d1"]))
                if start and end and start <= end:
                    found.append(_Found(m.start("d1"), m.end(), start, end, False))
    return found


def _from_words(m: re.Match[str], default_year: int | None) -> _Found | None:
    groups = m.groupdict()
    # After its day and before a year it can only be a month: "3 mars 2008", "3 may 2009".
    # And after its day, "mars" is March ("du 9 au 11 mars"), as are the short forms with their dot
    # ("6-10 mar.", "29 may. - 2 jun."); "the 12 may attend" is no date.
    unambiguous = groups["y"] is not None and m.re is WORD_FORMS[1]
    after_day = m.start("d1") < m.start("m2" if groups.get("m2") else "m1")
    lowercase = [k for k in ("m1", "m2") if groups.get(k) in LOWERCASE_NOT_MONTHS]
    dotted = all(groups[k] in DAY_FIRST_ONLY or m.string.startswith(".", m.end(k)) for k in lowercase)
    if not unambiguous and lowercase and not (after_day and dotted):
        return None
    if groups.get("m2") and groups["m1"] and not groups["d2"]:  # "12 April May 2010"
        return None
    m1 = MONTHS[(groups["m1"] or groups["m2"]).lower()]
    m2 = MONTHS[(groups["m2"] or groups["m1"]).lower()]
    d1 = int(groups["d1"])
    d2 = int(groups["d2"]) if groups.get("d2") else d1
    has_year = groups["y"] is not None
    year = int(groups["y"]) if has_year else default_year
    if year is None:
        return _Found(m.start(), m.end(), None, None, False)
    # "December 30 - January 2, 2010" starts in the year before the one written.
    start_year = year - 1 if m2 < m1 else year
    start, end = safe_date(start_year, m1, d1), safe_date(year, m2, d2)
    if start is None or end is None or end < start:
        start = end = None
    return _Found(m.start(), m.end(), start, end, has_year)


def safe_date(year: int, month: int, day: int) -> dt.date | None:
    """The date, or None when there is no such day ("February 30") or year."""
    try:
        return dt.date(year, month, day)
    except (ValueError, OverflowError):
        return None


def _leftmost_longest(found: list[_Found], taken: list[_Found]) -> list[_Found]:
    """Add to ``taken`` each candidate that overlaps nothing taken so far,
    trying earlier and then longer candidates first."""
    chosen = sorted(taken, key=lambda f: f.start_pos)
    starts = [c.start_pos for c in chosen]
    for f in sorted(found, key=lambda f: (f.start_pos, f.start_pos - f.end_pos)):
        i = bisect.bisect_left(starts, f.start_pos)
        if (i == 0 or chosen[i - 1].end_pos <= f.start_pos) and (i == len(chosen) or f.end_pos <= starts[i]):
            chosen.insert(i, f)
            starts.insert(i, f.start_pos)
    return chosen


def _join_ranges(text: str, spans: list[DateSpan]) -> list[DateSpan]:
    """Merge "<date> - <date>" into one span when the second does not come first."""
    out: list[DateSpan] = []
    for span in spans:
        prev = out[-1] if out else None
        if (
            prev is not None
            and RANGE_JOIN.fullmatch(text, prev.end_pos, span.start_pos)
            and prev.end == prev.start
            and span.end == span.start
            and span.start >= prev.start
        ):
            out[-1] = DateSpan(prev.start_pos, span.end_pos, prev.start, span.start)
        else:
            out.append(span)
    return out


# Days a page names against its own date.  Portuguese weekdays only with
# "-feira": "segunda", "quinta" and "sexta" are also ordinals.
WEEKDAY_NUMBERS = {
    **dict.fromkeys(("monday", "lunes", "lundi", "segunda-feira"), 0),
    **dict.fromkeys(("tuesday", "martes", "mardi", "terça-feira", "terca-feira"), 1),
    **dict.fromkeys(("wednesday", "miércoles", "miercoles", "mercredi", "quarta-feira"), 2),
    **dict.fromkeys(("thursday", "jueves", "jeudi", "quinta-feira"), 3),
    **dict.fromkeys(("friday", "viernes", "vendredi", "sexta-feira"), 4),
    **dict.fromkeys(("saturday", "sábado", "sabado", "samedi"), 5),
    **dict.fromkeys(("sunday", "domingo", "dimanche"), 6),
}
# The weekday first, its qualifier looked for around it: scanning for the qualifier
# first would try it at every position of every passage.
RELATIVE_WEEKDAY = re.compile(
    r"\b(?=[mtwfsldjvq])(?P<day>" + "|".join(sorted(WEEKDAY_NUMBERS, key=len, reverse=True)) + r")\b"
    r"(?:\s+(?P<last_after>pasado|passad[oa]|dernier)|\s+(?P<next_after>prochain|pr[óo]ximo))?",
    re.IGNORECASE,
)
YESTERDAY = re.compile(r"\b(?:yesterday|ayer|hier|ontem)\b", re.IGNORECASE)
LAST_WEEK = re.compile(
    r"\b(?:last\s+week|the\s+week\s+before|la\s+semana\s+pasada|la\s+semaine\s+derni[èe]re|na\s+semana\s+passada)\b",
    re.IGNORECASE,
)
# After the weekdays it governs: "from Monday to Friday of next week".
NEXT_WEEK = re.compile(
    r"(?:[ \t,]+(?:and|to|through|y|al|a|e|et|au|-)[ \t]+(?:(?:el|le|o)[ \t]+)?\w+)?[ \t,]+"
    r"(?:(?:of[ \t]+)?next[ \t]+week"
    r"|de[ \t]+la[ \t]+(?:pr[óo]xima[ \t]+semana|semana[ \t]+(?:pr[óo]xima|entrante|que[ \t]+viene))"
    r"|da[ \t]+pr[óo]xima[ \t]+semana|de[ \t]+la[ \t]+semaine[ \t]+prochaine)\b",
    re.IGNORECASE,
)
LAST_WEEK_REACH = 300  # "last week" governs the weekdays of the sentences after it
WEEKDAY_JOINER = re.compile(r"\s*(?:and|to|through|y|al|a|e|et|au|-)\s+(?:(?:el|le|o)\s+)?", re.IGNORECASE)
LAST_BEFORE = re.compile(r"\b(?:last|past|pasado|passad[oa]|[úu]ltim[oa])\s+$", re.IGNORECASE)
THIS_BEFORE = re.compile(r"\b(?:this|este|esta|neste|nesta|ce)\s+$", re.IGNORECASE)
NEXT_BEFORE = re.compile(r"\b(?:next|this\s+coming|pr[óo]xim[oa])\s+$", re.IGNORECASE)
# A weekday that heads a date ("Monday, May 2") or recurs ("every Monday") names no day of its own.
WEEKDAY_BEFORE_DATE = re.compile(
    r"\s*,?\s*(?:the\s+|el\s+|le\s+|o\s+)?(?:[0-9]+|" + _MONTH_NAMES + r")\b", re.IGNORECASE
)
# After a capitalised word a weekday is part of a name: "Santo Domingo", "Black Friday".
NAME_BEFORE_WEEKDAY = re.compile(
    r"(?<![.!?]\s)\b(?!(?:On|El|Le|O|A|Since|By|Until|Hasta|Desde|Depuis)\b)[A-ZÁÉÍÓÚÑ]\w*[ \t]+$"
)
# "every Monday", "los lunes y viernes" (Spanish sets a recurring day in the plural, with its article).
RECURRING = re.compile(
    r"\b(?:every|each|cada|chaque|todos\s+los|todas\s+as|tous\s+les|los|les)\s+(?:\w+\s+(?:y|e|et|and)\s+)?$",
    re.IGNORECASE,
)
FUTURE_BEFORE = re.compile(
    r"\b(?:will|shall|se\s+realizar[áa]|tendr[áa]|ser[áa]|aura|sera|vai|ser[áa]o|ir[áa])\b[^.;]{0,40}$", re.IGNORECASE
)
WEEK = 7
# "the 10th and 11th of this month", "los días 4 y 5 de este mes", "nos dias 4 e 5 deste mês", "les 4 et 5 de ce mois".
THIS_MONTH = re.compile(
    r"(?P<d1>\b[0-9]{1,2})(?:st|nd|rd|th|º|°)?(?:" + _RANGE + r"(?P<d2>[0-9]{1,2})(?:st|nd|rd|th|º|°)?)?\s+"
    r"(?:of\s+this\s+month|(?:of\s+)?the\s+current\s+month|de\s+este\s+mes|del\s+(?:presente\s+)?mes(?:\s+en\s+curso)?"
    r"|deste\s+m[êe]s|do\s+(?:corrente|presente)\s+m[êe]s|de\s+ce\s+mois|du\s+mois\s+en\s+cours)\b",
    re.IGNORECASE,
)


def find_relative_dates(text: str, today: dt.date | None) -> list[DateSpan]:
    """The days ``text`` names against ``today``, the page's own date, in text
    order: "yesterday" ("ayer", "hier", "ontem"); a weekday ("last Tuesday", "el miércoles pasado", "on Wednesday")
    is the latest such day up to today (before it after "last"; after it after
    "next" or a verb in the future); "the 10th and 11th of this month" is in
    today's month.  A weekday heading a date ("Monday, May 2") is left to
    ``find_dates``; without ``today`` nothing is found."""
    if today is None:
        return []
    norm = text.translate(DASHES)
    out = []
    for m in YESTERDAY.finditer(norm):
        if day := shift_days(today, -1):
            out.append(DateSpan(m.start(), m.end(), day, day))
    for m in THIS_MONTH.finditer(norm):
        start = safe_date(today.year, today.month, int(m["d1"]))
        end = safe_date(today.year, today.month, int(m["d2"] or m["d1"]))
        if start and end and start <= end:
            out.append(DateSpan(m.start(), m.end(), start, end))
    for m in RELATIVE_WEEKDAY.finditer(norm):
        before = max(0, m.start() - 20)
        last = m["last_after"] or LAST_BEFORE.search(norm, before, m.start())
        after_next = m["next_after"] or NEXT_BEFORE.search(norm, before, m.start())
        this = THIS_BEFORE.search(norm, before, m.start())
        if (
            WEEKDAY_BEFORE_DATE.match(norm, m.end())
            or RECURRING.search(norm, before, m.start())
            or (not (last or after_next or this)
                and NAME_BEFORE_WEEKDAY.search(norm, max(0, m.start() - 30), m.start()))
        ):
            continue
        weekday = WEEKDAY_NUMBERS[m["day"].lower()]
        previous = out[-1] if out else None
        joined = previous is not None and WEEKDAY_JOINER.fullmatch(norm, previous.end_pos, m.start()) is not None
        if joined:
            # "Thursday and Friday", "del lunes al miércoles": the days after the first, whichever way it went.
            day = shift_days(previous.start, (weekday - previous.start.weekday()) % WEEK or WEEK)
        elif this:
            # "este miércoles", "this Wednesday": the page's own week, whether it is past or to come.
            day = shift_days(today, weekday - today.weekday())
        elif NEXT_WEEK.match(norm, m.end()):
            # "from Monday to Friday of next week", "el martes y el miércoles de la próxima semana"
            day = shift_days(today, -today.weekday() + WEEK + weekday)
        elif LAST_WEEK.search(norm, max(0, m.start() - LAST_WEEK_REACH), m.start()):
            # "... delivered two rounds of training last week. ... on Monday and Tuesday in Quetzaltenango"
            day = shift_days(today, -today.weekday() - WEEK + weekday)
        elif after_next or FUTURE_BEFORE.search(norm, max(0, m.start() - 60), m.start()):
            ahead = (weekday - today.weekday()) % WEEK or WEEK
            day = shift_days(today, ahead)
        else:
            back = (today.weekday() - weekday) % WEEK
            day = shift_days(today, -(back or (WEEK if last else 0)))
        if day is None:
            continue
        if joined:
            out[-1] = DateSpan(previous.start_pos, m.end(), previous.start, day)
        else:
            out.append(DateSpan(m.start(), m.end(), day, day))
    return sorted(out, key=lambda d: d.start_pos)


def shift_days(day: dt.date, days: int) -> dt.date | None:
    """``day`` moved by ``days``, or None past the calendar's ends (years 1 and 9999)."""
    try:
        return day + dt.timedelta(days=days)
    except OverflowError:
        return None
