"""Cross-language expansion from a curated English–Spanish glossary of the field's terms.

The glossary is data (kb/data/glossary.tsv: english<TAB>spanish|variant...).
A query's words are matched against both sides, longest term first, accents
and case folded; each match contributes the other side's terms.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from pathlib import Path

from whoosh.lang.snowball.english import EnglishStemmer

from kb.analysis import SpanishStemFilter, fold

GLOSSARY_FILE = Path(__file__).parent / "data" / "glossary.tsv"
WORD = re.compile(r"\w+", re.UNICODE)


@dataclass(frozen=True)
class Expansion:
    matched: str  # the query's words that matched, as typed
    terms: tuple[str, ...]  # the other language's terms


@functools.cache
def tables() -> dict[str, dict[tuple[str, ...], tuple[str, ...]]]:
    """For each language, its terms (as stemmed word tuples) -> the other language's terms."""
    table: dict[str, dict[tuple[str, ...], list[str]]] = {"en": {}, "es": {}}
    lines = GLOSSARY_FILE.read_text(encoding="utf-8").splitlines()
    for line in lines[1:]:
        if not line.strip() or line.startswith("#"):
            continue
        english, _, spanish = line.partition("\t")
        english = english.strip()
        spanish_terms = [s.strip() for s in spanish.split("|") if s.strip()]
        if not english or not spanish_terms:
            continue
        table["en"].setdefault(key("en", english), []).extend(spanish_terms)
        for term in spanish_terms:
            table["es"].setdefault(key("es", term), []).append(english)
    return {lang: {k: tuple(dict.fromkeys(v)) for k, v in t.items() if k} for lang, t in table.items()}


def key(language: str, text: str) -> tuple[str, ...]:
    return tuple(stem(language, w) for w in WORD.findall(fold(text)))


STEMMERS = {"en": EnglishStemmer(), "es": SpanishStemFilter()}


def stem(language: str, word: str) -> str:
    return STEMMERS[language].stem(word)


def expand(words: list[str]) -> list[Expansion]:
    """Glossary terms found in a query's words (either language, longest first), each word used once."""
    by_language = tables()
    longest = max((len(k) for t in by_language.values() for k in t), default=1)
    stems = {lang: [stem(lang, fold(w)) for w in words] for lang in by_language}
    found: list[Expansion] = []
    i = 0
    while i < len(words):
        for size in range(min(longest, len(words) - i), 0, -1):
            hit = next((by_language[lang][k] for lang in ("en", "es")
                        if (k := tuple(stems[lang][i:i + size])) in by_language[lang]), None)
            if hit:
                found.append(Expansion(" ".join(words[i:i + size]), hit))
                i += size
                break
        else:
            i += 1
    return found
