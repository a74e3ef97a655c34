"""Production settings: the web and worker processes refuse to start without what they need."""

import os
import runpy
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


@pytest.mark.parametrize(
    ("query", "options"),
    [("", {}), ("?sslmode=require", {"sslmode": "require"})],
)
def test_the_database_connect_timeout_keeps_the_options_of_database_url(
    monkeypatch, query, options
):
    monkeypatch.setenv("DATABASE_URL", f"postgres://portal@db.example.org/portal{query}")
    monkeypatch.setenv("DATABASE_CONNECT_TIMEOUT", "7")
    settings = runpy.run_path(str(ROOT / "portal" / "settings.py"))
    assert settings["DATABASES"]["default"]["OPTIONS"] == {**options, "connect_timeout": 7}
