"""Questionnaires: the weekly check-in (PEG and the baseline's PSFS activities)."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema, Status
from ninja.decorators import decorate_view

from spinewise.checkins.commands import NEW_SYMPTOM_MAX, CheckInAnswers
from spinewise.checkins.models import WeeklyCheckIn
from spinewise.checkins.services import BaselineRequired, record_checkin
from spinewise.patients.commands import PSFS_COUNT
from spinewise.sharing.access import get_owned_or_404

from ..errors import ApiError, documented_errors
from ..idempotency import IdempotencyKey, idempotent
from ..links import body_id, links, operation
from ..pagination import Page, PageParams, paginate
from ..params import Int, Nrs, PatientRef, Text, object_id, patient_of

router = Router(tags=["questionnaires"])


class CheckInIn(Schema):
    pain_now: Int = Field(..., ge=0, le=10, description="Back pain now, 0-10.")
    peg_pain: Int = Field(..., ge=0, le=10, description="PEG: average pain, past week.")
    peg_enjoyment: Int = Field(..., ge=0, le=10, description="PEG: interference, enjoyment.")
    peg_activity: Int = Field(..., ge=0, le=10, description="PEG: interference, activity.")
    psfs_scores: list[Nrs] = Field(
        ...,
        min_length=PSFS_COUNT,
        max_length=PSFS_COUNT,
        description="0-10 for each baseline activity, in the baseline's order.",
    )
    new_symptom: Text(NEW_SYMPTOM_MAX) = Field(  # type: ignore[valid-type]
        "", description="Any new symptom this week, in a few words ('' for none)."
    )


class PsfsScore(Schema):
    activity: str
    score: int


class CheckInOut(Schema):
    id: int
    created_at: datetime
    pain_now: int
    peg_pain: int
    peg_enjoyment: int
    peg_activity: int
    peg_score: float = Field(..., description="Mean of the three PEG items, 0-10.")
    psfs: list[PsfsScore]
    psfs_score: float | None
    new_symptom: str
    next: Literal["screening", "done"] = Field(
        ..., description="screening: a new symptom means answering the safety questions again."
    )


def checkin_out(c: WeeklyCheckIn) -> dict[str, Any]:
    return {
        "id": c.pk,
        "created_at": c.created_at,
        "pain_now": c.pain_now,
        "peg_pain": c.peg_pain,
        "peg_enjoyment": c.peg_enjoyment,
        "peg_activity": c.peg_activity,
        "peg_score": c.peg_score,
        "psfs": [
            {"activity": a, "score": s}
            for a, s in zip(c.psfs_activities, c.psfs_scores, strict=False)
        ],
        "psfs_score": c.psfs_score,
        "new_symptom": c.new_symptom,
        "next": "screening" if c.new_symptom else "done",
    }


@router.get(
    "/patients/{patient}/checkins",
    response={200: Page[CheckInOut], **documented_errors(401, 403, 404, 422)},
    url_name="checkins",
    summary="Weekly check-ins, newest first",
)
def list_checkins(request: HttpRequest, patient: PatientRef, page: Query[PageParams]) -> Any:
    found = patient_of(request, patient)
    rows = WeeklyCheckIn.objects.filter(patient=found).order_by("-created_at", "-id")
    return paginate(request, rows, page, checkin_out)


@router.post(
    "/patients/{patient}/checkins",
    response={201: CheckInOut, **documented_errors(400, 401, 403, 404, 409, 413, 422)},
    url_name="checkins_create",
    summary="Send the weekly check-in",
    openapi_extra=links(
        (201,), GetCheckIn=(operation("checkins", "get_checkin"), {"checkin_id": body_id()})
    ),
)
@decorate_view(idempotent)
def create_checkin(
    request: HttpRequest,
    patient: PatientRef,
    payload: CheckInIn,
    idempotency_key: str | None = IdempotencyKey,
) -> Any:
    """Checked as the check-in page's answers are; needs a baseline (409 ``baseline_required``).

    ``psfs_scores`` rate the baseline's activities again, one score each, in order.
    """
    found = patient_of(request, patient, change=True)
    answers = CheckInAnswers(
        pain_now=payload.pain_now,
        peg_pain=payload.peg_pain,
        peg_enjoyment=payload.peg_enjoyment,
        peg_activity=payload.peg_activity,
        psfs_scores=tuple(payload.psfs_scores),
        new_symptom=payload.new_symptom,
    )
    try:
        checkin = record_checkin(found, answers)
    except BaselineRequired:
        raise ApiError(409, "Give the baseline answers first.", code="baseline_required") from None
    return Status(201, checkin_out(checkin))


@router.get(
    "/checkins/{checkin_id}",
    response={200: CheckInOut, **documented_errors(401, 403, 404, 422)},
    url_name="checkin",
    summary="One weekly check-in",
)
def get_checkin(request: HttpRequest, checkin_id: int = object_id("The check-in's id.")) -> Any:
    checkin = get_owned_or_404(request.auth, WeeklyCheckIn, pk=checkin_id)  # type: ignore[attr-defined]
    return checkin_out(checkin)
