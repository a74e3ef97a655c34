"""`manage.py generate_bench_data [--seed 1] [--scale 1.0] [--force]`: fill the database
with a large portal for benchmarks (bench/data.py says what it holds)."""

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection

from bench.data import generate
from projects.models import Project

# More projects than the demo data and a few hand-made ones: probably a real database.
POPULATED = 100


class Command(BaseCommand):
    help = (
        "Fill the database with a large, realistic portal for benchmarks: at scale 1, 10,000 "
        "projects, 3,000 organisations, 200 forums, 2,000 meetings, 200,000 registrations."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--seed", type=int, default=1, help="the same seed, the same data")
        parser.add_argument(
            "--scale", type=float, default=1.0, help="multiply every count (0.01: a hundredth)"
        )
        parser.add_argument(
            "--force",
            action="store_true",
            help=f"add the data even when the database has more than {POPULATED} projects",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["scale"] <= 0:
            raise CommandError("--scale must be above 0.")
        existing = Project.objects.count()
        if existing > POPULATED and not options["force"]:
            name = connection.settings_dict["NAME"]
            raise CommandError(
                f"The database {name} already has {existing:,} projects; refusing to add "
                "benchmark data to it. Use an empty database: for PostgreSQL "
                f"`dropdb {name} && createdb {name} && python manage.py migrate` (or "
                f"`python -m bench.load`, which recreates its own), for SQLite delete the "
                "file and migrate again; or pass --force to add the data anyway."
            )
        started = time.perf_counter()
        sizes = generate(seed=options["seed"], scale=options["scale"], log=self.stdout.write)
        self.stdout.write(
            self.style.SUCCESS(
                f"Benchmark data generated in {time.perf_counter() - started:.1f} s: "
                f"{sizes.projects:,} projects, {sizes.organisations:,} organisations, "
                f"{sizes.implementers:,} implementers, {sizes.forums:,} forums, "
                f"{sizes.meetings:,} meetings, {sizes.registrations:,} registrations "
                f"(seed {options['seed']}, scale {options['scale']:g})."
            )
        )
