"""The vocabulary that prefixes, typos and "did you mean" are matched against: the words of
published projects only (a suggestion must not reveal an unpublished draft), and rebuilt
from every project by `manage.py search_index_rebuild`."""

import io

import pytest
from django.core.management import call_command
from django.db.models.signals import post_delete, post_save

from projects.models import Project, SearchTerm
from projects.search.query import search_plan, suggestion
from projects.selectors import ProjectFilters, project_search
from projects.services import project_search_refresh

from .factories import ProjectFactory
from .search_helpers import _pks, _refresh

pytestmark = pytest.mark.django_db


def _vocabulary() -> set[str]:
    return set(SearchTerm.objects.values_list("term", flat=True))


def test_the_vocabulary_holds_published_projects_terms_only():
    published = ProjectFactory.create(summary_fi="Kielikylpyopetusta perheille.")
    draft = ProjectFactory.create(is_published=False, summary_fi="Kvanttiteleportaatiokokeilu.")
    _refresh(published, draft)

    vocabulary = _vocabulary()
    assert {"kielikylpyopetusta", "perhe", "perheille"} <= vocabulary
    assert not {term for term in vocabulary if term.startswith("kvantti")}


def test_a_drafts_word_is_never_suggested_nor_corrected_to():
    draft = ProjectFactory.create(is_published=False, summary_fi="Kvanttiteleportaatiokokeilu.")
    published = ProjectFactory.create(summary_fi="Robotiikkaa kouluihin.")
    _refresh(draft, published)

    for typed in ["kvanttiteleportaatiokokeilo", "kvanttiteleportaatiokokeil", "kvanttitele"]:
        plan = search_plan(typed)
        assert plan.corrections == []
        assert plan.prefixes == ()
        assert suggestion(plan) == ""
        assert _pks(ProjectFilters(q=typed)) == set()
    # A published project's word one letter off is corrected to, as the test above would be.
    assert search_plan("robtoiikkaa").corrections == [("robtoiikkaa", "robotiikkaa")]


def test_publishing_a_draft_adds_its_words():
    draft = ProjectFactory.create(is_published=False, summary_fi="Kvanttiteleportaatiokokeilu.")
    _refresh(draft)
    assert "kvanttiteleportaatiokokeilu" not in _vocabulary()

    Project.objects.filter(pk=draft.pk).update(is_published=True)
    _refresh(draft)

    assert "kvanttiteleportaatiokokeilu" in _vocabulary()
    assert search_plan("kvanttiteleportaatiokokeilo").corrections == [
        ("kvanttiteleportaatiokokeilo", "kvanttiteleportaatiokokeilu")
    ]


def _rebuild() -> str:
    out = io.StringIO()
    call_command("search_index_rebuild", stdout=out)
    return out.getvalue()


def test_the_rebuild_indexes_every_project_and_says_so():
    projects = [ProjectFactory.create(summary_fi=f"Sanasto{n} kokeilu.") for n in range(3)]
    ProjectFactory.create(is_published=False, summary_fi="Luonnossana.")
    assert _pks(ProjectFilters(q="sanasto1")) == set()  # never indexed

    output = _rebuild()

    assert "Finnish analysed by libvoikko." in output
    assert "4/4 projects indexed" in output
    assert "4 projects indexed in" in output
    assert _pks(ProjectFilters(q="sanasto1")) == {projects[1].pk}
    assert _pks(ProjectFilters(q="kokeilu")) == {project.pk for project in projects}
    assert "luonnossana" not in _vocabulary()


def test_the_rebuild_drops_the_words_of_an_unpublished_project():
    kept = ProjectFactory.create(summary_fi="Pysyväsana kaikille.")
    unpublished = ProjectFactory.create(summary_fi="Poistuvasana kaikille.")
    project_search_refresh(project_ids=[kept.pk, unpublished.pk])
    Project.objects.filter(pk=unpublished.pk).update(is_published=False)
    project_search_refresh(project_ids=[unpublished.pk])
    # Until the rebuild the vocabulary still holds the word (it only grows between rebuilds).
    assert "poistuvasana" in _vocabulary()

    _rebuild()

    assert "poistuvasana" not in _vocabulary()
    assert {"pysyväsana", "kaikille"} <= _vocabulary()
    assert suggestion(search_plan("poistuvasanaa")) != "poistuvasana"
    assert search_plan("poistuvasanaa").corrections == []


def test_the_rebuild_drops_the_words_of_a_deleted_project():
    kept = ProjectFactory.create(summary_fi="Pysyväsana kaikille.")
    deleted = ProjectFactory.create(summary_fi="Poistettusana kaikille.")
    _refresh(kept, deleted)
    deleted.delete()
    assert "poistettusana" in _vocabulary()

    _rebuild()

    assert "poistettusana" not in _vocabulary()
    assert "pysyväsana" in _vocabulary()
    assert _pks(ProjectFilters(q="kaikille")) == {kept.pk}


def test_a_number_is_never_taken_for_a_typo_of_another():
    project = ProjectFactory.create(summary_fi="Kokeilu vuonna 2014.")
    project_search_refresh(project_ids=[project.pk])
    assert SearchTerm.objects.filter(term="2014").exists()

    plan = search_plan("2024")

    assert plan.corrections == []
    assert [word.known for word in plan.words] == [False]
    assert suggestion(plan) == ""
    assert list(project_search(ProjectFilters(q="2024"))) == []


def test_the_vocabulary_sends_no_content_signals():
    # A rebuild deletes and writes tens of thousands of terms: no page changes with them, so
    # none may raise the content version row by row (portal.apps.PUBLIC_MODELS_EXCLUDED).
    assert not post_delete.has_listeners(SearchTerm)
    assert not post_save.has_listeners(SearchTerm)


def test_migrating_a_catalogue_without_a_search_index_builds_it():
    project = ProjectFactory.create(name_fi="Tulkkauspolku")
    # As after migrating a database from before this search: no vocabulary, no index.
    SearchTerm.objects.all().delete()
    assert list(project_search(ProjectFilters(q="tulkkauspolku"))) == []

    call_command("migrate", verbosity=0)

    assert [found.pk for found in project_search(ProjectFilters(q="tulkkauspolku"))] == [project.pk]
    assert SearchTerm.objects.filter(term="tulkkauspolku").exists()
