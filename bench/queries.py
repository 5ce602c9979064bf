"""The fixed query set: what people type into kb, from one broad word to a phrase with a filter.

The hand-written queries come first (broad words, topics, Spanish, phrases, a
misspelling, field filters); pairs of the corpus's own words fill the set up to
QUERY_COUNT, drawn with a fixed seed so every run and every engine sees the
same queries in the same order.
"""

from __future__ import annotations

import random

from bench.corpus import COUNTRIES, VOCABULARY

QUERY_COUNT = 240
SEED = 7

WRITTEN = [
    # broad: most passages match
    "trafficking", "training", "victims", "security", "workshop", "trata", "capacitación", "police",
    "migration", "violence", "project", "national",
    # topics
    "border controls", "trafficking in persons", "human trafficking victims", "migrant smuggling",
    "victim assistance", "gender-based violence", "citizen security", "drug demand reduction",
    "public security", "crime prevention", "forced labour", "sexual exploitation", "document fraud",
    "firearms trafficking", "juvenile justice", "cybercrime", "money laundering", "police training",
    "migration management", "mental health services", "crime statistics", "labour exploitation",
    "port security", "organized crime", "domestic violence", "child protection", "refugee protection",
    "return and reintegration", "prison reform", "community policing", "maritime security",
    "counter-terrorism", "referral mechanisms", "national action plans", "victim identification",
    "screening protocols", "shelter networks", "hotline services", "early warning systems",
    # Spanish
    "trata de personas", "controles fronterizos", "tráfico ilícito de migrantes", "asistencia a víctimas",
    "violencia de género", "seguridad ciudadana", "lavado de activos", "explotación laboral",
    "capacitacion policial", "gestión migratoria", "protección de la niñez", "funcionarios de fronteras",
    # people and events
    "workshop for border officials", "training course prosecutors", "seminar judges trafficking",
    "consular staff training", "labour inspectors forced labour", "customs officers document fraud",
    "taller regional fiscales", "curso especializado policías", "reunión técnica autoridades nacionales",
    # phrases and operators
    '"trafficking in persons"', '"border controls"', '"trata de personas"', '"victim assistance"',
    '"national action plans"', "trafficking AND training", "border AND controls AND workshop",
    "trafficking -smuggling", "victims NOT children", "(trafficking OR smuggling) training",
    # misspellings and filters
    "trafickking", "bordr controls", "capacitacion", "victms assistance",
    "trafficking country:JM", "workshop agency:OAS", "training year:2010..2015", "victims lang:es",
    "border controls country:MX", "migration agency:IOM year:2020..2026",
]


def queries(count: int = QUERY_COUNT) -> list[str]:
    """QUERY_COUNT queries, always the same."""
    rng = random.Random(SEED)
    found = list(dict.fromkeys(WRITTEN))
    pool = {lang: [w for name in ("topic", "group", "thing") for phrase in v[name] for w in phrase.split()
                   if len(w) > 3] for lang, v in VOCABULARY.items()}
    countries = [c[0] for c in COUNTRIES]
    while len(found) < count:
        lang = "es" if rng.random() < 0.3 else "en"
        words = rng.sample(pool[lang], rng.choice((1, 2, 2, 3)))
        if rng.random() < 0.2:
            words.append(rng.choice(countries).split()[0])
        query = " ".join(words)
        if query not in found:
            found.append(query)
    return found[:count]
