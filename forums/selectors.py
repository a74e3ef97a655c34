"""Reads for the forum pages, with seat counts annotated and related rows fetched."""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db.models import (
    Aggregate,
    Count,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
)
from django.db.models.functions import Coalesce
from django.shortcuts import get_object_or_404
from django.utils import timezone

from .models import (
    PEOPLE,
    Forum,
    GroupQuota,
    Language,
    Meeting,
    MeetingQuerySet,
    MeetingStatus,
    Registration,
    RegistrationStatus,
    StakeholderGroup,
)
from .models.meetings import Availability, seat_availability

# Meeting cards per page of the forums page and of the archive.
MEETINGS_PER_PAGE = 24


def summed_per_row(registrations: QuerySet[Registration], by: str, figure: Aggregate) -> Coalesce:
    """`figure` over the registrations (filtered on an OuterRef to the row of the outer query,
    through `by`), as a subquery: unlike a join with GROUP BY it groups none of the outer
    query's rows, and runs only for the rows the query returns (a page of them), on the
    index of the registrations' foreign key. 0 where there is none."""
    per_row = registrations.order_by().values(by).annotate(figure=figure).values("figure")
    return Coalesce(Subquery(per_row), 0)


def _registration_count(status: str, counted_as: Aggregate) -> Coalesce:
    confirmed = Registration.objects.filter(
        meeting=OuterRef("pk"), status=status, address_confirmed_at__isnull=False
    )
    return summed_per_row(confirmed, "meeting", counted_as)


def with_seat_counts(meetings: QuerySet[Meeting]) -> QuerySet[Meeting]:
    """The meetings with their confirmed seats (everyone a registration brings) and waiting
    registrations counted (those whose address is confirmed: an unconfirmed one may be
    anyone's), each by a subquery on the
    index of (meeting, status): unlike a join with COUNT, that groups no rows, and it counts
    only the meetings the query returns (a page of them, not every upcoming one)."""
    return meetings.annotate(
        confirmed_count=_registration_count(RegistrationStatus.CONFIRMED, Sum(PEOPLE)),
        waiting_count=_registration_count(RegistrationStatus.WAITING, Count("pk")),
    )


def _for_listing(meetings: MeetingQuerySet) -> QuerySet[Meeting]:
    return (
        with_seat_counts(meetings).select_related("forum", "region").prefetch_related("languages")
    )


def meetings_upcoming(
    *, filters: dict[str, Any] | None = None, now: datetime.datetime | None = None
) -> QuerySet[Meeting]:
    """Meetings that have not ended, soonest first, across the forums of published projects."""
    meetings = Meeting.objects.public().upcoming(now)
    filters = filters or {}
    if forum := filters.get("forum"):
        meetings = meetings.filter(forum=forum)
    if region := filters.get("region"):
        meetings = meetings.filter(region=region)
    if language := filters.get("language"):
        meetings = meetings.filter(languages=language)
    return _for_listing(meetings).order_by("starts_at", "pk")


def meetings_past(*, now: datetime.datetime | None = None) -> QuerySet[Meeting]:
    return _for_listing(Meeting.objects.public().past(now)).order_by("-starts_at", "-pk")


def forum_detail(*, slug: str) -> Forum:
    forum: Forum = get_object_or_404(
        Forum.objects.filter(project__is_published=True)
        .select_related("project")
        .prefetch_related("stakeholder_groups", "regions"),
        slug=slug,
    )
    return forum


def _quotas_with_seats_taken() -> QuerySet[GroupQuota]:
    taken = Registration.objects.filter(
        meeting=OuterRef("meeting"), group=OuterRef("group"), status=RegistrationStatus.CONFIRMED
    )
    return GroupQuota.objects.select_related("group").annotate(
        taken=summed_per_row(taken, "meeting", Sum(PEOPLE))
    )


def meeting_detail(*, pk: int) -> Meeting:
    meeting: Meeting = get_object_or_404(
        with_seat_counts(Meeting.objects.public())
        .select_related("forum__project", "region")
        .prefetch_related(
            "languages",
            "interpretation_languages",
            "forum__stakeholder_groups",
            Prefetch("quotas", queryset=_quotas_with_seats_taken()),
        ),
        pk=pk,
    )
    return meeting


def _confirmed_seats(registrations: QuerySet[Registration]) -> Coalesce:
    """Counted as the page counts the meeting's seats: only registrations whose address is
    confirmed, so that a stranger's registration, held for an address nobody confirmed,
    changes nothing the page shows (and so tells nobody whether that address was already
    registered)."""
    confirmed = registrations.filter(
        status=RegistrationStatus.CONFIRMED, address_confirmed_at__isnull=False
    )
    return summed_per_row(confirmed, "meeting", Sum(PEOPLE))


def with_seats_at(
    groups: QuerySet[StakeholderGroup], *, meeting: Meeting
) -> QuerySet[StakeholderGroup]:
    """The groups, each with what `group_availability` needs: the meeting's seats and those
    confirmed, and the group's own seats (GroupQuota; None when it has none) and those
    confirmed. In the groups' one query, however many groups and registrations there are."""
    at_meeting = Registration.objects.filter(meeting_id=meeting.pk)
    quota = GroupQuota.objects.filter(meeting_id=meeting.pk, group=OuterRef("pk")).values("seats")
    return groups.annotate(
        meeting_seats=Value(meeting.capacity, output_field=IntegerField()),
        meeting_taken=_confirmed_seats(at_meeting),
        group_seats=Subquery(quota[:1]),
        group_taken=_confirmed_seats(at_meeting.filter(group=OuterRef("pk"))),
    )


# From the best news to the worst.
_SEVERITY = [Availability.AVAILABLE, Availability.FEW, Availability.FULL]


def group_availability(group: StakeholderGroup) -> str:
    """How many seats are left for someone in the group, said as coarsely as the page says
    the meeting's: the worse of the meeting's seats and the group's own, if it has a quota.
    Needs the annotations of `with_seats_at`."""
    seats: int = group.meeting_seats  # type: ignore[attr-defined]
    said = [seat_availability(seats - group.meeting_taken, seats)]  # type: ignore[attr-defined]
    quota: int | None = group.group_seats  # type: ignore[attr-defined]
    if quota is not None:
        said.append(seat_availability(quota - group.group_taken, quota))  # type: ignore[attr-defined]
    return max(said, key=_SEVERITY.index)


def public_forums() -> QuerySet[Forum]:
    """The forums the forums page filters by: those of published projects."""
    return Forum.objects.filter(project__is_published=True)


def meeting_for_form(*, pk: int) -> Meeting:
    """A public meeting with what its registration form offers: the forum's groups."""
    meeting: Meeting = get_object_or_404(
        Meeting.objects.public()
        .select_related("forum")
        .prefetch_related("forum__stakeholder_groups"),
        pk=pk,
    )
    return meeting


def meeting_for_calendar(*, pk: int) -> Meeting:
    """Only what a calendar file shows: the meeting and its forum."""
    meeting: Meeting = get_object_or_404(Meeting.objects.public().select_related("forum"), pk=pk)
    return meeting


def waiting_position(registration: Registration) -> int | None:
    """The registrant's place in the waiting list (1 is next), or None if not waiting. Only
    registrations whose address is confirmed are in the queue, in the order of confirming."""
    if (
        registration.status != RegistrationStatus.WAITING
        or registration.address_confirmed_at is None
    ):
        return None
    return (
        Registration.objects.filter(
            meeting_id=registration.meeting_id,
            status=RegistrationStatus.WAITING,
        )
        .filter(
            Q(address_confirmed_at__lt=registration.address_confirmed_at)
            | Q(address_confirmed_at=registration.address_confirmed_at, pk__lte=registration.pk)
        )
        .count()
    )


def next_meetings(*, limit: int = 3, now: datetime.datetime | None = None) -> list[Meeting]:
    now = now or timezone.now()
    return list(meetings_upcoming(now=now).filter(status=MeetingStatus.SCHEDULED)[:limit])


def interpreter_demand(*, meeting_id: int) -> list[tuple[Language, int, int]]:
    """The languages registrants need an interpreter in, each with how many of them have a
    seat and how many are waiting; the languages are objects, named in the reader's
    language."""
    counts = {
        row["interpreter_language"]: (row["confirmed"], row["waiting"])
        for row in Registration.objects.filter(
            meeting_id=meeting_id,
            status__in=[RegistrationStatus.CONFIRMED, RegistrationStatus.WAITING],
            address_confirmed_at__isnull=False,
            interpreter_language__isnull=False,
        )
        .values("interpreter_language")
        .annotate(
            confirmed=Count("pk", filter=Q(status=RegistrationStatus.CONFIRMED)),
            waiting=Count("pk", filter=Q(status=RegistrationStatus.WAITING)),
        )
    }
    languages = Language.objects.filter(pk__in=counts).order_by("order", "code")
    return [(language, *counts[language.pk]) for language in languages]


def groups_to_show(*, forum_id: int, group_ids: Iterable[int]) -> QuerySet[StakeholderGroup]:
    """The groups a meeting's figures are shown for: the forum's own, so that a group nobody
    came from shows as such, and any other that the figures name."""
    return StakeholderGroup.objects.filter(Q(forum=forum_id) | Q(pk__in=list(group_ids))).distinct()


@dataclass
class GroupSeats:
    group: StakeholderGroup
    confirmed: int
    held: int
    waiting: int
    # The group's own cap on seats (GroupQuota), or None when it shares the meeting's seats.
    cap: int | None


def group_seats(*, meeting: Meeting) -> list[GroupSeats]:
    """Each of the forum's groups (and any other group someone registered in) with its seats
    at the meeting: confirmed, held for an address not yet confirmed, waiting (people, as a
    household takes a seat for each), and its cap."""
    counts = {
        row["group"]: row
        for row in Registration.objects.filter(meeting=meeting)
        .values("group")
        .annotate(
            # Seats: everyone a registration brings takes one.
            confirmed=Coalesce(Sum(PEOPLE, filter=Q(status=RegistrationStatus.CONFIRMED)), 0),
            held=Coalesce(Sum(PEOPLE, filter=Q(status=RegistrationStatus.PENDING)), 0),
            waiting=Coalesce(
                Sum(
                    PEOPLE,
                    filter=Q(status=RegistrationStatus.WAITING, address_confirmed_at__isnull=False),
                ),
                0,
            ),
        )
    }
    caps = dict(GroupQuota.objects.filter(meeting=meeting).values_list("group_id", "seats"))
    groups = groups_to_show(forum_id=meeting.forum_id, group_ids=[*counts, *caps])
    empty = {"confirmed": 0, "held": 0, "waiting": 0}
    return [
        GroupSeats(
            group=group,
            confirmed=counts.get(group.pk, empty)["confirmed"],
            held=counts.get(group.pk, empty)["held"],
            waiting=counts.get(group.pk, empty)["waiting"],
            cap=caps.get(group.pk),
        )
        for group in groups
    ]
