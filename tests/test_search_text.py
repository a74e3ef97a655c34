"""The listing's text search, on either database: words of the text, of an implementer and of
a funder, projects with every word first, combined with the filters; inflected forms and
relevance."""

import pytest

from projects.models import IdentifierScheme, Project
from projects.selectors import ProjectFilters, ProjectSort
from projects.services import project_identifiers_add

from .factories import (
    FundingFactory,
    ImplementerFactory,
    OrganisationFactory,
    ProjectFactory,
    ThemeFactory,
)
from .search_helpers import _ordered, _pks, _refresh

# --- Text search: on SQLite by substring, on PostgreSQL by stemmed vectors. ---


@pytest.mark.django_db
def test_text_search_finds_a_word_of_the_summary():
    match = ProjectFactory.create(summary_fi="Hanke vahvistaa maahanmuuttajien kielitaitoa.")
    other = ProjectFactory.create(summary_fi="Hanke kehittää työpaikkaohjausta.")
    _refresh(match, other)

    assert _ordered(ProjectFilters(q="kielitaitoa")) == [match.pk]
    assert _ordered(ProjectFilters(q="työpaikkaohjausta")) == [other.pk]


@pytest.mark.django_db
def test_text_search_finds_an_implementers_abbreviation():
    sakky = OrganisationFactory.create(name_fi="Savon koulutuskuntayhtymä", abbreviation="Sakky")
    match = ImplementerFactory.create(organisation=sakky).project
    other = ImplementerFactory.create().project
    _refresh(match, other)

    assert _ordered(ProjectFilters(q="Sakky")) == [match.pk]
    assert _ordered(ProjectFilters(q="sakky")) == [match.pk]


@pytest.mark.django_db
def test_text_search_finds_a_funder_a_result_and_a_eura_code_on_either_database():
    # The SQLite fallback looks at the same text as the PostgreSQL search vector.
    funded = FundingFactory.create(
        funder=OrganisationFactory.create(name_fi="Kotoutumissäätiö")
    ).project
    with_result = ProjectFactory.create(results_fi="- Valmistui ohjausopas.")
    coded = ProjectFactory.create()
    project_identifiers_add(project=coded, identifiers=[(IdentifierScheme.EURA2014, "S21485")])
    _refresh(funded, with_result, coded)

    assert _ordered(ProjectFilters(q="Kotoutumissäätiö")) == [funded.pk]
    assert _ordered(ProjectFilters(q="ohjausopas")) == [with_result.pk]
    assert _ordered(ProjectFilters(q="S21485")) == [coded.pk]


@pytest.mark.django_db
def test_text_search_with_several_words_puts_projects_with_all_of_them_first():
    sakky = OrganisationFactory.create(abbreviation="Sakky")
    both = ProjectFactory.create(summary_fi="Kielitaitoa työpaikoille.")
    ImplementerFactory.create(project=both, organisation=sakky)
    only_word = ProjectFactory.create(summary_fi="Kielitaitoa kaikille.")
    only_abbreviation = ProjectFactory.create(summary_fi="Muuta toimintaa.")
    ImplementerFactory.create(project=only_abbreviation, organisation=sakky)
    _refresh(both, only_word, only_abbreviation)

    assert _pks(ProjectFilters(q="kielitaitoa")) == {both.pk, only_word.pk}
    assert _pks(ProjectFilters(q="Sakky")) == {both.pk, only_abbreviation.pk}
    # Every word may match in a different text; a project with only some of them is found
    # too, after those with all.
    found = _ordered(ProjectFilters(q="Sakky kielitaitoa"))
    assert found[0] == both.pk
    assert set(found) == {both.pk, only_word.pk, only_abbreviation.pk}


@pytest.mark.django_db
def test_text_search_combines_with_filters():
    theme = ThemeFactory.create()
    themed = ProjectFactory.create(summary_fi="Digitaidot haltuun.")
    themed.themes.add(theme)
    unthemed = ProjectFactory.create(summary_fi="Digitaidot kaikille.")
    _refresh(themed, unthemed)

    assert _pks(ProjectFilters(q="digitaidot")) == {themed.pk, unthemed.pk}
    assert _ordered(ProjectFilters(q="digitaidot", theme=theme)) == [themed.pk]


@pytest.mark.django_db
def test_finnish_inflected_word_finds_its_base_form():
    base_form = ProjectFactory.create(summary_fi="Jokainen opiskelija saa tukea.", summary_en="")
    without = ProjectFactory.create(summary_fi="Hanke tukee työpaikkoja.", summary_en="")
    _refresh(base_form, without)

    assert _ordered(ProjectFilters(q="opiskelijoiden")) == [base_form.pk]


@pytest.mark.django_db
@pytest.mark.parametrize("word", ["studerandes", "studeranden"])
def test_swedish_inflected_word_finds_its_base_form(word):
    base_form = ProjectFactory.create(summary_sv="Varje studerande får stöd.", summary_en="")
    without = ProjectFactory.create(summary_sv="Stöd för lärare.", summary_en="")
    _refresh(base_form, without)

    assert _ordered(ProjectFilters(q=word)) == [base_form.pk]


@pytest.mark.django_db
def test_english_plural_finds_the_singular():
    singular = ProjectFactory.create(summary_en="Every student gets a mentor.")
    without = ProjectFactory.create(summary_en="Teachers learn new methods.")
    _refresh(singular, without)

    assert _ordered(ProjectFilters(q="students")) == [singular.pk]


@pytest.mark.django_db
def test_relevance_puts_a_match_in_the_name_first():
    # Created first and named first alphabetically, so neither pk nor name order would put the
    # name match first.
    in_description = ProjectFactory.create(
        name_fi="Aalto-hanke", description_fi="Kokeilemme robotiikkaa opetuksessa."
    )
    in_name = ProjectFactory.create(name_fi="Robotiikkaa kouluihin")
    ProjectFactory.create(name_fi="Muu hanke")
    _refresh(*Project.objects.all())

    assert _ordered(ProjectFilters(q="robotiikkaa")) == [in_name.pk, in_description.pk]
    assert _ordered(ProjectFilters(q="robotiikkaa", sort=ProjectSort.RELEVANCE)) == [
        in_name.pk,
        in_description.pk,
    ]
    # Asking for another order overrides relevance.
    assert _ordered(ProjectFilters(q="robotiikkaa", sort=ProjectSort.NAME)) == [
        in_description.pk,
        in_name.pk,
    ]


@pytest.mark.django_db
def test_text_search_matching_nothing_returns_nothing():
    project = ProjectFactory.create()
    _refresh(project)
    assert _pks(ProjectFilters(q="xyzzyplugh")) == set()
    assert _pks(ProjectFilters(q="xyzzyplugh qwertzuiop")) == set()
