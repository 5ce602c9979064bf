"""Writers killed with SIGKILL at random moments: the knowledge base still opens and
answers at its last committed state, its catalog agrees with its blobs and its index,
and the next run finishes the work with no document missing and none twice."""

from __future__ import annotations

import contextlib
import logging
import os
import random
import shutil
import signal
import subprocess
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from synthetic import CLI, Corpus, check_consistency, indexed

from kb.index import (
    IndexDamagedError,
    current_name,
    generation_names,
    open_index,
    previous_generation,
    schema_is_current,
)
from kb.ingest import ingest
from kb.search import SearchIndex, SearchRequest
from kb.settings import Paths
from kb.store import Store

KILL_RUNS = 50
LANES = 2
DOCUMENTS = 200
CHANGED, ADDED = 0.25, 2  # each round rewrites a quarter of the documents and adds two
SEED = 20100412


def command(paths: Paths, *args: str) -> list[str]:
    return [*CLI, "--data-dir", str(paths.data_dir), *args]


def complete(paths: Paths, *args: str) -> None:
    """Run a kb command to its end; broken documents make it exit 1, nothing may make it crash."""
    done = subprocess.run(command(paths, *args), capture_output=True, text=True, timeout=300)
    assert done.returncode in (0, 1) and "Traceback" not in done.stderr, done.stderr


def timed(paths: Paths, *args: str) -> float:
    started = time.monotonic()
    complete(paths, *args)
    return time.monotonic() - started


def answers(paths: Paths) -> int:
    index = SearchIndex(paths.index_dir)
    try:
        return index.search(SearchRequest(q="border controls Santo Domingo")).total
    finally:
        index.close()


@pytest.mark.slow
def test_killed_writers_leave_a_sound_knowledge_base(tmp_path):
    # Kills are spread over the time a whole run of each kind takes, measured here.
    calibration = Corpus(tmp_path / "calibration-docs", DOCUMENTS, seed=SEED)
    paths = Paths(tmp_path / "calibration")
    durations = {"first": timed(paths, "ingest", str(calibration.folder))}
    calibration.change(share=CHANGED, added=ADDED)
    durations["update"] = timed(paths, "ingest", str(calibration.folder))
    durations["rebuild"] = timed(paths, "index", "--rebuild")

    # Two knowledge bases side by side: a run spends much of its time waiting on fsync.
    with ThreadPoolExecutor(LANES) as pool:
        lanes = [pool.submit(kill_and_recover, tmp_path / f"lane{n}", SEED + n, durations, KILL_RUNS // LANES)
                 for n in range(LANES)]
        killed = sum(lane.result() for lane in lanes)
    # Most runs must really have been cut short, or the test proves little.
    assert killed >= KILL_RUNS // 2, killed
    print(f"{killed} of {KILL_RUNS} runs killed, all recovered")


def kill_and_recover(folder: Path, seed: int, durations: dict[str, float], runs: int) -> int:
    """Kill `runs` writers at random moments, check and complete after each; returns how many were killed."""
    rng = random.Random(seed)
    corpus = Corpus(folder / "docs", DOCUMENTS, seed=seed)
    paths = Paths(folder / "kb")
    killed = 0
    for round_ in range(runs):
        if round_ % 5 == 4:
            kind, args = "rebuild", ("index", "--rebuild")
        else:
            kind, args = ("update" if round_ else "first"), ("ingest", str(corpus.folder))
            if round_:
                corpus.change(share=CHANGED, added=ADDED)
        before = indexed(paths)[0] if current_name(paths.index_dir) else {}
        # The command is killed whole, parsing workers included, as by a power cut or `kill -9 -PGID`.
        process = subprocess.Popen(command(paths, *args), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                                   text=True, start_new_session=True)
        time.sleep(rng.uniform(0, durations[kind]))
        with contextlib.suppress(ProcessLookupError):  # the run may have ended by itself
            os.killpg(process.pid, signal.SIGKILL)
        _, stderr = process.communicate()
        killed += process.returncode == -9
        assert "Traceback" not in stderr, stderr

        # What a killed writer leaves: a sound store, and an index at one of the two committed states.
        if current_name(paths.index_dir):
            after, problems = indexed(paths)
            assert not problems, (round_, args, problems[:5])
            assert after in (before, corpus.expected()), (round_, args)
            assert answers(paths) > 0
            assert not check_consistency(paths), (round_, args)

        complete(paths, "ingest", str(corpus.folder))
        documents, problems = indexed(paths)
        assert not problems, (round_, args, problems[:5])
        assert documents == corpus.expected(), (round_, args)
        assert not check_consistency(paths)
    return killed


# ---------------------------------------------------------------- what a killed writer can leave behind

def sample_generations(paths: Paths, tmp_path: Path, publications: int) -> None:
    """Publish `publications` more generations into a copy of the sample knowledge base."""
    for n in range(publications):
        corpus = Corpus(tmp_path / f"more{n}", 3, seed=n)
        ingest(paths, [str(corpus.folder)])


def test_unpublished_generation_is_removed_not_kept_as_the_fallback(kb_copy, tmp_path):
    live = current_name(kb_copy.index_dir)
    leftover = kb_copy.index_dir / f"g{int(live[1:]) + 1:06d}"
    shutil.copytree(kb_copy.index_dir / live, leftover)  # a writer killed after linking, before publishing
    (leftover / "_MAIN_99.toc").write_bytes(b"\0" * 64)
    sample_generations(kb_copy, tmp_path, 1)
    new = current_name(kb_copy.index_dir)
    assert generation_names(kb_copy.index_dir) == [live, new]
    assert not (kb_copy.index_dir / new / "_MAIN_99.toc").exists()
    assert not check_consistency(kb_copy)


def test_damaged_live_generation_falls_back_then_rebuilds(kb_copy, tmp_path, caplog):
    sample_generations(kb_copy, tmp_path, 1)
    before = current_name(kb_copy.index_dir)
    previous = previous_generation(kb_copy.index_dir, before).name
    for toc in (kb_copy.index_dir / before).glob("*.toc"):
        toc.write_bytes(b"\0" * 16)  # a disk that lost the live generation's table of contents
    with caplog.at_level(logging.WARNING, logger="kb.index"):
        assert answers(kb_copy) > 0
    assert f"{before} cannot be opened" in caplog.text and f"previous generation {previous}" in caplog.text
    assert not schema_is_current(kb_copy.index_dir)

    ingest(kb_copy, [])  # the next write rebuilds the index from the store
    documents, problems = indexed(kb_copy)
    with Store(kb_copy.store_dir) as store:
        expected = {r.doc_id: r.sha256 for r in store.records() if not r.error}
    assert not problems and documents == expected
    assert not check_consistency(kb_copy)


def test_current_naming_a_missing_generation_falls_back(kb_copy, tmp_path):
    sample_generations(kb_copy, tmp_path, 1)
    shutil.rmtree(kb_copy.index_dir / current_name(kb_copy.index_dir))
    assert answers(kb_copy) > 0


def test_nothing_to_fall_back_to_is_a_clear_error(kb_copy):
    for toc in kb_copy.index_dir.glob("g*/*.toc"):
        toc.write_bytes(b"")
    with pytest.raises(IndexDamagedError, match=r"cannot be opened .*`kb index --rebuild`"):
        open_index(kb_copy.index_dir)
    ingest(kb_copy, [])
    assert answers(kb_copy) > 0 and not check_consistency(kb_copy)
