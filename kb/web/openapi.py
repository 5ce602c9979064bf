"""The OpenAPI 3.1 description of kb's JSON API, written once as Python data.

The server reads its query parameters through these same parameter objects
(kb.web.params), and the /api page is rendered from them, so the description,
the checks and the documentation cannot disagree.  The response schemas are
exact: every key is required and no other key is allowed, so a test that
validates real responses against them notices any change of shape.
"""

from __future__ import annotations

import copy
import functools

from kb import __version__, settings
from kb.schema import FACETS
from kb.search import SORTS

MAX_PAGE = 1_000_000  # deeper pages hold nothing: no knowledge base has that many documents

OPENAPI_VERSION = "3.1.0"
FORMATS = ("json", "csv")
YEAR_PATTERN = r"^([0-9]{4}(\.\.[0-9]{4})?)?$"  # empty: any year (what a form's "any" option sends)
MAX_MANDATE = 999
DEFAULT_LIMIT = 10
FEED_LIMIT = 20

# The "type" of every error the API answers with.
BAD_PARAMETER = "bad_parameter"
NOT_FOUND = "not_found"
METHOD_NOT_ALLOWED = "method_not_allowed"
NO_INDEX = "no_index"
INTERNAL_ERROR = "internal_error"
ERROR_TYPES = (BAD_PARAMETER, NOT_FOUND, METHOD_NOT_ALLOWED, NO_INDEX, INTERNAL_ERROR)

FACET_HELP = {
    "agency": "Publishing agency: OAS, IOM, PAHO, UNDP (or Other).",
    "body": "An OAS body the document names: DPS, SMS, CICTE, CICAD, CIM, MISPA, Summits Secretariat.",
    "country": "A country the document is about: ISO 3166-1 alpha-2 code (JM) or name (Jamaica).",
    "year": "A year the document speaks of (2009), or a range (2008..2010; either order); empty: any.",
    "language": "Language of the document: en, es, fr, pt.",
    "doc_type": "Type of the original: html, pdf or text.",
}


def _string(**extra) -> dict:
    return {"type": "string", **extra}


NULLABLE_STRING = {"type": ["string", "null"]}
NULLABLE_DATE = {"type": ["string", "null"], "format": "date"}
STRINGS = {"type": "array", "items": _string()}
YEARS = {"type": "array", "items": {"type": "integer"}}
COUNT = {"type": "integer", "minimum": 0}


def _object(properties: dict, **extra) -> dict:
    """A JSON object with exactly these keys."""
    return {"type": "object", "required": list(properties), "additionalProperties": False,
            "properties": properties, **extra}


# ---------------------------------------------------------------- response schemas

ERROR = _object({"error": _object({
    "type": _string(enum=list(ERROR_TYPES)),
    "message": _string(),
    "parameter": {**NULLABLE_STRING, "description": "The query or path parameter at fault, if any."},
})})

HIT = _object({
    "doc_id": _string(), "url": _string(), "title": _string(), "agency": _string(),
    "countries": STRINGS, "country_codes": STRINGS, "years": YEARS, "language": _string(),
    "doc_type": _string(), "bodies": STRINGS, "date": NULLABLE_DATE, "score": {"type": "number"},
    "snippet": _string(description="HTML: the passage's text escaped, the matched words in <mark>."),
    "passage": {"type": ["integer", "null"], "description": "Position of the best matching passage."},
    "passages_matched": COUNT,
})

FACET_COUNTS = {"type": "object", "additionalProperties": {"type": "integer", "minimum": 1},
                "description": "Facet value -> number of matching documents that have it."}

SEARCH_RESULT = _object({
    "query": _string(description="The query as read, after cutting it to the longest length accepted."),
    "total": COUNT,
    "page": {"type": "integer", "minimum": 1, "maximum": MAX_PAGE},
    "limit": {"type": "integer", "minimum": 1},
    "sort": _string(enum=list(SORTS)),
    "hits": {"type": "array", "items": {"$ref": "#/components/schemas/Hit"}},
    "facets": _object({f.name: FACET_COUNTS for f in FACETS}),
    "suggestion": {**NULLABLE_STRING, "description": "A spelling the index knows better, if any."},
    "expanded": {**STRINGS, "description": "Terms searched besides the query's own (other language, synonyms)."},
    "took_ms": {"type": "number", "minimum": 0},
})

_EVENT_FIELDS = {
    "kind": _string(description="training, seminar, workshop, course, meeting or conference"),
    "title": _string(), "city": NULLABLE_STRING, "country": NULLABLE_STRING, "country_code": NULLABLE_STRING,
    "start": NULLABLE_DATE, "end": NULLABLE_DATE,
    "precision": {"type": "string", "enum": ["day", "month"],
                  "description": "month when the text names only the month: start and end bound that month."},
}
PASSAGE_POSITION = {"type": ["integer", "null"], "description": "Position of the passage it was found in."}

EVENT_ROW = _object({
    **_EVENT_FIELDS, "doc_id": _string(), "url": _string(), "document_title": _string(), "agency": _string(),
    "passage": PASSAGE_POSITION,
})

DOCUMENT = _object({
    "doc_id": _string(), "url": _string(), "title": _string(), "agency": _string(), "bodies": STRINGS,
    "doc_type": _string(), "language": _string(), "years": YEARS, "date": NULLABLE_DATE,
    "countries": STRINGS, "country_codes": STRINGS,
    "events": {"type": "array", "items": _object({**_EVENT_FIELDS, "passage": PASSAGE_POSITION})},
    "mandates": {"type": "array", "items": {"type": "integer"}},
    "declarations": {"type": "object", "additionalProperties": _string(),
                     "description": "Mandate number -> the Summit declaration it belongs to, where known."},
    "passages": {**COUNT, "description": "Number of passages."},
    "sha256": _string(), "fetched_at": NULLABLE_STRING,
    "passage_texts": {"type": "array", "items": _object({
        "position": COUNT, "heading": _string(), "text": _string(), "language": _string(),
    })},
})

MANDATE = _object({
    "mandate": {"type": "integer", "minimum": 1, "maximum": MAX_MANDATE},
    "passages": {"type": "array", "items": _object({
        "doc_id": _string(), "url": _string(), "title": _string(), "agency": _string(), "text": _string(),
        "declaration": NULLABLE_STRING,
    })},
})

_TALLY = {"type": "object", "additionalProperties": _object({"documents": COUNT, "passages": COUNT})}
STATS = _object({
    "documents": COUNT, "passages": COUNT, "by_agency": _TALLY, "by_language": _TALLY,
    "years": {**YEARS, "maxItems": 2, "description": "First and last year covered; empty when none."},
    "index_bytes": COUNT, "generation": _string(), "last_update": _string(format="date-time"),
})

HEALTH = _object({"status": _string(enum=["ok"]), "generation": _string(), "documents": COUNT})


# ---------------------------------------------------------------- parameters

def _query(name: str, schema: dict, description: str) -> dict:
    return {"name": name, "in": "query", "required": False, "description": description, "schema": schema}


def facet_parameters() -> list[dict]:
    parameters = []
    for facet in FACETS:
        items = _string(pattern=YEAR_PATTERN) if facet.name == "year" else _string()
        parameters.append(_query(facet.name, {"type": "array", "items": items}, FACET_HELP[facet.name]
                                 + " Repeat the parameter for any of several values."))
    return parameters


def search_parameters(max_page_size: int, default_limit: int = DEFAULT_LIMIT, paged: bool = True) -> list[dict]:
    parameters = [
        _query("q", _string(), "Words, \"phrases\", AND / OR / NOT, -word, (groups), field:value. "
               f"Longer queries are cut to {settings.get('max_query_chars')} characters."),
        *facet_parameters(),
        _query("limit", {"type": "integer", "minimum": 1, "maximum": max_page_size, "default": default_limit},
               "Hits per page."),
        _query("expand", {"type": "boolean", "default": True},
               "Also search the other language's terms for the query's words."),
    ]
    if paged:
        parameters += [
            _query("page", {"type": "integer", "minimum": 1, "maximum": MAX_PAGE, "default": 1},
                   "Page of hits, from 1."),
            _query("sort", _string(enum=list(SORTS), default=SORTS[0]), "Order of the hits."),
            _query("format", _string(enum=list(FORMATS), default="json"), "json, or csv (one row per hit)."),
        ]
    return parameters


EVENT_PARAMETERS = [
    _query("agency", STRINGS, "Events of documents published by this agency (repeatable)."),
    _query("country", STRINGS, "Events held in this country: ISO code or name (repeatable)."),
    _query("year", {"type": "array", "items": _string(pattern=YEAR_PATTERN)},
           "Events starting in this year, or in a range 2008..2010 (repeatable); empty: any."),
    _query("kind", STRINGS, "training, seminar, workshop, course, meeting or conference (repeatable)."),
    _query("format", _string(enum=list(FORMATS), default="json"), "json, or csv (one row per event)."),
]

MANDATE_NUMBER = {"name": "n", "in": "path", "required": True, "description": "The mandate (or paragraph) number.",
                  "schema": {"type": "integer", "minimum": 1, "maximum": MAX_MANDATE}}
DOCUMENT_KEY = {"name": "doc_id", "in": "path", "required": True,
                "description": "A document id, or a unique prefix of one (4 characters or more).",
                "schema": _string(minLength=1)}


# ---------------------------------------------------------------- the description

# A request to try for each path, shown on the /api page.
EXAMPLES = {
    "/api/search": "/api/search?q=border+controls&country=JM&limit=5",
    "/search.atom": "/search.atom?q=trafficking",
    "/api/documents/{doc_id}": None,  # depends on the documents held: the page links to one
    "/api/events": "/api/events?year=2009",
    "/api/mandates/{n}": "/api/mandates/74",
    "/api/stats": "/api/stats",
    "/healthz": "/healthz",
}

def _json(schema: dict, description: str) -> dict:
    return {"description": description, "content": {"application/json": {"schema": schema}}}


def _errors(*statuses: int) -> dict:
    reasons = {400: "A parameter is malformed or out of range; `parameter` names it.",
               404: "No such document.",
               503: "There is no index yet."}
    return {str(status): _json({"$ref": "#/components/schemas/Error"}, reasons[status]) for status in statuses}


def _ref(name: str) -> dict:
    return {"$ref": f"#/components/schemas/{name}"}


@functools.lru_cache(maxsize=4)
def _build(max_page_size: int) -> dict:
    csv_text = {"text/csv": {"schema": _string()}}
    return {
        "openapi": OPENAPI_VERSION,
        "info": {
            "title": "kb",
            "version": __version__,
            "summary": "Search what the agencies of the Americas publish on trafficking in persons "
                       "and public security.",
            "description": "Read-only. Every answer is JSON unless `format=csv` is asked for; errors are "
                           "`{\"error\": {\"type\", \"message\", \"parameter\"}}` with a 4xx status.",
        },
        "paths": {
            "/api/search": {"get": {
                "operationId": "search",
                "summary": "Search documents",
                "description": "Documents ranked by their best passage, with facet counts. Filters combine "
                               "values of one facet with OR and different facets with AND; a value that no "
                               "document has gives no hits, not an error.",
                "parameters": search_parameters(max_page_size),
                "responses": {
                    "200": {"description": "One page of hits, the facet counts and the query as read.",
                            "content": {"application/json": {"schema": _ref("SearchResult")}, **csv_text}},
                    **_errors(400, 503),
                },
            }},
            "/search.atom": {"get": {
                "operationId": "searchFeed",
                "summary": "Search as an Atom feed",
                "description": "The newest documents matching a search, newest first.",
                "parameters": search_parameters(max_page_size, default_limit=FEED_LIMIT, paged=False),
                "responses": {
                    "200": {"description": "An Atom feed, one entry per document.",
                            "content": {"application/atom+xml": {"schema": _string()}}},
                    **_errors(400, 503),
                },
            }},
            "/api/documents/{doc_id}": {"get": {
                "operationId": "document",
                "summary": "One document",
                "description": "Everything kb knows about a document, with the text of its passages.",
                "parameters": [DOCUMENT_KEY],
                "responses": {"200": _json(_ref("Document"), "The document."), **_errors(404, 503)},
            }},
            "/api/events": {"get": {
                "operationId": "events",
                "summary": "Events",
                "description": "Trainings, seminars, workshops, courses, meetings and conferences found in "
                               "the documents, by start date (undated ones last).",
                "parameters": EVENT_PARAMETERS,
                "responses": {
                    "200": {"description": "The events.",
                            "content": {"application/json": {"schema": {"type": "array",
                                                                        "items": _ref("EventRow")}},
                                        **csv_text}},
                    **_errors(400, 503),
                },
            }},
            "/api/mandates/{n}": {"get": {
                "operationId": "mandate",
                "summary": "A Summit mandate",
                "description": "Every passage that reports on a mandate (or paragraph) number.",
                "parameters": [MANDATE_NUMBER],
                "responses": {"200": _json(_ref("Mandate"), "The passages, by agency and year."),
                              **_errors(400, 503)},
            }},
            "/api/stats": {"get": {
                "operationId": "stats",
                "summary": "What the knowledge base holds",
                "responses": {"200": _json(_ref("Stats"), "Documents and passages by agency and language, "
                                                          "years covered, index size, last update."),
                              **_errors(503)},
            }},
            "/healthz": {"get": {
                "operationId": "health",
                "summary": "Health check",
                "responses": {"200": _json(_ref("Health"), "The index is open."), **_errors(503)},
            }},
        },
        "components": {"schemas": {
            "Error": ERROR, "SearchResult": SEARCH_RESULT, "Hit": HIT, "Document": DOCUMENT,
            "EventRow": EVENT_ROW, "Mandate": MANDATE, "Stats": STATS, "Health": HEALTH,
        }},
    }


def openapi() -> dict:
    """The API's description (a fresh copy: callers may change it)."""
    return copy.deepcopy(_build(settings.get("max_page_size")))


def operation(path: str) -> dict:
    """The GET operation of one path, as described."""
    return _build(settings.get("max_page_size"))["paths"][path]["get"]
