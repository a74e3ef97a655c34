"""Creating invitations to forum meetings: who is invited (the chosen groups, or the forum's,
never the unsubscribed), a person once per meeting, and each invitation written to the outbox
and sent once after the commit."""

import pytest
from django.core import mail
from django.db import IntegrityError, transaction
from django.utils import timezone

from forums.invitations import invitations_create
from forums.models import EmailKind, EmailStatus, Invitation, OutboundEmail

from .forum_factories import ForumFactory, MeetingFactory
from .invitation_helpers import (
    _invited,
    _invitee,
    _meeting,
    _recipients,
)

pytestmark = pytest.mark.django_db


def test_only_the_chosen_groups_are_invited_and_never_the_unsubscribed(
    invite, parents, counsellors, students
):
    meeting = _meeting([parents, counsellors])
    _invitee("aino@example.org", parents)
    _invitee("leo@example.org", parents)
    _invitee("hodan@example.org", counsellors)
    _invitee("sara@example.org", students)
    _invitee("gone@example.org", parents, unsubscribed_at=timezone.now())

    report = invite(meeting, [parents, students])

    assert _invited(meeting) == {"aino@example.org", "leo@example.org", "sara@example.org"}
    assert (report.created, report.already_invited) == (3, 0)
    assert _recipients() == sorted(_invited(meeting))


def test_by_default_the_groups_of_the_meetings_forum_are_invited(
    invite, parents, counsellors, students
):
    meeting = _meeting([parents, counsellors])
    _invitee("aino@example.org", parents)
    _invitee("hodan@example.org", counsellors)
    _invitee("sara@example.org", students)
    _invitee("gone@example.org", counsellors, unsubscribed_at=timezone.now())

    report = invite(meeting)

    assert _invited(meeting) == {"aino@example.org", "hodan@example.org"}
    assert report.created == 2
    assert _recipients() == ["aino@example.org", "hodan@example.org"]


def test_a_forum_without_groups_invites_nobody_by_default(invite, parents):
    meeting = _meeting([])
    _invitee("aino@example.org", parents)

    report = invite(meeting)

    assert (report.created, report.already_invited) == (0, 0)
    assert not Invitation.objects.exists()
    assert mail.outbox == []


def test_a_person_is_invited_to_a_meeting_once_ever(invite, parents, counsellors):
    meeting = _meeting([parents, counsellors])
    for name in ("aino", "leo", "hodan"):
        _invitee(f"{name}@example.org", parents)
    first = invite(meeting)
    assert first.created == 3
    invitations = set(Invitation.objects.values_list("pk", flat=True))
    sent = len(mail.outbox)

    again = invite(meeting)

    assert (again.created, again.already_invited) == (0, first.created)
    assert set(Invitation.objects.values_list("pk", flat=True)) == invitations
    assert len(mail.outbox) == sent
    assert OutboundEmail.objects.filter(kind=EmailKind.INVITATION).count() == first.created

    _invitee("sara@example.org", counsellors)
    mail.outbox.clear()

    third = invite(meeting)

    assert (third.created, third.already_invited) == (1, first.created)
    assert _recipients() == ["sara@example.org"]
    assert Invitation.objects.filter(meeting=meeting).count() == first.created + 1


def test_the_same_people_are_invited_to_each_new_meeting(invite, parents):
    forum = ForumFactory.create(groups=[parents])
    first, second = (MeetingFactory.create(forum=forum) for _ in range(2))
    _invitee("aino@example.org", parents)
    invite(first)

    report = invite(second)

    assert (report.created, report.already_invited) == (1, 0)
    assert _recipients() == ["aino@example.org", "aino@example.org"]


def test_the_database_keeps_one_invitation_per_person_per_meeting(parents):
    meeting = _meeting([parents])
    invitee = _invitee("aino@example.org", parents)
    Invitation.objects.create(meeting=meeting, invitee=invitee)

    with pytest.raises(IntegrityError), transaction.atomic():
        Invitation.objects.create(meeting=meeting, invitee=invitee)

    assert Invitation.objects.filter(meeting=meeting, invitee=invitee).count() == 1
    # Another meeting is another invitation.
    Invitation.objects.create(meeting=_meeting([parents]), invitee=invitee)
    assert Invitation.objects.filter(invitee=invitee).count() == 2


def test_each_invitation_is_written_to_the_outbox_and_sent_once_after_commit(
    django_capture_on_commit_callbacks, monkeypatch, parents
):
    # Small batches, so that more than one commit is needed.
    monkeypatch.setattr("forums.invitations.CREATE_BATCH", 2)
    meeting = _meeting([parents])
    people = [_invitee(f"person{n}@example.org", parents) for n in range(5)]

    with django_capture_on_commit_callbacks() as callbacks:
        report = invitations_create(meeting_id=meeting.pk)

    assert report.created == len(people)
    assert mail.outbox == []
    invitations = list(Invitation.objects.select_related("email", "invitee"))
    assert len(invitations) == len(people)
    for invitation in invitations:
        assert invitation.email is not None
        assert invitation.email.kind == EmailKind.INVITATION
        assert invitation.email.status == EmailStatus.QUEUED
        assert invitation.email.recipient == invitation.invitee.email
        assert invitation.language == invitation.email.language
    assert callbacks

    for callback in callbacks:
        callback()
    # A task delivered twice sends nothing twice.
    for callback in callbacks:
        callback()

    assert _recipients() == sorted(person.email for person in people)
    assert set(
        OutboundEmail.objects.filter(kind=EmailKind.INVITATION).values_list("status", "attempts")
    ) == {(EmailStatus.SENT, 1)}
