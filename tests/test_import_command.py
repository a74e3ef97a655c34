"""`manage.py import_project_text`: what is not one page's text is refused with a message
and exit code 1; --json prints the draft's JSON contract and saves nothing; --save enters an
unpublished draft and prints its admin address, or, for a project the catalogue already
has, prints what differs and saves nothing."""

import datetime
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import translation

from projects.importer.draft import FACT_KEYS
from projects.importer.text import NotPageText, page_text
from projects.models import IdentifierScheme, Organisation, Project, ProjectIdentifier
from projects.services import project_identifiers_add

from .factories import ProjectFactory

pytestmark = pytest.mark.django_db

PAGE = """Osaava ohjaus

Hankkeen kesto: 1.3.2021–31.12.2023
Projektikoodi: S21485
Toteuttaja: Hämeen ammattikorkeakoulu
Rahoittaja: Euroopan sosiaalirahasto

Tavoitteet
- Ohjaus paranee
"""
NEWS = "Ajankohtaista\n\n12.3.2024 Uutinen yksi\n12.2.2024 Uutinen kaksi\n"


def run(*arguments: str) -> str:
    """The command's standard output, in English."""
    stdout = io.StringIO()
    with translation.override("en"):
        call_command("import_project_text", *arguments, stdout=stdout, stderr=io.StringIO())
    return stdout.getvalue()


def page_file(tmp_path: Path, content: str | bytes = PAGE) -> str:
    path = tmp_path / "page.txt"
    path.write_bytes(content.encode() if isinstance(content, str) else content)
    return str(path)


def admin_url(project: Project) -> str:
    return settings.PORTAL_URL + reverse("admin:projects_project_change", args=[project.pk])


# --- What is not one page's text.


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "The text is empty."),
        (b" \r\n\t\n", "The text is empty."),
        (
            b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00",
            "This is not plain text (a PDF, an image or a spreadsheet?): copy the page's text.",
        ),
        (
            b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj",
            "This is not plain text (a PDF, an image or a spreadsheet?): copy the page's text.",
        ),
        (
            ("Hanke " * 200_000).encode(),
            "The text is 1200 kB long: give the text of one page, at most 300 kB.",
        ),
    ],
)
def test_what_is_not_a_pages_text_is_refused_with_a_message(tmp_path, content, message):
    with pytest.raises(CommandError) as refused:
        run(page_file(tmp_path, content), "--json")
    assert str(refused.value) == message


def test_a_refusal_exits_with_code_1_and_the_message_on_stderr(tmp_path):
    with translation.override(settings.LANGUAGE_CODE), pytest.raises(NotPageText) as empty:
        page_text(b"")
    finished = subprocess.run(  # noqa: S603 - our own manage.py, with our own arguments
        [sys.executable, "manage.py", "import_project_text", page_file(tmp_path, b""), "--json"],
        cwd=settings.BASE_DIR,
        env={**os.environ, "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}"},
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert finished.returncode == 1
    assert finished.stdout == ""
    assert finished.stderr.strip() == f"CommandError: {empty.value}"


def test_standard_input_is_read_as_bytes(monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"\x00\x01\x02binary")))
    with pytest.raises(CommandError) as refused:
        run("-", "--json")
    assert str(refused.value).startswith("This is not plain text")


def test_a_file_that_cannot_be_read_is_named(tmp_path):
    with pytest.raises(CommandError) as refused:
        run(str(tmp_path / "missing.txt"), "--json")
    assert (
        str(refused.value) == f"Cannot read {tmp_path / 'missing.txt'}: No such file or directory."
    )


@pytest.mark.parametrize(
    "arguments",
    [
        [],  # neither --json nor --save
        ["--json", "--save"],
        ["--json", "--maintainer", "organisation-0"],  # --json saves nothing to maintain
        ["--save", "--maintainer", "no-such-organisation"],
        ["--json", "--language", "de"],
    ],
)
def test_wrong_arguments_are_refused_and_nothing_is_saved(tmp_path, arguments):
    with pytest.raises(CommandError):
        run(page_file(tmp_path), *arguments)
    assert not Project.objects.exists()


# --- With the extractor (projects.importer.extract).


def test_json_prints_the_draft_with_every_key_and_saves_nothing(tmp_path):
    organisations = Organisation.objects.count()

    printed = json.loads(run(page_file(tmp_path), "--json"))

    assert list(printed) == ["language", *FACT_KEYS, "missing", "completeness"]
    assert (printed["language"], printed["name"]) == ("fi", "Osaava ohjaus")
    assert {"scheme": "eura", "value": "S21485"} in printed["identifiers"]
    assert "contacts" in printed["missing"]
    assert 0 < printed["completeness"] < 1
    assert not Project.objects.exists()
    assert Organisation.objects.count() == organisations


def test_json_of_a_news_list_is_a_draft_without_a_name(tmp_path):
    printed = json.loads(run(page_file(tmp_path, NEWS), "--json"))
    assert printed["name"] is None
    assert "name" in printed["missing"]


def test_save_enters_an_unpublished_draft_and_prints_its_admin_address(tmp_path, ours):
    before = set(Project.objects.values_list("pk", flat=True))

    printed = run(page_file(tmp_path), "--save", "--maintainer", ours.organisation.slug)

    project = Project.objects.exclude(pk__in=before).get()
    assert admin_url(project) in printed
    assert printed.startswith("Saved as an unpublished draft: http")
    assert (project.name_fi, project.is_published) == ("Osaava ohjaus", False)
    assert project.identifiers.filter(scheme=IdentifierScheme.EURA2014, value="S21485").exists()
    assert list(project.maintainers.all()) == [ours.organisation]
    new = Organisation.objects.get(name_fi="Hämeen ammattikorkeakoulu")
    assert not new.is_published


def test_save_of_a_news_list_is_refused(tmp_path):
    with pytest.raises(CommandError) as refused:
        run(page_file(tmp_path, NEWS), "--save")
    assert "no name" in str(refused.value)
    assert not Project.objects.exists()


def test_save_of_a_known_project_prints_the_differences_and_saves_nothing(tmp_path):
    project = ProjectFactory.create(name_fi="Osaava ohjaus")  # ends in 2030
    project_identifiers_add(project=project, identifiers=[(IdentifierScheme.EURA2014, "S21485")])
    organisations = Organisation.objects.count()

    printed = run(page_file(tmp_path), "--save").splitlines()

    assert printed[0] == f"The catalogue already has this project: {admin_url(project)}"
    labels = {line.split(":")[0] for line in printed[1:-1]}
    assert labels == {"Start", "End", "Goals (fi)", "Implementers", "Funding"}
    assert all(" → " in line for line in printed[1:-1])
    assert printed[-1].startswith("Nothing was saved")
    assert Project.objects.count() == 1
    assert Organisation.objects.count() == organisations
    assert ProjectIdentifier.objects.count() == 1
    project.refresh_from_db()
    assert project.end_date == datetime.date(2030, 12, 31)
    assert not project.goals_fi
