"""What the messages to registrants say: their subjects and first sentences, and where the
registration stands. Whole sentences go to the translators; a sentence that says why someone
waits says what the service decided under the meeting's lock (see WaitingReason)."""

import enum
from dataclasses import dataclass

from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from .models import EmailKind, Registration, RegistrationStatus
from .selectors import waiting_position


class WaitingReason(enum.Enum):
    """Why someone has no seat: none is left at the meeting, or the seats kept for their group
    are taken while the meeting still has some. The service writing the message decides it
    with the meeting's row locked, in the transaction that puts the person on the list, so
    the message says what was true when their place was decided; a message written without
    that lock is given none and does not say why."""

    MEETING_FULL = "meeting_full"
    GROUP_FULL = "group_full"


@dataclass(frozen=True)
class MessageText:
    subject: Promise
    intro: Promise


# The waiting-list message's first sentences, by why there is no seat.
WAITING_INTROS = {
    WaitingReason.MEETING_FULL: _(
        "The meeting is full at the moment, so you are on the waiting list in place "
        "%(position)s. We will e-mail you at once if a place becomes free."
    ),
    WaitingReason.GROUP_FULL: _(
        "All seats for your group (%(group)s) are taken at the moment, so you are on the "
        "waiting list in place %(position)s. The meeting itself still has seats. We will "
        "e-mail you at once if a seat for your group becomes free."
    ),
}

MESSAGES = {
    EmailKind.CONFIRMATION: MessageText(
        _("Your place is confirmed: %(meeting)s"),
        _("Thank you for registering. Your place at the meeting is confirmed."),
    ),
    EmailKind.WAITING: MessageText(
        _("You are on the waiting list: %(meeting)s"),
        # Without a reason decided under the lock, no reason is claimed (message_intro).
        _(
            "You are on the waiting list in place %(position)s. We will e-mail you at once if "
            "a place becomes free."
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
    (EmailKind.ALREADY_REGISTERED, RegistrationStatus.CONFIRMED): _("Your place is confirmed."),
    (EmailKind.ALREADY_REGISTERED, RegistrationStatus.WAITING): _(
        "You are on the waiting list in place %(position)s."
    ),
}
# The guardian's message of someone on the waiting list, by why there is no seat.
GUARDIAN_WAITING: dict[WaitingReason | None, Promise] = {
    None: _("They are on the waiting list in place %(position)s."),
    WaitingReason.MEETING_FULL: _(
        "The meeting is full, so they are on the waiting list in place %(position)s."
    ),
    WaitingReason.GROUP_FULL: _(
        "All seats for their group (%(group)s) are taken, so they are on the waiting list in "
        "place %(position)s. The meeting itself still has seats."
    ),
}
# What a registration whose address is not confirmed yet is told of its seat, in the message
# that asks to confirm it and in the repeat-registration message.
HELD_SEAT = _(
    "A seat is held for you until %(held_until)s. If you confirm later, you get a seat if one "
    "is still free, or else a place on the waiting list."
)
UNCONFIRMED_WAITING: dict[WaitingReason | None, Promise] = {
    WaitingReason.MEETING_FULL: _(
        "The meeting is full at the moment. Once you confirm, you are on the waiting list and "
        "we e-mail you if a place becomes free."
    ),
    WaitingReason.GROUP_FULL: _(
        "All seats for your group (%(group)s) are taken at the moment; the meeting itself "
        "still has seats. Once you confirm, you are on the waiting list and we e-mail you if a "
        "seat for your group becomes free."
    ),
    # The repeat-registration message: seats may have come free since, or been taken.
    None: _(
        "Confirm your registration: you then get a seat if one is free, or a place on the "
        "waiting list."
    ),
}


def asks_to_confirm(registration: Registration, kind: EmailKind) -> bool:
    return registration.address_confirmed_at is None and kind in {
        EmailKind.CONFIRM_ADDRESS,
        EmailKind.ALREADY_REGISTERED,
    }


@dataclass(frozen=True)
class _Facts:
    """What a sentence can say of the registration, each read only if the sentence says it:
    the place in the queue and the group's name cost a query each."""

    registration: Registration

    def __getitem__(self, key: str) -> object:
        if key == "position":
            return waiting_position(self.registration) or ""
        if key == "group":
            return self.registration.group.name
        if key == "name":
            return self.registration.name
        raise KeyError(key)


def message_intro(
    registration: Registration, kind: EmailKind, waiting_reason: WaitingReason | None = None
) -> str:
    """The message's first sentences in the active language; for someone on the waiting list
    they say why when `waiting_reason` is given."""
    status = RegistrationStatus(registration.status)
    waiting = status == RegistrationStatus.WAITING
    facts = _Facts(registration)
    intro = MESSAGES[kind].intro
    if asks_to_confirm(registration, kind):
        if waiting:
            sentence = str(UNCONFIRMED_WAITING[waiting_reason] % facts)
        else:
            held = registration.hold_expires_at
            held_until = timezone.localtime(held).strftime("%H:%M") if held else ""
            sentence = str(HELD_SEAT % {"held_until": held_until})
        return f"{intro} {sentence}"
    if kind == EmailKind.WAITING and waiting_reason is not None:
        intro = WAITING_INTROS[waiting_reason]
    status_sentence: Promise | None = STATUS_SENTENCES.get((kind, status))
    if kind == EmailKind.GUARDIAN and waiting:
        status_sentence = GUARDIAN_WAITING[waiting_reason]
    text = str(intro % facts)
    if status_sentence is not None:
        text = f"{text} {status_sentence % facts}"
    return text
