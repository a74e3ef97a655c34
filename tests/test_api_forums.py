"""The forums' endpoints (issue 22): forums of published projects, their upcoming meetings,
seats said as coarsely as the pages say them, and never the online link."""

import datetime

import pytest
from django.utils import timezone

from forums.models import Meeting, MeetingStatus

from .api_helpers import Catalogue, catalogue, get, results
from .forum_factories import MeetingFactory, register

pytestmark = pytest.mark.django_db


@pytest.fixture
def data() -> Catalogue:
    return catalogue()


def test_forums_of_published_projects_only(client, data):
    assert [forum["slug"] for forum in results(client, "forums")] == ["omapolku"]
    assert get(client, "forums/piilo/").status_code == 404


def test_a_forum_with_its_project_groups_and_upcoming_meetings(client, data):
    forum = get(client, "forums/omapolku/").json()

    assert forum["project"]["slug"] == "vamos"
    assert sorted(group["slug"] for group in forum["stakeholder_groups"]) == [
        "counsellors",
        "parents",
    ]
    assert [region["slug"] for region in forum["regions"]] == ["uusimaa"]
    assert [meeting["id"] for meeting in forum["upcoming_meetings"]] == [data.meeting.pk]
    assert forum["meetings"] == "http://testserver/api/v1/meetings/?forum=omapolku"
    assert forum["page"] == "http://testserver/fi/forums/omapolku/"


def test_meetings_soonest_first_a_page_at_a_time(client, data):
    later = MeetingFactory(
        forum=data.forum, starts_at=data.meeting.starts_at + datetime.timedelta(days=7)
    )
    sooner = MeetingFactory(
        forum=data.forum, starts_at=data.meeting.starts_at - datetime.timedelta(days=7)
    )

    first = get(client, "meetings", page_size=2).json()
    assert [item["id"] for item in first["results"]] == [sooner.pk, data.meeting.pk]
    second = get(client, first["next"]).json()
    assert [item["id"] for item in second["results"]] == [later.pk]
    assert second["next"] is None


def test_a_meeting_as_its_page_tells_it(client, data):
    meeting = get(client, f"meetings/{data.meeting.pk}/").json()

    assert meeting["forum"]["slug"] == "omapolku"
    assert (meeting["venue"], meeting["municipality"]) == ("Tikkurilan kirjasto", "Vantaa")
    assert [language["code"] for language in meeting["languages"]] == ["fi", "so"]
    assert meeting["registration_open"] is True
    assert meeting["availability"] == "available"
    assert meeting["calendar"] == f"http://testserver/fi/meetings/{data.meeting.pk}/calendar.ics"
    (seats,) = meeting["group_seats"]
    assert (seats["seats"], seats["availability"]) == (3, "available")


def test_the_online_link_is_never_given_only_that_there_is_one(client, data):
    response = get(client, f"meetings/{data.meeting.pk}/")

    assert response.json()["online"] is True
    assert b"meet.example.org" not in response.content
    assert get(client, f"meetings/{data.past_meeting.pk}/").json()["online"] is False


def test_seats_are_said_coarsely(client, data):
    Meeting.objects.filter(pk=data.meeting.pk).update(capacity=1)
    register(data.meeting, "hodan@example.org")

    meeting = get(client, f"meetings/{data.meeting.pk}/").json()
    assert meeting["availability"] == "full"
    assert "capacity" not in meeting
    assert "confirmed_count" not in meeting

    Meeting.objects.filter(pk=data.meeting.pk).update(status=MeetingStatus.CANCELLED)
    assert get(client, f"meetings/{data.meeting.pk}/").json()["availability"] is None


def test_an_ended_meeting_has_a_detail_as_it_has_a_page(client, data):
    response = get(client, f"meetings/{data.past_meeting.pk}/")

    assert response.status_code == 200
    assert response.json()["ends_at"] < timezone.now().isoformat()
    assert data.past_meeting.pk not in [item["id"] for item in results(client, "meetings")]


@pytest.mark.parametrize("key", ["hidden", "0", "-1", "abc", "99999999999999999999999", "1.5"])
def test_no_meeting_is_a_404_in_json(client, data, key):
    if key == "hidden":
        key = str(data.hidden_meeting.pk)

    response = get(client, f"meetings/{key}/")

    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert "detail" in response.json()


def test_a_hand_made_cursor_is_a_404(client, data):
    import base64

    cursor = base64.b64encode(b"p=not-a-time").decode()

    response = get(client, "meetings", cursor=cursor)
    assert response.status_code == 404
    assert get(client, "meetings", cursor="garbage").status_code == 404
