"""Scheduling meetings, and telling registrants when one is cancelled or moved."""

import datetime

from dateutil.relativedelta import relativedelta
from django.db import transaction
from django.utils import timezone

from ..emails import MeetingCalendars
from ..models import ACTIVE_STATUSES, EmailKind, Forum, Meeting, MeetingStatus
from .seats import email_queue, lock_meeting

# Changing any of these moves the meeting in people's calendars.
CALENDAR_FIELDS = ("starts_at", "ends_at", "venue", "address", "municipality", "online_url")


@transaction.atomic
def meeting_cancel(*, meeting_id: int) -> int:
    """Cancel the meeting and tell everyone registered; returns how many were told."""
    meeting = lock_meeting(meeting_id)
    if meeting.status == MeetingStatus.CANCELLED:
        return 0
    meeting.status = MeetingStatus.CANCELLED
    meeting.sequence += 1
    meeting.save(update_fields=["status", "sequence", "updated_at"])
    # Only those whose address is confirmed: an unconfirmed one may be anyone's.
    registrations = meeting.registrations.filter(
        status__in=ACTIVE_STATUSES, address_confirmed_at__isnull=False
    ).select_related("language", "meeting__forum")
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
        status__in=ACTIVE_STATUSES, anonymised_at__isnull=True, address_confirmed_at__isnull=False
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
