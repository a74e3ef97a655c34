"""Registering with the keyboard alone: the skip link comes first and is visible, every stop
shows where the focus is, errors are announced in a summary that takes the focus, each error is
tied to its field, and the form can be corrected and sent without a mouse."""

import pytest
from django.utils import translation
from playwright.sync_api import Page, expect

from forums.forms import RegistrationForm
from forums.models import Meeting, Registration, RegistrationStatus

from .support import path

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

# Tab stops must be visible: an outline or a box shadow on the focused element.
FOCUS_SHOWN = """() => {
  const style = getComputedStyle(document.activeElement);
  return (style.outlineStyle !== "none" && parseFloat(style.outlineWidth) >= 2)
    || style.boxShadow !== "none";
}"""
ERROR_RED = "rgb(176, 0, 32)"  # #b00020 in site.css
FOCUSED = "() => document.activeElement.id || document.activeElement.tagName.toLowerCase()"


def tab(page: Page, times: int = 1) -> str:
    """Press Tab; the id (or tag) of the element it reaches, which must show its focus."""
    for _ in range(times):
        page.keyboard.press("Tab")
        assert page.evaluate(FOCUS_SHOWN), page.evaluate("document.activeElement.outerHTML")
    focused: str = page.evaluate(FOCUSED)
    return focused


def tab_to(page: Page, element_id: str, limit: int = 25) -> None:
    """Tab forward until the element has the focus, every stop on the way showing focus."""
    for _ in range(limit):
        if tab(page) == element_id:
            return
    raise AssertionError(f"{element_id} was not reached in {limit} presses of Tab")


def test_registration_with_the_keyboard_alone(demo: None, page: Page) -> None:
    meeting = Meeting.objects.get(title_fi="Kodin ja koulun yhteistyö toisella asteella")
    page.goto(path("forums:meeting", "fi", pk=meeting.pk))

    # The first Tab reaches the skip link, which then shows on the screen; Enter goes to main.
    skip_link = page.get_by_role("link", name="Hyppää sisältöön")
    expect(skip_link).not_to_be_in_viewport()
    tab(page)
    expect(skip_link).to_be_focused()
    expect(skip_link).to_be_in_viewport()
    page.keyboard.press("Enter")
    expect(page.locator("main")).to_be_focused()

    # Through the page to the form, and the empty form sent with Enter on its button.
    tab_to(page, "id_name")
    expect(page.get_by_label("Nimesi")).to_be_focused()
    # The guardian's fields are asked only once "under 15" is chosen: no stop until then.
    fields = ["id_email", "id_phone", "id_group", "id_age_group", "id_organisation"]
    # Who comes along: the demo meeting looks after children too.
    fields += ["id_companion_adults", "id_companion_youth", "id_companion_children"]
    fields += ["id_childcare_children"]
    fields += ["id_language", "id_interpreter_language", "id_needs", "id_consent"]
    assert [tab(page) for _ in fields] == fields
    tab(page)
    expect(page.get_by_role("button", name="Ilmoittaudu")).to_be_focused()
    page.keyboard.press("Enter")

    # The error summary takes the focus, and every error is tied to its field.
    summary = page.locator("#error-summary")
    expect(summary).to_be_focused()
    expect(summary).to_have_attribute("role", "alert")
    summary_links = summary.get_by_role("link")
    expect(summary_links).to_have_count(5)
    for field_id in ["id_name", "id_email", "id_group", "id_age_group", "id_consent"]:
        field = page.locator(f"#{field_id}")
        expect(field).to_have_attribute("aria-invalid", "true")
        if field_id != "id_consent":
            expect(field).to_have_css("border-top-color", ERROR_RED)
        described_by = (field.get_attribute("aria-describedby") or "").split()
        assert f"{field_id}_error" in described_by, field_id
        field_name = field_id.removeprefix("id_")
        with translation.override("fi"):
            message = str(RegistrationForm.base_fields[field_name].error_messages["required"])
        expect(page.locator(f"#{field_id}_error")).to_have_text(message)
        # The summary names the problem in the same words, as a link to the field.
        expect(summary.locator(f'a[href="#{field_id}"]')).to_have_text(message)

    # The summary's first link takes the focus to the field it names.
    tab(page)
    expect(summary_links.first).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.get_by_label("Nimesi")).to_be_focused()

    page.keyboard.type("Noor Ahmadi-Laine")
    tab(page)
    page.keyboard.type("noor.laine@example.org")
    assert tab(page, 2) == "id_group"
    page.keyboard.type("Maahanmuuttajavanhemmat")  # a select jumps to what is typed
    expect(page.locator("#id_group")).to_have_value(
        str(meeting.forum.stakeholder_groups.get(slug="parents").pk)
    )
    tab(page)
    page.keyboard.type("18")  # "18 tai yli"
    expect(page.locator("#id_age_group")).to_have_value("adult")
    tab_to(page, "id_consent")
    page.keyboard.press("Space")
    expect(page.locator("#id_consent")).to_be_checked()
    tab(page)
    page.keyboard.press("Enter")

    expect(page.get_by_role("heading", level=1)).to_have_text("Tarkista sähköpostisi")
    registration = Registration.objects.get(email="noor.laine@example.org")
    assert registration.status == RegistrationStatus.PENDING  # until the address is confirmed
    assert registration.group.slug == "parents"
    assert registration.name == "Noor Ahmadi-Laine"
