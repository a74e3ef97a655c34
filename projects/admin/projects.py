"""A project's admin page. Superusers say which organisations maintain a record; an editor
sees that read only, and a project they save stays theirs by their organisation maintaining
it (projects.permissions.project_maintainer_ensure), never by a role on the project page."""

from typing import Any

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TabbedTranslationAdmin

from .. import services
from ..importing import project_organisations_publish
from ..models import PROJECT_LONG_TEXTS, Project, ProjectStatus
from ..permissions import (
    AuditHistoryMixin,
    ScopedAdminMixin,
    project_maintainer_ensure,
    relation_targets,
    sees_everything,
)
from .inlines import (
    ContactInline,
    EventInline,
    FundingInline,
    IdentifierInline,
    ImplementerInline,
    LinkInline,
    RelationInline,
)
from .spreadsheets import ProjectSpreadsheetMixin
from .text_import import TextImportAdminMixin


def _choosing_a_related_project(request: HttpRequest) -> bool:
    """Is this the autocomplete of a relation's other project?"""
    match = request.resolver_match
    return (
        match is not None
        and match.url_name == "autocomplete"
        and request.GET.get("app_label") == "projects"
        and request.GET.get("model_name") == "projectrelation"
        and request.GET.get("field_name") == "to_project"
    )


class StatusFilter(admin.SimpleListFilter):
    title = _("status")
    parameter_name = "status"

    def lookups(self, request: HttpRequest, model_admin: admin.ModelAdmin) -> list[tuple[str, str]]:
        return [(str(value), str(label)) for value, label in ProjectStatus.choices]

    def queryset(self, request: HttpRequest, queryset: QuerySet[Project]) -> QuerySet[Project]:
        value = self.value()
        if value in ProjectStatus.values:
            return queryset.with_status(value)  # type: ignore[attr-defined]
        return queryset


@admin.register(Project)
class ProjectAdmin(
    ProjectSpreadsheetMixin,
    TextImportAdminMixin,
    AuditHistoryMixin,
    ScopedAdminMixin,
    TabbedTranslationAdmin,
):
    change_list_template = "admin/projects/project/change_list.html"
    list_display = [
        "name",
        "acronym",
        "kind",
        "start_display",
        "end_display",
        "status_display",
        "is_published",
        "updated_at",
    ]
    list_filter = [
        StatusFilter,
        "is_published",
        "kind",
        "stated_phase",
        "scope",
        "regions",
        "themes",
    ]
    search_fields = [
        "name_fi",
        "name_sv",
        "name_en",
        "acronym",
        "other_names",
        "identifiers__value",
        "slug",
    ]
    prepopulated_fields = {"slug": ["name_fi"]}
    autocomplete_fields = ["keywords", "municipalities", "maintainers"]
    filter_horizontal = ["themes", "regions"]
    readonly_fields = ["created_at", "updated_at"]
    inlines = [
        IdentifierInline,
        ImplementerInline,
        FundingInline,
        ContactInline,
        RelationInline,
        LinkInline,
        EventInline,
    ]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "name",
                    "other_names",
                    "acronym",
                    "slug",
                    "kind",
                    "is_published",
                    "tagline",
                ]
            },
        ),
        (
            _("Dates"),
            {
                "fields": [
                    ("start_date", "start_precision", "start_text"),
                    ("end_date", "end_precision", "end_text"),
                    "dates_basis",
                    "stated_phase",
                ],
                "description": _(
                    "A date known only to the month or the year is stored as that month or "
                    "year: choose the precision and any day inside it."
                ),
            },
        ),
        (
            _("Content"),
            {"fields": ["summary", *PROJECT_LONG_TEXTS]},
        ),
        (
            _("Where the project works"),
            {"fields": ["scope", "regions", "municipalities"]},
        ),
        (
            _("Classification"),
            {"fields": ["themes", "keywords", "budget_min", "budget_max"]},
        ),
        (_("Record"), {"fields": ["maintainers"]}),
        (_("History"), {"fields": ["created_at", "updated_at"], "classes": ["collapse"]}),
    ]

    @admin.display(description=_("start"), ordering="start_date")
    def start_display(self, project: Project) -> str:
        return project.start_display

    @admin.display(description=_("end"), ordering="end_date")
    def end_display(self, project: Project) -> str:
        return project.end_display

    @admin.display(description=_("status"))
    def status_display(self, project: Project) -> str:
        status = project.get_status_display()
        if project.phase_disagrees:
            return _("%(status)s (project states: %(phase)s)") % {
                "status": status,
                "phase": project.get_stated_phase_display(),
            }
        return status

    def get_queryset(self, request: HttpRequest) -> QuerySet[Project]:
        if _choosing_a_related_project(request):
            return relation_targets(request.user)
        return super().get_queryset(request)

    def get_readonly_fields(self, request: HttpRequest, obj: Project | None = None) -> Any:
        fields = list(super().get_readonly_fields(request, obj))
        if not sees_everything(request.user):
            # Who keeps a record is a superuser's decision; an editor's organisation is
            # added when they save (save_related).
            fields.append("maintainers")
        return fields

    def save_related(self, request: HttpRequest, form, formsets, change: bool) -> None:  # type: ignore[no-untyped-def]
        super().save_related(request, form, formsets, change)
        # After the form's own maintainers are saved: an editor keeps the record they saved.
        project_maintainer_ensure(project=form.instance, user=request.user)
        if form.instance.is_published:
            # The organisations a draft from the importer proposed are published with it.
            project_organisations_publish(project=form.instance)
        services.project_search_refresh(project_ids=[form.instance.pk])
