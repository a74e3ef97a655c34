"""Invitations for staff: the progress of a meeting's invitations (counts, the admin endpoint
and the meeting's page), and sending invitations with the admin action and the command."""

import io
import re
from dataclasses import asdict

import pytest
from django.contrib.auth.models import Permission, User
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import reverse

from forums import services
from forums.invitations import InvitationProgress, invitation_progress, invitations_create
from forums.models import (
    EmailStatus,
    Invitation,
    Invitee,
    Meeting,
    OutboundEmail,
    Registration,
    RegistrationStatus,
    StakeholderGroup,
)

from .factories import ImplementerFactory
from .forum_factories import register
from .invitation_helpers import (
    _invited,
    _invitee,
    _meeting,
    _recipients,
    count_then_send,
)
from .page_html import find_all
from .sides import staff_login

pytestmark = pytest.mark.django_db

MEETINGS = reverse("admin:forums_meeting_changelist")


# --- Progress for staff.


def _progress_fixture(
    parents: StakeholderGroup, django_capture_on_commit_callbacks
) -> tuple[Meeting, InvitationProgress]:
    """Six invitations in every state of sending, two people registered through theirs."""
    meeting = _meeting([parents], capacity=1)
    people = [_invitee(f"person{n}@example.org", parents) for n in range(6)]
    with django_capture_on_commit_callbacks():  # written, not sent
        invitations_create(meeting_id=meeting.pk)
    plan = [
        EmailStatus.SENT,
        EmailStatus.SENT,
        EmailStatus.FAILED,
        EmailStatus.RETRYING,
        EmailStatus.SENDING,
        EmailStatus.QUEUED,
    ]
    invitations = {
        invitation.invitee_id: invitation
        for invitation in Invitation.objects.filter(meeting=meeting)
    }
    for person, status in zip(people, plan, strict=True):
        OutboundEmail.objects.filter(invitation=invitations[person.pk]).update(status=status)

    def through_invitation(person: Invitee) -> Registration:
        return register(meeting, person.email, group=parents, invitation=invitations[person.pk])

    confirmed = through_invitation(people[0])
    register(meeting, "walk-in@example.org", group=parents)  # no invitation: not counted
    waiting = through_invitation(people[1])
    cancelled = through_invitation(people[2])
    services.registration_cancel(token=cancelled.cancel_token)
    assert (confirmed.status, waiting.status) == (
        RegistrationStatus.CONFIRMED,
        RegistrationStatus.WAITING,
    )
    # Invitations to another meeting count there, not here.
    other = _meeting([parents])
    with django_capture_on_commit_callbacks():
        invitations_create(meeting_id=other.pk)

    sent, failed = plan.count(EmailStatus.SENT), plan.count(EmailStatus.FAILED)
    return meeting, InvitationProgress(
        invited=len(plan),
        sent=sent,
        failed=failed,
        waiting=len(plan) - sent - failed,
        registered=2,
    )


def test_invitation_progress_counts_each_state(parents, django_capture_on_commit_callbacks):
    meeting, expected = _progress_fixture(parents, django_capture_on_commit_callbacks)

    assert invitation_progress(meeting_id=meeting.pk) == expected


def test_invitation_progress_of_a_meeting_without_invitations_is_all_zero():
    meeting = _meeting()

    progress = invitation_progress(meeting_id=meeting.pk)

    assert set(asdict(progress).values()) == {0}


def test_the_admin_progress_endpoint_gives_the_counts_to_staff_only(
    admin_client, client, parents, django_capture_on_commit_callbacks
):
    meeting, expected = _progress_fixture(parents, django_capture_on_commit_callbacks)
    endpoint = reverse("admin:forums_meeting_invitation_progress", args=[meeting.pk])

    response = admin_client.get(endpoint)

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response.json() == asdict(expected)

    anonymous = client.get(endpoint)
    assert anonymous.status_code == 302
    assert anonymous["Location"].startswith(reverse("admin:login"))

    staff = User.objects.create_user("staff", password="x", is_staff=True)
    without = Client()
    staff_login(without, staff)
    assert without.get(endpoint).status_code == 403

    staff.user_permissions.add(Permission.objects.get(codename="view_meeting"))
    viewer = Client()
    staff_login(viewer, User.objects.get(pk=staff.pk))
    # Editors see only the meetings of the projects their organisation maintains; being
    # an implementer is not enough.
    assert viewer.get(endpoint).status_code == 404
    implementer = ImplementerFactory(project=meeting.forum.project)
    implementer.organisation.editors.add(staff)
    assert viewer.get(endpoint).status_code == 404
    meeting.forum.project.maintainers.add(implementer.organisation)
    assert viewer.get(endpoint).json() == asdict(expected)


def test_the_meeting_change_page_shows_the_invitation_counts(
    admin_client, parents, django_capture_on_commit_callbacks
):
    meeting, expected = _progress_fixture(parents, django_capture_on_commit_callbacks)

    response = admin_client.get(reverse("admin:forums_meeting_change", args=[meeting.pk]))

    assert response.status_code == 200
    page = response.content.decode()
    shown = {key: int(count) for key, count in re.findall(r'data-count="(\w+)">(\d+)<', page)}
    assert shown == asdict(expected)
    endpoint = reverse("admin:forums_meeting_invitation_progress", args=[meeting.pk])
    assert f'data-url="{endpoint}"' in page


# --- Sending invitations from admin and from the command line.


def test_the_send_invitations_action_leads_to_the_meetings_invitation_page(admin_client, parents):
    meeting = _meeting([parents])

    response = admin_client.post(
        MEETINGS, {"action": "send_invitations", "_selected_action": [meeting.pk]}
    )

    assert response.status_code == 302
    assert response["Location"] == reverse("admin:forums_meeting_invite", args=[meeting.pk])


def test_the_invitation_page_asks_for_groups_then_invites_them(
    admin_client, django_capture_on_commit_callbacks, parents, counsellors, students
):
    meeting = _meeting([parents, counsellors])
    _invitee("aino@example.org", parents)
    _invitee("hodan@example.org", counsellors)
    _invitee("sara@example.org", students)
    page_url = reverse("admin:forums_meeting_invite", args=[meeting.pk])

    response = admin_client.get(page_url)

    assert response.status_code == 200
    page = response.content.decode()
    boxes = find_all(page, "input", name="groups")
    # Only the forum's own groups are offered.
    assert {box.attrs["value"] for box in boxes} == {str(parents.pk), str(counsellors.pk)}
    assert {box.attrs["value"] for box in boxes if "checked" in box.attrs} == {
        str(parents.pk),
        str(counsellors.pk),
    }
    assert not Invitation.objects.exists()

    # A group outside the forum is refused.
    response = admin_client.post(
        page_url, {"send": "1", "groups": [parents.pk, students.pk], "counted": "x"}
    )
    assert response.status_code == 200
    assert not Invitation.objects.exists()

    with django_capture_on_commit_callbacks(execute=True):
        response = count_then_send(admin_client, meeting, [parents.pk])

    assert response.status_code == 302
    assert _invited(meeting) == {"aino@example.org"}
    assert _recipients() == ["aino@example.org"]


def test_the_invitation_page_without_a_group_invites_nobody(
    admin_client, django_capture_on_commit_callbacks, parents
):
    meeting = _meeting([parents])
    _invitee("aino@example.org", parents)

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = admin_client.post(
            reverse("admin:forums_meeting_invite", args=[meeting.pk]),
            {"send": "1", "counted": ""},
        )

    assert response.status_code == 200
    assert 'class="errorlist' in response.content.decode()
    assert callbacks == []
    assert not Invitation.objects.exists()


def test_the_send_invitations_action_needs_exactly_one_meeting(
    admin_client, django_capture_on_commit_callbacks, parents
):
    meetings = [_meeting([parents]) for _ in range(2)]
    _invitee("aino@example.org", parents)

    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(
            MEETINGS,
            {
                "action": "send_invitations",
                "_selected_action": [meeting.pk for meeting in meetings],
                "send": "1",
                "groups": [parents.pk],
            },
        )

    assert response.status_code == 302
    assert not Invitation.objects.exists()


def test_the_send_invitations_command_invites_the_given_group(
    django_capture_on_commit_callbacks, parents, counsellors
):
    meeting = _meeting([parents, counsellors])
    for name in ("aino", "leo"):
        _invitee(f"{name}@example.org", parents)
    _invitee("hodan@example.org", counsellors)
    out = io.StringIO()

    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_invitations", meeting.pk, "--group", "parents", stdout=out)

    invited = _invited(meeting)
    assert invited == {"aino@example.org", "leo@example.org"}
    assert _recipients() == sorted(invited)
    assert f"{len(invited)} invitations queued; 0 people were invited before" in out.getvalue()

    out = io.StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command(
            "send_invitations",
            meeting.pk,
            "--group",
            "parents",
            "--group",
            "counsellors",
            stdout=out,
        )

    assert _invited(meeting) - invited == {"hodan@example.org"}
    assert f"1 invitations queued; {len(invited)} people were invited before" in out.getvalue()


def test_the_send_invitations_command_invites_the_forums_groups_by_default(
    django_capture_on_commit_callbacks, parents, counsellors, students
):
    meeting = _meeting([parents, counsellors])
    _invitee("aino@example.org", parents)
    _invitee("hodan@example.org", counsellors)
    _invitee("sara@example.org", students)

    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_invitations", meeting.pk, stdout=io.StringIO())

    assert _invited(meeting) == {"aino@example.org", "hodan@example.org"}


def test_the_send_invitations_command_refuses_an_unknown_group_or_meeting(parents):
    meeting = _meeting([parents])
    _invitee("aino@example.org", parents)

    with pytest.raises(CommandError, match="no-such-group"):
        call_command(
            "send_invitations", meeting.pk, "--group", "parents", "--group", "no-such-group"
        )
    missing = Meeting.objects.order_by("-pk").values_list("pk", flat=True)[0] + 1
    with pytest.raises(CommandError, match=str(missing)):
        call_command("send_invitations", missing)

    assert not Invitation.objects.exists()
