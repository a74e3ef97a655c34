"""A parent on a phone opens the portal in Finnish, switches to English, finds the OmaPolku
forum, registers with an interpreter, gets the confirmation e-mail and cancels through the
link in it."""

import re
from collections.abc import Callable

import pytest
from django.core import mail
from playwright.sync_api import BrowserContext, expect

from forums.models import Registration, RegistrationStatus

from .conftest import PHONE

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

EMAIL = "fadumo.abdi@example.org"  # not one of the demo registrants


def test_parent_registers_on_a_phone_and_cancels_from_the_email(
    demo: None,
    new_context: Callable[..., BrowserContext],
    live_server,
    settings,
    outside_requests: list[str],
) -> None:
    # Links in e-mails point at the portal's public address: here, the live server.
    settings.PORTAL_URL = live_server.url
    mail.outbox.clear()
    page = new_context("fi", **PHONE).new_page()

    page.goto("/fi/")
    expect(page.locator("html")).to_have_attribute("lang", "fi")
    page.get_by_role("navigation", name="Kieli").get_by_role("link", name="English").tap()
    expect(page).to_have_url(f"{live_server.url}/en/")
    expect(page.locator("html")).to_have_attribute("lang", "en")

    page.get_by_role("navigation", name="Main").get_by_role("link", name="Forums").tap()
    page.get_by_label("Forum").select_option(label="OmaPolku cooperation forums")
    page.get_by_role("button", name="Show meetings").tap()
    meetings = page.get_by_role("article")
    expect(meetings).to_have_count(2)
    meetings.filter(has_text="Home and school after year nine").get_by_role("link").tap()
    expect(page.get_by_role("heading", level=1)).to_have_text("Home and school after year nine")
    expect(page.get_by_role("link", name="OmaPolku cooperation forums")).to_be_visible()

    page.get_by_label("Your name").fill("Fadumo Abdi")
    page.get_by_label("E-mail", exact=True).fill(EMAIL)
    # Each group is named with its seats.
    page.get_by_label("I take part as").select_option(label="Immigrant parents – seats available")
    page.get_by_label("Your age").select_option(label="18 or over")
    expect(page.get_by_label("Language for messages to you", exact=True)).to_have_value("en")
    page.get_by_label("I need an interpreter (optional)").select_option(label="Arabic (العربية)")
    page.get_by_label("I agree that my details are stored").check()
    page.get_by_role("button", name="Register").tap()

    # The page says the same to anyone; where the registration stands goes to the address.
    expect(page.get_by_role("heading", level=1)).to_have_text("Check your e-mail")
    registration = Registration.objects.get(email=EMAIL)
    assert registration.status == RegistrationStatus.PENDING  # a seat held for her
    assert registration.group.slug == "parents"
    assert registration.language.code == "en"
    assert registration.interpreter_language is not None
    assert registration.interpreter_language.code == "ar"

    # She opens the message on her phone and confirms with its link.
    (asking,) = mail.outbox
    assert asking.to == [EMAIL]
    assert asking.subject == "Confirm your registration: Home and school after year nine"
    confirm_links = re.findall(r"^http://\S+/confirm/$", str(asking.body), re.MULTILINE)
    assert len(confirm_links) == 1
    assert "fadumo" not in confirm_links[0].lower()
    page.goto(confirm_links[0])
    expect(page.get_by_role("heading", level=1)).to_have_text("Confirm your registration")
    page.get_by_role("button", name="Confirm my registration").tap()
    expect(page.get_by_role("heading", level=1)).to_have_text("You are registered")
    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.CONFIRMED

    confirmation = mail.outbox[1]
    assert confirmation.subject == "Your place is confirmed: Home and school after year nine"
    cancel_links = re.findall(r"^http://\S+/cancel/$", str(confirmation.body), re.MULTILINE)
    assert len(cancel_links) == 1
    assert cancel_links[0].startswith(f"{live_server.url}/en/registrations/")
    assert "fadumo" not in cancel_links[0].lower()

    page.goto(cancel_links[0])
    expect(page.get_by_role("heading", level=1)).to_have_text("Cancel registration")
    page.get_by_role("button", name="Yes, cancel my registration").tap()
    expect(page.get_by_role("heading", level=1)).to_have_text("Registration cancelled")
    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.CANCELLED
    assert [message.subject for message in mail.outbox[2:]] == [
        "Your registration is cancelled: Home and school after year nine"
    ]
    assert outside_requests == []
