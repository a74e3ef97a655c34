"""The Content-Security-Policy, built once from the settings: the same policy django-csp
builds, following a change of the settings and each view's own changes."""

from typing import cast

import pytest
from csp.constants import HEADER, HEADER_REPORT_ONLY, NONCE, SELF
from csp.decorators import csp_exempt, csp_update
from csp.exceptions import CSPNonceError
from csp.middleware import CSPMiddleware as LibraryCSPMiddleware
from csp.utils import build_policy
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.test import RequestFactory

from portal.csp import CSPMiddleware


def page(request: HttpRequest) -> HttpResponse:
    return HttpResponse("<p>sivu</p>")


def served(view=page, path: str = "/fi/") -> HttpResponseBase:
    return cast(HttpResponseBase, CSPMiddleware(view)(RequestFactory().get(path)))


def directives(response: HttpResponseBase) -> dict[str, list[str]]:
    """The policy's directives (django-csp writes them in no fixed order)."""
    return {
        name: sources for name, *sources in (part.split() for part in response[HEADER].split(";"))
    }


POLICY = {"DIRECTIVES": {"default-src": [SELF], "img-src": [SELF]}}


def test_the_policy_is_the_settings(settings):
    settings.CONTENT_SECURITY_POLICY = POLICY
    assert directives(served()) == {"default-src": ["'self'"], "img-src": ["'self'"]}
    assert HEADER_REPORT_ONLY not in served()


def test_a_changed_setting_changes_the_policy(settings):
    settings.CONTENT_SECURITY_POLICY = POLICY
    served()
    settings.CONTENT_SECURITY_POLICY = {"DIRECTIVES": {"default-src": ["'none'"]}}
    assert directives(served()) == {"default-src": ["'none'"]}


def test_a_view_s_own_change_is_in_its_policy_only(settings):
    settings.CONTENT_SECURITY_POLICY = POLICY
    with_maps = csp_update({"img-src": "https://kartat.example.org"})(page)
    assert directives(served(with_maps))["img-src"] == ["'self'", "https://kartat.example.org"]
    assert directives(served())["img-src"] == ["'self'"]
    assert HEADER not in served(csp_exempt()(page))


@pytest.mark.parametrize("report_only", [False, True])
def test_excluded_addresses_go_without_the_policy(settings, report_only):
    name = "CONTENT_SECURITY_POLICY" + ("_REPORT_ONLY" if report_only else "")
    header = HEADER_REPORT_ONLY if report_only else HEADER
    setattr(settings, name, {**POLICY, "EXCLUDE_URL_PREFIXES": ["/raportit/"]})
    assert header in served(path="/fi/")
    assert header not in served(path="/raportit/vuosi/")


def test_the_policy_is_built_once_for_all_responses(settings, monkeypatch):
    settings.CONTENT_SECURITY_POLICY = POLICY
    built = []

    def counted(*args, **kwargs):
        built.append(kwargs.get("report_only", False))
        return build_policy(*args, **kwargs)

    monkeypatch.setattr("portal.csp.build_policy", counted)
    first, second = served(), served()
    assert first[HEADER] == second[HEADER]
    assert built == [False, True]  # the policy and the report-only one, once each


def test_a_policy_the_view_set_itself_is_kept(settings):
    settings.CONTENT_SECURITY_POLICY = POLICY

    def own_policy(request: HttpRequest) -> HttpResponse:
        response = HttpResponse("<p>sivu</p>")
        response[HEADER] = "default-src 'none'"
        return response

    assert served(own_policy)[HEADER] == "default-src 'none'"


def test_both_policies_are_django_csp_s_own(settings):
    """The portal's own policy, and a report-only one beside it: the headers django-csp's
    middleware sends."""
    settings.CONTENT_SECURITY_POLICY_REPORT_ONLY = {
        "DIRECTIVES": {"default-src": [SELF], "report-uri": "/csp-raportti/"}
    }
    request = RequestFactory().get("/fi/")
    theirs = cast(HttpResponseBase, LibraryCSPMiddleware(page)(request))
    ours = served()
    assert directives(ours) == directives(theirs)
    assert ours[HEADER_REPORT_ONLY] == theirs[HEADER_REPORT_ONLY]
    assert "report-uri /csp-raportti/" in ours[HEADER_REPORT_ONLY]


def test_a_page_that_used_a_nonce_gets_it_in_its_policy(settings):
    settings.CONTENT_SECURITY_POLICY = {"DIRECTIVES": {"script-src": [SELF, NONCE]}}
    used = []

    def with_nonce(request: HttpRequest) -> HttpResponse:
        used.append(str(request.csp_nonce))  # type: ignore[attr-defined]
        return HttpResponse("<script nonce='...'></script>")

    assert directives(served(with_nonce))["script-src"] == ["'self'", f"'nonce-{used[0]}'"]
    assert directives(served())["script-src"] == ["'self'"]


def test_a_nonce_asked_for_after_the_policy_is_written_is_an_error(settings):
    settings.CONTENT_SECURITY_POLICY = POLICY
    request = RequestFactory().get("/fi/")
    CSPMiddleware(page)(request)
    with pytest.raises(CSPNonceError):
        str(request.csp_nonce)  # type: ignore[attr-defined]
