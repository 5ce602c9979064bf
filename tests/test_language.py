import pytest

from kb.language import LANGUAGES, detect_language

PARAGRAPHS = {
    "en": (
        "The Department of Public Security organized a five-day course on border controls for customs and "
        "migration officers. Instructors explained how to screen passengers, inspect cargo and detect forged "
        "travel documents, and the participants agreed to share information between their agencies."
    ),
    "es": (
        "El Departamento de Seguridad Pública organizó un curso de cinco días sobre controles fronterizos para "
        "funcionarios de aduanas y migración. Los instructores explicaron cómo revisar a los pasajeros, "
        "inspeccionar la carga y detectar documentos de viaje falsificados."
    ),
    "fr": (
        "Le Département de la sécurité publique a organisé un cours de cinq jours sur le contrôle des frontières "
        "pour les agents des douanes et de la migration. Les formateurs ont expliqué comment contrôler les "
        "passagers, inspecter les marchandises et détecter les faux documents de voyage."
    ),
    "pt": (
        "O Departamento de Segurança Pública organizou um curso de cinco dias sobre controle de fronteiras para "
        "funcionários da alfândega e da migração. Os instrutores explicaram como revisar os passageiros, "
        "inspecionar a carga e detectar documentos de viagem falsificados."
    ),
}


@pytest.mark.parametrize("language", LANGUAGES)
def test_paragraphs(language):
    assert detect_language(PARAGRAPHS[language]) == language


@pytest.mark.parametrize(
    "text,language",
    [
        ("Reunión de ministros en Santo Domingo", "es"),
        ("Protección de víctimas de explotación sexual", "es"),
        ("Policías y fiscales trabajaron juntos en el caso.", "es"),
        ("Relatório anual da Secretaria Geral", "pt"),
        ("Proteção de vítimas de exploração sexual", "pt"),
        ("Policiais e promotores trabalharam juntos no caso.", "pt"),
        ("Rapport annuel du Secrétariat général", "fr"),
        ("Protection of victims of sexual exploitation", "en"),
    ],
)
def test_short_headings_and_sentences(text, language):
    assert detect_language(text) == language


@pytest.mark.parametrize("text", ["", "   \n\t", "OAS", "Trata de", "12 345 2010", "— • —", "a b c d"])
def test_too_short_or_no_letters(text):
    assert detect_language(text) == "und"
