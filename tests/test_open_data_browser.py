"""Structured data in a real browser (issue 22): Chromium loads the project, organisation and
meeting pages with their JSON-LD blocks under the Content-Security-Policy and reports no
violation (new_context fails the test on any), and the blocks read as JSON there too. The
listing's download links give the files."""

import json
from collections.abc import Callable
from typing import Any

import pytest

from forums.invitations import invitations_create

# The browser tests' fixtures (skipped without Chromium).
from .browser.conftest import browser, new_context, outside_requests  # noqa: F401
from .open_data_helpers import make_catalogue, url


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_pages_with_json_ld_load_without_a_policy_violation(
    new_context: Callable[..., Any],  # noqa: F811
    outside_requests: list[str],  # noqa: F811
) -> None:
    from playwright.sync_api import expect

    # Outside a test transaction: the invitations are sent as they are committed.
    catalogue = make_catalogue(lambda meeting: invitations_create(meeting_id=meeting.pk))
    organisation = catalogue.project.implementers.all()[0].organisation
    expected_types = {
        url("projects:detail", "en", slug=catalogue.project.slug): "Project",
        url("projects:organisation", "en", slug=organisation.slug): "Organization",
        url("forums:meeting", "en", pk=catalogue.meeting.pk): "Event",
    }
    page = new_context("en").new_page()
    for address, kind in expected_types.items():
        page.goto(address)
        expect(page.get_by_role("heading", level=1)).to_be_visible()
        block = page.locator('script[type="application/ld+json"]')
        expect(block).to_have_count(1)
        assert json.loads(block.text_content() or "")["@type"] == kind
        page.wait_for_timeout(100)  # a violation is reported asynchronously

    page.goto(url("projects:list", "en"))
    with page.expect_download() as download:
        page.get_by_role("link", name="Excel (XLSX)").click()
    assert download.value.suggested_filename.endswith(".xlsx")
    assert outside_requests == []
