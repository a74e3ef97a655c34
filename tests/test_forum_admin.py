"""The forums in Django admin, as staff use them: seat counts, filters, CSV export, the
actions that cancel meetings, promote from the waiting list and generate meetings, and what
only the person does (confirming, a seat's hold, unsubscribing) shown but not editable.
Changing a meeting is in tests/test_forum_admin_meeting_changes.py."""

import csv
import datetime
import io
import re
from typing import Any

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone, translation

from forums.models import (
    EmailKind,
    Invitee,
    Meeting,
    MeetingStatus,
    OutboundEmail,
    Registration,
    RegistrationStatus,
)
from forums.services import registration_cancel

from .admin_helpers import meeting_at
from .forum_factories import (
    ForumFactory,
    MeetingFactory,
    StakeholderGroupFactory,
    language,
    register,
)

pytestmark = pytest.mark.django_db

MEETINGS = reverse("admin:forums_meeting_changelist")
REGISTRATIONS = reverse("admin:forums_registration_changelist")
FORUMS = reverse("admin:forums_forum_changelist")


def row_cells(html: str, pk: int) -> dict[str, str]:
    """The changelist row of one object, as {column: text}."""
    (row,) = [row for row in html.split("<tr") if f'name="_selected_action" value="{pk}"' in row]
    return {
        name: re.sub(r"<[^>]+>", "", text).strip()
        for name, text in re.findall(r'class="field-([\w_]+)[^"]*">(.*?)</t[dh]>', row)
    }


def names_listed(html: str) -> set[str]:
    return set(re.findall(r'<th class="field-name"><a href="[^"]*">([^<]*)</a>', html))


def csv_rows(response) -> list[list[str]]:
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(text.removeprefix("\ufeff")), delimiter=";"))
    assert all(len(row) == len(rows[0]) for row in rows)
    return rows


# --- Meetings.


def test_meeting_changelist_shows_seats_taken_of_all_and_waiting(admin_client):
    full = meeting_at(10, capacity=2)
    for person in ("aino", "leo", "sara", "hodan"):
        register(full, f"{person}@example.org")
    registration_cancel(token=Registration.objects.get(email="hodan@example.org").cancel_token)
    roomy = meeting_at(20, capacity=5)
    register(roomy, "olga@example.org")
    empty = meeting_at(30, capacity=3)

    html = admin_client.get(MEETINGS).content.decode()

    assert {key: row_cells(html, full.pk)[key] for key in ("seats", "waiting")} == {
        "seats": "2 / 2",
        "waiting": "1",
    }
    assert {key: row_cells(html, roomy.pk)[key] for key in ("seats", "waiting")} == {
        "seats": "1 / 5",
        "waiting": "0",
    }
    assert {key: row_cells(html, empty.pk)[key] for key in ("seats", "waiting")} == {
        "seats": "0 / 3",
        "waiting": "0",
    }


def test_cancel_meetings_action_cancels_and_tells_everyone_registered(
    admin_client, django_capture_on_commit_callbacks
):
    meeting = meeting_at(10, capacity=1)
    register(meeting, "aino@example.org")
    register(meeting, "leo@example.org")  # waiting
    gone = register(meeting, "sara@example.org")
    registration_cancel(token=gone.cancel_token)
    other = meeting_at(12)
    register(other, "olga@example.org")
    OutboundEmail.objects.all().delete()

    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(
            MEETINGS, {"action": "cancel_meetings", "_selected_action": [meeting.pk]}
        )

    assert response.status_code == 302
    meeting.refresh_from_db()
    other.refresh_from_db()
    assert meeting.status == MeetingStatus.CANCELLED
    assert meeting.sequence == 1
    assert other.status == MeetingStatus.SCHEDULED
    queued = OutboundEmail.objects.filter(kind=EmailKind.MEETING_CANCELLED)
    assert sorted(queued.values_list("recipient", flat=True)) == [
        "aino@example.org",
        "leo@example.org",
    ]
    assert sorted(recipient for message in mail.outbox for recipient in message.to) == [
        "aino@example.org",
        "leo@example.org",
    ]


def test_promote_waiting_action_fills_seats_added_since(admin_client):
    meeting = meeting_at(10, capacity=1)
    register(meeting, "aino@example.org")
    first = register(meeting, "leo@example.org")
    second = register(meeting, "sara@example.org")
    Meeting.objects.filter(pk=meeting.pk).update(capacity=2)

    response = admin_client.post(
        MEETINGS, {"action": "promote_waiting", "_selected_action": [meeting.pk]}
    )

    assert response.status_code == 302
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.status == RegistrationStatus.CONFIRMED
    assert first.promoted_at is not None
    assert second.status == RegistrationStatus.WAITING
    assert list(
        OutboundEmail.objects.filter(kind=EmailKind.PROMOTED).values_list("recipient", flat=True)
    ) == ["leo@example.org"]


def test_export_registrations_action_writes_csv_for_excel(admin_client):
    meeting = meeting_at(10, capacity=1)
    register(meeting, "aanekoski@example.org", name="Äänekoski Örö", organisation="Koulu; lukio")
    register(meeting, "asa@example.org", name="Åsa Öhman")  # waiting
    gone = register(meeting, "leo@example.org", name="Leo Nieminen")
    registration_cancel(token=gone.cancel_token)
    register(meeting_at(20), "other@example.org", name="Muu Kokous")

    response = admin_client.post(
        MEETINGS,
        {"action": "export_registrations", "_selected_action": [meeting.pk]},
        HTTP_ACCEPT_LANGUAGE="en",
    )

    header, *rows = csv_rows(response)
    assert len(rows) == meeting.registrations.count() == 3
    column = {label: index for index, label in enumerate(header)}
    assert [row[column["name"]] for row in rows] == ["Äänekoski Örö", "Åsa Öhman", "Leo Nieminen"]
    assert [row[column["e-mail"]] for row in rows] == [
        "aanekoski@example.org",
        "asa@example.org",
        "leo@example.org",
    ]
    assert rows[0][column["organisation"]] == "Koulu; lukio"
    with translation.override("en"):
        statuses = [
            str(status.label)
            for status in (
                RegistrationStatus.CONFIRMED,
                RegistrationStatus.WAITING,
                RegistrationStatus.CANCELLED,
            )
        ]
    assert [row[column["status"]] for row in rows] == statuses


def test_export_csv_action_exports_the_chosen_registrations(admin_client):
    meeting = meeting_at(10)
    chosen = [
        register(meeting, "aanekoski@example.org", name="Äänekoski Örö"),
        register(meeting, "jussi@example.org", name="Jussi Heikkinen"),
    ]
    register(meeting, "layla@example.org", name="Layla Karimi")

    response = admin_client.post(
        REGISTRATIONS,
        {"action": "export_csv", "_selected_action": [r.pk for r in chosen]},
        HTTP_ACCEPT_LANGUAGE="en",
    )

    header, *rows = csv_rows(response)
    name = header.index("name")
    assert [row[name] for row in rows] == ["Äänekoski Örö", "Jussi Heikkinen"]
    assert [row[header.index("e-mail")] for row in rows] == [r.email for r in chosen]


# --- Registrations.


def test_registration_changelist_filters(admin_client):
    parents = StakeholderGroupFactory(slug="parents")
    counsellors = StakeholderGroupFactory(slug="counsellors")
    meeting = meeting_at(10, capacity=2, forum=ForumFactory(groups=[parents, counsellors]))
    register(meeting, "aino@example.org", name="Aino", group=parents, language_code="fi")
    register(
        meeting,
        "hodan@example.org",
        name="Hodan",
        group=counsellors,
        language_code="so",
        interpreter_language=language("so"),
    )
    register(
        meeting,
        "noor@example.org",
        name="Noor",
        group=parents,
        language_code="ar",
        interpreter_language=language("ar"),
    )  # waiting

    def names(query: dict[str, Any]) -> set[str]:
        response = admin_client.get(REGISTRATIONS, query)
        assert response.status_code == 200
        return names_listed(response.content.decode())

    assert names({}) == {"Aino", "Hodan", "Noor"}
    assert names({"status__exact": "waiting"}) == {"Noor"}
    assert names({"status__exact": "confirmed"}) == {"Aino", "Hodan"}
    assert names({"group__id__exact": parents.pk}) == {"Aino", "Noor"}
    assert names({"language__id__exact": language("so").pk}) == {"Hodan"}
    assert names({"interpreter": "yes"}) == {"Hodan", "Noor"}
    assert names({"interpreter": "no"}) == {"Aino"}
    assert names({"interpreter": "yes", "group__id__exact": parents.pk}) == {"Noor"}


# --- What only the person does.


@pytest.mark.parametrize(
    ("model", "made_by_the_person"),
    [
        ("registration", {"address_confirmed_at", "hold_expires_at", "anonymised_at"}),
        ("invitee", {"unsubscribed_at"}),
    ],
)
def test_what_only_the_person_does_is_shown_but_not_editable_in_admin(
    admin_client, model, made_by_the_person
):
    """Confirming an address, a seat's hold and unsubscribing are the person's own doing:
    staff cannot set them for anyone (and so hold seats or undo an unsubscription)."""
    meeting = MeetingFactory.create()
    registration = register(meeting, "aino@example.org")
    obj = (
        registration
        if model == "registration"
        else Invitee.objects.create(
            name="Aino",
            email="aino@example.org",
            group=registration.group,
            language=registration.language,
            consent_at=timezone.now(),
        )
    )
    page = admin_client.get(reverse(f"admin:forums_{model}_change", args=[obj.pk]))

    assert page.status_code == 200
    assert not made_by_the_person & set(page.context["adminform"].form.fields)
    shown = {field for fieldset in page.context["adminform"] for line in fieldset for field in line}
    assert made_by_the_person <= {field.field["name"] for field in shown if field.is_readonly}


# --- Forums.


def test_generate_meetings_action_asks_then_creates_the_meetings(admin_client):
    forum = ForumFactory()
    year = timezone.localdate().year + 1
    action = {"action": "generate_meetings", "_selected_action": [forum.pk]}

    response = admin_client.post(FORUMS, action)

    assert response.status_code == 200
    html = response.content.decode()
    for name in ("first_start_0", "first_start_1", "duration_minutes", "frequency", "count"):
        assert f'name="{name}"' in html
    assert not forum.meetings.exists()

    # Every other Tuesday from early March, across the change to summer time.
    response = admin_client.post(
        FORUMS,
        {
            **action,
            "generate": "1",
            "first_start_0": f"{year}-03-09",
            "first_start_1": "17:00",
            "duration_minutes": "90",
            "frequency": "weekly",
            "interval": "2",
            "count": "4",
            "capacity": "25",
            "childcare_places": "0",
            "venue": "Tikkurilan kirjasto",
            "municipality": "Vantaa",
            "online_url": "",
        },
    )

    assert response.status_code == 302
    meetings = list(forum.meetings.order_by("starts_at"))
    assert len(meetings) == 4
    first_day = datetime.date(year, 3, 9)
    for index, meeting in enumerate(meetings):
        local_start = timezone.localtime(meeting.starts_at)
        assert local_start.date() == first_day + datetime.timedelta(weeks=2 * index)
        assert (local_start.hour, local_start.minute) == (17, 0)
        assert meeting.ends_at - meeting.starts_at == datetime.timedelta(minutes=90)
        assert meeting.capacity == 25
        assert meeting.venue == "Tikkurilan kirjasto"
        assert meeting.status == MeetingStatus.SCHEDULED


def test_generate_meetings_action_shows_errors_and_creates_nothing(admin_client):
    forum = ForumFactory()
    response = admin_client.post(
        FORUMS,
        {
            "action": "generate_meetings",
            "_selected_action": [forum.pk],
            "generate": "1",
            "first_start_0": "not a date",
            "first_start_1": "17:00",
            "duration_minutes": "90",
            "frequency": "weekly",
            "interval": "2",
            "count": "4",
            "capacity": "25",
            "childcare_places": "0",
        },
    )
    assert response.status_code == 200
    assert 'class="errorlist' in response.content.decode()
    assert not forum.meetings.exists()
