"""Parts stopped for real under gunicorn: the database (through a proxy that drops every
connection), the broker (a Redis of the test's own, killed and started again) and an SMTP
server that answers nothing. The visitor gets pages in their language, never a bare error;
nothing is half written; e-mails wait in the outbox and go once the part is back.

PostgreSQL only (the web and worker processes share the test database with this one)."""

import contextlib
import datetime
import http.client
import json
import time
import urllib.parse

import pytest
from django.contrib.sessions.backends.db import SessionStore
from django.db import connection
from django.utils import timezone

from forums.models import EmailStatus, OutboundEmail, Registration, RegistrationStatus
from forums.tokens import registration_token

from ..forum_factories import ForumFactory, MeetingFactory, StakeholderGroupFactory
from ..outage_helpers import OwnRedis, SilentServer, TcpProxy
from .harness import (
    PROXY_HEADERS,
    MailSink,
    WebServer,
    Worker,
    csrf_token,
    database_url,
    free_port,
    post_registration,
    service_env,
    wait_for,
)

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def _env(smtp_port: int, **extra: str) -> dict[str, str]:
    return service_env(smtp_port, ALLOWED_HOSTS="127.0.0.1", **extra)


def _meeting_and_group() -> tuple[int, int]:
    group = StakeholderGroupFactory.create(slug="parents")
    meeting = MeetingFactory.create(
        forum=ForumFactory.create(groups=[group]),
        capacity=10,
        starts_at=timezone.now() + datetime.timedelta(days=10),
    )
    return meeting.pk, group.pk


def _page(port: int, path: str, cookie: str = "") -> tuple[int, str, str | None]:
    client = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    client.request("GET", path, headers={**PROXY_HEADERS, **({"Cookie": cookie} if cookie else {})})
    response = client.getresponse()
    return response.status, response.read().decode(), response.getheader("Retry-After")


def _register(port: int, meeting_id: int, group_id: int, email: str) -> tuple[int, float]:
    csrf = csrf_token(port, f"/fi/meetings/{meeting_id}/")
    started = time.monotonic()
    status = post_registration(
        http.client.HTTPConnection("127.0.0.1", port, timeout=60),
        port,
        meeting_id=meeting_id,
        group_id=group_id,
        email=email,
        csrf=csrf,
    )
    return status, time.monotonic() - started


def _cancel(port: int, registration: Registration) -> int:
    path = f"/fi/registrations/{registration_token(registration)}/cancel/"
    cookie, token = csrf_token(port, path)
    origin = f"https://127.0.0.1:{port}"
    client = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    client.request(
        "POST",
        path,
        body=urllib.parse.urlencode({"csrfmiddlewaretoken": token}),
        headers={
            **PROXY_HEADERS,
            "Content-Type": "application/x-www-form-urlencoded",
            "Cookie": f"csrftoken={cookie}",
            "Origin": origin,
            "Referer": origin + path,
        },
    )
    response = client.getresponse()
    response.read()
    return response.status


def test_the_database_gone_gives_a_try_again_page_and_the_portal_recovers_when_it_is_back(
    tmp_path,
):
    meeting_id, group_id = _meeting_and_group()
    proxy = TcpProxy(int(connection.settings_dict.get("PORT") or 5432))
    proxy.start()
    proxied = database_url().replace(
        f":{connection.settings_dict.get('PORT') or 5432}/", f":{proxy.port}/"
    )
    port = free_port()
    web = WebServer(
        _env(free_port(), DATABASE_URL=proxied, CELERY_BROKER_URL=""),
        port=port,
        workers=1,
        log=tmp_path / "web.log",
    )
    try:
        # The worker keeps its connection, and the page (PAGE_CACHE_SECONDS, in its memory).
        assert web.get("/fi/projects/")[0] == 200
        csrf = csrf_token(port, f"/fi/meetings/{meeting_id}/")
        session = SessionStore()
        session.create()  # a signed-in person's: middleware loads it before any view runs

        proxy.stop()
        kept = web.get("/fi/projects/")[0]
        finnish = _page(port, "/fi/forums/")
        swedish = _page(port, f"/sv/meetings/{meeting_id}/")
        signed_in = _page(port, "/en/forums/", cookie=f"sessionid={session.session_key}")
        health = web.get("/healthz")[0]
        refused = post_registration(
            http.client.HTTPConnection("127.0.0.1", port, timeout=60),
            port,
            meeting_id=meeting_id,
            group_id=group_id,
            email="aino@example.org",
            csrf=csrf,
        )

        proxy.start()
        back = web.get("/fi/forums/")[0]
        registered = _register(port, meeting_id, group_id, "aino@example.org")[0]
    finally:
        web.stop()
        proxy.stop()

    assert kept == 200  # a page kept in the cache needs no database
    assert finnish[0] == 503 and finnish[2] == "30"
    assert "Yritä hetken kuluttua uudelleen" in finnish[1]
    assert '<html lang="fi">' in finnish[1]
    assert swedish[0] == 503 and "Försök igen om en stund" in swedish[1]
    assert signed_in[0] == 503 and "Please try again in a moment" in signed_in[1]
    assert health == 503
    assert refused == 503
    # The first request after the database came back is served on a fresh connection.
    assert back == 200
    assert registered == 302
    assert Registration.objects.filter(meeting_id=meeting_id).count() == 1


def test_with_the_broker_down_registrations_are_taken_and_their_emails_go_when_it_is_back(
    tmp_path,
):
    meeting_id, group_id = _meeting_and_group()
    broker = OwnRedis()
    with MailSink() as mail:
        env = _env(
            mail.port,
            CELERY_BROKER_URL=broker.url,
            EMAIL_STUCK_AFTER_SECONDS="1",
            EMAIL_SWEEP_INTERVAL_SECONDS="1",
        )
        port = free_port()
        web = WebServer(env, port=port, workers=1, log=tmp_path / "web.log")
        try:
            health = json.loads(_page(port, "/healthz")[1])
            answers = [
                _register(port, meeting_id, group_id, f"{name}@example.org")
                for name in ("aino", "bo", "cecilia")
            ]
            cancelled = _cancel(port, Registration.objects.get(email="cecilia@example.org"))
            waiting = set(OutboundEmail.objects.values_list("status", flat=True))

            broker.start()
            worker = Worker(env, log=tmp_path / "worker.log", beat_schedule=tmp_path / "beat")
            try:
                delivered = wait_for(
                    lambda: {"aino@example.org", "bo@example.org"} <= set(mail.by_recipient()),
                    timeout=120,
                )
            finally:
                worker.stop()
        finally:
            web.stop()
            broker.stop()

    assert health == {"database": "up", "cache": "up", "broker": "down"}
    assert [status for status, _seconds in answers] == [302, 302, 302]
    # Each publish gives up within seconds, rather than holding the visitor's request.
    assert all(seconds < 5 for _status, seconds in answers)
    assert cancelled == 200
    assert Registration.objects.get(email="cecilia@example.org").status == (
        RegistrationStatus.CANCELLED
    )
    assert waiting == {EmailStatus.QUEUED}
    assert delivered


def test_an_smtp_server_that_answers_nothing_keeps_no_one_waiting_and_the_message_retries(
    tmp_path,
):
    meeting_id, group_id = _meeting_and_group()
    smtp = SilentServer()
    broker = OwnRedis()
    env = _env(smtp.port, CELERY_BROKER_URL=broker.url, EMAIL_TIMEOUT="10")
    port = free_port()
    with contextlib.ExitStack() as parts:
        parts.callback(smtp.close)
        parts.callback(broker.stop)
        broker.start()
        parts.callback(WebServer(env, port=port, workers=1, log=tmp_path / "web.log").stop)
        parts.callback(Worker(env, log=tmp_path / "worker.log").stop)
        status, seconds = _register(port, meeting_id, group_id, "aino@example.org")
        retrying = wait_for(
            lambda: OutboundEmail.objects.filter(status=EmailStatus.RETRYING, attempts=1).exists(),
            timeout=60,
        )

    assert status == 302
    assert seconds < 5  # sending in the request would have waited EMAIL_TIMEOUT, 10 s
    assert retrying
    message = OutboundEmail.objects.get()
    assert "timed out" in message.last_error
    assert message.next_attempt_at is not None
    assert message.next_attempt_at > timezone.now()


def test_a_broker_that_hangs_holds_a_registration_for_seconds_not_for_ever(tmp_path):
    meeting_id, group_id = _meeting_and_group()
    broker = SilentServer()
    env = _env(free_port(), CELERY_BROKER_URL=f"redis://127.0.0.1:{broker.port}/0")
    port = free_port()
    web = WebServer(env, port=port, workers=1, log=tmp_path / "web.log")
    try:
        status, seconds = _register(port, meeting_id, group_id, "aino@example.org")
        health = json.loads(_page(port, "/healthz")[1])
    finally:
        web.stop()
        broker.close()

    assert status == 302
    assert seconds < 10  # the socket timeouts (3 s) with one retry
    assert health["broker"] == "down"
    assert OutboundEmail.objects.get().status == EmailStatus.QUEUED
