"""Meetings as iCalendar (RFC 5545) files, for e-mail attachments and subscribable feeds. An
online meeting's link is only in the file sent to those who have a seat: a public calendar
says "online", so that the link does not reach people the organiser has not let in.

Every file of a meeting has the same UID and the meeting's SEQUENCE, so that a calendar
replaces its entry with a newer one (an update) or removes it (a cancellation, METHOD:CANCEL,
RFC 5546)."""

import datetime
import functools
import zoneinfo
from collections.abc import Iterable

import icalendar
from django.conf import settings
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.translation import gettext as _

from .models import Meeting, MeetingStatus

HELSINKI = zoneinfo.ZoneInfo("Europe/Helsinki")


def meeting_uid(meeting: Meeting) -> str:
    """Stable for the life of the meeting, so that an update replaces the calendar entry."""
    return f"meeting-{meeting.pk}@{settings.CALENDAR_UID_DOMAIN}"


def meeting_location(meeting: Meeting, *, with_link: bool = False) -> str:
    place = ", ".join(
        part for part in (meeting.venue, meeting.address, meeting.municipality) if part
    )
    if place or not meeting.online_url:
        return place
    return meeting.online_url if with_link else str(_("Online"))


def _event(
    meeting: Meeting, stamp: datetime.datetime, *, with_link: bool, cancelled: bool
) -> icalendar.Event:
    event = icalendar.Event()
    event.add("uid", meeting_uid(meeting))
    event.add("dtstamp", stamp)
    event.add("sequence", meeting.sequence)
    event.add("dtstart", timezone.localtime(meeting.starts_at, HELSINKI))
    event.add("dtend", timezone.localtime(meeting.ends_at, HELSINKI))
    event.add("summary", meeting.display_title)
    event.add("url", settings.PORTAL_URL + meeting.get_absolute_url())
    if location := meeting_location(meeting, with_link=with_link):
        event.add("location", location)
    description = strip_tags(meeting.description or meeting.forum.purpose or "")
    if meeting.online_url and with_link:
        description = f"{description}\n\n{meeting.online_url}".strip()
    if description:
        event.add("description", description)
    event.add(
        "status",
        "CANCELLED" if cancelled or meeting.status == MeetingStatus.CANCELLED else "CONFIRMED",
    )
    return event


@functools.lru_cache(maxsize=4)
def _helsinki_vtimezone(year: int) -> icalendar.Timezone:
    """Europe/Helsinki's rules from last year to ten years ahead: enough for any meeting in a
    feed, and a fraction of the size and work of the full 1970-2038 history."""
    return icalendar.Timezone.from_tzid(
        "Europe/Helsinki",
        first_date=datetime.date(year - 1, 1, 1),
        last_date=datetime.date(year + 10, 1, 1),
    )


def meetings_ical(
    meetings: Iterable[Meeting], *, name: str = "", with_link: bool = False, cancel: bool = False
) -> bytes:
    """A calendar with the meetings (their forum must be loaded), in Europe/Helsinki time;
    `with_link` for a registrant who has a seat only. With `cancel` it takes the meetings
    off a calendar (METHOD:CANCEL, each event CANCELLED) and never carries the link: it goes
    to people who no longer have a seat, or about a meeting that will not take place.

    A cancellation keeps the meeting's SEQUENCE rather than raising it: someone who cancels
    may register again, and their new confirmation carries the meeting's SEQUENCE, which a
    calendar would ignore if it were lower than the cancellation's. (A cancelled meeting's
    SEQUENCE was raised when it was cancelled.)"""
    calendar = icalendar.Calendar()
    calendar.add("prodid", "-//Hankeportaali//Cooperation forums//FI")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    # The e-mail attachment's method= is read from here (RFC 6047: they must match).
    calendar.add("method", "CANCEL" if cancel else "PUBLISH")
    if name:
        calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", "Europe/Helsinki")
    stamp = timezone.now()
    calendar.add_component(_helsinki_vtimezone(timezone.localdate().year))
    for meeting in meetings:
        calendar.add_component(
            _event(meeting, stamp, with_link=with_link and not cancel, cancelled=cancel)
        )
    return calendar.to_ical()
