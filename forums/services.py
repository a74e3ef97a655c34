"""Registering for meetings, the waiting list, cancelling, and scheduling meetings.

Every decision about seats is made with the meeting row locked (`select_for_update`), after
counting again under that lock, in one transaction: two people can never take the last seat
at once, however many web processes there are. The lock is waited for five seconds at most
(on PostgreSQL); past that the visitor is asked to try again rather than left waiting.
"""

import datetime
from dataclasses import dataclass

from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.db import IntegrityError, OperationalError, connection, transaction
from django.db.models import Count, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .emails import MeetingCalendars, registration_message
from .models import (
    ACTIVE_STATUSES,
    AgeGroup,
    EmailKind,
    Forum,
    GroupQuota,
    Invitation,
    Language,
    Meeting,
    MeetingStatus,
    OutboundEmail,
    Registration,
    RegistrationStatus,
    StakeholderGroup,
)
from .outbox import email_send_after_commit

# Set for the transaction on PostgreSQL: a lock is waited for this long at most.
LOCK_TIMEOUT_SQL = "SET LOCAL lock_timeout = '5s'"

# Changing any of these moves the meeting in people's calendars.
CALENDAR_FIELDS = ("starts_at", "ends_at", "venue", "address", "municipality", "online_url")


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


def _lock_meeting(meeting_id: int) -> Meeting:
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
    any_seat: bool
    group_seat: bool


def _seat_situation(meeting: Meeting, group_id: int) -> SeatSituation:
    """Whether any seat is free and whether one is free for the group, counted by the
    caller, who holds the meeting's lock."""
    taken = meeting.registrations.aggregate(
        total=Count("pk", filter=Q(status=RegistrationStatus.CONFIRMED)),
        in_group=Count("pk", filter=Q(status=RegistrationStatus.CONFIRMED, group_id=group_id)),
    )
    if taken["total"] >= meeting.capacity:
        return SeatSituation(any_seat=False, group_seat=False)
    quota = (
        GroupQuota.objects.filter(meeting=meeting, group_id=group_id)
        .values_list("seats", flat=True)
        .first()
    )
    return SeatSituation(any_seat=True, group_seat=quota is None or taken["in_group"] < quota)


def email_queue(
    *, registration: Registration, kind: str, calendars: MeetingCalendars | None = None
) -> OutboundEmail:
    """Write the message into the outbox now, in the caller's transaction, and send it once
    that commits (a failure to hand it over is logged: the sweep sends it later)."""
    message = registration_message(registration, kind, calendars)
    message.save()
    email_send_after_commit(message.pk)
    return message


@dataclass(frozen=True)
class RegistrationData:
    name: str
    email: str
    group: StakeholderGroup
    language: Language
    ui_language: str
    phone: str = ""
    organisation: str = ""
    interpreter_language: Language | None = None
    needs: str = ""
    invitation: Invitation | None = None
    age_group: str = AgeGroup.ADULT
    guardian_email: str = ""
    guardian_language: Language | None = None


def _new_registration(meeting_id: int, data: RegistrationData) -> Registration:
    """The unsaved registration, its values checked; the seat is decided under the lock."""
    invitation = data.invitation
    if invitation is not None and invitation.meeting_id != meeting_id:
        invitation = None
    under_15 = data.age_group == AgeGroup.UNDER_15
    registration = Registration(
        meeting_id=meeting_id,
        name=data.name.strip(),
        email=data.email.strip(),
        phone=data.phone.strip(),
        group=data.group,
        organisation=data.organisation.strip(),
        language=data.language,
        ui_language=data.ui_language,
        interpreter_language=data.interpreter_language,
        needs=data.needs.strip(),
        age_group=data.age_group,
        guardian_email=data.guardian_email.strip() if under_15 else "",
        guardian_language=data.guardian_language if under_15 else None,
        invitation=invitation,
        consent_version=settings.REGISTRATION_CONSENT_VERSION,
        status=RegistrationStatus.WAITING,
        consent_at=timezone.now(),
    )
    # The related rows were just read: only the values are checked. The database's own
    # constraints are checked when the row is written, under the lock.
    registration.full_clean(
        exclude=[
            "meeting",
            "group",
            "language",
            "guardian_language",
            "interpreter_language",
            "invitation",
        ],
        validate_unique=False,
        validate_constraints=False,
    )
    return registration


def registration_create(
    *, meeting_id: int, data: RegistrationData, now: datetime.datetime | None = None
) -> Registration:
    """Confirm the person if a seat is free for their group, else put them on the waiting
    list; e-mail them either way, and tell the guardian of anyone under 15."""
    now = now or timezone.now()
    if data.age_group == AgeGroup.UNDER_15 and not data.guardian_email.strip():
        raise GuardianNeeded(str(_("Enter the e-mail address of your parent or guardian.")))
    registration = _new_registration(meeting_id, data)
    invitation = registration.invitation
    try:
        with transaction.atomic():
            meeting = _lock_meeting(meeting_id)
            if not meeting.registration_is_open(now):
                raise RegistrationClosed(str(_("Registration for this meeting is closed.")))
            if meeting.invitation_only and invitation is None:
                raise RegistrationClosed(
                    str(_("This meeting is by invitation only. Use the link in your invitation."))
                )
            if (
                invitation is not None
                and invitation.registrations.filter(status__in=ACTIVE_STATUSES).exists()
            ):
                raise InvitationUsed(str(_("Someone has already registered with this invitation.")))
            if _holding_a_place(meeting_id, registration.email).exists():
                raise AlreadyRegistered(
                    str(_("This e-mail address is already registered for this meeting."))
                )
            confirmed = _seat_situation(meeting, data.group.pk).group_seat
            registration.status = (
                RegistrationStatus.CONFIRMED if confirmed else RegistrationStatus.WAITING
            )
            registration.meeting = meeting
            # Taken under the lock: the waiting list is in this order.
            registration.created_at = registration.consent_at = timezone.now()
            registration.save()
            email_queue(
                registration=registration,
                kind=EmailKind.CONFIRMATION if confirmed else EmailKind.WAITING,
            )
            if registration.guardian_email:
                email_queue(registration=registration, kind=EmailKind.GUARDIAN)
            return registration
    except IntegrityError as error:
        # A second active registration with the same address, made at the same moment; any
        # other broken rule is not the visitor's to hear about.
        if not _holding_a_place(meeting_id, registration.email).exists():
            raise
        raise AlreadyRegistered(
            str(_("This e-mail address is already registered for this meeting."))
        ) from error


def _holding_a_place(meeting_id: int, email: str) -> QuerySet[Registration]:
    """The address's active registration for the meeting: the database allows one."""
    return Registration.objects.filter(
        meeting_id=meeting_id,
        email__iexact=email.strip(),
        status__in=ACTIVE_STATUSES,
        anonymised_at__isnull=True,
    )


def registration_request(
    *, meeting_id: int, data: RegistrationData, now: datetime.datetime | None = None
) -> Registration | None:
    """Register someone from the public form without telling a stranger whether an address
    is registered: when it already is, its owner gets an e-mail with the links to their
    registration, and the page says the same as for a new registration. Returns the new
    registration, or None when the address was already registered."""
    try:
        return registration_create(meeting_id=meeting_id, data=data, now=now)
    except AlreadyRegistered:
        pass
    with transaction.atomic():
        existing = _holding_a_place(meeting_id, data.email).select_related("language").first()
        if existing is not None:
            email_queue(registration=existing, kind=EmailKind.ALREADY_REGISTERED)
    return None


def _promote_waiting(meeting: Meeting, now: datetime.datetime) -> list[Registration]:
    """Fill free seats from the waiting list in order, skipping people whose group is full.
    The caller holds the meeting's lock. Once the meeting has started, a freed seat is no
    use to anyone: nobody is promoted."""
    if now >= meeting.starts_at:
        return []
    promoted = []
    waiting = Registration.objects.filter(
        meeting=meeting, status=RegistrationStatus.WAITING
    ).select_related("language", "meeting__forum")
    # Ids are given out under the meeting's lock, so they are the order of the queue.
    for registration in waiting.order_by("pk"):
        seats = _seat_situation(meeting, registration.group_id)
        if not seats.any_seat:
            break
        if not seats.group_seat:
            continue
        registration.status = RegistrationStatus.CONFIRMED
        registration.promoted_at = now
        registration.save(update_fields=["status", "promoted_at"])
        email_queue(registration=registration, kind=EmailKind.PROMOTED)
        promoted.append(registration)
    return promoted


@transaction.atomic
def waitlist_promote(
    *, meeting_id: int, now: datetime.datetime | None = None
) -> list[Registration]:
    """Promote as many waiting people as there are free seats (after a cancellation or when
    staff add seats); each promoted person is told by e-mail."""
    meeting = _lock_meeting(meeting_id)
    if meeting.status != MeetingStatus.SCHEDULED:
        return []
    return _promote_waiting(meeting, now or timezone.now())


def registration_cancel(
    *, token: str, now: datetime.datetime | None = None, notify: bool = True
) -> Registration:
    """Cancel through the secret link; the freed seat goes to the first person waiting whose
    group has room. Cancelling twice changes nothing. Without `notify` the person is not
    e-mailed (their data is being erased); those promoted still are."""
    now = now or timezone.now()
    meeting_id = Registration.objects.values_list("meeting_id", flat=True).get(cancel_token=token)
    with transaction.atomic():
        meeting = _lock_meeting(meeting_id)
        registration = Registration.objects.select_related("language", "meeting__forum").get(
            cancel_token=token
        )
        if registration.status == RegistrationStatus.CANCELLED:
            return registration
        was_confirmed = registration.status == RegistrationStatus.CONFIRMED
        registration.status = RegistrationStatus.CANCELLED
        registration.cancelled_at = now
        registration.save(update_fields=["status", "cancelled_at"])
        if notify:
            email_queue(registration=registration, kind=EmailKind.CANCELLED)
        if was_confirmed and meeting.status == MeetingStatus.SCHEDULED:
            _promote_waiting(meeting, now)
        return registration


@transaction.atomic
def meeting_cancel(*, meeting_id: int) -> int:
    """Cancel the meeting and tell everyone registered; returns how many were told."""
    meeting = _lock_meeting(meeting_id)
    if meeting.status == MeetingStatus.CANCELLED:
        return 0
    meeting.status = MeetingStatus.CANCELLED
    meeting.sequence += 1
    meeting.save(update_fields=["status", "sequence", "updated_at"])
    registrations = meeting.registrations.filter(status__in=ACTIVE_STATUSES).select_related(
        "language", "meeting__forum"
    )
    told = 0
    calendars = MeetingCalendars()  # the same file for everyone, built once per language
    for registration in registrations:
        email_queue(
            registration=registration, kind=EmailKind.MEETING_CANCELLED, calendars=calendars
        )
        told += 1
    return told


def meeting_calendar_changed(*, meeting: Meeting, changed_fields: list[str]) -> bool:
    """Raise the calendar SEQUENCE when the time or place changed, so that calendars that
    hold the meeting replace their copy. The caller saves the meeting."""
    if set(changed_fields) & set(CALENDAR_FIELDS):
        meeting.sequence += 1
        return True
    return False


@transaction.atomic
def meeting_change_announce(*, meeting_id: int) -> int:
    """Tell everyone registered that the meeting's time or place changed, with the updated
    calendar entry for those with a seat; returns how many were told."""
    meeting = Meeting.objects.get(pk=meeting_id)
    if meeting.status != MeetingStatus.SCHEDULED or meeting.ends_at <= timezone.now():
        return 0
    registrations = meeting.registrations.filter(
        status__in=ACTIVE_STATUSES, anonymised_at__isnull=True
    ).select_related("language", "meeting__forum")
    told = 0
    calendars = MeetingCalendars()  # the same file for everyone, built once per language
    for registration in registrations:
        email_queue(registration=registration, kind=EmailKind.MEETING_CHANGED, calendars=calendars)
        told += 1
    return told


class Frequency:
    WEEKLY = "weekly"
    MONTHLY = "monthly"


@transaction.atomic
def meetings_generate(
    *,
    forum: Forum,
    first_start: datetime.datetime,
    duration: datetime.timedelta,
    frequency: str,
    interval: int,
    count: int,
    capacity: int,
    venue: str = "",
    municipality: str = "",
    online_url: str = "",
) -> list[Meeting]:
    """Create `count` meetings every `interval` weeks or months from the first one, at the
    same local time across daylight saving changes; a monthly date that a shorter month lacks
    (the 31st) falls on that month's last day. Staff then adjust the meetings one by one."""
    local_first = timezone.localtime(first_start).replace(tzinfo=None)
    meetings = []
    for number in range(count):
        step = (
            relativedelta(weeks=interval * number)
            if frequency == Frequency.WEEKLY
            else relativedelta(months=interval * number)
        )
        starts_at = timezone.make_aware(local_first + step)
        meeting = Meeting(
            forum=forum,
            starts_at=starts_at,
            ends_at=starts_at + duration,
            capacity=capacity,
            venue=venue,
            municipality=municipality,
            online_url=online_url,
        )
        meeting.full_clean()
        meeting.save()
        meetings.append(meeting)
    return meetings
