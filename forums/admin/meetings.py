"""Forums and meetings: generating a series, sending invitations, cancelling, promoting from
the waiting list, exporting registrations."""

import datetime
from dataclasses import asdict

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.widgets import AdminSplitDateTime
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q, QuerySet
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import URLPattern, path, reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext, pgettext_lazy
from modeltranslation.admin import TabbedTranslationAdmin

from portal.forms import HTTPS_URL_FIELDS
from projects.permissions import (
    AuditHistoryMixin,
    ScopedAdminMixin,
    ScopedInlineMixin,
    organisation_ids,
    sees_everything,
)

from .. import services
from ..invitations import invitation_progress
from ..models import Forum, GroupQuota, Meeting, Registration, StakeholderGroup
from ..selectors import interpreter_demand, with_seat_counts
from ..tasks import create_invitations
from .queueing import queued
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
class ForumAdmin(ScopedAdminMixin, TabbedTranslationAdmin):
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


class SendInvitationsForm(forms.Form):
    groups: "forms.ModelMultipleChoiceField[StakeholderGroup]" = forms.ModelMultipleChoiceField(
        label=_("Invite these stakeholder groups"),
        queryset=StakeholderGroup.objects.all(),
        widget=forms.CheckboxSelectMultiple,
    )


class GroupQuotaInline(ScopedInlineMixin, admin.TabularInline):
    model = GroupQuota
    extra = 0


@admin.register(Meeting)
class MeetingAdmin(AuditHistoryMixin, ScopedAdminMixin, TabbedTranslationAdmin):
    list_display = [
        "__str__",
        "forum",
        "status",
        "capacity",
        "seats_taken",
        "seats_free",
        "waiting",
    ]
    list_filter = ["status", ("forum", admin.RelatedOnlyFieldListFilter), "region"]
    date_hierarchy = "starts_at"
    search_fields = ["title_fi", "forum__name_fi", "municipality", "venue"]
    autocomplete_fields = ["forum"]
    filter_horizontal = ["languages", "interpretation_languages"]
    # Cancelling goes through the action, which tells everyone registered.
    readonly_fields = ["status", "sequence", "interpreter_demand", "invitations"]
    inlines = [GroupQuotaInline]
    formfield_overrides = HTTPS_URL_FIELDS
    actions = ["send_invitations", "cancel_meetings", "promote_waiting", "export_registrations"]

    class Media:
        # Deferred: it looks for the progress box, which comes later in the page.
        js = [forms.Script("forums/invitation_progress.js", defer=True)]

    def get_urls(self) -> list[URLPattern]:
        progress = path(
            "<int:pk>/invitation-progress/",
            self.admin_site.admin_view(self.invitation_progress_view),
            name="forums_meeting_invitation_progress",
        )
        return [progress, *super().get_urls()]

    def invitation_progress_view(self, request: HttpRequest, pk: int) -> JsonResponse:
        if not self.has_view_permission(request):
            raise PermissionDenied
        if not self.get_queryset(request).filter(pk=pk).exists():
            raise Http404
        return JsonResponse(asdict(invitation_progress(meeting_id=pk)))

    @admin.display(description=_("invitations"))
    def invitations(self, meeting: Meeting) -> SafeString:
        if meeting.pk is None:  # the add form: nobody invited yet
            return SafeString("–")
        progress = invitation_progress(meeting_id=meeting.pk)
        labels = [
            ("invited", _("invited")),
            ("sent", _("sent")),
            ("waiting", _("being sent")),
            ("failed", _("failed")),
            ("registered", pgettext_lazy("people who registered", "registered")),
        ]
        return format_html(
            '<div class="invitation-progress" data-url="{}" aria-live="polite">{}</div>',
            reverse("admin:forums_meeting_invitation_progress", args=[meeting.pk]),
            format_html_join(
                " · ",
                '{}: <strong data-count="{}">{}</strong>',
                ((label, key, getattr(progress, key)) for key, label in labels),
            ),
        )

    @admin.action(description=_("Send invitations to chosen stakeholder groups"))
    def send_invitations(
        self, request: HttpRequest, queryset: QuerySet[Meeting]
    ) -> HttpResponse | None:
        if queryset.count() != 1:
            self.message_user(request, _("Choose exactly one meeting."), messages.WARNING)
            return None
        meeting = queryset.select_related("forum").get()
        forum_groups = meeting.forum.stakeholder_groups.all()
        form = SendInvitationsForm(
            request.POST if "send" in request.POST else None, initial={"groups": forum_groups}
        )
        form.fields["groups"].queryset = forum_groups  # type: ignore[attr-defined]
        if form.is_valid():
            group_ids = [group.pk for group in form.cleaned_data["groups"]]
            # An editor invites from the portal-wide list and their own organisations' lists.
            lists = None if sees_everything(request.user) else organisation_ids(request.user)
            if not queued(
                request,
                lambda: create_invitations.delay(meeting.pk, group_ids, organisation_ids=lists),
            ):
                return None
            self.message_user(
                request,
                _(
                    "The invitations are being written and sent. Their progress shows on "
                    "the meeting's page; people already invited are not invited again."
                ),
                messages.SUCCESS,
            )
            return None
        return render(
            request,
            "admin/forums/send_invitations.html",
            {
                **self.admin_site.each_context(request),
                "title": _("Send invitations to %(meeting)s") % {"meeting": meeting},
                "meeting": meeting,
                "form": form,
                "opts": self.model._meta,
            },
        )

    def get_queryset(self, request: HttpRequest) -> QuerySet[Meeting]:
        return with_seat_counts(super().get_queryset(request).select_related("forum"))

    @admin.display(description=_("seats taken"), ordering="confirmed_count")
    def seats_taken(self, meeting: Meeting) -> int:
        return meeting.confirmed_count  # type: ignore[attr-defined]

    @admin.display(description=_("seats free"))
    def seats_free(self, meeting: Meeting) -> int:
        return meeting.seats_left

    @admin.display(description=_("waiting"), ordering="waiting_count")
    def waiting(self, meeting: Meeting) -> int:
        return meeting.waiting_count  # type: ignore[attr-defined]

    @admin.display(description=_("interpreters needed"))
    def interpreter_demand(self, meeting: Meeting) -> SafeString | str:
        demand = interpreter_demand(meeting_id=meeting.pk)
        if not demand:
            return str(_("none"))
        return format_html_join(
            "",
            "<div>{}: {} ({} {})</div>",
            (
                (language.name, confirmed, waiting, _("waiting"))
                for language, confirmed, waiting in demand
            ),
        )

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
