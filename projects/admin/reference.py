"""What projects are classified and funded by: regions, municipalities, themes, keywords and
the programme tree. Shared by every project, so editors read them (and add keywords) while
superusers keep them."""

from typing import Any

from django.contrib import admin
from django.http import HttpRequest
from modeltranslation.admin import TabbedTranslationAdmin

from .. import services
from ..models import Keyword, Municipality, Programme, Project, Region, Theme


class InSearchText(admin.ModelAdmin):
    """A row whose names are part of the search text of the projects it classifies: saving
    or deleting it refreshes theirs. `projects_lookup` names the projects' relation to it."""

    projects_lookup = ""

    def _classified(self, rows: Any) -> list[int]:
        lookup = f"{self.projects_lookup}__in"
        return list(Project.objects.filter(**{lookup: rows}).values_list("pk", flat=True))

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        super().save_model(request, obj, form, change)
        services.project_search_refresh(project_ids=self._classified([obj]))

    def delete_model(self, request: HttpRequest, obj: Any) -> None:
        # The projects it classified, found before the rows that link them go with it.
        project_ids = self._classified([obj])
        super().delete_model(request, obj)
        services.project_search_refresh(project_ids=project_ids)

    def delete_queryset(self, request: HttpRequest, queryset: Any) -> None:
        project_ids = self._classified(queryset)
        super().delete_queryset(request, queryset)
        services.project_search_refresh(project_ids=project_ids)


@admin.register(Region)
class RegionAdmin(InSearchText, TabbedTranslationAdmin):
    projects_lookup = "regions"
    list_display = ["code", "name"]
    search_fields = ["name_fi", "name_sv", "name_en"]


@admin.register(Municipality)
class MunicipalityAdmin(InSearchText, TabbedTranslationAdmin):
    """Statistics Finland's municipalities, loaded by a migration; chosen on a project's page
    by typing a name in Finnish or Swedish, or the code."""

    projects_lookup = "municipalities"
    list_display = ["name", "code", "region"]
    list_filter = ["region"]
    list_select_related = ["region"]
    search_fields = ["name_fi", "name_sv", "code"]
    ordering = ["name_fi"]


@admin.register(Programme)
class ProgrammeAdmin(TabbedTranslationAdmin):
    """The tree of funds, programmes, priority axes and objectives that a funding row points
    into."""

    list_display = ["name", "code", "level", "parent"]
    list_filter = ["level"]
    list_select_related = ["parent"]
    search_fields = ["name_fi", "name_sv", "name_en", "code"]
    autocomplete_fields = ["parent", "funding_body"]
    prepopulated_fields = {"slug": ["name_fi"]}

    def save_model(self, request: HttpRequest, obj: Programme, form, change: bool) -> None:  # type: ignore[no-untyped-def]
        super().save_model(request, obj, form, change)
        # A node's names are part of the search text of every project funded at or below it.
        services.programme_search_refresh(programme=obj)


@admin.register(Theme)
class ThemeAdmin(InSearchText, TabbedTranslationAdmin):
    projects_lookup = "themes"
    list_display = ["name", "slug"]
    search_fields = ["name_fi", "name_sv", "name_en"]
    prepopulated_fields = {"slug": ["name_fi"]}


@admin.register(Keyword)
class KeywordAdmin(InSearchText):
    projects_lookup = "keywords"
    search_fields = ["name"]
