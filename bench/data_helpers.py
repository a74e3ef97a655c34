"""Small helpers of the benchmark data generator (bench/data.py): rows written in batches,
unique slugs, valid business IDs, whole counts in proportion, and a log with the time."""

import random
import time
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import TypeVar

from django.db import models
from django.utils.text import slugify

BATCH_SIZE = 2000
T = TypeVar("T")
M = TypeVar("M", bound=models.Model)


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def _ascii(text: str) -> str:
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()


def _batches(items: Iterable[T], size: int = BATCH_SIZE) -> Iterator[list[T]]:
    batch: list[T] = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def _insert(model: type[M], rows: Iterable[M]) -> list[M]:
    """bulk_create in batches; returns the rows with their primary keys."""
    created: list[M] = []
    for batch in _batches(rows):
        created.extend(model._default_manager.bulk_create(batch, batch_size=BATCH_SIZE))
    return created


def _insert_streamed(model: type[M], rows: Iterable[M]) -> int:
    """bulk_create in batches without keeping the rows (for the many registrations)."""
    count = 0
    for batch in _batches(rows):
        model._default_manager.bulk_create(batch, batch_size=BATCH_SIZE)
        count += len(batch)
    return count


class _Slugs:
    """Unique slugs, also against those already in the table (a second run with --force)."""

    def __init__(self, taken: Iterable[str], max_length: int = 120) -> None:
        self.taken = set(taken)
        self.max_length = max_length

    def __call__(self, text: str) -> str:
        base = slugify(text)[: self.max_length - 8].strip("-") or "x"
        slug, number = base, 1
        while slug in self.taken:
            number += 1
            slug = f"{base}-{number}"
        self.taken.add(slug)
        return slug


def business_id(rng: random.Random) -> str:
    """A Y-tunnus with a valid check digit (weights 7, 9, 10, 5, 8, 4, 2; modulo 11)."""
    while True:
        digits = [rng.randrange(10) for _ in range(7)]
        remainder = sum(d * w for d, w in zip(digits, (7, 9, 10, 5, 8, 4, 2), strict=True)) % 11
        if remainder != 1:
            check = 0 if remainder == 0 else 11 - remainder
            return "".join(map(str, digits)) + f"-{check}"


def _allocate(rng: random.Random, total: int, weights: Sequence[float]) -> list[int]:
    """Split `total` into whole counts in proportion to `weights`, exactly."""
    weight_sum = sum(weights)
    if total <= 0 or weight_sum <= 0:
        return [0] * len(weights)
    counts = [int(total * weight / weight_sum) for weight in weights]
    candidates = [index for index, weight in enumerate(weights) if weight > 0]
    for _ in range(total - sum(counts)):
        counts[rng.choice(candidates)] += 1
    return counts


class _Clock:
    def __init__(self, log: Callable[[str], None]) -> None:
        self.log = log
        self.started = time.perf_counter()

    def __call__(self, message: str) -> None:
        self.log(f"{time.perf_counter() - self.started:6.1f} s  {message}")
