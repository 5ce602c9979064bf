"""Search: documents ranked by their best passages, with facet counts, filters and snippets.

One SearchIndex per process holds the open searcher and, per index
generation, arrays that map passages to documents and documents to facet
values, so that collapsing and facet counting are array operations rather
than per-document Python loops.  It notices a newer generation and reopens.
"""

from __future__ import annotations

import datetime as dt
import html
import json
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
from whoosh import highlight
from whoosh import query as wq

from kb import settings
from kb.errors import QueryError
from kb.index import CURRENT, current_generation, index_size, open_index
from kb.models import DocumentInfo, Event, document_from_dict, event_to_dict
from kb.query import FieldValue, Group, ParsedQuery, Phrase, Word, parse_query
from kb.analysis import fold
from kb.glossary import expand
from kb.schema import FACET_NAMES, SEARCHED_FIELDS, SPELLING_FIELDS, TEXT_FIELDS

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


class Snapshot:
    """One index generation, opened, with its document arrays."""

    def __init__(self, generation: Path, ix):
        self.generation = generation
        self.ix = ix
        self.searcher = ix.searcher()
        reader = self.searcher.reader()
        self.documents: list[DocumentInfo] = []
        ordinal: dict[str, int] = {}
        dates: list[int] = []
        for docnum in self.searcher.document_numbers(kind="document"):
            stored = reader.stored_fields(docnum)
            info = document_from_dict(json.loads(stored["meta"]))
            ordinal[info.doc_id] = len(self.documents)
            self.documents.append(info)
            dates.append(int(info.date.strftime("%Y%m%d")) if info.date else
                         (info.years[-1] * 10000 + 101 if info.years else 0))
        self.ordinal = ordinal
        self.dates = np.array(dates, dtype=np.int64)
        # passage docnum -> document ordinal (-1 for document records and deleted passages)
        column = reader.column_reader("doc_id")
        self.doc_of = np.full(reader.doc_count_all(), -1, dtype=np.int64)
        for docnum in self.searcher.document_numbers(kind="passage"):
            self.doc_of[docnum] = ordinal.get(column[docnum], -1)
        self.facet_masks = self._facet_masks()

    def _facet_masks(self) -> dict[str, dict[str, np.ndarray]]:
        n = len(self.documents)
        masks: dict[str, dict[str, np.ndarray]] = {name: {} for name in FACET_NAMES}
        for i, doc in enumerate(self.documents):
            for name, values in facet_values(doc).items():
                for value in values:
                    mask = masks[name].get(value)
                    if mask is None:
                        mask = masks[name][value] = np.zeros(n, dtype=bool)
                    mask[i] = True
        return masks

    def close(self) -> None:
        self.searcher.close()


def near_duplicate(a: DocumentInfo, b: DocumentInfo) -> bool:
    """The same bytes, or the same page under another address (same title, same agency, same size)."""
    return a.sha256 == b.sha256 or (a.title.lower() == b.title.lower() and a.agency == b.agency
                                    and a.passages == b.passages)


def facet_values(doc: DocumentInfo) -> dict[str, list[str]]:
    return {
        "agency": [doc.agency],
        "body": doc.bodies,
        "country": [c.code for c in doc.countries],
        "year": [str(y) for y in doc.years],
        "language": [doc.language],
        "doc_type": [doc.doc_type],
    }


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
            for doc in snap.documents:
                for name, value in (("agency", doc.agency), ("language", doc.language)):
                    entry = by[name].setdefault(value, {"documents": 0, "passages": 0})
                    entry["documents"] += 1
                    entry["passages"] += doc.passages
            years = sorted({y for doc in snap.documents for y in doc.years})
            updated = (self.index_dir / CURRENT).stat().st_mtime
            return {
                "documents": len(snap.documents),
                "passages": sum(doc.passages for doc in snap.documents),
                "by_agency": dict(sorted(by["agency"].items())),
                "by_language": dict(sorted(by["language"].items())),
                "years": [years[0], years[-1]] if years else [],
                "index_bytes": index_size(self.index_dir),
                "generation": snap.generation.name,
                "last_update": dt.datetime.fromtimestamp(updated, dt.timezone.utc).replace(microsecond=0).isoformat(),
            }

    def find_document(self, key: str) -> DocumentInfo | None:
        """A document by its id, its URL, or a unique prefix of its id."""
        with self.lock:
            snap = self.current()
            i = snap.ordinal.get(key)
            if i is None:
                matches = [n for n, d in enumerate(snap.documents) if d.url == key]
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
            q = wq.And([wq.Term("kind", "passage"), wq.Or([wq.Term(fieldname, w) for w in keywords])])
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


def optional_words(group: Group) -> list[str]:
    """The group's plain words that only help ranking: these may be corrected or expanded."""
    return [c.text for c in group.should if isinstance(c, Word)]


def corrections(snap: Snapshot, words: list[str]) -> dict[str, str]:
    """Words the index does not know, or knows far less often than a close spelling -> that spelling."""
    reader = snap.searcher.reader()
    found: dict[str, str] = {}
    for word in words:
        folded = fold(word)
        if len(folded) < MIN_CORRECTABLE or not folded.isalpha():
            continue
        frequency = sum(reader.doc_frequency(f, folded) for f in SPELLING_FIELDS)
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
            found[word] = best[2]
    return found


def extra_clauses(schema, words: list[str], corrected: dict[str, str], expansions) -> list[wq.Query]:
    extras: list[wq.Query] = []
    for wrong, right in corrected.items():
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
        q = wq.And([q, wq.Term("kind", "passage")])
        matched, doc_score, best_passage, passage_counts = collapse(snap, q)

    facet_filter = {name: filter_mask(snap, name, values) for name, values in filters.items()}
    selected = matched.copy()
    for mask in facet_filter.values():
        selected &= mask
    facets = {}
    for name in FACET_NAMES:
        base = matched.copy()
        for other, mask in facet_filter.items():
            if other != name:
                base &= mask
        facets[name] = {value: int(np.count_nonzero(base & mask))
                        for value, mask in snap.facet_masks[name].items()}
        facets[name] = dict(sorted(((v, c) for v, c in facets[name].items() if c),
                                   key=lambda vc: (-vc[1], vc[0])))

    candidates = np.flatnonzero(selected)
    if request.sort == "newest":
        order = candidates[np.lexsort((-doc_score[candidates], -snap.dates[candidates]))]
    elif request.sort == "oldest":
        order = candidates[np.lexsort((-doc_score[candidates], snap.dates[candidates]))]
    else:
        order = candidates[np.lexsort((-snap.dates[candidates], -doc_score[candidates]))]
    start = (request.page - 1) * request.limit
    page = order[start:start + request.limit]
    terms = query_terms(q) if q is not None else set()
    hits = [make_hit(snap, int(i), float(doc_score[i]), int(best_passage[i]), int(passage_counts[i]), terms)
            for i in page]
    return SearchResult(query=parsed.text, total=int(len(candidates)), page=request.page, limit=request.limit,
                        sort=request.sort, hits=hits, facets=facets, suggestion=suggestion, expanded=expanded)


def collapse(snap: Snapshot, q: wq.Query):
    """Score every matching passage and fold them into documents: a document's score is
    its best passage's, and it remembers which passage that was and how many matched."""
    n_docs = len(snap.documents)
    results = snap.searcher.search(q, limit=None)
    top = results.top_n
    matched = np.zeros(n_docs, dtype=bool)
    doc_score = np.zeros(n_docs)
    best_passage = np.full(n_docs, -1, dtype=np.int64)
    passage_counts = np.zeros(n_docs, dtype=np.int64)
    if not top:
        return matched, doc_score, best_passage, passage_counts
    scores = np.fromiter((s for s, _ in top), dtype=np.float64, count=len(top))
    docnums = np.fromiter((d for _, d in top), dtype=np.int64, count=len(top))
    docs = snap.doc_of[docnums]
    keep = docs >= 0
    scores, docnums, docs = scores[keep], docnums[keep], docs[keep]
    # top_n is sorted best first: the first occurrence of each document is its best passage
    unique_docs, first = np.unique(docs, return_index=True)
    matched[unique_docs] = True
    doc_score[unique_docs] = scores[first]
    best_passage[unique_docs] = docnums[first]
    passage_counts[unique_docs] = np.bincount(docs, minlength=n_docs)[unique_docs]
    return matched, doc_score, best_passage, passage_counts


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


class MarkFormatter(highlight.Formatter):
    """Escapes every character of the passage and wraps matched words in <mark>."""

    between = " … "

    def format_token(self, text, token, replace=False):
        return "<mark>" + html.escape(highlight.get_text(text, token, replace)) + "</mark>"

    def format_fragment(self, fragment, replace=False):
        output = []
        index = fragment.startchar
        text = fragment.text
        for t in fragment.matches:
            if t.startchar > index:
                output.append(html.escape(text[index:t.startchar]))
            output.append(self.format_token(text, t, replace))
            index = t.endchar
        output.append(html.escape(text[index:fragment.endchar]))
        return "".join(output)


def snippet(snap: Snapshot, text: str, language: str, terms: set[tuple[str, str]]) -> str:
    """The passage's best fragment with the query's words marked, or its opening if none match."""
    fieldname = TEXT_FIELDS.get(language, TEXT_FIELDS["en"])
    words = {t for f, t in terms if f == fieldname and len(t) > 2}  # "de", "la" mark nothing useful
    if words:
        analyzer = snap.ix.schema[fieldname].analyzer
        fragmenter = highlight.ContextFragmenter(maxchars=SNIPPET_CHARS, surround=80)
        marked = highlight.highlight(text, frozenset(words), analyzer, fragmenter, MarkFormatter(), top=2)
        if marked:
            return marked
    opening = text[:SNIPPET_CHARS]
    return html.escape(opening + ("…" if len(text) > SNIPPET_CHARS else ""))


def make_hit(snap: Snapshot, i: int, score: float, passage_docnum: int, passages_matched: int,
             terms: set[tuple[str, str]]) -> Hit:
    doc = snap.documents[i]
    position = None
    text = ""
    if passage_docnum >= 0:
        stored = snap.searcher.stored_fields(passage_docnum)
        position, text = stored["position"], stored["text"]
        language = stored.get("language_passage") or doc.language
    else:
        first = next(iter(snap.searcher.document_numbers(doc_id=doc.doc_id, position=0)), None)
        language = doc.language
        if first is not None:
            text = snap.searcher.stored_fields(first)["text"]
    return Hit(
        doc_id=doc.doc_id, url=doc.url, title=doc.title, agency=doc.agency,
        countries=[c.name for c in doc.countries], country_codes=[c.code for c in doc.countries],
        years=doc.years, language=doc.language, doc_type=doc.doc_type, bodies=doc.bodies,
        date=doc.date.isoformat() if doc.date else None, score=round(score, 4),
        snippet=snippet(snap, text, language, terms), passage=position,
        passages_matched=passages_matched,
    )


def search(index_dir: Path, request: SearchRequest) -> SearchResult:
    """One search against the index in index_dir (opens and closes it: for one-shot callers)."""
    index = SearchIndex(index_dir)
    try:
        return index.search(request)
    finally:
        index.close()

