"""Services: the search index they write, on either database."""

import pytest

from projects.models import ImplementerRole
from projects.selectors import ProjectFilters
from projects.services import organisation_search_refresh, project_search_refresh

from .factories import (
    FundingFactory,
    ImplementerFactory,
    KeywordFactory,
    OrganisationFactory,
    ProjectFactory,
)
from .search_helpers import _pks


def _found(text: str) -> set[int]:
    return _pks(ProjectFilters(q=text))


@pytest.mark.django_db
def test_project_search_refresh_indexes_acronym_keywords_and_organisations():
    project = ProjectFactory.create(acronym="VAMOS")
    project.keywords.add(KeywordFactory.create(name="OpiskeluVaria"))
    ImplementerFactory.create(
        project=project,
        organisation=OrganisationFactory.create(
            name_fi="Savonlinnan ammattiopisto", abbreviation="SAMI"
        ),
        role=ImplementerRole.ADMINISTRATOR,
    )
    FundingFactory.create(
        project=project, funder=OrganisationFactory.create(name_fi="Rahoitussäätiö")
    )
    other = ProjectFactory.create(acronym="OTHER")

    assert _found("VAMOS") == set()  # nothing is found before the refresh

    project_search_refresh(project_ids=[project.pk, other.pk])

    assert _found("VAMOS") == {project.pk}
    assert _found("vamos") == {project.pk}
    assert _found("OpiskeluVaria") == {project.pk}
    assert _found("Savonlinnan") == {project.pk}
    assert _found("SAMI") == {project.pk}
    assert _found("Rahoitussäätiö") == {project.pk}
    assert _found("OTHER") == {other.pk}


@pytest.mark.django_db
def test_project_search_refresh_indexes_every_funder_and_implementer():
    # Several rows per project must still give one search text (one row per subquery).
    project = ProjectFactory.create()
    for name in ("Ensimmäinen rahoittaja", "Toinen rahoittaja"):
        FundingFactory.create(project=project, funder=OrganisationFactory.create(name_fi=name))
    for name in ("Ensimmäinen toteuttaja", "Toinen toteuttaja"):
        ImplementerFactory.create(
            project=project, organisation=OrganisationFactory.create(name_fi=name)
        )
    project.keywords.add(KeywordFactory.create(name="Avain1"), KeywordFactory.create(name="Avain2"))

    project_search_refresh(project_ids=[project.pk])

    for word in ("Ensimmäinen", "Toinen", "rahoittaja", "toteuttaja", "Avain1", "Avain2"):
        assert _found(word) == {project.pk}


@pytest.mark.django_db
def test_project_search_refresh_only_touches_the_given_projects():
    refreshed = ProjectFactory.create(acronym="ALPHA2")
    untouched = ProjectFactory.create(acronym="BETA")

    project_search_refresh(project_ids=[refreshed.pk])

    assert _found("ALPHA2") == {refreshed.pk}
    assert _found("BETA") == set()
    assert untouched.pk not in _found("hanke")


@pytest.mark.django_db
def test_organisation_search_refresh_follows_a_renamed_organisation():
    organisation = OrganisationFactory.create(name_fi="Vanhanimiopisto")
    implemented = ImplementerFactory.create(organisation=organisation).project
    funded = FundingFactory.create(funder=organisation).project
    unrelated = ProjectFactory.create()
    project_search_refresh(project_ids=[implemented.pk, funded.pk, unrelated.pk])
    assert _found("Vanhanimiopisto") == {implemented.pk, funded.pk}

    organisation.name_fi = "Uusinimiopisto"
    organisation.save()
    assert _found("Uusinimiopisto") == set()  # stale until refreshed

    organisation_search_refresh(organisation_id=organisation.pk)

    assert _found("Uusinimiopisto") == {implemented.pk, funded.pk}
    assert _found("Vanhanimiopisto") == set()
