"""Personal data: anonymising registrations once their meeting is long over, and a person's
right to see (export) and to have erased everything the portal holds about their address.

What stays after anonymisation is what counts people per meeting, stakeholder group, language,
interpreter language and age group; nothing in it leads back to a person. The registration's
link to its invitation goes too, since the invitee behind it has a name and an address. The
names noted of walk-ins go at the same time; they have no address to export or erase by.
"""

import datetime
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from projects.models import Contact

from .models import (
    ACTIVE_STATUSES,
    AgeGroup,
    EmailKind,
    EmailStatus,
    Invitation,
    Invitee,
    InviteeImport,
    OutboundEmail,
    Registration,
    WalkIn,
)
from .services import registration_cancel

# Rows anonymised per transaction: short transactions, few locks held at a time.
ANONYMISE_BATCH = 2000

# Messages still to be sent: the worker needs their address, so they stay until they are sent
# or fail, and a later run removes them then.
PENDING_EMAIL_STATUSES = [EmailStatus.QUEUED, EmailStatus.SENDING, EmailStatus.RETRYING]

EMPTIED_FIELDS: dict[str, Any] = {
    "name": "",
    "email": "",
    "phone": "",
    "organisation": "",
    "needs": "",
    "guardian_email": "",
    "guardian_language": None,
    "invitation": None,
    "helper_name": "",
    "helper_organisation": "",
    "helper_email": "",
}
# What a registration keeps of the helper who made it once the helper's address is erased:
# how the family consented, not who the helper was.
HELPER_FIELDS: dict[str, Any] = {"helper_name": "", "helper_organisation": "", "helper_email": ""}


def _anonymise(registration_ids: list[int], now: datetime.datetime) -> int:
    return Registration.objects.filter(pk__in=registration_ids, anonymised_at__isnull=True).update(
        **EMPTIED_FIELDS, anonymised_at=now
    )


def _sent_emails_of_anonymised_delete() -> int:
    """Sent and failed messages of anonymised registrations hold the name and address that
    the registration no longer does. Messages still pending when their registration was
    anonymised are removed by the first run after they are sent."""
    deleted, _per_model = (
        OutboundEmail.objects.filter(registration__anonymised_at__isnull=False)
        .exclude(status__in=PENDING_EMAIL_STATUSES)
        .only("pk")
        .delete()
    )
    return deleted


def _old_messages_delete(cutoff: datetime.datetime) -> int:
    """Messages that no registration leads to any more hold names and addresses too: the
    invitations of meetings that ended before the cutoff, and messages left behind when a
    meeting or a registration was deleted, once they are older than the cutoff."""
    deleted, _per_model = (
        OutboundEmail.objects.filter(
            Q(kind=EmailKind.INVITATION, invitation__meeting__ends_at__lt=cutoff)
            | Q(registration__isnull=True, invitation__isnull=True, created_at__lt=cutoff)
        )
        .exclude(status__in=PENDING_EMAIL_STATUSES)
        .only("pk")
        .delete()
    )
    return deleted


def registrations_anonymise(*, now: datetime.datetime | None = None) -> int:
    """Empty the personal details of every registration whose meeting ended more than
    REGISTRATION_RETENTION_DAYS ago and the names of its walk-ins, and delete their sent and
    failed messages, and those of invitations to meetings as old and of deleted registrations;
    returns how many registrations and named walk-ins were anonymised. Runs in batches, each
    in its own transaction, so a large backlog neither holds one long transaction nor starts
    over when interrupted; running it again changes nothing."""
    now = now or timezone.now()
    cutoff = now - datetime.timedelta(days=settings.REGISTRATION_RETENTION_DAYS)
    due = Registration.objects.filter(anonymised_at__isnull=True, meeting__ends_at__lt=cutoff)
    anonymised = 0
    while True:
        with transaction.atomic():
            # Skip rows another run holds: two overlapping runs share the work.
            ids = list(
                due.select_for_update(skip_locked=True, of=("self",))
                .order_by("pk")
                .values_list("pk", flat=True)[:ANONYMISE_BATCH]
            )
            if not ids:
                break
            # Only the ids are read: the bodies are not needed to delete them.
            OutboundEmail.objects.filter(registration_id__in=ids).exclude(
                status__in=PENDING_EMAIL_STATUSES
            ).only("pk").delete()
            anonymised += _anonymise(ids, now)
    # Few per meeting, and a name is all they hold: one statement empties them.
    anonymised += (
        WalkIn.objects.filter(meeting__ends_at__lt=cutoff).exclude(name="").update(name="")
    )
    _sent_emails_of_anonymised_delete()
    _old_messages_delete(cutoff)
    # The reports of old imports of invitees: their skipped rows may hold what people typed.
    InviteeImport.objects.filter(created_at__lt=cutoff).delete()
    return anonymised


def _address(email: str) -> str:
    address = email.strip()
    if "@" not in address:
        # An empty address would match every anonymised registration.
        raise ValueError("An e-mail address is needed.")
    return address


def _iso(moment: datetime.datetime | None) -> str | None:
    return moment.isoformat() if moment else None


def _meeting(registration_or_invitation: Registration | Invitation) -> dict[str, Any]:
    meeting = registration_or_invitation.meeting
    return {
        "title": meeting.display_title,
        "starts_at": _iso(meeting.starts_at),
        "ends_at": _iso(meeting.ends_at),
    }


def personal_data_export(*, email: str) -> dict[str, Any]:
    """Everything the portal holds about the address (matched whatever its case), as plain
    JSON-ready data: registrations, registrations that name it as a guardian's, the invitee
    and their invitations, messages sent to it, project contacts and staff accounts."""
    address = _address(email)
    registrations = (
        Registration.objects.filter(email__iexact=address)
        .select_related(
            "meeting__forum", "group", "language", "interpreter_language", "guardian_language"
        )
        .order_by("created_at", "pk")
    )
    as_guardian = (
        Registration.objects.filter(guardian_email__iexact=address)
        .select_related("meeting__forum", "guardian_language")
        .order_by("created_at", "pk")
    )
    as_helper = (
        Registration.objects.filter(helper_email__iexact=address)
        .select_related("meeting__forum")
        .order_by("created_at", "pk")
    )
    invitees = Invitee.objects.filter(email__iexact=address).select_related(
        "group", "language", "kept_by"
    )
    invitations = (
        Invitation.objects.filter(invitee__in=invitees)
        .select_related("meeting__forum", "email")
        .order_by("created_at", "pk")
    )
    emails = OutboundEmail.objects.filter(recipient__iexact=address).order_by("created_at", "pk")
    contacts = Contact.objects.filter(email__iexact=address).select_related(
        "project", "organisation"
    )
    users = get_user_model().objects.filter(email__iexact=address).order_by("pk")
    return {
        "email": address,
        "exported_at": _iso(timezone.now()),
        "registrations": [
            {
                "meeting": _meeting(registration),
                "name": registration.name,
                "email": registration.email,
                "phone": registration.phone,
                "organisation": registration.organisation,
                "stakeholder_group": str(registration.group),
                "age_group": registration.get_age_group_display(),
                "language": str(registration.language),
                "interpreter_language": str(registration.interpreter_language or ""),
                "needs": registration.needs,
                "guardian_email": registration.guardian_email,
                "guardian_language": str(registration.guardian_language or ""),
                "status": registration.get_status_display(),
                "companion_adults": registration.companion_adults,
                "companion_youth": registration.companion_youth,
                "companion_children": registration.companion_children,
                "childcare_children": registration.childcare_children,
                "registered_by_a_helper": registration.is_assisted,
                "consent_method": registration.get_consent_method_display(),
                "registered_at": _iso(registration.created_at),
                "consent_at": _iso(registration.consent_at),
                "consent_version": registration.consent_version,
                "promoted_at": _iso(registration.promoted_at),
                "cancelled_at": _iso(registration.cancelled_at),
            }
            for registration in registrations
        ],
        # The participant's own details are theirs: the guardian sees what concerns them.
        "as_guardian": [
            {
                "meeting": _meeting(registration),
                "age_group": registration.get_age_group_display(),
                "guardian_language": str(registration.guardian_language or ""),
                "status": registration.get_status_display(),
                "registered_at": _iso(registration.created_at),
            }
            for registration in as_guardian
        ],
        # The helper's own details and what they did: the family's details are the family's.
        "as_helper": [
            {
                "meeting": _meeting(registration),
                "helper_name": registration.helper_name,
                "helper_organisation": registration.helper_organisation,
                "consent_method": registration.get_consent_method_display(),
                "status": registration.get_status_display(),
                "registered_at": _iso(registration.created_at),
            }
            for registration in as_helper
        ],
        "invitees": [
            {
                "name": invitee.name,
                "email": invitee.email,
                "stakeholder_group": str(invitee.group),
                "language": str(invitee.language),
                "organisation": invitee.organisation,
                "on_the_list_of": str(invitee.kept_by or ""),
                "consent_at": _iso(invitee.consent_at),
                "unsubscribed_at": _iso(invitee.unsubscribed_at),
                "added_at": _iso(invitee.created_at),
                "invitations": [
                    {
                        "meeting": _meeting(invitation),
                        "language": invitation.language,
                        "created_at": _iso(invitation.created_at),
                        "email_status": (
                            invitation.email.get_status_display() if invitation.email else None
                        ),
                    }
                    for invitation in invitations
                    if invitation.invitee_id == invitee.pk
                ],
            }
            for invitee in invitees
        ],
        "emails": [
            {
                "kind": message.get_kind_display(),
                "subject": message.subject,
                "status": message.get_status_display(),
                "created_at": _iso(message.created_at),
                "sent_at": _iso(message.sent_at),
                "text": message.text_body,
            }
            for message in emails
        ],
        "project_contacts": [
            {
                "project": str(contact.project),
                "name": contact.name,
                "title": contact.title,
                "organisation": str(contact.organisation or ""),
                "email": contact.email,
                "phone": contact.phone,
            }
            for contact in contacts
        ],
        "staff_accounts": [
            {
                "username": user.get_username(),
                "first_name": user.first_name,
                "last_name": user.last_name,
            }
            for user in users
        ],
    }


def personal_data_summary(*, email: str, now: datetime.datetime | None = None) -> dict[str, int]:
    """How much an erasure of the address would touch, for the confirmation page."""
    address = _address(email)
    now = now or timezone.now()
    registrations = Registration.objects.filter(email__iexact=address, anonymised_at__isnull=True)
    invitees = Invitee.objects.filter(email__iexact=address)
    return {
        "registrations": registrations.count(),
        "registrations_to_cancel": registrations.filter(
            status__in=ACTIVE_STATUSES, meeting__ends_at__gt=now
        ).count(),
        "as_guardian": Registration.objects.filter(guardian_email__iexact=address).count(),
        "as_helper": Registration.objects.filter(helper_email__iexact=address).count(),
        "as_helper_to_cancel": Registration.objects.filter(
            helper_email__iexact=address,
            email="",
            anonymised_at__isnull=True,
            status__in=ACTIVE_STATUSES,
            meeting__ends_at__gt=now,
        ).count(),
        "invitees": invitees.count(),
        "invitations": Invitation.objects.filter(invitee__in=invitees).count(),
        "emails": OutboundEmail.objects.filter(recipient__iexact=address).count(),
        "contacts": Contact.objects.filter(email__iexact=address).count(),
        "staff_accounts": get_user_model().objects.filter(email__iexact=address).count(),
    }


@transaction.atomic
def personal_data_erase(*, email: str, now: datetime.datetime | None = None) -> dict[str, int]:
    """Erase what the portal holds about the address; returns counts of what was done.

    Upcoming seats are given up first, through the cancel service, so that the waiting list
    moves up (the person is not e-mailed). Registrations are anonymised, not deleted, so the
    meetings' counts per group and language stay. A registration of someone under 15 cannot
    stand without its guardian's address: erasing the guardian cancels it (the participant is
    told) and anonymises it; other registrations just lose the guardian's address. So with a
    helper: a family registered without an address of its own is left with no one to reach,
    and goes the same way (silently); the others just lose the helper's details. The invitee
    and their invitations and every message to the address are deleted. Project contacts with
    the address are deleted, not just emptied: the name, title and phone left behind would
    still be the person's, on a public page. Staff accounts are only counted: an
    administrator removes those.
    """
    address = _address(email)
    now = now or timezone.now()
    own = Registration.objects.filter(email__iexact=address, anonymised_at__isnull=True)
    guarded = Registration.objects.filter(
        guardian_email__iexact=address, anonymised_at__isnull=True
    )
    under_15 = guarded.filter(age_group=AgeGroup.UNDER_15)
    helped = Registration.objects.filter(helper_email__iexact=address, anonymised_at__isnull=True)
    unreachable = helped.filter(email="")
    upcoming = Q(status__in=ACTIVE_STATUSES, meeting__ends_at__gt=now)

    # The person's own seats are given up silently; a child whose guardian is erased is told.
    # Meetings are locked in order of their id, as everywhere, so no two erasures deadlock.
    to_cancel: dict[str, tuple[int, bool]] = {}
    for registrations, notify in ((under_15, True), (own, False), (unreachable, False)):
        for token, meeting_id in registrations.filter(upcoming).values_list(
            "cancel_token", "meeting_id"
        ):
            to_cancel[token] = (meeting_id, notify)
    for token, (_meeting_id, notify) in sorted(to_cancel.items(), key=lambda item: item[1]):
        registration_cancel(token=token, now=now, notify=notify)

    own_ids = list(own.values_list("pk", flat=True))
    child_ids = list(under_15.values_list("pk", flat=True))
    child_ids += unreachable.values_list("pk", flat=True)
    helped.exclude(pk__in=child_ids).update(**HELPER_FIELDS)
    guardian_removed = guarded.exclude(pk__in=child_ids).update(
        guardian_email="", guardian_language=None
    )
    invitees = Invitee.objects.filter(email__iexact=address)
    _total, deleted_emails = (
        OutboundEmail.objects.filter(
            Q(recipient__iexact=address)
            | Q(registration_id__in=own_ids)
            | (Q(registration_id__in=child_ids) & ~Q(status__in=PENDING_EMAIL_STATUSES))
            | Q(invitation__invitee__in=invitees)
        )
        .only("pk")
        .delete()
    )
    anonymised = _anonymise(own_ids + child_ids, now)
    invitations = Invitation.objects.filter(invitee__in=invitees).count()
    _total, deleted_invitees = invitees.delete()
    _total, deleted_contacts = Contact.objects.filter(email__iexact=address).delete()
    return {
        "registrations_cancelled": len(to_cancel),
        "registrations_anonymised": anonymised,
        "guardian_addresses_removed": guardian_removed,
        "invitees_deleted": deleted_invitees.get(Invitee._meta.label, 0),
        "invitations_deleted": invitations,
        "emails_deleted": deleted_emails.get(OutboundEmail._meta.label, 0),
        "contacts_deleted": deleted_contacts.get(Contact._meta.label, 0),
        "staff_accounts_kept": get_user_model().objects.filter(email__iexact=address).count(),
    }
