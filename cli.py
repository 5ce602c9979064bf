"""The kb command line: parses options and hands over to the kb library."""

from __future__ import annotations

import html
import json
import re
import sys
import textwrap

import click

from kb import settings
from kb.errors import KbError
from kb.settings import Paths


def fail(message: str) -> None:
    click.echo(f"kb: {message}", err=True)
    sys.exit(1)


class KbGroup(click.Group):
    """Turns kb's own errors into a one-line message and a non-zero exit status."""

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except KbError as exc:
            fail(str(exc))


@click.group(cls=KbGroup)
@click.option("--data-dir", envvar="KB_DATA_DIR", type=click.Path(file_okay=False), default=None,
              help="Folder holding corpus/store and index/ (default: the project folder).")
@click.version_option(package_name="kb")
@click.pass_context
def cli(ctx: click.Context, data_dir: str | None) -> None:
    """kb: search what the agencies of the Americas publish on trafficking in persons and public security."""
    ctx.obj = Paths.resolve(data_dir)


def paths() -> Paths:
    return click.get_current_context().obj


# ---------------------------------------------------------------- ingest and index

@cli.command()
@click.argument("sources", nargs=-1, required=True)
@click.option("--agency", help="Agency to credit when neither the URL nor the text names one.")
@click.option("--no-index", is_flag=True, help="Only store the documents; index them later with `kb index`.")
def ingest(sources: tuple[str, ...], agency: str | None, no_index: bool) -> None:
    """Store and index files, folders (recursively) and WARC archives."""
    from kb.ingest import ingest as run_ingest

    with progress_bar("Ingesting") as step:
        report = run_ingest(paths(), list(sources), agency=agency, index=not no_index,
                            on_error=lambda m: click.echo(f"error: {m}", err=True), progress=step)
    click.echo(report.summary(), err=True)
    sys.exit(1 if report.failed else 0)


@cli.command()
@click.option("--rebuild", is_flag=True, help="Index everything in the store afresh, without the original files.")
@click.option("--procs", type=click.IntRange(min=1), default=None,
              help="Processes for a rebuild (default: 2 for large batches, 1 for small ones).")
def index(rebuild: bool, procs: int | None) -> None:
    """Bring the index up to date with the store."""
    from kb import ingest as ingesting

    on_error = lambda m: click.echo(f"error: {m}", err=True)  # noqa: E731
    with progress_bar("Indexing") as step:
        if rebuild:
            report = ingesting.rebuild(paths(), on_error=on_error, progress=step, procs=procs)
        else:
            report = ingesting.update(paths(), on_error=on_error, progress=step)
    click.echo(report.summary(), err=True)
    sys.exit(1 if report.failed else 0)


class progress_bar:
    """A spinner with a count on stderr, shown only on a terminal."""

    def __init__(self, label: str):
        self.label = label
        self.progress = None

    def __enter__(self):
        if not sys.stderr.isatty():
            return lambda item: None
        from rich.console import Console
        from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

        self.progress = Progress(SpinnerColumn(), TextColumn("{task.description} {task.completed} documents"),
                                 TextColumn("[dim]{task.fields[item]}"), TimeElapsedColumn(),
                                 console=Console(stderr=True), transient=True)
        self.progress.start()
        task = self.progress.add_task(self.label, item="")
        return lambda item: self.progress.update(task, advance=1, item=str(item)[-50:])

    def __exit__(self, *exc):
        if self.progress is not None:
            self.progress.stop()


# ---------------------------------------------------------------- search

def facet_filter_options(f):
    f = click.option("--agency", multiple=True, help="Only this agency (repeatable: any of them).")(f)
    f = click.option("--country", multiple=True, help="Only documents about this country: a name or ISO code.")(f)
    f = click.option("--year", multiple=True, help="A year or a range, 2008..2010 (repeatable).")(f)
    f = click.option("--body", multiple=True, help="Only documents naming this body (DPS, CICTE, CICAD...).")(f)
    f = click.option("--language", multiple=True, help="Only documents in this language (en, es, fr, pt).")(f)
    f = click.option("--type", "doc_type", multiple=True, help="Only this document type (html, pdf, text).")(f)
    return f


def filters_from(agency=(), country=(), year=(), body=(), language=(), doc_type=()) -> dict[str, list[str]]:
    from kb.query import field_value

    years: list[str] = []
    for value in year:
        fv = field_value("year", value)
        if fv is None:
            raise click.BadParameter(f"{value!r} is not a year or a range like 2008..2010", param_hint="--year")
        years.extend(fv.values)
    filters = {"agency": list(agency), "country": list(country), "year": years, "body": list(body),
               "language": list(language), "doc_type": list(doc_type)}
    return {k: v for k, v in filters.items() if v}


@cli.command("search")
@click.argument("query", nargs=-1)
@facet_filter_options
@click.option("--limit", default=10, show_default=True, help="Hits per page.")
@click.option("--page", default=1, show_default=True)
@click.option("--sort", type=click.Choice(["relevance", "newest", "oldest"]), default="relevance", show_default=True)
@click.option("--no-expand", is_flag=True, help="Do not also search the other language's terms.")
@click.option("--format", "fmt", type=click.Choice(["table", "json", "csv"]), default="table", show_default=True)
def search_command(query, agency, country, year, body, language, doc_type, limit, page, sort, no_expand, fmt) -> None:
    """Search documents: words, "phrases", AND/OR/NOT, field:value."""
    from kb.search import SearchRequest, search

    request = SearchRequest(q=" ".join(query), page=page, limit=limit, sort=sort, expand=not no_expand,
                            filters=filters_from(agency, country, year, body, language, doc_type))
    result = search(paths().index_dir, request)
    if fmt == "json":
        click.echo(json.dumps(result.to_dict(), ensure_ascii=False, indent=2))
    elif fmt == "csv":
        from kb.csv_export import hits_csv

        click.echo(hits_csv(result), nl=False)
    else:
        print_hits(result)


def print_hits(result) -> None:
    from kb.csv_export import plain

    width = 80
    if result.suggestion:
        click.echo(f"Did you mean: {result.suggestion}")
    if result.expanded:
        click.echo(f"Also searched: {', '.join(result.expanded)}")
    first = (result.page - 1) * result.limit + 1 if result.hits else 0
    click.echo(f"{result.total} documents; {first}-{first + len(result.hits) - 1 if result.hits else 0} shown "
               f"({result.took_ms:.0f} ms)\n")
    for n, hit in enumerate(result.hits, start=first):
        click.echo(click.style(textwrap.shorten(f"{n}. {hit.title}", width), bold=True))
        meta = " · ".join(x for x in (hit.agency, ", ".join(hit.countries[:4]), ", ".join(map(str, hit.years[-3:])),
                                      hit.language) if x)
        click.echo("   " + textwrap.shorten(meta, width - 3))
        click.echo("   " + click.style(textwrap.shorten(hit.url, width - 3), fg="blue"))
        text = plain(hit.snippet)
        marked = re.findall(r"<mark>(.*?)</mark>", hit.snippet)
        for line in textwrap.wrap(text, width - 3)[:4]:
            for word in set(marked):
                line = line.replace(html.unescape(word), click.style(html.unescape(word), bold=True))
            click.echo("   " + line)
        if hit.passages_matched > 1:
            click.echo(f"   ({hit.passages_matched - 1} more matching passages)")
        click.echo("")


def open_index():
    from kb.search import SearchIndex

    return SearchIndex(paths().index_dir)


@cli.command()
@click.option("--agency", multiple=True, help="Events of documents published by this agency.")
@click.option("--country", multiple=True, help="Events held in this country: a name or ISO code.")
@click.option("--year", multiple=True, help="Events starting in this year, or a range 2008..2010.")
@click.option("--kind", multiple=True, help="training, seminar, workshop, course, meeting or conference.")
@click.option("--format", "fmt", type=click.Choice(["table", "json", "csv"]), default="table", show_default=True)
def events(agency, country, year, kind, fmt) -> None:
    """Past trainings, seminars, workshops and meetings, by date."""
    index = open_index()
    try:
        rows = index.events(filters_from(agency=agency, country=country, year=year), kinds=list(kind))
    finally:
        index.close()
    dicts = [r.to_dict() for r in rows]
    if fmt == "json":
        click.echo(json.dumps(dicts, ensure_ascii=False, indent=2))
    elif fmt == "csv":
        from kb.csv_export import EVENT_COLUMNS, to_csv

        click.echo(to_csv(dicts, EVENT_COLUMNS), nl=False)
    else:
        for d in dicts:
            when = d["start"] or "(no date)"
            if d["end"] and d["end"] != d["start"]:
                when += f"..{d['end'][5:]}"
            place = ", ".join(x for x in (d["city"], d["country"]) if x)
            click.echo(textwrap.shorten(f"{when:<16} {d['kind']:<10} {place:<28} {d['title']}", 80))
        click.echo(f"{len(dicts)} event{'' if len(dicts) == 1 else 's'}", err=True)


@cli.command()
@click.argument("number", type=click.IntRange(1, 999))
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
def mandate(number: int, fmt: str) -> None:
    """Every passage that reports on a Summit mandate (or paragraph) number."""
    index = open_index()
    try:
        passages = index.mandate(number)
    finally:
        index.close()
    if fmt == "json":
        keys = ("doc_id", "url", "title", "agency", "text", "declaration")
        click.echo(json.dumps({"mandate": number, "passages": [{k: p[k] for k in keys} for p in passages]},
                              ensure_ascii=False, indent=2))
        return
    click.echo(f"Mandate {number}: {len(passages)} passages\n")
    for p in passages:
        click.echo(click.style(textwrap.shorten(f"{p['agency']} · {p['title']}", 80), bold=True))
        if p["declaration"]:
            click.echo(f"   {p['declaration']}")
        click.echo(f"   {p['url']}")
        for line in textwrap.wrap(p["text"], 77)[:8]:
            click.echo("   " + line)
        click.echo("")


@cli.command()
@click.argument("document")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
def show(document: str, fmt: str) -> None:
    """A document, by id or URL, with everything extracted from it."""
    from kb.models import document_to_dict

    index = open_index()
    try:
        doc = index.find_document(document)
        if doc is None:
            fail(f"{document}: no such document")
        data = document_to_dict(doc)
        data["passage_texts"] = index.passages(doc.doc_id)
    finally:
        index.close()
    if fmt == "json":
        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
        return
    click.echo(click.style(data["title"], bold=True))
    for key in ("doc_id", "url", "agency", "bodies", "doc_type", "language", "date", "years", "countries",
                "mandates", "sha256", "fetched_at"):
        value = data[key]
        click.echo(f"{key:>11}: {', '.join(map(str, value)) if isinstance(value, list) else value}")
    if data["events"]:
        click.echo("\nevents:")
        for e in data["events"]:
            click.echo(textwrap.shorten(f"  {e['start'] or '(no date)'} {e['kind']:<10} "
                                        f"{e['city'] or ''}, {e['country'] or ''} — {e['title']}", 80))
    click.echo(f"\n{data['passages']} passages")


@cli.command()
@click.argument("document")
@click.option("--limit", default=5, show_default=True)
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
def similar(document: str, limit: int, fmt: str) -> None:
    """Documents related to one document (by its most distinctive terms)."""
    index = open_index()
    try:
        doc = index.find_document(document)
        if doc is None:
            fail(f"{document}: no such document")
        related = index.similar(doc.doc_id, limit=limit)
    finally:
        index.close()
    rows = [{"doc_id": d.doc_id, "title": d.title, "agency": d.agency, "url": d.url} for d in related]
    if fmt == "json":
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
    else:
        for r in rows:
            click.echo(textwrap.shorten(f"{r['doc_id']}  {r['agency']:<5} {r['title']}", 80))


@cli.command()
@click.option("--format", "fmt", type=click.Choice(["jsonl", "warc"]), default="jsonl", show_default=True,
              help="jsonl: every indexed document's metadata, one JSON object per line; "
                   "warc: a backup of the whole store, for `kb import`.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, writable=True), default=None,
              help="File to write (a .warc.gz is compressed); jsonl goes to stdout without it.")
def export(fmt: str, output: str | None) -> None:
    """Every document with all its metadata, or a backup of the whole knowledge base."""
    from pathlib import Path

    from kb.models import document_to_dict

    if fmt == "warc":
        from kb.backup import export_warc

        if output is None:
            raise click.UsageError("--format warc needs -o FILE")
        written = export_warc(paths(), Path(output))
        click.echo(f"{written} records written to {output}", err=True)
        return
    index = open_index()
    try:
        with click.open_file(output or "-", "w", encoding="utf-8") as out:
            for doc in index.all_documents():
                out.write(json.dumps(document_to_dict(doc), ensure_ascii=False) + "\n")
    finally:
        index.close()


@cli.command("import")
@click.argument("backup", type=click.Path(exists=True, dir_okay=False))
def import_command(backup: str) -> None:
    """Restore a backup written by `kb export --format warc` (or any WARC), then index it."""
    from kb.backup import import_warc

    with progress_bar("Importing") as step:
        report = import_warc(paths(), backup, on_error=lambda m: click.echo(f"error: {m}", err=True), progress=step)
    click.echo(report.summary(), err=True)
    sys.exit(1 if report.failed else 0)


@cli.command()
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
def stats(fmt: str) -> None:
    """Documents and passages by agency and language, index size, last update."""
    index = open_index()
    try:
        data = index.stats()
    finally:
        index.close()
    if fmt == "json":
        click.echo(json.dumps(data, indent=2))
        return
    click.echo(f"{data['documents']} documents, {data['passages']} passages; index {data['index_bytes'] / 1e6:.1f} MB "
               f"({data['generation']}), last update {data['last_update']}")
    if data["years"]:
        click.echo(f"years covered: {data['years'][0]}-{data['years'][1]}")
    for name in ("by_agency", "by_language"):
        click.echo(f"\n{name.replace('_', ' ')}:")
        for value, counts in data[name].items():
            click.echo(f"  {value:<10} {counts['documents']:>7} documents {counts['passages']:>9} passages")


@cli.command("eval")
@click.argument("qrels", type=click.Path(exists=True, dir_okay=False))
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
def eval_command(qrels: str, fmt: str) -> None:
    """Score search on labelled queries (nDCG@10, MRR@10, recall@10) beside an FTS5 bm25 baseline."""
    import tempfile
    from pathlib import Path

    from kb.evaluation import evaluate_search

    with tempfile.TemporaryDirectory(prefix="kb-eval-") as workdir:
        evaluation = evaluate_search(Path(qrels), Path(workdir))
    if fmt == "json":
        click.echo(json.dumps({"systems": evaluation.systems, "queries": evaluation.per_query}, indent=2))
        return
    kinds = list(evaluation.systems["kb"])
    click.echo(f"{'kind':<14} {'queries':>7}  " + "  ".join(f"{s + ' nDCG/MRR/R':>24}" for s in evaluation.systems))
    for kind in kinds:
        n = sum(1 for q in evaluation.per_query if kind in ("all", q["kind"]))
        cells = []
        for system in evaluation.systems:
            m = evaluation.systems[system].get(kind, {})
            cells.append(f"{m.get('ndcg', 0):>8.3f}{m.get('mrr', 0):>8.3f}{m.get('recall', 0):>8.3f}")
        click.echo(f"{kind:<14} {n:>7}  " + "  ".join(cells))


@cli.command("eval-extraction")
@click.argument("labels", type=click.Path(exists=True, dir_okay=False))
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
def eval_extraction(labels: str, fmt: str) -> None:
    """Score extraction on labelled documents: precision, recall, F1 for countries, events, mandates."""
    from pathlib import Path

    from kb.evaluation import score_extraction

    score = score_extraction(Path(labels))
    totals = {name: getattr(score, name) for name in ("countries", "events", "mandates")}
    if fmt == "json":
        click.echo(json.dumps({"documents": score.documents, "errors": score.errors,
                               "totals": {n: {"precision": c.precision, "recall": c.recall, "f1": c.f1}
                                          for n, c in totals.items()},
                               "per_document": score.per_document}, indent=2, default=str))
        return
    for row in score.per_document:
        marks = [f"{n}: F1 {row[n]['f1']:.2f}" + (f" missed {row[n]['missed']}" if row[n]["missed"] else "")
                 + (f" extra {row[n]['extra']}" if row[n]["extra"] else "") for n in totals if row[n]["f1"] < 1]
        if marks:
            click.echo(f"{row['file']}: " + "; ".join(marks))
    for error in score.errors:
        click.echo(f"error: {error}", err=True)
    click.echo(f"\n{score.documents} documents")
    for name, c in totals.items():
        click.echo(f"{name:<10} precision {c.precision:.3f}  recall {c.recall:.3f}  F1 {c.f1:.3f}")


@cli.command("settings")
def settings_command() -> None:
    """List every setting, its environment variable and its current value."""
    for s in settings.SETTINGS:
        click.echo(f"{s.env_var:<24} {settings.get(s.name)!s}\n    {s.help}")


# ---------------------------------------------------------------- crawl

@cli.command()
@click.argument("urls", nargs=-1)
@click.option("--sources", "sources_file", type=click.Path(dir_okay=False), default=None,
              help="Sites to crawl when no URL is named (default: corpus/sources.toml).")
@click.option("--agency", help="Agency to credit for the pages of the URLs named.")
@click.option("--max-depth", type=click.IntRange(min=0), help="Links followed from a start page (overrides sources).")
@click.option("--max-pages", type=click.IntRange(min=1), help="Pages fetched per source, at most (overrides sources).")
@click.option("--delay", type=click.FloatRange(min=0), help="Seconds between two requests to a host [KB_CRAWL_DELAY].")
@click.option("--dry-run", is_flag=True, help="Fetch pages and print what each link would become; store nothing.")
@click.option("--no-index", is_flag=True, help="Only store the pages; index them later with `kb index`.")
def crawl(urls: tuple[str, ...], sources_file: str | None, agency: str | None, max_depth: int | None,
          max_pages: int | None, delay: float | None, dry_run: bool, no_index: bool) -> None:
    """Crawl the sites of corpus/sources.toml, or the URLs named (within their folder), then index what changed.

    An interrupted crawl resumes where it stopped; a finished one is visited
    again with conditional requests.
    """
    import time

    from kb import crawl as crawling

    if urls:
        sources = [crawling.source_for_url(url, agency=agency) for url in urls]
    else:
        sources = crawling.load_sources(sources_file or settings.SOURCES_FILE)
    options = crawling.CrawlOptions(max_depth=max_depth, max_pages=max_pages, dry_run=dry_run, index=not no_index)
    if delay is not None:
        options.delay = delay
    say = lambda message: click.echo(message, err=True)  # noqa: E731
    progress = None
    if sys.stderr.isatty() and not dry_run:
        from rich.console import Console
        from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

        progress = Progress(SpinnerColumn(), TextColumn("{task.description}"), TimeElapsedColumn(),
                            console=Console(stderr=True), transient=True)
        task = progress.add_task("starting")
        say = lambda message: progress.console.print(message, markup=False, highlight=False)  # noqa: E731

    def on_event(event) -> None:
        if event.kind == "discovered":
            click.echo(f"{event.state:<13} {event.url}  ({event.detail})")
        elif event.kind == "notice":
            say(f"kb: {event.detail}")
        elif event.state == "error":
            say(f"error: {event.url}: {event.detail}")
        if progress is not None:
            report, totals = event.report, event.report.totals()
            rate = report.pages / max(time.monotonic() - report.started, 1e-6)
            progress.update(task, description=f"{totals.fetched} fetched, {report.queued} queued, "
                            f"{totals.skipped + totals.robots + totals.out_of_scope} skipped, "
                            f"{totals.errors} errors, {rate:.1f} pages/s")

    if progress is not None:
        progress.start()
    try:
        report = crawling.crawl(paths(), sources, options, on_event=on_event)
    finally:
        if progress is not None:
            progress.stop()
    click.echo(report.table(), err=True)
    if report.warc_file:
        click.echo(f"archived in {report.warc_file}", err=True)
    if report.indexed:
        click.echo(f"{report.indexed} documents indexed", err=True)
    if report.unfinished:
        click.echo(f"unfinished: {', '.join(report.unfinished)} (the next `kb crawl` resumes)", err=True)
    sys.exit(1 if report.interrupted else 0)


# ---------------------------------------------------------------- serve

@cli.command()
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=8000, show_default=True)
@click.option("--workers", default=1, show_default=True, help="Server processes.")
def serve(host: str, port: int, workers: int) -> None:
    """Serve the web page and the JSON API."""
    import os

    import uvicorn

    os.environ["KB_DATA_DIR"] = str(paths().data_dir)
    uvicorn.run("server:app", host=host, port=port, workers=workers, log_level="info")


if __name__ == "__main__":
    cli()
