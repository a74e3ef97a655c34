"""The check-in page at the door (admin), through the real URLs and the real Editors group:
listing and finding the confirmed registrants, marking them present or absent by form and by
the script's fetch, walk-ins, and who may do it. The rules behind it (the latest mark wins,
the summary, anonymising) are in tests/test_attendance_services.py."""

import datetime
import re

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from forums.models import Attendance, Meeting, Registration, RegistrationStatus, WalkIn
from forums.services import registration_cancel

from .forum_factories import MeetingFactory, register
from .forum_factories import language as lang
from .page_html import elements
from .sides import Side, make_editor, staff_login
from .test_security_headers import inline_code

pytestmark = pytest.mark.django_db

# What the script sends with its fetch.
FETCH = {"Accept": "application/json", "X-Requested-With": "XMLHttpRequest"}


def check_in(meeting: Meeting) -> str:
    return reverse("admin:forums_meeting_check_in", args=[meeting.pk])


def mark_url(meeting: Meeting) -> str:
    return reverse("admin:forums_meeting_check_in_mark", args=[meeting.pk])


def add_url(meeting: Meeting) -> str:
    return reverse("admin:forums_meeting_walk_in_add", args=[meeting.pk])


def remove_url(walk_in: WalkIn) -> str:
    return reverse("admin:forums_meeting_walk_in_remove", args=[walk_in.meeting_id, walk_in.pk])


def door_meeting(side: Side) -> dict[str, Registration]:
    """A meeting of the side's forum with two confirmed registrants (and one anonymised),
    one whose address is not confirmed, one waiting and one who cancelled."""
    meeting = MeetingFactory.create(forum=side.forum, capacity=4)
    parents = side.forum.stakeholder_groups.get(slug="parents")
    counsellors = side.forum.stakeholder_groups.get(slug="counsellors")
    people = {
        "bertta": register(meeting, "bertta@example.org", name="Bertta Berg", group=counsellors),
        "anna": register(
            meeting,
            "anna@example.org",
            name="Anna Ahonen",
            group=parents,
            interpreter_language=lang("so"),
        ),
        "frida": register(meeting, "frida@example.org", name="Frida Forsman"),
        "cecilia": register(meeting, "cecilia@example.org", name="Cecilia Cruz", confirm=False),
        "erik": register(meeting, "erik@example.org", name="Erik Eng"),
        "david": register(meeting, "david@example.org", name="David Dahl"),
    }
    registration_cancel(token=people["david"].cancel_token)
    Registration.objects.filter(pk=people["frida"].pk).update(
        name="", email="", anonymised_at=timezone.now()
    )
    statuses = [Registration.objects.get(pk=row.pk).status for row in people.values()]
    assert statuses == [RegistrationStatus.CONFIRMED] * 3 + [
        RegistrationStatus.PENDING,
        RegistrationStatus.WAITING,
        RegistrationStatus.CANCELLED,
    ]
    return people


@pytest.fixture
def door(ours: Side) -> dict[str, Registration]:
    return door_meeting(ours)


def listed(page: str) -> list[str]:
    """The names on the check-in list, in order."""
    parsed = elements(page)
    rows = [e for e in parsed if e.attrs.get("id", "").startswith("registration-")]
    return [
        e.text
        for e in parsed
        if e.attrs.get("class") == "check-in-name" and any(e.is_inside(row) for row in rows)
    ]


def status_of(page: str, registration: Registration) -> str:
    return next(e.text for e in elements(page) if e.attrs.get("id") == f"status-{registration.pk}")


def count_shown(page: str, key: str) -> str:
    return next(e.text for e in elements(page) if e.attrs.get("data-count") == key)


def get(client: Client, url: str) -> str:
    response = client.get(url, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    return response.content.decode()


def test_the_organisers_editor_sees_the_confirmed_registrants(door, editor_client):
    meeting = door["anna"].meeting

    page = get(editor_client, check_in(meeting))

    assert listed(page) == ["Anna Ahonen", "Bertta Berg"]
    assert "18 or over · interpreter: Somali</span>" in page
    assert [e.text for e in elements(page) if e.tag == "h1"] == [f"Check-in: {meeting}"]
    assert status_of(page, door["anna"]) == "Not marked yet"
    # The page's own script and style are files, as the Content-Security-Policy wants.
    assert inline_code(page) == []
    assert 'src="/static/forums/check_in.js" defer' in page
    assert 'href="/static/forums/check_in.css"' in page


def test_buttons_carry_the_persons_name_and_the_search_has_a_label(door, editor_client):
    parsed = elements(get(editor_client, check_in(door["anna"].meeting)))

    buttons = [e for e in parsed if e.tag == "button" and e.attrs.get("name") == "attendance"]
    assert [(b.text, b.attrs["aria-label"]) for b in buttons] == [
        ("Present", "Present: Anna Ahonen"),
        ("Absent", "Absent: Anna Ahonen"),
        ("Present", "Present: Bertta Berg"),
        ("Absent", "Absent: Bertta Berg"),
    ]
    assert {b.attrs["type"] for b in buttons} == {"submit"}
    search = next(e for e in parsed if e.tag == "input" and e.attrs.get("name") == "q")
    assert any(e.tag == "label" and e.attrs.get("for") == search.attrs["id"] for e in parsed)
    statuses = [e for e in parsed if e.attrs.get("class") == "check-in-status"]
    assert [s.attrs["aria-live"] for s in statuses] == ["polite", "polite"]
    labelled = {e.attrs.get("for") for e in parsed if e.tag == "label"}
    walk_in_form = next(e for e in parsed if e.attrs.get("class") == "check-in-walk-in-form")
    fields = [e for e in parsed if e.tag in {"input", "select"} and e.is_inside(walk_in_form)]
    visible = [e.attrs["id"] for e in fields if e.attrs.get("type") != "hidden"]
    assert visible == ["walk-in-group", "walk-in-name", "walk-in-language"]
    assert set(visible) <= labelled


def test_the_search_finds_by_part_of_the_name(door, editor_client):
    meeting = door["anna"].meeting

    assert listed(get(editor_client, check_in(meeting) + "?q=berg")) == ["Bertta Berg"]
    assert listed(get(editor_client, check_in(meeting) + "?q=Eng")) == []  # waiting
    assert listed(get(editor_client, check_in(meeting) + "?q=")) == ["Anna Ahonen", "Bertta Berg"]


def test_a_form_post_marks_and_goes_back_to_the_same_row(door, editor_client):
    anna = door["anna"]
    before = timezone.now()

    response = editor_client.post(
        mark_url(anna.meeting), {"registration": anna.pk, "attendance": "present", "q": "ann"}
    )

    assert response.status_code == 302
    assert response["Location"] == f"{check_in(anna.meeting)}?q=ann#registration-{anna.pk}"
    anna.refresh_from_db()
    assert anna.attendance == Attendance.PRESENT
    assert anna.attendance_marked_at is not None and anna.attendance_marked_at >= before
    page = get(editor_client, response["Location"])
    assert status_of(page, anna) == "Marked present"
    assert (
        'value="present" class="check-in-present" aria-label="Present: Anna Ahonen" '
        'aria-pressed="true"' in page
    )

    editor_client.post(mark_url(anna.meeting), {"registration": anna.pk, "attendance": "absent"})
    anna.refresh_from_db()
    assert anna.attendance == Attendance.ABSENT


def test_a_fetch_post_answers_with_the_stored_mark_and_the_counts(door, editor_client):
    anna, bertta = door["anna"], door["bertta"]
    tapped = timezone.now() - datetime.timedelta(minutes=3)

    response = editor_client.post(
        mark_url(anna.meeting),
        {"registration": anna.pk, "attendance": "present", "marked_at": tapped.isoformat()},
        headers=FETCH,
    )

    assert response.status_code == 200
    answer = response.json()
    assert answer["registration"] == anna.pk
    assert answer["attendance"] == "present"
    assert (answer["present"], answer["confirmed"]) == (1, 3)  # the anonymised one counts
    anna.refresh_from_db()
    assert anna.attendance_marked_at == tapped  # when staff tapped, not when it arrived

    # Sent again by a phone back online: the same answer, nothing else changes.
    again = editor_client.post(
        mark_url(anna.meeting),
        {"registration": anna.pk, "attendance": "present", "marked_at": tapped.isoformat()},
        headers=FETCH,
    )
    assert again.json() == answer
    bertta.refresh_from_db()
    assert bertta.attendance == ""


def test_an_older_mark_sent_late_does_not_undo_a_newer_one(door, editor_client):
    anna = door["anna"]
    now = timezone.now()
    for attendance, minutes_ago in (("absent", 1), ("present", 5)):
        response = editor_client.post(
            mark_url(anna.meeting),
            {
                "registration": anna.pk,
                "attendance": attendance,
                "marked_at": (now - datetime.timedelta(minutes=minutes_ago)).isoformat(),
            },
            headers=FETCH,
        )
        assert response.status_code == 200

    assert response.json()["attendance"] == "absent"  # the script shows what is stored
    anna.refresh_from_db()
    assert anna.attendance == Attendance.ABSENT


@pytest.mark.parametrize("who", ["cecilia", "erik", "david"])
def test_only_confirmed_registrants_can_be_marked(door, editor_client, who):
    person = door[who]

    by_fetch = editor_client.post(
        mark_url(person.meeting),
        {"registration": person.pk, "attendance": "present"},
        headers=FETCH,
    )
    by_form = editor_client.post(
        mark_url(person.meeting), {"registration": person.pk, "attendance": "present"}
    )

    assert by_fetch.status_code == 409
    assert by_fetch.json()["error"]
    assert by_form.status_code == 302
    assert by_form["Location"] == check_in(person.meeting)
    person.refresh_from_db()
    assert (person.attendance, person.attendance_marked_at) == ("", None)


def test_a_registration_of_another_meeting_cannot_be_marked_through_this_one(
    door, ours, theirs, editor_client
):
    meeting = door["anna"].meeting
    for other in (ours.registration, theirs.registration):  # confirmed, at other meetings
        response = editor_client.post(
            mark_url(meeting), {"registration": other.pk, "attendance": "present"}, headers=FETCH
        )
        assert response.status_code == 404
        other.refresh_from_db()
        assert other.attendance == ""


def test_a_mark_that_is_not_understood_changes_nothing(door, editor_client):
    anna = door["anna"]
    assert editor_client.get(mark_url(anna.meeting)).status_code == 405
    for data in ({"registration": anna.pk, "attendance": "maybe"}, {"attendance": "present"}):
        response = editor_client.post(mark_url(anna.meeting), data, headers=FETCH)
        assert response.status_code == 400
    anna.refresh_from_db()
    assert anna.attendance == ""


def test_another_organisations_editor_can_neither_see_nor_mark(ours, theirs, editor_client):
    other = door_meeting(theirs)["anna"]
    walk_in = WalkIn.objects.create(meeting=other.meeting, group=other.group, name="Hodan")

    assert editor_client.get(check_in(other.meeting)).status_code == 404
    marked = {"registration": other.pk, "attendance": "present"}
    assert editor_client.post(mark_url(other.meeting), marked, headers=FETCH).status_code == 404
    added = {"group": other.group.pk, "name": "Mallory"}
    assert editor_client.post(add_url(other.meeting), added).status_code == 404
    assert editor_client.post(remove_url(walk_in)).status_code == 404

    other.refresh_from_db()
    assert other.attendance == ""
    assert list(WalkIn.objects.filter(meeting=other.meeting).values_list("name", flat=True)) == [
        "Hodan"
    ]


def test_staff_who_may_not_change_the_meeting_are_refused(door, ours, django_user_model):
    meeting = door["anna"].meeting
    no_organisation = staff_login(Client(), make_editor("nobody"))
    assert no_organisation.get(check_in(meeting)).status_code == 404
    no_permissions = django_user_model.objects.create_user("plain", is_staff=True)
    ours.organisation.editors.add(no_permissions)
    assert staff_login(Client(), no_permissions).get(check_in(meeting)).status_code == 403


def test_a_stranger_is_sent_to_log_in(door, client):
    meeting = door["anna"].meeting
    anna = door["anna"]
    for response in (
        client.get(check_in(meeting)),
        client.post(mark_url(meeting), {"registration": anna.pk, "attendance": "present"}),
        client.post(add_url(meeting), {"group": anna.group_id}),
    ):
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("admin:login"))
    anna.refresh_from_db()
    assert anna.attendance == ""
    assert not WalkIn.objects.exists()


def test_the_fetch_post_needs_the_csrf_token_from_the_page(door, editor):
    anna = door["anna"]
    browser = staff_login(Client(enforce_csrf_checks=True), editor)
    page = get(browser, check_in(anna.meeting))
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
    assert token is not None
    data = {"registration": anna.pk, "attendance": "present"}

    assert browser.post(mark_url(anna.meeting), data, headers=FETCH).status_code == 403
    anna.refresh_from_db()
    assert anna.attendance == ""
    with_token = {**FETCH, "X-CSRFToken": token.group(1)}
    assert browser.post(mark_url(anna.meeting), data, headers=with_token).status_code == 200
    anna.refresh_from_db()
    assert anna.attendance == Attendance.PRESENT


# --- Walk-ins.


def test_a_walk_in_is_added_listed_and_removed(door, editor_client):
    meeting = door["anna"].meeting
    parents = meeting.forum.stakeholder_groups.get(slug="parents")

    added = editor_client.post(
        add_url(meeting), {"group": parents.pk, "name": " Hodan Ali ", "language": lang("so").pk}
    )
    nameless = editor_client.post(add_url(meeting), {"group": parents.pk})

    assert added.status_code == nameless.status_code == 302
    assert added["Location"] == check_in(meeting) + "#walk-ins"
    hodan, other = WalkIn.objects.filter(meeting=meeting).order_by("pk")
    assert (hodan.name, hodan.group, hodan.language) == ("Hodan Ali", parents, lang("so"))
    assert (other.name, other.language) == ("", None)
    page = get(editor_client, check_in(meeting))
    assert f'id="walk-in-{hodan.pk}"' in page and "Hodan Ali" in page
    assert re.search(r'aria-label="Remove the walk-in Hodan Ali, arrived at \d\d:\d\d"', page)
    assert count_shown(page, "walk_ins") == "2"

    removed = editor_client.post(remove_url(hodan))
    assert removed.status_code == 302
    assert list(WalkIn.objects.filter(meeting=meeting)) == [other]
    assert editor_client.post(remove_url(hodan)).status_code == 302  # a double tap


def test_a_walk_in_needs_one_of_the_forums_groups(door, editor_client, students):
    meeting = door["anna"].meeting

    for data in ({"name": "Ei ryhmää"}, {"group": students.pk, "name": "Muu ryhmä"}):
        response = editor_client.post(add_url(meeting), data, HTTP_ACCEPT_LANGUAGE="en")
        assert response.status_code == 200
        assert "errorlist" in response.content.decode()
        assert f'action="{check_in(meeting)}" role="search"' in response.content.decode()
    assert not WalkIn.objects.exists()


def test_a_walk_in_of_another_meeting_is_not_removed_through_this_one(door, ours, editor_client):
    elsewhere = WalkIn.objects.create(meeting=ours.meeting, group=ours.registration.group)
    url = reverse(
        "admin:forums_meeting_walk_in_remove", args=[door["anna"].meeting_id, elsewhere.pk]
    )
    editor_client.post(url)
    assert WalkIn.objects.filter(pk=elsewhere.pk).exists()


# --- The page's cost.


@pytest.mark.parametrize("people", [2, 12])
def test_the_page_takes_the_same_queries_for_any_number(
    ours, editor, people, django_assert_num_queries
):
    meeting = MeetingFactory.create(forum=ours.forum, capacity=20)
    parents = ours.forum.stakeholder_groups.get(slug="parents")
    for number in range(people):
        register(meeting, f"p{number}@example.org", interpreter_language=lang("so"))
        WalkIn.objects.create(meeting=meeting, group=parents, language=lang("ar"))
    client = staff_login(Client(), editor)

    # Session, user, authenticator, permissions (own and group's), organisations, the meeting
    # in their scope and checked again as an object; the summary: meeting, marks and walk-ins
    # per group, groups, previous meeting, those absent at either; the list, the walk-ins;
    # the walk-in form's groups and languages.
    with django_assert_num_queries(18):
        response = client.get(check_in(meeting))
    assert len(listed(response.content.decode())) == people
