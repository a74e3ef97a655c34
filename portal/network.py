"""Who is asking, as far as the portal can tell."""

from django.conf import settings
from django.http import HttpRequest


def client_address(request: HttpRequest) -> str:
    """The visitor's network address: REMOTE_ADDR, or the header that RATELIMIT_IP_META_KEY
    names, which a trusted proxy sets. Used by the registration rate limits and the staff
    login lockout alike."""
    return str(request.META.get(settings.RATELIMIT_IP_META_KEY or "REMOTE_ADDR", ""))
