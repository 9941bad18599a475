"""The clinician's workspace: the caseload, alerts (acknowledge, resolve) and notes.

Every rule is the caseload app's: the caseload's order (``caseload.caseload_for``, the
same as the page), the alert records (``caseload.alerts``) and what a note must say.
Clinician only (403 for anyone else); a patient not linked to the caller is 404. Every
patient shown is written to that patient's access log (``patients.access`` for one
patient, one bulk insert for a page of the caseload, as the page does).
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, Literal

from django.http import HttpRequest
from django.utils import timezone
from ninja import Field, Query, Router, Schema, Status
from ninja.decorators import decorate_view

from spinewise.clinician.activity import PatientRow
from spinewise.clinician.alerts import ALERT_NOTE_MAX, AlertActionError, act_on_alert, sync_alerts
from spinewise.clinician.caseload import ordered_caseload
from spinewise.clinician.models import Alert, ClinicalNote
from spinewise.clinician.record import NOTE_MAX, add_note
from spinewise.patients.kept import kept, revisions_key
from spinewise.patients.models import Patient
from spinewise.sharing.access import get_owned_or_404, patient_for
from spinewise.sharing.audit import record_accesses

from ..errors import ApiError, documented_errors
from ..idempotency import IdempotencyKey, idempotent
from ..links import body_id, links, operation
from ..pagination import Page, PageParams, page_body, paginate
from ..params import PatientRef, Text, object_id
from .care_links import clinician_of

router = Router(tags=["clinician"])

AlertState = Literal["open", "acknowledged", "resolved"]


class AlertOut(Schema):
    id: int
    patient_id: int
    kind: str = Field(..., description="red_flag, sharp_pain, pain_rising, … (core.alerts).")
    label: str
    reason: str = Field(..., description="One line: why this patient needs attention.")
    since: date | None
    state: AlertState
    created_at: datetime
    updated_at: datetime
    acted_by: str = Field(..., description="Who acknowledged or resolved it last.")
    acted_at: datetime | None
    note: str
    history: list[dict[str, str]] = Field(..., description="Every action: state, by, at, note.")


class CaseloadRowOut(Schema):
    patient_id: int
    name: str
    username: str
    last_activity: date | None
    alerts: list[AlertOut] = Field(..., description="Unresolved alerts, most urgent first.")


class CaseloadPage(Page[CaseloadRowOut]):
    needing_attention: int = Field(..., description="Patients with an open alert.")
    date: date


class AlertActionIn(Schema):
    note: Text(ALERT_NOTE_MAX) = Field("", description="What you did or decided.")  # type: ignore[valid-type]


class ResolveIn(Schema):
    note: Text(ALERT_NOTE_MAX) = Field(..., description="How it was resolved (required).")  # type: ignore[valid-type]


class NoteIn(Schema):
    text: Text(NOTE_MAX) = Field(  # type: ignore[valid-type]
        ...,
        min_length=1,
        description="The note (surrounding spaces are dropped). Seen by the clinicians the "
        "patient shares their record with; never by the patient.",
    )


class NoteOut(Schema):
    id: int
    author: str
    text: str
    created_at: datetime


def alert_out(alert: Alert) -> dict[str, Any]:
    return {
        "id": alert.pk,
        "patient_id": alert.patient_id,
        "kind": alert.kind,
        "label": alert.label,
        "reason": alert.reason,
        "since": alert.since,
        "state": alert.state,
        "created_at": alert.created_at,
        "updated_at": alert.updated_at,
        "acted_by": alert.acted_by_name,
        "acted_at": alert.acted_at,
        "note": alert.note,
        "history": [{k: str(v) for k, v in entry.items()} for entry in alert.history],
    }


def row_out(row: PatientRow) -> dict[str, Any]:
    user = row.patient.user
    return {
        "patient_id": row.pk,
        "name": user.get_full_name() or user.get_username(),
        "username": user.get_username(),
        "last_activity": row.last_activity,
        "alerts": [alert_out(a) for a in row.alerts],
    }


def note_out(note: ClinicalNote) -> dict[str, Any]:
    return {
        "id": note.pk,
        "author": note.author_name,
        "text": note.text,
        "created_at": note.created_at,
    }


def linked_patient(request: HttpRequest, ref: str, *, change: bool = False) -> tuple[Any, Patient]:
    """The calling clinician and the patient named in the path (403 / 404, audited)."""
    clinician = clinician_of(request)
    if ref == "me":
        raise ApiError(403, "Name the patient by id: clinicians have no record of their own.")
    patient = patient_for(clinician, int(ref), change=change, clinical=change, request=request)
    return clinician, patient


@router.get(
    "/clinician/caseload",
    response={200: CaseloadPage, **documented_errors(401, 403, 422)},
    url_name="caseload",
    summary="Your linked patients, most in need of attention first",
)
def caseload(request: HttpRequest, page: Query[PageParams]) -> Any:
    """The caseload page's order: open alerts by urgency, then acknowledged ones, then the
    rest; within each, the patient quiet for longest first.

    Read a page at a time from the kept caseload table (``clinician.caseload_rows``), whose
    rows are worked out again when a patient's record changes or the day turns; a page's
    rows are kept under its patients' revisions (``patients.kept``); every read is written
    to the access log.
    """
    clinician = clinician_of(request)
    day = timezone.localdate()
    rows, found = ordered_caseload(clinician, day)
    window = rows[page.offset : page.offset + page.limit]
    # Kept under the shown patients' revisions: a change to any of them works it out again.
    key = revisions_key(
        f"caseload-api:{page.offset}:{page.limit}", clinician.pk, day, window.stamps
    )
    results = kept(key, lambda: [row_out(row) for row in window])
    body = page_body(request, found.total, page, results)
    shown = [Patient(pk=pk) for pk, _revision in window.stamps]
    record_accesses(request, shown, "view", "caseload summary")
    return {**body, "needing_attention": found.needing_attention, "date": day}


class AlertFilter(Schema):
    state: AlertState | None = Field(None, description="Only alerts in this state.")


@router.get(
    "/patients/{patient}/alerts",
    response={200: Page[AlertOut], **documented_errors(401, 403, 404, 422)},
    url_name="alerts",
    summary="A linked patient's alerts, newest first",
    openapi_extra=links(
        (200,),
        Acknowledge=(operation("caseload", "acknowledge"), {"alert_id": body_id("results/0/id")}),
        Resolve=(operation("caseload", "resolve"), {"alert_id": body_id("results/0/id")}),
    ),
)
def list_alerts(
    request: HttpRequest, patient: PatientRef, page: Query[PageParams], filters: Query[AlertFilter]
) -> Any:
    _, found = linked_patient(request, patient)
    sync_alerts(Patient.objects.filter(pk=found.pk))  # time-based alerts, as the page does
    rows = found.alerts.order_by("-created_at", "-id")
    if filters.state:
        rows = rows.filter(state=filters.state)
    return paginate(request, rows, page, alert_out)


def _act(request: HttpRequest, alert_id: int, action: str, note: str) -> dict[str, Any]:
    clinician = clinician_of(request)
    alert = get_owned_or_404(
        clinician,
        Alert.objects.select_related("patient__user"),
        change=True,
        clinical=True,
        request=request,
        pk=alert_id,
    )
    try:
        done = act_on_alert(alert, clinician, action, note)  # Invalid: 422 naming the field
    except AlertActionError as exc:
        raise ApiError(409, str(exc), code="alert_action_refused") from None
    return alert_out(done)


@router.post(
    "/alerts/{alert_id}/acknowledge",
    response={200: AlertOut, **documented_errors(400, 401, 403, 404, 409, 413, 422)},
    url_name="alert_acknowledge",
    summary="Acknowledge an alert (seen, in hand), with an optional note",
)
@decorate_view(idempotent)
def acknowledge(
    request: HttpRequest,
    payload: AlertActionIn,
    alert_id: int = object_id("The alert's id."),
    idempotency_key: str | None = IdempotencyKey,
) -> Any:
    """409 ``alert_action_refused`` when already acknowledged or resolved. A new event
    (another warning sign) opens an acknowledged alert again."""
    return _act(request, alert_id, "acknowledge", payload.note)


@router.post(
    "/alerts/{alert_id}/resolve",
    response={200: AlertOut, **documented_errors(400, 401, 403, 404, 409, 413, 422)},
    url_name="alert_resolve",
    summary="Resolve an alert, saying how",
)
@decorate_view(idempotent)
def resolve(
    request: HttpRequest,
    payload: ResolveIn,
    alert_id: int = object_id("The alert's id."),
    idempotency_key: str | None = IdempotencyKey,
) -> Any:
    """409 ``alert_action_refused`` when already resolved."""
    return _act(request, alert_id, "resolve", payload.note)


@router.get(
    "/patients/{patient}/notes",
    response={200: Page[NoteOut], **documented_errors(401, 403, 404, 422)},
    url_name="notes",
    summary="Private clinical notes about a linked patient, newest first",
)
def list_notes(request: HttpRequest, patient: PatientRef, page: Query[PageParams]) -> Any:
    """Seen by the clinicians the patient shares their record with, never by the patient."""
    _, found = linked_patient(request, patient)
    return paginate(request, found.clinical_notes.all(), page, note_out)


@router.post(
    "/patients/{patient}/notes",
    response={201: NoteOut, **documented_errors(400, 401, 403, 404, 409, 413, 422)},
    url_name="notes_create",
    summary="Write a private clinical note about a linked patient",
)
@decorate_view(idempotent)
def create_note(
    request: HttpRequest,
    patient: PatientRef,
    payload: NoteIn,
    idempotency_key: str | None = IdempotencyKey,
) -> Any:
    """Checked as the patient page's note is (422 naming ``text`` when it is empty or
    too long). Only a clinician with an active link may write one; the patient never sees
    it. A retry with the same ``Idempotency-Key`` returns the first note, not a second."""
    clinician, found = linked_patient(request, patient, change=True)
    note = add_note(found, clinician, payload.text)  # Invalid: 422 naming ``text``
    return Status(201, note_out(note))
