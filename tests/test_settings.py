"""Production settings: the web and worker processes refuse to start without what they need."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def _start_web(code: str = "", **env: str) -> subprocess.CompletedProcess[str]:
    clean = {
        key: value
        for key, value in os.environ.items()
        if key not in {"SECRET_KEY", "ALLOWED_HOSTS", "DEBUG"}
    }
    return subprocess.run(  # noqa: S603 - our own code, from the tests
        [sys.executable, "-c", f"import portal.wsgi\n{code}"],
        cwd=ROOT,
        env={**clean, **env},
        capture_output=True,
        text=True,
        check=False,
    )


@pytest.mark.parametrize(
    ("env", "named"),
    [
        ({"ALLOWED_HOSTS": "portal.example.org"}, "SECRET_KEY"),
        ({"SECRET_KEY": "a-real-secret"}, "ALLOWED_HOSTS"),
    ],
)
def test_the_web_process_names_the_missing_setting(env, named):
    result = _start_web(**env)
    assert result.returncode != 0
    assert f"{named} is not set" in result.stderr


def test_the_web_process_starts_with_both_set():
    result = _start_web(SECRET_KEY="a-real-secret", ALLOWED_HOSTS="portal.example.org")
    assert result.returncode == 0, result.stderr


def test_the_web_process_leaves_what_it_loaded_out_of_the_cycle_collectors_passes():
    result = _start_web(
        "import gc; print(gc.get_freeze_count())",
        SECRET_KEY="a-real-secret",
        ALLOWED_HOSTS="portal.example.org",
    )
    assert result.returncode == 0, result.stderr
    assert int(result.stdout) > 10_000  # Django and the apps' objects


def test_the_web_process_reads_its_release_before_it_serves():
    """A digest read at the first request could be of files a deployment has since put in
    place of the process's own."""
    result = _start_web(
        "from portal.cache import _sources_digest; print(_sources_digest.cache_info().currsize)",
        SECRET_KEY="a-real-secret",
        ALLOWED_HOSTS="portal.example.org",
        RELEASE="",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "1"


def test_management_commands_run_without_a_secret():
    clean = {key: value for key, value in os.environ.items() if key not in {"SECRET_KEY", "DEBUG"}}
    result = subprocess.run(
        [sys.executable, "manage.py", "makemigrations", "--check", "--dry-run"],
        cwd=ROOT,
        env=clean,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
