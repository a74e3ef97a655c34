from django.contrib import admin
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


class ImplementerInline(admin.TabularInline):
    model = Implementer
    extra = 0
    autocomplete_fields = ["organisation"]


class FundingInline(TranslationStackedInline):
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
class ProjectAdmin(TabbedTranslationAdmin):
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
    search_fields = ["name_fi", "name_sv", "name_en", "acronym", "eura_code", "slug"]
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
            {
                "fields": [
                    "summary",
                    "description",
                    "target_group",
                    "beneficiaries",
                    "goals",
                    "implementation",
                    "results",
                ]
            },
        ),
        (
            _("Classification"),
            {"fields": ["themes", "keywords", "regions", "budget_min", "budget_max", "eura_code"]},
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

    def save_related(self, request: HttpRequest, form, formsets, change: bool) -> None:  # type: ignore[no-untyped-def]
        super().save_related(request, form, formsets, change)
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
    formfield_overrides = HTTPS_URL_FIELDS

    def save_model(self, request: HttpRequest, obj: Organisation, form, change: bool) -> None:  # type: ignore[no-untyped-def]
        super().save_model(request, obj, form, change)
        services.organisation_search_refresh(organisation_id=obj.pk)


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
