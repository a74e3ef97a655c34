"""A project's identifiers as the key for merging a second source of it: the project that
carries one of them is found, and the missing ones are added as admin validates them, never
taking one that another project carries."""

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from projects.models import IdentifierScheme, ProjectIdentifier
from projects.services import project_identified_by, project_identifiers_add

from .factories import ProjectFactory

pytestmark = pytest.mark.django_db

DIARY_NUMBER = "EURA2014/1234/09 02 01 01/2016/ESR"


def identifiers_of(project) -> set[tuple[str, str]]:
    return set(project.identifiers.values_list("scheme", "value"))


@pytest.fixture
def coded():
    """A project known to EURA 2014 by its code and its diary number."""
    project = ProjectFactory.create()
    project_identifiers_add(
        project=project,
        identifiers=[
            (IdentifierScheme.EURA2014, "S21485"),
            (IdentifierScheme.EURA_DIARY, DIARY_NUMBER),
        ],
    )
    return project


# --- Finding the project a source describes. ---


@pytest.mark.parametrize(
    "identifiers",
    [
        [(IdentifierScheme.EURA2014, "S21485")],
        [(IdentifierScheme.EURA_DIARY, DIARY_NUMBER)],
        # A source with an identifier the catalogue does not know yet, and one it does.
        [
            (IdentifierScheme.GOVERNMENT_PROJECT, "OKM025:00/2022"),
            (IdentifierScheme.EURA2014, "S21485"),
        ],
        # Both of the project's identifiers: still one project.
        [(IdentifierScheme.EURA2014, "S21485"), (IdentifierScheme.EURA_DIARY, DIARY_NUMBER)],
        # As pasted from a register, with spaces around it.
        [(IdentifierScheme.EURA2014, " S21485\n")],
    ],
)
def test_project_is_identified_by_any_of_its_identifiers(coded, identifiers):
    ProjectFactory.create()  # another project, with no identifiers
    assert project_identified_by(identifiers) == coded


@pytest.mark.parametrize(
    "identifiers",
    [
        [],
        [(IdentifierScheme.EURA2014, "S99999")],
        # The same value in another scheme is another identifier.
        [(IdentifierScheme.EURA2021, "S21485")],
        [(IdentifierScheme.SOURCE_URL, "https://example.org/hanke")],
    ],
)
def test_unknown_identifiers_identify_no_project(coded, identifiers):
    assert project_identified_by(identifiers) is None


def test_identifiers_of_two_projects_are_refused(coded):
    other = ProjectFactory.create()
    project_identifiers_add(project=other, identifiers=[(IdentifierScheme.EURA2021, "S30245")])
    with pytest.raises(ValidationError) as excinfo, translation.override("en"):
        project_identified_by(
            [(IdentifierScheme.EURA2014, "S21485"), (IdentifierScheme.EURA2021, "S30245")]
        )
    assert "different projects" in excinfo.value.messages[0]


# --- Adding the identifiers a source gives. ---


def test_missing_identifiers_are_added_and_known_ones_skipped(coded):
    added = project_identifiers_add(
        project=coded,
        identifiers=[
            (IdentifierScheme.EURA2014, "S21485"),  # the project has it
            (IdentifierScheme.GOVERNMENT_PROJECT, " OKM025:00/2022 "),
            (IdentifierScheme.SOURCE_URL, "https://example.org/hanke"),
            (IdentifierScheme.SOURCE_URL, "https://example.org/hanke"),  # twice in the source
        ],
    )
    assert [(row.scheme, row.value) for row in added] == [
        (IdentifierScheme.GOVERNMENT_PROJECT, "OKM025:00/2022"),
        (IdentifierScheme.SOURCE_URL, "https://example.org/hanke"),
    ]
    assert all(row.pk for row in added)
    assert identifiers_of(coded) == {
        (IdentifierScheme.EURA2014, "S21485"),
        (IdentifierScheme.EURA_DIARY, DIARY_NUMBER),
        (IdentifierScheme.GOVERNMENT_PROJECT, "OKM025:00/2022"),
        (IdentifierScheme.SOURCE_URL, "https://example.org/hanke"),
    }
    # The merged project is found by what the second source gave.
    assert project_identified_by([(IdentifierScheme.GOVERNMENT_PROJECT, "OKM025:00/2022")]) == coded


def test_adding_what_the_project_has_adds_nothing(coded):
    assert (
        project_identifiers_add(project=coded, identifiers=[(IdentifierScheme.EURA2014, "S21485")])
        == []
    )
    assert ProjectIdentifier.objects.count() == 2


def test_the_same_value_in_another_scheme_is_added(coded):
    other = ProjectFactory.create()
    added = project_identifiers_add(
        project=other, identifiers=[(IdentifierScheme.EURA2021, "S21485")]
    )
    assert [row.project for row in added] == [other]
    assert identifiers_of(coded) == {
        (IdentifierScheme.EURA2014, "S21485"),
        (IdentifierScheme.EURA_DIARY, DIARY_NUMBER),
    }


def test_an_identifier_of_another_project_is_refused_and_nothing_is_added(coded):
    other = ProjectFactory.create()
    with pytest.raises(ValidationError) as excinfo, translation.override("en"):
        project_identifiers_add(
            project=other,
            identifiers=[
                (IdentifierScheme.GOVERNMENT_CASE, "VN/12345/2022"),  # valid, and added first
                (IdentifierScheme.EURA2014, " S21485"),
            ],
        )
    with translation.override("en"):
        assert excinfo.value.messages == [
            "EURA 2014 project code: S21485 already belongs to another project."
        ]
    # The rows added before the refusal were rolled back with it.
    assert identifiers_of(other) == set()
    assert not ProjectIdentifier.objects.filter(value="VN/12345/2022").exists()
    assert identifiers_of(coded) == {
        (IdentifierScheme.EURA2014, "S21485"),
        (IdentifierScheme.EURA_DIARY, DIARY_NUMBER),
    }


@pytest.mark.parametrize(
    ("identifier", "field"),
    [
        ((IdentifierScheme.EURA2014, "S2148"), "value"),
        ((IdentifierScheme.GOVERNMENT_PROJECT, "OKM025/2022"), "value"),
        ((IdentifierScheme.SOURCE_URL, "example.org/hanke"), "value"),
        ((IdentifierScheme.EURA2014, ""), "value"),
        (("isbn", "978-951-0-00000-0"), "scheme"),
    ],
)
def test_identifiers_are_validated_as_admin_does(identifier, field):
    project = ProjectFactory.create()
    with pytest.raises(ValidationError) as excinfo:
        project_identifiers_add(
            project=project,
            identifiers=[(IdentifierScheme.GOVERNMENT_CASE, "VN/12345/2022"), identifier],
        )
    assert field in excinfo.value.message_dict
    assert identifiers_of(project) == set()
