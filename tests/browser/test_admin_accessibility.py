"""The admin pages a project's staff use, in Finnish and Swedish, logged in through the
Editors and Data protection groups: no serious or critical axe-core violation at 1280 px
(check-in at 375 px, on a phone), and the fields' language tabs work with the keyboard."""

import datetime
from collections.abc import Callable

import pytest
from django.contrib.auth.models import User
from django.utils import timezone
from playwright.sync_api import BrowserContext, Page, expect

from forums.models import Forum, ImportStatus, InviteeImport, Meeting, Registration
from portal.roles import DATA_PROTECTION, EDITORS
from projects.models import Organisation, Project

from ..forum_factories import register
from .conftest import PHONE
from .support import admin_log_in, axe_violations, omnia_staff

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def staff(demo: None) -> User:
    """Omnia's project staff, who also answer people's requests for their personal data."""
    return omnia_staff("sanna.saavutettava", EDITORS, DATA_PROTECTION)


@pytest.fixture
def meeting(demo: None) -> Meeting:
    forum = Forum.objects.get(slug="omapolku-yhteistyofoorumit")
    starts = timezone.now() + datetime.timedelta(hours=1)
    meeting = Meeting.objects.create(
        forum=forum,
        title_fi="Saavutettava foorumi",
        starts_at=starts,
        ends_at=starts + datetime.timedelta(hours=2),
        capacity=10,
    )
    register(
        meeting, "aino@example.org", name="Aino Aaltonen", group=forum.stakeholder_groups.first()
    )
    return meeting


def logged_in(new_context: Callable[..., BrowserContext], user: User, language: str) -> Page:
    page = new_context(language).new_page()
    admin_log_in(page, user)
    return page


# Two of axe-core's rules insert <style> elements into the page to do their work (one rereads
# the stylesheets that Django admin's forms.css @imports), which the Content-Security-Policy
# blocks, and the tests report. What they check is checked here directly instead: no style
# rule that depends on the screen's orientation, and no audio or video that plays by itself.
ORIENTATION_LOCKS_AND_AUTOPLAY = """() => {
  const found = Array.from(document.querySelectorAll("audio[autoplay], video[autoplay]"))
    .map((media) => `${media.tagName} plays by itself`);
  const read = (sheet) => {
    for (const rule of sheet.cssRules) {
      if (rule.styleSheet) read(rule.styleSheet);
      const condition = rule.conditionText || (rule.media && rule.media.mediaText) || "";
      if (condition.includes("orientation")) found.push(`${sheet.href}: ${condition}`);
    }
  };
  for (const sheet of document.styleSheets) read(sheet);
  return found;
}"""


def violations(page: Page) -> list[str]:
    found: list[str] = page.evaluate(ORIENTATION_LOCKS_AND_AUTOPLAY)
    return found + axe_violations(page, disabled=("css-orientation-lock", "no-autoplay-audio"))


def widgets_ready(page: Page) -> None:
    """The admin's scripts build their widgets after the page has loaded; the portal's own
    fills in their names after them."""
    page.wait_for_load_state("load")
    expect(page.locator("a.ui-tabs-anchor:not([inert])")).to_have_count(0)
    expect(page.locator("#modeltranslation-main-switch:not([aria-label])")).to_have_count(0)


def admin_pages(meeting: Meeting, staff: User) -> list[str]:
    omapolku = Project.objects.get(slug="omapolku")
    omnia = Organisation.objects.get(slug="omnia")
    registration = Registration.objects.get(meeting=meeting)
    job = InviteeImport.objects.create(
        kept_by=omnia, started_by=staff, file_name="kutsuttavat.csv", status=ImportStatus.DONE
    )
    return [
        "/admin/",
        "/admin/projects/project/",
        "/admin/projects/project/add/",
        f"/admin/projects/project/{omapolku.pk}/change/",
        f"/admin/projects/organisation/{omnia.pk}/change/",
        "/admin/forums/forum/",
        f"/admin/forums/forum/{meeting.forum_id}/change/",
        f"/admin/forums/forum/{meeting.forum_id}/balance/",
        "/admin/forums/meeting/",
        "/admin/forums/meeting/add/",
        f"/admin/forums/meeting/{meeting.pk}/change/",
        f"/admin/forums/meeting/{meeting.pk}/invite/",
        f"/admin/forums/meeting/{meeting.pk}/balance/",
        "/admin/forums/registration/",
        f"/admin/forums/registration/{registration.pk}/change/",
        "/admin/forums/invitee/",
        "/admin/forums/invitee/import/",
        f"/admin/forums/invitee/import/{job.pk}/",
        "/admin/personal-data/",
    ]


@pytest.mark.parametrize("language", ["fi", "sv"])
def test_the_admin_pages_staff_use_are_accessible(
    staff: User, meeting: Meeting, new_context: Callable[..., BrowserContext], language: str
) -> None:
    page = logged_in(new_context, staff, language)
    found = {}
    for address in admin_pages(meeting, staff):
        response = page.goto(address)
        assert response is not None and response.ok, address
        widgets_ready(page)
        if problems := violations(page):
            found[address] = problems
    phone = logged_in(new_context, staff, language)
    phone.set_viewport_size({"width": PHONE["viewport"]["width"], "height": 812})
    phone.goto(f"/admin/forums/meeting/{meeting.pk}/check-in/")
    widgets_ready(phone)
    if problems := violations(phone):
        found["check-in at 375 px"] = problems
    assert found == {}


def test_the_language_tabs_work_with_the_keyboard(
    staff: User, new_context: Callable[..., BrowserContext]
) -> None:
    page = logged_in(new_context, staff, "fi")
    page.goto("/admin/projects/project/add/")
    widgets_ready(page)
    tabs = page.locator(".ui-tabs").filter(has=page.locator("#id_name_fi")).get_by_role("tab")
    finnish, swedish, english = tabs.all()
    expect(finnish).to_have_accessible_name("Nimi: Suomi")
    expect(finnish).to_have_attribute("aria-selected", "true")

    # Only the chosen tab is a stop for Tab; the arrow keys move between the languages.
    page.locator("#id_slug").focus()
    page.keyboard.press("Shift+Tab")
    while not page.evaluate("document.activeElement.getAttribute('role') === 'tab'"):
        page.keyboard.press("Shift+Tab")
    expect(finnish).to_be_focused()
    page.keyboard.press("ArrowRight")
    expect(swedish).to_be_focused()
    expect(swedish).to_have_attribute("aria-selected", "true")
    expect(finnish).to_have_attribute("aria-selected", "false")
    expect(page.locator("#id_name_sv")).to_be_visible()
    expect(page.locator("#id_name_fi")).to_be_hidden()
    page.keyboard.press("End")
    expect(english).to_be_focused()
    expect(page.locator("#id_name_en")).to_be_visible()

    # From the tab, Tab goes into its field: nothing in between to stop at.
    page.keyboard.press("Tab")
    expect(page.locator("#id_name_en")).to_be_focused()
    page.keyboard.type("Language Bridge")
    expect(page.locator("#id_name_en")).to_have_value("Language Bridge")


def test_rows_added_to_a_form_get_names_too(
    staff: User, new_context: Callable[..., BrowserContext]
) -> None:
    page = logged_in(new_context, staff, "fi")
    page.goto("/admin/projects/project/add/")
    widgets_ready(page)
    page.get_by_role("button", name="Toteuttaja: lisää uusi").click()
    page.get_by_role("button", name="Rahoitus: lisää uusi").click()
    expect(page.locator("#implementers-0")).to_be_visible()
    widgets_ready(page)
    assert violations(page) == []
