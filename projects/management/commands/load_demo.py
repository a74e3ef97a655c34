"""`manage.py load_demo`: load the seed projects as demo data (safe to run again)."""

from typing import Any

from django.core.management.base import BaseCommand

from projects.demo import ORGANISATIONS, PROJECTS, load_demo


class Command(BaseCommand):
    help = "Load the demo projects and organisations; running it again updates them in place."

    def handle(self, *args: Any, **options: Any) -> None:
        load_demo()
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo data loaded: {len(PROJECTS)} projects, {len(ORGANISATIONS)} organisations."
            )
        )
