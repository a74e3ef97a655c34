"""What people type in Finnish, Swedish and English, and the projects it must find: a table
of queries over a small catalogue (tests/search_languages_catalogue.py), the same on SQLite
(FTS5) and PostgreSQL (the stored vector). Each row names the exact set found, so a project
found by a word it does not hold fails as surely as one missed; where the order matters, the
projects that must come first."""

from typing import NamedTuple

import pytest

from projects.search.query import search_plan, suggestion
from projects.selectors import ProjectFilters, project_search

from .search_helpers import TODAY
from .search_languages_catalogue import catalogue

pytestmark = pytest.mark.django_db

OMAPOLKU = "omapolku"
YHESSA = "yhessa"
VALITA = "valita-visa-omtanke"
KESKEYTTAMISESTA = "keskeyttamisesta-kohtaamiseen"
VAMOS = "vamos"
DIGILOIKKA = "digiloikka"
OPH_FUNDED = {OMAPOLKU, YHESSA, VALITA}
ESR_FUNDED = {KESKEYTTAMISESTA, VAMOS}
# Every project with a form of "opiskelija" (student), alone or in a compound.
STUDENTS = {YHESSA, VALITA, KESKEYTTAMISESTA, VAMOS, DIGILOIKKA}


class Row(NamedTuple):
    query: str
    found: set[str]
    # The projects that must come before every other one found (all words, or a better field).
    first: set[str] | None = None


ROWS = {
    # Finnish inflections: every form finds what the others find.
    "fi-plural-nominative": Row("opiskelijat", STUDENTS),
    "fi-plural-genitive": Row("opiskelijoiden", STUDENTS),
    "fi-allative-of-a-derived-word": Row("maahanmuuttajataustaisille", {OMAPOLKU}),
    "fi-plural-with-a-changing-stem": Row("perheet", {OMAPOLKU}),
    "fi-plural-genitive-of-perhe": Row("perheiden", {OMAPOLKU}),
    "fi-osallisuus": Row("osallisuus", {YHESSA, VALITA}),
    "fi-osallisuuden": Row("osallisuuden", {YHESSA, VALITA}),
    "fi-valmennus": Row("valmennus", {KESKEYTTAMISESTA, VAMOS}),
    "fi-valmennuksen": Row("valmennuksen", {KESKEYTTAMISESTA, VAMOS}),
    "fi-hyvinvointi-in-text-compound-and-theme": Row(
        "hyvinvointi", {VALITA, KESKEYTTAMISESTA, VAMOS}
    ),
    # Compound words: a part finds the compound, the compound finds only itself.
    "fi-compound-ryhmavalmennus": Row("ryhmävalmennus", {VAMOS}),
    "fi-part-riski-of-keskeyttamisriski": Row("riski", {KESKEYTTAMISESTA}),
    "fi-part-keskeyttaminen": Row("keskeyttäminen", {KESKEYTTAMISESTA}),
    "fi-part-nuoriso-of-oppilaitosnuorisotyontekijat": Row("nuoriso", {KESKEYTTAMISESTA}),
    "fi-compound-aikuisopiskelija": Row("aikuisopiskelija", {DIGILOIKKA}),
    # Several words across fields: those with all words first.
    "fi-nuorten-hyvinvointi": Row(
        "nuorten hyvinvointi",
        {KESKEYTTAMISESTA, OMAPOLKU, VAMOS, VALITA},
        first={KESKEYTTAMISESTA},
    ),
    "implementer-and-goal": Row("Sakky osallisuus", {YHESSA, VALITA}, first={YHESSA}),
    "name-and-region": Row("OmaPolku Uusimaa", {OMAPOLKU, KESKEYTTAMISESTA}, first={OMAPOLKU}),
    # Themes, regions, municipalities and programmes by name, in any language.
    "theme-fi": Row("Ohjaus", {OMAPOLKU, KESKEYTTAMISESTA}),
    "theme-sv": Row("Välbefinnande", {VALITA}),
    "theme-en": Row("Wellbeing", {VALITA}),
    "region-fi": Row("Uusimaa", {OMAPOLKU, KESKEYTTAMISESTA}),
    # "Norra" and "North" are also in Vamos's and Yhessä's regions: the whole name first.
    "region-sv": Row("Norra Savolax", {YHESSA, VAMOS}, first={YHESSA}),
    "region-en": Row("North Ostrobothnia", {VAMOS, YHESSA}, first={VAMOS}),
    "municipality-sv": Row("Vanda", {KESKEYTTAMISESTA}),
    "programme-sv": Row("yrkesutbildning", {VALITA}),
    # Funders by another language's name, by abbreviation and by another name.
    "funder-sv": Row("Utbildningsstyrelsen", OPH_FUNDED),
    "funder-en": Row(
        # "education" also finds Digiloikka ("adult education"): the full name ranks first.
        "Finnish National Agency for Education",
        {*OPH_FUNDED, DIGILOIKKA},
        first=OPH_FUNDED,
    ),
    "funder-en-esr": Row(
        # "social" is also the stem of the programme's "socially": found, but after.
        "European Social Fund",
        {*ESR_FUNDED, VALITA},
        first=ESR_FUNDED,
    ),
    "funder-sv-esr": Row("socialfonden", ESR_FUNDED),
    "abbreviation-oph": Row("OPH", OPH_FUNDED),
    "abbreviation-esr": Row("ESR", ESR_FUNDED),
    "funder-other-name": Row("Kouluhallitus", OPH_FUNDED),
    "implementer-brand": Row("WinNova", {VALITA}),
    # Swedish and English stems.
    "sv-familjer": Row("familjer", {OMAPOLKU}),
    "sv-familjerna": Row("familjerna", {OMAPOLKU}),
    "sv-studerande": Row("studerande", {YHESSA, KESKEYTTAMISESTA}),
    "sv-studerandes": Row("studerandes", {YHESSA, KESKEYTTAMISESTA}),
    "en-students": Row("students", {YHESSA, KESKEYTTAMISESTA}),
    "en-student": Row("student", {YHESSA, KESKEYTTAMISESTA}),
    "en-families": Row("families", {OMAPOLKU}),
    "en-family": Row("family", {OMAPOLKU}),
    # Typos: one letter wrong in a short word, up to two in a longer one.
    "typo-one-letter-missing": Row("osalisuus", {YHESSA, VALITA}),
    "typo-two-letters-swapped": Row("hyvinvionti", {VALITA, KESKEYTTAMISESTA, VAMOS}),
    "typo-short-word": Row("perhet", {OMAPOLKU}),
    "typo-funder-sv": Row("Utbildningstyrelsen", OPH_FUNDED),
    "typo-funder-fi": Row("Opetushalitus", OPH_FUNDED),
    "typo-sv": Row("familjr", {OMAPOLKU}),
    # Two letters swapped in a short word: one edit, not two ("ohjaus", the theme).
    "typo-short-word-swapped": Row("ohajus", {OMAPOLKU, KESKEYTTAMISESTA}),
    # The first letters of a word.
    "prefix-opisk": Row("opisk", STUDENTS),
    "prefix-maahanmuut": Row("maahanmuut", {OMAPOLKU}),
    "prefix-keskeyt": Row("keskeyt", {KESKEYTTAMISESTA}),
    # The first letters of an inflected form as written, not of its lemma.
    "prefix-of-an-inflected-form": Row("opiskelijoi", STUDENTS),
    "prefix-valmennuks": Row("valmennuks", {KESKEYTTAMISESTA, VAMOS}),
    "prefix-brand": Row("winn", {VALITA}),
    # Ranking: the name above the body, a keyword above the long texts.
    "rank-name-above-body": Row(
        "kohtaaminen", {KESKEYTTAMISESTA, DIGILOIKKA}, first={KESKEYTTAMISESTA}
    ),
    "rank-keyword-above-tail": Row("tutortoiminta", {YHESSA, DIGILOIKKA}, first={YHESSA}),
    "nothing": Row("xyzzyplugh", set()),
}


def _found(query: str) -> list[str]:
    return [project.slug for project in project_search(ProjectFilters(q=query), today=TODAY)]


@pytest.mark.parametrize("row", ROWS.values(), ids=ROWS.keys())
def test_query_finds_its_projects(row: Row):
    catalogue()

    found = _found(row.query)

    assert set(found) == row.found
    assert len(found) == len(set(found)), "a project is listed twice"
    if row.first is not None:
        assert set(found[: len(row.first)]) == row.first, found


def test_the_first_projects_outrank_the_others_also_when_created_in_another_order():
    """The ranking rows are not passed by the order of creation or of names: Digiloikka
    sorts before Keskeyttämisestä and Yhessä by name, and the projects are created in the
    table's order."""
    projects = catalogue()
    assert sorted(projects) == sorted(
        [OMAPOLKU, YHESSA, VALITA, KESKEYTTAMISESTA, VAMOS, DIGILOIKKA]
    )
    assert _found("kohtaaminen") == [KESKEYTTAMISESTA, DIGILOIKKA]
    assert _found("tutortoiminta") == [YHESSA, DIGILOIKKA]
    # Sorted by name instead, the order is the names'.
    by_name = project_search(ProjectFilters(q="kohtaaminen", sort="name"), today=TODAY)
    assert [project.slug for project in by_name] == [DIGILOIKKA, KESKEYTTAMISESTA]


def test_a_typo_is_corrected_to_the_known_word_and_said_so():
    catalogue()

    plan = search_plan("osalisuus hyvinvionti")

    assert plan.corrections == [("osalisuus", "osallisuus"), ("hyvinvionti", "hyvinvointi")]
    assert suggestion(plan) == ""  # every word found something


def test_three_letters_wrong_find_nothing_and_did_you_mean_offers_the_word():
    catalogue()

    plan = search_plan("osalisuz")

    assert _found("osalisuz") == []
    assert [word.known for word in plan.words] == [False]
    assert suggestion(plan) == "osallisuus"
    # The suggestion finds what the word itself would.
    assert set(_found(suggestion(plan))) == {YHESSA, VALITA}


def test_nothing_near_is_no_suggestion():
    catalogue()
    assert suggestion(search_plan("xyzzyplugh")) == ""
