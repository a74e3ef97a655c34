"""The messages sent to registrants, each rendered in the registrant's own language."""

from dataclasses import dataclass

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from .calendar import meetings_ical
from .models import EmailKind, OutboundEmail, Registration
from .selectors import waiting_position

UI_LANGUAGES = {code for code, _name in settings.LANGUAGES}


@dataclass(frozen=True)
class MessageText:
    subject: Promise
    intro: Promise


MESSAGES = {
    EmailKind.CONFIRMATION: MessageText(
        _("Your place is confirmed: %(meeting)s"),
        _("Thank you for registering. Your place at the meeting is confirmed."),
    ),
    EmailKind.WAITING: MessageText(
        _("You are on the waiting list: %(meeting)s"),
        _(
            "The meeting is full at the moment, so you are on the waiting list in place "
            "%(position)s. We will e-mail you at once if a place becomes free."
        ),
    ),
    EmailKind.PROMOTED: MessageText(
        _("A place became free for you: %(meeting)s"),
        _("Good news: a place became free and it is now yours. Your place is confirmed."),
    ),
    EmailKind.CANCELLED: MessageText(
        _("Your registration is cancelled: %(meeting)s"),
        _("Your registration has been cancelled. Thank you for letting us know."),
    ),
    EmailKind.MEETING_CANCELLED: MessageText(
        _("The meeting is cancelled: %(meeting)s"),
        _(
            "We are sorry: the meeting has been cancelled. Your registration does not need "
            "any action from you."
        ),
    ),
}


def message_language(registration: Registration) -> str:
    """The registrant's language when the portal has texts in it, else the language of the
    pages they registered on."""
    code = registration.language.code
    return code if code in UI_LANGUAGES else registration.ui_language


def registration_message(registration: Registration, kind: str) -> OutboundEmail:
    """An unsaved outbox row for the message, rendered in the registrant's language."""
    language = message_language(registration)
    meeting = registration.meeting
    with translation.override(language):
        text = MESSAGES[EmailKind(kind)]
        context = {
            "registration": registration,
            "meeting": meeting,
            "intro": text.intro % {"position": waiting_position(registration) or ""},
            "kind": kind,
            "status_url": settings.PORTAL_URL
            + reverse("forums:registration", kwargs={"token": registration.cancel_token}),
            "cancel_url": settings.PORTAL_URL
            + reverse("forums:registration_cancel", kwargs={"token": registration.cancel_token}),
            "meeting_url": settings.PORTAL_URL + meeting.get_absolute_url(),
            "show_cancel_link": kind
            in {EmailKind.CONFIRMATION, EmailKind.WAITING, EmailKind.PROMOTED},
            "language_code": language,
        }
        subject = str(text.subject % {"meeting": meeting.display_title})
        return OutboundEmail(
            kind=kind,
            registration=registration,
            recipient=registration.email,
            language=language,
            subject=" ".join(subject.split()),
            text_body=render_to_string("forums/email/registration.txt", context),
            html_body=render_to_string("forums/email/registration.html", context),
            ics=meetings_ical([meeting]).decode(),
        )
