"""Invitees and invitations: importing people, inviting them once per meeting, their
personal links, unsubscribing, and reminders before a meeting."""

import csv
import datetime
import io
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import IO

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.db.models import Count, F, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from projects.models import Implementer, Organisation

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
from .outbox import UNSUBSCRIBED_ERROR, email_send_after_commit

CSV_COLUMNS = ("name", "email", "group", "language")
CREATE_BATCH = 200


def invitee_unsubscribe(*, invitee: Invitee) -> Invitee:
    """No more invitations from now on; invitations already written but not yet sent are
    not sent either."""
    with transaction.atomic():
        if invitee.unsubscribed_at is None:
            invitee.unsubscribed_at = timezone.now()
            invitee.save(update_fields=["unsubscribed_at", "updated_at"])
        # The sending task checks again, for a message it has already claimed.
        OutboundEmail.objects.filter(
            kind=EmailKind.INVITATION,
            invitation__invitee=invitee,
            status__in=[EmailStatus.QUEUED, EmailStatus.RETRYING],
        ).update(status=EmailStatus.FAILED, last_error=UNSUBSCRIBED_ERROR)
    return invitee


@dataclass
class ImportReport:
    created: int = 0
    updated: int = 0
    errors: list[tuple[int, str]] = field(default_factory=list)


def invitees_import_csv(
    file: IO[bytes] | IO[str],
    *,
    now: datetime.datetime | None = None,
    kept_by: Organisation | None = None,
) -> ImportReport:
    """Import `name,email,group,language[,organisation]` rows (comma or semicolon separated,
    UTF-8 with or without a byte order mark). A row with a known e-mail updates that person;
    a bad row is reported by its line number and skipped; the good rows are imported. People
    who unsubscribed stay unsubscribed.

    With `kept_by` (an editor's import), new people go on that organisation's list, and only
    people already on it are updated: a row whose address is on another list, or on none, is
    skipped, and the report says no more than that, since whose list it is and what it holds
    belong to others."""
    raw = file.read()
    text = raw.decode("utf-8-sig") if isinstance(raw, bytes) else raw.lstrip("\ufeff")
    first_line = text.split("\n", 1)[0]
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    reader = csv.DictReader(io.StringIO(text), delimiter=delimiter)
    report = ImportReport()
    header = [name.strip().lower() for name in reader.fieldnames or []]
    missing = [column for column in CSV_COLUMNS if column not in header]
    if missing:
        report.errors.append(
            (1, _("The header lacks the columns: %(columns)s.") % {"columns": ", ".join(missing)})
        )
        return report
    reader.fieldnames = header
    groups = {group.slug: group for group in StakeholderGroup.objects.all()}
    languages = {language.code: language for language in Language.objects.all()}
    now = now or timezone.now()
    for row in reader:
        line = reader.line_num
        values = {key: (value or "").strip() for key, value in row.items() if key}
        try:
            person = _invitee_values(values, groups, languages)
        except ValidationError as error:
            report.errors.append((line, " ".join(error.messages)))
            continue
        with transaction.atomic():
            invitee = (
                Invitee.objects.select_for_update().filter(email__iexact=person["email"]).first()
            )
            if invitee is None:
                Invitee.objects.create(**person, kept_by=kept_by, consent_at=now)
                report.created += 1
            elif kept_by is not None and invitee.kept_by_id != kept_by.pk:
                report.errors.append(
                    (line, _("This address is on another list; the row was not imported."))
                )
            else:
                for name, value in person.items():
                    setattr(invitee, name, value)
                invitee.save()
                report.updated += 1
    return report


def _invitee_values(
    values: dict[str, str],
    groups: dict[str, StakeholderGroup],
    languages: dict[str, Language],
) -> dict[str, object]:
    problems = []
    if not values.get("name"):
        problems.append(_("The name is missing."))
    email = values.get("email", "")
    try:
        validate_email(email)
    except ValidationError:
        problems.append(_("“%(email)s” is not an e-mail address.") % {"email": email})
    group = groups.get(values.get("group", ""))
    if group is None:
        problems.append(
            _("Unknown stakeholder group “%(group)s”.") % {"group": values.get("group", "")}
        )
    language = languages.get(values.get("language", "").lower())
    if language is None:
        problems.append(
            _("Unknown language “%(language)s”.") % {"language": values.get("language", "")}
        )
    if problems:
        raise ValidationError(problems)
    return {
        "name": values["name"][:200],
        "email": email,
        "group": group,
        "language": language,
        "organisation": values.get("organisation", "")[:200],
    }


@dataclass
class InvitationReport:
    created: int
    already_invited: int


def invitations_create(
    *,
    meeting_id: int,
    group_ids: Iterable[int] | None = None,
    organisation_ids: Iterable[int] | None = None,
) -> InvitationReport:
    """Invite everyone in the groups (all groups of the forum when none are given) who has not
    unsubscribed and has not been invited to this meeting before, from the portal-wide list
    and the lists of the organisations implementing the meeting's project; when an editor
    sends, only from the lists of those of them that are the editor's own
    (`organisation_ids`): another organisation's people are theirs to invite. Each
    invitation and its outbox message are written together, in batches, and sent by Celery
    after each commit."""
    meeting = Meeting.objects.select_related("forum").get(pk=meeting_id)
    groups = (
        list(group_ids)
        if group_ids is not None
        else list(meeting.forum.stakeholder_groups.values_list("pk", flat=True))
    )
    implementers = Implementer.objects.filter(project_id=meeting.forum.project_id)
    if organisation_ids is not None:
        implementers = implementers.filter(organisation_id__in=list(organisation_ids))
    # The organisations the invitations come from, in the project's order of implementers:
    # their lists are used, and their invitation texts.
    senders = list(
        dict.fromkeys(
            implementers.order_by("order", "pk").values_list("organisation_id", flat=True)
        )
    )
    invitees = Invitee.objects.filter(
        Q(kept_by__isnull=True) | Q(kept_by__in=senders),
        group_id__in=groups,
        unsubscribed_at__isnull=True,
    )
    already = invitees.filter(invitations__meeting=meeting).count()
    pending = list(
        invitees.exclude(invitations__meeting=meeting)
        .select_related("language", "group")
        .order_by("pk")
    )
    created = 0
    for start in range(0, len(pending), CREATE_BATCH):
        created += _invitations_batch(meeting, pending[start : start + CREATE_BATCH], senders)
    return InvitationReport(created=created, already_invited=already + len(pending) - created)


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
