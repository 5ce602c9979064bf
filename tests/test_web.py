"""The HTML pages, rendered through the app: what a reader sees, and what must never run."""

from __future__ import annotations

import re

import pytest
from starlette.testclient import TestClient

import server
from kb.ingest import ingest
from kb.settings import Paths

PROJECTS_PAGE = "OAS - Department of Public Security - Trafficking in Persons - Projects"
# A page whose text holds markup: kb must show it as text, never run it.
HOSTILE_PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<title>&lt;script&gt;window.__xss = 1&lt;/script&gt; Trafficking in persons &amp; border controls</title></head>
<body><main>
<h1>&lt;img src=x onerror="window.__xss = 2"&gt; Border workshop</h1>
<p>The Organization of American States held a workshop on trafficking in persons and border controls
in Kingston, Jamaica, on 15 July 2009. &lt;script&gt;window.__xss = 3&lt;/script&gt; Officers from the
region took part.</p>
</main></body></html>
"""


@pytest.fixture(scope="module")
def client(sample_kb):
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("KB_DATA_DIR", str(sample_kb.data_dir))
        with TestClient(server.app) as client:
            yield client


def page(client, url: str, status: int = 200) -> str:
    response = client.get(url)
    assert response.status_code == status, url
    assert response.headers["content-type"] == "text/html; charset=utf-8"
    return response.text


def test_home_has_a_focused_search_box_and_says_what_is_held(client, sample_index):
    html = page(client, "/")
    assert re.search(r'<input id="q" name="q" type="search" autofocus', html)
    stats = sample_index.stats()
    assert f"{stats['documents']} documents" in html
    for agency in stats["by_agency"]:
        assert f'href="/search?agency={agency}"' in html
    assert 'href="/events"' in html and 'action="/mandates"' in html
    assert re.search(r"<header.*<nav.*<main.*<footer", html, re.S)
    assert 'class="skip-link" href="#main"' in html


def test_results_keep_the_query_and_link_to_the_passage(client, sample_index):
    html = page(client, "/search?q=border+controls")
    assert 'value="border controls"' in html
    titles = re.findall(r'<li class="hit">\s*<h2><a href="/doc/(\w+)#p(\d+)"[^>]*>([^<]+)</a>', html)
    assert titles[0][2] == PROJECTS_PAGE
    doc_id, position, _ = titles[0]
    assert f'id="p{position}"' in page(client, f"/doc/{doc_id}")
    assert "<mark>" in html
    assert re.search(r"\d+ ms</span>", html)
    assert "more matching passage" in html
    assert 'href="/search.atom?q=border+controls"' in html
    assert 'href="/api/search?q=border+controls&amp;format=csv"' in html


def test_ticking_a_country_narrows_hits_and_counts(client):
    before = page(client, "/search?q=border+controls")
    after = page(client, "/search?q=border+controls&country=JM")
    hits = lambda html: len(re.findall(r'<li class="hit">', html))  # noqa: E731
    assert 0 < hits(after) < hits(before)
    oas_count = lambda html: re.search(r'for="f-agency-OAS">OAS <span class="count">(\d+)', html).group(1)  # noqa: E731
    assert int(oas_count(after)) < int(oas_count(before))
    assert re.search(r'name="country" value="JM" checked', after)
    assert not re.search(r'name="country" value="JM" checked', before)
    # the chip removes the filter, keeping the query
    assert re.search(r'<a class="chip" href="/search\?q=border\+controls" aria-label="Remove filter Country: Jamaica"',
                     after)


def test_unknown_filter_value_is_shown_so_it_can_be_removed(client):
    html = page(client, "/search?q=trafficking&country=XX")
    assert "Nothing matches" in html
    assert re.search(r'name="country" value="XX" checked', html)
    assert 'aria-label="Remove filter Country: XX"' in html


def test_sort_and_pages_are_links(client):
    html = page(client, "/search?limit=2&sort=newest")
    assert re.search(r'href="/search\?limit=2&amp;sort=newest"\s+aria-current="true">Newest', html)
    assert 'href="/search?limit=2&amp;sort=newest&amp;page=2" rel="next"' in html
    second = page(client, "/search?limit=2&sort=newest&page=2")
    assert 'rel="prev"' in second
    assert re.search(r'<ol class="hits" start="3">', second)


def test_suggestion_and_expansion_are_shown_when_the_search_gives_them(client, sample_index):
    from kb.search import SearchRequest

    for q in ("border controls", "trafficing"):
        result = sample_index.search(SearchRequest(q=q))
        html = page(client, f"/search?q={q}")
        if result.suggestion:
            assert f">{result.suggestion}</a>?" in html
        for term in result.expanded:
            assert term in html


def test_bad_parameter_is_a_400_page(client):
    html = page(client, "/search?page=abc", status=400)
    assert "page: &#39;abc&#39; is not a whole number" in html or "page: 'abc' is not a whole number" in html


def test_document_page(client, sample_index):
    doc = sample_index.find_document(
        next(d.doc_id for d in sample_index.all_documents() if d.title == PROJECTS_PAGE))
    html = page(client, f"/doc/{doc.doc_id}")
    assert f"<h1 id=\"doc-title\" lang=\"en\">{PROJECTS_PAGE}</h1>" in html
    assert 'id="p0"' in html and doc.sha256 in html
    assert f'id="p{doc.passages - 1}"' in html
    assert "Jamaica" in html and "Events in this document" in html
    related = sample_index.similar(doc.doc_id, limit=server.RELATED_DOCUMENTS)
    assert related and all(f'href="/doc/{d.doc_id}"' in html for d in related)
    prefix = client.get(f"/doc/{doc.doc_id[:6]}", follow_redirects=False)
    assert (prefix.status_code, prefix.headers["location"]) == (301, f"/doc/{doc.doc_id}")
    assert "Not found" in page(client, "/doc/0000000000000000", status=404)


def test_events_page_lists_kingston_with_a_chart(client):
    html = page(client, "/events")
    assert re.search(r'<time datetime="2009-07-15">15–16 July 2009</time>.*?Kingston, Jamaica', html, re.S)
    assert re.search(r'<svg [^>]*role="img" aria-labelledby="events-chart-title events-chart-desc"', html)
    assert '<option value="JM">Jamaica</option>' in html
    jamaica = page(client, "/events?country=JM")
    assert '<option value="JM" selected>Jamaica</option>' in jamaica
    places = re.findall(r'<td data-label="Place">([^<]*)</td>', jamaica)
    assert places and all(p.endswith("Jamaica") for p in places)
    assert 'href="/api/events?country=JM&amp;format=csv" download' in jamaica
    assert "No event matches" in page(client, "/events?country=XX")


def test_mandate_pages(client):
    html = page(client, "/mandates/74")
    assert "<h1>Mandate 74</h1>" in html and "PAHO" in html
    lookup = client.get("/mandates?n=74", follow_redirects=False)
    assert (lookup.status_code, lookup.headers["location"]) == (303, "/mandates/74")
    assert "No document reports on mandate 998" in page(client, "/mandates/998")
    assert "must be between 1 and 999" in page(client, "/mandates?n=5000", status=400)
    assert 'name="n"' in page(client, "/mandates")


def test_api_page_describes_every_endpoint(client):
    from kb.web import openapi

    html = page(client, "/api")
    for path in openapi.openapi()["paths"]:
        assert f"<code>{path}</code></h2>" in html
    assert "<code>page</code>" in html and "integer, 1 to 1000000, default 1" in html


def test_unknown_page_is_html_404(client):
    assert "Not found" in page(client, "/no/such/page", status=404)


def test_pages_without_an_index_say_so(tmp_path, monkeypatch):
    monkeypatch.setenv("KB_DATA_DIR", str(tmp_path))
    with TestClient(server.app) as client:
        assert "Nothing indexed yet" in page(client, "/", status=503)
        assert "Nothing indexed yet" in page(client, "/search?q=x", status=503)


@pytest.fixture(scope="module")
def hostile_client(tmp_path_factory):
    folder = tmp_path_factory.mktemp("hostile")
    (folder / "pages").mkdir()
    (folder / "pages" / "report.html").write_text(HOSTILE_PAGE, encoding="utf-8")
    paths = Paths(folder / "kb")
    assert ingest(paths, [str(folder / "pages")]).failed == 0
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("KB_DATA_DIR", str(paths.data_dir))
        with TestClient(server.app) as client:
            yield client


def test_markup_in_a_document_is_shown_as_text(hostile_client):
    results = page(hostile_client, "/search?q=trafficking")
    doc_id = re.search(r'href="/doc/(\w+)', results).group(1)
    for html in (results, page(hostile_client, f"/doc/{doc_id}"), page(hostile_client, "/events")):
        assert "&lt;script&gt;window.__xss" in html
        assert "<script>window" not in html
        assert "<img src=x" not in html
        assert len(re.findall(r"<script", html)) == 1  # the page's own script file
    assert 'onerror="window' not in page(hostile_client, f"/doc/{doc_id}")
