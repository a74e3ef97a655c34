"""Importing people onto a list of invitees from a CSV file: at once (the import_invitees
command), or in the background with its progress and one report at the end (admin)."""

import csv
import datetime
import io
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import IO, Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from portal.validators import no_invisible_characters
from projects.models import Organisation

from .models import ImportStatus, Invitee, InviteeImport, Language, StakeholderGroup

CSV_COLUMNS = ("name", "email", "group", "language")
# How often an import in the background tells how far it has got, in rows.
PROGRESS_EVERY = 200


@dataclass
class ImportReport:
    created: int = 0
    updated: int = 0
    errors: list[tuple[int, str]] = field(default_factory=list)


def invitees_import_csv(
    file: IO[bytes] | IO[str],
    *,
    now: datetime.datetime | None = None,
    kept_by: Organisation | None = None,
    progress: Callable[[int], None] | None = None,
) -> ImportReport:
    """Import `name,email,group,language[,organisation]` rows (comma or semicolon separated,
    UTF-8 with or without a byte order mark). A row with a known e-mail updates that person;
    a bad row is reported by its line number and skipped; the good rows are imported. People
    who unsubscribed stay unsubscribed.

    The people go on `kept_by`'s list (None: the portal's own list), and a row updates only
    someone already on that list: each list is its own, so another list holding the address
    changes nothing and tells nothing. `progress` is told how many rows are read, now and
    then."""
    raw = file.read()
    text = raw.decode("utf-8-sig") if isinstance(raw, bytes) else raw.lstrip("\ufeff")
    report = ImportReport()
    first_line = text.split("\n", 1)[0]
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    reader = csv.DictReader(io.StringIO(text), delimiter=delimiter)
    header = [name.strip().lower() for name in reader.fieldnames or []]
    missing = [column for column in CSV_COLUMNS if column not in header]
    if missing:
        report.errors.append(
            (1, _("The header lacks the columns: %(columns)s.") % {"columns": ", ".join(missing)})
        )
        return report
    reader.fieldnames = header
    groups = {group.slug: group for group in StakeholderGroup.objects.all()}
    languages = {language.code: language for language in Language.objects.all()}
    now = now or timezone.now()
    for number, row in enumerate(reader, start=1):
        if progress is not None and number % PROGRESS_EVERY == 0:
            progress(number)
        line = reader.line_num
        values = {key: (value or "").strip() for key, value in row.items() if key}
        try:
            person = _invitee_values(values, groups, languages)
        except ValidationError as error:
            report.errors.append((line, " ".join(error.messages)))
            continue
        with transaction.atomic():
            invitee = (
                Invitee.objects.select_for_update()
                .filter(email__iexact=person["email"], kept_by=kept_by)
                .first()
            )
            if invitee is None:
                Invitee.objects.create(**person, kept_by=kept_by, consent_at=now)
                report.created += 1
            else:
                for name, value in person.items():
                    setattr(invitee, name, value)
                invitee.save()
                report.updated += 1
    return report


def _invitee_values(
    values: dict[str, str],
    groups: dict[str, StakeholderGroup],
    languages: dict[str, Language],
) -> dict[str, object]:
    problems = []
    if not values.get("name"):
        problems.append(_("The name is missing."))
    for column in ("name", "organisation"):
        try:
            no_invisible_characters(values.get(column, ""))
        except ValidationError as error:
            problems.extend(error.messages)
    email = values.get("email", "")
    try:
        validate_email(email)
    except ValidationError:
        problems.append(_("“%(email)s” is not an e-mail address.") % {"email": email})
    group = groups.get(values.get("group", ""))
    if group is None:
        problems.append(
            _("Unknown stakeholder group “%(group)s”.") % {"group": values.get("group", "")}
        )
    language = languages.get(values.get("language", "").lower())
    if language is None:
        problems.append(
            _("Unknown language “%(language)s”.") % {"language": values.get("language", "")}
        )
    if problems:
        raise ValidationError(problems)
    return {
        "name": values["name"][:200],
        "email": email,
        "group": group,
        "language": language,
        "organisation": values.get("organisation", "")[:200],
    }


def invitee_import_file_check(raw: bytes) -> str:
    """The text of an uploaded file, if it is one that can be imported; raises
    ValidationError with a message for staff otherwise (too large, too many rows, not
    UTF-8 text)."""
    if len(raw) > settings.INVITEE_IMPORT_MAX_BYTES:
        raise ValidationError(
            _("The file is larger than %(limit)d MB: split it into smaller files.")
            % {"limit": settings.INVITEE_IMPORT_MAX_BYTES // 1_000_000},
            code="too_large",
        )
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ValidationError(
            _("The file is not UTF-8 text: save it from the spreadsheet as CSV UTF-8."),
            code="not_text",
        ) from error
    rows = max(len(text.strip().splitlines()) - 1, 0)
    if rows > settings.INVITEE_IMPORT_MAX_ROWS:
        raise ValidationError(
            _("The file has %(rows)d rows; at most %(limit)d can be imported at a time.")
            % {"rows": rows, "limit": settings.INVITEE_IMPORT_MAX_ROWS},
            code="too_many_rows",
        )
    return text


def invitee_import_start(
    *, text: str, file_name: str, kept_by: Organisation | None, started_by: Any
) -> InviteeImport:
    """An import waiting for its background task, which the caller queues."""
    return InviteeImport.objects.create(
        content=text,
        file_name=file_name[:255],
        kept_by=kept_by,
        started_by=started_by,
        rows_total=max(len(text.strip().splitlines()) - 1, 0),
    )


def invitee_import_discard(job: InviteeImport) -> None:
    """An import whose task could not be queued: the file's rows go with it."""
    job.delete()


def invitee_import_run(*, import_id: int) -> InviteeImport:
    """Run an import, telling its progress as it goes; the file's text is emptied at the
    end, as it holds people's details. An import done is left alone; one left running by a
    worker that died is read again when its task comes back (importing the same rows again
    changes nothing more)."""
    with transaction.atomic():
        job = InviteeImport.objects.select_for_update().get(pk=import_id)
        if job.status not in {ImportStatus.QUEUED, ImportStatus.RUNNING}:
            return job
        job.status = ImportStatus.RUNNING
        job.save(update_fields=["status"])

    def progress(rows: int) -> None:
        InviteeImport.objects.filter(pk=import_id).update(rows_done=min(rows, job.rows_total))

    try:
        report = invitees_import_csv(
            io.StringIO(job.content), kept_by=job.kept_by, progress=progress
        )
    except Exception:
        InviteeImport.objects.filter(pk=import_id).update(
            status=ImportStatus.FAILED, content="", finished_at=timezone.now()
        )
        raise
    job.status = ImportStatus.DONE
    job.rows_done = job.rows_total
    job.created, job.updated = report.created, report.updated
    job.errors = [[line, str(problem)] for line, problem in report.errors]
    job.content = ""
    job.finished_at = timezone.now()
    job.save()
    return job
