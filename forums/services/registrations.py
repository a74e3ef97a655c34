"""Registering for a meeting from the public form, the waiting list, and cancelling."""

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..email_texts import WaitingReason
from ..models import (
    ACTIVE_STATUSES,
    SEAT_STATUSES,
    AgeGroup,
    ConsentMethod,
    EmailKind,
    Invitation,
    Language,
    MeetingStatus,
    OutreachChannel,
    Registration,
    RegistrationStatus,
    StakeholderGroup,
)
from .assisted import HelperData, helper_within_limit
from .childcare import childcare_decide
from .seats import (
    AlreadyRegistered,
    GuardianNeeded,
    InvitationUsed,
    RegistrationClosed,
    email_queue,
    holding_a_place,
    lock_meeting,
    seat_situation,
    seats_free_up,
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
    # Those coming with the registrant, by age band: each takes a seat in the group.
    companion_adults: int = 0
    companion_youth: int = 0
    companion_children: int = 0
    # Children looked after during the meeting: childcare places, not seats.
    childcare_children: int = 0
    # Given when a helper registers the family: `email` is then the family's, possibly "".
    helper: HelperData | None = None
    channel: OutreachChannel | None = None

    @property
    def people(self) -> int:
        return 1 + self.companion_adults + self.companion_youth + self.companion_children


def _new_registration(meeting_id: int, data: RegistrationData) -> Registration:
    """The unsaved registration, its values checked; the seat is decided under the lock."""
    invitation = data.invitation
    if invitation is not None and invitation.meeting_id != meeting_id:
        invitation = None
    under_15 = data.age_group == AgeGroup.UNDER_15
    helper = data.helper
    channel = data.channel if data.channel and data.channel.meeting_id == meeting_id else None
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
        companion_adults=data.companion_adults,
        companion_youth=data.companion_youth,
        companion_children=data.companion_children,
        childcare_children=data.childcare_children,
        helper_name=helper.name.strip() if helper else "",
        helper_organisation=helper.organisation.strip() if helper else "",
        helper_email=helper.email.strip() if helper else "",
        consent_method=helper.consent_method if helper else ConsentMethod.NONE,
        channel=channel,
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
            "channel",
        ],
        validate_unique=False,
        validate_constraints=False,
    )
    return registration


def _bound_invitation(registration: Registration) -> Invitation | None:
    """The personal invitation the registration was made with, when it is for this address:
    a link passed on to someone else only fills in the form."""
    invitation = registration.invitation
    if invitation is None or invitation.invitee.email.lower() != registration.email.lower():
        return None
    return invitation


def _queue_replies(registration: Registration, waiting_reason: WaitingReason | None) -> None:
    """What a registration whose address is confirmed is told: its seat, or its place in the
    queue and why (as the caller counted the seats, under the meeting's lock it holds), and
    the guardian of anyone under 15 that they registered. A family registered by a helper
    hears it at its own address, if it has one, and the helper gets a copy."""
    seated = registration.status == RegistrationStatus.CONFIRMED
    if registration.email:
        email_queue(
            registration=registration,
            kind=EmailKind.CONFIRMATION if seated else EmailKind.WAITING,
            waiting_reason=waiting_reason,
        )
    if registration.is_assisted:
        email_queue(
            registration=registration, kind=EmailKind.HELPER_COPY, waiting_reason=waiting_reason
        )
    if registration.guardian_email:
        email_queue(
            registration=registration, kind=EmailKind.GUARDIAN, waiting_reason=waiting_reason
        )


def registration_create(
    *, meeting_id: int, data: RegistrationData, now: datetime.datetime | None = None
) -> Registration:
    """Hold a seat for the person if one is free for their group, else put them on the
    waiting list, and e-mail the address a link to confirm it: the seat is theirs once they
    do, and goes back after REGISTRATION_HOLD_MINUTES if they do not. Someone who came
    through a personal invitation sent to this address is confirmed at once."""
    now = now or timezone.now()
    if data.age_group == AgeGroup.UNDER_15 and not data.guardian_email.strip():
        raise GuardianNeeded(str(_("Enter the e-mail address of your parent or guardian.")))
    registration = _new_registration(meeting_id, data)
    invitation = registration.invitation = _bound_invitation(registration)
    try:
        with transaction.atomic():
            meeting = lock_meeting(meeting_id)
            if not meeting.registration_is_open(now):
                raise RegistrationClosed(str(_("Registration for this meeting is closed.")))
            if meeting.invitation_only and invitation is None:
                raise RegistrationClosed(
                    str(
                        _(
                            "This meeting is by invitation only. Use the link in your "
                            "invitation, with the e-mail address it was sent to."
                        )
                    )
                )
            # First: a repeat of the invitee's own registration gets the same answer as any
            # repeated address, which tells a link holder nothing.
            # A helper's registration of a family is made whatever the family's address
            # holds: refusing it would tell whoever typed that address that it is registered.
            if (
                not registration.is_assisted
                and registration.email
                and holding_a_place(meeting_id, registration.email).exists()
            ):
                raise AlreadyRegistered(
                    str(_("This e-mail address is already registered for this meeting."))
                )
            if (
                invitation is not None
                and invitation.registrations.filter(status__in=ACTIVE_STATUSES).exists()
            ):
                raise InvitationUsed(str(_("Someone has already registered with this invitation.")))
            if registration.is_assisted:
                helper_within_limit(meeting.pk, registration)
            # Those already waiting come first.
            seats_free_up(meeting, now)
            situation = seat_situation(meeting, data.group.pk, registration.people)
            seated = situation.group_seat
            waiting_reason = None if seated else situation.waiting_reason
            registration.meeting = meeting
            # Taken under the lock: the waiting list is in this order.
            registration.created_at = registration.consent_at = timezone.now()
            if invitation is not None:
                registration.address_confirmed_at = registration.created_at
                registration.status = (
                    RegistrationStatus.CONFIRMED if seated else RegistrationStatus.WAITING
                )
                childcare_decide(meeting, registration)
                registration.save()
                _queue_replies(registration, waiting_reason)
            else:
                registration.status = (
                    RegistrationStatus.PENDING if seated else RegistrationStatus.WAITING
                )
                if seated:
                    registration.hold_expires_at = now + datetime.timedelta(
                        minutes=settings.REGISTRATION_HOLD_MINUTES
                    )
                childcare_decide(meeting, registration)
                registration.save()
                email_queue(
                    registration=registration,
                    kind=EmailKind.CONFIRM_ADDRESS,
                    waiting_reason=waiting_reason,
                )
            return registration
    except IntegrityError as error:
        # A second active registration with the same address, made at the same moment; any
        # other broken rule is not the visitor's to hear about.
        if (
            registration.is_assisted
            or not registration.email
            or not holding_a_place(meeting_id, registration.email).exists()
        ):
            raise
        raise AlreadyRegistered(
            str(_("This e-mail address is already registered for this meeting."))
        ) from error


def registration_confirm_address(
    *, token: str, now: datetime.datetime | None = None
) -> Registration:
    """The address's owner confirms the registration through the link sent there. A seat
    still held becomes theirs; when the hold ran out or the meeting was full, they take the
    first free seat their place in the queue gives them (until the meeting starts), or wait.
    Confirming twice, a cancelled registration or a cancelled meeting changes nothing."""
    now = now or timezone.now()
    meeting_id = Registration.objects.values_list("meeting_id", flat=True).get(cancel_token=token)
    with transaction.atomic():
        meeting = lock_meeting(meeting_id)
        registration = Registration.objects.select_related(
            "language", "guardian_language", "group", "interpreter_language", "meeting__forum"
        ).get(cancel_token=token)
        if (
            registration.address_confirmed_at
            or registration.status not in ACTIVE_STATUSES
            or meeting.status != MeetingStatus.SCHEDULED
        ):
            seats_free_up(meeting, now)
            return registration
        registration.address_confirmed_at = now
        if registration.status == RegistrationStatus.PENDING:
            held = registration.hold_expires_at is not None and registration.hold_expires_at > now
            registration.status = (
                RegistrationStatus.CONFIRMED if held else RegistrationStatus.WAITING
            )
            registration.hold_expires_at = None
            childcare_decide(meeting, registration)
        registration.save(
            update_fields=["address_confirmed_at", "status", "hold_expires_at", "childcare_status"]
        )
        # In the queue now: a free seat comes in its order, and the person is told below.
        seats_free_up(meeting, now, told_apart=registration)
        registration.refresh_from_db(fields=["status", "promoted_at", "childcare_status"])
        waiting = registration.status == RegistrationStatus.WAITING
        _queue_replies(
            registration,
            seat_situation(meeting, registration.group_id, registration.people).waiting_reason
            if waiting
            else None,
        )
        return registration


def holds_release_all(*, now: datetime.datetime | None = None) -> int:
    """Give back the seats whose hold ran out, meeting by meeting, each under its lock, and
    promote the people waiting for them: beat runs it every minute, for meetings where no
    one has registered, confirmed or cancelled meanwhile (each of those frees up the
    meeting's seats first). Returns how many holds were released."""
    now = now or timezone.now()
    meeting_ids = (
        Registration.objects.filter(status=RegistrationStatus.PENDING, hold_expires_at__lte=now)
        .order_by("meeting_id")
        .values_list("meeting_id", flat=True)
        .distinct()
    )
    released = 0
    for meeting_id in list(meeting_ids):
        with transaction.atomic():
            released += seats_free_up(lock_meeting(meeting_id), now).released
    return released


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
        existing = holding_a_place(meeting_id, data.email).select_related("language").first()
        if existing is not None:
            email_queue(registration=existing, kind=EmailKind.ALREADY_REGISTERED)
    return None


@transaction.atomic
def waitlist_promote(
    *, meeting_id: int, now: datetime.datetime | None = None
) -> list[Registration]:
    """Promote as many waiting people as there are free seats (after a cancellation or when
    staff add seats); each promoted person is told by e-mail."""
    now = now or timezone.now()
    meeting = lock_meeting(meeting_id)
    if meeting.status != MeetingStatus.SCHEDULED:
        return []
    return seats_free_up(meeting, now).promoted


def registration_cancel(
    *, token: str, now: datetime.datetime | None = None, notify: bool = True
) -> Registration:
    """Cancel through the secret link; the freed seat goes to the first person waiting whose
    group has room. Cancelling twice changes nothing. Without `notify` the person is not
    e-mailed (their data is being erased); those promoted still are."""
    now = now or timezone.now()
    meeting_id = Registration.objects.values_list("meeting_id", flat=True).get(cancel_token=token)
    with transaction.atomic():
        meeting = lock_meeting(meeting_id)
        registration = Registration.objects.select_related("language", "meeting__forum").get(
            cancel_token=token
        )
        if registration.status == RegistrationStatus.CANCELLED:
            return registration
        held_a_seat = registration.status in SEAT_STATUSES
        registration.status = RegistrationStatus.CANCELLED
        registration.cancelled_at = now
        registration.hold_expires_at = None
        registration.save(update_fields=["status", "cancelled_at", "hold_expires_at"])
        # Only to a confirmed address: an unconfirmed one may be anyone's.
        if notify and registration.address_confirmed_at is not None:
            email_queue(registration=registration, kind=EmailKind.CANCELLED, had_seat=held_a_seat)
        if held_a_seat:
            seats_free_up(meeting, now)
        return registration
