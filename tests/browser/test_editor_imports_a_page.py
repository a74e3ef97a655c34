"""An editor of Omnia, on a phone and with the keyboard alone, pastes a project page into
admin's "Import from text", checks the draft read from it beside the marked text, and saves
it as an unpublished draft that their organisation keeps."""

from collections.abc import Callable

import pytest
from django.contrib.auth.models import User
from playwright.sync_api import BrowserContext, Page, expect

from portal.roles import EDITORS
from projects.models import Organisation, Project

from ..seed_pages import seed_text
from .conftest import PHONE
from .support import admin_log_in, axe_violations, layout_problems, omnia_staff

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def editor(demo: None) -> User:
    return omnia_staff("iida.tuoja", EDITORS)


def checked(page: Page) -> list[str]:
    """What axe-core and the layout check find. Two of axe's rules insert styles the
    Content-Security-Policy blocks (see test_admin_accessibility.py)."""
    return axe_violations(page, disabled=("css-orientation-lock", "no-autoplay-audio")) + (
        layout_problems(page)
    )


def test_an_editor_imports_a_page_on_a_phone_by_keyboard(
    editor: User, new_context: Callable[..., BrowserContext]
) -> None:
    page = new_context("fi", **PHONE).new_page()
    admin_log_in(page, editor)
    page.goto("/admin/projects/project/")
    page.get_by_role("link", name="Tuo tekstistä").focus()
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Tuo hanke tekstistä")
    assert checked(page) == []

    text = page.get_by_label("Sivun teksti")
    text.focus()
    # Typing the whole page would take minutes: the text goes in as a paste does.
    page.keyboard.insert_text(seed_text(1))
    page.keyboard.press("Tab")
    while page.evaluate("document.activeElement.type") != "submit":
        page.keyboard.press("Tab")
    page.keyboard.press("Enter")

    # The draft beside the text, each fact marked where it was found.
    expect(page.get_by_role("heading", name="Luonnos")).to_be_visible()
    marks = page.locator(".import-source mark")
    expect(marks.first).to_be_visible()
    expect(page.locator(".import-source mark", has_text="13.12.2017")).to_have_count(1)
    expect(page.locator("#id_draft-name")).to_have_value("Yhessä")
    expect(page.locator("#import-completeness")).to_have_attribute("value", "50")
    assert checked(page) == []

    save = page.get_by_role("button", name="Tallenna julkaisemattomana luonnoksena")
    save.focus()
    page.keyboard.press("Enter")
    expect(page.locator(".messagelist")).to_contain_text("Yhessä")
    project = Project.objects.get(name_fi="Yhessä", is_published=False)
    assert list(project.maintainers.all()) == [Organisation.objects.get(slug="omnia")]
    assert page.url.endswith(f"/admin/projects/project/{project.pk}/change/")
