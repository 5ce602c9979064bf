"""Shared fixtures: a knowledge base built once from the bundled sample."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from kb.ingest import ingest
from kb.search import SearchIndex
from kb.settings import SAMPLE_DIR, Paths

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture(scope="session")
def sample_kb(tmp_path_factory) -> Paths:
    """A data dir holding the bundled sample, stored and indexed (read-only for tests)."""
    paths = Paths(tmp_path_factory.mktemp("sample-kb"))
    report = ingest(paths, [str(SAMPLE_DIR)])
    assert report.failed == 0, report.errors
    return paths


@pytest.fixture(scope="session")
def sample_index(sample_kb) -> SearchIndex:
    index = SearchIndex(sample_kb.index_dir)
    yield index
    index.close()


@pytest.fixture
def kb_copy(sample_kb, tmp_path) -> Paths:
    """A private, writable copy of the sample knowledge base."""
    target = tmp_path / "kb"
    shutil.copytree(sample_kb.data_dir, target)
    return Paths(target)
