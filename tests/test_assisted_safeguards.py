"""What holds for a helper registering families as for anyone (issue 23): a helper learns
nothing of anyone else's registration, the public form's rate limits count the helper's and
the family's addresses and the connection, and admin shows who registered whom to the
editors of the meeting's organisation alone."""

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from forums.models import AgeGroup, ConsentMethod, Registration

from .assisted_helpers import (
    HELPER,
    assisted,
    assisted_form,
    helper_page,
    sent_to,
    submit,
)
from .forum_factories import MeetingFactory, register
from .forum_page_helpers import url
from .page_html import find_all
from .scoping_helpers import is_not_found, listed
from .sides import make_editor, staff_login

pytestmark = pytest.mark.django_db

FAMILY = "amina.hassan@example.org"


# --- Privacy: a helper sees nothing of anyone else's registration.


def test_registering_someone_already_registered_answers_the_helper_as_for_anyone(
    django_capture_on_commit_callbacks,
):
    """Whoever types an address in the helpers' form must not learn whether it is
    registered: the helper is asked to confirm as for any family, and the owner of the address
    hears nothing now (if the helper confirms, the family hears of the registration made for
    it, and can cancel whichever it does not need)."""
    meeting = MeetingFactory(capacity=10)
    own = register(meeting, FAMILY, name="Amina Hassan", language_code="sv")
    helper = Client()
    mail.outbox.clear()

    response = submit(helper, meeting, django_capture_on_commit_callbacks)

    assert response["Location"] == url("forums:registration_sent", pk=meeting.pk)
    (asked,) = sent_to(HELPER["helper_email"])
    assert "/confirm/" in asked.body
    assert sent_to(FAMILY) == []
    own.refresh_from_db()
    assert (own.helper_email, own.consent_method, own.status) == ("", "", "confirmed")
    assert Registration.objects.count() == 2


# --- Rate limits, as for the public form (tests/test_registration_privacy.py).


def test_too_many_registrations_with_one_helpers_address_get_a_429(client, settings):
    settings.REGISTRATION_RATE_PER_EMAIL = "2/h"
    meetings = MeetingFactory.create_batch(3)

    statuses = [
        client.post(
            helper_page(meeting), assisted_form(meeting, email=f"family{number}@example.org")
        ).status_code
        for number, meeting in enumerate(meetings)
    ]

    assert statuses == [302, 302, 429]
    assert Registration.objects.count() == 2


def test_the_familys_address_has_a_limit_of_its_own(client, settings):
    settings.REGISTRATION_RATE_PER_EMAIL = "2/h"
    meetings = MeetingFactory.create_batch(3)

    statuses = [
        client.post(
            helper_page(meeting),
            assisted_form(meeting, helper_email=f"helper{number}@example.org"),
        ).status_code
        for number, meeting in enumerate(meetings)
    ]

    assert statuses == [302, 302, 429]


@pytest.mark.parametrize("language_code", ["fi", "sv", "en"])
def test_too_many_forms_from_one_connection_get_a_429_whichever_form(
    client, settings, language_code
):
    """The helpers' form and the public form count together against the connection."""
    settings.REGISTRATION_RATE_PER_ADDRESS = "2/h"
    meeting = MeetingFactory(capacity=10)
    public = client.post(
        url("forums:meeting", language_code, pk=meeting.pk),
        {
            "name": "Leo Nieminen",
            "email": "leo@example.org",
            "group": str(meeting.forum.stakeholder_groups.first().pk),
            "language": "fi",
            "age_group": AgeGroup.ADULT,
            "consent": "on",
        },
    )
    helped = client.post(helper_page(meeting, language_code), assisted_form(meeting))
    refused = client.post(
        helper_page(meeting, language_code), assisted_form(meeting, name="Olga", has_email="no")
    )

    assert [public.status_code, helped.status_code, refused.status_code] == [302, 302, 429]
    assert refused["Retry-After"] == "3600"
    with translation.override(language_code):
        assert find_all(refused.content.decode(), "h1")[0].text == gettext("Too many attempts")
    # Another connection is not affected.
    other = Client(REMOTE_ADDR="192.0.2.7").post(
        helper_page(meeting), assisted_form(meeting, name="Olga", has_email="no")
    )
    assert other.status_code == 302


def test_invalid_forms_do_not_use_up_a_helpers_limit(client, settings):
    settings.REGISTRATION_RATE_PER_EMAIL = "2/h"
    meeting = MeetingFactory(capacity=10)
    for _attempt in range(5):
        broken = assisted_form(meeting, family_agreed=None)
        assert client.post(helper_page(meeting), broken).status_code == 400

    assert client.post(helper_page(meeting), assisted_form(meeting)).status_code == 302


# --- Admin: who registered whom, for the editors of the meeting's organisation.


def _changelist(**query: str) -> str:
    address = reverse("admin:forums_registration_changelist")
    return address + ("?" + "&".join(f"{key}={value}" for key, value in query.items()))


def test_the_owning_editors_see_who_registered_the_family(ours, editor_client):
    family = assisted(ours.meeting)

    response = editor_client.get(_changelist())
    assert {family.pk, ours.registration.pk} <= listed(response)
    html = response.content.decode()
    assert "Maija Ohjaaja (Tikkurilan koulu)" in html
    # Filtered: the families registered by a helper, or those who registered themselves.
    assert listed(editor_client.get(_changelist(assisted="yes"))) == {family.pk}
    assert family.pk not in listed(editor_client.get(_changelist(assisted="no")))

    change = editor_client.get(
        reverse("admin:forums_registration_change", args=[family.pk])
    ).content.decode()
    assert HELPER["helper_email"] in change
    assert str(ConsentMethod.IN_PERSON.label) in change
    for field in ("helper_name", "helper_email", "consent_method", "companion_adults"):
        assert f'name="{field}"' not in change  # shown, not for changing


def test_another_organisations_editor_sees_nothing_of_it(ours, theirs, editor_client):
    family = assisted(ours.meeting)
    other = staff_login(Client(), make_editor("other", theirs.organisation))

    response = other.get(_changelist())
    assert family.pk not in listed(response)
    assert "Maija Ohjaaja" not in response.content.decode()
    change = other.get(reverse("admin:forums_registration_change", args=[family.pk]))
    assert is_not_found(change)
    # The same request by the owning organisation's editor shows it.
    mine = editor_client.get(reverse("admin:forums_registration_change", args=[family.pk]))
    assert mine.status_code == 200
