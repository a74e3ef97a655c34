"""What the messages to registrants say: their subjects and first sentences, and where the
registration stands. Whole sentences go to the translators; a sentence that says why someone
waits says what the service decided under the meeting's lock (see WaitingReason). A family
registered by a helper is written to as "you"; the helper hears of "them", by name."""

import enum
from dataclasses import dataclass

from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from .models import EmailKind, Registration, RegistrationStatus
from .selectors import waiting_position


class WaitingReason(enum.Enum):
    """Why someone has no seat: none is left at the meeting, or the seats kept for their group
    are taken while the meeting still has some, or the seats left are fewer than the people a
    household registration brings (who are seated together or wait together). The service
    writing the message decides it with the meeting's row locked, in the transaction that
    puts the person on the list, so the message says what was true when their place was
    decided; a message written without that lock is given none and does not say why."""

    MEETING_FULL = "meeting_full"
    GROUP_FULL = "group_full"
    TOO_FEW_SEATS = "too_few_seats"


class Reader(enum.Enum):
    """Whom a message about a registration is written to."""

    REGISTRANT = "registrant"
    GUARDIAN = "guardian"
    # Who registered a family on its behalf: the link to confirm and a copy of the answer,
    # and every message for a family without an address of its own.
    HELPER = "helper"


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
    WaitingReason.TOO_FEW_SEATS: _(
        "The seats left are fewer than the %(people)s people in your registration, so you are "
        "all on the waiting list together, in place %(position)s. We will e-mail you at once "
        "when there are seats for all of you."
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
    EmailKind.CHILDCARE_BOOKED: MessageText(
        _("Childcare is booked: %(meeting)s"),
        _(
            "Good news: childcare places became free, and childcare during the meeting is now "
            "booked for your family. Your seat stays as it was."
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
# Said of someone else, to their guardian or to the helper who registered them.
THEIR_PLACE_CONFIRMED = _("Their place is confirmed.")
# The guardian's and the repeat-registration messages also say where the registration stands.
STATUS_SENTENCES = {
    (EmailKind.GUARDIAN, RegistrationStatus.CONFIRMED): THEIR_PLACE_CONFIRMED,
    (EmailKind.ALREADY_REGISTERED, RegistrationStatus.CONFIRMED): _("Your place is confirmed."),
    (EmailKind.ALREADY_REGISTERED, RegistrationStatus.WAITING): _(
        "You are on the waiting list in place %(position)s."
    ),
}
# The guardian's message of someone on the waiting list, by why there is no seat; the
# helper's copy says the same.
GUARDIAN_WAITING: dict[WaitingReason | None, Promise] = {
    None: _("They are on the waiting list in place %(position)s."),
    WaitingReason.MEETING_FULL: _(
        "The meeting is full, so they are on the waiting list in place %(position)s."
    ),
    WaitingReason.GROUP_FULL: _(
        "All seats for their group (%(group)s) are taken, so they are on the waiting list in "
        "place %(position)s. The meeting itself still has seats."
    ),
    WaitingReason.TOO_FEW_SEATS: _(
        "The seats left are fewer than the %(people)s people in the registration, so they are "
        "on the waiting list together, in place %(position)s."
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
    WaitingReason.TOO_FEW_SEATS: _(
        "The seats left at the moment are fewer than the %(people)s people in your "
        "registration. Once you confirm, you are all on the waiting list together and we "
        "e-mail you when there are seats for all of you."
    ),
    # The repeat-registration message: seats may have come free since, or been taken.
    None: _(
        "Confirm your registration: you then get a seat if one is free, or a place on the "
        "waiting list."
    ),
}


# What the helper who registered a family is told, by message. The helper gets the link to
# confirm and a copy of the answer; the other messages only when the family has no address.
HELPER_MESSAGES = {
    EmailKind.CONFIRM_ADDRESS: MessageText(
        # No name in the subject: the name is what anyone typed, to an address nobody has
        # confirmed yet (as the guardian's message keeps the young person's name out of it).
        _("Confirm a family's registration: %(meeting)s"),
        _(
            "You registered %(name)s for the meeting below on their behalf. Please confirm the "
            "registration with the link below: it is how we know that this e-mail address is "
            "yours. If you did not register anyone, ignore this message and nothing happens."
        ),
    ),
    EmailKind.HELPER_COPY: MessageText(
        _("You registered %(name)s: %(meeting)s"),
        _("You registered %(name)s for the meeting below on their behalf."),
    ),
    EmailKind.PROMOTED: MessageText(
        _("A place became free for %(name)s: %(meeting)s"),
        _(
            "Good news: a place became free for %(name)s, whom you registered, and it is now "
            "theirs. Their place is confirmed."
        ),
    ),
    EmailKind.CHILDCARE_BOOKED: MessageText(
        _("Childcare is booked for %(name)s: %(meeting)s"),
        _(
            "Good news: childcare places became free, and childcare during the meeting is now "
            "booked for %(name)s, whom you registered. Their seat stays as it was."
        ),
    ),
    EmailKind.CANCELLED: MessageText(
        _("The registration of %(name)s is cancelled: %(meeting)s"),
        _("The registration of %(name)s, whom you registered, has been cancelled."),
    ),
    EmailKind.REMINDER: MessageText(
        _("Reminder: %(meeting)s"),
        _("This is a reminder of the meeting that you registered %(name)s for."),
    ),
    EmailKind.MEETING_CANCELLED: MessageText(
        _("The meeting is cancelled: %(meeting)s"),
        _(
            "We are sorry: the meeting that you registered %(name)s for has been cancelled. "
            "The registration does not need any action from you."
        ),
    ),
    EmailKind.MEETING_CHANGED: MessageText(
        _("The meeting has changed: %(meeting)s"),
        _(
            "The time or place of the meeting that you registered %(name)s for has changed. "
            "The new details are below. If they can no longer come, please cancel, so that "
            "someone else can have the place."
        ),
    ),
}
# The helper's message asking to confirm, of the seat it holds for the family.
HELPER_HELD_SEAT = _(
    "A seat is held for them until %(held_until)s. If you confirm later, they get a seat if "
    "one is still free, or else a place on the waiting list."
)
HELPER_UNCONFIRMED_WAITING: dict[WaitingReason | None, Promise] = {
    WaitingReason.MEETING_FULL: _(
        "The meeting is full at the moment. Once you confirm, they are on the waiting list and "
        "we send word if a place becomes free."
    ),
    WaitingReason.GROUP_FULL: _(
        "All seats for their group (%(group)s) are taken at the moment; the meeting itself "
        "still has seats. Once you confirm, they are on the waiting list and we send word if a "
        "seat for their group becomes free."
    ),
    WaitingReason.TOO_FEW_SEATS: _(
        "The seats left at the moment are fewer than the %(people)s people in the registration. "
        "Once you confirm, they are on the waiting list together and we send word when there "
        "are seats for all of them."
    ),
    None: _(
        "Confirm the registration: they then get a seat if one is free, or a place on the "
        "waiting list."
    ),
}
# The helper's copy says who else hears of the registration.
FAMILY_TOLD = _("We have sent the family a message about it at %(email)s.")
FAMILY_WITHOUT_EMAIL = _(
    "The family has no e-mail address, so we send the messages about this registration to "
    "you: please pass them on to the family."
)
# A message that the family would have had, sent to the helper instead.
PASS_ON = _(
    "The family has no e-mail address, so we send this message to you: please pass it on to them."
)
# The family's first message says who registered them.
REGISTERED_BY = _("%(helper)s registered you for this meeting on your behalf.")
REGISTERED_BY_FROM = _(
    "%(helper)s from %(organisation)s registered you for this meeting on your behalf."
)


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
        if key == "people":
            return self.registration.people
        if key == "name":
            return self.registration.name
        if key == "email":
            return self.registration.email
        if key == "helper":
            return self.registration.helper_name
        if key == "organisation":
            return self.registration.helper_organisation
        raise KeyError(key)


def _held_seat(registration: Registration, sentence: Promise) -> str:
    held = registration.hold_expires_at
    held_until = timezone.localtime(held).strftime("%H:%M") if held else ""
    return str(sentence % {"held_until": held_until})


def _helper_intro(
    registration: Registration, kind: EmailKind, waiting_reason: WaitingReason | None
) -> str:
    """To the helper, of the family they registered: the link to confirm and the seat it
    holds, the copy of the answer and who else heard of it, or a message passed on."""
    facts = _Facts(registration)
    sentences = [str(HELPER_MESSAGES[kind].intro % facts)]
    status = RegistrationStatus(registration.status)
    if kind == EmailKind.CONFIRM_ADDRESS:
        if status == RegistrationStatus.WAITING:
            sentences.append(str(HELPER_UNCONFIRMED_WAITING[waiting_reason] % facts))
        elif status == RegistrationStatus.PENDING:
            sentences.append(_held_seat(registration, HELPER_HELD_SEAT))
    elif kind == EmailKind.HELPER_COPY:
        if status == RegistrationStatus.CONFIRMED:
            sentences.append(str(THEIR_PLACE_CONFIRMED))
        elif status == RegistrationStatus.WAITING:
            sentences.append(str(GUARDIAN_WAITING[waiting_reason] % facts))
        sentences.append(str(FAMILY_TOLD % facts if registration.email else FAMILY_WITHOUT_EMAIL))
    else:
        sentences.append(str(PASS_ON))
    return " ".join(sentences)


def message_intro(
    registration: Registration,
    kind: EmailKind,
    waiting_reason: WaitingReason | None = None,
    reader: Reader = Reader.REGISTRANT,
) -> str:
    """The message's first sentences in the active language; for someone on the waiting list
    they say why when `waiting_reason` is given."""
    if reader == Reader.HELPER:
        return _helper_intro(registration, kind, waiting_reason)
    status = RegistrationStatus(registration.status)
    waiting = status == RegistrationStatus.WAITING
    facts = _Facts(registration)
    intro = MESSAGES[kind].intro
    if asks_to_confirm(registration, kind):
        if waiting:
            sentence = str(UNCONFIRMED_WAITING[waiting_reason] % facts)
        else:
            sentence = _held_seat(registration, HELD_SEAT)
        return f"{intro} {sentence}"
    if kind == EmailKind.WAITING and waiting_reason is not None:
        intro = WAITING_INTROS[waiting_reason]
    status_sentence: Promise | None = STATUS_SENTENCES.get((kind, status))
    if kind == EmailKind.GUARDIAN and waiting:
        status_sentence = GUARDIAN_WAITING[waiting_reason]
    sentences = [str(intro % facts)]
    if status_sentence is not None:
        sentences.append(str(status_sentence % facts))
    if registration.is_assisted and kind in (EmailKind.CONFIRMATION, EmailKind.WAITING):
        by = REGISTERED_BY_FROM if registration.helper_organisation else REGISTERED_BY
        sentences.append(str(by % facts))
    return " ".join(sentences)
