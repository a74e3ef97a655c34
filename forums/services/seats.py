"""Seats: every decision about them is made with the meeting's row locked
(`select_for_update`), after counting again under that lock, in one transaction: two people
can never take the last seat at once, however many web processes there are. The lock is
waited for five seconds at most (on PostgreSQL); past that the visitor is asked to try again
rather than left waiting."""

import datetime
from dataclasses import dataclass

from django.db import OperationalError, connection
from django.db.models import Case, Q, QuerySet, Sum, Value, When
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _

from ..email_texts import WaitingReason
from ..emails import MeetingCalendars, registration_message
from ..models import (
    ACTIVE_STATUSES,
    PEOPLE,
    SEAT_STATUSES,
    ChildcareStatus,
    EmailKind,
    GroupQuota,
    Meeting,
    MeetingStatus,
    OutboundEmail,
    Registration,
    RegistrationStatus,
)
from ..outbox import email_send_after_commit
from .childcare import childcare_decide, childcare_promote

# Set for the transaction on PostgreSQL: a lock is waited for this long at most.
LOCK_TIMEOUT_SQL = "SET LOCAL lock_timeout = '5s'"


class RegistrationError(Exception):
    """A registration that cannot be made; the message is for the visitor."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class RegistrationClosed(RegistrationError):
    pass


class AlreadyRegistered(RegistrationError):
    """The address already holds a place (or a waiting-list place) at the meeting."""


class GuardianNeeded(RegistrationError):
    """Participants under 15 register with their guardian's e-mail address."""


class InvitationUsed(RegistrationError):
    """Someone has already registered with this personal invitation."""


class TryAgain(RegistrationError):
    pass


class HelperLimitReached(RegistrationError):
    """A helper has registered as many people for the meeting as one helper may."""


def lock_meeting(meeting_id: int) -> Meeting:
    """The meeting, its row locked until the transaction ends: every decision about its
    seats is made under this lock. On PostgreSQL the lock is waited for at most five
    seconds; past that the visitor is asked to try again. (SQLite takes the database's write
    lock when the transaction begins: settings.py makes its transactions IMMEDIATE.)"""
    try:
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute(LOCK_TIMEOUT_SQL)
        # The forum comes along for the messages; only the meeting's row is locked.
        return (
            Meeting.objects.select_for_update(of=("self",))
            .select_related("forum")
            .get(pk=meeting_id)
        )
    except OperationalError as error:
        raise TryAgain(
            str(_("Many people are registering right now. Please try again in a moment."))
        ) from error


@dataclass(frozen=True)
class SeatSituation:
    """The seats left at the meeting and within the seats kept for a group (None: the group
    has no cap), for a registration bringing `people`: a household is seated together or
    waits together."""

    meeting_left: int
    group_left: int | None
    people: int = 1

    @property
    def any_seat(self) -> bool:
        return self.meeting_left >= self.people

    @property
    def group_seat(self) -> bool:
        return self.any_seat and (self.group_left is None or self.group_left >= self.people)

    @property
    def waiting_reason(self) -> WaitingReason | None:
        """Why someone waits, for the message that tells them: written in the same
        transaction, under the same lock, it says what was decided. None when seats are free
        for them and they wait all the same (a confirmation after the meeting began)."""
        if self.meeting_left <= 0:
            return WaitingReason.MEETING_FULL
        if self.group_left is not None and self.group_left <= 0:
            return WaitingReason.GROUP_FULL
        return None if self.group_seat else WaitingReason.TOO_FEW_SEATS


def seats_taken(meeting: Meeting) -> QuerySet[Registration]:
    """The registrations holding seats: each takes one for everyone it brings (PEOPLE)."""
    return meeting.registrations.filter(status__in=SEAT_STATUSES)


def seat_situation(meeting: Meeting, group_id: int, people: int = 1) -> SeatSituation:
    """Whether seats are free for all `people` of a registration, at the meeting and in
    their group, counted by the caller, who holds the meeting's lock (and has released the
    holds that ran out). A household takes its seats together or waits together."""
    taken = seats_taken(meeting).aggregate(
        total=Coalesce(Sum(PEOPLE), 0),
        in_group=Coalesce(Sum(PEOPLE, filter=Q(group_id=group_id)), 0),
    )
    quota = (
        GroupQuota.objects.filter(meeting=meeting, group_id=group_id)
        .values_list("seats", flat=True)
        .first()
    )
    return SeatSituation(
        meeting_left=meeting.capacity - taken["total"],
        group_left=None if quota is None else quota - taken["in_group"],
        people=people,
    )


def email_queue(
    *,
    registration: Registration,
    kind: str,
    calendars: MeetingCalendars | None = None,
    waiting_reason: WaitingReason | None = None,
    had_seat: bool = False,
) -> OutboundEmail:
    """Write the message into the outbox now, in the caller's transaction, and send it once
    that commits (a failure to hand it over is logged: the sweep sends it later). A caller
    that put the person on the waiting list under the meeting's lock gives the reason."""
    message = registration_message(
        registration, kind, calendars, waiting_reason=waiting_reason, had_seat=had_seat
    )
    message.save()
    email_send_after_commit(message.pk)
    return message


def holding_a_place(meeting_id: int, email: str) -> QuerySet[Registration]:
    """The address's active registration for the meeting: the database allows one."""
    return Registration.objects.filter(
        meeting_id=meeting_id,
        email__iexact=email.strip(),
        status__in=ACTIVE_STATUSES,
        anonymised_at__isnull=True,
    )


@dataclass(frozen=True)
class FreedSeats:
    released: int  # holds that ran out
    promoted: list[Registration]
    childcare_booked: list[Registration]


def seats_free_up(
    meeting: Meeting, now: datetime.datetime, *, told_apart: Registration | None = None
) -> FreedSeats:
    """Seats held for addresses whose owners did not confirm in time go back (each such
    registration waits instead, and can still be confirmed), and every free seat goes to
    whoever waits for it, in order (the people promoted are e-mailed, but `told_apart`).
    Every decision about a meeting's seats starts here, under the meeting's lock, so that no
    free seat is left while someone waits; the childcare places freed go the same way."""
    released = meeting.registrations.filter(
        status=RegistrationStatus.PENDING, hold_expires_at__lte=now
    ).update(
        status=RegistrationStatus.WAITING,
        hold_expires_at=None,
        # Childcare goes with the seat: the children wait again with the family.
        childcare_status=Case(
            When(childcare_children__gt=0, then=Value(ChildcareStatus.WAITING)),
            default=Value(ChildcareStatus.NONE),
        ),
    )
    if meeting.status != MeetingStatus.SCHEDULED:
        return FreedSeats(released, [], [])
    # Childcare places freed go first to the families already seated that wait for them,
    # in order; those seated now take what is left.
    booked = childcare_promote(meeting) if now < meeting.starts_at else []
    for registration in booked:
        # Told only at a confirmed address: a seat held for one may yet go back.
        told = told_apart is not None and registration.pk == told_apart.pk
        if not told and registration.address_confirmed_at is not None:
            email_queue(registration=registration, kind=EmailKind.CHILDCARE_BOOKED)
    promoted = promote_waiting(meeting, now, told_apart=told_apart)
    return FreedSeats(released, promoted, booked)


def promote_waiting(
    meeting: Meeting, now: datetime.datetime, *, told_apart: Registration | None = None
) -> list[Registration]:
    """Fill free seats from the waiting list in the order the addresses were confirmed,
    skipping registrations whose household does not fit (in the meeting or its group) and
    those whose address is not confirmed yet. The caller holds the meeting's lock. Each
    person promoted is e-mailed, but `told_apart`, whom the caller tells itself. Once the
    meeting has started, a freed seat is no use to anyone: nobody is promoted. The seats are
    counted once, whatever the length of the queue."""
    if now >= meeting.starts_at:
        return []
    waiting = Registration.objects.filter(
        meeting=meeting, status=RegistrationStatus.WAITING, address_confirmed_at__isnull=False
    )
    if not waiting.exists():
        return []
    taken_by_group = dict(
        seats_taken(meeting).values_list("group_id").annotate(taken=Sum(PEOPLE)).order_by()
    )
    free = meeting.capacity - sum(taken_by_group.values())
    if free <= 0:
        return []
    quotas = dict(GroupQuota.objects.filter(meeting=meeting).values_list("group_id", "seats"))
    promoted = []
    # Confirmation times are given under the meeting's lock: they are the queue's order.
    # What the message to each person promoted repeats comes along.
    queue = waiting.select_related(
        "language", "group", "interpreter_language", "meeting__forum"
    ).order_by("address_confirmed_at", "pk")
    for registration in queue:
        if free == 0:
            break
        group, people = registration.group_id, registration.people
        if people > free:
            continue
        if group in quotas and taken_by_group.get(group, 0) + people > quotas[group]:
            continue
        registration.status = RegistrationStatus.CONFIRMED
        registration.promoted_at = now
        childcare_decide(meeting, registration)
        registration.save(update_fields=["status", "promoted_at", "childcare_status"])
        if told_apart is None or registration.pk != told_apart.pk:
            email_queue(registration=registration, kind=EmailKind.PROMOTED)
        promoted.append(registration)
        free -= people
        taken_by_group[group] = taken_by_group.get(group, 0) + people
    return promoted
