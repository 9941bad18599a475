"""Safety screening: the questions (open) and a patient's screenings."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Any, Literal

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema, Status
from ninja.decorators import decorate_view
from pydantic import ConfigDict, StrictBool, StrictInt, create_model

from spinewise.core.errors import InputError
from spinewise.screening.models import Clearance, Screening
from spinewise.screening.safety import safety_state
from spinewise.screening.services import question_schema, record_screening, screening_source
from spinewise.sharing.access import get_owned_or_404

from ..errors import documented_errors, input_error
from ..idempotency import IdempotencyKey, idempotent
from ..links import PATIENT_IN_PATH, body_id, links, operation
from ..pagination import Page, PageParams, paginate
from ..params import PatientRef, object_id, patient_of

router = Router(tags=["screening"])

Answer = bool | int | list[str]


class ChoiceOut(Schema):
    id: str
    label: str


class QuestionOut(Schema):
    id: str
    type: str = Field(..., description="boolean, integer, scale or regions")
    text: str
    help: str = ""
    min: int | None = None
    max: int | None = None
    choices: list[ChoiceOut] = []
    required: bool
    group: str
    ask_if: str | None = Field(
        None, description="A follow-up: asked only after a yes to this question id."
    )


class ReasonOut(Schema):
    code: str
    level: str
    explanation: str
    action: str
    standing: bool = Field(
        False, description="History rather than a new symptom: a clearance keeps covering it."
    )


class CautionOut(Schema):
    code: str
    explanation: str
    conditions: list[str] = Field(..., description="Planner conditions the programme avoids.")


class ClearanceOut(Schema):
    id: int
    kind: str = Field(..., description="clinician or doctor_seen (the person's statement)")
    created_at: datetime
    recorded_by: str
    seen_by: str
    seen_on: date
    ruled_out: str
    covers: list[str] = Field(..., description="Standing reason codes it keeps covering.")
    levels: list[str]
    in_force: bool = Field(..., description="False once a new symptom was reported.")


class ScreeningOut(Schema):
    id: int
    created_at: datetime
    source: str = Field(..., description="start, recheck, checkin or session")
    level: str = Field(..., description="emergency, urgent, see_clinician or self_manage")
    allows_programme: bool
    headline: str
    advice: str
    reasons: list[ReasonOut]
    cautions: list[CautionOut] = []
    unanswered: list[str] = Field(
        [], description="Questions that applied but were not answered (a yes/no counted as no)."
    )
    answers: dict[str, Answer]
    open: bool = Field(
        ..., description="A warning result no clearance has closed: it blocks or limits exercise."
    )
    clearance: ClearanceOut | None = None
    level_in_force: str = Field(
        ...,
        description="The patient's level now: the most severe warning still open on the "
        "record. Answering again never closes an earlier warning.",
    )


class _Answers(Schema):
    model_config = ConfigDict(extra="forbid")


def _answer_field(question: dict[str, Any]) -> tuple[Any, Any]:
    kind = question["type"]
    if kind == "boolean":
        kind_type: Any = StrictBool
    elif kind in ("integer", "scale"):
        kind_type = Annotated[StrictInt, Field(ge=question["min"], le=question["max"])]
    else:
        ids = tuple(choice["id"] for choice in question["choices"])
        kind_type = Annotated[list[Literal[ids]], Field(min_length=1)]  # type: ignore[valid-type]
    text = " ".join(filter(None, (question["text"], question.get("help"))))
    if question["required"]:
        return kind_type, Field(..., description=text)
    return kind_type | None, Field(None, description=f"{text} (unanswered counts as no)")


# The answers object is built from the question data, so the schema documents every
# question, and a new question in library/screening.yaml appears here by itself.
ScreeningAnswers = create_model(
    "ScreeningAnswers",
    __base__=_Answers,
    **{q["id"]: _answer_field(q) for q in question_schema()},
)


class ScreeningIn(Schema):
    answers: ScreeningAnswers = Field(  # type: ignore[valid-type]
        ...,
        description="One answer per question of /screening/questions.",
        examples=[{"age": 40, "regions": ["lower_back"], "pain_now": 4}],
    )


def clearance_out(c: Clearance) -> dict[str, Any]:
    return {
        "id": c.pk,
        "kind": c.kind,
        "created_at": c.created_at,
        "recorded_by": c.recorded_by_name,
        "seen_by": c.seen_by,
        "seen_on": c.seen_on,
        "ruled_out": c.ruled_out,
        "covers": list(c.covers),
        "levels": list(c.levels),
        "in_force": c.in_force,
    }


def screening_out(s: Screening, level_in_force: str | None = None) -> dict[str, Any]:
    if level_in_force is None:
        level_in_force = safety_state(s.patient).level
    return {
        "id": s.pk,
        "created_at": s.created_at,
        "source": s.source,
        "level": s.level,
        "allows_programme": s.allows_programme,
        "headline": s.headline,
        "advice": s.advice,
        "reasons": list(s.reasons),
        "cautions": list(s.cautions),
        "unanswered": list(s.unanswered),
        "answers": dict(s.answers),
        "open": s.is_open,
        "clearance": clearance_out(s.clearance) if s.clearance else None,
        "level_in_force": level_in_force,
    }


@router.get(
    "/screening/questions",
    response={200: Page[QuestionOut], **documented_errors(422)},
    auth=None,
    url_name="screening_questions",
    summary="The safety questions, in the order to ask them",
)
def questions(request: HttpRequest, page: Query[PageParams]) -> Any:
    return paginate(request, question_schema(), page)


@router.get(
    "/patients/{patient}/screenings",
    response={200: Page[ScreeningOut], **documented_errors(401, 403, 404, 422)},
    url_name="screenings",
    summary="A patient's screenings, newest first",
)
def list_screenings(request: HttpRequest, patient: PatientRef, page: Query[PageParams]) -> Any:
    found = patient_of(request, patient)
    rows = (
        Screening.objects.filter(patient=found)
        .select_related("clearance")
        .order_by("-created_at", "-id")
    )
    level = safety_state(found).level
    return paginate(request, rows, page, lambda s: screening_out(s, level))


@router.post(
    "/patients/{patient}/screenings",
    response={201: ScreeningOut, **documented_errors(400, 401, 403, 404, 409, 413, 422)},
    url_name="screenings_create",
    summary="Answer the safety questions",
    openapi_extra=links(
        (201,),
        GetScreening=(operation("screening", "get_screening"), {"screening_id": body_id()}),
        Today=(operation("patients", "today"), PATIENT_IN_PATH),
    ),
)
@decorate_view(idempotent)
def create_screening(
    request: HttpRequest,
    patient: PatientRef,
    payload: ScreeningIn,
    idempotency_key: str | None = IdempotencyKey,
) -> Any:
    """Screens the answers and keeps the result, exactly as the screening page does.

    ``level`` judges these answers; ``level_in_force`` is what the record says now: an
    earlier emergency or urgent result stays in force until a clearance, whatever is
    answered here. Answers not given are listed in ``unanswered``.
    """
    found = patient_of(request, patient, change=True)
    try:
        answers = payload.answers.model_dump(exclude_none=True)
        screening = record_screening(found, answers, screening_source(found))
    except InputError as exc:
        raise input_error(exc, "answers.") from None
    return Status(201, screening_out(screening))


@router.get(
    "/screenings/{screening_id}",
    response={200: ScreeningOut, **documented_errors(401, 403, 404, 422)},
    url_name="screening",
    summary="One screening",
)
def get_screening(
    request: HttpRequest, screening_id: int = object_id("The screening's id.")
) -> Any:
    screening = get_owned_or_404(
        request.auth,  # type: ignore[attr-defined]
        Screening.objects.select_related("patient", "clearance"),
        pk=screening_id,
    )
    return screening_out(screening)
