"""Large invitee imports: a file too large, too long or not UTF-8 is refused at once with
what to do; a long one is read in the background, its page showing how far it has got; and
an editor sees only the imports of their own lists."""

import io

import pytest
from django.urls import reverse
from django.utils.translation import gettext

from forums.invitee_imports import invitee_import_run, invitee_import_start
from forums.models import ImportStatus, Invitee, InviteeImport

from .factories import OrganisationFactory
from .import_helpers import HEADER, IMPORT, _browser_like, _editor, _upload, csv_text

pytestmark = pytest.mark.django_db


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
