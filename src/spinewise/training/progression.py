"""Applying the core progression engine after a session and storing what it decided.

When it runs: after the next-morning check (so the engine knows whether pain settled),
straight away when a session reports sharp pain, and, for sessions whose morning check
never came, when the next session is logged.

Safety: while a warning sign is open (a screening at see-clinician level or worse, or a
new symptom not yet screened) and after sharp pain in the session, nothing steps up;
stepping back and replacing still happen. When the latest screening blocks the programme
(urgent, emergency) nothing is changed at all.

Time: each session must stay within the minutes per session the person chose (plus 5 %), so
every item is decided with the minutes its session leaves it, counting the items decided
before it in their new doses.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime

from django.db import transaction
from django.db.models import F, Q, Window
from django.db.models.functions import RowNumber
from django.utils import timezone

from spinewise.catalogue.library import enabled_library
from spinewise.core.exercises import Library
from spinewise.core.model import ProgrammeItem
from spinewise.core.progression import Progression, progress_item
from spinewise.core.session_time import minutes_available_for
from spinewise.patients.models import Patient
from spinewise.programmes.models import Programme, ProgrammeVersion
from spinewise.programmes.services import SessionPlan, save_version, sessions_with_items
from spinewise.screening.safety import SafetyState, safety_state

from .models import ExerciseLog, ProgressionDecision, SessionLog

HISTORY = 6  # logs of the current dose passed to the engine
SHARP_PAIN_HOLD = (
    "You reported sharp pain in this session, so nothing steps up until it has settled."
)


def pause_reason(patient: Patient, state: SafetyState | None = None) -> str:
    """Why nothing may step up right now ("" when progression may go ahead)."""
    state = state or safety_state(patient)
    if state.latest is None:
        return "The safety questions have not been answered yet."
    if state.open_results:
        return f"Nothing steps up while a warning sign is open: {state.headline.rstrip('.')}."
    if state.rescreen_reason:
        return "Nothing steps up until you have answered the safety questions again."
    return ""


def _same_dose(planned: dict[str, object], item: ProgrammeItem) -> bool:
    return (
        planned.get("exercise_id") == item.exercise_id
        and planned.get("sets") == item.sets
        and planned.get("band_level") == item.band_level
        and all(planned.get(k) == getattr(item, k) for k in ("reps", "hold_seconds", "breaths"))
    )


def latest_logs(log: SessionLog, exercise_ids: Iterable[str]) -> dict[str, list[ExerciseLog]]:
    """The latest ``HISTORY`` logs (sets done) of each exercise up to ``log``, newest first.

    One query whatever the number of exercises or the length of the history: only the
    newest ``HISTORY`` of each can fall in a dose window, so older ones are never read.
    """
    up_to_log = Q(session_log__performed_on__lt=log.performed_on) | Q(
        session_log__performed_on=log.performed_on, session_log_id__lte=log.pk
    )
    newest_first = Window(
        RowNumber(),
        partition_by=[F("exercise_id")],
        order_by=[
            F("session_log__performed_on").desc(),
            F("session_log_id").desc(),
            F("position").desc(),
        ],
    )
    rows = (
        ExerciseLog.objects.filter(
            up_to_log,
            session_log__patient_id=log.patient_id,
            exercise_id__in=list(exercise_ids),
            sets_done__gt=0,
        )
        .select_related("session_log")
        .annotate(newest=newest_first)
        .filter(newest__lte=HISTORY)
        .order_by("exercise_id", "newest")
    )
    found: dict[str, list[ExerciseLog]] = {}
    for row in rows:
        found.setdefault(row.exercise_id, []).append(row)
    return found


def history_for(
    log: SessionLog, item: ProgrammeItem, latest: dict[str, list[ExerciseLog]] | None = None
) -> list[ExerciseLog]:
    """Logs of ``item``'s exercise at its current dose, up to ``log``, oldest first.

    ``latest``: :func:`latest_logs` for the exercises of ``log``, when already read.
    """
    if latest is None:
        latest = latest_logs(log, [item.exercise_id])
    window: list[ExerciseLog] = []
    for row in latest.get(item.exercise_id, []):
        if not _same_dose(row.planned, item):
            break
        window.append(row)
    return list(reversed(window))


def _decide(
    log: SessionLog,
    item: ProgrammeItem,
    library: Library,
    hold_reason: str,
    minutes: float,
    latest: dict[str, list[ExerciseLog]],
) -> Progression | None:
    history = history_for(log, item, latest)
    if not history:
        return None
    baseline = log.version.programme.baseline
    result = progress_item(
        item,
        [row.to_core() for row in history],
        pain_ceiling=log.patient.pain_ceiling,
        usual_pain=baseline.pain_now,
        band_levels=list(baseline.band_levels),
        library=library,
        equipment=list(baseline.equipment),
        conditions=list(baseline.conditions),
        minutes_available=minutes,
    )
    if result.decision == "progress" and hold_reason:
        return Progression("hold", item, hold_reason, result.alert_clinician)
    return result


@transaction.atomic
def apply_progression(log: SessionLog, now: datetime | None = None) -> ProgrammeVersion | None:
    """Run the engine for every exercise done in ``log``; a new version if anything changed.

    Runs once per log (later calls return the earlier result).
    """
    log = SessionLog.objects.select_for_update().select_related("patient").get(pk=log.pk)
    if log.progressed_at is not None:
        return log.resulting_version
    now = now or timezone.now()
    log.progressed_at = now
    patient = log.patient
    state = safety_state(patient)
    programme: Programme = log.version.programme
    current = programme.current_version()
    if state.gate.code == "programme_blocked":
        log.progression_note = "Your programme is paused until a doctor has checked you."
    elif current is None or patient.programmes.order_by("-created_at", "-id").first() != programme:
        log.progression_note = "This session belongs to an earlier programme."
    else:
        hold_reason = pause_reason(patient, state) or (
            SHARP_PAIN_HOLD if log.had_sharp_pain else ""
        )
        _progress_version(log, current, hold_reason, now)
    log.save(update_fields=["progressed_at", "progression_note", "resulting_version"])
    return log.resulting_version


@dataclass
class _Walk:
    """One run of the engine over a version: what every item's decision needs."""

    log: SessionLog
    done_ids: set[str]
    library: Library
    hold_reason: str
    latest: dict[str, list[ExerciseLog]]
    seen: set[str] = field(default_factory=set)
    decisions: list[ProgressionDecision] = field(default_factory=list)


def _progress_version(
    log: SessionLog, current: ProgrammeVersion, hold_reason: str, now: datetime
) -> None:
    done_ids = {e.exercise_id for e in log.exercise_logs.all() if e.sets_done > 0}
    walk = _Walk(log, done_ids, enabled_library(), hold_reason, latest_logs(log, done_ids))
    plans: list[SessionPlan] = []
    minutes_per_session = current.programme.baseline.minutes_per_session
    for session in sessions_with_items(current):
        planned = [p.to_core() for p in session.items.all()]
        items: list[ProgrammeItem | None] = list(planned)
        for index, item in enumerate(planned):
            # Items decided before this one count in their new doses.
            session_now = [i for i in items if i is not None]
            minutes = minutes_available_for(item, session_now, minutes_per_session)
            items[index] = _next_item(walk, item, minutes)
        kept = [i for i in items if i is not None]
        plans.append(SessionPlan(session.number, session.title, kept))
    decisions = walk.decisions
    changed = [d for d in decisions if d.changed]
    if changed:
        cause = f"After your session on {log.performed_on.day} {log.performed_on:%B}"
        if hasattr(log, "morning_check"):
            cause += " and the next-morning check"
        version = save_version(current.programme, plans, cause + ".", now)
        log.resulting_version = version
        for d in decisions:
            d.version = version
        log.progression_note = ""
    else:
        log.progression_note = "Everything stays the same for now."
    for d in decisions:
        d.session_log = log
        d.created_at = now
    ProgressionDecision.objects.bulk_create(decisions)


def _next_item(walk: _Walk, item: ProgrammeItem, minutes: float) -> ProgrammeItem | None:
    if item.exercise_id not in walk.done_ids:
        return item
    result = _decide(walk.log, item, walk.library, walk.hold_reason, minutes, walk.latest)
    if result is None:
        return item
    seen, decisions = walk.seen, walk.decisions
    if item.exercise_id not in seen:
        seen.add(item.exercise_id)
        new_id = result.item.exercise_id if result.item is not None else ""
        decisions.append(
            ProgressionDecision(
                exercise_id=item.exercise_id,
                new_exercise_id=new_id if new_id != item.exercise_id else "",
                decision=result.decision,
                reason=result.reason,
                changes=list(result.changes),
                alert_clinician=result.alert_clinician,
            )
        )
    return result.item
