"""Exactly once with two workers: two real threads run the job at the same moment, each
with its own database connection, on a real database (a file on SQLite; PostgreSQL in
CI via DATABASE_URL)."""

from __future__ import annotations

import threading
from collections.abc import Callable, Collection
from datetime import UTC, datetime

import pytest
from django.core import mail
from django.db import connections

from spinewise.patients.models import Patient
from spinewise.selfcare.models import Notification, SentReminder
from spinewise.selfcare.reminders import sending
from spinewise.selfcare.reminders.sending import send_due_reminders
from tests.web.selfcare.conftest import reminders_for

pytestmark = pytest.mark.usefixtures("shared_db")

AT_SIX = datetime(2025, 3, 10, 18, 1, tzinfo=UTC)
PEOPLE = 12


@pytest.fixture
def people(shared_db: None, make_patient: Callable[..., Patient]) -> list[Patient]:
    made = [make_patient(f"person{i}") for i in range(PEOPLE)]
    for patient in made:
        reminders_for(patient, channels=["email", "in_app"])
    return made


def run_two_workers() -> list[int]:
    """Start two workers on the same instant; returns what each says it sent."""
    start = threading.Barrier(2)
    results: list[int] = []
    errors: list[BaseException] = []

    def worker() -> None:
        try:
            start.wait()
            results.append(send_due_reminders(AT_SIX))
        except BaseException as exc:  # re-raised in the test below
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(120)
    assert not errors, errors
    assert len(results) == 2
    return results


def assert_each_sent_once() -> None:
    assert SentReminder.objects.count() == PEOPLE
    assert Notification.objects.count() == PEOPLE
    assert len(mail.outbox) == PEOPLE
    assert len({m.to[0] for m in mail.outbox}) == PEOPLE


def test_two_workers_at_once_send_every_reminder_exactly_once(people: list[Patient]) -> None:
    results = run_two_workers()
    assert sum(results) == PEOPLE
    assert_each_sent_once()


def test_when_both_workers_find_the_same_reminders_due_the_database_lets_one_send(
    people: list[Patient], monkeypatch: pytest.MonkeyPatch
) -> None:
    # Neither worker sees the other's keys beforehand: only the UNIQUE claim decides.
    def nothing_sent_yet(patient_id: int, now: datetime) -> Collection[str]:
        return set()

    monkeypatch.setattr(sending, "already_sent", nothing_sent_yet)
    results = run_two_workers()
    assert sum(results) == PEOPLE
    assert_each_sent_once()
