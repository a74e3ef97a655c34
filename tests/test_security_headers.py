"""Security headers (issue #7): every page carries the Content-Security-Policy and the other
protective headers, in production and in development, from the page cache too, and has no
inline code that the policy would block. The HTTPS-only ones (HSTS, secure cookies, the
redirect to HTTPS) are there in production only. `check --deploy` is tested in
test_security_headers_deploy.py, the admin's scripts in a browser in
test_security_headers_browser.py."""

import os
import re
import runpy
from collections.abc import Iterator
from typing import Any

import pytest
from django.contrib import admin
from django.test import override_settings
from django.urls import reverse
from django.utils import translation

from forums.models import Meeting

from .factories import ImplementerFactory
from .forum_factories import MeetingFactory
from .page_html import elements, is_structured_data
from .security_headers_helpers import DEVELOPMENT, PRODUCTION, ROOT, _environment
from .sides import one_time_code

SETTINGS_FILE = ROOT / "portal" / "settings.py"

# What the settings module decides from DEBUG and the environment, about security.
SECURITY_SETTINGS = [
    "DEBUG",
    "SECURE_PROXY_SSL_HEADER",
    "SECURE_SSL_REDIRECT",
    "SESSION_COOKIE_SECURE",
    "SESSION_COOKIE_HTTPONLY",
    "CSRF_COOKIE_SECURE",
    "SECURE_HSTS_SECONDS",
    "SECURE_HSTS_INCLUDE_SUBDOMAINS",
    "SECURE_HSTS_PRELOAD",
    "SECURE_CONTENT_TYPE_NOSNIFF",
    "SECURE_REFERRER_POLICY",
    "SECURE_CROSS_ORIGIN_OPENER_POLICY",
    "X_FRAME_OPTIONS",
    "CONTENT_SECURITY_POLICY",
]


def _security_settings(env: dict[str, str], monkeypatch: pytest.MonkeyPatch) -> dict[str, Any]:
    """The security settings as portal/settings.py makes them in that environment."""
    with monkeypatch.context() as patch:
        for key in list(os.environ):
            patch.delenv(key)
        for key, value in _environment(**env).items():
            patch.setenv(key, value)
        module = runpy.run_path(str(SETTINGS_FILE))
    return {name: module[name] for name in SECURITY_SETTINGS}


@pytest.fixture(params=["production", "development"])
def configuration(
    request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch
) -> Iterator[dict[str, Any]]:
    """Each test runs with the security settings of production (DEBUG unset) and of
    development (DEBUG=1), as the settings module makes them from the environment."""
    env = PRODUCTION if request.param == "production" else DEVELOPMENT
    values = _security_settings(env, monkeypatch)
    with override_settings(**values):
        yield values


def directives(response: Any) -> dict[str, list[str]]:
    policy = response["Content-Security-Policy"]
    parsed: dict[str, list[str]] = {}
    for part in policy.split(";"):
        name, *sources = part.split()
        parsed[name] = sources
    return parsed


def assert_strict_policy(response: Any) -> None:
    policy = directives(response)
    assert policy["script-src"] == ["'self'"]
    assert policy["style-src"] == ["'self'"]
    assert policy["default-src"] == ["'self'"]
    assert policy["object-src"] == ["'none'"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert policy["base-uri"] == ["'self'"]
    assert policy["form-action"] == ["'self'"]
    assert not re.search(r"unsafe|\*|https?:(?!//)", response["Content-Security-Policy"])


def assert_protective_headers(response: Any, configuration: dict[str, Any], secure: bool) -> None:
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    if secure and not configuration["DEBUG"]:
        assert response["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains"
    else:
        assert "Strict-Transport-Security" not in response


def fi(name: str, **kwargs: object) -> str:
    with translation.override("fi"):
        return reverse(name, kwargs=kwargs or None)


@pytest.fixture
def pages(db: None) -> dict[str, str]:
    """One page of each kind, by name."""
    implementer = ImplementerFactory()
    project = implementer.project
    meeting: Meeting = MeetingFactory.create(forum__project=project)
    return {
        "home": fi("home"),
        "listing": fi("projects:list") + "?q=hanke&sort=name",
        "project": fi("projects:detail", slug=project.slug),
        "organisation": fi("projects:organisation", slug=implementer.organisation.slug),
        "forums": fi("forums:list"),
        "forum": fi("forums:forum", slug=meeting.forum.slug),
        "archive": fi("forums:archive"),
        "meeting": fi("forums:meeting", pk=meeting.pk),
        "accessibility": fi("accessibility"),
        "admin login": reverse("admin:login"),
    }


PAGE_NAMES = [
    "home",
    "listing",
    "project",
    "organisation",
    "forums",
    "forum",
    "archive",
    "meeting",
    "accessibility",
    "admin login",
]


@pytest.mark.parametrize("name", PAGE_NAMES)
def test_every_page_carries_the_headers(name, pages, configuration, client):
    response = client.get(pages[name], secure=True)
    assert response.status_code == 200
    assert_strict_policy(response)
    assert_protective_headers(response, configuration, secure=True)


def test_a_cached_repeat_carries_the_headers(pages, configuration, client):
    first = client.get(pages["listing"], secure=True)
    repeat = client.get(pages["listing"], secure=True)
    assert repeat["ETag"] == first["ETag"]  # set by the page cache: the repeat came from it
    for response in (first, repeat):
        assert_strict_policy(response)
        assert_protective_headers(response, configuration, secure=True)
    not_modified = client.get(
        pages["listing"], secure=True, headers={"If-None-Match": first["ETag"]}
    )
    assert not_modified.status_code == 304
    assert_protective_headers(not_modified, configuration, secure=True)


def test_the_registration_form_with_errors_carries_the_headers(pages, configuration, client):
    response = client.post(pages["meeting"], {"name": "<b>x</b>"}, secure=True)
    assert response.status_code == 400
    assert "error-summary" in response.content.decode()
    assert_strict_policy(response)
    assert_protective_headers(response, configuration, secure=True)


def test_the_404_page_carries_the_headers(db, configuration, client):
    response = client.get(fi("projects:detail", slug="ei-ole"), secure=True)
    assert response.status_code == 404
    assert_protective_headers(response, configuration, secure=True)
    if configuration["DEBUG"]:
        # Django's debug page (inline scripts and styles) instead of ours: django-csp sends no
        # policy with it, and the portal's 404 page is not what it shows.
        assert "Content-Security-Policy" not in response
    else:
        assert_strict_policy(response)
        assert "<script>" not in response.content.decode()


def test_hsts_only_over_https(pages, configuration, client):
    """Browsers ignore HSTS over plain HTTP; Django sends it over HTTPS, in production only."""
    plain = client.get(pages["home"], secure=False, follow=False)
    assert "Strict-Transport-Security" not in plain
    secure = client.get(pages["home"], secure=True)
    assert ("Strict-Transport-Security" in secure) is not configuration["DEBUG"]


def test_plain_http_is_redirected_to_https_in_production(pages, configuration, client):
    response = client.get(pages["home"], secure=False)
    if configuration["DEBUG"]:
        assert response.status_code == 200
    else:
        assert response.status_code == 301
        assert response["Location"] == "https://testserver" + pages["home"]
    # A client's own X-Forwarded-Proto is not believed...
    claimed = client.get(pages["home"], headers={"X-Forwarded-Proto": "https"})
    assert claimed.status_code == (200 if configuration["DEBUG"] else 301)


def test_a_proxy_in_front_is_believed_only_when_the_settings_say_it_is_there(
    pages, client, monkeypatch
):
    env = {**PRODUCTION, "BEHIND_PROXY": "1"}
    with override_settings(**_security_settings(env, monkeypatch)):
        behind_proxy = client.get(pages["home"], headers={"X-Forwarded-Proto": "https"})
    assert behind_proxy.status_code == 200  # the proxy in front speaks HTTPS


def test_cookies_are_secure_in_production(pages, configuration, client, django_user_model):
    form = client.get(pages["meeting"], secure=True)
    csrf = form.cookies["csrftoken"]
    assert bool(csrf["secure"]) is not configuration["DEBUG"]
    user = django_user_model.objects.create_superuser(
        "paakayttaja", "p@example.org", "salasana-123-x"
    )
    login = client.post(
        reverse("admin:login"),
        {
            "username": "paakayttaja",
            "password": "salasana-123-x",
            "otp_token": one_time_code(user),
        },
        secure=True,
    )
    assert login.status_code == 302
    session = login.cookies["sessionid"]
    assert bool(session["secure"]) is not configuration["DEBUG"]
    assert session["httponly"]


# Inline code that a strict policy would block. A `style` attribute is inline style too.
INLINE_HANDLER = re.compile(r"^on[a-z]+$")


def inline_code(html: str) -> list[str]:
    found = []
    for element in elements(html):
        # Structured data (JSON-LD) is a data block that no browser runs.
        if (
            element.tag == "script"
            and "src" not in element.attrs
            and element.text
            and not is_structured_data(element)
        ):
            found.append(f"<script> body: {element.text[:60]}")
        if element.tag == "style":
            found.append(f"<style> body: {element.text[:60]}")
        for name, value in element.attrs.items():
            if INLINE_HANDLER.match(name):
                found.append(f"<{element.tag} {name}=…>")
            if name == "style":
                found.append(f"<{element.tag} style={value[:40]!r}>")
            if value.strip().lower().startswith("javascript:"):
                found.append(f"<{element.tag} {name}={value[:40]!r}>")
    return found


@pytest.mark.parametrize("name", PAGE_NAMES)
def test_pages_have_no_inline_code(name, pages, client):
    assert inline_code(client.get(pages[name]).content.decode()) == []


def test_admin_pages_have_no_inline_code(pages, admin_client, admin_user, rf):
    """Django's admin templates, modeltranslation's and ours, as the portal uses them: every
    list, add form and first change form, and the forms of our own actions."""
    addresses = [reverse("admin:index")]
    request = rf.get("/admin/")
    request.user = admin_user
    for model, model_admin in admin.site._registry.items():
        info = (model._meta.app_label, model._meta.model_name)
        addresses.append(reverse("admin:{}_{}_changelist".format(*info)))
        if model_admin.has_add_permission(request):
            addresses.append(reverse("admin:{}_{}_add".format(*info)))
        first = model._default_manager.order_by("pk").first()
        if first is not None:
            addresses.append(reverse("admin:{}_{}_change".format(*info), args=[first.pk]))
    for address in addresses:
        response = admin_client.get(address)
        assert response.status_code == 200, address
        assert inline_code(response.content.decode()) == [], address
    meeting = Meeting.objects.get()
    response = admin_client.post(
        reverse("admin:forums_forum_changelist"),
        {"action": "generate_meetings", "_selected_action": [meeting.forum_id]},
    )
    assert response.status_code == 200
    assert 'name="generate"' in response.content.decode()
    assert inline_code(response.content.decode()) == []
    for name in ["invite", "check_in", "balance"]:
        address = reverse(f"admin:forums_meeting_{name}", args=[meeting.pk])
        response = admin_client.get(address)
        assert response.status_code == 200, address
        assert inline_code(response.content.decode()) == [], address
    response = admin_client.get(reverse("admin:forums_forum_balance", args=[meeting.forum_id]))
    assert inline_code(response.content.decode()) == []
