"""Recording sessions and next-morning checks, and what happens after them."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import date, datetime, timedelta
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone

from spinewise.core.exercises import load_library
from spinewise.patients.models import Patient
from spinewise.programmes.models import PlannedSession, ProgrammeVersion
from spinewise.screening.models import Screening
from spinewise.screening.safety import SafetyState, require_exercise
from spinewise.screening.services import red_flag_questions, rescreen_with_symptoms

from .commands import CheckedItem, LogContext, LogSession, check_log
from .drafts import discard_draft
from .jobs import progress_earlier_later, progress_earlier_now
from .models import ExerciseLog, MorningCheck, SessionLog
from .progression import apply_progression

MORNING_CHECK_DAYS = 2  # a morning check is offered for sessions up to this many days ago


def next_session_number(patient: Patient, version: ProgrammeVersion) -> int:
    """The planned session that comes next: the one after the last logged, round the week."""
    count = version.sessions.count()
    last = (
        SessionLog.objects.filter(patient=patient, version__programme=version.programme)
        .order_by("-performed_on", "-id")
        .values_list("session_number", flat=True)
        .first()
    )
    if not count:
        return 1
    return 1 if last is None else last % count + 1


def week_start(day: date) -> date:
    return day - timedelta(days=day.weekday())


def done_this_week(patient: Patient, today: date) -> int:
    """Sessions completed (at least one set done, as ``SessionLog.completed``) this week."""
    start = week_start(today)
    completed = SessionLog.objects.filter(
        patient=patient,
        performed_on__gte=start,
        performed_on__lte=today,
        exercise_logs__sets_done__gt=0,
    )
    return completed.values("pk").distinct().count()


def record_session(
    patient: Patient,
    session: PlannedSession,
    command: LogSession,
    now: datetime | None = None,
    *,
    safety: SafetyState | None = None,
) -> tuple[SessionLog, bool]:
    """Check and store one session log in one transaction; (log, False) when this log
    (its token) was recorded before. ``safety``: the state ``require_exercise`` gave the
    caller in this same request, so the gate is not read twice.

    Raises SafetyBlocked (nothing stored) when the safety gate does not allow exercise,
    InvalidLog naming every field that is wrong, and AlreadyLogged when this planned
    session already has a log for that day, whatever the token: one log per planned
    session per day (a correction goes through ``corrections.correct_session``).

    Also screens again when warning signs were ticked and notes any other new symptom,
    straight away. The engine runs for earlier sessions whose morning check never came
    after the commit, off the request (``training.jobs``); for this session straight away
    only when it reported sharp pain, which must step the exercise back before the next.

    The short write path: everything is read and checked before the transaction, which
    holds the database's write lock only for the inserts; the log is answered from the
    objects in memory (``exercise_logs`` and ``decisions`` prefetched, no morning check).
    """
    existing = _already_logged(patient, command.token)
    if existing is not None:
        return existing, False
    if safety is None or not safety.may_exercise:
        require_exercise(patient)  # SafetyBlocked with the advice when a warning is open
    now = now or timezone.now()
    checked = check_log(command, log_context(session, now))
    # A read before the write lock: any log still waiting for progression is older.
    earlier_waiting = SessionLog.objects.filter(
        patient=patient, progressed_at__isnull=True
    ).exists()
    try:
        with transaction.atomic():
            # The patient's row is the lock: two saves of one session (Back, then Save
            # again; or two tabs) take turns here, and the second finds the first.
            Patient.objects.select_for_update().filter(pk=patient.pk).first()
            first = logged_on(patient, session, command.performed_on)
            if first is not None and first.token == command.token:
                return first, False  # the same form, sent twice at the same moment
            if first is not None:
                raise AlreadyLogged(first)
            log = _create_log(patient, session, command, checked, now)
            discard_draft(patient, session, command.performed_on)  # nothing left to resume
            _after_log(patient, log, now, earlier_waiting)
    except IntegrityError:
        # The same form sent twice at the same moment: the unique constraint kept one.
        existing = SessionLog.objects.filter(patient=patient, token=command.token).first()
        if existing is None:
            raise
        return existing, False
    return log, True


class AlreadyLogged(Exception):
    """This planned session already has a log for that day: ``log`` is the first one."""

    def __init__(self, log: SessionLog) -> None:
        self.log = log
        super().__init__(f"session {log.session_number} was logged on {log.performed_on}")


def logged_on(patient: Patient, session: PlannedSession, day: date) -> SessionLog | None:
    """The log of this planned session (any version of its programme) done on ``day``."""
    return (
        SessionLog.objects.filter(
            patient=patient,
            version__programme_id=session.version.programme_id,
            session_number=session.number,
            performed_on=day,
        )
        .order_by("id")
        .first()
    )


def log_context(session: PlannedSession, now: datetime) -> LogContext:
    return LogContext(
        items=list(session.items.all()),
        band_levels=list(session.version.programme.baseline.band_levels),
        symptom_ids={q["id"] for q in red_flag_questions()},
        today=timezone.localdate(now),
        library=load_library(),
    )


def _already_logged(patient: Patient, token: uuid.UUID) -> SessionLog | None:
    return SessionLog.objects.filter(patient=patient, token=token).first()


def _create_log(
    patient: Patient,
    session: PlannedSession,
    command: LogSession,
    checked: Sequence[CheckedItem],
    now: datetime,
) -> SessionLog:
    log = SessionLog.objects.create(
        patient=patient,
        version=session.version,
        session_number=session.number,
        session_title=session.title,
        performed_on=command.performed_on,
        created_at=now,
        token=command.token,
        note=command.note,
        new_symptoms=list(command.new_symptoms),
        other_symptom=command.other_symptom,
    )
    rows = store_items(log, checked)
    keep_prefetched(log, exercise_logs=rows, decisions=[])
    SessionLog.morning_check.related.set_cached_value(log, None)  # none yet: no query
    return log


def keep_prefetched(log: SessionLog, **related: list[Any]) -> None:
    """Give ``log`` these related rows as if prefetched, so answering reads nothing again."""
    cache = getattr(log, "_prefetched_objects_cache", None)
    if cache is None:
        cache = log._prefetched_objects_cache = {}
    for name, rows in related.items():
        queryset = getattr(log, name).all()
        queryset._result_cache = list(rows)
        queryset._prefetch_done = True
        cache[name] = queryset


def store_items(log: SessionLog, checked: Sequence[CheckedItem]) -> list[ExerciseLog]:
    return ExerciseLog.objects.bulk_create(
        ExerciseLog(
            session_log=log,
            planned=one.item.to_core().to_dict(),
            pain_next_morning=None,
            **one.row(),
        )
        for one in checked
    )


def _after_log(patient: Patient, log: SessionLog, now: datetime, earlier_waiting: bool) -> None:
    if log.new_symptoms:
        screening = screen_warning_signs(patient, log.new_symptoms, now)
        log.screening = screening
        log.save(update_fields=["screening"])
    if log.other_symptom:
        note_other_symptom(patient, log, log.other_symptom)
    if not log.had_sharp_pain:
        if earlier_waiting:
            progress_earlier_later(log)
        return
    # Sharp pain steps back before the next session: the earlier sessions first, in order,
    # then this one, all now (a rare path, so it may be the slow one).
    progress_earlier_now(patient.pk, log.pk, now)
    apply_progression(log, now)
    log.refresh_from_db()  # its decisions and new version (the prefetched rows go too)


def morning_check_due(log: SessionLog, today: date) -> bool:
    """The next-morning check is asked from the morning after the session, never the
    same evening, when the pain of the session itself is still talking."""
    return log.performed_on < today


def screen_warning_signs(patient: Patient, signs: Sequence[str], now: datetime) -> Screening | None:
    """Warning signs ticked with a session screen again at once; when that gives no new
    screening, the person is asked the safety questions again before the next session."""
    screening = rescreen_with_symptoms(patient, list(signs), Screening.Source.SESSION, now)
    if screening is None:
        patient.rescreen_reason = "you reported a possible warning sign with a session"
        patient.save(update_fields=["rescreen_reason"])
    return screening


def note_other_symptom(patient: Patient, log: SessionLog, symptom: str) -> None:
    """Any other new symptom asks for the safety questions again, quoting it."""
    patient.rescreen_reason = f"“{symptom}” (with your session on {log.performed_on})"[:200]
    patient.save(update_fields=["rescreen_reason"])


def pending_morning_check(patient: Patient, today: date) -> SessionLog | None:
    """The latest session of the last days still waiting for its next-morning check
    (sessions of ``today`` wait for tomorrow)."""
    return (
        SessionLog.objects.filter(
            patient=patient,
            morning_check__isnull=True,
            performed_on__gte=today - timedelta(days=MORNING_CHECK_DAYS),
            performed_on__lt=today,
        )
        .order_by("-performed_on", "-id")
        .first()
    )


def record_morning_check(
    log: SessionLog, pain_now: int, now: datetime | None = None
) -> tuple[MorningCheck, bool]:
    """Store the morning pain on the session's exercise logs and run the engine.

    Returns (check, False) when this session already had its morning check.
    """
    now = now or timezone.now()
    try:
        with transaction.atomic():
            check = MorningCheck.objects.create(
                patient=log.patient, session_log=log, pain_now=pain_now, created_at=now
            )
            log.exercise_logs.filter(sets_done__gt=0).update(pain_next_morning=pain_now)
            apply_progression(log, now)
    except IntegrityError:
        return MorningCheck.objects.get(session_log=log), False
    return check, True
