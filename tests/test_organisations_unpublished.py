"""An organisation the importer proposes waits unpublished with its draft project: no public
page, no place in the API, the sitemap or the funders' filter, until it is published."""

import pytest
from django.urls import reverse

from projects.models import Project

from .admin_helpers import _project_data
from .api_helpers import get, slugs
from .factories import FundingFactory, OrganisationFactory, ProjectFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def waiting():
    organisation = OrganisationFactory(
        slug="uusi-toimija", name_fi="Uusi toimija", is_published=False
    )
    FundingFactory(funder=organisation, project=ProjectFactory(is_published=True))
    return organisation


def test_its_page_is_not_found_until_it_is_published(client, waiting):
    address = reverse("projects:organisation", args=[waiting.slug])
    assert client.get(address).status_code == 404
    waiting.is_published = True
    waiting.save()
    assert client.get(address).status_code == 200


def test_the_api_lists_and_shows_published_organisations_only(client, waiting):
    OrganisationFactory(slug="julkinen")
    assert slugs(client, "organisations") == ["julkinen"]
    assert get(client, f"organisations/{waiting.slug}/").status_code == 404
    assert waiting.slug not in slugs(client, "funders")


def test_the_sitemap_leaves_it_out(client, waiting):
    sitemap = client.get("/sitemap-organisations.xml")
    assert sitemap.status_code == 200
    assert waiting.slug not in sitemap.content.decode()


def test_a_published_parent_does_not_list_a_waiting_unit(client, waiting):
    parent = OrganisationFactory(slug="emo", name_fi="Emo-organisaatio")
    waiting.parent = parent
    waiting.save()
    html = client.get(reverse("projects:organisation", args=[parent.slug])).content.decode()
    assert "Emo-organisaatio" in html
    assert "Uusi toimija" not in html


def test_publishing_a_project_in_admin_publishes_the_organisations_it_names(
    editor_client, ours, waiting
):
    data = _project_data("luonnos", [waiting])
    response = editor_client.post(reverse("admin:projects_project_add"), data)
    assert response.status_code == 302
    waiting.refresh_from_db()
    assert waiting.is_published is False  # saved as a draft: the organisation waits with it

    project = Project.objects.get(slug="luonnos")
    data = _project_data("luonnos", [])
    data.update(
        {
            "is_published": "on",
            "implementers-TOTAL_FORMS": "1",
            "implementers-INITIAL_FORMS": "1",
            "implementers-0-id": str(project.implementers.get().pk),
            "implementers-0-project": str(project.pk),
            "implementers-0-organisation": str(waiting.pk),
            "implementers-0-role": "partner",
            "implementers-0-order": "0",
        }
    )
    response = editor_client.post(reverse("admin:projects_project_change", args=[project.pk]), data)
    assert response.status_code == 302
    waiting.refresh_from_db()
    assert waiting.is_published is True
    assert client_sees(editor_client, waiting)


def client_sees(client, organisation) -> bool:
    return client.get(reverse("projects:organisation", args=[organisation.slug])).status_code == 200
