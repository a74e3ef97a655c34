"""Security headers (issue #7): `manage.py check --deploy` passes with production settings,
also with HSTS preloading on, and fails with DEBUG on."""

import subprocess
import sys

from .security_headers_helpers import DEVELOPMENT, PRODUCTION, ROOT, _environment


def _check_deploy(**env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=_environment(**env),
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )


def test_check_deploy_passes_with_production_settings():
    result = _check_deploy(**PRODUCTION, CACHE_URL="redis://127.0.0.1:6379/14")
    assert result.returncode == 0, result.stdout + result.stderr


def test_check_deploy_is_not_fooled_by_development_settings():
    """The check above means something: with DEBUG on it fails."""
    result = _check_deploy(**PRODUCTION, **DEVELOPMENT)
    assert result.returncode != 0
    assert "security.W018" in result.stderr  # DEBUG in deployment


def test_hsts_preload_is_the_operators_choice():
    result = _check_deploy(**PRODUCTION, SECURE_HSTS_PRELOAD="1")
    assert result.returncode == 0, result.stdout + result.stderr
