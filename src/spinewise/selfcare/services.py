"""Self-care actions: the core decides, these functions store and fetch.

Every ``record_*`` function is idempotent: a form carries a token (or the record is
unique per day), so sending it twice stores one row.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import Model
from django.urls import reverse
from django.utils import timezone

from spinewise.core.exercises import Exercise
from spinewise.core.model import ProgrammeItem
from spinewise.core.selfcare import (
    BreakRoutine,
    Lesson,
    LessonChoice,
    StepDay,
    StepGoal,
    choose_break_routine,
    choose_lesson,
    load_lessons,
    next_step_goal,
    score_workstation,
)
from spinewise.core.selfcare import (
    HeatColdLog as CoreHeatColdLog,
)
from spinewise.core.selfcare.lessons import CheckResult
from spinewise.core.selfcare.steps import MIN_DAYS_TO_START, START_WINDOW_DAYS
from spinewise.exercises.library import enabled_library
from spinewise.patients.models import Patient
from spinewise.screening.safety import safety_state

from .context import flare_up_on, lesson_context
from .models import HeatColdLog, LessonRead, RelaxationLog, StepEntry, WorkstationCheck

STEP_CHART_DAYS = 28


# ------------------------------------------------------------------------- lessons


def today_lesson(patient: Patient, today: date) -> tuple[Lesson, LessonChoice]:
    """Today's lesson and the core's reason for it."""
    choice = choose_lesson(lesson_context(patient, today))
    return load_lessons().get(choice.lesson_id), choice


def record_lesson_answer(
    patient: Patient, lesson: Lesson, choice: int, today: date
) -> tuple[LessonRead, CheckResult]:
    """Mark the answer (0-2) and record the lesson as read today; answering again the
    same day replaces the answer, so there is one read per lesson per day."""
    result = lesson.mark(choice)
    read, _ = _update_or_create(
        LessonRead,
        {"patient": patient, "lesson_id": lesson.id, "read_on": today},
        {"answer": choice, "correct": result.correct},
    )
    return read, result


def _update_or_create(
    model: type[Model], lookup: dict[str, Any], values: dict[str, Any]
) -> tuple[Any, bool]:
    """update_or_create that survives two identical requests racing on a unique key."""
    try:
        with transaction.atomic():
            return model._default_manager.update_or_create(**lookup, defaults=values)
    except IntegrityError:
        return model._default_manager.update_or_create(**lookup, defaults=values)


# --------------------------------------------------------------------- workstation


def record_workstation(
    patient: Patient, answers: Mapping[str, str], token: uuid.UUID, now: datetime | None = None
) -> WorkstationCheck:
    """Score ``answers`` with the core and store the check (once per form ``token``)."""
    existing = WorkstationCheck.objects.filter(patient=patient, token=token).first()
    if existing is not None:
        return existing
    result = score_workstation(dict(answers))
    try:
        with transaction.atomic():
            return WorkstationCheck.objects.create(
                patient=patient,
                created_at=now or timezone.now(),
                answers=dict(result.answers),
                score=result.score,
                result=result.to_dict(),
                token=token,
            )
    except IntegrityError:
        return WorkstationCheck.objects.get(patient=patient, token=token)


def previous_check(check: WorkstationCheck) -> WorkstationCheck | None:
    return (
        WorkstationCheck.objects.filter(patient=check.patient, created_at__lt=check.created_at)
        .order_by("-created_at", "-id")
        .first()
    )


# ----------------------------------------------------------------- movement breaks


@dataclass(frozen=True)
class BreakStep:
    exercise: Exercise
    item: ProgrammeItem

    @property
    def dose(self) -> str:
        unit = {"reps": "repetitions", "hold": "seconds", "breaths": "breaths"}[
            self.exercise.tracking
        ]
        side = " each side" if self.exercise.per_side else ""
        return f"{self.item.amount} {unit}{side}"


@dataclass(frozen=True)
class BreakOffer:
    """Either a routine with its exercises, or why there is none and where to go."""

    routine: BreakRoutine | None = None
    steps: tuple[BreakStep, ...] = ()
    blocked: str = ""
    next_url: str = ""
    next_label: str = ""
    gentle: bool = False


def break_offer(patient: Patient, today: date) -> BreakOffer:
    """A 1-2 minute desk routine from the core, drawn from the person's baseline
    (regions, conditions, equipment); gentle only until a clinician has seen them after a
    "see a clinician" screening; none until the safety questions allow exercise."""
    state = safety_state(patient)
    if state.gate.code == "programme_blocked":
        return BreakOffer(
            blocked=state.advice, next_url=state.next_url, next_label="Read the advice"
        )
    if not state.may_exercise:
        return BreakOffer(
            blocked="Please answer the safety questions first, so we know which movements "
            "are safe for you.",
            next_url=reverse("screening:start"),
            next_label="Answer the safety questions",
        )
    baseline = patient.latest_baseline()
    if baseline is None or not baseline.regions:
        return BreakOffer(
            blocked="Tell us about your back first, so your breaks suit you.",
            next_url=reverse("patients:baseline"),
            next_label="Tell us about your back",
        )
    gentle = state.planning_level != "self_manage"
    library = enabled_library()
    routine = choose_break_routine(
        library,
        baseline.regions,
        baseline.conditions,
        baseline.equipment,
        day=today,
        seed=patient.pk,
        gentle_only=gentle,
    )
    steps = tuple(BreakStep(library.get(i.exercise_id), i) for i in routine.items)
    return BreakOffer(routine=routine, steps=steps, gentle=gentle)


# ------------------------------------------------------------------- heat and cold


def record_heat_cold(
    patient: Patient, log: CoreHeatColdLog, used_on: date, token: uuid.UUID
) -> HeatColdLog:
    """Store one use of heat or cold (validated by the core), once per form ``token``."""
    return _create_once(
        HeatColdLog,
        patient,
        token,
        kind=log.kind,
        minutes=log.minutes,
        effect=log.effect,
        pain_before=log.pain_before,
        pain_after=log.pain_after,
        used_on=used_on,
    )


def _create_once(model: type[Model], patient: Patient, token: uuid.UUID, **values: Any) -> Any:
    manager = model._default_manager
    existing = manager.filter(patient=patient, token=token).first()
    if existing is not None:
        return existing
    try:
        with transaction.atomic():
            return manager.create(patient=patient, token=token, **values)
    except IntegrityError:
        return manager.get(patient=patient, token=token)


# --------------------------------------------------------------------- relaxation


def record_relaxation(
    patient: Patient,
    kind: str,
    minutes: int,
    done_on: date,
    token: uuid.UUID,
    breaths_per_minute: float | None = None,
) -> RelaxationLog:
    return _create_once(
        RelaxationLog,
        patient,
        token,
        kind=kind,
        minutes=minutes,
        done_on=done_on,
        breaths_per_minute=breaths_per_minute,
    )


# -------------------------------------------------------------------------- steps


def step_history(patient: Patient, before: date | None = None) -> list[StepDay]:
    entries = StepEntry.objects.filter(patient=patient)
    if before is not None:
        entries = entries.filter(on__lt=before)
    return [StepDay(e.on, e.steps, e.goal) for e in entries.order_by("on")]


def step_goal(patient: Patient, day: date) -> StepGoal:
    """The core's step goal for ``day`` from the entries before it."""
    return next_step_goal(
        step_history(patient, before=day), today=day, flare_up_on=flare_up_on(patient, day)
    )


def _settled(goal: StepGoal, history: list[StepDay], day: date) -> bool:
    """False for the core's stand-in first goal, offered until there are enough counts:
    storing it would stop the core from setting the first goal from the person's usual day."""
    if goal.change != "start":
        return True
    window = day - timedelta(days=START_WINDOW_DAYS)
    return sum(1 for d in history if d.on >= window) >= MIN_DAYS_TO_START


def save_steps(patient: Patient, day: date, steps: int) -> StepEntry:
    """Store the day's count (one entry a day: entering it again updates it), with the
    goal that applied that day."""
    existing = StepEntry.objects.filter(patient=patient, on=day).first()
    if existing is not None and existing.goal is not None:
        goal: int | None = existing.goal
    else:
        history = step_history(patient, before=day)
        proposed = next_step_goal(history, today=day, flare_up_on=flare_up_on(patient, day))
        goal = proposed.goal if _settled(proposed, history, day) else None
    entry, _ = _update_or_create(
        StepEntry,
        {"patient": patient, "on": day},
        {"steps": steps, "goal": goal, "updated_at": timezone.now()},
    )
    return entry
