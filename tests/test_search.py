"""Search over the bundled sample: ranking, filters, facets, snippets, spelling, languages."""

import numpy as np

from kb.search import SearchRequest


def search(index, q="", **kw):
    return index.search(SearchRequest(q=q, **kw))


def test_border_controls_finds_the_oas_projects_page_first(sample_index):
    result = search(sample_index, "border controls")
    top = result.hits[0]
    assert top.agency == "OAS" and "cpo_trata_proyectos" in top.url
    assert "<mark>" in top.snippet


def test_results_are_documents_not_passages(sample_index):
    result = search(sample_index, "trafficking", limit=50)
    doc_ids = [h.doc_id for h in result.hits]
    assert len(doc_ids) == len(set(doc_ids)) == result.total
    assert any(h.passages_matched > 1 for h in result.hits)


def test_a_long_natural_query_still_finds_the_document(sample_index):
    result = search(sample_index, "launch of the Caribbean Human Development Report in Port of Spain")
    assert result.hits and result.hits[0].agency == "UNDP"


def test_filters_and_facet_counts(sample_index):
    everything = search(sample_index, "trafficking", limit=50)
    oas = search(sample_index, "trafficking", filters={"agency": ["OAS"]}, limit=50)
    assert oas.total == everything.facets["agency"]["OAS"] < everything.total
    assert all(h.agency == "OAS" for h in oas.hits)
    # the agency facet leaves its own filter out, so the alternatives stay visible
    assert oas.facets["agency"] == everything.facets["agency"]
    # other facets follow the filter
    assert sum(oas.facets["language"].values()) == oas.total


def test_country_filter_takes_names_and_codes(sample_index):
    by_name = search(sample_index, "", filters={"country": ["Dominican Republic"]}, limit=50)
    by_code = search(sample_index, "", filters={"country": ["DO"]}, limit=50)
    assert by_name.total == by_code.total > 0
    assert all("DO" in h.country_codes for h in by_code.hits)


def test_values_of_one_facet_combine_with_or(sample_index):
    iom = search(sample_index, "", filters={"agency": ["IOM"]}).total
    paho = search(sample_index, "", filters={"agency": ["PAHO"]}).total
    both = search(sample_index, "", filters={"agency": ["IOM", "PAHO"]}).total
    assert both == iom + paho


def test_query_language_fields(sample_index):
    reported = search(sample_index, "mandate:74")
    assert "PAHO" in {h.agency for h in reported.hits}
    assert reported.total == len({h.doc_id for h in reported.hits}) < search(sample_index, "").total
    spanish = search(sample_index, "lang:es", limit=50)
    assert spanish.total >= 1 and all(h.language == "es" for h in spanish.hits)


def test_accents_do_not_matter(sample_index):
    accented = search(sample_index, "tráfico capacitación", expand=False)
    plain = search(sample_index, "trafico capacitacion", expand=False)
    assert [h.doc_id for h in accented.hits] == [h.doc_id for h in plain.hits] and accented.total > 0


def test_spanish_query_finds_english_documents_through_the_glossary(sample_index):
    expanded = search(sample_index, "niños víctimas", limit=50)
    assert {"child", "victim"} <= set(expanded.expanded)
    bare = search(sample_index, "niños víctimas", expand=False, limit=50)
    assert bare.expanded == []
    english = {h.doc_id for h in expanded.hits if h.language == "en"}
    assert len(english) > len({h.doc_id for h in bare.hits if h.language == "en"})


def test_misspelled_query_is_corrected(sample_index):
    result = search(sample_index, "traficking victms identifcation")
    assert result.suggestion == "trafficking victims identification"
    assert result.hits and "trafficking" in result.hits[0].snippet.lower()


def test_sorting_by_date(sample_index):
    newest = search(sample_index, "", sort="newest", limit=50).hits
    dates = [h.date or "" for h in newest if h.date]
    assert dates == sorted(dates, reverse=True)


def test_pagination(sample_index):
    first = search(sample_index, "", limit=2, page=1)
    second = search(sample_index, "", limit=2, page=2)
    assert first.total == second.total and not {h.doc_id for h in first.hits} & {h.doc_id for h in second.hits}


def test_snippets_escape_document_text(sample_index):
    result = search(sample_index, "trafficking")
    for hit in result.hits:
        assert "<" not in hit.snippet.replace("<mark>", "").replace("</mark>", "")


def test_a_place_or_year_named_in_the_query_favours_documents_about_it(sample_index):
    from kb import search as search_module

    query = "drug observatories meeting Roseau 2009"
    top = search(sample_index, query).hits[0]
    assert "DM" in top.country_codes and 2009 in top.years
    snap = sample_index.current()
    matched = np.ones(len(snap.documents), dtype=bool)
    scores = np.ones(len(snap.documents))
    bonus = search_module.named_metadata_bonus(snap, query, matched, scores)
    about = [i for i, d in enumerate(snap.documents) if "DM" in [c.code for c in d.countries] and 2009 in d.years]
    others = [i for i, d in enumerate(snap.documents) if "DM" not in [c.code for c in d.countries]
              and 2009 not in d.years]
    assert about and others
    assert all(bonus[i] == 2 * search_module.METADATA_BOOST for i in about)
    assert all(bonus[i] == 0 for i in others)
