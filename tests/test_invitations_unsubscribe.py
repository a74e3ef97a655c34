"""Unsubscribing from invitations: the page asks first, one-click unsubscribing needs no CSRF
token and stops unsent invitations, the unsubscribed are not invited again, and a changed
link does not work."""

from urllib.parse import urlsplit

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from forums import tokens
from forums.invitations import invitations_create
from forums.models import EmailKind, EmailStatus, Invitation, Invitee, OutboundEmail

from .forum_factories import ForumFactory, MeetingFactory
from .invitation_helpers import (
    _invitee,
    _meeting,
    _page_language,
    _recipients,
    _says,
    _text,
    _unsubscribe_url,
)
from .page_html import elements

pytestmark = pytest.mark.django_db


def _unsubscribe_path(invitee: Invitee) -> str:
    message = OutboundEmail.objects.filter(
        kind=EmailKind.INVITATION, recipient=invitee.email
    ).latest("pk")
    return urlsplit(_unsubscribe_url(message.headers)).path


def test_the_unsubscribe_page_asks_before_unsubscribing(client, invite, parents):
    invitee = _invitee("aino@example.org", parents)
    invite(_meeting([parents]))

    response = client.get(_unsubscribe_path(invitee))

    assert response.status_code == 200
    page = response.content.decode()
    everything = elements(page)
    [form] = [e for e in everything if e.tag == "form" and e.attrs.get("method") == "post"]
    assert [e for e in everything if e.tag == "button" and e.is_inside(form)]
    assert invitee.email in _text(page)
    invitee.refresh_from_db()
    assert invitee.unsubscribed_at is None


def test_one_click_unsubscribe_needs_no_csrf_token_and_stops_unsent_invitations(
    django_capture_on_commit_callbacks, invite, parents
):
    forum = ForumFactory.create(groups=[parents])
    earlier, later = (MeetingFactory.create(forum=forum) for _ in range(2))
    leaving = _invitee("aino@example.org", parents)
    staying = _invitee("leo@example.org", parents)
    invite(earlier)
    with django_capture_on_commit_callbacks() as callbacks:
        invitations_create(meeting_id=later.pk)
    mail.outbox.clear()
    browser = Client(enforce_csrf_checks=True)

    # What a mail program sends for RFC 8058 one-click unsubscribing.
    response = browser.post(
        _unsubscribe_path(leaving),
        "List-Unsubscribe=One-Click",
        content_type="application/x-www-form-urlencoded",
    )

    assert response.status_code == 200
    leaving.refresh_from_db()
    assert leaving.unsubscribed_at is not None
    with translation.override(_page_language(response)):
        assert _says(response.content.decode(), gettext("You will get no more invitations"))
    statuses = {
        (invitation.meeting_id, invitation.invitee_id): invitation.email.status
        for invitation in Invitation.objects.select_related("email")
        if invitation.email is not None
    }
    assert statuses == {
        (earlier.pk, leaving.pk): EmailStatus.SENT,
        (earlier.pk, staying.pk): EmailStatus.SENT,
        (later.pk, leaving.pk): EmailStatus.FAILED,
        (later.pk, staying.pk): EmailStatus.QUEUED,
    }

    for callback in callbacks:
        callback()

    assert _recipients() == [staying.email]
    unsent = Invitation.objects.select_related("email").get(meeting=later, invitee=leaving)
    assert unsent.email is not None
    assert (unsent.email.status, unsent.email.attempts) == (EmailStatus.FAILED, 0)

    # Unsubscribing again keeps the first time.
    first_time = leaving.unsubscribed_at
    browser.post(_unsubscribe_path(leaving))
    leaving.refresh_from_db()
    assert leaving.unsubscribed_at == first_time


def test_an_unsubscribed_person_is_not_invited_again(client, invite, parents):
    forum = ForumFactory.create(groups=[parents])
    first = MeetingFactory.create(forum=forum)
    leaving = _invitee("aino@example.org", parents)
    _invitee("leo@example.org", parents)
    invite(first)
    client.post(_unsubscribe_path(leaving))
    mail.outbox.clear()

    report = invite(MeetingFactory.create(forum=forum))

    assert report.created == 1
    assert _recipients() == ["leo@example.org"]
    assert Invitation.objects.filter(invitee=leaving).count() == 1


@pytest.mark.parametrize("method", ["get", "post"])
def test_a_tampered_unsubscribe_link_does_not_work(client, invite, parents, method):
    invitee = _invitee("aino@example.org", parents)
    invite(_meeting([parents]))
    path = _unsubscribe_path(invitee)
    token = path.rstrip("/").rsplit("/", 1)[1]
    invitation = Invitation.objects.get()
    bad_tokens = [
        token[:-1] + ("A" if token[-1] != "A" else "B"),
        tokens.invitation_token(invitation),  # genuine, but for registering, not leaving
    ]

    for bad in bad_tokens:
        with translation.override("fi"):
            bad_path = reverse("forums:unsubscribe", kwargs={"token": bad})
        response = getattr(client, method)(bad_path)

        assert response.status_code == 404
        with translation.override(_page_language(response)):
            assert _says(response.content.decode(), gettext("This link does not work"))
    invitee.refresh_from_db()
    assert invitee.unsubscribed_at is None
