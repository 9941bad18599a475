"""The exercise library (open content: no sign-in needed), as the exercise pages show it."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.urls import reverse
from ninja import Field, Query, Router, Schema

from spinewise.core.errors import InputError
from spinewise.core.exercises import Exercise, load_library
from spinewise.exercises.library import disabled_ids

from ..errors import ApiError, documented_errors
from ..pagination import Page, PageParams, paginate
from ..vocab import Equipment, Modality, Region

router = Router(tags=["exercises"])


class ExerciseFilters(Schema):
    region: Region | None = Field(None, description="Only exercises for this region.")
    modality: Modality | None = None
    equipment: Equipment | None = Field(None, description="Only exercises that use this.")
    desk_friendly: bool | None = Field(None, description="Only ones you can do at a desk.")


class ExerciseSummary(Schema):
    id: str
    name: str
    summary: str
    regions: list[str]
    modality: str
    position: str
    equipment: list[str]
    tracking: str = Field(..., description="reps, hold (seconds) or breaths")
    desk_friendly: bool
    enabled: bool = Field(..., description="False when an administrator stopped planning it.")
    url: str = Field(..., description="This exercise in the API.")
    page_url: str = Field(..., description="The exercise's web page.")
    figure_url: str


class DoseOut(Schema):
    sets: list[int] = Field(..., description="[fewest, most]")
    amount: list[int] = Field(..., description="[least, most] reps, seconds or breaths")
    rest_seconds: int


class InstructionsOut(Schema):
    setup: str
    steps: list[str]
    breathing: str


class ExerciseOut(ExerciseSummary):
    household: list[str]
    target_muscles: list[str]
    per_side: bool
    seconds_per_rep: int
    doses: dict[str, DoseOut] = Field(..., description="Dose ranges by level.")
    instructions: InstructionsOut
    feel: str
    stop_if: list[str]
    common_mistakes: list[str]
    contraindications: list[str]
    easier: list[str]
    harder: list[str]
    animated_figure_url: str


def summary(ex: Exercise, disabled: frozenset[str]) -> dict[str, Any]:
    return {
        "id": ex.id,
        "name": ex.name,
        "summary": ex.summary,
        "regions": list(ex.regions),
        "modality": ex.modality,
        "position": ex.position,
        "equipment": list(ex.equipment),
        "tracking": ex.tracking,
        "desk_friendly": ex.desk_friendly,
        "enabled": ex.id not in disabled,
        "url": reverse("api:exercise", args=[ex.id]),
        "page_url": reverse("exercises:detail", args=[ex.id]),
        "figure_url": reverse("exercises:figure", args=[ex.id]),
    }


def detail(ex: Exercise, disabled: frozenset[str]) -> dict[str, Any]:
    return {
        **summary(ex, disabled),
        "household": list(ex.household),
        "target_muscles": list(ex.target_muscles),
        "per_side": ex.per_side,
        "seconds_per_rep": ex.seconds_per_rep,
        "doses": {
            level: {
                "sets": [d.sets.low, d.sets.high],
                "amount": [d.amount.low, d.amount.high],
                "rest_seconds": d.rest_seconds,
            }
            for level, d in ex.doses.items()
        },
        "instructions": {
            "setup": ex.instructions.setup,
            "steps": list(ex.instructions.steps),
            "breathing": ex.instructions.breathing,
        },
        "feel": ex.feel,
        "stop_if": list(ex.stop_if),
        "common_mistakes": list(ex.common_mistakes),
        "contraindications": list(ex.contraindications),
        "easier": list(ex.easier),
        "harder": list(ex.harder),
        "animated_figure_url": reverse("exercises:animated", args=[ex.id]),
    }


def _matches(ex: Exercise, f: ExerciseFilters) -> bool:
    return (
        (f.region is None or f.region in ex.regions)
        and (f.modality is None or ex.modality == f.modality)
        and (f.equipment is None or f.equipment in ex.equipment)
        and (f.desk_friendly is None or ex.desk_friendly == f.desk_friendly)
    )


@router.get(
    "/exercises",
    response={200: Page[ExerciseSummary], **documented_errors(422)},
    auth=None,
    url_name="exercises",
    summary="List exercises",
)
def list_exercises(
    request: HttpRequest, filters: Query[ExerciseFilters], page: Query[PageParams]
) -> Any:
    """The library in name order, filtered by region, modality, equipment, desk use."""
    disabled = disabled_ids()
    found = sorted((ex for ex in load_library() if _matches(ex, filters)), key=lambda e: e.name)
    return paginate(request, found, page, lambda ex: summary(ex, disabled))


@router.get(
    "/exercises/{exercise_id}",
    response={200: ExerciseOut, **documented_errors(404, 422)},
    auth=None,
    url_name="exercise",
    summary="One exercise",
)
def get_exercise(request: HttpRequest, exercise_id: str) -> Any:
    try:
        ex = load_library().get(exercise_id)
    except InputError:
        raise ApiError(404, "No exercise with this id.") from None
    return detail(ex, disabled_ids())
