"""The corpus store: content-addressed bytes, and a catalog that replaces on change."""

from kb.models import RawDocument
from kb.store import Store, doc_id_for


def raw(url: str, body: bytes) -> RawDocument:
    return RawDocument(url=url, body=body, content_type="text/html", source=url)


def test_new_unchanged_changed(tmp_path):
    with Store(tmp_path) as store:
        doc_id, status = store.put(raw("https://www.oas.org/dsp/a.asp", b"<p>first version</p>"))
        assert status == "new" and doc_id == doc_id_for("https://www.oas.org/dsp/a.asp")
        assert store.put(raw("https://www.oas.org/dsp/a.asp", b"<p>first version</p>"))[1] == "unchanged"
        assert store.put(raw("https://www.oas.org/dsp/a.asp", b"<p>second version</p>"))[1] == "changed"
        record = store.record(doc_id)
        assert store.read_blob(record.sha256) == b"<p>second version</p>"
        assert [r.url for r in store.records()] == ["https://www.oas.org/dsp/a.asp"]


def test_changed_document_is_pending_until_indexed(tmp_path):
    with Store(tmp_path) as store:
        doc_id, _ = store.put(raw("https://www.iom.int/news/x", b"<p>one</p>"))
        record = store.record(doc_id)
        store.mark_indexed([(doc_id, record.sha256, "IOM")])
        assert store.pending() == []
        store.put(raw("https://www.iom.int/news/x", b"<p>two</p>"))
        assert [r.doc_id for r in store.pending()] == [doc_id]


def test_same_bytes_under_two_urls_are_one_document(tmp_path):
    with Store(tmp_path) as store:
        first, _ = store.put(raw("https://www.oas.org/a", b"<p>same</p>"))
        second, status = store.put(raw("https://www.oas.org/a?print=1", b"<p>same</p>"))
        assert (second, status) == (first, "duplicate")
        assert store.record_for_url("https://www.oas.org/a?print=1").doc_id == first
        assert len(list(store.records())) == 1
        assert len(list((tmp_path / "objects").rglob("*"))) == 2  # one folder, one blob


def test_catalog_survives_reopening(tmp_path):
    with Store(tmp_path) as store:
        doc_id, _ = store.put(raw("https://www.paho.org/en/x", b"<p>kept</p>"))
    with Store(tmp_path) as store:
        assert store.record(doc_id).url == "https://www.paho.org/en/x"
        assert store.counts()["documents"] == 1
