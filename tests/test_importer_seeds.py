"""The five real project pages the portal was made from (../shared/seeds/), read by the
importer. The expected facts were written by reading each page; the organisations are
matched against the demo catalogue, which holds them."""

import datetime

import pytest
from django.core.management import call_command

from projects.importer.draft import FACT_KEYS, Draft
from projects.importer.extract import extract

from .seed_pages import seed_text

pytestmark = pytest.mark.django_db


def seed(number: int) -> str:
    return seed_text(number)


@pytest.fixture
def catalogue() -> None:
    call_command("load_demo", verbosity=0)


def read(number: int) -> Draft:
    return extract(seed(number))


def implementers(draft: Draft) -> list[tuple[str, str | None, str, bool]]:
    return [(row.organisation, row.abbreviation, row.role, row.new) for row in draft.implementers]


def test_a_page_of_labels_yessa(catalogue: None) -> None:
    draft = read(1)
    assert draft.language == "fi"
    assert draft.name == "Yhessä"
    assert draft.start is not None and draft.end is not None
    assert (draft.start.date, draft.start.precision, draft.start.text) == (
        datetime.date(2017, 12, 13),
        "day",
        "13.12.2017",
    )
    assert (draft.end.date, draft.end.precision, draft.end.text) == (
        datetime.date(2019, 12, 31),
        "day",
        "31.12.2019",
    )
    assert [row.as_json() for row in draft.funders] == [
        {"funder": "Opetushallitus", "intermediary": None, "programme": None}
    ]
    assert draft.funders[0].funder_id is not None
    assert implementers(draft) == [
        ("Savon koulutuskuntayhtymä", "Sakky", "coordinator", False),
        ("Kotkan-Haminan seudun koulutuskuntayhtymä", "Ekami", "co-implementer", False),
        ("Kajaanin kaupungin koulutusliikelaitos", "KAO", "co-implementer", False),
        ("Itä-Savon koulutuskuntayhtymä", "Samiedu", "co-implementer", False),
        ("Pohjois-Karjalan koulutuskuntayhtymä", "PKKY", "co-implementer", False),
        ("Etelä-Savon koulutus Oy", "Esedu", "co-implementer", False),
        ("Ylä-Savon koulutuskuntayhtymä", "YSAO", "co-implementer", False),
        ("Itä-Uudenmaan koulutuskuntayhtymä", "Edupoli", "co-implementer", False),
    ]
    assert len(draft.target_groups) == 1
    assert draft.target_groups[0].startswith("Oppilaitosten opiskelijat ja henkilöstö")
    assert draft.goals == [
        "Hyvät toimintamallit osallistamisesta jakoon ja parasteltavaksi",
        "Yhteisöllisyys-osaamisen kehittäminen ja vahvistaminen",
        "Uudet opiskeluhuoltopalvelut reformin mukaisesti opiskelijoille",
    ]
    assert len(draft.activities) == 3 and draft.activities[0].startswith("Hankkeessa jaetaan")
    assert len(draft.results) == 3 and draft.results[1].startswith("Ekamissa toimii")
    assert [contact.as_json() for contact in draft.contacts] == [
        {
            "name": "Hilkka Huisko",
            "title": "projektipäällikkö",
            "organisation": "Etelä-Kymenlaakson ammattiopisto",
            "email": "hilkka.huisko@ekami.fi",
            "phone": "+358 40 755 5056",
        }
    ]
    assert draft.missing == [
        "other_names",
        "dates_are",
        "stated_status",
        "identifiers",
        "beneficiaries",
        "regions",
        "scope",
        "budget",
        "keywords",
        "related",
    ]
    assert draft.completeness == 0.5


def test_a_sub_page_names_its_project_in_a_compound_omapolku(catalogue: None) -> None:
    draft = read(0)
    assert draft.language == "fi"
    assert draft.name == "OmaPolku"
    # "Uudenmaan alueella" and "in the Uusimaa region"; the forums' planning "syksyllä
    # 2020" is not the project's period.
    assert draft.regions == ["Uusimaa"]
    assert draft.start is None and draft.end is None
    assert draft.funders == [] and draft.implementers == [] and draft.contacts == []
    assert draft.goals == []  # the forums' aims, not the project's
    assert draft.related == []
    assert draft.completeness == 0.1


def test_a_news_item_of_a_coordination_network_valita(catalogue: None) -> None:
    draft = read(2)
    assert draft.name == "Välitä! – Visa omtanke!"
    assert implementers(draft) == [("WinNova", None, "lead", False)]
    # Two network projects the news item tells of: named, but not this project.
    assert [row.as_json() for row in draft.related] == [
        {"name": "Hymy", "relation": "related"},
        {"name": "Sokka", "relation": "related"},
    ]
    assert draft.scope == "national"
    # The authors of a news item are not its contact persons.
    assert draft.contacts == []
    assert draft.start is None and draft.funders == []


def test_facts_in_sentences_keskeyttamisesta_kohtaamiseen(catalogue: None) -> None:
    draft = read(3)
    assert draft.name == "Keskeyttämisestä kohtaamiseen"
    assert draft.start is not None and draft.end is not None
    assert draft.start.as_json() == {"date": "2019-03-01", "precision": "day", "text": "1.3.2019"}
    assert draft.end.as_json() == {"date": "2021-12-31", "precision": "day", "text": "31.12.2021"}
    assert draft.stated_status == "Päättynyt"
    assert [row.funder for row in draft.funders] == ["ESR"]
    assert draft.funders[0].funder_id is not None
    assert len(draft.goals) == 2
    assert draft.goals[0].startswith("vähentää opintojen keskeyttämistä")
    assert draft.keywords == ["Koulutus", "OpiskeluVaria"]
    assert [contact.as_json() for contact in draft.contacts] == [
        {
            "name": "Niina-Maria Lassila",
            "title": "oppilaitosnuorisotyöntekijöiden esihenkilö",
            "organisation": None,
            "email": "niina-maria.lassila@vantaa.fi",
            "phone": "+358 40 355 2192",
        }
    ]
    # "Hankkeen aikataulu: -" gives no dates; the sentence does.
    assert draft.dates_are is None
    assert draft.related == []


def test_a_blog_post_with_the_period_after_the_name_vamos(catalogue: None) -> None:
    draft = read(4)
    assert draft.name == ("Vamos 2.aste -opintoihin kiinnittyminen, läpäisy ja pudokkuuden ehkäisy")
    assert draft.start is not None and draft.end is not None
    assert draft.start.as_json() == {"date": "2018-10-01", "precision": "month", "text": "10/2018"}
    assert draft.end.as_json() == {"date": "2020-08-31", "precision": "month", "text": "08/2020"}
    assert [row.as_json() for row in draft.funders] == [
        {
            "funder": "Euroopan sosiaalirahasto",
            "intermediary": None,
            "programme": (
                "Siirtymävaiheita ja koulutuksellista tasa-arvoa tukevien palveluiden parantaminen"
            ),
        },
        {
            "funder": "Pohjois-Pohjanmaan elinkeino-, liikenne- ja ympäristökeskus",
            "intermediary": None,
            "programme": None,
        },
    ]
    assert all(row.funder_id is not None for row in draft.funders)
    assert implementers(draft) == [
        ("Helsingin Diakonissalaitoksen säätiö", None, "administrator", False),
        ("Suomen Diakoniaopisto", None, "co-implementer", False),
        ("Turun ammatti-instituutti", None, "co-implementer", False),
        ("Espoon seudun koulutuskuntayhtymä Omnia", None, "co-implementer", False),
    ]
    assert [(c.name, c.title, c.email) for c in draft.contacts] == [
        ("Eveliina Rantanen", "projektipäällikkö", "eveliina.rantanen@hdl.fi"),
        ("Hanna Kivinen-Inkinen", "hankekoordinaattori", "hanna.kivinen-inkinen@hdl.fi"),
    ]
    # "valtakunnallista toimintamallia": the model it builds is national, not said of the
    # project itself.
    assert draft.scope is None


def test_without_the_catalogue_every_organisation_is_new() -> None:
    draft = read(1)
    assert draft.implementers and all(row.new for row in draft.implementers)
    assert draft.funders[0].funder_id is None


@pytest.mark.parametrize("number", range(5))
def test_every_fact_is_found_where_the_page_says_it(catalogue: None, number: int) -> None:
    text = seed(number)
    draft = extract(text)
    filled = set(FACT_KEYS) - set(draft.missing)
    # Whether dates are planned or actual is read from a word beside them, not shown apart.
    assert {found.key for found in draft.found} == filled - {"dates_are"}
    for found in draft.found:
        assert 0 <= found.start < found.end <= len(text)
        assert text[found.start : found.end].strip()
