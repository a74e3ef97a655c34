"""The names in the benchmark data (bench/data.py): towns, schools, associations and
foundations, people, the national funders and the ELY centres, programmes, themes,
keywords, venues and the languages people ask messages in."""

import random

from projects.models import OrganisationKind

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

# The EU funds' programmes as trees: (the fund's key in NATIONAL, the programme in Finnish and
# English, in force from, its priority axes with their specific objectives as code, Finnish,
# English). A funding names the programme, an axis or an objective.
ESF_PROGRAMMES = [
    ("euroopan-sosiaalirahasto",
     "Kestävää kasvua ja työtä 2014–2020 – Suomen rakennerahasto-ohjelma",
     "Sustainable growth and jobs 2014–2020 – Finland's structural funds programme", 2014, [
         ("TL 4", "Koulutus, ammattitaito ja elinikäinen oppiminen",
          "Education, skills and lifelong learning", [
              ("9.1", "Siirtymävaiheita ja koulutuksellista tasa-arvoa tukevien palveluiden "
                      "parantaminen",
               "Improving services supporting transitions and equality in education"),
              ("9.2", "Kasvu- ja rakennemuutosalojen koulutuksen tarjonnan ja laadun parantaminen",
               "Improving education in growth sectors and sectors in structural change"),
          ]),
         ("TL 5", "Sosiaalinen osallisuus ja köyhyyden torjunta",
          "Social inclusion and combating poverty", [
              ("10.1", "Työelämän ulkopuolella olevien työ- ja toimintakyvyn parantaminen",
               "Improving the capacity for work of people outside working life"),
          ]),
     ]),
    ("euroopan-sosiaalirahasto-plus", "Uudistuva ja osaava Suomi 2021–2027 -ohjelma",
     "Innovation and skills in Finland 2021–2027 programme", 2021, []),
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


def _coined(rng: random.Random) -> str:
    return rng.choice(SYLLABLES_START) + rng.choice(SYLLABLES_END)
