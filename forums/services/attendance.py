"""Attendance at the door: marking registrants present or absent, and noting walk-ins.

A phone that lost its connection sends its marks when it is back, perhaps more than once and
out of order; so a mark carries the time it was made, and a mark older than the one stored
changes nothing: the latest mark wins however late it arrives."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..models import Attendance, Registration, RegistrationStatus, StakeholderGroup, WalkIn


class NotMarkable(Exception):
    """A mark that cannot be made; the message is for staff."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@transaction.atomic
def attendance_mark(
    *,
    meeting_id: int,
    registration_id: int,
    attendance: str,
    marked_at: datetime.datetime | None = None,
    now: datetime.datetime | None = None,
) -> Registration:
    """Mark a confirmed registrant of the meeting present or absent, as of `marked_at` (when
    staff tapped; now if not given). Returns the registration as stored: unchanged when a
    newer mark is there already. Raises Registration.DoesNotExist for a registration of
    another meeting, and NotMarkable for one without a seat."""
    now = now or timezone.now()
    # A phone whose clock runs ahead would otherwise make its marks impossible to correct.
    marked_at = min(marked_at or now, now)
    if attendance not in Attendance.values:
        raise NotMarkable(str(_("Mark the person present or absent.")))
    registration = Registration.objects.select_for_update().get(
        pk=registration_id, meeting_id=meeting_id
    )
    if registration.status != RegistrationStatus.CONFIRMED or registration.anonymised_at:
        raise NotMarkable(str(_("Only people with a confirmed seat can be marked.")))
    stored = registration.attendance_marked_at
    if stored is not None and marked_at < stored:
        return registration
    registration.attendance = attendance
    registration.attendance_marked_at = marked_at
    registration.save(update_fields=["attendance", "attendance_marked_at"])
    return registration


@transaction.atomic
def walk_in_add(
    *,
    meeting_id: int,
    group_id: int,
    name: str = "",
    language_id: int | None = None,
    now: datetime.datetime | None = None,
) -> WalkIn:
    """Note someone who came without registering, in one of the forum's stakeholder groups
    (those the meeting's figures are reported in)."""
    if not StakeholderGroup.objects.filter(pk=group_id, forum__meetings=meeting_id).exists():
        raise ValidationError({"group": _("Choose one of the forum's stakeholder groups.")})
    walk_in = WalkIn(
        meeting_id=meeting_id,
        group_id=group_id,
        name=name.strip(),
        language_id=language_id,
        arrived_at=now or timezone.now(),
    )
    walk_in.full_clean(exclude=["meeting", "group"])
    walk_in.save()
    return walk_in


@transaction.atomic
def walk_in_remove(*, meeting_id: int, walk_in_id: int) -> bool:
    """Remove a walk-in noted by mistake; returns whether there was one (removing it twice,
    with a double tap, is no error)."""
    deleted, _per_model = WalkIn.objects.filter(pk=walk_in_id, meeting_id=meeting_id).delete()
    return bool(deleted)
