"""The workstation and posture checklist form."""

from __future__ import annotations

import uuid
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from spinewise.core.selfcare import load_workstation_checklist
from spinewise.patients.models import Patient
from spinewise.selfcare.models import WorkstationCheck

pytestmark = pytest.mark.django_db
URL = reverse("selfcare:workstation")
CHECKLIST = load_workstation_checklist()


def answers(best: bool = True, **overrides: str) -> dict[str, Any]:
    """Every question answered with its best (or worst) choice."""
    pick = max if best else min
    data: dict[str, Any] = {
        q.id: pick(q.choices, key=lambda c: c.points).id for q in CHECKLIST.questions
    }
    data["token"] = str(uuid.uuid4())
    data.update(overrides)
    return data


def test_the_form_asks_every_checklist_question(patient_client: Client) -> None:
    page = patient_client.get(URL).content.decode()
    for q in CHECKLIST.questions:
        assert f'id="field-{q.id}"' in page


def test_a_complete_check_is_scored_and_stored(patient_client: Client, patient: Patient) -> None:
    response = patient_client.post(URL, answers(best=False))
    check = WorkstationCheck.objects.get(patient=patient)
    assert response["Location"] == reverse("selfcare:workstation_result", args=[check.pk])
    assert check.score < 50
    assert check.result["changes"]


def test_a_question_left_out_is_asked_for_next_to_it(
    patient_client: Client, patient: Patient
) -> None:
    first = CHECKLIST.questions[0].id
    data = answers()
    del data[first]
    response = patient_client.post(URL, data)
    assert response.context["form"].errors[first] == ["Please answer this question."]
    assert f'id="field-{first}"' in response.content.decode()
    assert not WorkstationCheck.objects.exists()


def test_an_answer_that_is_not_a_choice_is_refused_next_to_it(patient_client: Client) -> None:
    first = CHECKLIST.questions[0].id
    response = patient_client.post(URL, answers(**{first: "hovering"}))
    assert response.context["form"].errors[first] == ["Choose one of the answers."]
    assert not WorkstationCheck.objects.exists()


def test_sending_the_same_form_twice_stores_one_check(
    patient_client: Client, patient: Patient
) -> None:
    data = answers()
    first = patient_client.post(URL, data)
    second = patient_client.post(URL, data)
    assert WorkstationCheck.objects.filter(patient=patient).count() == 1
    assert first["Location"] == second["Location"]


def test_earlier_checks_are_listed(patient_client: Client, patient: Patient) -> None:
    patient_client.post(URL, answers(best=False))
    patient_client.post(URL, answers())
    history = list(patient_client.get(URL).context["history"])
    assert len(history) == 2
    assert history[0].score == 100
    assert history[1].score < 50
