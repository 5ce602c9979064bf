"""A synthetic corpus shaped like what the agencies publish, generated deterministically.

Documents of about ten passages of 60-150 words, in English (about 70 %) and
Spanish, from OAS, IOM, PAHO and UNDP, about the 35 American countries, dated
1995-2026.  The text is built from templates over the field's vocabulary
(trafficking in persons, border controls, victims, trainings, workshops,
mandates...) plus made-up names of people, projects and towns for the long
tail of rare words a real corpus has.  The same seed gives the same corpus,
byte for byte, on any machine.

Documents are written as HTML (most) and plain text into a WARC archive, the
way a crawl delivers them, so that kb ingests them through its own parsers
and extractors.
"""

from __future__ import annotations

import datetime as dt
import html
import io
import random
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

SEED = 20260101
GENERATOR_VERSION = 1  # bump when the output changes: cached stores are then regenerated
PASSAGES_PER_DOCUMENT = (6, 14)  # uniform: about ten on average
WORDS_PER_PASSAGE = (60, 150)
SPANISH_SHARE = 0.3
TEXT_SHARE = 0.15  # plain-text documents; the rest are HTML pages
YEARS = range(1995, 2027)
WARC_DATE = "2026-01-15T00:00:00Z"

# (weight, acronym in English, in Spanish, full name in English, in Spanish, host)
AGENCIES = {
    "OAS": (0.40, "OAS", "OEA", "Organization of American States", "Organización de los Estados Americanos",
            "www.oas.org"),
    "IOM": (0.25, "IOM", "OIM", "International Organization for Migration",
            "Organización Internacional para las Migraciones", "www.iom.int"),
    "PAHO": (0.15, "PAHO", "OPS", "Pan American Health Organization", "Organización Panamericana de la Salud",
             "www.paho.org"),
    "UNDP": (0.20, "UNDP", "PNUD", "United Nations Development Programme",
             "Programa de las Naciones Unidas para el Desarrollo", "www.undp.org"),
}
OAS_BODIES = {
    "en": ["the Department of Public Security", "the Secretariat for Multidimensional Security", "CICTE", "CICAD",
           "the Inter-American Commission of Women", "MISPA", "the Summits of the Americas Secretariat"],
    "es": ["el Departamento de Seguridad Pública", "la Secretaría de Seguridad Multidimensional", "el CICTE",
           "la CICAD", "la Comisión Interamericana de Mujeres", "la MISPA",
           "la Secretaría de Cumbres de las Américas"],
}

# The 35 member states: English name, Spanish name, a city kb's gazetteer knows.
COUNTRIES = [
    ("Antigua and Barbuda", "Antigua y Barbuda", "St. John's"), ("Argentina", "Argentina", "Buenos Aires"),
    ("Bahamas", "Bahamas", "Nassau"), ("Barbados", "Barbados", "Bridgetown"), ("Belize", "Belice", "Belmopan"),
    ("Bolivia", "Bolivia", "La Paz"), ("Brazil", "Brasil", "Brasília"), ("Canada", "Canadá", "Ottawa"),
    ("Chile", "Chile", "Santiago"), ("Colombia", "Colombia", "Bogotá"), ("Costa Rica", "Costa Rica", "San José"),
    ("Cuba", "Cuba", "Havana"), ("Dominica", "Dominica", "Roseau"),
    ("Dominican Republic", "República Dominicana", "Santo Domingo"), ("Ecuador", "Ecuador", "Quito"),
    ("El Salvador", "El Salvador", "San Salvador"), ("Grenada", "Granada", "St. George's"),
    ("Guatemala", "Guatemala", "Guatemala City"), ("Guyana", "Guyana", "Georgetown"),
    ("Haiti", "Haití", "Port-au-Prince"), ("Honduras", "Honduras", "Tegucigalpa"),
    ("Jamaica", "Jamaica", "Kingston"), ("Mexico", "México", "Mexico City"), ("Nicaragua", "Nicaragua", "Managua"),
    ("Panama", "Panamá", "Panama City"), ("Paraguay", "Paraguay", "Asunción"), ("Peru", "Perú", "Lima"),
    ("Saint Kitts and Nevis", "San Cristóbal y Nieves", "Basseterre"), ("Saint Lucia", "Santa Lucía", "Castries"),
    ("Saint Vincent and the Grenadines", "San Vicente y las Granadinas", "Kingstown"),
    ("Suriname", "Surinam", "Paramaribo"), ("Trinidad and Tobago", "Trinidad y Tobago", "Port of Spain"),
    ("United States", "Estados Unidos", "Washington"), ("Uruguay", "Uruguay", "Montevideo"),
    ("Venezuela", "Venezuela", "Caracas"),
]
COUNTRIES_PER_DOCUMENT = [0, 1, 1, 1, 2, 2, 3, 4]  # drawn uniformly: most documents name one or two

MONTHS = {
    "en": ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December"],
    "es": ["enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "octubre",
           "noviembre", "diciembre"],
}

VOCABULARY = {
    "en": {
        "topic": ["trafficking in persons", "human trafficking", "border controls", "migrant smuggling",
                  "victim assistance", "the protection of victims", "gender-based violence", "citizen security",
                  "drug demand reduction", "public security", "crime prevention", "forced labour",
                  "sexual exploitation", "document fraud", "firearms trafficking", "juvenile justice",
                  "cybercrime", "money laundering", "police training", "migration management", "human rights",
                  "violence prevention", "mental health services", "crime statistics", "labour exploitation",
                  "identity documents", "port security", "organized crime", "domestic violence",
                  "child protection", "refugee protection", "return and reintegration", "drug treatment",
                  "prison reform", "community policing", "disaster risk reduction", "youth employment",
                  "anti-corruption measures", "maritime security", "counter-terrorism"],
        "group": ["border officials", "police officers", "prosecutors", "judges", "consular staff",
                  "social workers", "labour inspectors", "health workers", "civil society organizations",
                  "immigration officers", "customs officers", "journalists", "teachers", "national authorities",
                  "shelter staff", "community leaders", "municipal officials", "airport personnel",
                  "members of parliament", "public defenders"],
        "event": ["workshop", "training", "seminar", "course", "meeting", "conference", "training course",
                  "regional workshop", "technical meeting", "expert meeting"],
        "doing": ["strengthen", "improve", "coordinate", "review", "assess", "support", "expand", "harmonize",
                  "monitor", "evaluate", "promote", "develop"],
        "thing": ["national action plans", "referral mechanisms", "data collection systems", "legal frameworks",
                  "standard operating procedures", "inter-agency cooperation", "early warning systems",
                  "case management tools", "screening protocols", "information sharing", "public awareness",
                  "victim identification", "risk assessment", "institutional capacity", "regional cooperation",
                  "shelter networks", "hotline services", "training curricula", "indicators", "budgets"],
        "adjective": ["national", "regional", "hemispheric", "technical", "specialized", "comprehensive",
                      "inter-institutional", "bilateral", "multilateral", "local", "practical", "pilot"],
    },
    "es": {
        "topic": ["trata de personas", "tráfico ilícito de migrantes", "controles fronterizos",
                  "asistencia a víctimas", "protección de víctimas", "violencia de género", "seguridad ciudadana",
                  "reducción de la demanda de drogas", "seguridad pública", "prevención del delito",
                  "trabajo forzoso", "explotación sexual", "fraude documental", "tráfico de armas de fuego",
                  "justicia juvenil", "ciberdelito", "lavado de activos", "capacitación policial",
                  "gestión migratoria", "derechos humanos", "prevención de la violencia", "salud mental",
                  "estadísticas delictivas", "explotación laboral", "documentos de identidad",
                  "seguridad portuaria", "crimen organizado", "violencia doméstica", "protección de la niñez",
                  "retorno y reintegración", "tratamiento de drogas", "reforma penitenciaria",
                  "policía comunitaria", "empleo juvenil", "seguridad marítima"],
        "group": ["funcionarios de fronteras", "policías", "fiscales", "jueces", "personal consular",
                  "trabajadores sociales", "inspectores laborales", "personal de salud",
                  "organizaciones de la sociedad civil", "oficiales de migración", "funcionarios de aduanas",
                  "periodistas", "docentes", "autoridades nacionales", "personal de albergues",
                  "líderes comunitarios", "funcionarios municipales", "defensores públicos"],
        "event": ["taller", "capacitación", "seminario", "curso", "reunión", "conferencia", "taller regional",
                  "reunión técnica", "curso especializado"],
        "doing": ["fortalecer", "mejorar", "coordinar", "revisar", "evaluar", "apoyar", "ampliar", "armonizar",
                  "monitorear", "promover", "desarrollar"],
        "thing": ["planes nacionales de acción", "mecanismos de derivación", "sistemas de información",
                  "marcos jurídicos", "protocolos de actuación", "la cooperación interinstitucional",
                  "sistemas de alerta temprana", "herramientas de gestión de casos", "protocolos de detección",
                  "el intercambio de información", "campañas de sensibilización", "la identificación de víctimas",
                  "la evaluación de riesgos", "la capacidad institucional", "la cooperación regional",
                  "redes de albergues", "líneas de atención", "programas de formación", "indicadores",
                  "presupuestos"],
        "adjective": ["nacional", "regional", "hemisférico", "técnico", "especializado", "integral",
                      "interinstitucional", "bilateral", "multilateral", "local", "práctico", "piloto"],
    },
}

TEMPLATES = {
    "en": [
        "The {agency} organized a {event} on {topic} for {group} in {city}, {country}, on {date}.",
        "Participants from {country} and {country2} agreed to {doing} {thing} against {topic}.",
        "{body} provided technical assistance to {group} responsible for {topic}.",
        "According to the report, {number} victims of trafficking were identified in {country} in {year}.",
        "The {adjective} {event} gave {group} practical tools to {doing} {thing}.",
        "Mandate {mandate} of the Declaration of {summit} calls on member states to {doing} {thing}.",
        "Training modules covered {topic}, {topic2} and the referral of victims to specialized services.",
        "{person}, coordinator of the {project} project, said that {group} need {adjective} guidance on {topic}.",
        "The project will {doing} {thing} in the municipality of {town} and neighbouring communities.",
        "More than {number} {group} completed the {adjective} course on {topic} since {year}.",
        "National authorities in {country} adopted a protocol on {topic} with support from the {agency}.",
        "The {agency} and {group} discussed how to {doing} {thing} and {thing2}.",
        "A survey of {number} households in {town} found that {topic} remains under-reported.",
        "The second phase of the programme focuses on {topic} and on {thing}.",
        "Delegations reviewed progress on {topic} since the {adjective} meeting held in {year}.",
        "The handbook explains step by step how {group} can {doing} {thing}.",
        "Funding from the {project} fund allowed the {agency} to {doing} {thing} in {country}.",
        "Experts stressed that {topic} and {topic2} are closely linked in the region.",
    ],
    "es": [
        "La {agency} organizó un {event} sobre {topic} para {group} en {city}, {country}, el {date}.",
        "Los participantes de {country} y {country2} acordaron {doing} {thing} contra la {topic}.",
        "{body} brindó asistencia técnica a {group} encargados de la {topic}.",
        "Según el informe, {number} víctimas de trata fueron identificadas en {country} en {year}.",
        "El {event} {adjective} ofreció a {group} herramientas prácticas para {doing} {thing}.",
        "El mandato {mandate} de la Declaración de {summit} exhorta a los Estados a {doing} {thing}.",
        "Los módulos de capacitación abordaron {topic}, {topic2} y la derivación de víctimas.",
        "{person}, coordinadora del proyecto {project}, señaló que {group} requieren apoyo en {topic}.",
        "El proyecto permitirá {doing} {thing} en el municipio de {town} y comunidades vecinas.",
        "Más de {number} {group} completaron el curso {adjective} sobre {topic} desde {year}.",
        "Las autoridades de {country} adoptaron un protocolo sobre {topic} con el apoyo de la {agency}.",
        "La {agency} y {group} analizaron cómo {doing} {thing} y {thing2}.",
        "Una encuesta a {number} hogares de {town} mostró que la {topic} sigue sin denunciarse.",
        "La segunda fase del programa se concentra en {topic} y en {thing}.",
        "Las delegaciones examinaron los avances en {topic} desde la reunión {adjective} de {year}.",
        "El manual explica paso a paso cómo {group} pueden {doing} {thing}.",
        "Los fondos del proyecto {project} permitieron a la {agency} {doing} {thing} en {country}.",
        "Los expertos subrayaron que {topic} y {topic2} están estrechamente vinculados en la región.",
    ],
}
# Declarations are named here by their theme: named by their host city they would tilt the country facet.
SUMMITS = {"en": ["Commitment", "Principles", "Prosperity", "Democratic Governance", "Citizen Security"],
           "es": ["Compromiso", "Principios", "Prosperidad", "Gobernabilidad Democrática", "Seguridad Ciudadana"]}
TITLES = {
    "en": ["{agency} {event} on {topic} in {country}", "{topic}: {adjective} report for {country}",
           "{agency} trains {group} on {topic}", "Press release: {event} on {topic}",
           "Progress report on {topic} ({year})", "{group} and {topic}: lessons from {country}"],
    "es": ["{agency}: {event} sobre {topic} en {country}", "{topic}: informe {adjective} para {country}",
           "La {agency} capacita a {group} en {topic}", "Comunicado de prensa: {event} sobre {topic}",
           "Informe de avance sobre {topic} ({year})"],
}
HEADINGS = {"en": ["Background", "Objectives", "Activities", "Results", "Next steps", "Participants"],
            "es": ["Antecedentes", "Objetivos", "Actividades", "Resultados", "Próximos pasos", "Participantes"]}

SYLLABLES = ["ca", "ma", "ta", "lo", "ri", "be", "no", "qui", "za", "pe", "ya", "xo", "mi", "tu", "ve", "ga",
             "chi", "lu", "so", "da", "fe", "ni", "ro", "co", "hua", "te", "pa", "la", "su", "mo"]
FIRST_NAMES = ["María", "José", "Ana", "Carlos", "Patricia", "Luis", "Claudia", "Jorge", "Sandra", "Andrés",
               "Michelle", "David", "Karen", "Ricardo", "Sharon", "Marcus", "Beatriz", "Daniel", "Natalia", "Kevin"]


@dataclass
class GeneratedDocument:
    url: str
    agency: str
    language: str
    year: int
    countries: list[str]  # English names, as the generator chose them
    title: str
    headings: list[str]  # "" where a passage has no heading of its own
    passages: list[str]
    content_type: str  # text/html or text/plain

    def body(self) -> bytes:
        if self.content_type == "text/plain":
            return render_text(self).encode("utf-8")
        return render_html(self).encode("utf-8")


class Generator:
    """Draws documents from one seeded random stream; the n-th document depends only on the seed."""

    def __init__(self, seed: int = SEED):
        self.rng = random.Random(seed)
        names = random.Random(seed + 1)
        # The long tail: made-up towns, projects and surnames, used with a Zipf-like skew.
        self.towns = [self._word(names, 2, 4).capitalize() for _ in range(4000)]
        self.projects = [self._word(names, 2, 3).upper() for _ in range(1500)]
        self.surnames = [self._word(names, 2, 4).capitalize() for _ in range(3000)]
        weights = [1 / (rank + 1) ** 0.9 for rank in range(len(COUNTRIES))]
        self.country_order = list(range(len(COUNTRIES)))
        random.Random(seed + 2).shuffle(self.country_order)
        self.country_weights = weights
        self.year_weights = [1 + 0.12 * (y - YEARS.start) for y in YEARS]
        self.count = 0

    @staticmethod
    def _word(rng: random.Random, low: int, high: int) -> str:
        return "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(low, high)))

    def _zipf(self, items: list[str]) -> str:
        # rank ~ 1/u: the first items are common, the tail is rare
        index = int(len(items) ** self.rng.random()) - 1
        return items[index]

    def document(self) -> GeneratedDocument:
        rng = self.rng
        n = self.count
        self.count += 1
        agency = rng.choices(list(AGENCIES), weights=[a[0] for a in AGENCIES.values()])[0]
        language = "es" if rng.random() < SPANISH_SHARE else "en"
        year = rng.choices(list(YEARS), weights=self.year_weights)[0]
        picked = rng.choices(self.country_order, weights=self.country_weights, k=rng.choice(COUNTRIES_PER_DOCUMENT))
        countries = list(dict.fromkeys(picked))
        slots = Slots(self, agency, language, year, countries)
        title = slots.fill(rng.choice(TITLES[language]))
        title = title[0].upper() + title[1:]
        passages = []
        headings = []
        heading = ""
        for position in range(rng.randint(*PASSAGES_PER_DOCUMENT)):
            if position and rng.random() < 0.25:
                heading = rng.choice(HEADINGS[language])
                headings.append(heading)
            else:
                headings.append("")
            passages.append(self.passage(slots, dateline=position == 0))
        content_type = "text/plain" if rng.random() < TEXT_SHARE else "text/html"
        host = AGENCIES[agency][5]
        extension = "txt" if content_type == "text/plain" else "html"
        url = f"https://{host}/{language}/news/{year}/{n:07d}.{extension}"
        return GeneratedDocument(url=url, agency=agency, language=language, year=year,
                                 countries=[COUNTRIES[c][0] for c in countries], title=title, headings=headings,
                                 passages=passages, content_type=content_type)

    def passage(self, slots: Slots, dateline: bool) -> str:
        rng = self.rng
        target = rng.randint(*WORDS_PER_PASSAGE)
        sentences = []
        words = 0
        if dateline:
            sentences.append(slots.dateline())
            words += len(sentences[0].split())
        while words < target:
            sentence = slots.fill(rng.choice(TEMPLATES[slots.language]))
            sentences.append(sentence)
            words += len(sentence.split())
        return " ".join(sentences)

    def documents(self, passages: int) -> Iterator[GeneratedDocument]:
        """Documents until they hold at least `passages` passages."""
        total = 0
        while total < passages:
            doc = self.document()
            total += len(doc.passages)
            yield doc


class Slots:
    """Fills a template's slots for one document (its agency, language, year and countries)."""

    def __init__(self, gen: Generator, agency: str, language: str, year: int, countries: list[int]):
        self.gen = gen
        self.rng = gen.rng
        self.agency = agency
        self.language = language
        self.year = year
        self.countries = countries
        self.vocabulary = VOCABULARY[language]

    def country(self) -> tuple[str, str]:
        """A country of the document and its city, or a generic phrase when it names none."""
        if not self.countries:
            return ("the region", "the capital") if self.language == "en" else ("la región", "la capital")
        english, spanish, city = COUNTRIES[self.rng.choice(self.countries)]
        return (english if self.language == "en" else spanish), city

    def date(self) -> str:
        rng = self.rng
        month = rng.randrange(12)
        day = rng.randint(1, 24)
        end = day + rng.randint(0, 4)
        year = self.year
        if self.language == "en":
            days = f"{day}-{end}" if end > day else f"{day}"
            return f"{MONTHS['en'][month]} {days}, {year}"
        days = f"{day} al {end}" if end > day else f"{day}"
        return f"{days} de {MONTHS['es'][month]} de {year}"

    def dateline(self) -> str:
        country, city = self.country()
        return f"{city.upper()}, {self.date()} —"

    def fill(self, template: str) -> str:
        rng = self.rng
        v = self.vocabulary
        country, city = self.country()
        country2, _ = self.country()
        acronym_en, acronym_es = AGENCIES[self.agency][1:3]
        agency = acronym_en if self.language == "en" else acronym_es
        if rng.random() < 0.2:
            agency = AGENCIES[self.agency][3 if self.language == "en" else 4]
        bodies = OAS_BODIES[self.language]
        body = rng.choice(bodies) if self.agency == "OAS" else (
            f"The {agency}" if self.language == "en" else f"La {agency}")
        values = {
            "agency": agency, "body": body[0].upper() + body[1:], "country": country, "country2": country2,
            "city": city, "date": self.date(), "year": str(rng.randint(YEARS.start, self.year)),
            "number": str(int(10 ** rng.uniform(1, 4))), "mandate": str(rng.randint(1, 120)),
            "summit": rng.choice(SUMMITS[self.language]), "town": self.gen._zipf(self.gen.towns),
            "project": self.gen._zipf(self.gen.projects),
            "person": f"{rng.choice(FIRST_NAMES)} {self.gen._zipf(self.gen.surnames)}",
        }
        for name in ("topic", "group", "event", "doing", "thing", "adjective"):
            values[name] = self._zipf_choice(v[name])
        values["topic2"] = self._zipf_choice(v["topic"])
        values["thing2"] = self._zipf_choice(v["thing"])
        return template.format(**values)

    def _zipf_choice(self, items: list[str]) -> str:
        # A mild skew, so that "trafficking" and "training" are broad and the rest spread out.
        return items[min(int(self.rng.paretovariate(1.2)) - 1, len(items) - 1)] if self.rng.random() < 0.5 \
            else self.rng.choice(items)


def render_html(doc: GeneratedDocument) -> str:
    agency_name = AGENCIES[doc.agency][3 if doc.language == "en" else 4]
    parts = [
        "<!DOCTYPE html>",
        f'<html lang="{doc.language}"><head><meta charset="utf-8"><title>{html.escape(doc.title)}</title></head>',
        "<body>",
        f'<nav class="menu"><a href="/">{html.escape(agency_name)}</a> | <a href="/news">News</a> | '
        '<a href="/contact">Contact</a></nav>',
        f"<main><h1>{html.escape(doc.title)}</h1>",
    ]
    for heading, text in zip(doc.headings, doc.passages, strict=True):
        if heading:
            parts.append(f"<h2>{html.escape(heading)}</h2>")
        parts.append(f"<p>{html.escape(text)}</p>")
    parts.append(f'</main><footer class="footer">© {html.escape(agency_name)}</footer></body></html>')
    return "\n".join(parts)


def render_text(doc: GeneratedDocument) -> str:
    lines = [doc.title, ""]
    for heading, text in zip(doc.headings, doc.passages, strict=True):
        if heading:
            lines += [heading, ""]
        lines += [text, ""]
    return "\n".join(lines)


def write_warc(path: Path, documents: Iterator[GeneratedDocument]) -> int:
    """Write the documents as WARC response records; returns how many were written."""
    count = 0
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "wb") as out:
        writer = WARCWriter(out, gzip=True)
        for doc in documents:
            body = doc.body()
            http = StatusAndHeaders("200 OK", [("Content-Type", f"{doc.content_type}; charset=utf-8"),
                                               ("Content-Length", str(len(body)))], protocol="HTTP/1.1")
            record = writer.create_warc_record(doc.url, "response", payload=io.BytesIO(body), http_headers=http,
                                               warc_headers_dict={"WARC-Date": WARC_DATE})
            writer.write_record(record)
            count += 1
    return count


def changed(doc: GeneratedDocument, rng: random.Random) -> GeneratedDocument:
    """The same document (same URL) with one passage rewritten, as a site edit would leave it."""
    passages = list(doc.passages)
    i = rng.randrange(len(passages))
    passages[i] = passages[i] + (" Updated on " if doc.language == "en" else " Actualizado el ") + \
        dt.date(2026, 1, 1 + rng.randrange(28)).isoformat() + "."
    return GeneratedDocument(**{**doc.__dict__, "passages": passages})
