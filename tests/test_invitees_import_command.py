"""The import_invitees management command: it prints a summary and the bad lines, and
refuses a file it cannot read."""

import codecs
import io
import re
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from forums.models import Invitee

from .import_helpers import bad_file

pytestmark = pytest.mark.django_db


def test_import_invitees_command_prints_a_summary_and_the_bad_lines(groups, tmp_path: Path):
    path = tmp_path / "invitees.csv"
    text, expected, _good = bad_file()
    path.write_bytes(codecs.BOM_UTF8 + text.encode("utf-8"))
    stdout, stderr = io.StringIO(), io.StringIO()

    call_command("import_invitees", str(path), stdout=stdout, stderr=stderr)

    created = Invitee.objects.count()
    assert created == 2
    summary = stdout.getvalue()
    assert f"{created} added" in summary
    assert "0 updated" in summary
    assert f"{len(expected)} rows skipped" in summary
    reported = [
        int(number) for number in re.findall(r"^Line (\d+):", stderr.getvalue(), re.MULTILINE)
    ]
    assert reported == sorted(expected)
    for line in stderr.getvalue().splitlines():
        number = int(re.match(r"Line (\d+):", line).group(1))  # type: ignore[union-attr]
        for words in expected[number]:
            assert words in line

    stdout = io.StringIO()
    call_command("import_invitees", str(path), stdout=stdout, stderr=io.StringIO())

    assert Invitee.objects.count() == created
    assert f"0 added, {created} updated" in stdout.getvalue()


def test_import_invitees_command_refuses_a_file_it_cannot_read(tmp_path: Path):
    with pytest.raises(CommandError):
        call_command("import_invitees", str(tmp_path / "missing.csv"))
    with pytest.raises(CommandError):
        call_command("import_invitees", str(tmp_path))
    latin1 = tmp_path / "latin1.csv"
    latin1.write_bytes(
        "name,email,group,language\nÅsa,asa@example.org,parents,sv\n".encode("cp1252")
    )
    with pytest.raises(CommandError):
        call_command("import_invitees", str(latin1))
    assert not Invitee.objects.exists()
