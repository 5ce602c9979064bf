"""Text analysis for the index: English and Spanish stemming, both accent-folded,
so that "trafico" finds "tráfico" and "capacitacion" finds "capacitaciones"."""

from __future__ import annotations

import re
import unicodedata

from whoosh.analysis import CharsetFilter, Filter, LowercaseFilter, RegexTokenizer, StemFilter, StopFilter
from whoosh.lang import stopwords_for_language
from whoosh.lang.snowball.spanish import SpanishStemmer
from whoosh.support.charset import accent_map

TOKEN = r"\w+(?:[.'’]\w+)*"
SUFFIX_ACCENTS = re.compile(r"(ci|si)(on)$")


def fold(text: str) -> str:
    """Lower-case and strip accents: "Tráfico" -> "trafico"."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


class SpanishStemFilter(Filter):
    """Snowball Spanish on accent-folded words.

    Snowball's Spanish rules name their suffixes with accents ("-ación"), so
    folding first loses "capacitacion" -> "capacit"; stemming first makes
    "policía" and "policia" differ.  Folding, putting the accent back on the
    "-ción"/"-sión" endings, stemming, and folding again gives both.
    """

    is_morph = True  # left out when Whoosh indexes the unstemmed words for spelling

    def __init__(self) -> None:
        self.stemmer = SpanishStemmer()
        self.cache: dict[str, str] = {}

    def __eq__(self, other: object) -> bool:
        return isinstance(other, SpanishStemFilter)

    def __getstate__(self) -> dict:
        return {}

    def __setstate__(self, state: dict) -> None:
        self.__init__()

    def stem(self, word: str) -> str:
        stem = self.cache.get(word)
        if stem is None:
            stem = fold(self.stemmer.stem(SUFFIX_ACCENTS.sub(r"\1ón", word)))
            if len(self.cache) < 100_000:
                self.cache[word] = stem
        return stem

    def __call__(self, tokens):
        for t in tokens:
            if not t.stopped:
                t.text = self.stem(t.text)
            yield t


# A query is matched against both languages' fields, so each field also drops the
# other languages' commonest function words: "de" and "la" must not match English text.
ROMANCE_FUNCTION_WORDS = frozenset(
    "de del la las el los y en con para por que una unos unas al su sus lo les da das dos em na nas os ou "
    "le du des et".split())
# Snowball's Spanish list holds words that carry meaning in this field ("Estados Unidos", "lucha contra la trata").
SPANISH_CONTENT_WORDS = frozenset(("estado", "estados", "contra", "sentido", "sentidos", "sentida", "sentidas",
                                   "sentid", "siente", "sintiendo"))
ENGLISH_STOPWORDS = frozenset(stopwords_for_language("en"))
SPANISH_STOPWORDS = frozenset(fold(w) for w in stopwords_for_language("es")) - SPANISH_CONTENT_WORDS


def english_analyzer():
    return (RegexTokenizer(TOKEN) | LowercaseFilter() | CharsetFilter(accent_map)
            | StopFilter(stoplist=ENGLISH_STOPWORDS | ROMANCE_FUNCTION_WORDS, minsize=1)
            | StemFilter(lang="en", cachesize=100_000))


def spanish_analyzer():
    return (RegexTokenizer(TOKEN) | LowercaseFilter() | CharsetFilter(accent_map)
            | StopFilter(stoplist=SPANISH_STOPWORDS | ENGLISH_STOPWORDS, minsize=1) | SpanishStemFilter())


def plain_analyzer():
    """Folded surface forms, no stemming: for spelling suggestions and exact words."""
    return RegexTokenizer(TOKEN) | LowercaseFilter() | CharsetFilter(accent_map)
