"""Every public page in fi, sv and en: no serious or critical axe-core violation (the
registration form with its errors shown included), the accessibility statement linked from the
footer, no sideways scrolling on a 375 px wide phone screen or at 200 % zoom, and pictures of
the main pages in build/screenshots/."""

import re
from collections.abc import Callable
from pathlib import Path

import pytest
from playwright.sync_api import BrowserContext, Page, expect

from forums.models import Meeting, Registration, StakeholderGroup
from forums.tokens import registration_token

from .support import axe_violations, layout_problems, path, screenshot

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

DESKTOP_SIZE = {"width": 1280, "height": 900}
PHONE_SIZE = {"width": 375, "height": 812}
# A 1280 px wide window zoomed to 200 % lays the page out as a 640 px wide one does.
ZOOMED_SIZE = {"width": 640, "height": 450}
SCREENSHOT_PAGES = {"home", "projects", "project", "forums", "meeting-errors"}
MEETING_TITLE_FI = "Kodin ja koulun yhteistyö toisella asteella"


def public_pages(language: str, meeting: Meeting) -> dict[str, str]:
    """The pages anyone can open, by the name their screenshots get."""
    return {
        "home": path("home", language),
        "projects": path("projects:list", language),
        "projects-filtered": path("projects:list", language) + "?region=uusimaa&status=ended",
        "project": path("projects:detail", language, slug="yhessa"),
        "organisation": path(
            "projects:organisation", language, slug="helsingin-diakonissalaitoksen-saatio"
        ),
        "forums": path("forums:list", language),
        "forum": path("forums:forum", language, slug="omapolku-yhteistyofoorumit"),
        "archive": path("forums:archive", language),
        "meeting": path("forums:meeting", language, pk=meeting.pk),
        "accessibility": path("accessibility", language),
        "privacy": path("privacy", language),
        "not-found": f"/{language}/no-such-page/",
    }


class Checks:
    """Runs every check on the page in front of it and collects what it finds, so that one
    run reports all the problems of all the pages."""

    def __init__(self, page: Page, language: str, screenshots: Path | None) -> None:
        self.page = page
        self.language = language
        self.screenshots = screenshots
        self.problems: list[str] = []

    def __call__(self, name: str) -> None:
        page = self.page
        # A page reached by a form's button is checked once its style sheet has loaded: axe
        # measures the touch targets as the visitor sees them, not the unstyled page.
        page.wait_for_load_state("load")
        expect(page.locator("html")).to_have_attribute("lang", self.language)
        footer_links = page.get_by_role("contentinfo").get_by_role("link")
        expect(footer_links.first).to_have_attribute("href", path("accessibility", self.language))
        expect(footer_links.last).to_have_attribute("href", path("privacy", self.language))
        self.problems.extend(f"{name}: axe: {violation}" for violation in axe_violations(page))
        folder = self.screenshots if name in SCREENSHOT_PAGES else None
        if folder is not None:
            screenshot(page, folder, f"{name}-{self.language}-desktop")
        for size, label in ((ZOOMED_SIZE, "at 200 %"), (PHONE_SIZE, "375 px wide")):
            page.set_viewport_size(size)
            self.problems.extend(f"{name} {label}: {p}" for p in layout_problems(page))
        if folder is not None:
            screenshot(page, folder, f"{name}-{self.language}-phone")
        page.set_viewport_size(DESKTOP_SIZE)


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_public_pages_are_accessible(
    demo: None,
    new_context: Callable[..., BrowserContext],
    outside_requests: list[str],
    screenshots: Path,
    language: str,
) -> None:
    meeting = Meeting.objects.get(title_fi=MEETING_TITLE_FI)
    parents = StakeholderGroup.objects.get(slug="parents")
    page = new_context(language, viewport=DESKTOP_SIZE).new_page()
    check = Checks(page, language, screenshots if language in ("fi", "en") else None)

    for name, address in public_pages(language, meeting).items():
        response = page.goto(address)
        assert response is not None
        assert response.status == (404 if name == "not-found" else 200), address
        check(name)

    # The registration form sent empty shows its errors; then the pages a registrant sees.
    page.goto(path("forums:meeting", language, pk=meeting.pk))
    form = page.locator("form.registration-form")
    form.locator("button[type=submit]").click()
    expect(page.locator("#error-summary")).to_be_focused()
    check("meeting-errors")
    form.locator("input[name=name]").fill("Sara Ali")
    form.locator("input[name=email]").fill(f"sara.{language}@example.org")
    form.locator("select[name=group]").select_option(str(parents.pk))
    form.locator("select[name=age_group]").select_option("adult")
    form.locator("input[name=consent]").check()
    form.locator("button[type=submit]").click()
    expect(page).to_have_url(re.compile(rf"/{language}/meetings/{meeting.pk}/registered/$"))
    check("registration-sent")
    registration = Registration.objects.get(email=f"sara.{language}@example.org")
    page.goto(path("forums:registration", language, token=registration_token(registration)))
    check("registration-to-confirm")
    page.locator("main form button[type=submit]").click()
    expect(page.locator("main form")).to_have_count(0)
    check("registration")
    page.goto(page.url + "cancel/")
    check("cancel")
    page.locator("main form button[type=submit]").click()
    expect(page.locator("main form")).to_have_count(0)
    check("cancelled")

    assert check.problems == []
    assert outside_requests == []


def test_accessibility_statement_is_reached_from_the_footer(
    new_context: Callable[..., BrowserContext],
) -> None:
    """The statement that Act 306/2019 requires: what it covers, how accessible the portal is
    and what is not, how and when it was prepared, where to give feedback and the supervisory
    authority to turn to."""
    page = new_context("en").new_page()
    page.goto(path("projects:list", "en"))
    page.get_by_role("contentinfo").get_by_role("link", name="Accessibility statement").click()

    expect(page).to_have_url(re.compile(r"/en/accessibility/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Accessibility statement")
    expect(
        page.get_by_role("contentinfo").get_by_role("link", name="Accessibility statement")
    ).to_have_attribute("aria-current", "page")
    expect(page.get_by_role("heading", level=2)).to_have_text(
        [
            "What this statement covers",
            "How accessible the portal is",
            "Content that is not accessible",
            "How this statement was prepared",
            "Feedback",
            "Enforcement procedure",
        ]
    )
    main = page.get_by_role("main")
    expect(main).to_contain_text("WCAG) 2.1")
    expect(main).to_contain_text("partially meet")
    expect(main).to_contain_text("prepared on Nov. 22, 2026")
    expect(main.get_by_role("link", name="saavutettavuus@example.org")).to_have_attribute(
        "href", "mailto:saavutettavuus@example.org"
    )
    expect(main).to_contain_text("Lupa- ja valvontavirasto")
    expect(main.locator('[lang="fi"]')).to_have_text("Lupa- ja valvontavirasto")
    expect(main.get_by_role("link", name="www.saavutettavuusvaatimukset.fi")).to_have_attribute(
        "href", "https://www.saavutettavuusvaatimukset.fi"
    )

    page.goto(path("accessibility", "fi"))
    expect(page.locator("html")).to_have_attribute("lang", "fi")
    expect(page.get_by_role("main")).to_contain_text("22. marraskuuta 2026")
