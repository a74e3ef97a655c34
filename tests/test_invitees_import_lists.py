"""Each organisation keeps its own list of invitees: editors import onto their
organisation's list (a superuser onto a chosen one), an address on another list is new on
ours and changes nothing there, someone on two lists is invited once, and unsubscribing
holds on every list the address is on."""

import io

import pytest
from django.utils import timezone

from forums.invitations import invitations_create, invitee_unsubscribe
from forums.invitee_imports import invitees_import_csv
from forums.models import Invitation, Invitee, StakeholderGroup
from projects.models import Organisation

from .factories import ImplementerFactory, OrganisationFactory
from .forum_factories import MeetingFactory, language
from .import_helpers import (
    HEADER,
    IMPORT,
    _browser_like,
    _csrf_token,
    _editor,
    _imported,
    _upload,
    csv_text,
    described,
    people,
)

pytestmark = pytest.mark.django_db


def _on_the_list(organisation: Organisation | None, email: str, name: str) -> Invitee:
    return Invitee.objects.create(
        name=name,
        email=email,
        group=StakeholderGroup.objects.get(slug="parents"),
        language=language("fi"),
        organisation="Koulu",
        kept_by=organisation,
        consent_at=timezone.now(),
    )


def test_an_address_on_another_list_is_imported_as_a_new_one_and_changes_nothing_there(
    groups,
):
    """The import once said "this address is on another list": a way to learn who is on
    another organisation's list. Each list is now its own."""
    ours, theirs = OrganisationFactory.create(), OrganisationFactory.create()
    _on_the_list(ours, "kept@example.org", "Oma Henkilö")
    other = _on_the_list(theirs, "other@example.org", "Toisen Henkilö")
    unlisted = _on_the_list(None, "unlisted@example.org", "Listaton Henkilö")
    text = csv_text(
        [
            HEADER,
            ["Uusi Henkilö", "new@example.org", "students", "en"],
            ["Oma Päivitetty", "KEPT@example.org", "parents", "sv"],
            ["Toinen Muutettu", "Other@Example.org", "students", "en"],
            ["Listaton Muutettu", "unlisted@example.org", "students", "en"],
        ]
    )

    report = invitees_import_csv(io.StringIO(text), kept_by=ours)

    # Another list's addresses are new on ours, exactly like an address nobody has.
    assert (report.created, report.updated, report.errors) == (3, 1, [])
    ours_now = {person.email.lower(): person for person in Invitee.objects.filter(kept_by=ours)}
    assert set(ours_now) == {
        "new@example.org",
        "kept@example.org",
        "other@example.org",
        "unlisted@example.org",
    }
    assert ours_now["kept@example.org"].name == "Oma Päivitetty"
    for person in (other, unlisted):
        before = described(person)
        person.refresh_from_db()
        assert described(person) == before
    assert other.kept_by == theirs
    assert unlisted.kept_by is None


def test_someone_on_two_lists_is_invited_once(groups):
    ours, theirs = OrganisationFactory.create(), OrganisationFactory.create()
    meeting = MeetingFactory.create(forum__groups=[StakeholderGroup.objects.get(slug="parents")])
    for organisation in (ours, theirs):
        ImplementerFactory.create(project=meeting.forum.project, organisation=organisation)
        _on_the_list(organisation, "Both@example.org", "Molemmilla")
    _on_the_list(None, "both@EXAMPLE.org", "Portaalin listalla")

    invitations_create(meeting_id=meeting.pk)
    invitations_create(meeting_id=meeting.pk)  # again: nobody twice

    assert Invitation.objects.filter(meeting=meeting).count() == 1


def test_the_list_of_the_organisation_keeping_the_record_is_invited_after_the_implementers(
    groups,
):
    """A project's record may be kept by an organisation that is not one of its implementers
    (a funder cataloguing it): its list is invited too, after the implementers' lists, and
    another organisation's list is not."""
    implementer, keeper, stranger = (OrganisationFactory.create() for _ in range(3))
    meeting = MeetingFactory.create(forum__groups=[StakeholderGroup.objects.get(slug="parents")])
    ImplementerFactory.create(project=meeting.forum.project, organisation=implementer)
    meeting.forum.project.maintainers.add(keeper)
    _on_the_list(implementer, "same@example.org", "Toteuttajan listalla")
    _on_the_list(keeper, "same@example.org", "Ylläpitäjän listalla")
    _on_the_list(keeper, "keeper@example.org", "Vain ylläpitäjän listalla")
    _on_the_list(stranger, "stranger@example.org", "Muun listalla")

    invitations_create(meeting_id=meeting.pk)

    invited = {
        invitation.invitee.email: invitation.invitee.kept_by
        for invitation in Invitation.objects.filter(meeting=meeting).select_related("invitee")
    }
    assert invited == {"same@example.org": implementer, "keeper@example.org": keeper}


def test_editor_of_one_organisation_imports_onto_its_list(
    groups, django_capture_on_commit_callbacks
):
    ours, theirs = OrganisationFactory.create(), OrganisationFactory.create()
    other = _on_the_list(theirs, "other@example.org", "Toisen Henkilö")
    client = _browser_like(_editor(ours))
    page = client.get(IMPORT)
    assert "kept_by" not in page.context["form"].fields  # nothing to choose
    text = csv_text(
        [
            HEADER,
            ["Aino Virtanen", "aino@example.org", "parents", "fi"],
            ["Toinen Muutettu", "other@example.org", "students", "en"],
        ]
    )

    response = _imported(
        client,
        {"csrfmiddlewaretoken": _csrf_token(client), "file": _upload(text)},
        django_capture_on_commit_callbacks,
    )

    assert response.status_code == 200
    assert people()["aino@example.org"].kept_by == ours
    other.refresh_from_db()
    assert other.name == "Toisen Henkilö"
    assert Invitee.objects.filter(email="other@example.org", kept_by=ours).exists()


def test_editor_of_two_organisations_chooses_the_list(groups, django_capture_on_commit_callbacks):
    first, second, stranger = (OrganisationFactory.create() for _ in range(3))
    client = _browser_like(_editor(first, second))
    page = client.get(IMPORT)
    offered = set(page.context["form"].fields["kept_by"].queryset)
    assert offered == {first, second}
    text = csv_text([HEADER, ["Aino Virtanen", "aino@example.org", "parents", "fi"]])
    token = _csrf_token(client)

    refused = client.post(
        IMPORT, {"csrfmiddlewaretoken": token, "file": _upload(text), "kept_by": stranger.pk}
    )
    assert "kept_by" in refused.context["form"].errors
    missing = client.post(IMPORT, {"csrfmiddlewaretoken": token, "file": _upload(text)})
    assert "kept_by" in missing.context["form"].errors
    assert not Invitee.objects.exists()

    _imported(
        client,
        {"csrfmiddlewaretoken": token, "file": _upload(text), "kept_by": second.pk},
        django_capture_on_commit_callbacks,
    )
    assert people()["aino@example.org"].kept_by == second


def test_superuser_may_import_onto_a_chosen_list(
    groups, admin_client, django_capture_on_commit_callbacks
):
    organisation = OrganisationFactory.create()
    text = csv_text([HEADER, ["Aino Virtanen", "aino@example.org", "parents", "fi"]])
    _imported(
        admin_client,
        {"file": _upload(text), "kept_by": organisation.pk},
        django_capture_on_commit_callbacks,
    )
    assert people()["aino@example.org"].kept_by == organisation


def test_unsubscribing_stops_the_invitations_of_every_list_the_address_is_on(groups):
    ours, theirs = OrganisationFactory.create(), OrganisationFactory.create()
    on_ours = _on_the_list(ours, "aino@example.org", "Aino")
    on_theirs = _on_the_list(theirs, "AINO@example.org", "Aino V.")

    invitee_unsubscribe(invitee=on_ours)

    on_theirs.refresh_from_db()
    assert on_theirs.unsubscribed_at is not None


def test_an_address_unsubscribed_on_another_list_is_never_invited_from_ours(groups):
    """Imported onto another list after its owner unsubscribed, the address is not invited,
    and the list's editors are not told that another list has it."""
    ours, theirs = OrganisationFactory.create(), OrganisationFactory.create()
    invitee_unsubscribe(invitee=_on_the_list(theirs, "aino@example.org", "Aino"))
    meeting = MeetingFactory.create(forum__groups=[StakeholderGroup.objects.get(slug="parents")])
    ImplementerFactory.create(project=meeting.forum.project, organisation=ours)

    invitees_import_csv(
        io.StringIO(csv_text([HEADER, ["Aino V.", "Aino@Example.org", "parents", "fi"]])),
        kept_by=ours,
    )
    report = invitations_create(meeting_id=meeting.pk)

    assert Invitee.objects.get(kept_by=ours).unsubscribed_at is None
    assert report.created == 0
    assert not Invitation.objects.filter(meeting=meeting).exists()
