"""The page templates and the filters they use to show codes as words.

Templates autoescape; the one value rendered unescaped is a hit's snippet,
which the search library escapes itself before marking the matched words.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from urllib.parse import urlsplit

import jinja2
from starlette.templating import Jinja2Templates

from kb.places import country_name
from kb.schema import FACETS

WEB_DIR = Path(__file__).parent
TEMPLATES_DIR = WEB_DIR / "templates"
STATIC_DIR = WEB_DIR / "static"

LANGUAGES = {"en": "English", "es": "Spanish", "fr": "French", "pt": "Portuguese", "und": "Undetermined"}
DOC_TYPES = {"html": "Web page", "pdf": "PDF", "text": "Text"}
BODIES = {
    "DPS": "Department of Public Security",
    "SMS": "Secretariat for Multidimensional Security",
    "CICTE": "Inter-American Committee against Terrorism",
    "CICAD": "Inter-American Drug Abuse Control Commission",
    "CIM": "Inter-American Commission of Women",
    "MISPA": "Meeting of Ministers Responsible for Public Security in the Americas",
}
AGENCIES = {
    "OAS": "Organization of American States",
    "IOM": "International Organization for Migration",
    "PAHO": "Pan American Health Organization",
    "UNDP": "United Nations Development Programme",
}
FACET_LABELS = {f.name: f.label for f in FACETS}
LINKED_SCHEMES = ("http", "https")


def country(code: str) -> str:
    """ "JM" -> "Jamaica"; a code the gazetteer does not know is shown as it is."""
    try:
        return country_name(code)
    except KeyError:
        return code


def language(code: str) -> str:
    return LANGUAGES.get(code, code)


def facet_value(name: str, value: str) -> str:
    """How a facet value is shown in the sidebar and on a chip."""
    if name == "country":
        return country(value)
    if name == "language":
        return language(value)
    if name == "doc_type":
        return DOC_TYPES.get(value, value)
    return value


def full_name(acronym: str) -> str | None:
    return BODIES.get(acronym) or AGENCIES.get(acronym)


def linkable(url: str) -> bool:
    """Whether a document's address is worth a link: a web address, not a local file."""
    return urlsplit(url).scheme in LINKED_SCHEMES


def long_date(value: str | dt.date | None) -> str:
    """2009-07-15 -> "15 July 2009"."""
    if not value:
        return ""
    day = dt.date.fromisoformat(value) if isinstance(value, str) else value
    return f"{day.day} {day:%B %Y}"


def date_range(start: dt.date | None, end: dt.date | None) -> str:
    if start is None:
        return "undated"
    if end is None or end == start:
        return long_date(start)
    if (start.year, start.month) == (end.year, end.month):
        return f"{start.day}–{long_date(end)}"
    if start.year == end.year:
        return f"{start.day} {start:%B} – {long_date(end)}"
    return f"{long_date(start)} – {long_date(end)}"


def plural(count: int, word: str, many: str | None = None) -> str:
    return f"{count:,} {word if count == 1 else many or word + 's'}"


def make_templates() -> Jinja2Templates:
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATES_DIR), autoescape=True,
                             trim_blocks=True, lstrip_blocks=True, undefined=jinja2.StrictUndefined)
    templates = Jinja2Templates(env=env)
    templates.env.filters.update(country=country, language=language, long_date=long_date, plural=plural,
                                 full_name=full_name)
    templates.env.globals.update(facet_value=facet_value, facet_labels=FACET_LABELS, linkable=linkable,
                                 date_range=date_range)
    return templates
