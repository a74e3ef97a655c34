import csv
import datetime
from dataclasses import asdict
from typing import Any

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.widgets import AdminSplitDateTime
from django.core.exceptions import PermissionDenied
from django.db import models, transaction
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
from projects.models import Organisation
from projects.permissions import (
    AuditHistoryMixin,
    ScopedAdminMixin,
    ScopedInlineMixin,
    organisation_ids,
    own_organisations,
    sees_everything,
)

from . import services
from .invitations import invitation_progress, invitees_import_csv
from .models import (
    EmailStatus,
    Forum,
    GroupQuota,
    Invitation,
    InvitationText,
    Invitee,
    Language,
    Meeting,
    OutboundEmail,
    Registration,
    RegistrationStatus,
    StakeholderGroup,
)
from .outbox import email_send_after_commit, emails_retry
from .privacy_admin import PersonalDataActionsMixin
from .tasks import create_invitations

CSV_COLUMNS = [
    ("meeting", _("meeting")),
    ("name", _("name")),
    ("email", _("e-mail")),
    ("phone", _("phone")),
    ("group", _("stakeholder group")),
    ("organisation", _("organisation")),
    ("language", _("language for messages")),
    ("interpreter_language", _("interpreter needed in")),
    ("needs", _("accessibility and other needs")),
    ("status", _("status")),
    ("created_at", _("registered")),
]


def _cell(value: str) -> str:
    """Text that people typed, safe for a spreadsheet: Excel would run "=..." as a formula."""
    return f"'{value}" if value[:1] in {"=", "+", "-", "@", "\t", "\r"} else value


def registrations_csv(registrations: QuerySet[Registration], filename: str) -> HttpResponse:
    """UTF-8 with a byte order mark and semicolons, which Excel in Finland opens right."""
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.write("\ufeff")
    writer = csv.writer(response, delimiter=";")
    writer.writerow([str(label) for _name, label in CSV_COLUMNS])
    for registration in registrations.select_related(
        "meeting__forum", "group", "language", "interpreter_language"
    ):
        writer.writerow(
            [
                str(registration.meeting),
                _cell(registration.name),
                _cell(registration.email),
                _cell(registration.phone),
                str(registration.group),
                _cell(registration.organisation),
                str(registration.language),
                str(registration.interpreter_language or ""),
                _cell(registration.needs),
                registration.get_status_display(),
                timezone.localtime(registration.created_at).strftime("%Y-%m-%d %H:%M"),
            ]
        )
    return response


@admin.register(Language)
class LanguageAdmin(TabbedTranslationAdmin):
    list_display = ["code", "name", "native_name", "is_rtl", "order"]
    list_editable = ["order"]
    search_fields = ["code", "name_fi", "name_sv", "name_en", "native_name"]


@admin.register(StakeholderGroup)
class StakeholderGroupAdmin(TabbedTranslationAdmin):
    list_display = ["name", "slug", "order"]
    prepopulated_fields = {"slug": ["name_fi"]}


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
            transaction.on_commit(
                lambda: create_invitations.delay(meeting.pk, group_ids, organisation_ids=lists)
            )
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
        return super().get_queryset(request).select_related("forum").with_seat_counts()  # type: ignore[attr-defined]

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
        demand = {
            row["interpreter_language"]: row
            for row in meeting.registrations.filter(
                status__in=[RegistrationStatus.CONFIRMED, RegistrationStatus.WAITING],
                interpreter_language__isnull=False,
            )
            .values("interpreter_language")
            .annotate(
                confirmed=Count("pk", filter=Q(status=RegistrationStatus.CONFIRMED)),
                waiting=Count("pk", filter=Q(status=RegistrationStatus.WAITING)),
            )
        }
        if not demand:
            return str(_("none"))
        # Read the languages as objects, so that their names come in the admin's language.
        languages = Language.objects.filter(pk__in=demand).order_by("order", "code")
        return format_html_join(
            "",
            "<div>{}: {} ({} {})</div>",
            (
                (
                    language.name,
                    demand[language.pk]["confirmed"],
                    demand[language.pk]["waiting"],
                    _("waiting"),
                )
                for language in languages
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
        return registrations_csv(registrations, "registrations.csv")


class MeetingListFilter(admin.RelatedOnlyFieldListFilter):
    """The meetings that the listed rows belong to, named with their forums in one query."""

    def field_choices(self, field, request, model_admin):  # type: ignore[no-untyped-def]
        ids = model_admin.get_queryset(request).values(f"{self.field_path}__pk")
        meetings = Meeting.objects.filter(pk__in=ids).select_related("forum")
        return [(meeting.pk, str(meeting)) for meeting in meetings]


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
        "created_at",
    ]
    list_filter = [
        "status",
        "group",
        "language",
        InterpreterNeededFilter,
        ("meeting__forum", admin.RelatedOnlyFieldListFilter),
        ("meeting", MeetingListFilter),
    ]
    search_fields = ["name", "email", "organisation"]
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
    ]
    actions = ["export_csv", "cancel_registrations"]

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
        return registrations_csv(
            queryset.order_by("meeting__starts_at", "created_at", "pk"), "registrations.csv"
        )


@admin.register(OutboundEmail)
class OutboundEmailAdmin(ScopedAdminMixin, admin.ModelAdmin):
    list_display = [
        "recipient",
        "kind",
        "language",
        "status",
        "attempts",
        "created_at",
        "sent_at",
    ]
    list_filter = ["status", "kind", "language"]
    search_fields = ["recipient", "subject"]
    readonly_fields = [field.name for field in OutboundEmail._meta.fields]
    actions = ["retry_failed"]

    @admin.action(description=_("Send failed messages again"))
    def retry_failed(self, request: HttpRequest, queryset: QuerySet[OutboundEmail]) -> None:
        _queue_retries(self, request, list(queryset.values_list("pk", flat=True)))

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False


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

    def formfield_for_foreignkey(
        self, db_field: "models.ForeignKey[Any, Any]", request: HttpRequest, **kwargs: Any
    ) -> "forms.ModelChoiceField[Any] | None":
        if db_field.name == "kept_by" and not sees_everything(request.user):
            # An editor's invitee is on one of their lists, or they could not see it again.
            ids = organisation_ids(request.user)
            kwargs["required"] = True
            kwargs["initial"] = ids[0] if ids else None
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

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
class InvitationTextAdmin(admin.ModelAdmin):
    list_display = ["language", "subject"]


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
        _queue_retries(self, request, ids)


def _queue_retries(
    model_admin: admin.ModelAdmin, request: HttpRequest, email_ids: list[int]
) -> None:
    retried = emails_retry(email_ids=email_ids)
    for email_id in retried:
        email_send_after_commit(email_id)
    model_admin.message_user(
        request,
        ngettext(
            "%(count)d message is being sent again.",
            "%(count)d messages are being sent again.",
            len(retried),
        )
        % {"count": len(retried)},
        messages.SUCCESS,
    )
