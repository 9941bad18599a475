"""Running the core's screening and keeping the result."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import datetime
from typing import Any

from django.db import transaction
from django.utils import timezone

from spinewise.core import screening as core_screening
from spinewise.patients.models import Patient

from .models import Screening, latest_screening
from .safety import cover_or_lapse


def question_schema() -> list[dict[str, Any]]:
    return list(core_screening.question_schema())


def warning_sign_questions() -> list[dict[str, Any]]:
    """The symptoms (not history) that by themselves mean emergency or urgent: the
    questions the player's "stop: I feel unwell" asks."""
    ids = core_screening.red_flag_answer_ids(symptoms_only=True)
    return [q for q in question_schema() if q["id"] in ids]


def red_flag_questions() -> list[dict[str, Any]]:
    """The yes/no questions that by themselves mean emergency or urgent (for session logs)."""
    return [q for q in question_schema() if q["id"] in core_screening.RED_FLAG_ANSWER_IDS]


def screening_source(patient: Patient) -> str:
    """Why a screening is happening now: the first one, a new symptom, or by choice."""
    if latest_screening(patient) is None:
        return Screening.Source.START
    if patient.rescreen_reason:
        return Screening.Source.CHECKIN
    return Screening.Source.RECHECK


@transaction.atomic
def record_screening(
    patient: Patient,
    answers: Mapping[str, Any],
    source: str,
    now: datetime | None = None,
) -> Screening:
    """Screen ``answers`` (InputError naming the answer id when bad) and keep the result.

    A new screening answers any pending request to re-screen. It never closes an earlier
    warning: a clearance in force covers it only when every reason it gives is a standing
    one the clearance covers; any other reason is a new symptom and the clearance lapses.
    """
    now = now or timezone.now()
    result = core_screening.screen(dict(answers))
    screening = Screening.from_result(patient, dict(answers), result, source, created_at=now)
    screening.save()
    cover_or_lapse(screening, now)
    if patient.rescreen_reason:
        patient.rescreen_reason = ""
        patient.save(update_fields=["rescreen_reason"])
    return screening


def rescreen_with_symptoms(
    patient: Patient, symptom_ids: Iterable[str], source: str, now: datetime | None = None
) -> Screening | None:
    """Screen again with the latest answers plus newly reported warning signs.

    Returns None when there is no earlier screening to build on; the caller then asks
    the person to answer the questions in full.
    """
    previous = latest_screening(patient)
    if previous is None:
        return None
    answers = dict(previous.answers)
    for symptom in symptom_ids:
        answers[symptom] = True
    return record_screening(patient, answers, source, now)
