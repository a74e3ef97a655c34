"""A small catalogue written as the seed pages are (an immigrant families' guidance project,
a students' participation network, a coordination of socially sustainable vocational
education, a dropping-out project in Vantaa, a coaching project, and an adult education
project beside them), with organisations named in Finnish, Swedish and English and by their
abbreviations, for the search tests of test_search_languages.py and test_search_analysis.py.
Every project's search index is written as the services write it."""

from projects.models import (
    Funding,
    ImplementerRole,
    Municipality,
    Organisation,
    Programme,
    ProgrammeLevel,
    Project,
)
from projects.services import project_search_refresh

from .factories import (
    ImplementerFactory,
    KeywordFactory,
    OrganisationFactory,
    ProjectFactory,
    ThemeFactory,
    region,
)


def _organisation(
    slug: str, fi: str, sv: str, en: str, abbreviation: str = "", other: str = ""
) -> Organisation:
    return OrganisationFactory.create(
        slug=slug,
        name_fi=fi,
        name_sv=sv,
        name_en=en,
        abbreviation=abbreviation,
        other_names=other,
    )


def organisations() -> dict[str, Organisation]:
    return {
        "oph": _organisation(
            "opetushallitus",
            "Opetushallitus",
            "Utbildningsstyrelsen",
            "Finnish National Agency for Education",
            "OPH",
            "Kouluhallitus\nAmmattikasvatushallitus",
        ),
        "esr": _organisation(
            "esr",
            "Euroopan sosiaalirahasto",
            "Europeiska socialfonden",
            "European Social Fund",
            "ESR",
        ),
        "ely": _organisation(
            "uudenmaan-ely",
            "Uudenmaan elinkeino-, liikenne- ja ympäristökeskus",
            "Närings-, trafik- och miljöcentralen i Nyland",
            "Centre for Economic Development, Transport and the Environment for Uusimaa",
            "ELY",
        ),
        "sakky": _organisation(
            "sakky",
            "Savon koulutuskuntayhtymä",
            "Savolax utbildningssamkommun",
            "Savo Consortium for Education",
            "Sakky",
        ),
        "varia": _organisation(
            "varia",
            "Vantaan ammattiopisto Varia",
            "Vanda yrkesinstitut Varia",
            "Vantaa Vocational College Varia",
            "Varia",
        ),
        "winnova": _organisation(
            "winnova",
            "Länsirannikon Koulutus Oy",
            "Västkustens Utbildning Ab",
            "Western Coast Education Ltd",
            "WinNova",
        ),
        "hdl": _organisation(
            "hdl",
            "Helsingin Diakonissalaitoksen säätiö",
            "Stiftelsen Helsingfors Diakonissanstalt",
            "Helsinki Deaconess Foundation",
            "HDL",
        ),
        "helsinki": _organisation(
            "helsingin-kaupunki", "Helsingin kaupunki", "Helsingfors stad", "City of Helsinki"
        ),
        "omnia": _organisation(
            "omnia",
            "Espoon seudun koulutuskuntayhtymä Omnia",
            "Samkommunen för utbildning i Esbo region Omnia",
            "Espoo Region Joint Authority of Education Omnia",
            "Omnia",
        ),
    }


def _fund(project: Project, funder: Organisation, **more: object) -> None:
    Funding.objects.create(project=project, funder=funder, **more)


def catalogue() -> dict[str, Project]:
    """Six published projects by slug, indexed."""
    orgs = organisations()
    wellbeing = ThemeFactory.create(
        slug="hyvinvointi", name_fi="Hyvinvointi", name_sv="Välbefinnande", name_en="Wellbeing"
    )
    participation = ThemeFactory.create(
        slug="osallisuus", name_fi="Osallisuus", name_sv="Delaktighet", name_en="Participation"
    )
    guidance = ThemeFactory.create(
        slug="ohjaus", name_fi="Ohjaus", name_sv="Handledning", name_en="Guidance"
    )
    sustainable = Programme.objects.create(
        slug="sosiaalisesti-kestava",
        level=ProgrammeLevel.PROGRAMME,
        name_fi="Sosiaalisesti kestävä ammatillinen koulutus",
        name_sv="Socialt hållbar yrkesutbildning",
        name_en="Socially sustainable vocational education and training",
        funding_body=orgs["oph"],
    )

    omapolku = ProjectFactory.create(
        slug="omapolku",
        name_fi="OmaPolku",
        name_sv="OmaPolku",
        name_en="OmaPolku",
        tagline_fi="Maahanmuuttajataustaisten perheiden ja koulun yhteistyö jatko-opintojen "
        "valinnassa",
        summary_fi="Hanke kehittää maahanmuuttajavanhempien ja opinto-ohjaajien "
        "vuorovaikutusta, kun nuori valitsee perusopetuksen jälkeistä koulutuspolkuaan.",
        description_fi="Yhteistyöfoorumit kokoavat yhteen maahanmuuttajataustaiset nuoret, "
        "vanhemmat, opinto-ohjaajat ja järjestöjen edustajat. Foorumeita järjestetään "
        "Uudenmaan alueella.",
        summary_sv="Projektet utvecklar samarbetet mellan familjer med invandrarbakgrund och "
        "studiehandledare när en ung person väljer sin utbildningsväg.",
        summary_en="The project develops cooperation between families with an immigrant "
        "background and study counsellors when a young person chooses an educational path.",
    )
    ImplementerFactory.create(
        project=omapolku, organisation=orgs["helsinki"], role=ImplementerRole.COORDINATOR
    )
    _fund(omapolku, orgs["oph"])
    omapolku.regions.add(region("uusimaa"))
    omapolku.themes.add(guidance)

    yhessa = ProjectFactory.create(
        slug="yhessa",
        name_fi="Yhessä",
        name_sv="Yhessä",
        name_en="Yhessä",
        tagline_fi="Opiskelijoiden osallisuutta ja yhteisöllisyyttä ammatilliseen koulutukseen",
        summary_fi="Hankeverkosto jakaa ja testaa opiskelijoita osallistavia toimintatapoja "
        "ja kehittää opiskeluhuollon palveluita.",
        target_group_fi="Oppilaitosten opiskelijat ja henkilöstö.",
        goals_fi="- Opiskelijoiden osallisuuden vahvistaminen\n"
        "- Yhteisöllisyys-osaamisen kehittäminen",
        summary_sv="Nätverket delar och prövar arbetssätt som ökar de studerandes delaktighet.",
        summary_en="The network shares and tests ways of working that strengthen student "
        "participation.",
    )
    ImplementerFactory.create(
        project=yhessa, organisation=orgs["sakky"], role=ImplementerRole.COORDINATOR
    )
    _fund(yhessa, orgs["oph"])
    yhessa.regions.add(region("pohjois-savo"))
    yhessa.themes.add(participation)
    yhessa.keywords.add(KeywordFactory.create(name="tutortoiminta"))

    valita = ProjectFactory.create(
        slug="valita-visa-omtanke",
        name_fi="Välitä! – Visa omtanke!",
        name_sv="Välitä! – Visa omtanke!",
        name_en="Välitä! – Visa omtanke!",
        tagline_fi="Verkostohankkeiden koordinaatio",
        summary_fi="Koordinaatio verkostoi hankkeet, jotka kehittävät opiskelijoiden "
        "vaikuttamisen ja osallisuuden tapoja sekä hyvinvointijohtamista.",
        summary_sv="Samordningen bildar ett nätverk av projekt i hela Finland.",
        summary_en="The coordination links development projects across Finland and runs a "
        "Round Table of experts.",
    )
    ImplementerFactory.create(
        project=valita, organisation=orgs["winnova"], role=ImplementerRole.COORDINATOR
    )
    _fund(valita, orgs["oph"], programme=sustainable)
    valita.themes.add(wellbeing)

    keskeyttamisesta = ProjectFactory.create(
        slug="keskeyttamisesta-kohtaamiseen",
        name_fi="Keskeyttämisestä kohtaamiseen",
        name_sv="Från avbrott till möte",
        name_en="From dropping out to meeting",
        summary_fi="Hanke vähentää opintojen keskeyttämistä Varian ammatillisessa "
        "perustutkintokoulutuksessa.",
        description_fi="Oppilaitosnuorisotyöntekijät työskentelevät keskeyttämisriskissä "
        "olevien nuorten kanssa. Henkilöstö saa valmennusta, ja taustalla on ajatus "
        "opiskelijoiden hyvinvoinnin ja opiskelujen tukemisen merkityksestä.",
        summary_sv="Projektet minskar studieavbrotten bland de studerande vid Varia.",
        summary_en="The project reduces dropping out among vocational students at Varia.",
    )
    ImplementerFactory.create(
        project=keskeyttamisesta, organisation=orgs["varia"], role=ImplementerRole.NOT_STATED
    )
    _fund(keskeyttamisesta, orgs["esr"], intermediary=orgs["ely"])
    keskeyttamisesta.regions.add(region("uusimaa"))
    keskeyttamisesta.municipalities.add(Municipality.objects.get(name_fi="Vantaa"))
    keskeyttamisesta.themes.add(guidance)
    keskeyttamisesta.keywords.add(KeywordFactory.create(name="OpiskeluVaria"))

    vamos = ProjectFactory.create(
        slug="vamos",
        name_fi="INNOsta oppimiseen! VAMOS!",
        name_sv="INNOsta oppimiseen! VAMOS!",
        name_en="INNOsta oppimiseen! VAMOS!",
        acronym="VAMOS",
        other_names="Vamos 2.aste -opintoihin kiinnittyminen, läpäisy ja pudokkuuden ehkäisy",
        summary_fi="Opiskelijoita tuetaan yksilö- ja ryhmävalmennuksen keinoin suorittamaan "
        "opinnot päätökseen.",
        description_fi="Oppilaitoksiin tuodaan Vamos-palveluissa kehitettyä valmennusmallia. "
        "Vaikuttavuusmallinnukset tuottavat tietoa opiskelijoiden hyvinvoinnin muutoksesta.",
        summary_sv="Projektet stöder unga med individuell coachning och gruppcoachning.",
        summary_en="Young people are supported through individual and group coaching to "
        "complete their studies.",
    )
    ImplementerFactory.create(
        project=vamos, organisation=orgs["hdl"], role=ImplementerRole.ADMINISTRATOR
    )
    _fund(vamos, orgs["esr"])
    vamos.regions.add(region("pohjois-pohjanmaa"))

    digiloikka = ProjectFactory.create(
        slug="digiloikka",
        name_fi="Digiloikka aikuiskoulutukseen",
        name_sv="Digitalt språng i vuxenutbildningen",
        name_en="Digital leap in adult education",
        summary_fi="Aikuisopiskelijoiden digitaidot ja kohtaaminen verkkokursseilla.",
        description_fi="Opettajat harjoittelevat verkko-opetusta ja tutortoimintaa.",
        summary_sv="Vuxenstuderande lär sig digitala färdigheter på nätkurser.",
        summary_en="Adult learners gain digital skills on online courses.",
    )
    ImplementerFactory.create(
        project=digiloikka, organisation=orgs["omnia"], role=ImplementerRole.COORDINATOR
    )

    projects = [omapolku, yhessa, valita, keskeyttamisesta, vamos, digiloikka]
    project_search_refresh(project_ids=[project.pk for project in projects])
    return {project.slug: project for project in projects}
