"""Attendance's rules: a mark on a confirmed seat only, the latest mark winning however late
it arrives; walk-ins in the forum's groups; the summary after the meeting and the note of who
did not come last time; walk-ins' names going with the registrations' details. The check-in
page itself is tested in tests/test_check_in.py."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from forums.attendance import AttendanceCounts, attendance_summary
from forums.models import Attendance, MeetingStatus, Registration, WalkIn
from forums.privacy import registrations_anonymise
from forums.services import (
    NotMarkable,
    attendance_mark,
    registration_cancel,
    walk_in_add,
    walk_in_remove,
)

from .forum_factories import MeetingFactory, register
from .forum_factories import language as lang
from .privacy_helpers import end_meeting, meeting

pytestmark = pytest.mark.django_db

RETENTION = datetime.timedelta(days=180)


def mark(registration: Registration, attendance: str, **kwargs) -> Registration:
    return attendance_mark(
        meeting_id=registration.meeting_id,
        registration_id=registration.pk,
        attendance=attendance,
        **kwargs,
    )


def test_the_latest_mark_wins_whatever_order_they_arrive_in(parents, counsellors):
    anna = register(meeting(parents, counsellors), "anna@example.org")
    now = timezone.now()
    earlier, later = now - datetime.timedelta(minutes=10), now - datetime.timedelta(minutes=2)

    assert mark(anna, Attendance.ABSENT, marked_at=later).attendance == Attendance.ABSENT
    stored = mark(anna, Attendance.PRESENT, marked_at=earlier)  # retried from a phone

    assert (stored.attendance, stored.attendance_marked_at) == (Attendance.ABSENT, later)
    anna.refresh_from_db()
    assert (anna.attendance, anna.attendance_marked_at) == (Attendance.ABSENT, later)
    assert mark(anna, Attendance.PRESENT, marked_at=now).attendance == Attendance.PRESENT
    assert mark(anna, Attendance.PRESENT, marked_at=now).attendance == Attendance.PRESENT


def test_a_mark_from_a_clock_running_ahead_is_taken_as_made_now(parents, counsellors):
    anna = register(meeting(parents, counsellors), "anna@example.org")
    now = timezone.now()

    mark(anna, Attendance.ABSENT, marked_at=now + datetime.timedelta(days=1), now=now)
    corrected = mark(anna, Attendance.PRESENT, now=now + datetime.timedelta(seconds=1))

    assert corrected.attendance == Attendance.PRESENT


def test_only_a_confirmed_seat_of_the_meeting_can_be_marked(parents, counsellors):
    full = meeting(parents, counsellors, capacity=1)
    seated = register(full, "seated@example.org")
    waiting = register(full, "waiting@example.org")
    cancelled = register(full, "cancelled@example.org")
    registration_cancel(token=cancelled.cancel_token)
    elsewhere = register(meeting(parents, counsellors), "elsewhere@example.org")

    for registration in (waiting, cancelled):
        with pytest.raises(NotMarkable):
            mark(registration, Attendance.PRESENT)
    with pytest.raises(NotMarkable):
        mark(seated, "late")
    with pytest.raises(Registration.DoesNotExist):
        attendance_mark(
            meeting_id=full.pk,
            registration_id=elsewhere.pk,
            attendance=Attendance.PRESENT,
        )
    Registration.objects.filter(pk=seated.pk).update(anonymised_at=timezone.now())
    with pytest.raises(NotMarkable):
        mark(seated, Attendance.PRESENT)
    assert not Registration.objects.exclude(attendance="").exists()


def test_a_walk_in_comes_in_one_of_the_forums_groups(parents, counsellors, students):
    held = meeting(parents, counsellors)

    walk_in = walk_in_add(
        meeting_id=held.pk, group_id=parents.pk, name="  Hodan Ali ", language_id=lang("so").pk
    )

    assert (walk_in.name, walk_in.group, walk_in.language) == ("Hodan Ali", parents, lang("so"))
    with pytest.raises(ValidationError):
        walk_in_add(meeting_id=held.pk, group_id=students.pk)
    with pytest.raises(ValidationError):
        walk_in_add(meeting_id=held.pk, group_id=parents.pk, name="Hodan\u200b")
    assert WalkIn.objects.count() == 1


def test_removing_a_walk_in_twice_is_no_error(parents, counsellors):
    held, other = meeting(parents, counsellors), meeting(parents, counsellors)
    walk_in = walk_in_add(meeting_id=held.pk, group_id=parents.pk)

    assert walk_in_remove(meeting_id=other.pk, walk_in_id=walk_in.pk) is False
    assert walk_in_remove(meeting_id=held.pk, walk_in_id=walk_in.pk) is True
    assert walk_in_remove(meeting_id=held.pk, walk_in_id=walk_in.pk) is False
    assert not WalkIn.objects.exists()


def test_the_summary_counts_each_group_as_worked_out_by_hand(parents, counsellors, students):
    held = meeting(parents, counsellors, capacity=5)
    people = {
        name: register(held, f"{name}@example.org", name=name.title(), group=group)
        for name, group in [
            ("anna", parents),
            ("bertta", parents),
            ("carl", parents),
            ("dora", counsellors),
            ("gina", counsellors),
            ("fanny", counsellors),  # waiting: the meeting is full
            ("erkki", parents),  # waiting
        ]
    }
    registration_cancel(token=people["fanny"].cancel_token)
    mark(people["anna"], Attendance.PRESENT)
    mark(people["bertta"], Attendance.ABSENT)
    mark(people["dora"], Attendance.PRESENT)
    mark(people["gina"], Attendance.ABSENT)
    Registration.objects.filter(pk=people["gina"].pk).update(
        name="", email="", anonymised_at=timezone.now()
    )
    walk_in_add(meeting_id=held.pk, group_id=parents.pk, name="Hodan")
    walk_in_add(meeting_id=held.pk, group_id=parents.pk)
    # A group taken off the forum since the walk-in came still shows.
    WalkIn.objects.create(meeting=held, group=students)

    summary = attendance_summary(meeting_id=held.pk)

    by_group = {row.group.slug: row.counts for row in summary.groups}
    assert by_group == {
        "counsellors": AttendanceCounts(confirmed=2, present=1, absent=1, not_marked=0),
        "parents": AttendanceCounts(confirmed=3, present=1, absent=1, not_marked=1, walk_ins=2),
        "students": AttendanceCounts(walk_ins=1),
    }
    assert summary.total == AttendanceCounts(
        confirmed=5, present=2, absent=2, not_marked=1, walk_ins=3
    )
    assert summary.no_shows == ["Bertta"]  # Gina's name is gone; she is still counted
    assert (summary.previous_meeting_id, summary.absent_last_time) == (None, [])


def test_the_next_meeting_notes_who_did_not_come_last_time(parents, counsellors):
    first = meeting(parents, counsellors)
    forum = first.forum
    cancelled = MeetingFactory.create(
        forum=forum, starts_at=first.starts_at + datetime.timedelta(days=7)
    )
    nxt = MeetingFactory.create(
        forum=forum, starts_at=first.starts_at + datetime.timedelta(days=14)
    )
    other_forum = meeting(
        parents, counsellors, starts_at=first.starts_at + datetime.timedelta(days=10)
    )
    for name, attendance in (("Ville", "absent"), ("Aino", "absent"), ("Pekka", "present")):
        mark(register(first, f"{name}@example.org", name=name), attendance)
    mark(register(cancelled, "kalle@example.org", name="Kalle"), Attendance.ABSENT)
    mark(register(other_forum, "muu@example.org", name="Muu"), Attendance.ABSENT)
    cancelled.status = MeetingStatus.CANCELLED
    cancelled.save()

    summary = attendance_summary(meeting_id=nxt.pk)

    assert summary.previous_meeting_id == first.pk
    assert summary.previous_starts_at == first.starts_at
    assert summary.absent_last_time == ["Aino", "Ville"]
    assert summary.no_shows == []
    assert attendance_summary(meeting_id=first.pk).absent_last_time == []


def test_anonymising_empties_the_walk_ins_names_with_the_registrations(parents, counsellors):
    old, recent = meeting(parents, counsellors), meeting(parents, counsellors)
    register(old, "anna@example.org")
    for held in (old, recent):
        walk_in_add(meeting_id=held.pk, group_id=parents.pk, name="Hodan Ali")
        walk_in_add(meeting_id=held.pk, group_id=counsellors.pk)
    end_meeting(old, RETENTION + datetime.timedelta(days=1))
    end_meeting(recent, RETENTION - datetime.timedelta(days=1))

    assert registrations_anonymise() == 2  # Anna and the named walk-in

    names = dict(WalkIn.objects.filter(group=parents).values_list("meeting", "name"))
    assert names == {old.pk: "", recent.pk: "Hodan Ali"}
    assert WalkIn.objects.filter(meeting=old).count() == 2  # still counted
    assert registrations_anonymise() == 0
