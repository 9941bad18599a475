"""Training's derived work, run by the queue after a log has committed (``spinewise.jobs``)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.db.models import QuerySet

from spinewise.jobs.queue import enqueue, handler

from .models import SessionLog
from .progression import apply_progression

PROGRESS_EARLIER = "training.progress_earlier"


def progress_earlier_later(log: SessionLog) -> None:
    """Ask for the engine to run, after this commit, for the sessions logged before ``log``
    whose next-morning check never came (inside the log's transaction; the caller knows
    there are some: none is the usual case once morning checks come in)."""
    enqueue(
        PROGRESS_EARLIER,
        f"{PROGRESS_EARLIER}:{log.pk}",
        {"patient_id": log.patient_id, "log_id": log.pk},
        patient_id=log.patient_id,
    )


@handler(PROGRESS_EARLIER)
def progress_earlier(payload: dict[str, Any], now: datetime) -> None:
    progress_earlier_now(payload["patient_id"], payload["log_id"], now)


def progress_earlier_now(patient_id: int, log_id: int, now: datetime) -> None:
    """Progression for every session logged before ``log_id`` and not yet progressed, oldest
    first (each call is once per log, so repeating this changes nothing)."""
    for older in _earlier_waiting(patient_id, log_id).order_by("performed_on", "id"):
        apply_progression(older, now)


def _earlier_waiting(patient_id: int, log_id: int) -> QuerySet[SessionLog]:
    return SessionLog.objects.filter(
        patient_id=patient_id, progressed_at__isnull=True, pk__lt=log_id
    )
