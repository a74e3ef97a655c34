"""Reads for the public pages, each with the related rows it shows already fetched."""

import datetime
from dataclasses import dataclass
from typing import Any

from django.core.paginator import Page, Paginator
from django.db.models import F, Prefetch, Q, QuerySet
from django.db.models.functions import Coalesce
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import get_language

from .models import (
    PROJECT_LONG_TEXTS,
    SEARCH_LANGUAGES,
    Funding,
    Implementer,
    ImplementerRole,
    Organisation,
    Programme,
    Project,
    ProjectStatus,
    Region,
    Theme,
    under_programme,
)
from .search.matching import search_matching
from .search.query import SearchPlan, search_plan


class ProjectSort:
    RELEVANCE = "relevance"
    NAME = "name"
    NEWEST = "newest"
    ENDING = "ending"


@dataclass
class ProjectFilters:
    """What a visitor asked of the listing, already validated by ProjectFilterForm."""

    q: str = ""
    status: str = ""
    funder: Organisation | None = None
    # A node of the programme tree: projects funded under it or under any node below it.
    programme: Programme | None = None
    organisation: Organisation | None = None
    # Part of an implementing organisation's name, abbreviation or other name, as typed.
    organisation_name: str = ""
    region: Region | None = None
    theme: Theme | None = None
    year: int | None = None
    sort: str = ""


def _name_in_language() -> Coalesce:
    """The project's name in the active language, or its Finnish name, for ordering."""
    language = get_language() or "fi"
    return Coalesce(F(f"name_{language}"), F("name_fi"))


# Long texts a project card never shows: left in the database, a page of cards reads (and
# PostgreSQL sorts) narrow rows instead of every description in three languages.
CARD_DEFERRED = (*PROJECT_LONG_TEXTS, "search_vector", "search_head")


def card_prefetches(queryset: QuerySet[Project]) -> QuerySet[Project]:
    """What a project card shows: the organisations that lead it, funders and regions."""
    return queryset.defer(*CARD_DEFERRED).prefetch_related(
        Prefetch(
            "implementers",
            queryset=Implementer.objects.filter(
                role__in=[
                    ImplementerRole.APPLICANT,
                    ImplementerRole.ADMINISTRATOR,
                    ImplementerRole.LEAD_PARTNER,
                    ImplementerRole.COORDINATOR,
                ]
            ).select_related("organisation"),
            to_attr="lead_implementers",
        ),
        Prefetch("fundings", queryset=Funding.objects.select_related("funder")),
        "regions",
    )


def organisations_named(text: str) -> QuerySet[Organisation]:
    """Organisations whose name in any language, abbreviation or other names contain the text
    (a few thousand short rows: a scan of them costs about a millisecond)."""
    matches = Q(abbreviation__icontains=text) | Q(other_names__icontains=text)
    for language in SEARCH_LANGUAGES:
        matches |= Q(**{f"name_{language}__icontains": text})
    return Organisation.objects.filter(matches)


def projects_named(name: str) -> QuerySet[Project]:
    """Projects called `name` in any language, or by it as their acronym: the importer warns
    of them, since a page without an identifier may describe a project already here."""
    matches = Q(acronym__iexact=name)
    for language in SEARCH_LANGUAGES:
        matches |= Q(**{f"name_{language}__iexact": name})
    return Project.objects.filter(matches).order_by("pk")


def project_search(
    filters: ProjectFilters,
    today: datetime.date | None = None,
    plan: SearchPlan | None = None,
) -> QuerySet[Project]:
    """Published projects that match the filters, in the order asked for, with what their
    cards show. `plan` is the search text's plan when the caller has made it already."""
    return card_prefetches(_matching(filters, today=today, plan=plan))


def _matching(
    filters: ProjectFilters, *, today: datetime.date | None, plan: SearchPlan | None
) -> QuerySet[Project]:
    queryset = Project.objects.published()
    if filters.status:
        queryset = queryset.with_status(filters.status, today=today)
    if filters.funder:
        queryset = queryset.filter(
            pk__in=Funding.objects.filter(
                Q(funder=filters.funder) | Q(intermediary=filters.funder)
            ).values("project")
        )
    if filters.programme:
        queryset = queryset.filter(
            pk__in=Funding.objects.filter(under_programme(filters.programme)).values("project")
        )
    if filters.organisation:
        queryset = queryset.filter(
            pk__in=Implementer.objects.filter(organisation=filters.organisation).values("project")
        )
    elif filters.organisation_name:
        queryset = queryset.filter(
            pk__in=Implementer.objects.filter(
                organisation__in=organisations_named(filters.organisation_name)
            ).values("project")
        )
    if filters.region:
        queryset = queryset.filter(regions=filters.region)
    if filters.theme:
        queryset = queryset.filter(themes=filters.theme)
    if filters.year:
        queryset = queryset.active_in_year(filters.year)
    if filters.q:
        queryset = search_matching(queryset, plan or search_plan(filters.q))

    sort = filters.sort or (ProjectSort.RELEVANCE if filters.q else ProjectSort.NEWEST)
    if sort == ProjectSort.RELEVANCE and filters.q:
        return queryset.order_by("-search_words", "-search_rank", _name_in_language(), "pk")
    return queryset.order_by(*_plain_order(sort))


def _plain_order(sort: str) -> tuple[Any, ...]:
    """The listing's order by the project's own columns (every order but relevance)."""
    if sort == ProjectSort.NAME:
        return (_name_in_language(), "pk")
    if sort == ProjectSort.ENDING:
        return (F("end_date").desc(nulls_last=True), "pk")
    return (F("start_date").desc(nulls_last=True), "pk")


def project_page(
    filters: ProjectFilters,
    number: Any,
    *,
    per_page: int,
    today: datetime.date | None = None,
    plan: SearchPlan | None = None,
) -> Page:
    """One page of the listing, its projects with what their cards show.

    Without a search text, the page's ids are found first, in order, by a subquery that reads
    only the columns it filters and orders by (on PostgreSQL, from the partial indexes of
    published projects), and only the page's rows are read whole: a deep page no longer
    reads and sorts every row before it. A search keeps its one query, ordered by relevance.
    """
    matching = _matching(filters, today=today, plan=plan)
    page = Paginator(card_prefetches(matching), per_page).get_page(number)
    if not filters.q:
        start = (page.number - 1) * per_page
        page_ids = matching.values("pk")[start : start + per_page]
        page.object_list = card_prefetches(
            Project.objects.filter(pk__in=page_ids).order_by(*_plain_order(filters.sort))
        )
    return page


def funders() -> QuerySet[Organisation]:
    """The organisations that fund or pass on funding to a published project, for the
    listing's filter (a hundred or so: the thousands of implementing organisations are a
    text field instead). Subqueries, not joins: one with thousands of fundings is one row."""
    published_fundings = Funding.objects.filter(project__is_published=True)
    return Organisation.objects.filter(
        Q(pk__in=published_fundings.values("funder"))
        | Q(pk__in=published_fundings.values("intermediary")),
        is_published=True,
    ).order_by("name")


def home_projects(
    *, limit: int = 6, today: datetime.date | None = None
) -> dict[str, list[Project]]:
    """The projects the home page shows cards of: the latest started of those running, and
    the latest ended."""
    today = today or timezone.localdate()
    published = Project.objects.published()
    ongoing = published.with_status(ProjectStatus.ONGOING, today=today).order_by(
        F("start_date").desc(nulls_last=True), "pk"
    )
    ended = published.with_status(ProjectStatus.ENDED, today=today).order_by("-end_date", "pk")
    return {
        "ongoing": list(card_prefetches(ongoing)[:limit]),
        "recently_ended": list(card_prefetches(ended)[:limit]),
    }


def group_by_role(implementers: list[Implementer]) -> list[tuple[str, list[Implementer]]]:
    """Implementers in the order of their roles (applicant first), each role once."""
    groups: list[tuple[str, list[Implementer]]] = []
    for role in ImplementerRole:
        members = [implementer for implementer in implementers if implementer.role == role]
        if members:
            groups.append((str(role.label), members))
    return groups


@dataclass
class OrganisationPage:
    organisation: Organisation
    roles: list[tuple[str, list[Implementer]]]
    funded: list[Funding]
    mediated: list[Funding]
    units: list[Organisation]
    # The nodes of the programme tree it is the funding body of.
    programmes: list[Programme]


def organisation_detail(*, slug: str) -> OrganisationPage:
    # An organisation the importer proposed waits unpublished with its draft project.
    organisation: Organisation = get_object_or_404(
        Organisation.objects.select_related("parent", "region"), slug=slug, is_published=True
    )
    implementations = list(
        Implementer.objects.filter(organisation=organisation, project__is_published=True)
        .select_related("project")
        .order_by("project__name")
    )
    fundings = list(
        Funding.objects.filter(Q(funder=organisation) | Q(intermediary=organisation))
        .filter(project__is_published=True)
        .select_related("project", "funder", "intermediary")
        .order_by("project__name")
    )
    return OrganisationPage(
        organisation=organisation,
        roles=group_by_role(implementations),
        funded=[funding for funding in fundings if funding.funder_id == organisation.pk],
        mediated=[funding for funding in fundings if funding.intermediary_id == organisation.pk],
        units=list(organisation.units.filter(is_published=True).order_by("name")),
        programmes=list(organisation.programmes.order_by("code", "name")),
    )
