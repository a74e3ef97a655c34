"""Admin logins hold: wrong passwords lock the username out from that address (django-axes),
a password alone lets nobody in without the one-time code of their authenticator app
(django-otp), and two of admin's own addresses reach no further than its pages."""

import datetime
import html
import io
import re

import pytest
from django.contrib.auth.models import User
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext
from django_otp.plugins.otp_totp.models import TOTPDevice

from projects.models import Project

from .sides import Side, authenticator, make_editor, one_time_code, staff_login

pytestmark = pytest.mark.django_db

LOGIN = reverse("admin:login")
INDEX = reverse("admin:index")
PASSWORD = "a-long-pass-phrase"


def log_in(client: Client, username: str, password: str, code: str = "") -> int:
    """The login form as a person sends it; returns the answer's status (302: let in)."""
    data = {"username": username, "password": password, "otp_token": code, "next": INDEX}
    return client.post(LOGIN, data).status_code


def test_forty_wrong_passwords_lock_the_username_out_from_that_address(ours: Side):
    editor = make_editor("eeva", ours.organisation)
    attacker = Client(REMOTE_ADDR="203.0.113.9")

    answers = [log_in(attacker, "eeva", f"guess-{number}") for number in range(40)]

    assert answers[:4] == [200] * 4  # the form again, with its error
    assert set(answers[5:]) == {429}
    # The right password and code do not open the lock from that address ...
    assert log_in(attacker, "eeva", PASSWORD, one_time_code(editor)) == 429
    assert attacker.get(INDEX).status_code == 302  # still to the login page
    # ... while the editor, from her own address, logs in as usual.
    assert (
        log_in(Client(REMOTE_ADDR="198.51.100.4"), "eeva", PASSWORD, one_time_code(editor)) == 302
    )


def test_a_password_alone_lets_nobody_in(ours: Side):
    make_editor("eeva", ours.organisation)
    client = Client()

    assert log_in(client, "eeva", PASSWORD) == 200
    assert log_in(client, "eeva", PASSWORD, "000000") == 200
    assert client.get(INDEX).status_code == 302


def test_the_right_code_lets_the_editor_in(ours: Side):
    editor = make_editor("eeva", ours.organisation)
    client = Client()

    assert log_in(client, "eeva", PASSWORD, one_time_code(editor)) == 302
    assert client.get(INDEX).status_code == 200


def wrong_login_message(response) -> str:
    """The one message every wrong login gets, in the language the page is in."""
    with translation.override(response["Content-Language"]):
        return gettext(
            "The username, password or one-time code is not right. Enter the code your "
            "authenticator app shows now. If no app is set up for you yet, an administrator "
            "of the portal sets one up with you."
        )


def test_a_wrong_code_is_answered_as_a_wrong_password_is(ours: Side):
    """Byte for byte, but the form's token: the page must not tell which password was right
    (nor show it again, nor list the person's devices)."""
    editor = make_editor("eeva", ours.organisation)
    wrong = "000000" if one_time_code(editor) != "000000" else "111111"
    client = Client()

    answers = [
        client.post(LOGIN, {"username": "eeva", "password": password, "otp_token": code})
        for password, code in [("guess", wrong), (PASSWORD, wrong), (PASSWORD, "")]
    ]

    pages = [
        re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", answer.content.decode())
        for answer in answers
    ]
    assert wrong_login_message(answers[0]) in html.unescape(pages[0])
    assert pages[1] == pages[0]
    assert pages[2] == pages[0]
    assert PASSWORD not in pages[1]


def test_someone_without_an_authenticator_app_is_told_who_sets_one_up(ours: Side):
    make_editor("eeva", ours.organisation)
    response = Client().post(
        LOGIN, {"username": "eeva", "password": PASSWORD, "otp_token": "123456"}
    )
    assert wrong_login_message(response) in html.unescape(response.content.decode())


def test_wrong_codes_after_the_right_password_count_toward_the_lockout(ours: Side):
    editor = make_editor("eeva", ours.organisation)
    wrong = "000000" if one_time_code(editor) != "000000" else "111111"
    attacker = Client(REMOTE_ADDR="203.0.113.9")

    answers = [log_in(attacker, "eeva", PASSWORD, wrong) for _ in range(6)]

    assert answers[:4] == [200] * 4
    assert answers[5] == 429
    assert log_in(attacker, "eeva", PASSWORD, one_time_code(editor)) == 429
    # From her own address, once the wait django-otp puts on her app after wrong codes is
    # over, the editor logs in with her code.
    TOTPDevice.objects.filter(user=editor).update(
        throttling_failure_timestamp=timezone.now() - datetime.timedelta(days=1)
    )
    assert (
        log_in(Client(REMOTE_ADDR="198.51.100.4"), "eeva", PASSWORD, one_time_code(editor)) == 302
    )


def test_a_session_without_the_code_does_not_reach_admin(ours: Side):
    client = Client()
    client.force_login(make_editor("eeva", ours.organisation))  # the password's half alone
    assert client.get(INDEX).status_code == 302
    assert client.get(reverse("admin:forums_registration_changelist")).status_code == 302


def test_a_superuser_sets_up_a_new_app_for_someone_who_lost_theirs(ours: Side):
    editor = make_editor("eeva", ours.organisation)
    lost = authenticator(editor)

    out = io.StringIO()
    call_command("enrol_totp", "eeva", stdout=out)

    assert not TOTPDevice.objects.filter(pk=lost.pk).exists()
    new = TOTPDevice.objects.get(user=editor)
    assert new.config_url in out.getvalue()
    assert log_in(Client(), "eeva", PASSWORD, one_time_code(editor)) == 302


# --- Admin's own addresses reach no further than its pages.


def test_view_on_site_does_not_reveal_another_organisations_unpublished_project(
    ours: Side, theirs: Side
):
    Project.objects.filter(pk=theirs.project.pk).update(is_published=False, slug="salainen")
    client = staff_login(Client(), make_editor("eeva", ours.organisation))
    project_type = ContentType.objects.get_for_model(Project)

    theirs_answer = client.get(f"/admin/r/{project_type.pk}/{theirs.project.pk}/")
    ours_answer = client.get(f"/admin/r/{project_type.pk}/{ours.project.pk}/")

    assert theirs_answer.status_code == 404
    assert "salainen" not in theirs_answer.get("Location", "")
    assert ours_answer.status_code == 302
    assert ours.project.slug in ours_answer["Location"]


def test_a_stranger_to_admin_is_sent_to_log_in_from_view_on_site(ours: Side):
    project_type = ContentType.objects.get_for_model(Project)
    answer = Client().get(f"/admin/r/{project_type.pk}/{ours.project.pk}/")
    assert answer.status_code == 302
    assert answer["Location"].startswith(LOGIN)


@pytest.mark.parametrize(
    "query",
    [
        "app_label=forums&model_name=outboundemail&field_name=invitation",
        "app_label=forums&model_name=meeting&field_name=nothing",
        "app_label=nothing&model_name=meeting&field_name=forum",
        "model_name=meeting",
    ],
)
def test_autocomplete_refuses_what_is_not_a_forms_relation_field(admin_client, query):
    assert admin_client.get(f"/admin/autocomplete/?{query}").status_code == 403


def test_autocomplete_still_answers_a_forms_relation_field(admin_client, ours: Side):
    response = admin_client.get(
        "/admin/autocomplete/",
        {"app_label": "forums", "model_name": "meeting", "field_name": "forum", "term": ""},
    )
    assert response.status_code == 200
    assert str(ours.forum.pk) in {result["id"] for result in response.json()["results"]}


def test_superusers_are_asked_for_the_code_too(django_user_model):
    user: User = django_user_model.objects.create_superuser("admin", "a@example.org", PASSWORD)
    client = Client()
    assert log_in(client, "admin", PASSWORD) == 200
    assert log_in(client, "admin", PASSWORD, one_time_code(user)) == 302
