"""Creating programmes from the core planner and storing new versions."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from django.db import transaction
from django.utils import timezone

from spinewise.core import planner
from spinewise.core.model import ProgrammeItem
from spinewise.exercises.library import enabled_library
from spinewise.patients.models import Baseline, Patient
from spinewise.screening.safety import require_exercise

from .models import PlannedItem, PlannedSession, Programme, ProgrammeVersion


@dataclass(frozen=True)
class SessionPlan:
    """One session of a version to store: its number, title and items (core objects)."""

    number: int
    title: str
    items: Sequence[ProgrammeItem]


def current_programme(patient: Patient) -> Programme | None:
    return patient.programmes.order_by("-created_at", "-id").first()


def current_version(patient: Patient) -> ProgrammeVersion | None:
    programme = current_programme(patient)
    if programme is None or programme.blocked:
        return None
    return programme.current_version()


def sessions_with_items(version: ProgrammeVersion) -> list[PlannedSession]:
    return list(version.sessions.prefetch_related("items").order_by("number"))


def current_items_for(patient: Patient, exercise_id: str) -> list[PlannedItem]:
    version = current_version(patient)
    if version is None:
        return []
    items = PlannedItem.objects.filter(session__version=version, exercise_id=exercise_id)
    return list(items.select_related("session"))


@transaction.atomic
def create_programme(
    patient: Patient, baseline: Baseline, now: datetime | None = None
) -> Programme:
    """Plan a programme from ``baseline``; SafetyBlocked unless the safety gate allows one.

    The planner may still block: the programme is then stored as blocked with the
    planner's advice and no sessions.
    """
    state = require_exercise(patient)
    now = now or timezone.now()
    level = state.planning_level or "see_clinician"  # open see-clinician warning: gentle only
    profile = planner.profile_from_dict(
        baseline.profile_data(level, seed=patient.pk, extra_conditions=state.planner_conditions)
    )
    plan = planner.plan_programme(profile, enabled_library())
    programme = Programme.objects.create(
        patient=patient,
        baseline=baseline,
        screening=state.latest,
        created_at=now,
        warnings=list(plan.warnings),
        blocked=plan.blocked,
        advice=plan.advice,
    )
    if not plan.blocked:
        save_version(
            programme,
            [SessionPlan(s.number, s.title, s.items) for s in plan.sessions],
            "Planned from your baseline answers.",
            now,
        )
    return programme


def save_version(
    programme: Programme, sessions: Sequence[SessionPlan], cause: str, now: datetime | None = None
) -> ProgrammeVersion:
    """Store the next version of ``programme`` with these sessions."""
    last = programme.versions.order_by("-number").values_list("number", flat=True).first()
    version = ProgrammeVersion.objects.create(
        programme=programme,
        number=(last or 0) + 1,
        created_at=now or timezone.now(),
        cause=cause[:300],
    )
    # Two inserts whatever the number of sessions (bulk_create returns the new ids on
    # PostgreSQL and on SQLite 3.35+).
    stored = PlannedSession.objects.bulk_create(
        PlannedSession(
            version=version,
            number=plan.number,
            title=plan.title,
            minutes=round(sum(item.minutes for item in plan.items), 1),
        )
        for plan in sessions
    )
    PlannedItem.objects.bulk_create(
        PlannedItem.from_core(session, position, item)
        for session, plan in zip(stored, sessions, strict=True)
        for position, item in enumerate(plan.items)
    )
    return version
