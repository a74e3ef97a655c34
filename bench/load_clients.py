"""The load that `python -m bench.load` puts on gunicorn: wrk for the pages, and
registration POSTs from threads in a separate process."""

import concurrent.futures
import http.client
import itertools
import multiprocessing
import subprocess
import threading
import time
from collections import Counter
from pathlib import Path
from typing import Any

from tests.integration.harness import PROXY_HEADERS, csrf_token, post_registration

from .load_results import Result

WRK_SCRIPT = """
done = function(summary, latency, requests)
  io.write(string.format("BENCH %d %d %d %d %d %d %d %d %d %d\\n",
    summary.requests, summary.duration,
    latency:percentile(50), latency:percentile(95), latency:percentile(99),
    summary.errors.connect, summary.errors.read, summary.errors.write,
    summary.errors.status, summary.errors.timeout))
end
"""


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
