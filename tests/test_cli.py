"""The command line end to end, on real files and a real WARC archive."""

import io
import json
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from cli import cli
from kb.settings import SAMPLE_DIR

PROJECT = Path(__file__).resolve().parent.parent


def run(data_dir, *args):
    result = CliRunner().invoke(cli, ["--data-dir", str(data_dir), *args], catch_exceptions=False)
    return result


def test_ingest_then_search_json(tmp_path):
    result = run(tmp_path, "ingest", str(SAMPLE_DIR))
    assert result.exit_code == 0, result.output
    assert "0 failed" in result.output
    result = run(tmp_path, "search", "border controls", "--format", "json")
    data = json.loads(result.output)
    assert set(data) >= {"query", "total", "page", "hits", "facets"}
    top = data["hits"][0]
    assert top["agency"] == "OAS" and "cpo_trata_proyectos" in top["url"]
    assert set(top) >= {"doc_id", "url", "title", "agency", "countries", "country_codes", "years", "language",
                        "score", "snippet"}
    assert "DO" in top["country_codes"] and "Dominican Republic" in top["countries"]
    assert set(data["facets"]) >= {"agency", "country", "year", "language"}


def test_search_filters_and_formats(tmp_path):
    run(tmp_path, "ingest", str(SAMPLE_DIR))
    data = json.loads(run(tmp_path, "search", "border controls", "--agency", "OAS", "--country",
                          "Dominican Republic", "--format", "json").output)
    assert data["hits"] and all(h["agency"] == "OAS" and "DO" in h["country_codes"] for h in data["hits"])
    csv_out = run(tmp_path, "search", "trafficking", "--format", "csv").output
    assert csv_out.splitlines()[0].startswith("doc_id,url,title")
    table = run(tmp_path, "search", "trafficking").output
    assert max(len(line) for line in table.splitlines()) <= 80
    assert run(tmp_path, "search", "x", "--year", "soon").exit_code != 0


def test_reingest_unchanged_does_nothing_and_changed_replaces(tmp_path):
    page = tmp_path / "docs" / "note.html"
    page.parent.mkdir()
    page.write_text("<html><title>Shelter note</title><body><p>The shelter in Roseau, Dominica "
                    "opened for victims of trafficking.</p></body></html>")
    data = tmp_path / "kb"
    assert "1 new" in run(data, "ingest", str(page.parent)).output
    assert "1 unchanged" in run(data, "ingest", str(page.parent)).output
    page.write_text("<html><title>Shelter note</title><body><p>The shelter in Castries, Saint Lucia "
                    "opened for victims of trafficking.</p></body></html>")
    assert "1 changed" in run(data, "ingest", str(page)).output
    hits = json.loads(run(data, "search", "shelter", "--format", "json").output)["hits"]
    assert len(hits) == 1 and hits[0]["country_codes"] == ["LC"]


def test_bad_files_are_reported_and_the_batch_goes_on(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "empty.html").write_bytes(b"")
    (folder / "junk.pdf").write_bytes(b"\x00\x01garbage" * 100)
    (folder / "good.txt").write_text("IOM trained border officials in Kingston, Jamaica on victim identification.")
    result = run(tmp_path / "kb", "ingest", str(folder))
    assert result.exit_code == 1
    errors = [line for line in result.output.splitlines() if line.startswith("error:")]
    assert len(errors) == 2
    assert any("empty.html" in e and "empty" in e for e in errors)
    assert any("junk.pdf" in e and "PDF" in e for e in errors)
    assert "1 new" in result.output or "3 new" in result.output
    hits = json.loads(run(tmp_path / "kb", "search", "victim identification", "--format", "json").output)["hits"]
    assert [h["country_codes"] for h in hits] == [["JM"]]


def test_warc_records_keep_their_original_urls(tmp_path):
    archive = tmp_path / "crawl.warc.gz"
    with archive.open("wb") as f:
        writer = WARCWriter(f, gzip=True)
        pages = {
            "https://www.iom.int/news/iom-trains-officials-haiti": b"<html><title>IOM trains officials in Haiti"
            b"</title><body><p>IOM trained police officers in Port-au-Prince, Haiti, on the protection "
            b"of child victims of trafficking.</p></body></html>",
            "https://www.paho.org/en/violence-prevention": b"<html><title>Violence prevention</title><body><p>PAHO "
            b"supports injury surveillance systems in Nicaragua and Honduras.</p></body></html>",
        }
        for url, body in pages.items():
            headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(url, "response", payload=io.BytesIO(body),
                                                          length=len(body), http_headers=headers))
        # served without a usable type; the crawler sniffed HTML and said so in the WARC header
        unnamed = StatusAndHeaders("200 OK", [("Content-Type", "application/octet-stream")], protocol="HTTP/1.1")
        body = b"<html><title>Shelter standards</title><body><p>UNDP shelter standards for victims.</p></body></html>"
        writer.write_record(writer.create_warc_record(
            "https://www.undp.org/latin-america/shelters", "response", payload=io.BytesIO(body), length=len(body),
            http_headers=unnamed, warc_headers_dict={"WARC-Identified-Payload-Type": "text/html"}))
        image = StatusAndHeaders("200 OK", [("Content-Type", "image/png")], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record("https://www.iom.int/logo.png", "response",
                                                      payload=io.BytesIO(b"\x89PNG"), length=4,
                                                      http_headers=image))
    result = run(tmp_path / "kb", "ingest", str(archive))
    assert result.exit_code == 0 and "3 new" in result.output
    hits = json.loads(run(tmp_path / "kb", "search", "child victims", "--format", "json").output)["hits"]
    assert hits[0]["url"] == "https://www.iom.int/news/iom-trains-officials-haiti"
    assert hits[0]["agency"] == "IOM"


def test_index_rebuild_from_the_store_alone(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text("CICTE held a workshop on bulk cash smuggling in Lima, Peru.")
    run(tmp_path / "kb", "ingest", str(folder))
    (folder / "a.txt").unlink()
    result = run(tmp_path / "kb", "index", "--rebuild")
    assert result.exit_code == 0 and "1 documents indexed" in result.output
    hits = json.loads(run(tmp_path / "kb", "search", "bulk cash", "--format", "json").output)["hits"]
    assert len(hits) == 1


def test_stats_events_mandate_show_export(tmp_path):
    run(tmp_path, "ingest", str(SAMPLE_DIR))
    assert "documents" in run(tmp_path, "stats").output
    events = json.loads(run(tmp_path, "events", "--country", "Jamaica", "--year", "2009", "--format", "json").output)
    assert any(e["city"] == "Kingston" and e["start"] == "2009-07-15" for e in events)
    mandate = json.loads(run(tmp_path, "mandate", "74", "--format", "json").output)
    assert mandate["mandate"] == 74 and any(p["agency"] == "PAHO" for p in mandate["passages"])
    lines = run(tmp_path, "export", "--format", "jsonl").output.splitlines()
    docs = [json.loads(line) for line in lines]
    assert len(docs) >= 3
    shown = json.loads(run(tmp_path, "show", docs[0]["url"], "--format", "json").output)
    assert shown["doc_id"] == docs[0]["doc_id"]
    assert run(tmp_path, "show", "no-such-document").exit_code == 1


def test_console_script_runs_as_a_real_process(tmp_path):
    out = subprocess.run([sys.executable, str(PROJECT / "cli.py"), "--data-dir", str(tmp_path), "search", "x"],
                         capture_output=True, text=True, timeout=60)
    assert out.returncode == 1
    assert "no index yet" in out.stderr and "Traceback" not in out.stderr
