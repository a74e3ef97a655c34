"""A meeting changed in Django admin: moving it raises its calendar sequence and tells
everyone registered, each in their language, building the calendar file once per language;
other changes, and changes to a cancelled or past meeting, tell nobody. Its change page
counts the interpreters needed per language."""

import datetime
import re
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import ngettext

from forums import emails
from forums.models import EmailKind, Meeting, OutboundEmail, Registration, RegistrationStatus
from forums.services import meeting_cancel, meeting_change_announce, registration_cancel

from .admin_helpers import _change_data, meeting_at
from .forum_factories import language, register, send_queued

pytestmark = pytest.mark.django_db


def test_moving_a_meeting_in_admin_raises_its_calendar_sequence(admin_client):
    meeting = meeting_at(10)
    page = reverse("admin:forums_meeting_change", args=[meeting.pk])

    response = admin_client.post(
        page,
        _change_data(
            meeting,
            starts_at=meeting.starts_at + datetime.timedelta(days=1),
            ends_at=meeting.ends_at + datetime.timedelta(days=1),
        ),
    )

    assert response.status_code == 302, response.content.decode()[:3000]
    moved = Meeting.objects.get(pk=meeting.pk)
    assert moved.starts_at == meeting.starts_at + datetime.timedelta(days=1)
    assert moved.sequence == meeting.sequence + 1


def test_editing_only_the_seats_in_admin_keeps_the_sequence(admin_client):
    meeting = meeting_at(10, capacity=1)
    register(meeting, "aino@example.org")
    waiting = register(meeting, "leo@example.org")
    page = reverse("admin:forums_meeting_change", args=[meeting.pk])

    response = admin_client.post(page, _change_data(meeting, capacity=2))

    assert response.status_code == 302, response.content.decode()[:3000]
    saved = Meeting.objects.get(pk=meeting.pk)
    assert saved.capacity == 2
    assert saved.sequence == meeting.sequence
    # More seats let the first person waiting in.
    waiting.refresh_from_db()
    assert waiting.status == RegistrationStatus.CONFIRMED


def _interpreter_demand(html: str) -> dict[str, tuple[int, int]]:
    """{language name: (confirmed, waiting)} from the desk at the top of the change page."""
    block = html[html.index('class="interpreter-demand"') :]
    block = block[: block.index("</ul>")]
    return {
        name.strip(): (int(confirmed), int(waiting))
        for confirmed, waiting, name in re.findall(
            r'<li data-confirmed="(\d+)" data-waiting="(\d+)">([^<:]+):', block
        )
    }


def test_meeting_page_counts_interpreters_needed_per_language(admin_client):
    meeting = meeting_at(10, capacity=2)
    register(meeting, "a@example.org", interpreter_language=language("ar"))
    register(meeting, "b@example.org", interpreter_language=language("so"))
    register(meeting, "c@example.org", interpreter_language=language("ar"))  # waiting
    register(meeting, "d@example.org", interpreter_language=language("ar"))  # waiting
    gone = register(meeting, "e@example.org", interpreter_language=language("so"))
    registration_cancel(token=gone.cancel_token)
    register(meeting, "f@example.org")  # no interpreter
    register(meeting_at(20), "g@example.org", interpreter_language=language("ru"))

    response = admin_client.get(reverse("admin:forums_meeting_change", args=[meeting.pk]))

    assert response.status_code == 200
    with translation.override("fi"):
        arabic, somali = str(language("ar")), str(language("so"))
    assert _interpreter_demand(response.content.decode()) == {arabic: (1, 2), somali: (1, 0)}


def test_interpreter_demand_names_languages_in_the_admins_language(admin_client):
    meeting = meeting_at(10)
    register(meeting, "a@example.org", interpreter_language=language("ar"))

    response = admin_client.get(
        reverse("admin:forums_meeting_change", args=[meeting.pk]), HTTP_ACCEPT_LANGUAGE="en"
    )

    with translation.override("en"):
        arabic = str(language("ar"))
    assert _interpreter_demand(response.content.decode()) == {arabic: (1, 0)}


def test_moving_a_meeting_tells_everyone_registered_in_their_language(admin_client):
    meeting = meeting_at(10, capacity=1)
    seated = register(meeting, "aino@example.org", language_code="sv")
    waiting = register(meeting, "leo@example.org")
    gone = register(meeting, "sara@example.org")
    registration_cancel(token=gone.cancel_token)
    OutboundEmail.objects.all().delete()
    later = meeting.starts_at + datetime.timedelta(hours=2)

    response = admin_client.post(
        reverse("admin:forums_meeting_change", args=[meeting.pk]),
        _change_data(
            meeting, starts_at=later, ends_at=meeting.ends_at + datetime.timedelta(hours=2)
        ),
        follow=True,
    )

    assert response.status_code == 200
    send_queued()
    told = {message.registration_id: message for message in OutboundEmail.objects.all()}
    assert set(told) == {seated.pk, waiting.pk}
    assert {message.kind for message in told.values()} == {EmailKind.MEETING_CHANGED}
    assert told[seated.pk].language == "sv"
    assert told[waiting.pk].language == "fi"
    local = timezone.localtime(later)
    assert f"{local:%H:%M}" in told[seated.pk].text_body
    # The seat-holder's calendar entry moves; the waiting person gets no calendar entry.
    assert "SEQUENCE:1" in told[seated.pk].ics
    assert told[waiting.pk].ics == ""
    with translation.override("fi"):
        notice = ngettext(
            "%(count)d registered person was told of the change by e-mail.",
            "%(count)d registered people were told of the change by e-mail.",
            2,
        ) % {"count": 2}
    assert notice in response.content.decode()


def test_a_change_that_does_not_move_the_meeting_tells_nobody(admin_client):
    meeting = meeting_at(10, capacity=5)
    register(meeting, "aino@example.org")
    OutboundEmail.objects.all().delete()

    admin_client.post(
        reverse("admin:forums_meeting_change", args=[meeting.pk]),
        _change_data(meeting, capacity=6, title_fi="Uusi otsikko"),
    )

    assert not OutboundEmail.objects.exists()


def test_nobody_is_told_of_changes_to_a_cancelled_or_past_meeting():
    cancelled = meeting_at(10)
    register(cancelled, "aino@example.org")
    meeting_cancel(meeting_id=cancelled.pk)
    past = meeting_at(-3)
    Registration.objects.create(
        meeting=past,
        name="Leo",
        email="leo@example.org",
        group=past.forum.stakeholder_groups.get(slug="parents"),
        language=language("fi"),
        ui_language="fi",
        consent_at=timezone.now(),
        consent_version="test",
        status=RegistrationStatus.CONFIRMED,
        address_confirmed_at=timezone.now(),
    )
    OutboundEmail.objects.all().delete()

    assert meeting_change_announce(meeting_id=cancelled.pk) == 0
    assert meeting_change_announce(meeting_id=past.pk) == 0
    assert not OutboundEmail.objects.exists()


@pytest.mark.parametrize("people", [3, 12])
def test_announcing_a_change_writes_one_row_a_person_and_reads_no_more(
    people, django_assert_num_queries
):
    """The calendar file is built once, and no one's place in the queue is looked up: the
    message does not say it."""
    meeting = meeting_at(10, capacity=2)
    for number in range(people):
        register(meeting, f"person{number}@example.org")
    assert Registration.objects.filter(status=RegistrationStatus.WAITING).count() == people - 2

    # The meeting, its registrations with language and forum, then a message each (inside a
    # savepoint: the service is atomic).
    with django_assert_num_queries(2 + people + 2):
        assert meeting_change_announce(meeting_id=meeting.pk) == people


@pytest.mark.parametrize("tell", [meeting_change_announce, meeting_cancel])
def test_telling_everyone_builds_the_calendar_file_once_per_language(tell, monkeypatch):
    meeting = meeting_at(10, capacity=10)
    codes = ["fi", "sv", "fi", "en", "sv", "fi"]
    for number, code in enumerate(codes):
        register(meeting, f"person{number}@example.org", language_code=code)
    built = []
    build = emails.meetings_ical

    def counted(meetings: list[Meeting], **kwargs: Any) -> bytes:
        built.append(translation.get_language())
        return build(meetings, **kwargs)

    monkeypatch.setattr(emails, "meetings_ical", counted)

    assert tell(meeting_id=meeting.pk) == len(codes)

    assert sorted(built) == ["en", "fi", "sv"]
    told = OutboundEmail.objects.exclude(
        kind__in=[EmailKind.CONFIRM_ADDRESS, EmailKind.CONFIRMATION, EmailKind.WAITING]
    )
    files_by_language: dict[str, set[str]] = {}
    for message in told:
        files_by_language.setdefault(message.language, set()).add(message.ics)
    # Everyone of one language gets the one file built for it.
    assert {language: len(files) for language, files in files_by_language.items()} == {
        "en": 1,
        "fi": 1,
        "sv": 1,
    }
    assert all(message.ics.startswith("BEGIN:VCALENDAR") for message in told)
