"""The one place that says what is indexed and what is a facet.

The Whoosh schema, the CLI's filter options, the API's parameters and the web
page's sidebar are all derived from FACETS.
"""

from __future__ import annotations

from dataclasses import dataclass

from whoosh import fields

from kb.analysis import english_analyzer, spanish_analyzer

SCHEMA_VERSION = 1  # bump when a field changes: the index is then rebuilt from the store


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
SPELLING_FIELDS = ("spell_body_en", "spell_body_es")  # the unstemmed words Whoosh keeps beside each body field
FIELD_BOOSTS = {"title": 2.0, "body_en": 1.0, "body_es": 1.0}


def build_schema() -> fields.Schema:
    facet_fields = {
        f.name: (fields.KEYWORD(stored=False, commas=True, lowercase=False) if f.multi else fields.ID())
        for f in FACETS
    }
    return fields.Schema(
        id=fields.ID(unique=True, stored=True),
        kind=fields.ID(),  # "passage" or "document"
        doc_id=fields.ID(stored=True, sortable=True),
        position=fields.NUMERIC(stored=True),
        title=fields.TEXT(analyzer=english_analyzer(), field_boost=FIELD_BOOSTS["title"]),
        body_en=fields.TEXT(analyzer=english_analyzer(), phrase=True, spelling=True),
        body_es=fields.TEXT(analyzer=spanish_analyzer(), phrase=True, spelling=True),
        text=fields.STORED(),
        heading=fields.STORED(),
        language_passage=fields.STORED(),
        mandate=fields.KEYWORD(commas=True),
        date=fields.NUMERIC(sortable=True),  # yyyymmdd of the document's own date, for sorting
        meta=fields.STORED(),  # the document's metadata as JSON, on document records
        **facet_fields,
    )
