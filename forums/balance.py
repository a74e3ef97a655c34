"""The balance report: do a forum's stakeholder groups sit as equals? Seats offered,
registered, waiting and attended per group and per language, for one meeting and summed over
a forum's series. The same few aggregate queries whatever the number of meetings, groups or
registrations: the figures are counted by the database and summed here."""

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Q, QuerySet, Sum
from django.db.models.functions import Coalesce
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from .models import (
    PEOPLE,
    Attendance,
    Forum,
    GroupQuota,
    Language,
    Meeting,
    MeetingStatus,
    Registration,
    RegistrationStatus,
    StakeholderGroup,
    WalkIn,
)
from .selectors import groups_to_show

# A registration counts once its address is confirmed (an unconfirmed one may be anyone's);
# someone marked present attended, whatever became of their registration.
REGISTERED = Q(status=RegistrationStatus.CONFIRMED, address_confirmed_at__isnull=False)
WAITING = Q(status=RegistrationStatus.WAITING, address_confirmed_at__isnull=False)
PRESENT = Q(attendance=Attendance.PRESENT)


@dataclass(frozen=True)
class BalanceRow:
    """One group's or language's figures. `offered` is None where it does not apply: for a
    group without seats of its own (it takes shared seats) and for every language."""

    name: str
    offered: int | None
    registered: int
    waiting: int
    attended: int


@dataclass(frozen=True)
class Balance:
    capacity: int
    shared: int  # the seats that no group keeps: capacity minus the groups' own seats
    groups: list[BalanceRow]
    languages: list[BalanceRow]

    @property
    def total(self) -> BalanceRow:
        return BalanceRow(
            name=_("In all"),
            offered=self.capacity,
            registered=sum(row.registered for row in self.groups),
            waiting=sum(row.waiting for row in self.groups),
            attended=sum(row.attended for row in self.groups),
        )

    @property
    def largest(self) -> int:
        """The chart's scale: the largest figure of a group, and at least 1."""
        figures = [
            figure
            for row in self.groups
            for figure in (row.offered or 0, row.registered, row.waiting, row.attended)
        ]
        return max([1, *figures])


@dataclass(frozen=True)
class MeetingBalance:
    meeting: Meeting
    balance: Balance


@dataclass(frozen=True)
class ForumBalance:
    forum: Forum
    balance: Balance  # the series: its meetings but the cancelled ones, summed
    meetings: list[MeetingBalance]


@dataclass
class _Tally:
    registered: int = 0
    waiting: int = 0
    attended: int = 0

    def add(self, row: Mapping[str, Any]) -> None:
        self.registered += row.get("registered", 0)
        self.waiting += row.get("waiting", 0)
        self.attended += row["attended"]


@dataclass(frozen=True)
class _Counts:
    """What the database counted for some meetings: rows of a meeting and a group (the
    quotas), and of a meeting, a group and a language (registrations and walk-ins)."""

    quotas: Sequence[Mapping[str, Any]]
    people: Sequence[Mapping[str, Any]]
    groups: list[StakeholderGroup]
    languages: list[Language]

    def of(self, meeting_id: int) -> "_Counts":
        return _Counts(
            quotas=[row for row in self.quotas if row["meeting"] == meeting_id],
            people=[row for row in self.people if row["meeting"] == meeting_id],
            groups=self.groups,
            languages=self.languages,
        )


def _counts(meetings: QuerySet[Meeting], forum_id: int) -> _Counts:
    """Five queries: the quotas, the registrations and the walk-ins counted per meeting,
    group and language, and the groups and languages to name (the forum's groups always,
    so that a group nobody came from shows as such)."""
    quotas = list(
        GroupQuota.objects.filter(meeting__in=meetings).values("meeting", "group", "seats")
    )
    registrations = (
        Registration.objects.filter(meeting__in=meetings)
        .filter(REGISTERED | WAITING | PRESENT)
        .values("meeting", "group", "language")
        # People, not registrations: everyone a household brings takes a seat and comes.
        .annotate(
            registered=Coalesce(Sum(PEOPLE, filter=REGISTERED), 0),
            waiting=Coalesce(Sum(PEOPLE, filter=WAITING), 0),
            attended=Coalesce(Sum(PEOPLE, filter=PRESENT), 0),
        )
        .order_by()
    )
    walk_ins = (
        WalkIn.objects.filter(meeting__in=meetings)
        .values("meeting", "group", "language")
        .annotate(attended=Count("pk"))
        .order_by()
    )
    people = [*registrations, *walk_ins]
    group_ids = {row["group"] for row in [*quotas, *people]}
    groups = groups_to_show(forum_id=forum_id, group_ids=group_ids)
    language_ids = {row["language"] for row in people} - {None}
    languages = Language.objects.filter(pk__in=language_ids)
    return _Counts(quotas, people, list(groups), list(languages))


def _balance(meetings: list[Meeting], counts: _Counts) -> Balance:
    own_seats: dict[int, int] = defaultdict(int)
    kept_at: dict[int, int] = defaultdict(int)
    for row in counts.quotas:
        own_seats[row["group"]] += row["seats"]
        kept_at[row["meeting"]] += row["seats"]
    capacity = sum(meeting.capacity for meeting in meetings)
    # Quotas may add up to more seats than a meeting has: then none of its seats is shared.
    kept = sum(min(meeting.capacity, kept_at[meeting.pk]) for meeting in meetings)
    by_group: dict[int, _Tally] = defaultdict(_Tally)
    by_language: dict[int | None, _Tally] = defaultdict(_Tally)
    for row in counts.people:
        by_group[row["group"]].add(row)
        by_language[row["language"]].add(row)
    named: list[tuple[int | None, str]] = [
        (language.pk, language.name) for language in counts.languages
    ]
    named.append((None, _("not given")))
    return Balance(
        capacity=capacity,
        shared=capacity - kept,
        groups=[
            _row(group.name, own_seats.get(group.pk), by_group.get(group.pk, _Tally()))
            for group in counts.groups
        ],
        languages=[_row(name, None, by_language[pk]) for pk, name in named if pk in by_language],
    )


def _row(name: str, offered: int | None, tally: _Tally) -> BalanceRow:
    return BalanceRow(name, offered, tally.registered, tally.waiting, tally.attended)


def meeting_balance(*, meeting_id: int) -> MeetingBalance:
    """Six queries: the meeting and its counts."""
    meeting: Meeting = get_object_or_404(Meeting.objects.select_related("forum"), pk=meeting_id)
    counts = _counts(Meeting.objects.filter(pk=meeting_id), meeting.forum_id)
    return MeetingBalance(meeting, _balance([meeting], counts))


def forum_balance(*, forum_id: int) -> ForumBalance:
    """Seven queries: the forum, its meetings and their counts. A cancelled meeting is left
    out: nobody was to sit there."""
    forum: Forum = get_object_or_404(Forum, pk=forum_id)
    held = Meeting.objects.filter(forum=forum).exclude(status=MeetingStatus.CANCELLED)
    counts = _counts(held, forum.pk)
    meetings = list(held.select_related("forum").order_by("starts_at", "pk"))
    series = [
        MeetingBalance(meeting, _balance([meeting], counts.of(meeting.pk))) for meeting in meetings
    ]
    return ForumBalance(forum, _balance(meetings, counts), series)
