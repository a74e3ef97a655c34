"""A large, realistic portal for benchmarks: projects in three languages, organisations, who
runs and funds what, forums, meetings and registrations.

    python -m bench.generate [--seed 1] [--scale 1.0]

Everything comes from one `random.Random(seed)`, so the same seed gives the same projects,
names and texts. Dates and meeting times are drawn relative to the day of the run, so that
the portal always has planned, ongoing and ended projects and past and upcoming meetings.
The Finnish text is built from inflected word forms ("opiskelijoiden", "opiskelijoille",
"ammatillisen koulutuksen") so that stemmed search has something to find.

Rows are written with `bulk_create` in batches and no signals, e-mails or outbox rows; the
search vectors are computed at the end with `project_search_refresh`, one UPDATE per chunk.
Importing this module writes nothing.

The generator's parts are in bench/data_*.py: the word lists (data_text, data_names), the
steps in the order they run (data_organisations, data_projects, data_project_details,
data_forums, data_registrations), what the steps share (data_state) and small helpers
(data_helpers).
"""

from collections.abc import Callable

from django.db import connection, transaction
from django.utils import translation

from projects.services import project_search_refresh

from .data_forums import _Forums
from .data_organisations import _Organisations
from .data_project_details import _ProjectDetails
from .data_projects import _Projects
from .data_registrations import _Registrations
from .data_state import Sizes

__all__ = ["Generator", "Sizes", "generate"]

SEARCH_CHUNK = 1000


class Generator(_Organisations, _Projects, _ProjectDetails, _Forums, _Registrations):
    """The steps of bench/data_*.py, run in order in one transaction."""

    def search_vectors(self) -> None:
        if connection.vendor != "postgresql":
            self.log("search vectors: skipped (SQLite searches the text columns)")
            return
        ids = self.project_ids
        for start in range(0, len(ids), SEARCH_CHUNK):
            project_search_refresh(project_ids=ids[start : start + SEARCH_CHUNK])
        self.log(f"search vectors: {len(ids):,} projects")

    def run(self) -> Sizes:
        # The untranslated columns (name, ...) take the value of the active language: Finnish.
        with translation.override("fi"), transaction.atomic():
            self.reference_data()
            self.organisations()
            self.projects()
            self.implementers()
            self.programmes()
            self.fundings()
            self.contacts_links_relations()
            self.forums()
            self.meetings()
            self.registrations()
            self.search_vectors()
        if connection.vendor == "postgresql":
            # What autovacuum would do after a while (where it is on): the planner needs the
            # statistics, and an index-only scan needs the visibility map that VACUUM sets.
            # Without it, a listing page read the whole project table, half of its row
            # versions left dead by the UPDATE that fills the search vectors. VACUUM cannot
            # run in a transaction (a test's): there, only ANALYZE.
            command = "VACUUM ANALYZE" if transaction.get_autocommit() else "ANALYZE"
            with connection.cursor() as cursor:
                cursor.execute(command)
            self.log("vacuumed and analyzed" if command.startswith("VACUUM") else "analyzed")
        return self.sizes


def generate(*, seed: int = 1, scale: float = 1.0, log: Callable[[str], None] = print) -> Sizes:
    """Fill the database; returns the sizes asked for (see Sizes.at_scale)."""
    return Generator(seed=seed, scale=scale, log=log).run()
