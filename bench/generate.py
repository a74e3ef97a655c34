"""`python -m bench.generate [--seed 1] [--scale 1.0] [--force]`: fill the database that the
settings name with a large portal for benchmarks (bench/data.py says what it holds). It is
not a management command: the product never imports the benchmark."""

import argparse
import os
import sys
import time
from typing import TextIO

# More projects than the demo data and a few hand-made ones: probably a real database.
POPULATED = 100


class RefusedError(Exception):
    """The database already holds a portal of its own."""


def generate_into_database(*, seed: int, scale: float, force: bool, out: TextIO) -> None:
    from django.db import connection

    from projects.models import Project

    from .data import generate

    if scale <= 0:
        raise RefusedError("--scale must be above 0.")
    existing = Project.objects.count()
    if existing > POPULATED and not force:
        name = connection.settings_dict["NAME"]
        raise RefusedError(
            f"The database {name} already has {existing:,} projects; refusing to add "
            "benchmark data to it. Use an empty database: for PostgreSQL "
            f"`dropdb {name} && createdb {name} && python manage.py migrate` (or "
            f"`python -m bench.load`, which recreates its own), for SQLite delete the "
            "file and migrate again; or pass --force to add the data anyway."
        )
    started = time.perf_counter()
    sizes = generate(seed=seed, scale=scale, log=lambda line: print(line, file=out))
    print(
        f"Benchmark data generated in {time.perf_counter() - started:.1f} s: "
        f"{sizes.projects:,} projects, {sizes.organisations:,} organisations, "
        f"{sizes.implementers:,} implementers, {sizes.forums:,} forums, "
        f"{sizes.meetings:,} meetings, {sizes.registrations:,} registrations "
        f"(seed {seed}, scale {scale:g}).",
        file=out,
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description="Fill the database with a large, realistic portal for benchmarks: at "
        "scale 1, 10,000 projects, 3,000 organisations, 200 forums, 2,000 meetings, "
        "200,000 registrations."
    )
    parser.add_argument("--seed", type=int, default=1, help="the same seed, the same data")
    parser.add_argument(
        "--scale", type=float, default=1.0, help="multiply every count (0.01: a hundredth)"
    )
    parser.add_argument(
        "--force",
        action="store_true",
        help=f"add the data even when the database has more than {POPULATED} projects",
    )
    arguments = parser.parse_args(argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")
    import django

    django.setup()
    try:
        generate_into_database(
            seed=arguments.seed, scale=arguments.scale, force=arguments.force, out=sys.stdout
        )
    except RefusedError as error:
        print(error, file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
