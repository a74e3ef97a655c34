"""Changing meetings: cancelling one tells everyone still registered, a change of time or place
raises its calendar sequence, and repeating meetings keep their local time."""

import datetime
import itertools

import icalendar
import pytest

from forums import services
from forums.models import EmailKind, EmailStatus, Meeting, MeetingStatus

from .forum_factories import register, send_queued
from .registration_helpers import HELSINKI, _emails, _forum, _meeting

pytestmark = pytest.mark.django_db


# Cancelling and changing meetings


def test_meeting_cancel_tells_everyone_still_registered_once():
    meeting = _meeting(capacity=1)
    anna = register(meeting, "anna@example.org")
    bertta = register(meeting, "bertta@example.org")
    cecilia = register(meeting, "cecilia@example.org")
    services.registration_cancel(token=cecilia.cancel_token)
    sequence = Meeting.objects.get(pk=meeting.pk).sequence

    told = services.meeting_cancel(meeting_id=meeting.pk)
    assert {message.status for message in _emails(EmailKind.MEETING_CANCELLED)} == {
        EmailStatus.QUEUED
    }
    send_queued()

    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.CANCELLED
    assert meeting.sequence == sequence + 1
    messages = _emails(EmailKind.MEETING_CANCELLED)
    assert told == len(messages) == 2
    assert sorted(e.recipient for e in messages) == sorted([anna.email, bertta.email])
    for message in messages:
        assert message.status == EmailStatus.SENT
    # The one with a seat has the meeting in a calendar to remove; the one waiting has not.
    seated, waiting = (next(m for m in messages if m.recipient == r.email) for r in (anna, bertta))
    assert waiting.ics == ""
    event = icalendar.Calendar.from_ical(seated.ics).walk("VEVENT")[0]
    assert str(event["STATUS"]) == "CANCELLED"
    assert event.decoded("SEQUENCE") == meeting.sequence

    assert services.meeting_cancel(meeting_id=meeting.pk) == 0
    meeting.refresh_from_db()
    assert meeting.sequence == sequence + 1
    assert len(_emails(EmailKind.MEETING_CANCELLED)) == 2


def test_meeting_cancel_without_registrations_tells_nobody():
    meeting = _meeting()

    assert services.meeting_cancel(meeting_id=meeting.pk) == 0
    meeting.refresh_from_db()
    assert (meeting.status, meeting.sequence) == (MeetingStatus.CANCELLED, 1)


@pytest.mark.parametrize(
    ("changed_fields", "moves"),
    [
        (["title", "description", "capacity"], False),
        ([], False),
        (["starts_at"], True),
        (["ends_at"], True),
        (["venue", "title"], True),
        (["address"], True),
        (["municipality"], True),
        (["online_url"], True),
    ],
)
def test_meeting_calendar_changed_raises_the_sequence_only_for_time_or_place(changed_fields, moves):
    meeting = _meeting()
    before = meeting.sequence

    changed = services.meeting_calendar_changed(meeting=meeting, changed_fields=changed_fields)

    assert changed is moves
    assert meeting.sequence == before + (1 if moves else 0)


# Repeating meetings


def test_meetings_generate_every_other_week_keeps_the_local_time_across_dst():
    forum = _forum()
    # A Tuesday in mid-October; summer time ends on the last Sunday of October.
    first_start = datetime.datetime(2026, 10, 13, 17, 0, tzinfo=HELSINKI)

    meetings = services.meetings_generate(
        forum=forum,
        first_start=first_start,
        duration=datetime.timedelta(hours=2),
        frequency=services.Frequency.WEEKLY,
        interval=2,
        count=4,
        capacity=25,
        venue="Tikkurilan kirjasto",
    )

    assert len(meetings) == 4
    assert list(forum.meetings.order_by("starts_at")) == meetings
    local = [m.starts_at.astimezone(HELSINKI) for m in meetings]
    assert [start.date() for start in local] == [
        first_start.date() + datetime.timedelta(weeks=2 * n) for n in range(4)
    ]
    assert {(start.weekday(), start.hour, start.minute) for start in local} == {
        (first_start.weekday(), 17, 0)
    }
    # The change was crossed: the same local time is a different UTC time.
    assert local[0].utcoffset() != local[-1].utcoffset()
    for meeting in meetings:
        meeting.refresh_from_db()
        assert meeting.ends_at - meeting.starts_at == datetime.timedelta(hours=2)
        assert (meeting.capacity, meeting.venue) == (25, "Tikkurilan kirjasto")
        assert meeting.status == MeetingStatus.SCHEDULED


def _generate_monthly(first_start: datetime.datetime, interval: int, count: int) -> list[Meeting]:
    return services.meetings_generate(
        forum=_forum(),
        first_start=first_start,
        duration=datetime.timedelta(hours=3),
        frequency=services.Frequency.MONTHLY,
        interval=interval,
        count=count,
        capacity=40,
    )


def test_meetings_generate_every_six_months_is_twice_a_year():
    first_start = datetime.datetime(2027, 1, 12, 9, 30, tzinfo=HELSINKI)

    meetings = _generate_monthly(first_start, interval=6, count=4)

    local = [m.starts_at.astimezone(HELSINKI) for m in meetings]
    assert [(start.year, start.month, start.day) for start in local] == [
        (
            first_start.year + (first_start.month - 1 + 6 * n) // 12,
            (first_start.month - 1 + 6 * n) % 12 + 1,
            first_start.day,
        )
        for n in range(4)
    ]
    assert {(start.hour, start.minute) for start in local} == {(9, 30)}
    # January is winter time, July summer time: the local time holds across both changes.
    assert local[0].utcoffset() != local[1].utcoffset()


def test_meetings_generate_every_six_months_from_the_end_of_a_month_is_twice_a_year():
    # Six months after 31 August there is no 31st; the meetings must still come twice a year,
    # not skip to the next August.
    first_start = datetime.datetime(2026, 8, 31, 17, 0, tzinfo=HELSINKI)

    meetings = _generate_monthly(first_start, interval=6, count=4)

    local = [m.starts_at.astimezone(HELSINKI) for m in meetings]
    assert [start.month for start in local] == [8, 2, 8, 2]
    gaps = [(later - earlier).days for earlier, later in itertools.pairwise(local)]
    assert all(178 <= gap <= 186 for gap in gaps), gaps
