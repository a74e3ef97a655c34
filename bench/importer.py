"""How much of each seed page the importer reads, and how long a draft takes.

    .venv/bin/python -m bench.importer            # or: make bench-importer

Reads the five seed pages (../shared/seeds/, found as tests/seed_pages.py says) with the demo
catalogue in a SQLite database of its own (recreated), each page --repeat times, and prints
per page the share of the draft's facts filled (completeness), the facts found, and the
median and slowest time of a draft;
then the same for the longest text the importer takes (projects.importer.text.MAX_BYTES): the
seeds again and again, without the "Lue seuraavaksi" line that ends a page's own content.
It asserts nothing.
"""

import argparse
import os
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import django

from tests.seed_pages import seed_texts, seeds_folder


def timed(read: Callable[[str], object], text: str, repeat: int) -> tuple[float, float]:
    """The median and the slowest of `repeat` drafts, in milliseconds."""
    times = []
    for _run in range(repeat):
        started = time.perf_counter()
        read(text)
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times), max(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=20)
    options = parser.parse_args()
    database = Path(tempfile.gettempdir()) / "hankeportaali_bench_importer.sqlite3"
    database.unlink(missing_ok=True)
    os.environ["DATABASE_URL"] = f"sqlite:///{database}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")
    django.setup()

    from django.core.management import call_command

    from projects.importer.draft import FACT_KEYS
    from projects.importer.extract import extract
    from projects.importer.text import MAX_BYTES, page_text

    call_command("migrate", verbosity=0)
    call_command("load_demo", verbosity=0)
    extract("Lämmittely")  # the label dictionary and Voikko loaded once, as in a process

    print(f"{'page':<28} {'facts':>9} {'completeness':>12} {'median':>9} {'slowest':>9}")
    for path in sorted(seeds_folder().glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        draft = extract(text)
        median, slowest = timed(extract, text, options.repeat)
        filled = len(FACT_KEYS) - len(draft.missing)
        print(
            f"{path.name:<28} {filled:>4} / {len(FACT_KEYS):<2} {draft.completeness:>12.2f}"
            f" {median:>6.1f} ms {slowest:>6.1f} ms"
        )
    seeds = seed_texts()
    page = "\n\n".join(seeds).replace("Lue seuraavaksi", "") + "\n\n"
    longest = page * ((MAX_BYTES - 1000) // len(page.encode()))
    median, slowest = timed(lambda text: extract(page_text(text)), longest, 3)
    label = f"the seeds to {len(longest.encode()) // 1000} kB"
    print(f"{label:<28} {'':>9} {'':>12} {median:>6.0f} ms {slowest:>6.0f} ms")
    database.unlink(missing_ok=True)


if __name__ == "__main__":
    main()
