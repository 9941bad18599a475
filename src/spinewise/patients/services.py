"""Saving a baseline, which plans the programme (used by the baseline page and the API)."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from spinewise.programmes.models import Programme
from spinewise.programmes.services import create_programme

from .models import Baseline, Patient


@transaction.atomic
def record_baseline(patient: Patient, fields: dict[str, Any]) -> tuple[Baseline, Programme]:
    """Store the baseline and plan a programme from it, together or not at all.

    Raises SafetyBlocked (and stores nothing) when the safety gate does not allow one.
    """
    record = Baseline.objects.create(patient=patient, **fields)
    return record, create_programme(patient, record)
