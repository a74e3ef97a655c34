"""Whole public pages kept for anonymous visitors in Django's cache.

A page is kept under the content version, its language and its address. The content version
is one number that any change to what the public pages show raises once the change is
committed (signal receivers, connected in PortalConfig.ready: the only use of signals here),
so a kept page is never older than the data; it lasts at most PAGE_CACHE_SECONDS, since
"upcoming" and "ongoing" move with the clock. Every key starts with the release
(`KEY_PREFIX`), so a new release never serves what an old one rendered.

Only the page's bytes are kept. Pages with a form that carries a CSRF token (the meeting's
registration form), pages filled in from a personal link and pages for people who are logged
in are never kept. A cache that does not answer makes the portal slower, not broken: the page
is rendered as if nothing were kept, and a warning is logged at most once a minute. For a few
seconds after a failure the cache is not asked at all, so that a cache that hangs (its calls
end only at CACHE_TIMEOUT_SECONDS) does not slow every page by that much.
"""

import hashlib
import logging
import time
from collections.abc import Callable
from typing import Any, TypeVar

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.urls import Resolver404, resolve
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.translation import get_language
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)

CONTENT_VERSION_KEY = "content-version"

# The public pages that carry no form with a CSRF token and are the same for every visitor.
CACHED_VIEWS = {
    "home",
    "projects:list",
    "projects:detail",
    "projects:organisation",
    "projects:programme",
    "forums:list",
    "forums:archive",
    "forums:forum",
}

# How often a cache that does not answer is reported.
WARNING_INTERVAL_SECONDS = 60
# How long after a failure the cache is left alone before it is asked again.
RETRY_AFTER_SECONDS = 5


class Outage:
    """When this process last found that the cache did not answer, and last reported it: an
    outage is logged once a minute, not for every request."""

    def __init__(self) -> None:
        self.failed_at: float | None = None
        self.reported_at: float | None = None

    def report(self, error: Exception) -> None:
        now = time.monotonic()
        self.failed_at = now
        if self.reported_at is None or now - self.reported_at >= WARNING_INTERVAL_SECONDS:
            self.reported_at = now
            logger.warning("The cache did not answer; the portal works without it: %s", error)

    def recent(self) -> bool:
        return self.failed_at is not None and (
            time.monotonic() - self.failed_at < RETRY_AFTER_SECONDS
        )


outage = Outage()


def cache_or_none(call: Callable[[], Any], *, even_after_failure: bool = False) -> Any:
    """The call's result, or None when the cache does not answer (or did not a moment ago).
    Only the errors of a lost or slow connection are caught; any other is a mistake and is
    raised."""
    if outage.recent() and not even_after_failure:
        return None
    try:
        return call()
    except (RedisError, OSError) as error:
        outage.report(error)
        return None


def content_version() -> int | None:
    """The current content version, or None when the cache does not answer. A version that
    is missing (never set, or evicted) starts at the clock's reading, so that it never
    comes back to a number that pages were kept under before."""

    def read() -> int:
        cache.add(CONTENT_VERSION_KEY, time.time_ns(), None)
        return int(cache.get(CONTENT_VERSION_KEY) or time.time_ns())

    return cache_or_none(read)  # type: ignore[no-any-return]


def _bump() -> None:
    # Tried even during the pause after a failure: a change must drop the kept pages.
    cache_or_none(
        lambda: cache.set(CONTENT_VERSION_KEY, time.time_ns(), None), even_after_failure=True
    )


def content_changed(**kwargs: object) -> None:
    """Signal receiver: the pages are out of date once the change is committed (a page
    rendered before the commit would still show the old rows)."""
    transaction.on_commit(_bump)


def release_changed(**kwargs: object) -> None:
    """Signal receiver for post_migrate, which every deployment runs: a migration may
    change what the pages show."""
    _bump()


def _page_key(request: HttpRequest, version: int) -> str:
    address = hashlib.sha256(request.get_full_path().encode()).hexdigest()
    return f"page:{version}:{get_language()}:{address}"


def _keeps(request: HttpRequest) -> bool:
    if (
        not settings.PAGE_CACHE_SECONDS
        or request.method not in {"GET", "HEAD"}
        or settings.SESSION_COOKIE_NAME in request.COOKIES
    ):
        return False
    try:
        return resolve(request.path_info).view_name in CACHED_VIEWS
    except Resolver404:
        return False


def _storable(request: HttpRequest, response: HttpResponseBase) -> bool:
    return (
        isinstance(response, HttpResponse)
        and response.status_code == 200
        and not response.cookies
        and "private" not in response.get("Cache-Control", "")
        # The page used a CSRF token: it belongs to this visitor alone.
        and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
    )


class AnonymousPageCacheMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        version = content_version() if _keeps(request) else None
        if version is None:
            return self.get_response(request)
        key = _page_key(request, version)
        kept = cache_or_none(lambda: cache.get(key))
        if kept is not None:
            content, content_type = kept
            response: HttpResponseBase = HttpResponse(content, content_type=content_type)
        else:
            response = self.get_response(request)
            if not _storable(request, response):
                return response
            page = (response.content, response["Content-Type"])  # type: ignore[attr-defined]
            cache_or_none(lambda: cache.set(key, page, settings.PAGE_CACHE_SECONDS))
        # Browsers ask again each time; ConditionalGetMiddleware answers 304 when unchanged.
        patch_cache_control(response, no_cache=True)
        patch_vary_headers(response, ["Cookie"])
        return response


# How long data derived from the catalogue is kept: its key names the content version, so a
# change replaces it at once; this only lets an unused entry go.
DERIVED_SECONDS = 24 * 60 * 60

T = TypeVar("T")


def shared_content_version() -> int | None:
    """The content version when the cache is shared between processes (CACHE_URL), else None:
    a cache per process would keep derived data after another process saw a change."""
    return content_version() if settings.CACHE_URL else None


def kept_for_content(name: str, compute: Callable[[], T], *, version: int | None) -> T:
    """What `compute` returns (plain data, never model instances), kept under the content
    version (from shared_content_version) and the language like the pages, so that it is
    never older than the data. Computed when there is no version or the cache does not
    answer."""
    if version is None:
        return compute()
    key = f"derived:{name}:{version}:{get_language()}"
    kept = cache_or_none(lambda: cache.get(key))
    if kept is not None:
        return kept  # type: ignore[no-any-return]
    value = compute()
    cache_or_none(lambda: cache.set(key, value, DERIVED_SECONDS))
    return value
