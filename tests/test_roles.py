"""Staff roles through the real groups: the Editors group holds exactly what an editor needs,
and a person's data is exported and erased only by the Data protection role, never by an
editor, whichever organisation the person's registrations belong to."""

import json

import pytest
from django.contrib.auth.models import Group, Permission, User
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from forums.models import Invitee, Registration
from portal.roles import DATA_PROTECTION, EDITORS, roles_sync
from projects.models import Keyword, Theme

from .sides import Side, make_editor, staff_login

pytestmark = pytest.mark.django_db

PAGE = reverse("admin_personal_data")

# Every permission an editor has, and no other: a new one is a decision, made here too.
EDITOR_PERMISSIONS = {
    "projects.add_project",
    "projects.change_project",
    "projects.delete_project",
    "projects.view_project",
    "projects.add_projectidentifier",
    "projects.change_projectidentifier",
    "projects.delete_projectidentifier",
    "projects.view_projectidentifier",
    "projects.add_implementer",
    "projects.change_implementer",
    "projects.delete_implementer",
    "projects.view_implementer",
    "projects.add_funding",
    "projects.change_funding",
    "projects.delete_funding",
    "projects.view_funding",
    "projects.add_contact",
    "projects.change_contact",
    "projects.delete_contact",
    "projects.view_contact",
    "projects.add_projectrelation",
    "projects.change_projectrelation",
    "projects.delete_projectrelation",
    "projects.view_projectrelation",
    "projects.add_projectlink",
    "projects.change_projectlink",
    "projects.delete_projectlink",
    "projects.view_projectlink",
    "projects.add_projectevent",
    "projects.change_projectevent",
    "projects.delete_projectevent",
    "projects.view_projectevent",
    "projects.add_organisation",
    "projects.change_organisation",
    "projects.view_organisation",
    "projects.add_keyword",
    "projects.view_keyword",
    "projects.view_theme",
    "projects.view_region",
    "projects.view_municipality",
    "projects.view_programme",
    "forums.add_forum",
    "forums.change_forum",
    "forums.delete_forum",
    "forums.view_forum",
    "forums.add_meeting",
    "forums.change_meeting",
    "forums.delete_meeting",
    "forums.view_meeting",
    "forums.add_groupquota",
    "forums.change_groupquota",
    "forums.delete_groupquota",
    "forums.view_groupquota",
    "forums.add_walkin",
    "forums.change_walkin",
    "forums.delete_walkin",
    "forums.view_walkin",
    "forums.add_outreachchannel",
    "forums.change_outreachchannel",
    "forums.delete_outreachchannel",
    "forums.view_outreachchannel",
    "forums.change_registration",
    "forums.view_registration",
    "forums.add_invitee",
    "forums.change_invitee",
    "forums.delete_invitee",
    "forums.view_invitee",
    "forums.view_invitation",
    "forums.add_invitationtext",
    "forums.change_invitationtext",
    "forums.delete_invitationtext",
    "forums.view_invitationtext",
    "forums.view_outboundemail",
    "forums.view_language",
    "forums.view_stakeholdergroup",
}


def held(group: Group) -> set[str]:
    return {
        f"{app_label}.{codename}"
        for app_label, codename in group.permissions.values_list(
            "content_type__app_label", "codename"
        )
    }


def test_the_editors_group_holds_exactly_an_editors_permissions():
    assert held(Group.objects.get(name=EDITORS)) == EDITOR_PERMISSIONS


def test_the_data_protection_group_holds_the_personal_data_permission_alone():
    assert held(Group.objects.get(name=DATA_PROTECTION)) == {"forums.manage_personal_data"}


def test_a_permission_added_to_a_group_by_hand_does_not_last_a_migrate():
    editors = Group.objects.get(name=EDITORS)
    editors.permissions.add(Permission.objects.get(codename="manage_personal_data"))
    editors.permissions.remove(Permission.objects.get(codename="change_project"))

    call_command("migrate", verbosity=0)

    assert held(Group.objects.get(name=EDITORS)) == EDITOR_PERMISSIONS


def test_running_the_sync_again_changes_nothing():
    first = roles_sync()
    second = roles_sync()
    assert {role: group.pk for role, group in first.items()} == {
        role: group.pk for role, group in second.items()
    }
    assert held(second[EDITORS]) == EDITOR_PERMISSIONS


# --- An editor of one organisation against another organisation's people ----------------


@pytest.fixture
def attacker(ours: Side) -> Client:
    """An editor of "our" organisation, through the Editors group, as the attack was made."""
    client = Client()
    staff_login(client, make_editor("attacker", ours.organisation))
    return client


def test_an_editor_cannot_open_the_personal_data_page(attacker, theirs):
    assert attacker.get(PAGE).status_code == 403
    for step in ("find", "export", "confirm", "erase"):
        response = attacker.post(PAGE, {"step": step, "email": theirs.registration.email})
        assert response.status_code == 403, step
    theirs.registration.refresh_from_db()
    assert theirs.registration.email == "theirs@example.org"  # nothing erased


@pytest.mark.parametrize("model", ["registration", "invitee"])
def test_an_editor_gets_no_export_or_erase_action_even_for_their_own_people(
    attacker, ours, theirs, model
):
    changelist = reverse(f"admin:forums_{model}_changelist")
    offered = attacker.get(changelist).context_data["action_form"].fields["action"].choices
    assert not {"export_personal_data", "erase_personal_data"} & {name for name, _ in offered}

    own = ours.registration if model == "registration" else ours.invitee
    other = theirs.registration if model == "registration" else theirs.invitee
    for action in ("export_personal_data", "erase_personal_data"):
        response = attacker.post(
            changelist,
            {"action": action, "_selected_action": [own.pk, other.pk], "confirm": "yes"},
        )
        assert "attachment" not in response.get("Content-Disposition", "")
    assert Registration.objects.filter(pk=theirs.registration.pk, email__contains="@").exists()
    assert Invitee.objects.filter(pk=theirs.invitee.pk).exists()


def test_the_data_protection_role_answers_a_persons_request_across_organisations(theirs):
    officer = User.objects.create_user("tietosuoja", password="a-long-pass-phrase", is_staff=True)
    officer.groups.add(Group.objects.get(name=DATA_PROTECTION))
    client = Client()
    staff_login(client, officer)

    download = client.post(PAGE, {"step": "export", "email": theirs.registration.email})
    (person,) = json.loads(download.content)["people"]
    assert [row["name"] for row in person["registrations"]] == ["Heidän Henkilö"]

    client.post(PAGE, {"step": "erase", "email": theirs.registration.email})
    theirs.registration.refresh_from_db()
    assert theirs.registration.email == ""


# --- Shared vocabularies are changed by superusers.


def test_an_editor_adds_a_keyword_but_changes_no_shared_vocabulary(attacker):
    theme = Theme.objects.create(slug="osallisuus", name_fi="Osallisuus")
    keyword = Keyword.objects.create(name="ohjaus")

    added = attacker.post(reverse("admin:projects_keyword_add"), {"name": "uusi sana"})
    assert added.status_code == 302
    for page in (
        reverse("admin:projects_theme_change", args=[theme.pk]),
        reverse("admin:projects_keyword_change", args=[keyword.pk]),
    ):
        attacker.post(page, {"name": "vaihdettu", "name_fi": "vaihdettu", "slug": "vaihdettu"})
    for page in (
        reverse("admin:projects_theme_delete", args=[theme.pk]),
        reverse("admin:projects_keyword_delete", args=[keyword.pk]),
    ):
        assert attacker.post(page, {"post": "yes"}).status_code == 403

    theme.refresh_from_db()
    keyword.refresh_from_db()
    assert (theme.name_fi, keyword.name) == ("Osallisuus", "ohjaus")
    assert Keyword.objects.filter(name="uusi sana").exists()
