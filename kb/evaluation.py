"""Measure kb against labelled files: extraction (countries, events, mandates) and
search (nDCG@10, MRR@10, recall@10) beside a SQLite FTS5 bm25 baseline.

Labelled documents are read from disk and stored under the URL their label
gives, so that agency-from-URL works as it would for crawled pages.
"""

from __future__ import annotations

import json
import math
import re
import sqlite3
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from kb.errors import InputError
from kb.extract import annotate, describe
from kb.index import WriteLock
from kb.ingest import IngestReport, index_store
from kb.models import DocumentInfo, RawDocument, document_to_dict
from kb.parse import parse
from kb.passages import split_passages
from kb.schema import facet_values
from kb.search import SearchIndex, SearchRequest
from kb.settings import Paths
from kb.sources import EXTENSION_TYPES
from kb.store import Store, doc_id_for

CUTOFF = 10


# ---------------------------------------------------------------- labelled documents

@dataclass
class LabelledDocument:
    path: Path
    url: str
    label: dict


def load_labels(labels_file: Path) -> list[LabelledDocument]:
    data = json.loads(Path(labels_file).read_text(encoding="utf-8"))
    base = Path(labels_file).parent
    return [LabelledDocument(path=base / d["file"], url=d.get("url") or (base / d["file"]).resolve().as_uri(), label=d)
            for d in data["documents"]]


def raw_document(doc: LabelledDocument) -> RawDocument:
    content_type = EXTENSION_TYPES.get(doc.path.suffix.lower(), "text/plain")
    return RawDocument(url=doc.url, body=doc.path.read_bytes(), content_type=content_type, source=str(doc.path))


def extract_document(doc: LabelledDocument) -> DocumentInfo:
    """Run parse and extraction on one labelled file, as ingest would."""
    raw = raw_document(doc)
    parsed = parse(raw)
    doc_id = doc_id_for(doc.url)
    passages = split_passages(doc_id, parsed.blocks)
    dateline = annotate(passages, parsed)
    return describe(doc_id, doc.url, parsed, passages, dateline)


# ---------------------------------------------------------------- extraction scores

@dataclass
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, predicted: list, expected: list) -> None:
        remaining = list(expected)
        for item in predicted:
            if item in remaining:
                remaining.remove(item)
                self.tp += 1
            else:
                self.fp += 1
        self.fn += len(remaining)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class ExtractionScore:
    documents: int = 0
    countries: Counts = field(default_factory=Counts)
    events: Counts = field(default_factory=Counts)
    mandates: Counts = field(default_factory=Counts)
    per_document: list[dict] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


def event_key(event: dict) -> tuple:
    """An event counts when its country and start date match."""
    return (event.get("country") or event.get("country_code"), event.get("start"))


def score_extraction(labels_file: Path) -> ExtractionScore:
    """Score every labelled document; countries a label marks optional count neither way."""
    score = ExtractionScore()
    for doc in load_labels(labels_file):
        try:
            info = extract_document(doc)
        except InputError as exc:
            score.errors.append(str(exc))
            continue
        score.documents += 1
        row: dict = {"file": doc.path.name}
        optional = set(doc.label.get("countries_optional", []))
        for name, predicted, expected in (
            ("countries", sorted({c.code for c in info.countries} - optional),
             sorted(set(doc.label.get("countries", [])) - optional)),
            ("events", [(e.country_code, e.start.isoformat() if e.start else None) for e in info.events],
             [event_key(e) for e in doc.label.get("events", [])]),
            ("mandates", sorted({m.number for m in info.mandates}), sorted(set(doc.label.get("mandates", [])))),
        ):
            counts = Counts()
            counts.add(predicted, expected)
            total = getattr(score, name)
            total.tp, total.fp, total.fn = total.tp + counts.tp, total.fp + counts.fp, total.fn + counts.fn
            row[name] = {"precision": round(counts.precision, 3), "recall": round(counts.recall, 3),
                         "f1": round(counts.f1, 3), "missed": [x for x in expected if x not in predicted],
                         "extra": [x for x in predicted if x not in expected]}
        score.per_document.append(row)
    return score


# ---------------------------------------------------------------- search evaluation

def build_knowledge_base(paths: Paths, labels_files: list[Path]) -> int:
    """Store and index every labelled document under its labelled URL; returns the count."""
    count = 0
    with WriteLock(paths.lock_file), Store(paths.store_dir) as store:
        for labels_file in labels_files:
            for doc in load_labels(labels_file):
                store.put(raw_document(doc))
                count += 1
        index_store(paths, store, IngestReport())
    return count


def dcg(gains: list[float]) -> float:
    return sum((2 ** g - 1) / math.log2(i + 2) for i, g in enumerate(gains))


def query_metrics(ranked: list[str], relevant: dict[str, int]) -> dict[str, float]:
    top = ranked[:CUTOFF]
    ideal = dcg(sorted(relevant.values(), reverse=True)[:CUTOFF])
    ndcg = dcg([relevant.get(url, 0) for url in top]) / ideal if ideal else 0.0
    rr = next((1 / (i + 1) for i, url in enumerate(top) if relevant.get(url, 0) > 0), 0.0)
    found = sum(1 for url in top if relevant.get(url, 0) > 0)
    wanted = sum(1 for g in relevant.values() if g > 0)
    return {"ndcg": ndcg, "mrr": rr, "recall": found / wanted if wanted else 0.0}


class FTS5Baseline:
    """What a Datasette user gets: SQLite FTS5 with bm25 over the same passages.

    Passages are ranked by bm25 and folded into documents by their best
    passage; filters use the same extracted metadata kb has.
    """

    def __init__(self, documents: list[tuple[DocumentInfo, list[str]]], conjunctive: bool):
        self.conjunctive = conjunctive
        self.db = sqlite3.connect(":memory:")
        self.db.execute("CREATE VIRTUAL TABLE passages USING fts5(url UNINDEXED, title, text, "
                        "tokenize='porter unicode61 remove_diacritics 2')")
        self.documents = {info.url: info for info, _ in documents}
        for info, texts in documents:
            self.db.executemany("INSERT INTO passages(url, title, text) VALUES (?, ?, ?)",
                                [(info.url, info.title, t) for t in texts])

    def search(self, q: str, filters: dict[str, list[str]]) -> list[str]:
        words = re.findall(r"\w+", q)
        if not words:
            return []
        match = (" AND " if self.conjunctive else " OR ").join(f'"{w}"' for w in words)
        rows = self.db.execute("SELECT url FROM passages WHERE passages MATCH ? ORDER BY rank", (match,))
        ranked = dict.fromkeys(url for (url,) in rows)  # best passage first: a document's first row is its best
        return [url for url in ranked if passes(self.documents[url], filters)]


def passes(info: DocumentInfo, filters: dict[str, list[str]]) -> bool:
    values = facet_values(document_to_dict(info))
    return all(set(wanted) & set(values.get(name, [])) for name, wanted in filters.items() if wanted)


@dataclass
class SearchEvaluation:
    systems: dict[str, dict[str, dict[str, float]]]  # system -> query kind ("all" too) -> metric -> mean
    per_query: list[dict]


def evaluate_search(qrels_file: Path, workdir: Path) -> SearchEvaluation:
    """Build a knowledge base from the qrels' labelled corpora and score kb and the FTS5 baselines."""
    qrels = json.loads(Path(qrels_file).read_text(encoding="utf-8"))
    base = Path(qrels_file).parent
    labels_files = [base / p for p in qrels["corpus"]]
    paths = Paths(Path(workdir))
    build_knowledge_base(paths, labels_files)
    index = SearchIndex(paths.index_dir)
    try:
        documents = []
        for info in index.all_documents():
            texts = [p["text"] for p in index.passages(info.doc_id)]
            documents.append((info, texts))
        baselines = {"fts5-and": FTS5Baseline(documents, conjunctive=True),
                     "fts5-or": FTS5Baseline(documents, conjunctive=False)}
        per_query = []
        sums: dict[str, dict[str, dict[str, list[float]]]] = defaultdict(lambda: defaultdict(lambda: defaultdict(list)))
        for query in qrels["queries"]:
            filters = query.get("filters", {})
            relevant = query["relevant"]
            result = index.search(SearchRequest(q=query["q"], filters=filters, limit=CUTOFF))
            runs = {"kb": [h.url for h in result.hits]}
            for name, baseline in baselines.items():
                runs[name] = baseline.search(query["q"], filters)
            row = {"id": query["id"], "kind": query["kind"], "q": query["q"]}
            for system, ranked in runs.items():
                metrics = query_metrics(ranked, relevant)
                row[system] = {k: round(v, 3) for k, v in metrics.items()}
                for kind in ("all", query["kind"]):
                    for metric, value in metrics.items():
                        sums[system][kind][metric].append(value)
            per_query.append(row)
    finally:
        index.close()
    systems = {system: {kind: {m: sum(v) / len(v) for m, v in metrics.items()} for kind, metrics in kinds.items()}
               for system, kinds in sums.items()}
    return SearchEvaluation(systems=systems, per_query=per_query)
