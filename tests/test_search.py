"""The listing's selector, project_search(), and the form that feeds it."""

import datetime

import pytest
from django.http import QueryDict
from django.utils.translation import override

from projects.forms import ProjectFilterForm
from projects.models import ImplementerRole, Project, ProjectStatus
from projects.selectors import ProjectFilters, ProjectSort, project_search
from projects.services import project_search_refresh

from .factories import (
    FundingFactory,
    ImplementerFactory,
    OrganisationFactory,
    ProjectFactory,
    ThemeFactory,
    region,
)

TODAY = datetime.date(2024, 6, 15)


def _pks(filters: ProjectFilters) -> set[int]:
    return {project.pk for project in project_search(filters, today=TODAY)}


def _ordered(filters: ProjectFilters) -> list[int]:
    return [project.pk for project in project_search(filters, today=TODAY)]


def _refresh(*projects: Project) -> None:
    project_search_refresh(project_ids=[project.pk for project in projects])


# --- Filters ---


@pytest.mark.django_db
def test_no_filters_lists_every_published_project():
    published = [ProjectFactory.create(), ProjectFactory.create(start_date=None, end_date=None)]
    ProjectFactory.create(is_published=False)
    assert _pks(ProjectFilters()) == {project.pk for project in published}


@pytest.mark.django_db
@pytest.mark.parametrize("status", list(ProjectStatus))
def test_status_filter(status):
    projects = [
        ProjectFactory.create(start_date=datetime.date(2025, 1, 1), end_date=None),
        ProjectFactory.create(start_date=TODAY, end_date=datetime.date(2025, 1, 1)),
        ProjectFactory.create(start_date=None, end_date=TODAY),
        ProjectFactory.create(
            start_date=datetime.date(2020, 1, 1), end_date=datetime.date(2024, 6, 14)
        ),
        ProjectFactory.create(start_date=None, end_date=None),
    ]
    ProjectFactory.create(is_published=False, start_date=TODAY, end_date=TODAY)
    expected = {project.pk for project in projects if project.status(today=TODAY) == status}
    assert expected
    assert _pks(ProjectFilters(status=status)) == expected


@pytest.mark.django_db
def test_funder_filter_matches_funder_and_intermediary():
    esf = OrganisationFactory.create(name_fi="Euroopan sosiaalirahasto")
    ely = OrganisationFactory.create(name_fi="ELY-keskus")
    direct = FundingFactory.create(funder=esf).project
    through_ely = FundingFactory.create(funder=esf, intermediary=ely).project
    only_ely = FundingFactory.create(funder=ely).project
    FundingFactory.create()  # another funder altogether
    ProjectFactory.create()  # no funding

    assert _pks(ProjectFilters(funder=esf)) == {direct.pk, through_ely.pk}
    assert _pks(ProjectFilters(funder=ely)) == {through_ely.pk, only_ely.pk}


@pytest.mark.django_db
def test_funder_filter_lists_a_project_once_with_several_fundings():
    funder = OrganisationFactory.create()
    project = ProjectFactory.create()
    FundingFactory.create(project=project, funder=funder)
    FundingFactory.create(project=project, funder=OrganisationFactory.create(), intermediary=funder)
    assert _ordered(ProjectFilters(funder=funder)) == [project.pk]


@pytest.mark.django_db
def test_organisation_filter():
    sakky = OrganisationFactory.create(abbreviation="Sakky")
    administered = ProjectFactory.create(name_fi="Bb-hanke")
    partnered = ProjectFactory.create(name_fi="Aa-hanke")
    ImplementerFactory.create(
        project=administered, organisation=sakky, role=ImplementerRole.ADMINISTRATOR
    )
    ImplementerFactory.create(project=partnered, organisation=sakky, role=ImplementerRole.PARTNER)
    ImplementerFactory.create(project=partnered, role=ImplementerRole.ADMINISTRATOR)
    ImplementerFactory.create()  # another organisation's project
    FundingFactory.create(funder=sakky)  # funding is not implementing

    found = _ordered(ProjectFilters(organisation=sakky, sort=ProjectSort.NAME))
    assert found == [partnered.pk, administered.pk]


@pytest.mark.django_db
def test_region_filter():
    uusimaa, lappi = region("uusimaa"), region("lappi")
    in_uusimaa = ProjectFactory.create()
    in_uusimaa.regions.add(uusimaa)
    in_both = ProjectFactory.create()
    in_both.regions.add(uusimaa, lappi)
    ProjectFactory.create().regions.add(lappi)
    ProjectFactory.create()

    assert _pks(ProjectFilters(region=uusimaa)) == {in_uusimaa.pk, in_both.pk}
    assert len(_ordered(ProjectFilters(region=uusimaa))) == 2


@pytest.mark.django_db
def test_theme_filter():
    theme, other_theme = ThemeFactory.create(), ThemeFactory.create()
    themed = ProjectFactory.create()
    themed.themes.add(theme, other_theme)
    ProjectFactory.create().themes.add(other_theme)
    ProjectFactory.create()

    assert _ordered(ProjectFilters(theme=theme)) == [themed.pk]


@pytest.mark.django_db
def test_year_filter():
    in_2019 = ProjectFactory.create(
        start_date=datetime.date(2018, 8, 1), end_date=datetime.date(2019, 1, 31)
    )
    from_2020 = ProjectFactory.create(start_date=datetime.date(2020, 1, 1), end_date=None)
    until_2019 = ProjectFactory.create(start_date=None, end_date=datetime.date(2019, 12, 31))
    ProjectFactory.create(start_date=None, end_date=None)

    assert _pks(ProjectFilters(year=2019)) == {in_2019.pk, until_2019.pk}
    assert _pks(ProjectFilters(year=2020)) == {from_2020.pk}
    assert _pks(ProjectFilters(year=2017)) == {until_2019.pk}


@pytest.mark.django_db
def test_filters_combine():
    theme = ThemeFactory.create()
    funder = OrganisationFactory.create()
    both = FundingFactory.create(funder=funder).project
    both.themes.add(theme)
    FundingFactory.create(funder=funder)
    ProjectFactory.create().themes.add(theme)

    assert _ordered(ProjectFilters(theme=theme, funder=funder)) == [both.pk]


@pytest.mark.django_db
def test_unpublished_projects_never_appear():
    theme = ThemeFactory.create()
    organisation = OrganisationFactory.create(abbreviation="Hiddenorg")
    hidden = ProjectFactory.create(
        is_published=False,
        summary_fi="Salainen kokeilu",
        start_date=datetime.date(2020, 1, 1),
        end_date=datetime.date(2030, 1, 1),
    )
    hidden.themes.add(theme)
    hidden.regions.add(region("kainuu"))
    ImplementerFactory.create(project=hidden, organisation=organisation)
    FundingFactory.create(project=hidden, funder=organisation)
    _refresh(hidden)

    for filters in [
        ProjectFilters(),
        ProjectFilters(status=ProjectStatus.ONGOING),
        ProjectFilters(theme=theme),
        ProjectFilters(region=region("kainuu")),
        ProjectFilters(organisation=organisation),
        ProjectFilters(funder=organisation),
        ProjectFilters(year=2022),
        ProjectFilters(q="kokeilu"),
        ProjectFilters(q="Hiddenorg"),
    ]:
        for sort in ["", ProjectSort.NAME, ProjectSort.NEWEST, ProjectSort.ENDING]:
            filters.sort = sort
            assert hidden.pk not in _pks(filters)

    # Publishing is all it takes for the same project to be found.
    Project.objects.filter(pk=hidden.pk).update(is_published=True)
    assert hidden.pk in _pks(ProjectFilters(q="kokeilu"))


# --- Ordering ---


@pytest.mark.django_db
def test_sort_by_name_in_the_active_language():
    aalto = ProjectFactory.create(name_fi="Aalto", name_en="Zebra")
    bole = ProjectFactory.create(name_fi="Böle", name_en="Apple")
    ceder = ProjectFactory.create(name_fi="Ceder", name_en=None)  # English falls back to Finnish

    assert _ordered(ProjectFilters(sort=ProjectSort.NAME)) == [aalto.pk, bole.pk, ceder.pk]
    with override("en"):
        assert _ordered(ProjectFilters(sort=ProjectSort.NAME)) == [bole.pk, ceder.pk, aalto.pk]


@pytest.mark.django_db
def test_sort_newest_first_by_start_with_undated_last():
    undated = ProjectFactory.create(start_date=None, end_date=datetime.date(2030, 1, 1))
    old = ProjectFactory.create(start_date=datetime.date(2015, 1, 1))
    new = ProjectFactory.create(start_date=datetime.date(2023, 1, 1))
    middle = ProjectFactory.create(start_date=datetime.date(2019, 6, 1))

    expected = [new.pk, middle.pk, old.pk, undated.pk]
    assert _ordered(ProjectFilters(sort=ProjectSort.NEWEST)) == expected
    assert _ordered(ProjectFilters()) == expected  # the default order without a search


@pytest.mark.django_db
def test_sort_by_latest_end_with_open_ended_last():
    open_ended = ProjectFactory.create(end_date=None)
    early = ProjectFactory.create(end_date=datetime.date(2020, 12, 31))
    late = ProjectFactory.create(end_date=datetime.date(2027, 12, 31))
    middle = ProjectFactory.create(end_date=datetime.date(2024, 5, 31))

    assert _ordered(ProjectFilters(sort=ProjectSort.ENDING)) == [
        late.pk,
        middle.pk,
        early.pk,
        open_ended.pk,
    ]


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
    coded = ProjectFactory.create(eura_code="S21485")
    _refresh(funded, with_result, coded)

    assert _ordered(ProjectFilters(q="Kotoutumissäätiö")) == [funded.pk]
    assert _ordered(ProjectFilters(q="ohjausopas")) == [with_result.pk]
    assert _ordered(ProjectFilters(q="S21485")) == [coded.pk]


@pytest.mark.django_db
def test_text_search_with_several_words_requires_all():
    sakky = OrganisationFactory.create(abbreviation="Sakky")
    both = ProjectFactory.create(summary_fi="Kielitaitoa työpaikoille.")
    ImplementerFactory.create(project=both, organisation=sakky)
    only_word = ProjectFactory.create(summary_fi="Kielitaitoa kaikille.")
    only_abbreviation = ProjectFactory.create(summary_fi="Muuta toimintaa.")
    ImplementerFactory.create(project=only_abbreviation, organisation=sakky)
    _refresh(both, only_word, only_abbreviation)

    assert _pks(ProjectFilters(q="kielitaitoa")) == {both.pk, only_word.pk}
    assert _pks(ProjectFilters(q="Sakky")) == {both.pk, only_abbreviation.pk}
    assert _ordered(ProjectFilters(q="Sakky kielitaitoa")) == [both.pk]


@pytest.mark.django_db
def test_text_search_combines_with_filters():
    theme = ThemeFactory.create()
    themed = ProjectFactory.create(summary_fi="Digitaidot haltuun.")
    themed.themes.add(theme)
    unthemed = ProjectFactory.create(summary_fi="Digitaidot kaikille.")
    _refresh(themed, unthemed)

    assert _pks(ProjectFilters(q="digitaidot")) == {themed.pk, unthemed.pk}
    assert _ordered(ProjectFilters(q="digitaidot", theme=theme)) == [themed.pk]


@pytest.mark.postgres
@pytest.mark.django_db
def test_finnish_inflected_word_finds_its_base_form():
    base_form = ProjectFactory.create(summary_fi="Jokainen opiskelija saa tukea.", summary_en="")
    without = ProjectFactory.create(summary_fi="Hanke tukee työpaikkoja.", summary_en="")
    _refresh(base_form, without)

    assert _ordered(ProjectFilters(q="opiskelijoiden")) == [base_form.pk]


@pytest.mark.postgres
@pytest.mark.django_db
@pytest.mark.parametrize("word", ["studerandes", "studeranden"])
def test_swedish_inflected_word_finds_its_base_form(word):
    base_form = ProjectFactory.create(summary_sv="Varje studerande får stöd.", summary_en="")
    without = ProjectFactory.create(summary_sv="Stöd för lärare.", summary_en="")
    _refresh(base_form, without)

    assert _ordered(ProjectFilters(q=word)) == [base_form.pk]


@pytest.mark.postgres
@pytest.mark.django_db
def test_english_plural_finds_the_singular():
    singular = ProjectFactory.create(summary_en="Every student gets a mentor.")
    without = ProjectFactory.create(summary_en="Teachers learn new methods.")
    _refresh(singular, without)

    assert _ordered(ProjectFilters(q="students")) == [singular.pk]


@pytest.mark.postgres
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
    assert _pks(ProjectFilters(q="opiskelijoiden xyzzyplugh")) == set()


# --- The filter form ---


@pytest.mark.django_db
def test_filter_form_drops_malformed_values():
    ProjectFactory.create()
    form = ProjectFilterForm(QueryDict("year=abc&region=nowhere&status=bogus&q=%00x&funder=%00"))

    filters = form.filters()

    assert isinstance(filters, ProjectFilters)
    assert filters.year is None
    assert filters.region is None
    assert filters.status == ""
    assert filters.funder is None
    assert filters.q == "x"
    assert filters == ProjectFilters(q="x")
    # The listing still runs with what is left (a NUL would make PostgreSQL refuse the query).
    list(project_search(filters, today=TODAY))


@pytest.mark.django_db
@pytest.mark.parametrize(
    "query",
    [
        "q=%00",
        "q=a%00b&sort=%00name",
        "organisation=%00nowhere&theme=%00&year=%00",
        "year=1989&sort=random",
        "year=99999999999999999999",
        "q=" + "x" * 201,
        "%00q=x",
    ],
)
def test_filter_form_never_raises(query):
    form = ProjectFilterForm(QueryDict(query))
    filters = form.filters()
    list(project_search(filters, today=TODAY))
    assert "\x00" not in filters.q
    assert "\x00" not in filters.sort


@pytest.mark.django_db
def test_filter_form_out_of_range_year_and_unknown_sort_are_dropped():
    filters = ProjectFilterForm(QueryDict("year=1989&sort=random&status=ended")).filters()
    assert filters.year is None
    assert filters.sort == ""
    assert filters.status == ProjectStatus.ENDED


@pytest.mark.django_db
def test_filter_form_resolves_valid_slugs():
    funder = OrganisationFactory.create()
    organisation = OrganisationFactory.create()
    theme = ThemeFactory.create()
    project = FundingFactory.create(funder=funder).project
    ImplementerFactory.create(project=project, organisation=organisation)
    query = QueryDict(mutable=True)
    query.update(
        {
            "funder": funder.slug,
            "organisation": organisation.slug,
            "region": "uusimaa",
            "theme": theme.slug,
            "year": "2020",
            "status": "ongoing",
            "sort": "name",
            "q": "  robotiikka   kouluissa ",
        }
    )

    filters = ProjectFilterForm(query).filters()

    assert filters.funder == funder
    assert filters.organisation == organisation
    assert filters.region == region("uusimaa")
    assert filters.theme == theme
    assert filters.year == 2020
    assert filters.status == ProjectStatus.ONGOING
    assert filters.sort == ProjectSort.NAME
    assert filters.q == "robotiikka kouluissa"


@pytest.mark.django_db
def test_filter_form_accepts_an_intermediary_as_funder():
    ely = OrganisationFactory.create()
    FundingFactory.create(intermediary=ely)
    assert ProjectFilterForm(QueryDict(f"funder={ely.slug}")).filters().funder == ely


@pytest.mark.django_db
def test_filter_form_offers_only_organisations_of_published_projects():
    funder = OrganisationFactory.create()
    organisation = OrganisationFactory.create()
    hidden = ProjectFactory.create(is_published=False)
    FundingFactory.create(project=hidden, funder=funder)
    ImplementerFactory.create(project=hidden, organisation=organisation)

    filters = ProjectFilterForm(
        QueryDict(f"funder={funder.slug}&organisation={organisation.slug}")
    ).filters()

    assert filters.funder is None
    assert filters.organisation is None
