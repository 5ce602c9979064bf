"""Find the dated workshops, seminars, trainings, courses, meetings and
conferences a passage reports, with where they took place.

Precision comes before recall.  An event needs a date and an event word:
on a list line, in the line, else above it in its passage ("Schedule
trainings:"), else below; in prose, in the date's sentence, else in a
neighbouring one of the same paragraph; else in the heading, and then only for
a date with a place.  A verb ("met", "se reunieron") makes a meeting when no
event noun is at hand.  A date alone ("The law was passed on May 3, 2009") is
not an event, nor is the page's own date ("Last update: July 12, 2010").

Dates: a day, or a range of days.  A month alone ("MISPA II, held in
November 2009 in Santo Domingo") makes an event of ``precision`` "month" only
when it follows "in"/"en", its sentence names no day, the sentence places it
("in Santo Domingo") and an event word stands in that sentence or next to it.
A day after "until"/"hasta"/"will close on" ends the event its sentence opened
("opened on 27 September and will close on 1 October"; "opened today ... until
Friday, April 16"), and alone is no event.  A day written without a year
("March 22-23") takes the year the heading names, else (in a list or a table)
the one the passage states above it ("Trainings for 2010:"), else
``dateline_year``; without one the event is still kept, with ``start`` and
``end`` None, rather than lost.

Places: a list line gives its own; a run of records in one sentence ("Aug 4-5
Panama City, Panama Aug 25-26 San Salvador, El Salvador", or the cells of a
table, one per line) gives each date the place of its record; a date alone on
its line (a table cell) takes the place on the line beside it; in prose, the
place named after "in"/"en", else the one country the sentence names (several
are where participants came from); else a place the heading names after "in",
else the dateline's.
"""

from __future__ import annotations

import bisect
import calendar
import dataclasses
import datetime as dt
import functools
import itertools
import re
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass, field

from kb.dates import (
    PLACEHOLDER_YEAR,
    SHORT_MONTH_END,
    SHORT_MONTH_REACH,
    WEEKDAYS,
    YESTERDAY,
    find_dates,
    find_months,
    find_relative_dates,
    labelled_published,
    month_line,
    publication_dates,
    safe_date,
    shift_days,
)
from kb.models import Country, DateSpan, Event, PlaceMention
from kb.parse import CELL_SEPARATOR
from kb.places import capital, country_name, find_places, in_a_name

EVENT_KINDS = ("training", "seminar", "workshop", "course", "meeting", "conference")

KIND_WORDS = re.compile(
    r"\b(?=[acdefmoprstw])(?:(?P<training>trainings?|capacitaci[oó]n(?:es)?|capacita[çc](?:[ãa]o|[õo]es)|treinamentos?|formations?|formaci[oó]n)"
    r"|(?P<seminar>seminars?|seminarios?|semin[áa]rios?|s[ée]minaires?)"
    r"|(?P<workshop>workshops?|taller(?:es)?|oficinas?|ateliers?)"
    r"|(?P<course>courses?|cursos?|diplomados?)"
    r"|(?P<meeting>meetings?|reuni[oó]n(?:es)?|reuni[ãa]o|reuni[õo]es|r[ée]unions?|encuentros?|encontros?|MISPA|consultations?"
    # A governing body's sitting: "Sixteenth Regular Session of CICTE", "sesión extraordinaria".
    r"|(?:regular|special|plenary|ordinary|extraordinary)\s+sessions?|sesi[óo]n\s+(?:ordinaria|extraordinaria|plenaria)"
    r"|per[íi]odo\s+(?:ordinario|extraordinario)\s+de\s+sesiones)"
    r"|(?P<conference>conferences?|conferencias?|confer[êe]ncias?|conf[ée]rences?))\b",
    re.IGNORECASE,
)
# Verbs that report a meeting: weaker than any event noun ("Consuls met in Quito"
# under a heading about a training is the training).
MEETING_VERBS = re.compile(r"\b(?:met|(?:se\s+)?reuni(?:eron|ó|ram)|reuniram-se)\b", re.IGNORECASE)
# A headline's verb names the kind of what it reports: "IOM Trains Frontline Officials", "OEA capacita a policías".
TRAINING_VERBS = re.compile(
    r"\b(?:trains|trained|capacita|capacitan|capacit[óa]|capacitaron|capacitou|capacitaram|treina|treinou|treinaram)\b",
    re.IGNORECASE,
)
# "the trained mediators" describes people; "IOM trained 34 investigators" reports a training.
TRAINED_AS_ADJECTIVE = re.compile(
    r"\b(?:the|these|those|a|an|its|their|our|newly|well|specially|highly)[\s-]+$", re.IGNORECASE
)
# A part of an event, of the kind the document reports: "The first session, held in San Fernando ...".
# So is an ordinal standing for one: "Se realizaron dos talleres. El primero se llevó a cabo en La Ceiba ...".
PART_WORDS = re.compile(
    r"\b(?:sessions?|sesi[óo]n(?:es)?|sess[õo]es|s[ée]ances?|modules?|m[óo]dulos?)\b"
    r"|\b(?:the|el|la|o|a)\s+(?:first|second|third|last|primer[oa]|segund[oa]|tercer[oa]|[úu]ltim[oa]"
    r"|primeir[oa]|terceir[oa])(?=,|\s+(?:was|took|will|se|fue|tuvo|tendr[áa]|ser[áa]|foi|ocorreu|aconteceu)\b)",
    re.IGNORECASE,
)
# Event words of one language only: "oficina" is an office in Spanish, "formation" a shape in English.
ONLY_IN = {"oficina": "pt", "oficinas": "pt", "formation": "fr", "formations": "fr"}
# An event word that only qualifies a thing: "training manual", "centro de capacitación".
THING_AFTER = re.compile(
    r"[ \t]+(?:cent(?:er|re)s?|manuals?|materials?|modules?|curricul(?:um|a)|guides?|handbooks?|toolkits?|videos?)\b",
    re.IGNORECASE,
)
THING_BEFORE = re.compile(
    r"\b(?:centros?|manual(?:es)?|materiales|m[óo]dulos?|gu[íi]as?|curr[íi]culos?|centres?)\s+(?:de|of)\s+$",
    re.IGNORECASE,
)
# A deadline set for an event is not the event: "Cierre de inscripciones para el Diplomado ...",
# "Cierre de convocatoria: becas para el Curso ...".
DEADLINE_BEFORE = re.compile(
    r"\b(?:deadline|closing\s+date|fecha\s+l[íi]mite|plazo"
    r"|cierre\s+de\s+(?:las?\s+)?(?:inscripciones|postulaciones|convocatoria))"
    r":?\s+(?:[\w’']+:?\s+){0,6}$",
    re.IGNORECASE,
)
# A date set as a deadline ("by 23 February 2018", "Deadline for nominations | 23 February 2018"),
# or as a day to travel ("should plan to arrive on Sunday 5 November").
DEADLINE_AT = re.compile(
    r"(?:\b(?:by|no\s+later\s+than|a\s+m[áa]s\s+tardar\s+el|antes\s+del?|avant\s+le|at[ée]\s+(?:o\s+dia\s+)?"
    r"|\b(?:arrive|arrival|depart|departure|llegar|llegada|salida|chegada|arriv[ée]e)\b[^.\n]{0,30}?\b(?:on|el|em|le)"
    r"|(?:registration|applications?|inscripciones|postulaciones)\s+(?:[\w,’']+\s+){0,15}(?:closes?|close|cierran?|vencen?)"
    r"(?:\s+(?:on|el))?)"
    r"(?:\s+(?:the\s+)?(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|lunes|martes|mi[ée]rcoles|jueves"
    r"|viernes|s[áa]bado|domingo),?)?\s+$)"
    r"|(?:^[ \t•·▪◦‣*-]*(?:[\w’']+[ \t]+){0,3}(?:deadline|closing\s+date|fecha\s+l[íi]mite|plazo|date\s+limite|prazo)"
    r"\b[^\n]*$)",
    re.IGNORECASE | re.MULTILINE,
)
# A day the calendar observes, not an event: "25 de noviembre, Día Internacional de la Eliminación ...".
OBSERVANCE_AFTER = re.compile(
    r",?[ \t]*(?:el[ \t]+|the[ \t]+|la[ \t]+)?(?:D[íi]a[ \t]+(?:Internacional|Mundial|Nacional)|"
    r"(?:International|World|National)[ \t]+Day|Journ[ée]e[ \t]+(?:internationale|mondiale|nationale))",
    re.IGNORECASE,
)
# "in consultation with the ministry" is a way of working; "a consultation with experts" an event.
# The symbol and the language line of an OAS document's cover: its date is the document's.
DOCUMENT_SYMBOL = re.compile(r"\b(?:OEA|OAS)/Ser\.|\bOriginal:\s+[A-Z]")
NOT_AN_EVENT_CONSULTATION = re.compile(r"^\s+with\b", re.IGNORECASE)
CONSULTATION_AS_MANNER = re.compile(r"\b(?:in|after|following|through|by)\s+(?:close\s+)?$", re.IGNORECASE)
NOT_AN_EVENT_COURSE = re.compile(r"\bof\s+$|^\s+of\b", re.IGNORECASE)  # "of course", "in the course of"
PASSIVE_MET = re.compile(r"\b(?:was|were|been|be|is|are|being)\s+$", re.IGNORECASE)  # "targets were met"
LINE_START = re.compile(r"(?<=\n)|[•·▪◦‣]")
_BULLET = r"(?:[•·▪◦‣*-]|\d{1,2}[.)]|\d{1,2}\.\d{1,2}\.?)"  # "•", "3.", "2.2": an item's mark
BULLET_LINE = re.compile(rf"\s*{_BULLET}\s+")
# A schedule line is a place, a date and at most a short label ("Pilot Seminar").
MAX_ITEM_LABEL_WORDS = 4
MAX_ITEM_CHARS = 200
MIN_COLUMNS = 3
MAX_ITEM_LINES = 3  # a list item with its place and its notes on the lines under it
MAX_CELL_WORDS = 6  # a table cell beside a date cell: "Antigua and Barbuda", "St. John's"
MAX_VENUE_WORDS = 10  # a venue line: "Sede de la OEA, Washington, D.C., Estados Unidos"
# What may stand before the first known place of a venue line: an unknown town ("Punta del Este, Uruguay.").
VENUE_LEAD = re.compile(
    r"[ \t•-]*(?:(?P<town>[A-ZÁÉÍÓÚÑ][\w'’.\-]*"
    r"(?:[ \t]+(?:(?:de|del|la|los|las|do|da)[ \t]+)?[A-ZÁÉÍÓÚÑ][\w'’.\-]*){0,3}),[ \t]*)?"
)
# A sentence's end in a line ("Arequipa, Peru. For ..."), not "Washington, D.C." nor "St. John's".
SENTENCE_STOP = re.compile(r"(?<![A-Z])(?<!\bD\.C)(?<!\bSt)[.!?](?:\s|$)")
# A sentence ends before a capital, an opening quote ("« La loi ..."), or a run-in item ("... 2018. - Launch of").
SENTENCE_END = re.compile(r"[.!?][”\"’'»)\]]*\s+(?=(?:[-–—•][ \t]+)?[¿¡\"“«(]?\s?[A-ZÁÉÍÓÚÑ])")
ABBREVIATION = re.compile(r"(?:\b[A-Z]|\b(?:St|Mr|Mrs|Ms|Dr|Sr|Sra|No|Nos|Art|Av|Ave|Inc|Jr|vs))$")
PLACE_CUE = re.compile(
    r"\b(?:in|at|en|em|na|no|à|au)\s+(?:(?:the|la|el|a|o)\s+)?"
    r"(?:(?:city|ciudad|cidade|capital)\s+(?:of|de|do|da)\s+(?:(?:the|la|el)\s+)?"
    r"(?:Commonwealth\s+of\s+|Republic\s+of\s+|Rep[úu]blica\s+de\s+)?|capital\s+)?"
    # A town the gazetteer does not know, before its country: "in Tulcán, Ecuador".
    r"(?:(?P<town>(?-i:[A-ZÁÉÍÓÚÑ][\w'’.\-]*(?:\s+(?:de|del|la|las|los|do|da|dos)?\s*[A-ZÁÉÍÓÚÑ][\w'’.\-]*){0,3})),\s+)?$",
    re.IGNORECASE,
)
PLACE_CUE_REACH = 50
# Where the OAS meets at home: "at OAS headquarters", "en la sede de la OEA", "à Washington".
HEADQUARTERS = re.compile(
    r"\b(?P<place>(?:OAS|OEA|PAHO|OPS)\s+[Hh]eadquarters|headquarters\s+of\s+the\s+(?:OAS|Organization\s+of\s+American"
    r"\s+States)|(?:[Ss]ede|[Ss]i[èe]ge)\s+(?:de\s+la\s+|da\s+|de\s+l['’]|del\s+)?(?:OEA|OPS|Organizaci[óo]n\s+de\s+los"
    r"\s+Estados\s+Americanos))|\b(?:in|at|en|em|à)\s+(?P<city>Washington)(?!\w|\s+(?:State|Post|University|Consensus))"
)
# A town named after its department, which the gazetteer knows: "in Santa Rosa de Copán", "en San Pedro de Macorís".
TOWN_OF_DIVISION = re.compile(
    r"\b(?:in|at|en|em|à)\s+(?P<town>(?-i:[A-ZÁÉÍÓÚÑ][\w'’.\-]*(?:\s+[A-ZÁÉÍÓÚÑ][\w'’.\-]*){0,2})\s+(?:de|del|do|da))\s+$",
    re.IGNORECASE,
)
# A town the gazetteer does not know, named right at the date: "du 5 au 7 novembre, à
# Ouanaminthe", "realizado em Corumbá entre 20 e 22 de agosto".  It is the venue,
# rather than a known place the sentence names further off ("qui fait face à Dajabón,
# en République dominicaine"), and in the country of the page's dateline.
TOWN_AT = re.compile(
    r"(?<![A-ZÁÉÍÓÚÑ]\w)(?<![A-ZÁÉÍÓÚÑ]\w\w)\b(?:in|at|en|em|à)\s+"
    r"(?:(?:el|la|o|a|the|le)\s+(?:cant[óo]n|municipio|munic[íi]pio|distrito|parroquia|town|commune)\s+(?:de\s+)?)?"
    r"(?P<town>[A-ZÁÉÍÓÚÑ][\w'’\-]+(?:[ \t]+(?:(?:de|del|do|da|la)[ \t]+)?[A-ZÁÉÍÓÚÑ][\w'’\-]+){0,2})"
)
TOWN_GAP_WORDS = frozenset("on from between entre del de du le les los las el nos dias días the of".split())
MAX_TOWN_GAP = 25
NOT_TOWNS = frozenset(
    "english spanish french portuguese inglés español francés portugués anglais espagnol français portugais "
    "inglês espanhol francês português".split()
)
# The label of an event's place in a field list: "Where", "Venue:", "• Lugar".
PLACE_LABEL = re.compile(
    r"^[ \t•·▪◦‣*-]*(?:where|venue|location|lugar|sede|local|lieu|onde|d[óo]nde)[ \t]*:?[ \t]*",
    re.IGNORECASE | re.MULTILINE,
)
# The head of a table's venue column: "Fecha | Evento | Lugar".
VENUE_HEAD = re.compile(r"(?:venue|location|place|lugar|sede|local|lieu|ciudad|city|cidade|ville)\W*", re.IGNORECASE)
DATE_LABEL = re.compile(
    r"[ \t•·▪◦‣*-]*(?:dates?|when|fechas?|cu[áa]ndo|data|datas|quando|quand)[ \t]*:[ \t]*", re.IGNORECASE
)
CAPITAL_BEFORE = re.compile(r"\bcapital\s+(?:(?:of|de)\s+(?:the\s+|la\s+)?(?:\w+\s+of\s+)?)?$", re.IGNORECASE)
CAPITAL_AFTER = re.compile(r"\s+capital\b", re.IGNORECASE)  # "the Honduran capital"
# Lines run on into one sentence unless a blank line or a bullet breaks them.
LINE_RUN = re.compile(rf"[^\n]+(?:\n(?!\s*{_BULLET}\s)[^\n]+)*")
NAME_FOLLOWS = re.compile(r"[ \t]+[A-Z]")
PLACE_JOINER = re.compile(r"[ \t,(\-]*")  # "Santo Domingo, Dominican Republic", on one line
# A town set in a region of a named country: "Roatán, in the Bay Islands of Honduras", "Pacaraima, no estado de".
TOWN_REGION = re.compile(
    r",?\s+(?:(?:in|en|em|no|na|dans)\s+)?(?:(?:the|el|la|los|las|o|a|le|les)\s+)?(?:[\w'’-]+\s+){0,2}?"
    r"(?:state|department|province|region|islands?|county|parish|district|municipality|estado|departamento"
    r"|provincia|regi[óo]n|islas?|municipio|distrito|parroquia|d[ée]partement|r[ée]gion|[îi]les?)"
    r"\s+(?:of|de|del|do|da|du|des)\s+",
    re.IGNORECASE,
)
NEXT_SENTENCES = 2  # how far after a date's sentence its place may be named ("The workshop was held in Lima")

YEAR = re.compile(r"(?<![\d/.-])(?:19|20)\d\d(?![\d/])")
# Pages in these languages write "07/09/2009" day first; English ones (the
# United States' way) month first.
DAY_FIRST_LANGUAGES = frozenset(("es", "pt", "fr"))
MONTH_CUE = re.compile(
    r"\b(?:in|en|em|during|durante|last|in\s+the\s+month\s+of|en\s+el\s+mes\s+de|(?:el\s+)?pasado\s+(?:mes\s+de\s+)?"
    r"|au\s+mois\s+de|no\s+m[êe]s\s+de)\s+$",
    re.IGNORECASE,
)
WEEKDAY = (
    r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|lunes|martes|mi[ée]rcoles|jueves|viernes"
    r"|s[áa]bado|domingo)"
)
# What stands before the last day of an event: "until Friday, April 16", "will close on 1 October".
UNTIL = re.compile(
    r"\b(?:until|till|through|hasta|até|jusqu'au|(?:clos|end|conclud|finish)(?:e|es|ed|s)?(?:\s+on)?"
    r"|(?:conclu|clausur|finaliz|termin|culmin)\w*\s+el|(?:achev|cl[ôo]tur|encerr)\w*(?:\s+(?:le|na|no|em))?)"
    r"\s+(?:(?:el|the|o)\s+)?(?:" + WEEKDAY + r"\s*,?\s+)?$",
    re.IGNORECASE,
)
# A day named as the first of several: "began yesterday, March 10", "que comenzó el lunes 8".
BEGAN = re.compile(
    r"\b(?:began|begun|opened|started|comenz[óo]|se\s+inici[óo]|inici[óo]|abri[óo]|come[çc]ou)\s+"
    rf"(?:(?:on|el|em)\s+)?(?:(?:yesterday|ayer|ontem),?\s+)?(?:{WEEKDAY}\s*,?\s+)?$",
    re.IGNORECASE,
)
# What may stand before a month that heads a schedule line: a bullet, or a place with no figure in it.
FIRST_CELL = re.compile(r"[ \t•·▪◦‣*-]*(?P<cell>[^|\n]*?)[ \t]*\|")
# Bare days under their month, in a table's first cell or on a line alone: "23 al 25", "Tue 1 – Thu 3".
_DAY_WEEKDAY = rf"(?:{WEEKDAYS.pattern})\.?,?[ \t]+"
BARE_DAYS = re.compile(
    rf"[ \t•]*(?P<days>(?i:{_DAY_WEEKDAY})?(?P<d1>\d{{1,2}})"
    rf"(?:[ \t]*(?:al|a|-|–|to|y|and|&|e|et|au)[ \t]*(?i:{_DAY_WEEKDAY})?(?P<d2>\d{{1,2}}))?)[ \t]*"
)
MONTH_LINE_HEAD = re.compile(r"[^\n\d]{0,60}")
LAST_YEAR_REACH = 30
NEAR_YEAR_REACH = 30  # "meeting of 2013 on Thursday, March 7": a year this close before a yearless day is its
# The year a sentence opens with, or the period it names, before its yearless days: "En 2009 el PNUD
# apoyó un curso ... del 4 al 6 de mayo", "held in the first quarter of 2011: ... on February 7-8";
# not "a programme begun in 2009", nor a plan's "2010-2012".
OPENING_YEAR = re.compile(r"\s*(?:in|en|em|durante|during)\s+(?P<year>(?:19|20)\d\d)\b(?![-–/]\d)", re.IGNORECASE)
PERIOD_YEAR = re.compile(
    r"\b(?:quarter|half|semester|trimestre|semestre|cuatrimestre)\s+(?:of|de|del)\s+(?P<year>(?:19|20)\d\d)\b(?![-–/]\d)",
    re.IGNORECASE,
)
LAST_YEAR = re.compile(
    r"\s*,?\s*\b(?:last\s+year|the\s+year\s+before|el\s+a[ñn]o\s+pasado|l'an\s+dernier|l'ann[ée]e\s+derni[èe]re"
    r"|no\s+ano\s+passado|o\s+ano\s+passado)\b",
    re.IGNORECASE,
)
PAST_BEFORE = re.compile(r"\b(?:last|past|pasado|passado|[úu]ltimo)\s+(?:dia\s+)?$", re.IGNORECASE)
PAST_AFTER = re.compile(r"\s*(?:pasado|passado|dernier)\b", re.IGNORECASE)
TODAY = re.compile(r"\b(?:today|this\s+morning|hoy|hoje|aujourd'hui)\b", re.IGNORECASE)
OPENING = re.compile(
    r"\b(?:open(?:ed|s)|beg(?:an|ins)|start(?:ed|s)|inaugur\w*|inici\w*|comenz\w*|començ\w*"
    r"|abri[óo]|abre|ouvert)\b",
    re.IGNORECASE,
)
CLOSING = re.compile(
    r"\b(?:clos(?:ed|es)|end(?:ed|s)|conclu\w*|complet(?:e|ed|es|aron|ó|aram|ou)|finish(?:ed|es)|clausur\w*|finaliz\w*"
    r"|termin\w*|culmin\w*|encerr\w*|wrap(?:ped|s)\s+up|cl[ôo]tur\w*|achev\w*)\b",
    re.IGNORECASE,
)
# Verbs that say an event took place on the day they name: "held today", "se realizó hoy".
HELD = re.compile(
    r"\b(?:held|took\s+place|hosted|celebr(?:ó|ada|ado|aron)|realiz(?:ó|ada|ado|aron)|llev(?:ó|aron)\s+a\s+cabo"
    r"|particip(?:ated|ó|aron|aram|ou)|tuvo\s+lugar|teve\s+lugar|a\s+eu\s+lieu|s'est\s+tenue?)\b",
    re.IGNORECASE,
)
MAX_EVENT_SPAN = dt.timedelta(days=14)  # "closed today" an event that began no earlier than this
NUMBER_WORDS = {
    "two": 2, "three": 3, "four": 4, "five": 5, "dos": 2, "tres": 3, "cuatro": 4, "cinco": 5,
    "dois": 2, "duas": 2, "três": 3, "quatro": 4, "deux": 2, "trois": 3, "quatre": 4, "cinq": 5,
}
DURATION = re.compile(
    r"\b(?P<n>[2-9]|" + "|".join(NUMBER_WORDS) + r")[\s-]+(?:days?|d[íi]as|jours)\b", re.IGNORECASE
)

QUOTED = re.compile(r"[“\"«]([^”\"«»]{5,300})[”\"»]")
TITLE_WORD = re.compile(r"[\w’'\-‐‑]+")
WORD = re.compile(r"\w")
TITLE_CONNECTORS = set("of on for the and in against to de del la las los el sobre y en para contra a".split())
LEADING_ARTICLES = set("the a an el la los las un una".split())


@dataclass(frozen=True)
class Context:
    """What the rest of its document tells about a passage."""

    today: dt.date | None = None  # the day the page gives itself: what "today" means
    place: PlaceMention | None = None  # the place of the page's dateline
    kind: str | None = None  # the kind of event the document is about (its last event so far, or its title's)
    language: str = "und"
    month_first: bool | None = None  # how the document writes "05/04/2016", when one of its dates shows it
    # Where the story's lead puts its event ("clausuró hoy en Quetzaltenango un taller").
    story: _Place | None = None
    section: tuple[str, ...] = ()  # the headings above the passage's own, nearest first
    # The country the page's unknown towns are in: its dateline's, unless that is only the issuing
    # office ("Washington, D.C. – ... two sessions in Guyana": then the story's).
    home: Country | None = None

    # Towns the gazetteer does not know that the document names with their country ("Jimaní, Rep. Dominicana").
    towns: Mapping[str, Country] = field(default_factory=dict, hash=False, compare=False)


    @property
    def reads_month_first(self) -> bool:
        """Whether to read "05/04/2016" as May 4: as the document shows, else as its language writes."""
        return self.language not in DAY_FIRST_LANGUAGES if self.month_first is None else self.month_first


@dataclass(frozen=True)
class _Place:
    start: int
    end: int
    city: str | None
    country_name: str
    country_code: str
    cued: bool  # named right after "in"/"en"/"at"
    in_a_name: bool  # "U.S. Immigration", "Jamaica Constabulary Force": part of another name


@dataclass(frozen=True)
class _Date:
    span: DateSpan  # with PLACEHOLDER_YEAR until a year is lent, when it has none of its own
    dated: bool  # its year is known: its own, or lent
    month: bool = False  # a month alone
    cued: bool = False  # a month alone named after "in"/"en" ("in November 2009")
    until: bool = False  # the end of an event that began earlier ("until April 16")


def story_venue(text: str, language: str = "und") -> _Place | None:
    """The place of the first sentence of ``text`` that names both an event (its
    word, or "met") and where it was ("... clausuró hoy en Quetzaltenango un taller ...")."""
    places = [p for p in _places(text) if p.cued and not p.in_a_name]
    kinds = _kind_words(text, language) + _event_verbs(text)  # "Officials met this week in Montego Bay"
    for lo, hi in _sentences(text):
        here = [p for p in places if lo <= p.start < hi]
        kind = next((k for k in kinds if lo <= k[0] < hi), None)
        if here and kind is not None:
            return min(here, key=lambda p: abs(p.start - kind[0]))
    return None


def find_events(
    text: str,
    heading: str = "",
    dateline_year: int | None = None,
    passage: int | None = None,
    context: Context | None = None,
    within: tuple[int, int] | None = None,
) -> list[Event]:
    """Every dated event ``text`` reports, in text order.

    ``text`` is one passage: a paragraph, or list items one per line.  The kind
    is the event word nearest the date, else the heading's, else (for a date on
    a list line or in a table, with its place) ``context.kind``; the title is
    ``heading``, else the event's own name in the sentence (quoted, or
    capitalised: "Third Meeting of National Observatories").  ``context``
    tells what "today" is and where the page was written.  With ``within``,
    only the events dated in ``text[within[0]:within[1]]`` are returned: the
    rest is the text around it (a table row cut off by the passage's end).
    """
    context = context or Context()
    kinds = _kind_words(text, context.language)
    # A heading that names no kind ("Colombia") is part of a section that may ("Training schedule 2015"):
    # then that section's heading names the events.
    heading, heading_kinds = next(
        ((h, found) for h in (heading, *context.section) if (found := _kind_words(h, context.language))),
        (heading, []),
    )
    heading = " ".join(heading.split())
    verbs = _event_verbs(text)
    if not kinds and not heading_kinds and not verbs and not context.kind:
        return []
    # A town that counts only beside its country ("Cobija") counts in the page's home country too.
    places = _places(text, (context.home.code,) if context.home else ())
    sentences = _sentences(text)
    line_starts = _line_starts(text)
    labelled = functools.cache(lambda: _labelled_place(text, places))
    fallback = functools.cache(lambda: _fallback_place(heading, context))
    # A calendar's heading may name the month of its days ("October 2024" over "Tue 1 – Thu 3").
    months = next((m for h in (heading, *context.section) if (m := month_line(h))), None)
    dates = _event_dates(text, context.today, month_first=context.reads_month_first, months=months)
    # "in May Pen" names a town, not a month.
    dates = [d for d in dates if not any(p.start <= d.span.start_pos < p.end for p in places)]
    # A month that heads a line is a record's date too ("June (TBC)" in a table of activities).
    records = _records(sentences, [d.span for d in dates if not (d.until or d.cued)], places)
    entries = _entries(text, line_starts, [d.span for d in dates if not (d.until or d.cued)], places)
    heading_year = next((year for h in (heading, *context.section) if (year := _single_year(h))), None)
    found: list[tuple[int, Event]] = []
    lo, hi = within or (0, len(text))
    for date in dates:
        if not lo <= date.span.start_pos < hi:
            continue
        span = date.span
        if DEADLINE_AT.search(text, max(0, text.rfind("\n", 0, span.start_pos) + 1), span.start_pos):
            continue
        if OBSERVANCE_AFTER.match(text, span.end_pos):
            continue
        if DOCUMENT_SYMBOL.search(text, text.rfind("\n", 0, span.start_pos) + 1, _line_end(text, span.end_pos)):
            continue  # a document's cover: "NINTH REGULAR SESSION | CICTE/doc.5/09 3 March 2009 Original: English"
        if labelled_published(text, span.start_pos):
            continue  # the page's own date
        i = _containing(sentences, span.start_pos)
        line = _line_of(line_starts, span)
        where = _where(text, date, dates, line, line_starts, sentences, i, places, records, entries)
        if where is None:
            continue
        scopes, place, structured = where
        if not structured and not date.month and (context.place is not None or context.towns):
            place = _town_venue(text, span, places, place, context) or place
        place = place or labelled()
        near = _nearest_kind(kinds, scopes, span)
        # In a table whose rows name their activities, a row takes no other row's kind.
        borrowed = (near is not None and line is not None and not line[0] <= near[0] < line[1]
                    and _in_a_row(text, line_starts, near[0]))
        if borrowed:
            near = None
        if near is not None:
            kind = near[1]
        elif heading_kinds and place is not None and not date.month:
            # The heading alone names the kind of a dated place, not of any date.
            kind = heading_kinds[0][1]
        elif verb := _nearest_kind(verbs, [sentences[i]], span):
            kind = verb[1]
        elif context.kind and place is not None and PART_WORDS.search(text, *sentences[i]):
            kind = context.kind
        elif context.kind and place is not None and structured and not borrowed:
            kind = context.kind
        else:
            continue
        # A list or a table states its year above it ("Trainings for 2010:"); prose takes the page's.
        stated = _single_year(text[: line[0]]) if structured and line is not None else None
        year = _sentence_year(text, sentences[i][0], span.start_pos) or heading_year or stated or dateline_year
        if year and not date.dated and (LAST_YEAR.search(text, max(0, span.start_pos - LAST_YEAR_REACH), span.start_pos)
                                         or LAST_YEAR.match(text, span.end_pos)):
            year -= 1  # "Last year, on August 4 and 5, ...", "on 4 August last year"
        lent = _lend_year(text, date, year)
        if lent is None:
            continue
        lent = _past(text, date, lent, context.today)
        lent = _lasting(text, sentences[i], lent)
        title = heading or (_event_name(text, sentences[_containing(sentences, near[0])]) if near else "")
        found.append((span.start_pos, _event(kind, title, _settle(place, fallback), lent, passage)))
    ends = [d for d in (_lend_year(text, d, heading_year or dateline_year) for d in dates if d.until) if d]
    found = _ended(text, found, ends, sentences)
    ends = [d for d in ends if d.dated]
    today = _today_events(text, sentences, kinds, verbs, places, dates, ends, context)
    for pos, kind, place, date in today:
        if not lo <= pos < hi:
            continue
        found = [f for f in found if f[0] != pos]  # the day it began, now with its end
        title = heading or _event_name(text, sentences[_containing(sentences, pos)])
        found.append((pos, _event(kind, title, _settle(place, fallback), date, passage)))
    return [event for _, event in sorted(found, key=lambda f: f[0])]


def _ended(
    text: str, found: list[tuple[int, Event]], ends: list[_Date], sentences: list[tuple[int, int]]
) -> list[tuple[int, Event]]:
    """An event whose first day the sentence names ("opened on 27 September")
    ends on the day it says it closes ("and will close on 1 October"), in the
    year it began if that day names none."""
    out = list(found)
    for end in ends:
        lo = sentences[_containing(sentences, end.span.start_pos)][0]
        before = [k for k, (pos, _) in enumerate(out) if lo <= pos < end.span.start_pos]
        if not before:
            continue
        pos, event = out[before[-1]]
        if event.start and event.start == event.end:
            end = _lend_year(text, end, event.start.year) if not end.dated else end
            if end is not None and end.dated and event.start < end.span.end:
                out[before[-1]] = (pos, dataclasses.replace(event, end=end.span.end))
    return out


def _where(
    text: str,
    date: _Date,
    dates: list[_Date],
    line: tuple[int, int] | None,
    line_starts: list[int],
    sentences: list[tuple[int, int]],
    i: int,
    places: list[_Place],
    records: dict[int, tuple[int, int, _Place]],
    entries: dict[int, tuple[int, int, _Place | None]],
) -> tuple[list[tuple[int, int]], _Place | None, bool] | None:
    """Where to look for the kind of ``date``'s event, its place, and whether it
    stands in a list or a table (True) or in prose; None when it dates no event."""
    span, sentence = date.span, sentences[i]
    if date.until:
        return None
    if span.start_pos in entries:
        lo, hi, place = entries[span.start_pos]
        return [(lo, hi)], place, True
    if date.month:
        if line is not None and _heads_item(text, line, span, places):
            return [line, (0, line[0]), (line[1], len(text))], _item_place(places, line), True
        if span.start_pos in records and not date.cued:
            lo, hi, place = records[span.start_pos]
            return [(lo, hi), sentence], place, True
        place = _month_place(places, sentence, span) if date.cued else None
        # A sentence that names a day dates its event by that day, unless the
        # month has a place of its own ("in Santo Domingo in November 2009,
        # and the third in Port of Spain on November 17 and 18, 2011").
        days = [d.span for d in dates if not d.month and sentence[0] <= d.span.start_pos < sentence[1]]
        if place is None or any(
            (d.start.year, d.start.month) == (span.start.year, span.start.month)
            or _month_place(places, sentence, d) == place
            for d in days
        ):
            return None
        return [sentence, _paragraph_around(text, sentences, i)], place, False
    if line is not None and DATE_LABEL.match(text, line[0]):
        # A field of a list of fields ("Fecha: ..."): the other fields say what and where.
        return [line, (0, line[0]), (line[1], len(text))], None, True
    if line is not None and (item := _item_with_place_below(text, line, places)) is not None:
        # "• 1 al 3 de octubre Curso ...", its place on the item's next line.
        return [item, (0, line[0]), (item[1], len(text))], _item_place(places, item), True
    if line is not None and (venue := _venue_cell(text, line, line_starts, places)) is not None:
        return [line, (0, line[0]), (line[1], len(text))], venue, True
    if line is not None and _is_item(text, line, span, places):
        # A list is introduced above it ("Schedule trainings:").
        return [line, (0, line[0]), (line[1], len(text))], _item_place(places, line), True
    if span.start_pos in records:
        lo, hi, place = records[span.start_pos]
        return [(lo, hi), sentence], place, True
    if line is not None and (cell := _cell_place(text, places, line_starts, line, span)) is not None:
        return [sentence], cell, True
    return [sentence, _paragraph_around(text, sentences, i)], _prose_place(text, places, sentences, i, span), False


def _event(kind: str, title: str, place: _Place | None, date: _Date, passage: int | None) -> Event:
    return Event(
        kind=kind,
        title=title,
        city=place.city if place else None,
        country=place.country_name if place else None,
        country_code=place.country_code if place else None,
        start=date.span.start if date.dated else None,
        end=date.span.end if date.dated else None,
        passage=passage,
        precision="month" if date.month else "day",
    )


# ---------------------------------------------------------------- dates


def _event_dates(text: str, today: dt.date | None = None, month_first: bool = True,
                 months: tuple[int, int] | None = None) -> list[_Date]:
    """The dates of ``text`` that can date an event, in text order: days and
    ranges of days, days named against ``today`` ("last Tuesday", "the 10th of
    this month"), months named after "in"/"en", and the ends of ranges
    ("until April 16").  The page's own dates are left out."""
    published = {(s.start_pos, s.end_pos) for s in publication_dates(text, month_first)}
    with_year = {(s.start_pos, s.end_pos) for s in find_dates(text, month_first=month_first)}
    out = []
    for s in find_dates(text, default_year=PLACEHOLDER_YEAR, month_first=month_first):
        if s.start == s.end == today and _alone_on_line(text, s):
            continue  # the page's date again, above its dateline ("18 Nov 2016")
        if (s.start_pos, s.end_pos) not in published:
            until = bool(UNTIL.search(text, max(0, s.start_pos - 40), s.start_pos))
            out.append(_Date(s, (s.start_pos, s.end_pos) in with_year, until=until))
    taken = [(d.span.start_pos, d.span.end_pos) for d in out]
    for s in find_relative_dates(text, today):
        if not any(lo < s.end_pos and s.start_pos < hi for lo, hi in taken):
            until = bool(UNTIL.search(text, max(0, s.start_pos - 40), s.start_pos))
            out.append(_Date(s, True, until=until))
    months_with_year = {(s.start_pos, s.end_pos) for s in find_months(text)}
    for s in find_months(text, default_year=PLACEHOLDER_YEAR):
        if (s.start_pos, s.end_pos) in published:
            continue
        cued = bool(MONTH_CUE.search(text, max(0, s.start_pos - 30), s.start_pos))
        line_start = max(text.rfind("\n", 0, s.start_pos), text.rfind("•", 0, s.start_pos)) + 1
        if cued or MONTH_LINE_HEAD.fullmatch(text, line_start, s.start_pos):
            out.append(_Date(s, (s.start_pos, s.end_pos) in months_with_year, month=True, cued=cued))
    taken += [(d.span.start_pos, d.span.end_pos) for d in out]
    out += [d for d in _rows_under_months(text, months) if not any(lo < d.span.end_pos and d.span.start_pos < hi
                                                          for lo, hi in taken)]
    return sorted(out, key=lambda d: d.span.start_pos)


def _alone_on_line(text: str, span: DateSpan) -> bool:
    lo = text.rfind("\n", 0, span.start_pos) + 1
    hi = _line_end(text, span.end_pos)
    return not WORD.search(text, lo, span.start_pos) and not WORD.search(text, span.end_pos, hi)


def _rows_under_months(text: str, months: tuple[int, int] | None = None) -> list[_Date]:
    """The dates of a calendar's rows set under a line (or a heading: ``months``)
    naming their month ("Febrero", then "23 al 25 | Taller ... | San José, Costa
    Rica"): a first cell of bare days is those days of that month, and a first
    cell of words ("Por confirmar") is the month itself.  So is a line of bare
    days alone ("Tue 1 – Thu 3") over its event's lines."""
    out: list[_Date] = []
    pos = 0
    for line in text.split("\n"):
        lo = pos
        pos += len(line) + 1
        if named := month_line(line):
            months = named
            continue
        if months is None:
            continue
        row = CELL_SEPARATOR in line
        cell = FIRST_CELL.match(line) if row else None
        if row and cell is None:
            continue
        at, first_words = (lo + cell.start("cell"), cell["cell"]) if cell else (lo, line)
        if days := BARE_DAYS.fullmatch(first_words):
            first = safe_date(PLACEHOLDER_YEAR, months[0], int(days["d1"]))
            last = safe_date(PLACEHOLDER_YEAR, months[0], int(days["d2"] or days["d1"]))
            if first and last and first <= last:
                out.append(_Date(DateSpan(at + days.start("days"), at + days.end("days"), first, last), dated=False))
        elif row and not re.search(r"\d", first_words):
            first = dt.date(PLACEHOLDER_YEAR, months[0], 1)
            last = dt.date(PLACEHOLDER_YEAR, months[0], calendar.monthrange(PLACEHOLDER_YEAR, months[0])[1])
            if months[0] == months[1]:
                out.append(_Date(DateSpan(at, at + len(first_words), first, last), dated=False, month=True))
    return out


def _past(text: str, date: _Date, lent: _Date, today: dt.date | None) -> _Date:
    """A yearless day said to be past ("last December 14", "el pasado 14 de
    diciembre", "le 14 décembre dernier") in the year before the page's, when
    the page's year would put it after the page's day."""
    span = lent.span
    if date.dated or today is None or span.start <= today:
        return lent
    past = PAST_BEFORE.search(text, max(0, span.start_pos - 20), span.start_pos) or PAST_AFTER.match(text, span.end_pos)
    if not past:
        return lent
    return _lend_year(text, date, span.start.year - 1) or lent


def _lasting(text: str, sentence: tuple[int, int], date: _Date) -> _Date:
    """A first day ("the two-day seminar began yesterday, March 10") ends as
    many days later as the sentence says the event lasted; a last day ("closed
    last Friday a three-day course") starts as many days before."""
    span = date.span
    if not date.dated or span.end != span.start:
        return date
    days = DURATION.search(text, *sentence)
    if days is None:
        return date
    if BEGAN.search(text, max(0, span.start_pos - 40), span.start_pos):
        start, end = span.start, shift_days(span.start, _number(days["n"]) - 1)
    elif CLOSING.search(text, *sentence) and not OPENING.search(text, *sentence):
        # "El pasado viernes ... clausuraron ... una capacitación de tres días": it ran the days before.
        start, end = shift_days(span.start, 1 - _number(days["n"])), span.start
    else:
        return date
    return _Date(DateSpan(span.start_pos, span.end_pos, start, end), True) if start and end else date


def _number(word: str) -> int:
    return int(word) if word.isdigit() else NUMBER_WORDS[word.lower()]


def _lend_year(text: str, date: _Date, year: int | None) -> _Date | None:
    """``date`` with ``year`` lent to it if it has none; None if it cannot have that year."""
    if date.dated or year is None:
        return date
    span = date.span
    if date.month:
        first = dt.date(year, span.start.month, 1)
        last = (first + dt.timedelta(days=31)).replace(day=1) - dt.timedelta(days=1)
        return _Date(DateSpan(span.start_pos, span.end_pos, first, last), True, month=True, cued=date.cued)
    dated = find_dates(text[span.start_pos : span.end_pos], default_year=year)
    if dated:
        start, end = dated[0].start, dated[0].end
    else:  # bare days whose month a line above named ("23 al 25" under "Febrero")
        start = safe_date(year, span.start.month, span.start.day)
        end = safe_date(year + span.end.year - span.start.year, span.end.month, span.end.day)
        if start is None or end is None:
            return None  # February 29 of a year that has none
    return _Date(DateSpan(span.start_pos, span.end_pos, start, end), True, date.month, date.until)


def _sentence_year(text: str, lo: int, hi: int) -> int | None:
    """The year the sentence ``text[lo:hi]`` opens with, or the last period it
    names, or the one year it names just before ``hi`` ("its first meeting of
    2013 on Thursday, March 7")."""
    periods = list(PERIOD_YEAR.finditer(text, lo, hi))
    opening = periods[-1] if periods else OPENING_YEAR.match(text, lo, hi)
    if opening:
        return int(opening["year"])
    near = set(YEAR.findall(text, max(lo, hi - NEAR_YEAR_REACH), hi))
    return int(near.pop()) if len(near) == 1 else None


def _single_year(text: str) -> int | None:
    """The one year ``text`` names ("Trainings for 2010:"), or None if it names none or several."""
    years = set(YEAR.findall(text))
    return int(years.pop()) if len(years) == 1 else None


# ---------------------------------------------------------------- kinds


def _kind_words(text: str, language: str = "und") -> list[tuple[int, str]]:
    """(position, kind) of each event word; in "training workshop" and "curso de
    capacitación" only the head noun counts."""
    found: list[tuple[int, int, str]] = []
    for m in KIND_WORDS.finditer(text):
        kind = m.lastgroup or ""
        word = m[0].lower()
        if ONLY_IN.get(word, language) != language:
            continue
        if THING_AFTER.match(text, m.end()) or THING_BEFORE.search(text, max(0, m.start() - 20), m.start()):
            continue
        if DEADLINE_BEFORE.search(text, max(0, m.start() - 60), m.start()):
            continue
        if (
            word.startswith("consultation")
            and NOT_AN_EVENT_CONSULTATION.match(text[m.end() : m.end() + 6])
            and CONSULTATION_AS_MANNER.search(text, max(0, m.start() - 20), m.start())
        ):
            continue
        if kind == "course" and (
            NOT_AN_EVENT_COURSE.search(text[max(0, m.start() - 4) : m.start()])
            or NOT_AN_EVENT_COURSE.search(text[m.end() : m.end() + 4])
        ):
            continue
        if found:
            prev_end = found[-1][1]
            gap = text[prev_end : m.start()]
            if gap.isspace():  # "training workshop": the second noun is the head
                found.pop()
            elif gap.strip().lower() in ("de", "of"):  # "curso de capacitación": the first is
                continue
        found.append((m.start(), m.end(), kind))
    return [(pos, kind) for pos, _, kind in found]


def kind_of(text: str) -> str | None:
    """The kind of event ``text`` names first ("Calendar of Trainings" -> "training";
    a headline's verb: "IOM Trains Frontline Officials" -> "training"), or None."""
    kinds = _kind_words(text)
    if kinds:
        return kinds[0][1]
    return "training" if TRAINING_VERBS.search(text) else None


def _event_verbs(text: str) -> list[tuple[int, str]]:
    """(position, kind) of each verb that reports an event: "Prosecutors met in
    Asunción" (a meeting), "IOM trained 34 investigators" (a training)."""
    met = [(m.start(), "meeting") for m in MEETING_VERBS.finditer(text)
           if not PASSIVE_MET.search(text, max(0, m.start() - 8), m.start())]
    trained = [(m.start(), "training") for m in TRAINING_VERBS.finditer(text)
               if not TRAINED_AS_ADJECTIVE.search(text, max(0, m.start() - 12), m.start())]
    return sorted(met + trained)


def _nearest_kind(
    kinds: list[tuple[int, str]], scopes: list[tuple[int, int]], span: DateSpan
) -> tuple[int, str] | None:
    for lo, hi in scopes:
        inside = [k for k in kinds if lo <= k[0] < hi]
        if inside:
            return min(inside, key=lambda k: _distance(k[0], k[0], span))
    return None


def _containing(sentences: list[tuple[int, int]], pos: int) -> int:
    """The index of the sentence holding ``pos`` (or the first after it)."""
    return min(bisect.bisect_right([s[1] for s in sentences], pos), len(sentences) - 1)


def _distance(start: int, end: int, span: DateSpan) -> int:
    """How far the text at [start, end) stands from ``span``."""
    return span.start_pos - end if end <= span.start_pos else max(0, start - span.end_pos)


# ---------------------------------------------------------------- lines, lists and tables


def _line_starts(text: str) -> list[int]:
    """Where lines start.  A bullet also starts one: list items are sometimes run
    together ("• Lima, Peru - June 4-5, 2008 • Santiago, Chile - ...")."""
    return [0] + [m.start() for m in LINE_START.finditer(text)] + [len(text)]


def _line_of(starts: list[int], span: DateSpan) -> tuple[int, int] | None:
    """The bounds of the line holding ``span``, or None when the span crosses lines."""
    i = bisect.bisect_right(starts, span.start_pos)
    start, end = starts[i - 1], starts[min(i, len(starts) - 1)]
    return (start, end) if span.end_pos <= end else None


def _is_item(text: str, line: tuple[int, int], span: DateSpan, places: list[_Place]) -> bool:
    """A short line that is bulleted, or that is a place and a date and little else."""
    if line[1] - line[0] > MAX_ITEM_CHARS:
        return False
    on_line = [p for p in places if line[0] <= p.start < line[1]]
    if not on_line:
        return False
    if BULLET_LINE.match(text, line[0]):
        return True
    rest = text[line[0] : line[1]]
    for lo, hi in [(span.start_pos, span.end_pos)] + [(p.start, p.end) for p in on_line]:
        lo, hi = lo - line[0], hi - line[0]
        rest = rest[:lo] + " " * (hi - lo) + rest[hi:]
    return len(TITLE_WORD.findall(rest)) <= MAX_ITEM_LABEL_WORDS


def _item_with_place_below(text: str, line: tuple[int, int], places: list[_Place]) -> tuple[int, int] | None:
    """The bounds of a bulleted item that names no place on its first line but
    does on the lines it runs on to (before the next bullet), or None."""
    if not BULLET_LINE.match(text, line[0]) or any(line[0] <= p.start < line[1] for p in places):
        return None
    end = line[1]  # where the next line starts
    for _ in range(MAX_ITEM_LINES - 1):
        if end >= len(text) or BULLET_LINE.match(text, end) or text.startswith("\n", end):
            break
        end = min(_line_end(text, end) + 1, len(text))
    return (line[0], end) if any(line[1] <= p.start < end for p in places) else None


def _heads_item(text: str, line: tuple[int, int], span: DateSpan, places: list[_Place]) -> bool:
    """Whether a month alone starts a schedule line, after its bullet or its
    place at most ("• September — Workshop ... — Lima, Peru", "Kingston,
    Jamaica March 2011 Workshop ..."), on a short line that names a place."""
    if line[1] - line[0] > MAX_ITEM_CHARS or not any(line[0] <= p.start < line[1] for p in places):
        return False
    if not BULLET_LINE.match(text, line[0]) and not WORD.search(text, span.end_pos, line[1]):
        return False  # a place and a month alone sign a report: "Guatemala de la Asunción, octubre de 2011"
    before = text[line[0] : span.start_pos]
    for p in places:
        if line[0] <= p.start and p.end <= span.start_pos:
            before = before[: p.start - line[0]] + " " * (p.end - p.start) + before[p.end - line[0] :]
    return not WORD.search(before)


def _in_a_row(text: str, starts: list[int], pos: int) -> bool:
    """Whether ``pos`` stands on a table row (cells joined by CELL_SEPARATOR)."""
    i = bisect.bisect_right(starts, pos)
    return CELL_SEPARATOR in text[starts[i - 1] : starts[min(i, len(starts) - 1)]]


def _item_place(places: list[_Place], line: tuple[int, int]) -> _Place | None:
    """The line's first place, with a city the line names in its country ("Nicaragua | Managua | ...")."""
    on_line = [p for p in places if line[0] <= p.start < line[1]]
    return _with_city(on_line[0], on_line) if on_line else None


def _cell_place(
    text: str, places: list[_Place], starts: list[int], line: tuple[int, int], span: DateSpan
) -> _Place | None:
    """For a date alone on its line (a table cell), the place in the short line
    just above it, else just below, with a city from the line beyond."""
    if WORD.search(text, line[0], span.start_pos) or WORD.search(text, span.end_pos, line[1]):
        return None
    lines = sorted({(a, b) for a, b in itertools.pairwise(starts) if a < b})
    k = lines.index(line) if line in lines else -1
    if k < 0:
        return None
    for near in ([k - 1, k - 2], [k + 1, k + 2]):
        found = []
        for j in near:
            if not 0 <= j < len(lines):
                break
            lo, hi = lines[j]
            if len(text[lo:hi].split()) > MAX_CELL_WORDS or _line_has_date(text, lo, hi):
                break
            found += [p for p in places if lo <= p.start < hi and not p.in_a_name]
        if found:
            return _with_city(found[0], found)
    return None


def _venue_cell(text: str, line: tuple[int, int], starts: list[int], places: list[_Place]) -> _Place | None:
    """The place in a table row's venue column, which a header row above names
    ("Fecha | Evento | Lugar"): not the countries another cell lists as taking part."""
    cells = text[line[0] : line[1]].split(CELL_SEPARATOR)
    if len(cells) < MIN_COLUMNS:
        return None
    k = bisect.bisect_right(starts, line[0]) - 1
    for lo in reversed(starts[:k]):
        head = text[lo : _line_end(text, lo)].lstrip(" \t•·▪◦‣*-").split(CELL_SEPARATOR)
        if len(head) != len(cells):
            return None
        column = next((j for j, h in enumerate(head) if VENUE_HEAD.fullmatch(h.strip())), None)
        if column is None:
            continue  # another row
        cell_start = line[0] + sum(len(c) + len(CELL_SEPARATOR) for c in cells[:column])
        found = [p for p in places if cell_start <= p.start < cell_start + len(cells[column])]
        return _with_city(found[0], found) if found else None
    return None


def _line_has_date(text: str, lo: int, hi: int) -> bool:
    return bool(find_dates(text[lo:hi], default_year=PLACEHOLDER_YEAR))


def _records(
    sentences: list[tuple[int, int]], spans: list[DateSpan], places: list[_Place]
) -> dict[int, tuple[int, int, _Place]]:
    """For a sentence that runs several records together, each a date and a place
    ("Aug 4-5 Panama City, Panama Aug 25-26 San Salvador, El Salvador", or the
    cells of a table, one per line), each date's record bounds and place, keyed
    by the date's start.  Records start with their date, or end with it: the
    reading in which every record names a place wins, and of two such readings
    the one where places stand nearer their dates."""
    out: dict[int, tuple[int, int, _Place]] = {}
    for lo, hi in sentences:
        dates = [s for s in spans if lo <= s.start_pos < hi]
        if len(dates) < 2:
            continue
        cuts = [d.start_pos for d in dates]
        date_first = _reading(places, dates, list(zip(cuts, [*cuts[1:], hi], strict=True)), date_first=True)
        cuts = [d.end_pos for d in dates]
        place_first = _reading(places, dates, list(zip([lo, *cuts[:-1]], cuts, strict=True)), date_first=False)
        readings = [r for r in (date_first, place_first) if r is not None]
        if readings:
            _, records = min(readings, key=lambda r: r[0])
            out.update((d.start_pos, record) for d, record in zip(dates, records, strict=True))
    return out


def _entries(
    text: str, starts: list[int], spans: list[DateSpan], places: list[_Place]
) -> dict[int, tuple[int, int, _Place | None]]:
    """A calendar's entries, each a date alone on its line over the lines of its
    event down to the next such date ("12-13 sep. 2024" / its title / whom it is
    for / "Posadas, Misiones (Argentina)"): each date's entry bounds and the
    place of the entry's short venue line (None if it has none), keyed by the
    date's start.  Empty unless two entries or more name their venue.  A venue
    line is short and ends no sentence: "Con autoridades de Argentina y
    Paraguay." says who came, not where."""
    alone = []
    for span in spans:
        line = _line_of(starts, span)
        if line and not (WORD.search(text, line[0], span.start_pos) or WORD.search(text, span.end_pos, line[1])):
            alone.append((span, line))
    out: dict[int, tuple[int, int, _Place | None]] = {}
    for (span, line), (_, after) in itertools.pairwise([*alone, (None, (len(text), len(text)))]):
        lo, hi = line[0], after[0]
        venue = next((found for a, b in itertools.pairwise(starts) if line[1] <= a < b <= hi
                      and (found := _venue_line(text, a, b, places))), None)
        out[span.start_pos] = (lo, hi, _with_city(venue[0], venue) if venue else None)
    return out if sum(place is not None for *_, place in out.values()) >= 2 else {}


def _venue_line(text: str, a: int, b: int, places: list[_Place]) -> list[_Place]:
    """The places of the line ``text[a:b]`` if it names a venue: a short line that
    ends no sentence ("Sede de la OEA, Washington, D.C."), or whose first sentence
    is a place and little else ("Arequipa, Peru.", "Panama (venue to be
    confirmed). For national ..."); else none."""
    stop = SENTENCE_STOP.search(text, a, b)
    if stop is not None:
        named = [p for p in places if a <= p.start < stop.start()]
        lead = VENUE_LEAD.fullmatch(text, a, named[0].start) if named else None
        if lead is None or not _little_else(text, (a, stop.start()), named):
            return []
        if lead["town"] and named[0].city is None:  # "Punta del Este, Uruguay.": the town the gazetteer lacks
            named[0] = dataclasses.replace(named[0], city=lead["town"])
        return [p for p in named if not p.in_a_name]
    if len(text[a:b].split()) > MAX_VENUE_WORDS:
        return []
    return [p for p in places if a <= p.start < b and not p.in_a_name]


def _reading(
    places: list[_Place], dates: list[DateSpan], bounds: list[tuple[int, int]], date_first: bool
) -> tuple[int, list[tuple[int, int, _Place]]] | None:
    """Each record's bounds and place, and how far in all the places stand from
    their dates; None when a record names no place."""
    total, records = 0, []
    for d, (lo, hi) in zip(dates, bounds, strict=True):
        inside = [p for p in places if lo <= p.start < hi and (p.start >= d.end_pos or not date_first)
                  and (p.end <= d.start_pos or date_first)]
        # In a record the next word may start the next field ("Lima Peru Seminar for consuls").
        inside = [p for p in inside if not p.in_a_name] or inside
        if not inside:
            return None
        place = inside[0] if date_first else inside[-1]
        total += _distance(place.start, place.end, d)
        records.append((lo, hi, _with_city(place, inside)))
    return total, records


def _with_city(place: _Place, others: list[_Place]) -> _Place:
    """``place``, with the city another mention of its country names ("Nicaragua" beside "Managua")."""
    if place.city:
        return place
    city = next((p.city for p in others if p.city and p.country_code == place.country_code), None)
    return _Place(place.start, place.end, city, place.country_name, place.country_code, place.cued, place.in_a_name)


# ---------------------------------------------------------------- places in prose


def _prose_place(
    text: str, places: list[_Place], sentences: list[tuple[int, int]], i: int, span: DateSpan
) -> _Place | None:
    """The place named after "in"/"en" in the date's sentence, else in the next
    sentences, else in the one before in its paragraph; else the place the date's
    sentence names when it names one country only (several are where
    participants came from)."""
    sentence = sentences[i]
    cued = [p for p in places if p.cued]

    def within(candidates: list[_Place], lo: int, hi: int) -> list[_Place]:
        return [p for p in candidates if lo <= p.start < hi]

    here = within(cued, *sentence)
    if here:
        return min(here, key=lambda p: _distance(p.start, p.end, span))
    # The sentences after, in the same paragraph, may say where ("... on 5 May. It was held in Lima.").
    after = [s for s in sentences[i + 1 : i + 1 + NEXT_SENTENCES] if "\n" not in text[sentence[1] : s[0]]]
    if after and (later := within(cued, after[0][0], after[-1][1])):
        return later[0]
    # Or set it down as a sentence of its own: "... Taller subregional sobre ... Asunción, Paraguay."
    for s in after[:1]:
        named = within([p for p in places if not p.in_a_name], *s)
        if named and _little_else(text, s, named):
            return _with_city(named[0], named)
    here = within([p for p in places if not p.in_a_name], *sentence)
    # The sentence before, in the same paragraph, may have said where ("The course opened in Lima. On 5 May ...").
    if i > 0 and "\n" not in text[sentences[i - 1][0] : sentence[0]] and (before := within(cued, *sentences[i - 1])):
        return before[-1]
    if len({p.country_code for p in here}) == 1:
        return _with_city(min(here, key=lambda p: _distance(p.start, p.end, span)), here)
    return None


def _little_else(text: str, bounds: tuple[int, int], places: list[_Place]) -> bool:
    """Whether ``text[bounds]`` says little besides ``places`` ("Sede de la OEA, Washington, D.C.")."""
    rest = text[bounds[0] : bounds[1]]
    for p in places:
        lo, hi = p.start - bounds[0], p.end - bounds[0]
        rest = rest[:lo] + " " * (hi - lo) + rest[hi:]
    return len(TITLE_WORD.findall(rest)) <= MAX_ITEM_LABEL_WORDS


def _town_venue(
    text: str, span: DateSpan, places: list[_Place], place: _Place | None, context: Context
) -> _Place | None:
    """An unknown town named right at the date (see TOWN_AT), in the country the
    document names it with elsewhere, else in the page's home country, else in the
    dateline's, unless ``place`` stands as near the date."""
    lo, hi = max(0, span.start_pos - MAX_TOWN_GAP - 40), min(len(text), span.end_pos + MAX_TOWN_GAP)
    for m in TOWN_AT.finditer(text, lo, hi):
        town = m["town"]
        if town.isupper():
            continue  # an acronym: "at OAS headquarters"
        if town.lower() in NOT_TOWNS or WEEKDAYS.fullmatch(town):
            continue
        if any(p.start < m.end() and m.start("town") < p.end for p in places):
            continue
        after = next((p for p in places if p.start >= m.end()), None)
        if after is not None and PLACE_JOINER.fullmatch(text, m.end(), after.start):
            continue  # "in Tulcán, Ecuador": the place cue reads it with its country
        gap = text[m.end() : span.start_pos] if m.end() <= span.start_pos else text[span.end_pos : m.start()]
        if len(gap) > MAX_TOWN_GAP or any(w.lower() not in TOWN_GAP_WORDS for w in TITLE_WORD.findall(gap)):
            continue
        if after is not None and TOWN_REGION.fullmatch(text, m.end(), after.start):
            country = Country(after.country_code, after.country_name)
        else:
            country = context.towns.get(town) or context.home or (context.place.country if context.place else None)
        if country is None:
            continue
        if place is not None and _distance(place.start, place.end, span) <= _distance(m.start(), m.end(), span):
            return None
        return _Place(m.start("town"), m.end(), town, country.name, country.code, True, False)
    return None


def _month_place(places: list[_Place], sentence: tuple[int, int], span: DateSpan) -> _Place | None:
    """A month alone dates an event only in a sentence that says where it was held."""
    here = [p for p in places if p.cued and sentence[0] <= p.start < sentence[1]]
    return min(here, key=lambda p: _distance(p.start, p.end, span)) if here else None


def _labelled_place(text: str, places: list[_Place]) -> _Place | None:
    """The place a field labelled "Where"/"Venue"/"Lugar" gives, on the label's
    line ("Venue: Santiago, Chile") or on the line under a label alone."""
    for m in PLACE_LABEL.finditer(text):
        end = text.find("\n", m.end())
        end = len(text) if end < 0 else end
        lo, hi = (m.end(), end) if WORD.search(text, m.end(), end) else (end + 1, _line_end(text, end + 1))
        found = [p for p in places if lo <= p.start < hi]
        if found:
            return _with_city(found[0], found)
    return None


def _line_end(text: str, pos: int) -> int:
    end = text.find("\n", pos)
    return len(text) if end < 0 else end


def _fallback_place(heading: str, context: Context) -> _Place | None:
    """Where an event no sentence places took place: the place the heading names
    after "in" ("Workshop in Lima"), unless the dateline names a place (a city,
    more likely) in the same country; else where the story's lead put its event
    (the dateline is then the issuing office); else the dateline's place."""
    dateline = _from_mention(context.place) if context.place else None
    # Headings capitalise every word: a place in one reads as part of a name ("Workshop in Lima Trains ...").
    named = {p.country_code: p for p in _places(heading) if p.cued}
    if len(named) == 1:
        place = next(iter(named.values()))
        if dateline is None or dateline.country_code != place.country_code:
            return place
    if context.story is not None:
        return context.story
    return dateline


def _settle(place: _Place | None, fallback: Callable[[], _Place | None]) -> _Place | None:
    """The place itself, else the fallback; a place without its city takes the
    fallback's when both are in one country."""
    if place is None:
        return fallback()
    other = fallback() if place.city is None else None
    return _with_city(place, [other]) if other is not None else place


def _from_mention(m: PlaceMention) -> _Place:
    return _Place(m.start, m.end, m.city, m.country.name, m.country.code, cued=False, in_a_name=False)


def _places(text: str, named: Collection[str] = ()) -> list[_Place]:
    """Place mentions, with a city and its country named side by side ("Santo
    Domingo, Dominican Republic", "Belize, Belize City") read as one place, and
    "the capital of Honduras" read as its capital.  The OAS's headquarters,
    and Washington named alone after "in", are Washington, D.C.: the
    gazetteer leaves "Washington" out, as a state and a surname too."""
    mentions = [m for m in find_places(text, named) if not in_a_name(text, m)]
    out: list[_Place] = []
    i = 0
    while i < len(mentions):
        m = mentions[i]
        city, end = m.city, m.end
        nxt = mentions[i + 1] if i + 1 < len(mentions) else None
        paired = nxt is not None and nxt.country.code == m.country.code and bool(
            PLACE_JOINER.fullmatch(text, m.end, nxt.start))
        if paired:
            city, end = city or nxt.city, nxt.end
            i += 1
        lookback = max(0, m.start - PLACE_CUE_REACH)
        cue = PLACE_CUE.search(text, lookback, m.start)
        cued = cue is not None
        if cue and cue["town"] and city is None and m.city is None:
            city = cue["town"]
        elif cue is None and m.city is None and (town := TOWN_OF_DIVISION.search(text, lookback, m.start)):
            cued, city = True, f"{town['town']} {m.surface}"
        if city is None and (CAPITAL_BEFORE.search(text, lookback, m.start) or CAPITAL_AFTER.match(text, end)):
            city = capital(m.country.code)
        # "Jamaica Constabulary Force" is a name; "Belize City, Belize Two-day training" (a list
        # item run on into its note) is a place.
        followed_by_name = not paired and bool(NAME_FOLLOWS.match(text, end))
        out.append(_Place(m.start, end, city, m.country.name, m.country.code, cued, followed_by_name))
        i += 1
    taken = [(p.start, p.end) for p in out]
    for m in HEADQUARTERS.finditer(text):
        lo, hi = m.span("place") if m["place"] else m.span("city")
        if not any(a < hi and lo < b for a, b in taken):
            out.append(_Place(lo, hi, capital("US"), country_name("US"), "US", True, False))
    return sorted(out, key=lambda p: p.start)


# ---------------------------------------------------------------- "today"


def _today_events(
    text: str,
    sentences: list[tuple[int, int]],
    kinds: list[tuple[int, str]],
    verbs: list[tuple[int, str]],
    places: list[_Place],
    dates: list[_Date],
    ends: list[_Date],
    context: Context,
) -> list[tuple[int, str, _Place | None, _Date]]:
    """Events dated by the page's own day ("opened today ... until Friday, April
    16", "concluded today two days of training"), as (position of the date
    that starts it, kind, place, date).  An opening gives the start, and the
    end is the date after "until", else the days it lasts; a closing gives the
    end, and the start from the days it lasted or from the one day the sentence
    names before today ("closed today the course that opened on Monday").  A
    sentence that dates its event otherwise is left alone."""
    if context.today is None:
        return []
    out = []
    for i, (lo, hi) in enumerate(sentences):
        today = TODAY.search(text, lo, hi)
        day = context.today  # the day the sentence's "today" (or "yesterday") names
        if today is None and (today := YESTERDAY.search(text, lo, hi)) is not None:
            day = shift_days(context.today, -1)  # "clausuró ayer un curso de tres días"
        kind = [k for k in kinds if lo <= k[0] < hi] or [k for k in verbs if lo <= k[0] < hi]
        if today is None or day is None or not kind:
            continue
        own = [d for d in dates if lo <= d.span.start_pos < hi and not d.until and d.span.start_pos != today.start()]
        days = DURATION.search(text, lo, hi)
        if days is None and i + 1 < len(sentences):  # "... concluded today ... The three-day meeting, held at ..."
            days = DURATION.search(text, *sentences[i + 1])
        n = _number(days["n"]) if days else None
        pos = today.start()
        if own:
            # "Concluyó hoy el curso que se inauguró el lunes": it ran from that day to today.
            began = own[0].span.start
            if len(own) > 1 or not own[0].dated or not CLOSING.search(text, lo, hi):
                continue
            if not dt.timedelta(0) < day - began <= MAX_EVENT_SPAN:
                continue
            start, end, pos = began, day, own[0].span.start_pos
        elif OPENING.search(text, lo, hi):
            until = [d.span.end for d in ends if lo <= d.span.start_pos < hi and d.span.end >= day]
            start, end = day, until[0] if until else shift_days(day, (n or 1) - 1)
        elif CLOSING.search(text, lo, hi) and n:
            start, end = shift_days(day, 1 - n), day
        elif HELD.search(text, lo, hi) and not n:  # "se realizó hoy el seminario", "participaron hoy en un taller"
            start = end = day
        else:
            continue
        if start is None or end is None:
            continue
        span = DateSpan(today.start(), today.end(), start, end)
        near = min(kind, key=lambda k: _distance(k[0], k[0], span))
        out.append((pos, near[1], _prose_place(text, places, sentences, i, span), _Date(span, True)))
    return out


# ---------------------------------------------------------------- sentences and names


def _sentences(text: str) -> list[tuple[int, int]]:
    """Sentence bounds, without surrounding white space.  A blank line, or a
    line break before a bullet, also ends a sentence."""
    cuts = [0]
    for m in SENTENCE_END.finditer(text):
        if not (ABBREVIATION.search(text, max(0, m.start() - 4), m.start())
                or SHORT_MONTH_END.search(text, max(0, m.start() - SHORT_MONTH_REACH), m.start() + 1)):
            cuts.append(m.end())
    cuts.append(len(text))
    out = []
    for lo, hi in itertools.pairwise(cuts):
        for piece in LINE_RUN.finditer(text, lo, hi):
            out.append((piece.start(), piece.start() + len(piece[0].rstrip())))
    return out or [(0, len(text))]


def _paragraph_around(text: str, sentences: list[tuple[int, int]], i: int) -> tuple[int, int]:
    """Sentence ``i`` with its neighbours, as far as no line break parts them."""
    lo, hi = sentences[i]
    if i > 0 and "\n" not in text[sentences[i - 1][1] : lo]:
        lo = sentences[i - 1][0]
    if i + 1 < len(sentences) and "\n" not in text[hi : sentences[i + 1][0]]:
        hi = sentences[i + 1][1]
    return lo, hi


def _event_name(text: str, scope: tuple[int, int]) -> str:
    """The event's own name in ``scope``: a quoted title with an event word in
    it, else a capitalised phrase around a capitalised event word."""
    chunk = text[scope[0] : scope[1]]
    for m in QUOTED.finditer(chunk):
        if KIND_WORDS.search(m[1]):
            return " ".join(m[1].split()).rstrip(".,;: ")
    words = list(TITLE_WORD.finditer(chunk))
    for k, w in enumerate(words):
        if not (KIND_WORDS.fullmatch(w[0]) and w[0][0].isupper()):
            continue
        lo = k
        while lo > 0 and _capitalised(words[lo - 1][0]) and _joined(chunk, words[lo - 1], words[lo]):
            lo -= 1
        hi = k
        while (
            hi + 1 < len(words)
            and _joined(chunk, words[hi], words[hi + 1])
            and (_capitalised(words[hi + 1][0]) or words[hi + 1][0].lower() in TITLE_CONNECTORS)
        ):
            hi += 1
        while hi > k and words[hi][0].lower() in TITLE_CONNECTORS:
            hi -= 1
        while lo < k and words[lo][0].lower() in LEADING_ARTICLES:
            lo += 1
        if hi > lo:
            return " ".join(chunk[words[lo].start() : words[hi].end()].split())
    return ""


def _capitalised(word: str) -> bool:
    return word[0].isupper() or word[0].isdigit()


def _joined(chunk: str, a: re.Match[str], b: re.Match[str]) -> bool:
    """Two words with only white space between them."""
    return chunk[a.end() : b.start()].isspace()
