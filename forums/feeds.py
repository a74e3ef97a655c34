"""Atom feeds of the upcoming meetings, of all forums and of one forum, in each language (under
its prefix): the meetings the public pages show (forums.selectors.meetings_upcoming), cancelled
ones marked as such. A meeting's online link is for the people who registered: a feed says
only that the meeting is online, never where."""

from typing import Any

from django.contrib.syndication.views import Feed
from django.db.models import QuerySet
from django.http import HttpRequest
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import get_language, gettext

from portal.open_data import SITE_NAME, absolute_url, licence_statement

from . import selectors
from .models import Forum, Meeting, MeetingStatus

# Entries in a feed: the next meetings, soonest first.
FEED_LENGTH = 100


class UpcomingMeetingsFeed(Feed):  # type: ignore[type-arg]
    feed_type = Atom1Feed
    description_template = "forums/feed_meeting.html"
    author_name = SITE_NAME

    def title(self, obj: Forum | None) -> str:
        if obj is None:
            return gettext("Upcoming cooperation forum meetings")
        return obj.name

    def subtitle(self, obj: Forum | None) -> str:
        if obj is None:
            return gettext("The next meetings of the cooperation forums, soonest first.")
        return gettext("Upcoming meetings")

    def link(self, obj: Forum | None) -> str:
        return absolute_url(obj.get_absolute_url() if obj else reverse("forums:list"))

    def feed_url(self, obj: Forum | None) -> str:
        if obj is None:
            return absolute_url(reverse("forums:meetings_atom"))
        return absolute_url(reverse("forums:forum_atom", kwargs={"slug": obj.slug}))

    def author_link(self) -> str:
        return absolute_url(reverse("home"))

    def feed_copyright(self) -> str:
        return licence_statement(get_language())

    def items(self, obj: Forum | None) -> QuerySet[Meeting]:
        filters = {"forum": obj} if obj else None
        return selectors.meetings_upcoming(filters=filters)[:FEED_LENGTH]

    def item_title(self, item: Meeting) -> str:
        if item.status == MeetingStatus.CANCELLED:
            return gettext("Cancelled: %(title)s") % {"title": item.display_title}
        return item.display_title

    def item_link(self, item: Meeting) -> str:
        return absolute_url(item.get_absolute_url())

    def item_pubdate(self, item: Meeting) -> Any:
        return item.created_at

    def item_updateddate(self, item: Meeting) -> Any:
        return item.updated_at

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return {"meeting": kwargs.get("item")}


class ForumMeetingsFeed(UpcomingMeetingsFeed):
    def get_object(self, request: HttpRequest, *args: Any, **kwargs: Any) -> Forum:
        return selectors.forum_detail(slug=kwargs["slug"])
