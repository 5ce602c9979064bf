import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kb.events import EVENT_KINDS, Context, find_events, kind_of
from kb.places import find_places

D = dt.date

CARIBBEAN_SCHEDULE = """The DPS will train police, prosecutors and judges in each Member State. Schedule trainings:
• Belize, Belize City, March 22-23, 2010
• Grenada, St George's, April 08-09, 2010
• Saint Vincent and the Grenadines, Kingstown, May 18-19, 2010
• Panama, Panama City - August 4-5, 2010
• San Salvador, El Salvador - August 25-26, 2010
• Trinidad & Tobago, Port-of-Spain - October 11 - 12, 2010
• Jamaica, Kingston - December 15 - 16, 2010"""
CARIBBEAN_HEADING = "Program to Strengthen Capacity of Law Enforcement Officials to Combat Trafficking in Persons"

PEACEKEEPING_LIST = """The DPS organised five seminars for eleven countries:
• Montevideo, Uruguay - Pilot Seminar - March 10-11, 2008
    This seminar trained participants from Uruguay
• Santiago, Chile - November 27-28, 2008
    This seminar trained participants from Chile"""


def where_and_when(events):
    return [(e.kind, e.city, e.country_code, e.start, e.end) for e in events]


def test_schedule_list_one_event_per_line():
    events = find_events(CARIBBEAN_SCHEDULE, heading=CARIBBEAN_HEADING, passage=4)
    assert where_and_when(events) == [
        ("training", "Belize City", "BZ", D(2010, 3, 22), D(2010, 3, 23)),
        ("training", "St. George's", "GD", D(2010, 4, 8), D(2010, 4, 9)),
        ("training", "Kingstown", "VC", D(2010, 5, 18), D(2010, 5, 19)),
        ("training", "Panama City", "PA", D(2010, 8, 4), D(2010, 8, 5)),
        ("training", "San Salvador", "SV", D(2010, 8, 25), D(2010, 8, 26)),
        ("training", "Port of Spain", "TT", D(2010, 10, 11), D(2010, 10, 12)),
        ("training", "Kingston", "JM", D(2010, 12, 15), D(2010, 12, 16)),
    ]
    assert {e.title for e in events} == {CARIBBEAN_HEADING}
    assert {e.passage for e in events} == {4}
    assert events[5].country == "Trinidad and Tobago"


def test_list_without_bullets_takes_kind_from_its_introduction():
    text = (
        "Consular staff were trained in six capitals; the Seminars took place in:\n"
        "La Paz, Bolivia - June 18-19, 2008\n"
        "Ciudad de Guatemala, Guatemala - September 3-4, 2008\n"
        "Asuncion, Paraguay - July 30-31, 2008"
    )
    events = find_events(text, heading="Training Program for Consular Personnel")
    assert where_and_when(events) == [
        ("seminar", "La Paz", "BO", D(2008, 6, 18), D(2008, 6, 19)),
        ("seminar", "Guatemala City", "GT", D(2008, 9, 3), D(2008, 9, 4)),
        ("seminar", "Asunción", "PY", D(2008, 7, 30), D(2008, 7, 31)),
    ]


def test_participants_line_neither_makes_an_event_nor_moves_the_place():
    events = find_events(PEACEKEEPING_LIST, heading="Training Program for UN Peace-Keeping Forces")
    assert where_and_when(events) == [
        ("seminar", "Montevideo", "UY", D(2008, 3, 10), D(2008, 3, 11)),
        ("seminar", "Santiago", "CL", D(2008, 11, 27), D(2008, 11, 28)),
    ]


def test_word_on_the_line_wins_over_the_heading():
    text = "• Montevideo, Uruguay - Pilot Seminar - March 10-11, 2008"
    [event] = find_events(text, heading="Training Program for UN Peace-Keeping Forces")
    assert event.kind == "seminar"


def test_heading_gives_kind_and_title_to_a_prose_date():
    heading = "First Specialized OAS Capacity-building Workshop on Border Controls"
    text = (
        "Instructors covered luggage screening and document fraud; the course will also bring "
        "customs and migration officers together.\n"
        "Officers from both services met in Santo Domingo, Dominican Republic on April 12-16, 2010."
    )
    [event] = find_events(text, heading=heading)
    assert where_and_when([event]) == [("workshop", "Santo Domingo", "DO", D(2010, 4, 12), D(2010, 4, 16))]
    assert event.title == heading
    assert event.country == "Dominican Republic"


def test_place_named_in_a_later_sentence():
    text = (
        "On the 15th and 18th of December 2009, the CICTE Secretariat, with U.S. Immigration and "
        "Customs Enforcement (ICE) and UNODC, convened the \u201cSecond Sub\u2010regional Workshop on the "
        "Interdiction and Investigation of Cross Border Bulk Cash Smuggling.\u201d The workshop was held in "
        "Lima and helped prosecutors apply cash declaration laws."
    )
    [event] = find_events(text)
    assert where_and_when([event]) == [("workshop", "Lima", "PE", D(2009, 12, 15), D(2009, 12, 18))]
    assert event.title == (
        "Second Sub\u2010regional Workshop on the Interdiction and Investigation of Cross Border Bulk Cash Smuggling"
    )


def test_capitalised_event_name_is_the_title():
    text = (
        "Together with CICAD and the Government of Dominica, the OAS convened on 3\u20107\n"
        "August 2009 in Roseau, Dominica the Third Meeting of National Observatories on Drugs in the Caribbean. "
        "Researchers compared new school surveys."
    )
    [event] = find_events(text)
    assert where_and_when([event]) == [("meeting", "Roseau", "DM", D(2009, 8, 3), D(2009, 8, 7))]
    assert event.title == "Third Meeting of National Observatories on Drugs in the Caribbean"


def test_spanish_workshop():
    text = (
        "Funcionarios de aduanas y migración asistieron al taller, que se realizó del 12 al 16 de abril "
        "de 2010 en Santo Domingo, República Dominicana."
    )
    [event] = find_events(text)
    assert where_and_when([event]) == [("workshop", "Santo Domingo", "DO", D(2010, 4, 12), D(2010, 4, 16))]
    assert event.title == ""


def test_spanish_kinds():
    def kind(text):
        return [e.kind for e in find_events(text)]

    assert kind("La capacitación fue el 3 de mayo de 2010 en Quito.") == ["training"]
    assert kind("El curso de capacitación se dictó el 3 de mayo de 2010 en Quito.") == ["course"]
    assert kind("El seminario se celebró el 3 de mayo de 2010 en Quito.") == ["seminar"]
    assert kind("La reunión tuvo lugar el 3 de mayo de 2010 en Quito.") == ["meeting"]
    assert kind("La conferencia se inauguró el 3 de mayo de 2010 en Quito.") == ["conference"]


def test_english_kinds():
    assert [e.kind for e in find_events("A training workshop ran on May 3, 2010 in Quito.")] == ["workshop"]
    assert [e.kind for e in find_events("The course opened on May 3, 2010 in Quito.")] == ["course"]
    assert [e.kind for e in find_events("PAHO hosted a conference on May 3, 2010 in Quito.")] == ["conference"]


def test_cued_place_wins_over_other_places_in_the_sentence():
    text = "On May 3, 2010, experts from the United States and Canada joined a seminar held in Tegucigalpa, Honduras."
    [event] = find_events(text)
    assert (event.city, event.country_code) == ("Tegucigalpa", "HN")


def test_kind_from_neighbouring_sentence_of_the_same_paragraph():
    text = (
        "The OAS convened a Regional Workshop on Victim Identification. It took place in Quito, Ecuador "
        "on July 16-17, 2008."
    )
    [event] = find_events(text)
    assert where_and_when([event]) == [("workshop", "Quito", "EC", D(2008, 7, 16), D(2008, 7, 17))]
    assert event.title == "Regional Workshop on Victim Identification"


def test_event_without_place():
    [event] = find_events("The seminar for labour inspectors took place on June 4-5, 2008.")
    assert (event.kind, event.city, event.country, event.country_code) == ("seminar", None, None, None)
    assert event.start == D(2008, 6, 4)


def test_one_day_event_ends_when_it_starts():
    [event] = find_events("IOM held a meeting with shelter staff in Kingston, Jamaica on 12 April 2010.")
    assert event.start == event.end == D(2010, 4, 12)


def test_yearless_list_takes_the_dateline_year():
    text = "Schedule trainings:\n• Belize, Belize City, March 22-23\n• Grenada, St George's, April 08-09"
    events = find_events(text, dateline_year=2010)
    assert [(e.start, e.end) for e in events] == [(D(2010, 3, 22), D(2010, 3, 23)), (D(2010, 4, 8), D(2010, 4, 9))]


def test_yearless_list_without_dateline_keeps_undated_events():
    text = "Schedule trainings:\n• Belize, Belize City, March 22-23\n• Grenada, St George's, April 08-09"
    events = find_events(text)
    assert where_and_when(events) == [
        ("training", "Belize City", "BZ", None, None),
        ("training", "St. George's", "GD", None, None),
    ]


def test_month_alone_makes_a_month_event():
    text = "Delegates of the observatories held their third meeting in Asunción, Paraguay, in March 2011."
    [event] = find_events(text)
    assert where_and_when([event]) == [("meeting", "Asunción", "PY", D(2011, 3, 1), D(2011, 3, 31))]
    assert event.precision == "month"


@pytest.mark.parametrize(
    "text",
    [
        # no "in" before the month
        "Since March 2011 the meeting of observatories in Asunción has had a secretariat.",
        # no place in the sentence
        "The third meeting of the observatories took place in March 2011.",
        # no event word
        "The law against trafficking was passed in March 2011 in Asunción.",
        # the sentence names the day, and that day dates the event
        "The meeting, planned in March 2011, was held in Asunción on 4 May 2011.",
    ],
)
def test_month_alone_needs_in_a_place_and_an_event_word(text):
    assert [e.precision for e in find_events(text)] in ([], ["day"])
    assert all(e.start != D(2011, 3, 1) for e in find_events(text))


def test_publication_date_is_not_an_event():
    text = "Photo gallery of the trainings\nLast update: July 12, 2010"
    assert find_events(text, heading="Training Program for Consular Personnel") == []


def test_press_release_dateline_is_not_an_event():
    text = "Port of Spain, March 3, 2010 - The OAS opened a workshop on identifying victims."
    assert find_events(text, dateline_year=2010) == []


def test_year_alone_is_not_an_event():
    text = "Since 2005, IOM has assisted more than 300 relatives of victims to resettle."
    assert find_events(text, heading="Counter-Trafficking Training Modules") == []


def test_date_without_event_word_is_not_an_event():
    assert find_events("The law was passed on May 3, 2009 in Asunción, Paraguay.") == []
    assert find_events("Of course, the law was passed on May 3, 2009 in Lima.") == []


def test_heading_kind_needs_a_place():
    heading = "Training Program for Consular Personnel"
    assert find_events("The law was passed on May 3, 2009 by Congress.", heading=heading) == []
    [event] = find_events("Consuls gathered in Quito, Ecuador on July 16-17, 2008.", heading=heading)
    assert (event.kind, event.city) == ("training", "Quito")


def test_kind_word_in_another_paragraph_does_not_count():
    text = "The seminar series ended.\nThe law was passed on May 3, 2009 in Lima."
    assert find_events(text) == []


@settings(max_examples=200, deadline=None)
@given(
    st.one_of(
        st.text(max_size=400),
        st.lists(
            st.sampled_from(
                "• |Lima, Peru| - |March 22-23|, 2010|\n|workshop|taller| in |“|”|Third Meeting of| |.|U.S.|1. "
                "|Last update: ".split("|")
            ),
            max_size=30,
        ).map("".join),
    ),
    st.text(max_size=60),
    st.one_of(st.none(), st.integers(1, 9999)),
)
def test_fuzz_never_raises(text, heading, year):
    events = find_events(text, heading=heading, dateline_year=year, passage=0)
    for e in events:
        assert e.kind in EVENT_KINDS
        assert (e.start is None) == (e.end is None)
        assert e.start is None or e.start <= e.end


def test_list_items_run_together_on_one_line():
    text = (
        "The Seminars took place in:\n"
        "• La Paz, Bolivia - June 18-19, 2008 • Quito, Ecuador - July 16-17, 2008 • Lima, Peru - February 4-5, 2009"
    )
    assert where_and_when(find_events(text)) == [
        ("seminar", "La Paz", "BO", D(2008, 6, 18), D(2008, 6, 19)),
        ("seminar", "Quito", "EC", D(2008, 7, 16), D(2008, 7, 17)),
        ("seminar", "Lima", "PE", D(2009, 2, 4), D(2009, 2, 5)),
    ]


def test_country_in_an_agency_name_is_not_the_venue():
    text = "On June 4-5, 2008, U.S. Immigration and Customs Enforcement trained prosecutors at a workshop."
    [event] = find_events(text)
    assert (event.kind, event.country_code) == ("workshop", None)


def test_list_kind_comes_from_above_before_below():
    text = (
        "Consular seminars were held in:\n• Lima, Peru - February 4-5, 2009\n• Kingston, Jamaica - July 15-16, 2009\n"
        "A training manual followed."
    )
    assert [e.kind for e in find_events(text)] == ["seminar", "seminar"]


def place_of(name):
    return find_places(name)[0]


def test_every_bullet_line_takes_its_own_first_place_not_its_participants():
    text = (
        "Regional seminars:\n"
        "• Quito (Ecuador), 2-3 June 2009 - officials from Colombia and Peru\n"
        "• Managua (Nicaragua), 8-9 July 2009 - officials from Honduras, El Salvador and Costa Rica"
    )
    assert [(e.city, e.country_code) for e in find_events(text)] == [("Quito", "EC"), ("Managua", "NI")]


def test_a_long_bulleted_paragraph_is_read_as_prose():
    text = (
        "• 3. Drug observatories With the Government of Jamaica and several research centres, CICAD brought "
        "together the heads of the Caribbean drug observatories at a meeting in Montego Bay, Jamaica, on 5-6 May "
        "2011, where they compared the results of new surveys of secondary school students."
    )
    [event] = find_events(text)
    assert (event.city, event.country_code, event.start) == ("Montego Bay", "JM", D(2011, 5, 5))


def test_records_run_together_date_first():
    text = (
        "Training sessions, first half of the year:\n"
        "Mar 2-3 Nassau, The Bahamas Apr 6-7 Castries, Saint Lucia May 11-12 Roseau, Dominica"
    )
    events = find_events(text, dateline_year=2011)
    assert [(e.city, e.country_code, e.start) for e in events] == [
        ("Nassau", "BS", D(2011, 3, 2)), ("Castries", "LC", D(2011, 4, 6)), ("Roseau", "DM", D(2011, 5, 11)),
    ]


def test_records_run_together_from_a_table_of_dates_places_and_activities():
    text = (
        "Date City Country Activity 2-3 March 2011 Quito Ecuador Seminar for border officials "
        "6-7 April 2011 Asunción Paraguay Seminar for labour inspectors"
    )
    assert [(e.kind, e.city, e.country_code, e.start) for e in find_events(text)] == [
        ("seminar", "Quito", "EC", D(2011, 3, 2)), ("seminar", "Asunción", "PY", D(2011, 4, 6)),
    ]


def test_table_cells_one_per_line_place_first():
    text = "Country\nCity\nDates\nEcuador\nQuito\n2-3 March\nParaguay\nAsunción\n6-7 April"
    events = find_events(text, heading="Courses planned for 2011")
    assert where_and_when(events) == [
        ("course", "Quito", "EC", D(2011, 3, 2), D(2011, 3, 3)),
        ("course", "Asunción", "PY", D(2011, 4, 6), D(2011, 4, 7)),
    ]


def test_a_date_cell_takes_the_place_in_the_cell_above_it():
    text = "Asunción\n6-7 April 2011\nLabour inspectors"
    [event] = find_events(text, heading="Seminar calendar")
    assert (event.city, event.country_code, event.start) == ("Asunción", "PY", D(2011, 4, 6))


def test_two_dated_places_in_one_prose_sentence():
    text = "IOM held one workshop in Cusco on 2 May 2011 and another in Arequipa, Peru on 9 May 2011."
    assert [(e.country_code, e.start) for e in find_events(text)] == [("PE", D(2011, 5, 2)), ("PE", D(2011, 5, 9))]


def test_year_named_by_the_heading_wins_over_the_dateline():
    text = "• Quito, Ecuador - March 2-3\n• Lima, Peru - April 6-7"
    events = find_events(text, heading="Seminars in 2011", dateline_year=2010)
    assert [e.start for e in events] == [D(2011, 3, 2), D(2011, 4, 6)]


def test_a_list_takes_the_year_its_introduction_states():
    text = "All the courses below take place in 2011.\n• Quito, Ecuador - March 2-3\n• Lima, Peru - April 6-7"
    events = find_events(text, dateline_year=2010)
    assert [e.start for e in events] == [D(2011, 3, 2), D(2011, 4, 6)]


def test_prose_takes_the_dateline_year_not_a_year_named_before():
    text = "Since 2008 the program has reached nine countries.\nThe seminar in Lima, Peru ran on March 2-3."
    [event] = find_events(text, dateline_year=2010)
    assert event.start == D(2010, 3, 2)


def test_a_date_after_until_ends_an_event_opened_today():
    context = Context(today=D(2011, 5, 9), place=place_of("Asunción"))
    text = "The OAS opened today a course for labour inspectors that will last until Friday, May 13."
    [event] = find_events(text, dateline_year=2011, context=context)
    assert where_and_when([event]) == [("course", "Asunción", "PY", D(2011, 5, 9), D(2011, 5, 13))]


def test_a_date_after_until_alone_is_no_event():
    assert find_events("Registration for the course stays open until May 13, 2011.") == []


def test_closing_today_with_its_length_gives_the_start():
    context = Context(today=D(2011, 5, 11))
    text = "Forty inspectors finished a three-day course in Encarnación, Paraguay today."
    [event] = find_events(text, context=context)
    assert (event.country_code, event.start, event.end) == ("PY", D(2011, 5, 9), D(2011, 5, 11))


def test_numeric_dates_are_day_first_on_a_spanish_page():
    text = "• 07/09/2009 - 08/09/2009 | Ciudad de Panamá, Panamá | Reunión técnica preparatoria"
    [event] = find_events(text, context=Context(language="es"))
    assert (event.country_code, event.start, event.end) == ("PA", D(2009, 9, 7), D(2009, 9, 8))
    [event] = find_events(text.replace("Reunión técnica", "Technical meeting"), context=Context(language="en"))
    assert (event.start, event.end) == (D(2009, 7, 9), D(2009, 8, 9))


def test_closing_today_an_event_opened_on_a_weekday():
    context = Context(today=D(2013, 8, 14), place=place_of("Chiclayo"))
    text = ("Terminó hoy en esta ciudad el curso sobre investigación de la trata que la OEA "
            "inauguró el lunes ante cuarenta policías.")
    [event] = find_events(text, context=context)
    assert where_and_when([event]) == [("course", "Chiclayo", "PE", D(2013, 8, 12), D(2013, 8, 14))]


def test_wrapped_up_today_with_its_length():
    context = Context(today=D(2012, 3, 21), place=place_of("Montevideo"))
    text = "Network defenders from four countries wrapped up today a three-day workshop on incident response."
    [event] = find_events(text, context=context)
    assert where_and_when([event]) == [("workshop", "Montevideo", "UY", D(2012, 3, 19), D(2012, 3, 21))]


def test_spanish_closing_today():
    context = Context(today=D(2011, 5, 11), place=place_of("Asunción"))
    text = "Cuarenta inspectores concluyeron hoy dos días de capacitación sobre trabajo forzoso."
    [event] = find_events(text, context=context)
    assert where_and_when([event]) == [("training", "Asunción", "PY", D(2011, 5, 10), D(2011, 5, 11))]


@pytest.mark.parametrize(
    "text",
    [
        "The OAS presented today the results of its training program.",
        "The course on labour inspection closed today.",  # no length: no start
    ],
)
def test_today_without_an_opening_or_a_length_is_no_event(text):
    assert find_events(text, context=Context(today=D(2011, 5, 11))) == []


def test_a_first_day_lasts_as_long_as_the_sentence_says():
    text = "The three-day seminar in Asunción, Paraguay began on Monday, May 9, 2011."
    [event] = find_events(text)
    assert (event.start, event.end) == (D(2011, 5, 9), D(2011, 5, 11))


def test_an_event_no_sentence_places_takes_the_dateline_place():
    context = Context(place=place_of("Asunción"))
    [event] = find_events("The course for labour inspectors ran on May 9-10, 2011.", context=context)
    assert (event.city, event.country_code) == ("Asunción", "PY")


def test_a_place_in_the_heading_wins_over_a_dateline_elsewhere():
    context = Context(place=place_of("Washington, D.C."))
    text = "The course for labour inspectors ran on May 9-10, 2011."
    [event] = find_events(text, heading="OAS Course in Asunción Trains Labour Inspectors", context=context)
    assert (event.city, event.country_code) == ("Asunción", "PY")


def test_a_country_takes_its_city_from_the_dateline():
    context = Context(place=place_of("Asunción"))
    [event] = find_events("The Paraguayan course ran on May 9-10, 2011.", context=context)
    assert (event.city, event.country_code) == ("Asunción", "PY")


def test_countries_participants_come_from_are_not_the_venue():
    text = "Officials of Bolivia, Chile and Peru attended the course on May 9-10, 2011."
    [event] = find_events(text)
    assert event.country_code is None
    [event] = find_events(text, context=Context(place=place_of("Asunción")))
    assert event.country_code == "PY"


def test_capital_named_by_its_country():
    [event] = find_events("Los expertos se reunieron el 9 de mayo de 2011 en la capital paraguaya.")
    assert (event.kind, event.city, event.country_code) == ("meeting", "Asunción", "PY")
    [event] = find_events("A workshop was held in the capital of Paraguay on 9 May 2011.")
    assert (event.city, event.country_code) == ("Asunción", "PY")


def test_meeting_verbs():
    [event] = find_events("Prosecutors met in Asunción, Paraguay on 9-10 May 2011 to agree on a protocol.")
    assert (event.kind, event.country_code) == ("meeting", "PY")
    assert find_events("All targets were met in Asunción on 9 May 2011.") == []


def test_a_list_item_run_on_into_its_note():
    text = ("* 3-4 February 2014, Belize City, Belize Two-day training for immigration and police personnel.\n"
            "* 24-26 June 2014, Kingstown, Saint Vincent and the Grenadines Workshop on victim identification.")
    assert where_and_when(find_events(text)) == [
        ("training", "Belize City", "BZ", D(2014, 2, 3), D(2014, 2, 4)),
        ("workshop", "Kingstown", "VC", D(2014, 6, 24), D(2014, 6, 26)),
    ]


def test_a_governing_body_s_session_is_a_meeting():
    [event] = find_events("Apr 27 | Sixteenth Regular Session of CICTE | OAS Headquarters, Washington, D.C.",
                          dateline_year=2016)
    assert (event.kind, event.country_code, event.start) == ("meeting", "US", D(2016, 4, 27))
    [event] = find_events("La Junta celebró una sesión extraordinaria en Tegucigalpa, Honduras, el 3 de junio de 2019.")
    assert event.kind == "meeting"


def test_the_date_on_a_document_s_cover_is_no_event():
    text = "NINTH REGULAR SESSION | CICTE/doc.5/09 3 March 2009 Original: English"
    assert find_events(text) == []


def test_an_unknown_town_named_as_a_canton_at_the_date_is_the_venue():
    text = ("Autoridades de Loja, en Ecuador, y de Piura, en Perú, participaron en el taller binacional que se "
            "desarrolló los días 21 y 22 de febrero en el cantón Macará.")
    context = Context(language="es", place=find_places("Loja, Ecuador")[0])
    [event] = find_events(text, dateline_year=2018, context=context)
    assert (event.city, event.country_code, event.start) == ("Macará", "EC", D(2018, 2, 21))


def test_a_year_named_just_before_a_yearless_day_is_its_year():
    text = "The group held its first regular meeting of 2013 on Thursday, March 7, at OAS headquarters in Lima, Peru."
    [event] = find_events(text, dateline_year=2014)
    assert (event.kind, event.start) == ("meeting", D(2013, 3, 7))


def test_oas_headquarters_and_washington_named_alone_are_washington_dc():
    text = "Los expertos se reunieron el 8 de junio de 2011 en la sede de la OEA para revisar el plan."
    [event] = find_events(text, context=Context(language="es"))
    assert (event.kind, event.city, event.country_code) == ("meeting", "Washington, D.C.", "US")
    text = "Le projet a été examiné lors de la réunion préparatoire tenue les 7 et 8 octobre 2013 à Washington."
    [event] = find_events(text, context=Context(language="fr"))
    assert (event.city, event.country_code, event.start) == ("Washington, D.C.", "US", D(2013, 10, 7))
    assert [e.city for e in find_events("The meeting in Washington State took place on 8 June 2011.")] == [None]


def test_a_month_recalled_as_last_or_au_mois_de_dates_an_event():
    text = "The workshop follows a similar activity held by the DPS in Georgetown, Guyana, last June."
    [event] = find_events(text, dateline_year=2014, context=Context(today=D(2014, 9, 5)))
    assert (event.city, event.start, event.end) == ("Georgetown", D(2014, 6, 1), D(2014, 6, 30))
    text = "Une première session de formation s'était tenue à Jacmel, Haïti, au mois de mars."
    [event] = find_events(text, dateline_year=2012, context=Context(language="fr", today=D(2012, 5, 4)))
    assert (event.city, event.start) == ("Jacmel", D(2012, 3, 1))


def test_training_verbs():
    [event] = find_events("On 6-8 March 2018 IOM trained 34 police investigators in Montego Bay, Jamaica.")
    assert (event.kind, event.city, event.start, event.end) == ("training", "Montego Bay", D(2018, 3, 6), D(2018, 3, 8))
    [event] = find_events("La OIM capacitó a 30 inspectores en Cobán, Guatemala, el 4 de junio de 2015.")
    assert (event.kind, event.city) == ("training", "Cobán")
    assert find_events("The trained investigators returned to Kingston, Jamaica on 9 March 2018.") == []


def test_an_event_noun_names_the_kind_before_a_meeting_verb():
    text = "Inspectors met in Asunción, Paraguay on 9-10 May 2011."
    assert [e.kind for e in find_events(text, heading="Labour Inspection Course")] == ["course"]


def test_mispa_is_a_meeting():
    assert [e.kind for e in find_events("MISPA III took place in Port of Spain on 17 November 2011.")] == ["meeting"]


def test_portuguese_oficina_is_a_workshop_only_in_portuguese():
    pt = "A oficina aconteceu em Recife, Brasil, nos dias 9 e 10 de maio de 2011."
    assert [e.kind for e in find_events(pt, context=Context(language="pt"))] == ["workshop"]
    es = "La oficina abrió en Recife, Brasil, el 9 de mayo de 2011."
    assert find_events(es, context=Context(language="es")) == []


def test_french_workshop():
    text = "L'atelier s'est tenu à Port-au-Prince, Haïti, du 12 au 14 avril 2011."
    [event] = find_events(text, context=Context(language="fr"))
    assert where_and_when([event]) == [("workshop", "Port-au-Prince", "HT", D(2011, 4, 12), D(2011, 4, 14))]


def test_a_list_without_an_event_word_continues_the_document():
    text = "• Nassau, The Bahamas: 2-3 March 2011\n• Castries, Saint Lucia: 6-7 April 2011"
    assert find_events(text, heading="Next dates") == []
    events = find_events(text, heading="Next dates", context=Context(kind="training"))
    assert [(e.kind, e.country_code) for e in events] == [("training", "BS"), ("training", "LC")]


def test_the_document_kind_does_not_make_prose_dates_events():
    text = "The law against trafficking was passed on 9 May 2011 in Asunción."
    assert find_events(text, context=Context(kind="training")) == []


def test_kind_of():
    assert kind_of("Calendar of Trainings, second half of the year") == "training"
    assert kind_of("Annual report") is None


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            "• |Asunción|\n|Paraguay| - |May 9-10|, 2011| today| opened| closed| three-day| until |Friday, |March 2011"
            "| in |met |course|oficina| |.|Mar 2-3 |1. ".split("|")
        ),
        max_size=30,
    ).map("".join),
    st.sampled_from(["", "Seminars in 2011", "Workshop in Lima"]),
    st.one_of(st.none(), st.dates(dt.date(1, 1, 1), dt.date(9999, 12, 31))),
    st.sampled_from(["und", "pt", "fr"]),
)
def test_fuzz_with_a_context_never_raises(text, heading, today, language):
    context = Context(today=today, place=place_of("Asunción"), kind="training", language=language)
    for e in find_events(text, heading=heading, dateline_year=today.year if today else None, context=context):
        assert e.kind in EVENT_KINDS
        assert (e.start is None) == (e.end is None)
        assert e.start is None or e.start <= e.end


@pytest.mark.parametrize(
    "text",
    [
        "The DPS handed its training manual to the police of Asunción, Paraguay on 9 May 2011.",
        "El gobierno inauguró el centro de capacitación de Asunción, Paraguay el 9 de mayo de 2011.",
    ],
)
def test_an_event_word_that_qualifies_a_thing_is_no_event(text):
    assert find_events(text) == []


def test_opening_a_training_centre_today_is_no_event():
    text = "El ministro inauguró hoy un centro de capacitación para inspectores."
    assert find_events(text, context=Context(today=D(2011, 5, 9), place=place_of("Asunción"))) == []


def test_a_day_the_event_closes_on_ends_the_event_opened_earlier_in_the_sentence():
    text = "The Directing Council opened on 26 September 2011 in Washington, D.C. and will close on 30 September."
    assert [(e.start, e.end) for e in find_events(text, heading="Meetings of the Council")] == [
        (D(2011, 9, 26), D(2011, 9, 30))
    ]
    assert find_events("The course for inspectors in Lima, Peru will close on 30 September 2011.") == []


def test_a_table_row_on_one_line_gives_country_and_city():
    text = "Country | City | Dates\nParaguay | Asunción | 6-7 April\nEcuador | Quito | 4-5 May"
    events = find_events(text, heading="Courses in 2011")
    assert [(e.city, e.country_code, e.start) for e in events] == [
        ("Asunción", "PY", D(2011, 4, 6)), ("Quito", "EC", D(2011, 5, 4)),
    ]


def test_a_table_row_that_names_its_activity_takes_no_kind_from_other_rows():
    text = ("• 3 y 4 de junio | Seminario sobre prevención de la violencia juvenil | Santa Tecla, El Salvador\n"
            "• 15 de julio | Fecha límite para enviar las respuestas nacionales al cuestionario | Asunción, Paraguay")
    events = find_events(text, heading="Calendario de actividades 2008", context=Context(language="es"))
    assert [(e.kind, e.country_code, e.start) for e in events] == [("seminar", "SV", D(2008, 6, 3))]
    events = find_events(text, heading="Talleres de 2008", context=Context(language="es"))
    assert [(e.kind, e.country_code, e.start) for e in events] == [
        ("seminar", "SV", D(2008, 6, 3)), ("workshop", "PY", D(2008, 7, 15))]


def test_a_town_named_after_its_department_is_the_venue():
    text = ("Sub-regional training for police officers from Guatemala, Honduras and El Salvador, held in "
            "Dulce Nombre de Copan, Honduras, on 22-24 October 2012.")
    assert where_and_when(find_events(text)) == [
        ("training", "Dulce Nombre de Copan", "HN", D(2012, 10, 22), D(2012, 10, 24))]


def test_a_paragraph_takes_no_venue_from_the_paragraph_before():
    text = ("Sub-regional training for police officers from Guatemala, Honduras and El Salvador, held in "
            "Dulce Nombre de Copan, Honduras, on 22-24 October 2012, with the Women's Police Unit.\n"
            "Workshop for members of the specialized units of the National Police of Ecuador, Quito, "
            "27-28 February 2013. The workshop also served to validate the guide.")
    assert [(e.country_code, e.start) for e in find_events(text)] == [("HN", D(2012, 10, 22)), ("EC", D(2013, 2, 27))]


def test_a_diplomado_is_a_course():
    text = "Los funcionarios comenzaron el lunes 3 de septiembre de 2012 el diplomado en Santa Ana, El Salvador."
    assert [(e.kind, e.country_code) for e in find_events(text, context=Context(language="es"))] == [("course", "SV")]


@pytest.mark.parametrize("text", [
    "• 30/07/2007 | Cierre de inscripciones para el Diplomado virtual en migración | San José, Costa Rica",
    "The deadline for applications to the regional course is 30 July 2007 (San José, Costa Rica).",
    "• Deadline for nominations | 23 February 2018 | Training of trainers, Basseterre, St. Kitts and Nevis",
    "Nominations for the training in Basseterre, St. Kitts and Nevis, are due by 23 February 2018.",
    "Las postulaciones al curso en Lima, Perú, se reciben a más tardar el 5 de mayo de 2010.",
    "Las inscripciones para el curso virtual en Lima, Perú, cierran el viernes 17 de octubre de 2014.",
    "Registration for the course in Lima, Peru closes on 17 October 2014.",
    "• Nomination deadline 5 June 2015 | Workshop in Montego Bay, Jamaica",
    "Participants in the workshop in Cochabamba, Bolivia, should plan to arrive on Sunday 5 November 2017.",
    "El taller en Encarnación, Paraguay, precedió al 25 de noviembre de 2015, Día Internacional de la Eliminación "
    "de la Violencia contra la Mujer.",
])
def test_a_deadline_for_an_event_is_no_event(text):
    assert find_events(text, context=Context(language="es")) == []


def test_a_calendar_entry_runs_from_its_day_down_to_the_next_day():
    text = ("12-13 sep. 2024\n"
            "Taller: identificación temprana de víctimas en pasos fronterizos\n"
            "Dirigido a personal de migraciones y de la gendarmería.\n"
            "Posadas, Misiones (Argentina)\n"
            "01 oct. 2024\n"
            "Seminario regional sobre movilidad humana en el Gran Chaco\n"
            "Con autoridades de Argentina, Bolivia y Paraguay.\n"
            "Asunción, Paraguay\n"
            "22-24 oct. 2024\n"
            "Curso sobre gestión de fronteras\n"
            "Arica (Chile)\n"
            "27 jun. 2024\n"
            "Webinar sobre datos de trata\n"
            "En línea\n")
    events = find_events(text, context=Context(language="es"))
    assert [(e.kind, e.city, e.country_code, e.start) for e in events] == [
        ("workshop", "Posadas", "AR", D(2024, 9, 12)),
        ("seminar", "Asunción", "PY", D(2024, 10, 1)),
        ("course", "Arica", "CL", D(2024, 10, 22)),
    ]


def test_calendar_rows_under_a_month_line_take_its_month():
    text = ("• Fecha | Actividad | Sede\nFebrero\n• 23 al 25 | Taller subregional | San José, Costa Rica\n"
            "Junio\n• Por confirmar | Taller nacional | Lima, Perú\n"
            "Agosto – Septiembre\n• 29 de agosto al 2 de septiembre | Curso regional | Cochabamba, Bolivia\n"
            "• Fecha por definir | Seminario | Montevideo, Uruguay")
    events = find_events(text, heading="Calendario de actividades 2016", context=Context(language="es"))
    assert [(e.country_code, e.start, e.end, e.precision) for e in events] == [
        ("CR", D(2016, 2, 23), D(2016, 2, 25), "day"),
        ("PE", D(2016, 6, 1), D(2016, 6, 30), "month"),
        ("BO", D(2016, 8, 29), D(2016, 9, 2), "day"),
    ]


def test_an_acronym_after_at_is_no_town():
    brasilia = Context(today=D(2014, 12, 6), place=find_places("Brasília")[0])
    text = "A group of government experts met on October 16, 2014 at OAS headquarters in Washington, D.C."
    assert [(e.city, e.country_code) for e in find_events(text, context=brasilia)] == [("Washington, D.C.", "US")]


def test_a_report_signed_with_a_place_and_a_month_dates_no_event():
    text = "Se prevé un nuevo taller para 2012.\nGuatemala de la Asunción, octubre de 2011"
    assert find_events(text, heading="Informe nacional", context=Context(language="es", kind="workshop")) == []


def test_an_item_with_its_venue_on_the_line_below():
    text = ("• 1 al 3 de octubre Curso de capacitación en investigación criminal para agentes de policía.\n"
            "Ciudad de Guatemala, Guatemala – Academia de la Policía Nacional Civil.\nResponsable: DSP.\n"
            "• 8 de octubre Reunión ordinaria de la Comisión.\nWashington, D.C. – Sede de la OEA.")
    events = find_events(text, heading="Agenda – Octubre de 2014", context=Context(language="es"))
    assert [(e.kind, e.country_code, e.start) for e in events] == [
        ("course", "GT", D(2014, 10, 1)), ("meeting", "US", D(2014, 10, 8))]


def test_a_row_without_a_place_takes_none_from_the_next_row():
    text = ("• 15 de julio | Fecha límite para las respuestas al cuestionario | – | MISPA\n"
            "• 25 al 27 de agosto | Taller de policía comunitaria | Valparaíso, Chile | DSP")
    events = find_events(text, heading="Calendario de actividades 2008", context=Context(language="es"))
    assert ("CL", D(2008, 8, 25)) in [(e.country_code, e.start) for e in events]
    assert ("CL", D(2008, 7, 15)) not in [(e.country_code, e.start) for e in events]


def test_a_numbered_item_takes_no_venue_from_the_next_item():
    text = ("2.2 Course on forensic care for physicians of the Ministry of Public Health of Guatemala.\n"
            "Quetzaltenango, Guatemala, 16-20 April 2012. 31 participants.\n"
            "2.3 National guidelines were updated in El Salvador and Panama.")
    assert [(e.country_code, e.start) for e in find_events(text)] == [("GT", D(2012, 4, 16))]


def test_a_month_inside_a_town_name_is_no_month():
    text = "A similar workshop will take place in May Pen, Clarendon, in September 2016."
    assert [(e.city, e.start, e.precision) for e in find_events(text)] == [("May Pen", D(2016, 9, 1), "month")]


def test_a_session_is_a_part_of_the_event_the_document_reports():
    text = "The first session, held in San Fernando, Trinidad and Tobago, from 2 to 4 October 2019, had 34 officials."
    assert kind_of("IOM Trains Frontline Officials in Trinidad and Tobago") == "training"
    assert [(e.kind, e.start) for e in find_events(text, context=Context(kind="training"))] == [
        ("training", D(2019, 10, 2))]
    assert find_events(text) == []


def test_the_first_and_the_second_are_the_events_the_document_reports():
    text = ("El primero se llevó a cabo en La Ceiba, Atlántida, el 20 y 21 de febrero de 2020, con personal "
            "municipal. El segundo se realizó en Choluteca el 24 y 25 de febrero de 2020.")
    events = find_events(text, context=Context(kind="workshop", language="es"))
    assert [(e.kind, e.country_code, e.start, e.end) for e in events] == [
        ("workshop", "HN", D(2020, 2, 20), D(2020, 2, 21)),
        ("workshop", "HN", D(2020, 2, 24), D(2020, 2, 25))]
    text = "The second was held in Choluteca on 24-25 February 2020."
    assert [e.start for e in find_events(text, context=Context(kind="workshop"))] == [D(2020, 2, 24)]
    text = "The first of the new laws was adopted in Choluteca on 24 February 2020."
    assert find_events(text, context=Context(kind="workshop")) == []


def test_last_year_dates_a_yearless_day_in_the_year_before():
    text = "Last year, on August 4 and 5, the DPS held a training in Panama City for police instructors."
    assert [e.start for e in find_events(text, dateline_year=2011)] == [D(2010, 8, 4)]
    assert [e.start for e in find_events(text.replace("Last year, on", "On"), dateline_year=2011)] == [D(2011, 8, 4)]
    text = "The meeting, held on 19-20 November in Panama City, reviewed guidelines drafted since last year."
    assert [e.start for e in find_events(text, dateline_year=2013)] == [D(2013, 11, 19)]


def test_a_closing_today_takes_its_length_from_the_next_sentence():
    text = ("The Second Meeting of National Authorities concluded today in Buenos Aires, Argentina. "
            "The three-day meeting was held at the Palacio San Martín.")
    events = find_events(text, context=Context(today=D(2009, 3, 27)))
    assert [(e.kind, e.country_code, e.start, e.end) for e in events] == [
        ("meeting", "AR", D(2009, 3, 25), D(2009, 3, 27))]


def test_a_session_that_opened_on_one_weekday_and_closed_on_another():
    text = ("Vingt-huit agents ont suivi à Jacmel, Haïti, une formation de trois jours. "
            "La formation s'est ouverte lundi et s'est achevée mercredi par la remise des certificats.")
    events = find_events(text, context=Context(today=D(2017, 6, 16), language="fr"))
    assert [(e.start, e.end) for e in events] == [(D(2017, 6, 12), D(2017, 6, 14))]


def test_an_event_that_closed_yesterday_ends_then_and_starts_no_event():
    text = ("The training opened on Tuesday in Quetzaltenango, Guatemala. "
            "The training closed yesterday with a simulation at a mock border post.")
    events = find_events(text, context=Context(today=D(2017, 3, 24)))
    assert [(e.start, e.country_code) for e in events] == [(D(2017, 3, 21), "GT")]


def test_a_course_closed_yesterday_ran_the_days_before():
    text = "La CICAD clausuró ayer en Heredia, Costa Rica, un curso de capacitación de tres días para jueces."
    events = find_events(text, context=Context(today=D(2016, 10, 21), language="es"))
    assert [(e.kind, e.country_code, e.start, e.end) for e in events] == [
        ("course", "CR", D(2016, 10, 18), D(2016, 10, 20))]
    text = "L'OEA a clôturé hier, à Cap-Haïtien, un atelier de trois jours pour 42 agents de la police."
    events = find_events(text, context=Context(today=D(2014, 11, 28), language="fr"))
    assert [(e.kind, e.city, e.start, e.end) for e in events] == [
        ("workshop", "Cap-Haïtien", D(2014, 11, 25), D(2014, 11, 27))]


def test_formacion_is_a_training():
    text = "La jornada de formación para funcionarios se realizó en Liberia, Costa Rica, el 8 de junio de 2010."
    assert [(e.kind, e.country_code) for e in find_events(text, context=Context(language="es"))] == [
        ("training", "CR")]


def test_a_date_cell_with_nothing_above_takes_the_place_below():
    text = "6-7 April 2011\nAsunción\nParaguay"
    [event] = find_events(text, heading="Seminar calendar")
    assert (event.city, event.country_code) == ("Asunción", "PY")


def test_a_day_said_to_be_past_falls_before_the_page_day():
    today = Context(today=D(2011, 2, 3))
    text = "The Secretariat published the findings of the workshop it held last November 29 and 30 in Cusco, Peru."
    assert where_and_when(find_events(text, dateline_year=2011, context=today)) == [
        ("workshop", "Cusco", "PE", D(2010, 11, 29), D(2010, 11, 30))]
    text = "Los fiscales participaron en el taller del 29 de noviembre pasado en Cusco, Perú."
    assert find_events(text, dateline_year=2011, context=today)[0].start == D(2010, 11, 29)
    text = "A second workshop will be held on November 29 in Cusco, Peru."
    assert find_events(text, dateline_year=2011, context=today)[0].start == D(2011, 11, 29)


def test_a_town_the_gazetteer_does_not_know_places_the_event_in_its_country():
    text = "Border officers attended a course on 3 and 4 June 2010 in Zarumilla, Peru, with colleagues from Ecuador."
    assert where_and_when(find_events(text)) == [("course", "Zarumilla", "PE", D(2010, 6, 3), D(2010, 6, 4))]


def test_a_labelled_field_gives_the_place():
    text = "• Date\n• Thursday, 9 June 2011\n• Venue\n• Quetzaltenango, Guatemala — Municipal Theatre\n• Cost\n• Free"
    assert where_and_when(find_events(text, heading="Workshop on Child Labour")) == [
        ("workshop", "Quetzaltenango", "GT", D(2011, 6, 9), D(2011, 6, 9))]
    text = "Fecha: 9 de junio de 2011\nLugar: Cobán, Guatemala"
    assert find_events(text, heading="Curso sobre trabajo infantil")[0].country_code == "GT"
    text = ("• Actividad: Taller regional sobre información de seguridad ciudadana\n• Fecha: 05/12/2017 – 06/12/2017\n"
            "• Lugar: San José, Costa Rica\n• Organiza: Proyecto regional InfoSegura (PNUD)")
    assert where_and_when(find_events(text, heading="Noticias", context=Context(language="es"))) == [
        ("workshop", "San José", "CR", D(2017, 12, 5), D(2017, 12, 6))]


@pytest.mark.parametrize(
    "text",
    [
        "• September (to be confirmed) — Seminar for labour inspectors — Asunción, Paraguay",
        "• Septiembre — Seminario para inspectores de trabajo — Asunción (Paraguay)",
        "Asunción, Paraguay September 2013 Seminar for labour inspectors",
    ],
)
def test_a_month_heading_a_schedule_line_dates_its_event(text):
    events = find_events(text, heading="Activities for 2013")
    assert [(e.kind, e.country_code, e.start, e.end, e.precision) for e in events] == [
        ("seminar", "PY", D(2013, 9, 1), D(2013, 9, 30), "month")]


def test_a_month_without_a_year_after_in_takes_the_page_year():
    text = "A follow-up course will be held in Georgetown, Guyana, in October."
    events = find_events(text, dateline_year=2012)
    assert [(e.country_code, e.start, e.precision) for e in events] == [("GY", D(2012, 10, 1), "month")]


def test_a_month_with_its_own_place_beside_a_day_elsewhere():
    text = ("The first meeting took place in Quito, Ecuador, in March 2008, and the second in Lima, Peru, "
            "on March 12 and 13, 2010.")
    assert [(e.country_code, e.start, e.precision) for e in find_events(text)] == [
        ("EC", D(2008, 3, 1), "month"), ("PE", D(2010, 3, 12), "day")]


def test_a_consultation_is_a_meeting_unless_it_is_done_in_consultation_with():
    text = "Castries, Saint Lucia 14-15 March 2011 National consultation on the draft youth policy."
    assert [(e.kind, e.country_code) for e in find_events(text)] == [("meeting", "LC")]
    text = "The plan was drafted on 14 March 2011 in Castries in consultation with the police."
    assert find_events(text) == []


def test_only_the_dates_within_the_given_bounds_are_returned():
    text = ("Kingston, Jamaica\nApril 3-4, 2009\nMeeting of prosecutors\n"
            "Nassau, Bahamas\nMay 5-6, 2009\nMeeting of judges")
    start = text.index("May")
    events = find_events(text, within=(start, len(text)))
    assert [(e.country_code, e.start) for e in events] == [("BS", D(2009, 5, 5))]


# ---------------------------------------------------------------- days named against the page's date


def dated(day: dt.date, place: str, language: str = "en") -> Context:
    return Context(today=day, place=find_places(place)[0], language=language)


def test_a_weekday_dates_an_event_against_the_page_date():
    text = "Customs officers from Belize and Guatemala met last Tuesday in Belmopan for a two-day workshop on fraud."
    events = find_events(text, context=dated(D(2012, 3, 16), "Belmopan"))
    assert where_and_when(events) == [("workshop", "Belmopan", "BZ", D(2012, 3, 13), D(2012, 3, 13))]


def test_a_weekday_that_ends_an_event_is_no_event_of_its_own():
    text = "During the workshop, which ended on Wednesday, the officers reviewed seizure records."
    assert find_events(text, context=dated(D(2012, 3, 16), "Belmopan")) == []


def test_days_of_this_month_date_an_event():
    text = "Nurses from four districts attended a course on the 5th and 6th of this month in Georgetown, Guyana."
    events = find_events(text, context=dated(D(2012, 3, 9), "Georgetown"))
    assert where_and_when(events) == [("course", "Georgetown", "GY", D(2012, 3, 5), D(2012, 3, 6))]


# ---------------------------------------------------------------- a town the gazetteer does not know


def test_an_unknown_town_at_the_date_is_the_venue_in_the_dateline_country():
    text = ("Vingt douaniers ont suivi du 2 au 4 avril, à Anse-à-Pitres, une formation sur la traite, "
            "en face de Pedernales, en République dominicaine.")
    events = find_events(text, dateline_year=2011, context=dated(D(2011, 4, 7), "Port-au-Prince", "fr"))
    assert where_and_when(events) == [("training", "Anse-à-Pitres", "HT", D(2011, 4, 2), D(2011, 4, 4))]


def test_an_unknown_town_in_a_region_of_a_named_country_is_in_that_country():
    text = ("Authorities gathered on 27 and 28 November in Roatán, in the Bay Islands of Honduras, for a "
            "meeting of the Regional Coalition.")
    events = find_events(text, dateline_year=2023, context=dated(D(2023, 11, 30), "San José, Costa Rica"))
    assert where_and_when(events) == [("meeting", "Roatán", "HN", D(2023, 11, 27), D(2023, 11, 28))]
    text = "El taller se realizó el 5 de mayo de 2014 en Suchitoto, en el departamento de Cuscatlán."
    events = find_events(text, context=dated(D(2014, 5, 9), "Ciudad de Panamá", "es"))
    assert [(e.city, e.country_code) for e in events] == [("Suchitoto", "SV")]


def test_an_unknown_town_far_from_the_date_leaves_the_named_place():
    text = ("Agentes de Tabatinga participaram de uma oficina realizada na Colômbia, "
            "em Letícia, entre 3 e 5 de maio de 2011.")
    events = find_events(text, context=dated(D(2011, 5, 9), "Brasília", "pt"))
    assert [e.country_code for e in events] == ["CO"]


def test_an_unknown_town_needs_a_dateline_country():
    text = "Agentes participaram de um seminário realizado em Tabatinga entre 3 e 5 de maio de 2011, na Colômbia."
    assert [e.country_code for e in find_events(text, context=Context(language="pt"))] == ["CO"]


# ---------------------------------------------------------------- consultations and tables


def test_a_consultation_with_experts_is_a_meeting_but_not_working_in_consultation():
    listing = "Quito, Ecuador ........ 4 May 2012 Consultation with experts on prison statistics and surveys."
    assert where_and_when(find_events(listing)) == [("meeting", "Quito", "EC", D(2012, 5, 4), D(2012, 5, 4))]
    prose = "On 4 May 2012 the plan was drafted in Quito, Ecuador, in consultation with the ministry."
    assert find_events(prose) == []


def test_a_month_heading_a_table_row_takes_its_row_place():
    table = ("Dates\nActivity\nVenue\nMarch 3–4\nWorkshop on port security\nKingston, Jamaica\n"
             "July (TBC)\nSeminar on cybercrime\nAsunción, Paraguay")
    events = find_events(table, heading="Calendar 2014")
    assert [(e.kind, e.country_code, e.start, e.end, e.precision) for e in events] == [
        ("workshop", "JM", D(2014, 3, 3), D(2014, 3, 4), "day"),
        ("seminar", "PY", D(2014, 7, 1), D(2014, 7, 31), "month"),
    ]


def test_the_date_a_page_was_published_is_no_event():
    text = ("Seminário em Recife discute o tráfico de pessoas\nPublicado em Terça, 26 Novembro 2013 15:42\n"
            "A OPAS realiza nos dias 3 e 4 de dezembro, em Recife (PE), o Seminário Regional Nordeste.")
    events = find_events(text, dateline_year=2013, context=dated(D(2013, 11, 26), "Brasília", "pt"))
    assert where_and_when(events) == [("seminar", "Recife", "BR", D(2013, 12, 3), D(2013, 12, 4))]


def test_a_weekday_is_no_town():
    text = "O seminário aconteceu em Segunda, 2 de dezembro de 2013, com gestores de saúde."
    events = find_events(text, context=dated(D(2013, 12, 5), "Brasília", "pt"))
    assert [e.city for e in events] == ["Brasília"]


def test_a_year_the_sentence_names_dates_its_yearless_days():
    text = ("Two national training sessions were held in the first quarter of 2011: in Nassau, The Bahamas, "
            "on February 7-8, for police officers; and in St. John's, Antigua and Barbuda, on March 3-4.")
    assert where_and_when(find_events(text, dateline_year=2012)) == [
        ("training", "Nassau", "BS", D(2011, 2, 7), D(2011, 2, 8)),
        ("training", "St. John's", "AG", D(2011, 3, 3), D(2011, 3, 4)),
    ]
    text = "El PNUD trabajó con las alcaldías. En 2009 apoyó un curso en San Miguel, El Salvador, del 4 al 6 de mayo."
    assert [e.start for e in find_events(text, dateline_year=2010)] == [D(2009, 5, 4)]


def test_a_plan_period_or_a_programme_start_lends_no_year():
    text = "Under the 2010-2012 work plan a workshop was held in Lima, Peru, on May 4-5."
    assert [e.start for e in find_events(text, dateline_year=2011)] == [D(2011, 5, 4)]
    text = "En el programa iniciado en 2009 se dictó un curso en Cochabamba, Bolivia, los días 13 y 14 de agosto."
    assert [e.start for e in find_events(text, dateline_year=2012)] == [D(2012, 8, 13)]


def test_a_place_set_as_a_sentence_of_its_own_after_the_date_is_the_venue():
    text = ("• 8 al 10 de marzo – Taller subregional sobre la investigación financiera de la trata de personas "
            "y del tráfico de migrantes, con módulos prácticos. Asunción, Paraguay. Participan fiscales de "
            "Argentina, Brasil y Uruguay.")
    events = find_events(text, heading="Calendario 2016", context=Context(language="es"))
    assert where_and_when(events) == [("workshop", "Asunción", "PY", D(2016, 3, 8), D(2016, 3, 10))]


def test_a_table_s_venue_column_places_its_rows():
    table = ("• Fecha | Evento | Lugar\n"
             "• 03/04/2023 – 05/04/2023 | Taller regional sobre la derivación de víctimas de trata, con la "
             "participación de autoridades de Argentina, Brasil, Paraguay y Uruguay y de organizaciones "
             "de la sociedad civil de la región | Montevideo, Uruguay\n"
             "• 31/05/2023 | Cierre de convocatoria: becas para el Curso Virtual de Gobernanza Migratoria | —")
    events = find_events(table, heading="Agenda de eventos", context=Context(language="es"))
    assert where_and_when(events) == [("workshop", "Montevideo", "UY", D(2023, 4, 3), D(2023, 4, 5))]


def test_an_event_held_today_is_one_day_on_the_page_s_day():
    today = dated(D(2016, 5, 3), "Montevideo", "es")
    text = "Con legisladores y académicos se realizó hoy el seminario sobre convivencia y seguridad ciudadana."
    assert where_and_when(find_events(text, context=today)) == [
        ("seminar", "Montevideo", "UY", D(2016, 5, 3), D(2016, 5, 3))]
    text = "Técnicos de cuatro intendencias participaron hoy en un taller sobre planificación local."
    assert [e.start for e in find_events(text, context=today)] == [D(2016, 5, 3)]
    text = "La OEA anunció hoy el taller sobre planificación local que tendrá lugar en junio."
    assert find_events(text, context=today) == []


def test_items_run_together_on_one_line_are_sentences_of_their_own():
    text = ("- Second regional course on crime analysis for police analysts, Castries, Saint Lucia, 12-16 November "
            "2018. - Launch of the Saint Lucia and Guyana survey results (early 2019, date to be confirmed).")
    assert where_and_when(find_events(text)) == [("course", "Castries", "LC", D(2018, 11, 12), D(2018, 11, 16))]


def test_a_quotation_in_guillemets_is_a_sentence_of_its_own():
    text = ("L'atelier s'inscrit dans l'appui à la loi publiée en juin 2014.\n"
            "« La loi existe », a souligné la représentante de l'OEA en Haïti.")
    assert find_events(text, context=Context(language="fr")) == []


def test_an_event_that_closed_on_a_day_ran_the_days_before_it():
    text = ("El pasado viernes, el PNUD y el ministerio clausuraron en Santiago de los Caballeros una "
            "capacitación de tres días para gestores comunitarios.")
    events = find_events(text, context=dated(D(2022, 4, 4), "Santo Domingo", "es"))
    assert [(e.start, e.end) for e in events] == [(D(2022, 3, 30), D(2022, 4, 1))]
