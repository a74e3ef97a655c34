"""Outreach channels: the short links staff share for a meeting, and what each brought, so
that organisers see which outreach works. Edited on the meeting's page (the inline) or on
their own page, which lists them across meetings."""

from typing import Any

from django import forms
from django.conf import settings
from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from projects.permissions import AuditHistoryMixin, ScopedAdminMixin, ScopedInlineMixin

from ..channels import figures_without_channel, with_channel_figures
from ..models import OutreachChannel

# The columns of what a channel brought, as ChannelFiguresMixin names them.
FIGURE_COLUMNS = ("registered", "people_seated", "waiting", "present", "absent", "cancelled")


class ChannelFiguresMixin:
    """The short link and what the channel brought, read from the annotations of
    channels.with_channel_figures; a row not saved yet has neither (shown empty)."""

    @admin.display(description=_("short link"))
    def short_link(self, channel: OutreachChannel) -> str | None:
        if channel.pk is None:
            return None
        return settings.PORTAL_URL + channel.get_absolute_url()

    @admin.display(description=_("registrations"), ordering="registered_count")
    def registered(self, channel: OutreachChannel) -> int | None:
        return getattr(channel, "registered_count", None)

    @admin.display(description=_("people with a seat"), ordering="seated_people")
    def people_seated(self, channel: OutreachChannel) -> int | None:
        return getattr(channel, "seated_people", None)

    @admin.display(description=_("waiting"), ordering="waiting_count")
    def waiting(self, channel: OutreachChannel) -> int | None:
        return getattr(channel, "waiting_count", None)

    @admin.display(description=_("present"), ordering="present_count")
    def present(self, channel: OutreachChannel) -> int | None:
        return getattr(channel, "present_count", None)

    @admin.display(description=_("absent"), ordering="absent_count")
    def absent(self, channel: OutreachChannel) -> int | None:
        return getattr(channel, "absent_count", None)

    @admin.display(description=_("cancelled"), ordering="cancelled_count")
    def cancelled(self, channel: OutreachChannel) -> int | None:
        return getattr(channel, "cancelled_count", None)


class OutreachChannelInline(ChannelFiguresMixin, ScopedInlineMixin, admin.TabularInline):
    """A meeting's channels on its page: staff name one, save, and copy its short link."""

    model = OutreachChannel
    fields = ("name", "short_link", *FIGURE_COLUMNS)
    readonly_fields = ("short_link", *FIGURE_COLUMNS)
    extra = 0
    show_change_link = True

    def get_queryset(self, request: HttpRequest) -> QuerySet[OutreachChannel]:
        return with_channel_figures(super().get_queryset(request))


class OutreachChannelForm(forms.ModelForm):
    """A saved channel's meeting is read only, so Django leaves the (meeting, name) rule
    unchecked: checked here, the editor hears it instead of a server error."""

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        name = cleaned.get("name")
        if "meeting" not in self.fields and self.instance.meeting_id and name:
            taken = OutreachChannel.objects.filter(meeting_id=self.instance.meeting_id, name=name)
            if taken.exclude(pk=self.instance.pk).exists():
                self.add_error("name", _("The meeting already has a channel of this name."))
        return cleaned


@admin.register(OutreachChannel)
class OutreachChannelAdmin(
    ChannelFiguresMixin, AuditHistoryMixin, ScopedAdminMixin, admin.ModelAdmin
):
    form = OutreachChannelForm
    list_display = ["name", "meeting", "short_link", *FIGURE_COLUMNS]
    list_filter = [("meeting__forum", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["name"]
    list_select_related = ["meeting__forum"]
    autocomplete_fields = ["meeting"]
    readonly_fields = ["short_link", *FIGURE_COLUMNS, "without_channel"]
    fieldsets = [
        (None, {"fields": ["meeting", "name", "short_link"]}),
        (_("What the channel brought"), {"fields": [*FIGURE_COLUMNS, "without_channel"]}),
    ]
    # A channel not saved yet has nothing to link to or count.
    add_fieldsets = [(None, {"fields": ["meeting", "name"]})]

    def get_queryset(self, request: HttpRequest) -> QuerySet[OutreachChannel]:
        return with_channel_figures(super().get_queryset(request))

    def get_fieldsets(self, request: HttpRequest, obj: OutreachChannel | None = None) -> Any:
        return self.add_fieldsets if obj is None else super().get_fieldsets(request, obj)

    def get_readonly_fields(
        self, request: HttpRequest, obj: OutreachChannel | None = None
    ) -> list[str]:
        # Its registrations are the meeting's: a channel stays with the meeting it counts for.
        moved = ["meeting"] if obj is not None else []
        return [*moved, *self.readonly_fields]

    @admin.display(description=_("registered without a channel's link"))
    def without_channel(self, channel: OutreachChannel) -> str:
        figures = figures_without_channel(meeting_id=channel.meeting_id)
        return str(
            _(
                "registrations: %(registered_count)d, people with a seat: %(seated_people)d, "
                "waiting: %(waiting_count)d, present: %(present_count)d, absent: "
                "%(absent_count)d, cancelled: %(cancelled_count)d"
            )
            % figures
        )
