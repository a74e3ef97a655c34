"""/sitemap.xml: an index of one sitemap per kind of public page, each page in every language
with hreflang alternates (django.contrib.sitemaps), and when it last changed where the data
knows it. Pages reached through personal links, admin and the API's documentation are left
out, as robots.txt asks."""

import datetime

from django.contrib.sitemaps import Sitemap
from django.db.models import QuerySet
from django.urls import reverse

from forums.models import Forum, Meeting
from forums.selectors import public_forums
from projects.sitemaps import (
    LanguageSitemap,
    OrganisationSitemap,
    ProgrammeSitemap,
    ProjectSitemap,
)


class PageSitemap(LanguageSitemap):
    """The pages that are there once: home, the listings and the statements."""

    def items(self) -> list[str]:
        return ["home", "projects:list", "forums:list", "accessibility", "privacy"]

    def location(self, item: str) -> str:
        return reverse(item)


class ForumSitemap(LanguageSitemap):
    def items(self) -> QuerySet[Forum]:
        return public_forums().only("pk", "slug").order_by("pk")


class MeetingSitemap(LanguageSitemap):
    """Upcoming meetings of published projects, as the forums page lists them."""

    def items(self) -> QuerySet[Meeting]:
        return Meeting.objects.public().upcoming().only("pk", "updated_at").order_by("pk")

    def lastmod(self, item: Meeting) -> datetime.datetime:
        return item.updated_at


SITEMAPS: dict[str, type[Sitemap]] = {  # type: ignore[type-arg]
    "pages": PageSitemap,
    "projects": ProjectSitemap,
    "organisations": OrganisationSitemap,
    "programmes": ProgrammeSitemap,
    "forums": ForumSitemap,
    "meetings": MeetingSitemap,
}
