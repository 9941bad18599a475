"""The programme: this week's sessions, and its history of versions with their reasons."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from ninja import Field, Query, Router, Schema

from spinewise.programmes.display import dose_text
from spinewise.programmes.models import PlannedSession, Programme, ProgrammeVersion
from spinewise.programmes.services import current_programme, sessions_with_items
from spinewise.sharing.access import get_owned_or_404
from spinewise.training.models import ProgressionDecision
from spinewise.training.progression import pause_reason
from spinewise.training.services import done_this_week, next_session_number

from ..conditional import programme_etag, with_etag
from ..errors import ApiError, documented_errors
from ..links import body_id, links, operation
from ..pagination import Page, PageParams, paginate
from ..params import PatientRef, object_id, patient_of

router = Router(tags=["programme"])


class ItemOut(Schema):
    position: int
    exercise_id: str
    name: str
    level: str
    sets: int
    reps: int | None
    hold_seconds: int | None
    breaths: int | None
    band_level: str | None
    rest_seconds: int
    minutes: float
    reason: str = Field(..., description="Why this exercise, in plain words.")
    locked: bool = Field(..., description="A clinician fixed this dose.")
    dose: str = Field(..., description="The dose as a person reads it.")


class SessionOut(Schema):
    number: int
    title: str
    minutes: float
    items: list[ItemOut]


class DecisionOut(Schema):
    id: int
    session_log_id: int
    exercise_id: str
    new_exercise_id: str | None
    decision: str = Field(..., description="progress, hold, regress or replace")
    reason: str
    changes: list[str]
    alert_clinician: bool
    created_at: datetime


class VersionSummary(Schema):
    id: int
    programme_id: int
    number: int
    created_at: datetime
    cause: str


class VersionOut(VersionSummary):
    sessions: list[SessionOut]
    decisions: list[DecisionOut] = Field(..., description="What changed in this version, why.")


class ProgrammeSummary(Schema):
    id: int
    created_at: datetime
    blocked: bool
    advice: str
    warnings: list[str]
    current_version_id: int | None


class ProgrammeOut(ProgrammeSummary):
    version: VersionOut | None
    next_session_number: int | None
    done_this_week: int
    progression_paused: str = Field(
        ..., description='Why nothing steps up right now ("" when progression may go ahead).'
    )


def item_out(item: Any) -> dict[str, Any]:
    return {
        "position": item.position,
        "exercise_id": item.exercise_id,
        "name": item.name,
        "level": item.level,
        "sets": item.sets,
        "reps": item.reps,
        "hold_seconds": item.hold_seconds,
        "breaths": item.breaths,
        "band_level": item.band_level or None,
        "rest_seconds": item.rest_seconds,
        "minutes": item.minutes,
        "reason": item.reason,
        "locked": item.locked,
        "dose": dose_text(item),
    }


def session_out(session: PlannedSession) -> dict[str, Any]:
    return {
        "number": session.number,
        "title": session.title,
        "minutes": session.minutes,
        "items": [item_out(i) for i in session.items.all()],
    }


def decision_out(d: ProgressionDecision) -> dict[str, Any]:
    return {
        "id": d.pk,
        "session_log_id": d.session_log_id,
        "exercise_id": d.exercise_id,
        "new_exercise_id": d.new_exercise_id or None,
        "decision": d.decision,
        "reason": d.reason,
        "changes": list(d.changes),
        "alert_clinician": d.alert_clinician,
        "created_at": d.created_at,
    }


def version_summary(v: ProgrammeVersion) -> dict[str, Any]:
    return {
        "id": v.pk,
        "programme_id": v.programme_id,
        "number": v.number,
        "created_at": v.created_at,
        "cause": v.cause,
    }


def version_out(v: ProgrammeVersion) -> dict[str, Any]:
    return {
        **version_summary(v),
        "sessions": [session_out(s) for s in sessions_with_items(v)],
        "decisions": [decision_out(d) for d in v.decisions.all()],
    }


def programme_summary(p: Programme) -> dict[str, Any]:
    version = p.current_version()
    return {
        "id": p.pk,
        "created_at": p.created_at,
        "blocked": p.blocked,
        "advice": p.advice,
        "warnings": list(p.warnings),
        "current_version_id": version.pk if version else None,
    }


@router.get(
    "/patients/{patient}/programme",
    response={200: ProgrammeOut, **documented_errors(401, 403, 404, 422)},
    url_name="programme",
    summary="The current programme with this week's sessions",
    openapi_extra=links(
        (200,),
        GetVersion=(
            operation("programmes", "get_version"),
            {"version_id": body_id("current_version_id")},
        ),
    ),
)
def get_programme(request: HttpRequest, patient: PatientRef, response: HttpResponse) -> Any:
    """The ``ETag`` header names this version; programme edits will require it in If-Match.

    404 ``no_programme`` until the baseline has been given.
    """
    found = patient_of(request, patient)
    programme = current_programme(found)
    if programme is None:
        raise ApiError(
            404, "No programme yet: give the baseline answers first.", code="no_programme"
        )
    version = None if programme.blocked else programme.current_version()
    with_etag(response, programme_etag(programme))
    return {
        **programme_summary(programme),
        "version": version_out(version) if version else None,
        "next_session_number": next_session_number(found, version) if version else None,
        "done_this_week": done_this_week(found, timezone.localdate()),
        "progression_paused": pause_reason(found),
    }


@router.get(
    "/patients/{patient}/programme/versions",
    response={200: Page[VersionSummary], **documented_errors(401, 403, 404, 422)},
    url_name="programme_versions",
    summary="Every version of every programme, newest first",
)
def list_versions(request: HttpRequest, patient: PatientRef, page: Query[PageParams]) -> Any:
    found = patient_of(request, patient)
    rows = ProgrammeVersion.objects.filter(programme__patient=found).order_by("-created_at", "-id")
    return paginate(request, rows, page, version_summary)


@router.get(
    "/programme-versions/{version_id}",
    response={200: VersionOut, **documented_errors(401, 403, 404, 422)},
    url_name="programme_version",
    summary="One version: its sessions and what changed, why",
)
def get_version(request: HttpRequest, version_id: int = object_id("The version's id.")) -> Any:
    version = get_owned_or_404(
        request.auth,  # type: ignore[attr-defined]
        ProgrammeVersion.objects.select_related("programme__patient"),
        pk=version_id,
    )
    return version_out(version)
