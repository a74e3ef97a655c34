"""The personal registration link in an invitation: it opens the meeting with the form filled
in, ties the registration to the invitation, is not cached, and a changed, expired or other
meeting's link fills in nothing."""

import datetime
import time
from unittest import mock
from urllib.parse import urlsplit

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from forums import services, tokens
from forums.invitations import invitation_progress
from forums.models import Invitation, Registration, RegistrationStatus

from .forum_factories import ForumFactory, MeetingFactory
from .invitation_helpers import (
    _arabic_text,
    _full_form,
    _invalid_link_notice,
    _invited_link,
    _invitee,
    _local,
    _meeting,
    _meeting_path,
    _page_language,
    _registration_form,
    _registration_links,
    _says,
    _sent_to,
    _tampered,
    _token,
    _welcome,
)

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(("code", "page_language"), [("sv", "sv"), ("ar", "fi")])
def test_the_personal_link_opens_the_meeting_with_the_form_filled_in(
    client, invite, parents, counsellors, code, page_language
):
    meeting = _meeting([parents, counsellors])
    if code == "ar":
        _arabic_text()
    invitee = _invitee(
        "aino@example.org", counsellors, code, name="Aino Virtanen", organisation="Tikkurilan koulu"
    )
    invite(meeting)
    link = _registration_links(_sent_to(invitee.email).body)[0]
    assert urlsplit(link).path == _meeting_path(meeting, page_language)

    response = client.get(_local(link))

    assert response.status_code == 200
    page = response.content.decode()
    form = _registration_form(page)
    assert form["name"] == invitee.name
    assert form["email"] == invitee.email
    assert form["group"] == str(counsellors.pk)
    assert form["language"] == code
    assert form["organisation"] == invitee.organisation
    assert form["invitation"] == _token(link)
    assert _says(page, _welcome(_page_language(response), invitee.name))
    assert not _says(page, _invalid_link_notice(_page_language(response)))


def test_without_a_personal_link_the_form_is_empty(client, parents):
    meeting = _meeting([parents])
    _invitee("aino@example.org", parents)

    form = _registration_form(client.get(_meeting_path(meeting)).content.decode())

    assert (form["name"], form["email"], form["invitation"]) == ("", "", "")
    assert form["language"] == "fi"


def test_registering_through_the_personal_link_links_the_registration_to_the_invitation(
    client, invite, parents
):
    meeting = _meeting([parents])
    invitee = _invitee("aino@example.org", parents, "sv", name="Aino Virtanen")
    link = _invited_link(invite, meeting, invitee)
    form = _registration_form(client.get(link).content.decode())

    response = client.post(link, {**form, "consent": "on", "age_group": "adult"})

    assert response.status_code == 302
    registration = Registration.objects.get()
    invitation = Invitation.objects.get(meeting=meeting, invitee=invitee)
    assert registration.invitation == invitation
    assert (registration.name, registration.email, registration.group) == (
        invitee.name,
        invitee.email,
        invitee.group,
    )
    assert registration.language == invitee.language
    assert registration.status == RegistrationStatus.CONFIRMED
    assert invitation_progress(meeting_id=meeting.pk).registered == 1

    # The link passed on to someone else only fills in the form: their registration is not
    # the invitation's, and waits for its own address to be confirmed.
    again = client.post(
        link, {**form, "email": "someone.else@example.org", "consent": "on", "age_group": "adult"}
    )

    assert again.status_code == 302
    other = Registration.objects.get(email="someone.else@example.org")
    assert (other.invitation, other.address_confirmed_at) == (None, None)
    assert other.status == RegistrationStatus.PENDING
    assert invitation_progress(meeting_id=meeting.pk).registered == 1

    # Once the invitee's registration is cancelled, the invitation can be used again.
    services.registration_cancel(token=registration.cancel_token)
    third = client.post(link, {**form, "consent": "on", "age_group": "adult"})

    assert third.status_code == 302
    assert Registration.objects.filter(
        invitation=invitation, status=RegistrationStatus.CONFIRMED
    ).exists()


def test_a_page_filled_in_from_a_personal_link_is_kept_by_no_cache(client, invite, parents):
    meeting = _meeting([parents])
    invitee = _invitee("aino@example.org", parents, "fi", name="Aino Virtanen")

    link = _invited_link(invite, meeting, invitee)
    personal = client.get(link)
    plain = client.get(_meeting_path(meeting))

    assert "aino@example.org" in personal.content.decode()
    cache_control = personal["Cache-Control"]
    assert "no-store" in cache_control and "private" in cache_control
    assert "no-store" not in plain.get("Cache-Control", "")
    # Nor is it kept by the portal's page cache: the link is read again each time.
    with CaptureQueriesContext(connection) as queries:
        again = Client().get(link)
    assert "aino@example.org" in again.content.decode()
    assert len(queries) > 0


@pytest.mark.parametrize("how", ["changed", "truncated", "other-salt", "garbage"])
def test_a_tampered_personal_link_shows_a_notice_and_fills_in_nothing(client, invite, parents, how):
    meeting = _meeting([parents])
    invitee = _invitee("aino@example.org", parents)
    link = _invited_link(invite, meeting, invitee)
    invitation = Invitation.objects.get()
    bad = _tampered(_token(link), how, invitation)
    with pytest.raises(tokens.LinkInvalid):
        tokens.invitation_from_token(bad, meeting_id=meeting.pk)

    response = client.get(_meeting_path(meeting), {"invitation": bad})

    assert response.status_code == 200
    page = response.content.decode()
    assert _says(page, _invalid_link_notice(_page_language(response)))
    form = _registration_form(page)
    assert (form["name"], form["email"]) == ("", "")
    assert not _says(page, _welcome(_page_language(response), invitee.name))

    # The meeting is open to all, so one can still register, but not as the invitee.
    registered = client.post(
        _meeting_path(meeting), _full_form(meeting, email=invitee.email, invitation=bad)
    )
    assert registered.status_code == 302
    assert Registration.objects.get().invitation is None


def test_an_expired_personal_link_shows_a_notice(client, invite, parents, settings):
    settings.INVITATION_LINK_MAX_AGE_DAYS = 3
    max_age = datetime.timedelta(days=3).total_seconds()
    meeting = _meeting([parents], invitation_only=True)
    invitee = _invitee("aino@example.org", parents)
    invite(meeting)
    invitation = Invitation.objects.get()
    with mock.patch("django.core.signing.time.time", return_value=time.time() - max_age - 60):
        expired = tokens.invitation_token(invitation)
    with mock.patch("django.core.signing.time.time", return_value=time.time() - max_age + 60):
        still_valid = tokens.invitation_token(invitation)

    old = client.get(_meeting_path(meeting), {"invitation": expired})
    young = client.get(_meeting_path(meeting), {"invitation": still_valid})

    assert _says(old.content.decode(), _invalid_link_notice(_page_language(old), expired=True))
    assert _registration_form(old.content.decode()) == {}
    for too_old in (False, True):
        notice = _invalid_link_notice(_page_language(young), expired=too_old)
        assert not _says(young.content.decode(), notice)
    assert _registration_form(young.content.decode())["email"] == invitee.email

    refused = client.post(_meeting_path(meeting), _full_form(meeting, invitation=expired))
    assert refused.status_code != 302
    assert not Registration.objects.exists()


def test_a_personal_link_for_another_meeting_is_ignored(client, invite, parents):
    forum = ForumFactory.create(groups=[parents])
    invited_to = MeetingFactory.create(forum=forum)
    other = MeetingFactory.create(forum=forum)
    closed = MeetingFactory.create(forum=forum, invitation_only=True)
    invitee = _invitee("aino@example.org", parents)
    token = _token(_invited_link(invite, invited_to, invitee))

    for meeting in (other, closed):
        response = client.get(_meeting_path(meeting), {"invitation": token})
        page = response.content.decode()
        assert _registration_form(page).get("email", "") == ""
        assert not _says(page, _welcome(_page_language(response), invitee.name))

    refused = client.post(_meeting_path(closed), _full_form(closed, invitation=token))
    assert refused.status_code != 302
    assert not Registration.objects.exists()

    response = client.post(_meeting_path(other), _full_form(other, invitation=token))
    assert response.status_code == 302
    registration = Registration.objects.get()
    assert registration.meeting == other
    assert registration.invitation is None
