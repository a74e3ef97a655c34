"""Invitations: inviting people once per meeting, unsubscribing, and reminders before a
meeting. Importing people onto a list is in invitee_imports.py."""

import datetime
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Count, F, Q
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext as _

from projects.models import Implementer, Project

from .emails import InvitationSources, invitation_message, registration_message
from .models import (
    EmailKind,
    EmailStatus,
    Invitation,
    Invitee,
    Language,
    Meeting,
    MeetingStatus,
    OutboundEmail,
    Registration,
    RegistrationStatus,
    StakeholderGroup,
)
from .models.invitations import InviteeQuerySet
from .outbox import UNSUBSCRIBED_ERROR, email_send_after_commit

CREATE_BATCH = 200


def invitee_unsubscribe(*, invitee: Invitee) -> Invitee:
    """No more invitations to the address from now on, from whichever list it is on: the
    person asked to stop them, not to leave one list they do not know of. Invitations
    already written but not yet sent are not sent either."""
    now = timezone.now()
    with transaction.atomic():
        everywhere = Invitee.objects.filter(email__iexact=invitee.email)
        everywhere.filter(unsubscribed_at__isnull=True).update(unsubscribed_at=now, updated_at=now)
        # The sending task checks again, for a message it has already claimed.
        OutboundEmail.objects.filter(
            kind=EmailKind.INVITATION,
            invitation__invitee__in=everywhere,
            status__in=[EmailStatus.QUEUED, EmailStatus.RETRYING],
        ).update(status=EmailStatus.FAILED, last_error=UNSUBSCRIBED_ERROR)
    invitee.refresh_from_db()
    return invitee


@dataclass
class InvitationReport:
    created: int
    already_invited: int


@dataclass
class Recipients:
    """Who an invitation would go to, one invitee per address, from the lists the sender may
    use; and how many addresses of those groups were invited before."""

    meeting: Meeting
    on_lists: InviteeQuerySet
    invitees: list[Invitee]
    senders: list[int]
    already_invited: int


def _recipients(
    meeting_id: int, group_ids: Iterable[int] | None, organisation_ids: Iterable[int] | None
) -> Recipients:
    meeting = Meeting.objects.select_related("forum").get(pk=meeting_id)
    groups = (
        list(group_ids)
        if group_ids is not None
        else list(meeting.forum.stakeholder_groups.values_list("pk", flat=True))
    )
    project_id = meeting.forum.project_id
    implementers = Implementer.objects.filter(project_id=project_id)
    maintainers = Project.maintainers.through.objects.filter(project_id=project_id)
    if organisation_ids is not None:
        implementers = implementers.filter(organisation_id__in=list(organisation_ids))
        maintainers = maintainers.filter(organisation_id__in=list(organisation_ids))
    # The organisations the invitations come from: the project's implementers in their
    # order, then the organisations that keep its record. Their lists are used, and their
    # invitation texts.
    senders = list(
        dict.fromkeys(
            [
                *implementers.order_by("order", "pk").values_list("organisation_id", flat=True),
                *maintainers.order_by("pk").values_list("organisation_id", flat=True),
            ]
        )
    )
    # The portal-wide list and the senders' lists, in the chosen groups.
    on_lists = Invitee.objects.filter(
        Q(kept_by__isnull=True) | Q(kept_by__in=senders), group_id__in=groups
    )
    invitees = on_lists.subscribed().annotate(address=Lower("email"))
    # An address on two of the lists is invited once: from the first list the senders' order
    # gives, the portal's own list last.
    invited = Invitation.objects.filter(meeting=meeting).values(address=Lower("invitee__email"))
    already = invitees.filter(address__in=invited).values("address").distinct().count()
    rank: dict[int | None, int] = {
        organisation: place for place, organisation in enumerate(senders)
    }
    rank[None] = len(rank)
    candidates = sorted(
        invitees.exclude(address__in=invited).select_related("language", "group"),
        key=lambda invitee: (rank[invitee.kept_by_id], invitee.pk),
    )
    pending: list[Invitee] = []
    addresses: set[str] = set()
    for invitee in candidates:
        if invitee.address not in addresses:  # type: ignore[attr-defined]
            addresses.add(invitee.address)  # type: ignore[attr-defined]
            pending.append(invitee)
    return Recipients(meeting, on_lists, pending, senders, already)


def invitations_create(
    *,
    meeting_id: int,
    group_ids: Iterable[int] | None = None,
    organisation_ids: Iterable[int] | None = None,
) -> InvitationReport:
    """Invite everyone in the groups (all groups of the forum when none are given) who has not
    unsubscribed and has not been invited to this meeting before, from the portal-wide list
    and the lists of the organisations implementing the meeting's project or keeping its
    record; when an editor
    sends, only from the lists of those of them that are the editor's own
    (`organisation_ids`): another organisation's people are theirs to invite. Each
    invitation and its outbox message are written together, in batches, and sent by Celery
    after each commit."""
    recipients = _recipients(meeting_id, group_ids, organisation_ids)
    pending = recipients.invitees
    created = 0
    for start in range(0, len(pending), CREATE_BATCH):
        created += _invitations_batch(
            recipients.meeting, pending[start : start + CREATE_BATCH], recipients.senders
        )
    return InvitationReport(
        created=created, already_invited=recipients.already_invited + len(pending) - created
    )


def invitations_refused(meeting: Meeting) -> str | None:
    """Why no invitations go to the meeting now, for staff to read; None when they may."""
    if meeting.status == MeetingStatus.CANCELLED:
        return str(_("The meeting is cancelled: no invitations are sent to it."))
    if meeting.ends_at <= timezone.now():
        return str(_("The meeting is over: no invitations are sent to it."))
    return None


@dataclass
class InvitationPreview:
    """What sending would do, told before anything is sent."""

    # (stakeholder group, language, people) for those who would get an invitation now.
    rows: list[tuple[StakeholderGroup, Language, int]]
    already_invited: int
    unsubscribed: int

    @property
    def total(self) -> int:
        return sum(count for _group, _language, count in self.rows)


def invitations_preview(
    *,
    meeting_id: int,
    group_ids: Iterable[int],
    organisation_ids: Iterable[int] | None = None,
) -> InvitationPreview:
    """How many people in which groups and languages invitations_create() would invite with
    the same arguments, how many of those groups were invited before, and how many addresses
    on the same lists have unsubscribed."""
    groups = list(group_ids)
    recipients = _recipients(meeting_id, groups, organisation_ids)
    counts = Counter((invitee.group, invitee.language) for invitee in recipients.invitees)
    rows = sorted(
        ((group, language, count) for (group, language), count in counts.items()),
        key=lambda row: (row[0].order, row[0].pk, row[1].order, row[1].code),
    )
    unsubscribed = (
        recipients.on_lists.unsubscribed().values(address=Lower("email")).distinct().count()
    )
    return InvitationPreview(rows, recipients.already_invited, unsubscribed)


@transaction.atomic
def _invitations_batch(meeting: Meeting, invitees: list[Invitee], senders: list[int]) -> int:
    # Another run may have invited some of them meanwhile: the unique constraint decides.
    Invitation.objects.bulk_create(
        [Invitation(meeting=meeting, invitee=invitee) for invitee in invitees],
        ignore_conflicts=True,
    )
    invitations = list(
        Invitation.objects.filter(
            meeting=meeting, invitee__in=invitees, email__isnull=True
        ).select_related("invitee__language", "meeting__forum")
    )
    sources = InvitationSources.load(senders)
    messages = OutboundEmail.objects.bulk_create(
        [invitation_message(invitation, sources) for invitation in invitations]
    )
    for invitation, message in zip(invitations, messages, strict=True):
        invitation.email = message
        invitation.language = message.language
    Invitation.objects.bulk_update(invitations, ["email", "language"])
    for message in messages:
        email_send_after_commit(message.pk)
    return len(invitations)


@dataclass
class InvitationProgress:
    invited: int
    sent: int
    failed: int
    waiting: int
    registered: int


def invitation_progress(*, meeting_id: int) -> InvitationProgress:
    counts = Invitation.objects.filter(meeting_id=meeting_id).aggregate(
        invited=Count("pk"),
        sent=Count("pk", filter=Q(email__status=EmailStatus.SENT)),
        failed=Count("pk", filter=Q(email__status=EmailStatus.FAILED)),
    )
    registered = Registration.objects.filter(
        invitation__meeting_id=meeting_id,
        status__in=[RegistrationStatus.CONFIRMED, RegistrationStatus.WAITING],
    ).count()
    return InvitationProgress(
        invited=counts["invited"],
        sent=counts["sent"],
        failed=counts["failed"],
        waiting=counts["invited"] - counts["sent"] - counts["failed"],
        registered=registered,
    )


def reminders_queue(*, now: datetime.datetime | None = None) -> int:
    """Remind every confirmed registrant once, a configurable time before the meeting
    (REMINDER_BEFORE_HOURS); returns how many reminders were written."""
    now = now or timezone.now()
    before = datetime.timedelta(hours=settings.REMINDER_BEFORE_HOURS)
    due = Registration.objects.filter(
        status=RegistrationStatus.CONFIRMED,
        meeting__status=MeetingStatus.SCHEDULED,
        meeting__starts_at__gt=now,
        meeting__starts_at__lte=now + before,
        # Someone who registered this close to the meeting has just had the confirmation.
        created_at__lt=F("meeting__starts_at") - before,
    ).exclude(emails__kind=EmailKind.REMINDER)
    count = 0
    for registration in due.select_related("language", "meeting__forum"):
        try:
            with transaction.atomic():
                message = registration_message(registration, EmailKind.REMINDER)
                message.save()
                email_send_after_commit(message.pk)
        except IntegrityError:
            continue  # a sweep running at the same time reminded them: once is enough
        count += 1
    return count
