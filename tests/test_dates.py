import datetime as dt
import itertools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kb.dates import (
    find_dateline,
    find_dates,
    find_months,
    find_relative_dates,
    month_line,
    numeric_order,
    publication_dates,
    read_dateline,
)

D = dt.date


def only(text: str, **kwargs) -> tuple[dt.date, dt.date | None]:
    spans = find_dates(text, **kwargs)
    assert len(spans) == 1, spans
    return spans[0].start, spans[0].end


@pytest.mark.parametrize(
    "text, start, end",
    [
        ("The course ran on April 12-16, 2010 at the customs school.", D(2010, 4, 12), D(2010, 4, 16)),
        ("Grenada, St George's, April 08-09, 2010", D(2010, 4, 8), D(2010, 4, 9)),
        ("Port-of-Spain - October 11 - 12, 2010", D(2010, 10, 11), D(2010, 10, 12)),
        ("Kingston - December 15 - 16, 2010", D(2010, 12, 15), D(2010, 12, 16)),
        ("observatories met on 3\u20107 August 2009 in Roseau", D(2009, 8, 3), D(2009, 8, 7)),
        ("observatories met on 3\u20137 August 2009 in Roseau", D(2009, 8, 3), D(2009, 8, 7)),
        ("observatories met on 3\u22127 August 2009 in Roseau", D(2009, 8, 3), D(2009, 8, 7)),
        ("La Paz hosted the seminar on June 18-19, 2008.", D(2008, 6, 18), D(2008, 6, 19)),
        ("On the 15th and 18th of December 2009, CICTE met customs officers.", D(2009, 12, 15), D(2009, 12, 18)),
        ("Belize City, March 22-23, 2010", D(2010, 3, 22), D(2010, 3, 23)),
        ("Registration: 12/05/2007 - 12/06/2007", D(2007, 12, 5), D(2007, 12, 6)),
        ("El curso se dictó del 12 al 16 de abril de 2010 en Lima.", D(2010, 4, 12), D(2010, 4, 16)),
        ("La reunión tuvo lugar el 12 de abril de 2010.", D(2010, 4, 12), D(2010, 4, 12)),
        ("Delegates met from May 30 - June 2, 2009 in San Pedro Sula.", D(2009, 5, 30), D(2009, 6, 2)),
        ("La conferencia fue del 30 de septiembre al 2 de octubre de 2009.", D(2009, 9, 30), D(2009, 10, 2)),
        ("Signed in Washington on 12 April 2010.", D(2010, 4, 12), D(2010, 4, 12)),
        ("Signed in Washington on April 12, 2010.", D(2010, 4, 12), D(2010, 4, 12)),
        ("Signed in Washington on April 12th 2010.", D(2010, 4, 12), D(2010, 4, 12)),
        ("Report filed 2010-04-12 by the mission.", D(2010, 4, 12), D(2010, 4, 12)),
        ("San José, July 1-2, 2010", D(2010, 7, 1), D(2010, 7, 2)),
        ("Sept. 3, 2010: the observatory opened.", D(2010, 9, 3), D(2010, 9, 3)),
        ("Ministers met December 30 - January 2, 2010.", D(2009, 12, 30), D(2010, 1, 2)),
        ("Taller realizado el 5 de Setiembre de 2009.", D(2009, 9, 5), D(2009, 9, 5)),
        ("From April 12, 2010 to April 16, 2010 the border course ran.", D(2010, 4, 12), D(2010, 4, 16)),
        ("A oficina aconteceu nos dias 9 e 10 de março de 2011.", D(2011, 3, 9), D(2011, 3, 10)),
        ("O curso foi de 3 a 5 de dezembro de 2008 em Recife.", D(2008, 12, 3), D(2008, 12, 5)),
        ("L'atelier s'est tenu du 12 au 14 avril 2010 à Port-au-Prince.", D(2010, 4, 12), D(2010, 4, 14)),
        ("La formation a commencé le 1er juin 2009.", D(2009, 6, 1), D(2009, 6, 1)),
        ("La réunion aura lieu les 7 et 8 octobre 2010.", D(2010, 10, 7), D(2010, 10, 8)),
        # A list of days is the span from the first to the last.
        ("El seminario se realizó los días 6, 7 y 8 de octubre de 2008.", D(2008, 10, 6), D(2008, 10, 8)),
        ("Sessions were held on 4, 5 and 6 May 2011 in Bridgetown.", D(2011, 5, 4), D(2011, 5, 6)),
        # A weekday may name each end of the range.
        ("The workshop ran from Tuesday 10 to Thursday 12 June 2008.", D(2008, 6, 10), D(2008, 6, 12)),
        ("Participaron el miércoles 22 y el jueves 23 de abril de 2009.", D(2009, 4, 22), D(2009, 4, 23)),
        ("The course ran Monday, March 8 to Friday, March 12, 2010.", D(2010, 3, 8), D(2010, 3, 12)),
        ("Du lundi 3 au vendredi 7 mai 2010, à Jacmel.", D(2010, 5, 3), D(2010, 5, 7)),
    ],
)
def test_forms(text, start, end):
    assert only(text) == (start, end)


def test_positions_point_into_original_text():
    text = "Lima, Peru \u2013 February 4\u20135, 2009 (second seminar)"
    [span] = find_dates(text)
    assert text[span.start_pos : span.end_pos] == "February 4\u20135, 2009"


def test_month_first_decides_numeric_dates():
    assert only("12/05/2007 - 12/06/2007", month_first=False) == (D(2007, 5, 12), D(2007, 6, 12))


def test_numeric_date_impossible_one_way_is_read_the_other():
    assert only("Publicado el 25/12/2009") == (D(2009, 12, 25), D(2009, 12, 25))


def test_yearless_date_takes_default_year():
    text = "Belize, Belize City, March 22-23"
    assert find_dates(text) == []
    assert only(text, default_year=2010) == (D(2010, 3, 22), D(2010, 3, 23))


def test_a_year_is_not_lent_to_a_date_that_has_one():
    assert only("April 8-9, 2009", default_year=2010) == (D(2009, 4, 8), D(2009, 4, 9))


@pytest.mark.parametrize(
    "text",
    [
        "MISPA II, which was held in November 2009 in Santo Domingo, looked at violence.",
        "Since 2005, IOM has assisted more than 300 family members.",
        "The deadline of February 30, 2010 was a typo.",
        "Code 13/45/2009 is not a date.",
        "Staff may 3 times a year attend.",
        "IOM counts 173,000 children in domestic servitude.",
        "",
    ],
)
def test_no_day_precision_date(text):
    assert find_dates(text) == []


@pytest.mark.parametrize(
    "text, start, end",
    [
        ("The second meeting took place in Asunción in March 2011.", D(2011, 3, 1), D(2011, 3, 31)),
        ("La reunión se celebró en Quito en febrero de 2012.", D(2012, 2, 1), D(2012, 2, 29)),
        ("O encontro aconteceu em novembro de 2009.", D(2009, 11, 1), D(2009, 11, 30)),
        ("Ministers meet again in Dec. 2010.", D(2010, 12, 1), D(2010, 12, 31)),
    ],
)
def test_months_named_without_a_day(text, start, end):
    [span] = find_months(text)
    assert (span.start, span.end) == (start, end)
    assert text[span.start_pos : span.end_pos].split()[-1].endswith(str(start.year))


@pytest.mark.parametrize(
    "text",
    [
        "The course ran on 14 March 2011 in Asunción.",
        "La reunión fue el 3 de febrero de 2012.",
        "Since 2005 the office has grown.",
        "Staff may 2010 be trained.",
        "",
    ],
)
def test_no_month_alone(text):
    assert find_months(text) == []


def test_year_in_a_date_wins_over_a_yearless_reading():
    text = "see page 3 April 12, 2010"
    assert only(text) == (D(2010, 4, 12), D(2010, 4, 12))


def test_several_dates_in_order_without_overlap():
    text = (
        "Trainings: Suriname, Paramaribo, April 27-28, 2010; Saint Lucia, Castries, May 13-14, 2010; "
        "Dominica, Roseau, 13 de julio de 2010."
    )
    spans = find_dates(text)
    assert [s.start for s in spans] == [D(2010, 4, 27), D(2010, 5, 13), D(2010, 7, 13)]
    assert all(a.end_pos <= b.start_pos for a, b in itertools.pairwise(spans))


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Photo gallery\nLast update: July 12, 2010\n© 2009 OAS", D(2010, 7, 12)),
        ("Inicio\nÚltima actualización: 12 de julio de 2010", D(2010, 7, 12)),
        ("WASHINGTON, D.C., March 3, 2010 \u2014 The OAS Department of Public Security opened", D(2010, 3, 3)),
        ("Lima, 5 de mayo de 2009.- La OIM y el Ministerio del Interior firmaron", D(2009, 5, 5)),
        ("Published: 2010-07-12\nIOM trains border officials", D(2010, 7, 12)),
        ("Posted on Monday, June 7, 2010 by PAHO", D(2010, 6, 7)),
    ],
)
def test_dateline(text, expected):
    assert find_dateline(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Belize, Belize City, March 22-23, 2010",
        "Panama, Panama City - August 4, 2010",
        "The law was passed on May 3, 2009 by Congress.",
        "Last update: July 2010",
        "",
    ],
)
def test_no_dateline(text):
    assert find_dateline(text) is None


STORY = "Prosecutors from five provinces met for three days to compare how they handle cases of forced labour."


@pytest.mark.parametrize(
    "head, expected, place",
    [
        ("Asunción \u2013 3 May 2011", D(2011, 5, 3), "Asunción"),
        ("Quito, Ecuador, 9 June 2010", D(2010, 6, 9), "Quito, Ecuador"),
        ("IOM News \u00b7 Press Release \u00b7 14 September 2009", D(2009, 9, 14), "IOM News \u00b7 Press Release"),
        ("Tegucigalpa \u2013 22 March 2011 \u00b7 Briefing Notes \u00b7 Migrants", D(2011, 3, 22), "Tegucigalpa"),
        ("2 February 2010", D(2010, 2, 2), ""),
        ("15 March 2019 Counter-trafficking", D(2019, 3, 15), ""),
        ("Lunes, 23 de Noviembre de 2015 10:41", D(2015, 11, 23), ""),
        ("Friday, 15 November 2013 14:32 Hits: 611 Print Email", D(2013, 11, 15), ""),
        ("09/22/15", D(2015, 9, 22), ""),
        ("Press Release Americas and the Caribbean 11 October 2019 Counter-Trafficking", D(2019, 10, 11),
         "Press Release Americas and the Caribbean"),
        ("15 March 2019 Migrant Protection and Assistance", D(2019, 3, 15), ""),
        ("viernes, 17 mayo 2019", D(2019, 5, 17), ""),
        ("Press release \u00b7 September 22, 2022", D(2022, 9, 22), ""),
        ("Comunicado de prensa | 3 de abril de 2014", D(2014, 4, 3), ""),
    ],
)
def test_dateline_at_the_head_of_a_page(head, expected, place):
    dateline = read_dateline(f"Counter-trafficking news\n{head}\n{STORY}")
    assert (dateline.date, dateline.month_only, dateline.place) == (expected, False, place)
    assert find_dateline(f"{head}\n{STORY}") == expected


def test_dateline_between_dashes_in_the_story():
    text = "C-312/13\nCHICLAYO, Perú – 14 de agosto de 2013 – Concluyó hoy el curso regional."
    dateline = read_dateline(f"News\nPress release\nPolice officers trained\n{text}")
    assert (dateline.date, dateline.place) == (D(2013, 8, 14), "CHICLAYO, Perú")


def test_dateline_with_the_agency_in_brackets():
    dateline = read_dateline("Cali, 22 de agosto de 2008 (OPS/OMS). Con la participación de nueve municipios.")
    assert (dateline.date, dateline.place) == (D(2008, 8, 22), "Cali")


def test_date_publish_label_dates_the_page():
    text = "Date Publish: Friday, March 24, 2017\nForty officers gathered in Quetzaltenango on Tuesday."
    assert find_dateline(text) == D(2017, 3, 24)
    assert [s.start for s in publication_dates(text)] == [D(2017, 3, 24)]


def test_a_publication_label_with_a_weekday_dates_the_page():
    assert find_dateline("Publié le vendredi 6 juin 2014\nLe ministère a tenu un atelier.") == D(2014, 6, 6)


def test_an_abbreviated_month_with_its_dot_takes_the_default_year():
    assert [(m.start, m.end) for m in find_months("Nov. (dates to be confirmed)", default_year=2013)] == [
        (D(2013, 11, 1), D(2013, 11, 30))]
    assert find_months("the Mar del Plata plan", default_year=2013) == []


def test_a_two_digit_year_with_slashes():
    assert [(d.start, d.end) for d in find_dates("Posted 09/22/15.")] == [(D(2015, 9, 22), D(2015, 9, 22))]
    assert [d.start for d in find_dates("publicado el 22/09/98", month_first=False)] == [D(1998, 9, 22)]
    assert find_dates("versions 1/2/3 and 1.2.15") == []


def test_a_calendar_version_dates_the_page():
    assert find_dateline("TRAINING CALENDAR 2011\n\nVersion of June 3, 2011. Dates may change.") == D(2011, 6, 3)
    assert find_dateline("Calendario 2012 (versión del 14 de marzo de 2012)") == D(2012, 3, 14)


def test_a_month_alone_dates_the_page_but_is_no_day():
    text = "Bogotá, D.C., April 2011 - The OAS reviewed its programs against trafficking."
    dateline = read_dateline(text)
    assert (dateline.date, dateline.month_only, dateline.place, dateline.line) == (
        D(2011, 4, 1), True, "Bogotá, D.C.", "Bogotá, D.C., April 2011"
    )
    assert find_dateline(text) is None


def test_dateline_with_a_place_wins_over_a_bare_date_above_it():
    text = f"Page of news\n3 May 2011\nAsunción, 3 May 2011 (IOM) \u2014 {STORY}"
    assert read_dateline(text).place == "Asunción"


def test_a_head_date_in_a_sentence_is_no_dateline():
    assert read_dateline(f"On 15 March 2019 the ministry opened the course for immigration officers\n{STORY}") is None


def test_labels_in_capitals_do_not_push_the_dateline_out_of_the_head():
    text = f"Search\nMedia Center\nPRESS RELEASE\nE-089/11\nOAS Trains Officials\nMarch 10, 2011\n{STORY}"
    assert find_dateline(text) == D(2011, 3, 10)


def test_a_head_line_over_a_list_is_not_a_dateline():
    text = "Schedule\nQuito - 9 June 2010\nLima - 14 July 2010\nBogotá - 2 August 2010"
    assert read_dateline(text) is None


def test_a_dated_line_further_down_is_not_a_dateline():
    text = f"Our programmes\nAn introduction to them\nMore about us\nStill more news\nQuito - 9 June 2010\n{STORY}"
    assert read_dateline(text) is None


def test_publication_dates_are_only_the_labelled_ones():
    text = "The workshop ran April 12-16, 2010.\nLast update: July 12, 2010"
    assert [s.start for s in publication_dates(text)] == [D(2010, 7, 12)]


DATEISH = st.lists(
    st.sampled_from(
        "April|abril|de|del|al|May|12|3|31|2010|1999|-|\u2013| |,|/|th|and|y|\n|•|Last update:|29|February|·|outubro|e"
        "|2000-02-30|13/45/2009".split("|")
    ),
    max_size=30,
).map("".join)


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.text(max_size=300), DATEISH), st.booleans(), st.one_of(st.none(), st.integers(1, 9999)))
def test_fuzz_never_raises_and_spans_are_sound(text, month_first, year):
    spans = find_dates(text, default_year=year, month_first=month_first)
    for a, b in itertools.pairwise(spans):
        assert a.end_pos <= b.start_pos
    for s in spans:
        assert 0 <= s.start_pos < s.end_pos <= len(text)
        assert s.end is not None and s.start <= s.end
    for s in find_months(text):
        assert 0 <= s.start_pos < s.end_pos <= len(text) and s.start.day == 1 and s.start <= s.end
    find_dateline(text)
    read_dateline(text)


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Posted on Monday, 07-06-2010", D(2010, 7, 6)),  # month first, as "/" reads
        ("Publicado el 25-03-2009", D(2009, 3, 25)),  # only one reading is a date
        ("Actualizado: 25.03.2009", D(2009, 3, 25)),
    ],
)
def test_numeric_dates_with_dashes_or_dots(text, expected):
    assert only(text)[0] == expected


def test_digits_in_a_longer_number_are_no_date():
    assert find_dates("Call 555-12-2009 or quote file 1.2.20104") == []


@pytest.mark.parametrize(
    "text, place",
    [
        ("CAYENNE, le 3 mars 2008 — Des magistrats se sont réunis pour étudier la traite des personnes.",
         "CAYENNE"),
        ("Trujillo, el 9 de julio de 2010 - Jueces y fiscales estudiaron los casos de trata de personas.",
         "Trujillo"),
    ],
)
def test_dateline_with_an_article_before_the_day(text, place):
    dateline = read_dateline(text)
    assert dateline is not None and dateline.place == place


def test_a_weekday_before_the_date_is_no_place():
    dateline = read_dateline("Wednesday, 4 March 2009\nIrapuato, 4 March 2009 - " + STORY)
    assert (dateline.date, dateline.place) == (D(2009, 3, 4), "Irapuato")


def test_a_month_in_full_without_a_year_takes_the_default_year():
    spans = find_months("The review is due in October; the Mar del Plata office opens in Dec.", default_year=2012)
    assert [(s.start, s.end) for s in spans] == [(D(2012, 10, 1), D(2012, 10, 31))]
    assert find_months("The review is due in October.") == []


def test_a_lowercase_month_that_is_also_a_word_counts_between_a_day_and_a_year():
    assert only("le 3 mars 2008") == (D(2008, 3, 3), D(2008, 3, 3))
    assert find_dates("staff may 3 times a year") == []


# ---------------------------------------------------------------- day-first dots, labels, datelines


def test_dotted_numeric_dates_are_day_first():
    assert only("Bridgetown, 03.04.2011") == (dt.date(2011, 4, 3), dt.date(2011, 4, 3))
    assert only("Bridgetown, 03/04/2011") == (dt.date(2011, 3, 4), dt.date(2011, 3, 4))  # slashes stay month-first


@pytest.mark.parametrize("text", [
    "(as of 2 March 2009; dates may change)",
    "Publié le 21/09/2010",
    "Publicado em 5 de maio de 2009",
])
def test_status_and_publication_labels_date_the_page(text):
    assert [d.start_pos for d in publication_dates(text)] == [d.start_pos for d in find_dates(text)]


def test_a_dateline_with_a_weekday_before_the_date():
    dateline = read_dateline("QUITO, Ecuador, martes 9 de marzo de 2010 — Los fiscales se reunieron hoy.")
    assert (dateline.date, dateline.place) == (dt.date(2010, 3, 9), "QUITO, Ecuador")


def test_a_head_dateline_with_an_article_before_the_date():
    text = "Les Cayes, le 3 mars 2011\nVingt infirmières ont suivi cette semaine une formation sur les soins."
    dateline = read_dateline(text)
    assert (dateline.date, dateline.place) == (dt.date(2011, 3, 3), "Les Cayes")


# ---------------------------------------------------------------- days named against the page's date

FRIDAY = dt.date(2012, 3, 16)


def relative(text: str, today: dt.date | None = FRIDAY) -> list[tuple[dt.date, dt.date | None]]:
    return [(d.start, d.end) for d in find_relative_dates(text, today)]


@pytest.mark.parametrize("text, day", [
    ("The judges met last Tuesday in Belmopan.", dt.date(2012, 3, 13)),
    ("Los jueces se reunieron el martes pasado.", dt.date(2012, 3, 13)),
    ("Os juízes reuniram-se na última terça-feira.", dt.date(2012, 3, 13)),
    ("Les juges se sont réunis mardi dernier.", dt.date(2012, 3, 13)),
    ("The course closed on Wednesday.", dt.date(2012, 3, 14)),
    ("The course closes today, Friday.", FRIDAY),
    ("Last Friday the judges met.", dt.date(2012, 3, 9)),
    ("The next session will open on Monday.", dt.date(2012, 3, 19)),
    ("La sesión será el próximo lunes.", dt.date(2012, 3, 19)),
])
def test_a_weekday_is_the_latest_such_day_or_the_next_one_ahead(text, day):
    assert relative(text) == [(day, day)]


@pytest.mark.parametrize("text, start, end", [
    ("Analysts spent Monday and Tuesday at a workshop.", dt.date(2012, 3, 12), dt.date(2012, 3, 13)),
    ("El taller se realizó del lunes al miércoles.", dt.date(2012, 3, 12), dt.date(2012, 3, 14)),
])
def test_two_weekdays_joined_are_one_stretch(text, start, end):
    assert relative(text) == [(start, end)]


@pytest.mark.parametrize("text", [
    "The workshop opened yesterday in Santa Tecla.", "Participan desde ayer en Santa Tecla.",
    "L'atelier s'est ouvert hier.", "A oficina começou ontem.",
])
def test_yesterday_is_the_day_before_the_page_s(text):
    assert relative(text) == [(dt.date(2012, 3, 15), dt.date(2012, 3, 15))]


def test_weekdays_after_last_week_are_in_the_week_before():
    text = "Inspectors were trained last week. The first sessions ran on Monday and Tuesday in Quetzaltenango."
    assert relative(text) == [(dt.date(2012, 3, 5), dt.date(2012, 3, 6))]


def test_two_weekdays_apart_are_two_days():
    assert relative("The judges met on Tuesday; on Thursday the course closed.") == [
        (dt.date(2012, 3, 13), dt.date(2012, 3, 13)), (dt.date(2012, 3, 15), dt.date(2012, 3, 15))]


@pytest.mark.parametrize("text", [
    "The office in Santo Domingo is open.",  # a name, not Sunday
    "Inspectors visit the market every Monday.",
    "The course opened on Monday, May 2, 2011.",  # the date says which Monday
    "El taller comenzó el lunes 8 de marzo.",
])
def test_weekdays_that_name_no_day_of_their_own(text):
    assert relative(text) == []


@pytest.mark.parametrize("text, start, end", [
    ("a course held on the 5th and 6th of this month", dt.date(2012, 3, 5), dt.date(2012, 3, 6)),
    ("un taller los días 7 y 8 de este mes", dt.date(2012, 3, 7), dt.date(2012, 3, 8)),
    ("uma oficina nos dias 1 a 3 deste mês", dt.date(2012, 3, 1), dt.date(2012, 3, 3)),
    ("un atelier les 12 et 13 de ce mois", dt.date(2012, 3, 12), dt.date(2012, 3, 13)),
])
def test_days_of_this_month_take_the_page_month(text, start, end):
    assert relative(text) == [(start, end)]


def test_nothing_is_relative_without_the_page_date():
    assert relative("They met last Tuesday, on the 5th of this month.", today=None) == []


def test_an_impossible_day_of_this_month_is_left_out():
    assert relative("held on the 30th of this month", today=dt.date(2012, 2, 10)) == []


RELATIVE_WORDS = st.lists(
    st.sampled_from(["last", "next", "on", "Tuesday", "miércoles", "pasado", "dernier", "the", "31st", "1", "and",
                     "of this month", "deste mês", "every", "Santo", "will", ",", "May", "2", "sexta-feira"]),
    max_size=12,
).map(" ".join)


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.text(max_size=200), RELATIVE_WORDS), st.dates(dt.date(1, 1, 1), dt.date(9999, 12, 31)))
def test_fuzz_relative_dates_never_raise_and_point_into_the_text(text, today):
    for span in find_relative_dates(text, today):
        assert 0 <= span.start_pos < span.end_pos <= len(text)
        assert span.start <= span.end


@pytest.mark.parametrize(
    "line, months",
    [("Febrero", (2, 2)), ("  Agosto – Septiembre ", (8, 9)), ("Sept. 2011", (9, 9)), ("Marzo de 2010", (3, 3)),
     ("March 3", None), ("Fechas", None), ("Mayo y junio", None)],
)
def test_a_line_naming_a_month_alone(line, months):
    assert month_line(line) == months


def test_the_order_a_document_writes_numeric_dates_in():
    assert numeric_order("Reporting period: 01/03/2016 - 30/06/2016\nCastries, 05/04/2016") == "day"
    assert numeric_order("Posted 09/22/2015. The course ran on 10/05/2015.") == "month"
    assert numeric_order("On 05/04/2016 and on 10/05/2016.") is None
    assert numeric_order("Between 13/05/2016 and 05/14/2016.") is None  # a page that writes both


def test_a_field_label_before_a_date_is_no_dateline_place():
    assert read_dateline("Duration: October 2019 – September 2021").place == ""


def test_a_lowercase_mars_after_its_day_is_march_but_may_is_not_may():
    [span] = find_dates("ont suivi du 9 au 11 mars une formation", default_year=2016)
    assert (span.start, span.end) == (D(2016, 3, 9), D(2016, 3, 11))
    assert find_dates("le 9 mars", default_year=2016)[0].start == D(2016, 3, 9)
    assert find_dates("the violence that mars 3 towns", default_year=2016) == []
    assert find_dates("of the 12 may attend", default_year=2016) == []


def test_a_dateline_town_may_carry_its_state_in_brackets():
    dateline = read_dateline("Brasília (DF), 15 de março de 2019\nA OPAS apoiou a realização de um curso de "
                             "capacitação para quarenta e cinco profissionais da rede de saúde.", month_first=False)
    assert (dateline.date, dateline.place) == (D(2019, 3, 15), "Brasília (DF)")


def test_a_press_release_signed_with_its_place_and_day_at_its_foot():
    story = ("OAS Trains Migration Officers\nThe Secretariat will hold next week a workshop on travel documents.\n"
             "The workshop will take place from March 10 to 14 in Antigua Guatemala.\n")
    dateline = read_dateline(story + "Reference: E-081/14\nWashington, D.C., March 4, 2014\n"
                             "For more information, please visit the OAS website.")
    assert (dateline.date, dateline.place) == (D(2014, 3, 4), "Washington, D.C.")
    dateline = read_dateline(story + "Referência: P-031/14Brasília, 5 de dezembro de 2014", month_first=False)
    assert (dateline.date, dateline.place) == (D(2014, 12, 5), "Brasília")
    assert read_dateline(story + "Guatemala de la Asunción, octubre de 2011") is None  # a report's sign-off month


def test_a_byline_with_a_short_weekday_dates_the_page():
    dateline = read_dateline("Guatemala City – Tue, 05/14/2019 – IOM Guatemala\nGuatemala City – Forty-two "
                             "immigration officers completed a three-day training on the protection of migrants.")
    assert (dateline.date, dateline.place) == (D(2019, 5, 14), "Guatemala City")


@pytest.mark.parametrize("text, start, end", [
    ("6-10 mar.", D(2017, 3, 6), D(2017, 3, 10)),
    ("27 abr.", D(2017, 4, 27), D(2017, 4, 27)),
    ("29 may. - 2 jun.", D(2017, 5, 29), D(2017, 6, 2)),
    ("30 nov. - 1 dic.", D(2017, 11, 30), D(2017, 12, 1)),
    ("5 ene. 2010", D(2010, 1, 5), D(2010, 1, 5)),
    ("12 févr. 2015", D(2015, 2, 12), D(2015, 2, 12)),
])
def test_short_month_forms_of_every_language(text, start, end):
    [span] = find_dates(text, default_year=2017, month_first=False)
    assert (span.start, span.end) == (start, end)


def test_english_words_that_look_like_short_months_are_not_dates():
    assert find_dates("3 out of 5 officers; the 12 may attend", default_year=2017) == []


def test_weekdays_of_next_week():
    friday = D(2012, 3, 2)
    text = ("The OAS will hold a five-day training for police officers, immigration agents and prosecutors on "
            "the investigation of trafficking in persons, from Monday to Friday of next week in Tegucigalpa.")
    assert [(d.start, d.end) for d in find_relative_dates(text, friday)] == [(D(2012, 3, 5), D(2012, 3, 9))]
    text = "Los fiscales asistieron a un curso. Otro taller, el martes y el miércoles de la próxima semana."
    assert [(d.start, d.end) for d in find_relative_dates(text, friday)] == [(D(2012, 3, 6), D(2012, 3, 7))]


def test_a_date_over_its_topic_labels_dates_the_page():
    dateline = read_dateline("14 June 2019 Topics: Counter-trafficking, Migrant Protection, Border Management\n"
                             "San José – Forty officials took part on Tuesday and Wednesday in a training.")
    assert dateline.date == D(2019, 6, 14)


def test_this_weekday_is_in_the_page_s_week():
    monday = D(2022, 4, 4)
    text = "La iniciativa continuará este miércoles en San Pedro de Macorís con un taller de un día."
    assert [d.start for d in find_relative_dates(text, monday)] == [D(2022, 4, 6)]
    friday = D(2022, 4, 8)
    text = "Este miércoles se realizó un taller con docentes."
    assert [d.start for d in find_relative_dates(text, friday)] == [D(2022, 4, 6)]


def test_a_date_over_the_page_s_country_field_dates_the_page():
    dateline = read_dateline("03/18/2016\nCountry: Guatemala\n"
                             "Guatemala - IOM this week trained 45 officials in Huehuetenango.")
    assert dateline.date == D(2016, 3, 18)


def test_days_and_a_month_in_figures_without_a_year_take_the_page_s_year():
    assert [(d.start, d.end) for d in find_dates("IOM this week (14-18/3) trained 45 officials", 2016)] == [
        (D(2016, 3, 14), D(2016, 3, 18))]
    assert [(d.start, d.end) for d in find_dates("A oficina foi realizada de 11/04 a 15/04 em Manaus.", 2019,
                                                 month_first=False)] == [(D(2019, 4, 11), D(2019, 4, 15))]
    assert find_dates("IOM this week (14-18/3) trained 45 officials") == []  # no year to give them
    assert find_dates("The vote was 11/04 in favour, and 3/4 of the budget was spent.", 2016) == []


def test_a_range_of_days_before_a_numeric_month_is_read_day_first():
    text = "• 22-23/05/2018 | Taller | Santa Ana\n- Curso regional (12-16/03/2012), Ciudad de Guatemala."
    assert [(d.start, d.end) for d in find_dates(text)] == [
        (D(2018, 5, 22), D(2018, 5, 23)), (D(2012, 3, 12), D(2012, 3, 16))]
    assert [(d.start, d.end) for d in find_dates("02-06/07/2018", month_first=True)] == [
        (D(2018, 7, 2), D(2018, 7, 6))]


def test_french_mars_after_its_cue_is_the_month():
    assert [(m.start, m.end) for m in find_months("s'était tenue à Jacmel au mois de mars.", default_year=2012)] == [
        (D(2012, 3, 1), D(2012, 3, 31))]
    assert [m.start for m in find_months("Une formation en mars 2012.")] == [D(2012, 3, 1)]
    assert find_months("The rain mars the view in Lima.", default_year=2012) == []


def test_a_pair_of_weekdays_in_the_future_runs_forward_from_the_first():
    monday = D(2019, 3, 11)
    [span] = find_relative_dates("UNDP will host a two-day workshop on Thursday and Friday in Montego Bay.", monday)
    assert (span.start, span.end) == (D(2019, 3, 14), D(2019, 3, 15))


def test_a_range_of_days_joined_by_a_word_before_a_numeric_month_is_day_first():
    [span] = find_dates("realizado em Recife (PE), de 23 a 27/05/2016.", month_first=False)
    assert (span.start, span.end) == (D(2016, 5, 23), D(2016, 5, 27))
