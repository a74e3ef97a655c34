"""The messages sent to registrants, each rendered in its reader's own language: the
registrant's, their guardian's, or the helper's who registered a family. What their sentences
say is in email_texts.py."""

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import NamedTuple

from django.conf import settings
from django.db.models import Q
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from .calendar import meetings_ical
from .email_texts import (
    HELPER_MESSAGES,
    MESSAGES,
    MessageText,
    Reader,
    WaitingReason,
    asks_to_confirm,
    message_intro,
)
from .household_words import childcare, people_coming
from .models import (
    EmailKind,
    Invitation,
    InvitationText,
    Meeting,
    MeetingStatus,
    OutboundEmail,
    Registration,
    RegistrationStatus,
)
from .tokens import invitation_url, registration_url, unsubscribe_url

UI_LANGUAGES = {code for code, _name in settings.LANGUAGES}
# Messages whose calendar file takes the meeting off the person's calendar (METHOD:CANCEL).
CANCELLATION_KINDS = {EmailKind.CANCELLED, EmailKind.MEETING_CANCELLED}
# Messages that put the meeting in the person's calendar, or take it off: not the waiting
# list, which gives no seat.
CALENDAR_KINDS = {
    EmailKind.CONFIRMATION,
    EmailKind.PROMOTED,
    EmailKind.REMINDER,
    *CANCELLATION_KINDS,
}
# Messages that give a seat or childcare repeat what the person registered with, for them to
# check; the helper's copy repeats what the helper typed, whatever the answer.
DETAIL_KINDS = {
    EmailKind.CONFIRMATION,
    EmailKind.PROMOTED,
    EmailKind.CHILDCARE_BOOKED,
    EmailKind.HELPER_COPY,
}
# Messages that carry the link for cancelling.
CANCEL_LINK_KINDS = {
    EmailKind.CONFIRM_ADDRESS,
    EmailKind.MEETING_CHANGED,
    EmailKind.CONFIRMATION,
    EmailKind.WAITING,
    EmailKind.PROMOTED,
    EmailKind.REMINDER,
    EmailKind.GUARDIAN,
    EmailKind.ALREADY_REGISTERED,
    EmailKind.CHILDCARE_BOOKED,
    EmailKind.HELPER_COPY,
}
# Messages about a family registered by a helper that go to the helper, whether or not the
# family has an address: the link to confirm (the helper's address is the one confirmed) and
# the copy of the answer. Every other message goes to the family's address, if it has one.
HELPER_KINDS = {EmailKind.CONFIRM_ADDRESS, EmailKind.HELPER_COPY}
# An invitation in a language the portal has no texts in goes in both of these.
FALLBACK_LANGUAGES = ("fi", "en")
INVITATION_SUBJECT = _("Invitation: %(meeting)s")


def message_language(registration: Registration, reader: Reader = Reader.REGISTRANT) -> str:
    """The reader's language when the portal has texts in it, else the language of the pages
    the registration was made on. A helper reads the language of the pages they used."""
    if reader == Reader.HELPER:
        return registration.ui_language
    language = (
        registration.guardian_language if reader == Reader.GUARDIAN else registration.language
    )
    code = language.code if language else ""
    return code if code in UI_LANGUAGES else registration.ui_language


def _has_calendar(registration: Registration, kind: EmailKind, had_seat: bool) -> bool:
    """A changed or cancelled meeting moves or leaves the calendars of those who have a
    seat, not of those waiting for one; a person's own cancellation removes it only where a
    seat had put it (`had_seat`: the status is already cancelled)."""
    if kind in (EmailKind.MEETING_CHANGED, EmailKind.MEETING_CANCELLED):
        return registration.status == RegistrationStatus.CONFIRMED
    if kind == EmailKind.CANCELLED:
        return had_seat
    return kind in CALENDAR_KINDS


@dataclass
class MeetingCalendars:
    """Meetings' calendar files by language, each built once for all the messages that carry
    it: a cancellation or a batch of invitations sends the same file to everyone."""

    files: dict[tuple[int, str, bool, bool], str] = field(default_factory=dict)

    def file(
        self, meeting: Meeting, language: str, *, with_link: bool = False, cancel: bool = False
    ) -> str:
        key = (meeting.pk, language, with_link, cancel)
        if key not in self.files:
            with translation.override(language):
                self.files[key] = meetings_ical(
                    [meeting], with_link=with_link, cancel=cancel
                ).decode()
        return self.files[key]


class Recipient(NamedTuple):
    address: str
    language: str
    reader: Reader
    # Whom the message greets: nobody by name at a guardian's address, which anyone can type.
    name: str


def message_reader(registration: Registration, kind: str) -> Reader:
    """The guardian reads their own message; of a family registered by a helper, the helper
    reads the link to confirm, the copy of the answer, and every message for a family
    without an address; everything else is the registrant's."""
    if kind == EmailKind.GUARDIAN:
        return Reader.GUARDIAN
    if registration.is_assisted and (kind in HELPER_KINDS or not registration.email):
        return Reader.HELPER
    return Reader.REGISTRANT


def message_recipient(registration: Registration, kind: str) -> Recipient:
    """The address a message goes to, its language, and whom it is written to."""
    reader = message_reader(registration, kind)
    address, name = {
        Reader.REGISTRANT: (registration.email, registration.name),
        Reader.GUARDIAN: (registration.guardian_email, ""),
        Reader.HELPER: (registration.helper_email, registration.helper_name),
    }[reader]
    return Recipient(address, message_language(registration, reader), reader, name)


def message_text(kind: EmailKind, reader: Reader) -> MessageText:
    """The subject and first sentence of the message to this reader."""
    if reader == Reader.HELPER:
        if kind not in HELPER_MESSAGES:
            # The family's own confirmation or waiting message: the helper's copy tells them.
            raise ValueError(f"A {kind} message is not written to a helper.")
        return HELPER_MESSAGES[kind]
    return MESSAGES[kind]


def registration_message(
    registration: Registration,
    kind: str,
    calendars: MeetingCalendars | None = None,
    *,
    waiting_reason: WaitingReason | None = None,
    had_seat: bool = False,
) -> OutboundEmail:
    """An unsaved outbox row for the message, rendered in the recipient's language. Messages
    about one meeting to many people share `calendars`; `waiting_reason` is why someone on
    the waiting list has no seat, when the caller decided it under the meeting's lock;
    `had_seat` says that a cancelled registration had a seat (and a calendar entry)."""
    kind = EmailKind(kind)
    recipient = message_recipient(registration, kind)
    language, reader = recipient.language, recipient.reader
    to_guardian = reader == Reader.GUARDIAN
    meeting = registration.meeting
    cancels = kind in CANCELLATION_KINDS
    # An online meeting's link is for those who have a seat, never for the waiting, and of
    # no use once the meeting is cancelled.
    # Nor for a guardian's address, which anyone can type and nobody has confirmed.
    show_online_link = (
        not to_guardian
        and registration.status == RegistrationStatus.CONFIRMED
        and registration.address_confirmed_at is not None
        and meeting.status != MeetingStatus.CANCELLED
    )
    has_calendar = _has_calendar(registration, kind, had_seat)
    with translation.override(language):
        text = message_text(kind, reader)
        context = {
            "registration": registration,
            "meeting": meeting,
            "intro": message_intro(registration, kind, waiting_reason, reader),
            "kind": kind,
            "greeting_name": recipient.name,
            "to_helper": reader == Reader.HELPER,
            "status_url": registration_url(registration, language),
            "cancel_url": registration_url(registration, language, "cancel"),
            "confirm_url": registration_url(registration, language, "confirm"),
            "show_confirm_link": asks_to_confirm(registration, kind),
            "meeting_url": settings.PORTAL_URL + meeting.get_absolute_url(),
            "show_cancel_link": kind in CANCEL_LINK_KINDS,
            "show_status_link": kind == EmailKind.ALREADY_REGISTERED
            and registration.address_confirmed_at is not None,
            "language_code": language,
            "has_calendar": has_calendar,
            "calendar_cancels": cancels,
            "show_online_link": show_online_link,
            "show_details": kind in DETAIL_KINDS,
            "people_coming": people_coming(registration),
            "childcare": childcare(registration),
        }
        subject = str(text.subject % {"meeting": meeting.display_title, "name": registration.name})
        return OutboundEmail(
            kind=kind,
            registration=registration,
            recipient=recipient.address,
            language=language,
            subject=" ".join(subject.split()),
            text_body=render_to_string("forums/email/registration.txt", context),
            html_body=render_to_string("forums/email/registration.html", context),
            ics=(calendars or MeetingCalendars()).file(
                meeting, language, with_link=show_online_link, cancel=cancels
            )
            if has_calendar
            else "",
        )


@dataclass(frozen=True)
class InvitationBlock:
    """The invitation in one language: what the portal writes itself."""

    language: str
    subject: str
    text: str
    html: str


def _invitation_block(invitation: Invitation, language: str) -> InvitationBlock:
    meeting = invitation.meeting
    with translation.override(language):
        context = {
            "invitee": invitation.invitee,
            "meeting": meeting,
            "register_url": invitation_url(invitation, language),
            "meeting_url": settings.PORTAL_URL + meeting.get_absolute_url(),
            "language_code": language,
        }
        return InvitationBlock(
            language=language,
            subject=str(INVITATION_SUBJECT % {"meeting": meeting.display_title}),
            text=render_to_string("forums/email/invitation_block.txt", context),
            html=render_to_string("forums/email/invitation_block.html", context),
        )


@dataclass
class InvitationSources:
    """What all the invitations of a batch share, read or built once: the staff's texts by
    language, and the meeting's calendar file in each language it is rendered in."""

    texts: dict[int, InvitationText]
    calendars: MeetingCalendars = field(default_factory=MeetingCalendars)

    @classmethod
    def load(cls, organisation_ids: Sequence[int] = ()) -> "InvitationSources":
        """The texts of the organisations sending the invitations, the first of them that has
        one in a language, else the portal's own text in it; another organisation's text
        never."""
        chosen: dict[int, InvitationText] = {}
        # The organisations' own texts in their order, the portal's own (None) last.
        rank: dict[int | None, int] = {
            organisation_id: place for place, organisation_id in enumerate(organisation_ids)
        }
        rank[None] = len(rank)
        texts = InvitationText.objects.filter(
            Q(organisation__isnull=True) | Q(organisation_id__in=list(organisation_ids))
        )
        for text in sorted(texts, key=lambda text: rank[text.organisation_id]):
            chosen.setdefault(text.language_id, text)
        return cls(chosen)


def invitation_message(
    invitation: Invitation, sources: InvitationSources | None = None
) -> OutboundEmail:
    """An unsaved outbox row: the invitation in the invitee's language when the portal has
    texts in it; otherwise the staff's own text in that language (if written) followed by
    the invitation in Finnish and English. `sources` is shared by the invitations of one
    meeting."""
    sources = sources or InvitationSources.load()
    invitee = invitation.invitee
    code = invitee.language.code
    custom = None
    if code in UI_LANGUAGES:
        blocks = [_invitation_block(invitation, code)]
    else:
        custom = sources.texts.get(invitee.language_id)
        blocks = [_invitation_block(invitation, language) for language in FALLBACK_LANGUAGES]
    languages = [code] if custom else []
    languages += [block.language for block in blocks]
    first = blocks[0].language
    with translation.override(first):
        context = {
            "custom": custom,
            "custom_language": invitee.language,
            "blocks": blocks,
            "unsubscribe_url": unsubscribe_url(invitee, first),
            "language_code": languages[0],
        }
        text = render_to_string("forums/email/invitation.txt", context)
        html = render_to_string("forums/email/invitation.html", context)
    ics = sources.calendars.file(invitation.meeting, first)
    subject = custom.subject if custom else " / ".join(block.subject for block in blocks)
    return OutboundEmail(
        kind=EmailKind.INVITATION,
        recipient=invitee.email,
        language=", ".join(languages),
        subject=" ".join(subject.split()),
        text_body=text,
        html_body=html,
        ics=ics,
        headers={
            "List-Unsubscribe": f"<{context['unsubscribe_url']}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        },
    )
