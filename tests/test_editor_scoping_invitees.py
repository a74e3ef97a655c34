"""Invitees and editors: an editor sees the people of their organisations' lists (and those
of the portal's list invited to their meetings) but not another list's, even invited to
their meeting; invites only from their own lists, even with a partner organisation;
invitations reach only the portal's list and the implementers' lists; and a partner's
invitations and messages for a shared meeting stay the partner's to see."""

import pytest
from django.test import Client

from forums.invitations import invitations_create, invitee_unsubscribe
from forums.models import Invitation, Invitee
from projects.models import ImplementerRole

from .factories import ImplementerFactory, OrganisationFactory
from .forum_factories import MeetingFactory
from .invitation_helpers import count_then_send
from .scoping_helpers import is_not_found, listed, url
from .sides import invitee_on_list, make_editor, staff_login

pytestmark = pytest.mark.django_db


def test_another_lists_person_invited_to_the_editors_meeting_stays_out_of_their_sight(
    ours, theirs, editor_client
):
    """A superuser may invite a partner organisation's people to the editor's meeting; their
    details still belong to the list that keeps them."""
    Invitation.objects.create(meeting=ours.meeting, invitee=theirs.invitee)
    assert theirs.invitee.pk not in listed(editor_client.get(url("forums.invitee", "changelist")))
    assert is_not_found(editor_client.get(url("forums.invitee", "change", theirs.invitee.pk)))
    # The invitation of the other organisation's meeting is still not the editor's.
    assert theirs.invitation.pk not in listed(
        editor_client.get(url("forums.invitation", "changelist"))
    )


def test_someone_from_the_portal_list_invited_to_the_editors_meeting_is_theirs_to_see(
    ours, editor_client
):
    portal_wide = invitee_on_list("shared@example.org", ours.invitee.group)
    assert portal_wide.pk not in listed(editor_client.get(url("forums.invitee", "changelist")))
    Invitation.objects.create(meeting=ours.meeting, invitee=portal_wide)
    assert portal_wide.pk in listed(editor_client.get(url("forums.invitee", "changelist")))
    page = editor_client.get(url("forums.invitee", "change", portal_wide.pk))
    assert page.status_code == 200


def test_an_editor_invites_only_from_their_own_lists_even_with_a_partner_organisation(
    ours, theirs, editor_client, django_capture_on_commit_callbacks
):
    """Adding another organisation as a partner of one's own project must not open its list."""
    ImplementerFactory.create(
        project=ours.project, organisation=theirs.organisation, role=ImplementerRole.PARTNER
    )
    theirs_also = invitee_on_list(
        "theirs.second@example.org", ours.invitee.group, theirs.organisation
    )
    ours_new = invitee_on_list("ours.second@example.org", ours.invitee.group, ours.organisation)
    ours.meeting.forum.stakeholder_groups.add(ours.invitee.group)

    with django_capture_on_commit_callbacks(execute=True):
        response = count_then_send(editor_client, ours.meeting, [ours.invitee.group.pk])

    assert response.status_code == 302
    invited = set(
        Invitation.objects.filter(meeting=ours.meeting).values_list("invitee_id", flat=True)
    )
    assert {ours.invitee.pk, ours_new.pk} <= invited
    assert theirs_also.pk not in invited
    assert theirs.invitee.pk not in invited


def test_invitations_reach_only_the_portal_list_and_the_implementers_lists():
    """Sending invitations must not reach, and so reveal, another organisation's people."""
    meeting = MeetingFactory()
    ours = ImplementerFactory.create(project=meeting.forum.project).organisation
    theirs = OrganisationFactory.create()
    group = meeting.forum.stakeholder_groups.get(slug="parents")
    people = {
        kept_by: invitee_on_list(f"person{number}@example.org", group, kept_by)
        for number, kept_by in enumerate([None, ours, theirs])
    }

    report = invitations_create(meeting_id=meeting.pk)

    assert report.created == 2
    invited = set(Invitation.objects.values_list("invitee_id", flat=True))
    assert invited == {people[None].pk, people[ours].pk}


def test_a_partners_invitees_to_a_shared_meeting_stay_the_partners_to_see(
    ours, theirs, editor_client, django_capture_on_commit_callbacks
):
    """The partner, which also keeps the shared project's record, invites people from its own
    list to the project's meeting: their invitations and the messages sent them are the
    partner's, not the coordinator's."""
    ImplementerFactory.create(
        project=ours.project, organisation=theirs.organisation, role=ImplementerRole.PARTNER
    )
    ours.project.maintainers.add(theirs.organisation)
    ours.meeting.forum.stakeholder_groups.add(ours.invitee.group)
    with django_capture_on_commit_callbacks(execute=True):
        invitations_create(meeting_id=ours.meeting.pk)
    partners = Invitation.objects.get(meeting=ours.meeting, invitee=theirs.invitee)
    own = Invitation.objects.get(meeting=ours.meeting, invitee=ours.invitee)
    partner_client = staff_login(Client(), make_editor("partner", theirs.organisation))

    for client, sees, does_not_see in [
        (editor_client, own, partners),
        (partner_client, partners, own),
    ]:
        invitations = listed(client.get(url("forums.invitation", "changelist")))
        assert sees.pk in invitations and does_not_see.pk not in invitations
        messages = listed(client.get(url("forums.outboundemail", "changelist")))
        assert sees.email_id in messages and does_not_see.email_id not in messages
        assert is_not_found(client.get(url("forums.invitation", "change", does_not_see.pk)))


def test_an_address_unsubscribed_elsewhere_added_by_hand_is_not_invited(
    ours, theirs, editor_client, django_capture_on_commit_callbacks
):
    invitee_unsubscribe(invitee=theirs.invitee)
    ours.meeting.forum.stakeholder_groups.add(ours.invitee.group)
    added = editor_client.post(
        url("forums.invitee", "add"),
        {
            "name": "Sama Henkilö",
            "email": theirs.invitee.email.upper(),
            "group": ours.invitee.group.pk,
            "language": ours.invitee.language.pk,
            "organisation": "",
            "kept_by": ours.organisation.pk,
            "consent_at_0": "2026-12-01",
            "consent_at_1": "12:00",
        },
    )
    assert added.status_code == 302
    by_hand = Invitee.objects.get(kept_by=ours.organisation, email=theirs.invitee.email.upper())

    with django_capture_on_commit_callbacks(execute=True):
        invitations_create(meeting_id=ours.meeting.pk)

    assert not Invitation.objects.filter(invitee=by_hand).exists()
    assert Invitation.objects.filter(meeting=ours.meeting, invitee=ours.invitee).exists()
