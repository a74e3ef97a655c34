"""Forums and meetings: generating a series, cancelling, promoting from the waiting list,
exporting registrations. A meeting's page is put together from the mixins beside this module:
its desk (desk.py), its invitations (invite.py), check-in (checkin.py) and the balance of
groups (balance.py)."""

import datetime
from typing import Any

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.widgets import AdminSplitDateTime
from django.db.models import Count, Q, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from modeltranslation.admin import TabbedTranslationAdmin

from portal.forms import HTTPS_URL_FIELDS
from projects.permissions import (
    AuditHistoryMixin,
    ScopedAdminMixin,
    ScopedInlineMixin,
)

from .. import services
from ..households import household_counts, with_household_counts
from ..models import Forum, GroupQuota, Meeting, Registration
from ..selectors import with_seat_counts
from .balance import ForumBalanceAdminMixin, MeetingBalanceAdminMixin
from .channels import OutreachChannelInline
from .checkin import CheckInAdminMixin
from .desk import MeetingDeskMixin, RegistrationInline
from .invite import InvitingAdminMixin
from .registrations import registrations_csv_response


class GenerateMeetingsForm(forms.Form):
    first_start = forms.SplitDateTimeField(
        label=_("First meeting starts"), widget=AdminSplitDateTime
    )
    duration_minutes = forms.IntegerField(
        label=_("Length in minutes"), min_value=15, max_value=24 * 60, initial=120
    )
    frequency = forms.ChoiceField(
        label=_("Repeat"),
        choices=[
            (services.Frequency.WEEKLY, _("every N weeks")),
            (services.Frequency.MONTHLY, _("every N months")),
        ],
    )
    interval = forms.IntegerField(
        label=_("N"),
        min_value=1,
        max_value=24,
        initial=2,
        help_text=_("Every other Tuesday: weeks, 2. Twice a year: months, 6."),
    )
    count = forms.IntegerField(label=_("How many meetings"), min_value=1, max_value=52, initial=4)
    capacity = forms.IntegerField(label=_("Seats"), min_value=0, initial=30)
    venue = forms.CharField(label=_("Venue"), required=False)
    municipality = forms.CharField(label=_("Municipality"), required=False)
    online_url = forms.URLField(
        label=_("Online meeting link"), required=False, assume_scheme="https"
    )


@admin.register(Forum)
class ForumAdmin(ForumBalanceAdminMixin, ScopedAdminMixin, TabbedTranslationAdmin):
    list_display = ["name", "project", "upcoming_meetings"]
    search_fields = ["name_fi", "name_sv", "name_en", "project__name_fi"]
    prepopulated_fields = {"slug": ["name_fi"]}
    autocomplete_fields = ["project"]
    filter_horizontal = ["stakeholder_groups", "regions"]
    actions = ["generate_meetings"]

    def get_queryset(self, request: HttpRequest) -> QuerySet[Forum]:
        return (
            super()
            .get_queryset(request)
            .select_related("project")
            .annotate(upcoming=Count("meetings", filter=Q(meetings__starts_at__gte=timezone.now())))
        )

    @admin.display(description=_("upcoming meetings"), ordering="upcoming")
    def upcoming_meetings(self, forum: Forum) -> int:
        return forum.upcoming  # type: ignore[attr-defined]

    @admin.action(description=_("Generate meetings from a repeat rule"))
    def generate_meetings(
        self, request: HttpRequest, queryset: QuerySet[Forum]
    ) -> HttpResponse | None:
        if queryset.count() != 1:
            self.message_user(request, _("Choose exactly one forum."), messages.WARNING)
            return None
        forum = queryset.get()
        form = GenerateMeetingsForm(request.POST if "generate" in request.POST else None)
        if form.is_valid():
            data = form.cleaned_data
            meetings = services.meetings_generate(
                forum=forum,
                first_start=data["first_start"],
                duration=datetime.timedelta(minutes=data["duration_minutes"]),
                frequency=data["frequency"],
                interval=data["interval"],
                count=data["count"],
                capacity=data["capacity"],
                venue=data["venue"],
                municipality=data["municipality"],
                online_url=data["online_url"],
            )
            self.message_user(
                request,
                ngettext(
                    "%(count)d meeting created. Adjust each one as needed.",
                    "%(count)d meetings created. Adjust each one as needed.",
                    len(meetings),
                )
                % {"count": len(meetings)},
                messages.SUCCESS,
            )
            return None
        return render(
            request,
            "admin/forums/generate_meetings.html",
            {
                **self.admin_site.each_context(request),
                "title": _("Generate meetings for %(forum)s") % {"forum": forum},
                "forum": forum,
                "form": form,
                "media": self.media + form.media,
                "opts": self.model._meta,
            },
        )


class GroupQuotaInline(ScopedInlineMixin, admin.TabularInline):
    model = GroupQuota
    extra = 0

    def formfield_for_dbfield(self, db_field: Any, request: HttpRequest, **kwargs: Any) -> Any:
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        if field is not None and db_field.name == "seats":
            field.help_text = _(
                "At most this many of the group get a seat: when they are taken, more of "
                "the group go on the waiting list even if the meeting has seats free. Groups "
                "without a row here share the meeting's other seats."
            )
        return field


@admin.register(Meeting)
class MeetingAdmin(
    MeetingDeskMixin,
    InvitingAdminMixin,
    CheckInAdminMixin,
    MeetingBalanceAdminMixin,
    AuditHistoryMixin,
    ScopedAdminMixin,
    TabbedTranslationAdmin,
):
    list_display = [
        # A meeting's name is its forum's unless it has a title; the forum is a filter.
        "__str__",
        "status",
        "seats",
        "waiting",
        "household",
        "childcare",
    ]
    list_filter = ["status", ("forum", admin.RelatedOnlyFieldListFilter), "region"]
    date_hierarchy = "starts_at"
    search_fields = ["title_fi", "forum__name_fi", "municipality", "venue"]
    autocomplete_fields = ["forum"]
    filter_horizontal = ["languages", "interpretation_languages"]
    # Cancelling goes through the action, which tells everyone registered; the calendar
    # revision is the portal's own counter, not shown.
    readonly_fields = ["status", "people_with_a_seat", "childcare_figures"]
    inlines = [GroupQuotaInline, OutreachChannelInline, RegistrationInline]
    formfield_overrides = HTTPS_URL_FIELDS
    actions = ["send_invitations", "cancel_meetings", "promote_waiting", "export_registrations"]

    class Media:
        # Deferred: it looks for the progress box, which comes later in the page.
        js = [forms.Script("forums/invitation_progress.js", defer=True)]

    def get_queryset(self, request: HttpRequest) -> QuerySet[Meeting]:
        return with_household_counts(
            with_seat_counts(super().get_queryset(request).select_related("forum"))
        )

    # One column for the seats, so that the list fits beside its filters at 1280 px.
    @admin.display(description=_("seats taken / seats"), ordering="confirmed_count")
    def seats(self, meeting: Meeting) -> str:
        return f"{meeting.confirmed_count} / {meeting.capacity}"  # type: ignore[attr-defined]

    @admin.display(description=_("waiting"), ordering="waiting_count")
    def waiting(self, meeting: Meeting) -> int:
        return meeting.waiting_count  # type: ignore[attr-defined]

    # The people and the childcare, from households.with_household_counts; a meeting not
    # saved yet has no counts (shown empty).
    @admin.display(description=_("adults / 15–17 / under 15"))
    def household(self, meeting: Meeting) -> str | None:
        counts = household_counts(meeting)
        if counts is None:
            return None
        return f"{counts.adults} / {counts.youth} / {counts.children}"

    @admin.display(description=_("childcare booked / places"), ordering="childcare_booked")
    def childcare(self, meeting: Meeting) -> str | None:
        counts = household_counts(meeting)
        if counts is None or not (counts.childcare_places or counts.childcare_booked):
            return None
        if counts.childcare_waiting:
            return _("%(booked)d / %(places)d, %(waiting)d waiting") % {
                "booked": counts.childcare_booked,
                "places": counts.childcare_places,
                "waiting": counts.childcare_waiting,
            }
        return f"{counts.childcare_booked} / {counts.childcare_places}"

    @admin.display(description=_("people with a seat"))
    def people_with_a_seat(self, meeting: Meeting) -> str | None:
        counts = household_counts(meeting)
        if counts is None:
            return None
        return _(
            "adults: %(adults)d, young people 15–17: %(youth)d, children under 15: "
            "%(children)d (with the seats held until an address is confirmed)"
        ) % {"adults": counts.adults, "youth": counts.youth, "children": counts.children}

    @admin.display(description=_("childcare"))
    def childcare_figures(self, meeting: Meeting) -> str | None:
        counts = household_counts(meeting)
        if counts is None:
            return None
        return _(
            "%(booked)d of %(places)d places booked, %(waiting)d children on the childcare "
            "waiting list"
        ) % {
            "booked": counts.childcare_booked,
            "places": counts.childcare_places,
            "waiting": counts.childcare_waiting,
        }

    def save_model(
        self, request: HttpRequest, obj: Meeting, form: forms.ModelForm, change: bool
    ) -> None:
        moved = change and services.meeting_calendar_changed(
            meeting=obj, changed_fields=form.changed_data
        )
        super().save_model(request, obj, form, change)
        if moved:
            told = services.meeting_change_announce(meeting_id=obj.pk)
            if told:
                self.message_user(
                    request,
                    ngettext(
                        "%(count)d registered person was told of the change by e-mail.",
                        "%(count)d registered people were told of the change by e-mail.",
                        told,
                    )
                    % {"count": told},
                )

    def save_related(
        self, request: HttpRequest, form: forms.ModelForm, formsets, change: bool
    ) -> None:  # type: ignore[no-untyped-def]
        super().save_related(request, form, formsets, change)
        # More seats, or new group seats, can let people in from the waiting list.
        promoted = services.waitlist_promote(meeting_id=form.instance.pk)
        if promoted:
            self.message_user(
                request,
                ngettext(
                    "%(count)d person was promoted from the waiting list.",
                    "%(count)d people were promoted from the waiting list.",
                    len(promoted),
                )
                % {"count": len(promoted)},
            )

    @admin.action(description=_("Cancel the meetings and tell everyone registered"))
    def cancel_meetings(self, request: HttpRequest, queryset: QuerySet[Meeting]) -> None:
        told = sum(
            services.meeting_cancel(meeting_id=pk) for pk in queryset.values_list("pk", flat=True)
        )
        self.message_user(
            request,
            ngettext(
                "Meetings cancelled; %(count)d registrant is being told.",
                "Meetings cancelled; %(count)d registrants are being told.",
                told,
            )
            % {"count": told},
            messages.SUCCESS,
        )

    @admin.action(description=_("Promote from the waiting list to free seats"))
    def promote_waiting(self, request: HttpRequest, queryset: QuerySet[Meeting]) -> None:
        promoted = sum(
            len(services.waitlist_promote(meeting_id=pk))
            for pk in queryset.values_list("pk", flat=True)
        )
        self.message_user(
            request,
            ngettext(
                "%(count)d person was promoted from the waiting list.",
                "%(count)d people were promoted from the waiting list.",
                promoted,
            )
            % {"count": promoted},
            messages.SUCCESS,
        )

    @admin.action(description=_("Export the registrations as CSV"))
    def export_registrations(
        self, request: HttpRequest, queryset: QuerySet[Meeting]
    ) -> HttpResponse:
        registrations = Registration.objects.filter(meeting__in=queryset).order_by(
            "meeting__starts_at", "created_at", "pk"
        )
        return registrations_csv_response(registrations, "registrations.csv")
