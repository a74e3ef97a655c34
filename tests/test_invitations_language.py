"""The invitation message in each person's language: the portal's languages alone, the staff's
text followed by Finnish and English for other languages, and in every message the meeting as
a calendar file and the unsubscribe headers."""

import html as html_module
import re
from urllib.parse import urlsplit

import icalendar
import pytest
from django.conf import settings as django_settings

from forums import tokens
from forums.calendar import meeting_uid
from forums.models import Invitation, OutboundEmail

from .invitation_helpers import (
    ARABIC_BODY,
    ARABIC_SUBJECT,
    TITLES,
    _arabic_text,
    _content,
    _html,
    _invitee,
    _parts,
    _recipients,
    _sent_to,
    _subject,
    _titled_meeting,
    _unsubscribe_url,
)
from .page_html import elements

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("code", ["fi", "sv", "en"])
def test_the_invitation_is_in_the_invitees_own_language_only(invite, parents, code):
    meeting = _titled_meeting(groups=[parents])
    _invitee("aino@example.org", parents, code)

    invite(meeting)

    sent = _sent_to("aino@example.org")
    assert sent.subject == _subject(meeting, code)
    others = [other for other in TITLES if other != code]
    assert all(sent.subject != _subject(meeting, other) for other in others)
    assert sent.extra_headers["Content-Language"] == code
    assert sent.message()["Content-Language"] == code
    page = _html(sent)
    assert {e.attrs["lang"] for e in elements(page) if "lang" in e.attrs} == {code}
    for body in (sent.body, page):
        assert TITLES[code] in body
        assert not any(TITLES[other] in body for other in others)
    [event] = icalendar.Calendar.from_ical(_content(_parts(sent)["text/calendar"])).walk("VEVENT")
    assert str(event["SUMMARY"]) == TITLES[code]
    invitation = Invitation.objects.get()
    assert invitation.language == code
    assert OutboundEmail.objects.get().language == code


def test_an_arabic_invitee_gets_the_staff_text_then_finnish_and_english(invite, parents):
    meeting = _titled_meeting(groups=[parents])
    _arabic_text()
    _invitee("amal@example.org", parents, "ar")

    invite(meeting)

    sent = _sent_to("amal@example.org")
    assert sent.subject == ARABIC_SUBJECT
    assert sent.message()["Content-Language"] == "ar, fi, en"
    page = _html(sent)
    [arabic] = [e for e in elements(page) if e.tag != "html" and e.attrs.get("lang") == "ar"]
    assert arabic.attrs.get("dir") == "rtl"
    assert ARABIC_BODY in arabic.text
    blocks = {
        code: [e for e in elements(page) if e.tag == "div" and e.attrs.get("lang") == code]
        for code in ("fi", "en")
    }
    assert [len(found) for found in blocks.values()] == [1, 1]
    assert TITLES["fi"] in blocks["fi"][0].text
    assert TITLES["en"] in blocks["en"][0].text
    assert TITLES["sv"] not in page
    # The staff's text first, then Finnish, then English.
    body = page[page.index("<body") :]
    assert body.index(ARABIC_BODY) < body.index(TITLES["fi"]) < body.index(TITLES["en"])
    assert sent.body.index(ARABIC_BODY) < sent.body.index(TITLES["fi"])
    assert sent.body.index(TITLES["fi"]) < sent.body.index(TITLES["en"])
    assert Invitation.objects.get().language == "ar, fi, en"


def test_a_somali_invitee_without_a_staff_text_gets_finnish_and_english(invite, parents):
    meeting = _titled_meeting(groups=[parents])
    _arabic_text()  # a text in another language changes nothing
    _invitee("hodan@example.org", parents, "so")

    invite(meeting)

    sent = _sent_to("hodan@example.org")
    assert sent.subject == f"{_subject(meeting, 'fi')} / {_subject(meeting, 'en')}"
    assert sent.message()["Content-Language"] == "fi, en"
    page = _html(sent)
    assert {e.attrs["lang"] for e in elements(page) if "lang" in e.attrs} == {"fi", "en"}
    assert 'dir="rtl"' not in page
    assert ARABIC_BODY not in page
    assert ARABIC_BODY not in sent.body
    assert sent.body.index(TITLES["fi"]) < sent.body.index(TITLES["en"])


def test_every_invitation_has_the_meeting_as_a_calendar_file_and_unsubscribe_headers(
    invite, parents
):
    meeting = _titled_meeting(groups=[parents])
    _arabic_text()
    first_language = {"fi": "fi", "sv": "sv", "en": "en", "ar": "fi", "so": "fi"}
    invitees = {code: _invitee(f"{code}@example.org", parents, code) for code in first_language}

    invite(meeting)

    assert _recipients() == sorted(invitee.email for invitee in invitees.values())
    for code, invitee in invitees.items():
        sent = _sent_to(invitee.email)
        parts = _parts(sent)
        calendar_part = parts["text/calendar"]
        assert calendar_part.get_filename() == "meeting.ics"
        [event] = icalendar.Calendar.from_ical(_content(calendar_part)).walk("VEVENT")
        assert str(event["UID"]) == meeting_uid(meeting)
        assert event.decoded("SEQUENCE") == meeting.sequence

        wire = sent.message()
        url = _unsubscribe_url({"List-Unsubscribe": wire["List-Unsubscribe"]})
        assert wire["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
        assert url.startswith(django_settings.PORTAL_URL)
        path = urlsplit(url).path
        assert path.startswith(f"/{first_language[code]}/")
        match = re.fullmatch(r"/\w+/unsubscribe/([^/]+)/", path)
        assert match is not None, path
        assert tokens.invitee_from_unsubscribe_token(match.group(1)) == invitee
        assert url in sent.body
        assert html_module.escape(url) in _content(parts["text/html"])
