import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from kb.events import EVENT_KINDS, find_events

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


def test_month_only_is_not_an_event():
    text = "Ministers met again at MISPA II, held in November 2009 in Santo Domingo, to study the causes of violence."
    assert find_events(text, heading="Meetings of Ministers Responsible for Public Security") == []


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
    [event] = find_events("Consuls met in Quito, Ecuador on July 16-17, 2008.", heading=heading)
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
