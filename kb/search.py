"""Search: documents ranked by their best passages, with facet counts, filters and snippets.

One SearchIndex per process holds the open searcher and, per index
generation, arrays that map passages to documents and documents to facet
values, so that collapsing and facet counting are array operations rather
than per-document Python loops.  Queries are matched and scored over whole
posting lists held as arrays (see "matching in arrays" below), kept in a
bounded cache for the generation.  It notices a newer generation and reopens.
"""

from __future__ import annotations

import datetime as dt
import html
import json
import re
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

import numpy as np
from whoosh import query as wq
from whoosh.codec.whoosh3 import LENGTHS_COLUMN, W3LeafMatcher
from whoosh.reading import TermNotFound
from whoosh.scoring import BM25F
from whoosh.util.numeric import byte_to_length

from kb import settings
from kb.analysis import TOKEN, fold
from kb.errors import QueryError
from kb.glossary import expand
from kb.index import CURRENT, current_generation, index_size, open_index
from kb.models import DocumentInfo, Event, document_from_dict, event_to_dict
from kb.places import find_places
from kb.query import FieldValue, Group, Phrase, Word, parse_query
from kb.schema import FACET_NAMES, SEARCHED_FIELDS, SPELLING_FIELDS, TEXT_FIELDS, facet_values

SORTS = ("relevance", "newest", "oldest")
SNIPPET_CHARS = 300
REFRESH_SECONDS = 1.0  # how often a SearchIndex looks for a newer generation


@dataclass
class SearchRequest:
    q: str = ""
    filters: dict[str, list[str]] = field(default_factory=dict)  # facet name -> values (OR within, AND across)
    page: int = 1
    limit: int = 10
    sort: str = "relevance"
    expand: bool = True
    facets: bool = True  # count facet values over the matching documents
    snippets: bool = True  # mark the query's words in each hit's best passage

    def validate(self) -> None:
        if self.page < 1:
            raise QueryError("page", "must be 1 or more")
        if not 1 <= self.limit <= settings.get("max_page_size"):
            raise QueryError("limit", f"must be between 1 and {settings.get('max_page_size')}")
        if self.sort not in SORTS:
            raise QueryError("sort", f"must be one of {', '.join(SORTS)}")
        for name in self.filters:
            if name not in FACET_NAMES:
                raise QueryError(name, "is not a facet")


@dataclass
class Hit:
    doc_id: str
    url: str
    title: str
    agency: str
    countries: list[str]
    country_codes: list[str]
    years: list[int]
    language: str
    doc_type: str
    bodies: list[str]
    date: str | None
    score: float
    snippet: str  # HTML: the passage's text escaped, matched words in <mark>
    passage: int | None  # position of the best passage
    passages_matched: int  # how many of the document's passages match the query

    def to_dict(self) -> dict:
        return dict(self.__dict__)


@dataclass
class EventRow:
    """An event with the document it was found in."""

    event: Event
    doc_id: str
    url: str
    title: str
    agency: str

    def to_dict(self) -> dict:
        return {**event_to_dict(self.event), "doc_id": self.doc_id, "url": self.url, "document_title": self.title,
                "agency": self.agency, "passage": self.event.passage}


@dataclass
class SearchResult:
    query: str
    total: int
    page: int
    limit: int
    sort: str
    hits: list[Hit]
    facets: dict[str, dict[str, int]]
    suggestion: str | None = None
    expanded: list[str] = field(default_factory=list)
    took_ms: float = 0.0

    def to_dict(self) -> dict:
        return {
            "query": self.query, "total": self.total, "page": self.page, "limit": self.limit, "sort": self.sort,
            "hits": [h.to_dict() for h in self.hits], "facets": self.facets,
            "suggestion": self.suggestion, "expanded": self.expanded, "took_ms": round(self.took_ms, 1),
        }


class Documents(Sequence):
    """The documents of a generation in ordinal order, each decoded from its stored
    metadata on first use: opening a generation reads the JSON but builds no objects."""

    def __init__(self, metas: list[dict]):
        self.metas = metas
        self.decoded: list[DocumentInfo | None] = [None] * len(metas)

    def __len__(self) -> int:
        return len(self.metas)

    def __getitem__(self, i):
        if isinstance(i, slice):
            return [self[j] for j in range(*i.indices(len(self)))]
        doc = self.decoded[i]
        if doc is None:
            doc = self.decoded[i] = document_from_dict(self.metas[i])
        return doc


class Snapshot:
    """One index generation, opened, with its document arrays."""

    def __init__(self, generation: Path, ix):
        self.generation = generation
        self.ix = ix
        self.searcher = ix.searcher()
        reader = self.searcher.reader()
        self.leaves = reader.leaf_readers()
        n = reader.doc_count_all()
        alive = np.ones(n, dtype=bool)
        for leaf, offset in self.leaves:
            alive[[offset + d for d in leaf.deleted_docs_set]] = False
        records = self.live_postings(alive, "kind", "document")
        metas = [json.loads(reader.stored_fields(int(d))["meta"]) for d in records]
        self.documents = Documents(metas)
        self.ordinal = {meta["doc_id"]: i for i, meta in enumerate(metas)}
        self.dates = np.array([int(m["date"].replace("-", "")) if m["date"] else
                               (m["years"][-1] * 10000 + 101 if m["years"] else 0) for m in metas], dtype=np.int64)
        # passage docnum -> document ordinal (-1 for document records and deleted passages)
        self.doc_of = np.full(n, -1, dtype=np.int64)
        passages = self.live_postings(alive, "kind", "passage")
        if len(records) and len(passages):
            keys = np.concatenate([np.array(list(leaf.column_reader("doc_id", translate=False)), dtype=bytes)
                                   for leaf, _ in self.leaves])
            record_keys = keys[records]
            sorter = np.argsort(record_keys)
            wanted = keys[passages]
            position = sorter[np.minimum(np.searchsorted(record_keys, wanted, sorter=sorter), len(sorter) - 1)]
            found = record_keys[position] == wanted
            self.doc_of[passages[found]] = position[found]
        self.facet_masks = self._facet_masks()
        self.weighting = self.searcher.weighting
        self.lengths: dict[str, np.ndarray] = {}
        self.postings: OrderedDict[tuple[str, object], Matches] = OrderedDict()
        self.postings_size = 0
        self.corrections: dict[str, str | None] = {}

    def field_lengths(self, fieldname: str) -> np.ndarray:
        """Every docnum's length of a field (loaded on first use)."""
        lengths = self.lengths.get(fieldname)
        if lengths is None:
            lengths = np.zeros(self.searcher.reader().doc_count_all())
            for leaf, offset in self.leaves:
                part = leaf_lengths(leaf, fieldname)
                lengths[offset:offset + len(part)] = part
            self.lengths[fieldname] = lengths
        return lengths

    def cached(self, key: tuple, compute: Callable[[], Matches]) -> Matches:
        """The matches of a term or phrase, computed once per generation while they fit the cache."""
        found = self.postings.get(key)
        if found is not None:
            self.postings.move_to_end(key)
            return found
        found = self.postings[key] = compute()
        self.postings_size += len(found.ids)
        while self.postings_size > POSTINGS_CACHE_SIZE and len(self.postings) > 1:
            _, dropped = self.postings.popitem(last=False)
            self.postings_size -= len(dropped.ids)
        return found

    def term_matches(self, fieldname: str, text) -> Matches:
        """A term's passages and BM25F scores (before any query boost)."""
        return self.cached((fieldname, text), lambda: self._term_matches(fieldname, text))

    def _term_matches(self, fieldname: str, text) -> Matches:
        parts = [(ids + offset, weights) for leaf, offset in self.leaves
                 for ids, weights in [leaf_postings(leaf, fieldname, text)] if len(ids)]
        if not parts:
            return NO_MATCHES
        ids = np.concatenate([p[0] for p in parts])
        weights = np.concatenate([p[1] for p in parts])
        field = self.ix.schema[fieldname]
        if not field.scorable:
            return Matches(ids, weights)  # Whoosh's WeightScorer
        if not isinstance(self.weighting, BM25F):
            return whoosh_matches(self, wq.Term(fieldname, text))
        # whoosh.scoring.bm25, over the whole posting list at once
        B = self.weighting._field_B.get(fieldname, self.weighting.B)
        K1 = self.weighting.K1
        idf = self.searcher.idf(fieldname, text)
        avgfl = self.searcher.avg_field_length(fieldname) or 1
        fl = self.field_lengths(fieldname)[ids]
        return Matches(ids, idf * ((weights * (K1 + 1)) / (weights + K1 * ((1 - B) + B * fl / avgfl))))

    def live_postings(self, alive: np.ndarray, fieldname: str, text: str) -> np.ndarray:
        """The docnums of a term, deleted documents left out."""
        ids = np.concatenate([np.zeros(0, dtype=np.int64)] + [leaf_postings(leaf, fieldname, text)[0] + offset
                                                              for leaf, offset in self.leaves])
        return ids[alive[ids]]

    def _facet_masks(self) -> dict[str, dict[str, np.ndarray]]:
        """For each facet, its values' document masks: rows of one matrix per facet
        (self.facet_matrices), so that counting a facet is one array operation."""
        n = len(self.documents)
        ordinals: dict[str, dict[str, list[int]]] = {name: {} for name in FACET_NAMES}
        for i, meta in enumerate(self.documents.metas):
            for name, values in facet_values(meta).items():
                for value in values:
                    ordinals[name].setdefault(value, []).append(i)
        self.facet_matrices: dict[str, tuple[list[str], np.ndarray]] = {}
        masks: dict[str, dict[str, np.ndarray]] = {}
        for name, by_value in ordinals.items():
            values = sorted(by_value)
            matrix = np.zeros((len(values), n), dtype=bool)
            for row, value in enumerate(values):
                matrix[row, by_value[value]] = True
            self.facet_matrices[name] = (values, matrix)
            masks[name] = dict(zip(values, matrix, strict=True))
        return masks

    def close(self) -> None:
        self.searcher.close()


def near_duplicate(a: DocumentInfo, b: DocumentInfo) -> bool:
    """The same bytes, or the same page under another address (same title, same agency, same size)."""
    return a.sha256 == b.sha256 or (a.title.lower() == b.title.lower() and a.agency == b.agency
                                    and a.passages == b.passages)


class SearchIndex:
    """The search side of one knowledge base; safe to share between threads."""

    def __init__(self, index_dir: Path):
        self.index_dir = Path(index_dir)
        self.lock = threading.RLock()
        self.snapshot: Snapshot | None = None
        self.checked = 0.0

    def current(self) -> Snapshot:
        """The snapshot of the live generation, reopened when a writer has published a newer one."""
        with self.lock:
            now = time.monotonic()
            if self.snapshot is None or now - self.checked > REFRESH_SECONDS:
                self.checked = now
                live = current_generation(self.index_dir)
                if self.snapshot is None or live != self.snapshot.generation:
                    snapshot = Snapshot(live, open_index(self.index_dir)) if live else None
                    if snapshot is None:
                        open_index(self.index_dir)  # raises the "no index yet" error
                    old, self.snapshot = self.snapshot, snapshot
                    if old is not None:
                        old.close()
            return self.snapshot

    def close(self) -> None:
        with self.lock:
            if self.snapshot is not None:
                self.snapshot.close()
                self.snapshot = None

    def search(self, request: SearchRequest) -> SearchResult:
        request.validate()
        started = time.perf_counter()
        with self.lock:
            snap = self.current()
            result = run_search(snap, request)
        result.took_ms = (time.perf_counter() - started) * 1000
        return result

    def document(self, doc_id: str) -> DocumentInfo | None:
        with self.lock:
            snap = self.current()
            i = snap.ordinal.get(doc_id)
            return snap.documents[i] if i is not None else None

    def stats(self) -> dict:
        """What the knowledge base holds: documents and passages by agency and language, size, last update."""
        with self.lock:
            snap = self.current()
            by = {"agency": {}, "language": {}}
            metas = snap.documents.metas
            for meta in metas:
                for name in ("agency", "language"):
                    entry = by[name].setdefault(meta[name], {"documents": 0, "passages": 0})
                    entry["documents"] += 1
                    entry["passages"] += meta["passages"]
            years = sorted({y for meta in metas for y in meta["years"]})
            updated = (self.index_dir / CURRENT).stat().st_mtime
            return {
                "documents": len(snap.documents),
                "passages": sum(meta["passages"] for meta in metas),
                "by_agency": dict(sorted(by["agency"].items())),
                "by_language": dict(sorted(by["language"].items())),
                "years": [years[0], years[-1]] if years else [],
                "index_bytes": index_size(self.index_dir),
                "generation": snap.generation.name,
                "last_update": dt.datetime.fromtimestamp(updated, dt.UTC).replace(microsecond=0).isoformat(),
            }

    def find_document(self, key: str) -> DocumentInfo | None:
        """A document by its id, its URL, or a unique prefix of its id."""
        with self.lock:
            snap = self.current()
            i = snap.ordinal.get(key)
            if i is None:
                matches = [n for n, meta in enumerate(snap.documents.metas) if meta["url"] == key]
                if not matches and len(key) >= 4:
                    matches = [n for doc_id, n in snap.ordinal.items() if doc_id.startswith(key)]
                i = matches[0] if len(matches) == 1 else None
            return snap.documents[i] if i is not None else None

    def all_documents(self) -> list[DocumentInfo]:
        with self.lock:
            return list(self.current().documents)

    def events(self, filters: dict[str, list[str]] | None = None, kinds: list[str] | None = None) -> list[EventRow]:
        """Every dated or undated event of the documents that pass the filters, by start date.

        Country and year filters apply to the event itself, agency to its document.
        """
        filters = {k: v for k, v in (filters or {}).items() if v}
        countries = {normalise_facet_value("country", c) for c in filters.get("country", [])}
        years = {int(y) for y in filters.get("year", []) if str(y).isdigit()}
        agencies = {normalise_facet_value("agency", a) for a in filters.get("agency", [])}
        kinds_wanted = {k.lower() for k in kinds or []}
        rows = []
        for doc in self.all_documents():
            if agencies and doc.agency not in agencies:
                continue
            for event in doc.events:
                if countries and event.country_code not in countries:
                    continue
                if years and not (event.start and event.start.year in years):
                    continue
                if kinds_wanted and event.kind not in kinds_wanted:
                    continue
                rows.append(EventRow(event=event, doc_id=doc.doc_id, url=doc.url, title=doc.title, agency=doc.agency))
        rows.sort(key=lambda r: (r.event.start is None, r.event.start or dt.date.max, r.doc_id, r.event.passage or 0))
        return rows

    def mandate(self, number: int) -> list[dict]:
        """Every passage that reports on mandate (or paragraph) `number`, with its document."""
        with self.lock:
            snap = self.current()
            q = wq.And([wq.Term("kind", "passage"), wq.Term("mandate", str(number))])
            found = []
            for docnum in snap.searcher.docs_for_query(q):
                stored = snap.searcher.stored_fields(docnum)
                doc = snap.documents[snap.doc_of[docnum]] if snap.doc_of[docnum] >= 0 else None
                if doc is None:
                    continue
                declaration = next((m.declaration for m in doc.mandates if m.number == number), None)
                found.append({"doc_id": doc.doc_id, "url": doc.url, "title": doc.title, "agency": doc.agency,
                              "years": doc.years, "position": stored["position"], "text": stored["text"],
                              "declaration": declaration})
            return sorted(found, key=lambda p: (p["agency"], p["years"][:1], p["doc_id"], p["position"]))

    def similar(self, doc_id: str, limit: int = 5) -> list[DocumentInfo]:
        """Documents that share this one's most distinctive terms (more-like-this), near-duplicates left out."""
        with self.lock:
            snap = self.current()
            doc = snap.ordinal.get(doc_id)
            if doc is None:
                return []
            texts = [snap.searcher.stored_fields(n)["text"]
                     for n in snap.searcher.document_numbers(doc_id=doc_id, kind="passage")]
            source = snap.documents[doc]
            fieldname = TEXT_FIELDS.get(source.language, TEXT_FIELDS["en"])
            keywords = [word for word, _ in snap.searcher.key_terms_from_text(fieldname, "\n".join(texts), numterms=25)]
            if not keywords:
                return []
            q = wq.Or([wq.Term(fieldname, w) for w in keywords])
            matched, scores, _, _ = collapse(snap, q)
            order = [int(i) for i in np.argsort(-scores, kind="stable") if matched[i] and int(i) != doc]
            related = [snap.documents[i] for i in order if not near_duplicate(source, snap.documents[i])]
            return related[:limit]

    def passages(self, doc_id: str) -> list[dict]:
        """A document's passages in order: position, heading, text, language."""
        with self.lock:
            snap = self.current()
            found = []
            for docnum in snap.searcher.document_numbers(doc_id=doc_id, kind="passage"):
                f = snap.searcher.stored_fields(docnum)
                found.append({"position": f["position"], "heading": f.get("heading") or "", "text": f["text"],
                              "language": f.get("language_passage") or "und"})
            return sorted(found, key=lambda p: p["position"])


# ---------------------------------------------------------------- query building

def analyzed(ix_schema, fieldname: str, text: str) -> list[str]:
    return [t.text for t in ix_schema[fieldname].analyzer(text, mode="query")]


def word_query(schema, word: str, boost: float = 1.0) -> wq.Query | None:
    alternatives = []
    for name in SEARCHED_FIELDS:
        for term in analyzed(schema, name, word)[:1]:
            alternatives.append(wq.Term(name, term, boost=boost))
    if not alternatives:
        return None
    return wq.Or(alternatives) if len(alternatives) > 1 else alternatives[0]


def phrase_query(schema, words: list[str], boost: float = 1.0) -> wq.Query | None:
    alternatives = []
    for name in TEXT_FIELDS.values():
        terms = [t for w in words for t in analyzed(schema, name, w)]
        if len(terms) > 1:
            alternatives.append(wq.Phrase(name, terms, boost=boost))
        elif terms:
            alternatives.append(wq.Term(name, terms[0], boost=boost))
    return wq.Or(alternatives) if alternatives else None


def clause_query(schema, clause) -> wq.Query | None:
    if isinstance(clause, Word):
        return word_query(schema, clause.text)
    if isinstance(clause, Phrase):
        return phrase_query(schema, clause.words, boost=1.5)
    if isinstance(clause, FieldValue):
        terms = [wq.Term(clause.field, normalise_facet_value(clause.field, v)) for v in clause.values]
        return wq.Or(terms) if len(terms) > 1 else terms[0]
    if isinstance(clause, Group):
        return group_query(schema, clause)
    return None


def group_query(schema, group: Group) -> wq.Query | None:
    if group.any_of:
        parts = [q for q in (group_query(schema, g) for g in group.any_of) if q is not None]
        return wq.Or(parts) if parts else None
    should = [q for q in (clause_query(schema, c) for c in group.should) if q is not None]
    must = [q for q in (clause_query(schema, c) for c in group.must) if q is not None]
    must_not = [q for q in (clause_query(schema, c) for c in group.must_not) if q is not None]
    positive: wq.Query | None
    if must and should:
        positive = wq.AndMaybe(wq.And(must), wq.Or(should))
    elif must:
        positive = wq.And(must) if len(must) > 1 else must[0]
    elif should:
        positive = wq.Or(should) if len(should) > 1 else should[0]
    else:
        positive = wq.Every() if must_not else None
    if positive is not None and must_not:
        positive = wq.AndNot(positive, wq.Or(must_not))
    return positive


def normalise_facet_value(name: str, value: str) -> str:
    from kb.places import lookup_country

    if name == "country":
        country = lookup_country(value)
        return country.code if country else value
    if name == "agency":
        return value.upper() if value.upper() in ("OAS", "IOM", "PAHO", "UNDP") else value
    return value


# ---------------------------------------------------------------- running a search

EXPANSION_BOOST = 0.5  # the other language's terms help, but a match in the query's own words ranks higher
CORRECTION_BOOST = 1.0
MIN_CORRECTABLE = 4  # shorter words are acronyms and codes more often than typos
CORRECTION_RATIO = 10  # a known word is corrected only when its neighbour is this many times more frequent
CORRECTIONS_CACHE_SIZE = 10_000  # words whose correction (or lack of one) a generation remembers


def optional_words(group: Group) -> list[str]:
    """The group's plain words that only help ranking: these may be corrected or expanded."""
    return [c.text for c in group.should if isinstance(c, Word)]


def corrections(snap: Snapshot, words: list[str]) -> dict[str, str]:
    """Words the index does not know, or knows far less often than a close spelling -> that spelling."""
    found: dict[str, str] = {}
    for word in words:
        folded = fold(word)
        if folded not in snap.corrections:
            if len(snap.corrections) >= CORRECTIONS_CACHE_SIZE:
                snap.corrections.clear()
            snap.corrections[folded] = correction(snap, folded)
        if snap.corrections[folded] is not None:
            found[word] = snap.corrections[folded]
    return found


def correction(snap: Snapshot, folded: str) -> str | None:
    if len(folded) < MIN_CORRECTABLE or not folded.isalpha():
        return None
    reader = snap.searcher.reader()
    frequency = sum(reader.doc_frequency(f, folded) for f in SPELLING_FIELDS)
    if frequency * CORRECTION_RATIO > len(snap.documents):
        return None  # no neighbour can be that much more frequent: skip the costly walk of the term list
    best: tuple[int, int, str] | None = None
    for maxdist in (1, 2):
        for f in SPELLING_FIELDS:
            for candidate in reader.terms_within(f, folded, maxdist, prefix=1):
                if candidate == folded:
                    continue
                n = sum(reader.doc_frequency(g, candidate) for g in SPELLING_FIELDS)
                if best is None or (maxdist, -n, candidate) < (best[0], -best[1], best[2]):
                    best = (maxdist, n, candidate)
        if best is not None:
            break
    if best is not None and (frequency == 0 or best[1] >= CORRECTION_RATIO * frequency):
        return best[2]
    return None


def extra_clauses(schema, words: list[str], corrected: dict[str, str], expansions) -> list[wq.Query]:
    extras: list[wq.Query] = []
    for right in corrected.values():
        q = word_query(schema, right, boost=CORRECTION_BOOST)
        if q is not None:
            extras.append(q)
    for expansion in expansions:
        for term in expansion.terms:
            words_of_term = term.split()
            q = (phrase_query(schema, words_of_term, boost=EXPANSION_BOOST) if len(words_of_term) > 1
                 else word_query(schema, term, boost=EXPANSION_BOOST))
            if q is not None:
                extras.append(q)
    return extras


METADATA_BOOST = 0.3  # share of the best score a document gains for each country or year the query names
YEAR_WORD = re.compile(r"\b(?:19[89][0-9]|20[0-4][0-9])\b")


def named_metadata_bonus(snap: Snapshot, text: str, matched: np.ndarray, doc_score: np.ndarray) -> np.ndarray:
    """A query that names a place or a year ("workshop Santo Domingo 2010") favours the
    documents extraction found to be about that country or that year."""
    bonus = np.zeros(len(doc_score))
    if not text or not matched.any():
        return bonus
    wanted = [("country", p.country.code) for p in find_places(text)]
    wanted += [("year", y) for y in YEAR_WORD.findall(text)]
    top = float(doc_score[matched].max())
    for name, value in dict.fromkeys(wanted):
        mask = snap.facet_masks[name].get(value)
        if mask is not None:
            bonus += METADATA_BOOST * top * (mask & matched)
    return bonus


def run_search(snap: Snapshot, request: SearchRequest) -> SearchResult:
    parsed = parse_query(request.q)
    schema = snap.ix.schema
    q = group_query(schema, parsed.root)
    words = optional_words(parsed.root)
    corrected = corrections(snap, words) if words else {}
    expansions = expand([corrected.get(w, w) for w in words]) if request.expand and words else []
    extras = extra_clauses(schema, words, corrected, expansions)
    if q is not None and extras:
        q = wq.Or([q, *extras]) if not (parsed.root.must or parsed.root.any_of) else wq.AndMaybe(q, wq.Or(extras))
    suggestion = " ".join(corrected.get(w, w) for w in parsed.words) if corrected else None
    expanded = list(dict.fromkeys(t for e in expansions for t in e.terms))
    n_docs = len(snap.documents)
    filters = {name: [normalise_facet_value(name, v) for v in values]
               for name, values in request.filters.items() if values}

    if q is None:  # no words: every document matches, unscored
        matched = np.ones(n_docs, dtype=bool)
        doc_score = np.zeros(n_docs)
        best_passage = np.full(n_docs, -1, dtype=np.int64)
        passage_counts = np.zeros(n_docs, dtype=np.int64)
    else:
        # Text terms only match passages; document records matched by field:value terms are dropped in collapse.
        matched, doc_score, best_passage, passage_counts = collapse(snap, q)
        doc_score = doc_score + named_metadata_bonus(snap, " ".join(parsed.words), matched, doc_score)

    facet_filter = {name: filter_mask(snap, name, values) for name, values in filters.items()}
    selected = matched.copy()
    for mask in facet_filter.values():
        selected &= mask
    facets = {}
    for name in FACET_NAMES if request.facets else ():
        base = matched.copy()
        for other, mask in facet_filter.items():
            if other != name:
                base &= mask
        values, matrix = snap.facet_matrices[name]
        counts = np.count_nonzero(matrix & base, axis=1)
        facets[name] = dict(sorted(((values[r], int(counts[r])) for r in np.flatnonzero(counts)),
                                   key=lambda vc: (-vc[1], vc[0])))

    candidates = np.flatnonzero(selected)
    start = (request.page - 1) * request.limit
    page = page_of(candidates, doc_score, snap.dates, request.sort, start, request.limit)
    terms = query_terms(q) if q is not None else set()
    hits = [make_hit(snap, int(i), float(doc_score[i]), int(best_passage[i]), int(passage_counts[i]), terms,
                     request.snippets) for i in page]
    return SearchResult(query=parsed.text, total=int(len(candidates)), page=request.page, limit=request.limit,
                        sort=request.sort, hits=hits, facets=facets, suggestion=suggestion, expanded=expanded)


def page_of(candidates: np.ndarray, doc_score: np.ndarray, dates: np.ndarray, sort: str, start: int,
            limit: int) -> np.ndarray:
    """candidates[start:start + limit] in the order asked for (ties: newer first for relevance,
    better first for dates), sorting only the candidates that can reach the page."""
    if sort == "relevance":
        primary, secondary = -doc_score[candidates], -dates[candidates]
    else:
        primary = -dates[candidates] if sort == "newest" else dates[candidates]
        secondary = -doc_score[candidates]
    wanted = start + limit
    if wanted < len(candidates):
        # Everything tied with the last place that can reach the page stays in the sort.
        cutoff = np.partition(primary, wanted - 1)[wanted - 1]
        near = primary <= cutoff
        candidates, primary, secondary = candidates[near], primary[near], secondary[near]
    return candidates[np.lexsort((secondary, primary))][start:wanted]


def collapse(snap: Snapshot, q: wq.Query):
    """Score every matching passage and fold them into documents: a document's score is
    its best passage's, and it remembers which passage that was and how many matched."""
    n_docs = len(snap.documents)
    matched = np.zeros(n_docs, dtype=bool)
    doc_score = np.zeros(n_docs)
    best_passage = np.full(n_docs, -1, dtype=np.int64)
    passage_counts = np.zeros(n_docs, dtype=np.int64)
    found = evaluate(snap, q)
    docs = snap.doc_of[found.ids]
    keep = docs >= 0  # document records and deleted passages have no document ordinal
    ids, scores, docs = found.ids[keep], found.scores[keep], docs[keep]
    if not len(ids):
        return matched, doc_score, best_passage, passage_counts
    best = np.full(n_docs, -np.inf)
    np.maximum.at(best, docs, scores)
    # The best passage: the one with the document's best score (ties: the earliest).
    top = scores == best[docs]
    first = np.full(n_docs, np.iinfo(np.int64).max)
    np.minimum.at(first, docs[top], ids[top])
    matched[:] = best > -np.inf
    doc_score[matched] = best[matched]
    best_passage[matched] = first[matched]
    passage_counts[:] = np.bincount(docs, minlength=n_docs)
    return matched, doc_score, best_passage, passage_counts


# ---------------------------------------------------------------- matching in arrays
#
# Whoosh walks a query's postings one passage at a time in Python: for a broad
# query over 100k passages that is most of a second.  kb evaluates the query
# tree over whole posting lists instead.  Each term's postings are read once per
# generation into arrays of docnums and scores, computed with the formula and
# statistics of Whoosh's own BM25F weighting, so that scores are Whoosh's; OR,
# AND, AND-MAYBE and AND-NOT become array unions, intersections and differences
# with the scores summed as Whoosh's matchers sum them.  Phrases, and any query
# kind kb does not build, go through Whoosh's own matchers.

class Matches(NamedTuple):
    ids: np.ndarray  # docnums, sorted and unique
    scores: np.ndarray  # aligned with ids


NO_MATCHES = Matches(np.zeros(0, dtype=np.int64), np.zeros(0))
# Postings kept as arrays per generation, 16 bytes each (at most 256 MB): the 240 benchmark queries touch
# 3.5M postings at 100k passages and 10M at 300k, and a smaller cache made the 300k p95 nine times slower.
POSTINGS_CACHE_SIZE = 16_000_000


def evaluate(snap: Snapshot, q: wq.Query) -> Matches:
    """The passages (and document records) that match q, with Whoosh's scores."""
    if isinstance(q, wq.Term):
        found = snap.term_matches(q.fieldname, q.text)
        return scaled(found, q.boost)
    if isinstance(q, (wq.Or, wq.And)) and not getattr(q, "scale", None) and not getattr(q, "minmatch", 0):
        parts = [evaluate(snap, sub) for sub in q.subqueries]
        if not parts:
            return NO_MATCHES
        combined = union(parts) if isinstance(q, wq.Or) else intersection(parts)
        return scaled(combined, q.boost)
    if isinstance(q, wq.AndMaybe):
        return scaled(and_maybe(evaluate(snap, q.a), evaluate(snap, q.b)), q.boost)
    if isinstance(q, wq.AndNot):
        a, b = evaluate(snap, q.a), evaluate(snap, q.b)
        keep = ~lookup(b.ids, a.ids)[0]
        return scaled(Matches(a.ids[keep], a.scores[keep]), q.boost)
    if isinstance(q, wq.Phrase):
        key = ("phrase", q.fieldname, tuple(q.words), q.slop)
        found = snap.cached(key, lambda: phrase_matches(snap, q.fieldname, list(q.words), q.slop))
        return scaled(found, q.boost)
    if isinstance(q, wq.Every):
        ids = np.flatnonzero(snap.doc_of >= 0)
        return Matches(ids, np.full(len(ids), q.boost))
    return whoosh_matches(snap, q)


def scaled(m: Matches, boost: float) -> Matches:
    return m if boost == 1.0 else Matches(m.ids, m.scores * boost)


def union(parts: list[Matches]) -> Matches:
    parts = [p for p in parts if len(p.ids)]
    if len(parts) <= 1:
        return parts[0] if parts else NO_MATCHES
    ids = np.concatenate([p.ids for p in parts])
    scores = np.concatenate([p.scores for p in parts])
    size = int(ids.max()) + 1
    if len(ids) * DENSE_RATIO < size:  # few postings: sort them
        unique, inverse = np.unique(ids, return_inverse=True)
        return Matches(unique, np.bincount(inverse, weights=scores, minlength=len(unique)))
    # many postings: add them up in docnum-indexed arrays, no sorting
    unique = np.flatnonzero(np.bincount(ids, minlength=size))
    return Matches(unique, np.bincount(ids, weights=scores, minlength=size)[unique])


DENSE_RATIO = 16  # a union sorts its postings unless they number more than 1/16 of the docnums


def lookup(ids: np.ndarray, wanted: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Where each of `wanted` is in the sorted `ids`: (found, position)."""
    if not len(ids):
        return np.zeros(len(wanted), dtype=bool), np.zeros(len(wanted), dtype=np.int64)
    position = np.minimum(np.searchsorted(ids, wanted), len(ids) - 1)
    return ids[position] == wanted, position


def intersection(parts: list[Matches]) -> Matches:
    parts = sorted(parts, key=lambda p: len(p.ids))
    result = parts[0]
    for p in parts[1:]:
        found, position = lookup(p.ids, result.ids)
        result = Matches(result.ids[found], result.scores[found] + p.scores[position[found]])
    return result


def and_maybe(a: Matches, b: Matches) -> Matches:
    found, position = lookup(b.ids, a.ids)
    scores = a.scores.copy()
    scores[found] += b.scores[position[found]]
    return Matches(a.ids, scores)


def phrase_matches(snap: Snapshot, fieldname: str, words: list, slop: int) -> Matches:
    """Whoosh's Phrase without a boost: the passages that hold the words in a row, scored as
    Whoosh scores a phrase (the sum of its words' scores).  Positions are decoded only for the
    passages that hold every word, found by intersecting the words' posting arrays."""
    field = snap.ix.schema[fieldname] if fieldname in snap.ix.schema else None
    if slop != 1 or len(words) < 2 or field is None or not field.format.supports("positions"):
        return whoosh_matches(snap, wq.Phrase(fieldname, words, slop=slop))
    found = intersection([snap.term_matches(fieldname, w) for w in words])
    if not len(found.ids):
        return NO_MATCHES
    decode = field.format.decode_positions
    postings = [leaf_positions(snap, fieldname, w) for w in words]
    where = [np.searchsorted(ids, found.ids) for ids, _ in postings]
    keep = np.zeros(len(found.ids), dtype=bool)
    for k in range(len(found.ids)):
        starts = set(decode(postings[0][1][where[0][k]]))
        for i in range(1, len(words)):
            starts &= {p - i for p in decode(postings[i][1][where[i][k]])}
            if not starts:
                break
        keep[k] = bool(starts)
    return Matches(found.ids[keep], found.scores[keep])


def leaf_positions(snap: Snapshot, fieldname: str, text) -> tuple[np.ndarray, list]:
    """A term's docnums (all segments) and each posting's encoded positions."""
    all_ids: list[np.ndarray] = []
    values: list = []
    for leaf, offset in snap.leaves:
        ids, vs = leaf_postings(leaf, fieldname, text, with_values=True)
        all_ids.append(ids + offset)
        values.extend(vs)
    return np.concatenate(all_ids), values


def whoosh_matches(snap: Snapshot, q: wq.Query) -> Matches:
    """Any query, matched and scored by Whoosh's own matchers, one segment at a time."""
    ids: list[int] = []
    scores: list[float] = []
    context = snap.searcher.context()
    for sub, offset in snap.searcher.leaf_searchers():
        m = q.matcher(sub, context)
        while m.is_active():
            ids.append(m.id() + offset)
            scores.append(m.score())
            m.next()
    if not ids:
        return NO_MATCHES
    order = np.argsort(np.array(ids, dtype=np.int64), kind="stable")
    return Matches(np.array(ids, dtype=np.int64)[order], np.array(scores)[order])


def leaf_postings(leaf, fieldname: str, text, with_values: bool = False) -> tuple[np.ndarray, np.ndarray | list]:
    """A term's docnums and weights (or, with_values, its postings' encoded values) in one
    segment, deleted documents included (kb drops them through doc_of)."""
    try:
        m = leaf.postings(fieldname, text)
    except TermNotFound:
        return np.zeros(0, dtype=np.int64), ([] if with_values else np.zeros(0))
    m = getattr(m, "child", m)  # under the filter that hides deleted documents
    if isinstance(m, W3LeafMatcher):
        # Whole blocks at a time.  These are whoosh3's own block readers (the
        # version is pinned): the public API costs two Python calls per posting.
        ids: list = []
        found: list = []
        while m.is_active():
            m._read_data()
            # a block's ids are stored as deltas: summed here in one call, not by delta_decode's loop
            ids.append(np.cumsum(np.asarray(m._data[0], dtype=np.int64)) if not m._byteids
                       else np.asarray(m._data[0], dtype=np.int64))
            if with_values:
                m._read_values()
                found.extend(m._values)
            else:
                m._read_weights()
                found.append(np.asarray(m._weights, dtype=np.float64))
            m._next_block()
        ids_array = np.concatenate(ids) if ids else np.zeros(0, dtype=np.int64)
        if with_values:
            return ids_array, found
        return ids_array, (np.concatenate(found) if found else np.zeros(0))
    pairs = list(m.items_as("weight") if not with_values else m.all_items())
    ids_array = np.array([d for d, _ in pairs], dtype=np.int64)
    return ids_array, ([v for _, v in pairs] if with_values else np.array([w for _, w in pairs], dtype=np.float64))


def leaf_lengths(leaf, fieldname: str) -> np.ndarray:
    """Every document's length of one field in one segment, as Whoosh's scorer sees it."""
    n = leaf.doc_count_all()
    reader = None
    perdoc = getattr(leaf, "_perdoc", None)
    if perdoc is not None:
        reader = perdoc._cached_reader(f"_{fieldname}_len", LENGTHS_COLUMN)
    if reader is None or not hasattr(reader, "_dbfile"):
        return np.array([leaf.doc_field_length(d, fieldname, 1) or 0 for d in range(n)], dtype=np.float64)
    # One byte per document (whoosh3's length column, read whole): decoded through a 256-entry table.
    raw = np.frombuffer(reader._dbfile.get(reader._basepos, reader._count), dtype=np.uint8)
    codes = np.zeros(n, dtype=np.uint8)
    codes[:len(raw)] = raw[:n]
    return LENGTH_OF_BYTE[codes]


LENGTH_OF_BYTE = np.array([byte_to_length(b) for b in range(256)], dtype=np.float64)


def filter_mask(snap: Snapshot, name: str, values: list[str]) -> np.ndarray:
    mask = np.zeros(len(snap.documents), dtype=bool)
    for value in values:
        value_mask = snap.facet_masks[name].get(value)
        if value_mask is not None:
            mask |= value_mask
    return mask


def query_terms(q: wq.Query) -> set[tuple[str, str]]:
    return {(f, t if isinstance(t, str) else t.decode("utf-8")) for f, t in q.iter_all_terms(phrases=True)
            if f in TEXT_FIELDS.values() or f == "title"}


def snippet(snap: Snapshot, text: str, language: str, terms: set[tuple[str, str]]) -> str:
    """The passage's best fragment with the query's words marked, or its opening if none match.

    Written by hand rather than with whoosh.highlight, which runs the whole analyzer chain
    over every passage shown and was most of a warm query's time; this looks each word up
    in a cache of the field's analysis and picks the window with the most matches.
    """
    fieldname = TEXT_FIELDS.get(language, TEXT_FIELDS["en"])
    words = {t for f, t in terms if f == fieldname and len(t) > 2}  # "de", "la" mark nothing useful
    if words:
        analyzer = snap.ix.schema[fieldname].analyzer
        matches = [(m.start(), m.end()) for m in WORD.finditer(text)
                   if analysed_word(fieldname, analyzer, m.group()) in words]
        if matches:
            return marked_fragment(text, matches)
    opening = text[:SNIPPET_CHARS]
    return html.escape(opening + ("…" if len(text) > SNIPPET_CHARS else ""))


WORD = re.compile(TOKEN)
SNIPPET_LEAD = 80  # characters of context kept before the first match of the fragment
_analysed: dict[tuple[str, str], str | None] = {}
ANALYSED_CACHE_SIZE = 200_000


def analysed_word(fieldname: str, analyzer, word: str) -> str | None:
    """A word as the field indexes it (stemmed, folded), or None for a stopword; cached."""
    key = (fieldname, word)
    if key not in _analysed:
        if len(_analysed) >= ANALYSED_CACHE_SIZE:
            _analysed.clear()
        _analysed[key] = next((t.text for t in analyzer(word)), None)
    return _analysed[key]


def marked_fragment(text: str, matches: list[tuple[int, int]]) -> str:
    """At most SNIPPET_CHARS of text around the densest run of matches, escaped, matches in <mark>."""
    best, best_count = 0, 0
    right = 0
    for left, (start, _) in enumerate(matches):
        while right < len(matches) and matches[right][1] - start <= SNIPPET_CHARS - SNIPPET_LEAD:
            right += 1
        if right - left > best_count:
            best, best_count = left, right - left
    first = matches[best][0]
    begin = max(0, first - SNIPPET_LEAD)
    if begin:
        space = text.find(" ", begin, first)
        begin = space + 1 if space >= 0 else begin
    end = min(len(text), begin + SNIPPET_CHARS)
    if end < len(text):
        space = text.rfind(" ", matches[best][1], end)
        end = space if space > 0 else end
    out = ["…" if begin else ""]
    index = begin
    for start, stop in matches:
        if start < begin:
            continue
        if stop > end:
            break
        out.append(html.escape(text[index:start]))
        out.append("<mark>" + html.escape(text[start:stop]) + "</mark>")
        index = stop
    out.append(html.escape(text[index:end]))
    out.append("…" if end < len(text) else "")
    return "".join(out)


def opening_passage(snap: Snapshot, i: int) -> dict | None:
    """The stored fields of document i's first passage."""
    best = None
    for docnum in np.flatnonzero(snap.doc_of == i):  # its passages, usually already in order
        stored = snap.searcher.stored_fields(int(docnum))
        if best is None or stored["position"] < best["position"]:
            best = stored
        if best["position"] == 0:
            break
    return best


def make_hit(snap: Snapshot, i: int, score: float, passage_docnum: int, passages_matched: int,
             terms: set[tuple[str, str]], with_snippet: bool = True) -> Hit:
    doc = snap.documents[i]
    position = None
    text = ""
    if passage_docnum >= 0:
        stored = snap.searcher.stored_fields(passage_docnum)
        position, text = stored["position"], stored["text"]
        language = stored.get("language_passage") or doc.language
    else:  # no words matched: the document's opening passage
        language = doc.language
        stored = opening_passage(snap, i)
        if stored is not None:
            text = stored["text"]
    return Hit(
        doc_id=doc.doc_id, url=doc.url, title=doc.title, agency=doc.agency,
        countries=[c.name for c in doc.countries], country_codes=[c.code for c in doc.countries],
        years=doc.years, language=doc.language, doc_type=doc.doc_type, bodies=doc.bodies,
        date=doc.date.isoformat() if doc.date else None, score=round(score, 4),
        snippet=snippet(snap, text, language, terms) if with_snippet else "", passage=position,
        passages_matched=passages_matched,
    )


def search(index_dir: Path, request: SearchRequest) -> SearchResult:
    """One search against the index in index_dir (opens and closes it: for one-shot callers)."""
    index = SearchIndex(index_dir)
    try:
        return index.search(request)
    finally:
        index.close()

