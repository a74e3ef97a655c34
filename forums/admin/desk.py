"""A meeting's page as the coordinator's desk: at its top the seats per group, the
interpreters asked for and the invitations' progress; below the form, who registered, with
their export."""

from typing import TYPE_CHECKING, Any

from django.contrib import admin
from django.http import HttpRequest, HttpResponse
from django.urls import URLPattern, path, reverse
from django.utils.translation import gettext_lazy as _

from ..attendance import attendance_summary
from ..invitations import invitation_progress
from ..models import Meeting, Registration
from ..selectors import group_seats, interpreter_demand
from .lookup import object_for_staff
from .registrations import registrations_csv_response

if TYPE_CHECKING:
    _Base = admin.ModelAdmin[Meeting]
else:
    _Base = object


class RegistrationInline(admin.TabularInline):
    """Who registered, to read at a glance; details are changed on each registration's own
    page (its link), and seats only by the services."""

    model = Registration
    verbose_name_plural = _("who registered")
    fields = readonly_fields = (
        "name",
        "group",
        "status",
        "age_group",
        "language",
        "interpreter_language",
        "needs",
        "attendance",
    )
    extra = 0
    show_change_link = True

    def get_queryset(self, request: HttpRequest) -> Any:
        return (
            super()
            .get_queryset(request)
            .filter(anonymised_at__isnull=True)
            .select_related("group", "language", "interpreter_language")
            .order_by("created_at", "pk")  # as they came; the status is a column
        )

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class MeetingDeskMixin(_Base):
    """Adds the desk's figures to the meeting's change page and its registrations' CSV."""

    def get_urls(self) -> list[URLPattern]:
        export = path(
            "<int:pk>/registrations.csv",
            self.admin_site.admin_view(self.registrations_csv_view),
            name="forums_meeting_registrations_csv",
        )
        return [export, *super().get_urls()]

    def registrations_csv_view(self, request: HttpRequest, pk: int) -> HttpResponse:
        meeting = object_for_staff(self, request, pk)
        registrations = Registration.objects.filter(meeting=meeting).order_by("created_at", "pk")
        return registrations_csv_response(registrations, f"registrations-{meeting.pk}.csv")

    def render_change_form(
        self,
        request: HttpRequest,
        context: dict[str, Any],
        add: bool = False,
        change: bool = False,
        form_url: str = "",
        obj: Meeting | None = None,
    ) -> HttpResponse:
        if obj is not None:  # the add form has no desk yet
            context["desk"] = {
                "group_seats": group_seats(meeting=obj),
                "interpreter_demand": interpreter_demand(meeting_id=obj.pk),
                "progress": invitation_progress(meeting_id=obj.pk),
                "progress_url": reverse("admin:forums_meeting_invitation_progress", args=[obj.pk]),
                "attendance": attendance_summary(meeting_id=obj.pk),
                "search_url": reverse("admin:forums_registration_changelist")
                + f"?meeting__id__exact={obj.pk}",
            }
        return super().render_change_form(request, context, add, change, form_url, obj)
