"""A linked clinician's programme edits, through the caseload app's edit service.

Each edit is a new programme version (``caseload.programme_edits``,
``caseload.clinical_settings``), validated there against ``core.prescription``. Every
edit needs the programme's ETag in ``If-Match`` (read ``GET …/programme`` first): 428
without it, 412 when the programme changed meanwhile, including a change that lands
between the check and the save (the service's stale-edit refusal). A retried edit is
therefore refused (412), never applied twice; with the same ``Idempotency-Key`` it gets
the first answer again (without the ETag header). The answer carries the new ETag.

Items are named by session number and position (0-based) in the current version, as
``GET …/programme`` lists them.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Annotated, Any

from django.http import HttpRequest, HttpResponse
from ninja import Field, Header, Path, Router, Schema
from ninja.decorators import decorate_view

from spinewise.clinician import programme_edits as edits
from spinewise.clinician.clinical_settings import (
    clear_after_review,
    lift_flare_pause,
    set_pain_ceiling,
)
from spinewise.clinician.editing import EditError, EditResult, PrescriptionRefused, StaleEdit
from spinewise.patients.models import Patient
from spinewise.programmes.services import current_programme

from ..conditional import programme_etag, require_if_match, with_etag
from ..errors import ApiError, documented_errors
from ..idempotency import IdempotencyKey, idempotent
from ..params import Bool, Int, PatientRef, Text
from .caseload import linked_patient

router = Router(tags=["clinician"])

NO_PROGRAMME_ETAG = '"programme-none"'

IfMatch = Header(
    None,
    alias="If-Match",
    max_length=200,
    description="The programme's ETag from GET …/programme (required: 428 without it, 412 "
    "if the programme changed since). `*` when the patient has no programme.",
)

SessionNumber = Annotated[int, Path(..., ge=1, le=7, description="Session number, 1-7.")]
Position = Annotated[int, Path(..., ge=0, le=99, description="0-based place in the session.")]
Reason = Annotated[
    Text(300),  # type: ignore[valid-type]
    Field(..., min_length=1, description="Why: the patient sees it with the change."),
]
Override = Annotated[
    Text(1000),  # type: ignore[valid-type]
    Field("", description="Your reason for setting aside a contraindication, if any."),
]
ExerciseId = Annotated[Text(80), Field(..., min_length=1)]  # type: ignore[valid-type]


class EditOut(Schema):
    id: int
    kind: str = Field(..., description="add, remove, swap, dose, lock, unlock, pain_ceiling, …")
    author: str
    reason: str
    changes: list[str] = Field(..., description="What changed, in plain words.")
    overridden: list[str] = Field(..., description="Contraindications set aside, if any.")
    override_reason: str
    created_at: datetime
    version_number: int | None = Field(None, description="The version this edit made.")


class ReasonIn(Schema):
    reason: Reason


class AddIn(Schema):
    exercise_id: ExerciseId
    reason: Reason
    sets: Int | None = Field(None, ge=1, le=20, description="Default: its starting dose.")
    amount: Int | None = Field(None, ge=1, le=1000, description="Reps, seconds or breaths.")
    band_level: Text(40) | None = None  # type: ignore[valid-type]
    override_reason: Override


class SwapIn(Schema):
    exercise_id: ExerciseId
    reason: Reason
    override_reason: Override


class DoseIn(Schema):
    sets: Int = Field(..., ge=1, le=20)
    amount: Int = Field(..., ge=1, le=1000, description="Reps, hold seconds or breaths.")
    band_level: Text(40) | None = None  # type: ignore[valid-type]
    reason: Reason


class LockIn(Schema):
    locked: Bool = Field(..., description="true: keep this dose; false: may progress again.")
    reason: Reason


class CeilingIn(Schema):
    ceiling: Int = Field(..., ge=0, le=10, description="Highest acceptable pain, 0-10.")
    reason: Reason


def current_etag(patient: Patient) -> str:
    programme = current_programme(patient)
    return programme_etag(programme) if programme is not None else NO_PROGRAMME_ETAG


def edit_out(result: EditResult) -> dict[str, Any]:
    edit = result.edit
    return {
        "id": edit.pk,
        "kind": edit.kind,
        "author": edit.author_name,
        "reason": edit.reason,
        "changes": list(edit.changes),
        "overridden": list(edit.overridden),
        "override_reason": edit.override_reason,
        "created_at": edit.created_at,
        "version_number": result.version.number if result.version else None,
    }


def _edit(
    request: HttpRequest,
    response: HttpResponse,
    ref: str,
    apply: Callable[[Patient, Any, int], EditResult],
) -> dict[str, Any]:
    clinician, patient = linked_patient(request, ref, change=True)
    programme = current_programme(patient)
    require_if_match(request, current_etag(patient))
    version = programme.current_version() if programme is not None else None
    seen = version.number if version is not None else 0
    try:
        result = apply(patient, clinician, seen)
    except StaleEdit:
        raise ApiError(
            412,
            "The programme changed since you read it. Read it again and reapply your change.",
            code="precondition_failed",
            headers={"ETag": current_etag(patient)},
        ) from None
    except PrescriptionRefused as exc:
        needs_reason = any(p.overridable for p in exc.problems)
        raise ApiError(
            422,
            exc.message,
            code="prescription_refused",
            fields={"override_reason" if needs_reason else "body": exc.message},
        ) from None
    except EditError as exc:
        raise ApiError(422, exc.message, fields={exc.field or "body": exc.message}) from None
    with_etag(response, current_etag(patient))
    return edit_out(result)


EDIT_ERRORS = documented_errors(400, 401, 403, 404, 409, 412, 413, 422, 428)
ITEM = "/patients/{patient}/programme/sessions/{session}/items"


@router.post(
    ITEM,
    response={200: EditOut, **EDIT_ERRORS},
    url_name="programme_add",
    summary="Add an exercise to a session",
)
@decorate_view(idempotent)
def add(
    request: HttpRequest,
    response: HttpResponse,
    patient: PatientRef,
    session: SessionNumber,
    payload: AddIn,
    if_match: str | None = IfMatch,
    idempotency_key: str | None = IdempotencyKey,
) -> Any:
    """At its starting dose unless ``sets`` / ``amount`` are given. A contraindicated
    exercise needs ``override_reason`` (422 ``prescription_refused`` otherwise)."""
    return _edit(
        request,
        response,
        patient,
        lambda p, c, seen: edits.add_exercise(
            p,
            c,
            seen=seen,
            session=session,
            exercise_id=payload.exercise_id,
            reason=payload.reason,
            sets=payload.sets,
            amount=payload.amount,
            band_level=payload.band_level,
            override_reason=payload.override_reason,
        ),
    )


@router.post(
    ITEM + "/{position}/remove",
    response={200: EditOut, **EDIT_ERRORS},
    url_name="programme_remove",
    summary="Remove an exercise from a session",
)
@decorate_view(idempotent)
def remove(
    request: HttpRequest,
    response: HttpResponse,
    patient: PatientRef,
    session: SessionNumber,
    position: Position,
    payload: ReasonIn,
    if_match: str | None = IfMatch,
    idempotency_key: str | None = IdempotencyKey,
) -> Any:
    return _edit(
        request,
        response,
        patient,
        lambda p, c, seen: edits.remove_item(
            p, c, seen=seen, session=session, position=position, reason=payload.reason
        ),
    )


@router.post(
    ITEM + "/{position}/swap",
    response={200: EditOut, **EDIT_ERRORS},
    url_name="programme_swap",
    summary="Swap an exercise for another, at its starting dose",
)
@decorate_view(idempotent)
def swap(
    request: HttpRequest,
    response: HttpResponse,
    patient: PatientRef,
    session: SessionNumber,
    position: Position,
    payload: SwapIn,
    if_match: str | None = IfMatch,
    idempotency_key: str | None = IdempotencyKey,
) -> Any:
    return _edit(
        request,
        response,
        patient,
        lambda p, c, seen: edits.swap_item(
            p,
            c,
            seen=seen,
            session=session,
            position=position,
            exercise_id=payload.exercise_id,
            reason=payload.reason,
            override_reason=payload.override_reason,
        ),
    )


@router.post(
    ITEM + "/{position}/dose",
    response={200: EditOut, **EDIT_ERRORS},
    url_name="programme_dose",
    summary="Set an exercise's dose (in every session that has it)",
)
@decorate_view(idempotent)
def dose(
    request: HttpRequest,
    response: HttpResponse,
    patient: PatientRef,
    session: SessionNumber,
    position: Position,
    payload: DoseIn,
    if_match: str | None = IfMatch,
    idempotency_key: str | None = IdempotencyKey,
) -> Any:
    return _edit(
        request,
        response,
        patient,
        lambda p, c, seen: edits.set_dose(
            p,
            c,
            seen=seen,
            session=session,
            position=position,
            sets=payload.sets,
            amount=payload.amount,
            band_level=payload.band_level,
            reason=payload.reason,
        ),
    )


@router.post(
    ITEM + "/{position}/lock",
    response={200: EditOut, **EDIT_ERRORS},
    url_name="programme_lock",
    summary="Lock or unlock an exercise's progression (in every session that has it)",
)
@decorate_view(idempotent)
def lock(
    request: HttpRequest,
    response: HttpResponse,
    patient: PatientRef,
    session: SessionNumber,
    position: Position,
    payload: LockIn,
    if_match: str | None = IfMatch,
    idempotency_key: str | None = IdempotencyKey,
) -> Any:
    return _edit(
        request,
        response,
        patient,
        lambda p, c, seen: edits.set_lock(
            p,
            c,
            seen=seen,
            session=session,
            position=position,
            locked=payload.locked,
            reason=payload.reason,
        ),
    )


@router.post(
    "/patients/{patient}/pain-ceiling",
    response={200: EditOut, **EDIT_ERRORS},
    url_name="pain_ceiling",
    summary="Set the patient's pain limit during exercise",
)
@decorate_view(idempotent)
def pain_ceiling(
    request: HttpRequest,
    response: HttpResponse,
    patient: PatientRef,
    payload: CeilingIn,
    if_match: str | None = IfMatch,
    idempotency_key: str | None = IdempotencyKey,
) -> Any:
    """Without a programme there is no ETag to read: send ``If-Match: *``."""
    return _edit(
        request,
        response,
        patient,
        lambda p, c, seen: set_pain_ceiling(
            p, c, seen=seen, ceiling=payload.ceiling, reason=payload.reason
        ),
    )


@router.post(
    "/patients/{patient}/clearance",
    response={200: EditOut, **EDIT_ERRORS},
    url_name="clearance",
    summary="Clear open warning results after a medical review",
)
@decorate_view(idempotent)
def clearance(
    request: HttpRequest,
    response: HttpResponse,
    patient: PatientRef,
    payload: ReasonIn,
    if_match: str | None = IfMatch,
    idempotency_key: str | None = IdempotencyKey,
) -> Any:
    """Only when the latest safety check says "see a clinician" (422 otherwise); the
    programme is planned again in full."""
    return _edit(
        request,
        response,
        patient,
        lambda p, c, seen: clear_after_review(p, c, seen=seen, reason=payload.reason),
    )


@router.post(
    "/patients/{patient}/flare-pause/lift",
    response={200: EditOut, **EDIT_ERRORS},
    url_name="flare_pause_lift",
    summary="Lift a flare-up pause: progression may step up again",
)
@decorate_view(idempotent)
def flare_pause_lift(
    request: HttpRequest,
    response: HttpResponse,
    patient: PatientRef,
    payload: ReasonIn,
    if_match: str | None = IfMatch,
    idempotency_key: str | None = IdempotencyKey,
) -> Any:
    """Only while progression is paused for a flare-up (422 otherwise). The reason is shown
    to the patient and kept in the audit log."""
    return _edit(
        request,
        response,
        patient,
        lambda p, c, seen: lift_flare_pause(p, c, reason=payload.reason),
    )
