"""Enqueue derived work inside a write's transaction; run it after the commit, exactly once.

A write (a session log) adds a ``Job`` row in its own transaction, so the work is as durable
as the write: if the server dies right after answering, the job is still there. Who runs it
(``settings.SPINEWISE_JOBS``):

- ``"queue"`` (default): a worker polls the table, a thread of ``manage.py serve`` or the
  ``manage.py work`` process; a job enqueued in the same process wakes it at once;
- ``"celery"``: as ``"queue"``, and each job is also sent to Celery after the commit (the
  table stays the truth; a worker's sweep picks up anything Celery lost);
- ``"inline"``: the job runs in the enqueuing transaction itself (tests, scripts): the
  behaviour before the queue, one transaction for everything.

Exactly once: a job runs in one transaction that also marks it done; a crash rolls both back
and the job runs again later. A handler must therefore only write to the database (or be
safe to repeat). Failures retry with back-off; after ``MAX_ATTEMPTS`` the job is marked
failed and logged, never retried for ever.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.db import IntegrityError, OperationalError, connection, transaction
from django.utils import timezone

from spinewise.web.database import database_busy

from .models import Job

logger = logging.getLogger("spinewise.jobs")

Handler = Callable[[dict[str, Any], datetime], None]
HANDLERS: dict[str, Handler] = {}
MAX_ATTEMPTS = 5
OPTIMISTIC_TRIES = 3  # SQLite: reads without the write lock before a job waits for it
wake = threading.Event()  # set when this process enqueued work: the worker need not poll


def handler(kind: str) -> Callable[[Handler], Handler]:
    """Register the function that runs jobs of ``kind`` (in the owning app's ``jobs.py``)."""

    def register(function: Handler) -> Handler:
        HANDLERS[kind] = function
        return function

    return register


def mode() -> str:
    return str(getattr(settings, "SPINEWISE_JOBS", "queue"))


def enqueue(kind: str, key: str, payload: dict[str, Any], *, patient_id: int | None = None) -> None:
    """Ask for ``kind`` to run once after the current transaction commits.

    Must be called inside the write's transaction. The same ``key`` still waiting is not
    added again.
    """
    if kind not in HANDLERS:
        raise LookupError(f"no handler for job kind {kind!r}")
    now = timezone.now()
    if mode() == "inline":
        HANDLERS[kind](payload, now)
        return
    try:
        # A savepoint: the same key still waiting (the unique constraint) must not undo the
        # write around it.
        with transaction.atomic():
            job = Job.objects.create(
                kind=kind,
                key=key,
                payload=payload,
                patient_id=patient_id,
                created_at=now,
                run_after=now,
            )
    except IntegrityError:
        return
    transaction.on_commit(lambda: _after_commit(job.pk))


def _after_commit(job_id: int) -> None:
    wake.set()
    if mode() == "celery":
        from .tasks import run_job_task

        try:
            run_job_task.delay(job_id)
        except Exception:  # noqa: BLE001 - the broker is down: the worker's sweep runs it
            logger.warning("Could not send job %s to Celery; the sweep will run it", job_id)


def pending_for(patient_id: int) -> bool:
    """Whether derived work for this patient is still waiting (the page says "updating")."""
    return Job.objects.filter(
        patient_id=patient_id, done_at__isnull=True, failed_at__isnull=True
    ).exists()


def run_job(job_id: int, now: datetime | None = None) -> bool:
    """Run one job if it is still waiting; True when it ran (now or by someone else before).

    On SQLite the first tries run optimistically: the job reads in a deferred transaction,
    without the database's only write lock, and takes the lock at its first write; SQLite
    refuses that write if anyone committed since the job began reading, and the job runs
    again from the start. So the lock is held for the job's writes only, not for the reads
    and the engine's thinking (most of a progression job). After ``OPTIMISTIC_TRIES`` the
    job waits for the lock before it reads, as any write does.
    """
    for attempt in range(OPTIMISTIC_TRIES + 1):
        optimistic = attempt < OPTIMISTIC_TRIES and connection.vendor == "sqlite"
        try:
            with _deferred(optimistic):
                return _run_once(job_id, now)
        except OperationalError as exc:
            if optimistic and database_busy(exc):
                continue  # someone wrote meanwhile: read again
            _failed(job_id, exc)
            return False
        except Exception as exc:  # noqa: BLE001 - recorded on the job and retried
            _failed(job_id, exc)
            return False
    return False  # not reached: the last try is not optimistic


@contextmanager
def _deferred(on: bool) -> Iterator[None]:
    if not on:
        yield
        return
    connection.ensure_connection()
    mode_before = connection.transaction_mode  # type: ignore[attr-defined]
    connection.transaction_mode = None  # type: ignore[attr-defined]  # plain BEGIN: deferred
    try:
        yield
    finally:
        connection.transaction_mode = mode_before  # type: ignore[attr-defined]


def _run_once(job_id: int, now: datetime | None) -> bool:
    with transaction.atomic():
        rows = Job.objects.filter(pk=job_id, done_at__isnull=True, failed_at__isnull=True)
        if connection.features.has_select_for_update_skip_locked:
            rows = rows.select_for_update(skip_locked=True)
        job = rows.first()
        if job is None:
            return True
        HANDLERS[job.kind](job.payload, now or timezone.now())
        job.done_at = timezone.now()
        job.save(update_fields=["done_at"])
        return True


def _failed(job_id: int, exc: BaseException) -> None:
    logger.exception("Job %s failed", job_id, exc_info=exc)
    job = Job.objects.filter(pk=job_id).first()
    if job is None:
        return
    job.attempts += 1
    job.last_error = f"{type(exc).__name__}: {exc}"[:2000]
    now = timezone.now()
    if job.attempts >= MAX_ATTEMPTS:
        job.failed_at = now
    else:
        job.run_after = now + timedelta(seconds=2**job.attempts)
    job.save(update_fields=["attempts", "last_error", "failed_at", "run_after"])


def waiting_ids(limit: int = 50) -> list[int]:
    """Ids of jobs due now, oldest first."""
    rows = Job.objects.filter(
        done_at__isnull=True, failed_at__isnull=True, run_after__lte=timezone.now()
    ).order_by("run_after", "id")
    return list(rows.values_list("pk", flat=True)[:limit])


def run_waiting(limit: int = 50) -> int:
    """Run the jobs due now; how many ran."""
    ran = 0
    for job_id in waiting_ids(limit):
        ran += run_job(job_id)
    return ran
