"""A meeting's page as the coordinator's desk: seats per group, who registered and their
export, and the invitation page's count of who would be invited before anything is sent;
as the organising project's editor, as an editor of another organisation and as a
stranger."""

import csv
import io
import re

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from forums.models import GroupQuota, Invitation, MeetingStatus, RegistrationStatus
from forums.services import registration_cancel

from .forum_factories import language
from .forum_factories import register as register_for
from .invitation_helpers import _invitee, count_then_send
from .page_html import find_all
from .sides import Side, invitee_on_list

pytestmark = pytest.mark.django_db


def _change_page(client: Client, side: Side) -> str:
    response = client.get(
        reverse("admin:forums_meeting_change", args=[side.meeting.pk]), HTTP_ACCEPT_LANGUAGE="en"
    )
    assert response.status_code == 200
    return response.content.decode()


def _seat_rows(page: str) -> dict[str, list[str]]:
    """{group name: [confirmed, cap, held, waiting]} from the desk's table."""
    table = page[page.index("Seats per stakeholder group") :]
    table = table[: table.index("</table>")]
    return {
        name: re.findall(r"<td>(?:<span[^>]*>)?([^<]+)", cells)
        for name, cells in re.findall(r'<th scope="row">([^<]+)</th>(.*?)</tr>', table)
    }


def test_the_desk_counts_seats_per_group_against_each_groups_cap(
    editor_client: Client, ours: Side, groups
):
    meeting = ours.meeting
    meeting.capacity = 6
    meeting.save()
    meeting.forum.stakeholder_groups.set([groups["parents"], groups["counsellors"]])
    GroupQuota.objects.create(meeting=meeting, group=groups["parents"], seats=2)
    ours.registration.group = groups["counsellors"]
    ours.registration.save()
    for n in range(3):  # two seats for parents, the third waits for the group's cap
        register_for(meeting, f"parent{n}@example.org", group=groups["parents"])
    held = register_for(meeting, "held@example.org", group=groups["counsellors"])
    held.status, held.address_confirmed_at = RegistrationStatus.PENDING, None
    held.hold_expires_at = timezone.now() + timezone.timedelta(hours=1)
    held.save()
    gone = register_for(meeting, "gone@example.org", group=groups["counsellors"])
    registration_cancel(token=gone.cancel_token)

    rows = _seat_rows(_change_page(editor_client, ours))

    parents, counsellors = groups["parents"].name, groups["counsellors"].name
    assert rows[parents] == ["2", "2", "0", "1"]
    assert rows[counsellors] == ["1", "shared seats", "1", "0"]


def test_the_desk_lists_who_registered_and_only_at_this_meeting(
    editor_client: Client, ours: Side, theirs: Side
):
    register_for(ours.meeting, "second@example.org", name="Toinen Ilmoittautuja")

    page = _change_page(editor_client, ours)

    assert "Meidän Henkilö" in page
    assert "Toinen Ilmoittautuja" in page
    assert "Heidän Henkilö" not in page
    assert reverse("admin:forums_registration_change", args=[ours.registration.pk]) in page
    # The rows are read only: no registration is changed, added or deleted from here.
    assert not find_all(page, "input", name="registrations-0-name")


def test_the_desk_page_takes_as_many_queries_with_more_registrations(
    editor_client: Client, ours: Side, django_assert_max_num_queries
):
    url = reverse("admin:forums_meeting_change", args=[ours.meeting.pk])
    register_for(ours.meeting, "first@example.org", interpreter_language=language("so"))
    editor_client.get(url)
    with CaptureQueriesContext(connection) as few:
        assert editor_client.get(url).status_code == 200
    for n in range(8):
        register_for(ours.meeting, f"more{n}@example.org", interpreter_language=language("ar"))
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert editor_client.get(url).status_code == 200


def test_the_registrations_export_is_the_meetings_own_and_the_organisers_only(
    editor_client: Client, ours: Side, theirs: Side, client: Client
):
    own = reverse("admin:forums_meeting_registrations_csv", args=[ours.meeting.pk])
    other = reverse("admin:forums_meeting_registrations_csv", args=[theirs.meeting.pk])

    response = editor_client.get(own)

    assert response.status_code == 200
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert any("ours@example.org" in row for row in rows)
    assert not any("theirs@example.org" in row for row in rows)
    assert editor_client.get(other).status_code == 404
    stranger = client.get(own)
    assert stranger.status_code == 302
    assert stranger["Location"].startswith(reverse("admin:login"))


# --- The invitation page: the count first, then the sending.


def _count_rows(page: str) -> list[tuple[str, str, int]]:
    table = page[page.index("Who would get an invitation") :]
    table = table[table.index("<tbody>") : table.index("</tbody>")]
    return [
        (group, language_name, int(count))
        for group, language_name, count in re.findall(
            r"<tr><td>([^<]+)</td><td>([^<]+)</td><td>(\d+)</td></tr>", table
        )
    ]


def test_the_invitation_page_counts_who_would_be_invited_before_sending(
    editor_client: Client, ours: Side, theirs: Side, groups, django_capture_on_commit_callbacks
):
    parents, counsellors = groups["parents"], groups["counsellors"]
    ours.meeting.forum.stakeholder_groups.set([parents, counsellors])
    for n in range(2):
        invitee_on_list(f"fi{n}@example.org", parents, ours.organisation)
    _invitee("ar@example.org", parents, "ar", kept_by=ours.organisation)
    _invitee("sv@example.org", counsellors, "sv", kept_by=ours.organisation)
    unsubscribed = invitee_on_list("gone@example.org", parents, ours.organisation)
    unsubscribed.unsubscribed_at = timezone.now()
    unsubscribed.save()
    invitee_on_list("theirs.new@example.org", parents, theirs.organisation)  # not our list
    page_url = reverse("admin:forums_meeting_invite", args=[ours.meeting.pk])

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        page = editor_client.get(page_url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert callbacks == []
    assert Invitation.objects.filter(meeting=ours.meeting).count() == 1  # the side's own

    assert _count_rows(page) == [
        (parents.name, language("fi").name, 2),
        (parents.name, language("ar").name, 1),
        (counsellors.name, language("sv").name, 1),
    ]
    # ours.invitee (a parent) was invited before; one parent unsubscribed.
    assert "not invited again: 1." in page
    assert "Unsubscribed from invitations: 1." in page
    assert find_all(page, "input", name="send", value="Send 4 invitations")

    with django_capture_on_commit_callbacks(execute=True):
        response = count_then_send(editor_client, ours.meeting, [parents.pk])

    assert response.status_code == 302
    assert response["Location"] == reverse("admin:forums_meeting_change", args=[ours.meeting.pk])
    invited = set(
        Invitation.objects.filter(meeting=ours.meeting).values_list("invitee__email", flat=True)
    )
    assert invited == {ours.invitee.email, "fi0@example.org", "fi1@example.org", "ar@example.org"}


def test_with_nobody_to_invite_the_page_says_so_and_offers_no_sending(
    editor_client: Client, ours: Side, django_capture_on_commit_callbacks
):
    ours.meeting.forum.stakeholder_groups.set([ours.invitee.group])  # invited already
    page_url = reverse("admin:forums_meeting_invite", args=[ours.meeting.pk])

    page = editor_client.get(page_url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        sent = editor_client.post(
            page_url,
            {"groups": [ours.invitee.group.pk], "counted": str(ours.invitee.group.pk), "send": 1},
            HTTP_ACCEPT_LANGUAGE="en",
        )

    assert "Nobody would get an invitation now." in page
    assert not find_all(page, "input", name="send")
    assert sent.status_code == 200
    assert "Nobody would get an invitation now." in sent.content.decode()
    assert callbacks == []


def test_sending_for_other_groups_than_were_counted_shows_the_count_first(
    editor_client: Client, ours: Side, groups, django_capture_on_commit_callbacks
):
    parents, counsellors = groups["parents"], groups["counsellors"]
    ours.meeting.forum.stakeholder_groups.set([parents, counsellors])
    invitee_on_list("new.parent@example.org", parents, ours.organisation)
    invitee_on_list("new.counsellor@example.org", counsellors, ours.organisation)
    page_url = reverse("admin:forums_meeting_invite", args=[ours.meeting.pk])

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = editor_client.post(
            page_url,
            {"groups": [parents.pk, counsellors.pk], "counted": str(parents.pk), "send": "1"},
            HTTP_ACCEPT_LANGUAGE="en",
        )

    assert response.status_code == 200
    assert "The chosen groups changed after the count." in response.content.decode()
    assert callbacks == []


def test_a_cancelled_meeting_gets_no_invitations(
    editor_client: Client, ours: Side, groups, django_capture_on_commit_callbacks
):
    ours.meeting.forum.stakeholder_groups.set([groups["parents"]])
    invitee_on_list("new.parent@example.org", groups["parents"], ours.organisation)
    ours.meeting.status = MeetingStatus.CANCELLED
    ours.meeting.save()

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = count_then_send(editor_client, ours.meeting, [groups["parents"].pk])

    assert response.status_code == 200
    assert callbacks == []
    assert not Invitation.objects.filter(invitee__email="new.parent@example.org").exists()


def test_the_invitation_page_is_the_organisers_only(
    editor_client: Client, ours: Side, theirs: Side, client: Client
):
    own = reverse("admin:forums_meeting_invite", args=[ours.meeting.pk])
    assert editor_client.get(own).status_code == 200
    assert (
        editor_client.get(
            reverse("admin:forums_meeting_invite", args=[theirs.meeting.pk])
        ).status_code
        == 404
    )
    stranger = client.get(own)
    assert stranger.status_code == 302
    assert stranger["Location"].startswith(reverse("admin:login"))
