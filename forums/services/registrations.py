"""Registering for a meeting from the public form, the waiting list, and cancelling."""

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..models import (
    ACTIVE_STATUSES,
    AgeGroup,
    EmailKind,
    Invitation,
    Language,
    MeetingStatus,
    Registration,
    RegistrationStatus,
    StakeholderGroup,
)
from .seats import (
    AlreadyRegistered,
    GuardianNeeded,
    InvitationUsed,
    RegistrationClosed,
    email_queue,
    holding_a_place,
    lock_meeting,
    promote_waiting,
    seat_situation,
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
            meeting = lock_meeting(meeting_id)
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
            if holding_a_place(meeting_id, registration.email).exists():
                raise AlreadyRegistered(
                    str(_("This e-mail address is already registered for this meeting."))
                )
            confirmed = seat_situation(meeting, data.group.pk).group_seat
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
        if not holding_a_place(meeting_id, registration.email).exists():
            raise
        raise AlreadyRegistered(
            str(_("This e-mail address is already registered for this meeting."))
        ) from error


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
    meeting = lock_meeting(meeting_id)
    if meeting.status != MeetingStatus.SCHEDULED:
        return []
    return promote_waiting(meeting, now or timezone.now())


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
        was_confirmed = registration.status == RegistrationStatus.CONFIRMED
        registration.status = RegistrationStatus.CANCELLED
        registration.cancelled_at = now
        registration.save(update_fields=["status", "cancelled_at"])
        if notify:
            email_queue(registration=registration, kind=EmailKind.CANCELLED)
        if was_confirmed and meeting.status == MeetingStatus.SCHEDULED:
            promote_waiting(meeting, now)
        return registration
