"""Two organisations, each with a project, a forum, a meeting, a registration, an invitee and
an invitation: "ours", whose editor a test logs in as, and "theirs", which that editor must
not reach. A plugin of the test suite (conftest.py), so that every test module can ask for
these fixtures."""

from dataclasses import dataclass

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.utils import timezone
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from forums.models import (
    EmailKind,
    EmailStatus,
    Forum,
    Invitation,
    Invitee,
    Meeting,
    OutboundEmail,
    Registration,
    StakeholderGroup,
)
from portal.roles import EDITORS, roles_sync
from projects.models import ImplementerRole, Organisation, Project

from .factories import ImplementerFactory, OrganisationFactory, ProjectFactory
from .forum_factories import ForumFactory, MeetingFactory, StakeholderGroupFactory, language
from .forum_factories import register as register_for


@dataclass
class Side:
    organisation: Organisation
    project: Project
    forum: Forum
    meeting: Meeting
    registration: Registration
    invitee: Invitee
    invitation: Invitation

    @property
    def email(self) -> OutboundEmail:
        """The confirmation sent for the registration."""
        return OutboundEmail.objects.get(
            registration=self.registration, kind=EmailKind.CONFIRMATION
        )

    @property
    def invitation_email(self) -> OutboundEmail:
        assert self.invitation.email is not None
        return self.invitation.email


def side(name: str, key: str) -> Side:
    organisation = OrganisationFactory.create(abbreviation=name)
    project = ProjectFactory.create(name_fi=f"{name} hanke")
    ImplementerFactory.create(
        project=project, organisation=organisation, role=ImplementerRole.COORDINATOR
    )
    project.maintainers.add(organisation)
    forum = ForumFactory.create(project=project, name_fi=f"{name} foorumi")
    meeting = MeetingFactory.create(forum=forum, title_fi=f"{name} kokous", capacity=1)
    registration = register_for(meeting, f"{key}@example.org", name=f"{name} Henkilö")
    invitee = Invitee.objects.create(
        name=f"{name} Kutsuttu",
        email=f"{key}.invitee@example.org",
        group=StakeholderGroupFactory.create(slug="parents"),
        language=language("fi"),
        kept_by=organisation,
        consent_at=timezone.now(),
    )
    message = OutboundEmail.objects.create(
        kind=EmailKind.INVITATION,
        recipient=invitee.email,
        language="fi",
        subject="Kutsu",
        text_body="Kutsu",
        html_body="<p>Kutsu</p>",
        status=EmailStatus.FAILED,
    )
    invitation = Invitation.objects.create(meeting=meeting, invitee=invitee, email=message)
    return Side(organisation, project, forum, meeting, registration, invitee, invitation)


@pytest.fixture
def ours() -> Side:
    return side("Meidän", "ours")


@pytest.fixture
def theirs() -> Side:
    return side("Heidän", "theirs")


def invitee_on_list(
    email: str, group: StakeholderGroup, kept_by: Organisation | None = None
) -> Invitee:
    """Someone on an organisation's list of invitees (None: the portal-wide list)."""
    return Invitee.objects.create(
        name=email.split("@")[0].title(),
        email=email,
        group=group,
        language=language("fi"),
        kept_by=kept_by,
        consent_at=timezone.now(),
    )


def make_editor(username: str = "editor", *organisations: Organisation) -> User:
    user = User.objects.create_user(username, password="a-long-pass-phrase", is_staff=True)
    user.groups.add(roles_sync()[EDITORS])
    for organisation in organisations:
        organisation.editors.add(user)
    return user


@pytest.fixture
def editor(ours: Side) -> User:
    return make_editor("editor", ours.organisation)


def authenticator(user: User) -> TOTPDevice:
    """The staff member's authenticator app, as a superuser sets it up for them."""
    device = TOTPDevice.objects.filter(user=user).first()
    return device or TOTPDevice.objects.create(user=user, name="app", confirmed=True)


def one_time_code(user: User) -> str:
    """The code the staff member's authenticator app shows now."""
    device = authenticator(user)
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    return f"{totp.token():0{device.digits}d}"


def staff_login(client: Client, user: User) -> Client:
    """Log a staff member in as admin's login leaves them: their password taken, and their
    one-time code verified by the authenticator app's device (made for them here)."""
    device = authenticator(user)
    client.force_login(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return client


@pytest.fixture
def admin_client(admin_user: User) -> Client:
    """pytest-django's superuser client, with the second factor the admin asks for."""
    return staff_login(Client(), admin_user)


@pytest.fixture
def editor_client(editor: User) -> Client:
    return staff_login(Client(), editor)
