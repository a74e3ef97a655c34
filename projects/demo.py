# The texts use the en dash of Finnish and Swedish typography ("Välitä! – Visa omtanke!").
"""Demo data: the five seed projects (and two member projects of a network) with the
organisations that run and fund them.

The facts (names, dates, funders, organisations, roles) come from the projects' public pages;
every descriptive sentence is written for the portal, and every contact person is fictional
(e-mail at example.org, phone in the 040 000 range).

Text is given per language as {"fi": ..., "sv": ..., "en": ...}. Long texts are wrapped in the
source for readability: when loaded, the lines of a paragraph are joined, a line that starts
with "- " starts a list item, and a blank line separates paragraphs.

`load_demo()` is idempotent: it updates rows by their slug or natural key and removes the rows
of a demo project that are no longer in the data.
"""

import datetime
import re
from collections.abc import Mapping
from typing import Any

from django.db import transaction
from django.utils import translation

from .models import (
    PROJECT_LONG_TEXTS,
    Contact,
    Funding,
    Implementer,
    Keyword,
    Organisation,
    Project,
    ProjectLink,
    ProjectRelation,
    Region,
    Theme,
)
from .services import project_search_refresh

LANGUAGES = ("fi", "sv", "en")

PROJECT_TEXT_FIELDS = ("name", "tagline", "summary", *PROJECT_LONG_TEXTS)

THEMES: list[dict[str, Any]] = [
    {
        "slug": "osallisuus",
        "name": {"fi": "Osallisuus", "sv": "Delaktighet", "en": "Participation"},
    },
    {
        "slug": "yhteisollisyys",
        "name": {"fi": "Yhteisöllisyys", "sv": "Gemenskap", "en": "Sense of community"},
    },
    {
        "slug": "hyvinvointi",
        "name": {"fi": "Hyvinvointi", "sv": "Välbefinnande", "en": "Wellbeing"},
    },
    {
        "slug": "opintojen-keskeyttaminen",
        "name": {
            "fi": "Opintojen keskeyttämisen ehkäisy",
            "sv": "Förebyggande av studieavbrott",
            "en": "Preventing dropout",
        },
    },
    {
        "slug": "opinto-ohjaus",
        "name": {"fi": "Opinto-ohjaus", "sv": "Studiehandledning", "en": "Study guidance"},
    },
    {
        "slug": "maahanmuuttajat",
        "name": {
            "fi": "Maahanmuuttajaperheet",
            "sv": "Invandrarfamiljer",
            "en": "Immigrant families",
        },
    },
    {
        "slug": "kodin-ja-koulun-yhteistyo",
        "name": {
            "fi": "Kodin ja koulun yhteistyö",
            "sv": "Samarbete mellan hem och skola",
            "en": "Home–school cooperation",
        },
    },
]

# In dependency order: a parent comes before its units. Names in sv and en only where an
# established official translation exists; otherwise the Finnish name is shown.
ORGANISATIONS: list[dict[str, Any]] = [
    {
        "slug": "opetushallitus",
        "name": {
            "fi": "Opetushallitus",
            "sv": "Utbildningsstyrelsen",
            "en": "Finnish National Agency for Education",
        },
        "abbreviation": "OPH",
        "kind": "government_agency",
        "website": "https://www.oph.fi/",
    },
    {
        "slug": "euroopan-sosiaalirahasto",
        "name": {
            "fi": "Euroopan sosiaalirahasto",
            "sv": "Europeiska socialfonden",
            "en": "European Social Fund",
        },
        "abbreviation": "ESR",
        "other_names": "ESF",
        "kind": "eu_fund",
    },
    {
        "slug": "pohjois-pohjanmaan-ely-keskus",
        "name": {
            "fi": "Pohjois-Pohjanmaan ELY-keskus",
            "sv": "NTM-centralen i Norra Österbotten",
            "en": (
                "Centre for Economic Development, Transport and the Environment "
                "for North Ostrobothnia"
            ),
        },
        "other_names": (
            "Pohjois-Pohjanmaan elinkeino-, liikenne- ja ympäristökeskus\n"
            "Närings-, trafik- och miljöcentralen i Norra Österbotten\n"
            "North Ostrobothnia ELY Centre"
        ),
        "kind": "ely_centre",
        "region": "pohjois-pohjanmaa",
    },
    # Yhessä
    {
        "slug": "sakky",
        "name": {"fi": "Savon koulutuskuntayhtymä"},
        "abbreviation": "Sakky",
        "other_names": "Savon ammattiopisto",
        "kind": "education_provider",
        "website": "https://www.sakky.fi/",
        "region": "pohjois-savo",
    },
    {
        "slug": "ekami",
        "name": {"fi": "Kotkan-Haminan seudun koulutuskuntayhtymä"},
        "abbreviation": "Ekami",
        "other_names": "Etelä-Kymenlaakson ammattiopisto",
        "kind": "education_provider",
        "website": "https://www.ekami.fi/",
        "region": "kymenlaakso",
    },
    {
        "slug": "kao",
        "name": {"fi": "Kajaanin kaupungin koulutusliikelaitos"},
        "abbreviation": "KAO",
        "other_names": "Kainuun ammattiopisto",
        "kind": "education_provider",
        "region": "kainuu",
    },
    {
        "slug": "samiedu",
        "name": {"fi": "Itä-Savon koulutuskuntayhtymä"},
        "abbreviation": "Samiedu",
        "kind": "education_provider",
        "website": "https://www.samiedu.fi/",
        "region": "etela-savo",
    },
    {
        "slug": "pkky",
        "name": {"fi": "Pohjois-Karjalan koulutuskuntayhtymä"},
        "abbreviation": "PKKY",
        "other_names": "Riveria",
        "kind": "education_provider",
        "region": "pohjois-karjala",
    },
    {
        "slug": "esedu",
        "name": {"fi": "Etelä-Savon koulutus Oy"},
        "abbreviation": "Esedu",
        "other_names": "Etelä-Savon ammattiopisto",
        "kind": "education_provider",
        "website": "https://www.esedu.fi/",
        "region": "etela-savo",
    },
    {
        "slug": "ysao",
        "name": {"fi": "Ylä-Savon koulutuskuntayhtymä"},
        "abbreviation": "YSAO",
        "other_names": "Ylä-Savon ammattiopisto",
        "kind": "education_provider",
        "website": "https://www.ysao.fi/",
        "region": "pohjois-savo",
    },
    {
        "slug": "edupoli",
        "name": {"fi": "Itä-Uudenmaan koulutuskuntayhtymä"},
        "abbreviation": "Edupoli",
        "kind": "education_provider",
        "region": "uusimaa",
    },
    # Välitä! – Visa omtanke! and its member projects
    {
        "slug": "winnova",
        "name": {"fi": "Länsirannikon Koulutus Oy WinNova"},
        "abbreviation": "WinNova",
        "kind": "education_provider",
        "website": "https://www.winnova.fi/",
        "region": "satakunta",
    },
    {
        "slug": "saku-ry",
        "name": {"fi": "Saku ry"},
        "abbreviation": "Saku",
        "kind": "association",
    },
    {
        "slug": "suomen-kansanopistoyhdistys",
        "name": {"fi": "Suomen Kansanopistoyhdistys"},
        "kind": "association",
    },
    # Keskeyttämisestä kohtaamiseen
    {
        "slug": "vantaan-kaupunki",
        "name": {"fi": "Vantaan kaupunki", "sv": "Vanda stad", "en": "City of Vantaa"},
        "kind": "municipality",
        "website": "https://www.vantaa.fi/",
        "region": "uusimaa",
    },
    {
        "slug": "varia",
        "name": {
            "fi": "Vantaan ammattiopisto Varia",
            "en": "Vantaa Vocational College Varia",
        },
        "abbreviation": "Varia",
        "kind": "education_provider",
        "parent": "vantaan-kaupunki",
        "website": "https://www.varia.fi/",
        "region": "uusimaa",
    },
    # VAMOS
    {
        "slug": "helsingin-diakonissalaitoksen-saatio",
        "name": {"fi": "Helsingin Diakonissalaitoksen säätiö"},
        "abbreviation": "HDL",
        "other_names": "Helsingin Diakonissalaitos\nHelsinki Deaconess Institute",
        "kind": "foundation",
        "website": "https://www.hdl.fi/",
        "region": "uusimaa",
    },
    {
        "slug": "suomen-diakoniaopisto",
        "name": {"fi": "Suomen Diakoniaopisto"},
        "abbreviation": "SDO",
        "kind": "education_provider",
    },
    {
        "slug": "turun-ammatti-instituutti",
        "name": {"fi": "Turun ammatti-instituutti", "en": "Turku Vocational Institute"},
        "abbreviation": "TAI",
        "kind": "education_provider",
        "region": "varsinais-suomi",
    },
    {
        "slug": "omnia",
        "name": {"fi": "Espoon seudun koulutuskuntayhtymä Omnia"},
        "abbreviation": "Omnia",
        "kind": "education_provider",
        "website": "https://www.omnia.fi/",
        "region": "uusimaa",
    },
]

PROJECT_MANAGER = {"fi": "Projektipäällikkö", "sv": "Projektchef", "en": "Project manager"}

PROJECTS: list[dict[str, Any]] = [
    # --- 000: OmaPolku -------------------------------------------------------------------
    {
        "slug": "omapolku",
        "kind": "project",
        "acronym": "",
        "start_date": datetime.date(2019, 1, 1),
        "start_precision": "year",
        "end_date": None,
        "end_precision": "day",
        "stated_phase": "",
        "text": {
            "name": {"fi": "OmaPolku", "sv": "OmaPolku", "en": "OmaPolku"},
            "tagline": {
                "fi": "Yhteistyöfoorumeita maahanmuuttajaperheille ja opinto-ohjaajille",
                "sv": "Samarbetsforum för invandrarfamiljer och studiehandledare",
                "en": "Cooperation forums for immigrant families and study counsellors",
            },
            "summary": {
                "fi": """
                    OmaPolku tukee maahanmuuttajataustaisia nuoria, kun he valitsevat
                    koulutuspolkuaan peruskoulun jälkeen. Hanke järjestää Uudellamaalla
                    yhteistyöfoorumeita, joissa vanhemmat, nuoret, opinto-ohjaajat ja järjestöt
                    etsivät yhdessä keinoja parantaa kodin ja koulun yhteistyötä.
                """,
                "sv": """
                    OmaPolku stöder unga med invandrarbakgrund när de väljer utbildningsväg
                    efter grundskolan. Projektet ordnar samarbetsforum i Nyland där föräldrar,
                    unga, studiehandledare och organisationer tillsammans söker sätt att
                    förbättra samarbetet mellan hem och skola.
                """,
                "en": """
                    OmaPolku supports young people with an immigrant background as they choose
                    their path after basic education. The project runs cooperation forums in
                    Uusimaa where parents, young people, study counsellors and associations look
                    together for ways to improve cooperation between home and school.
                """,
            },
            "description": {
                "fi": """
                    Siirtyminen peruskoulusta toiselle asteelle on nuorelle iso päätös, ja
                    vanhempien tuki on siinä tärkeää. Maahanmuuttajavanhemmille suomalainen
                    koulutusjärjestelmä vaihtoehtoineen voi kuitenkin olla vieras, eikä
                    yhteydenpito koulun ja opinto-ohjaajan kanssa aina suju. OmaPolku haluaa
                    vahvistaa tätä vuorovaikutusta.

                    Yhteistyöfoorumit ovat yksi hankkeen keskeisistä työmuodoista. Niissä
                    maahanmuuttajataustaiset nuoret, heidän vanhempansa, opinto-ohjaajat,
                    maahanmuuttajajärjestöjen edustajat ja muut asiantuntijat kohtaavat
                    tasavertaisina. Keskustelu on avointa, ja ratkaisut kodin ja koulun
                    yhteistyöhön etsitään yhdessä sen sijaan, että ne annettaisiin valmiina.

                    Foorumien suunnittelu käynnistyi syksyllä 2020, ja niitä pidetään Uudenmaan
                    alueella hankkeen toisena ja kolmantena vuotena. Ajankohtaiset kuulumiset
                    löytyvät hankkeen Facebook-sivulta.
                """,
                "sv": """
                    Övergången från grundskolan till andra stadiet är ett stort beslut för en
                    ung person, och föräldrarnas stöd spelar en viktig roll. För föräldrar som
                    har flyttat till Finland kan utbildningssystemet och dess alternativ vara
                    obekanta, och kontakten med skolan och studiehandledaren fungerar inte
                    alltid. OmaPolku vill stärka den kontakten.

                    Samarbetsforumen är en central del av projektets arbete. Där möts unga med
                    invandrarbakgrund, deras föräldrar, studiehandledare, representanter för
                    invandrarorganisationer och andra sakkunniga som jämlika parter. Samtalet är
                    öppet, och lösningarna för samarbetet mellan hem och skola tas fram
                    tillsammans i stället för att ges färdiga.

                    Planeringen av forumen inleddes hösten 2020, och de ordnas i Nyland under
                    projektets andra och tredje verksamhetsår. Aktuella nyheter finns på
                    projektets Facebooksida.
                """,
                "en": """
                    Moving on from basic education to upper secondary studies is a big decision
                    for a young person, and the support of parents matters. For parents who have
                    moved to Finland, the Finnish education system and its options can be
                    unfamiliar, and contact with the school and the study counsellor does not
                    always work well. OmaPolku sets out to strengthen that connection.

                    Cooperation forums are one of the project's main ways of working. At a forum,
                    study counsellors, immigrant parents and their children, people from
                    immigrant associations and other experts meet as equals. The discussion is
                    open, and solutions for cooperation between home and school are worked out
                    jointly rather than handed down.

                    Planning of the forums started in autumn 2020; they take place in Uusimaa in
                    the second and third years of the project. Updates from the forums appear on
                    OmaPolku's Facebook page.
                """,
            },
            "target_group": {
                "fi": """
                    - Maahanmuuttajataustaiset nuoret, jotka suunnittelevat perusopetuksen
                      jälkeisiä opintojaan
                    - Maahanmuuttajavanhemmat
                    - Opinto-ohjaajat
                    - Maahanmuuttajajärjestöjen edustajat
                    - Muut kodin ja koulun yhteistyötä kehittävät tahot ja asiantuntijat
                """,
                "sv": """
                    - Unga med invandrarbakgrund som planerar sina studier efter grundskolan
                    - Föräldrar med invandrarbakgrund
                    - Studiehandledare
                    - Representanter för invandrarorganisationer
                    - Andra aktörer och sakkunniga som utvecklar samarbetet mellan hem och skola
                """,
                "en": """
                    - Young people with an immigrant background who are planning their studies
                      after basic education
                    - Immigrant parents
                    - Study counsellors
                    - Representatives of immigrant associations
                    - Other stakeholders and experts working on cooperation between home and
                      school
                """,
            },
            "goals": {
                "fi": """
                    - Maahanmuuttajavanhempien ja opinto-ohjaajien vuorovaikutus paranee
                    - Vanhemmat pystyvät tukemaan nuorta jatko-opintojen valinnassa
                    - Kodin ja koulun yhteistyöhön löytyy yhdessä sovittuja, toimivia tapoja
                """,
                "sv": """
                    - Bättre kontakt mellan föräldrar med invandrarbakgrund och
                      studiehandledare
                    - Föräldrarna kan stödja den unga i valet av fortsatta studier
                    - Fungerande former för samarbetet mellan hem och skola, överenskomna
                      tillsammans
                """,
                "en": """
                    - Better interaction between immigrant parents and study counsellors
                    - Parents able to support their young person in choosing further studies
                    - Workable, jointly agreed ways of cooperating between home and school
                """,
            },
            "implementation": {
                "fi": """
                    - Yhteistyöfoorumien suunnittelu syksystä 2020 alkaen
                    - Foorumeita Uudellamaalla hankkeen toisena ja kolmantena toimintavuotena
                    - Foorumeissa kaikki osallistujat ovat tasavertaisia, ja työskentely
                      perustuu avoimeen dialogiin
                    - Foorumien kuulumisista kerrotaan hankkeen Facebook-sivulla
                """,
                "sv": """
                    - Planering av samarbetsforumen från hösten 2020
                    - Forum i Nyland under projektets andra och tredje verksamhetsår
                    - Alla deltagare är jämlika, och arbetet bygger på öppen dialog
                    - Nyheter från forumen delas på projektets Facebooksida
                """,
                "en": """
                    - Planning of the cooperation forums from autumn 2020
                    - Forums held in Uusimaa in the second and third years of the project
                    - All participants take part as equals, and the work is based on open
                      dialogue
                    - Updates from the forums on OmaPolku's Facebook page
                """,
            },
        },
        "themes": ["maahanmuuttajat", "opinto-ohjaus", "kodin-ja-koulun-yhteistyo", "osallisuus"],
        "keywords": [],
        "regions": ["uusimaa"],
        "implementers": [],
        "fundings": [],
        "contacts": [],
        "links": [
            {
                "kind": "facebook",
                "url": "https://www.facebook.com/OmaPolkuproject",
                "label": {
                    "fi": "OmaPolku Facebookissa",
                    "sv": "OmaPolku på Facebook",
                    "en": "OmaPolku on Facebook",
                },
            },
        ],
    },
    # --- 001: Yhessä ---------------------------------------------------------------------
    {
        "slug": "yhessa",
        "kind": "project",
        "acronym": "",
        "start_date": datetime.date(2017, 12, 13),
        "start_precision": "day",
        "end_date": datetime.date(2019, 12, 31),
        "end_precision": "day",
        "stated_phase": "",
        "text": {
            "name": {"fi": "Yhessä", "sv": "Yhessä", "en": "Yhessä"},
            "tagline": {
                "fi": "Osallisuutta ja yhteisöllisyyttä ammatillisiin oppilaitoksiin",
                "sv": "Delaktighet och gemenskap i yrkesläroanstalterna",
                "en": "Participation and community in vocational schools",
            },
            "summary": {
                "fi": """
                    Kahdeksan ammatillisen koulutuksen järjestäjän Yhessä-hanke kehitti tapoja
                    ottaa opiskelijat mukaan oppilaitoksen toimintaan ja uudisti
                    opiskeluhuollon palveluja ammatillisen koulutuksen reformin hengessä.
                """,
                "sv": """
                    I projektet Yhessä utvecklade åtta anordnare av yrkesutbildning sätt att
                    göra de studerande delaktiga i läroanstaltens verksamhet och förnyade
                    studerandevårdens tjänster i linje med reformen av yrkesutbildningen.
                """,
                "en": """
                    In Yhessä, eight vocational education providers developed ways of involving
                    students in the life of their schools and renewed student welfare services
                    in line with the reform of vocational education.
                """,
            },
            "description": {
                "fi": """
                    Yhessä oli Opetushallituksen rahoittama verkostohanke, jota koordinoi
                    Savon koulutuskuntayhtymä Sakky. Mukana oli kahdeksan ammatillisen
                    koulutuksen järjestäjää Savosta, Pohjois-Karjalasta, Kainuusta,
                    Kymenlaaksosta ja Itä-Uudeltamaalta.

                    Verkoston oppilaitokset esittelivät toisilleen keinoja, joilla ne olivat
                    onnistuneet osallistamaan opiskelijoita, kokeilivat niitä ja muokkasivat
                    niistä omaan arkeensa sopivia. Samalla kehitettiin opiskelijakunta- ja
                    tutortoimintaa sekä opiskeluhuollon ja oppilaitoksen opiskelijapalvelujen
                    moniammatillista yhteistyötä.
                """,
                "sv": """
                    Yhessä var ett nätverksprojekt som finansierades av Utbildningsstyrelsen
                    och koordinerades av Savon koulutuskuntayhtymä Sakky. I projektet deltog
                    åtta anordnare av yrkesutbildning från Savolax, Norra Karelen,
                    Kajanaland, Kymmenedalen och östra Nyland.

                    Läroanstalterna i nätverket presenterade för varandra metoder som hade
                    fungerat för att göra de studerande delaktiga, testade dem och anpassade
                    dem till sin egen vardag. Samtidigt utvecklades studerandekårens och
                    tutorernas verksamhet samt det sektorsövergripande samarbetet mellan
                    studerandevården och läroanstaltens studerandetjänster.
                """,
                "en": """
                    Yhessä was a network project funded by the Finnish National Agency for
                    Education and coordinated by Savon koulutuskuntayhtymä (Sakky). Eight
                    vocational education providers from Savo, North Karelia, Kainuu,
                    Kymenlaakso and eastern Uusimaa took part.

                    The schools in the network showed each other methods that had worked for
                    involving students, tried them out and adapted them to their own everyday
                    work. Alongside this, they developed the work of student unions and peer
                    tutors, and multiprofessional cooperation between student welfare services
                    and the schools' own student services.
                """,
            },
            "target_group": {
                "fi": """
                    - Verkoston oppilaitosten opiskelijat ja henkilöstö
                    - Kehittämistyöhön osallistuvat opiskelijaryhmät
                    - Opiskelijapalveluista vastaavat asiantuntijat
                """,
                "sv": """
                    - Studerande och personal vid nätverkets läroanstalter
                    - Studerandegrupper som deltar i utvecklingsarbetet
                    - Sakkunniga som ansvarar för studerandetjänsterna
                """,
                "en": """
                    - Students and staff of the network's schools
                    - Student groups taking part in the development work
                    - Specialists responsible for student services
                """,
            },
            "goals": {
                "fi": """
                    - Hyväksi havaitut osallistamisen käytännöt leviävät verkoston
                      oppilaitoksesta toiseen ja muokkautuvat kunkin omaan käyttöön
                    - Osaaminen yhteisöllisyyden rakentamisessa kasvaa ja vahvistuu
                    - Opiskelijat saavat reformin mukaisia uusia opiskeluhuollon palveluja
                """,
                "sv": """
                    - Beprövade sätt att göra de studerande delaktiga sprids mellan
                      läroanstalterna och anpassas till var och ens behov
                    - Kunnandet i att bygga gemenskap växer och stärks
                    - De studerande får nya tjänster inom studerandevården i enlighet med
                      reformen
                """,
                "en": """
                    - Proven practices for involving students spread across the network and
                      are adapted by each school
                    - Stronger skills in building a sense of community
                    - New student welfare services for students, in line with the reform
                """,
            },
            "implementation": {
                "fi": """
                    - Oppilaitokset esittelevät toisilleen toimiviksi havaittuja osallistavia
                      käytäntöjä, kokeilevat niitä ja sovittavat ne omaan toimintaansa
                    - Opiskelijakunnan toimintaa viedään opiskelijatoiminnan koordinaattorin
                      tuella opiskelijalähtöisempään suuntaan, ja tutortoimintaa kehitetään
                      yhdessä opiskelijoiden kanssa
                    - Oppilaitoksen ja kaupunkien opiskeluhuollon edustajista koottu työryhmä
                      laatii joustavan mallin opiskeluhuollon ja opiskelijapalvelujen
                      moniammatilliselle yhteistyölle
                """,
                "sv": """
                    - Läroanstalterna presenterar delaktighetsmetoder som fungerat väl för
                      varandra, testar dem och anpassar dem till sin egen verksamhet
                    - Studerandekårens verksamhet utgår i högre grad från de studerande, med
                      stöd av en koordinator för studerandeverksamhet, och tutorverksamheten
                      utvecklas tillsammans med de studerande
                    - En arbetsgrupp med företrädare för läroanstalten och städernas
                      studerandevård tar fram en flexibel modell för sektorsövergripande
                      samarbete mellan studerandevården och studerandetjänsterna
                """,
                "en": """
                    - The schools present participatory practices that have worked for them to
                      each other, try them out and fit them to their own work
                    - With the support of a student activities coordinator, the student union
                      becomes more student-led, and peer tutoring is developed together with
                      students
                    - A working group of school staff and representatives of the cities'
                      student welfare services designs a flexible model for multiprofessional
                      cooperation between student welfare and the school's student services
                """,
            },
            "results": {
                "fi": """
                    - Valmis, pilotoitu toimintatapa, joka lisää osallisuutta ja
                      yhteisöllisyyttä oppilaitoksessa
                    - Ekamissa toimii opiskelijalähtöinen opiskelijakunta, joka on valmennettu
                      osallistumaan päätöksentekoon
                    - Ekamin tutortoiminnalle on laadittu yhteiset puitteet, ja ne ovat
                      käytössä
                    - Ekamilla on toimiva opiskeluhuoltosuunnitelma
                """,
                "sv": """
                    - En färdig och pilottestad arbetsmodell som ökar delaktigheten och
                      gemenskapen i läroanstalten
                    - Vid Ekami verkar en studerandekår som utgår från de studerande och har
                      tränats för att delta i beslutsfattandet
                    - Gemensamma ramar för tutorverksamheten vid Ekami har tagits fram och
                      tagits i bruk
                    - Ekami har en fungerande plan för studerandevården
                """,
                "en": """
                    - A ready-made, piloted way of working that increases participation and
                      community in the school
                    - At Ekami, a student-led student union trained to take part in
                      decision-making
                    - A common framework for peer tutoring at Ekami, drawn up and in use
                    - A working student welfare plan at Ekami
                """,
            },
        },
        "themes": ["osallisuus", "yhteisollisyys", "hyvinvointi"],
        "keywords": [],
        "regions": [
            "pohjois-savo",
            "kymenlaakso",
            "kainuu",
            "etela-savo",
            "pohjois-karjala",
            "uusimaa",
        ],
        "implementers": [
            ("sakky", "coordinator"),
            ("ekami", "co_implementer"),
            ("kao", "co_implementer"),
            ("samiedu", "co_implementer"),
            ("pkky", "co_implementer"),
            ("esedu", "co_implementer"),
            ("ysao", "co_implementer"),
            ("edupoli", "co_implementer"),
        ],
        "fundings": [{"funder": "opetushallitus"}],
        "contacts": [
            {
                "name": "Aino Virtanen",
                "title": PROJECT_MANAGER,
                "organisation": "ekami",
                "email": "aino.virtanen@example.org",
                "phone": "+358 40 000 1234",
            },
        ],
        "links": [],
    },
    # --- 002: Välitä! – Visa omtanke! ----------------------------------------------------
    {
        "slug": "valita-visa-omtanke",
        "kind": "coordination",
        "acronym": "",
        "start_date": None,
        "start_precision": "day",
        "end_date": None,
        "end_precision": "day",
        "stated_phase": "",
        "text": {
            "name": {
                "fi": "Välitä! – Visa omtanke!",
                "sv": "Välitä! – Visa omtanke!",
                "en": "Välitä! – Visa omtanke!",
            },
            "tagline": {
                "fi": "Sosiaalisesti kestävää ammatillista koulutusta kehittävien hankkeiden "
                "valtakunnallinen verkosto",
                "sv": "Ett nationellt nätverk för projekt som utvecklar socialt hållbar "
                "yrkesutbildning",
                "en": "A national network of projects developing socially sustainable "
                "vocational education and training",
            },
            "summary": {
                "fi": """
                    WinNovan vetämä koordinaatiohanke kokoaa yhteen eri puolilla Suomea
                    toimivat hankkeet, jotka kehittävät sosiaalisesti kestävää ammatillista
                    koulutusta. Verkostossa jaetaan osaamista, annetaan vertaispalautetta ja
                    arvioidaan kehittämistyön vaikutuksia.
                """,
                "sv": """
                    Koordineringsprojektet, som leds av WinNova, för samman projekt runt om i
                    Finland som utvecklar socialt hållbar yrkesutbildning. I nätverket delar
                    man kunnande, ger varandra kollegial respons och bedömer vilka effekter
                    utvecklingsarbetet har.
                """,
                "en": """
                    Led by WinNova, this coordination project connects projects across Finland
                    that develop socially sustainable vocational education and training. The
                    network shares expertise, offers peer feedback and looks at the impact of
                    the development work.
                """,
            },
            "description": {
                "fi": """
                    Välitä! – Visa omtanke! -verkoston hankkeilla on paljon osaamista
                    esimerkiksi opiskelijoiden osallisuuden ja vaikuttamisen, yhteisöllisyyden
                    ja erityisen tuen kehittämisestä. Koordinaatiohanke auttaa hankkeita
                    oppimaan toisiltaan ja arvioimaan työnsä vaikutuksia sekä laadullisesti
                    että määrällisesti.

                    Verkostohankkeiden projektipäälliköt ja muut toimijat tapaavat
                    koordinaatioryhmässä. Tapaamisissa hankkeet esittelevät työtään,
                    esimerkiksi Hymy-hankkeen mallia kehittämistoiminnan organisointiin tai
                    Sokka-hankkeen osallisuuskarttaa, ja saavat muilta vertaispalautetta.

                    Lisäksi verkostolla on Round Table -asiantuntijaryhmä, joka kokoontuu noin
                    kaksi kertaa vuodessa. Sen jäsenet tuovat asiantuntemusta ohjelman
                    keskeisistä teemoista: opiskelijoiden osallistumisesta ja vaikuttamisesta,
                    oppilaitosyhteisön tasa-arvosta ja yhdenvertaisuudesta, arjenhallinnasta
                    sekä hyvinvointijohtamisesta. Koordinaatiohanke tähtää valtakunnalliseksi
                    vertaiskehittämisen yhteisöksi.
                """,
                "sv": """
                    Projekten i nätverket Välitä! – Visa omtanke! har bred erfarenhet av att
                    utveckla bland annat de studerandes delaktighet och påverkan, gemenskap och
                    särskilt stöd. Koordineringsprojektet hjälper projekten att lära av
                    varandra och att bedöma effekterna av sitt arbete både kvalitativt och
                    kvantitativt.

                    Projektcheferna och andra aktörer i nätverksprojekten träffas i en
                    koordineringsgrupp. Där presenterar projekten sitt arbete, till exempel
                    Hymy-projektets modell för att organisera utvecklingsarbete eller
                    Sokka-projektets delaktighetskarta, och får kollegial respons av de andra.

                    Nätverket har dessutom expertgruppen Round Table, som samlas ungefär två
                    gånger om året. Medlemmarna representerar programmets centrala teman: de
                    studerandes möjligheter att delta och påverka, jämställdhet och
                    likabehandling i läroanstalten, vardagskompetens och ledning av
                    välbefinnande. Målet är att bli en nationell gemenskap för kollegial
                    utveckling.
                """,
                "en": """
                    The projects in the Välitä! – Visa omtanke! network have a wealth of
                    experience in developing, for example, student participation and influence,
                    community-building practices and special support. The coordination project
                    helps them learn from one another and assess the impact of their work both
                    qualitatively and quantitatively.

                    Project managers and other staff from the network projects meet in a
                    coordination group. At the meetings the projects present their work, such
                    as the Hymy project's model for organising development work or the Sokka
                    project's participation map, and receive peer feedback from the others.

                    The network also has a Round Table expert group that meets about twice a
                    year. Its members bring expertise in the programme's key themes: student
                    participation and influence, equality and non-discrimination in the school
                    community, students' everyday life skills, and wellbeing management. The
                    coordination project aims to become a national community of peer
                    development.
                """,
            },
            "target_group": {
                "fi": """
                    - Verkostoon kuuluvien hankkeiden projektipäälliköt ja muut toimijat
                    - Sosiaalisesti kestävän ammatillisen koulutuksen teemojen asiantuntijat ja
                      tutkijat
                """,
                "sv": """
                    - Projektchefer och andra aktörer i nätverkets projekt
                    - Sakkunniga och forskare inom temana för socialt hållbar yrkesutbildning
                """,
                "en": """
                    - Project managers and other staff of the network projects
                    - Experts and researchers in the themes of socially sustainable vocational
                      education and training
                """,
            },
            "goals": {
                "fi": """
                    - Verkostohankkeet jakavat osaamistaan ja oppivat toisiltaan
                    - Kehittämistyön vaikutuksia arvioidaan laadullisesti ja määrällisesti
                    - Verkostosta kasvaa valtakunnallinen vertaiskehittämisen yhteisö, joka
                      edistää sosiaalisesti kestävää ammatillista koulutusta
                """,
                "sv": """
                    - Nätverksprojekten delar kunnande och lär av varandra
                    - Effekterna av utvecklingsarbetet bedöms kvalitativt och kvantitativt
                    - Nätverket växer till en nationell gemenskap för kollegial utveckling som
                      främjar socialt hållbar yrkesutbildning
                """,
                "en": """
                    - Network projects share their expertise and learn from each other
                    - The impact of the development work is assessed qualitatively and
                      quantitatively
                    - The network grows into a national peer-development community that
                      promotes socially sustainable vocational education and training
                """,
            },
            "implementation": {
                "fi": """
                    - Koordinaatioryhmän tapaamiset verkostohankkeiden projektipäälliköille ja
                      toimijoille
                    - Hankkeiden työn esittelyt ja vertaispalaute kehittämistyön tueksi
                    - Round Table -asiantuntijaryhmä, joka kokoontuu noin kaksi kertaa
                      vuodessa ja perehtyy verkostohankkeiden kehittämistyöhön
                """,
                "sv": """
                    - Möten i koordineringsgruppen för projektchefer och aktörer i
                      nätverksprojekten
                    - Projekten presenterar sitt arbete och får kollegial respons
                    - Expertgruppen Round Table, som samlas ungefär två gånger om året och
                      fördjupar sig i nätverksprojektens utvecklingsarbete
                """,
                "en": """
                    - Coordination group meetings for project managers and staff of the
                      network projects
                    - Presentations of the projects' work, with peer feedback to support it
                    - A Round Table expert group that meets about twice a year and looks
                      closely at the network projects' development work
                """,
            },
            "results": {
                "fi": """
                    - Verkostohankkeet ovat esitelleet toisilleen tuotoksiaan, kuten
                      Hymy-hankkeen mallin kehittämistoiminnan organisointiin ja
                      Sokka-hankkeen osallisuuskartan
                    - Round Table -asiantuntijaryhmä on perustettu ja aloittanut työnsä
                """,
                "sv": """
                    - Nätverksprojekten har presenterat sina resultat för varandra, till
                      exempel Hymy-projektets modell för att organisera utvecklingsarbete och
                      Sokka-projektets delaktighetskarta
                    - Expertgruppen Round Table har bildats och inlett sitt arbete
                """,
                "en": """
                    - The network projects have presented their outputs to each other, such as
                      the Hymy project's model for organising development work and the Sokka
                      project's participation map
                    - The Round Table expert group has been set up and has started its work
                """,
            },
        },
        "themes": ["osallisuus", "yhteisollisyys", "hyvinvointi"],
        "keywords": [],
        "regions": [],
        "implementers": [("winnova", "coordinator")],
        "fundings": [
            {
                "funder": "opetushallitus",
                "programme": {
                    "fi": "Sosiaalisesti kestävä ammatillinen koulutus",
                    "sv": "Socialt hållbar yrkesutbildning",
                    "en": "Socially sustainable vocational education and training",
                },
            },
        ],
        "contacts": [
            {
                "name": "Sanna Koskinen",
                "title": PROJECT_MANAGER,
                "organisation": "winnova",
                "email": "sanna.koskinen@example.org",
                "phone": "+358 40 000 1238",
            },
        ],
        "links": [
            {
                "kind": "website",
                "url": "https://www.winnova.fi/valita/",
                "label": {
                    "fi": "Välitä!-verkosto WinNovan sivuilla",
                    "sv": "Välitä!-nätverket på WinNovas webbplats",
                    "en": "The Välitä! network on WinNova's website",
                },
            },
        ],
    },
    # --- Member projects of Välitä! (from seed 002) --------------------------------------
    {
        "slug": "hymy",
        "kind": "project",
        "acronym": "",
        "start_date": None,
        "start_precision": "day",
        "end_date": None,
        "end_precision": "day",
        "stated_phase": "",
        "text": {
            "name": {"fi": "Hymy", "sv": "Hymy", "en": "Hymy"},
            "tagline": {
                "fi": "Strategiaan kytkettyä kehittämistä ja opiskelijoiden tiimioppimista",
                "sv": "Strategiskt förankrad utveckling och teaminlärning för studerande",
                "en": "Strategy-linked development work and team learning for students",
            },
            "summary": {
                "fi": """
                    Saku ry:n koordinoima Hymy kuuluu Välitä! – Visa omtanke! -verkostoon.
                    Hanke on kehittänyt Kiinni strategiaan -mallin kehittämistoiminnan
                    organisointiin sekä käytäntöjä opiskelijoiden tiimioppimiseen.
                """,
                "sv": """
                    Hymy koordineras av Saku ry och hör till nätverket Välitä! – Visa omtanke!.
                    Projektet har tagit fram modellen Kiinni strategiaan för att organisera
                    utvecklingsarbete samt arbetssätt för de studerandes teaminlärning.
                """,
                "en": """
                    Hymy, coordinated by Saku ry, is part of the Välitä! – Visa omtanke!
                    network. It has developed the Kiinni strategiaan model for organising
                    development work, and practices for team learning among students.
                """,
            },
            "description": {
                "fi": """
                    Hymy esitteli työtään Välitä!-verkoston koordinaatioryhmän tapaamisessa,
                    jossa muut verkostohankkeet antoivat siitä vertaispalautetta. Kokemukset
                    kehittämistyön kytkemisestä strategiaan ja tiimioppimisesta hyödyttävät
                    muitakin sosiaalisesti kestävän ammatillisen koulutuksen kehittäjiä.
                """,
                "sv": """
                    Hymy presenterade sitt arbete på ett möte i Välitä!-nätverkets
                    koordineringsgrupp, där de andra nätverksprojekten gav kollegial respons.
                    Erfarenheterna av att knyta utvecklingsarbetet till strategin och av
                    teaminlärning kommer också andra som utvecklar socialt hållbar
                    yrkesutbildning till nytta.
                """,
                "en": """
                    Hymy presented its work at a meeting of the Välitä! network's coordination
                    group, where the other network projects gave peer feedback. Its experience
                    of tying development work to strategy and of team learning is useful to
                    others developing socially sustainable vocational education as well.
                """,
            },
            "results": {
                "fi": """
                    - Kiinni strategiaan – malli kehittämistoiminnan organisointiin
                    - Käytäntöjä opiskelijoiden tiimioppimiseen
                """,
                "sv": """
                    - Kiinni strategiaan – en modell för att organisera utvecklingsarbete
                    - Arbetssätt för de studerandes teaminlärning
                """,
                "en": """
                    - Kiinni strategiaan, a model for organising development work
                    - Practices for team learning among students
                """,
            },
        },
        "themes": ["osallisuus", "yhteisollisyys"],
        "keywords": [],
        "regions": [],
        "implementers": [("saku-ry", "coordinator")],
        "fundings": [],
        "contacts": [],
        "links": [],
    },
    {
        "slug": "sokka",
        "kind": "project",
        "acronym": "",
        "start_date": None,
        "start_precision": "day",
        "end_date": None,
        "end_precision": "day",
        "stated_phase": "",
        "text": {
            "name": {"fi": "Sokka", "sv": "Sokka", "en": "Sokka"},
            "tagline": {
                "fi": "Opiskelijoiden osallisuutta ja opiskelijakuntatoimintaa kansanopistoissa",
                "sv": "Delaktighet och studerandekårsverksamhet vid folkhögskolorna",
                "en": "Student participation and student union activities in folk high schools",
            },
            "summary": {
                "fi": """
                    Suomen Kansanopistoyhdistyksen vetämä Sokka kuuluu Välitä! – Visa omtanke!
                    -verkostoon. Hanke on kehittänyt opiskelijan osallisuuskartan sekä mallin
                    ja oppaan opiskelijakuntatoimintaan.
                """,
                "sv": """
                    Sokka leds av Suomen Kansanopistoyhdistys och hör till nätverket Välitä! –
                    Visa omtanke!. Projektet har tagit fram en delaktighetskarta för studerande
                    samt en modell och en guide för studerandekårsverksamhet.
                """,
                "en": """
                    Sokka, led by Suomen Kansanopistoyhdistys (the Finnish folk high school
                    association), is part of the Välitä! – Visa omtanke! network. It has
                    developed a participation map for students and a model and guide for
                    student union activities.
                """,
            },
            "description": {
                "fi": """
                    Sokka esitteli tuotoksiaan Välitä!-verkoston koordinaatioryhmässä. Samassa
                    tapaamisessa verkoston hankkeet tutustuivat myös kansanopistojen
                    hyvinvointijohtamisen vuosikelloon.
                """,
                "sv": """
                    Sokka presenterade sina resultat i Välitä!-nätverkets koordineringsgrupp.
                    Vid samma möte bekantade sig nätverkets projekt också med folkhögskolornas
                    årsklocka för ledning av välbefinnande.
                """,
                "en": """
                    Sokka presented its outputs to the Välitä! network's coordination group. At
                    the same meeting, the network projects also got to know the folk high
                    schools' annual calendar for wellbeing management.
                """,
            },
            "results": {
                "fi": """
                    - Opiskelijan osallisuuskartta
                    - Opiskelijakuntatoiminnan mallinnus
                    - Opas opiskelijakuntatoimintaan
                """,
                "sv": """
                    - Delaktighetskarta för studerande
                    - Modell för studerandekårsverksamhet
                    - Guide för studerandekårsverksamhet
                """,
                "en": """
                    - A participation map for students
                    - A model of student union activities
                    - A guide to student union activities
                """,
            },
        },
        "themes": ["osallisuus", "hyvinvointi"],
        "keywords": [],
        "regions": [],
        "implementers": [("suomen-kansanopistoyhdistys", "coordinator")],
        "fundings": [],
        "contacts": [],
        "links": [],
    },
    # --- 003: Keskeyttämisestä kohtaamiseen ----------------------------------------------
    {
        "slug": "keskeyttamisesta-kohtaamiseen",
        "kind": "project",
        "acronym": "",
        "start_date": datetime.date(2019, 3, 1),
        "start_precision": "day",
        "end_date": datetime.date(2021, 12, 31),
        "end_precision": "day",
        "stated_phase": "ended",
        "text": {
            "name": {
                "fi": "Keskeyttämisestä kohtaamiseen",
                "sv": "Keskeyttämisestä kohtaamiseen",
                "en": "Keskeyttämisestä kohtaamiseen",
            },
            "tagline": {
                "fi": "Opiskelijan kohtaaminen opintojen keskeyttämisen ehkäisyssä",
                "sv": "Att möta de studerande för att förebygga studieavbrott",
                "en": "Preventing dropout by truly meeting students",
            },
            "summary": {
                "fi": """
                    Vantaan ammattiopisto Varian ESR-hanke pyrki vähentämään opintojen
                    keskeyttämistä ammatillisissa perustutkinnoissa. Keinoina olivat
                    opiskelijan myönteinen kohtaaminen, henkilöstön yhteinen toimintamalli ja
                    oppilaitosnuorisotyö.
                """,
                "sv": """
                    ESF-projektet vid yrkesinstitutet Varia i Vanda ville minska
                    studieavbrotten inom den grundläggande yrkesutbildningen. Medlen var ett
                    positivt bemötande av de studerande, en gemensam arbetsmodell för
                    personalen och ungdomsarbete vid läroanstalten.
                """,
                "en": """
                    This ESF project at Vantaa Vocational College Varia worked to reduce
                    dropout from vocational upper secondary qualifications. Its tools were
                    positive encounters with students, a shared way of working for staff, and
                    youth work at the college.
                """,
            },
            "description": {
                "fi": """
                    Hanke lähti siitä, että arvostava vuorovaikutus ja aito kohtaaminen tukevat
                    opiskelijan hyvinvointia ja auttavat häntä pysymään opinnoissa. Hanketta
                    suunniteltiin ja toteutettiin yhdessä Varian nuoriso- ja aikuiskoulutuksen,
                    nuorisopalvelujen, perusopetuksen ja opiskeluhuollon kanssa.

                    Varian henkilöstö sai lisää välineitä opiskelijoiden kohtaamiseen ja
                    tukemiseen muun muassa tiimikoulutuksissa. Tavoitteena oli yhteistyöhön
                    perustuva toimintamalli, jolla tuen tarve huomataan ajoissa ja opiskelija
                    ohjataan oikeiden palvelujen luo; keskeistä siinä on opettajien ja
                    opiskeluhuollon yhteistyö. Syksystä 2019 alkaen neljä
                    oppilaitosnuorisotyöntekijää tuki eri alojen opiskelijoita, erityisesti
                    niitä, joilla oli riski keskeyttää.

                    Perusopetuksen kanssa hanke lisäsi oppilaiden ja henkilöstön tietoa
                    ammatillisen koulutuksen aloista ja järjesti tilaisuuksia tutustua niihin,
                    jotta nuoret hakeutuisivat itselleen sopiville aloille. Vaikka tuki
                    kohdistui erityisesti keskeyttämisvaarassa oleviin, uusien toimintatapojen
                    tarkoitus oli parantaa kaikkien opiskelijoiden hyvinvointia ja opintojen
                    etenemistä.
                """,
                "sv": """
                    Utgångspunkten var att ett respektfullt bemötande och verklig kontakt
                    stärker de studerandes välbefinnande och hjälper dem att fullfölja
                    studierna. Projektet planerades och genomfördes tillsammans med Varias
                    ungdoms- och vuxenutbildning, ungdomstjänsterna, den grundläggande
                    utbildningen och studerandevården.

                    Personalen vid Varia fick fler verktyg för att möta och stödja de
                    studerande, bland annat genom teamutbildningar. Målet var en arbetsmodell
                    byggd på samarbete, där behovet av stöd upptäcks i tid och den studerande
                    slussas till rätt tjänster; samarbetet mellan lärare och studerandevård är
                    centralt. Från hösten 2019 stödde fyra ungdomsarbetare vid läroanstalten
                    studerande inom olika branscher, särskilt dem som riskerade att avbryta
                    studierna.

                    Tillsammans med den grundläggande utbildningen ökade projektet elevernas
                    och personalens kunskap om yrkesutbildningens branscher och ordnade
                    tillfällen att bekanta sig med dem, så att de unga skulle söka sig till
                    branscher som passar dem. Stödet riktades särskilt till studerande med risk
                    för avbrott, men arbetssätten skulle främja alla studerandes välbefinnande
                    och studiegång.
                """,
                "en": """
                    The project started from the idea that respectful interaction and genuine
                    encounters support students' wellbeing and help them stay in their
                    studies. It was planned and carried out together with Varia's youth and
                    adult education, youth services, basic education and student welfare
                    services.

                    Varia's staff gained more tools for meeting and supporting students, for
                    example through team training. The aim was a shared, cooperation-based
                    model for spotting the need for support early and guiding students to the
                    right services, with teachers and student welfare staff working closely
                    together. From autumn 2019, four school youth workers supported students in
                    different fields, especially those at risk of dropping out.

                    With basic education, the project increased pupils' and staff's knowledge
                    of the fields of vocational education and offered more chances to visit
                    them, so that young people would apply to fields that suit them. While the
                    support focused on students at risk of dropping out, the new ways of
                    working were meant to improve the wellbeing and progress of all students.
                """,
            },
            "target_group": {
                "fi": """
                    - Varian ammatillisten perustutkintojen opiskelijat, erityisesti ne, joilla
                      on riski keskeyttää opintonsa
                    - Varian opettajat ja muu henkilöstö
                    - Perusopetuksen oppilaat ja henkilöstö
                """,
                "sv": """
                    - Studerande inom grundläggande yrkesutbildning vid Varia, särskilt de som
                      riskerar att avbryta studierna
                    - Lärare och annan personal vid Varia
                    - Elever och personal inom den grundläggande utbildningen
                """,
                "en": """
                    - Students on vocational upper secondary programmes at Varia, especially
                      those at risk of dropping out
                    - Teachers and other staff at Varia
                    - Pupils and staff in basic education
                """,
            },
            "goals": {
                "fi": """
                    - Opintojen keskeyttäminen Varian ammatillisessa perustutkintokoulutuksessa
                      vähenee
                    - Tuen tarpeet tunnistetaan varhain, ja opiskelija ohjataan sopivien
                      palvelujen luo
                    - Oppimisympäristö on kannustava ja turvallinen kaikille opiskelijoille
                """,
                "sv": """
                    - Färre studieavbrott inom den grundläggande yrkesutbildningen vid Varia
                    - Behovet av stöd upptäcks tidigt och den studerande slussas till lämpliga
                      tjänster
                    - En uppmuntrande och trygg lärmiljö för alla studerande
                """,
                "en": """
                    - Less dropout from vocational upper secondary education at Varia
                    - Needs for support recognised early, with students guided to suitable
                      services
                    - An encouraging and safe learning environment for every student
                """,
            },
            "implementation": {
                "fi": """
                    - Tiimikoulutuksia ja työkaluja henkilöstölle opiskelijoiden kohtaamiseen
                      ja tukemiseen
                    - Opettajien ja opiskeluhuollon yhteinen toimintamalli tuen tarpeiden
                      varhaiseen tunnistamiseen
                    - Neljä oppilaitosnuorisotyöntekijää Varian eri aloilla syksystä 2019
                      alkaen
                    - Yhteistyö perusopetuksen kanssa: tietoa ammatillisen koulutuksen aloista
                      ja tutustumismahdollisuuksia oppilaille
                """,
                "sv": """
                    - Teamutbildningar och verktyg för personalen för att möta och stödja de
                      studerande
                    - En gemensam modell för lärare och studerandevård för att tidigt upptäcka
                      behov av stöd
                    - Fyra ungdomsarbetare vid läroanstalten inom Varias olika branscher från
                      hösten 2019
                    - Samarbete med den grundläggande utbildningen: information om
                      yrkesutbildningens branscher och möjligheter för eleverna att bekanta sig
                      med dem
                """,
                "en": """
                    - Team training and tools for staff on meeting and supporting students
                    - A joint model for teachers and student welfare staff to recognise support
                      needs early
                    - Four school youth workers across Varia's fields from autumn 2019
                    - Cooperation with basic education: information on vocational fields and
                      chances for pupils to visit them
                """,
            },
            "results": {
                "fi": """
                    - Henkilöstön yhteistyöhön perustuva toimintamalli opiskelijoiden tuen
                      tarpeiden tunnistamiseen ja ohjaamiseen
                    - Oppilaitosnuorisotyö osana Varian opiskelijoiden tukea
                    - Tiiviimpi yhteys perusopetuksen ja ammatillisen koulutuksen välillä
                """,
                "sv": """
                    - En arbetsmodell byggd på personalens samarbete för att upptäcka de
                      studerandes behov av stöd och slussa dem vidare
                    - Ungdomsarbete vid läroanstalten som en del av stödet för de studerande
                      vid Varia
                    - Närmare kontakt mellan den grundläggande utbildningen och
                      yrkesutbildningen
                """,
                "en": """
                    - A staff cooperation model for recognising students' support needs and
                      guiding them onwards
                    - School youth work as part of student support at Varia
                    - Closer links between basic education and vocational education
                """,
            },
        },
        "themes": ["opintojen-keskeyttaminen", "hyvinvointi", "opinto-ohjaus"],
        "keywords": ["Koulutus", "OpiskeluVaria"],
        "regions": ["uusimaa"],
        "implementers": [("varia", "administrator")],
        "fundings": [{"funder": "euroopan-sosiaalirahasto"}],
        "contacts": [
            {
                "name": "Mikko Laaksonen",
                "title": {
                    "fi": "Oppilaitosnuorisotyöntekijöiden esihenkilö",
                    "sv": "Förman för ungdomsarbetarna vid läroanstalten",
                    "en": "Supervisor of the school youth workers",
                },
                "organisation": "varia",
                "email": "mikko.laaksonen@example.org",
                "phone": "+358 40 000 1235",
            },
        ],
        "links": [],
    },
    # --- 004: VAMOS ----------------------------------------------------------------------
    {
        "slug": "vamos",
        "kind": "project",
        "acronym": "VAMOS",
        "start_date": datetime.date(2018, 10, 1),
        "start_precision": "month",
        "end_date": datetime.date(2020, 8, 1),  # normalised to 31.8.2020 by full_clean()
        "end_precision": "month",
        "stated_phase": "",
        "text": {
            "name": {
                "fi": "INNOsta oppimiseen! VAMOS!",
                "sv": "INNOsta oppimiseen! VAMOS!",
                "en": "INNOsta oppimiseen! VAMOS!",
            },
            "tagline": {
                "fi": "Valmennusta, joka pitää opiskelijat mukana toisen asteen opinnoissa",
                "sv": "Coachning som hjälper studerande att fullfölja studierna på andra stadiet",
                "en": "Coaching that keeps students on track in vocational upper secondary studies",
            },
            "summary": {
                "fi": """
                    VAMOS kehitti ammatillisiin oppilaitoksiin valtakunnallisen mallin, jonka
                    avulla opiskelijan riski jäädä opintojen ja työelämän ulkopuolelle huomataan
                    ajoissa. Opiskelijoita tuettiin yksilö- ja ryhmävalmennuksella opintojen
                    loppuun ja eteenpäin työelämään tai jatko-opintoihin.
                """,
                "sv": """
                    VAMOS utvecklade en nationell modell för yrkesläroanstalter som gör det
                    möjligt att i tid upptäcka studerande som riskerar att hamna utanför
                    utbildning och arbetsliv. De studerande fick individuell coachning och
                    gruppcoachning för att slutföra studierna och gå vidare till arbete eller
                    fortsatta studier.
                """,
                "en": """
                    VAMOS developed a national model that helps vocational schools spot early
                    the students at risk of ending up outside education and work. Students
                    received individual and group coaching to complete their studies and move
                    on to work or further studies.
                """,
            },
            "description": {
                "fi": """
                    Hanke toi Helsingin Diakonissalaitoksen Vamos-palveluissa hioutuneen
                    valmennusotteen ammatillisten oppilaitosten arkeen. Valmennuksessa
                    painottuu sosiaalinen vahvistuminen: opiskelija saa tukea omien
                    voimavarojensa kasvattamiseen, ja opintonsa keskeyttäneitä autetaan
                    palaamaan opiskelemaan.

                    Suomen Diakoniaopisto, Turun ammatti-instituutti ja Omnia toteuttivat omia
                    kehittämispilottejaan alueensa ja oppilaitoksensa tarpeiden mukaan.
                    Yhteisen kehittämisen päämääränä oli toimintakulttuuri, joka lisää
                    oppilaitoksen hyvinvointia ja yhteisöllisyyttä.

                    Osana työtä mallinnettiin vaikuttavuutta: miten opiskelijoiden hyvinvointi
                    muuttuu, miten opinnot etenevät ja mitä työote merkitsee taloudellisesti
                    oppilaitoksille, kunnille ja koko kansantaloudelle. Hanke sai rahoitusta
                    Euroopan sosiaalirahastosta Pohjois-Pohjanmaan ELY-keskuksen kautta.
                """,
                "sv": """
                    Projektet förde in den coachningsmodell som utvecklats inom Helsingfors
                    Diakonissanstalts Vamos-tjänster i vardagen vid yrkesläroanstalterna.
                    Coachningen betonar social förstärkning: den studerande får stöd att bygga
                    upp sina egna resurser, och den som har avbrutit studierna får hjälp att
                    återvända till dem.

                    Suomen Diakoniaopisto, Turun ammatti-instituutti och Omnia genomförde egna
                    utvecklingspiloter utifrån sin regions och läroanstalts behov. Det
                    gemensamma utvecklingsarbetet syftade till en verksamhetskultur som ökar
                    välbefinnandet och gemenskapen i läroanstalten.

                    En del av arbetet var att modellera effekterna: hur de studerandes
                    välbefinnande förändras, hur studierna framskrider och vad arbetssättet
                    betyder ekonomiskt för läroanstalterna, kommunerna och samhällsekonomin.
                    Projektet finansierades av Europeiska socialfonden via NTM-centralen i
                    Norra Österbotten.
                """,
                "en": """
                    The project brought the coaching approach refined in the Vamos services of
                    the Helsinki Deaconess Institute into everyday life at vocational schools.
                    The coaching emphasises social empowerment: students are helped to build up
                    their own resources, and those who have dropped out are helped back into
                    their studies.

                    Suomen Diakoniaopisto, Turku Vocational Institute and Omnia ran their own
                    development pilots, shaped to the needs of their region and school. The
                    shared development work aimed at a school culture that increases wellbeing
                    and a sense of community.

                    Impact modelling was part of the work: how students' wellbeing changes, how
                    their studies progress, and what the approach means in economic terms for
                    schools, municipalities and the national economy. The project was funded by
                    the European Social Fund through the North Ostrobothnia ELY Centre.
                """,
            },
            "target_group": {
                "fi": """
                    - Toisen asteen ammatillisten opintojen opiskelijat, joilla on riski jäädä
                      koulutuksen ja työelämän ulkopuolelle
                    - Opintonsa keskeyttäneet opiskelijat
                    - Mukana olevien oppilaitosten henkilöstö
                """,
                "sv": """
                    - Studerande inom yrkesutbildning på andra stadiet som riskerar att hamna
                      utanför utbildning och arbetsliv
                    - Studerande som har avbrutit sina studier
                    - Personalen vid de deltagande läroanstalterna
                """,
                "en": """
                    - Vocational upper secondary students at risk of ending up outside
                      education and work
                    - Students who have dropped out
                    - Staff of the participating schools
                """,
            },
            "goals": {
                "fi": """
                    - Valtakunnallinen toimintamalli, jolla riski jäädä koulutuksen ja
                      työelämän ulkopuolelle tunnistetaan varhain
                    - Opiskelijat suorittavat opintonsa loppuun ja siirtyvät työelämään tai
                      jatko-opintoihin
                    - Oppilaitoksiin toimintakulttuuri, joka vahvistaa opiskelijan voimavaroja
                      ja lisää hyvinvointia ja yhteisöllisyyttä
                """,
                "sv": """
                    - En nationell modell för att tidigt upptäcka risken att hamna utanför
                      utbildning och arbetsliv
                    - De studerande slutför sina studier och går vidare till arbetslivet eller
                      fortsatta studier
                    - En verksamhetskultur i läroanstalterna som stärker de studerandes
                      resurser och ökar välbefinnandet och gemenskapen
                """,
                "en": """
                    - A national model for recognising early the risk of ending up outside
                      education and work
                    - Students complete their studies and move on to work or further studies
                    - A school culture that builds students' resources and increases
                      wellbeing and community
                """,
            },
            "implementation": {
                "fi": """
                    - Yksilö- ja ryhmävalmennus opiskelijoille
                    - Opintonsa keskeyttäneiden tukeminen takaisin opintoihin
                    - Alueelliset kehittämispilotit oppilaitosten omien tarpeiden mukaan
                    - Vamos-palveluissa kehitetyn, sosiaalista vahvistumista korostavan
                      valmennusmallin soveltaminen oppilaitoksiin
                    - Vaikuttavuuden mallinnus ja taloudellinen analyysi
                """,
                "sv": """
                    - Individuell coachning och gruppcoachning för studerande
                    - Stöd för studerande som avbrutit studierna att återvända
                    - Regionala utvecklingspiloter utifrån läroanstalternas egna behov
                    - Vamos-tjänsternas coachningsmodell, som betonar social förstärkning,
                      anpassas till läroanstalterna
                    - Modellering av effekter och ekonomisk analys
                """,
                "en": """
                    - Individual and group coaching for students
                    - Helping students who have dropped out to return to their studies
                    - Regional development pilots based on each school's needs
                    - Adapting the Vamos coaching model, with its emphasis on social
                      empowerment, to schools
                    - Impact modelling and economic analysis
                """,
            },
            "results": {
                "fi": """
                    - Tietoa opiskelijoiden hyvinvoinnin muutoksesta ja opintojen etenemisestä
                    - Taloudellinen analyysi työotteen vaikuttavuudesta oppilaitosten, kuntien
                      ja kansantalouden tasolla
                    - Ammatillisten oppilaitosten arkeen sovitettu valmennusmalli
                """,
                "sv": """
                    - Kunskap om hur de studerandes välbefinnande förändras och hur studierna
                      framskrider
                    - En ekonomisk analys av arbetssättets effekter för läroanstalter,
                      kommuner och samhällsekonomin
                    - En coachningsmodell anpassad till vardagen vid yrkesläroanstalterna
                """,
                "en": """
                    - Information on changes in students' wellbeing and on their progress in
                      studies
                    - An economic analysis of the approach's impact for schools,
                      municipalities and the national economy
                    - A coaching model adapted to everyday life at vocational schools
                """,
            },
        },
        "themes": ["opintojen-keskeyttaminen", "hyvinvointi", "yhteisollisyys"],
        "keywords": [],
        "regions": ["uusimaa", "varsinais-suomi"],
        "implementers": [
            ("helsingin-diakonissalaitoksen-saatio", "administrator"),
            ("helsingin-diakonissalaitoksen-saatio", "co_implementer"),
            ("suomen-diakoniaopisto", "co_implementer"),
            ("turun-ammatti-instituutti", "co_implementer"),
            ("omnia", "co_implementer"),
        ],
        "fundings": [
            {
                "funder": "euroopan-sosiaalirahasto",
                "intermediary": "pohjois-pohjanmaan-ely-keskus",
                "programme": {
                    "fi": "Suomen rakennerahasto-ohjelma: Siirtymävaiheita ja koulutuksellista "
                    "tasa-arvoa tukevien palveluiden parantaminen",
                    "sv": "Finlands strukturfondsprogram: Bättre tjänster som stöder "
                    "övergångsskeden och jämlikhet i utbildningen",
                    "en": "Finland's structural funds programme: Improving services that "
                    "support transitions and equality in education",
                },
            },
        ],
        "contacts": [
            {
                "name": "Laura Nieminen",
                "title": PROJECT_MANAGER,
                "organisation": "helsingin-diakonissalaitoksen-saatio",
                "email": "laura.nieminen@example.org",
                "phone": "+358 40 000 1236",
            },
            {
                "name": "Jussi Heikkinen",
                "title": {
                    "fi": "Hankekoordinaattori",
                    "sv": "Projektkoordinator",
                    "en": "Project coordinator",
                },
                "organisation": "helsingin-diakonissalaitoksen-saatio",
                "email": "jussi.heikkinen@example.org",
                "phone": "+358 40 000 1237",
            },
        ],
        "links": [],
    },
]

# (from project, kind, to project): Hymy and Sokka are member projects of the Välitä! network.
RELATIONS: list[tuple[str, str, str]] = [
    ("hymy", "member_of", "valita-visa-omtanke"),
    ("sokka", "member_of", "valita-visa-omtanke"),
]


def _tidy(text: str) -> str:
    """Undo the source wrapping: join the lines of a paragraph or list item, keep a line that
    starts with "- " as a list item of its own, and separate paragraphs by one blank line."""
    paragraphs = []
    for block in re.split(r"\n\s*\n", text.strip()):
        lines: list[str] = []
        for raw in block.splitlines():
            line = raw.strip()
            if not line:
                continue
            if line.startswith("- ") or not lines:
                lines.append(line)
            else:
                lines[-1] += " " + line
        if lines:
            paragraphs.append("\n".join(lines))
    return "\n\n".join(paragraphs)


def _translated(field: str, values: Mapping[str, str] | None) -> dict[str, str]:
    """{"name_fi": ..., "name_sv": ..., "name_en": ...}; a language not given is left empty,
    so that the Finnish text is shown in its place."""
    values = values or {}
    return {f"{field}_{language}": _tidy(values.get(language, "")) for language in LANGUAGES}


def _load_themes() -> dict[str, Theme]:
    themes = {}
    for data in THEMES:
        theme, _created = Theme.objects.update_or_create(
            slug=data["slug"], defaults=_translated("name", data["name"])
        )
        themes[theme.slug] = theme
    return themes


def _load_organisations(regions: Mapping[str, Region]) -> dict[str, Organisation]:
    organisations: dict[str, Organisation] = {}
    for data in ORGANISATIONS:
        parent_slug = data.get("parent")
        region_slug = data.get("region")
        organisation, _created = Organisation.objects.update_or_create(
            slug=data["slug"],
            defaults={
                **_translated("name", data["name"]),
                "abbreviation": data.get("abbreviation", ""),
                "other_names": data.get("other_names", ""),
                "kind": data["kind"],
                "business_id": data.get("business_id", ""),
                "parent": organisations[parent_slug] if parent_slug else None,
                "website": data.get("website", ""),
                "region": regions[region_slug] if region_slug else None,
            },
        )
        organisations[organisation.slug] = organisation
    return organisations


def _save_project(data: Mapping[str, Any]) -> Project:
    project = Project.objects.filter(slug=data["slug"]).first() or Project(slug=data["slug"])
    for field in PROJECT_TEXT_FIELDS:
        for attname, value in _translated(field, data["text"].get(field)).items():
            setattr(project, attname, value)
    project.kind = data["kind"]
    project.acronym = data["acronym"]
    project.start_date = data["start_date"]
    project.start_precision = data["start_precision"]
    project.end_date = data["end_date"]
    project.end_precision = data["end_precision"]
    project.stated_phase = data["stated_phase"]
    project.is_published = True
    project.full_clean()  # normalises partial dates to the bounds of their period
    project.save()
    return project


def _load_project_rows(
    project: Project,
    data: Mapping[str, Any],
    organisations: Mapping[str, Organisation],
    regions: Mapping[str, Region],
    themes: Mapping[str, Theme],
) -> None:
    """The project's themes, keywords, regions, implementers, funding, contacts and links;
    rows that are no longer in the data are removed."""
    project.themes.set([themes[slug] for slug in data["themes"]])
    project.keywords.set([Keyword.objects.get_or_create(name=name)[0] for name in data["keywords"]])
    project.regions.set([regions[slug] for slug in data["regions"]])

    kept = [
        Implementer.objects.update_or_create(
            project=project,
            organisation=organisations[organisation_slug],
            role=role,
            defaults={"order": order},
        )[0].pk
        for order, (organisation_slug, role) in enumerate(data["implementers"])
    ]
    project.implementers.exclude(pk__in=kept).delete()

    kept = []
    for funding in data["fundings"]:
        intermediary_slug = funding.get("intermediary")
        kept.append(
            Funding.objects.update_or_create(
                project=project,
                funder=organisations[funding["funder"]],
                defaults={
                    "intermediary": (
                        organisations[intermediary_slug] if intermediary_slug else None
                    ),
                    **_translated("programme", funding.get("programme")),
                    "amount": funding.get("amount"),
                    "start_date": funding.get("start_date"),
                    "end_date": funding.get("end_date"),
                },
            )[0].pk
        )
    project.fundings.exclude(pk__in=kept).delete()

    kept = []
    for order, contact in enumerate(data["contacts"]):
        organisation_slug = contact.get("organisation")
        kept.append(
            Contact.objects.update_or_create(
                project=project,
                name=contact["name"],
                defaults={
                    **_translated("title", contact.get("title")),
                    "organisation": (
                        organisations[organisation_slug] if organisation_slug else None
                    ),
                    "email": contact.get("email", ""),
                    "phone": contact.get("phone", ""),
                    "order": order,
                },
            )[0].pk
        )
    project.contacts.exclude(pk__in=kept).delete()

    kept = [
        ProjectLink.objects.update_or_create(
            project=project,
            url=link["url"],
            defaults={
                "kind": link["kind"],
                **_translated("label", link.get("label")),
                "order": order,
            },
        )[0].pk
        for order, link in enumerate(data["links"])
    ]
    project.links.exclude(pk__in=kept).delete()


def _load_relations(projects: Mapping[str, Project]) -> None:
    kept = [
        ProjectRelation.objects.get_or_create(
            from_project=projects[from_slug], kind=kind, to_project=projects[to_slug]
        )[0].pk
        for from_slug, kind, to_slug in RELATIONS
    ]
    ProjectRelation.objects.filter(from_project__in=list(projects.values())).exclude(
        pk__in=kept
    ).delete()


def load_demo() -> None:
    """Create or update the demo projects and everything they refer to (idempotent)."""
    # The untranslated columns (name, ...) take the value of the active language: Finnish.
    with translation.override("fi"), transaction.atomic():
        regions = {region.slug: region for region in Region.objects.all()}
        themes = _load_themes()
        organisations = _load_organisations(regions)
        projects: dict[str, Project] = {}
        for data in PROJECTS:
            project = _save_project(data)
            _load_project_rows(project, data, organisations, regions, themes)
            projects[project.slug] = project
        _load_relations(projects)
        project_search_refresh(project_ids=[project.pk for project in projects.values()])
