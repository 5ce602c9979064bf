"""Find the dates and date ranges a text names, in English and Spanish.

Written by hand because no library does what kb needs: dateparser and
datefinder find single dates, not ranges such as "April 12-16, 2010",
"3-7 August 2009" or "del 12 al 16 de abril de 2010", and neither reports
where in the text a date was found.

Only day-precision dates are returned.  A month alone ("November 2009") or a
year alone ("since 2005") says when something happened but not on which day;
``DateSpan`` has no field for precision, so such mentions are left out.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from dataclasses import dataclass

from kb.models import DateSpan

# Hyphens, dashes and the minus sign, all read as "-".  One character each way,
# so positions in the translated text are positions in the original.
DASHES = str.maketrans({c: "-" for c in "\u2010\u2011\u2012\u2013\u2014\u2015\u2212"})

MONTH_WORDS = (
    "january jan enero",
    "february feb febrero",
    "march mar marzo",
    "april apr abril",
    "may mayo",
    "june jun junio",
    "july jul julio",
    "august aug agosto",
    "september sept sep septiembre setiembre",
    "october oct octubre",
    "november nov noviembre",
    "december dec diciembre",
)
MONTHS = {word: n for n, words in enumerate(MONTH_WORDS, start=1) for word in words.split()}
# English words that are month names only when capitalised ("staff may 3 times").
LOWERCASE_NOT_MONTHS = {"may", "mar"}

_MONTH_NAMES = "|".join(sorted(MONTHS, key=len, reverse=True))
# ASCII digits only, and the digit tested before the look-behind: both keep the
# scan fast, which matters because every passage of every page goes through here.
_DAY = r"(?P<{}>[0-9](?<![0-9][0-9])[0-9]?)(?:st|nd|rd|th|º|°)?(?!\w)"
_MONTH = r"\b(?=[adefjmnos])(?P<{}>" + _MONTH_NAMES + r")\b\.?"
_YEAR = r"(?P<y>(?:19|20)(?<![0-9]..)[0-9][0-9])(?![0-9])"
_YEAR_SEP = r"(?:\s*,\s*|\s+(?:de|del)\s+|\s+)"
_OPT_YEAR = f"(?:{_YEAR_SEP}{_YEAR})?"
_RANGE = r"(?:\s*[-&]\s*|\s+(?:to|through|thru|until|till|and|al|a|y|hasta(?:\s+el)?)\s+(?:the\s+|el\s+)?)"
_OF = r"(?:\s+(?:de|of))?\s+"


def _form(template: str) -> re.Pattern[str]:
    return re.compile(
        template.format(
            M1=_MONTH.format("m1"),
            M2=_MONTH.format("m2"),
            D1=_DAY.format("d1"),
            D2=_DAY.format("d2"),
            RANGE=_RANGE,
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
    # 12 April 2010 / 3-7 August 2009 / 15th and 18th of December 2009 /
    # del 12 al 16 de abril de 2010 / 30 de septiembre al 2 de octubre de 2009
    _form(r"{D1}(?:{OF}{M1})?(?:{RANGE}{D2})?{OF}{M2}{OPT_YEAR}"),
]
ISO_FORM = re.compile(r"((?:19|20)(?<![0-9/-]..)[0-9][0-9])[-/]([0-9]{1,2})[-/]([0-9]{1,2})(?![0-9/-])")
NUMERIC_FORM = re.compile(r"([0-9](?<![0-9/.][0-9])[0-9]?)/([0-9]{1,2})/((?:19|20)[0-9][0-9])(?![0-9/])")
# Two complete dates joined by one of these make one range: "12/05/2007 - 12/06/2007".
RANGE_JOIN = re.compile(r"\s*(?:-|to|through|until|till|al|a|hasta(?:\s+el)?)\s*", re.IGNORECASE)

# What stands before a date that is the page's own: "Last update: July 12, 2010".
PUBLICATION_LABEL = re.compile(
    r"(?:last\s+(?:update[ds]?|modified|revised)|updated|published|posted|publication\s+date"
    r"|[úu]ltima\s+(?:actualizaci[óo]n|modificaci[óo]n)|actualizado|publicado|fecha\s+de\s+publicaci[óo]n)"
    r"(?:\s+(?:on|el))?\s*:?\s*(?:[A-Za-zéá]+\s*,\s*)?$",
    re.IGNORECASE,
)
# A press-release dateline: "WASHINGTON, D.C., March 3, 2010 -", "Lima, 5 de mayo de 2009.-".
DATELINE_PLACE = re.compile(r"^\s*[A-ZÁÉÍÓÚÑ][^\n,]{0,40}(?:,[^\n,]{1,25}){0,2},\s*$")
DATELINE_END = re.compile(r"^\s*(?:\([^()\n]{1,20}\)\s*)?\.?\s*(?:-|:)")


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
    norm = text.translate(DASHES)
    found = _candidates(norm, default_year, month_first)
    # Dates with a year are placed first, so that "page 3 April 12, 2010" reads
    # April 12, 2010 and not a yearless "3 April".
    chosen = _leftmost_longest([f for f in found if f.has_year], [])
    chosen = _leftmost_longest([f for f in found if not f.has_year], chosen)
    spans = [DateSpan(f.start_pos, f.end_pos, f.start, f.end) for f in chosen if f.start is not None]
    return _join_ranges(norm, spans)


def publication_dates(text: str) -> list[DateSpan]:
    """The spans of ``text`` that date the page itself rather than what it tells:
    a labelled update or publication date, or a press-release dateline."""
    norm = text.translate(DASHES)
    out = []
    for span in find_dates(text):
        line_start = norm.rfind("\n", 0, span.start_pos) + 1
        line_end = norm.find("\n", span.end_pos)
        before = norm[line_start : span.start_pos]
        after = norm[span.end_pos : line_end if line_end >= 0 else len(norm)]
        labelled = PUBLICATION_LABEL.search(before[-80:])
        dateline = span.end == span.start and DATELINE_PLACE.match(before) and DATELINE_END.match(after)
        if labelled or dateline:
            out.append(span)
    return out


def find_dateline(text: str) -> dt.date | None:
    """The date the page gives itself ("Last update: July 12, 2010", a press
    release's "Lima, 5 de mayo de 2009.-"), the first such in the text, or None."""
    spans = publication_dates(text)
    return spans[0].start if spans else None


def _candidates(text: str, default_year: int | None, month_first: bool) -> list[_Found]:
    found = []
    for form in WORD_FORMS:
        for m in form.finditer(text):
            if f := _from_words(m, default_year):
                found.append(f)
    for m in ISO_FORM.finditer(text):
        day = _date(int(m[1]), int(m[2]), int(m[3]))
        found.append(_Found(m.start(), m.end(), day, day, True))
    for m in NUMERIC_FORM.finditer(text):
        a, b, year = int(m[1]), int(m[2]), int(m[3])
        first, second = (a, b) if month_first else (b, a)
        day = _date(year, first, second) or _date(year, second, first)
        found.append(_Found(m.start(), m.end(), day, day, True))
    return found


def _from_words(m: re.Match[str], default_year: int | None) -> _Found | None:
    groups = m.groupdict()
    if any(groups[k] in LOWERCASE_NOT_MONTHS for k in ("m1", "m2") if groups.get(k)):
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
    start, end = _date(start_year, m1, d1), _date(year, m2, d2)
    if start is None or end is None or end < start:
        start = end = None
    return _Found(m.start(), m.end(), start, end, has_year)


def _date(year: int, month: int, day: int) -> dt.date | None:
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
