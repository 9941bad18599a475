"""Logging sessions and next-morning checks: the same command and service as the player.

A logged session becomes the same typed command the player's form builds
(``training.commands.LogSession``), checked and stored by ``training.services.record_session``,
so the API and the page cannot disagree about what a valid log is, and what follows it
(re-screening on a warning sign, progression).
"""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Annotated, Any

from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone
from ninja import Field, Query, Router, Schema, Status
from ninja.decorators import decorate_view

from spinewise.core.progression import DONE_BOUNDS
from spinewise.programmes.models import PlannedSession, ProgrammeVersion
from spinewise.programmes.services import current_version
from spinewise.screening.safety import SafetyState, require_exercise
from spinewise.sharing.access import get_owned_or_404
from spinewise.training.commands import ITEM_FIELD, InvalidLog, ItemReport, LogSession
from spinewise.training.models import MorningCheck, SessionLog
from spinewise.training.services import (
    AlreadyLogged,
    morning_check_due,
    record_morning_check,
    record_session,
)

from ..errors import ApiError, documented_errors
from ..idempotency import HEADER, IdempotencyKey, idempotent, idempotent_by_itself
from ..links import PATIENT_IN_PATH, body_id, links, operation
from ..pagination import Page, PageParams, paginate
from ..params import MAX_ID, Bool, Int, PatientRef, Text, object_id, patient_of
from .programmes import DecisionOut, decision_out

router = Router(tags=["sessions"])
TOKEN_NAMESPACE = uuid.UUID("0f6c2a52-52a4-4d0c-9a36-6f7c1b9d1e17")


class ExerciseLogIn(Schema):
    position: Int = Field(..., ge=0, le=99, description="The item's position in the session.")
    sets_done: Int = Field(..., ge=0, le=10, description="0 when skipped.")
    done: list[Annotated[Int, Field(ge=0, le=max(DONE_BOUNDS.values()))]] | None = Field(
        None,
        max_length=10,
        description="Per set done: repetitions, seconds held or breaths (the exercise's "
        "tracking). Required when sets_done > 0.",
    )
    band_level: Text(40) | None = None  # type: ignore[valid-type]
    rpe: Int | None = Field(None, ge=0, le=10, description="Effort, 0-10.")
    pain_during: Int | None = Field(None, ge=0, le=10, description="Pain, 0-10.")
    sharp_pain: Bool = False
    stopped: Bool = False


class SessionLogIn(Schema):
    session_number: Int = Field(..., ge=1, le=7)
    version_id: Int | None = Field(
        None, ge=1, le=MAX_ID, description="The version shown (default: the current one)."
    )
    performed_on: date | None = Field(None, description="Default today; up to 14 days ago.")
    exercises: list[ExerciseLogIn] = Field(
        ..., max_length=100, description="Items not listed count as skipped."
    )
    new_symptoms: list[Text(64)] = Field(  # type: ignore[valid-type]
        [], max_length=30, description="Ids of warning-sign questions answered yes."
    )
    other_symptom: Text(200) = ""  # type: ignore[valid-type]
    note: Text(1000) = ""  # type: ignore[valid-type]


class ExerciseLogOut(Schema):
    position: int
    exercise_id: str
    name: str
    tracking: str
    sets_done: int
    done: list[int]
    band_level: str | None
    rpe: int | None
    pain_during: int | None
    pain_next_morning: int | None
    sharp_pain: bool
    stopped: bool


class SessionLogSummary(Schema):
    id: int
    version_id: int
    session_number: int
    session_title: str
    performed_on: date
    created_at: datetime
    completed: bool
    had_sharp_pain: bool
    morning_pain: int | None
    progressed_at: datetime | None
    resulting_version_id: int | None


class SessionLogOut(SessionLogSummary):
    note: str
    new_symptoms: list[str]
    other_symptom: str
    screening_id: int | None = Field(None, description="A screening this log triggered.")
    progression_note: str
    exercises: list[ExerciseLogOut]
    decisions: list[DecisionOut]


class MorningCheckIn(Schema):
    pain_now: Int = Field(..., ge=0, le=10, description="Back pain this morning, 0-10.")


class MorningCheckOut(Schema):
    id: int
    session_log_id: int
    pain_now: int
    created_at: datetime


def log_summary(log: SessionLog) -> dict[str, Any]:
    check = getattr(log, "morning_check", None)
    return {
        "id": log.pk,
        "version_id": log.version_id,
        "session_number": log.session_number,
        "session_title": log.session_title,
        "performed_on": log.performed_on,
        "created_at": log.created_at,
        "completed": log.completed,
        "had_sharp_pain": log.had_sharp_pain,
        "morning_pain": check.pain_now if check else None,
        "progressed_at": log.progressed_at,
        "resulting_version_id": log.resulting_version_id,
    }


def log_out(log: SessionLog) -> dict[str, Any]:
    return {
        **log_summary(log),
        "note": log.note,
        "new_symptoms": list(log.new_symptoms),
        "other_symptom": log.other_symptom,
        "screening_id": log.screening_id,
        "progression_note": log.progression_note,
        "exercises": [
            {
                "position": e.position,
                "exercise_id": e.exercise_id,
                "name": e.name,
                "tracking": e.tracking,
                "sets_done": e.sets_done,
                "done": e.done,
                "band_level": e.band_level or None,
                "rpe": e.rpe,
                "pain_during": e.pain_during,
                "pain_next_morning": e.pain_next_morning,
                "sharp_pain": e.sharp_pain,
                "stopped": e.stopped,
            }
            for e in log.exercise_logs.all()
        ],
        "decisions": [decision_out(d) for d in log.decisions.all()],
    }


def _logs() -> Any:
    return SessionLog.objects.select_related("morning_check").prefetch_related(
        "exercise_logs", "decisions"
    )


@router.get(
    "/patients/{patient}/session-logs",
    response={200: Page[SessionLogSummary], **documented_errors(401, 403, 404, 422)},
    url_name="session_logs",
    summary="Logged sessions, latest first",
)
def list_logs(request: HttpRequest, patient: PatientRef, page: Query[PageParams]) -> Any:
    found = patient_of(request, patient)
    rows = _logs().filter(patient=found).order_by("-performed_on", "-id")
    return paginate(request, rows, page, log_summary)


def _planned_session(
    request: HttpRequest, patient: Any, payload: SessionLogIn
) -> tuple[PlannedSession, SafetyState]:
    # The safety gate first: its advice wins over any other answer about the request.
    safety = require_exercise(patient)
    if payload.version_id is None:
        version = current_version(patient)
        if version is None:
            raise ApiError(409, "There is no programme to log against.", code="no_programme")
    else:
        version = get_owned_or_404(
            request.auth,  # type: ignore[attr-defined]
            ProgrammeVersion.objects.select_related("programme"),
            pk=payload.version_id,
        )
        if version.programme.patient_id != patient.pk:
            raise ApiError(404, "No such programme version for this patient.")
    session = (
        PlannedSession.objects.select_related("version__programme__baseline")
        .prefetch_related("items")
        .filter(version=version, number=payload.session_number)
        .first()
    )
    if session is None:
        raise ApiError(
            422,
            fields={"session_number": "This programme version has no session with this number."},
        )
    return session, safety


def _command(payload: SessionLogIn, token: uuid.UUID) -> LogSession:
    return LogSession(
        token=token,
        performed_on=payload.performed_on or timezone.localdate(),
        items=tuple(
            ItemReport(
                position=e.position,
                sets_done=e.sets_done,
                done=tuple(e.done or ()),
                band_level=e.band_level or None,
                rpe=e.rpe,
                pain_during=e.pain_during,
                sharp_pain=e.sharp_pain,
                stopped=e.stopped,
            )
            for e in payload.exercises
        ),
        new_symptoms=tuple(payload.new_symptoms),
        other_symptom=payload.other_symptom,
        note=payload.note,
    )


def _api_fields(payload: SessionLogIn, invalid: InvalidLog) -> dict[str, str]:
    """The command's ``items[3].done`` as the API's ``exercises[0].done``."""
    where = {e.position: k for k, e in enumerate(payload.exercises)}
    fields = {}
    for name, problem in invalid.errors.items():
        match = ITEM_FIELD.match(name)
        if match is not None:
            position = int(match["index"])
            name = f"exercises[{where.get(position, position)}].{match['field']}"
        fields[name] = problem
    return fields


@router.post(
    "/patients/{patient}/session-logs",
    response={
        200: SessionLogOut,
        201: SessionLogOut,
        **documented_errors(400, 401, 403, 404, 409, 413, 422),
    },
    url_name="session_logs_create",
    openapi_extra=links(
        (200, 201),
        GetSessionLog=(operation("training", "get_log"), {"log_id": body_id()}),
        MorningCheck=(operation("training", "create_morning_check"), {"log_id": body_id()}),
        Today=(operation("patients", "today"), PATIENT_IN_PATH),
    ),
    summary="Log a session",
)
@decorate_view(idempotent_by_itself)
def create_log(
    request: HttpRequest,
    patient: PatientRef,
    payload: SessionLogIn,
    idempotency_key: str | None = IdempotencyKey,
) -> Any:
    """Validated and recorded exactly as the session player's form is.

    Warning signs in ``new_symptoms`` screen again at once; sharp pain steps the exercise
    back straight away. 201 when recorded; 200 when this very log (the same
    ``Idempotency-Key``) was recorded before; 409 ``already_logged``, with the first log in
    ``Location``, when this planned session already has a log for that day.
    """
    found = patient_of(request, patient, change=True)
    session, safety = _planned_session(request, found, payload)
    key = request.headers.get(HEADER)
    # With a key, the player's own duplicate guard (one log per form token) backs it up.
    token = uuid.uuid5(TOKEN_NAMESPACE, f"{found.pk}:{key}") if key else uuid.uuid4()
    try:
        log, created = record_session(found, session, _command(payload, token), safety=safety)
    except InvalidLog as invalid:
        raise ApiError(422, fields=_api_fields(payload, invalid)) from None
    except AlreadyLogged as already:
        first = already.log
        raise ApiError(
            409,
            f"Session {first.session_number} was already logged for {first.performed_on} "
            f"(session log {first.pk}): one log per planned session a day.",
            code="already_logged",
            headers={"Location": reverse("api:session_log", args=[first.pk])},
        ) from None
    return Status(201 if created else 200, log_out(log))  # the rows in memory


@router.get(
    "/session-logs/{log_id}",
    response={200: SessionLogOut, **documented_errors(401, 403, 404, 422)},
    url_name="session_log",
    summary="One logged session with its progression decisions",
)
def get_log(request: HttpRequest, log_id: int = object_id("The session log's id.")) -> Any:
    log = get_owned_or_404(request.auth, _logs(), pk=log_id)  # type: ignore[attr-defined]
    return log_out(log)


@router.post(
    "/session-logs/{log_id}/morning-check",
    response={201: SessionLogOut, **documented_errors(400, 401, 403, 404, 409, 413, 422)},
    url_name="morning_check_create",
    summary="Next-morning pain for a session; runs the progression",
)
@decorate_view(idempotent)
def create_morning_check(
    request: HttpRequest,
    payload: MorningCheckIn,
    log_id: int = object_id("The session log's id."),
    idempotency_key: str | None = IdempotencyKey,
) -> Any:
    """Answers with the session log, including the decisions the engine took.

    409 ``already_recorded`` when this session already has its morning check, and
    ``too_early`` on the day of the session itself (the check is for the next morning).
    """
    log = get_owned_or_404(request.auth, SessionLog, change=True, pk=log_id)  # type: ignore[attr-defined]
    if not morning_check_due(log, timezone.localdate()):
        raise ApiError(
            409,
            "The morning check is for the morning after the session: send it tomorrow.",
            code="too_early",
        )
    _check, created = record_morning_check(log, payload.pain_now)
    if not created:
        raise ApiError(409, "This session already has its morning check.", code="already_recorded")
    return Status(201, log_out(_logs().get(pk=log.pk)))


@router.get(
    "/patients/{patient}/morning-checks",
    response={200: Page[MorningCheckOut], **documented_errors(401, 403, 404, 422)},
    url_name="morning_checks",
    summary="Next-morning checks, latest first",
)
def list_morning_checks(request: HttpRequest, patient: PatientRef, page: Query[PageParams]) -> Any:
    found = patient_of(request, patient)
    rows = MorningCheck.objects.filter(patient=found).order_by("-created_at", "-id")
    return paginate(
        request,
        rows,
        page,
        lambda m: {
            "id": m.pk,
            "session_log_id": m.session_log_id,
            "pain_now": m.pain_now,
            "created_at": m.created_at,
        },
    )
