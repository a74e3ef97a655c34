"""Invitation texts belong to an organisation: its editors write them, and they go only with
the invitations to its own projects' meetings. The portal's own texts (no organisation) are
written by superusers and used where an organisation has none. As the attack was made: an
editor of one organisation adds an Arabic text with a subject pointing elsewhere, and another
organisation's invitations must not carry it."""

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from forums.invitations import invitations_create
from forums.models import InvitationText, Invitee, OutboundEmail

from .forum_factories import language
from .sides import Side, make_editor, staff_login

pytestmark = pytest.mark.django_db

ADD = reverse("admin:forums_invitationtext_add")


def arabic_invitee(side: Side, email: str) -> Invitee:
    return Invitee.objects.create(
        name="Layla Haddad",
        email=email,
        group=side.invitee.group,
        language=language("ar"),
        kept_by=side.organisation,
        consent_at=timezone.now(),
    )


def text_form(**values: object) -> dict[str, object]:
    return {"language": language("ar").pk, "subject": "", "body": "", **values}


@pytest.fixture
def attacker(ours: Side) -> Client:
    client = Client()
    staff_login(client, make_editor("attacker", ours.organisation))
    return client


def invitation_subjects(side: Side) -> list[str]:
    return list(
        OutboundEmail.objects.filter(invitation__meeting=side.meeting).values_list(
            "subject", flat=True
        )
    )


def test_an_editors_text_goes_with_their_own_invitations_only(attacker, ours, theirs):
    response = attacker.post(
        ADD,
        text_form(
            organisation=ours.organisation.pk,
            subject="Kutsu: https://toinen.example.net",
            body="Rekisteröidy osoitteessa https://toinen.example.net",
        ),
    )
    assert response.status_code == 302
    arabic_invitee(ours, "layla.ours@example.org")
    arabic_invitee(theirs, "layla.theirs@example.org")

    # Each organisation's editor sends its own meeting's invitations from its own lists.
    invitations_create(meeting_id=ours.meeting.pk, organisation_ids=[ours.organisation.pk])
    invitations_create(meeting_id=theirs.meeting.pk, organisation_ids=[theirs.organisation.pk])

    assert "Kutsu: https://toinen.example.net" in invitation_subjects(ours)
    assert not any("toinen.example.net" in subject for subject in invitation_subjects(theirs))
    bodies = OutboundEmail.objects.filter(invitation__meeting=theirs.meeting)
    assert not any("toinen.example.net" in message.text_body for message in bodies)


def test_the_portal_text_serves_where_an_organisation_has_none(ours, theirs):
    InvitationText.objects.create(language=language("ar"), subject="Portaalin kutsu", body="…")
    InvitationText.objects.create(
        organisation=ours.organisation, language=language("ar"), subject="Meidän kutsu", body="…"
    )
    arabic_invitee(ours, "layla.ours@example.org")
    arabic_invitee(theirs, "layla.theirs@example.org")

    invitations_create(meeting_id=ours.meeting.pk)  # a superuser sends: every list
    invitations_create(meeting_id=theirs.meeting.pk)

    assert "Meidän kutsu" in invitation_subjects(ours)
    assert "Portaalin kutsu" in invitation_subjects(theirs)


@pytest.mark.parametrize("organisation", ["theirs", "none"])
def test_an_editor_writes_texts_for_their_own_organisation_only(attacker, theirs, organisation):
    chosen = theirs.organisation.pk if organisation == "theirs" else ""
    response = attacker.post(ADD, text_form(organisation=chosen, subject="Kutsu", body="…"))

    assert response.status_code == 200
    assert "organisation" in response.context["adminform"].form.errors
    assert not InvitationText.objects.exists()


def test_an_editor_neither_sees_nor_changes_another_organisations_text(attacker, theirs):
    text = InvitationText.objects.create(
        organisation=theirs.organisation, language=language("ar"), subject="Heidän", body="…"
    )
    portal = InvitationText.objects.create(language=language("so"), subject="Portaali", body="…")

    listed = attacker.get(reverse("admin:forums_invitationtext_changelist"))
    assert list(listed.context["cl"].result_list) == []
    for other in (text, portal):
        change = reverse("admin:forums_invitationtext_change", args=[other.pk])
        assert attacker.get(change).status_code in {302, 403, 404}
        attacker.post(change, text_form(organisation="", subject="Vaihdettu", body="…"))
        other.refresh_from_db()
        assert other.subject != "Vaihdettu"


def test_a_superuser_writes_the_portals_own_text(admin_client):
    response = admin_client.post(ADD, text_form(organisation="", subject="Kutsu", body="…"))
    assert response.status_code == 302
    assert InvitationText.objects.get().organisation is None
