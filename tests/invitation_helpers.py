"""What the invitation tests (tests/test_invitations*.py) share: people, groups and meetings to
invite, inviting as staff do, and reading the messages and pages that result. Its `invite`
fixture reaches every test module as a pytest plugin (conftest.py)."""

import datetime
import html as html_module
import re
from collections.abc import Callable
from email.message import Message
from typing import Any
from urllib.parse import urlsplit

import factory
import pytest
from django.conf import settings as django_settings
from django.core import mail, signing
from django.core.mail import EmailMessage
from django.http import HttpResponse
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext

from forums import tokens
from forums.emails import INVITATION_SUBJECT
from forums.invitations import InvitationReport, invitations_create
from forums.models import (
    EmailKind,
    Invitation,
    InvitationText,
    Invitee,
    Meeting,
    OutboundEmail,
    Registration,
    StakeholderGroup,
)

from .forum_factories import ForumFactory, MeetingFactory, StakeholderGroupFactory, language
from .page_html import elements, find_all

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


# --- Personal registration links.


def _invited_link(invite: Invite, meeting: Meeting, invitee: Invitee) -> str:
    invite(meeting)
    mail_to_invitee = _sent_to(invitee.email)
    return _local(_registration_links(mail_to_invitee.body)[0])


def _tampered(token: str, how: str, invitation: Invitation) -> str:
    if how == "changed":
        return token[:-1] + ("A" if token[-1] != "A" else "B")
    if how == "truncated":
        return token[: len(token) // 2]
    if how == "other-salt":
        return signing.dumps(invitation.pk, salt=tokens.UNSUBSCRIBE_SALT)
    return "not-a-token"


# --- Reminders.


def _registered_days_ago(registration: Registration, days: int) -> None:
    """As if the person had registered earlier: a reminder goes only to those who registered
    before the reminder time."""
    Registration.objects.filter(pk=registration.pk).update(
        created_at=timezone.now() - datetime.timedelta(days=days)
    )


def _reminders() -> list[OutboundEmail]:
    return list(
        OutboundEmail.objects.filter(kind=EmailKind.REMINDER).select_related("registration")
    )


def count_then_send(client: Any, meeting: Meeting, group_ids: list[int]) -> HttpResponse:
    """What staff do on a meeting's invitation page: choose the groups, see the count of who
    would get an invitation, then press send."""
    page_url = reverse("admin:forums_meeting_invite", args=[meeting.pk])
    counted = client.post(page_url, {"groups": group_ids, "count": "1"})
    assert counted.status_code == 200
    (hidden,) = find_all(counted.content.decode(), "input", name="counted")
    return client.post(
        page_url, {"groups": group_ids, "counted": hidden.attrs["value"], "send": "1"}
    )
