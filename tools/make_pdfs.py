"""Write every PDF that kb ships or tests against, byte for byte the same on each run.

    python tools/make_pdfs.py          # write the PDFs into the repository
    python tools/make_pdfs.py --check  # then read them back with pypdfium2 and report

fpdf2 is needed by this script only: the PDFs are committed, and kb reads them
with pypdfium2. Text is set in the PDF core fonts, encoded as windows-1252, so
curly quotes, dashes and Spanish letters survive without embedding a font.

Paragraphs are justified, and the words in HYPHENATION may be broken at a
line end: fpdf2 breaks at a soft hyphen when it must and prints "secu-" /
"rity". The --check report lists the words that ended up broken;
tests/fixtures/parsers/expected.json names some of them.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import re
from pathlib import Path

from fpdf import FPDF

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "corpus" / "sample"
PARSERS = ROOT / "tests" / "fixtures" / "parsers"
CORPUS = ROOT / "tests" / "fixtures" / "corpus"

# A fixed creation date keeps the file identifier, and so the bytes, stable.
CREATED = dt.datetime(2010, 7, 12, 12, 0, tzinfo=dt.UTC)
SOFT_HYPHEN = "\u00ad"
ENCRYPTED_USER_PASSWORD = "kb-fixture"
ENCRYPTED_OWNER_PASSWORD = "kb-fixture-owner"
JUNK_SEED = 1252
JUNK_SIZE = 4096

Block = tuple[str, str]  # (kind, text): kind is h1, h2, p, li or table


class Report(FPDF):
    """A4 pages with a running header and a page-number footer on every page."""

    def __init__(self, title: str, running_header: str, footer: str = "Page {n} of {nb}", lang: str = "en"):
        super().__init__(format="A4")
        self.core_fonts_encoding = "windows-1252"
        self.running_header = running_header
        self.footer_format = footer
        self.set_title(title)
        self.set_author(running_header)
        self.set_lang(lang)
        self.set_creation_date(CREATED)
        self.set_margins(25, 24, 25)
        self.set_auto_page_break(True, margin=24)

    def header(self) -> None:
        self.set_font("Helvetica", "I", 8)
        self.set_text_color(90)
        self.set_y(11)
        self.cell(0, 5, self.running_header, align="C")
        self.set_text_color(0)
        self.set_y(24)

    def footer(self) -> None:
        self.set_y(-16)
        self.set_font("Helvetica", "", 8)
        self.set_text_color(90)
        # fpdf2 replaces "{nb}" with the page count when it writes the file.
        self.cell(0, 5, self.footer_format.format(n=self.page_no(), nb="{nb}"), align="C")
        self.set_text_color(0)


# Where these words may break at a line end (fpdf2 does no hyphenation of its own).
HYPHENATION = (
    "secu-rity", "traf-ficking", "inter-national", "infor-mation", "co-operation", "organi-zations",
    "inves-tigation", "govern-ments", "assis-tance", "protec-tion", "pre-vention", "specia-lized",
    "immi-gration", "prose-cutors", "partici-pants", "circum-stances", "exploi-tation", "testi-mony",
    "recom-mendations", "vio-lence", "em-ployer", "statis-tics", "disci-plines", "Secre-tariat",
    "legis-lation", "colla-boration", "neigh-bourhoods", "reinte-gration", "contri-bution", "appro-priate",
    "supervi-sors", "investi-gative", "commis-sion", "polí-ticas", "recomen-daciones", "orga-nización",
    "orga-nized", "trav-eller", "com-panion", "ques-tions", "pros-titution", "inqui-ries", "Depart-ment",
)
HYPHENATED = {word.replace("-", ""): word.replace("-", SOFT_HYPHEN) for word in HYPHENATION}
WORD = re.compile(r"\w+")


def soft(text: str) -> str:
    """Put soft hyphens into the words of HYPHENATION (matching a capital first letter too)."""

    def mark(match: re.Match[str]) -> str:
        word = match.group()
        if word in HYPHENATED:
            return HYPHENATED[word]
        lower = word[0].lower() + word[1:]
        if lower in HYPHENATED:
            marked = HYPHENATED[lower]
            return marked[0].upper() + marked[1:]
        return word

    return WORD.sub(mark, text)


def write_blocks(pdf: Report, blocks: list[Block], size: float = 11) -> None:
    for kind, text in blocks:
        if kind == "h1":
            pdf.set_font("Helvetica", "B", 15)
            pdf.multi_cell(0, 7.5, text, align="L")
            pdf.ln(3)
        elif kind == "h2":
            pdf.ln(2)
            pdf.set_font("Helvetica", "B", 12)
            pdf.multi_cell(0, 6.5, text, align="L")
            pdf.ln(1.5)
        elif kind == "li":
            pdf.set_font("Helvetica", "", size)
            pdf.set_x(pdf.l_margin + 4)
            pdf.multi_cell(0, size * 0.52, soft(text), align="J", new_x="LMARGIN")
            pdf.ln(1)
        elif kind == "table":
            write_table(pdf, text, size)
        else:
            pdf.set_font("Helvetica", "", size)
            pdf.multi_cell(0, size * 0.52, soft(text), align="J")
            pdf.ln(2.5)


def write_table(pdf: Report, text: str, size: float) -> None:
    """A table given as lines of cells separated by " | "; the first line is the heading row."""
    rows = [[cell.strip() for cell in line.split(" | ")] for line in text.strip().splitlines()]
    pdf.set_font("Helvetica", "", size - 1.5)
    with pdf.table(text_align="LEFT", line_height=(size - 1.5) * 0.55, first_row_as_headings=True) as table:
        for cells in rows:
            row = table.row()
            for cell in cells:
                row.cell(cell)
    pdf.ln(3)


def report(path: Path, title: str, running_header: str, blocks: list[Block], *, footer: str = "Page {n} of {nb}",
           lang: str = "en", size: float = 11, new_page_at_h2: bool = False) -> bytes:
    pdf = Report(title, running_header, footer, lang)
    pdf.add_page()
    sections = 0
    for block in blocks:
        if block[0] == "h2":
            sections += 1
            if new_page_at_h2 and sections > 1:
                pdf.add_page()
        write_blocks(pdf, [block], size)
    data = bytes(pdf.output())
    write(path, data)
    return data


def write(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    print(f"wrote {path.relative_to(ROOT)} ({len(data):,} bytes)")


# ---------------------------------------------------------------- sample corpus

SUMMIT_TITLE = "Public Security and Trafficking in Persons: Implementation of Summit Mandates"
SUMMIT_HEADER = "Summits of the Americas \u2014 Implementation Report 2010"
SUMMIT_BLOCKS: list[Block] = [
    ("h1", SUMMIT_TITLE),
    ("p", "This chapter reviews what the institutions that support the Summits of the Americas have done to "
          "carry out the public security commitments of the Declaration of Commitment of Port of Spain. It covers "
          "the General Secretariat of the Organization of American States (OAS) and its specialized bodies, the "
          "Pan American Health Organization (PAHO), the International Organization for Migration (IOM) and the "
          "United Nations Development Programme (UNDP). For each activity it gives the mandate concerned, what "
          "was done, and where and when it took place."),
    ("h2", "1. Ministers Responsible for Public Security (Paragraph 73)"),
    ("p", "Paragraph 73 of the Declaration of Commitment asks Member States to take their cooperation on public "
          "security further through the Meetings of Ministers Responsible for Public Security in the Americas, "
          "known as MISPA. The OAS supported the second of these meetings, MISPA II, which was held in Santo "
          "Domingo, Dominican Republic, in November 2009. The ministers examined the causes of violence and agreed "
          "that it must be tackled by several disciplines at once, so that governments can set clear priorities "
          "among their policies."),
    ("p", "To follow up on the meeting, the OAS is helping countries produce the data and statistics on crime and "
          "violence that ministries need to design public security policies, to decide where to spend limited "
          "resources and to find out afterwards whether those policies worked."),
    ("h2", "2. Police Training on Violence against Women"),
    ("p", "Since the second half of 2009 the Executive Secretariat of the Inter-American Commission of Women (CIM) "
          "and the Department of Public Security (DPS) of the OAS General Secretariat have run a joint project, "
          "within the DPS program against trafficking in persons, that trains police officers to deal with cases of "
          "violence against women. The project helps police forces apply national legislation and international "
          "instruments on the subject, and adapt their procedures so that women who report violence receive a "
          "prompt and appropriate response."),
    ("h2", "3. Cross-Border Bulk Cash Smuggling"),
    ("p", "On the 15th and 18th of December 2009 the Secretariat of the Inter-American Committee against Terrorism "
          "(CICTE), together with U.S. Immigration and Customs Enforcement (ICE) and in collaboration with the "
          "United Nations Office on Drugs and Crime (UNODC) and the Inter-American Drug Abuse Control Commission, "
          "held the \u201cSecond Sub-regional Workshop on the Interdiction and Investigation of Cross Border Bulk "
          "Cash Smuggling\u201d in Lima, Peru."),
    ("p", "Participants studied how to apply the national and international legal framework against the smuggling "
          "of bulk cash, and how to investigate breaches of the laws and regulations that oblige travellers to "
          "declare the cash they carry. They also compared techniques of analysis, investigation and prosecution, "
          "and discussed why international cooperation matters in these cases."),
    ("h2", "4. National Drug Observatories in the Caribbean"),
    ("p", "With the Inter-American Drug Abuse Control Commission (CICAD) and the Government of the Commonwealth of "
          "Dominica, the OAS convened the Third Meeting of National Observatories on Drugs in the Caribbean in "
          "Roseau, Dominica, on 3\u20137 August 2009. Practitioners from across the Caribbean reviewed the latest "
          "research on drug use in the region, discussed what the results of new surveys mean for policy, and "
          "prepared recommendations to improve prevention, together with a list of practices that deserve to be "
          "applied more widely."),
    ("h2", "5. The Health Sector's Response to Violence (Mandate 74)"),
    ("p", "In response to mandate 74, PAHO strengthened the information systems on injuries of Nicaragua, Honduras, "
          "El Salvador, Colombia and Peru, and of the countries of the Caribbean. With the Inter-American Coalition "
          "for the Prevention of Violence, a partnership in which the OAS also takes part, it supported "
          "observatories on violence and gender in countries including Nicaragua, Honduras, El Salvador, Panama "
          "and Brazil."),
    ("p", "PAHO joined other agencies of the United Nations system in programmes that promote citizen security and "
          "prevent violence in Guatemala, El Salvador, Colombia, Brazil and Suriname, and it trained officials of "
          "ministries of health and other sectors with TEACH-VIP (Training, Educating, and Advancing Collaboration "
          "in Health on Violence and Injury Prevention). In Brazil it consolidated the national network for the "
          "prevention of youth violence and supported the N\u00facleo de Estudos da Viol\u00eancia (NEV), whose home "
          "visits to teenage mothers in disadvantaged neighbourhoods aim to prevent child abuse. With Mexico\u2019s "
          "National Public Health Institute (INSP), PAHO is developing in four Mexican states a model for the "
          "re-education of women who have suffered violence and of the men who attacked them."),
    ("h2", "6. Counter-Trafficking Work of IOM"),
    ("p", "IOM has worked against human trafficking since 1994. It has carried out more than 500 projects in some "
          "100 countries and has given direct assistance to more than 15,000 trafficked persons. Its approach puts "
          "the victim at the centre: it seeks to protect and empower trafficked women, men, girls and boys, to raise "
          "awareness of the crime, and to bring justice to those who suffered it."),
    ("p", "Much of IOM\u2019s work consists of training and tools for government officials, law enforcement and "
          "non-governmental organizations. In Argentina, IOM and its partners published a guide to the new "
          "anti-trafficking law to help prosecutors and police officers handle cases. In 2009 IOM launched "
          "www.contralatrata.org, a Spanish-language website with information on trafficking and on IOM projects in "
          "17 countries of the Americas. IOM\u2019s Caribbean Counter-Trafficking Model Legislation and Explanatory "
          "Guidelines, drafted with legal experts from 10 countries and CARICOM, offers governments a basis for "
          "reforming their laws."),
    ("p", "IOM Washington prepared a set of Counter-Trafficking Training Modules on seven topics: Information "
          "Campaigns; Return and Reintegration; Capacity Building; Cooperation and Networking; Victim "
          "Identification and Interviewing Techniques; Direct Assistance; and Children. In Central America and "
          "Mexico, IOM works with governments and civil society on awareness, victim protection and reintegration, "
          "and national policies. In the United States it assists victims case by case and, since 2005, has helped "
          "more than 300 family members of victims to join them."),
    ("p", "In Uruguay, IOM produced a guide for parents and teachers on preventing the sexual exploitation of "
          "children through the Internet. In Haiti, where some 173,000 children are believed to live as Restaveks, "
          "trafficked into domestic servitude, IOM raises awareness and helps children return to their families: "
          "more than 300 Restavek children have been reunited with their families since 2005."),
    ("h2", "7. UNDP and Citizen Security"),
    ("p", "UNDP\u2019s Human Development Report on citizen security is its main contribution to the Summit "
          "commitments on public security. The report proposes \u201csmart authority\u201d, exercised within "
          "democracy and the rule of law, as the answer to rising insecurity, and offers policy makers a range of "
          "options to reduce violence and strengthen public institutions. UNDP has also increased its funding for "
          "regional initiatives on citizen security and on the control of small arms in Central America. A "
          "Caribbean Human Development Report on the same theme will be launched in Port of Spain, Trinidad and "
          "Tobago."),
]


def make_summit_report() -> None:
    report(SAMPLE / "summit" / "implementation_report_public_security.pdf", SUMMIT_TITLE, SUMMIT_HEADER,
           SUMMIT_BLOCKS, size=11.5)


# ---------------------------------------------------------------- parser fixtures

TWO_COLUMN_TITLE = "Hemispheric Security Bulletin No. 4"
TWO_COLUMN_HEADER = "Hemispheric Security Bulletin \u00b7 No. 4 \u00b7 2010"
TWO_COLUMN_PAGES: list[tuple[str, str]] = [
    (
        "Border officers in the Eastern Caribbean are the first line of defence against traffickers who use small "
        "airports and ferry terminals. In a region of many islands and short flights, a trafficked person may pass "
        "through three or four immigration counters in a single week. Each counter is a chance to notice that "
        "something is wrong: a traveller who does not hold her own passport, a young man who cannot name his "
        "employer, a companion who answers every question. Officers trained by the OAS Department of Public "
        "Security learn to separate the traveller from the companion, to ask open questions and to call the "
        "specialized police unit when doubts remain. They also learn that a victim may deny being a victim, out of "
        "fear or shame, and that a first refusal to talk should not end the matter. Shift supervisors have a role as "
        "well: they decide whether an officer may take the time for a second interview when the queue is long.",
        "Consular staff in South America meet trafficked nationals in very different circumstances. A woman may "
        "arrive at the consulate asking for a new passport because hers was taken by an employer; a family may "
        "call to report that a daughter who went abroad for work no longer answers the phone. Consular seminars "
        "organized by the OAS teach staff to treat such requests as possible signs of trafficking, to record them "
        "carefully and to contact the police of the host country and the authorities at home. The seminars stress "
        "that consular protection is not charity but a duty of the state toward its nationals, and that victims "
        "have rights whether or not they agree to testify.",
    ),
    (
        "Peace-keeping personnel from Latin America serve in missions where conflict has destroyed the economy and "
        "weakened every institution. Traffickers follow the money that missions bring, and the demand created by "
        "foreign troops can feed sexual exploitation. Seminars for peace-keepers review the codes of conduct of "
        "the United Nations and the duty to report abuses, and they ask participants to think about how their own "
        "conduct can protect or endanger the people they are sent to serve. The strongest lesson is simple: "
        "buying sex in a mission area is forbidden, and it is often buying the exploitation of a trafficked child "
        "or woman. Commanders are reminded that they answer for the conduct of their troops.",
        "Prosecutors in Central America have begun to bring more trafficking cases to court, but convictions "
        "remain few. Cases collapse when victims withdraw their statements, when the investigation relied on a "
        "single witness, or when judges confuse trafficking with smuggling or with prostitution. Training that "
        "brings police officers, prosecutors and judges into the same room helps each group understand what the "
        "others need: the police learn what evidence a court will accept, and judges hear how hard it is for a "
        "victim to testify against people who still threaten her family. Special investigative techniques, such "
        "as financial inquiries, reduce the weight placed on the victim\u2019s testimony.",
    ),
]


def make_two_column() -> None:
    """Two pages, two columns each: the left column is written first and must be read first."""
    pdf = Report(TWO_COLUMN_TITLE, TWO_COLUMN_HEADER, footer="Page {n}")
    for page, (left, right) in enumerate(TWO_COLUMN_PAGES, start=1):
        pdf.add_page()
        if page == 1:
            pdf.set_font("Helvetica", "B", 14)
            pdf.multi_cell(0, 7, TWO_COLUMN_TITLE, align="L")
            pdf.ln(3)
        pdf.set_font("Helvetica", "", 10)
        columns = pdf.text_columns(ncols=2, gutter=8, text_align="J", line_height=1.25)
        with columns:
            columns.write(soft(left))
            columns.new_column()
            columns.write(soft(right))
    write(PARSERS / "two_column.pdf", bytes(pdf.output()))


REPORT_TITLE = "Police Response to Violence against Women: Progress Report"
REPORT_HEADER = "OAS Inter-American Commission of Women (CIM) and Department of Public Security"
REPORT_BLOCKS: list[Block] = [
    ("h1", REPORT_TITLE),
    ("p", "This report describes the first year of a project that the Executive Secretariat of the Inter-American "
          "Commission of Women and the Department of Public Security carry out together. The project improves the "
          "way police forces receive, record and investigate reports of violence against women, and it links that "
          "work to the fight against trafficking in persons, since many trafficked women suffered violence long "
          "before they were exploited."),
    ("p", "The report has three parts: the problem the project addresses, the activities carried out so far, and "
          "the lessons learned together with the plans for the coming year."),
    ("h2", "1. The problem"),
    ("p", "A woman who decides to report violence usually goes first to a police station. What happens there "
          "shapes everything that follows. If the officer on duty treats the complaint as a private quarrel, asks "
          "her to come back another day or sends her home with the man who attacked her, she may never ask for help "
          "again. If the officer listens, records the facts, assesses the danger and explains the protection "
          "measures the law provides, the chances that the violence stops are much higher."),
    ("p", "Most countries of the region have modern laws on violence against women. The gap lies in their "
          "application: police academies give the subject a few hours at most, instructions to stations are "
          "out of date, and officers receive little support when they handle painful cases."),
    ("h2", "2. Activities"),
    ("p", "The project reviewed the police training curricula of the participating countries and drafted a "
          "course of five modules: the legal framework, including the Inter-American Convention on the Prevention, "
          "Punishment and Eradication of Violence against Women; receiving the complaint; assessing risk; "
          "protection orders and referral; and the links between violence, exploitation and trafficking."),
    ("p", "A pilot course for police instructors took place in 2010 and was evaluated by participants and by "
          "an external expert. Instructors asked for more practical exercises and for material they can adapt to "
          "the procedures of their own forces. The revised course now includes role plays, a model form for "
          "recording complaints and a short guide for station commanders."),
    ("h2", "3. Lessons and next steps"),
    ("p", "The pilot showed that training alone is not enough. Stations need private rooms for interviews, "
          "supervisors need to check how complaints are handled, and police need working agreements with shelters, "
          "health services and prosecutors. The project will therefore work with police leadership on "
          "instructions and supervision, as well as on training."),
    ("p", "In the coming year the course will be offered to two further police academies, and the guide for "
          "station commanders will be published in English and Spanish."),
]


def make_report() -> None:
    report(PARSERS / "report.pdf", REPORT_TITLE, REPORT_HEADER, REPORT_BLOCKS,
           footer="CIM/DPS progress report \u2014 page {n} of {nb}", size=12, new_page_at_h2=True)


def make_encrypted() -> None:
    pdf = Report("Restricted: Trafficking Case Review", "Restricted distribution")
    pdf.set_encryption(owner_password=ENCRYPTED_OWNER_PASSWORD, user_password=ENCRYPTED_USER_PASSWORD)
    pdf.add_page()
    write_blocks(pdf, [("h1", "Restricted: Trafficking Case Review"),
                       ("p", "This document can be read only with its password.")])
    write(PARSERS / "encrypted.pdf", bytes(pdf.output()))


def make_truncated(whole: bytes) -> None:
    """A valid PDF cut in half: the cross-reference table and trailer are gone."""
    write(PARSERS / "truncated.pdf", whole[: len(whole) // 2])


def make_junk() -> None:
    write(PARSERS / "junk.pdf", random.Random(JUNK_SEED).randbytes(JUNK_SIZE))


# ---------------------------------------------------------------- fixture corpus

OAS_2009_TITLE = "Department of Public Security: Annual Report 2009 (Excerpt)"
OAS_2009_BLOCKS: list[Block] = [
    ("h1", OAS_2009_TITLE),
    ("h2", "Trafficking in Persons Section"),
    ("p", "In 2009 the Trafficking in Persons Section of the Department of Public Security (DPS) continued its "
          "training for consular personnel and for personnel of United Nations peace-keeping missions, prepared "
          "a new program for police officers, prosecutors and judges of the Caribbean and Central America, and "
          "began a joint project with the Inter-American Commission of Women (CIM) on the police response to "
          "violence against women."),
    ("p", "The table below lists the seminars held during the year. Each seminar lasted two days and brought "
          "together between twenty-five and forty participants selected by the national authorities."),
    ("table", "Dates | City | Country | Activity\n"
              "4-5 February 2009 | Lima | Peru | Seminar for consular personnel\n"
              "18-19 February 2009 | Port-au-Prince | Haiti | Seminar for consular personnel\n"
              "1-2 July 2009 | Port-of-Spain | Trinidad and Tobago | Seminar for consular personnel\n"
              "15-16 July 2009 | Kingston | Jamaica | Seminar for consular personnel\n"
              "28-29 September 2009 | Montevideo | Uruguay | Seminar for peace-keeping personnel\n"
              "1-2 October 2009 | Buenos Aires | Argentina | Seminar for peace-keeping personnel"),
    ("p", "The consular seminars completed a cycle that began in 2008 and reached ten Member States. Evaluations "
          "show that participants valued above all the practical exercises on interviewing and on referral to "
          "services. The peace-keeping seminars in Montevideo and Buenos Aires were the first to follow the "
          "revised curriculum adopted after the pilot stage."),
    ("h2", "Support to the Meetings of Ministers"),
    ("p", "The DPS acted as technical secretariat of the Second Meeting of Ministers Responsible for Public "
          "Security in the Americas (MISPA II), held in Santo Domingo, Dominican Republic, in November 2009. It "
          "prepared the background documents on the causes of violence and on the data that countries need to "
          "design public security policies, and it is now following up on the recommendations adopted by the "
          "ministers."),
    ("h2", "Outlook for 2010"),
    ("p", "With funding from the Canadian International Development Agency, the new training program for police "
          "officers, prosecutors and judges will start in the first months of 2010. The DPS also plans a course on "
          "border controls with the CICTE and CICAD secretariats, and the first pilot course of the CIM project."),
]

IOM_CA_TITLE = "Counter-Trafficking in Central America and Mexico: Activity Report 2009 (Excerpt)"
IOM_CA_BLOCKS: list[Block] = [
    ("h1", IOM_CA_TITLE),
    ("p", "IOM offices in Central America and Mexico work with governments, civil society and the media to make "
          "the public aware of how trafficking in persons operates in the region, and to encourage a stronger and "
          "better coordinated response. This excerpt summarizes three activities carried out in 2009."),
    ("h2", "Regional workshop on victim assistance"),
    ("p", "From 9 to 11 June 2009, IOM held a regional workshop in Tapachula, Mexico, close to the border with "
          "Guatemala, for staff of shelters, migrant houses and child protection offices. Participants from both "
          "sides of the border agreed on a common procedure to refer victims, including children travelling alone, "
          "and on the information each institution needs to share so that a victim is not interviewed again and "
          "again."),
    ("h2", "Seminar for journalists"),
    ("p", "On 24 September 2009, IOM and the national commission against trafficking organized a one-day seminar "
          "in Tegucigalpa, Honduras, for journalists and editors. The seminar discussed how to report on "
          "trafficking without exposing victims or repeating the language of the exploiters, and how to explain "
          "the difference between trafficking and the smuggling of migrants."),
    ("h2", "Course for labour inspectors"),
    ("p", "From 2 to 4 December 2009, IOM gave a course in San Salvador, El Salvador, for labour inspectors of the "
          "Ministry of Labour. The course dealt with the indicators of forced labour in agriculture, construction "
          "and domestic work, with interviews of workers away from their employers, and with referral of victims "
          "to the police and to assistance services."),
    ("h2", "Other activities"),
    ("p", "IOM also supported the drafting of national policies and legislative reforms, ran information "
          "campaigns on radio and television, and offered virtual courses for officials who cannot leave their "
          "posts for several days."),
]

SUMMIT_ES_TITLE = "Informe de implementación de los mandatos de la Cumbre: seguridad pública (extracto)"
SUMMIT_ES_HEADER = "Cumbres de las Américas \u2014 Informe de implementación 2010"
SUMMIT_ES_BLOCKS: list[Block] = [
    ("h1", SUMMIT_ES_TITLE),
    ("p", "Este extracto resume las acciones de la Organización de los Estados Americanos (OEA) y de la "
          "Organización Panamericana de la Salud (OPS) en respuesta a los mandatos 73 y 74 de la Declaración de "
          "Compromiso de Puerto España."),
    ("h2", "Mandato 73: reuniones de ministros en materia de seguridad pública"),
    ("p", "La OEA apoyó la Segunda Reunión de Ministros en Materia de Seguridad Pública de las Américas (MISPA II), "
          "celebrada en Santo Domingo, República Dominicana, en noviembre de 2009. Los ministros analizaron las "
          "causas de la violencia y coincidieron en que debe abordarse de manera multidisciplinaria para fijar "
          "prioridades entre las políticas públicas. La OEA trabaja ahora en la producción de datos y estadísticas "
          "que permitan diseñar políticas de seguridad eficaces."),
    ("p", "La Secretaría del Comité Interamericano contra el Terrorismo (CICTE) organizó en Lima, Perú, los días "
          "15 y 18 de diciembre de 2009, un taller subregional sobre la interdicción y la investigación del "
          "contrabando transfronterizo de dinero en efectivo, con la participación de la Oficina de las Naciones "
          "Unidas contra la Droga y el Delito (ONUDD) y de la CICAD."),
    ("p", "Con el Gobierno de la Mancomunidad de Dominica, la CICAD convocó en Roseau, del 3 al 7 de agosto de "
          "2009, la Tercera Reunión de Observatorios Nacionales sobre Drogas del Caribe, que formuló "
          "recomendaciones para mejorar la prevención del consumo de drogas."),
    ("h2", "Mandato 74: respuesta del sector de la salud"),
    ("p", "La OPS fortaleció los sistemas de información sobre lesiones en Nicaragua, Honduras, El Salvador, "
          "Colombia y Perú, así como en los países del Caribe, y apoyó observatorios de violencia y género en "
          "Nicaragua, Honduras, El Salvador, Panamá y Brasil junto con la Coalición Interamericana para la "
          "Prevención de la Violencia. También capacitó a funcionarios de salud y de otros ministerios con el "
          "programa TEACH-VIP sobre prevención de la violencia y de las lesiones."),
]


def make_corpus_pdfs() -> None:
    report(CORPUS / "report_excerpt_oas_dps_2009.pdf", OAS_2009_TITLE,
           "OAS Secretariat for Multidimensional Security \u2014 Department of Public Security", OAS_2009_BLOCKS,
           new_page_at_h2=True)
    report(CORPUS / "report_excerpt_iom_central_america_2009.pdf", IOM_CA_TITLE,
           "IOM Regional Office for Central America, North America and the Caribbean", IOM_CA_BLOCKS,
           footer="{n}")
    report(CORPUS / "informe_cumbre_seguridad_publica_extracto.pdf", SUMMIT_ES_TITLE, SUMMIT_ES_HEADER,
           SUMMIT_ES_BLOCKS, footer="Página {n} de {nb}", lang="es", size=12, new_page_at_h2=True)


# ---------------------------------------------------------------- check

def check() -> None:
    """Read every PDF back with pypdfium2: pages, running lines, and the words broken at a line end."""
    import pypdfium2 as pdfium

    # pdfium reports a hyphen that ends a line as U+FFFE and joins the two lines.
    broken = re.compile(r"(\w+)\ufffe(\w+)")
    for path in sorted([*SAMPLE.rglob("*.pdf"), *PARSERS.glob("*.pdf"), *CORPUS.glob("*.pdf")]):
        name = path.relative_to(ROOT)
        try:
            pdf = pdfium.PdfDocument(path)
        except pdfium.PdfiumError as exc:
            print(f"{name}: unreadable ({exc})")
            continue
        texts = [page.get_textpage().get_text_range() for page in pdf]
        words = sorted({a + b for text in texts for a, b in broken.findall(text)})
        print(f"{name}: {len(texts)} pages, {sum(len(t) for t in texts):,} characters")
        for n, text in enumerate(texts, start=1):
            lines = [line for line in text.splitlines() if line.strip()]
            print(f"  page {n}: first line {lines[0][:70]!r}, last line {lines[-1][:70]!r}")
        print(f"  broken at a line end: {', '.join(words) or '(none)'}")
        pdf.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="read the PDFs back instead of writing them")
    args = parser.parse_args()
    if args.check:
        check()
        return
    make_summit_report()
    make_two_column()
    make_report()
    make_truncated((PARSERS / "report.pdf").read_bytes())
    make_encrypted()
    make_junk()
    make_corpus_pdfs()


if __name__ == "__main__":
    main()
