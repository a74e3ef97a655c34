"""Real parts for the invitation tests and the benchmark: an SMTP server on loopback
(aiosmtpd), Celery worker processes on the machine's Redis, and `manage.py` commands run as
separate processes against the same database."""

import email
import email.policy
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from collections import Counter
from collections.abc import Callable
from email.message import EmailMessage
from pathlib import Path

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import SMTP, Envelope, Session
from django.db import connection

PROJECT_ROOT = Path(__file__).resolve().parents[2]
REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/15")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class MailSink:
    """Accepts every message, or answers 451 (try again later) to the first delivery
    attempt of recipients that `defer_first` picks."""

    def __init__(self, defer_first: Callable[[str], bool] = lambda recipient: False) -> None:
        self.defer_first = defer_first
        self.messages: list[bytes] = []
        self.deferred: Counter[str] = Counter()
        self._lock = threading.Lock()
        self.port = free_port()
        self._controller = Controller(self, hostname="127.0.0.1", port=self.port)

    # aiosmtpd calls its handler's hooks by these names.
    async def handle_DATA(self, server: SMTP, session: Session, envelope: Envelope) -> str:
        recipient = envelope.rcpt_tos[0]
        with self._lock:
            if self.defer_first(recipient) and not self.deferred[recipient]:
                self.deferred[recipient] += 1
                return "451 4.3.0 Busy, try again later"
            self.messages.append(envelope.original_content or b"")
        return "250 OK"

    def __enter__(self) -> "MailSink":
        self._controller.start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self._controller.stop()

    def count(self) -> int:
        with self._lock:
            return len(self.messages)

    def by_recipient(self) -> dict[str, list[EmailMessage]]:
        with self._lock:
            raw_messages = list(self.messages)
        result: dict[str, list[EmailMessage]] = {}
        for raw in raw_messages:
            message = email.message_from_bytes(raw, policy=email.policy.default)
            result.setdefault(str(message["To"]), []).append(message)  # type: ignore[arg-type]
        return result


def database_url() -> str:
    """The database this process uses (in tests: pytest-django's test database)."""
    settings = connection.settings_dict
    password = f":{settings['PASSWORD']}" if settings.get("PASSWORD") else ""
    user = settings.get("USER") or "postgres"
    host = settings.get("HOST") or "127.0.0.1"
    port = settings.get("PORT") or 5432
    return f"postgres://{user}{password}@{host}:{port}/{settings['NAME']}"


def service_env(smtp_port: int, **extra: str) -> dict[str, str]:
    env = {
        **os.environ,
        "DATABASE_URL": database_url(),
        "CELERY_BROKER_URL": REDIS_URL,
        "EMAIL_HOST": "127.0.0.1",
        "EMAIL_PORT": str(smtp_port),
        "SECRET_KEY": os.environ.get("SECRET_KEY", "integration-test-key"),
        "ALLOWED_HOSTS": "localhost",
        "DEBUG": "0",
        "STATICFILES_MANIFEST": "0",
    }
    env.update(extra)
    return env


def flush_broker() -> None:
    import redis

    redis.Redis.from_url(REDIS_URL).flushdb()


class Worker:
    """`celery -A portal worker` in its own process group, so that it can be killed whole."""

    def __init__(
        self,
        env: dict[str, str],
        *,
        log: Path,
        concurrency: int = 2,
        beat_schedule: Path | None = None,
    ) -> None:
        command = [
            str(Path(sys.executable).with_name("celery")),
            "-A",
            "portal",
            "worker",
            "--concurrency",
            str(concurrency),
            "--pool",
            "prefork",
            "--loglevel",
            "WARNING",
            "--without-mingle",
            "--without-gossip",
        ]
        if beat_schedule is not None:
            command += ["--beat", "--schedule", str(beat_schedule)]
        self.log = log.open("ab")
        self.process = subprocess.Popen(  # noqa: S603 - our own command line
            command,
            cwd=PROJECT_ROOT,
            env=env,
            start_new_session=True,
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )

    def kill(self) -> None:
        """SIGKILL to the worker and its pool: no warm shutdown, no acknowledgements."""
        os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=30)
        self.log.close()

    def stop(self) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.kill()
        self.log.close()


def manage(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(  # noqa: S603 - our own command line
        [sys.executable, "manage.py", *args],
        cwd=PROJECT_ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        check=True,
    )


def wait_for(condition: Callable[[], bool], *, timeout: float, interval: float = 0.2) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(interval)
    return condition()
