"""Sending a meeting's invitations from its page: the groups to invite, a count of who would
get one before anything is sent, then the sending, whose progress the page keeps current."""

from dataclasses import asdict
from typing import TYPE_CHECKING, Any

from django import forms
from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import (
    HttpRequest,
    HttpResponse,
    HttpResponseRedirect,
    JsonResponse,
)
from django.shortcuts import render
from django.urls import URLPattern, path, reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from projects.permissions import organisation_ids, sees_everything

from ..invitations import invitation_progress, invitations_preview, invitations_refused
from ..models import Meeting, StakeholderGroup
from ..tasks import create_invitations
from .lookup import object_for_staff
from .queueing import queued

if TYPE_CHECKING:
    _Base = admin.ModelAdmin[Meeting]
else:
    _Base = object


class SendInvitationsForm(forms.Form):
    groups: "forms.ModelMultipleChoiceField[StakeholderGroup]" = forms.ModelMultipleChoiceField(
        label=_("Invite these stakeholder groups"),
        queryset=StakeholderGroup.objects.none(),
        widget=forms.CheckboxSelectMultiple,
    )
    # The groups whose count the person saw: sending for other groups shows the count first.
    counted = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, data: Any = None, *, meeting: Meeting) -> None:
        # Offered, and ticked at first: the forum's own groups.
        groups = meeting.forum.stakeholder_groups.all()
        super().__init__(data, initial={"groups": groups})
        self.fields["groups"].queryset = groups  # type: ignore[attr-defined]


def group_key(groups: "QuerySet[StakeholderGroup] | list[StakeholderGroup]") -> str:
    """The chosen groups as the page's hidden field holds them."""
    return ",".join(sorted(str(group.pk) for group in groups))


class InvitingAdminMixin(_Base):
    """The meeting's "Send invitations" page and its progress; the list's action leads there."""

    def get_urls(self) -> list[URLPattern]:
        own = [
            path(
                "<int:pk>/invite/",
                self.admin_site.admin_view(self.invite_view),
                name="forums_meeting_invite",
            ),
            path(
                "<int:pk>/invitation-progress/",
                self.admin_site.admin_view(self.invitation_progress_view),
                name="forums_meeting_invitation_progress",
            ),
        ]
        return [*own, *super().get_urls()]

    def invitation_progress_view(self, request: HttpRequest, pk: int) -> JsonResponse:
        object_for_staff(self, request, pk)
        return JsonResponse(asdict(invitation_progress(meeting_id=pk)))

    @admin.action(description=_("Send invitations to chosen stakeholder groups"))
    def send_invitations(
        self, request: HttpRequest, queryset: QuerySet[Meeting]
    ) -> HttpResponse | None:
        if queryset.count() != 1:
            self.message_user(request, _("Choose exactly one meeting."), messages.WARNING)
            return None
        return HttpResponseRedirect(
            reverse("admin:forums_meeting_invite", args=[queryset.get().pk])
        )

    def invite_view(self, request: HttpRequest, pk: int) -> HttpResponse:
        meeting = object_for_staff(self, request, pk, change=True)
        refusal = invitations_refused(meeting)
        data = request.POST if request.method == "POST" else None
        form = SendInvitationsForm(data, meeting=meeting)
        # An editor invites from the portal-wide list and their own organisations' lists.
        lists = None if sees_everything(request.user) else organisation_ids(request.user)
        groups = (
            form.cleaned_data["groups"]
            if form.is_valid()
            else ([] if data else form.fields["groups"].queryset)  # type: ignore[attr-defined]
        )
        preview = invitations_preview(
            meeting_id=meeting.pk,
            group_ids=[group.pk for group in groups],
            organisation_ids=lists,
        )
        counted_now = form.is_valid() and form.cleaned_data["counted"] == group_key(groups)
        if data and "send" in data and counted_now and refusal is None and preview.total:
            group_ids = [group.pk for group in groups]
            if queued(
                request,
                lambda: create_invitations.delay(meeting.pk, group_ids, organisation_ids=lists),
            ):
                self.message_user(
                    request,
                    ngettext(
                        "An invitation to %(count)d person is being written and sent. Its "
                        "progress shows below.",
                        "Invitations to %(count)d people are being written and sent. Their "
                        "progress shows below.",
                        preview.total,
                    )
                    % {"count": preview.total},
                    messages.SUCCESS,
                )
                return HttpResponseRedirect(
                    reverse("admin:forums_meeting_change", args=[meeting.pk])
                )
        changed_groups = bool(data and "send" in data and form.is_valid() and not counted_now)
        return render(
            request,
            "admin/forums/send_invitations.html",
            {
                **self.admin_site.each_context(request),
                "title": _("Send invitations to %(meeting)s") % {"meeting": meeting},
                "meeting": meeting,
                "form": form,
                "preview": preview,
                "refusal": refusal,
                "changed_groups": changed_groups,
                "counted": group_key(groups),
                "opts": Meeting._meta,
            },
        )
