"""What `python -m bench.load` measures and prints: requests/s and latency of each page,
the registrations of each burst, and the memory of the gunicorn workers."""

import statistics
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any


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


def _percentile(values: Sequence[float], share: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def _memory(pid: int) -> dict[str, int]:
    """VmHWM (peak resident memory) and VmRSS of a process, in kB."""
    values = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        key, _sep, value = line.partition(":")
        if key in ("VmHWM", "VmRSS"):
            values[key] = int(value.split()[0])
    return values


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
