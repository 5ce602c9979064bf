"""The query language never raises and reads what people type."""

from kb.query import FieldValue, Phrase, Word, parse_query


def test_plain_words_are_optional():
    root = parse_query("border controls").root
    assert root.should == [Word("border"), Word("controls")] and not root.must


def test_operators_phrases_and_fields():
    root = parse_query('"victim identification" AND training NOT smuggling country:JM year:2008..2010').root
    assert Phrase(["victim", "identification"]) in root.must
    assert Word("training") in root.must
    assert root.must_not == [Word("smuggling")]
    assert FieldValue("country", ["JM"]) in root.must
    assert FieldValue("year", ["2008", "2009", "2010"]) in root.must


def test_aliases_and_signs():
    root = parse_query("lang:es -labour +police mandate:74 type:pdf").root
    assert FieldValue("language", ["es"]) in root.must
    assert FieldValue("mandate", ["74"]) in root.must
    assert FieldValue("doc_type", ["pdf"]) in root.must
    assert root.must_not == [Word("labour")]
    assert Word("police") in root.must


def test_or_makes_alternatives():
    root = parse_query("shelter OR albergue").root
    assert len(root.any_of) == 2


def test_broken_syntax_reads_as_words():
    for text in ['"unclosed phrase', "((((", "))) AND OR NOT", "year:abc", "mandate:x", "country:", ":::"]:
        parse_query(text)  # never raises
    assert parse_query("year:abc").words == ["year:abc"]
    assert parse_query("year:²²²²").words == ["year:²²²²"]  # digits, but not ASCII ones
    assert parse_query("mandate:٧٤").words == ["mandate:٧٤"]
    assert parse_query('"unclosed phrase').root.should == [Phrase(["unclosed", "phrase"])]


def test_long_input_is_capped():
    parsed = parse_query("trafficking " * 5000)
    assert len(parsed.text) <= 1000
    assert len(parsed.words) <= 64
