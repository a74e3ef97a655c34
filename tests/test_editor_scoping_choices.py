"""What an editor may choose in admin: autocomplete offers only their own projects and
forums (but every published project and every organisation), and a foreign key refuses
another organisation's project or forum."""

import pytest

from forums.models import Forum

from .admin_helpers import _change_data
from .factories import ProjectFactory
from .scoping_helpers import autocomplete, url

pytestmark = pytest.mark.django_db


def test_autocomplete_offers_only_the_editors_projects_and_forums(ours, theirs, editor_client):
    assert autocomplete(editor_client, "forums", "forum", "project") == {str(ours.project.pk)}
    assert autocomplete(editor_client, "forums", "meeting", "forum") == {str(ours.forum.pk)}


def test_autocomplete_of_a_related_project_offers_published_projects(ours, theirs, editor_client):
    """A network's member projects belong to other organisations; their names are public."""
    hidden = ProjectFactory.create(is_published=False)
    hidden.maintainers.add(theirs.organisation)
    found = autocomplete(editor_client, "projects", "projectrelation", "to_project")
    assert {str(ours.project.pk), str(theirs.project.pk)} <= found
    assert str(hidden.pk) not in found


def test_autocomplete_of_organisations_offers_all(ours, theirs, editor_client):
    found = autocomplete(editor_client, "projects", "implementer", "organisation")
    assert {str(ours.organisation.pk), str(theirs.organisation.pk)} <= found


def choices(response, field: str) -> set[int]:
    assert response.status_code == 200
    return {obj.pk for obj in response.context["adminform"].form.fields[field].queryset}


def test_foreign_key_choices_are_the_editors_own(ours, theirs, editor_client):
    assert choices(editor_client.get(url("forums.forum", "add")), "project") == {ours.project.pk}
    assert choices(editor_client.get(url("forums.meeting", "add")), "forum") == {ours.forum.pk}
    assert choices(editor_client.get(url("forums.invitee", "add")), "kept_by") == {
        ours.organisation.pk
    }


def test_another_organisations_project_is_refused_as_a_forums_project(ours, theirs, editor_client):
    response = editor_client.post(
        url("forums.forum", "add"),
        {"name_fi": "Uusi foorumi", "slug": "uusi-foorumi", "project": theirs.project.pk},
    )
    assert response.status_code == 200
    assert "project" in response.context["adminform"].form.errors
    assert not Forum.objects.filter(slug="uusi-foorumi").exists()


def test_another_organisations_forum_is_refused_as_a_meetings_forum(ours, theirs, editor_client):
    response = editor_client.post(
        url("forums.meeting", "change", ours.meeting.pk),
        _change_data(ours.meeting, forum=theirs.forum.pk),
    )
    assert response.status_code == 200
    assert "forum" in response.context["adminform"].form.errors
    ours.meeting.refresh_from_db()
    assert ours.meeting.forum_id == ours.forum.pk
