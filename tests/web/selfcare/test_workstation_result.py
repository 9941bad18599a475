"""A workstation check's result: the personal list of changes, and what improved."""

from __future__ import annotations

import uuid
from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from spinewise.core.selfcare import load_workstation_checklist
from spinewise.patients.models import Patient
from spinewise.selfcare.models import WorkstationCheck
from spinewise.selfcare.services import record_workstation

pytestmark = pytest.mark.django_db
CHECKLIST = load_workstation_checklist()


def check(patient: Patient, best: bool, days_ago: int = 0, **overrides: str) -> WorkstationCheck:
    pick = max if best else min
    given = {q.id: pick(q.choices, key=lambda c: c.points).id for q in CHECKLIST.questions}
    given.update(overrides)
    when = timezone.now() - timedelta(days=days_ago)
    return record_workstation(patient, given, uuid.uuid4(), when)


def url(saved: WorkstationCheck) -> str:
    return reverse("selfcare:workstation_result", args=[saved.pk])


def test_the_result_lists_the_changes_biggest_gain_first(
    patient_client: Client, patient: Patient
) -> None:
    saved = check(patient, best=False)
    response = patient_client.get(url(saved))
    changes = response.context["result"].changes
    assert changes
    assert [c.points_lost for c in changes] == sorted(
        (c.points_lost for c in changes), reverse=True
    )
    page = response.content.decode()
    assert f"{saved.score}" in page
    assert changes[0].title in page


def test_a_second_check_shows_what_improved(patient_client: Client, patient: Patient) -> None:
    before = check(patient, best=False, days_ago=7)
    after = check(patient, best=True)
    response = patient_client.get(url(after))
    comparison = response.context["comparison"]
    assert comparison.score_change == after.score - before.score
    assert comparison.improved and not comparison.worsened
    assert "improved since your last check" in response.content.decode()


def test_the_first_check_has_nothing_to_compare(patient_client: Client, patient: Patient) -> None:
    assert patient_client.get(url(check(patient, best=True))).context["comparison"] is None


def test_another_patients_result_is_not_found(other_client: Client, patient: Patient) -> None:
    saved = check(patient, best=False)
    response = other_client.get(url(saved))
    assert response.status_code == 404
    assert saved.result["changes"][0]["title"] not in response.content.decode()
