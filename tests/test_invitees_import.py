"""Importing invitees from CSV: the service, the management command and the admin page.

Bad rows are reported by their line in the file (the header is line 1) and skipped; the good
rows are imported; a known e-mail address, whatever its case, updates that person."""

import codecs
import csv
import datetime
import html
import io
import re
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth.models import Permission, User
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext

from forums.invitations import invitations_create, invitee_unsubscribe
from forums.invitee_imports import (
    CSV_COLUMNS,
    invitee_import_run,
    invitee_import_start,
    invitees_import_csv,
)
from forums.models import ImportStatus, Invitation, Invitee, InviteeImport, StakeholderGroup
from portal.roles import EDITORS, roles_sync
from projects.models import Organisation

from .factories import ImplementerFactory, OrganisationFactory
from .forum_factories import MeetingFactory, StakeholderGroupFactory, language
from .sides import staff_login

pytestmark = pytest.mark.django_db

IMPORT = reverse("admin:forums_invitee_import")
HEADER = ["name", "email", "group", "language"]


@pytest.fixture
def groups() -> dict[str, StakeholderGroup]:
    return {
        slug: StakeholderGroupFactory.create(slug=slug)
        for slug in ("parents", "counsellors", "students")
    }


def csv_text(rows: list[list[str]], *, delimiter: str = ",", lineterminator: str = "\r\n") -> str:
    """The file as a spreadsheet program writes it: quoted where a value needs it."""
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=delimiter, lineterminator=lineterminator).writerows(rows)
    return buffer.getvalue()


def people() -> dict[str, Invitee]:
    return {invitee.email.lower(): invitee for invitee in Invitee.objects.all()}


def described(invitee: Invitee) -> tuple[str, str, str, str, str]:
    return (
        invitee.name,
        invitee.email,
        invitee.group.slug,
        invitee.language.code,
        invitee.organisation,
    )


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


def bad_file() -> tuple[str, dict[int, list[str]], set[str]]:
    """A file with good and bad rows; returns the text, the words each bad line's report must
    contain (by line number in the file) and the e-mails of the good rows."""
    lines = [
        "name,email,group,language,organisation",  # 1
        "Aino Virtanen,aino@example.org,parents,fi,",  # 2
        ",noname@example.org,parents,fi,",  # 3: no name
        "Leo Nieminen,leo(at)example.org,parents,fi,",  # 4: bad e-mail
        # 5-6: a quoted organisation that spans two lines of the file: a line break is refused
        # (the row is reported by the line it ends on)
        'Hodan Abdi,hodan@example.org,counsellors,so,"Tikkurilan koulu',
        'Vantaa"',
        "Sara Koski,sara@example.org,teachers,fi,",  # 7: unknown group
        "",  # 8: a blank line is no row at all
        "Olga Ivanova,olga@example.org,parents,xx,",  # 9: unknown language
        "Åsa Öhman,asa@example.org,students,sv,",  # 10
        ",broken,nobody,zz,",  # 11: everything wrong at once
    ]
    expected = {
        3: [gettext("The name is missing.")],
        4: ["leo(at)example.org"],
        6: [gettext("Remove the line breaks and other invisible characters.")],
        7: ["teachers"],
        9: ["xx"],
        11: [gettext("The name is missing."), "broken", "nobody", "zz"],
    }
    good = {"aino@example.org", "asa@example.org"}
    return "\n".join(lines) + "\n", expected, good


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


# --- The management command.


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


# --- The admin page.


def _browser_like(user: User) -> Client:
    """A client that, like a browser, must send the CSRF token the page gave it."""
    client = Client(enforce_csrf_checks=True)
    staff_login(client, user)
    return client


def _csrf_token(client: Client) -> str:
    page = client.get(IMPORT)
    assert page.status_code == 200
    match = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.content.decode())
    assert match is not None
    return match.group(1)


def _upload(text: str) -> io.BytesIO:
    upload = io.BytesIO(text.encode("utf-8"))
    upload.name = "invitees.csv"
    return upload


def _skipped_rows(page: str) -> list[tuple[int, str]]:
    if "<tbody>" not in page:
        return []
    body = page[page.index("<tbody>") : page.index("</tbody>")]
    return [
        (int(line), html.unescape(problem))
        for line, problem in re.findall(r"<tr><td>(\d+)</td><td>(.*?)</td></tr>", body, re.S)
    ]


def _imported(client: Client, data: dict[str, object], capture) -> Any:
    """Upload the file as staff do, let the background import run (here: when the request's
    transaction commits), and follow to the page that shows how it went."""
    with capture(execute=True):
        started = client.post(IMPORT, data)
    assert started.status_code == 302, started.content.decode()[:500]
    return client.get(started["Location"])


def test_admin_import_page_imports_and_lists_the_skipped_rows(
    groups, admin_user, django_capture_on_commit_callbacks
):
    client = _browser_like(admin_user)
    text, expected, _good = bad_file()

    response = _imported(
        client,
        {"csrfmiddlewaretoken": _csrf_token(client), "file": _upload(text)},
        django_capture_on_commit_callbacks,
    )

    assert response.status_code == 200
    assert set(people()) == {"aino@example.org", "asa@example.org"}
    skipped = _skipped_rows(response.content.decode())
    assert [line for line, _problem in skipped] == sorted(expected)
    for line, problem in skipped:
        for words in expected[line]:
            assert words in problem
    with translation.override(response["Content-Language"]):
        summary = gettext(
            "%(name)s is imported: %(created)s people added, %(updated)s updated, "
            "%(skipped)s rows skipped."
        ) % {"name": "invitees.csv", "created": 2, "updated": 0, "skipped": len(expected)}
    assert summary in html.unescape(response.content.decode())
    # Imported, the file's text is not kept: it holds people's details.
    assert InviteeImport.objects.get().content == ""


def test_admin_import_page_without_bad_rows_shows_no_table(
    groups, admin_user, django_capture_on_commit_callbacks
):
    client = _browser_like(admin_user)
    text = csv_text([HEADER, ["Aino Virtanen", "aino@example.org", "parents", "fi"]])

    response = _imported(
        client,
        {"csrfmiddlewaretoken": _csrf_token(client), "file": _upload(text)},
        django_capture_on_commit_callbacks,
    )

    assert response.status_code == 200
    assert Invitee.objects.count() == 1
    assert _skipped_rows(response.content.decode()) == []


def test_admin_import_of_a_file_alone_imports_it(
    groups, admin_client, django_capture_on_commit_callbacks
):
    """A POST that carries nothing but the file (no other form field) is still an upload."""
    text = csv_text([HEADER, ["Aino Virtanen", "aino@example.org", "parents", "fi"]])

    response = _imported(admin_client, {"file": _upload(text)}, django_capture_on_commit_callbacks)

    assert response.status_code == 200
    assert Invitee.objects.count() == 1


def test_admin_import_page_is_for_staff_who_may_add_invitees(groups, client):
    text = csv_text([HEADER, ["Aino Virtanen", "aino@example.org", "parents", "fi"]])

    anonymous = client.post(IMPORT, {"file": _upload(text)})
    assert anonymous.status_code == 302
    assert anonymous["Location"].startswith(reverse("admin:login"))

    staff = User.objects.create_user("viewer", password="x", is_staff=True)
    staff.user_permissions.add(Permission.objects.get(codename="view_invitee"))
    viewer = _browser_like(staff)
    assert viewer.get(IMPORT).status_code == 403
    assert not Invitee.objects.exists()


# --- Editors import onto their organisation's list.


def _editor(*organisations: Organisation) -> User:
    user = User.objects.create_user(
        f"editor{User.objects.count()}", password="a-long-pass-phrase", is_staff=True
    )
    user.groups.add(roles_sync()[EDITORS])
    for organisation in organisations:
        organisation.editors.add(user)
    return user


def _on_the_list(organisation: Organisation | None, email: str, name: str) -> Invitee:
    return Invitee.objects.create(
        name=name,
        email=email,
        group=StakeholderGroup.objects.get(slug="parents"),
        language=language("fi"),
        organisation="Koulu",
        kept_by=organisation,
        consent_at=timezone.now(),
    )


def test_an_address_on_another_list_is_imported_as_a_new_one_and_changes_nothing_there(
    groups,
):
    """The import once said "this address is on another list": a way to learn who is on
    another organisation's list. Each list is now its own."""
    ours, theirs = OrganisationFactory.create(), OrganisationFactory.create()
    _on_the_list(ours, "kept@example.org", "Oma Henkilö")
    other = _on_the_list(theirs, "other@example.org", "Toisen Henkilö")
    unlisted = _on_the_list(None, "unlisted@example.org", "Listaton Henkilö")
    text = csv_text(
        [
            HEADER,
            ["Uusi Henkilö", "new@example.org", "students", "en"],
            ["Oma Päivitetty", "KEPT@example.org", "parents", "sv"],
            ["Toinen Muutettu", "Other@Example.org", "students", "en"],
            ["Listaton Muutettu", "unlisted@example.org", "students", "en"],
        ]
    )

    report = invitees_import_csv(io.StringIO(text), kept_by=ours)

    # Another list's addresses are new on ours, exactly like an address nobody has.
    assert (report.created, report.updated, report.errors) == (3, 1, [])
    ours_now = {person.email.lower(): person for person in Invitee.objects.filter(kept_by=ours)}
    assert set(ours_now) == {
        "new@example.org",
        "kept@example.org",
        "other@example.org",
        "unlisted@example.org",
    }
    assert ours_now["kept@example.org"].name == "Oma Päivitetty"
    for person in (other, unlisted):
        before = described(person)
        person.refresh_from_db()
        assert described(person) == before
    assert other.kept_by == theirs
    assert unlisted.kept_by is None


def test_someone_on_two_lists_is_invited_once(groups):
    ours, theirs = OrganisationFactory.create(), OrganisationFactory.create()
    meeting = MeetingFactory.create(forum__groups=[StakeholderGroup.objects.get(slug="parents")])
    for organisation in (ours, theirs):
        ImplementerFactory.create(project=meeting.forum.project, organisation=organisation)
        _on_the_list(organisation, "Both@example.org", "Molemmilla")
    _on_the_list(None, "both@EXAMPLE.org", "Portaalin listalla")

    invitations_create(meeting_id=meeting.pk)
    invitations_create(meeting_id=meeting.pk)  # again: nobody twice

    assert Invitation.objects.filter(meeting=meeting).count() == 1


def test_editor_of_one_organisation_imports_onto_its_list(
    groups, django_capture_on_commit_callbacks
):
    ours, theirs = OrganisationFactory.create(), OrganisationFactory.create()
    other = _on_the_list(theirs, "other@example.org", "Toisen Henkilö")
    client = _browser_like(_editor(ours))
    page = client.get(IMPORT)
    assert "kept_by" not in page.context["form"].fields  # nothing to choose
    text = csv_text(
        [
            HEADER,
            ["Aino Virtanen", "aino@example.org", "parents", "fi"],
            ["Toinen Muutettu", "other@example.org", "students", "en"],
        ]
    )

    response = _imported(
        client,
        {"csrfmiddlewaretoken": _csrf_token(client), "file": _upload(text)},
        django_capture_on_commit_callbacks,
    )

    assert response.status_code == 200
    assert people()["aino@example.org"].kept_by == ours
    other.refresh_from_db()
    assert other.name == "Toisen Henkilö"
    assert Invitee.objects.filter(email="other@example.org", kept_by=ours).exists()


def test_editor_of_two_organisations_chooses_the_list(groups, django_capture_on_commit_callbacks):
    first, second, stranger = (OrganisationFactory.create() for _ in range(3))
    client = _browser_like(_editor(first, second))
    page = client.get(IMPORT)
    offered = set(page.context["form"].fields["kept_by"].queryset)
    assert offered == {first, second}
    text = csv_text([HEADER, ["Aino Virtanen", "aino@example.org", "parents", "fi"]])
    token = _csrf_token(client)

    refused = client.post(
        IMPORT, {"csrfmiddlewaretoken": token, "file": _upload(text), "kept_by": stranger.pk}
    )
    assert "kept_by" in refused.context["form"].errors
    missing = client.post(IMPORT, {"csrfmiddlewaretoken": token, "file": _upload(text)})
    assert "kept_by" in missing.context["form"].errors
    assert not Invitee.objects.exists()

    _imported(
        client,
        {"csrfmiddlewaretoken": token, "file": _upload(text), "kept_by": second.pk},
        django_capture_on_commit_callbacks,
    )
    assert people()["aino@example.org"].kept_by == second


def test_superuser_may_import_onto_a_chosen_list(
    groups, admin_client, django_capture_on_commit_callbacks
):
    organisation = OrganisationFactory.create()
    text = csv_text([HEADER, ["Aino Virtanen", "aino@example.org", "parents", "fi"]])
    _imported(
        admin_client,
        {"file": _upload(text), "kept_by": organisation.pk},
        django_capture_on_commit_callbacks,
    )
    assert people()["aino@example.org"].kept_by == organisation


# --- Large files: refused at once, or read in the background with progress.


def test_a_file_too_large_or_too_long_is_refused_with_what_to_do(groups, admin_client, settings):
    settings.INVITEE_IMPORT_MAX_ROWS = 100
    huge = "name,email,group,language\n" + "Aino,aino@example.org,parents,fi\n" * 400_000
    too_long = csv_text(
        [HEADER, *[[f"P{n}", f"p{n}@example.org", "parents", "fi"] for n in range(101)]]
    )
    latin1 = io.BytesIO(
        "name,email,group,language\nÅsa,asa@example.org,parents,sv\n".encode("cp1252")
    )
    latin1.name = "latin1.csv"

    for upload, message in (
        (
            _upload(huge),
            gettext("The file is larger than %(limit)d MB: split it into smaller files.")
            % {"limit": 2},
        ),
        (
            _upload(too_long),
            gettext("The file has %(rows)d rows; at most %(limit)d can be imported at a time.")
            % {"rows": 101, "limit": 100},
        ),
        (latin1, gettext("The file is not UTF-8 text: save it from the spreadsheet as CSV UTF-8.")),
    ):
        response = admin_client.post(IMPORT, {"file": upload})
        assert response.status_code == 200
        assert response.context["form"].errors["file"] == [message]
    assert not InviteeImport.objects.exists()
    assert not Invitee.objects.exists()


def test_the_progress_page_shows_how_far_an_import_has_got(groups, admin_client):
    job = invitee_import_start(
        text=csv_text(
            [HEADER, *[[f"P{n}", f"p{n}@example.org", "parents", "fi"] for n in range(400)]]
        ),
        file_name="iso.csv",
        kept_by=None,
        started_by=None,
    )
    InviteeImport.objects.filter(pk=job.pk).update(status=ImportStatus.RUNNING, rows_done=200)

    page = admin_client.get(reverse("admin:forums_invitee_import_progress", args=[job.pk]))

    html = page.content.decode()
    reading = gettext("Reading %(name)s: %(done)s of %(total)s rows.")
    assert reading % {"name": "iso.csv", "done": 200, "total": 400} in html
    assert '<meta http-equiv="refresh" content="2">' in html  # it looks again by itself

    # A worker that died mid-import has its task delivered again: the import then finishes,
    # each address once.
    invitee_import_run(import_id=job.pk)
    finished = InviteeImport.objects.get(pk=job.pk)
    assert (finished.status, finished.rows_done) == (ImportStatus.DONE, 400)
    assert Invitee.objects.filter(email__startswith="p").count() == 400


def test_an_editor_sees_only_the_imports_of_their_own_lists(
    groups, django_capture_on_commit_callbacks
):
    ours, theirs = OrganisationFactory.create(), OrganisationFactory.create()
    job = invitee_import_start(
        text=csv_text([HEADER, ["Aino", "aino@example.org", "parents", "fi"]]),
        file_name="heidan.csv",
        kept_by=theirs,
        started_by=None,
    )
    client = _browser_like(_editor(ours))
    answer = client.get(reverse("admin:forums_invitee_import_progress", args=[job.pk]))
    assert answer.status_code == 404


def test_unsubscribing_stops_the_invitations_of_every_list_the_address_is_on(groups):
    ours, theirs = OrganisationFactory.create(), OrganisationFactory.create()
    on_ours = _on_the_list(ours, "aino@example.org", "Aino")
    on_theirs = _on_the_list(theirs, "AINO@example.org", "Aino V.")

    invitee_unsubscribe(invitee=on_ours)

    on_theirs.refresh_from_db()
    assert on_theirs.unsubscribed_at is not None


def test_an_address_unsubscribed_on_another_list_comes_onto_ours_unsubscribed(groups):
    ours, theirs = OrganisationFactory.create(), OrganisationFactory.create()
    invitee_unsubscribe(invitee=_on_the_list(theirs, "aino@example.org", "Aino"))
    meeting = MeetingFactory.create(forum__groups=[StakeholderGroup.objects.get(slug="parents")])
    ImplementerFactory.create(project=meeting.forum.project, organisation=ours)

    invitees_import_csv(
        io.StringIO(csv_text([HEADER, ["Aino V.", "Aino@Example.org", "parents", "fi"]])),
        kept_by=ours,
    )
    invitations_create(meeting_id=meeting.pk)

    assert Invitee.objects.get(kept_by=ours).unsubscribed_at is not None
    assert not Invitation.objects.filter(meeting=meeting).exists()
