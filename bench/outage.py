"""The portal under a steady load while its shared cache is stopped: page views and
registrations answered before, during and after a 15 s Redis outage.

    .venv/bin/python -m bench.outage            # or: make bench-outage

Serves the demo data with gunicorn (2 workers) from the database `hankeportaali_bench_outage`
(recreated), with `CACHE_URL` on a redis-server of its own on a free port, which it stops and
starts again. Four clients view pages; one registers every 0.3 s. Prints what each phase
answered; it asserts nothing.
"""

import argparse
import collections
import http.client
import os
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from tests.integration.harness import WebServer, csrf_token, free_port, post_registration
from tests.outage_helpers import OwnRedis

from .load_environment import PROJECT_ROOT, recreate_database

BENCH_DATABASE = os.environ.get(
    "BENCH_OUTAGE_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/hankeportaali_bench_outage"
)
PAGES = ["/fi/", "/fi/projects/", "/fi/forums/", "/sv/projects/", "/en/forums/"]
# The first upcoming meeting with room for the run's registrations, and a group of its forum.
MEETING_QUERY = (
    "from django.utils import timezone; from forums.models import Meeting; "
    "m = Meeting.objects.filter(starts_at__gt=timezone.now(), capacity__gte=20)"
    ".order_by('starts_at').first(); print(m.pk, m.forum.stakeholder_groups.first().pk)"
)


class Load:
    """Clients that count each answer under the phase it was given in."""

    def __init__(self, server: WebServer, meeting_id: int, group_id: int) -> None:
        self.server, self.meeting_id, self.group_id = server, meeting_id, group_id
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
        number = 0
        while not self.stopped.is_set():
            try:
                self._count(f"page {self.server.get(PAGES[number % len(PAGES)], timeout=30)[0]}")
            except OSError as error:
                self._count(f"page {type(error).__name__}")
            number += 1

    def register(self) -> None:
        port = self.server.port
        while not self.stopped.is_set():
            try:
                status = post_registration(
                    http.client.HTTPConnection("127.0.0.1", port, timeout=30),
                    port,
                    meeting_id=self.meeting_id,
                    group_id=self.group_id,
                    email=f"outage{time.time_ns()}@example.org",
                    csrf=csrf_token(port, f"/fi/meetings/{self.meeting_id}/"),
                )
                self._count(f"registration {status}")
            except (OSError, RuntimeError) as error:
                self._count(f"registration {type(error).__name__}")
            time.sleep(0.3)


def _manage(env: dict[str, str], *command: str) -> str:
    return subprocess.run(  # noqa: S603 - our own command line
        [sys.executable, "manage.py", *command],
        cwd=PROJECT_ROOT,
        env={**env, "DEBUG": "1"},
        check=True,
        capture_output=True,
        text=True,
    ).stdout


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=15, help="length of each phase")
    arguments = parser.parse_args()

    cache = OwnRedis()
    env = {
        **os.environ,
        "DATABASE_URL": BENCH_DATABASE,
        "CACHE_URL": cache.url,
        "SECRET_KEY": "benchmark-only-key",
        "ALLOWED_HOSTS": "127.0.0.1",
        "DEBUG": "0",
        "BEHIND_PROXY": "1",  # the harness's requests say they came over HTTPS
        "STATICFILES_MANIFEST": "0",
        "CELERY_BROKER_URL": "",
        "REGISTRATION_RATE_PER_ADDRESS": "100000/h",
    }
    recreate_database(BENCH_DATABASE)
    cache.start()
    _manage(env, "migrate", "--no-input", "-v", "0")
    _manage(env, "load_demo")
    meeting_id, group_id = (
        int(value) for value in _manage(env, "shell", "-c", MEETING_QUERY).split()[-2:]
    )
    log = Path(tempfile.mkdtemp(prefix="bench-outage-")) / "gunicorn.log"
    server = WebServer(env, port=free_port(), workers=2, log=log)
    load = Load(server, meeting_id, group_id)
    clients = [threading.Thread(target=load.view) for _ in range(4)]
    clients.append(threading.Thread(target=load.register))
    try:
        for client in clients:
            client.start()
        time.sleep(arguments.seconds)
        cache.stop()
        load.phase = "cache stopped"
        time.sleep(arguments.seconds)
        cache.start()
        load.phase = "cache back"
        time.sleep(arguments.seconds)
    finally:
        load.stopped.set()
        for client in clients:
            client.join()
        server.stop()
        cache.stop()
    for phase, counts in load.counts.items():
        answers = ", ".join(f"{what} ×{count:,}" for what, count in sorted(counts.items()))
        print(f"{phase:14} {arguments.seconds:.0f} s: {answers}")
    warnings = log.read_text().count("The cache did not answer")
    print(f"warnings logged: {warnings} (one a minute per web worker at most); log: {log}")


if __name__ == "__main__":
    main()
