"""Database and deployment settings."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.db import connection
from django.db.backends.sqlite3.base import DatabaseWrapper

REPO = Path(__file__).resolve().parents[3]


def run_django(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    clean = {
        k: v for k, v in os.environ.items() if not k.startswith(("SPINEWISE_", "DATABASE_URL"))
    }
    return subprocess.run(
        [sys.executable, str(REPO / "manage.py"), *args],
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_sqlite_runs_in_wal_mode_with_a_busy_timeout(
    tmp_path: Path, django_db_blocker: Any
) -> None:
    options = settings.DATABASES["default"].get("OPTIONS", {})
    if "init_command" not in options:
        pytest.skip("running on PostgreSQL")
    config = {**settings.DATABASES["default"], "NAME": str(tmp_path / "wal.sqlite3")}
    wrapper = DatabaseWrapper(config, alias="wal-check")
    with django_db_blocker.unblock(), wrapper.cursor() as cursor:
        cursor.execute("PRAGMA journal_mode")
        assert cursor.fetchone()[0] == "wal"
        cursor.execute("PRAGMA busy_timeout")
        assert cursor.fetchone()[0] == 20000
    wrapper.close()


def test_the_suite_runs_on_the_database_it_was_given() -> None:
    # CI's second run sets DATABASE_URL to PostgreSQL: if the setting were ignored, that run
    # would quietly test SQLite again and every skip for "running on PostgreSQL" would lie.
    url = os.environ.get("DATABASE_URL", "")
    expected = "postgresql" if url.startswith(("postgres://", "postgresql://")) else "sqlite"
    assert connection.vendor == expected


def test_database_url_selects_postgresql(tmp_path: Path) -> None:
    result = run_django(
        {
            "DATABASE_URL": "postgres://someone@db.example:5432/spinewise",
            "SPINEWISE_VAR_DIR": str(tmp_path),
        },
        "shell",
        "-c",
        "from django.db import connection; print(connection.vendor, connection.settings_dict['NAME'])",
    )
    assert result.stdout.split()[-2:] == ["postgresql", "spinewise"], result.stderr


def test_production_settings_pass_the_deployment_checks(tmp_path: Path) -> None:
    env = {
        "SPINEWISE_ENV": "production",
        "SPINEWISE_SECRET_KEY": "x" * 20 + "-a-long-random-production-secret-" + "y" * 20,
        "SPINEWISE_ALLOWED_HOSTS": "spinewise.example.org",
        "SPINEWISE_VAR_DIR": str(tmp_path),
    }
    result = run_django(env, "check", "--deploy", "--fail-level", "WARNING")
    assert result.returncode == 0, result.stdout + result.stderr


def test_production_refuses_to_start_without_a_secret_key(tmp_path: Path) -> None:
    env = {"SPINEWISE_ENV": "production", "SPINEWISE_VAR_DIR": str(tmp_path)}
    result = run_django(env, "check")
    assert result.returncode != 0
    assert "SPINEWISE_SECRET_KEY" in result.stderr


def test_a_local_secret_key_is_generated_once_and_kept(tmp_path: Path) -> None:
    code = "from django.conf import settings; print(settings.SECRET_KEY)"
    first = run_django({"SPINEWISE_VAR_DIR": str(tmp_path)}, "shell", "-c", code)
    second = run_django({"SPINEWISE_VAR_DIR": str(tmp_path)}, "shell", "-c", code)
    assert first.stdout.split()[-1] == second.stdout.split()[-1]
    assert (tmp_path / "secret_key").stat().st_mode & 0o077 == 0


def test_a_key_another_process_wrote_meanwhile_is_the_one_used(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # gunicorn's workers and the background-work process start at the same moment on a new
    # machine: this one looked (no key yet), another wrote its key, then this one writes.
    from spinewise import settings as module

    monkeypatch.setattr(module, "VAR_DIR", tmp_path)
    (tmp_path / "secret_key").write_text("the-other-process-key")
    looked = Path.exists
    monkeypatch.setattr(
        Path, "exists", lambda self: False if self.name == "secret_key" else looked(self)
    )
    assert module._local_secret_key() == "the-other-process-key"
    assert not list(tmp_path.glob(".secret_key.*"))  # no draft left behind


def test_debug_is_off_unless_asked_for() -> None:
    assert settings.DEBUG is False


def test_migrations_are_complete(tmp_path: Path) -> None:
    result = run_django(
        {"SPINEWISE_VAR_DIR": str(tmp_path)}, "makemigrations", "--check", "--dry-run"
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_spinewise_cache_url_shares_kept_answers_through_redis(tmp_path: Path) -> None:
    import socket

    with socket.socket() as probe:
        if probe.connect_ex(("127.0.0.1", 6379)) != 0:
            pytest.skip("no Redis on 127.0.0.1:6379")
    result = run_django(
        {"SPINEWISE_CACHE_URL": "redis://127.0.0.1:6379/3", "SPINEWISE_VAR_DIR": str(tmp_path)},
        "shell",
        "-c",
        "from django.core.cache import caches; cache = caches['default']; "
        "cache.set('kept-check', 7, 5); print(type(cache).__name__, cache.get('kept-check'))",
    )
    assert result.stdout.split()[-2:] == ["RedisCache", "7"], result.stderr


def test_without_a_cache_url_each_process_keeps_answers_in_memory() -> None:
    assert settings.CACHES["default"]["BACKEND"].endswith("LocMemCache")
