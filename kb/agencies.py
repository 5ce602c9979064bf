"""Which agency published a document, and which OAS bodies a text names.

Acronyms are matched as written and as whole words ("CIM", not "CIMA"; "OPS",
not "ops"); full names in any case, with or without accents, in English,
Spanish, French and Portuguese.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from urllib.parse import urlsplit

AGENCIES: tuple[str, ...] = ("OAS", "IOM", "PAHO", "UNDP")
OTHER = "Other"  # the agency facet's value for a document none of AGENCIES published

# A host and all its subdomains.
AGENCY_DOMAINS = {
    "oas.org": "OAS",
    "summit-americas.org": "OAS",
    "iom.int": "IOM",
    "paho.org": "PAHO",
    "undp.org": "UNDP",
}


def _names(*names: str) -> str:
    """A pattern for full names: any case, words separated by any space or dash,
    an accented letter also unaccented ("Pública" or "Publica")."""
    patterns = []
    for name in names:
        words = ["".join(_letter(ch) for ch in word) for word in re.split(r"[\s-]+", name.lower())]
        patterns.append(r"[\s\-\u2010\u2011\u2013]+".join(words))
    return r"(?i:\b(?:" + "|".join(patterns) + r")\b)"


def _letter(ch: str) -> str:
    base = unicodedata.normalize("NFD", ch)[0]
    return f"[{base}{ch}]" if base != ch else re.escape(ch)


def _acronyms(*acronyms: str) -> str:
    return r"\b(?:" + "|".join(acronyms) + r")\b"


def _pattern(*parts: str) -> re.Pattern[str]:
    return re.compile("|".join(parts))


AGENCY_PATTERNS = {
    "OAS": _pattern(
        _acronyms("OAS", "OEA"),
        _names("Organization of American States", "Organisation of American States",
               "Organización de los Estados Americanos", "Organisation des États américains",
               "Organização dos Estados Americanos",
               # The Summits process is the OAS's: summit-americas.org is its site.
               "Summits of the Americas", "Summit of the Americas", "Cumbres de las Américas",
               "Cumbre de las Américas"),
    ),
    "IOM": _pattern(
        _acronyms("IOM", "OIM"),
        _names("International Organization for Migration", "Organización Internacional para las Migraciones",
               "Organisation internationale pour les migrations",
               "Organização Internacional para as Migrações"),
    ),
    "PAHO": _pattern(
        _acronyms("PAHO", "OPS", "OPAS"),
        _names("Pan American Health Organization", "Organización Panamericana de la Salud",
               "Organisation panaméricaine de la santé", "Organização Pan-Americana da Saúde"),
    ),
    "UNDP": _pattern(
        _acronyms("UNDP", "PNUD"),
        _names("United Nations Development Programme", "United Nations Development Program",
               "Programa de las Naciones Unidas para el Desarrollo",
               "Programme des Nations Unies pour le développement",
               "Programa das Nações Unidas para o Desenvolvimento"),
    ),
}

# Full names, and acronyms that mean nothing else.
BODY_PATTERNS = {
    "DPS": _pattern(_names("Department of Public Security", "Departamento de Seguridad Pública")),
    "SMS": _pattern(_names("Secretariat for Multidimensional Security", "Secretaría de Seguridad Multidimensional")),
    "CICTE": _pattern(
        _acronyms("CICTE"),
        _names("Inter-American Committee against Terrorism", "Comité Interamericano contra el Terrorismo"),
    ),
    "CICAD": _pattern(
        _acronyms("CICAD"),
        _names("Inter-American Drug Abuse Control Commission", "Inter-American Commission on Drug Abuse Control",
               "Comisión Interamericana para el Control del Abuso de Drogas"),
    ),
    "CIM": _pattern(_names("Inter-American Commission of Women", "Comisión Interamericana de Mujeres")),
    "MISPA": _pattern(
        _acronyms("MISPA"),
        _names("Meeting of Ministers Responsible for Public Security in the Americas",
               "Meetings of Ministers Responsible for Public Security in the Americas",
               "Reunión de Ministros en Materia de Seguridad Pública de las Américas",
               "Reuniones de Ministros en Materia de Seguridad Pública de las Américas"),
    ),
    "Summits Secretariat": _pattern(_names(
        "Summits of the Americas Secretariat", "Summit of the Americas Secretariat", "Summits Secretariat",
        "Secretariat of the Summits of the Americas", "Secretaría de Cumbres",
    )),
}
# Acronyms that also mean something else ("SMS" messages, a state's "DPS", the
# "CIM" of German cooperation): they name an OAS body only in a text that
# speaks of the OAS or of one of its bodies by full name.
AMBIGUOUS_BODY_ACRONYMS = {
    "DPS": re.compile(_acronyms("DPS", "DSP")),
    "SMS": re.compile(_acronyms("SMS", "SSM")),
    "CIM": re.compile(_acronyms("CIM")),
}


def agency_from_url(url: str) -> str | None:
    """The agency whose site serves `url` ("https://www.oas.org/dsp/..." -> "OAS"),
    or None for any other host, for file URLs and for URLs that do not parse."""
    try:
        host = (urlsplit(url).hostname or "").rstrip(".")
    except ValueError:  # "http://[broken/": an unclosed IPv6 bracket
        return None
    for domain, agency in AGENCY_DOMAINS.items():
        if host == domain or host.endswith("." + domain):
            return agency
    return None


def agency_from_text(text: str) -> str | None:
    """The agency `text` names most often (by acronym or full name, in any of four
    languages); on a tie the one named first; None when it names none."""
    counts: Counter[str] = Counter()
    first: dict[str, int] = {}
    for agency, pattern in AGENCY_PATTERNS.items():
        positions = [m.start() for m in pattern.finditer(text)]
        if positions:
            counts[agency] = len(positions)
            first[agency] = positions[0]
    if not counts:
        return None
    return min(counts, key=lambda agency: (-counts[agency], first[agency]))


def find_bodies(text: str) -> list[str]:
    """The OAS bodies `text` names, by their canonical names ("DPS", "SMS",
    "CICTE", "CICAD", "CIM", "MISPA", "Summits Secretariat"), distinct, in order
    of first mention.  "DPS"/"DSP", "SMS"/"SSM" and "CIM" alone count only in a
    text that names the OAS or another of its bodies."""
    first: dict[str, int] = {}
    for body, pattern in BODY_PATTERNS.items():
        m = pattern.search(text)
        if m:
            first[body] = m.start()
    if first or AGENCY_PATTERNS["OAS"].search(text):
        for body, pattern in AMBIGUOUS_BODY_ACRONYMS.items():
            m = pattern.search(text)
            if m and m.start() < first.get(body, len(text)):
                first[body] = m.start()
    return sorted(first, key=first.__getitem__)
