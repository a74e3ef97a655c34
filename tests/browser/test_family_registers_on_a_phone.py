"""A mother registers her 13-year-old son on her phone, with the keyboard alone: choosing
"under 15" shows the fields for her own address at once, right after the choice and next in
the tab order; the page after registering repeats the son's address. Without JavaScript the
same form asks for her address once the choice is sent. Choosing another age group again
hides her fields and sends nothing of them."""

from collections.abc import Callable

import pytest
from django.utils import translation
from django.utils.translation import gettext
from playwright.sync_api import BrowserContext, Page, expect

from forums.models import AgeGroup, Meeting, Registration, StakeholderGroup

from .conftest import PHONE
from .support import axe_violations, layout_problems, path

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

MEETING_TITLE_FI = "Kodin ja koulun yhteistyö toisella asteella"
SON = "yusuf.warsame@example.org"
MOTHER = "hodan.warsame@example.org"
FOCUSED = "() => document.activeElement.id || document.activeElement.tagName.toLowerCase()"


def meeting_path(language: str) -> str:
    meeting = Meeting.objects.get(title_fi=MEETING_TITLE_FI)
    return path("forums:meeting", language, pk=meeting.pk)


def tab_to(page: Page, element_id: str, limit: int = 40) -> None:
    """Press Tab until the element has the focus."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(FOCUSED) == element_id:
            return
    raise AssertionError(f"{element_id} was not reached in {limit} presses of Tab")


def page_checks(page: Page) -> list[str]:
    return axe_violations(page) + layout_problems(page)


def test_a_mother_registers_her_son_with_the_keyboard_on_a_phone(
    demo: None, new_context: Callable[..., BrowserContext], outside_requests: list[str]
) -> None:
    page = new_context("en", **PHONE).new_page()
    page.goto(meeting_path("en"))
    guardian = page.get_by_role("group", name="Your parent or guardian")
    expect(guardian).to_be_hidden()
    assert page_checks(page) == []

    tab_to(page, "id_name")
    page.keyboard.type("Yusuf Warsame")
    tab_to(page, "id_email")
    page.keyboard.type(SON)
    tab_to(page, "id_group")
    page.keyboard.type("Young")  # a select jumps to what is typed
    expect(page.locator("#id_group option:checked")).to_have_text("Young people – seats available")
    tab_to(page, "id_age_group")
    age = page.locator("#id_age_group")
    before = age.bounding_box()
    page.keyboard.type("under")

    # At once, right after the choice; the choice and the focus stay where they were.
    expect(age).to_have_value(AgeGroup.UNDER_15)
    expect(guardian).to_be_visible()
    expect(age).to_be_focused()
    assert age.bounding_box() == before
    assert page_checks(page) == []

    # Next in the tab order: the mother's address and the language she reads.
    page.keyboard.press("Tab")
    expect(page.get_by_label("Your parent's or guardian's e-mail")).to_be_focused()
    page.keyboard.type(MOTHER)
    page.keyboard.press("Tab")
    expect(page.get_by_label("Language for messages to your parent or guardian")).to_be_focused()
    page.keyboard.type("Somali")
    tab_to(page, "id_consent")
    page.keyboard.press("Space")
    page.keyboard.press("Tab")
    expect(page.get_by_role("button", name="Register")).to_be_focused()
    page.keyboard.press("Enter")

    expect(page.get_by_role("heading", level=1)).to_have_text("Check your e-mail")
    expect(page.locator("main .lead")).to_contain_text(SON)
    page.wait_for_load_state("load")
    assert page_checks(page) == []
    registration = Registration.objects.get(email=SON)
    assert registration.age_group == AgeGroup.UNDER_15
    assert registration.guardian_email == MOTHER
    assert registration.guardian_language is not None
    assert registration.guardian_language.code == "so"
    assert outside_requests == []


def test_choosing_an_older_age_group_hides_the_guardians_fields_and_sends_nothing_of_them(
    demo: None, new_context: Callable[..., BrowserContext]
) -> None:
    page = new_context("en", **PHONE).new_page()
    page.goto(meeting_path("en"))
    guardian = page.get_by_role("group", name="Your parent or guardian")
    page.get_by_label("Your name").fill("Yusuf Warsame")
    page.get_by_label("E-mail", exact=True).fill(SON)
    page.locator("#id_group").select_option(label="Young people – seats available")
    page.get_by_label("Your age").select_option(AgeGroup.UNDER_15)
    page.get_by_label("Your parent's or guardian's e-mail").fill(MOTHER)
    page.get_by_label("Your age").select_option(AgeGroup.FROM_15_TO_17)
    expect(guardian).to_be_hidden()
    page.get_by_label("I agree that my details are stored").check()

    with page.expect_request(lambda request: request.method == "POST") as sent:
        page.get_by_role("button", name="Register").tap()
    assert "guardian_email" not in (sent.value.post_data or "")
    expect(page.get_by_role("heading", level=1)).to_have_text("Check your e-mail")
    assert Registration.objects.get(email=SON).guardian_email == ""


def test_without_javascript_the_form_asks_for_the_guardian_once_under_15_is_sent(
    demo: None, new_context: Callable[..., BrowserContext]
) -> None:
    page = new_context("fi", java_script_enabled=False, **PHONE).new_page()
    page.goto(meeting_path("fi"))
    guardian = page.locator("#guardian-fields")
    expect(guardian).to_be_hidden()
    page.locator("#id_name").fill("Yusuf Warsame")
    page.locator("#id_email").fill(SON)
    page.locator("#id_group").select_option(str(StakeholderGroup.objects.get(slug="youth").pk))
    page.locator("#id_age_group").select_option(AgeGroup.UNDER_15)
    expect(guardian).to_be_hidden()  # nothing runs in this browser to show them
    page.locator("#id_needs").fill("Kasvisruoka")
    page.locator("#id_consent").check()
    page.locator("form.registration-form button[type=submit]").tap()

    # Back with the guardian's fields, what is missing said in Finnish, nothing typed lost.
    expect(guardian).to_be_visible()
    with translation.override("fi"):
        needed = gettext("You are under 15: enter the e-mail address of your parent or guardian.")
    expect(page.locator("#id_guardian_email_error")).to_have_text(needed)
    expect(page.locator("#error-summary")).to_contain_text(needed)
    expect(page.locator("#id_name")).to_have_value("Yusuf Warsame")
    expect(page.locator("#id_email")).to_have_value(SON)
    expect(page.locator("#id_age_group")).to_have_value(AgeGroup.UNDER_15)
    expect(page.locator("#id_needs")).to_have_value("Kasvisruoka")
    expect(page.locator("#id_consent")).to_be_checked()
    assert not Registration.objects.filter(email=SON).exists()
    assert layout_problems(page) == []

    page.locator("#id_guardian_email").fill(MOTHER)
    page.locator("form.registration-form button[type=submit]").tap()

    expect(page.locator("main .lead")).to_contain_text(SON)
    assert Registration.objects.get(email=SON).guardian_email == MOTHER
