from __future__ import annotations

from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from spinewise.patients.models import Patient
from tests.web.conftest import give_programme, log_session, screen_as, session_of

pytestmark = pytest.mark.django_db
URL = reverse("today:home")


def step(client: Client) -> str:
    return str(client.get(URL).context["step"].key)


def test_visitors_see_the_landing_page(client: Client) -> None:
    page = client.get(URL).content.decode()
    assert reverse("accounts:signup") in page


def test_a_new_patient_starts_with_the_safety_questions(patient_client: Client) -> None:
    assert step(patient_client) == "screening"


def test_after_screening_comes_the_baseline(patient_client: Client, patient: Patient) -> None:
    screen_as(patient)
    assert step(patient_client) == "baseline"


def test_an_emergency_shows_the_advice(patient_client: Client, patient: Patient) -> None:
    screening = screen_as(patient, "emergency")
    response = patient_client.get(URL)
    assert response.context["step"].key == "blocked"
    assert screening.headline in response.content.decode()


def test_with_a_programme_the_next_session_is_offered(
    patient_client: Client, patient: Patient
) -> None:
    give_programme(patient)
    response = patient_client.get(URL)
    assert response.context["step"].key == "session"
    assert reverse("training:player", args=[1]) in response.content.decode()


def test_yesterdays_session_asks_for_the_morning_check(
    patient_client: Client, patient: Patient
) -> None:
    programme = give_programme(patient)
    yesterday = timezone.localdate() - timedelta(days=1)
    log = log_session(patient, session_of(programme), day=yesterday)
    page = patient_client.get(URL).content.decode()
    assert reverse("training:morning_check", args=[log.pk]) in page


def test_a_week_after_the_programme_began_the_check_in_is_due(
    patient_client: Client, patient: Patient
) -> None:
    programme = give_programme(patient)
    programme.created_at = timezone.now() - timedelta(days=8)
    programme.save()
    assert step(patient_client) == "checkin"


def test_clinicians_see_a_staff_page_leading_to_their_patients(clinician: object) -> None:
    client = Client()
    client.force_login(clinician)  # type: ignore[arg-type]
    page = client.get(URL).content.decode()
    assert "Open my patients" in page and f'href="{reverse("clinician:caseload")}"' in page
