"""The scale path: the reminder task on a real Celery worker with the Redis broker.

Skipped only when Redis cannot be reached, and never in CI: with ``CI`` set (as CI
services do) an unreachable Redis fails the test, so `.ci/run` cannot pass without it.
"""

from __future__ import annotations

import os
import threading
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

import pytest
import redis
from celery.contrib.testing.worker import start_worker
from celery.signals import task_postrun
from django.conf import settings
from django.core import mail

from spinewise.celery import REMINDER_TASK, app
from spinewise.patients.models import Patient
from spinewise.selfcare.models import Notification, SentReminder
from spinewise.selfcare.tasks import send_due_reminders_task
from tests.web.selfcare.conftest import reminders_for

pytestmark = pytest.mark.usefixtures("shared_db")

AT_SIX = datetime(2025, 3, 10, 18, 1, tzinfo=UTC)


def in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no")


@pytest.fixture
def broker() -> str:
    url = settings.CELERY_BROKER_URL
    try:
        redis.Redis.from_url(url, socket_connect_timeout=2).ping()
    except redis.RedisError as exc:
        if in_ci():
            pytest.fail(f"Redis at {url} is not reachable in CI, so Celery is untested: {exc}")
        pytest.skip(f"Redis at {url} is not reachable: {exc}")
    return url


@pytest.fixture
def worker(broker: str, shared_db: None) -> Iterator[str]:
    """A real worker thread consuming a queue of this test's own."""
    queue = f"spinewise-test-{uuid.uuid4().hex}"
    with start_worker(app, pool="solo", perform_ping_check=False, queues=[queue]):
        yield queue


def run_tasks(queue: str, count: int) -> None:
    done = threading.Semaphore(0)

    def finished(sender: Any = None, **kwargs: Any) -> None:
        if sender is not None and sender.name == REMINDER_TASK:
            done.release()

    task_postrun.connect(finished, weak=False)
    try:
        for _ in range(count):
            send_due_reminders_task.apply_async(kwargs={"now": AT_SIX.isoformat()}, queue=queue)
        for _ in range(count):
            assert done.acquire(timeout=60), "the Celery worker did not run the task"
    finally:
        task_postrun.disconnect(finished)


def test_the_beat_schedule_runs_the_reminder_task_every_minute() -> None:
    entry = app.conf.beat_schedule["send-due-reminders"]
    assert entry["task"] == REMINDER_TASK == send_due_reminders_task.name
    assert entry["schedule"] == 60.0
    assert app.conf.broker_url == settings.CELERY_BROKER_URL


def test_a_celery_worker_sends_a_due_reminder_once(worker: str, patient: Patient) -> None:
    reminders_for(patient, channels=["email", "in_app"])
    run_tasks(worker, 2)
    assert SentReminder.objects.count() == 1
    assert Notification.objects.filter(patient=patient).count() == 1
    assert len(mail.outbox) == 1
