"""A patient's safety state (what the record says now) and the person's own statement that
a doctor has seen them, which clears open warnings as ``screening.safety`` rules."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from django.http import HttpRequest
from ninja import Field, Router, Schema, Status
from ninja.decorators import decorate_view

from spinewise.screening.models import Clearance
from spinewise.screening.safety import ClearanceError, record_clearance, safety_state
from spinewise.training.flare import FLARE_LESSON, active_pause

from ..errors import ApiError, documented_errors
from ..idempotency import IdempotencyKey, idempotent
from ..params import PatientRef, patient_of
from .screening import ClearanceOut, clearance_out

router = Router(tags=["screening"])


class FlarePauseOut(Schema):
    started_at: datetime
    reason: str
    lesson: str = Field(..., description="Id of the flare-up lesson offered.")


class SafetyOut(Schema):
    level: str = Field(
        ..., description="In force: the most severe warning still open, else self_manage."
    )
    may_exercise: bool
    gate: str = Field(
        ..., description="ok, screening_required, rescreen_required or programme_blocked"
    )
    headline: str
    advice: str = Field(..., description="What to do now, when exercise is refused.")
    open_screenings: list[int] = Field(..., description="Ids of the open warning results.")
    clearances: list[ClearanceOut]
    flare_pause: FlarePauseOut | None = Field(
        None, description="Progression paused for a flare-up, while the pause lasts."
    )


class DoctorSeenIn(Schema):
    seen_by: str = Field(..., description="Who saw you: a name, or the service.")
    seen_on: date = Field(..., description="When (not before the warning was reported).")
    ruled_out: str = Field(..., description="What the doctor found or told you.")
    confirm: bool = Field(..., description="true: a doctor has examined me about these symptoms.")


def safety_out(patient: Any) -> dict[str, Any]:
    state = safety_state(patient)
    return {
        "level": state.level,
        "may_exercise": state.may_exercise,
        "gate": state.gate.code,
        "headline": state.headline,
        "advice": state.refusal or state.advice,
        "open_screenings": [s.pk for s in state.open_results],
        "clearances": [clearance_out(c) for c in patient.clearances.order_by("-created_at")],
        "flare_pause": _flare_out(active_pause(patient)),
    }


def _flare_out(pause: Any) -> dict[str, Any] | None:
    if pause is None:
        return None
    return {"started_at": pause.started_at, "reason": pause.reason, "lesson": FLARE_LESSON}


@router.get(
    "/patients/{patient}/safety",
    response={200: SafetyOut, **documented_errors(401, 403, 404, 422)},
    url_name="safety",
    summary="What the safety record says now, and its clearances",
)
def get_safety(request: HttpRequest, patient: PatientRef) -> Any:
    return safety_out(patient_of(request, patient))


@router.post(
    "/patients/{patient}/safety/doctor-seen",
    response={201: ClearanceOut, **documented_errors(400, 401, 403, 404, 409, 413, 422)},
    url_name="safety_doctor_seen",
    summary="A doctor has seen me: clear the open warnings",
)
@decorate_view(idempotent)
def doctor_seen(
    request: HttpRequest,
    patient: PatientRef,
    payload: DoctorSeenIn,
    idempotency_key: str | None = IdempotencyKey,
) -> Any:
    """The person's own statement (who, when, what they said) clears every open warning,
    as a clinician's clearance does, and asks the safety questions again. 409
    ``nothing_to_clear`` when no warning is open."""
    found = patient_of(request, patient, change=True)
    if payload.confirm is not True:
        raise ApiError(422, fields={"confirm": "Confirm that a doctor has examined you."})
    try:
        clearance = record_clearance(
            found,
            kind=Clearance.Kind.DOCTOR_SEEN,
            recorded_by=request.auth,  # type: ignore[attr-defined]
            seen_by=payload.seen_by,
            seen_on=payload.seen_on,
            ruled_out=payload.ruled_out,
        )
    except ClearanceError as exc:
        if exc.field is None:
            raise ApiError(409, exc.message, code="nothing_to_clear") from None
        raise ApiError(422, fields={exc.field: exc.message}) from None
    return Status(201, clearance_out(clearance))
