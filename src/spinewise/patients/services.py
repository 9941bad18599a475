"""Saving a baseline, which plans the programme (used by the baseline page and the API)."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from spinewise.programmes.models import Programme
from spinewise.programmes.services import create_programme
from spinewise.screening.models import Screening

from .models import Baseline, Patient


@transaction.atomic
def record_baseline(
    patient: Patient, fields: dict[str, Any], screening: Screening | None
) -> tuple[Baseline, Programme]:
    """Store the baseline and plan a programme from it, together or not at all.

    Raises ProgrammeBlocked (and stores nothing) when the screening does not allow one.
    """
    record = Baseline.objects.create(patient=patient, **fields)
    return record, create_programme(patient, record, screening)
