"""Childcare places: a meeting may look after children during it, in places of their own
apart from the seats, with a waiting list of their own. A registration's children are booked
together or wait together; places are decided under the meeting's lock, like seats, and only
for registrations that hold a seat."""

from django.db.models import F, Q, Sum
from django.db.models.functions import Coalesce

from ..models import SEAT_STATUSES, ChildcareStatus, Meeting, Registration


def childcare_booked(meeting: Meeting) -> int:
    """Childcare places taken at the meeting, counted by the caller under its lock."""
    return meeting.registrations.filter(
        status__in=SEAT_STATUSES, childcare_status=ChildcareStatus.BOOKED
    ).aggregate(booked=Coalesce(Sum("childcare_children"), 0))["booked"]


def childcare_decide(meeting: Meeting, registration: Registration) -> None:
    """Book the registration's children a place if there is room for them all, else put them
    on the childcare waiting list; a registration waiting for a seat waits for childcare
    too. Sets the status on the unsaved or saved instance; the caller saves it."""
    if not registration.childcare_children:
        registration.childcare_status = ChildcareStatus.NONE
        return
    seated = registration.status in SEAT_STATUSES
    if seated and registration.childcare_status == ChildcareStatus.BOOKED:
        return  # a place booked with the seat held stays with the seat confirmed
    if not seated:
        registration.childcare_status = ChildcareStatus.WAITING
        return
    free = meeting.childcare_places - childcare_booked(meeting)
    fits = registration.childcare_children <= free
    registration.childcare_status = ChildcareStatus.BOOKED if fits else ChildcareStatus.WAITING


def childcare_promote(meeting: Meeting) -> list[Registration]:
    """Give free childcare places to the registrations with a seat that wait for one, in the
    order their addresses were confirmed (seats held for an address not yet confirmed come
    after); a family whose children do not all fit is passed over for a smaller one behind
    it. Returns the registrations booked now, for the caller to tell."""
    if not meeting.childcare_places:
        return []
    free = meeting.childcare_places - childcare_booked(meeting)
    if free <= 0:
        return []
    waiting = (
        meeting.registrations.filter(
            Q(status__in=SEAT_STATUSES),
            childcare_status=ChildcareStatus.WAITING,
            childcare_children__gt=0,
        )
        .select_related("language", "group", "interpreter_language", "meeting__forum")
        .order_by(F("address_confirmed_at").asc(nulls_last=True), "created_at", "pk")
    )
    booked = []
    for registration in waiting:
        if registration.childcare_children > free:
            continue
        registration.childcare_status = ChildcareStatus.BOOKED
        registration.save(update_fields=["childcare_status"])
        booked.append(registration)
        free -= registration.childcare_children
        if free == 0:
            break
    return booked
