"""Parsers: decoding old pages, boilerplate out, PDFs with running headers and hyphenation."""

import codecs
import json
from pathlib import Path

import pytest

from kb.errors import ParseError
from kb.models import RawDocument
from kb.parse import decode, parse
from kb.sources import HTML, PDF, TEXT

PARSERS = Path(__file__).parent / "fixtures" / "parsers"

OLD_PAGE = """<html><head><title>OEA - Departamento de Seguridad P\u00fablica</title></head><body><table>
<tr><td class="menu"><a href="/">About the OAS</a> | <a href="/ms">Member States</a> |
<a href="/docs">Documents</a> | <a href="/news">News</a></td></tr>
<tr><td><a href="/ssm">SSM</a> | <a href="/dsp">DSP</a> | <a href="/es">Espa\u00f1ol</a> |
<a href="/c">Contact us</a></td></tr>
<tr><td><h3>Capacitaci\u00f3n de funcionarios consulares</h3>
<p>El Departamento organiz\u00f3 un seminario sobre la \u201ctrata de personas\u201d
para el personal consular \u2013 con
especial atenci\u00f3n a las ni\u00f1as y los ni\u00f1os v\u00edctimas.</p>
<ul><li>Lima, Per\u00fa - 4 y 5 de febrero de 2009</li><li>Kingston, Jamaica - July 15-16, 2009</li></ul>
</td></tr>
<tr><td>\u00a9 2009 Organization of American States. All Rights Reserved.</td></tr></table></body></html>"""


def html_doc(body: bytes, charset: str | None = None) -> RawDocument:
    return RawDocument(url="https://www.oas.org/dsp/x.asp", body=body, content_type=HTML, source="x.asp",
                       charset=charset)


def test_windows_1252_without_declaration_is_not_mojibake():
    doc = parse(html_doc(OLD_PAGE.encode("cp1252")))
    text = "\n".join(b.text for b in doc.blocks)
    assert "\u201ctrata de personas\u201d" in text and "ni\u00f1as" in text and "\u2013" in text
    assert doc.charset == "windows-1252"


def test_iso_8859_1_declared_is_read_as_windows_1252():
    page = OLD_PAGE.replace("<head>", '<head><meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1">')
    text, charset = decode(page.encode("cp1252"))
    assert charset == "windows-1252" and "\u201ctrata" in text


def test_utf8_wins_over_a_wrong_declaration():
    page = OLD_PAGE.replace("<head>", '<head><meta charset="iso-8859-1">')
    text, charset = decode(page.encode("utf-8"))
    assert charset == "utf-8" and "v\u00edctimas" in text


def test_bom_decides():
    text, charset = decode(b"\xef\xbb\xbf" + "se\u00f1al".encode())
    assert (text, charset) == ("se\u00f1al", "utf-8")


def test_boilerplate_out_headings_and_items_kept():
    doc = parse(html_doc(OLD_PAGE.encode("utf-8")))
    kinds = [(b.kind, b.text) for b in doc.blocks]
    assert ("heading", "Capacitaci\u00f3n de funcionarios consulares") in kinds
    assert ("item", "Kingston, Jamaica - July 15-16, 2009") in kinds
    text = " ".join(b.text for b in doc.blocks)
    for chrome in ("Member States", "Contact us", "All Rights Reserved", "Espa\u00f1ol"):
        assert chrome not in text
    assert doc.title == "OEA - Departamento de Seguridad P\u00fablica"


def test_deep_nesting_does_not_overflow():
    page = "<html><body>" + "<div>" * 10_000 + "<p>Deep text about trafficking victims.</p>" + "</div>" * 10_000
    doc = parse(html_doc(page.encode()))
    assert any("trafficking victims" in b.text for b in doc.blocks)


@pytest.mark.parametrize("body, reason", [(b"", "empty"), (b"   \n", "empty"), (bytes(range(256)) * 20, "binary")])
def test_unreadable_html_names_the_reason(body, reason):
    with pytest.raises(ParseError, match=reason):
        parse(html_doc(body))


def test_plain_text_paragraphs():
    doc = parse(RawDocument(url="file:///a.txt", body=b"First paragraph.\n\nSecond one\nwraps here.",
                            content_type=TEXT, source="a.txt"))
    assert [b.text for b in doc.blocks] == ["First paragraph.", "Second one wraps here."]


def test_plain_text_table_in_columns_gives_one_item_per_row():
    body = (
        "Schedule 2005\n\n"
        "DATES        ACTIVITY                        LOCATION\n"
        "-----------  ------------------------------  ----------------------\n"
        "Feb. 22-24   Workshop: port facility         Puerto Cortés, Honduras\n"
        "             security officers\n"
        "Jul. 19      Meeting: focal points           Bridgetown, Barbados\n"
    ).encode()
    doc = parse(RawDocument(url="file:///s.txt", body=body, content_type=TEXT, source="s.txt"))
    assert [(b.kind, b.text) for b in doc.blocks] == [
        ("paragraph", "Schedule 2005"),
        ("item", "DATES | ACTIVITY | LOCATION"),
        ("item", "Feb. 22-24 | Workshop: port facility security officers | Puerto Cortés, Honduras"),
        ("item", "Jul. 19 | Meeting: focal points | Bridgetown, Barbados"),
    ]


def test_plain_text_table_drawn_with_pipes_gives_one_item_per_row():
    body = (
        b"Para. | Mandate (summary)          | Actions reported 2011\n"
        b"------+----------------------------+--------------------------\n"
        b" 72   | Combat trafficking in      | Training for police officers,\n"
        b"      | persons                    | Belize City, Belize,\n"
        b"      |                            | 2011-10-26 to 2011-10-28.\n"
        b"------+----------------------------+--------------------------\n"
        b" 73   | Hold Meetings of Ministers | MISPA III, Port of Spain.\n"
    )
    doc = parse(RawDocument(url="file:///m.txt", body=body, content_type=TEXT, source="m.txt"))
    assert [(b.kind, b.text) for b in doc.blocks] == [
        ("item", "Para. | Mandate (summary) | Actions reported 2011"),
        ("item", "72 | Combat trafficking in persons | Training for police officers, Belize City, Belize, "
                 "2011-10-26 to 2011-10-28."),
        ("item", "73 | Hold Meetings of Ministers | MISPA III, Port of Spain."),
    ]


def test_plain_text_rows_set_apart_by_blank_lines_are_still_rows():
    body = (
        "07/09/2009 - 08/09/2009  Ciudad de Panamá, Panamá   Reunión técnica\n"
        "                                                    preparatoria\n\n"
        "The second paragraph.  It sets its sentences two spaces apart.  As some writers do.\n"
    ).encode()
    doc = parse(RawDocument(url="file:///c.txt", body=body, content_type=TEXT, source="c.txt"))
    assert [(b.kind, b.text) for b in doc.blocks] == [
        ("item", "07/09/2009 - 08/09/2009 | Ciudad de Panamá, Panamá | Reunión técnica preparatoria"),
        ("paragraph", "The second paragraph. It sets its sentences two spaces apart. As some writers do."),
    ]


def test_abbreviations_in_column_cells_do_not_make_a_table_prose():
    body = (
        b"  Date              Location                    Participants              No.\n"
        b"  ----------------  --------------------------  ------------------------  ---\n"
        b"  6-7 Sept 2016     Dajabon, Dominican Rep.     border agents, DGM        28\n"
        b"                                                inspectors\n"
        b"  8-9 Sept 2016     Ouanaminthe, Haiti          police officers           31\n"
    )
    doc = parse(RawDocument(url="file:///c.txt", body=body, content_type=TEXT, source="c.txt"))
    assert [(b.kind, b.text) for b in doc.blocks] == [
        ("item", "Date | Location | Participants | No."),
        ("item", "6-7 Sept 2016 | Dajabon, Dominican Rep. | border agents, DGM inspectors | 28"),
        ("item", "8-9 Sept 2016 | Ouanaminthe, Haiti | police officers | 31"),
    ]


def test_a_range_broken_over_two_lines_of_a_column_table_is_one_cell():
    body = (
        b"  Date                    Activity                                Venue\n"
        b"  ----------------------  --------------------------------------  --------------------\n"
        b"  6-7 February 2006       National Workshop on Identification     Paramaribo, Suriname\n"
        b"  27 February -           Training of Trainers for Police and     Georgetown, Guyana\n"
        b"  1 March 2006            Immigration Officers\n"
    )
    doc = parse(RawDocument(url="file:///c.txt", body=body, content_type=TEXT, source="c.txt"))
    assert [b.text for b in doc.blocks][1:] == [
        "6-7 February 2006 | National Workshop on Identification | Paramaribo, Suriname",
        "27 February - 1 March 2006 | Training of Trainers for Police and Immigration Officers | Georgetown, Guyana",
    ]


def test_html_table_row_is_one_item_with_its_cells_joined():
    body = """<html><body><table border="1">
<tr><th><b>Fecha</b></th><th><b>Actividad</b></th><th><b>Lugar</b></th></tr>
<tr><td>14 al 18 de abril</td><td><p>Curso sobre investigación</p><p>para fiscales</p></td>
<td>La Paz, Bolivia</td></tr>
<tr><td>Feb 23-25</td><td><span>Document Security</span><br>National Workshop on Fraud</td><td>Asunción</td></tr>
<tr><td><b>Venue:</b></td><td></td><td>Pegasus Hotel, Georgetown</td></tr>
</table></body></html>""".encode()
    doc = parse(html_doc(body))
    assert [(b.kind, b.text) for b in doc.blocks] == [
        ("item", "Fecha | Actividad | Lugar"),
        ("item", "14 al 18 de abril | Curso sobre investigación para fiscales | La Paz, Bolivia"),
        ("item", "Feb 23-25 | Document Security National Workshop on Fraud | Asunción"),
        ("item", "Venue: | Pegasus Hotel, Georgetown"),
    ]


def test_a_term_and_its_definition_are_one_item():
    body = """<html><body><dl><dt>Fecha:</dt><dd>05/12/2017 &ndash; 06/12/2017</dd>
<dt>Lugar:</dt> <dd>San José, <b>Costa Rica</b></dd><dt>Contacto</dt></dl></body></html>""".encode()
    assert [(b.kind, b.text) for b in parse(html_doc(body)).blocks] == [
        ("item", "Fecha: 05/12/2017 – 06/12/2017"),
        ("item", "Lugar: San José, Costa Rica"),
        ("item", "Contacto"),
    ]


def test_a_bold_line_of_place_and_dates_is_no_heading():
    body = """<html><body><p><b>Program</b></p>
<p><strong>San Salvador, El Salvador — Sept. 24-25, 2014</strong></p><p>The seminar opens.</p></body></html>"""
    assert [(b.kind, b.text) for b in parse(html_doc(body.encode())).blocks] == [
        ("heading", "Program"),
        ("paragraph", "San Salvador, El Salvador — Sept. 24-25, 2014"),
        ("paragraph", "The seminar opens."),
    ]


def test_layout_table_cells_stay_blocks_of_their_own():
    prose = " ".join(["The seminar gathered officers from the region to share practice."] * 8)
    body = f"""<html><body><table><tr><td><a href="/">Home</a></td>
<td><h2>Seminar in Kingston</h2><p>{prose}</p><p>It closed on Friday.</p></td></tr></table></body></html>""".encode()
    doc = parse(html_doc(body))
    assert [(b.kind, b.text[:20]) for b in doc.blocks] == [
        ("heading", "Seminar in Kingston"),
        ("paragraph", prose[:20]),
        ("paragraph", "It closed on Friday."),
    ]


def test_pdf_junk_and_truncated_are_errors():
    with pytest.raises(ParseError, match="not a readable PDF"):
        parse(RawDocument(url="file:///j.pdf", body=b"%PDF-1.4 garbage" * 50, content_type=PDF, source="j.pdf"))


# ---------------------------------------------------------------- the fixture files

def fixture_cases():
    expected = json.loads((PARSERS / "expected.json").read_text())
    return sorted((name, facts) for name, facts in expected.items() if not name.startswith("_"))


def content_type_of(name: str) -> str:
    return PDF if name.endswith(".pdf") else HTML if name.endswith(".html") else TEXT


@pytest.mark.parametrize("name, facts", fixture_cases(), ids=[c[0] for c in fixture_cases()])
def test_fixture(name, facts):
    raw = RawDocument(url=f"file:///{name}", body=(PARSERS / name).read_bytes(), content_type=content_type_of(name),
                      source=name)
    if facts.get("error"):
        with pytest.raises(ParseError, match=name.replace(".", r"\.")):
            parse(raw)
        return
    doc = parse(raw)
    text = " ".join(" ".join(b.text.split()) for b in doc.blocks if b.kind != "heading")
    if "doc_type" in facts:
        assert doc.doc_type == facts["doc_type"]
    if "charset" in facts:
        assert codecs.lookup(doc.charset).name == codecs.lookup(facts["charset"]).name
    if "title" in facts:
        assert doc.title == facts["title"]
    headings = [b.text for b in doc.blocks if b.kind == "heading"]
    wanted = iter(headings)
    for heading in facts.get("headings", []):
        assert heading in wanted, f"heading {heading!r} missing or out of order in {headings}"
    for phrase in facts.get("contains", []):
        assert phrase in text, phrase
    for phrase in facts.get("absent", []):
        assert phrase not in text and phrase not in " ".join(headings), phrase
    for word in facts.get("joined", []):
        assert word in text, word
    order = facts.get("order", [])
    if order:
        positions = [text.index(p) for p in order]
        assert positions == sorted(positions), order
