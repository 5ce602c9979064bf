import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kb.mandates import find_mandates
from kb.models import Mandate

PORT_OF_SPAIN = "Declaration of Commitment of Port of Spain"


@pytest.mark.parametrize(
    "text, expected",
    [
        ("To carry out mandate 74, PAHO built injury surveillance systems in Honduras.", [Mandate(74)]),
        ("Mandate 74 asks the health sector to act on violence.", [Mandate(74)]),
        ("The DPS reported on mandates 27 and 28 at the Summit review.", [Mandate(27), Mandate(28)]),
        ("Mandates 27, 28 and 30 concern public security.", [Mandate(27), Mandate(28), Mandate(30)]),
        ("Mandates 27, 28, and 30 concern public security.", [Mandate(27), Mandate(28), Mandate(30)]),
        ("Member States reaffirmed paragraphs 72 and 73.", [Mandate(72), Mandate(73)]),
        ("Como lo dispone el mandato 74, la OPS fortaleció los observatorios.", [Mandate(74)]),
        ("La SSM informó sobre los mandatos 12 y 13.", [Mandate(12), Mandate(13)]),
        ("Según el párrafo 73, los Estados cooperan.", [Mandate(73)]),
        (
            "Paragraph 73 of the Declaration of Commitment (of Port of Spain) calls for MISPA.",
            [Mandate(73, PORT_OF_SPAIN)],
        ),
        (
            "Under Paragraph 73 of the Declaration of Commitment of Port of Spain, ministers meet.",
            [Mandate(73, PORT_OF_SPAIN)],
        ),
        (
            "En los párrafos 72 y 73 de la Declaración de Compromiso de Puerto España, los Estados acordaron.",
            [
                Mandate(72, "Declaración de Compromiso de Puerto España"),
                Mandate(73, "Declaración de Compromiso de Puerto España"),
            ],
        ),
        (
            "CICAD answers paragraph 5 of the Plan of Action of Quebec City.",
            [Mandate(5, "Plan of Action of Quebec City")],
        ),
        (
            "As asked in paragraphs 72 and\n73 of the Declaration of\nCommitment of Port of Spain, the OAS",
            [Mandate(72, PORT_OF_SPAIN), Mandate(73, PORT_OF_SPAIN)],
        ),
    ],
)
def test_citations(text, expected):
    assert find_mandates(text) == expected


def test_distinct_in_order_of_first_mention():
    text = (
        "Mandate 74 guides PAHO. IOM works under mandates 27 and 74. "
        "Paragraph 73 of the Declaration of Commitment of Port of Spain, and mandate 73 again."
    )
    assert find_mandates(text) == [Mandate(74), Mandate(27), Mandate(73, PORT_OF_SPAIN), Mandate(73)]


@pytest.mark.parametrize(
    "text",
    [
        "The next paragraph describes the Restavek children of Haiti.",
        "See page 12 of the report for the survey results.",
        "Article 5 of the Palermo Protocol defines the offence.",
        "Under its mandate of 2009, the CIM trained police officers.",
        "The mandate 2009 review is due.",
        "Paragraph 2 of Article 5 of the Protocol requires criminalisation.",
        "Paragraph 0 is reserved.",
        "paragraph 5.2 of the manual",
        "",
    ],
)
def test_not_mandates(text):
    assert find_mandates(text) == []


@settings(max_examples=300, deadline=None)
@given(
    st.one_of(
        st.text(max_size=300),
        st.lists(
            st.sampled_from("mandates|párrafo| |1|27|2009|,|and|y|of the |Declaration|(|)|Plan|\n|de la ".split("|")),
            max_size=30,
        ).map("".join),
    )
)
def test_fuzz_numbers_in_range_and_distinct(text):
    found = find_mandates(text)
    assert len(found) == len(set(found))
    assert all(1 <= m.number <= 999 for m in found)


def test_a_run_of_paragraphs_is_the_text_s_own_unless_it_speaks_of_a_summit():
    assert find_mandates("[Excerpt: Summary, paragraphs 2-6, and Annex 1]") == []
    assert find_mandates("The Declaration of Mar del Plata, in paragraphs 2-6, speaks of decent work.") == [Mandate(2)]


MATRIX = (
    "The matrix reports on the Declaration of Commitment of Port of Spain.\n"
    "• Para. | Mandate (summary) | Actions reported 2011\n"
    "• 72 | Combat trafficking in persons | Training for police officers, 2011-10-26.\n"
    "• 73 | Hold Meetings of Ministers (MISPA) | MISPA III held on 17 and 18 November.\n"
)


def test_the_rows_of_a_follow_up_matrix_cite_their_paragraphs():
    assert [m.number for m in find_mandates(MATRIX)] == [72, 73]
    row = MATRIX.index("• 73")
    assert [m.number for m in find_mandates(MATRIX, within=(row, len(MATRIX)))] == [73]


def test_a_numbered_table_without_a_paragraph_column_cites_nothing():
    table = "Summit report\n• No. | Activity | Participants\n• 12 | Training in Lima | 40\n• 3 | Workshop | 25\n"
    assert find_mandates(table) == []
    plan = MATRIX.replace("Declaration of Commitment of Port of Spain", "annual plan").replace("Mandate", "Goal")
    assert find_mandates(plan.replace("MISPA", "ministers")) == []
