"""The demo data (`manage.py load_demo`): safe to load again, true to the seed projects, and
every page it creates renders."""

import io

import pytest
from django.core.management import call_command
from django.db.models import Model
from django.urls import reverse
from django.utils import translation

from forums.demo import FORUMS
from forums.models import Forum, Meeting, MeetingStatus, Registration, StakeholderGroup
from forums.selectors import with_seat_counts
from projects.models import (
    Contact,
    Funding,
    Implementer,
    ImplementerRole,
    Organisation,
    Project,
    ProjectLink,
    ProjectRelation,
)

pytestmark = pytest.mark.django_db
LANGUAGES = ["fi", "sv", "en"]
MODELS: list[type[Model]] = [
    Project,
    Organisation,
    Implementer,
    Funding,
    Contact,
    ProjectRelation,
    ProjectLink,
    Forum,
    Meeting,
    Registration,
    StakeholderGroup,
]


def load_demo() -> str:
    out = io.StringIO()
    call_command("load_demo", stdout=out)
    return out.getvalue()


def counts() -> dict[str, int]:
    return {model.__name__: model.objects.count() for model in MODELS}


@pytest.fixture
def demo():
    load_demo()


def test_loading_the_demo_twice_changes_nothing():
    load_demo()
    first = counts()
    ids = {model.__name__: set(model.objects.values_list("pk", flat=True)) for model in MODELS}
    times = dict(Meeting.objects.values_list("pk", "starts_at"))

    load_demo()

    assert counts() == first
    assert {
        model.__name__: set(model.objects.values_list("pk", flat=True)) for model in MODELS
    } == ids
    assert all(first.values()), first
    # On the same day the meetings stay where they were.
    assert dict(Meeting.objects.values_list("pk", "starts_at")) == times


def test_vamos_runs_by_month(demo):
    vamos = Project.objects.get(slug="vamos")
    assert vamos.start_display == "10/2018"
    assert vamos.end_display == "08/2020"
    assert f"{vamos.start_display}–{vamos.end_display}" == "10/2018–08/2020"


def test_yhessa_has_eight_implementers_coordinated_by_sakky(demo):
    implementers = Implementer.objects.filter(project__slug="yhessa").select_related("organisation")
    assert implementers.count() == 8
    coordinators = [i for i in implementers if i.role == ImplementerRole.COORDINATOR]
    assert len(coordinators) == 1
    assert coordinators[0].organisation.abbreviation == "Sakky"


def test_demo_has_a_nearly_full_upcoming_meeting(demo):
    upcoming = with_seat_counts(Meeting.objects.upcoming())
    nearly_full = [meeting for meeting in upcoming if meeting.seats_left == 1]
    assert len(nearly_full) == 1
    assert nearly_full[0].status == MeetingStatus.SCHEDULED
    assert nearly_full[0].registration_is_open()


def test_demo_has_a_past_meeting_and_future_meetings_of_both_forums(demo):
    assert Meeting.objects.past().exists()
    slugs = [forum["slug"] for forum in FORUMS]
    assert len(slugs) == 2
    for slug in slugs:
        assert Meeting.objects.upcoming().filter(forum__slug=slug).exists(), slug
    # They are shown to visitors: the forums belong to published projects.
    assert Meeting.objects.public().upcoming().values("forum").distinct().count() == len(slugs)


def test_demo_people_are_fictional(demo):
    emails = list(Contact.objects.exclude(email="").values_list("email", flat=True))
    assert emails
    assert all(email.endswith("@example.org") for email in emails), emails
    registrants = list(Registration.objects.values_list("email", flat=True))
    assert registrants
    assert all(email.endswith("@example.org") for email in registrants), registrants


@pytest.mark.parametrize("language_code", LANGUAGES)
def test_every_demo_page_renders(client, demo, language_code):
    with translation.override(language_code):
        pages = [project.get_absolute_url() for project in Project.objects.all()]
        pages += [forum.get_absolute_url() for forum in Forum.objects.all()]
        pages += [meeting.get_absolute_url() for meeting in Meeting.objects.public()]
        pages.append(reverse("forums:list"))
    assert len(pages) >= Project.objects.count() + 2
    for page in pages:
        response = client.get(page)
        assert response.status_code == 200, page
        assert f'<html lang="{language_code}">' in response.content.decode(), page
