"""The listing's text search over the catalogue's identifiers, other names, programme tree and
municipalities: the same words find the same projects on SQLite (FTS5) and on PostgreSQL (the
stored search vector)."""

import pytest
from django.urls import reverse

from projects.models import (
    IdentifierScheme,
    Municipality,
    Programme,
    ProgrammeLevel,
)
from projects.selectors import ProjectFilters
from projects.services import programme_search_refresh, project_identifiers_add

from .factories import FundingFactory, ImplementerFactory, OrganisationFactory, ProjectFactory
from .search_helpers import _ordered, _pks, _refresh

pytestmark = pytest.mark.django_db


def _esf_objective() -> Programme:
    """Fund → programme → priority axis → specific objective, named in three languages."""
    fund = Programme.objects.create(
        slug="esr",
        level=ProgrammeLevel.FUND,
        name_fi="Euroopan sosiaalirahasto",
        name_sv="Europeiska socialfonden",
        name_en="European Social Fund",
    )
    programme = Programme.objects.create(
        slug="kestavaa-kasvua",
        level=ProgrammeLevel.PROGRAMME,
        parent=fund,
        name_fi="Kestävää kasvua ja työtä 2014–2020 – Suomen rakennerahasto-ohjelma",
        name_sv="Hållbar tillväxt och jobb 2014–2020 – Finlands strukturfondsprogram",
        name_en="Sustainable growth and jobs 2014–2020",
    )
    axis = Programme.objects.create(
        slug="tl-4",
        level=ProgrammeLevel.PRIORITY_AXIS,
        parent=programme,
        code="TL 4",
        name_fi="Koulutus, ammattitaito ja elinikäinen oppiminen",
        name_en="Education, skills and lifelong learning",
    )
    return Programme.objects.create(
        slug="9-1",
        level=ProgrammeLevel.SPECIFIC_OBJECTIVE,
        parent=axis,
        code="9.1",
        name_fi="Siirtymävaiheita tukevien palveluiden parantaminen",
        name_en="Improving services supporting transitions",
    )


def test_an_identifier_value_finds_its_project():
    coded = ProjectFactory.create()
    numbered = ProjectFactory.create()
    other = ProjectFactory.create()
    project_identifiers_add(project=coded, identifiers=[(IdentifierScheme.EURA2014, "S21485")])
    project_identifiers_add(
        project=numbered, identifiers=[(IdentifierScheme.GOVERNMENT_PROJECT, "OKM025:00/2022")]
    )
    _refresh(coded, numbered, other)

    assert _ordered(ProjectFilters(q="S21485")) == [coded.pk]
    assert _ordered(ProjectFilters(q="s21485")) == [coded.pk]
    assert _ordered(ProjectFilters(q="OKM025:00/2022")) == [numbered.pk]


def test_another_name_finds_the_project_on_any_of_its_lines():
    renamed = ProjectFactory.create(
        name_fi="INNOsta oppimiseen!",
        other_names="Vamos 2.aste -opintoihin kiinnittyminen\nPudokkuuden ehkäisy",
    )
    other = ProjectFactory.create(name_fi="Muu hanke")
    _refresh(renamed, other)

    assert _ordered(ProjectFilters(q="kiinnittyminen")) == [renamed.pk]
    assert _ordered(ProjectFilters(q="pudokkuuden")) == [renamed.pk]
    # Together with a word of the official name: every word is required, from either.
    assert _ordered(ProjectFilters(q="INNOsta pudokkuuden")) == [renamed.pk]


def test_the_names_of_a_fundings_programme_and_the_nodes_above_it_find_the_project():
    objective = _esf_objective()
    axis = objective.parent
    assert axis is not None
    under_objective = FundingFactory.create(programme=objective).project
    under_axis = FundingFactory.create(programme=axis).project
    unfunded = ProjectFactory.create()
    _refresh(under_objective, under_axis, unfunded)

    # The node itself, in each of its languages.
    assert _ordered(ProjectFilters(q="Siirtymävaiheita")) == [under_objective.pk]
    assert _ordered(ProjectFilters(q="transitions")) == [under_objective.pk]
    # The nodes above it: axis, programme and fund, in any language.
    assert _pks(ProjectFilters(q="elinikäinen")) == {under_objective.pk, under_axis.pk}
    assert _pks(ProjectFilters(q="strukturfondsprogram")) == {under_objective.pk, under_axis.pk}
    assert _pks(ProjectFilters(q="sosiaalirahasto")) == {under_objective.pk, under_axis.pk}
    assert _pks(ProjectFilters(q="socialfonden")) == {under_objective.pk, under_axis.pk}


def test_a_municipality_finds_the_projects_held_there_in_finnish_and_swedish():
    vantaa = Municipality.objects.get(name_fi="Vantaa")
    local = ProjectFactory.create()
    local.municipalities.add(vantaa)
    elsewhere = ProjectFactory.create()
    elsewhere.municipalities.add(Municipality.objects.get(name_fi="Kajaani"))
    _refresh(local, elsewhere)

    assert _ordered(ProjectFilters(q="Vantaa")) == [local.pk]
    assert _ordered(ProjectFilters(q="Vanda")) == [local.pk]
    assert _ordered(ProjectFilters(q="Kajana")) == [elsewhere.pk]


def test_an_organisation_that_only_maintains_the_record_does_not_find_it():
    keeper = OrganisationFactory.create(name_fi="Ylläpitäjäopisto", abbreviation="YLLÄ")
    maintained = ProjectFactory.create()
    maintained.maintainers.add(keeper)
    implemented = ImplementerFactory.create(organisation=keeper).project
    implemented.maintainers.add(keeper)
    _refresh(maintained, implemented)

    assert _ordered(ProjectFilters(q="Ylläpitäjäopisto")) == [implemented.pk]
    assert _ordered(ProjectFilters(q="YLLÄ")) == [implemented.pk]


def test_renaming_a_programme_node_refreshes_the_projects_funded_below_it():
    objective = _esf_objective()
    axis = objective.parent
    assert axis is not None
    funded = FundingFactory.create(programme=objective).project
    elsewhere = FundingFactory.create(
        programme=Programme.objects.create(
            slug="muu", level=ProgrammeLevel.PROGRAMME, name_fi="Muu ohjelma"
        )
    ).project
    _refresh(funded, elsewhere)

    axis.name_fi = "Osaaminen ja oppimispolut"
    axis.save()
    assert _pks(ProjectFilters(q="oppimispolut")) == set()  # stored vectors are stale

    programme_search_refresh(programme=axis)

    assert _pks(ProjectFilters(q="oppimispolut")) == {funded.pk}
    assert _pks(ProjectFilters(q="elinikäinen")) == set()
    # Both words only in the other programme's project ("ohjelma" is also in the fund's).
    assert _ordered(ProjectFilters(q="Muu ohjelma"))[0] == elsewhere.pk


def test_a_superuser_renaming_a_programme_in_admin_makes_its_projects_found_by_the_new_name(
    admin_client,
):
    objective = _esf_objective()
    funded = FundingFactory.create(programme=objective).project
    _refresh(funded)

    response = admin_client.post(
        reverse("admin:projects_programme_change", args=[objective.pk]),
        {
            "slug": objective.slug,
            "name_fi": "Oppimispolkujen tuki",
            "name_sv": "",
            "name_en": objective.name_en,
            "code": objective.code,
            "level": objective.level,
            "parent": str(objective.parent_id),
            "funding_body": "",
        },
    )

    assert response.status_code == 302, response.content.decode()[:2000]
    assert _pks(ProjectFilters(q="oppimispolkujen")) == {funded.pk}
