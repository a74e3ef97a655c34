"""The API's documentation page (issue 22): Swagger UI served from the portal's own static
files, its start-up script a file of its own, within the Content-Security-Policy (no
'unsafe-inline' for scripts; the page's one inline style allowed by its hash, on that page
only); and in Chromium, the page works with nothing loaded from elsewhere and nothing
blocked."""

import base64
import hashlib
import re
from collections.abc import Callable
from typing import Any

import pytest
from django.contrib.staticfiles import finders
from django.template.loader import get_template

from portal.api import SWAGGER_UI_STYLE_HASH

# The browser tests' fixtures (skipped without Chromium).
from .browser.conftest import browser, new_context, outside_requests  # noqa: F401
from .factories import ProjectFactory

DOCS = "/api/v1/docs/"


def test_the_page_loads_swagger_ui_from_the_portal_itself(client):
    response = client.get(DOCS)

    assert response.status_code == 200
    html = response.content.decode()
    sources = re.findall(r'<(?:script|link)[^>]+(?:src|href)="([^"]+)"', html)
    assert "/static/drf_spectacular_sidecar/swagger-ui-dist/swagger-ui-bundle.js" in sources
    assert "/static/drf_spectacular_sidecar/swagger-ui-dist/swagger-ui.css" in sources
    assert all(source.startswith("/") for source in sources), sources
    for source in sources:
        if source.startswith("/static/"):
            assert finders.find(source.removeprefix("/static/")), source
    # Every script is a file: none has a body.
    assert re.findall(r"<script[^>]*>\s*[^<\s]", html) == []


def test_the_start_up_script_is_a_file_that_loads_the_schema(client):
    html = client.get(DOCS).content.decode()
    (script,) = [
        source.replace("&amp;", "&")
        for source in re.findall(r'<script src="([^"]+)"', html)
        if "script" in source
    ]

    response = client.get(script)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/javascript")
    assert "/api/v1/schema/" in response.content.decode()


def test_the_policy_allows_no_inline_script_and_only_the_pages_own_style(client):
    docs = client.get(DOCS)["Content-Security-Policy"]
    elsewhere = client.get("/api/v1/")["Content-Security-Policy"]

    assert "unsafe-inline" not in docs
    assert "unsafe-eval" not in docs
    directives = dict(part.strip().split(" ", 1) for part in docs.split(";"))
    assert directives["script-src"] == "'self'"
    assert SWAGGER_UI_STYLE_HASH in directives["style-src"]
    assert SWAGGER_UI_STYLE_HASH not in elsewhere


def test_the_hash_is_that_of_the_templates_inline_style():
    source = get_template("drf_spectacular/swagger_ui.html").template.source

    (style,) = re.findall(r"<style>(.*?)</style>", source, re.DOTALL)
    digest = base64.b64encode(hashlib.sha256(style.encode()).digest()).decode()
    assert f"'sha256-{digest}'" == SWAGGER_UI_STYLE_HASH


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_documentation_works_in_a_browser_under_the_policy(
    new_context: Callable[..., Any],  # noqa: F811
    outside_requests: list[str],  # noqa: F811
) -> None:
    """new_context fails the test on any Content-Security-Policy violation."""
    from playwright.sync_api import expect

    ProjectFactory(slug="vamos", name_fi="VAMOS")
    page = new_context("en").new_page()
    page.goto(DOCS)

    expect(page.get_by_role("heading", name=re.compile("Hankeportaali API"))).to_be_visible()
    # The schema was fetched and read: the operations are listed, and one can be tried.
    operation = page.locator("#operations-projects-projects_list")
    expect(operation).to_be_visible()
    operation.locator("button.opblock-summary-control").click()
    page.get_by_role("button", name="Try it out").click()
    with page.expect_response(re.compile(r"/api/v1/projects/")) as answer:
        page.get_by_role("button", name="Execute").click()
    assert answer.value.status == 200
    expect(page.locator(".live-responses-table .highlight-code")).to_contain_text('"vamos"')
    page.wait_for_timeout(200)  # a violation is reported asynchronously
    assert outside_requests == []
