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
    DatesBasis,
    Funding,
    IdentifierScheme,
    Implementer,
    ImplementerRole,
    Organisation,
    Programme,
    ProgrammeLevel,
    Project,
    ProjectIdentifier,
    ProjectLink,
    ProjectRelation,
    ProjectStatus,
    RelationKind,
    Scope,
)
from projects.selectors import ProjectFilters, project_search

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
    ProjectIdentifier,
    Programme,
    Project.maintainers.through,
    Project.municipalities.through,
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


def test_loading_again_puts_back_what_was_changed(demo):
    vamos = Project.objects.get(slug="vamos")
    vamos.maintainers.clear()
    vamos.other_names = ""
    vamos.save()
    ProjectIdentifier.objects.filter(project__slug="valita-visa-omtanke").delete()
    Programme.objects.filter(level=ProgrammeLevel.PRIORITY_AXIS).update(name_fi="Muutettu")

    load_demo()

    vamos.refresh_from_db()
    assert vamos.maintainers.count() == 4
    assert vamos.other_names.startswith("Vamos 2.aste")
    assert ProjectIdentifier.objects.filter(project__slug="valita-visa-omtanke").exists()
    assert not Programme.objects.filter(name_fi="Muutettu").exists()


def test_vamos_runs_by_month(demo):
    vamos = Project.objects.get(slug="vamos")
    assert vamos.start_display == "10/2018"
    assert vamos.end_display == "08/2020"
    assert f"{vamos.start_display}–{vamos.end_display}" == "10/2018–08/2020"


def test_vamos_has_its_second_name_and_dates_as_written(demo):
    vamos = Project.objects.get(slug="vamos")
    assert vamos.other_names.splitlines() == [
        "Vamos 2.aste -opintoihin kiinnittyminen, läpäisy ja pudokkuuden ehkäisy"
    ]
    assert (vamos.start_text, vamos.end_text) == ("10/2018", "08/2020")
    assert vamos.dates_basis == DatesBasis.PLANNED
    assert vamos.scope == Scope.NATIONAL


def test_vamos_is_funded_by_the_esf_through_an_ely_centre_under_a_specific_objective(demo):
    funding = Funding.objects.get(project__slug="vamos")
    assert funding.funder.slug == "euroopan-sosiaalirahasto"
    assert funding.intermediary is not None
    assert funding.intermediary.slug == "pohjois-pohjanmaan-ely-keskus"
    assert funding.programme is not None
    path = funding.programme.path()
    assert [node.level for node in path] == [
        ProgrammeLevel.FUND,
        ProgrammeLevel.PROGRAMME,
        ProgrammeLevel.PRIORITY_AXIS,
        ProgrammeLevel.SPECIFIC_OBJECTIVE,
    ]
    assert path[0].funding_body == funding.funder
    assert path[1].name_fi == "Kestävää kasvua ja työtä 2014–2020 – Suomen rakennerahasto-ohjelma"
    # The objective as the seed names it, in every language.
    objective = path[-1]
    assert objective.name_fi == (
        "Siirtymävaiheita ja koulutuksellista tasa-arvoa tukevien palveluiden parantaminen"
    )
    assert objective.name_sv and objective.name_en
    # Keskeyttämisestä kohtaamiseen names only the fund: its funding points at the fund.
    esr = Funding.objects.get(project__slug="keskeyttamisesta-kohtaamiseen")
    assert esr.programme == path[0]


def test_valita_is_a_network_of_its_member_projects(demo):
    valita = Project.objects.get(slug="valita-visa-omtanke")
    members = ProjectRelation.objects.filter(to_project=valita, kind=RelationKind.MEMBER_OF)
    assert {relation.from_project.slug for relation in members} == {"hymy", "sokka"}
    assert valita.scope == Scope.NATIONAL
    assert [(i.scheme, i.value) for i in valita.identifiers.all()] == [
        (IdentifierScheme.SOURCE_URL, "https://www.winnova.fi/valita/")
    ]
    funding = valita.fundings.get()
    assert funding.programme is not None
    assert funding.programme.name_fi == "Sosiaalisesti kestävä ammatillinen koulutus"


def test_keskeyttamisesta_kohtaamiseen_has_ended_as_it_states_at_varia_in_vantaa(demo):
    project = Project.objects.get(slug="keskeyttamisesta-kohtaamiseen")
    assert project.stated_phase == ProjectStatus.ENDED
    assert project.status() == ProjectStatus.ENDED
    assert not project.phase_disagrees
    assert project.scope == Scope.LOCAL
    assert [m.name_fi for m in project.municipalities.all()] == ["Vantaa"]
    # The page names Varia without a role.
    implementer = project.implementers.get()
    assert (implementer.organisation.slug, implementer.role) == (
        "varia",
        ImplementerRole.NOT_STATED,
    )
    assert implementer.note_fi and implementer.note_sv and implementer.note_en


def test_the_organisations_that_carry_out_a_project_maintain_its_record(demo):
    for project in Project.objects.prefetch_related("maintainers", "implementers"):
        assert {organisation.pk for organisation in project.maintainers.all()} == {
            implementer.organisation_id for implementer in project.implementers.all()
        }, project.slug
    # So Omnia's editors keep VAMOS, which Omnia helps carry out, and nothing else.
    omnia = Organisation.objects.get(slug="omnia")
    assert list(Project.objects.of_organisations([omnia.pk])) == [Project.objects.get(slug="vamos")]


def test_the_demo_is_found_by_its_other_name_programme_and_municipality(demo):
    def ordered(text: str) -> list[str]:
        return [project.slug for project in project_search(ProjectFilters(q=text))]

    def found(text: str) -> set[str]:
        return set(ordered(text))

    assert found("pudokkuuden") == {"vamos"}
    assert found("elinikäinen") == {"vamos"}
    assert found("Vanda") == {"keskeyttamisesta-kohtaamiseen"}
    assert found("winnova") == {"valita-visa-omtanke"}
    # Its source address: other pages' addresses share "www" and "fi", and rank after it.
    assert ordered("www.winnova.fi")[0] == "valita-visa-omtanke"


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
