"""Registrations: staff correct details, cancel and export; seats are decided by the
services alone."""

from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from projects.permissions import AuditHistoryMixin, ScopedAdminMixin

from .. import services
from ..exports import registrations_csv_write
from ..models import Meeting, Registration, RegistrationStatus
from .privacy import PersonalDataActionsMixin


def registrations_csv_response(
    registrations: QuerySet[Registration], filename: str
) -> HttpResponse:
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    registrations_csv_write(registrations, response)
    return response


class MeetingListFilter(admin.RelatedOnlyFieldListFilter):
    """The meetings that the listed rows belong to, named with their forums in one query."""

    def field_choices(self, field, request, model_admin):  # type: ignore[no-untyped-def]
        ids = model_admin.get_queryset(request).values(f"{self.field_path}__pk")
        meetings = Meeting.objects.filter(pk__in=ids).select_related("forum")
        return [(meeting.pk, str(meeting)) for meeting in meetings]


class RegisteredByFilter(admin.SimpleListFilter):
    """Families a helper registered on their behalf, or people who registered themselves."""

    title = _("who registered")
    parameter_name = "assisted"

    def lookups(self, request: HttpRequest, model_admin: admin.ModelAdmin) -> list[tuple[str, str]]:
        return [("yes", str(_("by a helper"))), ("no", str(_("by themselves")))]

    def queryset(
        self, request: HttpRequest, queryset: QuerySet[Registration]
    ) -> QuerySet[Registration]:
        if self.value() == "yes":
            return queryset.exclude(helper_email="")
        if self.value() == "no":
            return queryset.filter(helper_email="")
        return queryset


class InterpreterNeededFilter(admin.SimpleListFilter):
    title = _("interpreter needed")
    parameter_name = "interpreter"

    def lookups(self, request: HttpRequest, model_admin: admin.ModelAdmin) -> list[tuple[str, str]]:
        return [("yes", str(_("yes"))), ("no", str(_("no")))]

    def queryset(
        self, request: HttpRequest, queryset: QuerySet[Registration]
    ) -> QuerySet[Registration]:
        if self.value() == "yes":
            return queryset.filter(interpreter_language__isnull=False)
        if self.value() == "no":
            return queryset.filter(interpreter_language__isnull=True)
        return queryset


@admin.register(Registration)
class RegistrationAdmin(
    PersonalDataActionsMixin, AuditHistoryMixin, ScopedAdminMixin, admin.ModelAdmin
):
    list_display = [
        "name",
        "meeting",
        "group",
        "status",
        "language",
        "interpreter_language",
        "registered_by",
        "created_at",
    ]
    list_filter = [
        "status",
        "group",
        "language",
        InterpreterNeededFilter,
        RegisteredByFilter,
        ("meeting__forum", admin.RelatedOnlyFieldListFilter),
        ("meeting", MeetingListFilter),
    ]
    search_fields = ["name", "email", "organisation", "helper_name", "helper_organisation"]
    list_select_related = ["meeting__forum", "group", "language", "interpreter_language"]
    # Seats are given and taken back only by the services (under the meeting's lock, with
    # e-mail and promotion); staff correct details here and cancel with the action.
    readonly_fields = [
        "meeting",
        "status",
        "email",
        "cancel_token",
        "invitation",
        "consent_at",
        "consent_version",
        "created_at",
        "promoted_at",
        "cancelled_at",
        "address_confirmed_at",
        "hold_expires_at",
        "anonymised_at",
        # Seats and childcare places were decided by these counts, under the meeting's lock.
        "companion_adults",
        "companion_youth",
        "companion_children",
        "childcare_children",
        "childcare_status",
        # Who registered the family and how it agreed: a record, not a detail to correct.
        "helper_name",
        "helper_organisation",
        "helper_email",
        "consent_method",
        "channel",
    ]
    actions = ["export_csv", "cancel_registrations"]

    @admin.display(description=_("registered by"), ordering="helper_name")
    def registered_by(self, registration: Registration) -> str:
        """The helper who registered the family, with their organisation; empty for someone
        who registered themselves."""
        if registration.helper_organisation:
            return f"{registration.helper_name} ({registration.helper_organisation})"
        return registration.helper_name

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Registration | None = None) -> bool:
        return request.user.is_superuser

    @admin.action(description=_("Cancel the registrations and tell the people"))
    def cancel_registrations(self, request: HttpRequest, queryset: QuerySet[Registration]) -> None:
        tokens = queryset.exclude(status=RegistrationStatus.CANCELLED).values_list(
            "cancel_token", flat=True
        )
        cancelled = [services.registration_cancel(token=token) for token in tokens]
        self.message_user(
            request,
            ngettext(
                "%(count)d registration cancelled; the seat goes to the waiting list.",
                "%(count)d registrations cancelled; the seats go to the waiting list.",
                len(cancelled),
            )
            % {"count": len(cancelled)},
            messages.SUCCESS,
        )

    @admin.action(description=_("Export the chosen registrations as CSV"))
    def export_csv(self, request: HttpRequest, queryset: QuerySet[Registration]) -> HttpResponse:
        return registrations_csv_response(
            queryset.order_by("meeting__starts_at", "created_at", "pk"), "registrations.csv"
        )
