"""A study counsellor, in Swedish, searches the catalogue, narrows it by funder and region,
opens a project and follows one of the organisations that implement it."""

import re
from collections.abc import Callable

import pytest
from playwright.sync_api import BrowserContext, expect

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

VAMOS = "INNOsta oppimiseen! VAMOS!"


def test_counsellor_searches_filters_and_follows_an_implementer(
    demo: None, new_context: Callable[..., BrowserContext], outside_requests: list[str]
) -> None:
    page = new_context("sv").new_page()
    page.goto("/sv/")
    page.get_by_role("search").get_by_label("Sök projekt").fill("studerande")
    page.get_by_role("search").get_by_role("button", name="Sök").click()

    expect(page).to_have_url(re.compile(r"/sv/projects/\?q=studerande$"))
    results = page.locator(".results")
    cards = results.get_by_role("article")
    expect(page.get_by_label("Sök", exact=True)).to_have_value("studerande")
    # Both ESF projects describe their students ("studerande") in Swedish.
    expect(cards.filter(has_text=VAMOS)).to_have_count(1)
    expect(cards.filter(has_text="Keskeyttämisestä kohtaamiseen")).to_have_count(1)

    page.get_by_label("Finansiär").select_option(label="Europeiska socialfonden (ESR)")
    page.get_by_label("Landskap").select_option(label="Egentliga Finland")
    page.get_by_role("button", name="Visa projekt").click()

    expect(results.get_by_role("heading", level=2)).to_have_text(
        "1 projekt hittades för ”studerande”"
    )
    expect(cards).to_have_count(1)
    active = page.get_by_role("list", name="Valda filter")
    expect(active.get_by_role("link")).to_have_count(3)
    expect(cards.get_by_role("link")).to_have_text(VAMOS)
    cards.get_by_role("link", name=VAMOS).click()

    expect(page).to_have_url(re.compile(r"/sv/projects/vamos/$"))
    expect(page.get_by_role("heading", level=1)).to_contain_text(VAMOS)
    implementers = page.get_by_role("region", name="Vem genomför projektet")
    # The foundation that administers VAMOS also implements part of it: it is named twice.
    expect(implementers.get_by_role("link")).to_have_count(5)
    tai = implementers.get_by_role("link", name="Turun ammatti-instituutti")
    # The institute has no Swedish name: its Finnish one is marked so screen readers say it so.
    expect(tai).to_have_attribute("lang", "fi")
    tai.click()

    expect(page).to_have_url(re.compile(r"/sv/organisations/turun-ammatti-instituutti/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Turun ammatti-instituutti (TAI)")
    projects = page.get_by_role("region", name="Projekt")
    expect(projects.get_by_role("link", name=VAMOS)).to_have_attribute(
        "href", "/sv/projects/vamos/"
    )
    assert outside_requests == []
