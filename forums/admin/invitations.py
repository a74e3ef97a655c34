"""Invitees (with their CSV import), invitation texts and invitations."""

from typing import Any

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import URLPattern, path
from django.utils.translation import gettext_lazy as _

from projects.models import Organisation
from projects.permissions import (
    ScopedAdminMixin,
    organisation_ids,
    own_organisations,
    sees_everything,
)

from ..invitations import invitees_import_csv
from ..models import EmailStatus, Invitation, InvitationText, Invitee
from .outbox import queue_retries
from .privacy import PersonalDataActionsMixin
from .registrations import MeetingListFilter


class InviteeImportForm(forms.Form):
    file = forms.FileField(
        label=_("CSV file"),
        help_text=_(
            "Columns name, email, group, language and optionally organisation; group is a "
            "stakeholder group's slug and language a code such as fi, sv, en, ar or so."
        ),
    )
    kept_by: "forms.ModelChoiceField[Organisation]" = forms.ModelChoiceField(
        label=_("On the list of"),
        queryset=Organisation.objects.none(),
        help_text=_("People already on another organisation's list are skipped, not changed."),
    )

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["kept_by"]
        organisations = own_organisations(user)
        if sees_everything(user):
            field.required = False
            field.help_text = _(
                "Leave empty to import onto no organisation's list; then rows update anyone "
                "with the same address."
            )
        elif len(organisation_ids(user)) == 1:
            del self.fields["kept_by"]  # nothing to choose
            return
        field.queryset = organisations  # type: ignore[attr-defined]

    def organisation(self, user: Any) -> Organisation | None:
        if "kept_by" in self.fields:
            return self.cleaned_data.get("kept_by")
        return own_organisations(user).first()


@admin.register(Invitee)
class InviteeAdmin(PersonalDataActionsMixin, ScopedAdminMixin, admin.ModelAdmin):
    list_display = [
        "name",
        "email",
        "group",
        "language",
        "organisation",
        "kept_by",
        "unsubscribed_at",
    ]
    list_filter = [
        "group",
        "language",
        ("kept_by", admin.RelatedOnlyFieldListFilter),
        ("unsubscribed_at", admin.EmptyFieldListFilter),
    ]
    search_fields = ["name", "email", "organisation"]
    list_select_related = ["group", "language", "kept_by"]
    readonly_fields = ["created_at", "updated_at"]
    change_list_template = "admin/forums/invitee_changelist.html"
    own_organisation_fields = ("kept_by",)

    def get_readonly_fields(self, request: HttpRequest, obj: Invitee | None = None) -> Any:
        fields = list(super().get_readonly_fields(request, obj))
        # Someone invited to an editor's meeting from another organisation's list stays on
        # that list.
        if (
            obj is not None
            and not sees_everything(request.user)
            and obj.kept_by_id not in organisation_ids(request.user)
        ):
            fields.append("kept_by")
        return fields

    def get_urls(self) -> list[URLPattern]:
        import_view = path(
            "import/",
            self.admin_site.admin_view(self.import_view),
            name="forums_invitee_import",
        )
        return [import_view, *super().get_urls()]

    def import_view(self, request: HttpRequest) -> HttpResponse:
        if not self.has_add_permission(request):
            raise PermissionDenied
        form = InviteeImportForm(request.POST or None, request.FILES or None, user=request.user)
        report = None
        if request.method == "POST" and form.is_valid():
            report = invitees_import_csv(
                form.cleaned_data["file"], kept_by=form.organisation(request.user)
            )
            level = messages.WARNING if report.errors else messages.SUCCESS
            self.message_user(
                request,
                _("%(created)d people added, %(updated)d updated, %(skipped)d rows skipped.")
                % {
                    "created": report.created,
                    "updated": report.updated,
                    "skipped": len(report.errors),
                },
                level,
            )
        return render(
            request,
            "admin/forums/invitee_import.html",
            {
                **self.admin_site.each_context(request),
                "title": _("Import invitees from CSV"),
                "form": form,
                "report": report,
                "opts": self.model._meta,
            },
        )


@admin.register(InvitationText)
class InvitationTextAdmin(ScopedAdminMixin, admin.ModelAdmin):
    """An editor writes their organisations' texts; the portal's own (no organisation) are
    for superusers."""

    list_display = ["language", "organisation", "subject"]
    list_filter = ["language", ("organisation", admin.RelatedOnlyFieldListFilter)]
    own_organisation_fields = ("organisation",)


class EmailStatusFilter(admin.SimpleListFilter):
    title = _("sending")
    parameter_name = "sending"

    def lookups(self, request: HttpRequest, model_admin: admin.ModelAdmin) -> list[tuple[str, str]]:
        return [(str(value), str(label)) for value, label in EmailStatus.choices]

    def queryset(
        self, request: HttpRequest, queryset: QuerySet[Invitation]
    ) -> QuerySet[Invitation]:
        if self.value() in EmailStatus.values:
            return queryset.filter(email__status=self.value())
        return queryset


@admin.register(Invitation)
class InvitationAdmin(ScopedAdminMixin, admin.ModelAdmin):
    list_display = ["invitee", "meeting", "language", "sending_status", "attempts", "created_at"]
    list_filter = [
        EmailStatusFilter,
        ("meeting__forum", admin.RelatedOnlyFieldListFilter),
        ("meeting", MeetingListFilter),
    ]
    search_fields = ["invitee__name", "invitee__email"]
    list_select_related = ["invitee", "meeting__forum", "email"]
    readonly_fields = ["meeting", "invitee", "language", "email", "created_at"]
    actions = ["retry_failed"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    @admin.display(description=_("sending"))
    def sending_status(self, invitation: Invitation) -> str:
        return invitation.email.get_status_display() if invitation.email else ""

    @admin.display(description=_("attempts"))
    def attempts(self, invitation: Invitation) -> int:
        return invitation.email.attempts if invitation.email else 0

    @admin.action(description=_("Send failed invitations again"))
    def retry_failed(self, request: HttpRequest, queryset: QuerySet[Invitation]) -> None:
        ids = [pk for pk in queryset.values_list("email_id", flat=True) if pk]
        queue_retries(self, request, ids)
