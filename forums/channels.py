"""Reads about outreach channels: the channel behind a short link, and what each brought."""

from django.db.models import Count, Expression, F, OuterRef, Q, QuerySet, Sum
from django.db.models.aggregates import Aggregate
from django.db.models.functions import Coalesce
from django.shortcuts import get_object_or_404

from .models import (
    ACTIVE_STATUSES,
    PEOPLE,
    Attendance,
    Meeting,
    OutreachChannel,
    Registration,
    RegistrationStatus,
)
from .selectors import summed_per_row

# What each channel brought, by name: an aggregate of what it adds up, over the registrations
# it counts. Registrations anonymised since are still counted.
CHANNEL_FIGURES: dict[str, tuple[type[Aggregate], Expression | F, Q]] = {
    "registered_count": (Count, F("pk"), Q(status__in=ACTIVE_STATUSES)),
    "seated_people": (Sum, PEOPLE, Q(status=RegistrationStatus.CONFIRMED)),
    "waiting_count": (Count, F("pk"), Q(status=RegistrationStatus.WAITING)),
    "present_count": (Count, F("pk"), Q(attendance=Attendance.PRESENT)),
    "absent_count": (Count, F("pk"), Q(attendance=Attendance.ABSENT)),
    "cancelled_count": (Count, F("pk"), Q(status=RegistrationStatus.CANCELLED)),
}


def channel_to_follow(*, code: str) -> OutreachChannel:
    """The channel of a short link, when its meeting is public; else 404."""
    return get_object_or_404(
        OutreachChannel.objects.filter(meeting__in=Meeting.objects.public()), code=code
    )


def channel_of_meeting(*, meeting_id: int, code: str) -> OutreachChannel | None:
    """The channel a registration came through, from the code its form carried: None for a
    code that is not the meeting's (a link of another meeting, or typed by hand)."""
    if not code:
        return None
    return OutreachChannel.objects.filter(meeting_id=meeting_id, code=code).first()


def _figure(aggregate: type[Aggregate], added: Expression | F, counted: Q) -> Coalesce:
    of_channel = Registration.objects.filter(counted, channel=OuterRef("pk"))
    return summed_per_row(of_channel, "channel", aggregate(added))


def with_channel_figures(
    channels: QuerySet[OutreachChannel],
) -> QuerySet[OutreachChannel]:
    """The channels with what each brought (CHANNEL_FIGURES), each by a subquery on the
    channel's index: a join would group every registration row, and these count only the
    channels the query returns (a page of them)."""
    return channels.annotate(**{name: _figure(*figure) for name, figure in CHANNEL_FIGURES.items()})


def figures_without_channel(*, meeting_id: int) -> dict[str, int]:
    """The same figures for the meeting's registrations that came through no channel's link,
    for organisers to compare the channels with: in one query."""
    figures = Registration.objects.filter(meeting_id=meeting_id, channel__isnull=True).aggregate(
        **{
            name: Coalesce(aggregate(added, filter=counted), 0)
            for name, (aggregate, added, counted) in CHANNEL_FIGURES.items()
        }
    )
    return {name: int(value) for name, value in figures.items()}
