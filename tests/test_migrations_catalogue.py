"""Migrations 0006 to 0009 carry the old catalogue into the new one and back: EURA codes become
identifier rows of their programme period's scheme, programme texts become programme nodes,
implementers become the maintainers of their projects' records, and the municipalities are
loaded. The data is written with the historical models of 0005, as it was before."""

from collections.abc import Iterator
from typing import Any

import pytest
from django.apps.registry import Apps
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils.text import slugify

from projects.models import (
    Funding,
    Municipality,
    Programme,
    ProgrammeLevel,
    Project,
    ProjectIdentifier,
    Region,
)

# transaction=True: migrations change the schema, which a test's transaction cannot hold.
# serialized_rollback: the flush afterwards would otherwise take the regions, municipalities
# and languages of the data migrations from the tests that follow.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

BEFORE = [("projects", "0005_listing_indexes")]

ESF_FI = "Kestävää kasvua ja työtä 2014–2020"
ESF_SV = "Hållbar tillväxt och jobb 2014–2020"
ESF_EN = "Sustainable growth and jobs 2014–2020"
OPH_FI = "Oikeus oppia -kehittämisohjelma"


def migrate(targets: list[tuple[str, str]]) -> Apps:
    """Migrate the database to the targets and return the models as they were there."""
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    executor.loader.build_graph()  # the graph again, with what is applied now
    return executor.loader.project_state(targets).apps


def latest() -> list[tuple[str, str]]:
    return MigrationExecutor(connection).loader.graph.leaf_nodes()


@pytest.fixture
def old_apps() -> Iterator[Apps]:
    """The models of 0005 on a database migrated back to it; whatever the test does, the
    database is migrated to the latest state again before it is flushed."""
    try:
        yield migrate(BEFORE)
    finally:
        migrate(latest())


def old_catalogue(apps: Apps) -> dict[str, Any]:
    """Four projects as the old model kept them: one EURA code of each programme period and
    one without; fundings with programme texts (two the same, one only in Finnish, one
    none); implementers, one organisation in two roles of the same project."""
    Region_ = apps.get_model("projects", "Region")
    Organisation = apps.get_model("projects", "Organisation")
    Project_ = apps.get_model("projects", "Project")
    Funding_ = apps.get_model("projects", "Funding")
    Implementer = apps.get_model("projects", "Implementer")

    uusimaa = Region_.objects.get(slug="uusimaa")

    def organisation(slug: str, name: str) -> Any:
        return Organisation.objects.create(
            slug=slug, name=name, name_fi=name, kind="education_provider", region=uusimaa
        )

    omnia = organisation("omnia", "Omnia")
    sakky = organisation("sakky", "Savon koulutuskuntayhtymä")
    esr = organisation("esr", "Euroopan sosiaalirahasto")
    oph = organisation("oph", "Opetushallitus")

    def project(slug: str, eura_code: str) -> Any:
        return Project_.objects.create(
            slug=slug, name=slug, name_fi=slug, eura_code=eura_code, is_published=True
        )

    projects = {
        "2007": project("vanha", "S10783"),
        "2014": project("keskella", "S21485"),
        "2021": project("uusi", "S30245"),
        "none": project("koodeton", ""),
    }

    def funding(project: Any, funder: Any, fi: str | None, sv: str | None, en: str | None) -> Any:
        return Funding_.objects.create(
            project=project,
            funder=funder,
            programme=fi or "",
            programme_fi=fi,
            programme_sv=sv,
            programme_en=en,
        )

    fundings = {
        "esf_2014": funding(projects["2014"], esr, ESF_FI, ESF_SV, ESF_EN),
        "esf_2007": funding(projects["2007"], esr, ESF_FI, ESF_SV, ESF_EN),
        "fi_only": funding(projects["2021"], oph, OPH_FI, None, ""),
        "none": funding(projects["none"], oph, None, None, None),
    }

    for project_key, org, role in [
        ("2014", omnia, "administrator"),
        ("2014", omnia, "coordinator"),
        ("2014", sakky, "partner"),
        ("2007", sakky, "co_implementer"),
        ("none", omnia, "organiser"),
    ]:
        Implementer.objects.create(project=projects[project_key], organisation=org, role=role)

    return {
        "projects": {key: p.pk for key, p in projects.items()},
        "fundings": {key: f.pk for key, f in fundings.items()},
        "omnia": omnia.pk,
        "sakky": sakky.pk,
    }


def test_the_old_catalogue_is_carried_over_and_back(old_apps):
    old = old_catalogue(old_apps)
    projects, fundings = old["projects"], old["fundings"]
    omnia, sakky = old["omnia"], old["sakky"]

    migrate(latest())

    # Each EURA code is an identifier of its programme period's scheme; none is lost.
    identifiers = set(ProjectIdentifier.objects.values_list("project_id", "scheme", "value"))
    assert identifiers == {
        (projects["2007"], "eura2007", "S10783"),
        (projects["2014"], "eura2014", "S21485"),
        (projects["2021"], "eura2021", "S30245"),
    }
    for identifier in ProjectIdentifier.objects.all():
        identifier.full_clean()  # what was carried over is valid in the new model

    # One programme node per distinct text, named in the languages the text had.
    assert Programme.objects.count() == 2
    esf = Funding.objects.get(pk=fundings["esf_2014"]).programme
    assert esf is not None
    assert Funding.objects.get(pk=fundings["esf_2007"]).programme == esf
    assert (esf.name_fi, esf.name_sv, esf.name_en) == (ESF_FI, ESF_SV, ESF_EN)
    assert esf.level == ProgrammeLevel.PROGRAMME
    assert esf.parent is None
    assert esf.slug == slugify(ESF_FI)
    oph_programme = Funding.objects.get(pk=fundings["fi_only"]).programme
    assert oph_programme is not None
    assert oph_programme != esf
    assert oph_programme.name_fi == OPH_FI
    assert not oph_programme.name_sv
    assert not oph_programme.name_en
    assert Funding.objects.get(pk=fundings["none"]).programme is None
    for node in Programme.objects.all():
        node.full_clean()

    # Every implementing organisation maintains the record, once, whatever its roles.
    maintainers = set(
        Project.maintainers.through.objects.values_list("project_id", "organisation_id")
    )
    assert maintainers == {
        (projects["2014"], omnia),
        (projects["2014"], sakky),
        (projects["2007"], sakky),
        (projects["none"], omnia),
    }
    # ... so its editors keep the projects they could edit before.
    editable = set(Project.objects.of_organisations([omnia]).values_list("pk", flat=True))
    assert editable == {projects["2014"], projects["none"]}

    # The municipalities of Statistics Finland's classification, each in its region.
    assert Municipality.objects.count() == 308
    assert Municipality.objects.values("code").distinct().count() == 308
    vantaa = Municipality.objects.get(name_fi="Vantaa")
    assert (vantaa.code, vantaa.region.slug) == ("092", "uusimaa")
    assert Municipality.objects.get(name_fi="Vöyri").name_sv == "Vörå"
    assert Municipality.objects.get(name_fi="Helsinki").name_sv == "Helsingfors"
    assert not Municipality.objects.filter(name_sv="").exists()
    assert not Region.objects.filter(municipalities=None).exists()

    # And back: the EURA codes and the programme texts return to their old fields.
    apps = migrate(BEFORE)
    assert "projects_projectidentifier" not in connection.introspection.table_names()
    codes = dict(apps.get_model("projects", "Project").objects.values_list("pk", "eura_code"))
    assert codes == {
        projects["2007"]: "S10783",
        projects["2014"]: "S21485",
        projects["2021"]: "S30245",
        projects["none"]: "",
    }
    texts = {
        funding.pk: (
            funding.programme_fi or "",
            funding.programme_sv or "",
            funding.programme_en or "",
        )
        for funding in apps.get_model("projects", "Funding").objects.all()
    }
    assert texts == {
        fundings["esf_2014"]: (ESF_FI, ESF_SV, ESF_EN),
        fundings["esf_2007"]: (ESF_FI, ESF_SV, ESF_EN),
        fundings["fi_only"]: (OPH_FI, "", ""),
        fundings["none"]: ("", "", ""),
    }
    implementers = apps.get_model("projects", "Implementer").objects.count()
    assert implementers == 5


def test_a_code_two_projects_share_stops_the_migration_instead_of_being_dropped(old_apps):
    """Two old projects with one EURA code are one project entered twice: the migration names
    them and stops, so that someone decides, rather than keeping one code and losing the
    other."""
    Project_ = old_apps.get_model("projects", "Project")
    for slug in ("ensimmainen", "toinen"):
        Project_.objects.create(slug=slug, name=slug, name_fi=slug, eura_code="S21485")

    with pytest.raises(RuntimeError, match="ensimmainen and toinen share the EURA code S21485"):
        migrate(latest())

    Project_.objects.filter(slug="toinen").update(eura_code="S21486")
    new_apps = migrate(latest())
    identifiers = new_apps.get_model("projects", "ProjectIdentifier").objects
    assert set(identifiers.values_list("project__slug", "value")) == {
        ("ensimmainen", "S21485"),
        ("toinen", "S21486"),
    }
