"""Invitations sent by a real Celery worker on Redis to a real SMTP server on loopback.

PostgreSQL only (the worker processes share the test database with this one); .ci/run's
PostgreSQL run fails if these are skipped.
"""

import datetime
import itertools

import icalendar
import pytest
from django.utils import timezone

from forums.calendar import meeting_uid
from forums.models import (
    EmailStatus,
    Invitation,
    InvitationText,
    Invitee,
    Meeting,
    StakeholderGroup,
)

from ..forum_factories import ForumFactory, MeetingFactory, StakeholderGroupFactory, language
from .harness import MailSink, Worker, flush_broker, manage, service_env, wait_for

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

INVITEES = 500
# Each language with the Content-Language its invitation must carry: the portal's own three,
# Arabic with a text staff wrote (then fi and en), Somali without one (fi and en only).
LANGUAGES = {"fi": "fi", "sv": "sv", "en": "en", "ar": "ar, fi, en", "so": "fi, en"}


def _meeting_with_invitees(count: int = INVITEES) -> Meeting:
    parents: StakeholderGroup = StakeholderGroupFactory.create(slug="parents")
    forum = ForumFactory.create(groups=[parents])
    meeting: Meeting = MeetingFactory.create(
        forum=forum, starts_at=timezone.now() + datetime.timedelta(days=20)
    )
    InvitationText.objects.create(
        language=language("ar"), subject="دعوة إلى المنتدى", body="أهلاً بكم في منتدى التعاون."
    )
    codes = itertools.cycle(LANGUAGES)
    Invitee.objects.bulk_create(
        Invitee(
            name=f"Invitee {number}",
            email=f"invitee{number}@example.org",
            group=parents,
            language=language(next(codes)),
            consent_at=timezone.now(),
        )
        for number in range(count)
    )
    return meeting


def _all_sent(meeting: Meeting) -> bool:
    return (
        Invitation.objects.filter(meeting=meeting, email__status=EmailStatus.SENT).count()
        == INVITEES
    )


def _expected_languages() -> dict[str, str]:
    return {
        invitee.email: LANGUAGES[invitee.language.code]
        for invitee in Invitee.objects.select_related("language")
    }


def test_five_hundred_invitations_arrive_exactly_once_in_each_language(tmp_path):
    meeting = _meeting_with_invitees()
    flush_broker()
    with MailSink() as sink:
        env = service_env(sink.port)
        worker = Worker(env, log=tmp_path / "worker.log")
        try:
            manage(env, "send_invitations", str(meeting.pk))
            assert wait_for(lambda: _all_sent(meeting), timeout=180), (
                f"{sink.count()} of {INVITEES} arrived"
            )
        finally:
            worker.stop()
        received = sink.by_recipient()

    expected = _expected_languages()
    assert set(received) == set(expected)
    assert all(len(messages) == 1 for messages in received.values())
    for recipient, (message,) in received.items():
        assert message["Content-Language"] == expected[recipient]
        assert message["List-Unsubscribe"].strip().startswith("<http")
        calendars = [part for part in message.walk() if part.get_content_type() == "text/calendar"]
        assert len(calendars) == 1
        event = icalendar.Calendar.from_ical(calendars[0].get_payload(decode=True)).walk("VEVENT")[
            0
        ]
        assert str(event["UID"]) == meeting_uid(meeting)
        body = message.get_body(preferencelist=("plain",))
        assert body is not None
        assert recipient.split("@")[0].replace("invitee", "Invitee ") in body.get_content()


def test_a_worker_killed_mid_run_loses_nothing(tmp_path):
    meeting = _meeting_with_invitees()
    flush_broker()
    with MailSink() as sink:
        env = service_env(
            sink.port,
            EMAIL_STUCK_AFTER_SECONDS="3",
            EMAIL_SWEEP_INTERVAL_SECONDS="2",
            CELERY_VISIBILITY_TIMEOUT="5",
        )
        first = Worker(env, log=tmp_path / "worker.log")
        try:
            manage(env, "send_invitations", str(meeting.pk))
            assert wait_for(lambda: sink.count() >= 100, timeout=120)
        finally:
            first.kill()
        sent_before_kill = sink.count()
        assert sent_before_kill < INVITEES, "the worker finished before it could be killed"

        second = Worker(env, log=tmp_path / "worker.log", beat_schedule=tmp_path / "beat-schedule")
        try:
            assert wait_for(lambda: _all_sent(meeting), timeout=180), (
                f"{sink.count()} of {INVITEES} arrived after the restart"
            )
        finally:
            second.stop()
        received = sink.by_recipient()

    assert set(received) == set(_expected_languages())  # nobody lost
    duplicates = sum(len(messages) - 1 for messages in received.values())
    # At-least-once: only messages in flight at the moment of the kill may come twice.
    assert duplicates <= 4
    assert (
        not Invitation.objects.filter(meeting=meeting)
        .exclude(email__status=EmailStatus.SENT)
        .exists()
    )


def test_messages_deferred_with_451_arrive_after_retries(tmp_path):
    meeting = _meeting_with_invitees()
    flush_broker()

    def every_fourth(recipient: str) -> bool:
        return int(recipient.removeprefix("invitee").split("@")[0]) % 4 == 0

    with MailSink(defer_first=every_fourth) as sink:
        env = service_env(sink.port, EMAIL_RETRY_BASE_SECONDS="1")
        worker = Worker(env, log=tmp_path / "worker.log")
        try:
            manage(env, "send_invitations", str(meeting.pk))
            assert wait_for(lambda: _all_sent(meeting), timeout=180), (
                f"{sink.count()} of {INVITEES} arrived"
            )
        finally:
            worker.stop()
        received = sink.by_recipient()
        deferred = set(sink.deferred)

    assert len(deferred) == INVITEES // 4
    assert set(received) == set(_expected_languages())
    assert all(len(messages) == 1 for messages in received.values())
    retried = Invitation.objects.filter(meeting=meeting, email__attempts=2)
    assert set(retried.values_list("invitee__email", flat=True)) == deferred
