"""Correcting a logged session instead of logging it twice.

A planned session has one log a day (``services.record_session`` refuses a second). The
person corrects that log while the engine has not yet read it, which is until its
next-morning check (or at once, for sharp pain). The engine then runs once, on the
corrected log. After that the programme has already adapted to the log, so a correction
would change history that later decisions stand on: it is refused, with the reason.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from django.db import transaction
from django.utils import timezone

from spinewise.programmes.models import PlannedSession
from spinewise.screening.safety import require_exercise

from .commands import LogSession, check_log
from .models import SessionLog
from .progression import apply_progression
from .services import log_context, note_other_symptom, screen_warning_signs, store_items


class CorrectionClosed(Exception):
    """The engine has already acted on this log; the message says when."""


def planned_session_of(log: SessionLog) -> PlannedSession:
    return PlannedSession.objects.prefetch_related("items").get(
        version=log.version, number=log.session_number
    )


def correctable(log: SessionLog) -> bool:
    return log.progressed_at is None


def correct_session(
    log: SessionLog, command: LogSession, now: datetime | None = None
) -> SessionLog:
    """Replace what ``log`` says with ``command`` (its day and token stay the log's own).

    Raises CorrectionClosed once the engine has read the log, SafetyBlocked when a warning
    sign is open, InvalidLog as a new log would. A newly ticked warning sign screens again
    at once; sharp pain runs the engine straight away, as when logging.
    """
    if not correctable(log):
        day = timezone.localdate(log.progressed_at)
        raise CorrectionClosed(
            f"Your programme already adapted to this session (on {day.day} {day:%B}), so it "
            "can no longer be corrected. If something was wrong, say so in your next "
            "session's note."
        )
    patient = log.patient
    require_exercise(patient)
    now = now or timezone.now()
    session = planned_session_of(log)
    command = replace(command, token=log.token, performed_on=log.performed_on)
    checked = check_log(command, log_context(session, now))
    new_signs = [s for s in command.new_symptoms if s not in log.new_symptoms]
    new_other = command.other_symptom if command.other_symptom != log.other_symptom else ""
    with transaction.atomic():
        locked = SessionLog.objects.select_for_update().get(pk=log.pk)
        if not correctable(locked):
            raise CorrectionClosed("Your programme changed after this session a moment ago.")
        locked.exercise_logs.all().delete()
        store_items(locked, checked)
        locked.note = command.note
        locked.new_symptoms = list(command.new_symptoms)
        locked.other_symptom = command.other_symptom
        locked.save(update_fields=["note", "new_symptoms", "other_symptom"])
        if new_signs:
            screening = screen_warning_signs(patient, new_signs, now)
            locked.screening = screening or locked.screening
            locked.save(update_fields=["screening"])
        if new_other:
            note_other_symptom(patient, locked, new_other)
        if locked.had_sharp_pain:
            apply_progression(locked, now)
    locked.refresh_from_db()
    return locked
