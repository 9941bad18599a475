"""Safety screening: the questions (open) and a patient's screenings."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any, Literal

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema, Status
from ninja.decorators import decorate_view
from pydantic import ConfigDict, StrictBool, StrictInt, create_model

from spinewise.core.errors import InputError
from spinewise.patients.access import get_owned_or_404
from spinewise.screening.models import Screening
from spinewise.screening.services import question_schema, record_screening, screening_source

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


class ReasonOut(Schema):
    code: str
    level: str
    explanation: str
    action: str


class ScreeningOut(Schema):
    id: int
    created_at: datetime
    source: str = Field(..., description="start, recheck, checkin or session")
    level: str = Field(..., description="emergency, urgent, see_clinician or self_manage")
    allows_programme: bool
    headline: str
    advice: str
    reasons: list[ReasonOut]
    answers: dict[str, Answer]
    cleared_at: datetime | None = Field(
        None, description="When a clinician cleared a see_clinician result for a full programme."
    )
    clearance_note: str = ""


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


def screening_out(s: Screening) -> dict[str, Any]:
    return {
        "id": s.pk,
        "created_at": s.created_at,
        "source": s.source,
        "level": s.level,
        "allows_programme": s.allows_programme,
        "headline": s.headline,
        "advice": s.advice,
        "reasons": list(s.reasons),
        "answers": dict(s.answers),
        "cleared_at": s.cleared_at,
        "clearance_note": s.clearance_note,
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
    rows = Screening.objects.filter(patient=found).order_by("-created_at", "-id")
    return paginate(request, rows, page, screening_out)


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

    ``level`` says what to do now; emergency and urgent results stop any programme.
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
        Screening.objects.select_related("patient"),
        pk=screening_id,
    )
    return screening_out(screening)
