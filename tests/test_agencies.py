import pytest

from kb.agencies import AGENCIES, agency_from_text, agency_from_url, find_bodies


@pytest.mark.parametrize(
    "url,agency",
    [
        ("https://www.oas.org/dsp/english/cpo_trata_proyectos.asp", "OAS"),
        ("http://www.oas.org/dsp/espanol/cpo_trata.asp", "OAS"),
        ("https://oas.org/en/", "OAS"),
        ("http://scm.oas.org/doc_public/english/hist_10/cp24519e04.doc", "OAS"),
        ("http://www.summit-americas.org/mandates.html", "OAS"),
        ("https://summit-americas.org/", "OAS"),
        ("https://www.iom.int/news/iom-trains-border-officials-caribbean", "IOM"),
        ("https://rosanjose.iom.int/es/publicaciones", "IOM"),
        ("https://www.paho.org/es/documentos/informe-violencia", "PAHO"),
        ("https://WWW.PAHO.ORG/en", "PAHO"),
        ("https://www.undp.org/latin-america/publications/citizen-security", "UNDP"),
        ("https://www.undp.org:443/es", "UNDP"),
    ],
)
def test_agency_from_url(url, agency):
    assert agency_from_url(url) == agency
    assert agency in AGENCIES


@pytest.mark.parametrize(
    "url",
    [
        "file:///home/reader/reports/oas-report.html",
        "https://www.unodc.org/documents/human-trafficking.pdf",
        "https://notoas.org/page",
        "https://oas.org.example.com/page",
        "https://www.example.com/www.oas.org/page",
        "not a url",
        "",
    ],
)
def test_agency_from_url_other_hosts(url):
    assert agency_from_url(url) is None


@pytest.mark.parametrize(
    "text,agency",
    [
        ("The OAS Department of Public Security trained forty police officers.", "OAS"),
        ("La Organización de los Estados Americanos (OEA) presentó su informe.", "OAS"),
        ("La Organizacion de los Estados Americanos presento su informe.", "OAS"),
        ("IOM assisted 120 victims of trafficking returning to Haiti.", "IOM"),
        ("La OIM brindó asistencia a las víctimas.", "IOM"),
        ("The International Organization for Migration opened an office in Belize.", "IOM"),
        ("PAHO published guidelines for the health sector.", "PAHO"),
        ("La OPS y la Organización Panamericana de la Salud son la misma entidad.", "PAHO"),
        ("A Organização Pan-Americana da Saúde publicou o guia.", "PAHO"),
        ("UNDP supports citizen security programmes in Central America.", "UNDP"),
        ("El PNUD publicó el Informe Regional de Desarrollo Humano.", "UNDP"),
        ("The United Nations Development Programme and the OAS met.", "UNDP"),
    ],
)
def test_agency_from_text(text, agency):
    assert agency_from_text(text) == agency


def test_agency_from_text_picks_the_most_mentioned():
    text = (
        "The OAS invited IOM to the meeting. IOM presented its data on migrant smuggling, "
        "and IOM staff answered questions."
    )
    assert agency_from_text(text) == "IOM"


def test_agency_from_text_breaks_ties_by_first_mention():
    assert agency_from_text("PAHO and UNDP signed a letter.") == "PAHO"
    assert agency_from_text("UNDP and PAHO signed a letter.") == "UNDP"


@pytest.mark.parametrize(
    "text",
    [
        "",
        "Special operations units raided the warehouse; ops were suspended.",
        "The oasis town lies on the border.",
        "Iomega drives and the undp variable are not agencies.",
    ],
)
def test_agency_from_text_none(text):
    assert agency_from_text(text) is None


def test_find_bodies_in_english():
    text = (
        "The three entities of the OAS Secretariat for Multidimensional Security (SMS), namely the "
        "Secretariat of the Inter-American Committee against Terrorism (CICTE), the Executive Secretariat "
        "of the Inter\u2010American Drug Abuse Control Commission (CICAD) and the Department of Public "
        "Security (DPS), prepared a course for the Meetings of Ministers Responsible for Public Security "
        "in the Americas and reported to the Summits of the Americas Secretariat."
    )
    assert find_bodies(text) == ["SMS", "CICTE", "CICAD", "DPS", "MISPA", "Summits Secretariat"]


def test_find_bodies_in_spanish():
    text = (
        "La Secretaría de Seguridad Multidimensional (SSM) y el Departamento de Seguridad Publica (DSP) de la "
        "OEA trabajaron con la Comisión Interamericana de Mujeres y con la Comisión Interamericana para el "
        "Control del Abuso de Drogas; la Secretaría de Cumbres recibió el informe."
    )
    assert find_bodies(text) == ["SMS", "DPS", "CIM", "CICAD", "Summits Secretariat"]


def test_find_bodies_acronyms_distinct_in_order():
    text = "MISPA II was held in Santo Domingo. The CIM and CICTE followed MISPA closely; CIM reported first."
    assert find_bodies(text) == ["MISPA", "CIM", "CICTE"]


def test_find_bodies_acronyms_must_be_whole_words_in_capitals():
    assert find_bodies("The CIMA Foundation and the CICTEX project, with OAS support.") == []
    assert find_bodies("MISPA, cicte and cicad in lower case are not acronyms of the OAS.") == ["MISPA"]


def test_find_bodies_ambiguous_acronyms_need_an_oas_context():
    assert find_bodies("Victims can send an SMS to the hotline.") == []
    assert find_bodies("The Texas DPS arrested two smugglers.") == []
    assert find_bodies("Germany's CIM placed experts in migration offices.") == []
    assert find_bodies("The OAS DPS launched a hotline that answers by SMS.") == ["DPS", "SMS"]


def test_find_bodies_none():
    assert find_bodies("") == []
    assert find_bodies("The ministry published new statistics on homicides.") == []
