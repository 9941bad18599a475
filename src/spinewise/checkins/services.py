"""Recording a weekly check-in (used by the check-in page and the API)."""

from __future__ import annotations

from datetime import datetime

from django.db import transaction
from django.utils import timezone

from spinewise.core.errors import Invalid
from spinewise.patients.models import Patient

from .commands import CheckInAnswers, check_checkin
from .models import WeeklyCheckIn


class BaselineRequired(Invalid):
    """A check-in rates the baseline's activities again: there must be a baseline."""

    def __init__(self) -> None:
        super().__init__({"body": "Give the baseline answers first."})


def record_checkin(
    patient: Patient, answers: CheckInAnswers, now: datetime | None = None
) -> WeeklyCheckIn:
    """Check and store the check-in against the latest baseline's activities (Invalid,
    nothing stored, when an answer is wrong; BaselineRequired when there is none). A new
    symptom asks the person to answer the safety questions again."""
    baseline = patient.latest_baseline()
    if baseline is None:
        raise BaselineRequired()
    activities = list(baseline.psfs_activities)
    check_checkin(answers, activities)
    with transaction.atomic():
        checkin = WeeklyCheckIn.objects.create(
            patient=patient,
            created_at=now or timezone.now(),
            pain_now=answers.pain_now,
            peg_pain=answers.peg_pain,
            peg_enjoyment=answers.peg_enjoyment,
            peg_activity=answers.peg_activity,
            psfs_activities=activities,
            psfs_scores=list(answers.psfs_scores),
            new_symptom=answers.new_symptom.strip(),
        )
        if checkin.new_symptom:
            patient.rescreen_reason = f"“{checkin.new_symptom}” (at your weekly check-in)"[:200]
            patient.save(update_fields=["rescreen_reason"])
    return checkin
