"""Invitations to forum meetings: who is invited and how often, the message in each person's
language, the personal registration link, invitation-only meetings, unsubscribing, progress
for staff, the admin action and command, sending failed invitations again, and reminders."""

import datetime
import html as html_module
import io
import re
import smtplib
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from email.message import Message
from typing import Any
from unittest import mock
from urllib.parse import urlsplit

import factory
import icalendar
import kombu.exceptions
import pytest
from django.conf import settings as django_settings
from django.contrib.auth.models import Permission, User
from django.core import mail, signing
from django.core.mail import EmailMessage
from django.core.management import CommandError, call_command
from django.db import IntegrityError, connection, transaction
from django.http import HttpResponse
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext

from forums import services, tokens
from forums.calendar import meeting_uid
from forums.emails import INVITATION_SUBJECT, MESSAGES
from forums.invitations import (
    InvitationProgress,
    InvitationReport,
    invitation_progress,
    invitations_create,
    reminders_queue,
)
from forums.models import (
    EmailKind,
    EmailStatus,
    Invitation,
    InvitationText,
    Invitee,
    Meeting,
    OutboundEmail,
    Registration,
    RegistrationStatus,
    StakeholderGroup,
)
from forums.outbox import send_email, settings_stuck_after, stuck_emails_requeue
from forums.tasks import send_reminders

from .factories import ImplementerFactory
from .forum_factories import (
    ForumFactory,
    MeetingFactory,
    StakeholderGroupFactory,
    language,
    links_to_registration,
    register,
)
from .page_html import elements, find_all
from .sides import staff_login

pytestmark = pytest.mark.django_db

MEETINGS = reverse("admin:forums_meeting_changelist")
INVITATIONS = reverse("admin:forums_invitation_changelist")
OUTBOX = reverse("admin:forums_outboundemail_changelist")
TITLES = {"fi": "Kevään vanhempainfoorumi", "sv": "Vårens föräldraforum", "en": "Spring forum"}
ARABIC_SUBJECT = "دعوة إلى منتدى التعاون"
ARABIC_BODY = "أهلاً بكم في منتدى التعاون."


class InviteeFactory(factory.django.DjangoModelFactory[Invitee]):
    class Meta:
        model = Invitee

    name = factory.Sequence(lambda n: f"Kutsuttu {n}")
    email = factory.Sequence(lambda n: f"invitee{n}@example.org")
    group = factory.SubFactory(StakeholderGroupFactory, slug="parents")
    language = factory.LazyFunction(lambda: language("fi"))
    consent_at = factory.LazyFunction(timezone.now)


# --- Data.


def _group(slug: str) -> StakeholderGroup:
    return StakeholderGroupFactory.create(slug=slug)


def _meeting(groups: list[StakeholderGroup] | None = None, **fields: Any) -> Meeting:
    """A meeting whose forum has the groups (parents and counsellors when not given)."""
    forum = ForumFactory.create(groups=groups)
    return MeetingFactory.create(forum=forum, **fields)


def _titled_meeting(**fields: Any) -> Meeting:
    return _meeting(title_fi=TITLES["fi"], title_sv=TITLES["sv"], title_en=TITLES["en"], **fields)


def _invitee(email: str, group: StakeholderGroup, code: str = "fi", **fields: Any) -> Invitee:
    return InviteeFactory.create(email=email, group=group, language=language(code), **fields)


def _arabic_text() -> InvitationText:
    return InvitationText.objects.create(
        language=language("ar"), subject=ARABIC_SUBJECT, body=ARABIC_BODY
    )


@pytest.fixture
def parents() -> StakeholderGroup:
    return _group("parents")


@pytest.fixture
def counsellors() -> StakeholderGroup:
    return _group("counsellors")


@pytest.fixture
def students() -> StakeholderGroup:
    return _group("students")


Invite = Callable[..., InvitationReport]


@pytest.fixture
def invite(django_capture_on_commit_callbacks) -> Invite:
    """Invite as staff do, and run what the commit queues (the sending)."""

    def run(meeting: Meeting, groups: list[StakeholderGroup] | None = None) -> InvitationReport:
        with django_capture_on_commit_callbacks(execute=True):
            return invitations_create(
                meeting_id=meeting.pk,
                group_ids=None if groups is None else [group.pk for group in groups],
            )

    return run


def _invited(meeting: Meeting) -> set[str]:
    return set(Invitation.objects.filter(meeting=meeting).values_list("invitee__email", flat=True))


def _recipients() -> list[str]:
    return sorted(recipient for message in mail.outbox for recipient in message.to)


def _sent_to(email: str) -> EmailMessage:
    [message] = [message for message in mail.outbox if message.to == [email]]
    return message


# --- Reading messages.


def _parts(email: EmailMessage) -> dict[str, Message]:
    return {part.get_content_type(): part for part in email.message().walk()}


def _content(part: Message) -> str:
    payload = part.get_payload(decode=True)
    assert isinstance(payload, bytes)
    return payload.decode(part.get_content_charset() or "utf-8")


def _html(email: EmailMessage) -> str:
    return _content(_parts(email)["text/html"])


def _subject(meeting: Meeting, code: str) -> str:
    with translation.override(code):
        title = Meeting.objects.get(pk=meeting.pk).display_title
        return str(INVITATION_SUBJECT % {"meeting": title})


def _registration_links(body: str) -> list[str]:
    return re.findall(r"https?://[^\s\"'<>]+\?invitation=[^\s\"'<>&]+", body)


def _local(url: str) -> str:
    """The address as the test client asks for it: path and query, no host."""
    assert url.startswith(django_settings.PORTAL_URL), url
    parts = urlsplit(url)
    return f"{parts.path}?{parts.query}" if parts.query else parts.path


def _token(url: str) -> str:
    return urlsplit(url).query.removeprefix("invitation=")


def _unsubscribe_url(headers: dict[str, str]) -> str:
    value = headers["List-Unsubscribe"]
    assert value.startswith("<") and value.endswith(">"), value
    return value[1:-1]


# --- Reading pages: elements and attributes rather than spacing.


def _text(page: str) -> str:
    return " ".join(html_module.unescape(re.sub(r"<[^>]+>", " ", page)).split())


def _says(page: str, message: str) -> bool:
    return " ".join(message.split()) in _text(page)


def _page_language(response: HttpResponse) -> str:
    return response["Content-Language"]


def _registration_form(page: str) -> dict[str, str]:
    """What the registration form would post as it stands: {} when the page has no form."""
    everything = elements(page)
    forms = [
        e for e in everything if e.tag == "form" and e.attrs.get("class") == "registration-form"
    ]
    if not forms:
        return {}
    [form] = forms
    values: dict[str, str] = {}
    for element in everything:
        if not element.is_inside(form):
            continue
        name = element.attrs.get("name")
        if element.tag == "input" and name:
            if element.attrs.get("type") == "checkbox":
                if "checked" in element.attrs:
                    values[name] = element.attrs.get("value", "on")
            else:
                values[name] = element.attrs.get("value", "")
        elif element.tag == "textarea" and name:
            values[name] = element.text
        elif element.tag == "select" and name:
            values.setdefault(name, "")
        elif element.tag == "option" and "selected" in element.attrs:
            select = element.parent
            while select is not None and select.tag != "select":
                select = select.parent
            assert select is not None
            values[select.attrs["name"]] = element.attrs.get("value", "")
    return values


def _welcome(page_language: str, name: str) -> str:
    with translation.override(page_language):
        return gettext(
            "Welcome, %(name)s. Your details from the invitation are filled in below; check them "
            "and register."
        ) % {"name": name}


def _invalid_link_notice(page_language: str, *, expired: bool = False) -> str:
    with translation.override(page_language):
        if expired:
            return gettext(
                "This invitation link has expired. Ask the organiser for a new invitation."
            )
        return gettext(
            "This invitation link does not work: it may have been cut short or changed. Copy the "
            "whole link from your invitation, or ask the organiser for a new one."
        )


def _full_form(meeting: Meeting, **changes: str) -> dict[str, str]:
    group = meeting.forum.stakeholder_groups.first()
    assert group is not None
    return {
        "name": "Outi Ulkopuolinen",
        "email": "outi@example.org",
        "phone": "",
        "group": str(group.pk),
        "organisation": "",
        "language": "fi",
        "interpreter_language": "",
        "needs": "",
        "age_group": "adult",
        "consent": "on",
        **changes,
    }


def _meeting_path(meeting: Meeting, code: str = "fi") -> str:
    with translation.override(code):
        return reverse("forums:meeting", kwargs={"pk": meeting.pk})


# --- Who is invited, and how often.


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


# --- The message in each person's language.


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


# --- The personal registration link.


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


def _invited_link(invite: Invite, meeting: Meeting, invitee: Invitee) -> str:
    invite(meeting)
    mail_to_invitee = _sent_to(invitee.email)
    return _local(_registration_links(mail_to_invitee.body)[0])


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


def _tampered(token: str, how: str, invitation: Invitation) -> str:
    if how == "changed":
        return token[:-1] + ("A" if token[-1] != "A" else "B")
    if how == "truncated":
        return token[: len(token) // 2]
    if how == "other-salt":
        return signing.dumps(invitation.pk, salt=tokens.UNSUBSCRIBE_SALT)
    return "not-a-token"


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


# --- Invitation-only meetings.


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


# --- Unsubscribing.


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
    # Editors see only the meetings of the projects their organisation implements.
    assert viewer.get(endpoint).status_code == 404
    implementer = ImplementerFactory(project=meeting.forum.project)
    implementer.organisation.editors.add(staff)
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


def test_the_send_invitations_action_asks_for_groups_then_invites_them(
    admin_client, django_capture_on_commit_callbacks, parents, counsellors, students
):
    meeting = _meeting([parents, counsellors])
    _invitee("aino@example.org", parents)
    _invitee("hodan@example.org", counsellors)
    _invitee("sara@example.org", students)
    action = {"action": "send_invitations", "_selected_action": [meeting.pk]}

    response = admin_client.post(MEETINGS, action)

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
        MEETINGS, {**action, "send": "1", "groups": [parents.pk, students.pk]}
    )
    assert response.status_code == 200
    assert not Invitation.objects.exists()

    with django_capture_on_commit_callbacks() as callbacks:
        response = admin_client.post(MEETINGS, {**action, "send": "1", "groups": [parents.pk]})

    assert response.status_code == 302
    assert not Invitation.objects.exists()  # written by the task after the commit
    with django_capture_on_commit_callbacks(execute=True):
        for callback in callbacks:
            callback()

    assert _invited(meeting) == {"aino@example.org"}
    assert _recipients() == ["aino@example.org"]


def test_the_send_invitations_action_without_a_group_invites_nobody(
    admin_client, django_capture_on_commit_callbacks, parents
):
    meeting = _meeting([parents])
    _invitee("aino@example.org", parents)

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = admin_client.post(
            MEETINGS,
            {"action": "send_invitations", "_selected_action": [meeting.pk], "send": "1"},
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


# --- Sending failed invitations again.


def _row_cells(page: str, pk: int) -> dict[str, str]:
    """The changelist row of one object, as {column: text}."""
    (row,) = [row for row in page.split("<tr") if f'name="_selected_action" value="{pk}"' in row]
    return {
        name: html_module.unescape(re.sub(r"<[^>]+>", "", text)).strip()
        for name, text in re.findall(r'class="field-([\w_]+)[^"]*">(.*?)</t[dh]>', row)
    }


def _failed_and_sent(
    invite: Invite, smtp_errors: list[Exception], group: StakeholderGroup
) -> tuple[Invitation, Invitation]:
    """Two invitations: the first refused for good by the mail server, the second sent."""
    meeting = _meeting([group])
    refused = _invitee("refused@example.org", group)
    _invitee("fine@example.org", group)
    smtp_errors.append(smtplib.SMTPResponseException(550, b"mailbox unavailable"))
    invite(meeting)
    invitations = Invitation.objects.select_related("email", "invitee").order_by("invitee__pk")
    failed, sent = list(invitations)
    assert failed.invitee == refused
    assert failed.email is not None and sent.email is not None
    assert (failed.email.status, failed.email.attempts) == (EmailStatus.FAILED, 1)
    assert "550" in failed.email.last_error
    assert sent.email.status == EmailStatus.SENT
    assert _recipients() == ["fine@example.org"]
    return failed, sent


def test_a_failed_invitation_shows_as_failed_and_is_sent_again_from_the_invitations(
    admin_client, invite, smtp_errors, django_capture_on_commit_callbacks, parents
):
    failed, sent = _failed_and_sent(invite, smtp_errors, parents)

    page = admin_client.get(INVITATIONS)
    with translation.override(_page_language(page)):
        failed_label, sent_label = str(EmailStatus.FAILED.label), str(EmailStatus.SENT.label)
    cells = _row_cells(page.content.decode(), failed.pk)
    assert (cells["sending_status"], cells["attempts"]) == (failed_label, "1")
    assert _row_cells(page.content.decode(), sent.pk)["sending_status"] == sent_label
    only_failed = admin_client.get(INVITATIONS, {"sending": EmailStatus.FAILED}).content.decode()
    assert f'name="_selected_action" value="{failed.pk}"' in only_failed
    assert f'name="_selected_action" value="{sent.pk}"' not in only_failed

    with django_capture_on_commit_callbacks() as callbacks:
        response = admin_client.post(
            INVITATIONS, {"action": "retry_failed", "_selected_action": [failed.pk, sent.pk]}
        )

    assert response.status_code == 302
    assert failed.email is not None
    failed.email.refresh_from_db()
    assert (failed.email.status, failed.email.attempts) == (EmailStatus.RETRYING, 0)
    assert len(callbacks) == 1  # the sent one is not sent again

    for callback in callbacks:
        callback()

    failed.email.refresh_from_db()
    assert (failed.email.status, failed.email.attempts, failed.email.last_error) == (
        EmailStatus.SENT,
        1,
        "",
    )
    assert _recipients() == ["fine@example.org", "refused@example.org"]
    assert (
        _row_cells(admin_client.get(INVITATIONS).content.decode(), failed.pk)["sending_status"]
        == sent_label
    )


def test_a_temporary_failure_of_one_invitation_does_not_hold_back_the_others(
    invite, smtp_errors, parents
):
    meeting = _meeting([parents])
    people = [_invitee(f"person{n}@example.org", parents) for n in range(4)]
    smtp_errors.append(smtplib.SMTPResponseException(451, b"try again later"))

    invite(meeting)

    statuses = dict(
        Invitation.objects.filter(meeting=meeting).values_list("invitee__email", "email__status")
    )
    assert sorted(statuses.values()) == sorted(
        [EmailStatus.RETRYING] + [EmailStatus.SENT] * (len(people) - 1)
    )
    assert len(mail.outbox) == len(people) - 1


def test_a_message_sent_again_is_swept_up_if_its_task_is_lost(
    admin_client, invite, smtp_errors, django_capture_on_commit_callbacks, parents
):
    failed, _sent = _failed_and_sent(invite, smtp_errors, parents)
    assert failed.email is not None

    # The commit's hand-over to the broker never happens (the callbacks are not run).
    with django_capture_on_commit_callbacks():
        admin_client.post(INVITATIONS, {"action": "retry_failed", "_selected_action": [failed.pk]})

    failed.email.refresh_from_db()
    assert failed.email.status == EmailStatus.RETRYING
    later = timezone.now() + settings_stuck_after() + datetime.timedelta(minutes=1)
    assert stuck_emails_requeue(now=later) == [failed.email.pk]


def _broker_down(*args: Any, **kwargs: Any) -> None:
    raise kombu.exceptions.OperationalError("Error 111 connecting to 127.0.0.1:6379.")


@pytest.mark.parametrize("writer", ["invitations", "reminders", "retry"])
def test_a_broker_outage_at_commit_leaves_the_messages_in_the_outbox_for_the_sweep(
    admin_client,
    invite,
    smtp_errors,
    django_capture_on_commit_callbacks,
    monkeypatch,
    parents,
    writer,
):
    """The row is written with what caused it; handing it to Celery after the commit may fail
    (the broker is down), which must be logged, not raised: the sweep sends it later."""
    if writer == "retry":
        failed, _sent = _failed_and_sent(invite, smtp_errors, parents)
        assert failed.email is not None
        expected = [failed.email.pk]
    elif writer == "reminders":
        meeting = _meeting([parents], starts_at=timezone.now() + datetime.timedelta(hours=1))
        _registered_days_ago(register(meeting, "anna@example.org"), 3)
    else:
        meeting = _meeting([parents])
        _invitee("aino@example.org", parents)
    mail.outbox.clear()
    monkeypatch.setattr(send_email, "delay", _broker_down)

    with django_capture_on_commit_callbacks(execute=True):
        if writer == "invitations":
            assert invitations_create(meeting_id=meeting.pk).created == 1
            expected = list(
                OutboundEmail.objects.filter(kind=EmailKind.INVITATION).values_list("pk", flat=True)
            )
        elif writer == "reminders":
            assert reminders_queue() == 1
            expected = [message.pk for message in _reminders()]
        else:
            response = admin_client.post(
                INVITATIONS, {"action": "retry_failed", "_selected_action": [failed.pk]}
            )
            assert response.status_code == 302

    assert mail.outbox == []
    assert set(OutboundEmail.objects.filter(pk__in=expected).values_list("status", flat=True)) <= {
        EmailStatus.QUEUED,
        EmailStatus.RETRYING,
    }
    later = timezone.now() + settings_stuck_after() + datetime.timedelta(minutes=1)
    assert set(expected) <= set(stuck_emails_requeue(now=later))


def test_a_failed_message_is_sent_again_from_the_outbox(
    admin_client, invite, smtp_errors, django_capture_on_commit_callbacks, parents
):
    failed, sent = _failed_and_sent(invite, smtp_errors, parents)
    assert failed.email is not None and sent.email is not None

    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(
            OUTBOX,
            {"action": "retry_failed", "_selected_action": [failed.email.pk, sent.email.pk]},
        )

    assert response.status_code == 302
    failed.email.refresh_from_db()
    sent.email.refresh_from_db()
    assert (failed.email.status, failed.email.attempts) == (EmailStatus.SENT, 1)
    assert (sent.email.status, sent.email.attempts) == (EmailStatus.SENT, 1)
    assert _recipients() == ["fine@example.org", "refused@example.org"]


# --- Reminders.


@dataclass
class ReminderCase:
    now: datetime.datetime
    due: list[Registration]
    not_due: list[Registration]


def _registered_days_ago(registration: Registration, days: int) -> None:
    """As if the person had registered earlier: a reminder goes only to those who registered
    before the reminder time."""
    Registration.objects.filter(pk=registration.pk).update(
        created_at=timezone.now() - datetime.timedelta(days=days)
    )


def test_no_reminder_right_after_a_late_registration(parents):
    meeting = _meeting([parents], starts_at=timezone.now() + datetime.timedelta(hours=1))
    register(meeting, "late@example.org")

    assert reminders_queue() == 0


def _reminder_case(parents: StakeholderGroup, hours: int) -> ReminderCase:
    now = timezone.now() + datetime.timedelta(days=5)
    before = datetime.timedelta(hours=hours)
    forum = ForumFactory.create(groups=[parents])

    def meeting(starts_at: datetime.datetime, **fields: Any) -> Meeting:
        return MeetingFactory.create(
            forum=forum,
            starts_at=starts_at,
            ends_at=starts_at + datetime.timedelta(hours=2),
            **fields,
        )

    soon = meeting(now + datetime.timedelta(hours=2), capacity=2)
    anna = register(soon, "anna@example.org", language_code="sv", ui_language="fi")
    amal = register(soon, "amal@example.org", language_code="ar", ui_language="en")
    gone = register(soon, "gone@example.org")  # waiting, then cancelled
    services.registration_cancel(token=gone.cancel_token)
    waiting = register(soon, "waiting@example.org")
    at_the_edge = meeting(now + before - datetime.timedelta(minutes=1))
    edge = register(at_the_edge, "edge@example.org", language_code="en", ui_language="en")
    far = register(meeting(now + before + datetime.timedelta(minutes=1)), "far@example.org")
    started = register(meeting(now - datetime.timedelta(minutes=30)), "started@example.org")
    cancelled_meeting = meeting(now + datetime.timedelta(hours=3))
    called_off = register(cancelled_meeting, "called.off@example.org")
    services.meeting_cancel(meeting_id=cancelled_meeting.pk)
    assert waiting.status == RegistrationStatus.WAITING
    OutboundEmail.objects.all().delete()
    return ReminderCase(
        now=now,
        due=[anna, amal, edge],
        not_due=[gone, waiting, far, started, called_off],
    )


def _reminders() -> list[OutboundEmail]:
    return list(
        OutboundEmail.objects.filter(kind=EmailKind.REMINDER).select_related("registration")
    )


def test_reminders_go_to_confirmed_registrants_of_meetings_starting_soon(
    django_capture_on_commit_callbacks, parents, settings
):
    settings.REMINDER_BEFORE_HOURS = 24
    case = _reminder_case(parents, settings.REMINDER_BEFORE_HOURS)

    with django_capture_on_commit_callbacks(execute=True):
        written = reminders_queue(now=case.now)

    reminders = _reminders()
    assert written == len(reminders) == len(case.due)
    assert {r.registration_id for r in reminders} == {r.pk for r in case.due}
    assert _recipients() == sorted(r.email for r in case.due)
    assert {r.status for r in reminders} == {EmailStatus.SENT}


def test_a_registrant_is_reminded_once(django_capture_on_commit_callbacks, parents, settings):
    case = _reminder_case(parents, settings.REMINDER_BEFORE_HOURS)
    with django_capture_on_commit_callbacks(execute=True):
        reminders_queue(now=case.now)
    sent = len(mail.outbox)
    assert sent == len(case.due)

    with django_capture_on_commit_callbacks(execute=True):
        again = reminders_queue(now=case.now)

    assert again == 0
    assert len(mail.outbox) == sent
    assert len(_reminders()) == len(case.due)


def test_the_reminder_task_queues_the_reminders_due_now(
    django_capture_on_commit_callbacks, parents, settings
):
    meeting = _meeting([parents], starts_at=timezone.now() + datetime.timedelta(hours=1))
    _registered_days_ago(register(meeting, "anna@example.org"), 3)
    register(_meeting([parents]), "later@example.org")  # in two weeks

    with django_capture_on_commit_callbacks(execute=True):
        queued = send_reminders.delay().get()

    assert queued == 1
    assert [r.recipient for r in _reminders()] == ["anna@example.org"]


def test_the_database_keeps_one_reminder_per_registration(parents):
    registration = register(_meeting([parents]), "anna@example.org")
    confirmation = OutboundEmail.objects.get(registration=registration, kind=EmailKind.CONFIRMATION)

    def copy(kind: str) -> OutboundEmail:
        return OutboundEmail(
            kind=kind,
            registration=registration,
            recipient=registration.email,
            language="fi",
            subject="Muistutus",
            text_body="Muistutus",
            html_body="<p>Muistutus</p>",
        )

    copy(EmailKind.REMINDER).save()
    with pytest.raises(IntegrityError), transaction.atomic():
        copy(EmailKind.REMINDER).save()

    assert OutboundEmail.objects.filter(kind=EmailKind.REMINDER).count() == 1
    # Only reminders are limited: other messages to the same registrant are not.
    copy(confirmation.kind).save()
    # The request to confirm the address, the confirmation, the reminder and its copy.
    assert OutboundEmail.objects.filter(registration=registration).count() == 4


def test_the_reminder_is_in_the_registrants_language_with_the_cancel_link(
    django_capture_on_commit_callbacks, parents, settings
):
    case = _reminder_case(parents, settings.REMINDER_BEFORE_HOURS)
    for registration in case.due:
        Meeting.objects.filter(pk=registration.meeting_id).update(
            title_fi=TITLES["fi"], title_sv=TITLES["sv"], title_en=TITLES["en"]
        )

    with django_capture_on_commit_callbacks(execute=True):
        reminders_queue(now=case.now)

    # Swedish for Anna; Amal's Arabic has no texts, so the English of the page she used.
    expected_language = {
        "anna@example.org": "sv",
        "amal@example.org": "en",
        "edge@example.org": "en",
    }
    for registration in case.due:
        code = expected_language[registration.email]
        sent = _sent_to(registration.email)
        with translation.override(code):
            meeting = Meeting.objects.get(pk=registration.meeting_id)
            subject = str(MESSAGES[EmailKind.REMINDER].subject) % {"meeting": meeting.display_title}
            cancel_prefix = django_settings.PORTAL_URL + reverse(
                "forums:registration_cancel", kwargs={"token": "TOKEN"}
            ).replace("TOKEN/cancel/", "")
        assert sent.subject == subject
        assert TITLES[code] in subject
        assert sent.message()["Content-Language"] == code
        assert links_to_registration(sent.body, cancel_prefix) == [registration]
        assert links_to_registration(html_module.unescape(_html(sent)), cancel_prefix) == [
            registration
        ]
        [event] = icalendar.Calendar.from_ical(_content(_parts(sent)["text/calendar"])).walk(
            "VEVENT"
        )
        assert str(event["UID"]) == meeting_uid(meeting)
