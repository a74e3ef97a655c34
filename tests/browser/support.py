"""What the browser tests check on every page: axe-core, sideways scrolling, clipped text."""

from pathlib import Path
from typing import Any

from axe_playwright_python.base import AXE_SCRIPT
from django.contrib.auth.models import User
from django.urls import reverse
from django.utils import translation
from playwright.sync_api import Page, expect

from portal.roles import roles_sync
from projects.models import Implementer, ImplementerRole, Organisation, Project

from ..sides import one_time_code

# WCAG 2.0, 2.1 and 2.2 at levels A and AA, and axe's best practices. Only the violations
# come back: the passes of a whole page take longer to hand over than the checks take to run.
AXE_RUN = """(disabled) => axe.run(document, {
  runOnly: {type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa",
                                  "best-practice"]},
  rules: Object.fromEntries(disabled.map((rule) => [rule, {enabled: false}])),
  resultTypes: ["violations"],
}).then((results) => results.violations)"""
BLOCKING_IMPACTS = {"serious", "critical"}


def path(name: str, language: str, **kwargs: object) -> str:
    with translation.override(language):
        return reverse(name, kwargs=kwargs or None)


def axe_violations(page: Page, disabled: tuple[str, ...] = ()) -> list[str]:
    """The serious and critical violations that axe-core (as axe-playwright-python bundles it)
    finds on the page, one line each; `disabled` names rules checked some other way."""
    if not page.evaluate("typeof axe !== 'undefined'"):
        page.evaluate(AXE_SCRIPT)
    violations: list[dict[str, Any]] = page.evaluate(AXE_RUN, list(disabled))
    return [
        f"{violation['id']} ({violation['impact']}) {violation['help']}: "
        + " | ".join(node["html"][:160] for node in violation["nodes"][:5])
        for violation in violations
        if violation["impact"] in BLOCKING_IMPACTS
    ]


# Everything that sticks out to the right of the window, and text cut off by a box that hides
# its overflow. The visually hidden helpers (1 px, clipped on purpose) and the registration
# form's honeypot (off screen and hidden from everyone on purpose) do not count.
LAYOUT_PROBLEMS = """() => {
  const width = document.documentElement.clientWidth;
  const problems = [];
  const pageWidth = document.documentElement.scrollWidth;
  if (pageWidth > width) problems.push(`page is ${pageWidth}px wide in a ${width}px window`);
  const describe = (element) => {
    const classes = typeof element.className === "string" ? element.className.trim() : "";
    const name = element.tagName.toLowerCase() + (element.id ? "#" + element.id : "")
      + (classes ? "." + classes.split(/\\s+/).join(".") : "");
    return `${name} "${(element.textContent || "").trim().slice(0, 40)}"`;
  };
  const hidesOverflow = (style) =>
    ["hidden", "clip"].includes(style.overflowX) || ["hidden", "clip"].includes(style.overflowY);
  for (const element of document.body.querySelectorAll("*")) {
    const style = getComputedStyle(element);
    if (style.display === "none" || style.visibility === "hidden") continue;
    if (element.closest(".visually-hidden, .skip-link, .trap")) continue;
    const box = element.getBoundingClientRect();
    if (box.width === 0 || box.height === 0) continue;
    if (box.right > width + 1) {
      problems.push(`${describe(element)} reaches ${Math.round(box.right)}px`);
    }
    const cut = element.scrollWidth > element.clientWidth + 1
      || element.scrollHeight > element.clientHeight + 1;
    if (hidesOverflow(style) && cut) problems.push(`${describe(element)} cuts off its content`);
  }
  return problems;
}"""


def layout_problems(page: Page) -> list[str]:
    problems: list[str] = page.evaluate(LAYOUT_PROBLEMS)
    return problems


def screenshot(page: Page, folder: Path, name: str) -> None:
    page.screenshot(path=folder / f"{name}.png", full_page=True)


STAFF_PASSWORD = "omnian-henkilosto-2026"


def omnia_staff(username: str, *roles: str) -> User:
    """Project staff of Omnia in the portal's role groups. In these stories Omnia is a
    partner of OmaPolku (the demo's OmaPolku names no implementer) and keeps its record, so
    its staff run OmaPolku's forum and nothing of the other projects."""
    user = User.objects.create_user(
        username, f"{username}@example.org", STAFF_PASSWORD, is_staff=True
    )
    groups = roles_sync()
    user.groups.add(*(groups[role] for role in roles))
    omnia = Organisation.objects.get(slug="omnia")
    omnia.editors.add(user)
    omapolku = Project.objects.get(slug="omapolku")
    Implementer.objects.get_or_create(
        project=omapolku, organisation=omnia, defaults={"role": ImplementerRole.PARTNER}
    )
    # Editors' rights come from keeping the record, not from a role in the project.
    omapolku.maintainers.add(omnia)
    return user


def admin_log_in(page: Page, user: User) -> None:
    """Log in to admin with the password and the authenticator app's code, in any language."""
    page.goto("/admin/")
    page.locator("#id_username").fill(user.username)
    page.locator("#id_password").fill(STAFF_PASSWORD)
    page.locator("#id_otp_token").fill(one_time_code(user))
    page.locator("#login-form [type=submit]").click()
    expect(page.locator("#site-name")).to_have_text("Hankeportaali")
