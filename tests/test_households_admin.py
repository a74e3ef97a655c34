"""Staff see per meeting who comes, by age band, and its childcare booked against its places
and waiting: in the meetings' list and on a meeting's page, for the editors of the meeting's
organisation only, in the same number of queries however many meetings there are."""

import re

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.utils import translation
from django.utils.translation import gettext

from forums.models import AgeGroup, ChildcareStatus, Meeting, Registration
from forums.services import registration_cancel

from .admin_helpers import _change_data
from .forum_factories import MeetingFactory, register
from .scoping_helpers import is_not_found, listed, url
from .sides import Side, make_editor, staff_login
from .test_forum_admin import row_cells

pytestmark = pytest.mark.django_db

MEETINGS = url("forums.meeting", "changelist")
# The admin's words, compared in its language (Finnish by default).
PEOPLE_WITH_A_SEAT = (
    "adults: %(adults)d, young people 15–17: %(youth)d, children under 15: "
    "%(children)d (with the seats held until an address is confirmed)"
)
CHILDCARE_FIGURES = (
    "%(booked)d of %(places)d places booked, %(waiting)d children on the childcare waiting list"
)


def household_meeting(side: Side) -> Meeting:
    """Ten seats and three childcare places at the side's forum, with a household of each
    kind; who holds a seat and who waits is as the registration services decide."""
    meeting = MeetingFactory.create(forum=side.forum, capacity=10, childcare_places=3)
    # 4 seats (2 adults, 2 children) and 2 childcare places.
    register(
        meeting,
        "amina@example.org",
        companion_adults=1,
        companion_children=2,
        childcare_children=2,
    )
    # 2 seats (15–17); their 2 children do not fit in the one childcare place left.
    register(
        meeting,
        "leo@example.org",
        age_group=AgeGroup.FROM_15_TO_17,
        companion_youth=1,
        childcare_children=2,
    )
    # 1 seat, a child registering with a guardian's address.
    register(
        meeting,
        "sara@example.org",
        age_group=AgeGroup.UNDER_15,
        guardian_email="sara.parent@example.org",
    )
    # 2 seats held until the address is confirmed (an adult and a child).
    register(meeting, "olga@example.org", companion_children=1, confirm=False)
    # 4 more do not fit in the one seat left: the waiting list, no seats.
    register(meeting, "hodan@example.org", companion_adults=3)
    # Cancelled: nothing.
    gone = register(meeting, "mika@example.org", companion_adults=1)
    registration_cancel(token=gone.cancel_token)
    return meeting


def as_seen_by(user: User) -> Client:
    return staff_login(Client(), user)


def readonly(html: str, field: str) -> str:
    (found,) = re.findall(
        rf'class="form-row[^"]*field-{field}[^"]*">.*?<div class="readonly">(.*?)</div>',
        html,
        re.DOTALL,
    )
    return found.strip()


def test_the_editor_sees_who_comes_by_age_band_and_the_childcare(ours, editor_client):
    meeting = household_meeting(ours)
    # The statuses the counts rest on, as the services decided them.
    assert sorted(Registration.objects.filter(meeting=meeting).values_list("email", "status")) == [
        ("amina@example.org", "confirmed"),
        ("hodan@example.org", "waiting"),
        ("leo@example.org", "confirmed"),
        ("mika@example.org", "cancelled"),
        ("olga@example.org", "pending"),
        ("sara@example.org", "confirmed"),
    ]
    assert dict(
        Registration.objects.filter(meeting=meeting, childcare_children__gt=0).values_list(
            "email", "childcare_status"
        )
    ) == {"amina@example.org": ChildcareStatus.BOOKED, "leo@example.org": ChildcareStatus.WAITING}

    listing = editor_client.get(MEETINGS).content.decode()
    row = row_cells(listing, meeting.pk)

    # Adults: Amina, her companion and Olga; 15–17: Leo and his; under 15: Amina's two, Sara
    # and Olga's child.
    assert row["household"] == "3 / 2 / 4"
    assert row["childcare"] == gettext("%(booked)d / %(places)d, %(waiting)d waiting") % {
        "booked": 2,
        "places": 3,
        "waiting": 2,
    }
    # A meeting without childcare says nothing of it.
    assert row_cells(listing, ours.meeting.pk)["childcare"] == "-"

    page = editor_client.get(url("forums.meeting", "change", meeting.pk)).content.decode()
    with translation.override("en"):
        assert gettext(PEOPLE_WITH_A_SEAT) % {"adults": 3, "youth": 2, "children": 4} == (
            "adults: 3, young people 15–17: 2, children under 15: 4 "
            "(with the seats held until an address is confirmed)"
        )
    assert readonly(page, "people_with_a_seat") == gettext(PEOPLE_WITH_A_SEAT) % {
        "adults": 3,
        "youth": 2,
        "children": 4,
    }
    assert readonly(page, "childcare_figures") == gettext(CHILDCARE_FIGURES) % {
        "booked": 2,
        "places": 3,
        "waiting": 2,
    }


def test_an_editor_of_another_organisation_sees_nothing_of_the_household(ours, theirs):
    meeting = household_meeting(ours)
    their_editor = as_seen_by(make_editor("their-editor", theirs.organisation))

    assert meeting.pk not in listed(their_editor.get(MEETINGS))
    assert is_not_found(their_editor.get(url("forums.meeting", "change", meeting.pk)))


def test_the_editor_sets_the_childcare_places_beside_the_seats(ours, editor_client):
    meeting = ours.meeting
    page = editor_client.get(url("forums.meeting", "change", meeting.pk)).content.decode()
    # The field comes right after the seats in the form.
    assert page.index('name="capacity"') < page.index('name="childcare_places"')
    data = _change_data(meeting, childcare_places=4)
    # The meeting's outreach channels are an inline of the page too.
    for key, value in {"TOTAL": 0, "INITIAL": 0, "MIN_NUM": 0, "MAX_NUM": 1000}.items():
        data[f"channels-{key}_FORMS"] = str(value)

    response = editor_client.post(url("forums.meeting", "change", meeting.pk), data)

    assert response.status_code == 302
    meeting.refresh_from_db()
    assert meeting.childcare_places == 4


# 6 for the editor (session, user, one-time device, permissions of their own and of their
# groups, organisations), the forum and region filters, the filtered and the total count,
# the rows with their seat and household counts as subqueries, the date hierarchy's range
# and its days: the same with one household meeting or four.
@pytest.mark.parametrize("extra", [0, 3])
def test_the_household_counts_take_no_query_per_meeting(
    extra, ours, theirs, editor_client, django_assert_num_queries
):
    meetings = [household_meeting(ours) for _ in range(1 + extra)]
    household_meeting(theirs)

    with django_assert_num_queries(13):
        response = editor_client.get(MEETINGS)

    html = response.content.decode()
    assert listed(response) == {ours.meeting.pk, *(meeting.pk for meeting in meetings)}
    assert {row_cells(html, meeting.pk)["household"] for meeting in meetings} == {"3 / 2 / 4"}
