"""Helpers for the tests of registering a family on its behalf (tests/test_assisted_*.py and
tests/test_messages_households.py): the helpers' form as a browser sends it, the links in the
messages, and a family registered through the service as the form registers it."""

import re
from urllib.parse import urlsplit

from django.core import mail
from django.core.mail import EmailMessage
from django.test import Client
from django.urls import reverse
from django.utils import translation

from forums.models import ConsentMethod, Meeting, OutboundEmail, Registration
from forums.services import (
    HelperData,
    RegistrationData,
    registration_confirm_address,
    registration_create,
)

from .forum_factories import language

HELPER = {
    "helper_name": "Maija Ohjaaja",
    "helper_organisation": "Tikkurilan koulu",
    "helper_email": "maija.ohjaaja@example.org",
}


def assisted_form(meeting: Meeting, **changes: str | None) -> dict[str, str]:
    """A complete helpers' form for a family with an address; a change of None leaves the
    field out."""
    group = meeting.forum.stakeholder_groups.first()
    assert group is not None
    data = {
        **HELPER,
        "name": "Amina Hassan",
        "language": "so",
        "group": str(group.pk),
        "has_email": "yes",
        "email": "amina.hassan@example.org",
        "phone": "",
        "needs": "",
        "consent_method": ConsentMethod.INTERPRETER,
        "family_agreed": "on",
    }
    for name, value in changes.items():
        if value is None:
            del data[name]
        else:
            data[name] = value
    return data


def sent_to(address: str) -> list[EmailMessage]:
    return [message for message in mail.outbox if message.to == [address]]


def page_path(text: str, page: str) -> str:
    """The path of the one link to a registration's `page` ("confirm", "cancel") in a
    message's text, as the person's browser opens it."""
    (link,) = re.findall(r"https?://\S+/registrations/[^/\s]+/" + page + "/", text)
    return urlsplit(link).path


def assisted(
    meeting: Meeting,
    *,
    email: str = "amina.hassan@example.org",
    language_code: str = "so",
    ui_language: str = "en",
    **extra,
) -> Registration:
    """A family registered by a helper through the service, with the helper's address
    confirmed, as the helpers' form and the link in the helper's message register it."""
    group = extra.pop("group", None) or meeting.forum.stakeholder_groups.first()
    data = RegistrationData(
        name=extra.pop("name", "Amina Hassan"),
        email=email,
        group=group,
        language=language(language_code),
        ui_language=ui_language,
        helper=HelperData(
            name=HELPER["helper_name"],
            email=HELPER["helper_email"],
            consent_method=ConsentMethod.IN_PERSON,
            organisation=HELPER["helper_organisation"],
        ),
        **extra,
    )
    registration = registration_create(meeting_id=meeting.pk, data=data)
    return registration_confirm_address(token=registration.cancel_token)


def helper_page(meeting: Meeting, language_code: str = "en") -> str:
    with translation.override(language_code):
        return reverse("forums:meeting_assisted", kwargs={"pk": meeting.pk})


def submit(client: Client, meeting: Meeting, capture, language_code: str = "en", **changes):
    """Send the helpers' form, and what its transaction queues (`capture` is pytest-django's
    django_capture_on_commit_callbacks)."""
    with capture(execute=True):
        return client.post(helper_page(meeting, language_code), assisted_form(meeting, **changes))


def said(code: str, text, **facts: object) -> str:
    """A sentence as the reader of `code` reads it, with its facts."""
    with translation.override(code):
        return str(text % facts) if facts else str(text)


def message_of(registration: Registration, kind: str) -> OutboundEmail:
    return OutboundEmail.objects.get(registration=registration, kind=kind)
