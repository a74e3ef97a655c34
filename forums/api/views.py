"""The forums' endpoints: thin viewsets over the selectors of the forum pages."""

from typing import Any

from django.db.models import QuerySet
from django.utils.dateparse import parse_datetime
from django_filters.rest_framework import DjangoFilterBackend
from rest_framework.exceptions import NotFound
from rest_framework.request import Request
from rest_framework.response import Response

from projects.api.base import PublicReadOnlyViewSet, SlugCursorPagination

from .. import selectors
from ..models import Forum, Meeting
from . import serializers
from .filters import ForumFilterSet, MeetingFilterSet

# The largest id the database keeps (a bigint): a larger one names no meeting.
LARGEST_ID = 2**63 - 1


class ForumViewSet(PublicReadOnlyViewSet):
    """The forums of published projects: series of meetings that a project holds for named
    stakeholder groups. The detail lists its upcoming meetings."""

    filter_backends = [DjangoFilterBackend]
    filterset_class = ForumFilterSet

    def get_queryset(self) -> QuerySet[Forum]:
        # Queries for a page: the forums with their projects; their groups; their regions.
        return (
            selectors.public_forums()
            .select_related("project")
            .prefetch_related("stakeholder_groups", "regions")
        )

    def get_serializer_class(self) -> Any:
        if self.action == "retrieve":
            return serializers.ForumDetailSerializer
        return serializers.ForumSerializer

    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        forum = selectors.forum_detail(slug=kwargs["slug"])
        serializer = self.get_serializer(forum)
        serializer.context["upcoming_meetings"] = selectors.meetings_upcoming(
            filters={"forum": forum}
        )
        return Response(serializer.data)


class MeetingPagination(SlugCursorPagination):
    """Soonest first; a page starts after the last start time of the one before."""

    ordering = ("starts_at", "pk")

    def decode_cursor(self, request: Request) -> Any:
        cursor = super().decode_cursor(request)
        # A cursor is made by the API; a hand-made one that is not a time names no page.
        if cursor is not None and cursor.position is not None:
            try:
                valid = parse_datetime(cursor.position) is not None
            except ValueError:
                valid = False
            if not valid:
                raise NotFound(self.invalid_cursor_message)
        return cursor


class MeetingViewSet(PublicReadOnlyViewSet):
    """Meetings of the forums of published projects. The list is of those that have not
    ended, soonest first, with the forums page's filters; the detail is any meeting that has
    a public page, ended ones too. How many seats are left is said coarsely (available, few,
    full), as the pages say it."""

    filter_backends = [DjangoFilterBackend]
    filterset_class = MeetingFilterSet
    pagination_class = MeetingPagination
    lookup_field = "pk"

    def get_queryset(self) -> QuerySet[Meeting]:
        # Queries for a page: the meetings with their forums and regions, and their seats
        # taken counted in subqueries; the languages spoken; the languages interpreted into.
        return selectors.meetings_upcoming().prefetch_related("interpretation_languages")

    def get_serializer_class(self) -> Any:
        if self.action == "retrieve":
            return serializers.MeetingDetailSerializer
        return serializers.MeetingSerializer

    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        key = str(kwargs["pk"])
        if not key.isascii() or not key.isdigit() or not 0 < int(key) <= LARGEST_ID:
            raise NotFound()
        meeting = selectors.meeting_detail(pk=int(key))
        return Response(self.get_serializer(meeting).data)
