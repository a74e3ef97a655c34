"""The admin page that imports invitees: it imports in the background and then lists the
skipped rows, and it is only for staff who may add invitees."""

import html
import re

import pytest
from django.contrib.auth.models import Permission, User
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from forums.models import Invitee, InviteeImport

from .import_helpers import (
    HEADER,
    IMPORT,
    _browser_like,
    _csrf_token,
    _imported,
    _upload,
    bad_file,
    csv_text,
    people,
)

pytestmark = pytest.mark.django_db


def _skipped_rows(page: str) -> list[tuple[int, str]]:
    if "<tbody>" not in page:
        return []
    body = page[page.index("<tbody>") : page.index("</tbody>")]
    return [
        (int(line), html.unescape(problem))
        for line, problem in re.findall(r"<tr><td>(\d+)</td><td>(.*?)</td></tr>", body, re.S)
    ]


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
