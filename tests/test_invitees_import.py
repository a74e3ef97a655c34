"""Importing invitees from CSV, the service: the file as bytes or text, with either
separator and an optional byte order mark; bad rows; importing again. The management
command, the admin page, the organisations' lists and large files are in
tests/test_invitees_import_*.py.

Bad rows are reported by their line in the file (the header is line 1) and skipped; the good
rows are imported; a known e-mail address, whatever its case, updates that person."""

import codecs
import datetime
import io

import pytest
from django.utils import timezone, translation
from django.utils.translation import gettext

from forums.invitations import invitee_unsubscribe
from forums.invitee_imports import CSV_COLUMNS, invitees_import_csv
from forums.models import Invitee

from .import_helpers import HEADER, bad_file, csv_text, described, people

pytestmark = pytest.mark.django_db


# --- The file's form: bytes or text, comma or semicolon, with or without a byte order mark.


@pytest.mark.parametrize("as_bytes", [True, False], ids=["bytes", "str"])
@pytest.mark.parametrize("delimiter", [",", ";"], ids=["comma", "semicolon"])
@pytest.mark.parametrize("bom", [True, False], ids=["bom", "no-bom"])
def test_import_reads_bytes_or_text_with_either_separator_and_an_optional_bom(
    groups, as_bytes, delimiter, bom
):
    rows = [
        [*HEADER, "organisation"],
        # The organisation holds both separators, so only the right one splits it right.
        ["Aino Virtanen", "aino@example.org", "parents", "fi", "Koulu, lukio; aikuiset"],
        ["Hodan Abdi", "hodan@example.org", "counsellors", "so", ""],
        ["Åsa Öhman", "asa@example.org", "students", "SV", "Svenska skolan"],
    ]
    text = csv_text(rows, delimiter=delimiter)
    if as_bytes:
        file: io.BytesIO | io.StringIO = io.BytesIO(
            (codecs.BOM_UTF8 if bom else b"") + text.encode("utf-8")
        )
    else:
        file = io.StringIO(("\ufeff" if bom else "") + text)
    now = timezone.now() - datetime.timedelta(days=3)

    report = invitees_import_csv(file, now=now)

    assert report.errors == []
    assert (report.created, report.updated) == (len(rows) - 1, 0)
    imported = people()
    assert {email: described(invitee) for email, invitee in imported.items()} == {
        row[1]: (row[0], row[1], row[2], row[3].lower(), row[4]) for row in rows[1:]
    }
    assert {invitee.consent_at for invitee in imported.values()} == {now}
    assert {invitee.unsubscribed_at for invitee in imported.values()} == {None}


@pytest.mark.parametrize("delimiter", [",", ";"], ids=["comma", "semicolon"])
def test_organisation_column_is_optional(groups, delimiter):
    rows = [
        HEADER,
        ["Aino Virtanen", "aino@example.org", "parents", "fi"],
        ["Leo Nieminen", "leo@example.org", "counsellors", "en"],
    ]

    report = invitees_import_csv(io.StringIO(csv_text(rows, delimiter=delimiter)))

    assert (report.created, report.updated, report.errors) == (2, 0, [])
    assert {email: described(invitee) for email, invitee in people().items()} == {
        row[1]: (row[0], row[1], row[2], row[3], "") for row in rows[1:]
    }


def test_header_names_may_differ_in_case_spacing_and_order(groups):
    text = " Language ;EMAIL;Name; group\nen;leo@example.org;Leo Nieminen;parents\n"

    report = invitees_import_csv(io.BytesIO(text.encode()))

    assert (report.created, report.errors) == (1, [])
    assert described(Invitee.objects.get()) == (
        "Leo Nieminen",
        "leo@example.org",
        "parents",
        "en",
        "",
    )


# --- Bad rows.


def test_bad_rows_are_reported_by_line_and_skipped_while_good_rows_are_imported(groups):
    text, expected, good = bad_file()

    report = invitees_import_csv(io.StringIO(text))

    assert [line for line, _problem in report.errors] == sorted(expected)
    for line, problem in report.errors:
        for words in expected[line]:
            assert words in problem, (line, problem)
    assert (report.created, report.updated) == (len(good), 0)
    assert set(people()) == good


def test_names_with_invisible_characters_are_refused_but_word_joiners_are_kept(groups):
    text = "\n".join(
        [
            "name,email,group,language",
            "Ali\u202eevil,right.to.left@example.org,parents,fi",  # a right-to-left override
            "Zero\u200bWidth,zero.width@example.org,parents,fi",  # a zero-width space
            "Mehrnaz Rezaei\u200c,mehrnaz@example.org,parents,fa",  # Persian needs the ZWNJ
        ]
    )

    report = invitees_import_csv(io.StringIO(text))

    assert [line for line, _problem in report.errors] == [2, 3]
    assert set(people()) == {"mehrnaz@example.org"}


def test_each_problem_of_a_row_is_named_in_the_language_in_use(groups):
    text = "name;email;group;language\n;not-an-email;nobody;zz\n"

    for code in ("fi", "en"):
        with translation.override(code):
            report = invitees_import_csv(io.StringIO(text))
            expected = [
                gettext("The name is missing."),
                gettext("“%(email)s” is not an e-mail address.") % {"email": "not-an-email"},
                gettext("Unknown stakeholder group “%(group)s”.") % {"group": "nobody"},
                gettext("Unknown language “%(language)s”.") % {"language": "zz"},
            ]
        assert report.errors == [(2, " ".join(expected))]
    assert not Invitee.objects.exists()


@pytest.mark.parametrize("missing", CSV_COLUMNS)
def test_a_header_without_a_required_column_imports_nothing(groups, missing):
    columns = [column for column in [*HEADER, "organisation"] if column != missing]
    values = {
        "name": "Aino Virtanen",
        "email": "aino@example.org",
        "group": "parents",
        "language": "fi",
        "organisation": "Koulu",
    }
    text = csv_text([columns, [values[column] for column in columns]])

    report = invitees_import_csv(io.StringIO(text))

    assert (report.created, report.updated) == (0, 0)
    [(line, problem)] = report.errors
    assert line == 1
    assert missing in problem
    assert not Invitee.objects.exists()


def test_an_empty_file_is_a_header_error(groups):
    report = invitees_import_csv(io.BytesIO(b""))

    assert [line for line, _problem in report.errors] == [1]
    assert not Invitee.objects.exists()


# --- Importing again.


def test_importing_again_updates_people_instead_of_duplicating_them(groups):
    first = csv_text(
        [
            [*HEADER, "organisation"],
            ["Aino Virtanen", "aino@example.org", "parents", "fi", "Koulu"],
            ["Leo Nieminen", "Leo.Nieminen@example.org", "counsellors", "en", "Lukio"],
        ]
    )
    invitees_import_csv(io.StringIO(first))
    before = people()
    again = csv_text(
        [
            [*HEADER, "organisation"],
            # The same people, their addresses in another case, with changed details.
            ["Aino Korhonen", "AINO@Example.ORG", "students", "sv", "Lukio"],
            ["Leo Nieminen", "leo.nieminen@EXAMPLE.org", "counsellors", "ar", "Lukio"],
            ["Hodan Abdi", "hodan@example.org", "parents", "so", ""],
        ],
        delimiter=";",
    )

    report = invitees_import_csv(io.BytesIO(again.encode()))

    assert (report.created, report.updated, report.errors) == (1, 2, [])
    after = people()
    assert Invitee.objects.count() == len(after) == 3
    aino, leo = after["aino@example.org"], after["leo.nieminen@example.org"]
    assert aino.pk == before["aino@example.org"].pk
    assert leo.pk == before["leo.nieminen@example.org"].pk
    assert (aino.name, aino.group.slug, aino.language.code, aino.organisation) == (
        "Aino Korhonen",
        "students",
        "sv",
        "Lukio",
    )
    assert (leo.group.slug, leo.language.code) == ("counsellors", "ar")


def test_the_same_address_twice_in_one_file_is_one_person(groups):
    text = csv_text(
        [
            HEADER,
            ["Aino Virtanen", "aino@example.org", "parents", "fi"],
            ["Aino V.", "Aino@Example.org", "students", "en"],
        ]
    )

    report = invitees_import_csv(io.StringIO(text))

    assert (report.created, report.updated, report.errors) == (1, 1, [])
    assert described(Invitee.objects.get())[2:4] == ("students", "en")


def test_an_unsubscribed_person_stays_unsubscribed_after_importing_again(groups):
    text = csv_text([HEADER, ["Aino Virtanen", "aino@example.org", "parents", "fi"]])
    invitees_import_csv(io.StringIO(text))
    unsubscribed_at = invitee_unsubscribe(invitee=Invitee.objects.get()).unsubscribed_at
    assert unsubscribed_at is not None

    report = invitees_import_csv(
        io.StringIO(csv_text([HEADER, ["Aino Uusi", "AINO@example.org", "students", "en"]]))
    )

    assert (report.created, report.updated) == (0, 1)
    invitee = Invitee.objects.get()
    assert invitee.unsubscribed_at == unsubscribed_at
    assert invitee.name == "Aino Uusi"
