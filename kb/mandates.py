"""Find the Summit mandates a text cites: "mandate 74", "paragraphs 72 and 73 of
the Declaration of Commitment of Port of Spain", "párrafos 72 y 73 de la
Declaración de Compromiso de Puerto España"."""

from __future__ import annotations

import re

from kb.models import Mandate

_NUMBER = r"(?<!\d)\d{1,3}(?!\d|[.,]\d)"  # 1..999: never a year, never "5.2"
CITATION = re.compile(
    r"\b(?:mandates?|mandatos?|paragraphs?|p[áa]rrafos?)\s+"
    rf"(?P<numbers>{_NUMBER}(?:\s*(?:,|\band\b|\by\b|&)\s*(?:and\s+|y\s+)?{_NUMBER})*)",
    re.IGNORECASE,
)
NUMBER = re.compile(_NUMBER)
# "... of the Declaration ...": where the name of the instrument begins.
OF_INSTRUMENT = re.compile(r"\s*\(?\s*(?:of|de)\s+(?:the\s+|la\s+|el\s+)?(?=(?:Declaration|Declaraci[óo]n|Plan)\b)")
# A paragraph of an article, a protocol or a resolution is not a Summit mandate.
OF_OTHER_INSTRUMENT = re.compile(
    r"\s*(?:of|de)\s+(?:the\s+|la\s+|el\s+|del\s+)?"
    r"(?:Article|Art[íi]culo|Protocol|Protocolo|Convention|Convenci[óo]n|Resolution|Resoluci[óo]n)\b",
    re.IGNORECASE,
)
# "Paragraphs 1-4" of a report are its own: a run of paragraphs is a Summit's only in a
# text that speaks of a Summit or its instruments ("mandate 74" is one anywhere).
PARAGRAPH_RUN = re.compile(r"\s*[-\u2010-\u2013]\s*\d")
SUMMIT_CONTEXT = re.compile(
    r"\b(?:summits?|cumbres?|cimeiras?|sommets?|declarations?|declaraci[óo]n|declara[çc][ãa]o|d[ée]claration"
    r"|plan\s+(?:of|de)\s+(?:action|acci[óo]n)|plano\s+de\s+a[çc][ãa]o|mandates?|mandatos?)\b",
    re.IGNORECASE,
)
# A follow-up matrix: a table whose first column numbers the paragraph or mandate each row reports on.
MATRIX_HEADER = re.compile(
    r"^[ \t•]*(?:para(?:graph)?s?\.?|p[áa]rr(?:afo)?s?\.?|par[áa]grafos?|mandates?|mandatos?)[ \t]*(?:no\.?[ \t]*)?\|",
    re.IGNORECASE | re.MULTILINE,
)
MATRIX_ROW = re.compile(rf"^[ \t•]*(?P<number>{_NUMBER})[ \t]*\|", re.MULTILINE)
NAME_TOKEN = re.compile(r"[()]|[\w’'\-]+|\S")
NAME_CONNECTORS = {"of", "de", "del", "the", "la", "el", "los", "las"}
MAX_NAME_WORDS = 14


def find_mandates(text: str, within: tuple[int, int] | None = None) -> list[Mandate]:
    """The distinct (number, declaration) pairs ``text`` cites, in order of first
    mention.  A run of paragraphs ("paragraphs 1-4") counts only in a text that
    speaks of a Summit, its declarations or its mandates.  ``declaration`` is
    the instrument named right after the numbers ("Plan of Action of Quebec
    City"), white space normalised and parentheses dropped, or None.  The rows
    of a follow-up matrix under a "Para." or "Mandate" column cite their first
    cell's number.  With ``within``, only the citations in that part of
    ``text`` count: the rest is the table around it."""
    lo, hi = within or (0, len(text))
    found: dict[Mandate, None] = {}
    summit = None
    for m in CITATION.finditer(text, lo, hi):
        if OF_OTHER_INSTRUMENT.match(text, m.end()):
            continue
        if m[0][0].lower() == "p" and PARAGRAPH_RUN.match(text, m.end()):
            summit = bool(SUMMIT_CONTEXT.search(text)) if summit is None else summit
            if not summit:
                continue
        declaration = _instrument(text, m.end())
        for n in NUMBER.findall(m["numbers"]):
            if int(n) > 0:
                found.setdefault(Mandate(int(n), declaration), None)
    header = MATRIX_HEADER.search(text, 0, hi)
    if header is not None and SUMMIT_CONTEXT.search(text):
        for row in MATRIX_ROW.finditer(text, max(lo, header.end()), hi):
            if int(row["number"]) > 0:
                found.setdefault(Mandate(int(row["number"]), None), None)
    return list(found)


def _instrument(text: str, pos: int) -> str | None:
    """The capitalised name starting after "of the"/"de la" at ``pos``, if any."""
    of = OF_INSTRUMENT.match(text, pos)
    if of is None:
        return None
    words: list[str] = []
    for token in NAME_TOKEN.finditer(text, of.end()):
        word = token[0]
        if word in "()":
            continue
        if not (word[0].isupper() or word.lower() in NAME_CONNECTORS) or len(words) == MAX_NAME_WORDS:
            break
        words.append(word)
    while words and words[-1].lower() in NAME_CONNECTORS:
        words.pop()
    return " ".join(words) or None
