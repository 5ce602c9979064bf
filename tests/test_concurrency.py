"""One writer at a time, any number of readers: `kb serve` answers all through an
ingest and sees its documents once they are committed; a second writer waits for
the lock, then stops naming the holder; nothing crashes and the index stays sound."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request

import pytest
from synthetic import CLI, PROJECT, Corpus, check_consistency, indexed

from kb import search
from kb.backup import export_warc, import_warc
from kb.index import WriteLock, current_generation
from kb.search import SearchIndex, SearchRequest
from kb.settings import Paths

PHRASE = '"trainers asked each group"'  # a sentence of the generated documents, not of the sample
WAIT = 60  # seconds any one step may take before the test gives up on it


def start(paths: Paths, *args: str, env: dict | None = None, **popen) -> subprocess.Popen:
    popen = {"stdout": subprocess.PIPE, "stderr": subprocess.PIPE, **popen}
    return subprocess.Popen([*CLI, "--data-dir", str(paths.data_dir), *args], env={**os.environ, **(env or {})},
                            text=True, **popen)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def get_json(url: str) -> tuple[int, dict]:
    try:
        with urllib.request.urlopen(url, timeout=WAIT) as response:
            return response.status, json.load(response)
    except urllib.error.HTTPError as error:
        return error.code, json.load(error)


def until(condition, what: str):
    """Poll until condition() is truthy; a bounded wait, not a timing assertion."""
    deadline = time.monotonic() + WAIT
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(0.05)
    raise AssertionError(f"gave up waiting for {what}")


@pytest.fixture
def server(kb_copy, tmp_path):
    port = free_port()
    log = (tmp_path / "server.log").open("w")  # a pipe nobody reads would fill up and stall the server
    process = start(kb_copy, "serve", "--port", str(port), cwd=PROJECT, stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"

    def up():
        try:
            return get_json(base + "/healthz")[0] == 200
        except OSError:
            return process.poll() is not None  # stop waiting if it died
    until(up, "the server to start")
    assert process.poll() is None, (tmp_path / "server.log").read_text()
    yield base
    process.terminate()
    process.wait(timeout=WAIT)
    log.close()


def test_server_answers_through_ingests_and_sees_their_documents(server, kb_copy, tmp_path):
    searched = f"{server}/api/search?q={urllib.request.quote(PHRASE)}&limit=1"
    assert get_json(searched)[1]["total"] == 0
    seen: list[int] = []
    expected = 0
    for batch in range(3):
        corpus = Corpus(tmp_path / f"batch{batch}", 30, seed=batch)
        expected += sum("Trainers asked each group" in p.read_text("utf-8", "replace") for p in corpus.folder.iterdir())
        writer = start(kb_copy, "ingest", str(corpus.folder))
        while writer.poll() is None:  # every request during the ingest is answered, and well
            status, body = get_json(searched)
            assert status == 200, body
            seen.append(body["total"])
            time.sleep(0.01)
        _, stderr = writer.communicate()
        assert writer.returncode in (0, 1), stderr
        # No restart: the server notices the new generation by itself.
        until(lambda total=expected: get_json(searched)[1]["total"] == total, f"batch {batch} to be searchable")
        seen.append(expected)
    assert expected > 0
    assert seen == sorted(seen), "a reader went back to an older generation"
    assert not check_consistency(kb_copy)


def test_second_writer_waits_then_names_the_holder(kb_copy, tmp_path):
    corpus = Corpus(tmp_path / "docs", 150, seed=7)
    first = start(kb_copy, "ingest", str(corpus.folder))
    holder = until(lambda: kb_copy.lock_file.exists() and kb_copy.lock_file.read_text(), "the first writer's lock")
    assert json.loads(holder)["pid"] == first.pid

    second = start(kb_copy, "ingest", str(corpus.folder), env={"KB_LOCK_TIMEOUT": "0.5"})
    _, stderr = second.communicate(timeout=WAIT)
    assert first.poll() is None, "the first writer ended too soon for the test to mean anything"
    assert second.returncode == 1
    lines = stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in stderr, stderr
    assert "another kb command is writing" in lines[0] and f"pid {first.pid}" in lines[0]
    assert "kb ingest" in lines[0] and "gave up after 0.5 s" in lines[0]

    # A patient writer waits for the first one, then does its own work.
    more = Corpus(tmp_path / "more", 10, seed=8)
    third = start(kb_copy, "ingest", str(more.folder), env={"KB_LOCK_TIMEOUT": str(WAIT)})
    for writer in (first, third):
        _, stderr = writer.communicate(timeout=WAIT)
        assert writer.returncode in (0, 1) and "Traceback" not in stderr, stderr
    documents, problems = indexed(kb_copy)
    assert not problems and not check_consistency(kb_copy)
    assert set(corpus.expected().items()) | set(more.expected().items()) <= set(documents.items())


LOCK_THEN_FORK = """
import os, sys, time
from pathlib import Path
from kb.index import WriteLock
lock = WriteLock(Path(sys.argv[1]))
lock.__enter__()
child = os.fork()
if child == 0:
    os.close(1)  # let the test read its parent's output to the end
    os.close(2)
    time.sleep(60)  # a parsing worker still busy when its parent dies
    os._exit(0)
print(child, flush=True)
os._exit(0)  # the parent dies without releasing the lock
"""


def test_lock_dies_with_its_holder_not_with_its_children(tmp_path):
    lock_file = tmp_path / "write.lock"
    done = subprocess.run([sys.executable, "-c", LOCK_THEN_FORK, str(lock_file)], capture_output=True, text=True,
                          cwd=PROJECT, timeout=WAIT)
    child = int(done.stdout)
    try:
        os.kill(child, 0)  # the child lives on
        with WriteLock(lock_file, timeout=5):
            pass
    finally:
        os.kill(child, 9)


def test_a_reader_keeps_its_generation_while_writers_prune_it(kb_copy, tmp_path, monkeypatch):
    index = SearchIndex(kb_copy.index_dir)
    try:
        before = index.search(SearchRequest(q="trafficking")).total
        opened = current_generation(kb_copy.index_dir)
        monkeypatch.setattr(search, "REFRESH_SECONDS", 3600.0)
        for n in range(2):  # two publications: the generation the reader holds is pruned
            corpus = Corpus(tmp_path / f"docs{n}", 5, seed=n)
            subprocess.run([*CLI, "--data-dir", str(kb_copy.data_dir), "ingest", str(corpus.folder)],
                           capture_output=True, timeout=WAIT)
        assert not opened.exists()
        assert index.search(SearchRequest(q="trafficking")).total == before
        assert index.passages(index.all_documents()[0].doc_id)
        monkeypatch.setattr(search, "REFRESH_SECONDS", 0.0)
        assert index.search(SearchRequest(q="trafficking")).total > before
    finally:
        index.close()


def test_a_backup_taken_during_an_ingest_is_consistent(kb_copy, tmp_path):
    corpus = Corpus(tmp_path / "docs", 80, seed=9)
    writer = start(kb_copy, "ingest", str(corpus.folder))
    until(lambda: kb_copy.lock_file.exists() and kb_copy.lock_file.read_text(), "the writer's lock")
    backup = tmp_path / "during.warc.gz"
    written = export_warc(kb_copy, backup)  # needs no lock: one read transaction of the catalog
    _, stderr = writer.communicate(timeout=WAIT)
    assert writer.returncode in (0, 1), stderr

    restored = Paths(tmp_path / "restored")
    report = import_warc(restored, backup)
    assert report.new == written and not check_consistency(restored)
