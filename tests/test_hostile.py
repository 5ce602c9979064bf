"""Hostile and broken input: every file that cannot be read gets one clear line of
error and the batch goes on; files too large to read whole are read in part, within
bounded memory, and the output says so; markup in documents comes back as inert text."""

from __future__ import annotations

import io
import json
import re
import resource
import shutil
import subprocess
from urllib.parse import quote

import pytest
from hostile import FIXTURES, PROSE, REFUSED, deep_nesting, static_fixtures, write_large
from starlette.testclient import TestClient
from synthetic import CLI, check_consistency, indexed
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from kb import settings
from kb.ingest import ingest
from kb.models import RawDocument
from kb.parse import MAX_HTML_TAGS, decode, parse
from kb.search import SearchIndex
from kb.settings import Paths
from kb.sources import HTML
from kb.store import doc_id_for

MEMORY_LIMIT = 1536 * 1024 * 1024  # address space for the whole ingest, 50 MB page included


def limit_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))


def test_fixtures_are_what_the_generator_writes():
    committed = {p.name: p.read_bytes() for p in FIXTURES.iterdir() if p.name != "encrypted.pdf"}
    assert committed == static_fixtures()


@pytest.mark.slow
def test_each_bad_file_gets_one_line_and_the_batch_goes_on(tmp_path):
    folder = tmp_path / "hostile"
    shutil.copytree(FIXTURES, folder)
    noted = write_large(folder, settings.get("max_document_bytes"))
    refused = {**REFUSED, "over_the_limit.txt": noted.pop("over_the_limit.txt")}
    paths = Paths(tmp_path / "kb")

    done = subprocess.run([*CLI, "--data-dir", str(paths.data_dir), "ingest", str(folder)], capture_output=True,
                          text=True, timeout=600, preexec_fn=limit_memory)
    assert "Traceback" not in done.stderr and "MemoryError" not in done.stderr, done.stderr
    lines = done.stderr.splitlines()
    errors = [line for line in lines if line.startswith("error: ")]
    notes = [line for line in lines if line.startswith("note: ")]
    for name, reason in refused.items():
        mine = [line for line in errors if line.split(": ")[1].endswith(("/" + name, "/" + quote(name)))]
        assert len(mine) == 1 and reason in mine[0], (name, mine)
    assert len(errors) == len(refused), errors
    for name, what in noted.items():
        assert any(name in line and what in line for line in notes), (name, notes)
    assert done.returncode == 1
    assert re.search(rf"\b{len(refused)} failed\b", lines[-1])

    # Everything readable was indexed, once, under a URL that names the file exactly.
    readable = {p for p in folder.iterdir() if p.name not in refused}
    documents, problems = indexed(paths)
    assert not problems and not check_consistency(paths)
    assert set(documents) == {doc_id_for(p.resolve().as_uri()) for p in readable}
    for name in ("a b.html", "100% #1 ?x=1&y=2.html", "informe ñandú.txt"):
        url = (folder / name).resolve().as_uri()
        shown = subprocess.run([*CLI, "--data-dir", str(paths.data_dir), "show", url, "--format", "json"],
                               capture_output=True, text=True, timeout=60)
        assert json.loads(shown.stdout)["url"] == url


@pytest.mark.parametrize("name", ["invalid_utf8.html", "declared_utf8_is_cp1252.html", "unknown_charset.html",
                                  "utf16_without_bom.html"])
def test_mislabelled_and_invalid_encodings_still_read(name):
    doc = parse(RawDocument(url=f"file:///{name}", body=(FIXTURES / name).read_bytes(), content_type=HTML,
                            source=name))
    text = " ".join(b.text for b in doc.blocks)
    assert "contrabando de dinero en efectivo" in text and "Secretaría" in text


def test_utf16_without_bom_is_recognised():
    text, charset = decode("Trata de personas".encode("utf-16-be"))
    assert (text, charset) == ("Trata de personas", "utf-16-be")


def test_a_pdf_under_another_name_is_read_as_a_pdf():
    doc = parse(RawDocument(url="file:///x.html", body=(FIXTURES / "pdf_named.html").read_bytes(),
                            content_type=HTML, source="x.html"))
    assert doc.doc_type == "pdf" and "five-day course on border controls" in doc.blocks[0].text


@pytest.mark.timeout(60)  # a hang guard: before flattening, nested menus took minutes
def test_nesting_ten_thousand_deep_is_flattened_not_fatal():
    doc = parse(RawDocument(url="file:///deep.html", body=deep_nesting(10_000), content_type=HTML, source="deep"))
    text = " ".join(b.text for b in doc.blocks)
    assert PROSE in text and "level 9999" in text


def test_a_page_with_too_many_tags_is_read_in_part(caplog):
    body = ("<p>" + "<span>trafficking</span> " * (MAX_HTML_TAGS // 2 + 10) + "</p><p>never read</p>").encode()
    doc = parse(RawDocument(url="file:///tags.html", body=body, content_type=HTML, source="tags.html"))
    assert "never read" not in " ".join(b.text for b in doc.blocks)
    assert "tags.html: only the first" in caplog.text


def test_markup_in_documents_comes_back_as_inert_json_strings(tmp_path, monkeypatch):
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(FIXTURES / "script_injection.html", folder)
    paths = Paths(tmp_path / "kb")
    assert ingest(paths, [str(folder)]).indexed == 1
    monkeypatch.setenv("KB_DATA_DIR", str(paths.data_dir))
    import server

    with TestClient(server.app) as client:
        response = client.get("/api/search", params={"q": "shelter onerror javascript"})
        document = client.get(f"/api/documents/{response.json()['hits'][0]['doc_id']}")
    assert response.headers["content-type"].startswith("application/json")
    hit = response.json()["hits"][0]
    assert hit["title"] == "<script>alert('title')</script> Shelter report"  # the page's text, as a string
    unmarked = re.sub(r"</?mark>", "", hit["snippet"])
    assert "&lt;img src=x onerror=alert(1)&gt;" in unmarked and "<" not in unmarked  # HTML, escaped but for <mark>
    text = json.dumps(document.json())
    assert "never indexed" not in text and "alert(3)" not in text and "alert(5)" not in text


ODD_URLS = {
    "https://www.oas.org/dsp/español/página%20con%20espacios.html": "OAS",
    "https://www.iom.int/news?id=1&lang=es#part-2": "IOM",
    "https://www.paho.org/100%25/informe%20final.html": "PAHO",
    "https://www.undp.org/%E2%80%9Cquoted%E2%80%9D/';--.html": "UNDP",
}


def test_odd_urls_in_a_warc_are_kept_exactly(tmp_path):
    archive = tmp_path / "odd.warc.gz"
    with archive.open("wb") as f:
        writer = WARCWriter(f, gzip=True)
        for url in [*ODD_URLS, "http://[broken/page.html"]:
            body = f"<html><title>{url}</title><body><p>{PROSE}</p></body></html>".encode()
            headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(url, "response", payload=io.BytesIO(body),
                                                          length=len(body), http_headers=headers))
    paths = Paths(tmp_path / "kb")
    done = subprocess.run([*CLI, "--data-dir", str(paths.data_dir), "ingest", str(archive)], capture_output=True,
                          text=True, timeout=120)
    assert done.returncode in (0, 1) and "Traceback" not in done.stderr, done.stderr
    assert all(line.startswith(("error: ", "note: ")) for line in done.stderr.splitlines()[:-1]), done.stderr
    index = SearchIndex(paths.index_dir)
    try:
        for url, agency in ODD_URLS.items():
            doc = index.find_document(url)
            assert doc is not None and doc.url == url and doc.agency == agency, url
    finally:
        index.close()
    assert not check_consistency(paths)


def test_a_batch_of_nothing_but_broken_files_leaves_a_knowledge_base_that_says_so(tmp_path):
    folder = tmp_path / "broken"
    folder.mkdir()
    for name in ("empty.html", "junk.pdf", "encrypted.pdf"):
        shutil.copy(FIXTURES / name, folder)
    data_dir = str(tmp_path / "kb")
    done = subprocess.run([*CLI, "--data-dir", data_dir, "ingest", str(folder)], capture_output=True, text=True,
                          timeout=60)
    assert done.returncode == 1 and done.stderr.count("error: ") == 3
    searched = subprocess.run([*CLI, "--data-dir", data_dir, "search", "anything"], capture_output=True, text=True,
                              timeout=60)
    assert searched.returncode == 1 and "Traceback" not in searched.stderr
    assert searched.stderr.strip().splitlines() == [searched.stderr.strip()] and "holds no document" in searched.stderr
