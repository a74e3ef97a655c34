"""Pages written for these tests in Swedish and English, in the styles the importer meets (a
register record, a result card, a news item), a page that is no project's, and what is not
a page at all: each read into the draft its text gives, nothing invented, never a crash."""

import time
from pathlib import Path

import pytest
from django.utils import translation

from projects.importer.draft import FACT_KEYS
from projects.importer.extract import extract
from projects.importer.text import MAX_BYTES, NotPageText, page_text

from .factories import OrganisationFactory

PAGES = Path(__file__).resolve().parent / "importer_pages"

pytestmark = pytest.mark.django_db


def page(name: str) -> str:
    return (PAGES / name).read_text(encoding="utf-8")


def test_a_swedish_register_record() -> None:
    draft = extract(page("register_record_sv.txt"))
    data = draft.as_json()
    assert data["language"] == "sv"
    assert data["name"] == "Vägar framåt"
    assert data["start"] == {"date": "2021-03-01", "precision": "day", "text": "1.3.2021"}
    assert data["end"] == {"date": "2023-12-31", "precision": "day", "text": "31.12.2023"}
    # "Planerad start", "Planerat slut": the dates a register plans.
    assert data["dates_are"] == "planned"
    assert data["identifiers"] == [{"scheme": "eura", "value": "S21999"}]
    assert data["funders"] == [
        {
            "funder": "Europeiska socialfonden",
            "intermediary": "NTM-centralen i Nyland",
            "programme": "Hållbar tillväxt och jobb 2014–2020 – Finlands strukturfondsprogram",
        }
    ]
    assert data["implementers"] == [
        {
            "organisation": "Yrkesinstitutet Prakticum",
            "abbreviation": None,
            "role": "administrator",
            "business_id": None,
            "new": True,
        }
    ]
    assert data["budget"] == {"min": 640000, "max": None, "currency": "EUR"}
    assert data["target_groups"] == [
        "Unga med invandrarbakgrund i andra stadiet och deras vårdnadshavare."
    ]
    # The goal once, from its section; the next paragraph is not part of it.
    assert len(data["goals"]) == 1 and data["goals"][0].startswith("Projektets syfte är")
    # The region the project works in, in the page's language; not the one in the
    # intermediary's name only.
    assert data["regions"] == ["Nyland"]
    assert data["contacts"] == [
        {
            "name": "Anna Exempel",
            "title": "projektkoordinator",
            "organisation": None,
            "email": "anna.exempel@example.org",
            "phone": "+358 40 123 4567",
        }
    ]


def test_an_english_result_card_with_an_organisation_the_catalogue_knows() -> None:
    known = OrganisationFactory(
        name_fi="Esimerkin ammattiopisto", name_en="Example Vocational College"
    )
    draft = extract(page("result_card_en.txt"))
    data = draft.as_json()
    assert data["language"] == "en"
    assert (data["name"], data["other_names"]) == ("Pathways Forward", ["PAF"])
    assert data["start"] == {"date": "2021-03-01", "precision": "day", "text": "1 March 2021"}
    assert data["end"] == {"date": "2022-12-31", "precision": "day", "text": "31 December 2022"}
    assert data["dates_are"] == "actual"
    assert data["stated_status"] == "Ended"
    assert [(row["organisation"], row["role"], row["new"]) for row in data["implementers"]] == [
        ("City of Example", "co-implementer", True),
        ("Example Vocational College", "coordinator", False),
    ]
    assert draft.implementers[1].organisation_id == known.pk
    assert data["funders"] == [
        {"funder": "European Social Fund", "intermediary": "ELY Centre for Häme", "programme": None}
    ]
    assert data["results"] == [
        "120 young people took part in the guidance groups",
        "A handbook for study counsellors in four languages",
    ]
    assert data["keywords"] == ["guidance", "parents", "immigrants"]
    assert data["contacts"][0]["email"] == "maija.example@example.org"
    assert data["budget"] == {"min": 250000, "max": None, "currency": "EUR"}
    # A result card that names no region, reach, beneficiaries or related project.
    assert {"regions", "scope", "beneficiaries", "related"} <= set(data["missing"])


def test_a_swedish_news_item_with_facts_in_sentences() -> None:
    draft = extract(page("news_item_sv.txt"))
    data = draft.as_json()
    assert data["language"] == "sv"
    assert data["name"] == "Tillsammans"
    # "(2022–2024)": years, so the first and the last day of them.
    assert data["start"] == {"date": "2022-01-01", "precision": "year", "text": "2022"}
    assert data["end"] == {"date": "2024-12-31", "precision": "year", "text": "2024"}
    assert [row["funder"] for row in data["funders"]] == [
        "Utbildningsstyrelsen",
        "Svenska kulturfonden",
    ]
    assert [(row["organisation"], row["role"]) for row in data["implementers"]] == [
        ("Yrkesakademin i Österbotten", "administrator")
    ]
    assert data["related"] == [{"name": "Vi också", "relation": "predecessor"}]
    assert data["regions"] == ["Österbotten"]
    assert data["contacts"] == [] and data["budget"] is None


def test_a_news_list_is_no_project_page_and_gives_an_empty_draft() -> None:
    data = extract(page("news_list_fi.txt")).as_json()
    assert data["name"] is None
    assert data["start"] is None and data["end"] is None
    assert data["completeness"] == 0.0
    assert data["missing"] == list(FACT_KEYS)


def test_the_json_has_every_key_always_in_the_contracts_order() -> None:
    data = extract("Ei mitään").as_json()
    assert list(data) == ["language", *FACT_KEYS, "missing", "completeness"]
    assert all(data[key] in (None, []) for key in FACT_KEYS)


def test_the_language_asked_for_is_kept() -> None:
    assert extract(page("result_card_en.txt"), "sv").language == "sv"
    assert extract(page("result_card_en.txt"), "xx").language == "en"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "The text is empty."),
        (b"  \n\n \t", "The text is empty."),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "This is not plain text"),
        (b"%PDF-1.7\n1 0 obj", "This is not plain text"),
        (bytes(range(1, 32)) * 40, "This is not plain text"),
        (b"x" * (5 * 1024 * 1024), "The text is 5242 kB long"),
    ],
)
def test_what_is_not_a_page_is_refused_with_a_reason(data: bytes, message: str) -> None:
    with translation.override("en"), pytest.raises(NotPageText) as refused:
        page_text(data)
    assert str(refused.value).startswith(message)


def test_a_page_in_windows_1252_is_read() -> None:
    assert page_text("Målgrupp: föräldrar".encode("cp1252")) == "Målgrupp: föräldrar"


def test_the_longest_page_taken_is_read_in_seconds() -> None:
    paragraph = page("register_record_sv.txt") + "\n\n"
    text = paragraph * ((MAX_BYTES - 1000) // len(paragraph.encode()))
    started = time.perf_counter()
    draft = extract(page_text(text.encode()))
    assert time.perf_counter() - started < 10
    assert draft.name == "Vägar framåt"


def test_a_sibling_organisation_is_not_taken_for_a_near_match() -> None:
    OrganisationFactory(name_fi="Ylä-Savon koulutuskuntayhtymä", abbreviation="YSAO")
    typo = OrganisationFactory(name_fi="Savon koulutuskuntayhtymä", abbreviation="Sakky")
    draft = extract(
        "Savo\n\nToteuttajat\nSavon koulutuskuntayhtyma\nItä-Savon koulutuskuntayhtymä\n"
    )
    assert [(row.organisation, row.organisation_id) for row in draft.implementers] == [
        ("Savon koulutuskuntayhtyma", typo.pk),  # a letter off: the same organisation
        ("Itä-Savon koulutuskuntayhtymä", None),  # another place: a new organisation
    ]


@pytest.mark.parametrize(
    ("text", "key", "expected"),
    [
        # A list on the label's own line is several organisations, not one with an
        # abbreviation.
        ("X\n\nToteuttajat: Omnia, Gradia, Sakky\nKesto: 2020\n", "implementers", 3),
        # An amount under a funding label is no funder.
        ("Y\n\nRahoitus: 250 000 euroa\nKesto: 2020\n", "funders", []),
        # A name at a sentence's end stops there.
        (
            "Tillsammans\n\nProjektet är en fortsättning på projektet Vi också. Det verkar i "
            "Österbotten.\n",
            "related",
            [{"name": "Vi också", "relation": "predecessor"}],
        ),
        # The organisation in the genitive, by its base form.
        (
            "Digiloikka\n\nOpetushallituksen vetämä Digiloikka -hanke kehittää opetusta.\n",
            "implementers",
            [("Opetushallitus", "lead")],
        ),
        # What the project works on is not its reach.
        (
            "Q\n\nKesto: 2021\nRahoittaja: OPH\n\nHankkeessa tehdään valtakunnallisen "
            "opetussuunnitelman mukaisia materiaaleja.\n",
            "scope",
            None,
        ),
        ("Q\n\nKesto: 2021\nRahoittaja: OPH\n\nHanke on valtakunnallinen.\n", "scope", "national"),
    ],
)
def test_what_a_first_reading_got_wrong(text: str, key: str, expected: object) -> None:
    value = extract(text).as_json()[key]
    if key == "implementers" and isinstance(expected, int):
        assert [row["abbreviation"] for row in value] == [None] * expected
    elif key == "implementers":
        assert [(row["organisation"], row["role"]) for row in value] == expected
    else:
        assert value == expected


def test_planned_and_actual_dates_are_never_mixed() -> None:
    data = extract(
        "Z\n\nSuunniteltu toteutusaika: 1.1.2020 - 31.12.2021\n"
        "Toteutunut toteutusaika: 1.3.2020 - 30.6.2022\n"
    ).as_json()
    assert (data["start"]["date"], data["end"]["date"], data["dates_are"]) == (
        "2020-03-01",
        "2022-06-30",
        "actual",
    )


@pytest.mark.parametrize(
    ("value", "start", "end"),
    [("1.9.2022 alkaen", "2022-09-01", None), ("2020", "2020-01-01", "2020-12-31")],
)
def test_a_period_label_with_one_date(value: str, start: str, end: str | None) -> None:
    data = extract(f"Alku\n\nKesto: {value}\nRahoittaja: OPH\n").as_json()
    assert data["start"]["date"] == start
    assert (data["end"] or {}).get("date") == end


# The contract's words for roles, relations, schemes, scopes and precisions.
VOCABULARY = {
    "role": {"administrator", "coordinator", "lead", "co-implementer", "partner", "organiser"}
    | {"funder-side", "unknown"},
    "relation": {"predecessor", "successor", "member_of", "coordinates", "phase_of", "related"},
    "scheme": {"eura", "eura-diary", "vn", "url"},
}


@pytest.mark.parametrize("name", sorted(path.name for path in PAGES.glob("*.txt")))
def test_every_value_is_one_of_the_contracts_words(name: str) -> None:
    data = extract(page(name)).as_json()
    for key, field in (
        ("implementers", "role"),
        ("related", "relation"),
        ("identifiers", "scheme"),
    ):
        assert {row[field] for row in data[key]} <= VOCABULARY[field]
    assert data["scope"] in {None, "national", "regional", "local", "international"}
    assert data["dates_are"] in {None, "planned", "actual"}
    for key in ("start", "end"):
        assert data[key] is None or data[key]["precision"] in {"day", "month", "year"}
