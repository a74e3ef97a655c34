"""The replies to the registration form reach the worker through one relay task: many people
registering at once queue one task, not one each, and no reply is left behind."""

import datetime
from typing import Any

import pytest
from django.core import mail
from django.core.cache import cache
from django.utils import timezone

from forums import tasks
from forums.models import AgeGroup, EmailKind, EmailStatus, Meeting, OutboundEmail
from forums.outbox import replies_hand_over, settings_stuck_after, stuck_emails_requeue
from forums.services import RegistrationData, registration_request

from .forum_factories import (
    ForumFactory,
    MeetingFactory,
    StakeholderGroupFactory,
    language,
    register,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def meeting() -> Meeting:
    forum = ForumFactory.create(groups=[StakeholderGroupFactory.create(slug="parents")])
    upcoming: Meeting = MeetingFactory.create(
        forum=forum, capacity=2, starts_at=timezone.now() + datetime.timedelta(days=10)
    )
    return upcoming


@pytest.fixture
def relays_queued(monkeypatch) -> list[int]:
    """The relays queued, held back as a broker holds them until a worker is free."""
    queued: list[int] = []
    monkeypatch.setattr(tasks.relay_replies, "delay", lambda: queued.append(1))
    return queued


def _register_committed(meeting: Meeting, email: str, capture: Any) -> None:
    with capture(execute=True):
        register(meeting, email)


def test_people_registering_while_a_relay_waits_queue_no_more_relays(
    meeting, relays_queued, django_capture_on_commit_callbacks
):
    for number in range(4):
        _register_committed(
            meeting, f"person{number}@example.org", django_capture_on_commit_callbacks
        )

    assert len(relays_queued) == 1
    assert mail.outbox == []

    # The worker takes the relay up: every reply goes, each once.
    assert tasks.relay_replies() == 4
    assert sorted(message.to[0] for message in mail.outbox) == [
        f"person{number}@example.org" for number in range(4)
    ]
    kinds = OutboundEmail.objects.values_list("kind", "status").order_by("pk")
    assert list(kinds) == [
        (EmailKind.CONFIRMATION, EmailStatus.SENT),
        (EmailKind.CONFIRMATION, EmailStatus.SENT),
        (EmailKind.WAITING, EmailStatus.SENT),
        (EmailKind.WAITING, EmailStatus.SENT),
    ]

    # Once it has started, the next registration needs a relay of its own.
    _register_committed(meeting, "late@example.org", django_capture_on_commit_callbacks)
    assert len(relays_queued) == 2


def test_a_reply_is_handed_over_once_by_relays_one_after_the_other(meeting, relays_queued):
    register(meeting, "first@example.org")
    register(meeting, "second@example.org")
    queued = list(OutboundEmail.objects.order_by("pk").values_list("pk", flat=True))

    assert replies_hand_over() == queued
    assert replies_hand_over() == []
    assert OutboundEmail.objects.filter(next_attempt_at__isnull=True).count() == 0


def test_only_unwritten_replies_waiting_for_a_worker_are_handed_over(meeting, relays_queued):
    register(meeting, "sent@example.org")
    register(meeting, "written@example.org")
    waiting = register(meeting, "queued@example.org")
    sent, written, _queued = OutboundEmail.objects.order_by("pk")
    OutboundEmail.objects.filter(pk=sent.pk).update(status=EmailStatus.SENT)
    OutboundEmail.objects.filter(pk=written.pk).update(written=True)

    assert replies_hand_over() == [waiting.emails.get().pk]


def test_a_relay_that_could_not_be_queued_lets_the_next_registration_try(
    meeting, monkeypatch, django_capture_on_commit_callbacks
):
    def broker_down() -> None:
        raise OSError("Connection refused")

    monkeypatch.setattr(tasks.relay_replies, "delay", broker_down)
    _register_committed(meeting, "first@example.org", django_capture_on_commit_callbacks)
    assert cache.get(tasks.RELAY_PENDING_KEY) is None

    monkeypatch.undo()
    _register_committed(meeting, "second@example.org", django_capture_on_commit_callbacks)
    # The broker is back: the relay sends both, the one left behind included.
    assert sorted(message.to[0] for message in mail.outbox) == [
        "first@example.org",
        "second@example.org",
    ]


def test_a_reply_whose_relay_was_lost_is_sent_by_the_sweep(meeting, relays_queued):
    register(meeting, "lost@example.org")
    (email_id,) = replies_hand_over()  # the relay ran, and its send_email task was lost

    later = timezone.now() + settings_stuck_after() + datetime.timedelta(minutes=1)
    assert stuck_emails_requeue(now=later) == [email_id]


def test_without_a_shared_cache_each_reply_is_queued_on_its_own(
    meeting, settings, monkeypatch, relays_queued, django_capture_on_commit_callbacks
):
    # A worker cannot clear a flag kept in the web process's own memory.
    settings.CACHE_URL = ""
    settings.CELERY_TASK_ALWAYS_EAGER = False
    sent: list[int] = []
    monkeypatch.setattr(tasks.send_email, "delay", sent.append)

    _register_committed(meeting, "first@example.org", django_capture_on_commit_callbacks)
    _register_committed(meeting, "second@example.org", django_capture_on_commit_callbacks)

    assert relays_queued == []
    assert sent == list(OutboundEmail.objects.order_by("pk").values_list("pk", flat=True))


def test_a_guardians_message_and_an_already_registered_reply_go_through_the_relay(
    meeting, relays_queued, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        register(
            meeting,
            "young@example.org",
            age_group=AgeGroup.UNDER_15,
            guardian_email="guardian@example.org",
        )
    with django_capture_on_commit_callbacks(execute=True):
        registration_request(
            meeting_id=meeting.pk,
            data=RegistrationData(
                name="Young Again",
                email="young@example.org",
                group=meeting.forum.stakeholder_groups.get(),
                language=language("fi"),
                ui_language="fi",
            ),
        )
    assert len(relays_queued) == 1
    assert mail.outbox == []

    assert tasks.relay_replies() == 3
    assert sorted(message.to[0] for message in mail.outbox) == [
        "guardian@example.org",
        "young@example.org",
        "young@example.org",
    ]
    assert set(OutboundEmail.objects.values_list("kind", flat=True)) == {
        EmailKind.CONFIRMATION,
        EmailKind.GUARDIAN,
        EmailKind.ALREADY_REGISTERED,
    }


def test_when_the_shared_cache_does_not_answer_each_reply_is_queued_on_its_own(
    meeting, monkeypatch, relays_queued, django_capture_on_commit_callbacks
):
    def cache_down(*args: Any, **kwargs: Any) -> bool:
        raise ConnectionError("Connection refused")

    sent: list[int] = []
    monkeypatch.setattr(cache, "add", cache_down)
    monkeypatch.setattr(tasks.send_email, "delay", sent.append)

    _register_committed(meeting, "first@example.org", django_capture_on_commit_callbacks)

    assert relays_queued == []
    assert sent == [OutboundEmail.objects.get().pk]


def test_beats_relay_sends_the_replies_of_a_relay_that_was_lost(
    meeting, relays_queued, django_capture_on_commit_callbacks
):
    _register_committed(meeting, "first@example.org", django_capture_on_commit_callbacks)
    _register_committed(meeting, "second@example.org", django_capture_on_commit_callbacks)
    assert len(relays_queued) == 1  # and lost on its way: the flag stays up for a minute

    tasks.relay_replies()  # as beat runs it every minute

    assert len(mail.outbox) == 2
    assert cache.get(tasks.RELAY_PENDING_KEY) is None


def test_the_sweep_queues_the_others_when_one_cannot_be_queued(meeting, relays_queued, monkeypatch):
    register(meeting, "first@example.org")
    register(meeting, "second@example.org")
    later = timezone.now() + settings_stuck_after() + datetime.timedelta(minutes=1)
    OutboundEmail.objects.update(created_at=timezone.now() - settings_stuck_after() * 2)
    first, second = OutboundEmail.objects.order_by("pk").values_list("pk", flat=True)
    queued: list[int] = []

    def flaky_broker(email_id: int) -> None:
        if email_id == first:
            raise OSError("Connection reset")
        queued.append(email_id)

    monkeypatch.setattr(tasks.send_email, "delay", flaky_broker)
    monkeypatch.setattr("forums.outbox.timezone.now", lambda: later)

    assert tasks.requeue_stuck_emails() == 2
    assert queued == [second]
