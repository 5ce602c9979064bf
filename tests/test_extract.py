import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from kb.extract import annotate, describe, distinct_events
from kb.models import Block, Event, ParsedDocument, event_from_dict, event_to_dict
from kb.passages import split_passages

D = dt.date


def document(*blocks: Block, title: str = "News"):
    parsed = ParsedDocument(title=title, blocks=list(blocks), doc_type="html")
    passages = split_passages("doc", parsed.blocks)
    dateline = annotate(passages, parsed)
    return describe("doc", "https://www.oas.org/en/news/doc.asp", parsed, passages, dateline)


def heading(text: str) -> Block:
    return Block(text, kind="heading", level=1)


def where_and_when(info):
    return [(e.kind, e.city, e.country_code, e.start, e.end) for e in info.events]


def test_a_heading_dateline_dates_and_places_the_story():
    info = document(
        heading("Asunción, 11 May 2011"),
        Block("Labour inspectors from the whole country took part on 9 and 10 May in a course on the "
              "indicators of forced labour organized by the Department of Public Security."),
    )
    assert where_and_when(info) == [("course", "Asunción", "PY", D(2011, 5, 9), D(2011, 5, 10))]
    assert info.date == D(2011, 5, 11)
    assert [c.code for c in info.countries] == ["PY"]


def test_the_issuing_office_in_a_dateline_is_not_a_country_of_the_page():
    info = document(
        heading("OAS Trains Labour Inspectors in Paraguay"),
        Block("Washington, D.C., May 11, 2011 - Fifty labour inspectors completed a course on forced labour "
              "held in Asunción on May 9-10, 2011."),
    )
    assert [c.code for c in info.countries] == ["PY"]
    assert where_and_when(info) == [("course", "Asunción", "PY", D(2011, 5, 9), D(2011, 5, 10))]


def test_the_dateline_place_counts_when_an_event_takes_place_there():
    info = document(Block("Washington, D.C., May 11, 2011 - The Permanent Council held a special meeting on "
                          "May 10, 2011 to discuss trafficking in persons."))
    assert [c.code for c in info.countries] == ["US"]
    assert [(e.city, e.start) for e in info.events] == [("Washington, D.C.", D(2011, 5, 10))]


def test_a_footer_address_is_not_a_country_of_the_page():
    info = document(
        Block("The observatory of Paraguay presented its first report on violence against women."),
        Block("1889 F Street, N.W., Washington, D.C. 20006, United States"),
    )
    assert [c.code for c in info.countries] == ["PY"]


def test_an_address_inside_a_long_line_is_not_a_country_of_the_page():
    info = document(Block(
        "Notes: all courses are given in the language of the host country, and sub-regional activities in Central "
        "America in Spanish; Honduras hosts the next one. For more information: CICTE Secretariat, 1889 F Street "
        "N.W., Washington, D.C. 20006 - cicte@oas.org"))
    assert [c.code for c in info.countries] == ["HN"]


def test_a_contact_line_with_a_telephone_is_not_a_country_of_the_page():
    info = document(
        Block("The observatory of Paraguay presented its first report on violence against women."),
        Block("Representación en Paraguay\nEdificio Faro del Río, Mcal. López 957 esq. Estados Unidos, Asunción, "
              "Paraguay – Tel.: (595-21) 450 495"),
    )
    assert [c.code for c in info.countries] == ["PY"]


def test_an_issuing_office_that_leads_the_story_is_not_a_country_of_the_page():
    info = document(
        Block("29 septembre 2017"),
        Block("Washington, D.C. – L'Organisation a tenu du 26 au 28 septembre à Montréal (Québec) un atelier "
              "régional sur la collecte de données relatives à la traite des personnes."),
    )
    assert [c.code for c in info.countries] == ["CA"]
    assert [(e.city, e.start) for e in info.events] == [("Montréal", D(2017, 9, 26))]


def test_a_table_of_delegations_is_not_a_signature():
    info = document(
        Block("The following member states were represented:"),
        Block("Antigua and Barbuda | Ecuador | Panama", kind="item"),
        Block("Argentina | El Salvador | Paraguay", kind="item"),
    )
    assert {c.code for c in info.countries} == {"AG", "EC", "PA", "AR", "SV", "PY"}


def test_a_nationality_in_an_agency_name_is_not_a_country_of_the_page():
    info = document(Block("The Canadian International Development Agency paid for the course in Paraguay."))
    assert [c.code for c in info.countries] == ["PY"]


def test_an_event_told_twice_is_one_event():
    info = document(
        Block("Asunción, 11 May 2011 (OAS) - Fifty inspectors finished a three-day course on forced labour today. "
              "The course, which began on 9 May, was the first of its kind."),
    )
    assert where_and_when(info) == [("course", "Asunción", "PY", D(2011, 5, 9), D(2011, 5, 11))]


def test_a_day_of_an_event_told_again_is_that_event():
    info = document(
        Block("Quetzaltenango – 14 March 2019 – Forty-two officers finished three days of training on Wednesday "
              "on how to recognize people who may have been trafficked."),
        Block("The training, held from 11 to 13 March at the regional headquarters in Quetzaltenango, was organized "
              "with the Public Prosecutor's Office. A seminar for judges took place there on 12 March."),
    )
    assert [(e.kind, e.start, e.end) for e in info.events] == [
        ("training", D(2019, 3, 11), D(2019, 3, 13)), ("seminar", D(2019, 3, 12), D(2019, 3, 12))]


def test_the_opening_day_of_an_event_told_again_is_that_event_wherever_the_page_was_written():
    info = document(
        Block("Washington, D.C., 13 de septiembre de 2013"),
        Block("Treinta funcionarios de migración concluyeron hoy en Ciudad de Panamá un curso de cinco días "
              "sobre documentos de viaje fraudulentos, organizado por el Comité Interamericano contra el Terrorismo."),
        Block("El curso, que se inauguró el lunes en la academia del servicio de migración, combinó teoría y "
              "ejercicios prácticos sobre el examen de pasaportes, visas y documentos de identidad."),
    )
    assert where_and_when(info) == [("course", "Panama City", "PA", D(2013, 9, 9), D(2013, 9, 13))]


def test_the_days_of_an_agenda_are_its_meeting():
    info = document(
        heading("Subregional Meeting of National Focal Points"),
        Block("The meeting was held in Antigua Guatemala, Guatemala, from 14 to 16 May 2019."),
        Block("Agenda", kind="heading", level=2),
        Block("Tuesday 14 May 2019 – Opening; country presentations (Belize, Costa Rica)", kind="item"),
        Block("Wednesday 15 May 2019 – Country presentations (Honduras, Nicaragua)", kind="item"),
    )
    assert [(e.city, e.country_code, e.start) for e in info.events] == [("Antigua Guatemala", "GT", D(2019, 5, 14))]


def test_a_month_event_gives_way_to_a_day_event_of_the_same_month():
    info = document(
        Block("The observatories held a meeting in Asunción, Paraguay, in May 2011. Its sessions were not public."),
        Block("Paraguay hosted the meeting of observatories in Asunción on 9-10 May 2011, with delegates from "
              "eleven countries of the region."),
    )
    assert [(e.start, e.precision) for e in info.events] == [(D(2011, 5, 9), "day")]


def test_a_month_event_alone_stays():
    info = document(Block("The observatories held their meeting in Asunción, Paraguay, in May 2011."))
    assert [(e.start, e.end, e.precision) for e in info.events] == [(D(2011, 5, 1), D(2011, 5, 31), "month")]


def test_a_heading_of_place_and_dates_under_the_event_s_name_is_that_event():
    info = document(
        heading("Seminario Regional sobre Trata de Personas"),
        Block("Medellín, Colombia – del 22 al 24 de octubre de 2018", kind="heading", level=2),
        Block("El Departamento invita a funcionarios de los países andinos a inscribirse antes del 10 de octubre."),
    )
    assert where_and_when(info) == [("seminar", "Medellín", "CO", D(2018, 10, 22), D(2018, 10, 24))]


def test_a_town_the_document_names_with_its_country_places_its_events_elsewhere():
    info = document(
        Block("Trainings were delivered in Dajabón and in Jimaní, Dominican Rep., with border agents of both "
              "countries and inspectors of the migration service, as planned in the project document."),
        Block("A binational coordination meeting was held in Jimaní on 22 November 2016 with prosecutors."),
    )
    assert [(e.city, e.country_code, e.start) for e in info.events] == [("Jimaní", "DO", D(2016, 11, 22))]


def test_a_list_with_no_event_word_continues_the_document():
    info = document(
        heading("Labour inspection courses"),
        Block("The first course took place in Asunción, Paraguay on 9-10 May 2011, for fifty inspectors "
              "from the whole country, with the support of the national labour ministry and of IOM."),
        heading("Next dates"),
        Block("Encarnación, Paraguay: 6-7 June 2011", kind="item"),
        Block("Quito, Ecuador: 4-5 July 2011", kind="item"),
    )
    assert [(e.kind, e.country_code, e.start) for e in info.events] == [
        ("course", "PY", D(2011, 5, 9)), ("course", "PY", D(2011, 6, 6)), ("course", "EC", D(2011, 7, 4)),
    ]


def test_a_schedule_titled_by_its_kind():
    info = document(
        Block("Quito, Ecuador: 4-5 July 2011", kind="item"),
        Block("Lima, Peru: 8-9 August 2011", kind="item"),
        title="Calendar of Seminars",
    )
    assert [e.kind for e in info.events] == ["seminar", "seminar"]


def test_distinct_events_keeps_a_city_and_the_later_end():
    one = Event("course", "", None, "Paraguay", "PY", D(2011, 5, 9), D(2011, 5, 9))
    two = Event("course", "", "Asunción", "Paraguay", "PY", D(2011, 5, 9), D(2011, 5, 11))
    [event] = distinct_events([one, two])
    assert (event.city, event.end) == ("Asunción", D(2011, 5, 11))


def test_distinct_events_keeps_undated_events_and_open_ends():
    undated = Event("course", "", None, "Paraguay", "PY", None, None)
    open_end = Event("course", "", "Asunción", "Paraguay", "PY", D(2011, 5, 9), None)
    one_day = Event("course", "", None, "Paraguay", "PY", D(2011, 5, 9), D(2011, 5, 9))
    assert distinct_events([undated, open_end, one_day]) == [undated, open_end]


def test_precision_survives_a_round_trip():
    event = Event("meeting", "", "Asunción", "Paraguay", "PY", D(2011, 5, 1), D(2011, 5, 31), 3, "month")
    assert event_from_dict(event_to_dict(event) | {"passage": 3}) == event
    assert event_from_dict({k: v for k, v in event_to_dict(event).items() if k != "precision"}).precision == "day"


def test_a_street_named_in_prose_does_not_hide_the_country():
    info = document(Block("Los inspectores de Uruguay se reunieron en la sede de la Avenida Brasil, en el centro de "
                          "Montevideo, para revisar los casos de trabajo forzoso del último año."))
    assert [c.code for c in info.countries] == ["UY"]


def test_a_table_cut_by_a_passage_end_keeps_its_rows_together():
    cells = ["Our calendar for the year follows. Each national commission receives the invitation in time, "
             "with the programme and the practical information for participants and their delegations.",
             "Date", "Activity", "Venue"]
    rows = [("March 3-4", "Course for customs officers of the region on precursor chemicals", "Lima, Peru"),
            ("May 5-6", "Seminar for drug observatories on school surveys", "Quito, Ecuador"),
            ("June 7-8", "Workshop for treatment counsellors working in prisons", "La Paz, Bolivia"),
            ("August 9-10", "Meeting of the expert group on money laundering", "Asunción, Paraguay")]
    blocks = [Block(c) for c in cells] + [Block(c) for row in rows for c in row]
    info = document(heading("Calendar 2012"), *blocks)
    assert [(e.country_code, e.start) for e in info.events] == [
        ("PE", D(2012, 3, 3)), ("EC", D(2012, 5, 5)), ("BO", D(2012, 6, 7)), ("PY", D(2012, 8, 9))]


def test_a_copyright_line_and_a_signature_line_are_chrome():
    info = document(
        heading("Ministers Review Prison Reform"),
        Block("Officials from Honduras discussed prison reform with the Secretariat."),
        Block("Summits Secretariat – Organization of American States – Washington, D.C."),
        Block("(c) 2012 United Nations Development Programme, One United Nations Plaza, New York, NY 10017, USA"),
    )
    assert [c.code for c in info.countries] == ["HN"]


def test_a_weekday_in_the_story_is_read_against_the_dateline():
    info = document(
        heading("Police of the Eastern Caribbean Train in Castries"),
        Block("CASTRIES, Saint Lucia, Friday, June 15, 2012 - Twenty police officers met last Monday for a "
              "three-day workshop on the protection of trafficking victims, organised by the OAS."),
    )
    assert [(e.country_code, e.start) for e in info.events] == [("LC", D(2012, 6, 11))]


def test_a_dotted_dateline_is_day_first_and_dates_this_month():
    info = document(
        heading("Guyana Immigration Officers Trained"),
        Block("Georgetown, 09.06.2011\nThirty immigration officers took part in a course held on the 6th and 7th "
              "of this month at the police academy."),
    )
    assert info.date == D(2011, 6, 9)
    assert [(e.country_code, e.start, e.end) for e in info.events] == [("GY", D(2011, 6, 6), D(2011, 6, 7))]


def test_the_year_a_report_states_at_its_head_dates_its_days():
    info = document(
        Block("REGIONAL BUREAU"),
        Block("ANNUAL REPORT 2013"),
        Block("3.2 Central America", kind="heading", level=2),
        Block("A workshop for the statistical staff of the police was held in San Pedro Sula, Honduras from 17 to 19 "
              "July, and the regional course took place in Panama City from 21 to 25 October."),
        title="REGIONAL BUREAU",
    )
    assert where_and_when(info) == [
        ("workshop", "San Pedro Sula", "HN", D(2013, 7, 17), D(2013, 7, 19)),
        ("course", "Panama City", "PA", D(2013, 10, 21), D(2013, 10, 25)),
    ]


def test_a_head_naming_two_years_lends_none():
    info = document(
        Block("Strategic plan 2012-2015"),
        Block("A workshop for the statistical staff of the police was held in San Pedro Sula, Honduras from 17 to 19 "
              "July, with the support of the national observatory and of the ministry of security."),
    )
    assert [(e.country_code, e.start) for e in info.events] == [("HN", None)]


def test_a_list_under_a_country_heading_takes_kind_year_and_title_from_the_section_above():
    info = document(
        heading("Police response to violence against women"),
        Block("Training schedule 2015", kind="heading", level=2),
        Block("Colombia", kind="heading", level=3),
        Block("Medellín, Antioquia – March 9-11", kind="item"),
        Block("Ecuador", kind="heading", level=3),
        Block("Guayaquil, Guayas – May 5-7", kind="item"),
        Block("Expected results", kind="heading", level=2),
        Block("Guidance for the academies by 30 June 2016, drafted with the police of both countries.", kind="item"),
    )
    assert [(e.kind, e.title, e.city, e.country_code, e.start) for e in info.events] == [
        ("training", "Training schedule 2015", "Medellín", "CO", D(2015, 3, 9)),
        ("training", "Training schedule 2015", "Guayaquil", "EC", D(2015, 5, 5)),
    ]


def test_the_one_country_a_document_states_at_its_head_places_its_unplaced_towns():
    info = document(
        Block("REPÚBLICA DE COSTA RICA"),
        Block("INFORME NACIONAL (Declaración de Compromiso de Puerto España, 2009)"),
        Block("Entre las acciones destaca la jornada de formación para funcionarios de migración y policía de la "
              "zona sur, realizada en Ciudad Neily los días 8 y 9 de junio de 2010, con el apoyo de la OIM."),
        title="GRUPO DE REVISIÓN",
    )
    assert where_and_when(info) == [("training", "Ciudad Neily", "CR", D(2010, 6, 8), D(2010, 6, 9))]
    assert [c.code for c in info.countries] == ["CR"]


def test_a_place_in_an_agency_name_is_no_venue():
    info = document(Block("El taller regional, con el apoyo de la Agencia de los Estados Unidos para el Desarrollo "
                          "Internacional, se desarrolló el 5 y 6 de diciembre de 2017 con delegados de la región."))
    assert [(e.country_code, e.start) for e in info.events] == [(None, D(2017, 12, 5))]
    assert info.countries == []


def test_a_headline_naming_a_country_lends_it_to_no_event():
    info = document(
        Block("El taller regional se desarrolló el 5 y 6 de diciembre de 2017 con los puntos focales de los "
              "ministerios de seguridad de la región y del proyecto regional de estadísticas."),
        title="Instituciones de Centroamérica y República Dominicana comparten avances | PNUD en América Latina",
    )
    assert [(e.country_code, e.start) for e in info.events] == [(None, D(2017, 12, 5))]
    info = document(
        Block("A one-day workshop followed in Bartica, the gateway to the mining districts, on Saturday 26 "
              "November 2022, with mining wardens and officials of the counter-trafficking unit."),
        title="Border officials trained to spot the signs of trafficking | IOM Guyana",
    )
    assert [(e.country_code, e.start) for e in info.events] == [("GY", D(2022, 11, 26))]


def test_a_follow_up_matrix_cut_by_a_passage_end_keeps_its_paragraph_column():
    action = "Training for police officers and prosecutors on the investigation of cases was held and reported. " * 4
    rows = [Block(f"{n} | Mandate on public security number {n} | {action}", kind="item") for n in (71, 72, 73, 74)]
    info = document(
        Block("Follow-up of the Declaration of Commitment of Port of Spain."),
        Block("Para. | Mandate (summary) | Actions reported", kind="item"),
        *rows,
    )
    assert [m.number for m in info.mandates] == [71, 72, 73, 74]


def test_an_annual_report_dates_its_days_in_the_year_it_covers():
    info = document(
        Block("ANNUAL REPORT OF THE SECRETARIAT, 2008"),
        Block("Washington, D.C., 3 March 2009"),
        Block("A workshop on document fraud took place in Port of Spain, Trinidad and Tobago, on January 22-25, "
              "with immigration officers from eleven Caribbean member states and two instructors."),
    )
    assert [(e.country_code, e.start) for e in info.events] == [("TT", D(2008, 1, 22))]


PIECES = (
    "• |Asunción|, Paraguay| - |May 9-10|, 2011|\n|Washington, D.C., 3 March 2009|ANNUAL REPORT 2008|Febrero|"
    "23 al 25| | |Para.|72|Liberia, Guanacaste|Kingston, Georgetown, Guyana|workshop|taller|today|on Tuesday|"
    "finished three days of training on Wednesday|Fecha: |by 23 February|Por confirmar|Declaration of Commitment of "
    "Port of Spain|United States Agency for International Development|.| closed |until |1. "
).split("|")


@settings(max_examples=150, deadline=None)
@given(
    st.lists(
        st.tuples(st.lists(st.sampled_from(PIECES), max_size=20).map("".join),
                  st.sampled_from(["paragraph", "item", "heading"]), st.integers(1, 4)),
        max_size=12,
    ),
    st.sampled_from(["News", "Calendario 2016", "Informe anual 2012 | OIM Honduras"]),
)
def test_fuzz_a_whole_document_never_raises(blocks, title):
    info = document(*[Block(text, kind=kind, level=level) for text, kind, level in blocks if text.strip()],
                    title=title)
    assert all(e.start is None or e.end is None or e.start <= e.end for e in info.events)


def test_the_day_over_a_news_item_is_the_day_its_story_tells_from():
    info = document(
        heading("Noticias 2008"),
        Block("12 de diciembre\nConcluye en Ciudad de México la reunión de expertos sobre pandillas\n"
              "Terminó hoy la reunión de expertos sobre pandillas, que se inició el miércoles con policías "
              "y fiscales de doce países."),
        Block("30 de julio\nSeminario sobre armas de fuego en Montevideo\n"
              "Funcionarios uruguayos participaron el lunes y el martes en un seminario sobre el registro de armas."),
    )
    assert where_and_when(info) == [
        ("seminar", "Montevideo", "UY", D(2008, 7, 28), D(2008, 7, 29)),
        ("meeting", "Mexico City", "MX", D(2008, 12, 10), D(2008, 12, 12)),
    ]


def test_a_day_over_a_calendar_entry_is_its_event():
    info = document(
        heading("Calendario 2009"),
        Block("15 de marzo\nTaller sobre seguridad municipal en Lima, Perú"),
    )
    assert where_and_when(info) == [("workshop", "Lima", "PE", D(2009, 3, 15), D(2009, 3, 15))]


def test_numeric_dates_are_read_in_the_order_the_document_shows():
    info = document(
        Block("Quarterly report. Reporting period: 01/04/2016 - 30/06/2016"),
        Block("Training of labour inspectors | Castries, Saint Lucia | 05/04/2016", kind="item"),
        Block("Workshop on shelters | Paramaribo, Suriname | 10/05/2016 - 12/05/2016", kind="item"),
    )
    assert where_and_when(info) == [
        ("training", "Castries", "LC", D(2016, 4, 5), D(2016, 4, 5)),
        ("workshop", "Paramaribo", "SR", D(2016, 5, 10), D(2016, 5, 12)),
    ]


def test_a_dateline_town_of_several_countries_is_the_one_the_page_names():
    info = document(
        Block("Santa Ana, 22 de mayo de 2014 (OPS/OMS). Enfermeras y médicos de los hospitales de la región "
              "concluyeron hoy el taller sobre atención a víctimas de violencia sexual, que inició el martes en "
              "esta ciudad."),
        Block("El Ministerio de Salud de El Salvador prevé repetir la actividad en la región oriental del país "
              "durante el segundo semestre, con el apoyo de la cooperación internacional."),
    )
    assert where_and_when(info) == [("workshop", "Santa Ana", "SV", D(2014, 5, 20), D(2014, 5, 22))]


def test_a_label_over_a_month_is_no_dateline_place_and_the_head_s_country_places_the_list():
    info = document(
        Block("Counter-trafficking in the hinterland of Guyana", kind="heading", level=1),
        Block("Duration: October 2019 – September 2021"),
        Block("Activities so far", kind="heading", level=2),
        Block("7 February 2020 – Community awareness workshop with village councils, Lethem (Region 9)", kind="item"),
        Block("12–13 February 2020 – Training for police officers on victim identification, Bartica", kind="item"),
        title="IOM Guyana – Counter-trafficking in the hinterland",
    )
    assert [(e.kind, e.country_code, e.start) for e in info.events] == [
        ("workshop", "GY", D(2020, 2, 7)), ("training", "GY", D(2020, 2, 12))]


def test_a_list_of_sessions_takes_the_kind_the_page_first_names():
    info = document(
        heading("Train-the-Trainers Program for Law Enforcement in the Caribbean"),
        Block("Building on the national trainings delivered the year before, the department now prepares "
              "national trainers who will replicate the curriculum in their own police academies and units. "
              "Each national session brings together between twenty-five and thirty-five police officers, "
              "immigration officers, prosecutors and labour inspectors."),
        Block("Completed sessions:"),
        Block("Antigua and Barbuda – St. John's, 15 and 16 February 2011", kind="item"),
        Block("Guyana – Georgetown, 12-13 April, 2011", kind="item"),
        title="Activities 2011",
    )
    assert [(e.kind, e.country_code, e.start) for e in info.events] == [
        ("training", "AG", D(2011, 2, 15)), ("training", "GY", D(2011, 4, 12))]


def test_an_unplaced_event_is_where_the_story_s_lead_sets_its_kind():
    info = document(
        Block("8 de agosto de 2012"),
        Block("Ciudad de Guatemala – El Departamento de Seguridad Pública clausuró hoy en Quetzaltenango un taller "
              "especializado para fiscales, agentes de la policía e inspectores de migración del occidente del país."),
        Block("El taller, que se desarrolló del 6 al 8 de agosto, trató la diferencia entre la trata de personas y "
              "el tráfico ilícito de migrantes y las técnicas de investigación financiera de las redes."),
    )
    assert [(e.kind, e.city, e.country_code, e.start, e.end) for e in info.events] == [
        ("workshop", "Quetzaltenango", "GT", D(2012, 8, 6), D(2012, 8, 8))]


def test_a_news_item_under_its_place_and_day_counts_from_that_day():
    info = document(
        heading("Noticias"),
        Block("Quetzaltenango, 10 de febrero de 2020\nFuncionarios de la Secretaría de Bienestar Social y de las "
              "oficinas municipales de la niñez participaron del 5 al 7 de febrero en un taller sobre la "
              "reintegración de niñas y niños migrantes retornados."),
        Block("Ciudad de Guatemala, 22 de enero de 2020\nLa OIM entregó mobiliario y equipo al centro de recepción "
              "de niñez retornada, donde se imparten los talleres de orientación."),
    )
    assert where_and_when(info) == [("workshop", "Quetzaltenango", "GT", D(2020, 2, 5), D(2020, 2, 7))]


def test_an_unplaced_event_of_another_kind_is_still_where_the_story_is():
    info = document(
        Block("Washington, DC, 5 de junho de 2014"),
        Block("A CICAD realizará nos dias 10 e 11 de junho, em Belo Horizonte, Minas Gerais, o Seminário "
              "Interamericano sobre drogas e violência, com o governo do estado e a secretaria nacional."),
        Block("No dia 12 de junho, ainda na capital mineira, a CICAD promoverá uma oficina técnica fechada com "
              "equipes de municípios da região metropolitana sobre o uso de dados de saúde e de polícia."),
    )
    assert [(e.kind, e.city, e.start) for e in info.events] == [
        ("seminar", "Belo Horizonte", D(2014, 6, 10)), ("workshop", "Belo Horizonte", D(2014, 6, 12))]


def test_each_story_of_an_archive_counts_today_from_its_own_dateline():
    info = document(
        heading("Noticias 2016"),
        Block("Seminario sobre convivencia\nMontevideo, 3 de mayo de 2016 — Con legisladores y académicos se "
              "realizó hoy el seminario sobre convivencia y seguridad ciudadana. Leer más\n"
              "Planes locales de convivencia\nPaysandú, 20 de junio de 2016 — Técnicos de cuatro intendencias "
              "participaron hoy en un taller sobre planificación local, organizado por el PNUD. Leer más"),
    )
    assert where_and_when(info) == [
        ("seminar", "Montevideo", "UY", D(2016, 5, 3), D(2016, 5, 3)),
        ("workshop", "Paysandú", "UY", D(2016, 6, 20), D(2016, 6, 20)),
    ]


def test_a_calendar_of_days_over_titles_and_venues_reads_each_entry_downwards():
    entries = [("13-14 feb.", "Reunión técnica de puntos focales del observatorio regional de seguridad ciudadana",
                "Ciudad de Guatemala, Guatemala"),
               ("6-10 mar.", "Curso de formación de formadores en la investigación del delito de trata de personas",
                "Santa Cruz de la Sierra, Bolivia"),
               ("27 abr.", "Seminario sobre la prevención de la violencia juvenil desde los gobiernos locales",
                "Rosario, Santa Fe, Argentina"),
               ("29 may. - 2 jun.", "Taller sobre la gestión penitenciaria y la reinserción social de las personas",
                "Valparaíso, Chile"),
               ("18-20 sep.", "Taller subregional sobre el marcaje, el registro y el rastreo de armas de fuego",
                "Kingston, Jamaica")]
    blocks = [Block("Las fechas y las sedes pueden cambiar. Consulte esta página con frecuencia.")]
    for day, title, venue in entries:
        blocks += [Block(day), Block(f"{title}\n{venue}")]
    info = document(heading("Calendario de actividades 2017"), *blocks)
    assert [(e.kind, e.country_code, e.start, e.end) for e in info.events] == [
        ("meeting", "GT", D(2017, 2, 13), D(2017, 2, 14)),
        ("course", "BO", D(2017, 3, 6), D(2017, 3, 10)),
        ("seminar", "AR", D(2017, 4, 27), D(2017, 4, 27)),
        ("workshop", "CL", D(2017, 5, 29), D(2017, 6, 2)),
        ("workshop", "JM", D(2017, 9, 18), D(2017, 9, 20)),
    ]


def test_a_lead_that_says_officials_met_somewhere_places_the_workshop_below_it():
    info = document(
        Block("Washington, D.C., 15 July 2016 (PAHO/WHO) — Government officials from six Caribbean countries met "
              "this week in Montego Bay, Jamaica, to discuss how to put into practice a package of strategies to "
              "prevent violence against children."),
        Block("The subregional workshop, held from 11 to 13 July, brought together representatives of the "
              "ministries of health, education and national security of The Bahamas, Barbados and Belize."),
    )
    assert where_and_when(info) == [("workshop", "Montego Bay", "JM", D(2016, 7, 11), D(2016, 7, 13))]


def test_a_city_named_short_is_the_one_the_page_names_in_full():
    info = document(
        Block("4 de abril de 2022"),
        Block("Santiago de los Caballeros. El pasado viernes, el PNUD clausuró una capacitación de tres días para "
              "gestores comunitarios y agentes de la Policía Nacional de la provincia de Santiago."),
    )
    assert [(e.city, e.country_code) for e in info.events] == [("Santiago", "DO")]


def test_a_lead_s_event_is_told_on_in_the_paragraph_after_it():
    info = document(
        Block("November 22, 2013"),
        Block("The Fourth Meeting of Ministers Responsible for Public Security in the Americas ended today in "
              "Medellín, Colombia, with a consensus that commits governments to involve citizens, local "
              "governments and community organizations in the design of public security policies."),
        Block("The two-day meeting, hosted by the Government of Colombia at a convention center, brought together "
              "ministers, vice ministers and senior police authorities from 28 Member States, who discussed "
              "crime prevention in cities and the use of reliable statistics."),
        Block("« The law now exists », said the representative in Bogotá, who recalled the reforms adopted in "
              "June 2012 and asked every police officer to know a child in a situation of trafficking."),
    )
    assert where_and_when(info) == [("meeting", "Medellín", "CO", D(2013, 11, 21), D(2013, 11, 22))]


def test_a_place_leading_the_story_under_a_date_alone_is_the_dateline_s_place():
    info = document(
        heading("L'OEA réunit des fonctionnaires haïtiens et dominicains"),
        Block("29 mai 2015\nPort-au-Prince, Haïti – Un atelier binational sur la traite des personnes s'est "
              "achevé aujourd'hui dans la capitale haïtienne. Les travaux se sont déroulés du 27 au 29 mai."),
    )
    assert where_and_when(info) == [("workshop", "Port-au-Prince", "HT", D(2015, 5, 27), D(2015, 5, 29))]


def test_an_unknown_town_is_in_the_story_s_country_when_the_dateline_is_only_the_office():
    info = document(
        heading("OAS to Train Police Officers in Guyana"),
        Block("March 1, 2012\nWashington, D.C. – The OAS will hold two training sessions in Guyana next week "
              "for police officers. A one-day session is scheduled for Thursday, March 8, in Lethem, where "
              "officers work at the river crossing."),
    )
    assert where_and_when(info) == [("training", "Lethem", "GY", D(2012, 3, 8), D(2012, 3, 8))]


def test_an_archive_item_dated_over_its_reference_code_counts_today_from_that_day():
    info = document(
        heading("Press Releases Archive"),
        Block("December 12, 2008 E-498/08\nOAS Completes Training for Bahamian Officials\nNassau – Some 30 "
              "officials completed today a three-day training on the identification of victims, delivered by…"),
        Block("April 17, 2008 E-131/08\nCaribbean Journalists Learn to Report on Trafficking\nPort of Spain – "
              "Journalists from eight Caribbean countries began today a two-day workshop on reporting on…"),
    )
    assert where_and_when(info) == [
        ("workshop", "Port of Spain", "TT", D(2008, 4, 17), D(2008, 4, 18)),
        ("training", "Nassau", "BS", D(2008, 12, 10), D(2008, 12, 12)),
    ]


def test_a_calendar_row_with_a_yearless_day_is_no_signature_line():
    info = document(
        heading("Calendar 2016"),
        Block("Apr 27 | Policy Engagement Sixteenth Regular Session of CICTE | OAS Headquarters, Washington, D.C."),
    )
    assert [c.code for c in info.countries] == ["US"]


def test_a_calendar_under_month_headings_dates_its_bare_days():
    info = document(
        heading("Calendar of Events"),
        Block("Upcoming activities of the Department of Public Security."),
        heading("October 2024"),
        Block("Tue 1 – Thu 3\nMeeting\nAnnual Meeting of the Inter-American Network for Police Development\n"
              "Punta del Este, Uruguay.\nTue 15\nMeeting\nNational consultation on prison security\n"
              "Panama (venue to be confirmed)."),
        heading("November 2024"),
        Block("Mon 4 – Fri 8\nCourse\nCourse on Crime Prevention for Municipal Officials\nArequipa, Peru.\n"
              "Tue 26 – Wed 27\nSeminar\nSeminar on Firearms Trafficking\nMendoza, Argentina. Co-organized "
              "with the Inter-American Commission of Women."),
    )
    assert where_and_when(info) == [
        ("meeting", "Punta del Este", "UY", D(2024, 10, 1), D(2024, 10, 3)),
        ("meeting", None, "PA", D(2024, 10, 15), D(2024, 10, 15)),
        ("course", "Arequipa", "PE", D(2024, 11, 4), D(2024, 11, 8)),
        ("seminar", "Mendoza", "AR", D(2024, 11, 26), D(2024, 11, 27)),
    ]


def test_a_report_s_labelled_period_dates_its_yearless_days():
    info = document(
        Block("Report of the Secretariat on actions taken in fulfilment of Summit mandates"),
        Block("Reporting period: 2011"),
        Block("From 23 to 25 March the DPS held in Tegucigalpa, Honduras, a regional course for police instructors."),
    )
    assert where_and_when(info) == [("course", "Tegucigalpa", "HN", D(2011, 3, 23), D(2011, 3, 25))]


def test_a_small_town_counts_in_a_passage_that_does_not_name_its_country_again():
    info = document(
        heading("Personal de salud de Bolivia se capacita"),
        Block("Trinidad, 24 de junio de 2016. Médicos de Bolivia participaron del 21 al 23 de junio en un taller."),
        Block("En mayo, un taller similar se llevó a cabo en Cobija con personal de salud de la región amazónica."),
    )
    assert ("workshop", "Cobija", "BO", D(2016, 5, 1), D(2016, 5, 31)) in where_and_when(info)
