"""Requests per second and latency of the public pages on a large portal, served by gunicorn
as in production and loaded with wrk from a separate process.

    .venv/bin/python -m bench.load [--reuse] [--seed 1] [--scale 1.0] [--duration 10]

Needs the machine's PostgreSQL (and Redis, if it is up, as the Celery broker and the shared
cache) and `wrk` (`apt-get install -y wrk`). It recreates the database
`hankeportaali_bench_load` and fills it with `python -m bench.generate` (10,000
projects, 200,000 registrations) unless `--reuse` is given, collects the static files into a
temporary folder, and serves the portal with `gunicorn --workers 2` (sync), DEBUG off, hashed
static files, the page cache off.

For each page it prints requests/s (also as a share of a view that only answers "ok"),
the 50th, 95th and 99th percentile latency under `wrk -t2 -c8`, and the SQL queries one
request makes (counted in this process with Django's test client on the same database:
gunicorn workers do not expose them). Registration POSTs are a scenario of their own, from
threads in a separate process, each to another meeting with another e-mail; then 500 people
register for one 50-seat meeting at the same moment (500 connections driven by one thread, the
cheapest client for the cores the server shares with it). Last, the peak memory of the workers.
Prints figures; it asserts nothing.
"""

import argparse
import concurrent.futures
import datetime
import http.client
import itertools
import multiprocessing
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tests.integration.harness import (
    PROXY_HEADERS,
    WebServer,
    burst,
    csrf_token,
    free_port,
    post_registration,
)

PROJECT_ROOT = Path(__file__).resolve().parents[1]
BENCH_DATABASE = os.environ.get(
    "BENCH_LOAD_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/hankeportaali_bench_load"
)
# The broker the web workers hand e-mails to, as in production; nothing consumes them here.
BENCH_BROKER = os.environ.get("BENCH_BROKER_URL", "redis://127.0.0.1:6379/14")
# The cache the web workers share, as in production (CACHE_URL), emptied before and after.
BENCH_CACHE = os.environ.get("BENCH_CACHE_URL", "redis://127.0.0.1:6379/13")
# The view that only answers "ok" (bench.minimal_urls), which every page is compared with.
MINIMAL_PATH = "/bench/minimal/"
WRK_SCRIPT = """
done = function(summary, latency, requests)
  io.write(string.format("BENCH %d %d %d %d %d %d %d %d %d %d\\n",
    summary.requests, summary.duration,
    latency:percentile(50), latency:percentile(95), latency:percentile(99),
    summary.errors.connect, summary.errors.read, summary.errors.write,
    summary.errors.status, summary.errors.timeout))
end
"""


def _percentile(values: Sequence[float], share: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def _uptime() -> str:
    # Django sets TZ to Europe/Helsinki in this process; uptime shows the machine's clock.
    env = {**os.environ, "TZ": "UTC"}
    return subprocess.run(["uptime"], capture_output=True, text=True, env=env).stdout.strip()  # noqa: S607


def _machine() -> list[str]:
    meminfo = Path("/proc/meminfo").read_text().split("\n")
    total_kb = next(int(line.split()[1]) for line in meminfo if line.startswith("MemTotal"))
    cpuinfo = Path("/proc/cpuinfo").read_text()
    model = re.search(r"model name\s*:\s*(.+)", cpuinfo)
    return [
        f"machine: {platform.node()}, {os.cpu_count()} cores "
        f"({model.group(1) if model else platform.machine()}), "
        f"{total_kb / 1024 / 1024:.1f} GiB memory, Python {platform.python_version()}",
        f"uptime: {_uptime()}",
    ]


# --- The load generators (run in a separate process) --------------------------------------


def post_load(
    port: int, targets: list[tuple[int, int]], duration: float, threads: int, tag: str
) -> dict[str, Any]:
    """Registration POSTs from `threads` threads for `duration` seconds, each to the next
    meeting in `targets` with a new e-mail address."""
    csrf = csrf_token(port, f"/fi/meetings/{targets[0][0]}/")
    numbers = itertools.count()
    lock = threading.Lock()
    latencies: list[float] = []
    statuses: Counter[str] = Counter()
    deadline = time.perf_counter() + duration

    def work() -> None:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        while time.perf_counter() < deadline:
            number = next(numbers)
            meeting_id, group_id = targets[number % len(targets)]
            started = time.perf_counter()
            try:
                status = str(
                    post_registration(
                        connection,
                        port,
                        meeting_id=meeting_id,
                        group_id=group_id,
                        email=f"load-{tag}-{number}@example.org",
                        csrf=csrf,
                    )
                )
            except (OSError, http.client.HTTPException) as error:
                status = type(error).__name__
                connection.close()
            elapsed = time.perf_counter() - started
            with lock:
                latencies.append(elapsed)
                statuses[status] += 1

    started = time.perf_counter()
    workers = [threading.Thread(target=work) for _ in range(threads)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    return {
        "seconds": time.perf_counter() - started,
        "latencies": latencies,
        "statuses": dict(statuses),
    }


def _in_separate_process(function: Any, *args: Any) -> Any:
    context = multiprocessing.get_context("spawn")
    with concurrent.futures.ProcessPoolExecutor(max_workers=1, mp_context=context) as pool:
        return pool.submit(function, *args).result()


# --- gunicorn and wrk ----------------------------------------------------------------------


def _memory(pid: int) -> dict[str, int]:
    """VmHWM (peak resident memory) and VmRSS of a process, in kB."""
    values = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        key, _sep, value = line.partition(":")
        if key in ("VmHWM", "VmRSS"):
            values[key] = int(value.split()[0])
    return values


@dataclass
class Result:
    name: str
    requests_per_second: float
    p50: float  # milliseconds
    p95: float
    p99: float
    errors: int = 0
    requests: int = 0
    single_ms: float | None = None
    queries: int | None = None
    sql_ms: float | None = None
    extra: str = ""


def wrk(
    url: str, *, name: str, threads: int, connections: int, duration: int, script: Path
) -> Result:
    command = [
        "wrk",
        f"-t{threads}",
        f"-c{connections}",
        f"-d{duration}s",
        "--timeout",
        "60s",
        "-s",
        str(script),
        *itertools.chain.from_iterable(("-H", f"{k}: {v}") for k, v in PROXY_HEADERS.items()),
        url,
    ]
    output = subprocess.run(command, capture_output=True, text=True, check=True).stdout  # noqa: S603
    line = next(line for line in output.splitlines() if line.startswith("BENCH "))
    requests, micros, p50, p95, p99, *errors = (int(value) for value in line.split()[1:])
    return Result(
        name=name,
        requests_per_second=requests / (micros / 1e6),
        p50=p50 / 1000,
        p95=p95 / 1000,
        p99=p99 / 1000,
        errors=sum(errors),
        requests=requests,
    )


# --- What to load, and the queries each page makes -----------------------------------------


@dataclass
class Targets:
    pages: list[tuple[str, str]]  # (name, path)
    posts: list[tuple[int, int]]  # (meeting id, stakeholder group id)
    burst_forum: int = 0
    burst_groups: list[int] = field(default_factory=list)


def _targets() -> Targets:
    from django.db.models import Count
    from django.utils import timezone

    from forums.models import Forum, Meeting, MeetingStatus, StakeholderGroup
    from projects.models import Organisation, Project

    now = timezone.now()
    funder = (
        Organisation.objects.annotate(count=Count("fundings_given"))
        .order_by("-count", "pk")
        .first()
    )
    project = (
        Project.objects.published()
        .annotate(
            implementer_count=Count("implementers", distinct=True),
            forum_count=Count("forums", distinct=True),
        )
        .filter(implementer_count__gte=3, forum_count__gte=1)
        .order_by("pk")
        .first()
    ) or Project.objects.published().order_by("pk").first()
    open_meetings = [
        meeting
        for meeting in Meeting.objects.public()
        .upcoming(now)
        .filter(status=MeetingStatus.SCHEDULED, invitation_only=False)
        .select_related("forum")
        .prefetch_related("forum__stakeholder_groups", "quotas")
        .order_by("starts_at", "pk")
        if meeting.registration_is_open(now)
    ]
    if not (funder and project and open_meetings):
        raise RuntimeError("The database lacks the data the benchmark needs: generate it first.")
    shown = next((m for m in open_meetings if m.quotas.all()), open_meetings[0])
    posts = [
        (meeting.pk, meeting.forum.stakeholder_groups.all()[0].pk)
        for meeting in open_meetings
        if meeting.forum.stakeholder_groups.all()
    ]

    # The burst's meetings are in this forum, open to every group.
    forum = Forum.objects.filter(project__is_published=True).order_by("pk").first()
    if forum is None:
        raise RuntimeError("No forum: generate the data first.")
    groups = list(StakeholderGroup.objects.values_list("pk", flat=True))
    forum.stakeholder_groups.add(*groups)
    return Targets(
        pages=[
            ("home", "/fi/"),
            ("listing, page 1", "/fi/projects/"),
            ("listing, page 400", "/fi/projects/?page=400"),
            ("listing, funder + region", f"/fi/projects/?funder={funder.slug}&region=uusimaa"),
            ("search 'opiskelijoiden'", "/fi/projects/?q=opiskelijoiden"),
            ("project detail", f"/fi/projects/{project.slug}/"),
            ("forums", "/fi/forums/"),
            ("meeting", f"/fi/meetings/{shown.pk}/"),
        ],
        posts=posts,
        burst_forum=forum.pk,
        burst_groups=groups,
    )


def _burst_meeting(forum_id: int) -> int:
    """A meeting of its own for one burst: 50 seats, registration open, no seats per group."""
    from django.utils import timezone

    from forums.models import Meeting

    starts = timezone.now() + datetime.timedelta(days=30)
    return Meeting.objects.create(
        forum_id=forum_id,
        title_fi="Kuormitustesti",
        starts_at=starts,
        ends_at=starts + datetime.timedelta(hours=2),
        capacity=50,
    ).pk


@dataclass
class QueryCount:
    count: int
    milliseconds: float
    request_ms: float
    slowest: list[tuple[float, str]]
    queries: list[tuple[float, str]]


def _count_queries(targets: Targets) -> dict[str, QueryCount]:
    """One request per page with the test client, in this process, on the same database (the
    second of two: the first warms up what a worker keeps between requests). Server-side
    cursors are off meanwhile: with them, the time a query spends in its FETCHes (iterator(),
    as form choices use) would not be counted."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client(headers=PROXY_HEADERS)
    counts = {}
    requests: list[tuple[str, str, dict[str, Any] | None]] = [
        (name, path, None) for name, path in targets.pages
    ]
    meeting_id, group_id = targets.posts[-1]
    form = {
        "name": "Kyselyt Laskija",
        "group": group_id,
        "language": "fi",
        "age_group": "adult",
        "consent": "on",
    }
    requests.append(("registration POST", f"/fi/meetings/{meeting_id}/", form))
    server_side = connection.settings_dict.get("DISABLE_SERVER_SIDE_CURSORS", False)
    connection.settings_dict["DISABLE_SERVER_SIDE_CURSORS"] = True
    for name, path, data in requests:
        for attempt in range(2):
            if data is not None:
                data = {**data, "email": f"queries-{attempt}-{time.time_ns()}@example.org"}
            with CaptureQueriesContext(connection) as captured:
                started = time.perf_counter()
                response = client.post(path, data) if data else client.get(path)
                request_ms = (time.perf_counter() - started) * 1000
            expected = 302 if data else 200
            if response.status_code != expected and data is None:
                raise RuntimeError(f"{name}: HTTP {response.status_code} from {path}")
            if response.status_code != expected:
                # The registration form changes more often than the pages: report it, and
                # still measure the pages.
                print(f"  note: {name} answered HTTP {response.status_code}, not {expected}")
        queries = [(float(query["time"]) * 1000, query["sql"]) for query in captured]
        counts[name] = QueryCount(
            count=len(queries),
            milliseconds=sum(ms for ms, _sql in queries),
            request_ms=request_ms,
            slowest=sorted(queries, reverse=True)[:3],
            queries=queries,
        )
        print(f"  {name}: {len(queries)} queries, {request_ms:.0f} ms alone", flush=True)
    connection.settings_dict["DISABLE_SERVER_SIDE_CURSORS"] = server_side
    return counts


def _plain_sql(sql: str) -> str:
    """The query itself, without the server-side cursor Django wraps iterator() reads in."""
    return re.sub(r'^DECLARE "[^"]+" NO SCROLL CURSOR WITH(OUT)? HOLD FOR ', "", sql)


def _explain(sql: str) -> list[str]:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + _plain_sql(sql))
        return [row[0] for row in cursor.fetchall()]


# --- Main ----------------------------------------------------------------------------------


def _recreate_database() -> None:
    import psycopg

    name = BENCH_DATABASE.rsplit("/", 1)[1]
    admin_url = BENCH_DATABASE.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin_url, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{name}"')


def _broker_up() -> bool:
    try:
        import redis

        return bool(redis.Redis.from_url(BENCH_BROKER, socket_timeout=2).ping())
    except Exception:  # any failure means: no broker
        return False


def _empty_redis() -> None:
    """The queued e-mails and the cache of an earlier run: a recreated database starts its
    content versions again, under which the old run's pages would be found."""
    import redis

    for url in (BENCH_BROKER, BENCH_CACHE):
        redis.Redis.from_url(url).flushdb()


def _print_bursts(bursts: list[tuple[int, dict[str, Any]]], count: int) -> None:
    from forums.models import Registration

    print(
        f"\nburst: {count} registrations at once for a meeting with 50 seats ({len(bursts)} runs):"
    )
    rates = []
    for meeting_id, result in bursts:
        counted = Counter(
            Registration.objects.filter(meeting_id=meeting_id).values_list("status", flat=True)
        )
        ok = result["statuses"].get("302", 0)
        rates.append(ok / result["seconds"])
        # A seat is held ("pending") until the address's owner confirms it.
        seated = counted.get("confirmed", 0) + counted.get("pending", 0)
        print(
            f"  {seated} seated, {counted.get('waiting', 0)} waiting, "
            f"{count - ok} errors {dict(result['statuses'])}, {rates[-1]:.1f} registrations/s "
            f"(all done in {result['seconds']:.1f} s)"
        )
    print(f"  median {statistics.median(rates):.1f} registrations/s, best {max(rates):.1f}")


def _print_table(results: list[Result], minimal: float) -> None:
    print(
        f"{'page':<26} {'req/s':>7} {'×minimal':>8} {'p50 ms':>7} {'p95 ms':>7} {'p99 ms':>7} "
        f"{'n':>5} {'err':>4} {'queries':>7} {'SQL ms':>7} {'alone ms':>8}"
    )
    for result in results:
        queries = "" if result.queries is None else str(result.queries)
        sql_ms = "" if result.sql_ms is None else f"{result.sql_ms:.1f}"
        single = "" if result.single_ms is None else f"{result.single_ms:.0f}"
        print(
            f"{result.name:<26} {result.requests_per_second:>7.1f} "
            f"{result.requests_per_second / minimal:>8.3f} {result.p50:>7.0f} {result.p95:>7.0f} "
            f"{result.p99:>7.0f} {result.requests:>5} {result.errors:>4} {queries:>7} "
            f"{sql_ms:>7} {single:>8}" + (f"  {result.extra}" if result.extra else "")
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reuse", action="store_true", help="keep the database as it is")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--duration", type=int, default=10, help="seconds per page")
    parser.add_argument("--connections", type=int, default=8, help="wrk connections")
    parser.add_argument("--threads", type=int, default=2, help="wrk threads")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn sync workers")
    parser.add_argument("--burst", type=int, default=500, help="simultaneous registrations")
    parser.add_argument(
        "--burst-runs", type=int, default=3, help="bursts, each for a meeting of its own"
    )
    parser.add_argument(
        "--cached-duration",
        type=int,
        default=5,
        help="seconds per page for a second pass with the page cache on (0: skip it)",
    )
    parser.add_argument(
        "--explain", type=int, default=3, help="EXPLAIN ANALYZE the slowest N pages"
    )
    parser.add_argument("--plan-lines", type=int, default=40, help="lines of each plan shown")
    parser.add_argument("--sql-width", type=int, default=300, help="characters of SQL shown")
    parser.add_argument(
        "--show-queries", action="store_true", help="print every query of every page"
    )
    arguments = parser.parse_args()

    if not shutil.which("wrk"):
        sys.exit("wrk is missing: apt-get update -qq && apt-get install -y -qq wrk")
    for line in _machine():
        print(line)
    if os.cpu_count() and float(os.getloadavg()[0]) > (os.cpu_count() or 1):
        print("note: the load average is above the number of cores: figures will be noisy")

    folder = Path(tempfile.mkdtemp(prefix="bench-load-"))
    try:
        _benchmark(arguments, folder)
    except BaseException:
        print(f"(the gunicorn log is kept in {folder})", file=sys.stderr)
        raise
    shutil.rmtree(folder, ignore_errors=True)


def _benchmark(arguments: argparse.Namespace, folder: Path) -> None:
    broker = _broker_up()
    env = {
        **os.environ,
        "DATABASE_URL": BENCH_DATABASE,
        "DJANGO_SETTINGS_MODULE": "bench.settings",
        "DEBUG": "0",
        # As production behind its TLS proxy, whose X-Forwarded-Proto the requests carry.
        "BEHIND_PROXY": "1",
        "SECRET_KEY": os.environ.get("SECRET_KEY", "benchmark-only-key"),
        "ALLOWED_HOSTS": "127.0.0.1,localhost,testserver",
        "STATICFILES_MANIFEST": "1",
        "BENCH_STATIC_ROOT": str(folder / "static"),
        "PAGE_CACHE_SECONDS": "0",
        # Every POST comes from this one address: the per-address limit would stop them.
        "RATELIMIT_ENABLE": "0",
    }
    if broker:
        env["CELERY_BROKER_URL"] = BENCH_BROKER
        env["CACHE_URL"] = BENCH_CACHE
        _empty_redis()
    else:
        env.pop("CELERY_BROKER_URL", None)
        env.pop("CACHE_URL", None)
        env["EMAIL_FILE_PATH"] = str(folder / "mail")
    os.environ.update(env)
    print(
        f"database: {BENCH_DATABASE}; "
        + (
            f"e-mail: queued on {BENCH_BROKER} (no worker); cache: {BENCH_CACHE}"
            if broker
            else "e-mail: sent in the web process to files; cache: one per process"
        )
    )

    if not arguments.reuse:
        _recreate_database()
        subprocess.run(
            [sys.executable, "manage.py", "migrate", "--no-input", "-v", "0"],
            cwd=PROJECT_ROOT,
            env=env,
            check=True,
        )
        started = time.perf_counter()
        subprocess.run(  # noqa: S603
            [sys.executable, "-m", "bench.generate", "--seed", str(arguments.seed),
             "--scale", str(arguments.scale)],
            cwd=PROJECT_ROOT,
            env=env,
            check=True,
        )  # fmt: skip
        print(f"data generation took {time.perf_counter() - started:.1f} s (including start-up)")
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--no-input", "-v", "0"],
        cwd=PROJECT_ROOT,
        env=env,
        check=True,
    )

    import django

    django.setup()
    from django.conf import settings

    targets = _targets()
    print("queries per page (one request each, in this process):", flush=True)
    queries = _count_queries(targets)
    script = folder / "report.lua"
    script.write_text(WRK_SCRIPT)

    def load(server: WebServer, name: str, path: str, duration: int) -> Result:
        status, body = server.get(path)
        result = wrk(
            f"http://127.0.0.1:{server.port}{path}",
            name=name,
            threads=arguments.threads,
            connections=arguments.connections,
            duration=duration,
            script=script,
        )
        result.extra = f"{len(body) / 1024:.0f} KiB" if status == 200 else f"HTTP {status}"
        # Requests wrk gave up on are still queued in gunicorn: let them finish first.
        server.get(MINIMAL_PATH)
        print(
            f"  {name}: {result.requests_per_second:.1f} req/s, p50 {result.p50:.0f} ms "
            f"({result.requests} requests)",
            flush=True,
        )
        return result

    print(
        f"gunicorn: {arguments.workers} sync workers; wrk -t{arguments.threads} "
        f"-c{arguments.connections} -d{arguments.duration}s per page, on the same machine"
    )

    def serve(server_env: dict[str, str]) -> WebServer:
        return WebServer(
            server_env,
            port=free_port(),
            workers=arguments.workers,
            log=folder / "gunicorn.log",
            ready_path=MINIMAL_PATH,
        )

    server = serve(env)
    try:
        minimal = load(server, "minimal view", MINIMAL_PATH, arguments.duration)
        results = [minimal]
        for name, path in targets.pages:
            result = load(server, name, path, arguments.duration)
            result.queries = queries[name].count
            result.sql_ms = queries[name].milliseconds
            result.single_ms = queries[name].request_ms
            results.append(result)

        tag = str(time.time_ns())
        posted = _in_separate_process(
            post_load, server.port, targets.posts, float(arguments.duration),
            arguments.connections, tag,
        )  # fmt: skip
        latencies = [seconds * 1000 for seconds in posted["latencies"]]
        statuses = posted["statuses"]
        results.append(
            Result(
                name="registration POST",
                requests_per_second=len(latencies) / posted["seconds"],
                p50=_percentile(latencies, 0.50),
                p95=_percentile(latencies, 0.95),
                p99=_percentile(latencies, 0.99),
                errors=sum(count for status, count in statuses.items() if status != "302"),
                requests=len(latencies),
                queries=queries["registration POST"].count,
                sql_ms=queries["registration POST"].milliseconds,
                single_ms=queries["registration POST"].request_ms,
                extra=f"{len(targets.posts)} meetings, {arguments.connections} threads, "
                f"statuses {statuses}",
            )
        )

        bursts = []
        for _run in range(arguments.burst_runs):
            meeting_id = _burst_meeting(targets.burst_forum)
            bursts.append(
                (
                    meeting_id,
                    _in_separate_process(
                        burst, server.port, meeting_id, targets.burst_groups, arguments.burst
                    ),
                )
            )
        memory = {pid: _memory(pid) for pid in server.worker_pids()}
        master_memory = _memory(server.process.pid)
    finally:
        server.stop()

    cached: list[Result] = []
    # A page that takes longer than gunicorn's timeout (30 s) is never cached: leave it out.
    cacheable = [(name, path) for name, path in targets.pages if queries[name].request_ms < 25_000]
    if arguments.cached_duration and hasattr(settings, "PAGE_CACHE_SECONDS"):
        server = serve({**env, "PAGE_CACHE_SECONDS": "60"})
        try:
            cached = [
                load(server, name, path, arguments.cached_duration)
                for name, path in [("minimal view", MINIMAL_PATH), *cacheable]
            ]
        finally:
            server.stop()

    print()
    _print_table(results, minimal.requests_per_second)
    print(
        "(n: requests completed; queries, SQL ms and 'alone ms': one request in this process "
        f"with the test client, nothing else running; req/s and latency: {arguments.duration} s "
        f"of wrk -c{arguments.connections} each, latency includes waiting for a free worker)"
    )
    _print_bursts(bursts, arguments.burst)
    for pid, values in memory.items():
        print(
            f"gunicorn worker {pid}: peak memory (VmHWM) {values['VmHWM'] / 1024:.0f} MiB, "
            f"now (VmRSS) {values['VmRSS'] / 1024:.0f} MiB"
        )
    print(f"gunicorn master: VmHWM {master_memory['VmHWM'] / 1024:.0f} MiB")

    if cached:
        print(
            f"\nwith the page cache on (PAGE_CACHE_SECONDS=60), {arguments.cached_duration} s each:"
        )
        _print_table(cached, cached[0].requests_per_second)
        left_out = [name for name, _path in targets.pages if (name, _path) not in cacheable]
        if left_out:
            print(f"(left out: {', '.join(left_out)}: one request takes longer than 25 s)")

    if arguments.show_queries:
        for name, count in queries.items():
            print(f"\n{name}: {count.count} queries")
            for milliseconds, sql in count.queries:
                print(f"  {milliseconds:7.1f} ms  {_plain_sql(sql)[: arguments.sql_width]}")

    if arguments.explain:
        slowest = sorted(results[1:-1], key=lambda result: result.p50, reverse=True)
        for result in slowest[: arguments.explain]:
            count = queries[result.name]
            print(f"\n{result.name}: {count.count} queries, {count.milliseconds:.1f} ms of SQL")
            for milliseconds, sql in count.slowest:
                print(f"  {milliseconds:7.1f} ms  {_plain_sql(sql)[: arguments.sql_width]}")
            plan = _explain(count.slowest[0][1])
            print("  EXPLAIN ANALYZE of the slowest:")
            for line in plan[: arguments.plan_lines]:
                print(f"    {line}")
            if len(plan) > arguments.plan_lines:
                print(f"    … {len(plan) - arguments.plan_lines} more lines")

    if broker:
        _empty_redis()
    print(f"\nuptime: {_uptime()}")


if __name__ == "__main__":
    main()
