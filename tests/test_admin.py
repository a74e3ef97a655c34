"""The catalogue in Django admin, as editors use it."""

import pytest
from django.urls import reverse

from portal.roles import EDITORS, roles_sync
from projects.models import Implementer, Project
from projects.selectors import ProjectFilters, project_search
from projects.services import project_search_refresh

from .factories import KeywordFactory, OrganisationFactory, ProjectFactory
from .scoping_helpers import PROJECT_INLINES, project_form
from .sides import staff_login

pytestmark = pytest.mark.django_db


def test_project_admin_pages_render_with_language_tabs(admin_client):
    project = ProjectFactory(stated_phase="planned")  # its dates say ongoing
    changelist = admin_client.get(reverse("admin:projects_project_changelist"))
    assert changelist.status_code == 200
    assert "hankkeen ilmoittama:" in changelist.content.decode()
    change = admin_client.get(reverse("admin:projects_project_change", args=[project.pk]))
    html = change.content.decode()
    assert change.status_code == 200
    for field in ("id_name_fi", "id_name_sv", "id_name_en"):
        assert field in html
    for prefix in PROJECT_INLINES:
        assert f"id_{prefix}-TOTAL_FORMS" in html


def test_editor_creates_a_project_with_an_implementer(client, django_user_model):
    editor = django_user_model.objects.create_user("editor", password="a-long-pass-phrase")
    editor.is_staff = True
    editor.save()
    editor.groups.add(roles_sync()[EDITORS])
    staff_login(client, editor)
    organisation = OrganisationFactory(abbreviation="Sakky")
    organisation.editors.add(editor)
    data = {
        **project_form(
            "uusi-hanke",
            implementers=[
                {"organisation": str(organisation.pk), "role": "coordinator", "order": "0"}
            ],
        ),
        "name_sv": "Nytt projekt",
        "name_en": "New project",
        "is_published": "on",
        "start_date": "2018-10-17",
        "start_precision": "month",
        "end_date": "2020-08-05",
        "end_precision": "month",
    }
    response = client.post(reverse("admin:projects_project_add"), data)
    assert response.status_code == 302, response.content.decode()[:3000]
    project = Project.objects.get(slug="uusi-hanke")
    assert project.start_display == "10/2018"
    assert project.end_display == "08/2020"
    assert Implementer.objects.get(project=project).organisation == organisation
    assert list(project.maintainers.all()) == [organisation]
    assert client.get(project.get_absolute_url()).status_code == 200


def test_admin_refuses_an_end_before_the_start(admin_client):
    data = {
        **project_form("vaarat-paivat"),
        "name_fi": "Väärät päivät",
        "start_date": "2020-05-01",
        "end_date": "2019-05-01",
    }
    response = admin_client.post(reverse("admin:projects_project_add"), data)
    assert response.status_code == 200
    assert "Hanke ei voi päättyä ennen kuin se alkaa." in response.content.decode()
    assert not Project.objects.filter(slug="vaarat-paivat").exists()


@pytest.mark.postgres
def test_renaming_a_keyword_in_admin_refreshes_its_projects_search(admin_client):
    keyword = KeywordFactory.create(name="Vanhasana")
    project = ProjectFactory.create()
    project.keywords.add(keyword)
    project_search_refresh(project_ids=[project.pk])
    response = admin_client.post(
        reverse("admin:projects_keyword_change", args=[keyword.pk]), {"name": "Uusisana"}
    )
    assert response.status_code == 302
    found = project_search(ProjectFilters(q="Uusisana"))
    assert [p.pk for p in found] == [project.pk]
