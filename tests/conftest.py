import pytest
from django.core.cache import cache
from django.db import connection
from django.utils import translation

from portal.cache import outage

from .flaky_mail import FlakyBackend

# Fixtures for every module: "ours" and "theirs", two organisations with everything an
# editor keeps; the stakeholder groups; inviting as staff do.
pytest_plugins = ["tests.sides", "tests.stakeholder_groups", "tests.invitation_helpers"]

# The shared helpers' asserts explain their failures as a test's own do.
pytest.register_assert_rewrite(
    "tests.admin_helpers",
    "tests.forum_page_helpers",
    "tests.import_helpers",
    "tests.privacy_helpers",
    "tests.registration_helpers",
    "tests.scoping_helpers",
    "tests.search_helpers",
    "tests.security_headers_helpers",
)


@pytest.fixture
def smtp_errors(settings):
    """Append an exception (an SMTP 451, a 550, ...) and the next send raises it."""
    settings.EMAIL_BACKEND = "tests.flaky_mail.FlakyBackend"
    FlakyBackend.errors.clear()
    yield FlakyBackend.errors
    FlakyBackend.errors.clear()


@pytest.fixture(autouse=True)
def _empty_cache(monkeypatch):
    """Each test starts with no cached pages: a rolled-back test leaves no signal behind; and
    with a cache that answers, whatever an earlier test's cache did."""
    monkeypatch.setattr(outage, "failed_at", None)
    monkeypatch.setattr(outage, "reported_at", None)
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _finnish_by_default():
    """Tests start in the portal's default language, whatever the previous test used."""
    with translation.override("fi"):
        yield


def pytest_collection_modifyitems(config, items):
    """Tests marked `postgres` need PostgreSQL; on SQLite they are skipped, and .ci/run fails if
    any is skipped in its PostgreSQL run."""
    if connection.vendor == "postgresql":
        return
    skip = pytest.mark.skip(reason="needs PostgreSQL: set DATABASE_URL=postgres://...")
    for item in items:
        if "postgres" in item.keywords:
            item.add_marker(skip)
