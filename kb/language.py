"""Tell the language of a passage: English, Spanish, French or Portuguese.

py3langid (a Naive Bayes model over byte n-grams) is restricted to the four
languages the agencies publish in, so a short Spanish passage is never taken for
Galician or Catalan.
"""

from __future__ import annotations

import functools
import re

from py3langid.langid import MODEL_FILE, LanguageIdentifier

LANGUAGES = ("en", "es", "fr", "pt")
UNDETERMINED = "und"
MIN_WORDS = 3  # fewer words than this carry too little to tell languages apart

_WORD = re.compile(r"[^\W\d_]{2,}")


@functools.cache
def _identifier() -> LanguageIdentifier:
    # Our own instance: restricting py3langid's shared one would change it for
    # anyone else in the process.
    identifier = LanguageIdentifier.from_model_file(MODEL_FILE)
    identifier.set_languages(list(LANGUAGES))
    return identifier


def detect_language(text: str) -> str:
    """One of LANGUAGES, or "und" for a text of fewer than MIN_WORDS words."""
    if len(_WORD.findall(text, 0, 2000)) < MIN_WORDS:
        return UNDETERMINED
    language, _score = _identifier().classify(text)
    return language
