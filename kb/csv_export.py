"""Results as CSV, the same from `kb search/events --format csv` and the API's format=csv:
lists joined with "; ", snippets as plain text, always a header row."""

from __future__ import annotations

import csv
import dataclasses
import html
import io
import re
from collections.abc import Iterable

from kb.search import Hit, SearchResult

HIT_COLUMNS = tuple(f.name for f in dataclasses.fields(Hit))
EVENT_COLUMNS = ("start", "end", "precision", "kind", "city", "country", "country_code", "title", "agency",
                 "doc_id", "url")
MARK = re.compile(r"</?mark>")


def plain(snippet: str) -> str:
    """A snippet's text without its markup."""
    return html.unescape(MARK.sub("", snippet))


def to_csv(rows: Iterable[dict], columns: tuple[str, ...]) -> str:
    """A header row, then one row per dict; always the header, even with no rows."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=columns, extrasaction="ignore", lineterminator="\r\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({k: "; ".join(map(str, v)) if isinstance(v, list) else v for k, v in row.items()})
    return out.getvalue()


def hits_csv(result: SearchResult) -> str:
    return to_csv(({**h.to_dict(), "snippet": plain(h.snippet)} for h in result.hits), HIT_COLUMNS)
