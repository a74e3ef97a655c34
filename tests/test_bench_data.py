"""The benchmark data generator (`python -m bench.generate`, bench/data.py) at a tiny
scale: its counts follow the scale, the rules of the database and of the services hold in
what it writes, the same seed gives the same data, and it leaves a populated database alone."""

import io
import re
from collections import Counter, defaultdict

import pytest
from django.db.models import F
from django.db.models.functions import Lower
from django.utils import timezone

from bench.data import Sizes
from bench.generate import RefusedError, generate_into_database
from forums.models import (
    ACTIVE_STATUSES,
    Forum,
    GroupQuota,
    Meeting,
    OutboundEmail,
    Registration,
    RegistrationStatus,
)
from projects.dates import Precision
from projects.models import (
    PROJECT_LONG_TEXTS,
    Funding,
    IdentifierScheme,
    Implementer,
    ImplementerRole,
    Organisation,
    Programme,
    ProgrammeLevel,
    Project,
    ProjectIdentifier,
    ProjectStatus,
)
from projects.selectors import ProjectFilters, project_search

SCALE = 0.005

pytestmark = pytest.mark.django_db


def _generate(seed: int = 1, *, force: bool = False) -> str:
    out = io.StringIO()
    generate_into_database(seed=seed, scale=SCALE, force=force, out=out)
    return out.getvalue()


def _project_rows(projects):
    return list(
        projects.order_by("pk").values_list(
            "name_fi", "name_en", "description_fi", "start_date", "end_precision"
        )
    )


def test_counts_follow_the_scale():
    output = _generate()

    sizes = Sizes.at_scale(SCALE)
    assert Project.objects.count() == sizes.projects == 50
    assert Organisation.objects.count() == sizes.organisations
    assert Implementer.objects.count() == sizes.implementers == 150
    assert Forum.objects.count() == sizes.forums == 1
    assert Meeting.objects.count() == sizes.meetings == 10
    assert Registration.objects.count() == sizes.registrations == 1000
    assert "registrations: 1,000" in output
    assert "Benchmark data generated" in output
    # At scale 1: the portal of issue #6.
    assert Sizes.at_scale(1) == Sizes(
        projects=10_000,
        organisations=3_000,
        implementers=30_000,
        forums=200,
        meetings=2_000,
        registrations=200_000,
    )


def test_projects_are_consistent():
    _generate()
    today = timezone.localdate()

    projects = list(Project.objects.all())
    statuses = Counter(project.status(today) for project in projects)
    assert statuses[ProjectStatus.PLANNED] and statuses[ProjectStatus.ONGOING]
    assert statuses[ProjectStatus.ENDED]
    assert any(project.start_date is None for project in projects)
    for project in projects:
        assert project.name_fi
        assert project.name == project.name_fi  # the untranslated column holds Finnish
        if project.start_date and project.start_precision != Precision.DAY:
            assert project.start_date.day == 1
        if project.start_date and project.start_precision == Precision.YEAR:
            assert project.start_date.month == 1
        if project.end_date and project.end_precision == Precision.YEAR:
            assert (project.end_date.month, project.end_date.day) == (12, 31)
        if project.start_date and project.end_date:
            assert project.end_date >= project.start_date
    assert {project.start_precision for project in projects} == set(Precision.values)
    assert any(project.name_en for project in projects)
    assert any(project.name_sv for project in projects)
    finnish = " ".join(project.description_fi for project in projects)
    for word in ("opiskelijoiden", "opiskelijoille", "koulutuksen", "ammatillisen"):
        assert word in finnish

    # One administrator each; an organisation holds a role in a project at most once.
    administrators = Counter(
        Implementer.objects.filter(role=ImplementerRole.ADMINISTRATOR).values_list(
            "project", flat=True
        )
    )
    assert set(administrators.values()) == {1}
    assert len(administrators) == len(projects)
    triples = list(Implementer.objects.values_list("project", "organisation", "role"))
    assert len(triples) == len(set(triples))
    assert Funding.objects.exists()
    assert not Funding.objects.filter(intermediary=F("funder")).exists()

    # Each project's administrator keeps its record; no organisation does so for a project it
    # has no role in.
    maintained = set(Project.maintainers.through.objects.values_list("project", "organisation"))
    administrator_pairs = set(
        Implementer.objects.filter(role=ImplementerRole.ADMINISTRATOR).values_list(
            "project", "organisation"
        )
    )
    assert administrator_pairs <= maintained
    assert maintained <= set(Implementer.objects.values_list("project", "organisation"))


def test_esf_funding_has_a_eura_code_and_names_a_node_of_the_programme_tree():
    _generate()

    esf = Funding.objects.filter(funder__abbreviation__in=["ESR", "ESR+"])
    assert esf.exists()
    coded = dict(ProjectIdentifier.objects.values_list("project", "scheme"))
    levels = set()
    for funding in esf.select_related("programme"):
        # The code's scheme is the programme period the project started in.
        assert coded[funding.project_id] in {IdentifierScheme.EURA2014, IdentifierScheme.EURA2021}
        assert funding.programme is not None
        path = funding.programme.path()
        assert [node.level for node in path[:2]] == [ProgrammeLevel.FUND, ProgrammeLevel.PROGRAMME]
        assert path[0].funding_body_id == funding.funder_id
        levels.add(funding.programme.level)
    # Some name the programme, others an axis or an objective below it.
    assert ProgrammeLevel.PROGRAMME in levels
    assert levels & {ProgrammeLevel.PRIORITY_AXIS, ProgrammeLevel.SPECIFIC_OBJECTIVE}
    # Every code is valid for its scheme, as admin would check it.
    for identifier in ProjectIdentifier.objects.all():
        identifier.full_clean()


def test_forums_meetings_and_registrations_are_consistent():
    _generate()
    now = timezone.now()

    assert not Forum.objects.filter(project__is_published=False).exists()
    assert all(forum.stakeholder_groups.exists() for forum in Forum.objects.all())
    assert Meeting.objects.past(now).exists()
    assert Meeting.objects.upcoming(now).exists()
    assert not OutboundEmail.objects.exists()  # no e-mail for generated registrations

    registrations = list(Registration.objects.select_related("meeting"))
    forum_groups = {
        meeting.pk: {group.pk for group in meeting.forum.stakeholder_groups.all()}
        for meeting in Meeting.objects.select_related("forum").prefetch_related(
            "forum__stakeholder_groups"
        )
    }
    # Every status but a seat held for an address not yet confirmed: such a hold lasts minutes.
    assert {registration.status for registration in registrations} == set(
        RegistrationStatus.values
    ) - {RegistrationStatus.PENDING}
    quotas = {(quota.meeting_id, quota.group_id): quota.seats for quota in GroupQuota.objects.all()}
    confirmed: Counter[int] = Counter()
    confirmed_in_group: Counter[tuple[int, int]] = Counter()
    waiting_groups: defaultdict[int, set[int]] = defaultdict(set)
    for registration in registrations:
        assert registration.created_at <= now
        assert registration.created_at < registration.meeting.starts_at
        assert (registration.cancelled_at is not None) == (
            registration.status == RegistrationStatus.CANCELLED
        )
        if registration.status == RegistrationStatus.CONFIRMED:
            confirmed[registration.meeting_id] += 1
            confirmed_in_group[registration.meeting_id, registration.group_id] += 1
        elif registration.status == RegistrationStatus.WAITING:
            waiting_groups[registration.meeting_id].add(registration.group_id)
        assert registration.group_id in forum_groups[registration.meeting_id]

    meetings = {meeting.pk: meeting for meeting in Meeting.objects.all()}
    for meeting_id, count in confirmed.items():
        assert count <= meetings[meeting_id].capacity
    for key, count in confirmed_in_group.items():
        assert count <= quotas.get(key, count)
    # Nobody waits while there is a seat for them.
    for meeting_id, groups in waiting_groups.items():
        for group_id in groups:
            full = confirmed[meeting_id] == meetings[meeting_id].capacity
            group_full = confirmed_in_group[meeting_id, group_id] == quotas.get(
                (meeting_id, group_id)
            )
            assert full or group_full

    active = Counter(
        Registration.objects.filter(status__in=ACTIVE_STATUSES).values_list(
            "meeting", Lower("email")
        )
    )
    assert set(active.values()) == {1}
    assert len({registration.cancel_token for registration in registrations}) == len(registrations)


def test_same_seed_same_data_other_seed_other_data():
    _generate(seed=1)
    first = _project_rows(Project.objects.all())
    first_last = Project.objects.order_by("pk").last()
    assert first_last is not None

    _generate(seed=1, force=True)
    again = _project_rows(Project.objects.filter(pk__gt=first_last.pk))
    assert again == first
    second_last = Project.objects.order_by("pk").last()
    assert second_last is not None

    _generate(seed=2, force=True)
    other = _project_rows(Project.objects.filter(pk__gt=second_last.pk))
    assert len(other) == len(first)
    assert [row[0] for row in other] != [row[0] for row in first]
    # Slugs stay unique over the runs, and the programme trees are shared by them.
    slugs = list(Project.objects.values_list("slug", flat=True))
    assert len(slugs) == len(set(slugs))
    assert Programme.objects.filter(level=ProgrammeLevel.FUND).count() == 2


def test_refuses_a_populated_database_without_force():
    Project.objects.bulk_create(Project(slug=f"p{n}", name_fi=f"Hanke {n}") for n in range(101))

    with pytest.raises(RefusedError, match="--force"):
        _generate()
    assert Project.objects.count() == 101

    _generate(force=True)
    assert Project.objects.count() == 101 + Sizes.at_scale(SCALE).projects


@pytest.mark.postgres
def test_search_vectors_let_stemmed_search_find_other_forms():
    _generate()

    assert not Project.objects.filter(search_vector__isnull=True).exists()
    found = list(project_search(ProjectFilters(q="opiskelijoiden")))
    assert found
    # Some are found only through another form of the word ("opiskelijoille", ...).
    other_forms = [
        project
        for project in found
        if not re.search(r"\bopiskelijoiden\b", _finnish_text(project), re.IGNORECASE)
    ]
    assert other_forms


def _finnish_text(project: Project) -> str:
    return " ".join(
        getattr(project, f"{field}_fi") or ""
        for field in ("name", "tagline", "summary", *PROJECT_LONG_TEXTS)
    )
