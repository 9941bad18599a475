"""`manage.py serve` on gunicorn: one worker process per core plus a process of its own for
the background work (job queue, reminders), all stopped by one SIGTERM; on waitress the job
queue is a thread of the one process."""

from __future__ import annotations

import signal
import sqlite3
import subprocess
import threading
import time
from datetime import UTC, datetime
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.core.management import CommandError, call_command

from spinewise.selfcare.management.commands import serve

from .servers import MANAGE, free_port, health, migrated_env


def job_threads() -> list[threading.Thread]:
    return [t for t in threading.enumerate() if t.name == "spinewise-jobs" and t.is_alive()]


def test_waitress_runs_the_job_queue_as_a_thread_while_serving(
    monkeypatch: pytest.MonkeyPatch, settings: Any
) -> None:
    settings.SPINEWISE_JOBS = "queue"
    seen: list[int] = []

    def fake_server(listen: str, threads: int) -> None:
        seen.append(len(job_threads()))
        raise KeyboardInterrupt

    monkeypatch.setattr(serve, "serve_wsgi", fake_server)
    out = StringIO()
    call_command("serve", "--server=waitress", "--no-reminders", stdout=out)
    assert seen == [1]
    assert not job_threads()
    assert "Jobs: run by this process." in out.getvalue()


def test_with_celery_running_jobs_waitress_runs_no_job_thread(
    monkeypatch: pytest.MonkeyPatch, settings: Any
) -> None:
    settings.SPINEWISE_JOBS = "celery"
    seen: list[int] = []
    monkeypatch.setattr(
        serve, "serve_wsgi", lambda listen, threads: seen.append(len(job_threads()))
    )
    call_command("serve", "--server=waitress", "--no-reminders", stdout=StringIO())
    assert seen == [0]


def test_no_workers_is_refused() -> None:
    with pytest.raises(CommandError, match="--workers"):
        call_command("serve", "--server=gunicorn", "--workers=0", stdout=StringIO())


def children_of(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            found.append(int(entry.name))
    return found


@pytest.mark.slow
@pytest.mark.skipif(not serve.gunicorn_available(), reason="gunicorn needs POSIX")
def test_gunicorn_serves_from_several_processes_and_its_companion_runs_the_queue(
    tmp_path: Path,
) -> None:
    env = migrated_env(tmp_path, SPINEWISE_JOBS="queue")
    database = tmp_path / "spinewise.sqlite3"
    now = datetime.now(UTC).strftime("%Y-%m-%d %H:%M:%S.%f")  # as Django stores it
    with sqlite3.connect(database) as db:  # work left by a write in another process
        db.execute(
            "INSERT INTO jobs_job (kind, key, payload, patient_id, created_at, run_after, "
            "attempts, last_error) VALUES ('training.progress_earlier', 'left-over', "
            "'{\"patient_id\": 0, \"log_id\": 0}', NULL, ?, ?, 0, '')",
            (now, now),
        )
    port = free_port()
    server = subprocess.Popen(
        [*MANAGE, "serve", "--server=gunicorn", "--workers=2", f"--listen=127.0.0.1:{port}"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        assert '"status": "ok"' in health(port)
        done = None
        for _ in range(100):
            with sqlite3.connect(database) as db:
                done = db.execute("SELECT done_at FROM jobs_job WHERE key = 'left-over'").fetchone()
            if done and done[0]:
                break
            time.sleep(0.1)
        assert done and done[0], "the companion process never ran the waiting job"
        # The arbiter's children: two gunicorn workers and the background-work process.
        assert len(children_of(server.pid)) == 3
        server.send_signal(signal.SIGTERM)
        output, _ = server.communicate(timeout=60)
    finally:
        if server.poll() is None:
            server.kill()
    assert server.returncode == 0, output
    assert "gunicorn: 2 worker processes x 4 threads" in output
    assert "Background work stopped." in output
