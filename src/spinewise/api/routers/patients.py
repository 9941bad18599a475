"""The patient: profile, what to do today, and the baseline (which plans the programme)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, Literal

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema, Status
from ninja.decorators import decorate_view

from spinewise.accounts.time_zones import local_today
from spinewise.patients.commands import (
    ACTIVITY_MAX,
    BAND_NAME_MAX,
    MAX_BANDS,
    PSFS_COUNT,
    BaselineAnswers,
)
from spinewise.patients.kept import kept, revisions_key
from spinewise.patients.models import Baseline, Patient
from spinewise.programmes.baseline import record_baseline
from spinewise.screening.safety import safety_state
from spinewise.today.journey import today_facts

from ..errors import documented_errors
from ..idempotency import IdempotencyKey, idempotent
from ..links import PATIENT_IN_PATH, links, operation
from ..pagination import Page, PageParams, paginate
from ..params import Int, PatientRef, Text, patient_of
from ..vocab import Condition, Equipment, Level, Region
from .programmes import ProgrammeSummary, SessionOut, programme_summary, session_out

router = Router(tags=["patients"])


class PatientOut(Schema):
    id: int
    username: str
    created_at: datetime
    pain_ceiling: int = Field(..., description="Highest acceptable pain during exercise, 0-10.")
    rescreen_required: bool = Field(
        ..., description="True after a new symptom: answer the safety questions again."
    )
    rescreen_reason: str
    screening_level: str | None = Field(None, description="Of the latest screening.")
    safety_level: str = Field(
        ...,
        description="The level in force: the most severe warning still open on the record "
        "(answering again never closes one; a clearance does), else self_manage.",
    )
    may_exercise: bool = Field(..., description="Whether the safety gate allows exercise now.")
    has_baseline: bool


class StepOut(Schema):
    key: Literal["screening", "blocked", "baseline", "checkin", "session"]
    title: str
    text: str
    page_url: str


class TodayOut(Schema):
    date: date
    step: StepOut = Field(..., description="The one thing to do next, as the Today page says.")
    next_session: SessionOut | None = Field(None, description="When the step is a session.")
    done_this_week: int
    sessions_per_week: int
    morning_check_for: int | None = Field(
        None, description="Id of a session log waiting for its next-morning check."
    )


class PsfsItem(Schema):
    activity: Text(ACTIVITY_MAX) = Field(..., min_length=1)  # type: ignore[valid-type]
    score: Int = Field(..., ge=0, le=10, description="0 unable - 10 as before the problem.")


class BaselineIn(Schema):
    regions: list[Region] = Field(..., min_length=1)
    pain_now: Int = Field(..., ge=0, le=10)
    pain_last_week: Int = Field(..., ge=0, le=10)
    psfs: list[PsfsItem] = Field(
        ..., min_length=PSFS_COUNT, max_length=PSFS_COUNT, description="Three hard activities."
    )
    equipment: list[Equipment] = []
    band_levels: list[Text(BAND_NAME_MAX)] = Field(  # type: ignore[valid-type]
        [], max_length=MAX_BANDS, description="Your bands' names, easiest first."
    )
    sessions_per_week: Int = Field(3, ge=1, le=7)
    minutes_per_session: Int = Field(20, ge=10, le=60)
    level: Level = "beginner"
    conditions: list[Condition] = []


class BaselineOut(Schema):
    id: int
    created_at: datetime
    regions: list[str]
    pain_now: int
    pain_last_week: int
    psfs: list[PsfsItem]
    psfs_score: float
    equipment: list[str]
    band_levels: list[str]
    sessions_per_week: int
    minutes_per_session: int
    level: str
    conditions: list[str]


class BaselineCreatedOut(Schema):
    baseline: BaselineOut
    programme: ProgrammeSummary


def patient_out(patient: Patient) -> dict[str, Any]:
    state = safety_state(patient)
    screening = state.latest
    return {
        "id": patient.pk,
        "username": patient.user.get_username(),
        "created_at": patient.created_at,
        "pain_ceiling": patient.pain_ceiling,
        "rescreen_required": bool(patient.rescreen_reason),
        "rescreen_reason": patient.rescreen_reason,
        "screening_level": screening.level if screening else None,
        "safety_level": state.level,
        "may_exercise": state.may_exercise,
        "has_baseline": patient.baselines.exists(),
    }


def baseline_out(b: Baseline) -> dict[str, Any]:
    return {
        "id": b.pk,
        "created_at": b.created_at,
        "regions": list(b.regions),
        "pain_now": b.pain_now,
        "pain_last_week": b.pain_last_week,
        "psfs": [{"activity": a, "score": s} for a, s in b.psfs_pairs],
        "psfs_score": b.psfs_score,
        "equipment": list(b.equipment),
        "band_levels": list(b.band_levels),
        "sessions_per_week": b.sessions_per_week,
        "minutes_per_session": b.minutes_per_session,
        "level": b.level,
        "conditions": list(b.conditions),
    }


@router.get(
    "/patients/{patient}",
    response={200: PatientOut, **documented_errors(401, 403, 404, 422)},
    url_name="patient",
    summary="A patient's profile",
)
def get_patient(request: HttpRequest, patient: PatientRef) -> Any:
    return patient_out(patient_of(request, patient))


@router.get(
    "/patients/{patient}/today",
    response={200: TodayOut, **documented_errors(401, 403, 404, 422)},
    url_name="today",
    summary="What to do today (the Today page)",
)
def today(request: HttpRequest, patient: PatientRef) -> Any:
    """Kept per patient and day until their record changes (``patients.kept``): an app may ask
    as often as it likes."""
    found = patient_of(request, patient)
    day = local_today(found.user)  # the patient's day, whoever asks
    key = revisions_key("today", found.pk, day, [(found.pk, found.revision)])
    return kept(key, lambda: today_answer(found, day))


def today_answer(found: Patient, day: date) -> dict[str, Any]:
    facts = today_facts(found, day)
    step = facts.step
    return {
        "date": day,
        "step": {"key": step.key, "title": step.title, "text": step.text, "page_url": step.url},
        "next_session": session_out(step.session) if step.session is not None else None,
        "done_this_week": facts.done_this_week,
        "sessions_per_week": facts.sessions_per_week,
        "morning_check_for": facts.morning_log.pk if facts.morning_log is not None else None,
    }


@router.get(
    "/patients/{patient}/baselines",
    response={200: Page[BaselineOut], **documented_errors(401, 403, 404, 422)},
    url_name="baselines",
    summary="A patient's baselines, newest first",
)
def list_baselines(request: HttpRequest, patient: PatientRef, page: Query[PageParams]) -> Any:
    found = patient_of(request, patient)
    rows = found.baselines.order_by("-created_at", "-id")
    return paginate(request, rows, page, baseline_out)


@router.post(
    "/patients/{patient}/baselines",
    response={201: BaselineCreatedOut, **documented_errors(400, 401, 403, 404, 409, 413, 422)},
    url_name="baselines_create",
    summary="Give the baseline answers; plans a new programme",
    openapi_extra=links(
        (201,), GetProgramme=(operation("programmes", "get_programme"), PATIENT_IN_PATH)
    ),
)
@decorate_view(idempotent)
def create_baseline(
    request: HttpRequest,
    patient: PatientRef,
    payload: BaselineIn,
    idempotency_key: str | None = IdempotencyKey,
) -> Any:
    """Where it hurts, what is hard, equipment and time: the planner builds the programme.

    Needs the safety gate to allow exercise (409 ``screening_required``,
    ``rescreen_required`` or ``programme_blocked`` otherwise, with the advice to follow).
    """
    found = patient_of(request, patient, change=True)
    answers = BaselineAnswers(
        regions=tuple(payload.regions),
        pain_now=payload.pain_now,
        pain_last_week=payload.pain_last_week,
        psfs=tuple((item.activity, item.score) for item in payload.psfs),
        equipment=tuple(payload.equipment),
        band_levels=tuple(payload.band_levels),
        sessions_per_week=payload.sessions_per_week,
        minutes_per_session=payload.minutes_per_session,
        level=payload.level,
        conditions=tuple(payload.conditions),
    )
    record, programme = record_baseline(found, answers)  # Invalid: 422 naming the fields
    return Status(
        201, {"baseline": baseline_out(record), "programme": programme_summary(programme)}
    )
