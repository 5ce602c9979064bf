"""Query parameters, read and checked against their OpenAPI description.

Checking is written here rather than with a JSON Schema validator because
query parameters arrive as strings that must first be typed ("2" is a page,
"true" a boolean), and the error must name the parameter in words a person
understands: a dozen lines do both.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urlencode

from starlette.datastructures import QueryParams

from kb import settings
from kb.errors import QueryError
from kb.schema import FACET_NAMES
from kb.search import SearchRequest
from kb.web import openapi

INTEGER = re.compile(r"-?[0-9]{1,18}")  # longer numbers are out of every range anyway
BOOLEANS = {"true": True, "false": False}


def read(query: QueryParams, parameters: list[dict]) -> dict[str, object]:
    """The query parameters described in `parameters`, typed, defaults filled in.

    A list parameter ignores empty values (what a form's "any" choice sends).
    Raises QueryError naming the first parameter that does not fit its schema.
    """
    values: dict[str, object] = {}
    for parameter in parameters:
        if parameter["in"] != "query":
            continue
        name, schema = parameter["name"], parameter["schema"]
        if schema["type"] == "array":
            values[name] = [check(name, schema["items"], raw) for raw in query.getlist(name) if raw != ""]
        elif name in query:
            values[name] = check(name, schema, query[name])
        else:
            values[name] = schema.get("default")
    return values


def check(name: str, schema: dict, raw: str) -> object:
    """One value, typed and checked against its schema."""
    kind = schema["type"]
    if kind == "integer":
        if not INTEGER.fullmatch(raw):
            raise QueryError(name, f"{raw[:40]!r} is not a whole number")
        value = int(raw)
        low, high = schema.get("minimum"), schema.get("maximum")
        if (low is not None and value < low) or (high is not None and value > high):
            bounds = f"between {low} and {high}" if high is not None else f"{low} or more"
            raise QueryError(name, f"must be {bounds}, not {value}")
        return value
    if kind == "boolean":
        if raw not in BOOLEANS:
            raise QueryError(name, f"must be true or false, not {raw[:40]!r}")
        return BOOLEANS[raw]
    if "enum" in schema and raw not in schema["enum"]:
        raise QueryError(name, f"must be one of {', '.join(schema['enum'])}, not {raw[:40]!r}")
    if "pattern" in schema and not re.fullmatch(schema["pattern"], raw):
        raise QueryError(name, f"{raw[:40]!r} is not a year (2009) or a range of years (2008..2010)")
    return raw


def years(values: list[str]) -> list[str]:
    """Years and ranges ("2008..2010", either order) as the years they cover."""
    found: list[str] = []
    for value in values:
        low, _, high = value.partition("..")
        first, last = sorted((int(low), int(high or low)))
        found.extend(str(y) for y in range(first, last + 1))
    return list(dict.fromkeys(found))


def search_request(query: QueryParams, parameters: list[dict] | None = None) -> SearchRequest:
    """A search as asked for by /search, /api/search or /search.atom."""
    values = read(query, parameters or openapi.operation("/api/search")["parameters"])
    filters = {name: years(values[name]) if name == "year" else values[name]
               for name in FACET_NAMES if values[name]}
    return SearchRequest(
        q=(values["q"] or "")[: settings.get("max_query_chars")],
        filters=filters,
        page=values.get("page") or 1,
        limit=values["limit"],
        sort=values.get("sort") or "relevance",
        expand=values["expand"],
    )


def output_format(query: QueryParams, path: str) -> str:
    """The `format` asked of an API path: json or csv."""
    described = [p for p in openapi.operation(path)["parameters"] if p["name"] == "format"]
    return read(query, described)["format"]


@dataclass
class EventQuery:
    filters: dict[str, list[str]]
    kinds: list[str]
    format: str


def event_query(query: QueryParams) -> EventQuery:
    """The filters of /events and /api/events."""
    values = read(query, openapi.operation("/api/events")["parameters"])
    filters = {"agency": values["agency"], "country": values["country"], "year": years(values["year"])}
    return EventQuery(filters={k: v for k, v in filters.items() if v}, kinds=values["kind"],
                      format=values["format"])


def mandate_number(raw: str) -> int:
    """A mandate number from a URL path or a form: a whole number from 1 to 999."""
    return check("n", openapi.MANDATE_NUMBER["schema"], raw.strip())


@dataclass(frozen=True)
class Here:
    """The address of the page being shown, for links to its neighbours: the same
    search without one filter, sorted otherwise, on the next page."""

    path: str
    pairs: tuple[tuple[str, str], ...]

    @classmethod
    def of(cls, path: str, query: QueryParams) -> Here:
        return cls(path, tuple((k, v) for k, v in query.multi_items() if v != ""))

    def values(self, name: str) -> list[str]:
        return [v for k, v in self.pairs if k == name]

    def without(self, name: str, value: str | None = None) -> Here:
        """Without `name` (or only without this value of it)."""
        return Here(self.path, tuple((k, v) for k, v in self.pairs if k != name or (value is not None and v != value)))

    def only(self, *names: str) -> Here:
        """With only these parameters."""
        return Here(self.path, tuple((k, v) for k, v in self.pairs if k in names))

    def set(self, name: str, value: str | int | None) -> Here:
        """With `name` set to this one value (or removed, for None)."""
        here = self.without(name)
        return here if value is None else Here(self.path, here.pairs + ((name, str(value)),))

    def at(self, path: str) -> Here:
        return Here(path, self.pairs)

    def __str__(self) -> str:
        return self.path + ("?" + urlencode(self.pairs) if self.pairs else "")
