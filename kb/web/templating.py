"""The page templates and the filters they use to show codes as words.

Templates autoescape.  Three kinds of value are rendered as markup, each escaped
where it is made: a hit's snippet (by the search library, before it marks the
matched words), the events chart (built with ElementTree) and code_spans().
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from urllib.parse import urlsplit

import jinja2
from markupsafe import Markup, escape
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
FACET_SHOWN = 8  # values listed before "N more"
EVENTS_SHOWN = 8  # a document page folds a longer events table
PAGE_WINDOW = 2  # pages linked on each side of the current one
LINKED_SCHEMES = ("http", "https")
BACKQUOTED = re.compile(r"`([^`]+)`")


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


def facet_items(name: str, counts: dict[str, int], chosen: list[str]) -> list[tuple[str, int]]:
    """A facet's values for the sidebar: the chosen ones first (with 0 when no matching
    document has them, so they can still be unticked), then the rest by number of
    documents, or newest first for years."""
    rest = sorted(counts.items(), reverse=True) if name == "year" else list(counts.items())
    picked = [(value, counts.get(value, 0)) for value in dict.fromkeys(chosen)]
    return picked + [(value, count) for value, count in rest if value not in chosen]


def page_window(page: int, last: int) -> list[int | None]:
    """Page numbers to link: the first, the last and a few around `page`; None for a gap."""
    shown = sorted({1, last, *range(max(1, page - PAGE_WINDOW), min(last, page + PAGE_WINDOW) + 1)})
    window: list[int | None] = []
    for n in shown:
        if window and n - window[-1] > 1:
            window.append(None)
        window.append(n)
    return window


def schema_summary(schema: dict) -> str:
    """A parameter's schema in words: "integer, 1 to 100, default 10"."""
    if schema.get("type") == "array":
        return "repeatable: " + schema_summary(schema["items"])
    parts = [schema["type"]]
    if "enum" in schema:
        parts = ["one of " + ", ".join(schema["enum"])]
    if "minimum" in schema:
        parts.append(f"{schema['minimum']} to {schema['maximum']}" if "maximum" in schema
                     else f"{schema['minimum']} or more")
    if "pattern" in schema:
        parts.append("like 2009 or 2008..2010")
    if "default" in schema:
        parts.append(f"default {str(schema['default']).lower()}")
    return ", ".join(parts)


def code_spans(text: str) -> Markup:
    """Text escaped, with its `backquoted` parts in <code> (the OpenAPI descriptions use them)."""
    return Markup(BACKQUOTED.sub(r"<code>\1</code>", str(escape(text))))


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


def and_list(items) -> str:
    """["English", "Spanish", "French"] -> "English, Spanish and French"."""
    items = [str(i) for i in items]
    return " and ".join(filter(None, [", ".join(items[:-1]), items[-1]])) if items else ""


def plural(count: int, word: str, many: str | None = None) -> str:
    return f"{count:,} {word if count == 1 else many or word + 's'}"


def make_templates() -> Jinja2Templates:
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATES_DIR), autoescape=True,
                             trim_blocks=True, lstrip_blocks=True, undefined=jinja2.StrictUndefined)
    templates = Jinja2Templates(env=env)
    templates.env.filters.update(country=country, language=language, long_date=long_date, plural=plural,
                                 full_name=full_name, code_spans=code_spans, and_list=and_list)
    templates.env.globals.update(
        facet_value=facet_value, facet_items=facet_items, facet_labels=FACET_LABELS, facet_shown=FACET_SHOWN,
        events_shown=EVENTS_SHOWN, page_window=page_window, linkable=linkable, schema_summary=schema_summary,
        date_range=date_range,
    )
    return templates
