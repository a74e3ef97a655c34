"""A father registers his household on his phone with the keyboard alone: himself, his wife,
their daughter who takes part, and their youngest in the meeting's childcare. A slip of the
thumb first brings the form back with what is wrong beside the household's fields; he puts it
right and reaches the page after registering. axe-core finds no serious or critical
violation on the form, on the form with the errors, or on the page after it."""

from collections.abc import Callable

import pytest
from playwright.sync_api import BrowserContext, Page, expect

from forums.models import AgeGroup, Meeting, Registration

from .conftest import PHONE
from .support import axe_violations, layout_problems, path
from .test_family_registers_on_a_phone import tab_to

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

# The demo's meeting that offers childcare.
MEETING_TITLE_FI = "Kodin ja koulun yhteistyö toisella asteella"
FATHER = "abdirahman.yusuf@example.org"


def page_checks(page: Page) -> list[str]:
    return axe_violations(page) + layout_problems(page)


def retype(page: Page, text: str) -> None:
    """Replace what the focused box holds, as a person does: select it all and type."""
    page.keyboard.press("ControlOrMeta+a")
    page.keyboard.type(text)


def test_a_father_registers_his_household_with_the_keyboard_on_a_phone(
    demo: None, new_context: Callable[..., BrowserContext], outside_requests: list[str]
) -> None:
    meeting = Meeting.objects.get(title_fi=MEETING_TITLE_FI)
    assert meeting.childcare_places > 0
    page = new_context("en", **PHONE).new_page()
    page.goto(path("forums:meeting", "en", pk=meeting.pk))
    household = page.get_by_role("group", name="Who is coming with you?")
    expect(household).to_be_visible()
    expect(household.get_by_label("Children in childcare during the meeting")).to_be_visible()
    expect(page.locator("dd", has_text="Offered during the meeting")).to_be_visible()
    assert page_checks(page) == []

    tab_to(page, "id_name")
    page.keyboard.type("Abdirahman Yusuf")
    tab_to(page, "id_email")
    page.keyboard.type(FATHER)
    tab_to(page, "id_group")
    page.keyboard.type("Immigrant")  # a select jumps to what is typed
    tab_to(page, "id_age_group")
    page.keyboard.type("18")
    expect(page.locator("#id_age_group")).to_have_value(AgeGroup.ADULT)
    # His thumb slips: a minus before his wife, and 11 for their one daughter.
    tab_to(page, "id_companion_adults")
    page.keyboard.type("-1")
    tab_to(page, "id_companion_children")
    page.keyboard.type("11")
    tab_to(page, "id_childcare_children")
    page.keyboard.type("1")
    tab_to(page, "id_consent")
    page.keyboard.press("Space")
    page.keyboard.press("Tab")
    expect(page.get_by_role("button", name="Register")).to_be_focused()
    page.keyboard.press("Enter")

    # Back with the summary focused, each error beside its field, nothing typed lost.
    summary = page.locator("#error-summary")
    expect(summary).to_be_focused()
    expect(summary).to_contain_text("Enter 0 or more.")
    expect(summary).to_contain_text("Enter at most 9.")
    adults = page.get_by_label("Other adults coming with you")
    expect(adults).to_have_attribute("aria-invalid", "true")
    expect(page.locator("#id_companion_adults_error")).to_have_text("Enter 0 or more.")
    expect(page.locator("#id_companion_children_error")).to_contain_text("Enter at most 9.")
    expect(page.locator("#id_name")).to_have_value("Abdirahman Yusuf")
    expect(page.locator("#id_childcare_children")).to_have_value("1")
    expect(page.locator("#id_consent")).to_be_checked()
    page.wait_for_load_state("load")
    assert page_checks(page) == []
    assert not Registration.objects.filter(email=FATHER).exists()

    # From the summary, Shift+Tab would go back up the page; Tab goes on to the fields.
    tab_to(page, "id_companion_adults")
    retype(page, "1")
    tab_to(page, "id_companion_children")
    retype(page, "1")
    page.keyboard.press("Shift+Tab")
    expect(page.locator("#id_companion_youth")).to_be_focused()
    tab_to(page, "id_consent")
    page.keyboard.press("Tab")
    expect(page.get_by_role("button", name="Register")).to_be_focused()
    page.keyboard.press("Enter")

    expect(page.get_by_role("heading", level=1)).to_have_text("Check your e-mail")
    expect(page.locator("main .lead")).to_contain_text(FATHER)
    page.wait_for_load_state("load")
    assert page_checks(page) == []
    registration = Registration.objects.get(email=FATHER)
    assert (
        registration.companion_adults,
        registration.companion_youth,
        registration.companion_children,
        registration.childcare_children,
    ) == (1, 0, 1, 1)
    assert registration.people == 3
    assert outside_requests == []
