"""What the web and worker processes need before they start serving, beyond the settings
that management commands can do without."""

import os

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured


def require_serving_settings() -> None:
    """Refuse to serve without a stable secret and the host names, unless DEBUG is on."""
    if settings.DEBUG:
        return
    if not os.environ.get("SECRET_KEY"):
        raise ImproperlyConfigured(
            "SECRET_KEY is not set. Set the SECRET_KEY environment variable "
            "(or DEBUG=1 for local development)."
        )
    if not settings.ALLOWED_HOSTS:
        raise ImproperlyConfigured(
            "ALLOWED_HOSTS is not set: list the portal's host names, separated by commas."
        )
