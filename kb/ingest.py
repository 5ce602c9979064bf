"""Ingest: raw documents into the store, and what the store holds into the index.

Two modes of one path: an update indexes only what changed since the index
last saw the store; a rebuild indexes everything into a fresh generation.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Callable, Iterable

from kb.errors import InputError
from kb.extract import annotate, describe
from kb.index import Generation, WriteLock, schema_is_current
from kb.models import DocumentInfo, Passage, RawDocument, document_to_dict
from kb.parse import parse
from kb.passages import split_passages
from kb.schema import FACETS, TEXT_FIELDS
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
                procs: int = 1) -> IngestReport:
    """Bring the index up to date with the store; the caller holds the write lock.

    Work is published in batches, each a new generation, and a document is
    marked indexed in the catalog only after its generation is published: a
    killed run leaves those documents pending and the next run does them.
    """
    report = report or IngestReport()
    rebuild = rebuild or not schema_is_current(paths.index_dir)
    pending = list(store.records()) if rebuild else store.pending()
    if not pending and not rebuild:
        return report
    # A rebuild is one generation, published whole: readers never see it half done.
    batch_size = max(len(pending), 1) if rebuild else BATCH_SIZE
    for start in range(0, max(len(pending), 1), batch_size):
        batch = pending[start:start + batch_size]
        done: list[tuple[str, str, str | None]] = []
        with Generation(paths.index_dir, rebuild=rebuild, procs=procs) as gen:
            for record in batch:
                try:
                    info, passages = analyse(store, record)
                except InputError as exc:
                    store.mark_failed(record.doc_id, record.sha256, exc.reason)
                    fail(report, str(exc), on_error)
                    continue
                write_document(gen.writer, info, passages)
                done.append((record.doc_id, record.sha256, info.agency))
                report.indexed += 1
                report.passages += len(passages)
                if progress:
                    progress(record.url)
        store.mark_indexed(done)
    return report


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
    annotate(passages, parsed)
    info = describe(record.doc_id, record.url, parsed, passages, agency_hint=record.agency_hint,
                    sha256=record.sha256, fetched_at=record.fetched_at)
    return info, passages


def facet_values(info: DocumentInfo) -> dict[str, str]:
    """The document's facet fields as Whoosh wants them (comma-joined for multi-valued)."""
    values = {
        "agency": [info.agency],
        "body": info.bodies,
        "country": [c.code for c in info.countries],
        "year": [str(y) for y in info.years],
        "language": [info.language],
        "doc_type": [info.doc_type],
    }
    assert set(values) == {f.name for f in FACETS}
    return {name: ",".join(v) for name, v in values.items() if v}


def write_document(writer, info: DocumentInfo, passages: list[Passage]) -> None:
    """Replace everything the index holds for this document."""
    writer.delete_by_term("doc_id", info.doc_id)
    facets = facet_values(info)
    date = int(info.date.strftime("%Y%m%d")) if info.date else (info.years[-1] * 10000 + 101 if info.years else 0)
    writer.add_document(id=info.doc_id, kind="document", doc_id=info.doc_id, date=date,
                        meta=json.dumps(document_to_dict(info), ensure_ascii=False),
                        mandate=",".join(str(m.number) for m in info.mandates), **facets)
    for p in passages:
        field = TEXT_FIELDS.get(p.language, TEXT_FIELDS["en"])
        body = f"{p.heading}\n{p.text}" if p.heading else p.text
        writer.add_document(
            id=f"{info.doc_id}/{p.position}", kind="passage", doc_id=info.doc_id, position=p.position,
            title=info.title, text=p.text, heading=p.heading, language_passage=p.language, date=date,
            mandate=",".join(str(m.number) for m in p.mandates), **{field: body}, **facets,
        )


def rebuild(paths: Paths, on_error: Callable[[str], None] | None = None, progress: Progress | None = None,
            procs: int = 1) -> IngestReport:
    """Index everything in the store into a fresh generation, without the original files."""
    with WriteLock(paths.lock_file), Store(paths.store_dir) as store:
        return index_store(paths, store, rebuild=True, on_error=on_error, progress=progress, procs=procs)


def update(paths: Paths, on_error: Callable[[str], None] | None = None, progress: Progress | None = None) -> IngestReport:
    """Index what the store holds that the index does not."""
    with WriteLock(paths.lock_file), Store(paths.store_dir) as store:
        return index_store(paths, store, on_error=on_error, progress=progress)

