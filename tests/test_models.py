"""The catalogue's rules in the database: its check and unique constraints hold even when
validation is bypassed. The other model rules are in tests/test_models_*.py."""

import datetime
from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction

from projects.dates import Precision
from projects.models import (
    Funding,
    Implementer,
    ImplementerRole,
    Organisation,
    Project,
    ProjectLink,
    ProjectRelation,
    ProjectStatus,
    RelationKind,
)

from .factories import (
    FundingFactory,
    ImplementerFactory,
    LinkFactory,
    OrganisationFactory,
    ProjectFactory,
    RelationFactory,
)

# --- Database constraints: each must hold even when validation is bypassed. ---


@pytest.mark.django_db
def test_project_cannot_end_before_it_starts_on_save():
    project = ProjectFactory.build(
        start_date=datetime.date(2020, 1, 2), end_date=datetime.date(2020, 1, 1)
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        project.save()
    assert not Project.objects.exists()


@pytest.mark.django_db
def test_project_cannot_end_before_it_starts_on_update():
    project = ProjectFactory.create(start_date=datetime.date(2020, 1, 2), end_date=None)
    with pytest.raises(IntegrityError), transaction.atomic():
        Project.objects.filter(pk=project.pk).update(end_date=datetime.date(2020, 1, 1))
    project.refresh_from_db()
    assert project.end_date is None


@pytest.mark.django_db
def test_project_may_start_and_end_on_the_same_day():
    day = datetime.date(2020, 1, 2)
    project = ProjectFactory.create(start_date=day, end_date=day)
    project.refresh_from_db()
    assert project.start_date == project.end_date == day


@pytest.mark.django_db
@pytest.mark.parametrize(
    "values",
    [
        {"start_precision": "week"},
        {"end_precision": "hour"},
        {"kind": "campaign"},
        {"stated_phase": "paused"},
        {"budget_min": Decimal("-1.00")},
        {"budget_min": None, "budget_max": Decimal("1000.00")},
        {"budget_min": Decimal("5000.00"), "budget_max": Decimal("4999.99")},
    ],
    ids=[
        "start-precision",
        "end-precision",
        "kind",
        "stated-phase",
        "negative-budget",
        "max-without-min",
        "max-below-min",
    ],
)
def test_project_check_constraints(values):
    project = ProjectFactory.create()
    with pytest.raises(IntegrityError), transaction.atomic():
        Project.objects.filter(pk=project.pk).update(**values)
    for name, value in values.items():
        setattr(project, name, value)
    with pytest.raises(IntegrityError), transaction.atomic():
        project.save()


@pytest.mark.django_db
@pytest.mark.parametrize(
    "values",
    [
        {"start_precision": Precision.YEAR, "end_precision": Precision.MONTH},
        {"kind": "network", "stated_phase": ProjectStatus.ENDED},
        {"stated_phase": ""},
        {"budget_min": Decimal("0.00"), "budget_max": None},
        {"budget_min": Decimal("5000.00"), "budget_max": Decimal("5000.00")},
        {"budget_min": Decimal("5000.00"), "budget_max": Decimal("9000.00")},
    ],
)
def test_project_valid_values_pass_the_constraints(values):
    project = ProjectFactory.create()
    assert Project.objects.filter(pk=project.pk).update(**values) == 1


@pytest.mark.django_db
def test_implementer_role_is_given_once_per_organisation():
    implementer = ImplementerFactory.create(role=ImplementerRole.ADMINISTRATOR)
    with pytest.raises(IntegrityError), transaction.atomic():
        Implementer.objects.create(
            project=implementer.project,
            organisation=implementer.organisation,
            role=ImplementerRole.ADMINISTRATOR,
        )
    assert Implementer.objects.count() == 1


@pytest.mark.django_db
def test_same_organisation_may_have_two_roles_in_a_project():
    implementer = ImplementerFactory.create(role=ImplementerRole.ADMINISTRATOR)
    Implementer.objects.create(
        project=implementer.project,
        organisation=implementer.organisation,
        role=ImplementerRole.COORDINATOR,
    )
    roles = set(
        Implementer.objects.filter(project=implementer.project).values_list("role", flat=True)
    )
    assert roles == {ImplementerRole.ADMINISTRATOR, ImplementerRole.COORDINATOR}


@pytest.mark.django_db
def test_same_organisation_and_role_in_two_projects_is_allowed():
    implementer = ImplementerFactory.create(role=ImplementerRole.PARTNER)
    other = ImplementerFactory.create(
        organisation=implementer.organisation, role=ImplementerRole.PARTNER
    )
    assert other.project != implementer.project
    assert Implementer.objects.filter(organisation=implementer.organisation).count() == 2


@pytest.mark.django_db
def test_implementer_role_must_be_a_known_role():
    implementer = ImplementerFactory.create()
    with pytest.raises(IntegrityError), transaction.atomic():
        Implementer.objects.filter(pk=implementer.pk).update(role="sponsor")


@pytest.mark.django_db
def test_funding_amount_cannot_be_negative():
    funding = FundingFactory.create(amount=Decimal("100.00"))
    with pytest.raises(IntegrityError), transaction.atomic():
        Funding.objects.filter(pk=funding.pk).update(amount=Decimal("-0.01"))
    funding.amount = Decimal("-5.00")
    with pytest.raises(IntegrityError), transaction.atomic():
        funding.save()
    assert Funding.objects.filter(pk=funding.pk).update(amount=Decimal("0.00")) == 1


@pytest.mark.django_db
def test_funding_cannot_end_before_it_starts():
    funding = FundingFactory.build(
        project=ProjectFactory.create(),
        funder=OrganisationFactory.create(),
        start_date=datetime.date(2021, 5, 1),
        end_date=datetime.date(2021, 4, 30),
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        funding.save()
    funding.end_date = datetime.date(2021, 5, 1)
    funding.save()
    assert Funding.objects.filter(pk=funding.pk).exists()


@pytest.mark.django_db
def test_funding_intermediary_cannot_be_the_funder():
    funding = FundingFactory.create(intermediary=OrganisationFactory.create())
    with pytest.raises(IntegrityError), transaction.atomic():
        Funding.objects.filter(pk=funding.pk).update(intermediary=funding.funder)
    funding.refresh_from_db()
    assert funding.intermediary_id != funding.funder_id


@pytest.mark.django_db
def test_project_cannot_be_related_to_itself():
    project = ProjectFactory.create()
    with pytest.raises(IntegrityError), transaction.atomic():
        ProjectRelation.objects.create(
            from_project=project, to_project=project, kind=RelationKind.MEMBER_OF
        )
    assert not ProjectRelation.objects.exists()


@pytest.mark.django_db
def test_relation_is_recorded_once():
    relation = RelationFactory.create(kind=RelationKind.PREDECESSOR_OF)
    assert relation.to_project is not None  # a project in the catalogue, not only a name
    with pytest.raises(IntegrityError), transaction.atomic():
        ProjectRelation.objects.create(
            from_project=relation.from_project,
            to_project=relation.to_project,
            kind=RelationKind.PREDECESSOR_OF,
        )
    # The other kind, and the other direction, are different relations.
    ProjectRelation.objects.create(
        from_project=relation.from_project,
        to_project=relation.to_project,
        kind=RelationKind.MEMBER_OF,
    )
    ProjectRelation.objects.create(
        from_project=relation.to_project,
        to_project=relation.from_project,
        kind=RelationKind.PREDECESSOR_OF,
    )
    assert ProjectRelation.objects.count() == 3


@pytest.mark.django_db
def test_project_slug_is_unique():
    project = ProjectFactory.create()
    with pytest.raises(IntegrityError), transaction.atomic():
        ProjectFactory.create(slug=project.slug)
    assert Project.objects.filter(slug=project.slug).count() == 1


@pytest.mark.django_db
def test_organisation_cannot_be_its_own_parent():
    organisation = OrganisationFactory.create()
    with pytest.raises(IntegrityError), transaction.atomic():
        Organisation.objects.filter(pk=organisation.pk).update(parent=organisation)
    organisation.parent = organisation
    with pytest.raises(IntegrityError), transaction.atomic():
        organisation.save()
    unit = OrganisationFactory.create(parent=organisation)
    assert list(organisation.units.all()) == [unit]


@pytest.mark.django_db
def test_organisation_kind_must_be_a_known_kind():
    organisation = OrganisationFactory.create()
    with pytest.raises(IntegrityError), transaction.atomic():
        Organisation.objects.filter(pk=organisation.pk).update(kind="club")


@pytest.mark.django_db
def test_link_url_is_given_once_per_project():
    link = LinkFactory.create()
    with pytest.raises(IntegrityError), transaction.atomic():
        ProjectLink.objects.create(project=link.project, url=link.url)
    LinkFactory.create(url=link.url)  # the same address in another project is fine
    assert ProjectLink.objects.filter(url=link.url).count() == 2
