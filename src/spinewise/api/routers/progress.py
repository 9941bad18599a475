"""Progress summaries: the numbers behind the progress charts."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any, Literal

from django.http import HttpRequest
from django.utils import timezone
from ninja import Field, Router, Schema

from spinewise.patients.kept import kept, revisions_key
from spinewise.patients.models import Patient
from spinewise.progress import data
from spinewise.progress.views import RANGES

from ..errors import documented_errors
from ..params import PatientRef, patient_of

router = Router(tags=["progress"])


class PointOut(Schema):
    date: date
    value: float


class SeriesOut(Schema):
    name: str
    points: list[PointOut]


class WeekOut(Schema):
    start: date = Field(..., description="Monday of the week.")
    planned: int
    done: int
    reps: int
    hold_minutes: float


class ProgressOut(Schema):
    range: Literal["4w", "12w", "all"]
    since: date | None
    pain: list[SeriesOut] = Field(..., description="0-10, lower is better.")
    function: list[SeriesOut] = Field(..., description="PSFS 0-10, higher is better.")
    peg: list[SeriesOut] = Field(
        ..., description="PEG 0-10 at each weekly check-in, lower is better."
    )
    weeks: list[WeekOut] = Field(..., description="Adherence and training volume per week.")


def _series(series: dict[str, list[data.Point]], since: date | None) -> list[dict[str, Any]]:
    return [
        {
            "name": name,
            "points": [{"date": d, "value": v} for d, v in points if since is None or d >= since],
        }
        for name, points in series.items()
    ]


@router.get(
    "/patients/{patient}/progress",
    response={200: ProgressOut, **documented_errors(401, 403, 404, 422)},
    url_name="progress",
    summary="Pain, function, adherence and volume over time (the progress charts)",
)
def progress(
    request: HttpRequest, patient: PatientRef, range: Literal["4w", "12w", "all"] = "all"
) -> Any:
    """Kept per patient, range and day until their record changes (``patients.kept``)."""
    found = patient_of(request, patient)
    day = timezone.localdate()
    key = revisions_key(f"progress-{range}", found.pk, day, [(found.pk, found.revision)])
    return kept(key, lambda: progress_answer(found, range, day))


def progress_answer(found: Patient, range: str, day: date) -> dict[str, Any]:  # noqa: A002
    days = RANGES[range][1]
    since = day - timedelta(days=days) if days else None
    first_week = data.week_start(since) if since else None
    weeks = [w for w in data.weekly(found, day) if first_week is None or w.start >= first_week]
    return {
        "range": range,
        "since": since,
        "pain": _series(data.pain_series(found), since),
        "function": _series(data.psfs_series(found), since),
        "peg": _series(data.peg_series(found), since),
        "weeks": [
            {
                "start": w.start,
                "planned": w.planned,
                "done": w.done,
                "reps": w.reps,
                "hold_minutes": w.hold_minutes,
            }
            for w in weeks
        ],
    }
