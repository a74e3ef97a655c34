"""The messages sent to registrants, each rendered in the registrant's own language."""

from collections.abc import Sequence
from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import Q
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from .calendar import meetings_ical
from .models import (
    EmailKind,
    Invitation,
    InvitationText,
    Meeting,
    OutboundEmail,
    Registration,
    RegistrationStatus,
)
from .selectors import waiting_position
from .tokens import invitation_url, registration_url, unsubscribe_url

UI_LANGUAGES = {code for code, _name in settings.LANGUAGES}
# Messages that put the meeting in the person's calendar (or mark it cancelled there): not
# the waiting list, which gives no seat, nor a cancelled registration.
CALENDAR_KINDS = {
    EmailKind.CONFIRMATION,
    EmailKind.PROMOTED,
    EmailKind.REMINDER,
    EmailKind.MEETING_CANCELLED,
}
# An invitation in a language the portal has no texts in goes in both of these.
FALLBACK_LANGUAGES = ("fi", "en")
INVITATION_SUBJECT = _("Invitation: %(meeting)s")


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
    EmailKind.REMINDER: MessageText(
        _("Reminder: %(meeting)s"),
        _("This is a reminder of the meeting you registered for. Welcome!"),
    ),
    EmailKind.MEETING_CANCELLED: MessageText(
        _("The meeting is cancelled: %(meeting)s"),
        _(
            "We are sorry: the meeting has been cancelled. Your registration does not need "
            "any action from you."
        ),
    ),
    EmailKind.MEETING_CHANGED: MessageText(
        _("The meeting has changed: %(meeting)s"),
        _(
            "The time or place of the meeting you registered for has changed. The new details "
            "are below. If you can no longer come, please cancel, so that someone else can have "
            "your place."
        ),
    ),
    EmailKind.GUARDIAN: MessageText(
        # No name in the subject: anyone can type a guardian's address, so what they type
        # stays in the body, below who sent it and why.
        _("A registration for a meeting: %(meeting)s"),
        _(
            "%(name)s has registered for the meeting below and gave your e-mail address as "
            "the address of their parent or guardian. If you have questions, please contact "
            "the organiser. You can also cancel the registration with the link below."
        ),
    ),
    EmailKind.CONFIRM_ADDRESS: MessageText(
        _("Confirm your registration: %(meeting)s"),
        _(
            "Thank you for registering. Please confirm your registration with the link below: "
            "it is how we know that this e-mail address is yours. If you did not register, "
            "ignore this message and nothing happens."
        ),
    ),
    EmailKind.ALREADY_REGISTERED: MessageText(
        _("You are already registered: %(meeting)s"),
        _(
            "Someone, probably you, tried to register for this meeting again with this e-mail "
            "address. You were already registered, so nothing has changed. If it was not you, "
            "you can ignore this message."
        ),
    ),
}
# The guardian's and the repeat-registration messages also say where the registration stands.
STATUS_SENTENCES = {
    (EmailKind.GUARDIAN, RegistrationStatus.CONFIRMED): _("Their place is confirmed."),
    (EmailKind.GUARDIAN, RegistrationStatus.WAITING): _(
        "The meeting is full, so they are on the waiting list in place %(position)s."
    ),
    (EmailKind.ALREADY_REGISTERED, RegistrationStatus.CONFIRMED): _("Your place is confirmed."),
    (EmailKind.ALREADY_REGISTERED, RegistrationStatus.WAITING): _(
        "You are on the waiting list in place %(position)s."
    ),
}
# What a registration whose address is not confirmed yet is told of its seat, in the message
# that asks to confirm it and in the repeat-registration message.
UNCONFIRMED_SENTENCES = {
    RegistrationStatus.PENDING: _(
        "A seat is held for you until %(held_until)s. If you confirm later, you get a seat if "
        "one is still free, or else a place on the waiting list."
    ),
    RegistrationStatus.WAITING: _(
        "The meeting is full at the moment. Once you confirm, you are on the waiting list and "
        "we e-mail you if a place becomes free."
    ),
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
}


def message_language(registration: Registration, *, guardian: bool = False) -> str:
    """The recipient's language (the registrant's, or their guardian's) when the portal has
    texts in it, else the language of the pages the registration was made on."""
    language = registration.guardian_language if guardian else registration.language
    code = language.code if language else ""
    return code if code in UI_LANGUAGES else registration.ui_language


def _asks_to_confirm(registration: Registration, kind: EmailKind) -> bool:
    return registration.address_confirmed_at is None and kind in {
        EmailKind.CONFIRM_ADDRESS,
        EmailKind.ALREADY_REGISTERED,
    }


def _intro(registration: Registration, kind: EmailKind) -> str:
    status = RegistrationStatus(registration.status)
    if _asks_to_confirm(registration, kind):
        held = registration.hold_expires_at
        held_until = timezone.localtime(held).strftime("%H:%M") if held else ""
        return (
            f"{MESSAGES[kind].intro} {UNCONFIRMED_SENTENCES[status] % {'held_until': held_until}}"
        )
    status_sentence = STATUS_SENTENCES.get((kind, status))
    # The place in the queue costs a query: read only for the texts that say it.
    says_position = kind == EmailKind.WAITING or (
        status_sentence is not None and registration.status == RegistrationStatus.WAITING
    )
    values = {
        "position": (waiting_position(registration) if says_position else None) or "",
        "name": registration.name,
    }
    intro = str(MESSAGES[kind].intro % values)
    if status_sentence is not None:
        intro = f"{intro} {status_sentence % values}"
    return intro


def _has_calendar(registration: Registration, kind: EmailKind) -> bool:
    """A changed meeting moves in the calendars of those who have a seat, not of those
    waiting for one."""
    if kind == EmailKind.MEETING_CHANGED:
        return registration.status == RegistrationStatus.CONFIRMED
    return kind in CALENDAR_KINDS


@dataclass
class MeetingCalendars:
    """Meetings' calendar files by language, each built once for all the messages that carry
    it: a cancellation or a batch of invitations sends the same file to everyone."""

    files: dict[tuple[int, str, bool], str] = field(default_factory=dict)

    def file(self, meeting: Meeting, language: str, *, with_link: bool = False) -> str:
        key = (meeting.pk, language, with_link)
        if key not in self.files:
            with translation.override(language):
                self.files[key] = meetings_ical([meeting], with_link=with_link).decode()
        return self.files[key]


def message_recipient(registration: Registration, kind: str) -> tuple[str, str]:
    """The address a message goes to and its language: the registrant's, or for the
    guardian's message the guardian's."""
    to_guardian = kind == EmailKind.GUARDIAN
    return (
        registration.guardian_email if to_guardian else registration.email,
        message_language(registration, guardian=to_guardian),
    )


def registration_message(
    registration: Registration, kind: str, calendars: MeetingCalendars | None = None
) -> OutboundEmail:
    """An unsaved outbox row for the message, rendered in the recipient's language. Messages
    about one meeting to many people share `calendars`."""
    kind = EmailKind(kind)
    to_guardian = kind == EmailKind.GUARDIAN
    recipient, language = message_recipient(registration, kind)
    meeting = registration.meeting
    with translation.override(language):
        text = MESSAGES[kind]
        context = {
            "registration": registration,
            "meeting": meeting,
            "intro": _intro(registration, kind),
            "kind": kind,
            "greet_by_name": not to_guardian,
            "status_url": registration_url(registration, language),
            "cancel_url": registration_url(registration, language, "cancel"),
            "confirm_url": registration_url(registration, language, "confirm"),
            "show_confirm_link": _asks_to_confirm(registration, kind),
            "meeting_url": settings.PORTAL_URL + meeting.get_absolute_url(),
            "show_cancel_link": kind in CANCEL_LINK_KINDS,
            "show_status_link": kind == EmailKind.ALREADY_REGISTERED
            and registration.address_confirmed_at is not None,
            "language_code": language,
            "has_calendar": _has_calendar(registration, kind),
            # An online meeting's link is for those who have a seat, never for the waiting.
            "show_online_link": registration.status == RegistrationStatus.CONFIRMED
            and registration.address_confirmed_at is not None,
        }
        subject = str(text.subject % {"meeting": meeting.display_title, "name": registration.name})
        return OutboundEmail(
            kind=kind,
            registration=registration,
            recipient=recipient,
            language=language,
            subject=" ".join(subject.split()),
            text_body=render_to_string("forums/email/registration.txt", context),
            html_body=render_to_string("forums/email/registration.html", context),
            ics=(calendars or MeetingCalendars()).file(
                meeting, language, with_link=bool(context["show_online_link"])
            )
            if context["has_calendar"]
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
