"""What the meeting page's registration form shows: each error named and marked on its field,
no form when registration is not open, and the seats left said coarsely."""

import datetime

import pytest
from django.utils import timezone

from forums.models import Registration
from forums.services import meeting_cancel
from forums.tokens import registration_token

from .forum_factories import ForumFactory, GroupQuotaFactory, StakeholderGroupFactory, register
from .forum_page_helpers import by_id, form_data, meeting_at, meeting_url, url
from .page_html import Element, find_all

pytestmark = pytest.mark.django_db


def error_summary_links(html: str) -> list[Element]:
    summary = by_id(html, "error-summary")
    assert summary.attrs["role"] == "alert"
    return [link for link in find_all(html, "a") if link.is_inside(summary)]


@pytest.mark.parametrize(
    ("field_name", "changes"),
    [
        ("consent", {"consent": None}),
        ("email", {"email": "amina.hassan(at)example.org"}),
        ("group", {"group": None}),
        ("group", {"group": "999999"}),
    ],
)
def test_invalid_form_names_each_error_and_registers_no_one(client, field_name, changes):
    meeting = meeting_at(14)

    response = client.post(meeting_url(meeting), form_data(meeting, **changes))

    assert response.status_code == 400
    assert not Registration.objects.exists()
    html = response.content.decode()
    error = response.context["form"].errors[field_name][0]
    summary_links = error_summary_links(html)
    assert [link.attrs["href"] for link in summary_links] == [f"#id_{field_name}"]
    assert error in summary_links[0].text
    _assert_field_marked_invalid(html, field_name, error)
    # What the visitor typed is kept.
    assert by_id(html, "id_name").attrs["value"] == "Amina Hassan"


def test_every_invalid_field_is_in_the_summary_in_form_order(client):
    meeting = meeting_at(14)
    response = client.post(
        meeting_url(meeting), form_data(meeting, consent=None, email="no", group=None)
    )
    assert response.status_code == 400
    html = response.content.decode()
    hrefs = [link.attrs["href"] for link in error_summary_links(html)]
    assert hrefs == ["#id_email", "#id_group", "#id_consent"]
    for field_name, errors in response.context["form"].errors.items():
        _assert_field_marked_invalid(html, field_name, errors[0])
    # Valid fields are not marked.
    assert "aria-invalid" not in by_id(html, "id_name").attrs
    assert not Registration.objects.exists()


def test_group_of_another_forum_is_refused(client):
    meeting = meeting_at(14)
    stranger = StakeholderGroupFactory(slug="journalists")
    assert not meeting.forum.stakeholder_groups.filter(pk=stranger.pk).exists()

    response = client.post(meeting_url(meeting), form_data(meeting, group=str(stranger.pk)))

    assert response.status_code == 400
    assert not Registration.objects.exists()
    _assert_field_marked_invalid(
        response.content.decode(), "group", response.context["form"].errors["group"][0]
    )


def _assert_field_marked_invalid(html: str, field_name: str, error: str) -> None:
    control = by_id(html, f"id_{field_name}")
    assert control.tag in {"input", "select", "textarea"}
    assert control.attrs.get("aria-invalid") == "true"
    described_by = control.attrs.get("aria-describedby", "").split()
    assert described_by, f"{field_name} has no aria-describedby"
    descriptions = [by_id(html, element_id).text for element_id in described_by]
    assert any(error in text for text in descriptions), (field_name, descriptions)


@pytest.mark.parametrize(
    "window",
    [
        {"registration_closes_at": -1},
        {"registration_opens_at": 2},
    ],
)
def test_closed_registration_shows_no_form(client, window):
    now = timezone.now()
    meeting = meeting_at(
        14, **{name: now + datetime.timedelta(days=days) for name, days in window.items()}
    )
    response = client.get(meeting_url(meeting))
    assert response.status_code == 200
    html = response.content.decode()
    assert not find_all(html, "form", method="post")
    assert not find_all(html, "input", name="consent")
    assert "Registration for this meeting is not open." in html

    response = client.post(meeting_url(meeting), form_data(meeting))
    assert response.status_code == 400
    assert not Registration.objects.exists()
    assert "Registration for this meeting is not open." in response.content.decode()
    assert not find_all(response.content.decode(), "input", name="consent")


def test_cancelled_meeting_shows_no_form(client):
    meeting = meeting_at(14)
    meeting_cancel(meeting_id=meeting.pk)
    response = client.get(meeting_url(meeting))
    assert response.status_code == 200
    html = response.content.decode()
    assert "This meeting is cancelled." in html
    assert not find_all(html, "input", name="consent")
    assert client.post(meeting_url(meeting), form_data(meeting)).status_code == 400
    assert not Registration.objects.exists()


@pytest.mark.parametrize(
    ("capacity", "confirmed", "said"),
    [
        (10, 0, "Seats available"),
        (10, 7, "Seats available"),
        (10, 8, "Only a few seats left"),
        (10, 9, "Only a few seats left"),
        (10, 10, "Full: you can join the waiting list"),
        (30, 24, "Only a few seats left"),
    ],
)
def test_open_meeting_shows_the_form_with_its_seats_said_coarsely(
    client, capacity, confirmed, said
):
    meeting = meeting_at(14, capacity=capacity)
    for number in range(confirmed):
        register(meeting, f"person{number}@example.org")
    html = client.get(meeting_url(meeting)).content.decode()
    assert find_all(html, "input", name="consent")
    assert said in html


def test_meeting_page_shows_seats_left_per_group(client):
    parents = StakeholderGroupFactory(slug="parents", name_en="Parents")
    counsellors = StakeholderGroupFactory(slug="counsellors", name_en="Study counsellors")
    meeting = meeting_at(14, capacity=10, forum=ForumFactory(groups=[parents, counsellors]))
    GroupQuotaFactory(meeting=meeting, group=parents, seats=2)
    GroupQuotaFactory(meeting=meeting, group=counsellors, seats=3)
    register(meeting, "first@example.org", group=parents)
    register(meeting, "second@example.org", group=parents)
    register(meeting, "third@example.org", group=counsellors)
    gone = register(meeting, "fourth@example.org", group=counsellors)
    client.post(url("forums:registration_cancel", token=registration_token(gone)))

    html = client.get(meeting_url(meeting)).content.decode()

    items = [item.text for item in find_all(html, "li")]
    assert "Parents: all 2 seats taken, waiting list" in items
    assert "Study counsellors: 3 seats, only a few left" in items
    assert "Seats available" in html
