"""`make run` serves with `manage.py serve`: waitress plus the reminder loop, in one
process, stopped cleanly by Ctrl+C or SIGTERM."""

from __future__ import annotations

import signal
import subprocess
import threading
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command

from spinewise.selfcare.management.commands import serve

from .servers import MANAGE, free_port, health, migrated_env


def reminder_threads() -> list[threading.Thread]:
    return [t for t in threading.enumerate() if t.name == "spinewise-reminders" and t.is_alive()]


def test_serve_runs_the_reminder_loop_while_serving_and_stops_it_after(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    seen: list[int] = []

    def fake_server(listen: str, threads: int) -> None:
        seen.append(len(reminder_threads()))
        raise KeyboardInterrupt  # what Ctrl+C does to the server

    monkeypatch.setattr(serve, "serve_wsgi", fake_server)
    out = StringIO()
    call_command(
        "serve", "--server=waitress", "--listen=127.0.0.1:0", "--reminder-interval=3600", stdout=out
    )
    assert seen == [1]
    assert not reminder_threads()
    assert "Reminder loop stopped." in out.getvalue()


def test_with_celery_sending_the_server_runs_no_loop(
    monkeypatch: pytest.MonkeyPatch, settings: Any
) -> None:
    # Through pytest-django's ``settings`` (restored after the test), not monkeypatch: since
    # pytest 9 its undo deletes an attribute the settings object does not hold itself, and
    # the setting stays deleted for every later test in the process.
    settings.SPINEWISE_EMBEDDED_REMINDERS = False
    seen: list[int] = []
    monkeypatch.setattr(
        serve, "serve_wsgi", lambda listen, threads: seen.append(len(reminder_threads()))
    )
    call_command("serve", "--server=waitress", "--listen=127.0.0.1:0", stdout=StringIO())
    assert seen == [0]


@pytest.mark.slow
def test_a_real_server_answers_and_stops_cleanly_on_sigterm(tmp_path: Path) -> None:
    env = migrated_env(tmp_path)
    port = free_port()
    server = subprocess.Popen(
        [
            *MANAGE,
            "serve",
            "--server=waitress",
            f"--listen=127.0.0.1:{port}",
            "--reminder-interval=1",
        ],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        assert '"status": "ok"' in health(port)
        server.send_signal(signal.SIGTERM)
        output, _ = server.communicate(timeout=30)
    finally:
        if server.poll() is None:
            server.kill()
    assert server.returncode == 0, output
    assert "Reminders: sent every 1 s by this process." in output
    assert "Reminder loop stopped." in output
