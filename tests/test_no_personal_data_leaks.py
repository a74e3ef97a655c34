"""Names, addresses and people's secret tokens stay out of logs, task arguments and the links
in e-mails: logs and broker messages are kept, copied and read far more widely than the
database."""

import datetime
import inspect
import logging
import re
import smtplib
import typing
from collections.abc import Iterator
from typing import Any
from urllib.parse import quote, unquote

import pytest
from celery import Task
from django.urls import reverse
from django.utils import timezone

from forums import tasks
from forums.invitations import invitations_create
from forums.models import Invitation, Invitee, Meeting, OutboundEmail, Registration
from forums.tokens import invitation_token, registration_token, unsubscribe_token
from portal.celery import app as celery_app
from portal.logging import RedactPersonalLinks

from .forum_factories import ForumFactory, MeetingFactory, StakeholderGroupFactory
from .forum_factories import language as lang

pytestmark = pytest.mark.django_db

PEOPLE = {
    "Aaliyah Warsame": "aaliyah.warsame@example.org",
    "Bertta Björkqvist": "bertta.bjorkqvist@example.org",
    "Hodan Ali": "hodan.ali@example.org",
}


@pytest.fixture
def upcoming() -> Meeting:
    group = StakeholderGroupFactory.create(slug="parents")
    forum = ForumFactory.create(groups=[group])
    return MeetingFactory.create(forum=forum, capacity=1)


def register_on_the_page(client: Any, meeting: Meeting, name: str) -> Any:
    return client.post(
        reverse("forums:meeting", kwargs={"pk": meeting.pk}),
        {
            "name": name,
            "email": PEOPLE[name],
            "group": meeting.forum.stakeholder_groups.get().pk,
            "age_group": "adult",
            "language": "so",
            "consent": "on",
        },
    )


def secrets_of_people() -> list[str]:
    """Everything that would identify a person or let someone act as them."""
    found: list[str] = []
    for name, email in PEOPLE.items():
        found += [name, name.split()[1], email, quote(email), quote(email, safe="")]
    for registration in Registration.objects.all():
        found += [registration.cancel_token, registration_token(registration)]
    found += [invitation_token(invitation) for invitation in Invitation.objects.all()]
    found += [unsubscribe_token(invitee) for invitee in Invitee.objects.all()]
    return found


def logged_text(records: list[logging.LogRecord]) -> Iterator[str]:
    formatter = logging.Formatter("%(name)s %(levelname)s %(message)s")
    for record in records:
        # The message with its arguments, and any traceback with its chained errors.
        yield formatter.format(record)
        yield repr(record.args)


def hodan_on_the_list(meeting: Meeting) -> Invitee:
    """Hodan agreed to invitations to the meeting's forum, in Somali."""
    return Invitee.objects.create(
        name="Hodan Ali",
        email=PEOPLE["Hodan Ali"],
        group=meeting.forum.stakeholder_groups.get(),
        language=lang("so"),
        consent_at=timezone.now(),
    )


def test_registering_cancelling_inviting_and_failing_sends_log_nothing_personal(
    client, upcoming, caplog, smtp_errors, django_capture_on_commit_callbacks
):
    caplog.set_level(logging.DEBUG)
    aaliyah, bertta = PEOPLE["Aaliyah Warsame"], PEOPLE["Bertta Björkqvist"]
    # The SMTP server refuses each of them once, repeating their address as servers do.
    smtp_errors.append(smtplib.SMTPRecipientsRefused({aaliyah: (450, f"<{aaliyah}>".encode())}))
    smtp_errors.append(smtplib.SMTPResponseException(451, f"<{bertta}>: try later".encode()))

    with django_capture_on_commit_callbacks(execute=True):
        assert register_on_the_page(client, upcoming, "Aaliyah Warsame").status_code == 302
    with django_capture_on_commit_callbacks(execute=True):
        assert register_on_the_page(client, upcoming, "Bertta Björkqvist").status_code == 302
    # Twice with the same address.
    with django_capture_on_commit_callbacks(execute=True):
        register_on_the_page(client, upcoming, "Bertta Björkqvist")
    # A link that no longer works: Django logs the 404 with its path.
    client.get(reverse("forums:unsubscribe", kwargs={"token": "not-a-token"}))
    first = Registration.objects.get(email=aaliyah)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("forums:registration_cancel", kwargs={"token": registration_token(first)})
        )
    hodan_on_the_list(upcoming)
    smtp_errors.append(
        smtplib.SMTPResponseException(550, f"{PEOPLE['Hodan Ali']} unknown".encode())
    )
    with django_capture_on_commit_callbacks(execute=True):
        invitations_create(meeting_id=upcoming.pk)
    invitee = Invitee.objects.get()
    client.post(reverse("forums:unsubscribe", kwargs={"token": unsubscribe_token(invitee)}))

    assert caplog.records, "the failing sends should have been logged"
    secrets = secrets_of_people()
    for text in logged_text(caplog.records):
        for secret in secrets:
            assert secret.lower() not in text.lower(), f"{secret!r} logged: {text[:300]}"
    # Nor does the outbox keep a server's repetition of the address in its error text.
    for error in OutboundEmail.objects.exclude(last_error="").values_list("last_error", flat=True):
        assert "@" not in error


def celery_tasks() -> list[Task]:
    """The portal's own tasks, wherever they are defined."""
    return [task for name, task in celery_app.tasks.items() if name.startswith("forums.")]


def test_every_task_takes_only_ids_and_numbers():
    allowed = {int, list[int], list[int] | None}
    assert len(celery_tasks()) >= 5
    for task in celery_tasks():
        function = task.run
        hints = typing.get_type_hints(function)
        parameters = [
            parameter
            for parameter in inspect.signature(function).parameters.values()
            if parameter.name != "self"
        ]
        for parameter in parameters:
            assert hints.get(parameter.name) in allowed, f"{task.name}({parameter.name})"


def test_the_tasks_queued_in_use_carry_only_ids(
    client, upcoming, monkeypatch, django_capture_on_commit_callbacks
):
    sent: list[tuple[str, Any, Any]] = []
    apply_async = Task.apply_async

    def recording(self: Task, args: Any = None, kwargs: Any = None, **options: Any) -> Any:
        sent.append((self.name, args, kwargs))
        return apply_async(self, args, kwargs, **options)

    monkeypatch.setattr(Task, "apply_async", recording)
    with django_capture_on_commit_callbacks(execute=True):
        register_on_the_page(client, upcoming, "Aaliyah Warsame")
        register_on_the_page(client, upcoming, "Bertta Björkqvist")
    hodan_on_the_list(upcoming)
    with django_capture_on_commit_callbacks(execute=True):
        # As the admin queues it for a superuser: no lists to keep to.
        tasks.create_invitations.delay(
            upcoming.pk, [upcoming.forum.stakeholder_groups.get().pk], organisation_ids=None
        )
    tasks.requeue_stuck_emails.delay()
    tasks.anonymise_registrations.delay()

    assert {name for name, _args, _kwargs in sent} >= {
        "forums.tasks.send_email",
        "forums.tasks.create_invitations",
    }
    for name, args, kwargs in sent:
        values = [*(args or ()), *(kwargs or {}).values()]
        for value in values:
            # None: an optional list of ids left out (a superuser's invitations).
            assert (
                value is None
                or isinstance(value, int)
                or (isinstance(value, list) and all(isinstance(item, int) for item in value))
            ), f"{name} got {value!r}"


def test_links_in_emails_carry_no_name_or_address(
    client, upcoming, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        register_on_the_page(client, upcoming, "Aaliyah Warsame")
        register_on_the_page(client, upcoming, "Bertta Björkqvist")
    hodan_on_the_list(upcoming)
    invitations_create(meeting_id=upcoming.pk)

    urls = []
    for message in OutboundEmail.objects.all():
        text = " ".join([message.text_body, message.html_body, str(message.headers)])
        urls += re.findall(r"https?://[^\s\"'<>]+", text)
    assert len(urls) >= 3
    for url in urls:
        plain = unquote(unquote(url)).lower()
        assert "@" not in plain, url
        # Whole words: a signed token is random letters, which now and then spell "ali".
        words = set(re.split(r"[\W_]+", plain))
        for name in PEOPLE:
            for part in name.lower().split():
                assert part not in words, url


def test_an_expired_personal_link_is_not_logged_with_its_token(client, upcoming, caplog):
    caplog.set_level(logging.DEBUG)
    register_on_the_page(client, upcoming, "Aaliyah Warsame")
    registration = Registration.objects.get()
    Meeting.objects.filter(pk=upcoming.pk).update(
        starts_at=timezone.now() - datetime.timedelta(hours=3),
        ends_at=timezone.now() - datetime.timedelta(hours=1),
    )
    token = registration_token(registration)
    link = reverse("forums:registration", kwargs={"token": token})

    assert client.get(link).status_code == 410
    logged = logged_text(caplog.records)
    assert any("/registrations/[token]/" in text for text in logged)
    assert not any(token in text or token.split(":")[0] in text for text in logged)


@pytest.mark.parametrize(
    ("logged", "expected"),
    [
        (
            "Gone: /fi/registrations/eyJ0Ijo:1vA:sig/cancel/",
            "Gone: /fi/registrations/[token]/cancel/",
        ),
        ("Not Found: /en/unsubscribe/MTI:1vA:sig/", "Not Found: /en/unsubscribe/[token]/"),
        (
            "GET /fi/meetings/3/?invitation=Mw:1vA:sig&x=1",
            "GET /fi/meetings/3/?invitation=[token]&x=1",
        ),
        ("Not Found: /fi/projects/omapolku/", "Not Found: /fi/projects/omapolku/"),
    ],
)
def test_the_log_filter_hides_every_kind_of_personal_link(logged, expected):
    record = logging.LogRecord(
        "django.request", logging.WARNING, __file__, 1, "%s", (logged,), None
    )
    assert RedactPersonalLinks().filter(record)
    assert record.getMessage() == expected
