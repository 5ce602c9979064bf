"""Property-based tests: whatever a user types or a document holds, the query path, the
parsers and the extractors never raise (but for their own errors) and finish within a deadline."""

from __future__ import annotations

import datetime as dt

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from kb import settings as kb_settings
from kb.agencies import agency_from_text, agency_from_url, find_bodies
from kb.errors import ParseError
from kb.language import detect_language
from kb.models import Block, RawDocument
from kb.parse import decode, parse
from kb.passages import split_passages
from kb.places import find_countries, find_places, lookup_country
from kb.query import parse_query
from kb.schema import FACET_NAMES
from kb.search import SORTS, SearchRequest
from kb.sources import HTML, PDF, TEXT

# Generous: a search on the sample index takes milliseconds; a deadline is a bound, not a benchmark.
DEADLINE = dt.timedelta(seconds=3)
FUZZ = settings(max_examples=300, deadline=DEADLINE, suppress_health_check=[HealthCheck.too_slow])

QUERY_PIECES = st.sampled_from([
    "AND", "OR", "NOT", "and", "(", ")", '"', "-", "+", " ", "  ", ":", "*", "?", "~", "^", "\\", "'", "¿", "¡",
    "agency:", "agency:OAS", "country:JM", "country:", "country:Jamaïca", "year:2008..2010", "year:..", "year:2010..",
    "year:9999..0000", "year:1..99999", "mandate:74", "mandate:9999", "lang:es", "type:pdf", "body:CICTE", "x:y",
    "trata", "trafficking", "tráfico", "capacitación", "border", "controls", "Santo Domingo", "ñ", "İ", "ß",
    "\u0000", "\u200b", "\ufeff", "\U0001F600", "\ud7ff", "&lt;script&gt;", "<script>", "%", "#",
])
QUERIES = st.one_of(
    st.text(max_size=200),
    st.lists(QUERY_PIECES, max_size=80).map("".join),
    st.lists(QUERY_PIECES, max_size=40).map(" ".join),
    st.builds(lambda piece, n: piece * n, QUERY_PIECES, st.integers(100, 3000)),  # huge inputs
)
FACET_VALUES = st.one_of(st.text(max_size=20), st.sampled_from(["OAS", "JM", "Jamaica", "2009", "es", "pdf", "DPS"]))


@FUZZ
@given(QUERIES)
def test_parse_query_never_raises(text):
    parsed = parse_query(text)
    assert len(parsed.text) <= kb_settings.get("max_query_chars")
    assert all(isinstance(word, str) and word for word in parsed.words)


@FUZZ
@given(q=QUERIES, filters=st.dictionaries(st.sampled_from(FACET_NAMES), st.lists(FACET_VALUES, max_size=3),
                                          max_size=3),
       sort=st.sampled_from(SORTS), page=st.integers(1, 50), limit=st.integers(1, 100), expand=st.booleans())
def test_search_never_raises(sample_index, q, filters, sort, page, limit, expand):
    result = sample_index.search(SearchRequest(q=q, filters=filters, sort=sort, page=page, limit=limit,
                                               expand=expand))
    assert 0 <= len(result.hits) <= limit and result.total >= len(result.hits)
    assert len({hit.doc_id for hit in result.hits}) == len(result.hits)


# ---------------------------------------------------------------- parsers

CHARSETS = st.one_of(st.none(), st.sampled_from([
    "utf-8", "iso-8859-1", "windows-1252", "utf-16", "utf-32", "shift_jis", "idna", "punycode", "utf-7",
    "base64", "rot13", "zlib", "hex", "unicode_escape", "x-klingon", "", "latin1", "ascii",
]), st.text(max_size=12))
MARKUP = st.lists(st.sampled_from([
    "<p>", "</p>", "<div class='menu'>", "</div>", "<h2>", "</h2>", "<li>", "<a href='javascript:x'>", "</a>",
    "<b>", "<table><tr><td>", "<br>", "<script>", "</script>", "<!--", "-->", "<![CDATA[", "]]>", "&amp;", "&#0;",
    "&#x110000;", "<meta charset=utf-16>", "<title>", "</title>", "Lima, Peru", "12-16 April 2010", "taller", " ",
    "\n", "\u00a0", "\x00", "\xff", "<", ">",
]), max_size=60).map("".join)


@FUZZ
@given(body=st.one_of(st.binary(max_size=2000), MARKUP.map(lambda s: s.encode("utf-8", "surrogatepass"))),
       content_type=st.sampled_from([HTML, TEXT, PDF]), charset=CHARSETS)
def test_parse_gives_a_document_or_a_parse_error(body, content_type, charset):
    raw = RawDocument(url="file:///fuzz", body=body, content_type=content_type, source="fuzz", charset=charset)
    try:
        doc = parse(raw)
    except ParseError as exc:
        assert exc.source == "fuzz" and exc.reason
        return
    assert doc.blocks and all(block.text for block in doc.blocks)
    passages = split_passages("d", doc.blocks)
    assert [p.position for p in passages] == list(range(len(passages)))


@FUZZ
@given(st.binary(max_size=3000), CHARSETS)
def test_decode_never_raises(body, charset):
    text, used = decode(body, charset)
    assert isinstance(text, str) and used


@FUZZ
@given(st.lists(st.builds(Block, text=st.text(min_size=1, max_size=400),
                          kind=st.sampled_from(["heading", "paragraph", "item"]), level=st.integers(0, 6)),
                max_size=30))
def test_passages_keep_every_word(blocks):
    passages = split_passages("d", blocks)
    words = [w for b in blocks if b.kind != "heading" for w in b.text.split()]
    assert [w for p in passages for w in p.text.split() if w != "•"] == [w for w in words if w != "•"]


# ---------------------------------------------------------------- extractors without fuzz tests of their own

PLACEY = st.lists(st.sampled_from([
    "Lima", "Peru", "Perú", "PERU", "Kingston", "Jamaica", "jamaican", "Santo Domingo", "Dominican Republic",
    "Papua New Guinea", "Guinea", "Valencia", "Venezuela", "Avenida Brasil", "Brasil", "İstanbul", "Panamá",
    "Saint Lucia", "St. Lucia", "Port-au-Prince", "TALK TO US", "US", "U.S.", " ", ", ", ".", "\n", "of", "de",
    "ß", "\u0130", "\u0301", "\U0001F600",
]), max_size=40).map("".join)


@FUZZ
@given(st.one_of(st.text(max_size=400), PLACEY))
def test_places_are_sound(text):
    mentions = find_places(text)
    for a, b in zip(mentions, mentions[1:], strict=False):
        assert a.end <= b.start
    for m in mentions:
        assert 0 <= m.start < m.end <= len(text) and m.surface == text[m.start:m.end]
        assert len(m.country.code) == 2
    assert {c.code for c in find_countries(text)} == {m.country.code for m in mentions}
    lookup_country(text)


@FUZZ
@given(st.one_of(st.text(max_size=400), st.lists(st.sampled_from([
    "OAS", "OEA", "IOM", "OIM", "PAHO", "OPS", "UNDP", "PNUD", "DPS", "DSP", "SMS", "SSM", "CIM", "CICTE",
    "CICAD", "MISPA", "Summits Secretariat", "Organization of American States", " ", "-", "\n", "cim",
]), max_size=30).map(" ".join)))
def test_agencies_and_bodies_never_raise(text):
    agency_from_text(text)
    assert len(set(find_bodies(text))) == len(find_bodies(text))
    detect_language(text)


@FUZZ
@example("http://[broken/")
@given(st.one_of(st.text(max_size=200), st.builds("{}://{}/{}".format, st.sampled_from(["http", "https", "file", ""]),
                                                  st.text(max_size=40), st.text(max_size=40))))
def test_agency_from_any_url(url):
    assert agency_from_url(url) in (None, "OAS", "IOM", "PAHO", "UNDP")
