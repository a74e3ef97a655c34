"""A study counsellor or an association's worker registers a family on its behalf (issue 23):
through the real form, as a stranger to the portal. The helper confirms through the link sent
to them; then the family hears in its own language at its own address, if it has one, and the
helper gets a copy with the link for cancelling, in the helper's language. The form refuses
what the public form refuses. Rate limits, privacy and admin: test_assisted_safeguards.py."""

import pytest
from django.conf import settings
from django.core import mail
from django.test import Client
from django.utils import timezone, translation
from django.utils.translation import gettext

from forums.email_texts import (
    FAMILY_TOLD,
    FAMILY_WITHOUT_EMAIL,
    GUARDIAN_WAITING,
    HELPER_MESSAGES,
    HELPER_UNCONFIRMED_WAITING,
    MESSAGES,
    PASS_ON,
    REGISTERED_BY_FROM,
    THEIR_PLACE_CONFIRMED,
    WAITING_INTROS,
    WaitingReason,
)
from forums.models import (
    AgeGroup,
    ConsentMethod,
    EmailKind,
    OutboundEmail,
    Registration,
    RegistrationStatus,
)

from .assisted_helpers import (
    HELPER,
    assisted_form,
    helper_page,
    message_of,
    page_path,
    said,
    sent_to,
    submit,
)
from .forum_factories import MeetingFactory, links_to_registration, register
from .forum_page_helpers import url
from .page_html import find_all, links

pytestmark = pytest.mark.django_db

FAMILY = "amina.hassan@example.org"
# The page the helper used, the family's language, and the language the family reads its
# messages in: its own where the portal has texts in it, else the helper's page's.
LANGUAGES = [
    ("en", "fi", "fi"),
    ("fi", "sv", "sv"),
    ("sv", "en", "en"),
    ("fi", "ar", "fi"),
    ("en", "so", "en"),
]


def _confirm(client: Client, capture) -> None:
    """The helper follows the link in the message sent to them, and presses the button."""
    (asking,) = sent_to(HELPER["helper_email"])
    confirm = page_path(asking.body, "confirm")
    assert client.get(confirm).status_code == 200
    with capture(execute=True):
        assert client.post(confirm).status_code == 302


# --- End to end, with both e-mails.


@pytest.mark.parametrize(("page", "family", "family_reads"), LANGUAGES)
def test_a_helper_registers_a_family_and_both_hear_in_their_own_languages(
    django_capture_on_commit_callbacks, page, family, family_reads
):
    meeting = MeetingFactory(capacity=10)
    someone = register(meeting, "someone@example.org")
    helper = Client()

    response = submit(helper, meeting, django_capture_on_commit_callbacks, page, language=family)

    assert response.status_code == 302
    assert response["Location"] == url("forums:registration_sent", page, pk=meeting.pk)
    sent_page = helper.get(response["Location"]).content.decode()
    (lead,) = find_all(sent_page, "p", **{"class": "lead"})
    assert HELPER["helper_email"] in lead.text  # where the link to confirm went
    registration = Registration.objects.exclude(pk=someone.pk).get()
    assert (
        registration.name,
        registration.email,
        registration.language.code,
        registration.ui_language,
        registration.age_group,
        registration.helper_name,
        registration.helper_organisation,
        registration.helper_email,
        registration.consent_method,
    ) == (
        "Amina Hassan",
        FAMILY,
        family,
        page,
        AgeGroup.ADULT,
        HELPER["helper_name"],
        HELPER["helper_organisation"],
        HELPER["helper_email"],
        ConsentMethod.INTERPRETER,
    )
    # The helper alone is asked to confirm, in the language of the page they used.
    assert sent_to(FAMILY) == []
    asking = message_of(registration, EmailKind.CONFIRM_ADDRESS)
    assert (asking.recipient, asking.language) == (HELPER["helper_email"], page)
    text = HELPER_MESSAGES[EmailKind.CONFIRM_ADDRESS]
    with translation.override(page):
        title = meeting.display_title
        assert asking.subject == str(text.subject % {"name": "Amina Hassan", "meeting": title})
        assert str(text.intro % {"name": "Amina Hassan"}) in asking.text_body
        assert gettext("Hello %(name)s,") % {"name": HELPER["helper_name"]} in asking.text_body

    _confirm(helper, django_capture_on_commit_callbacks)

    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.CONFIRMED
    # The family: its confirmation, at its address, in its language, saying who registered it.
    (to_family,) = sent_to(FAMILY)
    confirmation = message_of(registration, EmailKind.CONFIRMATION)
    assert (confirmation.recipient, confirmation.language) == (FAMILY, family_reads)
    assert to_family.subject == confirmation.subject
    assert said(family_reads, MESSAGES[EmailKind.CONFIRMATION].intro) in to_family.body
    by = said(
        family_reads,
        REGISTERED_BY_FROM,
        helper=HELPER["helper_name"],
        organisation=HELPER["helper_organisation"],
    )
    assert by in to_family.body
    # The helper: a copy in their language, with the outcome and the link for cancelling.
    copy = message_of(registration, EmailKind.HELPER_COPY)
    assert (copy.recipient, copy.language) == (HELPER["helper_email"], page)
    assert [message.subject for message in sent_to(HELPER["helper_email"])] == [
        asking.subject,
        copy.subject,
    ]
    for sentence in (
        said(page, HELPER_MESSAGES[EmailKind.HELPER_COPY].intro, name="Amina Hassan"),
        said(page, THEIR_PLACE_CONFIRMED),
        said(page, FAMILY_TOLD, email=FAMILY),
    ):
        assert sentence in copy.text_body
    # The copy's links lead to the helper's own registration, and to nobody else's.
    prefix = f"{settings.PORTAL_URL}/{page}/registrations/"
    assert links_to_registration(copy.text_body, prefix) == [registration]
    assert page_path(copy.text_body, "cancel")


def test_a_family_without_an_address_hears_through_the_helper(django_capture_on_commit_callbacks):
    meeting = MeetingFactory(capacity=10)
    helper = Client()

    response = submit(
        helper,
        meeting,
        django_capture_on_commit_callbacks,
        "fi",
        has_email="no",
        # Typed before the answer "no" hid the field: not read.
        email="typed.before@example.org",
        phone="+358 40 123 4567",
    )
    assert response.status_code == 302
    registration = Registration.objects.get()
    assert (registration.email, registration.phone) == ("", "+358 40 123 4567")

    _confirm(helper, django_capture_on_commit_callbacks)

    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.CONFIRMED
    assert not OutboundEmail.objects.filter(kind=EmailKind.CONFIRMATION).exists()
    assert [message.to for message in mail.outbox] == [[HELPER["helper_email"]]] * 2
    copy = message_of(registration, EmailKind.HELPER_COPY)
    assert copy.language == "fi"
    assert said("fi", FAMILY_WITHOUT_EMAIL) in copy.text_body

    # Later messages go to the helper too: here the helper cancels for the family.
    cancel = page_path(copy.text_body, "cancel")
    with django_capture_on_commit_callbacks(execute=True):
        assert helper.post(cancel).status_code == 200

    cancelled = message_of(registration, EmailKind.CANCELLED)
    assert (cancelled.recipient, cancelled.language) == (HELPER["helper_email"], "fi")
    text = HELPER_MESSAGES[EmailKind.CANCELLED]
    assert said("fi", text.intro, name="Amina Hassan") in cancelled.text_body
    assert said("fi", PASS_ON) in cancelled.text_body


def test_later_messages_go_to_a_family_with_an_address(django_capture_on_commit_callbacks):
    meeting = MeetingFactory(capacity=10)
    helper = Client()
    submit(helper, meeting, django_capture_on_commit_callbacks, "en", language="sv")
    _confirm(helper, django_capture_on_commit_callbacks)
    copy = message_of(Registration.objects.get(), EmailKind.HELPER_COPY)

    with django_capture_on_commit_callbacks(execute=True):
        helper.post(page_path(copy.text_body, "cancel"))

    cancelled = message_of(Registration.objects.get(), EmailKind.CANCELLED)
    assert (cancelled.recipient, cancelled.language) == (FAMILY, "sv")
    assert said("sv", MESSAGES[EmailKind.CANCELLED].intro) in cancelled.text_body
    assert said("sv", PASS_ON) not in cancelled.text_body


def test_a_full_meeting_puts_the_family_on_the_waiting_list_and_says_so_to_both(
    django_capture_on_commit_callbacks,
):
    meeting = MeetingFactory(capacity=1)
    register(meeting, "first@example.org")
    helper = Client()

    submit(helper, meeting, django_capture_on_commit_callbacks, "en", language="fi")
    asking = OutboundEmail.objects.get(
        kind=EmailKind.CONFIRM_ADDRESS, recipient=HELPER["helper_email"]
    )
    full = HELPER_UNCONFIRMED_WAITING[WaitingReason.MEETING_FULL]
    assert said("en", full) in asking.text_body
    _confirm(helper, django_capture_on_commit_callbacks)

    registration = Registration.objects.get(helper_email=HELPER["helper_email"])
    assert registration.status == RegistrationStatus.WAITING
    waiting = message_of(registration, EmailKind.WAITING)
    assert (waiting.recipient, waiting.language) == (FAMILY, "fi")
    intro = WAITING_INTROS[WaitingReason.MEETING_FULL]
    assert said("fi", intro, position=1) in waiting.text_body
    copy = message_of(registration, EmailKind.HELPER_COPY)
    reason = GUARDIAN_WAITING[WaitingReason.MEETING_FULL]
    assert said("en", reason, position=1) in copy.text_body
    assert said("en", THEIR_PLACE_CONFIRMED) not in copy.text_body


def test_one_helper_registers_several_families_without_addresses(
    django_capture_on_commit_callbacks,
):
    meeting = MeetingFactory(capacity=10)
    helper = Client()
    for name in ("Amina Hassan", "Olga Ivanova"):
        response = submit(
            helper, meeting, django_capture_on_commit_callbacks, name=name, has_email="no"
        )
        assert response.status_code == 302
    assert sorted(Registration.objects.values_list("name", flat=True)) == [
        "Amina Hassan",
        "Olga Ivanova",
    ]


# --- The form, its errors and its refusals.


def test_the_public_form_leads_to_the_form_for_helpers(client):
    meeting = MeetingFactory()
    html = client.get(url("forums:meeting", "en", pk=meeting.pk)).content.decode()
    assert f'href="{helper_page(meeting)}"' in html


@pytest.mark.parametrize("language_code", ["fi", "sv", "en"])
def test_errors_are_listed_in_the_helpers_language_and_lead_to_their_fields(client, language_code):
    meeting = MeetingFactory()
    data = assisted_form(meeting, consent_method=None, family_agreed=None, email="")

    response = client.post(helper_page(meeting, language_code), data)

    assert response.status_code == 400
    assert not Registration.objects.exists()
    html = response.content.decode()
    assert f'<html lang="{language_code}">' in html
    (summary,) = find_all(html, "div", id="error-summary")
    assert summary.attrs["role"] == "alert"
    listed_errors = {href: text for text, href in links(html, inside=summary).items()}
    with translation.override(language_code):
        assert listed_errors == {
            "#id_email": gettext(
                "Enter the family's e-mail address, or choose that the family has none."
            ),
            "#id_consent_method_0": gettext("Choose how the family agreed to be registered."),
            "#id_family_agreed": gettext(
                "Tick the box to confirm that the family agreed, so that we can register them."
            ),
        }


def test_the_helpers_own_address_is_not_taken_for_the_familys(client):
    meeting = MeetingFactory()
    response = client.post(
        helper_page(meeting), assisted_form(meeting, email=HELPER["helper_email"])
    )
    assert response.status_code == 400
    assert "This is your own address" in response.content.decode()
    assert not Registration.objects.exists()


def test_a_program_filling_in_the_hidden_field_registers_nobody(client):
    meeting = MeetingFactory()
    response = client.post(
        helper_page(meeting), assisted_form(meeting, website="https://x.example")
    )
    assert response["Location"] == url("forums:registration_sent", pk=meeting.pk)
    assert not Registration.objects.exists()
    assert mail.outbox == []


@pytest.mark.parametrize(
    "meeting_fields",
    [
        {"invitation_only": True},
        {"registration_closes_at": timezone.now() - timezone.timedelta(hours=1)},
    ],
)
def test_a_meeting_closed_to_the_public_form_is_closed_to_helpers(client, meeting_fields):
    meeting = MeetingFactory(**meeting_fields)
    page = client.get(helper_page(meeting)).content.decode()
    assert not find_all(page, "form", **{"class": "registration-form"})

    response = client.post(helper_page(meeting), assisted_form(meeting))

    assert response.status_code == 400
    assert not Registration.objects.exists()
    assert mail.outbox == []
