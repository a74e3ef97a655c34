"""`manage.py load_demo`: load the seed projects and their forums as demo data (safe to run
again)."""

from typing import Any

from django.core.management.base import BaseCommand

from forums.demo import load_forum_demo
from projects.demo import CATALOGUE, load_demo


class Command(BaseCommand):
    help = "Load the demo projects, organisations and forums; running it again updates them."

    def handle(self, *args: Any, **options: Any) -> None:
        load_demo()
        meetings = load_forum_demo()
        projects, organisations = len(CATALOGUE["projects"]), len(CATALOGUE["organisations"])
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo data loaded: {projects} projects, {organisations} organisations, "
                f"{meetings} forum meetings."
            )
        )
