"""The catalogue's rules: database constraints, partial-date cleaning, status derivation."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
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
    Region,
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

TODAY = datetime.date(2024, 6, 15)
YESTERDAY = TODAY - datetime.timedelta(days=1)
TOMORROW = TODAY + datetime.timedelta(days=1)

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


# --- full_clean(): partial dates are normalised and wrong ranges worded for people. ---


@pytest.mark.django_db
def test_clean_normalises_month_precision_dates_to_their_period():
    project = ProjectFactory.build(
        start_date=datetime.date(2018, 10, 17),
        start_precision=Precision.MONTH,
        end_date=datetime.date(2020, 8, 5),
        end_precision=Precision.MONTH,
    )
    project.full_clean()
    assert project.start_date == datetime.date(2018, 10, 1)
    assert project.end_date == datetime.date(2020, 8, 31)


@pytest.mark.django_db
def test_clean_normalises_year_precision_dates_to_their_period():
    project = ProjectFactory.build(
        start_date=datetime.date(2019, 5, 6),
        start_precision=Precision.YEAR,
        end_date=datetime.date(2021, 3, 4),
        end_precision=Precision.YEAR,
    )
    project.full_clean()
    assert project.start_date == datetime.date(2019, 1, 1)
    assert project.end_date == datetime.date(2021, 12, 31)


@pytest.mark.django_db
def test_clean_keeps_day_precision_dates():
    project = ProjectFactory.build(
        start_date=datetime.date(2018, 10, 17),
        end_date=datetime.date(2020, 8, 5),
    )
    project.full_clean()
    assert project.start_date == datetime.date(2018, 10, 17)
    assert project.end_date == datetime.date(2020, 8, 5)


@pytest.mark.django_db
def test_month_precision_project_shows_months():
    # VAMOS-like: the project page says 10/2018 to 08/2020.
    project = ProjectFactory.build(
        acronym="VAMOS",
        start_date=datetime.date(2018, 10, 17),
        start_precision=Precision.MONTH,
        end_date=datetime.date(2020, 8, 5),
        end_precision=Precision.MONTH,
    )
    project.full_clean()
    project.save()
    project.refresh_from_db()
    assert project.start_display == "10/2018"
    assert project.end_display == "08/2020"


@pytest.mark.django_db
def test_day_precision_project_shows_days():
    project = ProjectFactory.create(
        start_date=datetime.date(2017, 12, 13), end_date=datetime.date(2019, 1, 5)
    )
    assert project.start_display == "13.12.2017"
    assert project.end_display == "5.1.2019"


@pytest.mark.django_db
def test_project_without_dates_shows_nothing():
    project = ProjectFactory.create(start_date=None, end_date=None)
    assert project.start_display == ""
    assert project.end_display == ""


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("start", "start_precision", "end", "end_precision"),
    [
        (datetime.date(2018, 10, 13), Precision.DAY, datetime.date(2018, 10, 12), Precision.DAY),
        (datetime.date(2018, 10, 13), Precision.MONTH, datetime.date(2018, 9, 30), Precision.DAY),
        (datetime.date(2018, 10, 13), Precision.DAY, datetime.date(2018, 9, 1), Precision.MONTH),
        (datetime.date(2019, 3, 1), Precision.YEAR, datetime.date(2018, 12, 1), Precision.MONTH),
    ],
)
def test_clean_rejects_an_end_before_the_start(start, start_precision, end, end_precision):
    project = ProjectFactory.build(
        start_date=start,
        start_precision=start_precision,
        end_date=end,
        end_precision=end_precision,
    )
    with pytest.raises(ValidationError) as excinfo:
        project.full_clean()
    assert "end_date" in excinfo.value.message_dict


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("start", "start_precision", "end", "end_precision"),
    [
        # 13.10.2018 to 10/2018: the end is known only to the month, and it is the same month.
        (datetime.date(2018, 10, 13), Precision.DAY, datetime.date(2018, 10, 1), Precision.MONTH),
        (datetime.date(2018, 10, 31), Precision.MONTH, datetime.date(2018, 10, 2), Precision.DAY),
        (datetime.date(2018, 12, 31), Precision.YEAR, datetime.date(2018, 1, 1), Precision.YEAR),
    ],
)
def test_clean_accepts_an_end_in_the_same_period(start, start_precision, end, end_precision):
    project = ProjectFactory.build(
        start_date=start,
        start_precision=start_precision,
        end_date=end,
        end_precision=end_precision,
    )
    project.full_clean()
    assert project.start_date is not None
    assert project.end_date is not None
    assert project.start_date <= project.end_date
    project.save()
    assert Project.objects.filter(pk=project.pk).exists()


@pytest.mark.django_db
def test_clean_words_the_budget_range_errors():
    without_min = ProjectFactory.build(budget_min=None, budget_max=Decimal("10"))
    with pytest.raises(ValidationError) as excinfo:
        without_min.full_clean()
    assert "budget_min" in excinfo.value.message_dict

    reversed_range = ProjectFactory.build(budget_min=Decimal("10"), budget_max=Decimal("9"))
    with pytest.raises(ValidationError) as excinfo:
        reversed_range.full_clean()
    assert "budget_max" in excinfo.value.message_dict


@pytest.mark.django_db
def test_funding_and_relation_clean_word_their_errors():
    funder = OrganisationFactory.create()
    funding = FundingFactory.build(
        project=ProjectFactory.create(),
        funder=funder,
        intermediary=funder,
        start_date=datetime.date(2021, 1, 2),
        end_date=datetime.date(2021, 1, 1),
    )
    with pytest.raises(ValidationError) as excinfo:
        funding.full_clean()
    assert "end_date" in excinfo.value.message_dict

    funding.end_date = None
    with pytest.raises(ValidationError) as excinfo:
        funding.full_clean()
    assert "intermediary" in excinfo.value.message_dict

    project = ProjectFactory.create()
    relation = ProjectRelation(from_project=project, to_project=project, kind="member_of")
    with pytest.raises(ValidationError):
        relation.full_clean()


# --- Status, derived from the dates. ---


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        (None, None, None),
        (TOMORROW, None, ProjectStatus.PLANNED),
        (TODAY, None, ProjectStatus.ONGOING),
        (YESTERDAY, None, ProjectStatus.ONGOING),
        (None, YESTERDAY, ProjectStatus.ENDED),
        (None, TODAY, ProjectStatus.ONGOING),
        (None, TOMORROW, ProjectStatus.ONGOING),
        (TOMORROW, TOMORROW, ProjectStatus.PLANNED),
        (TODAY, TODAY, ProjectStatus.ONGOING),
        (YESTERDAY, TOMORROW, ProjectStatus.ONGOING),
        (YESTERDAY, YESTERDAY, ProjectStatus.ENDED),
        (datetime.date(2010, 1, 1), datetime.date(2012, 12, 31), ProjectStatus.ENDED),
    ],
)
def test_status_from_dates(start, end, expected):
    project = Project(name_fi="Hanke", start_date=start, end_date=end)
    assert project.status(today=TODAY) == expected


@pytest.mark.parametrize(
    ("start", "end", "stated_phase", "disagrees"),
    [
        (datetime.date(2010, 1, 1), datetime.date(2012, 12, 31), ProjectStatus.ONGOING, True),
        (datetime.date(2010, 1, 1), datetime.date(2012, 12, 31), ProjectStatus.ENDED, False),
        (datetime.date(2090, 1, 1), None, ProjectStatus.ONGOING, True),
        (datetime.date(2090, 1, 1), None, ProjectStatus.PLANNED, False),
        (datetime.date(2010, 1, 1), datetime.date(2099, 12, 31), ProjectStatus.ENDED, True),
        (datetime.date(2010, 1, 1), datetime.date(2099, 12, 31), ProjectStatus.ONGOING, False),
        # No stated phase, or no dates to compare it with: nothing to disagree about.
        (datetime.date(2010, 1, 1), datetime.date(2012, 12, 31), "", False),
        (None, None, ProjectStatus.ONGOING, False),
    ],
)
def test_phase_disagrees(start, end, stated_phase, disagrees):
    project = Project(name_fi="Hanke", start_date=start, end_date=end, stated_phase=stated_phase)
    assert project.phase_disagrees is disagrees


DATE_COMBINATIONS = [
    (None, None),
    (YESTERDAY, None),
    (TODAY, None),
    (TOMORROW, None),
    (None, YESTERDAY),
    (None, TODAY),
    (None, TOMORROW),
    (datetime.date(2020, 1, 1), YESTERDAY),
    (datetime.date(2020, 1, 1), TODAY),
    (datetime.date(2020, 1, 1), TOMORROW),
    (YESTERDAY, YESTERDAY),
    (TODAY, TODAY),
    (TODAY, TOMORROW),
    (TOMORROW, TOMORROW),
    (TOMORROW, datetime.date(2030, 1, 1)),
]


@pytest.mark.django_db
@pytest.mark.parametrize("status", list(ProjectStatus))
def test_with_status_agrees_with_the_python_status(status):
    projects = [
        ProjectFactory.create(start_date=start, end_date=end) for start, end in DATE_COMBINATIONS
    ]
    expected = {project.pk for project in projects if project.status(today=TODAY) == status}
    assert expected  # every status occurs among the combinations
    found = set(Project.objects.with_status(status, today=TODAY).values_list("pk", flat=True))
    assert found == expected


@pytest.mark.django_db
def test_with_status_never_returns_a_project_without_dates():
    undated = ProjectFactory.create(start_date=None, end_date=None)
    for status in ProjectStatus:
        assert undated not in Project.objects.with_status(status, today=TODAY)


@pytest.mark.django_db
def test_with_an_unknown_status_returns_nothing():
    ProjectFactory.create()
    assert not Project.objects.with_status("bogus", today=TODAY).exists()


@pytest.mark.django_db
def test_active_in_year():
    earlier = ProjectFactory.create(
        start_date=datetime.date(2018, 3, 1), end_date=datetime.date(2019, 12, 31)
    )
    later = ProjectFactory.create(
        start_date=datetime.date(2020, 1, 1), end_date=datetime.date(2021, 6, 30)
    )
    open_ended = ProjectFactory.create(start_date=datetime.date(2021, 9, 1), end_date=None)
    end_only = ProjectFactory.create(start_date=None, end_date=datetime.date(2019, 5, 31))
    ProjectFactory.create(start_date=None, end_date=None)

    def active(year: int) -> set[int]:
        return set(Project.objects.active_in_year(year).values_list("pk", flat=True))

    assert active(2017) == {end_only.pk}
    assert active(2018) == {earlier.pk, end_only.pk}
    assert active(2019) == {earlier.pk, end_only.pk}
    assert active(2020) == {later.pk}
    assert active(2021) == {later.pk, open_ended.pk}
    assert active(2030) == {open_ended.pk}


# --- Organisations and regions. ---


@pytest.mark.django_db
def test_business_id_in_the_right_form_is_valid():
    organisation = OrganisationFactory.build(business_id="1234567-8")
    organisation.full_clean()
    organisation.save()
    assert Organisation.objects.get(pk=organisation.pk).business_id == "1234567-8"


@pytest.mark.django_db
@pytest.mark.parametrize("business_id", ["12345678", "123456-78", "1234567-", "abcdefg-h"])
def test_business_id_in_another_form_is_invalid(business_id):
    organisation = OrganisationFactory.build(business_id=business_id)
    with pytest.raises(ValidationError) as excinfo:
        organisation.full_clean()
    assert "business_id" in excinfo.value.message_dict


@pytest.mark.django_db
def test_two_organisations_may_share_a_business_id():
    city = OrganisationFactory.create(business_id="0201256-6")
    unit = OrganisationFactory.build(business_id="0201256-6", parent=city)
    unit.full_clean()
    unit.save()
    assert Organisation.objects.filter(business_id="0201256-6").count() == 2


@pytest.mark.django_db
def test_regions_come_from_the_data_migration():
    regions = list(Region.objects.values_list("code", "slug", "name_fi", "name_sv", "name_en"))
    assert len(regions) == 19
    assert len({code for code, *_ in regions}) == 19
    assert len({slug for _, slug, *_ in regions}) == 19
    for region in regions:
        assert all(region), region  # every region is named in fi, sv and en


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("slug", "name_fi", "name_sv", "name_en"),
    [
        ("uusimaa", "Uusimaa", "Nyland", "Uusimaa"),
        ("ahvenanmaa", "Ahvenanmaa", "Åland", "Åland"),
        ("varsinais-suomi", "Varsinais-Suomi", "Egentliga Finland", "Southwest Finland"),
    ],
)
def test_region_names_in_each_language(slug, name_fi, name_sv, name_en):
    names = Region.objects.values_list("name_fi", "name_sv", "name_en").get(slug=slug)
    assert names == (name_fi, name_sv, name_en)
