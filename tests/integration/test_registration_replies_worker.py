"""The replies to the registration form, end to end as in production: the portal served by
gunicorn with the cache its processes share (CACHE_URL), the send_email tasks on Redis,
a real Celery worker and a real SMTP server on loopback.

PostgreSQL only (the web and worker processes share the test database with this one);
.ci/run's PostgreSQL run fails if these are skipped.
"""

import datetime
from collections import Counter

import pytest
import redis
from django.utils import timezone

from forums.models import (
    EmailKind,
    EmailStatus,
    Meeting,
    OutboundEmail,
    Registration,
    RegistrationStatus,
    StakeholderGroup,
)

from ..forum_factories import ForumFactory, MeetingFactory, StakeholderGroupFactory
from .harness import (
    CACHE_URL,
    MailSink,
    WebServer,
    Worker,
    burst,
    flush_broker,
    free_port,
    service_env,
    wait_for,
)

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

PEOPLE = 60
SEATS = 20


def _replies_sent() -> int:
    return OutboundEmail.objects.filter(status=EmailStatus.SENT).count()


def test_everyone_registering_at_once_gets_exactly_one_reply(tmp_path):
    group: StakeholderGroup = StakeholderGroupFactory.create(slug="parents")
    meeting: Meeting = MeetingFactory.create(
        forum=ForumFactory.create(groups=[group]),
        capacity=SEATS,
        starts_at=timezone.now() + datetime.timedelta(days=10),
    )
    flush_broker()
    redis.Redis.from_url(CACHE_URL).flushdb()
    with MailSink() as sink:
        env = service_env(
            sink.port,
            CACHE_URL=CACHE_URL,
            ALLOWED_HOSTS="127.0.0.1,localhost",
            # Everyone posts from this one address.
            RATELIMIT_ENABLE="0",
        )
        worker = Worker(env, log=tmp_path / "worker.log")
        try:
            server = WebServer(env, port=free_port(), workers=2, log=tmp_path / "web.log")
            try:
                posted = burst(server.port, meeting.pk, [group.pk], PEOPLE)
            finally:
                server.stop()
            assert posted["statuses"] == {"302": PEOPLE}
            assert wait_for(lambda: _replies_sent() == PEOPLE, timeout=120), (
                f"{_replies_sent()} of {PEOPLE} replies sent; {sink.count()} arrived"
            )
        finally:
            worker.stop()
        received = sink.by_recipient()

    assert set(received) == {f"burst-{meeting.pk}-{number}@example.org" for number in range(PEOPLE)}
    assert all(len(messages) == 1 for messages in received.values())
    # Each is asked to confirm the address; a seat is held for the first SEATS of them.
    assert set(
        OutboundEmail.objects.filter(registration__meeting=meeting).values_list("kind", flat=True)
    ) == {EmailKind.CONFIRM_ADDRESS}
    statuses = Counter(
        Registration.objects.filter(meeting=meeting).values_list("status", flat=True)
    )
    assert statuses == {
        RegistrationStatus.PENDING: SEATS,
        RegistrationStatus.WAITING: PEOPLE - SEATS,
    }
