"""Reads for attendance: the check-in list at the door, and the summary after the meeting
that staff report per stakeholder group and use to contact those who did not come."""

import datetime
from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet, Sum
from django.db.models.functions import Coalesce, Lower

from .models import (
    PEOPLE,
    Attendance,
    Language,
    Meeting,
    MeetingStatus,
    Registration,
    RegistrationStatus,
    StakeholderGroup,
    WalkIn,
)
from .selectors import groups_to_show

# People, not registrations: a household is marked at the door as one, and everyone in it
# came (or did not), as a walk-in is one person.
PEOPLE_MARKED = {
    "confirmed": Coalesce(Sum(PEOPLE), 0),
    "present": Coalesce(Sum(PEOPLE, filter=Q(attendance=Attendance.PRESENT)), 0),
    "absent": Coalesce(Sum(PEOPLE, filter=Q(attendance=Attendance.ABSENT)), 0),
}


def _confirmed(meeting_id: int) -> QuerySet[Registration]:
    return Registration.objects.filter(meeting_id=meeting_id, status=RegistrationStatus.CONFIRMED)


def check_in_list(*, meeting_id: int, query: str = "") -> list[Registration]:
    """The confirmed registrants staff tick off at the door, by name; anonymised ones have no
    name left to find them by."""
    registrations = (
        _confirmed(meeting_id)
        .filter(anonymised_at__isnull=True)
        .select_related("group", "interpreter_language")
        .order_by(Lower("name"), "pk")
    )
    if query:
        registrations = registrations.filter(name__icontains=query)
    return list(registrations)


def walk_ins(*, meeting_id: int) -> list[WalkIn]:
    return list(
        WalkIn.objects.filter(meeting_id=meeting_id)
        .select_related("group", "language")
        .order_by("arrived_at", "pk")
    )


def walk_in_groups(*, meeting_id: int) -> QuerySet[StakeholderGroup]:
    """The groups a walk-in can come in: the forum's own."""
    return StakeholderGroup.objects.filter(forum__meetings=meeting_id).order_by("order", "slug")


def walk_in_languages() -> QuerySet[Language]:
    return Language.objects.order_by("order", "code")


@dataclass(frozen=True)
class AttendanceCounts:
    confirmed: int = 0
    present: int = 0
    absent: int = 0
    not_marked: int = 0
    walk_ins: int = 0


@dataclass(frozen=True)
class GroupAttendance:
    group: StakeholderGroup
    counts: AttendanceCounts


@dataclass(frozen=True)
class AttendanceSummary:
    """Who came, per stakeholder group, and whom to contact: those who did not come to this
    meeting, and those who did not come to the forum's previous one (names of anonymised
    registrations are gone; they are still counted)."""

    meeting_id: int
    total: AttendanceCounts
    groups: list[GroupAttendance]
    no_shows: list[str]
    previous_meeting_id: int | None
    previous_starts_at: datetime.datetime | None
    absent_last_time: list[str]


def _counts(confirmed: int, present: int, absent: int, walk_ins: int) -> AttendanceCounts:
    return AttendanceCounts(
        confirmed=confirmed,
        present=present,
        absent=absent,
        not_marked=confirmed - present - absent,
        walk_ins=walk_ins,
    )


def check_in_counts(*, meeting_id: int) -> AttendanceCounts:
    """The figures at the top of the check-in page, sent again after each mark."""
    marks = _confirmed(meeting_id).aggregate(**PEOPLE_MARKED)
    return _counts(**marks, walk_ins=WalkIn.objects.filter(meeting_id=meeting_id).count())


def _absent_names(meeting_ids: list[int]) -> dict[int, list[str]]:
    names: dict[int, list[str]] = {meeting_id: [] for meeting_id in meeting_ids}
    for meeting_id, name in (
        Registration.objects.filter(
            meeting_id__in=meeting_ids,
            status=RegistrationStatus.CONFIRMED,
            attendance=Attendance.ABSENT,
            anonymised_at__isnull=True,
        )
        .order_by(Lower("name"), "pk")
        .values_list("meeting_id", "name")
    ):
        names[meeting_id].append(name)
    return names


def attendance_summary(*, meeting_id: int) -> AttendanceSummary:
    """The meeting's attendance per stakeholder group (the forum's groups, and any other
    that someone came in), in a fixed number of queries."""
    meeting = Meeting.objects.only("forum_id", "starts_at").get(pk=meeting_id)
    marks = {
        row["group"]: row
        for row in _confirmed(meeting_id).values("group").annotate(**PEOPLE_MARKED).order_by()
    }
    arrived = dict(
        WalkIn.objects.filter(meeting_id=meeting_id)
        .values("group")
        .annotate(count=Count("pk"))
        .order_by()
        .values_list("group", "count")
    )
    groups = groups_to_show(forum_id=meeting.forum_id, group_ids=[*marks, *arrived])
    rows = []
    for group in groups:
        mark = marks.get(group.pk, {})
        rows.append(
            GroupAttendance(
                group=group,
                counts=_counts(
                    mark.get("confirmed", 0),
                    mark.get("present", 0),
                    mark.get("absent", 0),
                    arrived.get(group.pk, 0),
                ),
            )
        )
    previous = (
        Meeting.objects.filter(forum_id=meeting.forum_id, starts_at__lt=meeting.starts_at)
        .exclude(status=MeetingStatus.CANCELLED)
        .order_by("-starts_at", "-pk")
        .only("starts_at")
        .first()
    )
    absent = _absent_names([meeting_id, *([previous.pk] if previous else [])])
    return AttendanceSummary(
        meeting_id=meeting_id,
        total=_counts(
            sum(row.counts.confirmed for row in rows),
            sum(row.counts.present for row in rows),
            sum(row.counts.absent for row in rows),
            sum(row.counts.walk_ins for row in rows),
        ),
        groups=rows,
        no_shows=absent[meeting_id],
        previous_meeting_id=previous.pk if previous else None,
        previous_starts_at=previous.starts_at if previous else None,
        absent_last_time=absent[previous.pk] if previous else [],
    )
