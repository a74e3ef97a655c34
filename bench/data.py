"""A large, realistic portal for benchmarks: projects in three languages, organisations, who
runs and funds what, forums, meetings and registrations.

    python -m bench.generate [--seed 1] [--scale 1.0]

Everything comes from one `random.Random(seed)`, so the same seed gives the same projects,
names and texts. Dates and meeting times are drawn relative to the day of the run, so that
the portal always has planned, ongoing and ended projects and past and upcoming meetings.
The Finnish text is built from inflected word forms ("opiskelijoiden", "opiskelijoille",
"ammatillisen koulutuksen") so that stemmed search has something to find.

Rows are written with `bulk_create` in batches and no signals, e-mails or outbox rows; the
search vectors are computed at the end with `project_search_refresh`, one UPDATE per chunk.
Importing this module writes nothing.
"""

import base64
import datetime
import random
import time
import unicodedata
import zoneinfo
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, NamedTuple, TypeVar

from django.conf import settings
from django.db import connection, models, transaction
from django.utils import timezone, translation
from django.utils.text import slugify

from forums.demo import GROUPS
from forums.models import (
    Forum,
    GroupQuota,
    Language,
    Meeting,
    MeetingStatus,
    Registration,
    RegistrationStatus,
    StakeholderGroup,
)
from projects.dates import Precision, period_end, period_start
from projects.models import (
    Contact,
    Funding,
    Implementer,
    ImplementerRole,
    Keyword,
    LinkKind,
    Organisation,
    OrganisationKind,
    Project,
    ProjectKind,
    ProjectLink,
    ProjectRelation,
    ProjectStatus,
    Region,
    RelationKind,
    Theme,
)
from projects.services import project_search_refresh

BATCH_SIZE = 2000
SEARCH_CHUNK = 1000
HELSINKI = zoneinfo.ZoneInfo("Europe/Helsinki")
T = TypeVar("T")
M = TypeVar("M", bound=models.Model)


@dataclass(frozen=True)
class Sizes:
    """How many rows of each main kind a run creates (at scale 1: the figures of issue #6)."""

    projects: int
    organisations: int
    implementers: int
    forums: int
    meetings: int
    registrations: int

    @classmethod
    def at_scale(cls, scale: float) -> "Sizes":
        projects = max(round(10_000 * scale), 20)
        forums = max(round(200 * scale), 1)
        return cls(
            projects=projects,
            # The national funders and the ELY centres are always there.
            organisations=max(round(3_000 * scale), len(NATIONAL) + len(ELY_CENTRES) + 20),
            implementers=max(round(30_000 * scale), projects),
            forums=forums,
            meetings=max(round(2_000 * scale), 2 * forums),
            registrations=round(200_000 * scale),
        )


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

# Town, its genitive, its region: where organisations and meetings are.
TOWNS = [
    ("Helsinki", "Helsingin", "uusimaa"), ("Espoo", "Espoon", "uusimaa"),
    ("Vantaa", "Vantaan", "uusimaa"), ("Turku", "Turun", "varsinais-suomi"),
    ("Tampere", "Tampereen", "pirkanmaa"), ("Oulu", "Oulun", "pohjois-pohjanmaa"),
    ("Jyväskylä", "Jyväskylän", "keski-suomi"), ("Kuopio", "Kuopion", "pohjois-savo"),
    ("Lahti", "Lahden", "paijat-hame"), ("Pori", "Porin", "satakunta"),
    ("Kouvola", "Kouvolan", "kymenlaakso"), ("Joensuu", "Joensuun", "pohjois-karjala"),
    ("Lappeenranta", "Lappeenrannan", "etela-karjala"),
    ("Hämeenlinna", "Hämeenlinnan", "kanta-hame"), ("Vaasa", "Vaasan", "pohjanmaa"),
    ("Seinäjoki", "Seinäjoen", "etela-pohjanmaa"), ("Rovaniemi", "Rovaniemen", "lappi"),
    ("Mikkeli", "Mikkelin", "etela-savo"), ("Kotka", "Kotkan", "kymenlaakso"),
    ("Salo", "Salon", "varsinais-suomi"), ("Porvoo", "Porvoon", "uusimaa"),
    ("Kokkola", "Kokkolan", "keski-pohjanmaa"), ("Hyvinkää", "Hyvinkään", "uusimaa"),
    ("Lohja", "Lohjan", "uusimaa"), ("Järvenpää", "Järvenpään", "uusimaa"),
    ("Rauma", "Rauman", "satakunta"), ("Kajaani", "Kajaanin", "kainuu"),
    ("Kerava", "Keravan", "uusimaa"), ("Savonlinna", "Savonlinnan", "etela-savo"),
    ("Nokia", "Nokian", "pirkanmaa"), ("Ylöjärvi", "Ylöjärven", "pirkanmaa"),
    ("Kangasala", "Kangasalan", "pirkanmaa"), ("Riihimäki", "Riihimäen", "kanta-hame"),
    ("Raahe", "Raahen", "pohjois-pohjanmaa"), ("Imatra", "Imatran", "etela-karjala"),
    ("Iisalmi", "Iisalmen", "pohjois-savo"), ("Tornio", "Tornion", "lappi"),
    ("Kemi", "Kemin", "lappi"), ("Maarianhamina", "Maarianhaminan", "ahvenanmaa"),
    ("Varkaus", "Varkauden", "pohjois-savo"), ("Pietarsaari", "Pietarsaaren", "pohjanmaa"),
    ("Forssa", "Forssan", "kanta-hame"), ("Tuusula", "Tuusulan", "uusimaa"),
    ("Sipoo", "Sipoon", "uusimaa"), ("Nurmijärvi", "Nurmijärven", "uusimaa"),
    ("Kirkkonummi", "Kirkkonummen", "uusimaa"), ("Raisio", "Raision", "varsinais-suomi"),
    ("Kaarina", "Kaarinan", "varsinais-suomi"), ("Naantali", "Naantalin", "varsinais-suomi"),
    ("Uusikaupunki", "Uudenkaupungin", "varsinais-suomi"), ("Heinola", "Heinolan", "paijat-hame"),
    ("Hamina", "Haminan", "kymenlaakso"), ("Kuusamo", "Kuusamon", "pohjois-pohjanmaa"),
    ("Kempele", "Kempeleen", "pohjois-pohjanmaa"), ("Pieksämäki", "Pieksämäen", "etela-savo"),
    ("Kurikka", "Kurikan", "etela-pohjanmaa"), ("Lapua", "Lapuan", "etela-pohjanmaa"),
    ("Ylivieska", "Ylivieskan", "pohjois-pohjanmaa"), ("Sodankylä", "Sodankylän", "lappi"),
    ("Kittilä", "Kittilän", "lappi"), ("Lieksa", "Lieksan", "pohjois-karjala"),
    ("Äänekoski", "Äänekosken", "keski-suomi"), ("Jämsä", "Jämsän", "keski-suomi"),
]  # fmt: skip

# Neighbourhoods, in the genitive, for school names ("Kallion koulu").
AREAS = [
    "Kallion", "Mäkelän", "Rajakylän", "Koivukylän", "Kirkonkylän", "Keskustan", "Lehtolan",
    "Niittykummun", "Kuusikon", "Rantakylän", "Myllypuron", "Puistolan", "Hiekkaharjun",
    "Peltolan", "Kaukaan", "Ristikiven", "Vaajakosken", "Linnanmaan", "Hervannan",
    "Kaukajärven", "Tesoman", "Aurinkolahden", "Vuosaaren", "Tapiolan", "Leppävaaran",
    "Tikkurilan", "Hakunilan", "Myyrmäen", "Korson", "Martinlaakson", "Lauttasaaren",
    "Munkkiniemen", "Pakilan", "Paloheinän", "Kontulan", "Malmin", "Herttoniemen", "Laajasalon",
    "Kulosaaren", "Kaukovainion", "Tuiran", "Kastellin", "Haukiputaan",
]  # fmt: skip
SCHOOL_KINDS = ["koulu", "yhtenäiskoulu", "lukio", "ala-asteen koulu", "yläkoulu", "päiväkoti"]
ASSOCIATION_KINDS = [
    "monikulttuurinen yhdistys ry", "vanhempainyhdistys ry", "nuorisoseura ry",
    "maahanmuuttajayhdistys ry", "somalialaisten yhdistys ry", "arabiankielisten perheiden ry",
    "ukrainalaisten yhdistys ry", "setlementti ry", "mielenterveysseura ry",
    "kansalaisopiston kannatusyhdistys ry", "työpajayhdistys ry", "kotoutumisen tuki ry",
]  # fmt: skip
SURNAMES_GENITIVE = [
    "Virtasen", "Korhosen", "Mäkisen", "Niemisen", "Mäkelän", "Hämäläisen", "Laineen",
    "Heikkisen", "Koskisen", "Järvisen", "Lehtosen", "Saarisen", "Salmisen", "Heinosen",
    "Kinnusen", "Salosen", "Turusen", "Rantasen", "Karjalaisen", "Jokisen", "Mattilan",
]  # fmt: skip
FOUNDATION_KINDS = ["säätiö", "sivistyssäätiö", "koulutussäätiö", "nuorisosäätiö"]
SYLLABLES_START = [
    "Sa", "Ek", "Wi", "Ka", "Po", "Ve", "Lu", "Tu", "Ri", "Mo", "No", "Ke", "Va", "Ho", "Ja",
    "Se", "Ar", "Ou", "Ly", "Ta",
]  # fmt: skip
SYLLABLES_END = [
    "kky", "ami", "nova", "ao", "dia", "lo", "mi", "va", "tti", "ra", "mos", "ku", "sko", "lia",
    "nna", "ppa",
]  # fmt: skip

FIRST_NAMES = [
    "Aino", "Eero", "Leena", "Mikko", "Sanna", "Juha", "Hanna", "Ville", "Kaisa", "Timo",
    "Laura", "Antti", "Maria", "Jussi", "Elina", "Petri", "Noora", "Olli", "Riikka", "Sami",
    "Amina", "Ahmed", "Fatima", "Hassan", "Olga", "Dmitri", "Sara", "Ali", "Nasra", "Iryna",
    "Linnea", "Oskar", "Mehmet", "Thi", "Zahra", "Yusuf",
]  # fmt: skip
LAST_NAMES = [
    "Virtanen", "Korhonen", "Mäkinen", "Nieminen", "Mäkelä", "Hämäläinen", "Laine", "Heikkinen",
    "Koskinen", "Järvinen", "Lehtonen", "Saarinen", "Salminen", "Heinonen", "Niemi", "Kinnunen",
    "Salonen", "Turunen", "Rantanen", "Karjalainen", "Jokinen", "Lindqvist", "Nyberg",
    "Mohamed", "Abdi", "Hussein", "Ivanova", "Petrenko", "Nguyen", "Ahmadi", "Yilmaz", "Osman",
]  # fmt: skip
CONTACT_TITLES = [
    ("projektipäällikkö", "project manager"),
    ("projektikoordinaattori", "project coordinator"),
    ("kehittämispäällikkö", "development manager"),
    ("projektiasiantuntija", "project specialist"),
    ("opinto-ohjaaja", "study counsellor"),
]

# slug, Finnish, Swedish, English names, abbreviation, kind
NATIONAL = [
    ("opetushallitus", "Opetushallitus", "Utbildningsstyrelsen",
     "Finnish National Agency for Education", "OPH", OrganisationKind.GOVERNMENT_AGENCY),
    ("opetus-ja-kulttuuriministerio", "Opetus- ja kulttuuriministeriö",
     "Undervisnings- och kulturministeriet", "Ministry of Education and Culture", "OKM",
     OrganisationKind.GOVERNMENT_AGENCY),
    ("tyo-ja-elinkeinoministerio", "Työ- ja elinkeinoministeriö",
     "Arbets- och näringsministeriet", "Ministry of Economic Affairs and Employment", "TEM",
     OrganisationKind.GOVERNMENT_AGENCY),
    ("euroopan-sosiaalirahasto", "Euroopan sosiaalirahasto", "Europeiska socialfonden",
     "European Social Fund", "ESR", OrganisationKind.EU_FUND),
    ("euroopan-sosiaalirahasto-plus", "Euroopan sosiaalirahasto plus",
     "Europeiska socialfonden plus", "European Social Fund Plus", "ESR+",
     OrganisationKind.EU_FUND),
    ("erasmus-plus", "Erasmus+ -ohjelma", "Erasmus+-programmet", "Erasmus+ programme",
     "Erasmus+", OrganisationKind.EU_FUND),
    ("suomen-kulttuurirahasto", "Suomen Kulttuurirahasto", "Finska kulturfonden",
     "Finnish Cultural Foundation", "SKR", OrganisationKind.FOUNDATION),
    ("svenska-kulturfonden", "Svenska kulturfonden", "Svenska kulturfonden",
     "Swedish Cultural Foundation in Finland", "", OrganisationKind.FOUNDATION),
    ("stea", "Sosiaali- ja terveysjärjestöjen avustuskeskus",
     "Centret för understöd till social- och hälsoorganisationer",
     "Funding Centre for Social Welfare and Health Organisations", "STEA",
     OrganisationKind.GOVERNMENT_AGENCY),
]  # fmt: skip

# Finnish genitive, Swedish name, English name, the regions each ELY centre serves.
ELY_CENTRES = [
    ("Uudenmaan", "Nyland", "Uusimaa", ["uusimaa"]),
    ("Varsinais-Suomen", "Egentliga Finland", "Southwest Finland", ["varsinais-suomi"]),
    ("Satakunnan", "Satakunta", "Satakunta", ["satakunta"]),
    ("Hämeen", "Tavastland", "Häme", ["kanta-hame", "paijat-hame"]),
    ("Pirkanmaan", "Birkaland", "Pirkanmaa", ["pirkanmaa"]),
    ("Kaakkois-Suomen", "Sydöstra Finland", "Southeast Finland",
     ["kymenlaakso", "etela-karjala"]),
    ("Etelä-Savon", "Södra Savolax", "South Savo", ["etela-savo"]),
    ("Pohjois-Savon", "Norra Savolax", "North Savo", ["pohjois-savo"]),
    ("Pohjois-Karjalan", "Norra Karelen", "North Karelia", ["pohjois-karjala"]),
    ("Keski-Suomen", "Mellersta Finland", "Central Finland", ["keski-suomi"]),
    ("Etelä-Pohjanmaan", "Södra Österbotten", "South Ostrobothnia", ["etela-pohjanmaa"]),
    ("Pohjanmaan", "Österbotten", "Ostrobothnia", ["pohjanmaa", "keski-pohjanmaa"]),
    ("Pohjois-Pohjanmaan", "Norra Österbotten", "North Ostrobothnia", ["pohjois-pohjanmaa"]),
    ("Kainuun", "Kajanaland", "Kainuu", ["kainuu"]),
    ("Lapin", "Lappland", "Lapland", ["lappi", "ahvenanmaa"]),
]  # fmt: skip

ESF_PROGRAMMES = [
    # (Finnish, English, in force from)
    ("Kestävää kasvua ja työtä 2014–2020 – Suomen rakennerahasto-ohjelma",
     "Sustainable growth and jobs 2014–2020 – Finland's structural funds programme", 2014),
    ("Uudistuva ja osaava Suomi 2021–2027 -ohjelma",
     "Innovation and skills in Finland 2021–2027 programme", 2021),
]  # fmt: skip
OPH_PROGRAMMES = [
    ("Opetushallituksen valtionavustus", "Discretionary government grant"),
    ("Oikeus oppia -kehittämisohjelma", "Right to Learn development programme"),
    ("Opinto-ohjauksen kehittämisavustus", "Grant for developing study guidance"),
    ("Jatkuvan oppimisen kehittämisavustus", "Grant for developing continuous learning"),
]

THEMES = [
    ("ohjaus", "Ohjaus", "Handledning", "Guidance"),
    ("hyvinvointi", "Hyvinvointi", "Välbefinnande", "Wellbeing"),
    ("kotoutuminen", "Kotoutuminen", "Integration", "Integration"),
    ("ammatillinen-koulutus", "Ammatillinen koulutus", "Yrkesutbildning",
     "Vocational education and training"),
    ("perusopetus", "Perusopetus", "Grundläggande utbildning", "Basic education"),
    ("lukiokoulutus", "Lukiokoulutus", "Gymnasieutbildning", "General upper secondary education"),
    ("varhaiskasvatus", "Varhaiskasvatus", "Småbarnspedagogik", "Early childhood education"),
    ("aikuiskoulutus", "Aikuiskoulutus", "Vuxenutbildning", "Adult education"),
    ("digitalisaatio", "Digitalisaatio", "Digitalisering", "Digitalisation"),
    ("tyoelama", "Työelämä", "Arbetsliv", "Working life"),
    ("osallisuus", "Osallisuus", "Delaktighet", "Participation"),
    ("kielet", "Kielet ja monikielisyys", "Språk och flerspråkighet",
     "Languages and multilingualism"),
    ("keskeyttamisen-ehkaisy", "Opintojen keskeyttämisen ehkäisy", "Förebyggande av avbrott",
     "Preventing dropout"),
    ("yhdenvertaisuus", "Yhdenvertaisuus", "Jämlikhet", "Equality"),
    ("erityinen-tuki", "Erityinen tuki", "Särskilt stöd", "Special support"),
    ("korkeakoulutus", "Korkeakoulutus", "Högskoleutbildning", "Higher education"),
]  # fmt: skip

KEYWORDS = [
    "ohjaus",
    "hyvinvointi",
    "nivelvaihe",
    "maahanmuuttajat",
    "kotoutuminen",
    "osallisuus",
    "opintojen keskeyttäminen",
    "työelämä",
    "digitalisaatio",
    "kielitaito",
    "vanhemmat",
    "nuoret",
    "ammatillinen koulutus",
    "lukio",
    "perusopetus",
    "varhaiskasvatus",
    "yhteistyö",
    "monikulttuurisuus",
    "mentorointi",
    "vertaistuki",
    "jatkuva oppiminen",
    "erityinen tuki",
    "inkluusio",
    "yhdenvertaisuus",
    "kieli- ja kulttuuritietoisuus",
    "opinto-ohjaus",
    "etsivä nuorisotyö",
    "työpajatoiminta",
    "oppisopimus",
    "ESR",
    "Erasmus+",
    "guidance",
    "wellbeing",
    "integration",
    "participation",
    "dropout prevention",
    "mentoring",
    "handledning",
    "välbefinnande",
    "integration i skolan",
]
KEYWORD_PREFIXES = [
    "Opiskelu", "Oma", "Yhteis", "Ohjaus", "Nuoriso", "Perhe", "Kieli", "Digi", "Tulevaisuus",
    "Osaamis",
]  # fmt: skip
KEYWORD_SUFFIXES = [
    "Varia", "Polku", "Verkko", "Paja", "Silta", "Tori", "Kompassi", "Foorumi", "Askel",
    "Väylä",
]  # fmt: skip

VENUES = ["kaupunginkirjasto", "nuorisotalo", "ammattiopiston auditorio", "monitoimitalo",
          "kulttuurikeskus", "kansalaisopisto", "lukion juhlasali", "järjestötalo"]  # fmt: skip
STREETS = [
    "Koulukatu", "Kirkkokatu", "Rantatie", "Asemakatu", "Puistokatu", "Torikatu", "Opintie",
    "Sivistyksentie",
]  # fmt: skip

# Languages people ask messages in, with weights (codes from forums' data migration).
REGISTRATION_LANGUAGES = [
    ("fi", 50), ("en", 10), ("sv", 5), ("ar", 8), ("so", 6), ("ru", 5),
    ("uk", 5), ("fa", 3), ("et", 3), ("prs", 2), ("ckb", 2), ("vi", 1),
]  # fmt: skip
INTERPRETED = ["ar", "so", "ru", "uk", "fa", "prs", "ckb", "et"]


# --- Small helpers -------------------------------------------------------------------------


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def _ascii(text: str) -> str:
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()


def _batches(items: Iterable[T], size: int = BATCH_SIZE) -> Iterator[list[T]]:
    batch: list[T] = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def _insert(model: type[M], rows: Iterable[M]) -> list[M]:
    """bulk_create in batches; returns the rows with their primary keys."""
    created: list[M] = []
    for batch in _batches(rows):
        created.extend(model._default_manager.bulk_create(batch, batch_size=BATCH_SIZE))
    return created


def _insert_streamed(model: type[M], rows: Iterable[M]) -> int:
    """bulk_create in batches without keeping the rows (for the many registrations)."""
    count = 0
    for batch in _batches(rows):
        model._default_manager.bulk_create(batch, batch_size=BATCH_SIZE)
        count += len(batch)
    return count


class _Slugs:
    """Unique slugs, also against those already in the table (a second run with --force)."""

    def __init__(self, taken: Iterable[str], max_length: int = 120) -> None:
        self.taken = set(taken)
        self.max_length = max_length

    def __call__(self, text: str) -> str:
        base = slugify(text)[: self.max_length - 8].strip("-") or "x"
        slug, number = base, 1
        while slug in self.taken:
            number += 1
            slug = f"{base}-{number}"
        self.taken.add(slug)
        return slug


def business_id(rng: random.Random) -> str:
    """A Y-tunnus with a valid check digit (weights 7, 9, 10, 5, 8, 4, 2; modulo 11)."""
    while True:
        digits = [rng.randrange(10) for _ in range(7)]
        remainder = sum(d * w for d, w in zip(digits, (7, 9, 10, 5, 8, 4, 2), strict=True)) % 11
        if remainder != 1:
            check = 0 if remainder == 0 else 11 - remainder
            return "".join(map(str, digits)) + f"-{check}"


def _allocate(rng: random.Random, total: int, weights: Sequence[float]) -> list[int]:
    """Split `total` into whole counts in proportion to `weights`, exactly."""
    weight_sum = sum(weights)
    if total <= 0 or weight_sum <= 0:
        return [0] * len(weights)
    counts = [int(total * weight / weight_sum) for weight in weights]
    candidates = [index for index, weight in enumerate(weights) if weight > 0]
    for _ in range(total - sum(counts)):
        counts[rng.choice(candidates)] += 1
    return counts


class _Clock:
    def __init__(self, log: Callable[[str], None]) -> None:
        self.log = log
        self.started = time.perf_counter()

    def __call__(self, message: str) -> None:
        self.log(f"{time.perf_counter() - self.started:6.1f} s  {message}")


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


def _coined(rng: random.Random) -> str:
    return rng.choice(SYLLABLES_START) + rng.choice(SYLLABLES_END)


# --- The generator -------------------------------------------------------------------------


@dataclass
class _ProjectInfo:
    pk: int
    published: bool
    region_indexes: list[int]
    start: datetime.date | None
    end: datetime.date | None
    admin_index: int
    kind: str


class Generator:
    def __init__(self, *, seed: int, scale: float, log: Callable[[str], None]) -> None:
        self.rng = random.Random(seed)  # noqa: S311 - repeatable data, not secrets
        self.seed = seed
        self.sizes = Sizes.at_scale(scale)
        self.log = _Clock(log)
        self.now = timezone.now().replace(microsecond=0)
        self.today = timezone.localdate(self.now)

    # Reference rows: those the migrations create are used as they are.

    def reference_data(self) -> None:
        self.regions = list(Region.objects.order_by("code"))
        if not self.regions:
            raise RuntimeError("No regions: run the migrations first.")
        self.region_index = {region.slug: index for index, region in enumerate(self.regions)}
        self.languages = {language.code: language for language in Language.objects.all()}
        missing = {code for code, _weight in REGISTRATION_LANGUAGES} - set(self.languages)
        if missing:
            raise RuntimeError(f"Languages missing (run the migrations): {sorted(missing)}")
        self.groups = []
        for order, (slug, fi, sv, en) in enumerate(GROUPS):
            group, _created = StakeholderGroup.objects.get_or_create(
                slug=slug,
                defaults={"name": fi, "name_fi": fi, "name_sv": sv, "name_en": en, "order": order},
            )
            self.groups.append(group)
        self.themes = []
        for slug, fi, sv, en in THEMES:
            theme, _created = Theme.objects.get_or_create(
                slug=slug, defaults={"name": fi, "name_fi": fi, "name_sv": sv, "name_en": en}
            )
            self.themes.append(theme)
        names = list(
            dict.fromkeys([*KEYWORDS, *(p + s for p in KEYWORD_PREFIXES for s in KEYWORD_SUFFIXES)])
        )
        existing = set(Keyword.objects.filter(name__in=names).values_list("name", flat=True))
        Keyword.objects.bulk_create(Keyword(name=name) for name in names if name not in existing)
        by_name = dict(Keyword.objects.filter(name__in=names).values_list("name", "pk"))
        self.keyword_ids = [by_name[name] for name in names]
        self.log(
            f"reference data: {len(self.regions)} regions, {len(self.languages)} languages, "
            f"{len(self.groups)} stakeholder groups, {len(self.themes)} themes, "
            f"{len(self.keyword_ids)} keywords"
        )

    # Organisations: the national funders and ELY centres, towns, then the many others.

    def organisations(self) -> None:
        rng = self.rng
        slugs = _Slugs(Organisation.objects.values_list("slug", flat=True))
        first: list[Organisation] = []
        for _slug, fi, sv, en, abbreviation, kind in NATIONAL:
            first.append(
                Organisation(
                    slug=slugs(f"{abbreviation or fi}-{fi}"),
                    name_fi=fi,
                    name_sv=sv,
                    name_en=en,
                    abbreviation=abbreviation,
                    kind=kind,
                    business_id=business_id(rng),
                )
            )
        for genitive, sv, en, region_slugs in ELY_CENTRES:
            first.append(
                Organisation(
                    slug=slugs(f"{genitive} ELY-keskus"),
                    name_fi=f"{genitive} elinkeino-, liikenne- ja ympäristökeskus",
                    name_sv=f"Närings-, trafik- och miljöcentralen i {sv}",
                    name_en=f"{en} ELY Centre",
                    abbreviation=f"{genitive} ELY-keskus",
                    other_names=f"{genitive} ELY",
                    kind=OrganisationKind.ELY_CENTRE,
                    business_id=business_id(rng),
                    region=self.regions[self.region_index[region_slugs[0]]],
                )
            )
        remaining = self.sizes.organisations - len(first)
        towns = TOWNS[: max(0, min(len(TOWNS), remaining // 6))]
        for nominative, genitive, region_slug in towns:
            first.append(
                Organisation(
                    slug=slugs(f"{genitive} kaupunki"),
                    name_fi=f"{genitive} kaupunki",
                    name_sv=f"{nominative} stad",
                    name_en=f"City of {nominative}",
                    kind=OrganisationKind.MUNICIPALITY,
                    business_id=business_id(rng),
                    website=f"https://www.{_ascii(nominative)}.example.fi/",
                    region=self.regions[self.region_index[region_slug]],
                )
            )
        created = _insert(Organisation, first)
        self.funders = {row[0]: created[index] for index, row in enumerate(NATIONAL)}
        self.ely_by_region: dict[str, Organisation] = {}
        for index, (_genitive, _sv, _en, region_slugs) in enumerate(ELY_CENTRES):
            for slug in region_slugs:
                self.ely_by_region[slug] = created[len(NATIONAL) + index]
        cities = created[len(NATIONAL) + len(ELY_CENTRES) :]

        others: list[Organisation] = []
        names = {organisation.name for organisation in created}
        attempts = 0
        while len(first) + len(others) < self.sizes.organisations:
            attempts += 1
            if attempts > 50 * self.sizes.organisations:
                raise RuntimeError("Ran out of organisation names.")
            town_index = rng.randrange(len(TOWNS))
            nominative, genitive, region_slug = TOWNS[town_index]
            region = self.regions[self.region_index[region_slug]]
            draw = rng.random()
            parent = None
            sv = en = abbreviation = ""
            kind = OrganisationKind.EDUCATION_PROVIDER
            if draw < 0.40 and cities:
                parent = cities[town_index % len(cities)]
                city = parent.name_fi  # type: ignore[attr-defined]
                name = f"{city}, {rng.choice(AREAS)} {rng.choice(SCHOOL_KINDS)}"
            elif draw < 0.55:
                brand = _coined(rng)
                name = rng.choice(
                    [f"{genitive} ammattiopisto", f"Ammattiopisto {brand}",
                     f"Koulutuskuntayhtymä {brand}", f"{genitive} aikuisopisto"]
                )  # fmt: skip
                abbreviation = brand if rng.random() < 0.6 else ""
                en = f"{nominative} Vocational College" if rng.random() < 0.4 else ""
            elif draw < 0.62:
                name = rng.choice(
                    [f"{genitive} lukio", f"{genitive} ammattikorkeakoulu",
                     f"{genitive} kansalaisopisto", f"{genitive} yliopisto"]
                )  # fmt: skip
                if name.endswith("ammattikorkeakoulu"):
                    sv = f"Yrkeshögskolan i {nominative}"
                    en = f"{nominative} University of Applied Sciences"
                    abbreviation = f"{nominative[:3].upper()}AMK"
            elif draw < 0.85:
                kind = OrganisationKind.ASSOCIATION
                name = (
                    f"{genitive} {rng.choice(ASSOCIATION_KINDS)}"
                    if rng.random() < 0.8
                    else f"{_coined(rng)} ry"
                )
            elif draw < 0.92:
                kind = OrganisationKind.FOUNDATION
                name = f"{rng.choice(SURNAMES_GENITIVE)} {rng.choice(FOUNDATION_KINDS)}"
            else:
                kind = OrganisationKind.COMPANY
                name = f"{_coined(rng)} {rng.choice(['Koulutus', 'Osaaminen', 'Valmennus'])} Oy"
            if name in names:
                continue
            names.add(name)
            others.append(
                Organisation(
                    slug=slugs(name),
                    name_fi=name,
                    name_sv=sv,
                    name_en=en,
                    abbreviation=abbreviation,
                    kind=kind,
                    parent=parent,
                    # The units of a city share the city's business ID.
                    business_id=parent.business_id if parent else business_id(rng),
                    website=f"https://{slugify(name)[:40]}.example.fi/"
                    if rng.random() < 0.7
                    else "",
                    region=region,
                    other_names=f"{genitive} koulutuskeskus" if abbreviation else "",
                )
            )
        created += _insert(Organisation, others)
        self.organisations_all = created
        fixed = len(NATIONAL) + len(ELY_CENTRES)
        # Who runs projects: everyone but the national funders and the ELY centres.
        self.runners = created[fixed:] or created
        self.runners_by_region: dict[int, list[int]] = defaultdict(list)
        for index, organisation in enumerate(self.runners):
            if organisation.region_id is not None:
                self.runners_by_region[self.region_pk_to_index[organisation.region_id]].append(
                    index
                )
        self.foundations = [o for o in created[fixed:] if o.kind == OrganisationKind.FOUNDATION]
        self.log(f"organisations: {len(created):,}")

    @property
    def region_pk_to_index(self) -> dict[int, int]:
        if not hasattr(self, "_region_pk_to_index"):
            self._region_pk_to_index = {
                region.pk: index for index, region in enumerate(self.regions)
            }
        return self._region_pk_to_index

    # Projects with their text, dates, themes, keywords and regions.

    def _dates(self) -> tuple[datetime.date | None, str, datetime.date | None, str]:
        rng = self.rng
        precision = rng.choices([Precision.DAY, Precision.MONTH, Precision.YEAR], [60, 30, 10])[0]
        raw_start = self.today + datetime.timedelta(days=rng.randint(-3650, 365))
        raw_end = raw_start + datetime.timedelta(days=rng.randint(180, 1460))
        end_precision = precision if rng.random() < 0.8 else rng.choice(list(Precision))
        start: datetime.date | None = period_start(raw_start, precision)
        end: datetime.date | None = period_end(raw_end, end_precision)
        draw = rng.random()
        if draw < 0.02:
            start = end = None
        elif draw < 0.06:
            start = None
        elif draw < 0.14:
            end = None
        return start, str(precision), end, str(end_precision)

    def projects(self) -> None:
        rng = self.rng
        slugs = _Slugs(Project.objects.values_list("slug", flat=True))
        rows: list[Project] = []
        infos: list[_ProjectInfo] = []
        self.project_words: list[_Words] = []
        uusimaa = self.region_index.get("uusimaa", 0)
        for _ in range(self.sizes.projects):
            region_count = rng.choices([1, 2, 3], [70, 20, 10])[0]
            region_indexes = list(
                dict.fromkeys(
                    uusimaa if rng.random() < 0.3 else rng.randrange(len(self.regions))
                    for _ in range(region_count)
                )
            )
            words = _Words(rng, self.regions[region_indexes[0]].slug)
            self.project_words.append(words)
            start, start_precision, end, end_precision = self._dates()
            acronym = (_coined(rng) + _coined(rng)).upper() if rng.random() < 0.5 else ""
            brand = acronym or _coined(rng) + rng.choice(["Polku", "Silta", "Verkko", "Askel", ""])
            name_fi = rng.choice(
                [f"{brand} – {_cap(words.who.gen)} {words.topic.nom}",
                 f"{_cap(words.who.gen)} {words.topic.nom} {words.region}",
                 f"{brand} – {_cap(words.domain.gen)} {words.topic.nom}"]
            )  # fmt: skip
            has_en, has_sv = rng.random() < 0.6, rng.random() < 0.25
            kind = rng.choices(
                [ProjectKind.PROJECT, ProjectKind.COORDINATION, ProjectKind.NETWORK], [94, 3, 3]
            )[0]
            status = (
                None
                if start is None and end is None
                else ProjectStatus.PLANNED
                if start and start > self.today
                else ProjectStatus.ENDED
                if end and end < self.today
                else ProjectStatus.ONGOING
            )
            stated_phase = ""
            if status and rng.random() < 0.3:
                # Now and then the phase a project states is out of date.
                stated_phase = status if rng.random() < 0.85 else rng.choice(list(ProjectStatus))
            budget_min = budget_max = None
            if rng.random() < 0.7:
                budget_min = Decimal(rng.randint(20, 2000) * 1000)
                if rng.random() < 0.15:
                    budget_max = budget_min + Decimal(rng.randint(10, 500) * 1000)
            text: dict[str, Any] = {}
            for language, present in (("fi", True), ("sv", has_sv), ("en", has_en)):
                if not present:
                    continue
                text[f"tagline_{language}"] = words.tagline(language)
                text[f"summary_{language}"] = words.paragraph(language, rng.randint(2, 3))
                text[f"description_{language}"] = "\n\n".join(
                    words.paragraph(language, rng.randint(3, 5)) for _ in range(rng.randint(1, 3))
                )
                text[f"target_group_{language}"] = words.target_group(language)
                text[f"goals_{language}"] = words.bullets("goals", language, rng.randint(3, 5))
                text[f"implementation_{language}"] = words.bullets(
                    "implementation", language, rng.randint(2, 4)
                )
                if status == ProjectStatus.ENDED or (status and rng.random() < 0.3):
                    text[f"results_{language}"] = words.bullets(
                        "results", language, rng.randint(2, 4)
                    )
            if rng.random() < 0.2:
                text["beneficiaries_fi"] = (
                    f"{_cap(words.who.nom)} ja {words.domain.gen} henkilöstö."
                )
            name_en = f"{brand} – {_cap(words.topic.en)} of {words.who.en}" if has_en else ""
            name_sv = f"{brand} – {_cap(words.who.sv_gen)} {words.topic.sv}" if has_sv else ""
            rows.append(
                Project(
                    slug=slugs(name_fi),
                    name_fi=name_fi,
                    name_sv=name_sv,
                    name_en=name_en,
                    acronym=acronym,
                    kind=kind,
                    is_published=rng.random() < 0.95,
                    start_date=start,
                    start_precision=start_precision,
                    end_date=end,
                    end_precision=end_precision,
                    stated_phase=stated_phase,
                    budget_min=budget_min,
                    budget_max=budget_max,
                    **text,
                )
            )
            infos.append(
                _ProjectInfo(
                    pk=0,
                    published=rows[-1].is_published,
                    region_indexes=region_indexes,
                    start=start,
                    end=end,
                    admin_index=-1,
                    kind=kind,
                )
            )
        created = _insert(Project, rows)
        for info, project in zip(infos, created, strict=True):
            info.pk = project.pk
        self.project_infos = infos
        self.project_ids = [project.pk for project in created]
        self.log(f"projects: {len(created):,}")

        theme_rows, keyword_rows, region_rows = [], [], []
        ThemeLink = Project.themes.through
        KeywordLink = Project.keywords.through
        RegionLink = Project.regions.through
        for info in infos:
            theme_rows += [
                ThemeLink(project_id=info.pk, theme_id=theme.pk)
                for theme in rng.sample(self.themes, rng.randint(1, 3))
            ]
            keyword_rows += [
                KeywordLink(project_id=info.pk, keyword_id=keyword_id)
                for keyword_id in rng.sample(self.keyword_ids, rng.randint(2, 5))
            ]
            region_rows += [
                RegionLink(project_id=info.pk, region_id=self.regions[index].pk)
                for index in info.region_indexes
            ]
        _insert(ThemeLink, theme_rows)
        _insert(KeywordLink, keyword_rows)
        _insert(RegionLink, region_rows)
        self.log(
            f"project themes: {len(theme_rows):,}, keywords: {len(keyword_rows):,}, "
            f"regions: {len(region_rows):,}"
        )

    # Who runs each project: one administrator each, the rest spread at random.

    def _runner(self, info: _ProjectInfo) -> int:
        rng = self.rng
        if rng.random() < 0.6:
            local = self.runners_by_region.get(rng.choice(info.region_indexes))
            if local:
                return rng.choice(local)
        return rng.randrange(len(self.runners))

    def implementers(self) -> None:
        rng = self.rng
        infos = self.project_infos
        taken: list[set[tuple[int, str]]] = [set() for _ in infos]
        rows: list[Implementer] = []
        for number, info in enumerate(infos):
            info.admin_index = self._runner(info)
            taken[number].add((info.admin_index, ImplementerRole.ADMINISTRATOR))
        roles = [ImplementerRole.COORDINATOR, ImplementerRole.CO_IMPLEMENTER,
                 ImplementerRole.PARTNER, ImplementerRole.ORGANISER]  # fmt: skip
        extra = self.sizes.implementers - len(infos)
        placed = 0
        while placed < extra:
            number = rng.randrange(len(infos))
            info = infos[number]
            role = rng.choices(roles, [15, 50, 30, 5])[0]
            if role == ImplementerRole.COORDINATOR and rng.random() < 0.4:
                # An organisation may hold two roles: administrator and coordinator.
                organisation = info.admin_index
            else:
                organisation = self._runner(info)
            if (organisation, role) in taken[number]:
                continue
            taken[number].add((organisation, role))
            placed += 1
        role_order: dict[str, int] = {role: index for index, role in enumerate(ImplementerRole)}
        for number, info in enumerate(infos):
            ordered = sorted(taken[number], key=lambda pair: (role_order[pair[1]], pair[0]))
            for order, (organisation, role_value) in enumerate(ordered):
                rows.append(
                    Implementer(
                        project_id=info.pk,
                        organisation_id=self.runners[organisation].pk,
                        role=role_value,
                        order=order,
                    )
                )
        _insert(Implementer, rows)
        self.log(f"implementers: {len(rows):,}")

    # Funding, contacts, links and relations between projects.

    def fundings(self) -> None:
        rng = self.rng
        funders = self.funders
        rows: list[Funding] = []
        eura_updates: list[Project] = []
        for info in self.project_infos:
            region_slug = self.regions[info.region_indexes[0]].slug
            draw = rng.random()
            year = (info.start or self.today).year
            programme_fi = programme_en = ""
            intermediary = None
            if draw < 0.45:
                funder = funders[
                    "euroopan-sosiaalirahasto-plus" if year >= 2021 else "euroopan-sosiaalirahasto"
                ]
                intermediary = (
                    self.ely_by_region.get(region_slug, funders["opetushallitus"])
                    if draw < 0.35
                    else funders["opetushallitus"]
                )
                programme_fi, programme_en, _since = ESF_PROGRAMMES[1 if year >= 2021 else 0]
                eura_updates.append(
                    Project(
                        pk=info.pk,
                        eura_code=f"{'S' if year < 2021 else 'J'}{rng.randint(10000, 99999)}",
                    )
                )
            elif draw < 0.75:
                funder = funders["opetushallitus"]
                programme_fi, programme_en = rng.choice(OPH_PROGRAMMES)
            elif draw < 0.83:
                funder = funders["opetus-ja-kulttuuriministerio"]
            elif draw < 0.88:
                funder = funders["erasmus-plus"]
                intermediary = funders["opetushallitus"]
            elif draw < 0.95:
                funder = rng.choice(
                    [
                        funders["suomen-kulttuurirahasto"],
                        funders["svenska-kulturfonden"],
                        *self.foundations,
                    ]
                )
            elif draw < 0.98:
                funder = funders["stea"]
            else:
                continue  # no funding known
            periods: list[tuple[datetime.date | None, datetime.date | None]] = [(None, None)]
            if (
                info.start
                and info.end
                and rng.random() < 0.15
                and (info.end - info.start).days > 60
            ):
                # The funder changed half way: two periods.
                middle = info.start + (info.end - info.start) / 2
                periods = [(info.start, middle), (middle + datetime.timedelta(days=1), info.end)]
            for number, (start, end) in enumerate(periods):
                second = number == 1
                rows.append(
                    Funding(
                        project_id=info.pk,
                        funder=funders["opetushallitus"] if second else funder,
                        intermediary=None if second else intermediary,
                        programme_fi=OPH_PROGRAMMES[0][0] if second else programme_fi,
                        programme_en=OPH_PROGRAMMES[0][1] if second else programme_en,
                        amount=Decimal(rng.randint(50, 1500) * 1000)
                        if rng.random() < 0.6
                        else None,
                        start_date=start,
                        end_date=end,
                    )
                )
        _insert(Funding, rows)
        Project.objects.bulk_update(eura_updates, ["eura_code"], batch_size=BATCH_SIZE)
        self.log(f"fundings: {len(rows):,}")

    def contacts_links_relations(self) -> None:
        rng = self.rng
        contacts: list[Contact] = []
        links: list[ProjectLink] = []
        for info in self.project_infos:
            for order in range(rng.choices([0, 1, 2], [10, 60, 30])[0]):
                first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
                title_fi, title_en = rng.choice(CONTACT_TITLES)
                contacts.append(
                    Contact(
                        project_id=info.pk,
                        name=f"{first} {last}",
                        title_fi=title_fi,
                        title_en=title_en,
                        organisation_id=self.runners[info.admin_index].pk,
                        email=f"{_ascii(first)}.{_ascii(last)}@example.org",
                        phone=f"+358 40 {rng.randint(1000000, 9999999)}",
                        order=order,
                    )
                )
            links.append(
                ProjectLink(
                    project_id=info.pk,
                    kind=LinkKind.WEBSITE,
                    url=f"https://hankkeet.example.org/{info.pk}/",
                )
            )
            if rng.random() < 0.3:
                links.append(
                    ProjectLink(
                        project_id=info.pk,
                        kind=LinkKind.FACEBOOK,
                        url=f"https://www.facebook.com/hanke{info.pk}",
                        label_fi="Hanke Facebookissa",
                        order=1,
                    )
                )
        _insert(Contact, contacts)
        _insert(ProjectLink, links)

        relations: set[tuple[int, str, int]] = set()
        ids = self.project_ids
        for info in self.project_infos:
            if info.kind != ProjectKind.PROJECT and len(ids) > 10:
                for member in rng.sample(ids, rng.randint(3, 8)):
                    if member != info.pk:
                        relations.add((member, RelationKind.MEMBER_OF, info.pk))
            elif rng.random() < 0.03:
                predecessor = rng.choice(ids)
                if predecessor != info.pk:
                    relations.add((predecessor, RelationKind.PREDECESSOR_OF, info.pk))
        _insert(
            ProjectRelation,
            (
                ProjectRelation(from_project_id=source, kind=kind, to_project_id=target)
                for source, kind, target in sorted(relations)
            ),
        )
        self.log(
            f"contacts: {len(contacts):,}, links: {len(links):,}, relations: {len(relations):,}"
        )

    # Forums and their meetings, past and upcoming.

    def forums(self) -> None:
        rng = self.rng
        slugs = _Slugs(Forum.objects.values_list("slug", flat=True))
        published = [number for number, info in enumerate(self.project_infos) if info.published]
        organisers = rng.sample(published, min(self.sizes.forums, len(published)))
        rows, group_sets, region_sets = [], [], []
        for number in organisers:
            words = self.project_words[number]
            who, who2 = words.who, rng.choice(WHO)
            name_fi = f"{_cap(who.gen)} ja {who2.gen} yhteistyöfoorumi {words.region}"
            rows.append(
                Forum(
                    project_id=self.project_infos[number].pk,
                    slug=slugs(name_fi),
                    name_fi=name_fi,
                    name_en=f"Cooperation forum for {who.en} and {who2.en}"
                    if rng.random() < 0.6
                    else "",
                    purpose_fi=words.paragraph("fi", 3),
                    purpose_en=words.paragraph("en", 2) if rng.random() < 0.5 else "",
                )
            )
            group_sets.append(rng.sample(self.groups, rng.randint(2, len(self.groups))))
            region_sets.append(self.project_infos[number].region_indexes[:2])
        self.forum_rows = _insert(Forum, rows)
        self.forum_groups = group_sets
        self.forum_regions = region_sets
        GroupLink = Forum.stakeholder_groups.through
        RegionLink = Forum.regions.through
        _insert(
            GroupLink,
            (
                GroupLink(forum_id=forum.pk, stakeholdergroup_id=group.pk)
                for forum, groups in zip(self.forum_rows, group_sets, strict=True)
                for group in groups
            ),
        )
        _insert(
            RegionLink,
            (
                RegionLink(forum_id=forum.pk, region_id=self.regions[index].pk)
                for forum, indexes in zip(self.forum_rows, region_sets, strict=True)
                for index in indexes
            ),
        )
        self.log(f"forums: {len(self.forum_rows):,}")

    def _meeting_start(self, day_offset: int) -> datetime.datetime:
        day = self.today + datetime.timedelta(days=day_offset)
        # Weekdays only: move Saturdays and Sundays to the Monday after.
        if day.weekday() >= 5:
            day += datetime.timedelta(days=7 - day.weekday())
        hour = self.rng.choice([9, 13, 17, 17, 18])
        return datetime.datetime.combine(day, datetime.time(hour), tzinfo=HELSINKI)

    def meetings(self) -> None:
        rng = self.rng
        forums = self.forum_rows
        counts = [1] * len(forums)
        for _ in range(self.sizes.meetings - len(forums)):
            counts[rng.randrange(len(forums))] += 1
        rows: list[Meeting] = []
        self.meeting_groups: list[list[StakeholderGroup]] = []
        for forum_number, (forum, count) in enumerate(zip(forums, counts, strict=True)):
            offsets = sorted(rng.randint(-730, 365) for _ in range(count))
            # Every forum with two meetings or more has one behind it and one ahead.
            if count >= 2:
                offsets[0] = min(offsets[0], -rng.randint(7, 200))
                offsets[-1] = max(offsets[-1], rng.randint(3, 40))
            for offset in offsets:
                starts_at = self._meeting_start(offset)
                ends_at = starts_at + datetime.timedelta(hours=rng.choice([2, 2, 3]))
                past = ends_at < self.now
                status = (
                    rng.choices(
                        [MeetingStatus.COMPLETED, MeetingStatus.CANCELLED, MeetingStatus.SCHEDULED],
                        [92, 5, 3],
                    )[0]
                    if past
                    else rng.choices([MeetingStatus.SCHEDULED, MeetingStatus.CANCELLED], [96, 4])[0]
                )
                online = rng.random() < 0.3
                nominative, _genitive, region_slug = rng.choice(TOWNS)
                if not online and self.forum_regions[forum_number]:
                    region_index = self.forum_regions[forum_number][0]
                    local = [town for town in TOWNS if town[2] == self.regions[region_index].slug]
                    if local:
                        nominative, _genitive, region_slug = rng.choice(local)
                opens = starts_at - datetime.timedelta(days=45) if rng.random() < 0.7 else None
                closes = starts_at - datetime.timedelta(days=2) if rng.random() < 0.6 else None
                words = _Words(rng, region_slug)
                rows.append(
                    Meeting(
                        forum_id=forum.pk,
                        title_fi=f"{_cap(words.topic.nom)} ja {words.who.nom}"
                        if rng.random() < 0.4
                        else "",
                        description_fi=words.paragraph("fi", 2) if rng.random() < 0.5 else "",
                        starts_at=starts_at,
                        ends_at=ends_at,
                        venue="" if online else f"{nominative}n {rng.choice(VENUES)}",
                        address="" if online else f"{rng.choice(STREETS)} {rng.randint(1, 40)}",
                        municipality="" if online else nominative,
                        region=None if online else self.regions[self.region_index[region_slug]],
                        online_url=f"https://meet.example.org/{forum.slug}-{len(rows)}"
                        if online
                        else "",
                        interpretation_on_request=rng.random() < 0.8,
                        capacity=rng.choice([30, 40, 50, 60, 80, 100, 120, 150, 200, 250, 300]),
                        invitation_only=rng.random() < 0.05,
                        registration_opens_at=opens,
                        registration_closes_at=closes,
                        status=status,
                    )
                )
                self.meeting_groups.append(self.forum_groups[forum_number])
        self.meeting_rows = _insert(Meeting, rows)

        Spoken = Meeting.languages.through
        Interpreted = Meeting.interpretation_languages.through
        spoken, interpreted, quotas = [], [], []
        self.meeting_quotas: list[dict[int, int]] = []
        for meeting, groups in zip(self.meeting_rows, self.meeting_groups, strict=True):
            codes = ["fi"] + [
                code for code, share in (("sv", 0.1), ("en", 0.3)) if rng.random() < share
            ]
            spoken += [
                Spoken(meeting_id=meeting.pk, language_id=self.languages[c].pk) for c in codes
            ]
            interpreted += [
                Interpreted(meeting_id=meeting.pk, language_id=self.languages[code].pk)
                for code in rng.sample(INTERPRETED, rng.randint(0, 3))
            ]
            meeting_quotas: dict[int, int] = {}
            if rng.random() < 0.2:
                # Seats per group so that no group outnumbers the others.
                for group in groups:
                    meeting_quotas[group.pk] = meeting.capacity // len(groups)
                    quotas.append(
                        GroupQuota(
                            meeting_id=meeting.pk,
                            group_id=group.pk,
                            seats=meeting.capacity // len(groups),
                        )
                    )
            self.meeting_quotas.append(meeting_quotas)
        _insert(Spoken, spoken)
        _insert(Interpreted, interpreted)
        _insert(GroupQuota, quotas)
        upcoming = sum(1 for meeting in self.meeting_rows if meeting.ends_at >= self.now)
        self.log(
            f"meetings: {len(self.meeting_rows):,} ({upcoming:,} upcoming), "
            f"languages: {len(spoken) + len(interpreted):,}, group quotas: {len(quotas):,}"
        )

    # Registrations: confirmed in order while seats last, then the waiting list.

    def _registration_window(self, meeting: Meeting) -> tuple[datetime.datetime, datetime.datetime]:
        opens = meeting.registration_opens_at or meeting.starts_at - datetime.timedelta(days=60)
        closes = min(meeting.registration_closes_at or meeting.starts_at, self.now)
        return opens, closes

    def registrations(self) -> None:
        rng = self.rng
        weights = []
        for meeting in self.meeting_rows:
            opens, closes = self._registration_window(meeting)
            if closes <= opens:
                weights.append(0.0)  # registration has not opened yet
            elif meeting.ends_at < self.now:
                weights.append(meeting.capacity * rng.uniform(0.8, 1.6))
            else:
                share = (closes - opens) / (
                    (meeting.registration_closes_at or meeting.starts_at) - opens
                )
                weights.append(meeting.capacity * rng.uniform(0.3, 1.3) * max(share, 0.05))
        counts = _allocate(rng, self.sizes.registrations, weights)
        # The cancel tokens are secrets in real life; here they only have to be unique, also
        # in a second run with the same seed (--force), and repeatable.
        token_rng = random.Random(f"tokens:{self.seed}:{Registration.objects.count()}")  # noqa: S311
        language_codes = [code for code, _weight in REGISTRATION_LANGUAGES]
        language_weights = [weight for _code, weight in REGISTRATION_LANGUAGES]
        consent_version = settings.REGISTRATION_CONSENT_VERSION
        statuses: dict[str, int] = defaultdict(int)

        def rows() -> Iterator[Registration]:
            for meeting, groups, quotas, count in zip(
                self.meeting_rows, self.meeting_groups, self.meeting_quotas, counts, strict=True
            ):
                if not count:
                    continue
                opens, closes = self._registration_window(meeting)
                span = (closes - opens).total_seconds()
                times = sorted(
                    opens + datetime.timedelta(seconds=int(rng.random() * span))
                    for _ in range(count)
                )
                confirmed = 0
                confirmed_by_group: dict[int, int] = defaultdict(int)
                previous_email = ""
                previous_cancelled = False
                for number, created_at in enumerate(times):
                    first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
                    email = f"{_ascii(first)}.{_ascii(last)}.{number}@example.org"
                    if previous_cancelled and rng.random() < 0.2:
                        email = previous_email  # cancelled, then registered again
                    group = rng.choice(groups)
                    cancelled_at = None
                    if rng.random() < 0.06:
                        status = RegistrationStatus.CANCELLED
                        cancelled_at = min(
                            created_at + datetime.timedelta(hours=rng.randint(1, 120)),
                            self.now,
                            meeting.starts_at,
                        )
                    elif confirmed < meeting.capacity and (
                        group.pk not in quotas or confirmed_by_group[group.pk] < quotas[group.pk]
                    ):
                        status = RegistrationStatus.CONFIRMED
                        confirmed += 1
                        confirmed_by_group[group.pk] += 1
                    else:
                        status = RegistrationStatus.WAITING
                    statuses[status] += 1
                    previous_email, previous_cancelled = (
                        email,
                        status == RegistrationStatus.CANCELLED,
                    )
                    code = rng.choices(language_codes, language_weights)[0]
                    ui_language = (
                        code if code in ("fi", "sv", "en") else rng.choice(["fi", "fi", "en"])
                    )
                    interpreter = (
                        self.languages[code]
                        if code not in ("fi", "sv", "en") and rng.random() < 0.4
                        else None
                    )
                    yield Registration(
                        meeting_id=meeting.pk,
                        name=f"{first} {last}",
                        email=email,
                        phone=f"+358 50 {rng.randint(1000000, 9999999)}"
                        if rng.random() < 0.3
                        else "",
                        group_id=group.pk,
                        organisation=rng.choice(self.runners).name_fi  # type: ignore[attr-defined]
                        if rng.random() < 0.3
                        else "",
                        language_id=self.languages[code].pk,
                        ui_language=ui_language,
                        interpreter_language=interpreter,
                        needs="Pyörätuolipaikka" if rng.random() < 0.03 else "",
                        consent_at=created_at,
                        consent_version=consent_version,
                        status=status,
                        address_confirmed_at=created_at,
                        cancel_token=base64.urlsafe_b64encode(token_rng.randbytes(32))
                        .rstrip(b"=")
                        .decode(),
                        created_at=created_at,
                        cancelled_at=cancelled_at,
                    )

        total = _insert_streamed(Registration, rows())
        self.log(
            f"registrations: {total:,} (confirmed {statuses['confirmed']:,}, "
            f"waiting {statuses['waiting']:,}, cancelled {statuses['cancelled']:,})"
        )

    def search_vectors(self) -> None:
        if connection.vendor != "postgresql":
            self.log("search vectors: skipped (SQLite searches the text columns)")
            return
        ids = self.project_ids
        for start in range(0, len(ids), SEARCH_CHUNK):
            project_search_refresh(project_ids=ids[start : start + SEARCH_CHUNK])
        self.log(f"search vectors: {len(ids):,} projects")

    def run(self) -> Sizes:
        # The untranslated columns (name, ...) take the value of the active language: Finnish.
        with translation.override("fi"), transaction.atomic():
            self.reference_data()
            self.organisations()
            self.projects()
            self.implementers()
            self.fundings()
            self.contacts_links_relations()
            self.forums()
            self.meetings()
            self.registrations()
            self.search_vectors()
        if connection.vendor == "postgresql":
            # What autovacuum would do after a while: the planner needs the statistics.
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
            self.log("analyzed")
        return self.sizes


def generate(*, seed: int = 1, scale: float = 1.0, log: Callable[[str], None] = print) -> Sizes:
    """Fill the database; returns the sizes asked for (see Sizes.at_scale)."""
    return Generator(seed=seed, scale=scale, log=log).run()
