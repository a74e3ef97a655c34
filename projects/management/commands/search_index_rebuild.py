"""Rebuild the catalogue's search index and vocabulary from every project: after migrating
to the search of migration 0011, after changing SEARCH_FINNISH_ANALYSER, or to drop the
words of projects since unpublished or deleted."""

import time
from typing import Any

from django.core.management.base import BaseCommand

from projects.search.analysis import analyser_name
from projects.search.index import index_rebuild


class Command(BaseCommand):
    help = "Rebuild the search index of every project and the vocabulary of published ones."

    def handle(self, *args: Any, **options: Any) -> None:
        started = time.perf_counter()
        self.stdout.write(f"Finnish analysed by {analyser_name()}.")

        def progress(done: int, total: int) -> None:
            self.stdout.write(f"{done}/{total} projects indexed")

        count = index_rebuild(progress=progress)
        seconds = time.perf_counter() - started
        self.stdout.write(self.style.SUCCESS(f"{count} projects indexed in {seconds:.1f} s."))
