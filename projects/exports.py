"""The listing's results as a download, CSV or XLSX, in the page's language, published under
CC BY 4.0.

CSV is UTF-8 with a byte order mark, with semicolons in Finnish and Swedish (Excel in Finland
reads a comma as the decimal separator) and commas in English. The rows are written as they
are read, a thousand projects at a time with their related rows, so that the whole catalogue
downloads in a fixed number of queries per thousand and without holding it in memory. XLSX
is written the same way, in openpyxl's write-only mode; the licence is in the file's
properties and on a sheet of its own, not in a header line that would trip CSV readers.

A contact is given by role and organisation only: a person's name, e-mail and phone are not
even read. Every text cell is made safe against formulas (portal.open_data.spreadsheet_cell).
"""

import csv
import io
import re
from collections.abc import Iterable, Iterator
from typing import Any

from django.conf import settings
from django.db.models import Prefetch, QuerySet
from django.utils import timezone, translation
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from openpyxl import Workbook
from openpyxl.utils import get_column_letter

from portal.open_data import (
    LICENCE_URL,
    SITE_NAME,
    absolute_url,
    licence_name,
    licence_statement,
    spreadsheet_cell,
)

from .models import Contact, Funding, Implementer, Project, ProjectIdentifier, Region, Theme
from .structured_data import implementers_by_role, iso_partial_date

# Projects read (with their related rows) per round of queries.
CHUNK_SIZE = 1000

# The columns, in order, with their headings.
COLUMNS = [
    ("name", _("Name")),
    ("acronym", _("acronym")),
    ("other_names", _("other names")),
    ("kind", _("kind")),
    ("status", _("Status")),
    ("start", _("start")),
    ("end", _("end")),
    ("summary", _("summary")),
    ("implementers", _("implementers")),
    ("funders", _("Funded by")),
    ("intermediaries", _("through")),
    ("programmes", _("programmes")),
    ("regions", _("Regions")),
    ("themes", _("Themes")),
    ("contacts", _("contacts by role and organisation")),
    ("identifiers", _("identifiers")),
    ("page", _("page in Hankeportaali")),
]

# Within a cell, a list's items are separated by this.
LIST_SEPARATOR = "; "

# Characters that XML 1.0, and so an XLSX file, cannot hold.
_NOT_IN_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def export_queryset(projects: QuerySet[Project]) -> QuerySet[Project]:
    """The projects with what a row shows, in place of the listing cards' related rows, each
    relation as a plain list (`to_attr`): ten thousand projects download in a few seconds.
    Queries per chunk: the projects; their implementers with organisations; fundings with
    funder, intermediary and programme; contacts (without the person's details) with
    organisations; regions; themes; identifiers."""
    return projects.prefetch_related(None).prefetch_related(
        Prefetch(
            "implementers",
            queryset=Implementer.objects.select_related("organisation"),
            to_attr="export_implementers",
        ),
        Prefetch(
            "fundings",
            queryset=Funding.objects.select_related("funder", "intermediary", "programme"),
            to_attr="export_fundings",
        ),
        Prefetch(
            "contacts",
            queryset=Contact.objects.defer("name", "email", "phone").select_related("organisation"),
            to_attr="export_contacts",
        ),
        Prefetch("regions", queryset=Region.objects.all(), to_attr="export_regions"),
        Prefetch("themes", queryset=Theme.objects.all(), to_attr="export_themes"),
        Prefetch(
            "identifiers", queryset=ProjectIdentifier.objects.all(), to_attr="export_identifiers"
        ),
    )


def _fetched(project: Project, name: str) -> list[Any]:
    """The related rows export_queryset put on the project under `export_<name>` (a list each,
    which spares Django a queryset per project and relation)."""
    return list(getattr(project, f"export_{name}"))


def _unique(values: Iterable[str]) -> str:
    return LIST_SEPARATOR.join(dict.fromkeys(value for value in values if value))


def _contact(contact: Contact) -> str:
    """What the download says of a contact: the role and the organisation."""
    parts = [contact.title, contact.organisation.name if contact.organisation else ""]
    return ", ".join(part for part in parts if part)


def project_row(project: Project) -> list[str]:
    """One project as text cells, in the active language (fallbacks as on its page)."""
    implementers = implementers_by_role(_fetched(project, "implementers"))
    fundings = _fetched(project, "fundings")
    values = {
        "name": project.name,
        "acronym": project.acronym,
        "other_names": _unique(line.strip() for line in project.other_names.splitlines()),
        "kind": str(project.get_kind_display()),
        "status": project.get_status_display(),
        "start": iso_partial_date(project.start_date, project.start_precision),
        "end": iso_partial_date(project.end_date, project.end_precision),
        "summary": project.summary,
        "implementers": _unique(
            f"{row.organisation.name} ({row.get_role_display()})" for row in implementers
        ),
        "funders": _unique(funding.funder.name for funding in fundings),
        "intermediaries": _unique(
            funding.intermediary.name for funding in fundings if funding.intermediary
        ),
        "programmes": _unique(str(funding.programme) for funding in fundings if funding.programme),
        "regions": _unique(region.name for region in _fetched(project, "regions")),
        "themes": _unique(theme.name for theme in _fetched(project, "themes")),
        "contacts": _unique(_contact(contact) for contact in _fetched(project, "contacts")),
        "identifiers": _unique(
            f"{identifier.get_scheme_display()}: {identifier.value}"
            for identifier in _fetched(project, "identifiers")
        ),
        "page": absolute_url(project.get_absolute_url()),
    }
    return [spreadsheet_cell(str(values[name] or "")) for name, _label in COLUMNS]


def headings() -> list[str]:
    return [str(label) for _name, label in COLUMNS]


def csv_delimiter(language: str) -> str:
    return "," if language == "en" else ";"


class _Line:
    """csv.writer's file: each row written is returned as the line it makes."""

    def write(self, line: str) -> str:
        return line


def csv_lines(projects: QuerySet[Project], language: str) -> Iterator[str]:
    """The CSV file line by line, for a streaming response. The language is set around each
    row: the response is read after the view has returned."""
    writer = csv.writer(_Line(), delimiter=csv_delimiter(language))
    with translation.override(language):
        first = "\ufeff" + writer.writerow(headings())
    yield first
    for project in projects.iterator(chunk_size=CHUNK_SIZE):
        with translation.override(language):
            line = writer.writerow(project_row(project))
        yield line


def _xlsx_text(value: str) -> str:
    return _NOT_IN_XML.sub("", value)


def xlsx_bytes(projects: QuerySet[Project], language: str, source_url: str) -> bytes:
    """The workbook: a sheet of projects and a sheet that states the licence and the source."""
    with translation.override(language):
        workbook = Workbook(write_only=True)
        _describe(workbook, language, source_url)
        sheet: Any = workbook.create_sheet(title=gettext("Projects")[:31])
        sheet.freeze_panes = "A2"
        for index, (name, _label) in enumerate(COLUMNS):
            width = 60 if name in {"summary", "implementers", "page"} else 24
            sheet.column_dimensions[get_column_letter(index + 1)].width = width
        sheet.append(headings())
        for project in projects.iterator(chunk_size=CHUNK_SIZE):
            sheet.append([_xlsx_text(value) for value in project_row(project)])
        licence: Any = workbook.create_sheet(title=gettext("Licence")[:31])
        licence.column_dimensions["A"].width = 24
        licence.column_dimensions["B"].width = 80
        for row in licence_rows(language, source_url):
            licence.append(row)
        buffer = io.BytesIO()
        workbook.save(buffer)
    return buffer.getvalue()


def licence_rows(language: str, source_url: str) -> list[list[str]]:
    """The licence sheet: the terms the data is published under, and where it came from."""
    return [
        [gettext("Licence"), f"{licence_name(language)} (CC BY 4.0)"],
        [gettext("Licence text"), LICENCE_URL],
        [gettext("Name the source as"), f"{SITE_NAME}, {settings.PORTAL_URL}/"],
        [gettext("These search results"), spreadsheet_cell(source_url)],
        [gettext("Downloaded"), timezone.localtime().strftime("%Y-%m-%d %H:%M")],
        [
            gettext("Personal data"),
            gettext("Contact persons are given by their role and organisation only."),
        ],
    ]


def _describe(workbook: Workbook, language: str, source_url: str) -> None:
    """The file's own properties, which spreadsheet programs show: the licence among them."""
    properties = workbook.properties
    properties.creator = SITE_NAME
    properties.title = f"{SITE_NAME}: {gettext('Projects')}"
    properties.description = licence_statement(language)
    properties.keywords = "CC BY 4.0"
    properties.language = language
    properties.identifier = source_url


def source_address(path: str, query: str) -> str:
    """The listing with the same filters, at the portal's public address."""
    return absolute_url(f"{path}?{query}" if query else path)
