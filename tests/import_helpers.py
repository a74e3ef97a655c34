"""Helpers for the invitee import tests (tests/test_invitees_import*.py): the stakeholder
groups, a CSV file as a spreadsheet program writes it (and one with bad rows), the people
imported, and the admin import page used as staff use it in a browser."""

import csv
import io
import re
from typing import Any

from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse
from django.utils.translation import gettext

from forums.models import Invitee
from portal.roles import EDITORS, roles_sync
from projects.models import Organisation

from .sides import staff_login

IMPORT = reverse("admin:forums_invitee_import")
HEADER = ["name", "email", "group", "language"]


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


def _imported(client: Client, data: dict[str, object], capture) -> Any:
    """Upload the file as staff do, let the background import run (here: when the request's
    transaction commits), and follow to the page that shows how it went."""
    with capture(execute=True):
        started = client.post(IMPORT, data)
    assert started.status_code == 302, started.content.decode()[:500]
    return client.get(started["Location"])


def _editor(*organisations: Organisation) -> User:
    user = User.objects.create_user(
        f"editor{User.objects.count()}", password="a-long-pass-phrase", is_staff=True
    )
    user.groups.add(roles_sync()[EDITORS])
    for organisation in organisations:
        organisation.editors.add(user)
    return user
