"""A project's status, derived from its dates: in Python, in the query that filters by it
(the two agree), against the phase a project states, and the projects active in a year."""

import datetime

import pytest

from projects.models import Project, ProjectStatus

from .factories import ProjectFactory

TODAY = datetime.date(2024, 6, 15)
YESTERDAY = TODAY - datetime.timedelta(days=1)
TOMORROW = TODAY + datetime.timedelta(days=1)

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
