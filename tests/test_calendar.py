"""The iCalendar files: one meeting, the feed of all meetings and each forum's feed."""

import datetime
import zoneinfo

import icalendar
import pytest
from django.urls import reverse
from django.utils import timezone, translation

from forums.calendar import meeting_uid
from forums.models import Meeting
from forums.services import meeting_calendar_changed, meeting_cancel

from .factories import ProjectFactory
from .forum_factories import ForumFactory, MeetingFactory

pytestmark = pytest.mark.django_db
HELSINKI = zoneinfo.ZoneInfo("Europe/Helsinki")


def local(days: int, hour: int = 17, minute: int = 0) -> datetime.datetime:
    """A whole minute in Helsinki time, `days` from today: calendars carry no microseconds."""
    day = timezone.localdate() + datetime.timedelta(days=days)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, minute)))


def meeting_at(days: int, **kwargs) -> Meeting:
    starts_at = local(days)
    return MeetingFactory.create(
        starts_at=starts_at, ends_at=starts_at + datetime.timedelta(hours=2), **kwargs
    )


def url(name: str, **kwargs) -> str:
    with translation.override("en"):
        return reverse(name, kwargs=kwargs)


def fetch(client, address: str) -> icalendar.Calendar:
    response = client.get(address)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    return icalendar.Calendar.from_ical(response.content)


def events(calendar: icalendar.Calendar) -> dict[str, icalendar.Component]:
    return {str(event["UID"]): event for event in calendar.walk("VEVENT")}


def test_meeting_file_describes_the_meeting(client):
    meeting = meeting_at(20, venue="Itäkeskuksen monitoimitalo", municipality="Helsinki")
    calendar = fetch(client, url("forums:meeting_ics", pk=meeting.pk))
    (event,) = calendar.walk("VEVENT")
    assert str(event["UID"]) == meeting_uid(meeting)
    assert event.decoded("dtstart") == meeting.starts_at
    assert event.decoded("dtend") == meeting.ends_at
    assert event["DTSTART"].params["TZID"] == "Europe/Helsinki"
    assert event["DTEND"].params["TZID"] == "Europe/Helsinki"
    assert event.decoded("sequence") == meeting.sequence
    assert str(event["STATUS"]) == "CONFIRMED"
    assert "Itäkeskuksen monitoimitalo" in str(event["LOCATION"])
    assert "Helsinki" in str(event["LOCATION"])


def test_calendar_carries_the_helsinki_time_zone(client):
    meeting = meeting_at(20)
    calendar = fetch(client, url("forums:meeting_ics", pk=meeting.pk))
    assert [str(zone["TZID"]) for zone in calendar.walk("VTIMEZONE")] == ["Europe/Helsinki"]


def test_summer_meeting_keeps_its_local_wall_clock_time(client):
    # Helsinki is UTC+3 in summer and UTC+2 in winter; the file must say 17:00 in both.
    year = timezone.localdate().year + 1
    summer = datetime.datetime(year, 6, 15, 17, 0, tzinfo=HELSINKI)
    winter = datetime.datetime(year, 12, 15, 17, 0, tzinfo=HELSINKI)
    for starts_at in (summer, winter):
        meeting = MeetingFactory(
            starts_at=starts_at, ends_at=starts_at + datetime.timedelta(hours=2)
        )
        (event,) = fetch(client, url("forums:meeting_ics", pk=meeting.pk)).walk("VEVENT")
        start = event.decoded("dtstart")
        assert (start.hour, start.minute) == (17, 0)
        assert start == starts_at


def test_cancelled_meeting_is_cancelled_in_calendars(client):
    meeting = meeting_at(20)
    before = fetch(client, url("forums:meeting_ics", pk=meeting.pk)).walk("VEVENT")[0]

    meeting_cancel(meeting_id=meeting.pk)

    after = fetch(client, url("forums:meeting_ics", pk=meeting.pk)).walk("VEVENT")[0]
    assert str(after["STATUS"]) == "CANCELLED"
    assert after.decoded("sequence") == before.decoded("sequence") + 1
    assert str(after["UID"]) == str(before["UID"]) == meeting_uid(meeting)


def test_moved_meeting_keeps_its_uid_and_raises_the_sequence(client):
    meeting = meeting_at(20)
    before = fetch(client, url("forums:meeting_ics", pk=meeting.pk)).walk("VEVENT")[0]

    meeting.starts_at = local(21, hour=18)
    meeting.ends_at = meeting.starts_at + datetime.timedelta(hours=1)
    meeting_calendar_changed(meeting=meeting, changed_fields=["starts_at", "ends_at"])
    meeting.save()

    after = fetch(client, url("forums:meeting_ics", pk=meeting.pk)).walk("VEVENT")[0]
    assert str(after["UID"]) == str(before["UID"])
    assert after.decoded("sequence") == before.decoded("sequence") + 1
    assert after.decoded("dtstart") == meeting.starts_at
    assert after.decoded("dtend") == meeting.ends_at
    assert after.decoded("dtstart") != before.decoded("dtstart")


def test_feed_has_the_upcoming_meetings_of_published_projects(client):
    upcoming = meeting_at(10)
    other_forum = meeting_at(30)
    cancelled = meeting_at(40)
    meeting_cancel(meeting_id=cancelled.pk)
    past = meeting_at(-10)
    hidden = meeting_at(10, forum=ForumFactory(project=ProjectFactory(is_published=False)))

    found = events(fetch(client, url("forums:feed")))

    assert set(found) == {meeting_uid(m) for m in (upcoming, other_forum, cancelled)}
    assert meeting_uid(past) not in found
    assert meeting_uid(hidden) not in found
    # Subscribers must learn that a meeting was cancelled, so it stays in the feed as such.
    assert str(found[meeting_uid(cancelled)]["STATUS"]) == "CANCELLED"
    for meeting in (upcoming, other_forum):
        event = found[meeting_uid(meeting)]
        assert event.decoded("dtstart") == meeting.starts_at
        assert event["DTSTART"].params["TZID"] == "Europe/Helsinki"
        assert str(event["STATUS"]) == "CONFIRMED"


def test_forum_feed_has_only_that_forums_upcoming_meetings(client):
    first = meeting_at(10)
    second = meeting_at(20, forum=first.forum)
    meeting_at(-5, forum=first.forum)
    meeting_at(15)  # another forum

    found = events(fetch(client, url("forums:forum_feed", slug=first.forum.slug)))

    assert set(found) == {meeting_uid(first), meeting_uid(second)}
    for meeting in (first, second):
        assert found[meeting_uid(meeting)].decoded("sequence") == meeting.sequence
        assert "Tikkurilan kirjasto" in str(found[meeting_uid(meeting)]["LOCATION"])


def test_calendars_of_unpublished_projects_are_not_found(client):
    meeting = meeting_at(10, forum=ForumFactory(project=ProjectFactory(is_published=False)))
    assert client.get(url("forums:meeting_ics", pk=meeting.pk)).status_code == 404
    assert client.get(url("forums:forum_feed", slug=meeting.forum.slug)).status_code == 404
