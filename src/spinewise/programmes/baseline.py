"""Saving a baseline, which plans the programme (used by the baseline page and the API)."""

from __future__ import annotations

from django.db import transaction

from spinewise.patients.commands import BaselineAnswers, check_baseline
from spinewise.patients.models import Baseline, Patient
from spinewise.screening.safety import require_exercise

from .models import Programme
from .services import create_programme


def record_baseline(patient: Patient, answers: BaselineAnswers) -> tuple[Baseline, Programme]:
    """Check the answers, store the baseline and plan a programme from it, together or not
    at all.

    Raises Invalid naming every wrong answer, or SafetyBlocked when the safety gate does
    not allow a programme; either way nothing is stored.
    """
    require_exercise(patient)  # the gate first: a blocked person hears why, not a form error
    check_baseline(answers)
    with transaction.atomic():
        record = Baseline.objects.create(patient=patient, **answers.fields())
        return record, create_programme(patient, record)
