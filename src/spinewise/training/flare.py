"""A flare-up pauses progression of the whole programme (CLINICAL.md section 4).

Pain of 7/10 or more, during a session or the next morning, in 2 of the last 3 sessions
starts a :class:`FlarePause`: nothing steps up anywhere in the programme, the clinician is
alerted (the caseload's ``flare_up`` alert), the person is offered the flare-up lesson and
asked the warning-sign questions again. The pause ends when pain has settled (the pattern
has cleared and the latest session settled by the next morning) or when a linked clinician
lifts it. The rules themselves are the core's (``progression_rules``); this module keeps
the record.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import Max, Q

from spinewise.core.progression_rules import (
    FLARE_SESSIONS,
    flare_over,
)
from spinewise.patients.models import Patient

from .models import FlarePause, SessionLog

FLARE_LESSON = "first-aid-for-a-flare-up"
RESCREEN_AFTER_FLARE = "a flare-up (pain of 7/10 or more in 2 of your last 3 sessions)"
FLARE_HOLD = (
    "Progression of your whole programme is paused after a flare-up: nothing steps up until "
    "your pain settles or your clinician lifts the pause."
)


class FlarePauseError(Exception):
    """A pause action that cannot be taken (e.g. there is no pause to lift)."""


def active_pause(patient: Patient) -> FlarePause | None:
    """The flare-up pause in force, or None."""
    return FlarePause.objects.filter(patient=patient, ended_at__isnull=True).first()


def recent_sessions(log: SessionLog) -> list[tuple[int, int | None]]:
    """(worst pain during, next-morning pain) of the last 3 sessions with exercise done,
    up to and including ``log``, oldest first (NRS 0-10)."""
    up_to = Q(performed_on__lt=log.performed_on) | Q(performed_on=log.performed_on, pk__lte=log.pk)
    rows = (
        SessionLog.objects.filter(up_to, patient_id=log.patient_id)
        .annotate(
            during=Max("exercise_logs__pain_during", filter=Q(exercise_logs__sets_done__gt=0))
        )
        .filter(during__isnull=False)
        .values_list("during", "morning_check__pain_now")
        .order_by("-performed_on", "-id")[:FLARE_SESSIONS]
    )
    return [(int(during), morning) for during, morning in reversed(list(rows))]


def start_pause(log: SessionLog, now: datetime) -> tuple[FlarePause, bool]:
    """Pause progression after ``log`` (idempotent: the pause in force, False, when there is
    one) and ask the warning-sign questions again. Call inside the log's transaction."""
    patient = log.patient
    existing = active_pause(patient)
    if existing is not None:
        return existing, False
    try:
        with transaction.atomic():
            pause = FlarePause.objects.create(
                patient=patient,
                session_log=log,
                started_at=now,
                reason=f"Pain of 7/10 or more in 2 of the last 3 sessions (to {log.performed_on}).",
            )
    except IntegrityError:  # a concurrent run started it first
        found = active_pause(patient)
        assert found is not None
        return found, False
    if not patient.rescreen_reason:
        patient.rescreen_reason = RESCREEN_AFTER_FLARE
        patient.save(update_fields=["rescreen_reason"])
    return pause, True


def end_if_settled(
    pause: FlarePause,
    sessions: list[tuple[int, int | None]],
    usual: int | None,
    ceiling: int,
    now: datetime,
) -> bool:
    """End ``pause`` when the core says the flare-up is over; True when it ended."""
    if not flare_over(sessions, usual, ceiling):
        return False
    _end(pause, FlarePause.Ended.SETTLED, None, "Pain settled after the flare-up.", now)
    return True


def lift_pause(patient: Patient, clinician: Any, note: str, now: datetime) -> FlarePause:
    """A linked clinician lifts the pause in force, saying why (the patient sees it)."""
    note = note.strip()
    if not note:
        raise FlarePauseError("Say why you are lifting the pause: the patient will see it.")
    with transaction.atomic():
        pause = (
            FlarePause.objects.select_for_update()
            .filter(patient=patient, ended_at__isnull=True)
            .first()
        )
        if pause is None:
            raise FlarePauseError("Progression is not paused for a flare-up.")
        _end(pause, FlarePause.Ended.LIFTED, clinician, note, now)
    return pause


def _end(pause: FlarePause, how: str, by: Any, note: str, now: datetime) -> None:
    pause.ended_at = now
    pause.ended_how = how
    pause.ended_by = by
    pause.ended_note = note[:300]
    pause.save(update_fields=["ended_at", "ended_how", "ended_by", "ended_note"])
