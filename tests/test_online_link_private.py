"""An online meeting's link goes to those who have a seat only (issue 23): in their
confirmation, its calendar file and their registration's own page; never on the public
meeting page, in a public calendar, in an invitation, or to someone on the waiting list."""

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import translation

from forums.models import AgeGroup, EmailKind, Meeting, OutboundEmail, RegistrationStatus
from forums.tokens import registration_url

from .forum_factories import register
from .invitation_helpers import _content, _group, _invitee, _meeting, _parts, _sent_to

pytestmark = pytest.mark.django_db

LINK = "https://meet.example.org/vanhempien-ilta-7f3k"


@pytest.fixture
def meeting() -> Meeting:
    parents = _group("parents")
    return _meeting(groups=[parents], online_url=LINK, venue="", address="", capacity=1)


def texts(message: mail.EmailMessage) -> dict[str, str]:
    """Each part of a sent message as text: the plain text, the HTML and the calendar."""
    return {
        kind: _content(part) for kind, part in _parts(message).items() if kind.startswith("text/")
    }


def local(address: str) -> str:
    return address.split("://", 1)[1].split("/", 1)[1].join(["/", ""])


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_the_public_page_and_calendars_say_online_without_the_link(client, meeting, language):
    with translation.override(language):
        addresses = [
            meeting.get_absolute_url(),
            reverse("forums:meeting_ics", args=[meeting.pk]),
            reverse("forums:forum_feed", args=[meeting.forum.slug]),
            reverse("forums:feed"),
        ]
    for address in addresses:
        response = client.get(address)
        assert response.status_code == 200, address
        content = response.content.decode()
        assert str(meeting.pk) in content or meeting.display_title in content, address
        assert "meet.example.org" not in content, address


def test_an_invitation_does_not_carry_the_link(meeting, invite):
    _invitee("kutsuttu@example.org", meeting.forum.stakeholder_groups.get())
    invite(meeting)
    sent = texts(_sent_to("kutsuttu@example.org"))
    assert set(sent) >= {"text/plain", "text/html", "text/calendar"}
    for kind, text in sent.items():
        assert "meet.example.org" not in text, kind


def test_the_link_goes_to_a_seat_not_to_the_waiting_list(client, meeting):
    seated = register(meeting, "paikka@example.org")
    waiting = register(meeting, "jono@example.org")
    assert (seated.status, waiting.status) == (
        RegistrationStatus.CONFIRMED,
        RegistrationStatus.WAITING,
    )

    confirmation = OutboundEmail.objects.filter(registration=seated).latest("pk")
    for part in (confirmation.text_body, confirmation.html_body, confirmation.ics):
        assert LINK in part
    queued = OutboundEmail.objects.filter(registration=waiting).latest("pk")
    assert queued.ics == "" or "meet.example.org" not in queued.ics
    for part in (queued.text_body, queued.html_body):
        assert "meet.example.org" not in part

    seat_page = client.get(local(registration_url(seated, "fi"))).content.decode()
    assert f'href="{LINK}"' in seat_page
    queue_page = client.get(local(registration_url(waiting, "fi"))).content.decode()
    assert "meet.example.org" not in queue_page


def test_a_guardians_address_is_not_sent_the_link(meeting):
    """Anyone can type a guardian's address: it is told of the registration, not let in."""
    child = register(
        meeting, "lapsi@example.org", age_group=AgeGroup.UNDER_15, guardian_email="h@example.org"
    )
    assert child.status == RegistrationStatus.CONFIRMED
    told = OutboundEmail.objects.get(registration=child, kind=EmailKind.GUARDIAN)
    assert told.recipient == "h@example.org"
    for part in (told.text_body, told.html_body, told.ics):
        assert "meet.example.org" not in part


def test_cancelling_a_waiting_place_sends_no_calendar_file(client, meeting):
    register(meeting, "paikka@example.org")
    waiting = register(meeting, "jono@example.org")
    response = client.post(local(registration_url(waiting, "fi", "cancel")))
    assert response.status_code in (200, 302)
    cancelled = OutboundEmail.objects.get(registration=waiting, kind=EmailKind.CANCELLED)
    assert cancelled.ics == ""
