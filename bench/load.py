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

The benchmark's parts are in bench/load_*.py: where it runs (load_environment), what it
requests (load_targets), the load it puts on the server (load_clients), and what it
measures and prints (load_results).
"""

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from tests.integration.harness import WebServer, burst, free_port

from .load_clients import WRK_SCRIPT, _in_separate_process, post_load, wrk
from .load_environment import (
    BENCH_BROKER,
    BENCH_CACHE,
    BENCH_DATABASE,
    MINIMAL_PATH,
    PROJECT_ROOT,
    _broker_up,
    _empty_redis,
    _machine,
    _uptime,
    recreate_database,
)
from .load_results import Result, _memory, _percentile, _print_bursts, _print_table
from .load_targets import _burst_meeting, _count_queries, _explain, _plain_sql, _targets


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
        recreate_database(BENCH_DATABASE)
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
    from django.db import connection

    # As autovacuum would have by now (this machine's PostgreSQL runs without it): a reused
    # database may hold the dead rows of a search index rebuild.
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")

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
