"""The embedded reminder loop and its command: run once, or every minute until stopped."""

from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta
from io import StringIO
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command
from django.utils import timezone

from spinewise.patients.models import Patient
from spinewise.selfcare.models import Notification
from spinewise.selfcare.reminders.loop import ReminderLoop
from spinewise.selfcare.reminders.sending import send_due_reminders
from tests.web.selfcare.conftest import reminders_for

AT_SIX = datetime(2025, 3, 10, 18, 1, tzinfo=UTC)


def zone_at_midday() -> tuple[str, datetime]:
    """A fixed-offset zone where it is now daytime, and the local time there."""
    now = timezone.now()
    for hours in range(-12, 13):
        name = f"Etc/GMT{'+' if hours <= 0 else '-'}{abs(hours)}"
        local = now.astimezone(ZoneInfo(name))
        if 9 <= local.hour <= 19:
            return name, local
    raise AssertionError("some zone always has daytime")


@pytest.mark.django_db
def test_the_command_sends_what_is_due_now(patient: Patient) -> None:
    name, local = zone_at_midday()
    reminders_for(patient, timezone=name, session_time=(local - timedelta(minutes=1)).time())
    out = StringIO()
    call_command("run_reminders", stdout=out)
    assert out.getvalue().strip() == "Sent 1 reminder(s)."
    call_command("run_reminders", stdout=out)
    assert Notification.objects.filter(patient=patient).count() == 1


def test_the_loop_runs_at_once_then_every_interval_and_stops_cleanly() -> None:
    calls = threading.Semaphore(0)

    def job() -> int:
        calls.release()
        return 0

    loop = ReminderLoop(interval=0.05, job=job).start()
    try:
        assert all(calls.acquire(timeout=5) for _ in range(3))
        assert loop.running
    finally:
        loop.stop(timeout=5)
    assert not loop.running


def test_a_failing_run_does_not_end_the_loop() -> None:
    runs = threading.Semaphore(0)

    def job() -> int:
        runs.release()
        raise RuntimeError("database away")

    loop = ReminderLoop(interval=0.05, job=job).start()
    try:
        assert runs.acquire(timeout=5) and runs.acquire(timeout=5)
        assert loop.running
    finally:
        loop.stop(timeout=5)


def test_the_loop_sends_real_reminders(shared_db: None, patient: Patient) -> None:
    reminders_for(patient)
    ran = threading.Event()

    def job() -> int:
        sent = send_due_reminders(AT_SIX)
        ran.set()
        return sent

    loop = ReminderLoop(interval=60, job=job).start()
    try:
        assert ran.wait(30)
    finally:
        loop.stop(timeout=30)
    assert not loop.running
    assert Notification.objects.filter(patient=patient).count() == 1
