"""The catalogue's rules in full_clean(): dates known only to the month or the year are
normalised to their period and shown so, and wrong ranges are worded for people, field by
field."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from projects.dates import Precision
from projects.models import Project, ProjectRelation

from .factories import FundingFactory, OrganisationFactory, ProjectFactory

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
