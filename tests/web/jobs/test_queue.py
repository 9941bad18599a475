"""Derived work after a log: queued in the log's transaction, run once after the commit by
the worker, retried with back-off when it fails, and never lost."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import datetime, timedelta
from typing import Any

import pytest
from django.utils import timezone

from spinewise.jobs import queue
from spinewise.jobs.loop import WorkLoop
from spinewise.jobs.models import Job
from spinewise.patients.models import Patient
from spinewise.programmes.models import Programme
from spinewise.training.jobs import PROGRESS_EARLIER
from tests.web.conftest import entries_for, give_programme, log_session, session_of

pytestmark = pytest.mark.django_db(transaction=True)

RAN: list[dict[str, Any]] = []


@queue.handler("tests.record")
def record(payload: dict[str, Any], now: datetime) -> None:
    RAN.append(payload)


@queue.handler("tests.broken")
def broken(payload: dict[str, Any], now: datetime) -> None:
    # A write that must not survive the failure that follows it.
    Job.objects.create(kind="tests.effect", key="effect", created_at=now, run_after=now)
    raise RuntimeError("the handler broke")


@pytest.fixture(autouse=True)
def queued(settings: Any) -> Iterator[None]:
    settings.SPINEWISE_JOBS = "queue"
    RAN.clear()
    yield
    RAN.clear()


@pytest.fixture
def programme(patient: Patient) -> Programme:
    return give_programme(patient)


def test_a_log_answers_before_the_earlier_session_is_progressed(
    patient: Patient, programme: Programme
) -> None:
    yesterday = timezone.localdate() - timedelta(days=1)
    first = log_session(patient, session_of(programme, 1), day=yesterday)
    log_session(patient, session_of(programme, 2))
    first.refresh_from_db()
    assert first.progressed_at is None
    assert queue.pending_for(patient.pk)
    job = Job.objects.get(kind=PROGRESS_EARLIER, patient_id=patient.pk, done_at__isnull=True)

    assert queue.run_waiting() >= 1

    first.refresh_from_db()
    job.refresh_from_db()
    assert first.progressed_at is not None
    assert job.done_at is not None
    assert not queue.pending_for(patient.pk)
    assert queue.run_waiting() == 0  # nothing runs twice


def test_sharp_pain_steps_back_at_once_without_the_queue(
    patient: Patient, programme: Programme
) -> None:
    yesterday = timezone.localdate() - timedelta(days=1)
    first = log_session(patient, session_of(programme, 1), day=yesterday)
    session = session_of(programme, 2)
    entries = entries_for(session)
    entries[0] = replace(entries[0], sharp_pain=True)
    log = log_session(patient, session, entries=entries)
    assert log.progressed_at is not None
    sharp = log.decisions.get(exercise_id=session.items.all()[0].exercise_id)
    assert sharp.alert_clinician
    first.refresh_from_db()
    assert first.progressed_at is not None  # the earlier one first, in order
    assert not queue.pending_for(patient.pk)


def test_the_same_work_asked_twice_before_it_ran_is_one_job(patient: Patient) -> None:
    from django.db import transaction

    with transaction.atomic():
        queue.enqueue("tests.record", "same", {"n": 1}, patient_id=patient.pk)
        queue.enqueue("tests.record", "same", {"n": 1}, patient_id=patient.pk)
    assert Job.objects.filter(key="same").count() == 1
    queue.run_waiting()
    assert RAN == [{"n": 1}]


def test_work_waits_for_the_commit_and_is_dropped_with_a_rollback(patient: Patient) -> None:
    from django.db import transaction

    class Abandon(Exception):
        pass

    with pytest.raises(Abandon), transaction.atomic():
        queue.enqueue("tests.record", "gone", {"n": 2}, patient_id=patient.pk)
        raise Abandon
    assert not Job.objects.filter(key="gone").exists()
    assert queue.run_waiting() == 0
    assert RAN == []


def test_a_commit_wakes_the_worker_of_this_process() -> None:
    from django.db import transaction

    queue.wake.clear()
    with transaction.atomic():
        queue.enqueue("tests.record", "wake", {"n": 3})
        assert not queue.wake.is_set()
    assert queue.wake.is_set()


def test_a_failing_job_is_rolled_back_retried_later_then_marked_failed() -> None:
    from django.db import transaction

    with transaction.atomic():
        queue.enqueue("tests.broken", "broken", {})
    job = Job.objects.get(key="broken")
    assert queue.run_job(job.pk) is False
    job.refresh_from_db()
    assert job.attempts == 1
    assert "the handler broke" in job.last_error
    assert job.run_after > timezone.now()  # backs off: not due straight away
    assert queue.waiting_ids() == []
    assert not Job.objects.filter(kind="tests.effect").exists()  # its write was undone
    for _ in range(queue.MAX_ATTEMPTS - 1):
        queue.run_job(job.pk)
    job.refresh_from_db()
    assert job.failed_at is not None
    assert job.attempts == queue.MAX_ATTEMPTS
    assert queue.run_job(job.pk) is True  # a failed job is left alone
    job.refresh_from_db()
    assert job.attempts == queue.MAX_ATTEMPTS


def test_an_unknown_kind_is_refused_when_asked_for() -> None:
    with pytest.raises(LookupError, match="tests.nobody"):
        queue.enqueue("tests.nobody", "x", {})


def test_the_worker_thread_runs_work_enqueued_after_it_started() -> None:
    from django.db import transaction

    loop = WorkLoop(poll=0.05).start()
    try:
        with transaction.atomic():
            queue.enqueue("tests.record", "thread", {"n": 4})
        deadline = timezone.now() + timedelta(seconds=10)
        while not RAN and timezone.now() < deadline:
            loop._stopping.wait(0.02)
    finally:
        loop.stop()
    assert RAN == [{"n": 4}]
    assert Job.objects.get(key="thread").done_at is not None
