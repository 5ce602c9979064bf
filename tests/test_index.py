"""Index generations: a writer that fails leaves the live generation as it was."""

import pytest

from kb.errors import IndexLockedError
from kb.index import Generation, WriteLock, current_generation, generation_names, open_index


def add(gen: Generation, doc_id: str, text: str) -> None:
    gen.writer.add_document(id=doc_id, kind="passage", doc_id=doc_id, position=0, body_en=text, text=text)


def test_generations_publish_and_keep_one_previous(tmp_path):
    for n in range(4):
        with Generation(tmp_path) as gen:
            add(gen, f"d{n}", f"trafficking report number {n}")
    assert current_generation(tmp_path).name == "g000004"
    assert generation_names(tmp_path) == ["g000003", "g000004"]
    with open_index(tmp_path).searcher() as s:
        assert s.doc_count() == 4


def test_failed_writer_leaves_live_generation(tmp_path):
    with Generation(tmp_path) as gen:
        add(gen, "a", "border controls workshop")
    with pytest.raises(RuntimeError):
        with Generation(tmp_path) as gen:
            add(gen, "b", "should never be seen")
            raise RuntimeError("killed")
    assert current_generation(tmp_path).name == "g000001"
    assert generation_names(tmp_path) == ["g000001"]
    with open_index(tmp_path).searcher() as s:
        assert s.doc_count() == 1


def test_leftover_unpublished_generation_is_ignored(tmp_path):
    with Generation(tmp_path) as gen:
        add(gen, "a", "seminar")
    (tmp_path / "g000002").mkdir()
    (tmp_path / "g000002" / "garbage").write_bytes(b"\0" * 10)  # a writer killed mid-way
    with open_index(tmp_path).searcher() as s:
        assert s.doc_count() == 1
    with Generation(tmp_path) as gen:
        add(gen, "b", "workshop")
    with open_index(tmp_path).searcher() as s:
        assert s.doc_count() == 2


def test_second_writer_gives_up_naming_the_holder(tmp_path):
    with WriteLock(tmp_path / "write.lock"):
        with pytest.raises(IndexLockedError, match="another kb command is writing"):
            with WriteLock(tmp_path / "write.lock", timeout=0.3):
                pass
    with WriteLock(tmp_path / "write.lock", timeout=0.3):
        pass  # released
