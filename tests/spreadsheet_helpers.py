"""Helpers for the spreadsheet tests (tests/test_spreadsheets*.py): a project with everything a
row shows (and a contact person, whom no file may name), what the catalogue holds, and
admin's export and import pages used as staff use them in a browser."""

import datetime
import html
import io
import re
from decimal import Decimal
from typing import Any

import tablib
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from projects.dates import Precision
from projects.models import (
    Funding,
    IdentifierScheme,
    Implementer,
    ImplementerRole,
    Keyword,
    Organisation,
    Project,
    ProjectIdentifier,
)

from .factories import (
    ContactFactory,
    FundingFactory,
    IdentifierFactory,
    ImplementerFactory,
    KeywordFactory,
    OrganisationFactory,
    ThemeFactory,
    municipality,
    programme_tree,
    region,
)

# The formats in the order admin offers them (portal/settings_data.py).
FORMATS = {"csv": "0", "xlsx": "1"}
CONTACT = {"name": "Aino Esimerkki", "email": "aino.esimerkki@example.org", "phone": "+358 40 123"}


def rich(project: Project, number: int = 0) -> Project:
    """Give the project something in every kind of column."""
    project.acronym = f"MH{number}"
    project.other_names = "Toinen nimi\nKolmas nimi"
    project.tagline_fi = "=Kaava joka ei ole kaava"
    project.goals_fi = "- Ensimmäinen\n- Toinen"
    project.start_date = datetime.date(2021, 3, 1)
    project.start_precision = Precision.MONTH
    project.end_date = datetime.date(2024, 12, 31)
    project.end_precision = Precision.YEAR
    project.budget_min = Decimal("12500.50")
    project.save()
    project.themes.set([ThemeFactory.create(name_fi=f"Osallisuus {number}")])
    project.regions.set([region("uusimaa"), region("pirkanmaa")])
    project.municipalities.set([municipality("Helsinki"), municipality("Tampere")])
    project.keywords.set([KeywordFactory.create(name=f"OpiskeluVaria{number}")])
    IdentifierFactory.create(project=project, value=f"S2{number:04d}")
    IdentifierFactory.create(
        project=project,
        scheme=IdentifierScheme.SOURCE_URL,
        value=f"https://example.org/hanke;id={number}",
    )
    partner = OrganisationFactory.create(name_fi=f"Kumppani Oy {number}")
    ImplementerFactory.create(
        project=project, organisation=partner, role=ImplementerRole.PARTNER, note_fi="Vain osa"
    )
    tree = programme_tree()
    funder = OrganisationFactory.create(name_fi=f"Rahoittaja {number}")
    FundingFactory.create(
        project=project,
        funder=funder,
        intermediary=OrganisationFactory.create(name_fi=f"ELY-keskus {number}"),
        programme=tree["objective"],
        amount=Decimal("10000"),
    )
    FundingFactory.create(project=project, funder=funder, amount=Decimal("500"))
    ContactFactory.create(project=project, **CONTACT)
    return project


def held() -> dict[str, list[dict[str, Any]]]:
    """Everything an import could change, row by row (a save changes `updated_at`)."""
    through = {
        name: getattr(Project, name).through
        for name in ("themes", "regions", "municipalities", "keywords", "maintainers")
    }
    return {
        "projects": list(Project.objects.order_by("pk").values()),
        "implementers": list(Implementer.objects.order_by("pk").values()),
        "fundings": list(Funding.objects.order_by("pk").values()),
        "identifiers": list(ProjectIdentifier.objects.order_by("pk").values()),
        "keywords": list(Keyword.objects.order_by("pk").values()),
        "organisations": list(Organisation.objects.order_by("pk").values()),
        **{name: list(model.objects.order_by("pk").values()) for name, model in through.items()},
    }


def export(client: Client, model: str, file_format: str = "csv") -> Any:
    """Admin's export page, every column ticked as the page offers them."""
    url = reverse(f"admin:projects_{model}_export")
    page = client.get(url)
    assert page.status_code == 200
    columns = re.findall(r'name="(\w+resource_\w+)"', page.content.decode())
    assert columns
    data = {"format": FORMATS[file_format], "resource": "0", **dict.fromkeys(columns, "on")}
    response = client.post(url, data)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    return response


def dataset(content: bytes, file_format: str = "csv") -> tablib.Dataset:
    if file_format == "csv":
        text = content.decode("utf-8-sig")
        delimiter = ";" if ";" in text.split("\n", 1)[0] else ","
        return tablib.Dataset().load(text, format="csv", delimiter=delimiter)
    return tablib.Dataset().load(io.BytesIO(content), format="xlsx")


def file_of(data: tablib.Dataset, file_format: str = "csv", delimiter: str = ",") -> bytes:
    """The file as a spreadsheet program saves it (CSV: with commas, or as Excel does in
    Finland, with semicolons)."""
    if file_format == "csv":
        return data.export("csv", delimiter=delimiter).encode("utf-8")
    return data.export(file_format)


def row_of(data: tablib.Dataset, slug: str) -> dict[str, Any]:
    [row] = [row for row in data.dict if row["slug"] == slug]
    return dict(row)


def with_rows(data: tablib.Dataset, rows: list[dict[str, Any]]) -> tablib.Dataset:
    """A new file with the same columns and these rows (a missing cell is empty)."""
    changed = tablib.Dataset(headers=data.headers)
    for row in rows:
        changed.append([row.get(header, "") for header in data.headers])
    return changed


def preview(client: Client, model: str, content: bytes, file_format: str = "csv") -> Any:
    """Upload the file on admin's import page: the preview, nothing saved yet."""
    upload = SimpleUploadedFile(f"{model}s.{file_format}", content)
    url = reverse(f"admin:projects_{model}_import")
    page = client.post(
        url, {"resource": "0", "format": FORMATS[file_format], "import_file": upload}
    )
    assert page.status_code == 200
    return page


def confirm(client: Client, model: str, page: Any) -> Any:
    """Press "Confirm import" on the preview."""
    hidden = dict(re.findall(r'type="hidden" name="(\w+)" value="([^"]*)"', page.content.decode()))
    assert "import_file_name" in hidden, "the preview offers no confirmation"
    fields = ("import_file_name", "original_file_name", "format", "resource")
    data = {name: html.unescape(hidden.get(name, "")) for name in fields}
    return client.post(reverse(f"admin:projects_{model}_process_import"), data)


def imported(client: Client, model: str, content: bytes, file_format: str = "csv") -> Any:
    page = preview(client, model, content, file_format)
    assert not invalid(page), invalid(page)
    done = confirm(client, model, page)
    assert done.status_code == 302
    assert done["Location"] == reverse(f"admin:projects_{model}_changelist")
    return page


def kinds(page: Any) -> list[str]:
    """What the preview would do with each row: new, update or skip."""
    return [row.import_type for row in page.context["result"].rows]


def invalid(page: Any) -> dict[int, str]:
    """The preview's rows with errors, by row number: every message of the row."""
    result = page.context["result"]
    return {
        row.number: " ".join(
            message for messages in row.error_dict.values() for message in messages
        )
        for row in result.invalid_rows
    }
