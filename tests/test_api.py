"""The JSON API: the CLI's shapes, the OpenAPI description they must match, and errors."""

from __future__ import annotations

import csv
import io
import xml.etree.ElementTree as ET

import jsonschema
import pytest
from starlette.routing import Route
from starlette.testclient import TestClient

import server
from kb import search as search_module
from kb.csv_export import HIT_COLUMNS
from kb.ingest import ingest
from kb.models import document_to_dict
from kb.settings import Paths
from kb.web import openapi

ATOM = "{http://www.w3.org/2005/Atom}"
PROJECTS_PAGE = "OAS - Department of Public Security - Trafficking in Persons - Projects"


@pytest.fixture(scope="module")
def client(sample_kb):
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("KB_DATA_DIR", str(sample_kb.data_dir))
        with TestClient(server.app) as client:
            yield client


def validate(body, schema: dict) -> None:
    """Check a response body against a schema of the OpenAPI description (refs resolved in it)."""
    spec = openapi.openapi()
    jsonschema.Draft202012Validator({**schema, "components": spec["components"]}).validate(body)


def response_schema(path: str, status: int = 200) -> dict:
    return openapi.operation(path)["responses"][str(status)]["content"]["application/json"]["schema"]


def search(client, **params) -> dict:
    response = client.get("/api/search", params=params)
    assert response.status_code == 200, response.text
    validate(response.json(), response_schema("/api/search"))
    return response.json()


def test_border_controls_finds_the_oas_projects_page_first(client):
    result = search(client, q="border controls")
    assert result["hits"][0]["title"] == PROJECTS_PAGE
    assert result["hits"][0]["agency"] == "OAS"
    assert "<mark>" in result["hits"][0]["snippet"]


def test_country_filter_narrows_hits_and_facet_counts(client):
    everything = search(client, q="border controls")
    jamaica = search(client, q="border controls", country="JM")
    assert 0 < jamaica["total"] < everything["total"]
    assert all("JM" in hit["country_codes"] for hit in jamaica["hits"])
    assert sum(jamaica["facets"]["agency"].values()) < sum(everything["facets"]["agency"].values())
    # the country facet itself still offers the other countries (values of one facet are OR-ed)
    assert len(jamaica["facets"]["country"]) > 1
    assert search(client, q="border controls", country="Jamaica")["total"] == jamaica["total"]


def test_unknown_facet_value_gives_no_hits_not_an_error(client):
    result = search(client, q="trafficking", country="XX", body="No Such Body")
    assert result["total"] == 0 and result["hits"] == []


def test_year_ranges_read_in_either_order(client):
    forwards = search(client, year="2008..2009")
    assert forwards["total"] > 0
    assert search(client, year="2009..2008")["total"] == forwards["total"]
    assert search(client, year="")["total"] == search(client)["total"]  # a form's "any year"


def test_paging_and_sorting(client):
    first = search(client, limit=2, sort="newest")
    second = search(client, limit=2, page=2, sort="newest")
    assert first["page"] == 1 and second["page"] == 2 and first["limit"] == 2
    assert {h["doc_id"] for h in first["hits"]}.isdisjoint(h["doc_id"] for h in second["hits"])
    dates = [h["date"] for h in search(client, sort="newest", limit=100)["hits"] if h["date"]]
    assert dates == sorted(dates, reverse=True)


def test_long_query_is_cut_not_refused(client, monkeypatch):
    monkeypatch.setenv("KB_MAX_QUERY_CHARS", "50")
    result = search(client, q="trafficking " * 100)
    assert len(result["query"]) == 50


def test_limit_bound_follows_the_setting(client, monkeypatch):
    monkeypatch.setenv("KB_MAX_PAGE_SIZE", "5")
    assert client.get("/api/search", params={"limit": 5}).status_code == 200
    assert client.get("/api/search", params={"limit": 6}).json()["error"]["parameter"] == "limit"
    limit = next(p for p in client.get("/openapi.json").json()["paths"]["/api/search"]["get"]["parameters"]
                 if p["name"] == "limit")
    assert limit["schema"]["maximum"] == 5


@pytest.mark.parametrize("path, parameter", [
    ("/api/search?page=abc", "page"),
    ("/api/search?page=0", "page"),
    ("/api/search?page=1.5", "page"),
    ("/api/search?limit=1000", "limit"),
    ("/api/search?limit=0", "limit"),
    ("/api/search?sort=foo", "sort"),
    ("/api/search?format=xml", "format"),
    ("/api/search?expand=maybe", "expand"),
    ("/api/search?year=20x9", "year"),
    ("/api/search?year=%C2%B2%C2%B2%C2%B2%C2%B2", "year"),  # superscript digits: isdigit() but not a year
    ("/search.atom?limit=abc", "limit"),
    ("/api/events?year=last", "year"),
    ("/api/events?format=xml", "format"),
    ("/api/mandates/0", "n"),
    ("/api/mandates/1000", "n"),
    ("/api/mandates/abc", "n"),
])
def test_bad_parameter_is_400_naming_it(client, path, parameter):
    response = client.get(path)
    assert response.status_code == 400
    assert response.headers["content-type"] == "application/json"
    validate(response.json(), openapi.ERROR)
    assert response.json()["error"]["type"] == openapi.BAD_PARAMETER
    assert response.json()["error"]["parameter"] == parameter
    assert parameter in response.json()["error"]["message"]


def test_document_is_kb_shows_shape(client, sample_index):
    doc_id = search(client, q="border controls")["hits"][0]["doc_id"]
    response = client.get(f"/api/documents/{doc_id}")
    assert response.status_code == 200
    body = response.json()
    validate(body, response_schema("/api/documents/{doc_id}"))
    assert {k: v for k, v in body.items() if k != "passage_texts"} == document_to_dict(sample_index.document(doc_id))
    assert [p["position"] for p in body["passage_texts"]] == list(range(body["passages"]))
    assert client.get(f"/api/documents/{doc_id[:6]}").json()["doc_id"] == doc_id  # a unique prefix


def test_unknown_document_and_unknown_api_route_are_404_json(client):
    for path in ("/api/documents/0000000000000000", "/api/no-such-thing"):
        response = client.get(path)
        assert response.status_code == 404
        validate(response.json(), openapi.ERROR)
        assert response.json()["error"]["type"] == openapi.NOT_FOUND


def test_events_are_kb_events_shape(client, sample_index):
    response = client.get("/api/events", params={"country": "JM", "year": "2009"})
    validate(response.json(), response_schema("/api/events"))
    assert response.json() == [row.to_dict() for row in sample_index.events({"country": ["JM"], "year": ["2009"]})]
    assert {(e["city"], e["country"], e["start"]) for e in response.json()} == {("Kingston", "Jamaica", "2009-07-15")}
    assert client.get("/api/events", params={"kind": "no-such-kind"}).json() == []


def test_mandate_74_names_paho(client):
    response = client.get("/api/mandates/74")
    validate(response.json(), response_schema("/api/mandates/{n}"))
    assert response.json()["mandate"] == 74
    assert "PAHO" in {p["agency"] for p in response.json()["passages"]}
    assert all("74" in p["text"] for p in response.json()["passages"])


def test_stats_and_health(client, sample_index):
    stats = client.get("/api/stats").json()
    validate(stats, response_schema("/api/stats"))
    assert stats["documents"] == len(sample_index.all_documents())
    health = client.get("/healthz").json()
    validate(health, response_schema("/healthz"))
    assert health == {"status": "ok", "generation": stats["generation"], "documents": stats["documents"]}


def test_csv_exports_have_a_header_row(client):
    hits = list(csv.DictReader(io.StringIO(client.get("/api/search?q=border+controls&format=csv").text)))
    assert hits[0]["title"] == PROJECTS_PAGE
    assert "<mark>" not in hits[0]["snippet"]
    response = client.get("/api/events?country=JM&format=csv")
    assert response.headers["content-type"] == "text/csv; charset=utf-8"
    assert "attachment" in response.headers["content-disposition"]
    rows = list(csv.reader(io.StringIO(response.text)))
    assert rows[0][:4] == ["start", "end", "precision", "kind"]
    assert ["2009-07-15", "Kingston"] == [rows[1][0], rows[1][4]]
    empty = client.get("/api/search?q=trafficking&country=XX&format=csv").text
    assert list(csv.reader(io.StringIO(empty))) == [list(HIT_COLUMNS)]


def test_atom_feed_lists_newest_first(client):
    response = client.get("/search.atom", params={"q": "trafficking"})
    assert response.headers["content-type"].startswith("application/atom+xml")
    feed = ET.fromstring(response.content)
    entries = feed.findall(f"{ATOM}entry")
    assert entries and feed.find(f"{ATOM}title").text == "kb: trafficking"
    newest = search(client, q="trafficking", sort="newest", limit=openapi.FEED_LIMIT)["hits"]
    assert [e.find(f"{ATOM}id").text.rsplit("/", 1)[1] for e in entries] == [h["doc_id"] for h in newest]
    assert entries[0].find(f"{ATOM}title").text == newest[0]["title"]
    link = entries[0].find(f"{ATOM}link[@rel='alternate']").get("href")
    assert client.get(link.replace("http://testserver", "")).status_code == 200


def test_only_get_and_head(client):
    assert client.head("/api/stats").status_code == 200
    response = client.post("/api/search")
    assert response.status_code == 405
    assert "GET" in response.headers["allow"]
    assert response.json()["error"]["type"] == openapi.METHOD_NOT_ALLOWED


def test_security_headers_on_every_kind_of_response(client):
    for path in ("/api/stats", "/", "/static/kb.css", "/api/nope", "/nope", "/api/search?page=0"):
        headers = client.get(path).headers
        assert "default-src 'self'" in headers["content-security-policy"], path
        assert "frame-ancestors 'none'" in headers["content-security-policy"], path
        assert headers["x-content-type-options"] == "nosniff"
        assert headers["x-frame-options"] == "DENY"
        assert headers["referrer-policy"] == "same-origin"


def test_openapi_describes_every_api_route():
    spec = openapi.openapi()
    served = {r.path for r in server.app.routes if isinstance(r, Route)}
    machine = {path for path in served if path.startswith(server.MACHINE_PATHS)} - {"/openapi.json"}
    assert machine == set(spec["paths"])
    for schema in spec["components"]["schemas"].values():
        jsonschema.Draft202012Validator.check_schema(schema)
    for item in spec["paths"].values():
        for parameter in item["get"].get("parameters", []):
            jsonschema.Draft202012Validator.check_schema(parameter["schema"])


def test_no_index_yet_is_503_until_one_is_published(tmp_path, monkeypatch):
    monkeypatch.setenv("KB_DATA_DIR", str(tmp_path / "kb"))
    with TestClient(server.app) as client:
        for path in ("/healthz", "/api/search?q=x", "/api/stats"):
            response = client.get(path)
            assert response.status_code == 503
            validate(response.json(), openapi.ERROR)
            assert response.json()["error"]["type"] == openapi.NO_INDEX
        assert client.get("/openapi.json").status_code == 200

        note = tmp_path / "note.txt"
        note.write_text("Trafficking in persons: a workshop for border officials.\n\nIt met in Kingston.")
        ingest(Paths(tmp_path / "kb"), [str(note)])
        assert client.get("/healthz").json()["documents"] == 1


def test_a_newer_generation_is_served_without_a_restart(kb_copy, tmp_path, monkeypatch):
    monkeypatch.setattr(search_module, "REFRESH_SECONDS", 0)
    monkeypatch.setenv("KB_DATA_DIR", str(kb_copy.data_dir))
    with TestClient(server.app) as client:
        before = client.get("/healthz").json()
        note = tmp_path / "note.txt"
        note.write_text("Counter-trafficking training for consular officers.\n\nHeld in Port of Spain in 2010.")
        ingest(kb_copy, [str(note)])
        after = client.get("/healthz").json()
    assert after["documents"] == before["documents"] + 1
    assert after["generation"] != before["generation"]
