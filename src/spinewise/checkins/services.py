"""Recording a weekly check-in (used by the check-in page and the API)."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from spinewise.patients.models import Patient

from .models import WeeklyCheckIn


@transaction.atomic
def record_checkin(patient: Patient, fields: dict[str, Any]) -> WeeklyCheckIn:
    """Store the check-in; a new symptom asks the person to answer the safety questions again."""
    checkin = WeeklyCheckIn.objects.create(patient=patient, **fields)
    if checkin.new_symptom:
        patient.rescreen_reason = f"“{checkin.new_symptom}” (at your weekly check-in)"[:200]
        patient.save(update_fields=["rescreen_reason"])
    return checkin
