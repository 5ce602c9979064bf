"""The one place that says what is indexed and what is a facet.

The Whoosh schema, the CLI's filter options, the API's parameters and the web
page's sidebar are all derived from FACETS.
"""

from __future__ import annotations

from dataclasses import dataclass

from whoosh import fields

from kb.analysis import english_analyzer, spanish_analyzer

SCHEMA_VERSION = 2  # bump when a field changes: the index is then rebuilt from the store


@dataclass(frozen=True)
class Facet:
    name: str  # index field, API key and query-language field
    label: str  # shown in the sidebar
    multi: bool  # a document may have several values
    aliases: tuple[str, ...] = ()  # other names accepted in the query language


FACETS = (
    Facet("agency", "Agency", multi=False),
    Facet("body", "Body", multi=True),
    Facet("country", "Country", multi=True),
    Facet("year", "Year", multi=True),
    Facet("language", "Language", multi=False, aliases=("lang",)),
    Facet("doc_type", "Type", multi=False, aliases=("type",)),
)
FACET_NAMES = tuple(f.name for f in FACETS)

# Searched text: one body field per analyzer; a passage goes to the field of its language
# and a query is matched against both (and the title).
TEXT_FIELDS = {"en": "body_en", "es": "body_es"}
SEARCHED_FIELDS = ("title", "body_en", "body_es")
# The distinct unstemmed, accent-folded words of each document, on its document record: what spelling
# suggestions are drawn from.  Kept per document rather than per passage (Whoosh's spelling=True),
# which cost a third of the time spent indexing.
SPELLING_FIELD = "spelling"
SPELLING_FIELDS = (SPELLING_FIELD,)
FIELD_BOOSTS = {"title": 2.0, "body_en": 1.0, "body_es": 1.0}


def build_schema() -> fields.Schema:
    facet_fields = {
        f.name: (fields.KEYWORD(stored=False, commas=True, lowercase=False) if f.multi else fields.ID())
        for f in FACETS
    }
    return fields.Schema(
        id=fields.ID(unique=True, stored=True),  # on document records
        kind=fields.ID(),  # "passage" or "document"
        doc_id=fields.ID(stored=True, sortable=True),
        # Numbers only ever looked up exactly: one term each (shift_step=0), not the eight that make
        # range queries fast, which were an eighth of all the postings a passage wrote.
        position=fields.NUMERIC(stored=True, shift_step=0),
        title=fields.TEXT(analyzer=english_analyzer(), field_boost=FIELD_BOOSTS["title"]),
        body_en=fields.TEXT(analyzer=english_analyzer(), phrase=True),
        body_es=fields.TEXT(analyzer=spanish_analyzer(), phrase=True),
        spelling=fields.KEYWORD(lowercase=False, scorable=False),
        text=fields.STORED(),
        heading=fields.STORED(),
        language_passage=fields.STORED(),
        mandate=fields.KEYWORD(commas=True),
        date=fields.NUMERIC(sortable=True, shift_step=0),  # yyyymmdd of the document's own date, on document records
        meta=fields.STORED(),  # the document's metadata as JSON, on document records
        **facet_fields,
    )


def facet_values(meta: dict) -> dict[str, list[str]]:
    """A document's value(s) for each facet, from its metadata as `document_to_dict` gives it."""
    return {
        "agency": [meta["agency"]],
        "body": list(meta["bodies"]),
        "country": list(meta["country_codes"]),
        "year": [str(y) for y in meta["years"]],
        "language": [meta["language"]],
        "doc_type": [meta["doc_type"]],
    }
