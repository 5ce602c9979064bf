"""Find the countries a text is about: country names, demonyms, and the cities and
the states, provinces and departments of the Americas, in English and Spanish (and the American countries in French and
Portuguese), mapped to ISO 3166-1 alpha-2 codes.

The gazetteer is kb/data/places.json, written by tools/build_gazetteer.py.  Names
are compared accent- and case-insensitively, except the ones the gazetteer marks
as cased (names that are also common words, such as "Chile" or "Lima"): those
count only as written or in capitals.

The matcher is written by hand because the libraries that find places in text
(spaCy and friends) bring a statistical model for a job that a gazetteer and a
dictionary lookup over word n-grams do in microseconds.
"""

from __future__ import annotations

import dataclasses
import functools
import json
import re
import sys
import unicodedata
from collections.abc import Collection
from dataclasses import dataclass
from pathlib import Path

from kb.models import Country, PlaceMention

GAZETTEER_PATH = Path(__file__).parent / "data" / "places.json"

# A word, or one punctuation mark that can be part of a name ("U.S.", "St. George's",
# "Washington, D.C.").  Hyphens and spaces only separate words, so that
# "Port-of-Spain" and "Port of Spain" are the same name.
_TOKEN = re.compile(r"[\w\u0300-\u036f]+|[^\w\s\-]")
_COMBINING_MARKS = {cp: None for cp in range(0x300, 0x370)}

# A street or a venue named after a country or a city ("Avenida Brasil", "Calle Lima",
# "Casa Santo Domingo") names neither.
STREET_BEFORE = re.compile(
    r"\b(?:Avenida|Av\.|Calle|Rua|Avenue|Plaza|Praça|Paseo|Boulevard|Bulevar|Jirón|Hotel|Casa)\s+(?:(?:de|del|do|da)\s+)?"
    r"(?:(?:la|los|las|o|a)\s+)?$"
)
STREET_REACH = 25
NAME_GOES_ON = re.compile(r"[ \t]+(?:de[ \t]+)?[A-ZÁÉÍÓÚÑ][a-záéíóúñ]")
# A capitalised word right before a name, on its line.
NAME_BEFORE = re.compile(r"(?<![\w'’\-])(?P<word>[A-ZÁÉÍÓÚÑ][\w'’\-]*)[ \t]+$")
NAME_BEFORE_REACH = 40
# Words that lead to a place rather than begin its name: "In Cobija", "Desde Hinche".
NAME_CUE_WORDS = frozenset("in en em at à a de del do da la el los las the of from desde para to y and e et".split())
TOWN_BEFORE = re.compile(
    r"(?<![\w.])(?!(?:In|En|Em|At|À|A|From|Desde|De|Of)[ \t])"  # "In Jimaní, ...": the town, not "In Jimaní"
    r"(?P<town>[A-ZÁÉÍÓÚÑ][\w'’\-]+(?:[ \t]+(?:(?:de|del|la|do|da)[ \t]+)?[A-ZÁÉÍÓÚÑ][\w'’\-]+){0,2}),[ \t]*$"
)
TOWN_REACH = 40
# A capitalised article or the first word of a town's name makes a city's name another town's:
# "La Lima" is in Honduras, "Paso Canoas" on the Costa Rica-Panama border, not Canoas in Brazil.
ARTICLE_REACH = 8
ARTICLE_BEFORE = re.compile(r"(?<![\w.])(?:La|El|Los|Las|Paso|Puerto|Porto|Villa|Vila|Nueva|Nuevo|Isla|Cabo)[ \t]+$")
# "Liberia, Guanacaste", "Liberia, the provincial capital of Guanacaste".
DIVISION_JOINER = re.compile(
    r",[ \t]*(?:(?:the|la)[ \t]+)?(?:(?:provincial|departmental|state)[ \t]+)?(?:capital[ \t]+(?:of|de)[ \t]+)?"
)
PLACE_JOINER = re.compile(r",[ \t]*")

# The head words of agencies' names, in English and Spanish.
# An office and the countries it covers; a person's name ("Joseph N. France General Hospital").
OFFICE_FOR = re.compile(r"\b(?:Office|Representative|Representation|Coordinator)[ \t]+for[ \t]+(?:the[ \t]+)?")
OFFICE_REACH = 80
PLACE_LIST = re.compile(r"(?:[A-ZÁÉÍÓÚÑ][\w'’.\-]*+|and|the|&|,|[ \t])*+")  # possessive: no backtracking
PERSON_BEFORE = re.compile(r"\b[A-Z][a-z]+[ \t]+[A-Z]\.[ \t]+$")
PERSON_REACH = 30
ORGANISATION_WORDS = frozenset(
    "agency agencies enforcement department service services administration institute office bureau embassy "
    "agencia departamento servicio servicios administración administracion instituto oficina embajada "
    "agence département".split()
)
# The first words of a foreign agency named after its country ("United States Agency for ...");
# a home institution is named so too, but by other words ("Trinidad and Tobago Police Service").
DONOR_HEADS = frozenset(("agency", "department", "embassy"))
_CAPITALISED = r"[A-ZÁÉÍÓÚÑ][\w'’.\-]*"
# Up to six words of a name: capitalised words and the small words between them.
_NAME_AFTER = re.compile(rf"(?:[ \t]+(?:{_CAPITALISED}|and|of|for|on|the|&)){{0,6}}")
_AFTER_START = re.compile(rf"[ \t]+{_CAPITALISED}")
_NAME_BEFORE = re.compile(rf"{_CAPITALISED}(?:[ \t]+(?:{_CAPITALISED}|de|del|la|para|y)){{0,4}}[ \t]+$")
# The names of Summit declarations, plans of action and conventions, which end (or start) with a place.
_INSTRUMENT = (r"(?:Declaration|Declaraci[óo]n|Declara[çc][ãa]o|D[ée]claration|Plan\s+of\s+Action|"
               r"Plan\s+d[e']\s*Acci[óo]n|Plano\s+de\s+A[çc][ãa]o|Plan\s+d'action|Convention|Convenci[óo]n|Conven[çc][ãa]o|"
               r"Commitment|Compromiso|Compromisso|Engagement|Consensus|Consenso)")
INSTRUMENT_BEFORE = re.compile(rf"\b{_INSTRUMENT}[ \t]+(?:of|de|du|do|da|d')[ \t]*(?:the[ \t]+|la[ \t]+)?$")
# Not a venue's name; "Belém do Pará Convention" names the place with its state.
INSTRUMENT_AFTER = re.compile(
    rf"(?:[ \t]+do[ \t]+Par[áa])?[ \t]+{_INSTRUMENT}\b(?![ \t]+(?:Cent(?:er|re)|Hall|Bureau))"
)
# A country whose name takes a plural article, after an agency's name: "Departamento de Estado
# de los Estados Unidos", "Département d'État des États-Unis", "Departamento de Estado dos Estados Unidos".
_PLURAL_OF = re.compile(r"(?:\bde[ \t]+(?:los|las)|\bdes|\bdos|\bdas)[ \t]+$", re.IGNORECASE)
_NAME_BEFORE_OF = re.compile(
    rf"{_CAPITALISED}(?:[ \t]+(?:{_CAPITALISED}|d[’']{_CAPITALISED}|de|del|do|da|la|y|e|et)){{0,4}}[ \t]+$"
)


def _fold_table() -> dict[int, str]:
    """One character for one character, so that offsets into the folded text are
    offsets into the original: "Haití" -> "Haiti", "St George’s" -> "St George's"."""
    table = {}
    for cp in range(0xC0, 0x250):
        decomposed = unicodedata.normalize("NFD", chr(cp))
        if len(decomposed) > 1 and all(unicodedata.combining(c) for c in decomposed[1:]):
            table[cp] = decomposed[0]
    table.update({ord(c): "'" for c in "\u2018\u2019\u02bc\u00b4`"})
    table.update({ord(c): "-" for c in "\u2010\u2011\u2012\u2013\u2014\u2212"})
    return table


_FOLD = _fold_table()


def _fold(text: str) -> str:
    """Strip accents and unify apostrophes and dashes; the result has the same length."""
    return text.translate(_FOLD)


def _words(folded: str) -> list[str]:
    return [w.translate(_COMBINING_MARKS) for w in _TOKEN.findall(folded)]


def name_key(name: str) -> str:
    """The form under which the gazetteer stores a name: "Trinidad & Tobago" ->
    "trinidad & tobago", "Port-au-Prince" -> "port au prince"."""
    return " ".join(_words(_fold(name).lower()))


@dataclass(frozen=True)
class _Entry:
    code: str | None  # None: a name to recognise and ignore ("New Mexico")
    city: str | None = None
    cased: frozenset[str] = frozenset()  # when set, the only spellings accepted (besides capitals)
    candidates: tuple[tuple[str, str], ...] = ()  # gated city: (code, city) pairs
    division: bool = False  # a state, province or department
    towns: tuple[tuple[str, str], ...] = ()  # a country's name that is also a town's: (code, town) pairs

    @property
    def acronym(self) -> bool:
        """Spelled in capitals, like "US": a word too in a line of capitals."""
        return bool(self.cased) and all(form.isupper() for form in self.cased)

    def accepts(self, surface: str) -> bool:
        if not self.cased:
            return True
        written = " ".join(_words(surface))
        # As written, give or take the small words of a title ("Port Of Spain"),
        # or in a heading in capitals ("CHILE"); an acronym only as itself ("US").
        if written.isupper():
            return not self.acronym or written in self.cased
        return any(_same_case(written, form) for form in self.cased)


def _same_case(written: str, form: str) -> bool:
    # Both spell one key, so they have as many words.
    pairs = zip(written.split(" "), form.split(" "), strict=True)
    return all(w == f or (f.islower() and w.lower() == f) for w, f in pairs)


@dataclass(frozen=True)
class _Gazetteer:
    countries: dict[str, str]  # code -> English short name
    entries: dict[str, _Entry]  # name_key -> entry
    longest: dict[str, int]  # first word of a key -> most words in a key starting with it
    country_names: dict[str, str]  # name_key -> code, for lookup_country
    capitals: dict[str, str]  # code -> capital city
    nationalities: frozenset[str]  # name keys of demonyms and of "U.S."-style adjectives


@functools.cache
def _gazetteer() -> _Gazetteer:
    data = json.loads(GAZETTEER_PATH.read_text(encoding="utf-8"))
    entries: dict[str, _Entry] = {}
    cased_forms: dict[str, set[str]] = {}

    def add(name: str, entry: _Entry, cased: bool) -> None:
        key = name_key(name)
        if cased:
            cased_forms.setdefault(key, set()).add(" ".join(_words(_fold(name))))
        entries.setdefault(key, entry)  # the first section to claim a key keeps it

    for name in data["blocked"]:
        add(name, _Entry(None), cased=False)
    for name, code in data["names"].items():
        add(name, _Entry(code), cased=False)
    for name, code in data["cased_names"].items():
        add(name, _Entry(code), cased=True)
    for name, (code, city) in data["cities"].items():
        add(name, _Entry(code, city), cased=True)
    for name, candidates in data["gated_cities"].items():
        add(name, _Entry(None, candidates=tuple(map(tuple, candidates))), cased=True)
    for name, code in data["divisions"].items():  # a state or province names its country
        add(name, _Entry(code, division=True), cased=True)

    for name, towns in data["country_named_towns"].items():
        key = name_key(name)
        if key in entries:
            entries[key] = dataclasses.replace(entries[key], towns=tuple(map(tuple, towns)))

    # A key is cased if any of its spellings is: "Panamá" and "Panama" share one.
    for key, forms in cased_forms.items():
        entry = entries[key]
        entries[key] = dataclasses.replace(entry, cased=frozenset(forms))

    longest: dict[str, int] = {}
    for key in entries:
        words = key.split(" ")
        longest[words[0]] = max(longest.get(words[0], 0), len(words))
    country_names = {
        name_key(name): code for section in ("names", "cased_names") for name, code in data[section].items()
    }
    nationalities = frozenset(name_key(name) for name in data["nationalities"])
    return _Gazetteer(data["countries"], entries, longest, country_names, data["capitals"], nationalities)


def _country(code: str) -> Country:
    return Country(code, _gazetteer().countries[code])


def find_places(text: str, named: Collection[str] = ()) -> list[PlaceMention]:
    """Every place named in `text`, in text order, without overlaps: at each word
    the longest name wins ("Papua New Guinea", not "Guinea").  `start`/`end` index
    the original text.  A city gives its country and sets `city`; a state, province
    or department ("Chiapas", "Espírito Santo") gives its country.  A city whose name
    is shared or is also a common word ("Valencia", "Rosario") counts only when the
    text names its country elsewhere, or when its country is one of ``named``
    (codes the caller knows the text is about: its page's home country).  A
    street's name ("Avenida Brasil") is no place."""
    gaz = _gazetteer()
    folded = _fold(text)
    spans = [m.span() for m in _TOKEN.finditer(folded)]
    lowered = folded.lower()
    if len(lowered) == len(folded):
        words = [lowered[s:e] for s, e in spans]
    else:  # a few letters grow when lowered ("İ"): lower word by word
        words = [folded[s:e].lower() for s, e in spans]
    if any(not w.isascii() for w in words):
        words = [w.translate(_COMBINING_MARKS) for w in words]

    found: list[tuple[int, int, _Entry]] = []
    i, n = 0, len(words)
    while i < n:
        most = gaz.longest.get(words[i], 0)
        for size in range(min(most, n - i), 0, -1):
            entry = gaz.entries.get(" ".join(words[i : i + size]))
            if entry is None:
                continue
            start, end = spans[i][0], spans[i + size - 1][1]
            if not entry.accepts(folded[start:end]):
                continue
            if entry.acronym and _shouting(folded, spans, i - 1, i + size):
                continue
            found.append((start, end, entry))
            i += size
            break
        else:
            i += 1

    found = [f for f in found if not STREET_BEFORE.search(text, max(0, f[0] - STREET_REACH), f[0])]
    found = [f for f in found if not (f[2].city and ARTICLE_BEFORE.search(text, max(0, f[0] - ARTICLE_REACH), f[0]))]
    named = {e.code for _, _, e in found if e.code} | set(named)
    mentions = []
    for k, (start, end, entry) in enumerate(found):
        code, city = entry.code, entry.city
        after = found[k + 1] if k + 1 < len(found) else None
        town = next(((c, name) for c, name in entry.towns if c in named), None)
        if town is not None:
            # A country's name that is a town of a country the text names: "Liberia" in Guanacaste, Costa Rica.
            code, city = town
        elif (entry.code and not entry.city and not entry.division and after and after[2].division
                and after[2].code != entry.code and DIVISION_JOINER.fullmatch(text, end, after[0])):
            # A town named like a country, before its state: "Liberia, Guanacaste" is in Costa Rica.
            code, city = after[2].code, text[start:end]
        elif _is_district(text, found[k : k + 3]):
            continue
        elif entry.candidates:
            # A shared name followed by a capitalised word heads another name: "Mesa Interinstitucional".
            if NAME_GOES_ON.match(text, end):
                continue
            # ... and one after a capitalised word ends one: "Tecún Umán" is not Umán, Yucatán.
            if (before := NAME_BEFORE.search(text, max(0, start - NAME_BEFORE_REACH), start)) and (
                    before["word"].lower() not in NAME_CUE_WORDS):
                continue
            # Of the countries the text names, the one named nearest: "Salto, Paysandú y Artigas" are in Uruguay.
            code, city = min(((c, name) for c, name in entry.candidates if c in named),
                             key=lambda candidate: _distance_to(candidate[0], start, found), default=(None, None))
        if code:
            mentions.append(PlaceMention(start, end, text[start:end], _country(code), city))
    return mentions


def _distance_to(code: str, pos: int, found: list[tuple[int, int, _Entry]]) -> int:
    """How far from ``pos`` the text names another place in country ``code``."""
    return min((abs(start - pos) for start, _, entry in found
                if start != pos and (entry.code == code or [c for c, _ in entry.candidates] == [code])),
               default=sys.maxsize)


def _is_district(text: str, run: list[tuple[int, int, _Entry]]) -> bool:
    """Whether the first of three places is a district of the city after it, in
    that city's country ("Kingston, Georgetown, Guyana"), not a city of its own."""
    if len(run) < 3:
        return False
    (_, end, first), (city_start, city_end, city), (country_start, _, country) = run
    return (bool(first.city and city.city) and city.code != first.code and country.code == city.code
            and not country.city and bool(PLACE_JOINER.fullmatch(text, end, city_start))
            and bool(PLACE_JOINER.fullmatch(text, city_end, country_start)))


def _shouting(folded: str, spans: list[tuple[int, int]], *neighbours: int) -> bool:
    """Whether a word next to an acronym is in capitals too ("TALK TO US")."""
    for k in neighbours:
        if 0 <= k < len(spans):
            word = folded[spans[k][0] : spans[k][1]]
            if len(word) > 1 and word.isalpha() and word.isupper():
                return True
    return False


def find_countries(text: str, document: str = "") -> list[Country]:
    """The distinct countries named in `text` (directly, by demonym or by a city),
    in order of first mention.  A nationality that is part of an agency's name
    ("Canadian International Development Agency", "Agencia Canadiense de
    Desarrollo Internacional", "U.S. Immigration and Customs Enforcement") does
    not make the text about that country.  A city named short in a `document`
    that names it in full is that city: "Santiago" after "Santiago de los
    Caballeros" is in the Dominican Republic, not Chile; "Liberia" after
    "Liberia, Guanacaste" is in Costa Rica."""
    return list(dict.fromkeys(
        _settled_country(m, document) for m in find_places(text) if not in_a_name(text, m)
    ))


def settled_country(city: str, country: Country, document: str) -> Country:
    """The country of ``city`` in ``document``: the one of the longer name the
    document gives it ("Santiago" after "Santiago de los Caballeros"), unless
    the document names its own country too ("Santiago, Chile")."""
    key = name_key(city)
    longer = next((c for name, c in _long_city_names(document) if name.startswith(key + " ") and c != country), None)
    if longer is None or country in _named_countries(document):
        return country
    return longer


@functools.lru_cache(maxsize=4)
def _named_countries(document: str) -> frozenset[Country]:
    """The countries ``document`` names by their own names, not through a city."""
    return frozenset(m.country for m in _document_places(document) if m.city is None)


@functools.lru_cache(maxsize=4)
def _document_places(document: str) -> tuple[PlaceMention, ...]:
    """The places of a whole document, read once for all its passages and events."""
    return tuple(find_places(document))


def towns_with_countries(text: str) -> dict[str, Country]:
    """The towns the gazetteer does not know that `text` names before their
    country or state ("Jimaní, Rep. Dominicana", "Ciudad Neily, Puntarenas"):
    where the text names them alone further on ("held in Jimaní"), it means those."""
    towns: dict[str, Country] = {}
    mentions = find_places(text)
    for k, m in enumerate(mentions):
        if m.city is not None:
            continue
        town = TOWN_BEFORE.search(text, max(0, m.start - TOWN_REACH), m.start)
        if town is None or (k and mentions[k - 1].end > town.start()):
            continue
        towns.setdefault(town["town"], m.country)
    return towns


@functools.lru_cache(maxsize=4)
def _long_city_names(document: str) -> tuple[tuple[str, Country], ...]:
    """The name keys of the cities `document` names, with their countries: those of
    several words, and towns named like a country ("Liberia, Guanacaste")."""
    gaz = _gazetteer()
    return tuple(
        (name_key(m.surface), m.country) for m in _document_places(document)
        if m.city and (" " in name_key(m.surface) or gaz.country_names.get(name_key(m.surface)))
    )


def _settled_country(mention: PlaceMention, document: str) -> Country:
    key = name_key(mention.surface)
    if mention.city is None:
        # A country's name that the document gives a town elsewhere is that town: "Liberia" in Costa Rica.
        longer = _long_city_names(document)
        return next((c for name, c in longer if name == key and c != mention.country), mention.country)
    return settled_country(mention.surface, mention.country, document)


def in_a_name(text: str, mention: PlaceMention) -> bool:
    """Whether `mention` is part of an agency's, an office's, an instrument's or a
    person's name (see below): it names neither a subject of the text nor a venue."""
    return (_in_agency_name(text, mention) or _in_instrument_name(text, mention)
            or _in_office_name(text, mention) or _in_personal_name(text, mention))


def _in_personal_name(text: str, mention: PlaceMention) -> bool:
    """Whether `mention` is a surname after a given name and an initial: "Joseph N. France"."""
    return PERSON_BEFORE.search(text, max(0, mention.start - PERSON_REACH), mention.start) is not None


def _in_office_name(text: str, mention: PlaceMention) -> bool:
    """Whether `mention` is among the countries an agency's office covers: "the
    PAHO/WHO Representative for Jamaica, Bermuda and the Cayman Islands", "the
    Office for Barbados and the Eastern Caribbean Countries"."""
    office = OFFICE_FOR.search(text, max(0, mention.start - OFFICE_REACH), mention.start)
    return office is not None and PLACE_LIST.fullmatch(text, office.end(), mention.start) is not None


def _in_agency_name(text: str, mention: PlaceMention) -> bool:
    """Whether `mention` is a nationality inside the name of an agency: followed
    (in English) or preceded (in Spanish) by a capitalised name with a word such
    as "Agency", "Department" or "Agencia" in it; or a country after such a name
    and a plural article ("... de Estado de los Estados Unidos")."""
    of = _PLURAL_OF.search(text, max(0, mention.start - 8), mention.start)
    if of is not None:
        before = _NAME_BEFORE_OF.search(text, max(0, of.start() - 80), of.start())
        return before is not None and _names_an_agency(before[0])
    after = _NAME_AFTER.match(text, mention.end)[0] if _AFTER_START.match(text, mention.end) else ""
    if name_key(mention.surface) not in _gazetteer().nationalities:
        # A country's own name heads a donor's name: "United States Agency for International Development".
        return mention.city is None and any(w.lower() in DONOR_HEADS for w in after.split()[:2])
    if after and _names_an_agency(after):
        return True
    if not mention.surface[0].isupper():
        return False
    before = _NAME_BEFORE.search(text, max(0, mention.start - 80), mention.start)
    return before is not None and _names_an_agency(before[0])


def _in_instrument_name(text: str, mention: PlaceMention) -> bool:
    """Whether `mention` names the place a declaration, a plan or a convention
    was signed at ("Declaration of Commitment of Port of Spain", "Convención de
    Belém do Pará", "the Port of Spain Declaration"): that place is not a subject."""
    return bool(INSTRUMENT_BEFORE.search(text, max(0, mention.start - 40), mention.start)
                or INSTRUMENT_AFTER.match(text, mention.end))


def _names_an_agency(name: str) -> bool:
    return any(word.strip("'’.-").lower() in ORGANISATION_WORDS for word in name.split())


def capital(code: str) -> str | None:
    """The capital of an OAS member state ("HN" -> "Tegucigalpa"), else None."""
    return _gazetteer().capitals.get(code.upper())


def lookup_country(name_or_code: str) -> Country | None:
    """The country with this ISO alpha-2 code or this name in any spelling the
    gazetteer knows ("TT", "tt", "Trinidad & Tobago", "República Dominicana");
    None if unknown."""
    gaz = _gazetteer()
    value = name_or_code.strip()
    if len(value) == 2 and value.upper() in gaz.countries:
        return _country(value.upper())
    code = gaz.country_names.get(name_key(value))
    return _country(code) if code else None


def country_name(code: str) -> str:
    """The English short name of a country: "JM" -> "Jamaica".  Raises KeyError
    for a code the gazetteer does not know."""
    return _gazetteer().countries[code.upper()]
