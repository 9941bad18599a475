from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse
from django.utils.html import escape

from spinewise.patients.models import Patient
from tests.web.conftest import give_programme, screen_as

pytestmark = pytest.mark.django_db


def url(pk: int) -> str:
    return reverse("screening:result", args=[pk])


@pytest.mark.parametrize("level", ["emergency", "urgent", "see_clinician", "self_manage"])
def test_each_level_shows_the_core_headline_and_advice(
    patient_client: Client, patient: Patient, level: str
) -> None:
    screening = screen_as(patient, level)
    page = patient_client.get(url(screening.pk)).content.decode()
    assert escape(screening.headline) in page
    assert escape(screening.advice) in page
    assert f"level-{level}" in page


def test_reasons_are_listed_with_what_to_do(patient_client: Client, patient: Patient) -> None:
    screening = screen_as(patient, "emergency")
    page = patient_client.get(url(screening.pk)).content.decode()
    for reason in screening.reasons:
        assert escape(reason["action"]) in page


def test_an_emergency_offers_no_way_into_a_programme(
    patient_client: Client, patient: Patient
) -> None:
    screening = screen_as(patient, "emergency")
    page = patient_client.get(url(screening.pk)).content.decode()
    assert reverse("patients:baseline") not in page


def test_a_safe_result_leads_to_the_baseline(patient_client: Client, patient: Patient) -> None:
    screening = screen_as(patient)
    assert reverse("patients:baseline") in patient_client.get(url(screening.pk)).content.decode()


def test_a_safe_result_after_a_baseline_leads_to_the_programme(
    patient_client: Client, patient: Patient
) -> None:
    give_programme(patient)
    screening = screen_as(patient)
    page = patient_client.get(url(screening.pk)).content.decode()
    assert reverse("programmes:current") in page


def test_another_patient_cannot_see_it(other_client: Client, patient: Patient) -> None:
    screening = screen_as(patient)
    assert other_client.get(url(screening.pk)).status_code == 404


def test_anonymous_visitors_are_sent_to_log_in(client: Client, patient: Patient) -> None:
    screening = screen_as(patient)
    response = client.get(url(screening.pk))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))
