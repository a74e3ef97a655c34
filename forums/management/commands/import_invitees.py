"""`manage.py import_invitees FILE.csv`: add or update invitees; bad rows are reported."""

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from forums.invitee_imports import invitees_import_csv


class Command(BaseCommand):
    help = (
        "Import invitees from a CSV file with the header name,email,group,language and an "
        "optional organisation column. Known e-mail addresses are updated, not duplicated."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path)

    def handle(self, *args: Any, file: Path, **options: Any) -> None:
        try:
            with file.open("rb") as handle:
                report = invitees_import_csv(handle)
        except OSError as error:
            raise CommandError(f"Cannot read {file}: {error.strerror}.") from error
        except UnicodeDecodeError as error:
            raise CommandError(f"{file} is not UTF-8 text.") from error
        for line, problem in report.errors:
            self.stderr.write(f"Line {line}: {problem} The row was skipped.")
        self.stdout.write(
            self.style.SUCCESS(
                f"{report.created} added, {report.updated} updated, "
                f"{len(report.errors)} rows skipped."
            )
        )
