"""The portal under a steady load while its shared cache is stopped: page views and
registrations answered before, during and after a 15 s Redis outage.

    .venv/bin/python -m bench.outage            # or: make bench-outage

Serves the demo data with gunicorn (2 workers) from the database `hankeportaali_bench_outage`
(recreated), with `CACHE_URL` on a redis-server of its own on a free port, which it shuts
down and starts again. Four clients view pages; one registers every 0.3 s. Prints what each
phase answered; it asserts nothing.
"""

import argparse
import collections
import http.client
import os
import re
import shutil
import socket
import subprocess
import sys
import threading
import time
import urllib.parse
from pathlib import Path

from .load_environment import PROJECT_ROOT, recreate_database

BENCH_DATABASE = os.environ.get(
    "BENCH_OUTAGE_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/hankeportaali_bench_outage"
)
PAGES = ["/fi/", "/fi/projects/", "/fi/forums/", "/sv/projects/", "/en/forums/"]


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _redis(port: int) -> subprocess.Popen[bytes]:
    executable = shutil.which("redis-server") or "redis-server"
    options = ["--bind", "127.0.0.1", "--save", "", "--appendonly", "no"]
    process = subprocess.Popen(  # noqa: S603 - the machine's redis-server
        [executable, "--port", str(port), *options], stdout=subprocess.DEVNULL
    )
    time.sleep(0.5)
    return process


def _wait_until_served(port: int) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            connection.request("GET", "/fi/")
            if connection.getresponse().status == 200:
                return
        except OSError:
            pass
        time.sleep(0.2)
    raise RuntimeError("gunicorn did not start serving")


class Load:
    """Clients that count each answer under the phase it was given in."""

    def __init__(self, port: int, meeting_id: int, group_id: int) -> None:
        self.port, self.meeting_id, self.group_id = port, meeting_id, group_id
        self.phase = "cache up"
        self.counts: dict[str, collections.Counter[str]] = collections.defaultdict(
            collections.Counter
        )
        self.lock = threading.Lock()
        self.stopped = threading.Event()

    def _count(self, what: str) -> None:
        with self.lock:
            self.counts[self.phase][what] += 1

    def view(self) -> None:
        for number in range(10**9):
            if self.stopped.is_set():
                return
            connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
            try:
                connection.request("GET", PAGES[number % len(PAGES)])
                response = connection.getresponse()
                response.read()
                self._count(f"page {response.status}")
            except OSError as error:
                self._count(f"page {type(error).__name__}")

    def register(self) -> None:
        path = f"/fi/meetings/{self.meeting_id}/"
        origin = f"http://127.0.0.1:{self.port}"
        while not self.stopped.is_set():
            connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
            try:
                connection.request("GET", path)
                response = connection.getresponse()
                page = response.read().decode()
                cookie = next(
                    header.split(";")[0]
                    for header in response.headers.get_all("Set-Cookie") or []
                    if header.startswith("csrftoken=")
                )
                token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
                form = {
                    "csrfmiddlewaretoken": token.group(1) if token else "",
                    "name": "Kuorma Testaaja",
                    "email": f"outage{time.time_ns()}@example.org",
                    "group": self.group_id,
                    "language": "fi",
                    "age_group": "adult",
                    "consent": "on",
                }
                connection.request(
                    "POST",
                    path,
                    body=urllib.parse.urlencode(form),
                    headers={
                        "Content-Type": "application/x-www-form-urlencoded",
                        "Cookie": cookie,
                        "Origin": origin,
                        "Referer": origin + path,
                    },
                )
                response = connection.getresponse()
                response.read()
                self._count(f"registration {response.status}")
            except (OSError, StopIteration) as error:
                self._count(f"registration {type(error).__name__}")
            time.sleep(0.3)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=15, help="length of each phase")
    arguments = parser.parse_args()

    redis_port, web_port = _free_port(), _free_port()
    env = {
        **os.environ,
        "DATABASE_URL": BENCH_DATABASE,
        "CACHE_URL": f"redis://127.0.0.1:{redis_port}/0",
        "SECRET_KEY": "benchmark-only-key",
        "ALLOWED_HOSTS": "127.0.0.1",
        "DEBUG": "0",
        "SECURE_SSL_REDIRECT": "0",
        "STATICFILES_MANIFEST": "0",
        "CELERY_BROKER_URL": "",
        "REGISTRATION_RATE_PER_ADDRESS": "100000/h",
    }
    recreate_database(BENCH_DATABASE)
    redis = _redis(redis_port)
    for command in (["migrate", "--no-input", "-v", "0"], ["load_demo"]):
        subprocess.run(  # noqa: S603 - our own command line
            [sys.executable, "manage.py", *command],
            cwd=PROJECT_ROOT,
            env={**env, "DEBUG": "1"},
            check=True,
            stdout=subprocess.DEVNULL,
        )
    meeting = subprocess.run(  # noqa: S603 - our own command line
        [sys.executable, "manage.py", "shell", "-c", _MEETING_QUERY],
        cwd=PROJECT_ROOT,
        env={**env, "DEBUG": "1"},
        check=True,
        capture_output=True,
        text=True,
    ).stdout.split()
    log = Path("/tmp") / f"bench-outage-{web_port}.log"  # noqa: S108 - a log to read after
    gunicorn = Path(sys.executable).with_name("gunicorn")
    with log.open("wb") as output:
        web = subprocess.Popen(  # noqa: S603 - our own command line
            [str(gunicorn), "portal.wsgi", "--workers", "2", "--bind", f"127.0.0.1:{web_port}"],
            cwd=PROJECT_ROOT,
            env=env,
            stdout=output,
            stderr=subprocess.STDOUT,
        )
    try:
        _wait_until_served(web_port)
        load = Load(web_port, int(meeting[-2]), int(meeting[-1]))
        clients = [threading.Thread(target=load.view) for _ in range(4)]
        clients.append(threading.Thread(target=load.register))
        for client in clients:
            client.start()
        time.sleep(arguments.seconds)
        redis.terminate()
        redis.wait()
        load.phase = "cache stopped"
        time.sleep(arguments.seconds)
        redis = _redis(redis_port)
        load.phase = "cache back"
        time.sleep(arguments.seconds)
        load.stopped.set()
        for client in clients:
            client.join()
    finally:
        web.terminate()
        web.wait()
        redis.terminate()
        redis.wait()
    for phase, counts in load.counts.items():
        print(
            f"{phase:14} {arguments.seconds:.0f} s: "
            + ", ".join(f"{what} ×{count:,}" for what, count in sorted(counts.items()))
        )
    warnings = log.read_text().count("The cache did not answer")
    print(f"warnings logged: {warnings} (one a minute per web worker at most); log: {log}")


# The first upcoming meeting with free seats, and a group of its forum.
_MEETING_QUERY = (
    "from django.utils import timezone; from forums.models import Meeting; "
    "m = Meeting.objects.filter(starts_at__gt=timezone.now(), capacity__gte=20)"
    ".order_by('starts_at').first(); print(m.pk, m.forum.stakeholder_groups.first().pk)"
)


if __name__ == "__main__":
    main()
