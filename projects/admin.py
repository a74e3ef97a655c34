from typing import Any

from auditlog import get_logentry_model
from auditlog.admin import LogEntryAdmin
from django import forms
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.db import models
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import (
    TabbedTranslationAdmin,
    TranslationStackedInline,
    TranslationTabularInline,
)

from portal.forms import HTTPS_URL_FIELDS

from . import services
from .models import (
    PROJECT_LONG_TEXTS,
    Contact,
    Funding,
    Implementer,
    Keyword,
    Organisation,
    Project,
    ProjectLink,
    ProjectRelation,
    ProjectStatus,
    Region,
    Theme,
)
from .permissions import (
    AuditHistoryMixin,
    ScopedAdminMixin,
    organisation_ids,
    project_maintainer_ensure,
    relation_targets,
    sees_everything,
)


class ImplementerInline(admin.TabularInline):
    model = Implementer
    extra = 0
    autocomplete_fields = ["organisation"]


class FundingInline(admin.StackedInline):
    model = Funding
    extra = 0
    autocomplete_fields = ["funder", "intermediary"]


class ContactInline(TranslationStackedInline):
    model = Contact
    extra = 0
    autocomplete_fields = ["organisation"]


class RelationInline(admin.TabularInline):
    model = ProjectRelation
    fk_name = "from_project"
    extra = 0
    autocomplete_fields = ["to_project"]
    verbose_name = _("relation to another project")
    verbose_name_plural = _("relations to other projects")

    def formfield_for_foreignkey(
        self, db_field: "models.ForeignKey[Any, Any]", request: HttpRequest, **kwargs: Any
    ) -> "forms.ModelChoiceField[Any] | None":
        if db_field.name == "to_project":
            kwargs["queryset"] = relation_targets(request.user)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


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


class LinkInline(TranslationTabularInline):
    model = ProjectLink
    extra = 0
    formfield_overrides = HTTPS_URL_FIELDS


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
class ProjectAdmin(AuditHistoryMixin, ScopedAdminMixin, TabbedTranslationAdmin):
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
    list_filter = [StatusFilter, "is_published", "kind", "stated_phase", "regions", "themes"]
    search_fields = ["name_fi", "name_sv", "name_en", "acronym", "identifiers__value", "slug"]
    prepopulated_fields = {"slug": ["name_fi"]}
    autocomplete_fields = ["keywords"]
    filter_horizontal = ["themes", "regions"]
    readonly_fields = ["created_at", "updated_at"]
    inlines = [ImplementerInline, FundingInline, ContactInline, RelationInline, LinkInline]
    fieldsets = [
        (None, {"fields": ["name", "acronym", "slug", "kind", "is_published", "tagline"]}),
        (
            _("Dates"),
            {
                "fields": [
                    ("start_date", "start_precision"),
                    ("end_date", "end_precision"),
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
            _("Classification"),
            {"fields": ["themes", "keywords", "regions", "budget_min", "budget_max"]},
        ),
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

    def save_related(self, request: HttpRequest, form, formsets, change: bool) -> None:  # type: ignore[no-untyped-def]
        super().save_related(request, form, formsets, change)
        # After the form's own maintainers are saved: an editor keeps the record they saved.
        project_maintainer_ensure(project=form.instance, user=request.user)
        services.project_search_refresh(project_ids=[form.instance.pk])


@admin.register(Organisation)
class OrganisationAdmin(TabbedTranslationAdmin):
    list_display = ["name", "abbreviation", "kind", "business_id", "region"]
    list_filter = ["kind", "region"]
    search_fields = [
        "name_fi",
        "name_sv",
        "name_en",
        "abbreviation",
        "other_names",
        "business_id",
    ]
    prepopulated_fields = {"slug": ["name_fi"]}
    autocomplete_fields = ["parent"]
    filter_horizontal = ["editors"]
    formfield_overrides = HTTPS_URL_FIELDS

    # Everyone sees every organisation (projects name other organisations as partners and
    # funders); editors change only their own, and only superusers say who their editors are.

    def get_exclude(self, request: HttpRequest, obj: Organisation | None = None) -> Any:
        if sees_everything(request.user):
            return super().get_exclude(request, obj)
        return [*(super().get_exclude(request, obj) or []), "editors"]

    def has_change_permission(self, request: HttpRequest, obj: Organisation | None = None) -> bool:
        return super().has_change_permission(request, obj) and _own(request, obj)

    def has_delete_permission(self, request: HttpRequest, obj: Organisation | None = None) -> bool:
        return super().has_delete_permission(request, obj) and _own(request, obj)

    def formfield_for_manytomany(
        self, db_field: "models.ManyToManyField[Any, Any]", request: HttpRequest, **kwargs: Any
    ) -> "forms.ModelMultipleChoiceField[Any] | None":
        if db_field.name == "editors":
            kwargs["queryset"] = get_user_model().objects.filter(is_staff=True)
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    def save_model(self, request: HttpRequest, obj: Organisation, form, change: bool) -> None:  # type: ignore[no-untyped-def]
        super().save_model(request, obj, form, change)
        services.organisation_search_refresh(organisation_id=obj.pk)


def _own(request: HttpRequest, organisation: Organisation | None) -> bool:
    return (
        organisation is None
        or sees_everything(request.user)
        or organisation.pk in organisation_ids(request.user)
    )


@admin.register(Region)
class RegionAdmin(TabbedTranslationAdmin):
    list_display = ["code", "name"]
    search_fields = ["name_fi", "name_sv", "name_en"]


@admin.register(Theme)
class ThemeAdmin(TabbedTranslationAdmin):
    list_display = ["name", "slug"]
    search_fields = ["name_fi", "name_sv", "name_en"]
    prepopulated_fields = {"slug": ["name_fi"]}


@admin.register(Keyword)
class KeywordAdmin(admin.ModelAdmin):
    search_fields = ["name"]

    def save_model(self, request: HttpRequest, obj: Keyword, form, change: bool) -> None:  # type: ignore[no-untyped-def]
        super().save_model(request, obj, form, change)
        # A keyword is part of the search text of every project that has it.
        services.project_search_refresh(
            project_ids=Project.objects.filter(keywords=obj).values_list("pk", flat=True)
        )


LogEntry = get_logentry_model()
admin.site.unregister(LogEntry)


@admin.register(LogEntry)
class SuperuserLogEntryAdmin(LogEntryAdmin):
    """The whole audit trail crosses every organisation: superusers only. Editors read the
    history of their own objects from each object's page."""

    # Without the correlation id, a request's id for reading the server's logs, whose column
    # auditlog names only in English.
    list_display = ["created", "resource_url", "action", "msg_short", "user_url"]

    def has_module_permission(self, request: HttpRequest) -> bool:
        return sees_everything(request.user)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return sees_everything(request.user)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return sees_everything(request.user) and super().has_delete_permission(request, obj)
