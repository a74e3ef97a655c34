"""Registrations as CSV for staff: UTF-8 with a byte order mark and semicolons, which Excel
in Finland opens right. Cells are made safe with portal.open_data.spreadsheet_cell, which the
catalogue's downloads share (and forums.admin imports from here)."""

import csv
from typing import Any, Protocol

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.open_data import spreadsheet_cell

from .models import ACTIVE_STATUSES, Registration


class Writable(Protocol):
    def write(self, text: str, /) -> Any: ...


CSV_COLUMNS = [
    ("meeting", _("meeting")),
    ("name", _("name")),
    ("email", _("e-mail")),
    ("phone", _("phone")),
    ("group", _("stakeholder group")),
    ("organisation", _("organisation")),
    ("language", _("language for messages")),
    ("interpreter_language", _("interpreter needed in")),
    ("needs", _("accessibility and other needs")),
    ("status", _("status")),
    ("people", _("people coming (seats)")),
    ("companion_adults", _("other adults coming")),
    ("companion_youth", _("young people 15–17 coming")),
    ("companion_children", _("children under 15 taking part")),
    ("childcare_children", _("children in childcare")),
    ("childcare_status", _("childcare")),
    ("helper", _("registered by")),
    ("helper_email", _("helper's e-mail")),
    ("channel", _("came through")),
    ("created_at", _("registered")),
]


def registrations_csv_write(registrations: QuerySet[Registration], out: Writable) -> None:
    """Write the registrations, one a row, after a header in the active language."""
    out.write("\ufeff")
    writer = csv.writer(out, delimiter=";")
    writer.writerow([str(label) for _name, label in CSV_COLUMNS])
    for registration in registrations.select_related(
        "meeting__forum", "group", "language", "interpreter_language", "channel"
    ):
        # A cancelled registration's childcare is gone with it.
        childcare_asked = registration.childcare_children and registration.status in ACTIVE_STATUSES
        helper = ", ".join(
            part for part in (registration.helper_name, registration.helper_organisation) if part
        )
        writer.writerow(
            [
                str(registration.meeting),
                spreadsheet_cell(registration.name),
                spreadsheet_cell(registration.email),
                spreadsheet_cell(registration.phone),
                str(registration.group),
                spreadsheet_cell(registration.organisation),
                str(registration.language),
                str(registration.interpreter_language or ""),
                spreadsheet_cell(registration.needs),
                registration.get_status_display(),
                registration.people,
                registration.companion_adults,
                registration.companion_youth,
                registration.companion_children,
                registration.childcare_children,
                registration.get_childcare_status_display() if childcare_asked else "",
                spreadsheet_cell(helper),
                spreadsheet_cell(registration.helper_email),
                spreadsheet_cell(registration.channel.name if registration.channel else ""),
                timezone.localtime(registration.created_at).strftime("%Y-%m-%d %H:%M"),
            ]
        )
