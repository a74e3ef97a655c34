"""An Atom feed of the catalogue's new and updated projects, in each language (under its
prefix): published projects only, the last changed first, with the licence in `rights`.
Links are the portal's public addresses (PORTAL_URL), as on the pages."""

from typing import Any

from django.contrib.syndication.views import Feed
from django.db.models import QuerySet
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import linebreaks
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from portal.open_data import SITE_NAME, absolute_url, licence_statement

from .models import Project
from .selectors import CARD_DEFERRED

# Entries in the feed: readers keep what they have seen, so a short window is enough.
FEED_LENGTH = 50


class ProjectUpdatesFeed(Feed):  # type: ignore[type-arg]
    feed_type = Atom1Feed
    title = _("New and updated projects in Hankeportaali")
    subtitle = _("Finnish education development projects, the last added or changed first.")
    author_name = SITE_NAME

    def link(self) -> str:
        return absolute_url(reverse("projects:list"))

    def feed_url(self) -> str:
        return absolute_url(reverse("projects:feed"))

    def author_link(self) -> str:
        return absolute_url(reverse("home"))

    def feed_copyright(self) -> str:
        return licence_statement(get_language())

    def items(self) -> QuerySet[Project]:
        return (
            Project.objects.published()
            .defer(*CARD_DEFERRED)
            .prefetch_related("themes")
            .order_by("-updated_at", "-pk")[:FEED_LENGTH]
        )

    def item_title(self, item: Project) -> str:
        return f"{item.name} ({item.acronym})" if item.acronym else item.name

    def item_description(self, item: Project) -> str:
        # Atom's summary here is HTML: the text is escaped, so that it reads as written.
        return linebreaks(item.summary or item.tagline, autoescape=True)

    def item_link(self, item: Project) -> str:
        return absolute_url(item.get_absolute_url())

    def item_pubdate(self, item: Project) -> Any:
        return item.created_at

    def item_updateddate(self, item: Project) -> Any:
        return item.updated_at

    def item_categories(self, item: Project) -> list[str]:
        return [theme.name for theme in item.themes.all()]
