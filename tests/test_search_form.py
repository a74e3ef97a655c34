"""The form that feeds the listing's selector: what it drops, what it never raises on, and
the slugs it resolves."""

import pytest
from django.http import QueryDict

from projects.forms import ProjectFilterForm
from projects.models import ProjectStatus
from projects.selectors import ProjectFilters, ProjectSort, project_search

from .factories import (
    FundingFactory,
    ImplementerFactory,
    OrganisationFactory,
    ProjectFactory,
    ThemeFactory,
    programme_tree,
    region,
)
from .search_helpers import TODAY

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


# --- The programme filter ---


@pytest.mark.django_db
def test_programme_filter_offers_only_nodes_with_published_projects_as_a_tree():
    nodes = programme_tree()
    FundingFactory.create(programme=nodes["objective"])
    FundingFactory.create(
        programme=nodes["sibling"], project=ProjectFactory.create(is_published=False)
    )

    choices = list(ProjectFilterForm(QueryDict()).fields["programme"].choices)

    path = [nodes[name] for name in ("fund", "programme", "axis", "objective")]
    assert [value for value, _label in choices] == ["", *(node.slug for node in path)]
    # Each level is indented one step more than the one above it, and names its code.
    labels = [str(label) for _value, label in choices[1:]]
    assert [len(label) - len(label.lstrip("\u00a0")) for label in labels] == [0, 3, 6, 9]
    assert labels[2].strip() == "TL 4 Koulutus"


@pytest.mark.django_db
def test_programme_filter_resolves_a_slug_and_drops_an_unknown_one():
    nodes = programme_tree()
    FundingFactory.create(programme=nodes["objective"])

    chosen = ProjectFilterForm(QueryDict(f"programme={nodes['axis'].slug}"))
    unknown = ProjectFilterForm(QueryDict(f"programme={nodes['sibling'].slug}"))

    assert chosen.filters().programme == nodes["axis"]
    assert unknown.filters() == ProjectFilters()
    assert "programme" in unknown.errors  # the listing says a term was left out


@pytest.mark.django_db
def test_programme_filter_is_left_out_when_no_programme_has_projects():
    ProjectFactory.create()
    assert "programme" not in ProjectFilterForm(QueryDict()).fields
