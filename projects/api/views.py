"""The catalogue's endpoints: thin viewsets over the selectors the pages use, each list with
what its items show already fetched (a fixed number of queries per page)."""

from typing import Any

from django.db.models import QuerySet
from django_filters.rest_framework import DjangoFilterBackend
from rest_framework.request import Request
from rest_framework.response import Response

from .. import selectors, selectors_catalogue
from ..models import Organisation, Programme, Project, Region, Theme
from . import serializers, serializers_projects
from .base import PublicReadOnlyViewSet
from .filters import ProjectFilterSet


class ProjectViewSet(PublicReadOnlyViewSet):
    """Published projects. The list takes the listing page's filters; each item is what a
    project card shows. A project's detail is what its page shows, but for the people named
    in it: a contact is given by role and organisation only."""

    filter_backends = [DjangoFilterBackend]
    filterset_class = ProjectFilterSet

    def get_queryset(self) -> QuerySet[Project]:
        # Queries for a page: the projects; their leading implementers with organisations,
        # their fundings with funders; their regions; their themes.
        return selectors.card_prefetches(Project.objects.published()).prefetch_related("themes")

    def get_serializer_class(self) -> Any:
        if self.action == "retrieve":
            return serializers_projects.ProjectDetailSerializer
        return serializers_projects.ProjectCardSerializer

    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        page = selectors_catalogue.project_detail(slug=kwargs["slug"])
        serializer = self.get_serializer(page.project)
        serializer.context["related"] = page.related
        return Response(serializer.data)


class OrganisationViewSet(PublicReadOnlyViewSet):
    """Organisations that run, fund or pass on funding to projects, with their own published
    contact details; their projects are a link to the project list, filtered."""

    serializer_class = serializers.OrganisationSerializer

    def get_queryset(self) -> QuerySet[Organisation]:
        return Organisation.objects.filter(is_published=True).select_related("parent", "region")


class FunderViewSet(OrganisationViewSet):
    """The organisations that fund a published project or pass on its funding."""

    def get_queryset(self) -> QuerySet[Organisation]:
        return selectors.funders().select_related("parent", "region")


class ProgrammeViewSet(PublicReadOnlyViewSet):
    """The funding programme tree, a node at a time: a fund, its programmes, their priority
    axes and objectives. The detail has the node's path from the fund and the nodes below."""

    def get_queryset(self) -> QuerySet[Programme]:
        if self.action == "retrieve":
            return Programme.objects.select_related(
                selectors_catalogue.PROGRAMME_WITH_ANCESTORS, "funding_body"
            ).prefetch_related("children")
        return Programme.objects.select_related("parent", "funding_body")

    def get_serializer_class(self) -> Any:
        if self.action == "retrieve":
            return serializers.ProgrammeDetailSerializer
        return serializers.ProgrammeSerializer


class ThemeViewSet(PublicReadOnlyViewSet):
    queryset = Theme.objects.all()
    serializer_class = serializers.ThemeSerializer


class RegionViewSet(PublicReadOnlyViewSet):
    """Finland's regions (maakunnat)."""

    queryset = Region.objects.all()
    serializer_class = serializers.RegionSerializer
