"""Real parts for the worker tests and the benchmarks: an SMTP server on loopback (aiosmtpd),
Celery worker processes on the machine's Redis, the portal served by gunicorn and a client
posting its registration form, and `manage.py` commands run as separate processes against the
same database."""

import email
import email.policy
import http.client
import os
import re
import selectors
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.parse
from collections import Counter
from collections.abc import Callable
from email.message import EmailMessage
from pathlib import Path
from typing import Any

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import SMTP, Envelope, Session
from django.db import connection

PROJECT_ROOT = Path(__file__).resolve().parents[2]
REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/15")
# The shared cache (CACHE_URL) of the tests that need a real one.
CACHE_URL = os.environ.get("TEST_CACHE_URL", "redis://127.0.0.1:6379/12")


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
        # As production behind its TLS proxy, whose X-Forwarded-Proto the requests carry.
        "BEHIND_PROXY": "1",
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
        stop_process_group(self.process)
        self.log.close()


def stop_process_group(process: subprocess.Popen[bytes]) -> None:
    """SIGTERM to a process started in a session of its own and its children; SIGKILL if they
    are not gone after 30 s."""
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=30)


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


# The portal runs behind a TLS proxy in production; without this header every request would
# be redirected to https.
PROXY_HEADERS = {"X-Forwarded-Proto": "https"}


class WebServer:
    """The portal served by gunicorn's sync workers, as in production, until `ready_path`
    answers 200."""

    def __init__(
        self, env: dict[str, str], *, port: int, workers: int, log: Path, ready_path: str = "/fi/"
    ) -> None:
        self.port = port
        self.log = log.open("ab")
        self.process = subprocess.Popen(  # noqa: S603 - our own command line
            [
                str(Path(sys.executable).with_name("gunicorn")),
                "portal.wsgi",
                "--workers",
                str(workers),
                "--worker-class",
                "sync",
                "--bind",
                f"127.0.0.1:{port}",
                "--log-level",
                "warning",
            ],
            cwd=PROJECT_ROOT,
            env=env,
            start_new_session=True,
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and self.process.poll() is None:
            try:
                if self.get(ready_path, timeout=5)[0] == 200:
                    return
            except OSError:
                pass
            time.sleep(0.2)
        self.stop()
        raise RuntimeError(f"gunicorn did not start serving; see {log}")

    def get(self, path: str, timeout: float = 600) -> tuple[int, bytes]:
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=timeout)
        connection.request("GET", path, headers=PROXY_HEADERS)
        response = connection.getresponse()
        body = response.read()
        connection.close()
        return response.status, body

    def worker_pids(self) -> list[int]:
        children = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children")
        return [int(pid) for pid in children.read_text().split()]

    def stop(self) -> None:
        stop_process_group(self.process)
        self.log.close()


def csrf_token(port: int, path: str) -> tuple[str, str]:
    """The CSRF cookie and a form token for it, from one GET of a page with a form."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    connection.request("GET", path, headers=PROXY_HEADERS)
    response = connection.getresponse()
    body = response.read().decode()
    connection.close()
    cookies = response.headers.get_all("Set-Cookie") or []
    cookie = next(
        (c.split(";")[0].split("=", 1)[1] for c in cookies if c.startswith("csrftoken=")), ""
    )
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', body)
    if response.status != 200 or not cookie or not token:
        raise RuntimeError(f"No CSRF token from {path}: HTTP {response.status}")
    return cookie, token.group(1)


def registration_form(
    port: int, *, meeting_id: int, group_id: int, email: str, csrf: tuple[str, str]
) -> tuple[str, str, dict[str, str]]:
    """The path, body and headers of one registration POST from the meeting page's form."""
    cookie, token = csrf
    body = urllib.parse.urlencode(
        {
            "csrfmiddlewaretoken": token,
            "name": "Kuorma Testaaja",
            "email": email,
            "phone": "",
            "group": group_id,
            "organisation": "",
            "language": "fi",
            "interpreter_language": "",
            "needs": "",
            "invitation": "",
            "age_group": "adult",
            "consent": "on",
        }
    )
    origin = f"https://127.0.0.1:{port}"
    path = f"/fi/meetings/{meeting_id}/"
    headers = {
        **PROXY_HEADERS,
        "Content-Type": "application/x-www-form-urlencoded",
        "Cookie": f"csrftoken={cookie}",
        "Origin": origin,
        "Referer": origin + path,
    }
    return path, body, headers


def post_registration(
    connection: http.client.HTTPConnection,
    port: int,
    *,
    meeting_id: int,
    group_id: int,
    email: str,
    csrf: tuple[str, str],
) -> int:
    path, body, headers = registration_form(
        port, meeting_id=meeting_id, group_id=group_id, email=email, csrf=csrf
    )
    connection.request("POST", path, body=body, headers=headers)
    response = connection.getresponse()
    response.read()
    return response.status


def burst(port: int, meeting_id: int, group_ids: list[int], count: int) -> dict[str, Any]:
    """`count` connections that each post one registration for the same meeting, all sent at
    once. One thread drives them all through a selector: the client shares the machine's cores
    with the server, and a thread per connection cost about as much CPU as a registration's
    database work, which the figure would then have counted against the server."""
    csrf = csrf_token(port, f"/fi/meetings/{meeting_id}/")
    requests = []
    for number in range(count):
        path, body, headers = registration_form(
            port,
            meeting_id=meeting_id,
            group_id=group_ids[number % len(group_ids)],
            email=f"burst-{meeting_id}-{number}@example.org",
            csrf=csrf,
        )
        head = [f"POST {path} HTTP/1.1", f"Host: 127.0.0.1:{port}", f"Content-Length: {len(body)}"]
        head += [f"{name}: {value}" for name, value in headers.items()]
        requests.append(("\r\n".join(head) + "\r\n\r\n" + body).encode())

    selector = selectors.DefaultSelector()
    connections: dict[int, socket.socket] = {}
    replies: dict[int, bytearray] = {}
    statuses: Counter[str] = Counter()
    started = time.perf_counter()
    for number, request in enumerate(requests):
        try:
            connection = socket.create_connection(("127.0.0.1", port), timeout=60)
            connection.sendall(request)
        except OSError as error:
            statuses[type(error).__name__] += 1
            continue
        connection.setblocking(False)
        selector.register(connection, selectors.EVENT_READ, number)
        connections[number] = connection
        replies[number] = bytearray()
    # gunicorn's sync workers close the connection after each response: read to the end.
    deadline = started + 120
    while selector.get_map() and time.perf_counter() < deadline:
        for key, _events in selector.select(timeout=1):
            connection = connections[key.data]
            try:
                data = connection.recv(65536)
            except OSError as error:
                data = b""
                statuses[type(error).__name__] += 1
                replies.pop(key.data)
            if data:
                replies[key.data] += data
                continue
            selector.unregister(connection)
            connection.close()
            if key.data in replies:
                status_line = bytes(replies.pop(key.data)).split(b"\r\n", 1)[0].split()
                statuses[status_line[1].decode() if len(status_line) > 1 else "no answer"] += 1
    finished = time.perf_counter()
    for key in list(selector.get_map().values()):
        statuses["timeout"] += 1
        connections[key.data].close()
    return {"seconds": finished - started, "statuses": dict(statuses)}
