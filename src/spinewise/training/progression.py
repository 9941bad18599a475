"""Applying the core progression engine after a session and storing what it decided.

When it runs: after the next-morning check (so the engine knows whether pain settled),
straight away when a session reports sharp pain, and, for sessions whose morning check
never came, when the next session is logged.

Safety: while a warning sign is open (a screening at see-clinician level or worse, or a
new symptom not yet screened) and after sharp pain in the session, nothing steps up;
stepping back and replacing still happen. When the latest screening blocks the programme
(urgent, emergency) nothing is changed at all.

Pain: usual pain is the latest weekly check-in's average pain of the past week, else the
baseline's; the engine gets every log with its date and today's date (the day it runs).

Flare-up (see :mod:`flare`): 7/10 or more in 2 of the last 3 sessions pauses progression of
the whole programme. The session that starts the pause eases the exercises the engine says
to ease; while it lasts nothing steps up and nothing is eased again for the same flare-up
(sharp pain still replaces an exercise). A session that shows the pain has settled ends it.

Time: each session must stay within the minutes per session the person chose (plus 5 %), so
every item is decided with the minutes its session leaves it, counting the items decided
before it in their new doses.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime

from django.db import transaction
from django.db.models import F, Q, Window
from django.db.models.functions import RowNumber
from django.utils import timezone

from spinewise.checkins.models import WeeklyCheckIn
from spinewise.core.exercises import Library
from spinewise.core.model import ProgrammeItem
from spinewise.core.progression import Progression, progress_item
from spinewise.core.progression_rules import sessions_flare
from spinewise.core.session_time import minutes_available_for
from spinewise.exercises.library import enabled_library
from spinewise.patients.models import Baseline, Patient
from spinewise.programmes.models import Programme, ProgrammeVersion
from spinewise.programmes.services import SessionPlan, save_version, sessions_with_items
from spinewise.screening.safety import SafetyState, safety_state

from .flare import FLARE_HOLD, active_pause, end_if_settled, recent_sessions, start_pause
from .models import ExerciseLog, FlarePause, ProgressionDecision, SessionLog

# Logs of each exercise passed to the engine: two weeks of daily sessions, enough for the
# week-on-week trend, the gap before the latest session and the flare-up pattern.
HISTORY = 16
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
    if active_pause(patient) is not None:
        return FLARE_HOLD
    return ""


def usual_pain_of(patient: Patient, baseline: Baseline) -> int:
    """The person's usual pain 0-10: the average pain of the past week from their latest
    weekly check-in, else from their baseline answers."""
    latest = (
        WeeklyCheckIn.objects.filter(patient=patient)
        .order_by("-created_at", "-id")
        .values_list("peg_pain", flat=True)
        .first()
    )
    return int(latest) if latest is not None else int(baseline.pain_last_week)


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
) -> tuple[list[ExerciseLog], list[ExerciseLog]]:
    """Logs of ``item``'s exercise up to ``log``, oldest first: (at its current dose, at
    earlier doses before those).

    ``latest``: :func:`latest_logs` for the exercises of ``log``, when already read.
    """
    if latest is None:
        latest = latest_logs(log, [item.exercise_id])
    rows = latest.get(item.exercise_id, [])
    at_dose = next(
        (i for i, row in enumerate(rows) if not _same_dose(row.planned, item)), len(rows)
    )
    return list(reversed(rows[:at_dose])), list(reversed(rows[at_dose:]))


def _decide(walk: _Walk, item: ProgrammeItem, minutes: float) -> Progression | None:
    log = walk.log
    history, earlier = history_for(log, item, walk.latest)
    if not history:
        return None
    baseline = log.version.programme.baseline
    result = progress_item(
        item,
        [row.to_core() for row in history],
        earlier_logs=[row.to_core() for row in earlier],
        today=walk.today,
        pain_ceiling=log.patient.pain_ceiling,
        usual_pain=walk.usual_pain,
        band_levels=list(baseline.band_levels),
        library=walk.library,
        equipment=list(baseline.equipment),
        conditions=list(baseline.conditions),
        minutes_available=minutes,
    )
    if result.decision == "pause" and not walk.flare_started:
        # The flare-up this pause is for already eased the dose: keep it, do not walk it down.
        return Progression("hold", item, f"{FLARE_HOLD} {result.reason}", result.alert_clinician)
    if result.decision == "progress" and walk.hold_reason:
        return Progression("hold", item, walk.hold_reason, result.alert_clinician)
    return result


@transaction.atomic
def apply_progression(log: SessionLog, now: datetime | None = None) -> ProgrammeVersion | None:
    """Run the engine for every exercise done in ``log``; a new version if anything changed.

    Runs once per log (later calls return the earlier result). The given object's
    prefetched rows are dropped: its decisions are about to change.
    """
    log.__dict__.pop("_prefetched_objects_cache", None)
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
        _progress_version(log, current, state, now)
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
    today: date
    usual_pain: int
    flare_started: bool
    seen: set[str] = field(default_factory=set)
    decisions: list[ProgressionDecision] = field(default_factory=list)
    plans: list[SessionPlan] = field(default_factory=list)


def _progress_version(
    log: SessionLog, current: ProgrammeVersion, state: SafetyState, now: datetime
) -> None:
    patient = log.patient
    usual = usual_pain_of(patient, current.programme.baseline)
    sessions = recent_sessions(log)
    pause: FlarePause | None = active_pause(patient)
    if pause is not None and end_if_settled(pause, sessions, usual, patient.pain_ceiling, now):
        pause = None
    started = False
    if pause is None and sessions_flare(sessions):
        pause, started = start_pause(log, now)
    walk = _walk(log, current, state, usual, started, now)
    if pause is None and any(d.decision == "pause" for d in walk.decisions):
        # This exercise's own sessions show a flare-up the latest sessions do not: pause all.
        pause, started = start_pause(log, now)
        walk = _walk(log, current, state, usual, started, now)
    _save(walk, current, now)


def _walk(
    log: SessionLog,
    current: ProgrammeVersion,
    state: SafetyState,
    usual: int,
    flare_started: bool,
    now: datetime,
) -> _Walk:
    """Decide every item of ``current`` done in ``log``, session by session."""
    patient = log.patient
    hold_reason = pause_reason(patient, state) or (SHARP_PAIN_HOLD if log.had_sharp_pain else "")
    if flare_started:
        hold_reason = FLARE_HOLD
    done_ids = {e.exercise_id for e in log.exercise_logs.all() if e.sets_done > 0}
    walk = _Walk(
        log,
        done_ids,
        enabled_library(),
        hold_reason,
        latest_logs(log, done_ids),
        today=max(timezone.localdate(now), log.performed_on),
        usual_pain=usual,
        flare_started=flare_started,
    )
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
        walk.plans.append(SessionPlan(session.number, session.title, kept))
    return walk


def _save(walk: _Walk, current: ProgrammeVersion, now: datetime) -> None:
    log, decisions = walk.log, walk.decisions
    changed = [d for d in decisions if d.changed]
    if changed:
        cause = f"After your session on {log.performed_on.day} {log.performed_on:%B}"
        if hasattr(log, "morning_check"):
            cause += " and the next-morning check"
        version = save_version(current.programme, walk.plans, cause + ".", now)
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
    result = _decide(walk, item, minutes)
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
