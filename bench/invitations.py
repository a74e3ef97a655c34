"""Invitations per second: 5,000 invitations written by `send_invitations` and delivered by
two Celery worker processes on Redis to an SMTP server on loopback (aiosmtpd).

    make bench-invitations        # or: .venv/bin/python -m bench.invitations --count 5000

Needs the machine's PostgreSQL and Redis; uses (and recreates) the database
`hankeportaali_bench`. Prints figures; it asserts nothing.
"""

import argparse
import datetime
import os
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from .load_environment import recreate_database

BENCH_DATABASE = os.environ.get(
    "BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/hankeportaali_bench"
)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=5000)
    parser.add_argument("--workers", type=int, default=2, help="worker processes")
    arguments = parser.parse_args()

    os.environ["DATABASE_URL"] = BENCH_DATABASE
    os.environ.setdefault("SECRET_KEY", "benchmark-only-key")
    os.environ.setdefault("ALLOWED_HOSTS", "localhost")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")
    recreate_database(BENCH_DATABASE)
    subprocess.run([sys.executable, "manage.py", "migrate", "--no-input", "-v", "0"], check=True)

    import django

    django.setup()
    from django.utils import timezone

    from forums.models import EmailStatus, Forum, Invitee, Language, Meeting, StakeholderGroup
    from projects.models import Project
    from tests.integration.harness import MailSink, Worker, flush_broker, manage, service_env

    group = StakeholderGroup.objects.create(slug="parents", name_fi="Vanhemmat")
    project = Project.objects.create(slug="bench", name_fi="Vertailuhanke", is_published=True)
    forum = Forum.objects.create(project=project, slug="bench", name_fi="Vertailufoorumi")
    forum.stakeholder_groups.set([group])
    starts = timezone.now() + datetime.timedelta(days=30)
    meeting = Meeting.objects.create(
        forum=forum, starts_at=starts, ends_at=starts + datetime.timedelta(hours=2), capacity=50
    )
    languages = list(Language.objects.filter(code__in=["fi", "sv", "en", "ar", "so"]))
    Invitee.objects.bulk_create(
        Invitee(
            name=f"Invitee {number}",
            email=f"invitee{number}@example.org",
            group=group,
            language=languages[number % len(languages)],
            consent_at=timezone.now(),
        )
        for number in range(arguments.count)
    )

    flush_broker()
    with MailSink() as sink, tempfile.TemporaryDirectory() as folder:
        env = service_env(sink.port)
        worker = Worker(env, log=Path(folder) / "worker.log", concurrency=arguments.workers)
        try:
            time.sleep(3)  # let the worker connect before the clock starts
            started = time.perf_counter()
            manage(env, "send_invitations", str(meeting.pk))
            written = time.perf_counter()
            sent = meeting.invitations.filter(email__status=EmailStatus.SENT)
            while sent.count() < arguments.count:
                time.sleep(0.2)
            finished = time.perf_counter()
        finally:
            worker.stop()
        received = sink.count()

    total = finished - started
    writing = written - started
    machine = f"{platform.node()} {platform.machine()}, {os.cpu_count()} cores"
    print(f"machine: {machine}, Python {platform.python_version()}")
    print(f"invitations: {arguments.count}, worker processes: {arguments.workers}")
    print(f"e-mails received by the SMTP server: {received}")
    print(f"written and queued by send_invitations: {writing:.1f} s")
    print(f"all delivered after: {total:.1f} s")
    print(f"invitations per second, end to end: {arguments.count / total:.0f}")


if __name__ == "__main__":
    main()
