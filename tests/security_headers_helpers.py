"""What the security header tests (tests/test_security_headers*.py) share: the environment
of a production and of a development deployment, for the settings module to read."""

import os
import secrets
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _environment(**changes: str) -> dict[str, str]:
    """This process's environment without the settings a deployment sets, plus `changes`."""
    unset = {
        "DEBUG",
        "SECRET_KEY",
        "ALLOWED_HOSTS",
        "DATABASE_URL",
        "CACHE_URL",
        "SECURE_SSL_REDIRECT",
        "SECURE_HSTS_SECONDS",
        "SECURE_HSTS_PRELOAD",
        "STATICFILES_MANIFEST",
        "PAGE_CACHE_SECONDS",
        # Set by the browser tests' session while it runs; a deployment never has it.
        "DJANGO_ALLOW_ASYNC_UNSAFE",
    }
    return {key: value for key, value in os.environ.items() if key not in unset} | changes


PRODUCTION = {
    "SECRET_KEY": secrets.token_urlsafe(64),
    "ALLOWED_HOSTS": "portal.example.org,testserver",
}
DEVELOPMENT = {"DEBUG": "1"}
