from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse
from django.utils.html import escape

from spinewise.patients.models import Patient
from tests.web.conftest import give_programme, log_session, screen_as, session_of

pytestmark = pytest.mark.django_db
URL = reverse("programmes:current")


def test_without_a_screening_the_safety_questions_come_first(patient_client: Client) -> None:
    assert patient_client.get(URL)["Location"] == reverse("screening:start")


def test_without_a_baseline_the_baseline_comes_next(
    patient_client: Client, patient: Patient
) -> None:
    screen_as(patient)
    assert patient_client.get(URL)["Location"] == reverse("patients:baseline")


def test_the_week_shows_every_exercise_with_dose_reason_and_figure(
    patient_client: Client, patient: Patient
) -> None:
    from spinewise.programmes.display import dose_text

    programme = give_programme(patient)
    page = patient_client.get(URL).content.decode()
    for session in programme.current_version().sessions.all():
        assert escape(session.title) in page
        assert reverse("training:player", args=[session.number]) in page
        for item in session.items.all():
            assert escape(dose_text(item)) in page
            assert escape(item.reason) in page
            assert reverse("exercises:figure", args=[item.exercise_id]) in page


def test_the_next_session_is_marked_up_next(patient_client: Client, patient: Patient) -> None:
    programme = give_programme(patient)
    log_session(patient, session_of(programme, 1))
    response = patient_client.get(URL)
    assert response.context["next_number"] == 2
    assert response.context["done_this_week"] == 1


def test_an_urgent_screening_shows_its_advice_instead(
    patient_client: Client, patient: Patient
) -> None:
    give_programme(patient)
    urgent = screen_as(patient, "urgent")
    response = patient_client.get(URL)
    assert escape(urgent.headline) in response.content.decode()
    assert "training/" not in response.content.decode()
    assert reverse("training:player", args=[1]) not in response.content.decode()


def test_a_pending_rescreen_says_progression_is_paused(
    patient_client: Client, patient: Patient
) -> None:
    give_programme(patient)
    patient.rescreen_reason = "tingling"
    patient.save()
    assert "Nothing steps up" in patient_client.get(URL).content.decode()


def test_anonymous_visitors_are_sent_to_log_in(client: Client) -> None:
    response = client.get(URL)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_another_patient_sees_only_their_own_state(other_client: Client, patient: Patient) -> None:
    give_programme(patient)
    assert other_client.get(URL)["Location"] == reverse("screening:start")
