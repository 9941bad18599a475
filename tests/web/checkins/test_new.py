from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from spinewise.checkins.models import WeeklyCheckIn
from spinewise.patients.models import Patient
from tests.web.conftest import give_programme

pytestmark = pytest.mark.django_db
URL = reverse("checkins:new")


def form(**overrides: str) -> dict[str, Any]:
    data = {
        "pain_now": "4",
        "peg_pain": "5",
        "peg_enjoyment": "3",
        "peg_activity": "4",
        "psfs_score_1": "5",
        "psfs_score_2": "6",
        "psfs_score_3": "4",
        "has_new_symptom": "no",
        "new_symptom": "",
    }
    data.update(overrides)
    return data


def test_without_a_baseline_the_baseline_comes_first(patient_client: Client) -> None:
    assert patient_client.get(URL)["Location"] == reverse("patients:baseline")


def test_the_form_asks_about_the_patients_own_activities(
    patient_client: Client, patient: Patient
) -> None:
    give_programme(patient)
    page = patient_client.get(URL).content.decode()
    # Quoted as the person wrote it, never slotted into a sentence it does not fit.
    assert "Putting on socks: how well can you do it now?" in page
    assert "can you putting" not in page.lower()


def test_a_check_in_records_nrs_peg_and_psfs(patient_client: Client, patient: Patient) -> None:
    give_programme(patient)
    response = patient_client.post(URL, form())
    checkin = WeeklyCheckIn.objects.get(patient=patient)
    assert response["Location"] == reverse("checkins:done", args=[checkin.pk])
    assert checkin.peg_score == 4.0
    assert checkin.psfs_score == 5.0
    assert checkin.psfs_activities == patient.latest_baseline().psfs_activities


def test_a_new_symptom_reopens_the_safety_questions(
    patient_client: Client, patient: Patient
) -> None:
    give_programme(patient)
    response = patient_client.post(
        URL, form(has_new_symptom="yes", new_symptom="numb patch on my thigh")
    )
    assert response["Location"] == reverse("screening:start")
    patient.refresh_from_db()
    assert "numb patch on my thigh" in patient.rescreen_reason
    assert patient_client.get(reverse("today:home")).context["step"].key == "screening"


def test_a_new_symptom_must_be_described(patient_client: Client, patient: Patient) -> None:
    give_programme(patient)
    response = patient_client.post(URL, form(has_new_symptom="yes"))
    assert "new_symptom" in response.context["form"].errors
    assert not WeeklyCheckIn.objects.exists()


@pytest.mark.parametrize(
    "field", ["pain_now", "peg_pain", "peg_enjoyment", "peg_activity", "psfs_score_1"]
)
def test_out_of_range_scores_are_rejected_next_to_the_field(
    patient_client: Client, patient: Patient, field: str
) -> None:
    give_programme(patient)
    response = patient_client.post(URL, form(**{field: "11"}))
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert f'id="field-{field}"' in response.content.decode()
    assert not WeeklyCheckIn.objects.exists()


def test_anonymous_visitors_are_sent_to_log_in(client: Client) -> None:
    response = client.get(URL)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_another_patients_activities_are_never_shown(
    other_client: Client, patient: Patient, other_patient: Patient
) -> None:
    give_programme(patient)
    give_programme(other_patient, psfs_activities=["Cycling", "Cooking", "Typing"])
    page = other_client.get(URL).content.decode()
    assert "putting on socks" not in page.lower()
    assert "Cycling: how well can you do it now?" in page
