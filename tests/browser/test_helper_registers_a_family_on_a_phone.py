"""A study counsellor registers a family on its behalf on her phone: the question whether the
family has an e-mail address shows the field for it at once; the consent is asked as a group
of radio buttons a screen reader names; the page after registering repeats the helper's own
address, where the link to confirm went. Axe finds nothing serious on either page."""

from collections.abc import Callable

import pytest
from playwright.sync_api import BrowserContext, expect

from forums.models import ConsentMethod, Meeting, Registration

from .conftest import PHONE
from .support import axe_violations, layout_problems, path

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

MEETING_TITLE_FI = "Kodin ja koulun yhteistyö toisella asteella"
HELPER = "maija.ohjaaja@example.org"
FAMILY = "amina.hassan@example.org"


def test_a_counsellor_registers_a_family_on_her_phone(
    demo: None, new_context: Callable[..., BrowserContext], outside_requests: list[str]
) -> None:
    meeting = Meeting.objects.get(title_fi=MEETING_TITLE_FI)
    page = new_context("en", **PHONE).new_page()
    page.goto(path("forums:meeting", "en", pk=meeting.pk))
    page.get_by_role("link", name="form for helpers").tap()
    expect(page.get_by_role("heading", level=1)).to_have_text("Register a family on their behalf")
    family_address = page.get_by_role("group", name="The family's e-mail address")
    expect(family_address).to_be_hidden()
    assert axe_violations(page) + layout_problems(page) == []

    page.get_by_label("Your name").fill("Maija Ohjaaja")
    page.get_by_label("Your e-mail").fill(HELPER)
    page.get_by_label("Name of the family member you register").fill("Amina Hassan")
    page.get_by_label("Language for messages to the family").select_option("so")
    page.locator("#id_group").select_option(index=1)
    page.get_by_label("Does the family have an e-mail address?").select_option("yes")
    expect(family_address).to_be_visible()
    page.get_by_label("The family's e-mail").fill(FAMILY)
    consent = page.get_by_role("group", name="How did the family agree to be registered?")
    consent.get_by_role("radio", name="Through an interpreter").check()
    page.get_by_label("The family has agreed that I register them").check()
    assert axe_violations(page) + layout_problems(page) == []
    page.get_by_role("button", name="Register the family").tap()

    expect(page.get_by_role("heading", level=1)).to_have_text("Check your e-mail")
    expect(page.locator("main .lead")).to_contain_text(HELPER)
    page.wait_for_load_state("load")
    assert axe_violations(page) + layout_problems(page) == []
    registration = Registration.objects.get(helper_email=HELPER)
    assert (registration.email, registration.consent_method) == (
        FAMILY,
        ConsentMethod.INTERPRETER,
    )
    assert outside_requests == []
