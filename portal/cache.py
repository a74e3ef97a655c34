"""Whole-page caching of the public catalogue and forum pages for anonymous visitors.

A page is stored under its full address (the language is in it) and the current content
version. Any change to the catalogue or the forums bumps the version (signals, registered in
PortalConfig.ready: the only thing signals are used for here), so a cached page is never
older than the data, except for time itself: pages are kept at most PAGE_CACHE_SECONDS, as
"upcoming" and "ongoing" move with the clock. Pages with forms (CSRF tokens) and anything
for logged-in people are never cached. Responses carry an ETag, and a browser that sends
it back gets 304 Not Modified.
"""

import hashlib
import time
from collections.abc import Callable

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.http import HttpRequest, HttpResponse, HttpResponseBase, HttpResponseNotModified
from django.urls import Resolver404, resolve
from django.utils.cache import patch_cache_control

VERSION_KEY = "page-cache-version"

CACHED_VIEWS = {
    "home",
    "projects:list",
    "projects:detail",
    "projects:organisation",
    "forums:list",
    "forums:archive",
    "forums:forum",
}


def content_changed(**kwargs: object) -> None:
    """Signal receiver: every cached page is out of date once the change is committed (a
    page rendered before the commit would still show the old rows)."""
    transaction.on_commit(lambda: cache.set(VERSION_KEY, time.time_ns(), None))


def content_version() -> int:
    """A number that changes whenever the catalogue or the forums change: a key part for
    anything kept that is read from them."""
    version = cache.get(VERSION_KEY)
    if version is None:
        version = time.time_ns()
        cache.add(VERSION_KEY, version, None)
        version = cache.get(VERSION_KEY, version)
    return int(version)


def _cacheable(request: HttpRequest) -> bool:
    if (
        not settings.PAGE_CACHE_SECONDS
        or request.method not in {"GET", "HEAD"}
        or settings.SESSION_COOKIE_NAME in request.COOKIES
    ):
        return False
    try:
        match = resolve(request.path_info)
    except Resolver404:
        return False
    return match.view_name in CACHED_VIEWS


class AnonymousPageCacheMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        if not _cacheable(request):
            return self.get_response(request)
        path_hash = hashlib.sha256(request.get_full_path().encode()).hexdigest()
        key = f"page:{content_version()}:{path_hash}"
        cached = cache.get(key)
        if cached is None:
            response = self.get_response(request)
            if (
                not isinstance(response, HttpResponse)
                or response.status_code != 200
                or response.cookies
                or request.META.get("CSRF_COOKIE_NEEDS_UPDATE")  # a form with a CSRF token
            ):
                return response
            etag = '"' + hashlib.sha256(response.content).hexdigest()[:32] + '"'
            cached = (response.content, response["Content-Type"], etag)
            cache.set(key, cached, settings.PAGE_CACHE_SECONDS)
        content, content_type, etag = cached
        if request.headers.get("If-None-Match") == etag:
            response = HttpResponseNotModified()
        else:
            response = HttpResponse(content, content_type=content_type)
        response["ETag"] = etag
        response["Vary"] = "Cookie"
        patch_cache_control(response, public=True, no_cache=True)
        return response
