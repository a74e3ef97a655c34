"""Organisations in admin: everyone sees every organisation (projects name other
organisations as partners and funders); editors change only their own, and only superusers
say who their editors are."""

from typing import Any

from django import forms
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.db import models
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TabbedTranslationAdmin

from portal.forms import HTTPS_URL_FIELDS

from .. import services
from ..models import Organisation
from ..permissions import organisation_ids, sees_everything
from .spreadsheets import OrganisationSpreadsheetMixin


@admin.register(Organisation)
class OrganisationAdmin(OrganisationSpreadsheetMixin, TabbedTranslationAdmin):
    list_display = ["name", "abbreviation", "kind", "business_id", "region", "is_published"]
    list_filter = ["is_published", "kind", "region"]
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
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "name",
                    "abbreviation",
                    "other_names",
                    "slug",
                    "is_published",
                    "kind",
                    "business_id",
                    "parent",
                    "region",
                    "website",
                ]
            },
        ),
        (
            _("Contact details"),
            {"fields": ["street_address", "postal_code", "post_office", "phone", "email"]},
        ),
        (None, {"fields": ["editors"]}),
    ]

    def get_fieldsets(self, request: HttpRequest, obj: Organisation | None = None) -> Any:
        fieldsets = super().get_fieldsets(request, obj)
        if sees_everything(request.user):
            return fieldsets
        return [fieldset for fieldset in fieldsets if "editors" not in fieldset[1]["fields"]]

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
