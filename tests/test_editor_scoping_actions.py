"""Editors' CSV exports and admin actions reach only their own organisations' objects:
another organisation's registrations, meetings, forums and messages chosen along with their
own are left out and left as they were."""

import csv
import io
from typing import Any

import pytest
from django.urls import reverse

from forums.models import EmailStatus, Meeting, MeetingStatus, OutboundEmail, RegistrationStatus

from .forum_factories import register as register_for
from .scoping_helpers import url

pytestmark = pytest.mark.django_db


def csv_names(response) -> list[str]:
    assert response["Content-Type"].startswith("text/csv")
    rows = list(
        csv.reader(io.StringIO(response.content.decode().removeprefix("\ufeff")), delimiter=";")
    )
    return [row[1] for row in rows[1:]]


def test_registrations_csv_export_leaves_out_another_organisations_registrations(
    ours, theirs, editor_client
):
    response = editor_client.post(
        url("forums.registration", "changelist"),
        {
            "action": "export_csv",
            "_selected_action": [ours.registration.pk, theirs.registration.pk],
        },
    )
    assert csv_names(response) == [ours.registration.name]


@pytest.mark.parametrize("across", [False, True], ids=["chosen", "select-across"])
def test_meeting_csv_export_leaves_out_another_organisations_meetings(
    across, ours, theirs, editor_client
):
    data: dict[str, Any] = {
        "action": "export_registrations",
        "_selected_action": [ours.meeting.pk, theirs.meeting.pk],
    }
    if across:
        data["select_across"] = "1"
    response = editor_client.post(url("forums.meeting", "changelist"), data)
    assert csv_names(response) == [ours.registration.name]


def test_cancel_meetings_action_leaves_another_organisations_meeting(ours, theirs, editor_client):
    editor_client.post(
        url("forums.meeting", "changelist"),
        {"action": "cancel_meetings", "_selected_action": [ours.meeting.pk, theirs.meeting.pk]},
    )
    ours.meeting.refresh_from_db()
    theirs.meeting.refresh_from_db()
    assert ours.meeting.status == MeetingStatus.CANCELLED
    assert theirs.meeting.status == MeetingStatus.SCHEDULED


def test_promote_action_leaves_another_organisations_meeting(ours, theirs, editor_client):
    waiting = {
        side.organisation.pk: register_for(
            side.meeting, f"waiting.{side.organisation.pk}@example.org"
        )
        for side in (ours, theirs)
    }
    Meeting.objects.filter(pk__in=[ours.meeting.pk, theirs.meeting.pk]).update(capacity=2)
    editor_client.post(
        url("forums.meeting", "changelist"),
        {"action": "promote_waiting", "_selected_action": [ours.meeting.pk, theirs.meeting.pk]},
    )
    for side in waiting.values():
        side.refresh_from_db()
    assert waiting[ours.organisation.pk].status == RegistrationStatus.CONFIRMED
    assert waiting[theirs.organisation.pk].status == RegistrationStatus.WAITING


def test_the_invitation_page_cannot_reach_another_organisations_meeting(
    theirs, editor_client, django_capture_on_commit_callbacks
):
    page_url = reverse("admin:forums_meeting_invite", args=[theirs.meeting.pk])
    group = theirs.invitee.group_id
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        shown = editor_client.get(page_url)
        sent = editor_client.post(page_url, {"send": "1", "groups": [group], "counted": group})
    assert (shown.status_code, sent.status_code) == (404, 404)
    assert callbacks == []
    assert theirs.meeting.invitations.count() == 1


def test_generate_meetings_action_cannot_reach_another_organisations_forum(theirs, editor_client):
    editor_client.post(
        url("forums.forum", "changelist"),
        {
            "action": "generate_meetings",
            "_selected_action": [theirs.forum.pk],
            "generate": "1",
            "first_start_0": "2030-01-08",
            "first_start_1": "17:00",
            "duration_minutes": "120",
            "frequency": "weekly",
            "interval": "2",
            "count": "3",
            "capacity": "10",
            "childcare_places": "0",
        },
    )
    assert theirs.forum.meetings.count() == 1


def test_cancel_registrations_action_leaves_another_organisations_registration(
    ours, theirs, editor_client
):
    editor_client.post(
        url("forums.registration", "changelist"),
        {
            "action": "cancel_registrations",
            "_selected_action": [ours.registration.pk, theirs.registration.pk],
        },
    )
    ours.registration.refresh_from_db()
    theirs.registration.refresh_from_db()
    assert ours.registration.status == RegistrationStatus.CANCELLED
    assert theirs.registration.status == RegistrationStatus.CONFIRMED


@pytest.mark.parametrize("model", ["forums.outboundemail", "forums.invitation"])
def test_retry_action_leaves_another_organisations_messages(model, ours, theirs, editor_client):
    chosen = (
        [ours.invitation_email.pk, theirs.invitation_email.pk]
        if model == "forums.outboundemail"
        else [ours.invitation.pk, theirs.invitation.pk]
    )
    editor_client.post(
        url(model, "changelist"), {"action": "retry_failed", "_selected_action": chosen}
    )
    statuses = dict(
        OutboundEmail.objects.filter(
            pk__in=[ours.invitation_email.pk, theirs.invitation_email.pk]
        ).values_list("pk", "status")
    )
    assert statuses[ours.invitation_email.pk] != EmailStatus.FAILED
    assert statuses[theirs.invitation_email.pk] == EmailStatus.FAILED
