"""Whole-page caching of the public catalogue and forum pages for anonymous visitors.

A page is stored under its full address (the language is in it) and the versions of what it
shows. Any change to the catalogue or the forums bumps the content version; a registration
bumps only the seats version, which the pages listing meetings follow too, and its meeting's
own, which that meeting's page follows: a rush of registrations for one meeting leaves the
catalogue and the other meetings' pages in the cache (signals, registered in
PortalConfig.ready: the only thing signals are used for here). A cached page is never older
than the data, except for time itself: pages are kept at most PAGE_CACHE_SECONDS, as
"upcoming" and "ongoing" move with the clock.

The meeting page holds the registration form: it is kept without its CSRF token, and each
visitor gets the page with a token of their own (and the cookie that goes with it), marked
private. Pages filled in from a personal link, other pages with forms and anything for
logged-in people are never cached. Responses of the other pages carry an ETag, and a browser
that sends it back gets 304 Not Modified.
"""

import functools
import hashlib
import logging
import re
import time
from collections.abc import Callable
from importlib import metadata
from pathlib import Path
from typing import Any, TypeVar, cast

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.http import HttpRequest, HttpResponse, HttpResponseBase, HttpResponseNotModified
from django.template.backends.utils import csrf_input
from django.urls import Resolver404, ResolverMatch, resolve
from django.utils.cache import patch_cache_control

logger = logging.getLogger(__name__)
T = TypeVar("T")

CONTENT_KEY = "page-cache-version"
SEATS_KEY = "page-cache-seats-version"

CACHED_VIEWS = {
    "home",
    "projects:list",
    "projects:detail",
    "projects:organisation",
    "forums:list",
    "forums:archive",
    "forums:forum",
    "forums:meeting",
}
# Pages that show how many seats are left in the meetings they list.
SEAT_VIEWS = {"home", "forums:list", "forums:archive", "forums:forum"}
MEETING_VIEW = "forums:meeting"
# Pages with a form: cached with a placeholder where each visitor's CSRF token goes.
FORM_VIEWS = {"forums:meeting"}

CSRF_INPUT = re.compile(rb'<input type="hidden" name="csrfmiddlewaretoken" value="[^"<>]*">')
# Visitors' text is escaped in pages, so no page can hold this comment by itself.
CSRF_PLACEHOLDER = b"<!--csrf-input-->"


def _bump_after_commit(*keys: str) -> None:
    """Cached pages are out of date once the change is committed (a page rendered before the
    commit would still show the old rows). Versions of one lifetime are bumped in one trip
    to the cache."""
    (lifetime,) = {_version_lifetime(key) for key in keys}
    transaction.on_commit(lambda: cache.set_many(dict.fromkeys(keys, time.time_ns()), lifetime))


def _version_lifetime(key: str) -> int | None:
    """The content version lasts: what is kept under it is costly to make again. The seats'
    versions last as long as a page kept under them, so that addresses with made-up meeting
    numbers leave nothing behind. A version that expired comes back as a new number: the
    pages kept under the old one are simply not found."""
    return None if key == CONTENT_KEY else settings.PAGE_CACHE_SECONDS


def content_changed(**kwargs: object) -> None:
    """Signal receiver for everything public but registrations."""
    _bump_after_commit(CONTENT_KEY)


def seats_changed(*, instance: Any, **kwargs: object) -> None:
    """Signal receiver for registrations: only the pages with seat counts change."""
    _bump_after_commit(SEATS_KEY, f"{SEATS_KEY}:{instance.meeting_id}")


def release_changed(**kwargs: object) -> None:
    """Signal receiver for post_migrate, which every deployment runs: a migration may change
    what the pages show, so nothing kept from before it is shown after it (what the code
    renders differently, the release in the keys keeps apart). A cache that cannot be
    reached does not stop the deployment; what it keeps then expires on its own."""
    try:
        cache.set(CONTENT_KEY, time.time_ns(), None)
    except Exception:
        logger.warning("The cache could not be told of the new release.", exc_info=True)


def _versions(*keys: str) -> list[int]:
    found = cache.get_many(keys)
    versions = []
    for key in keys:
        if key not in found:
            created = time.time_ns()
            cache.add(key, created, _version_lifetime(key))
            found[key] = cache.get(key, created)
        versions.append(int(found[key]))
    return versions


class Recent:
    """What this process handed out in the last few seconds, by key. The keys hold the
    versions of what the values show, so a change still shows at once: only the trip to the
    shared cache and the unpickling are saved, a few hundred microseconds for the filters'
    choices on every listing page, and more for a whole page."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self._values: dict[str, tuple[float, Any]] = {}

    def get(self, key: str) -> Any:
        found = self._values.get(key)
        if found is None or found[0] <= time.monotonic():
            return None
        return found[1]

    def keep(self, key: str, value: Any) -> None:
        if len(self._values) >= self.limit:
            self._values.clear()
        self._values[key] = (time.monotonic() + RECENT_SECONDS, value)


RECENT_SECONDS = 5
_recent_values = Recent(limit=256)
# At most a few megabytes: the largest pages are about 50 KiB.
_recent_pages = Recent(limit=64)


def kept(name: str, compute: Callable[[], T]) -> T:
    """What `compute` returns, kept under `name` until the catalogue or the forums next
    change, at most CONTENT_CACHE_SECONDS (with several web processes, CACHE_URL makes them
    share it, and the change)."""
    key = f"{name}:{content_key()}"
    value = _recent_values.get(key)
    if value is None:
        value = cache.get_or_set(key, compute, settings.CONTENT_CACHE_SECONDS)
        _recent_values.keep(key, value)
    return cast(T, value)


def content_key() -> str:
    """A key part for anything kept that is read from the catalogue or the forums: it
    changes whenever they change (registrations aside), and with the release."""
    return f"{release()}:{_versions(CONTENT_KEY)[0]}"


# What a release's pages are made from, besides the installed packages.
RELEASE_SOURCES = ("portal", "projects", "forums", "templates", "locale")


def release() -> str:
    return settings.RELEASE or _sources_digest(settings.BASE_DIR)


@functools.cache
def _sources_digest(base: Path) -> str:
    """A digest of what a release's pages are made from: the versions of the installed
    packages and the project's files (the message catalogues' sources: the compiled ones
    differ by the tool that compiled them). The same in every process and on every machine
    running one release."""
    digest = hashlib.sha256()
    packages = (f"{package.name}=={package.version}" for package in metadata.distributions())
    for package in sorted(packages):
        digest.update(package.encode())
    for folder in RELEASE_SOURCES:
        for path in sorted((base / folder).rglob("*")):
            if path.is_file() and path.suffix != ".mo" and "__pycache__" not in path.parts:
                digest.update(str(path.relative_to(base)).encode())
                digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def _cached_view(request: HttpRequest) -> ResolverMatch | None:
    if (
        not settings.PAGE_CACHE_SECONDS
        or request.method not in {"GET", "HEAD"}
        or settings.SESSION_COOKIE_NAME in request.COOKIES
    ):
        return None
    try:
        match = resolve(request.path_info)
    except Resolver404:
        return None
    return match if match.view_name in CACHED_VIEWS else None


def _page_key(request: HttpRequest, match: ResolverMatch) -> str:
    keys: tuple[str, ...] = (CONTENT_KEY,)
    if match.view_name in SEAT_VIEWS:
        keys = (CONTENT_KEY, SEATS_KEY)
    elif match.view_name == MEETING_VIEW:
        keys = (CONTENT_KEY, f"{SEATS_KEY}:{match.kwargs['pk']}")
    versions = ":".join(str(version) for version in _versions(*keys))
    path_hash = hashlib.sha256(request.get_full_path().encode()).hexdigest()
    return f"page:{release()}:{versions}:{path_hash}"


def _storable(request: HttpRequest, response: HttpResponse, view_name: str) -> bool:
    if (
        response.status_code != 200
        or response.cookies
        or "private" in response.get("Cache-Control", "")
    ):
        return False
    if view_name in FORM_VIEWS:
        return True
    return not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")  # a form with a CSRF token


class AnonymousPageCacheMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        match = _cached_view(request)
        if match is None:
            return self.get_response(request)
        view_name = match.view_name
        key = _page_key(request, match)
        # A page this process served in the last few seconds may outlive its time in the
        # shared cache by as much: the clock's minute-long steps do not notice.
        cached = _recent_pages.get(key)
        if cached is None:
            cached = cache.get(key)
            if cached is None:
                response = self.get_response(request)
                if not isinstance(response, HttpResponse) or not _storable(
                    request, response, view_name
                ):
                    return response
                content = response.content
                if view_name in FORM_VIEWS:
                    content = CSRF_INPUT.sub(CSRF_PLACEHOLDER, content)
                    if b"csrfmiddlewaretoken" in content:
                        return response  # a token in a shape not expected: keep nothing
                etag = '"' + hashlib.sha256(content).hexdigest()[:32] + '"'
                cached = (content, response["Content-Type"], etag)
                cache.set(key, cached, settings.PAGE_CACHE_SECONDS)
            _recent_pages.keep(key, cached)
        content, content_type, etag = cached
        if view_name in FORM_VIEWS:
            if CSRF_PLACEHOLDER in content:
                # The token is the visitor's own; CsrfViewMiddleware sets its cookie.
                content = content.replace(CSRF_PLACEHOLDER, csrf_input(request).encode())
            response = HttpResponse(content, content_type=content_type)
            patch_cache_control(response, private=True, no_cache=True)
            return response
        if request.headers.get("If-None-Match") == etag:
            response = HttpResponseNotModified()
        else:
            response = HttpResponse(content, content_type=content_type)
        response["ETag"] = etag
        response["Vary"] = "Cookie"
        patch_cache_control(response, public=True, no_cache=True)
        return response
