"""Invitees (with their CSV import), invitation texts and invitations."""

from typing import Any

from django import forms
from django.conf import settings
from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import URLPattern, path
from django.utils.translation import gettext_lazy as _

from projects.models import Organisation
from projects.permissions import (
    ScopedAdminMixin,
    organisation_ids,
    own_organisations,
    sees_everything,
)

from ..invitee_imports import (
    invitee_import_discard,
    invitee_import_file_check,
    invitee_import_start,
)
from ..models import (
    EmailStatus,
    ImportStatus,
    Invitation,
    InvitationText,
    Invitee,
    InviteeImport,
)
from ..tasks import import_invitees
from .outbox import queue_retries
from .privacy import PersonalDataActionsMixin
from .queueing import queued
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
        help_text=_(
            "The people go on this list; a row with an address already on it updates that "
            "person. Other lists are not touched."
        ),
    )

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["kept_by"]
        organisations = own_organisations(user)
        if sees_everything(user):
            field.required = False
            field.help_text = _("Leave empty to import onto the portal's own list.")
        elif len(organisation_ids(user)) == 1:
            del self.fields["kept_by"]  # nothing to choose
            return
        field.queryset = organisations  # type: ignore[attr-defined]

    def clean_file(self) -> str:
        """The file's text, if it is one that can be imported."""
        upload = self.cleaned_data["file"]
        self.file_name = upload.name
        return invitee_import_file_check(upload.read())

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
    # Only the person unsubscribes, through the link in an invitation: staff see when.
    readonly_fields = ["unsubscribed_at", "created_at", "updated_at"]
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
        views = [
            path(
                "import/",
                self.admin_site.admin_view(self.import_view),
                name="forums_invitee_import",
            ),
            path(
                "import/<int:pk>/",
                self.admin_site.admin_view(self.import_progress_view),
                name="forums_invitee_import_progress",
            ),
        ]
        return [*views, *super().get_urls()]

    def import_view(self, request: HttpRequest) -> HttpResponse:
        """Upload a file; it is read in the background, and the next page follows it."""
        if not self.has_add_permission(request):
            raise PermissionDenied
        form = InviteeImportForm(request.POST or None, request.FILES or None, user=request.user)
        if request.method == "POST" and form.is_valid():
            job = invitee_import_start(
                text=form.cleaned_data["file"],
                file_name=form.file_name,
                kept_by=form.organisation(request.user),
                started_by=request.user,
            )
            if queued(request, lambda: import_invitees.delay(job.pk)):
                return redirect("admin:forums_invitee_import_progress", pk=job.pk)
            invitee_import_discard(job)
        return render(
            request,
            "admin/forums/invitee_import.html",
            {
                **self.admin_site.each_context(request),
                "title": _("Import invitees from CSV"),
                "form": form,
                "max_rows": settings.INVITEE_IMPORT_MAX_ROWS,
                "opts": self.model._meta,
            },
        )

    def import_progress_view(self, request: HttpRequest, pk: int) -> HttpResponse:
        """How far an import has got, then its report: for whoever started it and the
        editors of the list it fills."""
        if not self.has_add_permission(request):
            raise PermissionDenied
        job = get_object_or_404(InviteeImport, pk=pk)
        user = request.user
        if not (
            sees_everything(user)
            or job.started_by_id == user.pk
            or (job.kept_by_id is not None and job.kept_by_id in organisation_ids(user))
        ):
            raise Http404
        return render(
            request,
            "admin/forums/invitee_import_progress.html",
            {
                **self.admin_site.each_context(request),
                "title": _("Import invitees from CSV"),
                "job": job,
                "finished": job.status in {ImportStatus.DONE, ImportStatus.FAILED},
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
