"""Who comes to a meeting by age band, and its childcare: the counts staff see per meeting,
and the coarse word on childcare places the public page gives."""

from dataclasses import dataclass

from django.db.models import Case, F, IntegerField, OuterRef, Q, QuerySet, Sum, When
from django.db.models.functions import Coalesce

from .models import (
    ACTIVE_STATUSES,
    SEAT_STATUSES,
    AgeGroup,
    ChildcareStatus,
    Meeting,
    Registration,
    RegistrationStatus,
)
from .models.meetings import seat_availability
from .selectors import summed_per_row


def _registrant_if(age_group: str) -> Case:
    return Case(When(age_group=age_group, then=1), default=0, output_field=IntegerField())


# Per registration, the people of each age band who take a seat: the registrant by their
# own age group, and those coming with them.
ADULTS = _registrant_if(AgeGroup.ADULT) + F("companion_adults")
YOUTH = _registrant_if(AgeGroup.FROM_15_TO_17) + F("companion_youth")
CHILDREN = _registrant_if(AgeGroup.UNDER_15) + F("companion_children")

HOLDING_A_SEAT = Q(status__in=SEAT_STATUSES)
CHILDCARE_BOOKED = HOLDING_A_SEAT & Q(childcare_status=ChildcareStatus.BOOKED)
CHILDCARE_WAITING = Q(status__in=ACTIVE_STATUSES, childcare_status=ChildcareStatus.WAITING)


def _summed(expression: object, condition: Q) -> Coalesce:
    of_meeting = Registration.objects.filter(condition, meeting=OuterRef("pk"))
    return summed_per_row(of_meeting, "meeting", Sum(expression, output_field=IntegerField()))


def with_household_counts(meetings: QuerySet[Meeting]) -> QuerySet[Meeting]:
    """The meetings with the people holding a seat counted by age band (a seat held until
    the address is confirmed counts: staff plan the room for it), and the children in
    childcare, booked and waiting. In the meetings' own query, however many there are."""
    return meetings.annotate(
        adults_count=_summed(ADULTS, HOLDING_A_SEAT),
        youth_count=_summed(YOUTH, HOLDING_A_SEAT),
        children_count=_summed(CHILDREN, HOLDING_A_SEAT),
        childcare_booked=_summed(F("childcare_children"), CHILDCARE_BOOKED),
        childcare_waiting=_summed(F("childcare_children"), CHILDCARE_WAITING),
    )


@dataclass(frozen=True)
class HouseholdCounts:
    adults: int
    youth: int
    children: int
    childcare_places: int
    childcare_booked: int
    childcare_waiting: int


def household_counts(meeting: Meeting) -> HouseholdCounts | None:
    """The counts of a meeting read through with_household_counts (its annotations, which
    the model does not declare); None for one read without them (a meeting not saved yet)."""
    if not hasattr(meeting, "adults_count"):
        return None
    return HouseholdCounts(
        adults=meeting.adults_count,  # type: ignore[attr-defined]
        youth=meeting.youth_count,  # type: ignore[attr-defined]
        children=meeting.children_count,  # type: ignore[attr-defined]
        childcare_places=meeting.childcare_places,
        childcare_booked=meeting.childcare_booked,  # type: ignore[attr-defined]
        childcare_waiting=meeting.childcare_waiting,  # type: ignore[attr-defined]
    )


def childcare_availability(meeting: Meeting) -> str:
    """How many childcare places are left, said as coarsely as the seats (an Availability),
    and counted as the page counts them: only places confirmed to an address whose owner
    confirmed it, so that nobody's unconfirmed registration shows."""
    booked = Registration.objects.filter(
        meeting_id=meeting.pk,
        status=RegistrationStatus.CONFIRMED,
        address_confirmed_at__isnull=False,
        childcare_status=ChildcareStatus.BOOKED,
    ).aggregate(total=Coalesce(Sum("childcare_children"), 0))["total"]
    return seat_availability(meeting.childcare_places - booked, meeting.childcare_places)
