"""No personal data in the API (issue 22): a contact person is given by role and organisation
only; registrations, invitees, invitations and walk-ins never appear, nor a meeting's online
link. Checked over the whole API, not field by field: every personal field holds a unique
sentinel and every answer of every endpoint is searched for them; and the OpenAPI schema's
components are walked for any field of a person."""

import datetime
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.db import models
from django.utils import timezone

from forums.models import (
    Forum,
    GroupQuota,
    Invitation,
    Invitee,
    Language,
    Meeting,
    OutboundEmail,
    Registration,
    StakeholderGroup,
    WalkIn,
)
from projects.models import (
    Funding,
    Implementer,
    Municipality,
    Organisation,
    Programme,
    Project,
    ProjectEvent,
    ProjectIdentifier,
    ProjectLink,
    Region,
    Theme,
)

from .api_helpers import catalogue, every_answer, get
from .factories import ContactFactory
from .forum_factories import MeetingFactory, language, register
from .privacy_helpers import end_meeting

pytestmark = pytest.mark.django_db

# What only people's own records hold; a field of the same name on a public record (a
# meeting's status, an organisation's name) is not one of them.
PEOPLES_MODELS = [Registration, Invitee, Invitation, WalkIn, OutboundEmail, User]
PUBLIC_MODELS = [
    Project,
    Organisation,
    Programme,
    Theme,
    Region,
    Municipality,
    Implementer,
    Funding,
    ProjectIdentifier,
    ProjectLink,
    ProjectEvent,
    Forum,
    Meeting,
    GroupQuota,
    Language,
    StakeholderGroup,
]
# A contact's fields beside its role (title) and organisation; the secret online link; who
# spoke at an event.
PERSONAL_FIELDS = {"name", "email", "phone", "workload", "online_url", "speakers"}


def field_names(model_list: list[type[models.Model]]) -> set[str]:
    return {field.name for model in model_list for field in model._meta.get_fields()}


def sentinel(kind: str, number: int) -> str:
    return f"zq{kind}{number}x"


@pytest.fixture
def people() -> list[str]:
    """Everything personal the portal holds, each a unique string; the values to look for."""
    data = catalogue()
    found: list[str] = []

    def mark(kind: str) -> str:
        found.append(sentinel(kind, len(found)))
        return found[-1]

    def address(kind: str) -> str:
        found.append(f"{sentinel(kind, len(found))}@example.org")
        return found[-1]

    for project in (data.project, data.other, data.hidden):
        ContactFactory(
            project=project,
            organisation=data.coordinator,
            name=mark("contact"),
            email=address("contact"),
            phone=mark("phone"),
            workload=mark("workload"),
        )
    data.project.events.update(speakers=mark("speaker"))
    ended: Meeting = MeetingFactory.create(forum=data.forum)
    Meeting.objects.update(online_url=f"https://{mark('online')}.example.org/room")
    group = StakeholderGroup.objects.get(slug="parents")
    for meeting in (data.meeting, ended):
        registration = register(
            meeting,
            address("registrant"),
            name=mark("registrant"),
            phone=mark("phone"),
            organisation=mark("organisation"),
            needs=mark("needs"),
        )
        found.append(registration.cancel_token)
        invitee = Invitee.objects.create(
            name=mark("invitee"),
            email=address("invitee"),
            organisation=mark("organisation"),
            group=group,
            language=language("so"),
            consent_at=timezone.now(),
        )
        Invitation.objects.create(meeting=meeting, invitee=invitee)
        WalkIn.objects.create(meeting=meeting, name=mark("walkin"), group=group)
    editor = User.objects.create_user(
        mark("user"), email=address("user"), first_name=mark("first"), last_name=mark("last")
    )
    data.coordinator.editors.add(editor)
    # Registered for before it was held; its page and detail stay.
    end_meeting(ended, datetime.timedelta(days=1))
    return found


@pytest.mark.parametrize("lang", [None, "sv", "all"])
def test_no_personal_value_is_in_any_answer(client, people, lang):
    params = {"lang": lang} if lang else {}
    answers = dict(every_answer(client, **params))
    # What the crawl does not reach by links: the funders' details (their items link to the
    # organisations'), and the details of ended meetings.
    for slug in ("esr", "ely"):
        answers[f"funders/{slug}/"] = get(client, f"funders/{slug}/", **params)
    for meeting in Meeting.objects.public().past():
        answers[f"meeting {meeting.pk}"] = get(client, f"meetings/{meeting.pk}/", **params)

    assert len(answers) > 30  # every list and detail was read
    for address, response in answers.items():
        text = response.content.decode()
        leaked = [value for value in people if value in text]
        assert leaked == [], address


def test_the_schema_has_no_personal_value_either(client, people):
    text = get(client, "schema", HTTP_ACCEPT="application/json").content.decode()

    assert [value for value in people if value in text] == []


def test_a_contact_is_its_role_and_organisation(client, people):
    (contact,) = [
        item for item in get(client, "projects/vamos/").json()["contacts"] if item["role"]
    ][:1]

    assert set(contact) == {"role", "organisation", "fallbacks"}


@pytest.fixture
def schema(client) -> dict[str, Any]:
    response = get(client, "schema", HTTP_ACCEPT="application/json")
    assert response.status_code == 200
    return dict(response.json())


def properties(node: Any, path: str = "") -> list[tuple[str, str]]:
    """Every property name in a schema, nested objects, arrays and combinations included,
    with where it is."""
    found: list[tuple[str, str]] = []
    if isinstance(node, dict):
        for name, value in node.get("properties", {}).items():
            found.append((path, name))
            found += properties(value, f"{path}.{name}")
        for key, value in node.items():
            if key != "properties":
                found += properties(value, path)
    elif isinstance(node, list):
        for item in node:
            found += properties(item, path)
    return found


def test_the_schema_describes_no_record_of_people(schema):
    components = schema["components"]["schemas"]
    people_words = ("registration", "invitee", "invitation", "walkin", "user", "outbound")

    named_for_people = [
        name for name in components if any(word in name.lower() for word in people_words)
    ]
    assert named_for_people == []


def test_no_component_has_a_field_only_peoples_records_have(schema):
    only_peoples = field_names(PEOPLES_MODELS) - field_names(PUBLIC_MODELS)
    assert {"guardian_email", "needs", "cancel_token", "consent_at"} <= only_peoples

    found = properties(schema["components"]["schemas"])
    assert [(path, name) for path, name in found if name in only_peoples] == []


def test_person_fields_appear_only_as_an_organisations_own(schema):
    """An organisation's office e-mail and switchboard are on its page; no other component
    has a person's name, e-mail, phone, workload, an online link or an event's speakers."""
    components = schema["components"]["schemas"]
    leaks = []
    for component, body in components.items():
        names = {name for _path, name in properties(body)}
        personal = names & PERSONAL_FIELDS
        if "name" in personal and not personal - {"name"}:
            continue  # a project's or a region's name, not a person's
        if component == "Organisation" and personal == {"name", "email", "phone"}:
            continue
        if personal:
            leaks.append((component, sorted(personal)))
    assert leaks == []
    assert set(components["Contact"]["properties"]) == {"role", "organisation", "fallbacks"}


def test_no_parameter_asks_for_a_person(schema):
    asked = {
        parameter["name"]
        for operations in schema["paths"].values()
        for operation in operations.values()
        for parameter in operation.get("parameters", [])
    }
    # A meeting is filtered by a language spoken there: not a person's language.
    only_peoples = field_names(PEOPLES_MODELS) - field_names(PUBLIC_MODELS) - {"language"}
    assert asked & (PERSONAL_FIELDS | only_peoples) == set()
