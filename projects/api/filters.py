"""The project list's filters: the listing page's, under the same names, decided by the same
selector (projects.selectors.project_search), and an implementer's role and a range of years
besides. A value the API cannot read is a 400 that names the parameter, not an empty list."""

import datetime
from typing import Any

import django_filters
from django import forms
from django.db.models import Q, QuerySet
from drf_spectacular.utils import extend_schema_field

from ..models import (
    Implementer,
    ImplementerRole,
    Organisation,
    Programme,
    Project,
    ProjectStatus,
    Region,
    Theme,
)
from ..selectors import ProjectFilters, organisations_named, project_search

FIRST_YEAR = 1990
LAST_YEAR = 2100


class YearFilter(django_filters.NumberFilter):
    field_class = forms.IntegerField


def year_filter(description: str) -> YearFilter:
    schema = {"type": "integer", "minimum": FIRST_YEAR, "maximum": LAST_YEAR}
    return extend_schema_field({**schema, "description": description})(
        YearFilter(min_value=FIRST_YEAR, max_value=LAST_YEAR)
    )


def slug_filter(
    queryset: QuerySet[Any], description: str, to_field: str = "slug"
) -> django_filters.ModelChoiceFilter:
    """A record named by its slug (or another unique field): a value that names none is an
    error."""
    return extend_schema_field({"type": "string", "description": description})(
        django_filters.ModelChoiceFilter(queryset=queryset, to_field_name=to_field)
    )


class ProjectFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(
        max_length=200,
        help_text=(
            "Words to find in the project's texts in any language, its names, identifiers "
            "and keywords, and the names of who runs and funds it."
        ),
    )
    status = django_filters.ChoiceFilter(
        choices=ProjectStatus.choices, help_text="Planned, ongoing or ended, from the dates."
    )
    funder = slug_filter(
        Organisation.objects.all(),
        "An organisation's slug: projects it funds, or passes funding on to.",
    )
    programme = slug_filter(
        Programme.objects.all(),
        "A programme node's slug: projects funded under it or any node below it.",
    )
    organisation = django_filters.CharFilter(
        max_length=200,
        help_text=(
            "An organisation's slug, or else part of its name, abbreviation or other name: "
            "projects it carries out (in the role given by `role`, if any)."
        ),
    )
    role = django_filters.ChoiceFilter(
        choices=ImplementerRole.choices,
        help_text="Projects with an implementer in this role (the organisation's, if given).",
    )
    region = slug_filter(Region.objects.all(), "A region's slug: projects that work there.")
    theme = slug_filter(Theme.objects.all(), "A theme's slug.")
    year = year_filter("Projects active at some time in this year.")
    year_from = year_filter("Projects active in this year or later.")
    year_to = year_filter("Projects active in this year or earlier.")

    class Meta:
        model = Project
        fields: list[str] = []

    def project_filters(self) -> ProjectFilters:
        """The values the listing's selector takes, as the listing's form gives them."""
        data = self.form.cleaned_data
        text = " ".join((data.get("organisation") or "").split())
        organisation = Organisation.objects.filter(slug=text).first() if text else None
        return ProjectFilters(
            q=" ".join((data.get("q") or "").split()),
            status=data.get("status") or "",
            funder=data.get("funder"),
            programme=data.get("programme"),
            organisation=organisation,
            organisation_name="" if organisation else text,
            region=data.get("region"),
            theme=data.get("theme"),
            year=data.get("year"),
        )

    def filter_queryset(self, queryset: QuerySet[Project]) -> QuerySet[Project]:
        data = self.form.cleaned_data
        filters = self.project_filters()
        if filters != ProjectFilters():
            queryset = queryset.filter(pk__in=project_search(filters).values("pk"))
        if data.get("role"):
            implementers = Implementer.objects.filter(role=data["role"])
            if filters.organisation:
                implementers = implementers.filter(organisation=filters.organisation)
            elif filters.organisation_name:
                implementers = implementers.filter(
                    organisation__in=organisations_named(filters.organisation_name)
                )
            queryset = queryset.filter(pk__in=implementers.values("project"))
        if data.get("year_from") is not None:
            start = datetime.date(data["year_from"], 1, 1)
            queryset = queryset.filter(Q(end_date__gte=start) | Q(end_date__isnull=True))
        if data.get("year_to") is not None:
            end = datetime.date(data["year_to"], 12, 31)
            queryset = queryset.filter(Q(start_date__lte=end) | Q(start_date__isnull=True))
        if data.get("year_from") is not None or data.get("year_to") is not None:
            # As for `year`: a project with no dates known is active in no year.
            queryset = queryset.exclude(start_date__isnull=True, end_date__isnull=True)
        return queryset
