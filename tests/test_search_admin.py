"""Renaming what classifies projects (a theme, a region, a keyword) in admin refreshes the
search text of the projects it classifies, and of those only: a superuser keeps these rows,
and a visitor finds the projects by the new name at once."""

import pytest
from django.urls import reverse

from projects.models import Keyword, Region, Theme
from projects.selectors import ProjectFilters

from .factories import ProjectFactory, ThemeFactory, region
from .search_helpers import _pks, _refresh

pytestmark = pytest.mark.django_db


def _post(admin_client, name: str, pk: int, data: dict[str, str]) -> None:
    response = admin_client.post(reverse(f"admin:projects_{name}_change", args=[pk]), data)
    assert response.status_code == 302, response.content.decode()[:2000]


def test_renaming_a_theme_makes_its_projects_found_by_the_new_name(admin_client):
    theme = ThemeFactory.create(name_fi="Kestävyys", slug="kestavyys")
    themed, other = ProjectFactory.create(), ProjectFactory.create()
    themed.themes.add(theme)
    _refresh(themed, other)
    assert _pks(ProjectFilters(q="liikkuvuus")) == set()

    _post(
        admin_client,
        "theme",
        theme.pk,
        {"slug": "kestavyys", "name_fi": "Liikkuvuus", "name_sv": "Rörlighet", "name_en": ""},
    )

    assert _pks(ProjectFilters(q="liikkuvuutta")) == {themed.pk}
    assert _pks(ProjectFilters(q="rörlighet")) == {themed.pk}
    assert Theme.objects.get(pk=theme.pk).name_fi == "Liikkuvuus"
    # Only the projects it classifies, and no longer by the old name.
    assert _pks(ProjectFilters(q="kestävyys")) == set()


def test_renaming_a_region_makes_its_projects_found_by_the_new_name(admin_client):
    place = region("lappi")
    held_there, other = ProjectFactory.create(), ProjectFactory.create()
    held_there.regions.add(place)
    _refresh(held_there, other)

    _post(
        admin_client,
        "region",
        place.pk,
        {"code": place.code, "slug": place.slug, "name_fi": "Saamenmaa", "name_sv": "Sameland"},
    )

    assert Region.objects.get(pk=place.pk).name_fi == "Saamenmaa"
    assert _pks(ProjectFilters(q="Saamenmaalla")) == {held_there.pk}
    assert _pks(ProjectFilters(q="Sameland")) == {held_there.pk}


def test_renaming_a_keyword_makes_its_projects_found_by_the_new_name(admin_client):
    keyword = Keyword.objects.create(name="OpiskeluVaria")
    tagged, other = ProjectFactory.create(), ProjectFactory.create()
    tagged.keywords.add(keyword)
    _refresh(tagged, other)
    assert _pks(ProjectFilters(q="opiskeluvaria")) == {tagged.pk}

    _post(admin_client, "keyword", keyword.pk, {"name": "Oppimispolku"})

    assert _pks(ProjectFilters(q="oppimispolku")) == {tagged.pk}


def test_deleting_a_theme_leaves_its_projects_unfound_by_its_name(admin_client):
    theme = ThemeFactory.create(name_fi="Liikkuvuus", slug="liikkuvuus")
    themed, other = ProjectFactory.create(), ProjectFactory.create()
    themed.themes.add(theme)
    _refresh(themed, other)
    assert _pks(ProjectFilters(q="liikkuvuus")) == {themed.pk}

    response = admin_client.post(
        reverse("admin:projects_theme_delete", args=[theme.pk]), {"post": "yes"}
    )

    assert response.status_code == 302
    assert not Theme.objects.filter(pk=theme.pk).exists()
    assert _pks(ProjectFilters(q="liikkuvuus")) == set()


def test_deleting_keywords_from_the_list_refreshes_their_projects(admin_client):
    keyword = Keyword.objects.create(name="Kielisuihkutus")
    tagged = ProjectFactory.create()
    tagged.keywords.add(keyword)
    _refresh(tagged)
    assert _pks(ProjectFilters(q="kielisuihkutus")) == {tagged.pk}

    response = admin_client.post(
        reverse("admin:projects_keyword_changelist"),
        {"action": "delete_selected", "_selected_action": [keyword.pk], "post": "yes"},
    )

    assert response.status_code == 302
    assert _pks(ProjectFilters(q="kielisuihkutus")) == set()
