"""Filters of the meeting list (the forums page's: forum, region, language spoken, decided by
the page's selector) and of the forum list (the organising project)."""

import django_filters
from django.db.models import QuerySet

from projects.api.filters import slug_filter
from projects.models import Project, Region

from ..models import Forum, Language, Meeting
from ..selectors import meetings_upcoming, public_forums


class MeetingFilterSet(django_filters.FilterSet):
    forum = slug_filter(public_forums(), "A forum's slug: its meetings.")
    region = slug_filter(Region.objects.all(), "A region's slug: meetings held there.")
    language = slug_filter(
        Language.objects.all(),
        "The code of a language spoken at the meeting, such as fi or so.",
        to_field="code",
    )

    class Meta:
        model = Meeting
        fields: list[str] = []

    def filter_queryset(self, queryset: QuerySet[Meeting]) -> QuerySet[Meeting]:
        chosen = {name: value for name, value in self.form.cleaned_data.items() if value}
        if not chosen:
            return queryset
        return queryset.filter(pk__in=meetings_upcoming(filters=chosen).values("pk"))


class ForumFilterSet(django_filters.FilterSet):
    project = slug_filter(
        Project.objects.published(), "The slug of the published project that holds the forums."
    )

    class Meta:
        model = Forum
        fields: list[str] = []
