"""A visitor on a phone searches with a typo, then with a word too far off to be taken for
one: the results page says what it found and for what, marks the matched words, names the
typo it corrected, offers "did you mean" with the region still chosen, and axe-core finds
no serious or critical problem on either page."""

from collections.abc import Callable

import pytest
from playwright.sync_api import BrowserContext, expect

from projects.models import Project
from projects.services import project_search_refresh

from ..factories import ProjectFactory, region
from .conftest import PHONE
from .support import axe_violations, layout_problems, path

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_search_results_mark_the_words_and_suggest_one(
    new_context: Callable[..., BrowserContext], outside_requests: list[str]
) -> None:
    wellbeing = ProjectFactory(
        name_en="Student wellbeing in vocational schools",
        tagline_en="Wellbeing groups for students & their families",
    )
    wellbeing.regions.add(region("uusimaa"))
    other = ProjectFactory(
        name_en="Digital skills for teachers",
        tagline_en="Teachers online",
        summary_en="",
        summary_fi="",
    )
    other.regions.add(region("uusimaa"))
    project_search_refresh(project_ids=list(Project.objects.values_list("pk", flat=True)))

    page = new_context("en", **PHONE).new_page()
    page.goto(path("projects:list", "en"))
    filters = page.locator("form.filters")
    filters.get_by_label("Search", exact=True).fill("studnets wellbeing")
    filters.get_by_label("Region").select_option(label="Uusimaa")
    filters.get_by_role("button", name="Show projects").click()

    results = page.get_by_role("region", name="1 project found for “studnets wellbeing”")
    expect(results).to_be_visible()
    expect(
        results.get_by_text("Showing results for “students” instead of “studnets”.")
    ).to_be_visible()
    card = results.get_by_role("article")
    expect(card).to_have_count(1)
    expect(card.get_by_role("link")).to_have_text("Student wellbeing in vocational schools")
    expect(card.locator("mark")).to_have_text(["Student", "wellbeing", "Wellbeing", "students"])
    assert axe_violations(page) == []
    assert layout_problems(page) == []

    # Three letters wrong: nothing is found, and the word it may be is offered.
    filters.get_by_label("Search", exact=True).fill("wellbxxxg")
    filters.get_by_role("button", name="Show projects").click()
    results = page.get_by_role("region", name="0 projects found for “wellbxxxg”")
    expect(results).to_be_visible()
    expect(results.get_by_role("article")).to_have_count(0)
    suggestion = results.get_by_role("link", name="wellbeing", exact=True)
    expect(suggestion).to_be_visible()
    assert axe_violations(page) == []
    assert layout_problems(page) == []

    suggestion.click()
    results = page.get_by_role("region", name="1 project found for “wellbeing”")
    expect(results).to_be_visible()
    expect(filters.get_by_label("Search", exact=True)).to_have_value("wellbeing")
    expect(filters.get_by_label("Region")).to_have_value("uusimaa")
    expect(results.get_by_role("article").locator("mark")).to_have_text(["wellbeing", "Wellbeing"])
    assert outside_requests == []
