"""What the portal does when a part it runs on does not answer.

- The database: the visitor gets a "try again in a moment" page in their language (503 with
  Retry-After) instead of a bare error. It is Django's handler500 (portal.views.server_error),
  so that an error raised in a middleware, such as loading a logged-in person's session, gets
  it too, and Django still logs the error with its traceback. Nothing is half written, since
  each change is one transaction. A connection kept from an earlier request is checked before
  it is reused (CONN_HEALTH_CHECKS): the first request after a restart of the database works.
- The cache and the broker: see portal/cache.py and forums/outbox.py; the portal keeps
  serving without them.

`parts_status` answers /healthz for a load balancer or a monitor.
"""

from django.conf import settings
from django.core.cache import cache
from django.db import InterfaceError, OperationalError, connection
from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string

from .cache import cache_or_none
from .celery import app
from .context_processors import site

# How long a visitor is asked to wait before trying again.
RETRY_AFTER_SECONDS = 30
# How long /healthz waits for the broker.
BROKER_TIMEOUT_SECONDS = 2


def _database_answers() -> bool:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            return cursor.fetchone() == (1,)
    except (OperationalError, InterfaceError):
        return False


def _cache_answers() -> bool:
    def round_trip() -> bool:
        cache.set("healthz", 1, 10)
        return bool(cache.get("healthz") == 1)

    # Asked even in the pause after a failure: the answer is the cache's state now.
    return bool(cache_or_none(round_trip, even_after_failure=True))


def _broker_answers() -> bool:
    try:
        with app.connection_for_write() as broker:
            broker.ensure_connection(max_retries=0, timeout=BROKER_TIMEOUT_SECONDS)
            return True
    except Exception:  # kombu raises the transport's own errors, or OperationalError
        return False


def parts_status() -> dict[str, str]:
    """Each part's state: "up", "down", or "none" for a broker that is not configured (tasks
    then run in the web process)."""
    return {
        "database": "up" if _database_answers() else "down",
        "cache": "up" if _cache_answers() else "down",
        "broker": ("up" if _broker_answers() else "down") if settings.CELERY_BROKER_URL else "none",
    }


def database_unavailable_response(request: HttpRequest) -> HttpResponse:
    """The "try again" page, rendered without a request context, whose processors could
    reach for the database again."""
    response = HttpResponse(render_to_string("503.html", site(request)), status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response
