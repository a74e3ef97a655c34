"""The text of the benchmark data (bench/data.py): the inflected word forms its sentences
are made of, in Finnish, Swedish and English, and the writer of one project's text."""

import random
from typing import NamedTuple

from .data_helpers import _cap

# --- Word lists ---------------------------------------------------------------------------


class Who(NamedTuple):
    """A group of people in the inflected forms the sentences need."""

    gen: str  # opiskelijoiden
    all: str  # opiskelijoille
    nom: str  # opiskelijat
    num: str  # (120) opiskelijaa
    sv_gen: str
    sv: str
    en: str


WHO = [
    Who("opiskelijoiden", "opiskelijoille", "opiskelijat", "opiskelijaa", "studerandes",
        "studerande", "students"),
    Who("nuorten", "nuorille", "nuoret", "nuorta", "ungas", "unga", "young people"),
    Who("oppilaiden", "oppilaille", "oppilaat", "oppilasta", "elevernas", "elever", "pupils"),
    Who("vanhempien", "vanhemmille", "vanhemmat", "vanhempaa", "föräldrarnas", "föräldrar",
        "parents"),
    Who("huoltajien", "huoltajille", "huoltajat", "huoltajaa", "vårdnadshavarnas",
        "vårdnadshavare", "guardians"),
    Who("opettajien", "opettajille", "opettajat", "opettajaa", "lärarnas", "lärare",
        "teachers"),
    Who("opinto-ohjaajien", "opinto-ohjaajille", "opinto-ohjaajat", "opinto-ohjaajaa",
        "studiehandledarnas", "studiehandledare", "study counsellors"),
    Who("maahanmuuttajien", "maahanmuuttajille", "maahanmuuttajat", "maahanmuuttajaa",
        "invandrarnas", "invandrare", "immigrants"),
    Who("perheiden", "perheille", "perheet", "perhettä", "familjernas", "familjer", "families"),
    Who("aikuisopiskelijoiden", "aikuisopiskelijoille", "aikuisopiskelijat",
        "aikuisopiskelijaa", "vuxenstuderandes", "vuxenstuderande", "adult learners"),
    Who("maahanmuuttajataustaisten nuorten", "maahanmuuttajataustaisille nuorille",
        "maahanmuuttajataustaiset nuoret", "maahanmuuttajataustaista nuorta",
        "unga invandrares", "unga med invandrarbakgrund",
        "young people with an immigrant background"),
    Who("työnantajien", "työnantajille", "työnantajat", "työnantajaa", "arbetsgivarnas",
        "arbetsgivare", "employers"),
    Who("järjestöjen", "järjestöille", "järjestöt", "järjestöä", "organisationernas",
        "organisationer", "associations"),
]  # fmt: skip


class Topic(NamedTuple):
    nom: str  # hyvinvointi
    part: str  # hyvinvointia
    sv: str
    en: str


TOPICS = [
    Topic("hyvinvointi", "hyvinvointia", "välbefinnande", "wellbeing"),
    Topic("osallisuus", "osallisuutta", "delaktighet", "participation"),
    Topic("ohjaus", "ohjausta", "handledning", "guidance"),
    Topic("yhteistyö", "yhteistyötä", "samarbete", "cooperation"),
    Topic("kielitaito", "kielitaitoa", "språkkunskaper", "language skills"),
    Topic("oppiminen", "oppimista", "lärande", "learning"),
    Topic("kotoutuminen", "kotoutumista", "integration", "integration"),
    Topic("ammattitaito", "ammattitaitoa", "yrkeskunnande", "vocational skills"),
    Topic("opintopolku", "opintopolkua", "studieväg", "study path"),
    Topic("digiosaaminen", "digiosaamista", "digitala färdigheter", "digital skills"),
    Topic("mielenterveys", "mielenterveyttä", "psykisk hälsa", "mental health"),
    Topic("työllistyminen", "työllistymistä", "sysselsättning", "employment"),
    Topic("yhdenvertaisuus", "yhdenvertaisuutta", "jämlikhet", "equality"),
    Topic("lukutaito", "lukutaitoa", "läskunnighet", "literacy"),
    Topic("opiskelukyky", "opiskelukykyä", "studieförmåga", "study ability"),
]


class Domain(NamedTuple):
    gen: str  # ammatillisen koulutuksen
    sv: str
    en: str


DOMAINS = [
    Domain("ammatillisen koulutuksen", "yrkesutbildningen", "vocational education and training"),
    Domain("perusopetuksen", "den grundläggande utbildningen", "basic education"),
    Domain("lukiokoulutuksen", "gymnasieutbildningen", "general upper secondary education"),
    Domain("varhaiskasvatuksen", "småbarnspedagogiken", "early childhood education"),
    Domain("aikuiskoulutuksen", "vuxenutbildningen", "adult education"),
    Domain(
        "toisen asteen koulutuksen", "utbildningen på andra stadiet", "upper secondary education"
    ),
    Domain("korkeakoulutuksen", "högskoleutbildningen", "higher education"),
    Domain("oppisopimuskoulutuksen", "läroavtalsutbildningen", "apprenticeship training"),
    Domain("kotoutumiskoulutuksen", "integrationsutbildningen", "integration training"),
    Domain("opinto-ohjauksen", "studiehandledningen", "study guidance"),
    Domain("koulutuksen", "utbildningen", "education"),
]

PLACES = [
    ("kouluissa", "i skolorna", "in schools"),
    ("oppilaitoksissa", "vid läroanstalterna", "at educational institutions"),
    ("kunnissa", "i kommunerna", "in municipalities"),
    ("työpaikoilla", "på arbetsplatserna", "at workplaces"),
    ("verkossa", "på nätet", "online"),
    ("kirjastoissa", "på biblioteken", "in libraries"),
    ("nuorisotiloissa", "på ungdomsgårdarna", "in youth centres"),
    ("ammattiopistoissa", "vid yrkesinstituten", "at vocational colleges"),
]

# Finnish third person, Finnish infinitive, Swedish present, Swedish infinitive, English.
VERBS = [
    ("kehittää", "kehittää", "utvecklar", "utveckla", "develops", "develop"),
    ("vahvistaa", "vahvistaa", "stärker", "stärka", "strengthens", "strengthen"),
    ("tukee", "tukea", "stöder", "stödja", "supports", "support"),
    ("edistää", "edistää", "främjar", "främja", "promotes", "promote"),
    ("parantaa", "parantaa", "förbättrar", "förbättra", "improves", "improve"),
    ("lisää", "lisätä", "ökar", "öka", "increases", "increase"),
]

# "in <region>" in Finnish; Swedish and English use the region's own names.
REGION_LOCATIVE = {
    "uusimaa": "Uudellamaalla",
    "varsinais-suomi": "Varsinais-Suomessa",
    "satakunta": "Satakunnassa",
    "kanta-hame": "Kanta-Hämeessä",
    "pirkanmaa": "Pirkanmaalla",
    "paijat-hame": "Päijät-Hämeessä",
    "kymenlaakso": "Kymenlaaksossa",
    "etela-karjala": "Etelä-Karjalassa",
    "etela-savo": "Etelä-Savossa",
    "pohjois-savo": "Pohjois-Savossa",
    "pohjois-karjala": "Pohjois-Karjalassa",
    "keski-suomi": "Keski-Suomessa",
    "etela-pohjanmaa": "Etelä-Pohjanmaalla",
    "pohjanmaa": "Pohjanmaalla",
    "keski-pohjanmaa": "Keski-Pohjanmaalla",
    "pohjois-pohjanmaa": "Pohjois-Pohjanmaalla",
    "kainuu": "Kainuussa",
    "lappi": "Lapissa",
    "ahvenanmaa": "Ahvenanmaalla",
}


# --- Text ----------------------------------------------------------------------------------


class _Words:
    """One project's text: its main group of people and topic recur, the rest varies."""

    def __init__(self, rng: random.Random, region_slug: str) -> None:
        self.rng = rng
        self.who = rng.choice(WHO)
        self.topic = rng.choice(TOPICS)
        self.domain = rng.choice(DOMAINS)
        self.region = REGION_LOCATIVE.get(region_slug, "Suomessa")
        # A project keeps to a few groups of people and topics, as real ones do; without
        # this every word would be in nearly every project and search would find them all.
        self.cast = [self.who, *rng.sample(WHO, 2)]
        self.topics = [self.topic, *rng.sample(TOPICS, 2)]

    def _who(self) -> Who:
        return self.rng.choice(self.cast if self.rng.random() < 0.9 else WHO)

    def _topic(self) -> Topic:
        return self.rng.choice(self.topics if self.rng.random() < 0.9 else TOPICS)

    def _pick(self) -> tuple[Who, Who, Topic, Topic, Domain, tuple[str, str, str], tuple[str, ...]]:
        rng = self.rng
        return (
            self._who(),
            self._who(),
            self._topic(),
            self._topic(),
            rng.choice(DOMAINS),
            rng.choice(PLACES),
            rng.choice(VERBS),
        )

    def fi_sentence(self, first: bool = False) -> str:
        who, who2, topic, topic2, domain, place, verb = self._pick()
        if first:
            who, topic, domain = self.who, self.topic, self.domain
        form = 0 if first else self.rng.randrange(8)
        if form == 0:
            return f"Hanke {verb[0]} {who.gen} {topic.part} {place[0]}."
        if form == 1:
            return f"Tavoitteena on {verb[1]} {domain.gen} ja työelämän välistä yhteistyötä."
        if form == 2:
            return f"{_cap(who.all)} tarjotaan {topic.part} ja {topic2.part}."
        if form == 3:
            return (
                f"{_cap(who.nom)} ja {who2.nom} suunnittelevat yhdessä {domain.gen} uusia "
                "toimintamalleja."
            )
        if form == 4:
            return f"Hankkeessa kokeillaan {who.gen} {topic.part} tukevia menetelmiä {place[0]}."
        if form == 5:
            return f"Toiminta on suunnattu erityisesti {who.all} {domain.gen} nivelvaiheissa."
        if form == 6:
            return (
                f"{_cap(domain.gen)} henkilöstölle järjestetään koulutusta, joka {verb[0]} "
                f"{who.gen} {topic.part}."
            )
        return (
            "Kokemukset kootaan toimintamalliksi, jonka muutkin oppilaitokset voivat ottaa "
            "käyttöön."
        )

    def sv_sentence(self, first: bool = False) -> str:
        who, who2, topic, _topic2, domain, place, verb = self._pick()
        if first:
            who, topic, domain = self.who, self.topic, self.domain
        form = 0 if first else self.rng.randrange(4)
        if form == 0:
            return f"Projektet {verb[2]} {who.sv_gen} {topic.sv} {place[1]}."
        if form == 1:
            return (
                f"Målet är att {verb[3]} samarbetet mellan {who.sv} och {who2.sv} inom {domain.sv}."
            )
        if form == 2:
            return f"{_cap(who.sv)} erbjuds {topic.sv} och stöd."
        return "Erfarenheterna samlas i en modell som andra läroanstalter kan använda."

    def en_sentence(self, first: bool = False) -> str:
        who, who2, topic, _topic2, domain, place, verb = self._pick()
        if first:
            who, topic, domain = self.who, self.topic, self.domain
        form = 0 if first else self.rng.randrange(4)
        if form == 0:
            return f"The project {verb[4]} the {topic.en} of {who.en} {place[2]}."
        if form == 1:
            return (
                f"The aim is to {verb[5]} cooperation between {who.en} and {who2.en} in "
                f"{domain.en}."
            )
        if form == 2:
            return f"{_cap(who.en)} are offered {topic.en} and support."
        return "The experiences are gathered into a model that other institutions can adopt."

    def paragraph(self, language: str, sentences: int) -> str:
        make = {"fi": self.fi_sentence, "sv": self.sv_sentence, "en": self.en_sentence}[language]
        return " ".join(make(first=index == 0) for index in range(sentences))

    def bullets(self, kind: str, language: str, count: int) -> str:
        lines = []
        for _ in range(count):
            who, who2, topic, _topic2, _domain, place, _verb = self._pick()
            if language == "fi":
                line = {
                    "goals": f"{_cap(who.gen)} {topic.nom} vahvistuu {place[0]}",
                    "implementation": f"Työpajat {who.all} ja {who2.all}",
                    "results": f"{self.rng.randint(12, 400)} {who.num} osallistui työpajoihin",
                }[kind]
            elif language == "sv":
                line = {
                    "goals": f"Starkare {topic.sv} för {who.sv}",
                    "implementation": f"Verkstäder för {who.sv} och {who2.sv}",
                    "results": f"{self.rng.randint(12, 400)} deltagare i verkstäderna",
                }[kind]
            else:
                line = {
                    "goals": f"Stronger {topic.en} of {who.en} {place[2]}",
                    "implementation": f"Workshops for {who.en} and {who2.en}",
                    "results": f"{self.rng.randint(12, 400)} {who.en} took part in workshops",
                }[kind]
            lines.append(f"- {line}")
        return "\n".join(lines)

    def tagline(self, language: str) -> str:
        topic2 = self.rng.choice(self.topics[1:])
        if language == "fi":
            return f"{_cap(self.topic.part)} ja {topic2.part} {self.who.all}"
        if language == "sv":
            return f"{_cap(self.topic.sv)} och {topic2.sv} för {self.who.sv}"
        return f"{_cap(self.topic.en)} and {topic2.en} for {self.who.en}"

    def target_group(self, language: str) -> str:
        others = self.cast[1:]
        if language == "fi":
            return f"{_cap(self.who.nom)}, {others[0].nom} ja {others[1].nom} {self.region}."
        if language == "sv":
            return f"{_cap(self.who.sv)}, {others[0].sv} och {others[1].sv}."
        return f"{_cap(self.who.en)}, {others[0].en} and {others[1].en}."
