"""django-csp's middleware, with the portal's policy built once.

django-csp builds the policy from the settings for every response: about a seventh of what
a minimal request costs the web process. The policy only changes with the settings, so it
is built once here for every response whose view did not change it (django-csp's
decorators) and whose page used no nonce; those, and every response while DEBUG is on
(whose debug pages for 404 and 500 go without a policy), are left to django-csp itself.
The settings are read when the policy is built: change them through `override_settings`,
which tells this module, not by changing the dictionaries in place, and keep `report-uri`
a plain address (a lazy one would be resolved once, for every language).
"""

import functools
from typing import Any

from csp.constants import HEADER, HEADER_REPORT_ONLY
from csp.middleware import CheckableLazyObject
from csp.middleware import CSPMiddleware as LibraryCSPMiddleware
from csp.utils import build_policy
from django.conf import settings
from django.core.signals import setting_changed
from django.http import HttpRequest, HttpResponseBase

# What django-csp's decorators set on a response to change or drop its policy.
POLICY_CHANGES = tuple(
    f"_csp_{change}{suffix}"
    for change in ("config", "update", "replace", "exempt")
    for suffix in ("", "_ro")
)


class CSPMiddleware(LibraryCSPMiddleware):
    def process_response(
        self, request: HttpRequest, response: HttpResponseBase
    ) -> HttpResponseBase:
        if (
            settings.DEBUG
            or getattr(request, "_csp_nonce", None) is not None
            or any(hasattr(response, name) for name in POLICY_CHANGES)
        ):
            return super().process_response(request, response)
        for header, (policy, excluded) in _policies().items():
            if policy and header not in response and not request.path_info.startswith(excluded):
                response[header] = policy
        # As django-csp does: a nonce asked for after the header is written is an error.
        request.csp_nonce = CheckableLazyObject(self._csp_nonce_post_response)  # type: ignore[attr-defined]
        return response


@functools.cache
def _policies() -> dict[str, tuple[str, tuple[str, ...]]]:
    """Each header's policy and the address prefixes it is not sent for."""
    return {
        HEADER: (build_policy(), _excluded("CONTENT_SECURITY_POLICY")),
        HEADER_REPORT_ONLY: (
            build_policy(report_only=True),
            _excluded("CONTENT_SECURITY_POLICY_REPORT_ONLY"),
        ),
    }


def _excluded(name: str) -> tuple[str, ...]:
    return tuple((getattr(settings, name, None) or {}).get("EXCLUDE_URL_PREFIXES") or ())


def _forget_policies(*, setting: str, **kwargs: Any) -> None:
    if setting.startswith("CONTENT_SECURITY_POLICY"):
        _policies.cache_clear()


setting_changed.connect(_forget_policies)
