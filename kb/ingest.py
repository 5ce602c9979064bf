"""Ingest: raw documents into the store, and what the store holds into the index.

Two modes of one path: an update indexes only what changed since the index
last saw the store; a rebuild indexes everything into a fresh generation.
"""

from __future__ import annotations

import json
import multiprocessing
import os
import re
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from kb.analysis import ENGLISH_STOPWORDS, ROMANCE_FUNCTION_WORDS, SPANISH_STOPWORDS, TOKEN, fold
from kb.errors import InputError
from kb.extract import annotate, describe
from kb.index import Generation, WriteLock, schema_is_current
from kb.models import DocumentInfo, Passage, RawDocument, document_to_dict
from kb.parse import parse
from kb.passages import split_passages
from kb.schema import TEXT_FIELDS, facet_values
from kb.settings import Paths
from kb.sources import read_sources
from kb.store import DocumentRecord, Store

BATCH_SIZE = 500  # documents per published generation during a long update

Progress = Callable[[str], None]


@dataclass
class IngestReport:
    new: int = 0
    changed: int = 0
    unchanged: int = 0
    duplicate: int = 0
    failed: int = 0
    indexed: int = 0
    passages: int = 0
    errors: list[str] = field(default_factory=list)

    def summary(self) -> str:
        return (f"{self.new} new, {self.changed} changed, {self.unchanged} unchanged, "
                f"{self.duplicate} duplicate, {self.failed} failed; "
                f"{self.indexed} documents indexed in {self.passages} passages")


def ingest(paths: Paths, names: list[str], agency: str | None = None, index: bool = True,
           on_error: Callable[[str], None] | None = None, progress: Progress | None = None) -> IngestReport:
    """Store every document named (files, folders, WARC archives), then index what changed."""
    report = IngestReport()
    with WriteLock(paths.lock_file), Store(paths.store_dir) as store:
        store_all(store, read_sources(names, agency), report, on_error, progress)
        if index:
            index_store(paths, store, report, rebuild=False, on_error=on_error, progress=progress)
    return report


def store_all(store: Store, items: Iterable[RawDocument | InputError], report: IngestReport,
              on_error: Callable[[str], None] | None = None, progress: Progress | None = None) -> None:
    for item in items:
        if isinstance(item, InputError):
            fail(report, str(item), on_error)
            continue
        _, status = store.put(item)
        setattr(report, status, getattr(report, status) + 1)
        if progress:
            progress(item.source)


def fail(report: IngestReport, message: str, on_error: Callable[[str], None] | None) -> None:
    report.failed += 1
    report.errors.append(message)
    if on_error:
        on_error(message)


def index_store(paths: Paths, store: Store, report: IngestReport | None = None, rebuild: bool = False,
                on_error: Callable[[str], None] | None = None, progress: Progress | None = None,
                procs: int | None = None) -> IngestReport:
    """Bring the index up to date with the store; the caller holds the write lock.

    Work is published in batches, each a new generation, and a document is
    marked indexed in the catalog only after its generation is published: a
    killed run leaves those documents pending and the next run does them.
    With `procs` > 1 (by default, when there are many documents) documents are
    parsed in that many processes, and a rebuild writes with that many.
    """
    report = report or IngestReport()
    rebuild = rebuild or not schema_is_current(paths.index_dir)
    pending = list(store.records()) if rebuild else store.pending()
    if not pending and not rebuild:
        return report
    # A rebuild is one generation, published whole: readers never see it half done.
    batch_size = max(len(pending), 1) if rebuild else BATCH_SIZE
    procs = (procs or DEFAULT_PROCS) if len(pending) >= POOL_MIN_DOCUMENTS else 1
    # An update writes with one process: several would add a segment each per batch.
    writer_procs = procs if rebuild else 1
    with analysers(store, procs) as analyse_all:
        for start in range(0, max(len(pending), 1), batch_size):
            batch = pending[start:start + batch_size]
            done: list[tuple[str, str, str | None]] = []
            with Generation(paths.index_dir, rebuild=rebuild, procs=writer_procs) as gen:
                for record, outcome in zip(batch, analyse_all(batch), strict=False):
                    if isinstance(outcome, InputError):
                        store.mark_failed(record.doc_id, record.sha256, outcome.reason)
                        fail(report, str(outcome), on_error)
                        continue
                    info, passages = outcome
                    write_document(gen.writer, info, passages)
                    done.append((record.doc_id, record.sha256, info.agency))
                    report.indexed += 1
                    report.passages += len(passages)
                    if progress:
                        progress(record.url)
            store.mark_indexed(done)
    return report


Analysed = tuple[DocumentInfo, list[Passage]] | InputError
POOL_MIN_DOCUMENTS = 200  # fewer documents than this are parsed in-process: starting workers costs more
DEFAULT_PROCS = min(2, os.cpu_count() or 1)  # more than two writer processes did not build faster
POOL_CHUNK = 8  # documents handed to a worker at a time


@contextmanager
def analysers(store: Store, procs: int) -> Iterator[Callable[[list[DocumentRecord]], Iterator[Analysed]]]:
    """A function that parses and extracts records, in order: in this process, or, with procs > 1,
    in a pool of processes, so that parsing overlaps with the index writer's own processes.

    The pool is started before any index writer so that its workers inherit none of the writer's pipes.
    """
    if procs <= 1:
        yield lambda records: (analyse_or_error(store, r) for r in records)
        return
    with multiprocessing.get_context("fork").Pool(procs, initializer=_open_worker_store, initargs=(store.dir,)) as pool:
        yield lambda records: (InputError(r.source, r.reason) if isinstance(r, _Failure) else r
                               for r in pool.imap(_analyse_in_worker, records, chunksize=POOL_CHUNK))


def analyse_or_error(store: Store, record: DocumentRecord) -> Analysed:
    try:
        return analyse(store, record)
    except InputError as exc:
        return exc


_worker_store: Store | None = None


def _open_worker_store(store_dir) -> None:
    global _worker_store
    _worker_store = Store(store_dir)


@dataclass
class _Failure:
    """An InputError on its way back from a worker (the exception itself does not unpickle)."""

    source: str
    reason: str


def _analyse_in_worker(record: DocumentRecord) -> tuple[DocumentInfo, list[Passage]] | _Failure:
    assert _worker_store is not None
    outcome = analyse_or_error(_worker_store, record)
    return _Failure(outcome.source, outcome.reason) if isinstance(outcome, InputError) else outcome


def analyse(store: Store, record: DocumentRecord) -> tuple[DocumentInfo, list[Passage]]:
    """Parse and extract one stored document."""
    raw = RawDocument(url=record.url, body=store.read_blob(record.sha256), content_type=record.content_type,
                      source=record.url, charset=record.charset)
    try:
        parsed = parse(raw)
    except InputError:
        raise
    except Exception as exc:  # a parser library's own failure on hostile bytes
        raise InputError(record.url, f"could not be parsed ({type(exc).__name__}: {exc})") from None
    passages = split_passages(record.doc_id, parsed.blocks)
    if not passages:
        raise InputError(record.url, "no text to index")
    try:
        dateline = annotate(passages, parsed)
        info = describe(record.doc_id, record.url, parsed, passages, dateline, agency_hint=record.agency_hint,
                        sha256=record.sha256, fetched_at=record.fetched_at)
    except Exception as exc:  # an extractor's failure on one odd document must not stop the batch
        raise InputError(record.url, f"could not be analysed ({type(exc).__name__}: {exc})") from None
    return info, passages


def write_document(writer, info: DocumentInfo, passages: list[Passage]) -> None:
    """Replace everything the index holds for this document."""
    writer.delete_by_term("doc_id", info.doc_id)
    meta = document_to_dict(info)
    # Whoosh wants a multi-valued facet comma-joined
    facets = {name: ",".join(values) for name, values in facet_values(meta).items() if values}
    date = int(info.date.strftime("%Y%m%d")) if info.date else (info.years[-1] * 10000 + 101 if info.years else 0)
    writer.add_document(id=info.doc_id, kind="document", doc_id=info.doc_id, date=date,
                        meta=json.dumps(meta, ensure_ascii=False),
                        spelling=" ".join(spelling_words(info.title, passages)),
                        mandate=",".join(str(m.number) for m in info.mandates), **facets)
    for p in passages:
        field = TEXT_FIELDS.get(p.language, TEXT_FIELDS["en"])
        body = f"{p.heading}\n{p.text}" if p.heading else p.text
        writer.add_document(
            kind="passage", doc_id=info.doc_id, position=p.position,
            title=info.title, text=p.text, heading=p.heading, language_passage=p.language,
            mandate=",".join(str(m.number) for m in p.mandates), **{field: body}, **facets,
        )


SPELLING_STOPWORDS = ENGLISH_STOPWORDS | SPANISH_STOPWORDS | ROMANCE_FUNCTION_WORDS
_folded: dict[str, str] = {}


def spelling_words(title: str, passages: list[Passage]) -> list[str]:
    """The document's distinct words, lower-cased and accent-folded, stopwords left out."""
    words: set[str] = set()
    for text in (title, *(p.heading for p in passages), *(p.text for p in passages)):
        words.update(WORD.findall(text or ""))
    found = set()
    for word in words:
        folded = _folded.get(word)
        if folded is None:
            folded = fold(word)
            if len(_folded) < 200_000:
                _folded[word] = folded
        found.add(folded)
    return sorted(found - SPELLING_STOPWORDS)


WORD = re.compile(TOKEN)


def rebuild(paths: Paths, on_error: Callable[[str], None] | None = None, progress: Progress | None = None,
            procs: int | None = None) -> IngestReport:
    """Index everything in the store into a fresh generation, without the original files."""
    with WriteLock(paths.lock_file), Store(paths.store_dir) as store:
        return index_store(paths, store, rebuild=True, on_error=on_error, progress=progress, procs=procs)


def update(paths: Paths, on_error: Callable[[str], None] | None = None,
           progress: Progress | None = None) -> IngestReport:
    """Index what the store holds that the index does not."""
    with WriteLock(paths.lock_file), Store(paths.store_dir) as store:
        return index_store(paths, store, on_error=on_error, progress=progress)

