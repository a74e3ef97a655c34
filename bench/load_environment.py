"""Where `python -m bench.load` runs: the machine it reports, the database it recreates,
and the Redis it queues e-mails on and caches in, when Redis is up."""

import os
import platform
import re
import subprocess
from pathlib import Path

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


def recreate_database(url: str) -> None:
    """Drop and create the PostgreSQL database at `url` (both benchmarks start from empty)."""
    import psycopg

    name = url.rsplit("/", 1)[1]
    admin_url = url.rsplit("/", 1)[0] + "/postgres"
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
