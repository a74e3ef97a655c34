"""Staff start background work (invitations, an invitee import) while the broker does not
answer: they are told that nothing was started, instead of getting an error page, and
nothing is left half-begun."""

import kombu.exceptions
import pytest
from django.contrib.auth.models import User
from django.urls import reverse

from forums.models import Invitation, Invitee, InviteeImport
from forums.tasks import create_invitations, import_invitees

from .import_helpers import IMPORT, _browser_like, _csrf_token, _upload, csv_text
from .sides import Side, invitee_on_list

pytestmark = pytest.mark.django_db

NOT_STARTED = "the background worker&#x27;s queue does not answer"


def _refused(*args: object, **kwargs: object) -> None:
    """What handing a task to a Redis broker that is down raises (the web process's own
    publishing, stopped for real, is in tests/integration/test_outages.py)."""
    raise kombu.exceptions.OperationalError("Error 111 connecting to 127.0.0.1:6379.")


@pytest.fixture
def broker_down(monkeypatch):
    monkeypatch.setattr(create_invitations, "delay", _refused)
    monkeypatch.setattr(import_invitees, "delay", _refused)


def test_sending_invitations_with_the_broker_down_says_nothing_was_started(
    broker_down, editor_client, ours: Side
):
    invitations = Invitation.objects.count()
    ours.forum.stakeholder_groups.add(ours.invitee.group)
    invitee_on_list("not.yet.invited@example.org", ours.invitee.group, ours.organisation)
    groups = list(ours.forum.stakeholder_groups.values_list("pk", flat=True))
    page_url = reverse("admin:forums_meeting_invite", args=[ours.meeting.pk])

    response = editor_client.post(
        page_url,
        {"send": "1", "groups": groups, "counted": ",".join(sorted(map(str, groups)))},
        follow=True,
        HTTP_ACCEPT_LANGUAGE="en",
    )

    assert response.status_code == 200
    assert NOT_STARTED in response.content.decode()
    assert "are being written and sent" not in response.content.decode()
    assert Invitation.objects.count() == invitations


def test_an_import_with_the_broker_down_keeps_nothing_and_says_so(
    broker_down, editor: User, ours: Side
):
    client = _browser_like(editor)
    group = ours.forum.stakeholder_groups.first()
    assert group is not None
    text = csv_text(
        [["name", "email", "group", "language"], ["Aino", "aino@example.org", group.slug, "fi"]]
    )

    response = client.post(
        IMPORT,
        {"csrfmiddlewaretoken": _csrf_token(client), "file": _upload(text)},
        HTTP_ACCEPT_LANGUAGE="en",
    )

    assert response.status_code == 200
    assert NOT_STARTED in response.content.decode()
    assert not InviteeImport.objects.exists()
    assert not Invitee.objects.filter(email="aino@example.org").exists()
