"""The catalogue model of real project pages: identifiers unique per scheme and in each
scheme's format, dates and funding periods known to the month or the year, implementer roles
and periods, relations to projects not in the catalogue, the programme tree, events and
organisations' contact details. Each rule holds in the database when validation is bypassed,
and full_clean() words it for people."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import translation

from projects.dates import Precision
from projects.models import (
    Contact,
    DatesBasis,
    Funding,
    IdentifierScheme,
    Implementer,
    ImplementerRole,
    Programme,
    ProgrammeLevel,
    Project,
    ProjectEvent,
    ProjectIdentifier,
    ProjectRelation,
    RelationKind,
    Scope,
    under_programme,
)

from .factories import (
    ContactFactory,
    FundingFactory,
    ImplementerFactory,
    OrganisationFactory,
    ProjectFactory,
)

pytestmark = pytest.mark.django_db

DIARY_NUMBER = "EURA2014/1234/09 02 01 01/2016/ESR"


def identifier(project: Project, scheme: str, value: str) -> ProjectIdentifier:
    return ProjectIdentifier.objects.create(project=project, scheme=scheme, value=value)


def programme(slug: str, level: str, parent: Programme | None = None) -> Programme:
    return Programme.objects.create(
        slug=slug, name_fi=slug.title(), name_en=slug.title(), level=level, parent=parent
    )


# --- Identifiers: unique within their scheme, each in its scheme's format. ---


def test_identifier_is_unique_within_its_scheme_in_the_database():
    identifier(ProjectFactory.create(), IdentifierScheme.EURA2014, "S21485")
    other = ProjectFactory.create()
    with pytest.raises(IntegrityError), transaction.atomic():
        identifier(other, IdentifierScheme.EURA2014, "S21485")
    assert not other.identifiers.exists()


def test_full_clean_tells_that_another_project_has_the_identifier():
    identifier(ProjectFactory.create(), IdentifierScheme.EURA2014, "S21485")
    # The value is compared as stored: without the spaces pasted around it.
    second = ProjectIdentifier(
        project=ProjectFactory.create(), scheme=IdentifierScheme.EURA2014, value=" S21485 "
    )
    with pytest.raises(ValidationError) as excinfo, translation.override("en"):
        second.full_clean()
    with translation.override("en"):
        assert excinfo.value.message_dict == {
            "__all__": ["Another project already has this identifier: it may be the same project."]
        }


def test_the_same_value_is_allowed_in_another_scheme():
    first = identifier(ProjectFactory.create(), IdentifierScheme.EURA2014, "S21485")
    second = ProjectIdentifier(
        project=ProjectFactory.create(), scheme=IdentifierScheme.EURA2021, value="S21485"
    )
    second.full_clean()
    second.save()
    assert set(ProjectIdentifier.objects.filter(value="S21485")) == {first, second}


def test_a_project_may_have_identifiers_of_several_schemes():
    project = ProjectFactory.create()
    identifier(project, IdentifierScheme.EURA2014, "S21485")
    identifier(project, IdentifierScheme.EURA_DIARY, DIARY_NUMBER)
    identifier(project, IdentifierScheme.SOURCE_URL, "https://example.org/hanke")
    assert project.identifiers.count() == 3


@pytest.mark.parametrize("values", [{"scheme": "isbn"}, {"value": ""}], ids=["scheme", "empty"])
def test_identifier_check_constraints(values):
    row = identifier(ProjectFactory.create(), IdentifierScheme.EURA2014, "S21485")
    with pytest.raises(IntegrityError), transaction.atomic():
        ProjectIdentifier.objects.filter(pk=row.pk).update(**values)
    row.refresh_from_db()
    assert (row.scheme, row.value) == (IdentifierScheme.EURA2014, "S21485")


@pytest.mark.parametrize(
    ("scheme", "value"),
    [
        (IdentifierScheme.EURA2007, "S10783"),
        (IdentifierScheme.EURA2014, "S21485"),
        (IdentifierScheme.EURA2021, "S30245"),
        (IdentifierScheme.EURA2021, "J30245"),
        (IdentifierScheme.EURA_DIARY, DIARY_NUMBER),
        (IdentifierScheme.EURA_DIARY, "EURA2021/567/ESR+/2023/HAMELY"),
        (IdentifierScheme.GOVERNMENT_PROJECT, "OKM025:00/2022"),
        (IdentifierScheme.GOVERNMENT_PROJECT, "STM123:45/2019"),
        (IdentifierScheme.GOVERNMENT_CASE, "VN/12345/2022"),
        (IdentifierScheme.SOURCE_URL, "https://www.eura2014.fi/rrtiepa/projekti.php?x=1"),
        (IdentifierScheme.SOURCE_URL, "http://example.org/hanke"),
    ],
)
def test_each_scheme_accepts_its_format(scheme, value):
    row = ProjectIdentifier(project=ProjectFactory.create(), scheme=scheme, value=f" {value}")
    row.full_clean()
    assert row.value == value  # stored without the space pasted before it
    row.save()


@pytest.mark.parametrize(
    ("scheme", "value", "message"),
    [
        (IdentifierScheme.EURA2007, "s10783", "S10783"),
        (IdentifierScheme.EURA2014, "S2148", "S21485"),
        (IdentifierScheme.EURA2014, "S214851", "S21485"),
        (IdentifierScheme.EURA2021, "S-30245", "S30245"),
        (IdentifierScheme.EURA_DIARY, "EURA2014/", DIARY_NUMBER),
        (IdentifierScheme.EURA_DIARY, "EURA2000/1234/2016/ESR", DIARY_NUMBER),
        (IdentifierScheme.EURA_DIARY, "1234/09 02 01 01/2016/ESR", DIARY_NUMBER),
        (IdentifierScheme.GOVERNMENT_PROJECT, "OKM025/2022", "OKM025:00/2022"),
        (IdentifierScheme.GOVERNMENT_PROJECT, "okm025:00/2022", "OKM025:00/2022"),
        (IdentifierScheme.GOVERNMENT_PROJECT, "OKM025:00/22", "OKM025:00/2022"),
        (IdentifierScheme.GOVERNMENT_CASE, "VN/12345", "VN/12345/2022"),
        (IdentifierScheme.GOVERNMENT_CASE, "OKM/12345/2022", "VN/12345/2022"),
        (IdentifierScheme.SOURCE_URL, "example.org/hanke", ""),
        (IdentifierScheme.SOURCE_URL, "ftp://example.org/hanke", ""),
    ],
)
def test_each_scheme_refuses_another_format(scheme, value, message):
    row = ProjectIdentifier(project=ProjectFactory.create(), scheme=scheme, value=value)
    with pytest.raises(ValidationError) as excinfo:
        row.full_clean()
    assert list(excinfo.value.message_dict) == ["value"]
    assert message in excinfo.value.message_dict["value"][0]


def test_an_unknown_scheme_is_refused_by_full_clean():
    row = ProjectIdentifier(project=ProjectFactory.create(), scheme="isbn", value="S21485")
    with pytest.raises(ValidationError) as excinfo:
        row.full_clean()
    assert "scheme" in excinfo.value.message_dict


@pytest.mark.parametrize(
    ("scheme", "value", "url"),
    [
        (
            IdentifierScheme.EURA2007,
            "S10783",
            "https://www.eura2007.fi/rrtiepa/projekti.php?projektikoodi=S10783",
        ),
        (
            IdentifierScheme.EURA2014,
            "S21485",
            "https://www.eura2014.fi/rrtiepa/projekti.php?projektikoodi=S21485",
        ),
        (
            IdentifierScheme.GOVERNMENT_PROJECT,
            "OKM025:00/2022",
            "https://valtioneuvosto.fi/hanke?tunnus=OKM025:00/2022",
        ),
        (IdentifierScheme.SOURCE_URL, "https://example.org/hanke", "https://example.org/hanke"),
        # No public register shows these by their identifier.
        (IdentifierScheme.EURA2021, "S30245", ""),
        (IdentifierScheme.EURA_DIARY, DIARY_NUMBER, ""),
        (IdentifierScheme.GOVERNMENT_CASE, "VN/12345/2022", ""),
    ],
)
def test_register_url(scheme, value, url):
    assert ProjectIdentifier(scheme=scheme, value=value).register_url == url


# --- A project's dates: planned or actual, and its scope. ---


@pytest.mark.parametrize(
    "values",
    [{"dates_basis": "guessed"}, {"scope": "galactic"}],
    ids=["dates-basis", "scope"],
)
def test_project_dates_basis_and_scope_constraints(values):
    project = ProjectFactory.create()
    with pytest.raises(IntegrityError), transaction.atomic():
        Project.objects.filter(pk=project.pk).update(**values)
    for name, value in values.items():
        setattr(project, name, value)
    with pytest.raises(ValidationError) as excinfo:
        project.full_clean()
    assert set(excinfo.value.message_dict) == set(values)


@pytest.mark.parametrize(
    "values",
    [
        {"dates_basis": DatesBasis.PLANNED, "scope": Scope.NATIONAL},
        {"dates_basis": DatesBasis.ACTUAL, "scope": Scope.INTERNATIONAL},
        {"dates_basis": "", "scope": ""},
    ],
)
def test_project_dates_basis_and_scope_valid_values(values):
    project = ProjectFactory.create()
    assert Project.objects.filter(pk=project.pk).update(**values) == 1
    project.refresh_from_db()
    project.full_clean()


def test_project_dates_as_written_are_kept_beside_the_dates():
    project = ProjectFactory.build(
        start_date=datetime.date(2021, 9, 14),
        start_precision=Precision.YEAR,
        start_text="syksy 2021",
        dates_basis=DatesBasis.ACTUAL,
    )
    project.full_clean()
    project.save()
    project.refresh_from_db()
    assert (project.start_date, project.start_display) == (datetime.date(2021, 1, 1), "2021")
    assert project.start_text == "syksy 2021"


# --- Funding periods known to the month or the year. ---


def test_funding_until_march_is_stored_as_the_months_last_day():
    funding = FundingFactory.build(
        project=ProjectFactory.create(),
        funder=OrganisationFactory.create(),
        end_date=datetime.date(2022, 3, 10),
        end_precision=Precision.MONTH,
        end_text="maaliskuuhun 2022 asti",
    )
    funding.full_clean()
    funding.save()
    funding.refresh_from_db()
    assert funding.end_date == datetime.date(2022, 3, 31)
    assert funding.end_display == "03/2022"
    assert funding.end_text == "maaliskuuhun 2022 asti"


def test_funding_from_spring_is_the_year_with_the_words():
    funding = FundingFactory.build(
        project=ProjectFactory.create(),
        funder=OrganisationFactory.create(),
        start_date=datetime.date(2024, 4, 1),
        start_precision=Precision.YEAR,
        start_text="spring 2024",
    )
    funding.full_clean()
    funding.save()
    funding.refresh_from_db()
    assert funding.start_date == datetime.date(2024, 1, 1)
    assert funding.start_display == "2024"
    assert funding.start_text == "spring 2024"


def test_funding_within_one_month_is_valid_at_month_precision():
    # "03/2022 – 03/2022": both ends fall in the same month, whichever day was typed.
    funding = FundingFactory.build(
        project=ProjectFactory.create(),
        funder=OrganisationFactory.create(),
        start_date=datetime.date(2022, 3, 20),
        start_precision=Precision.MONTH,
        end_date=datetime.date(2022, 3, 10),
        end_precision=Precision.MONTH,
    )
    funding.full_clean()
    assert (funding.start_date, funding.end_date) == (
        datetime.date(2022, 3, 1),
        datetime.date(2022, 3, 31),
    )
    funding.save()


@pytest.mark.parametrize("field", ["start_precision", "end_precision"])
def test_funding_precision_must_be_known(field):
    funding = FundingFactory.create()
    with pytest.raises(IntegrityError), transaction.atomic():
        Funding.objects.filter(pk=funding.pk).update(**{field: "week"})
    setattr(funding, field, "week")
    with pytest.raises(ValidationError) as excinfo:
        funding.full_clean()
    assert field in excinfo.value.message_dict


# --- Implementers: the roles a page states, and periods. ---


@pytest.mark.parametrize(
    "role", [ImplementerRole.APPLICANT, ImplementerRole.LEAD_PARTNER, ImplementerRole.NOT_STATED]
)
def test_implementer_roles_of_real_pages_are_accepted(role):
    implementer = ImplementerFactory.build(
        project=ProjectFactory.create(),
        organisation=OrganisationFactory.create(),
        role=role,
        note_fi="Mukana toisesta vuodesta",
    )
    implementer.full_clean()
    implementer.save()
    assert Implementer.objects.get(pk=implementer.pk).role == role


def test_implementer_period_cannot_end_before_it_starts():
    implementer = ImplementerFactory.create(active_from=datetime.date(2021, 1, 1))
    with pytest.raises(IntegrityError), transaction.atomic():
        Implementer.objects.filter(pk=implementer.pk).update(
            active_until=datetime.date(2020, 12, 31)
        )
    implementer.active_until = datetime.date(2020, 12, 31)
    with pytest.raises(ValidationError) as excinfo:
        implementer.full_clean()
    assert list(excinfo.value.message_dict) == ["active_until"]
    # An open end, or an end on the first day, is a period.
    implementer.active_until = datetime.date(2021, 1, 1)
    implementer.full_clean()
    implementer.save()
    assert Implementer.objects.filter(pk=implementer.pk).update(active_until=None) == 1


def test_contact_period_cannot_end_before_it_starts():
    contact = ContactFactory.create(active_from=datetime.date(2021, 1, 1), workload="50 %")
    with pytest.raises(IntegrityError), transaction.atomic():
        Contact.objects.filter(pk=contact.pk).update(active_until=datetime.date(2020, 12, 31))
    contact.active_until = datetime.date(2020, 12, 31)
    with pytest.raises(ValidationError) as excinfo:
        contact.full_clean()
    assert list(excinfo.value.message_dict) == ["active_until"]
    contact.active_until = datetime.date(2021, 6, 30)
    contact.full_clean()
    contact.save()
    assert Contact.objects.get(pk=contact.pk).active_until == datetime.date(2021, 6, 30)


# --- Relations: to a project in the catalogue, or to one named only. ---


def test_relation_needs_a_project_or_a_name_in_the_database():
    project = ProjectFactory.create()
    with pytest.raises(IntegrityError), transaction.atomic():
        ProjectRelation.objects.create(from_project=project, kind=RelationKind.PREDECESSOR_OF)
    assert not ProjectRelation.objects.exists()


def test_relation_needs_a_project_or_a_name_in_full_clean():
    relation = ProjectRelation(
        from_project=ProjectFactory.create(), kind=RelationKind.PREDECESSOR_OF, to_name="  "
    )
    with pytest.raises(ValidationError) as excinfo:
        relation.full_clean()
    assert list(excinfo.value.message_dict) == ["to_name"]


def test_relation_to_a_project_not_in_the_catalogue():
    project = ProjectFactory.create()
    relation = ProjectRelation(
        from_project=project,
        kind=RelationKind.PREDECESSOR_OF,
        to_name="Osaamisen kehittämishanke",
        to_identifier="S21485",
        to_url="https://www.eura2014.fi/rrtiepa/projekti.php?projektikoodi=S21485",
    )
    relation.full_clean()
    relation.save()
    # Two named relations of one kind are two relations: the other project is not a row.
    ProjectRelation.objects.create(
        from_project=project, kind=RelationKind.PREDECESSOR_OF, to_name="Toinen hanke"
    )
    assert project.relations_from.filter(to_project=None).count() == 2
    assert "Osaamisen kehittämishanke" in str(relation)


# --- The programme tree. ---


def test_programme_cannot_be_its_own_parent():
    fund = programme("esr", ProgrammeLevel.FUND)
    with pytest.raises(IntegrityError), transaction.atomic():
        Programme.objects.filter(pk=fund.pk).update(parent=fund)
    fund.parent = fund
    with pytest.raises(ValidationError) as excinfo:
        fund.full_clean()
    assert list(excinfo.value.message_dict) == ["parent"]


def test_programme_cannot_be_part_of_its_own_parts():
    fund = programme("esr", ProgrammeLevel.FUND)
    axis = programme("axis", ProgrammeLevel.PRIORITY_AXIS, parent=fund)
    fund.parent = axis
    with pytest.raises(ValidationError) as excinfo:
        fund.full_clean()
    assert list(excinfo.value.message_dict) == ["parent"]
    Programme.objects.get(pk=axis.pk).full_clean()  # the saved tree is sound


def test_programme_level_must_be_known():
    fund = programme("esr", ProgrammeLevel.FUND)
    with pytest.raises(IntegrityError), transaction.atomic():
        Programme.objects.filter(pk=fund.pk).update(level="subprogramme")
    fund.level = "subprogramme"
    with pytest.raises(ValidationError) as excinfo:
        fund.full_clean()
    assert list(excinfo.value.message_dict) == ["level"]


@pytest.fixture
def tree() -> dict[str, Programme]:
    fund = programme("esr", ProgrammeLevel.FUND)
    esf = programme("kestavaa-kasvua", ProgrammeLevel.PROGRAMME, parent=fund)
    axis = programme("tl-5", ProgrammeLevel.PRIORITY_AXIS, parent=esf)
    objective = programme("objective-10-1", ProgrammeLevel.SPECIFIC_OBJECTIVE, parent=axis)
    national = programme("national-10-1-1", ProgrammeLevel.NATIONAL_OBJECTIVE, parent=objective)
    other = programme("erasmus", ProgrammeLevel.PROGRAMME)
    return {
        "fund": fund,
        "esf": esf,
        "axis": axis,
        "objective": objective,
        "national": national,
        "other": other,
    }


def test_programme_path_runs_from_the_fund_down(tree):
    assert tree["national"].path() == [
        tree["fund"],
        tree["esf"],
        tree["axis"],
        tree["objective"],
        tree["national"],
    ]
    assert tree["fund"].path() == [tree["fund"]]
    assert tree["other"].path() == [tree["other"]]


def test_under_programme_finds_fundings_at_every_level_below(tree):
    fundings = {
        key: FundingFactory.create(programme=node) for key, node in tree.items() if key != "fund"
    }

    def under(key: str) -> set[int]:
        return set(Funding.objects.filter(under_programme(tree[key])).values_list("pk", flat=True))

    esf_keys = ["esf", "axis", "objective", "national"]
    assert under("fund") == {fundings[key].pk for key in esf_keys}
    assert under("esf") == {fundings[key].pk for key in esf_keys}
    assert under("objective") == {fundings["objective"].pk, fundings["national"].pk}
    assert under("national") == {fundings["national"].pk}
    assert under("other") == {fundings["other"].pk}

    projects = Project.objects.filter(under_programme(tree["axis"], "fundings__programme"))
    assert set(projects) == {fundings[key].project for key in ["axis", "objective", "national"]}


# --- Events known to the day, the month or the year. ---


@pytest.mark.parametrize(
    ("precision", "stored", "shown"),
    [
        (Precision.DAY, datetime.date(2023, 11, 16), "16.11.2023"),
        (Precision.MONTH, datetime.date(2023, 11, 1), "11/2023"),
        (Precision.YEAR, datetime.date(2023, 1, 1), "2023"),
    ],
)
def test_event_date_is_normalised_to_its_precision(precision, stored, shown):
    event = ProjectEvent(
        project=ProjectFactory.create(),
        title_fi="Päätösseminaari",
        date=datetime.date(2023, 11, 16),
        date_precision=precision,
    )
    event.full_clean()
    event.save()
    event.refresh_from_db()
    assert event.date == stored
    assert event.date_display == shown


def test_event_precision_must_be_known():
    event = ProjectEvent.objects.create(
        project=ProjectFactory.create(), title_fi="Seminaari", date=datetime.date(2023, 5, 1)
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        ProjectEvent.objects.filter(pk=event.pk).update(date_precision="week")
    event.date_precision = "week"
    with pytest.raises(ValidationError) as excinfo:
        event.full_clean()
    assert list(excinfo.value.message_dict) == ["date_precision"]


# --- Organisations' contact details. ---


@pytest.mark.parametrize("postal_code", ["00100", "70100", ""])
def test_organisation_postal_code_of_five_digits_is_valid(postal_code):
    organisation = OrganisationFactory.build(
        postal_code=postal_code, street_address_fi="Valimotie 8", post_office_fi="HELSINKI"
    )
    organisation.full_clean()
    organisation.save()
    assert organisation.postal_code == postal_code


@pytest.mark.parametrize("postal_code", ["0010", "FI-00", "0010A", "70 10"])
def test_organisation_postal_code_in_another_form_is_invalid(postal_code):
    organisation = OrganisationFactory.build(postal_code=postal_code)
    with pytest.raises(ValidationError) as excinfo:
        organisation.full_clean()
    assert list(excinfo.value.message_dict) == ["postal_code"]
