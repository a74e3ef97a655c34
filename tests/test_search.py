"""The listing's selector, project_search(): its filters, alone and together, and the
orders it sorts in. Text search is in test_search_text.py, the filter form in
test_search_form.py."""

import datetime

import pytest
from django.utils.translation import override

from projects.models import ImplementerRole, Project, ProjectStatus
from projects.selectors import ProjectFilters, ProjectSort

from .factories import (
    FundingFactory,
    ImplementerFactory,
    OrganisationFactory,
    ProjectFactory,
    ThemeFactory,
    region,
)
from .search_helpers import TODAY, _ordered, _pks, _refresh

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
