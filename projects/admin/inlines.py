"""What a project's admin page edits below the project itself: its identifiers, who carries
it out and funds it, its contact persons, relations, links and events. Each row is checked
by its model (the form's full_clean), so a rule such as one identifier per scheme is a
message on the form, not a server error."""

from typing import Any

from django import forms
from django.contrib import admin
from django.db import models
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import (
    TranslationStackedInline,
    TranslationTabularInline,
)

from portal.forms import HTTPS_URL_FIELDS

from ..models import (
    Contact,
    Funding,
    Implementer,
    ProjectEvent,
    ProjectIdentifier,
    ProjectLink,
    ProjectRelation,
)
from ..permissions import relation_targets


class IdentifierInline(admin.TabularInline):
    model = ProjectIdentifier
    extra = 0
    fields = ["scheme", "value"]


class ImplementerInline(TranslationTabularInline):
    model = Implementer
    extra = 0
    autocomplete_fields = ["organisation"]
    fields = ["organisation", "role", "note", "active_from", "active_until", "order"]


class FundingInline(admin.StackedInline):
    model = Funding
    extra = 0
    autocomplete_fields = ["funder", "intermediary", "programme"]
    fields = [
        "funder",
        "intermediary",
        "programme",
        "amount",
        ("start_date", "start_precision", "start_text"),
        ("end_date", "end_precision", "end_text"),
    ]


class ContactInline(TranslationStackedInline):
    model = Contact
    extra = 0
    autocomplete_fields = ["organisation"]
    fields = [
        "name",
        "title",
        "organisation",
        "email",
        "phone",
        "workload",
        ("active_from", "active_until"),
        "order",
    ]


class RelationInline(admin.TabularInline):
    model = ProjectRelation
    fk_name = "from_project"
    extra = 0
    autocomplete_fields = ["to_project"]
    fields = ["kind", "to_project", "to_name", "to_identifier", "to_url"]
    formfield_overrides = HTTPS_URL_FIELDS
    verbose_name = _("relation to another project")
    verbose_name_plural = _("relations to other projects")

    def formfield_for_foreignkey(
        self, db_field: "models.ForeignKey[Any, Any]", request: HttpRequest, **kwargs: Any
    ) -> "forms.ModelChoiceField[Any] | None":
        if db_field.name == "to_project":
            kwargs["queryset"] = relation_targets(request.user)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class LinkInline(TranslationTabularInline):
    model = ProjectLink
    extra = 0
    formfield_overrides = HTTPS_URL_FIELDS


class EventInline(TranslationStackedInline):
    model = ProjectEvent
    extra = 0
    autocomplete_fields = ["co_organisers"]
    formfield_overrides = HTTPS_URL_FIELDS
    fields = [
        "title",
        ("date", "date_precision"),
        "place",
        "description",
        "speakers",
        "co_organisers",
        "url",
    ]
