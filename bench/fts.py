"""The baseline: the same passages in SQLite FTS5, doing the same work as kb.

Built from kb's own index (its stored passages and document metadata), so
both engines hold the same passages with the same facet values.  The one
database serves both the in-process baseline and Datasette:

    documents   one row per document: its facet values (year: the document's date year or latest year)
    facets      (doc, facet, value) for every value, multi-valued facets included: GROUP BY counts documents
    passages    one row per passage with its document's agency, countries (JSON array), year and language
    passages_fts  FTS5 over passages(title, text), porter stemming, accents removed, title weighted 2

Like kb, a search ranks documents by their best passage (bm25), counts
facets over matching documents, and marks the best passage of each hit shown.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from kb.index import open_index
from kb.query import FieldValue, Group, Phrase, Word, parse_query
from kb.search import normalise_facet_value

SCHEMA = """
CREATE TABLE documents (id INTEGER PRIMARY KEY, doc_id TEXT UNIQUE, url TEXT, title TEXT, agency TEXT,
                        language TEXT, doc_type TEXT, year INTEGER, date INTEGER);
CREATE TABLE facets (doc INTEGER, facet TEXT, value TEXT);
CREATE TABLE passages (id INTEGER PRIMARY KEY, doc INTEGER, doc_id TEXT, position INTEGER, title TEXT, text TEXT,
                       agency TEXT, country TEXT, year INTEGER, language TEXT);
CREATE VIRTUAL TABLE passages_fts USING fts5(title, text, content="passages", content_rowid="id",
                                             tokenize='porter unicode61 remove_diacritics 2');
"""
INDEXES = """
CREATE INDEX facets_doc ON facets(doc);
CREATE INDEX facets_value ON facets(facet, value, doc);
CREATE INDEX passages_doc ON passages(doc);
INSERT INTO passages_fts(passages_fts) VALUES ('rebuild');
INSERT INTO passages_fts(passages_fts, rank) VALUES ('rank', 'bm25(2.0, 1.0)');
INSERT INTO passages_fts(passages_fts) VALUES ('optimize');
"""
SNIPPET_TOKENS = 40


def build(index_dir: Path, db_path: Path) -> dict:
    """Copy kb's passages and document facets into a fresh SQLite database; returns counts."""
    db_path.unlink(missing_ok=True)
    db = sqlite3.connect(db_path)
    db.executescript("PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF;" + SCHEMA)
    ix = open_index(index_dir)
    ordinal: dict[str, int] = {}
    docs: dict[str, dict] = {}
    with ix.searcher() as searcher:
        reader = searcher.reader()
        for _docnum, stored in reader.iter_docs():
            if "meta" in stored:
                meta = json.loads(stored["meta"])
                docs[meta["doc_id"]] = meta
        rows = []
        for i, (doc_id, meta) in enumerate(sorted(docs.items()), start=1):
            ordinal[doc_id] = i
            year = int(meta["date"][:4]) if meta["date"] else (meta["years"][-1] if meta["years"] else None)
            rows.append((i, doc_id, meta["url"], meta["title"], meta["agency"], meta["language"], meta["doc_type"],
                         year, int(meta["date"].replace("-", "")) if meta["date"] else 0))
        db.executemany("INSERT INTO documents VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)
        facet_rows = []
        for doc_id, meta in docs.items():
            values = {"agency": [meta["agency"]], "body": meta["bodies"], "country": meta["country_codes"],
                      "year": [str(y) for y in meta["years"]], "language": [meta["language"]],
                      "doc_type": [meta["doc_type"]]}
            facet_rows += [(ordinal[doc_id], name, v) for name, vs in values.items() for v in vs]
        db.executemany("INSERT INTO facets VALUES (?, ?, ?)", facet_rows)
        passage_rows = []
        for _docnum, stored in reader.iter_docs():
            if "meta" in stored or "text" not in stored:
                continue
            meta = docs.get(stored["doc_id"])
            if meta is None:
                continue
            heading = stored.get("heading") or ""
            text = f"{heading}\n{stored['text']}" if heading else stored["text"]
            year = rows[ordinal[meta["doc_id"]] - 1][7]
            passage_rows.append((ordinal[meta["doc_id"]], meta["doc_id"], stored["position"], meta["title"], text,
                                 meta["agency"], json.dumps(meta["country_codes"]), year, meta["language"]))
        passage_rows.sort(key=lambda r: (r[0], r[2]))
        db.executemany("INSERT INTO passages(doc, doc_id, position, title, text, agency, country, year, language) "
                       "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", passage_rows)
    ix.close()
    db.executescript(INDEXES)
    db.commit()
    db.execute("VACUUM")
    db.close()
    return {"documents": len(docs), "passages": len(passage_rows)}


# ---------------------------------------------------------------- queries

def fts_phrase(words: list[str]) -> str:
    return '"' + " ".join(w.replace('"', "") for w in words) + '"'


def translate(group: Group, filters: list[tuple[str, list[str]]]) -> str | None:
    """kb's parsed query as an FTS5 MATCH expression; field:value clauses are appended to `filters`.

    Same meaning as kb: bare words are alternatives (OR), AND/+ require, NOT/- exclude.
    """
    if group.any_of:
        parts = [p for p in (translate(g, filters) for g in group.any_of) if p]
        return "(" + " OR ".join(parts) + ")" if parts else None

    def clause(c) -> str | None:
        if isinstance(c, Word):
            return fts_phrase([c.text])
        if isinstance(c, Phrase):
            return fts_phrase(c.words)
        if isinstance(c, FieldValue):
            filters.append((c.field, [normalise_facet_value(c.field, v) for v in c.values]))
            return None
        if isinstance(c, Group):
            return translate(c, filters)
        return None

    should = [s for s in map(clause, group.should) if s]
    must = [s for s in map(clause, group.must) if s]
    must_not = [s for s in map(clause, group.must_not) if s]
    positive = " AND ".join(must + (["(" + " OR ".join(should) + ")"] if should and not must else []))
    if not positive and should:
        positive = " OR ".join(should)
    if not positive:
        return None
    for n in must_not:
        positive = f"({positive}) NOT {n}"
    return f"({positive})"


@dataclass
class FtsHit:
    doc_id: str
    title: str
    url: str
    agency: str
    score: float
    snippet: str


class FtsSearch:
    """One connection to the baseline database; search() does what kb's search does."""

    def __init__(self, db_path: Path):
        self.db = sqlite3.connect(db_path, check_same_thread=False)
        self.db.execute("PRAGMA temp_store=MEMORY")

    def close(self) -> None:
        self.db.close()

    def search(self, q: str, facets: bool = True, snippets: bool = True, limit: int = 10) -> dict:
        filters: list[tuple[str, list[str]]] = []
        match = translate(parse_query(q).root, filters)
        where = ["passages_fts MATCH ?"] if match else []
        params: list = [match] if match else []
        for name, values in filters:
            marks = ",".join("?" * len(values))
            where.append(f"p.doc IN (SELECT doc FROM facets WHERE facet = ? AND value IN ({marks}))")
            params += [name, *values]
        if not where:
            return {"total": 0, "hits": [], "facets": {}}
        matched = (f"SELECT p.doc AS doc, min(f.rank) AS score, f.rowid AS best FROM passages_fts f "
                   f"JOIN passages p ON p.id = f.rowid WHERE {' AND '.join(where)} GROUP BY p.doc")
        db = self.db
        facet_counts: dict[str, dict[str, int]] = {}
        if facets:
            db.execute("DROP TABLE IF EXISTS temp.m")
            db.execute(f"CREATE TEMP TABLE m AS {matched}", params)
            total = db.execute("SELECT count(*) FROM m").fetchone()[0]
            top = db.execute("SELECT doc, score, best FROM m ORDER BY score LIMIT ?", (limit,)).fetchall()
            for name, value, count in db.execute(
                    "SELECT facet, value, count(*) AS n FROM facets JOIN m USING (doc) GROUP BY facet, value "
                    "ORDER BY facet, n DESC, value"):
                facet_counts.setdefault(name, {})[value] = count
        else:
            total = None
            top = db.execute(f"{matched} ORDER BY score LIMIT ?", (*params, limit)).fetchall()
        docs = {row[0]: row[1:] for row in db.execute(
            f"SELECT id, doc_id, title, url, agency FROM documents WHERE id IN ({','.join('?' * len(top))})",
            [d for d, _, _ in top])}
        marked: dict[int, str] = {}
        if snippets and top and match:
            marked = dict(db.execute(
                f"SELECT rowid, snippet(passages_fts, 1, '<mark>', '</mark>', '…', {SNIPPET_TOKENS}) "
                f"FROM passages_fts WHERE passages_fts MATCH ? AND rowid IN ({','.join('?' * len(top))})",
                [match, *[b for _, _, b in top]]))
        hits = [FtsHit(*docs[d], score=s, snippet=marked.get(b, "")) for d, s, b in top]
        return {"total": total, "hits": hits, "facets": facet_counts}
