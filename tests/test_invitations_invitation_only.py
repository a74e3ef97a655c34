"""Invitation-only meetings: no form without a personal link, nobody registered without a valid
invitation or through a forwarded one, and the invitee registered through their own link."""

import pytest
from django.utils import translation
from django.utils.translation import gettext

from forums import services
from forums.models import Invitation, OutboundEmail, Registration, RegistrationStatus

from .forum_factories import register
from .invitation_helpers import (
    _full_form,
    _invited_link,
    _invitee,
    _meeting,
    _meeting_path,
    _page_language,
    _registration_form,
    _says,
    _tampered,
    _token,
)
from .page_html import find_all

pytestmark = pytest.mark.django_db


def _invitation_only_notice(page_language: str) -> str:
    with translation.override(page_language):
        return gettext(
            "This meeting is by invitation only: you can register with the personal link in "
            "your invitation."
        )


@pytest.mark.parametrize("code", ["fi", "sv", "en"])
def test_an_invitation_only_meeting_says_so_and_shows_no_form(client, parents, code):
    meeting = _meeting([parents], invitation_only=True)
    public = _meeting([parents])

    response = client.get(_meeting_path(meeting, code))

    assert response.status_code == 200
    page = response.content.decode()
    assert _says(page, _invitation_only_notice(code))
    assert _registration_form(page) == {}
    assert not find_all(page, "input", name="consent")
    public_page = client.get(_meeting_path(public, code)).content.decode()
    assert not _says(public_page, _invitation_only_notice(code))
    assert _registration_form(public_page)


@pytest.mark.parametrize("token", ["", "changed"])
def test_an_invitation_only_meeting_registers_nobody_without_a_valid_invitation(
    client, invite, parents, token
):
    meeting = _meeting([parents], invitation_only=True)
    invitee = _invitee("aino@example.org", parents)
    link = _invited_link(invite, meeting, invitee)
    sent = OutboundEmail.objects.count()
    data = _full_form(meeting, email=invitee.email, name=invitee.name)
    if token:
        data["invitation"] = _tampered(_token(link), token, Invitation.objects.get())

    response = client.post(_meeting_path(meeting), data)

    assert response.status_code == 400
    assert not Registration.objects.exists()
    assert OutboundEmail.objects.count() == sent
    with pytest.raises(services.RegistrationClosed):
        register(meeting, "direct@example.org")


def test_a_forwarded_personal_link_registers_nobody_else_for_an_invitation_only_meeting(
    client, invite, parents
):
    meeting = _meeting([parents], invitation_only=True)
    invitee = _invitee("aino@example.org", parents)
    link = _invited_link(invite, meeting, invitee)
    form = _registration_form(client.get(link).content.decode())

    response = client.post(
        link, {**form, "email": "forwarded.to@example.org", "consent": "on", "age_group": "adult"}
    )

    assert response.status_code == 400
    with translation.override(_page_language(response)):
        refusal = gettext(
            "This meeting is by invitation only. Use the link in your invitation, with the "
            "e-mail address it was sent to."
        )
    assert _says(response.content.decode(), refusal)
    assert not Registration.objects.exists()
    # The invitee can still use their own invitation.
    assert client.post(link, {**form, "consent": "on", "age_group": "adult"}).status_code == 302
    assert Registration.objects.get().status == RegistrationStatus.CONFIRMED


def test_an_invitation_only_meeting_registers_through_the_personal_link(client, invite, parents):
    meeting = _meeting([parents], invitation_only=True)
    invitee = _invitee("aino@example.org", parents)
    link = _invited_link(invite, meeting, invitee)

    page = client.get(link).content.decode()
    form = _registration_form(page)
    assert form["email"] == invitee.email
    response = client.post(link, {**form, "consent": "on", "age_group": "adult"})

    assert response.status_code == 302
    registration = Registration.objects.get()
    assert registration.invitation == Invitation.objects.get(invitee=invitee)
    assert registration.status == RegistrationStatus.CONFIRMED
