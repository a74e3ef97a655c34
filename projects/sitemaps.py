"""The catalogue's public pages for the sitemap (portal/sitemaps.py), each in every language
with its alternates: published projects (with when they last changed), the organisations that
implement, fund or pass on funding to one, and the programme nodes with one under them."""

import datetime

from django.contrib.sitemaps import Sitemap
from django.db.models import Q, QuerySet
from django.urls import reverse

from .models import Funding, Implementer, Organisation, Programme, Project
from .selectors_catalogue import programmes_with_projects


class LanguageSitemap(Sitemap):  # type: ignore[type-arg]
    """Every page in each language (fi, sv, en), with hreflang alternates and an x-default
    (the Finnish page)."""

    i18n = True
    alternates = True
    x_default = True


class ProjectSitemap(LanguageSitemap):
    def items(self) -> QuerySet[Project]:
        return Project.objects.published().only("pk", "slug", "updated_at").order_by("pk")

    def lastmod(self, item: Project) -> datetime.datetime:
        return item.updated_at


class OrganisationSitemap(LanguageSitemap):
    def items(self) -> QuerySet[Organisation]:
        published = Q(project__is_published=True)
        return (
            Organisation.objects.filter(
                Q(is_published=True),
                Q(pk__in=Implementer.objects.filter(published).values("organisation"))
                | Q(pk__in=Funding.objects.filter(published).values("funder"))
                | Q(pk__in=Funding.objects.filter(published).values("intermediary")),
            )
            .only("pk", "slug")
            .order_by("pk")
        )

    def location(self, item: Organisation) -> str:
        return reverse("projects:organisation", kwargs={"slug": item.slug})


class ProgrammeSitemap(LanguageSitemap):
    def items(self) -> list[Programme]:
        return [node for node, _depth in programmes_with_projects()]
