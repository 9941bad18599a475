"""A worker killed with SIGKILL in the middle of a job loses nothing and repeats nothing: the
job's effects and its "done" mark commit together, so the half-done job runs again, once."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[3]
JOBS = 12


def done_jobs(database: Path) -> int:
    with sqlite3.connect(database, timeout=20) as db:
        row = db.execute(
            "SELECT count(*) FROM jobs_job WHERE kind = 'tests.effect_once' AND done_at IS NOT NULL"
        ).fetchone()
    return int(row[0])


@pytest.mark.slow
def test_a_worker_killed_mid_job_loses_and_repeats_nothing(tmp_path: Path) -> None:
    env = {**os.environ, "SPINEWISE_VAR_DIR": str(tmp_path), "SPINEWISE_JOBS": "queue"}
    env.pop("DATABASE_URL", None)  # a SQLite file of its own, which this test can read
    python = [sys.executable]
    subprocess.run([*python, "manage.py", "migrate", "-v0"], cwd=REPO, env=env, check=True)
    worker = [*python, "-m", "tests.web.jobs.crash_worker"]
    subprocess.run([*worker, "enqueue", str(JOBS)], cwd=REPO, env=env, check=True)
    database = tmp_path / "spinewise.sqlite3"

    slow = subprocess.Popen([*worker, "work"], cwd=REPO, env={**env, "CRASH_WORKER_SLEEP": "0.3"})
    try:
        deadline = time.monotonic() + 60
        while done_jobs(database) < 3 and time.monotonic() < deadline:
            time.sleep(0.05)
        time.sleep(0.15)  # into the next job's dawdle, its mark written but not committed
    finally:
        slow.send_signal(signal.SIGKILL)
        slow.wait(timeout=30)
    done_before = done_jobs(database)
    assert 3 <= done_before < JOBS

    subprocess.run([*worker, "drain"], cwd=REPO, env=env, check=True, timeout=120)

    with sqlite3.connect(database) as db:
        marks = [
            json.loads(payload)["n"]
            for (payload,) in db.execute("SELECT payload FROM jobs_job WHERE kind = 'tests.effect'")
        ]
        waiting = db.execute(
            "SELECT count(*) FROM jobs_job WHERE done_at IS NULL AND failed_at IS NULL"
        ).fetchone()[0]
    assert done_jobs(database) == JOBS
    assert sorted(marks) == list(range(JOBS))  # every job's effect exactly once
    assert waiting == 0


@pytest.mark.slow
def test_a_job_read_under_someone_elses_write_runs_again_and_writes_once(tmp_path: Path) -> None:
    # SQLite: the job reads without the write lock; a commit by another process between
    # its reads and its first write makes SQLite refuse the write, and the job starts over.
    env = {**os.environ, "SPINEWISE_VAR_DIR": str(tmp_path), "SPINEWISE_JOBS": "queue"}
    env.pop("DATABASE_URL", None)
    subprocess.run([sys.executable, "manage.py", "migrate", "-v0"], cwd=REPO, env=env, check=True)
    ran = subprocess.run(
        [sys.executable, "-m", "tests.web.jobs.crash_worker", "race"],
        cwd=REPO,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )
    assert "races: 2" in ran.stdout
    with sqlite3.connect(tmp_path / "spinewise.sqlite3") as db:
        marks = db.execute("SELECT count(*) FROM jobs_job WHERE kind = 'tests.effect'").fetchone()
        job = db.execute(
            "SELECT done_at, attempts FROM jobs_job WHERE kind = 'tests.racy'"
        ).fetchone()
    assert marks[0] == 1  # written once, by the try that was not refused
    assert job[0] is not None and job[1] == 0  # done, never counted as a failure
