"""A worker process for the kill -9 test: ``enqueue N`` queues N jobs whose handler writes one
row and then dawdles (``CRASH_WORKER_SLEEP`` seconds, inside the job's transaction), ``work``
runs them until killed, ``drain`` runs what is left and exits; ``race`` runs one job that
another process writes under twice, between its reads and its write."""

from __future__ import annotations

import os
import sqlite3
import sys
import time
from datetime import datetime
from typing import Any

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "spinewise.settings")

import django  # noqa: E402

django.setup()

from django.db import connection, transaction  # noqa: E402

from spinewise.jobs import queue  # noqa: E402
from spinewise.jobs.loop import WorkLoop  # noqa: E402
from spinewise.jobs.models import Job  # noqa: E402

KIND = "tests.effect_once"


@queue.handler(KIND)
def leave_one_mark(payload: dict[str, Any], now: datetime) -> None:
    Job.objects.create(
        kind="tests.effect",
        key=f"effect-{payload['n']}-{time.time_ns()}",
        payload=payload,
        created_at=now,
        run_after=now,
        done_at=now,
    )
    time.sleep(float(os.environ.get("CRASH_WORKER_SLEEP", "0")))


RACY = "tests.racy"
RACES = [0]


@queue.handler(RACY)
def write_after_someone_else(payload: dict[str, Any], now: datetime) -> None:
    """Reads, then (the first two times) another process commits before this job writes."""
    list(Job.objects.filter(kind=KIND))  # the job's reads
    if RACES[0] < 2:
        RACES[0] += 1
        with sqlite3.connect(connection.settings_dict["NAME"], timeout=20) as other:
            other.execute("UPDATE jobs_job SET last_error = 'touched' WHERE kind = ?", (RACY,))
    leave_one_mark(payload, now)


def main(mode: str, count: int = 0) -> None:
    if mode == "enqueue":
        with transaction.atomic():
            for n in range(count):
                queue.enqueue(KIND, f"{KIND}:{n}", {"n": n})
    elif mode == "work":
        WorkLoop(poll=0.05).run()  # until killed
    elif mode == "race":
        with transaction.atomic():
            queue.enqueue(RACY, "racy", {"n": 0})
        while queue.run_waiting():
            pass
        print(f"races: {RACES[0]}")
    elif mode == "drain":
        while queue.run_waiting():
            pass


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 0)
