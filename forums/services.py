"""Registering for meetings, the waiting list, cancelling, and scheduling meetings.

Every decision about seats is made with the meeting row locked (`select_for_update`), after
counting again under that lock, in one transaction: two people can never take the last seat
at once, however many web processes there are. The lock waits at most LOCK_TIMEOUT; past
that the visitor is asked to try again rather than left waiting.
"""

import datetime
import functools
from dataclasses import dataclass
from typing import Any

from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.db import IntegrityError, OperationalError, connection, transaction
from django.db.models import QuerySet
from django.db.models.sql import Query
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.inserts import PreparedInsert

from .emails import (
    WRITTEN_WHEN_SENT,
    MeetingCalendars,
    message_recipient,
    registration_message,
)
from .models import (
    ACTIVE_STATUSES,
    AgeGroup,
    EmailKind,
    Forum,
    Invitation,
    Language,
    Meeting,
    MeetingStatus,
    OutboundEmail,
    Registration,
    RegistrationStatus,
    StakeholderGroup,
)
from .tasks import reply_after_commit, send_after_commit

LOCK_TIMEOUT = "5s"
LOCK_TIMEOUT_SQL = f"SET LOCAL lock_timeout = '{LOCK_TIMEOUT}'"

# What the decisions about seats read of the locked meeting (the messages are written later,
# by the worker, from the meeting as it then is), in the model's order, as Model.from_db
# takes them.
LOCKED_MEETING_FIELDS = tuple(
    field.attname
    for field in Meeting._meta.concrete_fields
    if field.attname
    in {
        "id",
        "status",
        "capacity",
        "invitation_only",
        "starts_at",
        "registration_opens_at",
        "registration_closes_at",
    }
)
# Built from the constant names above only.
LOCK_FOR_SEATS_SQL = f"""
    SELECT {", ".join(LOCKED_MEETING_FIELDS)}
    FROM forums_meeting WHERE id = %(meeting)s
"""  # noqa: S608

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


def _lock_meeting(meeting_id: int, *, whole: bool = False) -> Meeting:
    """The meeting, locked; only the fields the seat decision reads unless `whole` (for a
    change of the meeting itself, which the audit trail records in full)."""
    if not whole:
        meeting, _rows = _lock_for_seats(meeting_id)
        return meeting
    try:
        _first_rows(_lock_waits_briefly([]), {})
        return Meeting.objects.select_for_update().get(pk=meeting_id)
    except OperationalError as error:
        raise _try_again() from error


def _lock_for_seats(meeting_id: int, *then: str, **params: Any) -> tuple[Meeting, list[Any]]:
    """The lock every registration takes, written out, and the first row of each statement
    in `then` run under it: one round trip to PostgreSQL, while every other registration
    for the meeting waits. The statements still run one after another, each seeing what was
    committed before it started: a count sees every seat taken by whoever held the lock
    before."""
    lock = LOCK_FOR_SEATS_SQL
    if connection.features.has_select_for_update:
        lock += " FOR UPDATE"
    statements = _lock_waits_briefly([lock, *then])
    try:
        rows = _first_rows(statements, {**params, "meeting": meeting_id})
    except OperationalError as error:
        raise _try_again() from error
    lock_row = len(statements) - len(then) - 1
    if rows[lock_row] is None:
        raise Meeting.DoesNotExist(f"No meeting {meeting_id}.")
    return _locked_meeting(rows[lock_row]), rows[lock_row + 1 :]


def _locked_meeting(row: tuple[Any, ...]) -> Meeting:
    """The meeting from LOCK_FOR_SEATS_SQL's row, its values converted as the ORM does where
    the database needs it (SQLite gives times as text), the fields not read left to load
    when used."""
    if _locked_meeting_converted(connection.vendor):
        compiler = Query(Meeting).get_compiler(connection=connection)
        (row,) = compiler.apply_converters([row], compiler.get_converters(_locked_columns()))
    return Meeting.from_db(connection.alias, LOCKED_MEETING_FIELDS, row)


def _locked_columns() -> list[Any]:
    return [
        field.get_col(Meeting._meta.db_table)
        for field in Meeting._meta.concrete_fields
        if field.attname in LOCKED_MEETING_FIELDS
    ]


@functools.cache
def _locked_meeting_converted(vendor: str) -> bool:
    """Whether the database's values need converting: asked once, as the lock is held."""
    compiler = Query(Meeting).get_compiler(connection=connection)
    return bool(compiler.get_converters(_locked_columns()))


def _lock_waits_briefly(statements: list[str]) -> list[str]:
    """On PostgreSQL a lock is waited for at most LOCK_TIMEOUT, in this transaction."""
    if connection.vendor == "postgresql":
        return [LOCK_TIMEOUT_SQL, *statements]
    return statements


def _first_rows(statements: list[str], params: dict[str, Any]) -> list[Any]:
    """The first row of each statement's result (None for one without rows). PostgreSQL
    gets them all in one query where the values are bound on the client, as Django's
    psycopg cursor does unless OPTIONS["server_side_binding"] is set."""
    rows = []
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql" and not connection.settings_dict["OPTIONS"].get(
            "server_side_binding"
        ):
            cursor.execute(";\n".join(statements), params)
            for number in range(len(statements)):
                rows.append(cursor.fetchone() if cursor.description else None)
                if number < len(statements) - 1:
                    cursor.nextset()
        else:
            for statement in statements:
                cursor.execute(statement, params)
                rows.append(cursor.fetchone() if cursor.description else None)
    return rows


def _try_again() -> TryAgain:
    return TryAgain(str(_("Many people are registering right now. Please try again in a moment.")))


@dataclass(frozen=True)
class SeatSituation:
    any_seat: bool
    group_seat: bool
    email_taken: bool = False


# Counted under the meeting's lock, so written out rather than built by the ORM each time:
# building the same query with Count(filter=...) took about a millisecond of Python, in
# which every other registration for the meeting waits. One round trip instead of two.
SEAT_SITUATION_SQL = """
    SELECT
        COUNT(*) FILTER (WHERE status = %(confirmed)s),
        COUNT(*) FILTER (WHERE status = %(confirmed)s AND group_id = %(group)s),
        COUNT(*) FILTER (
            WHERE LOWER(email) = LOWER(%(email)s)
            AND status IN (%(confirmed)s, %(waiting)s)
            AND anonymised_at IS NULL
        ),
        (
            SELECT seats FROM forums_groupquota
            WHERE meeting_id = %(meeting)s AND group_id = %(group)s
        )
    FROM forums_registration
    WHERE meeting_id = %(meeting)s
"""


def _seat_counting(group_id: int, *, email: str) -> dict[str, Any]:
    """SEAT_SITUATION_SQL's values but the meeting's."""
    return {
        "group": group_id,
        "email": email,
        "confirmed": RegistrationStatus.CONFIRMED.value,
        "waiting": RegistrationStatus.WAITING.value,
    }


def _seat_situation(meeting: Meeting, group_id: int) -> SeatSituation:
    """Whether any seat is free and whether one is free for the group, counted under the
    meeting's lock."""
    (counts,) = _first_rows(
        [SEAT_SITUATION_SQL], {**_seat_counting(group_id, email=""), "meeting": meeting.pk}
    )
    return _situation(meeting, counts, email="")


def _situation(
    meeting: Meeting, counts: tuple[int, int, int, int | None], *, email: str
) -> SeatSituation:
    """Whether any seat is free, whether one is free for the group, and whether the address
    already holds an active registration, from SEAT_SITUATION_SQL's counts."""
    total, in_group, with_email, quota = counts
    email_taken = bool(email) and with_email > 0
    if total >= meeting.capacity:
        return SeatSituation(False, False, email_taken)
    return SeatSituation(True, quota is None or in_group < quota, email_taken)


def email_queue(
    *, registration: Registration, kind: str, calendars: MeetingCalendars | None = None
) -> OutboundEmail:
    """Put the message in the outbox now and send it once the transaction commits; the
    replies to the registration form are left for the worker to write (WRITTEN_WHEN_SENT)
    and reach it through the relay.
    A failure to hand it over (broker down) is logged, not shown to the visitor: the row
    stays queued and the beat sweep sends it later."""
    if kind in WRITTEN_WHEN_SENT:
        message = _unwritten_reply(registration, kind)
        message.save()
        reply_after_commit(message.pk)
    else:
        message = registration_message(registration, kind, calendars)
        message.save()
        send_after_commit(message.pk)
    return message


def _unwritten_reply(registration: Registration, kind: str) -> OutboundEmail:
    """The unsaved outbox row of a reply the worker writes when it sends it
    (WRITTEN_WHEN_SENT)."""
    recipient, language = message_recipient(registration, kind)
    return OutboundEmail(
        kind=kind,
        registration=registration,
        recipient=recipient,
        language=language,
        written=False,
    )


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


def registration_create(
    *, meeting_id: int, data: RegistrationData, now: datetime.datetime | None = None
) -> Registration:
    """Confirm the person if a seat is free for their group, else put them on the waiting
    list; e-mail them either way, and tell the guardian of anyone under 15."""
    now = now or timezone.now()
    if data.age_group == AgeGroup.UNDER_15 and not data.guardian_email.strip():
        raise GuardianNeeded(str(_("Enter the e-mail address of your parent or guardian.")))
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
    )
    # Checked before the lock, which is held for as short a time as can be. The related rows
    # were just read and the secret is new: check only the values.
    registration.full_clean(
        exclude=[
            "meeting",
            "group",
            "language",
            "guardian_language",
            "interpreter_language",
            "invitation",
            "consent_at",
            "created_at",
            "status",
        ],
        validate_unique=False,
        validate_constraints=False,
    )
    # The rows are compiled before the lock too; the status, the times and the kind of
    # reply are set under it.
    new_row = PreparedInsert(registration)
    reply = PreparedInsert(_unwritten_reply(registration, EmailKind.WAITING))
    guardian_reply = (
        PreparedInsert(_unwritten_reply(registration, EmailKind.GUARDIAN))
        if registration.guardian_email
        else None
    )
    try:
        with transaction.atomic():
            meeting, (counts,) = _lock_for_seats(
                meeting_id,
                SEAT_SITUATION_SQL,
                **_seat_counting(data.group.pk, email=registration.email),
            )
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
            seats = _situation(meeting, counts, email=registration.email)
            if seats.email_taken:
                raise AlreadyRegistered(
                    str(_("This e-mail address is already registered for this meeting."))
                )
            confirmed = seats.group_seat
            # After the lock: the queue is in this order.
            written_at = timezone.now()
            new_row.save(
                meeting=meeting,
                created_at=written_at,
                consent_at=written_at,
                status=RegistrationStatus.CONFIRMED if confirmed else RegistrationStatus.WAITING,
            )
            reply.save(kind=EmailKind.CONFIRMATION if confirmed else EmailKind.WAITING)
            reply_after_commit(reply.instance.pk)
            if guardian_reply is not None:
                reply_after_commit(guardian_reply.save().pk)
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
    meeting = _lock_meeting(meeting_id, whole=True)
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
