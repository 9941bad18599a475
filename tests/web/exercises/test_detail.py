from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse
from django.utils.html import escape

from spinewise.core.exercises import load_library
from spinewise.patients.models import Patient
from tests.web.conftest import give_programme

pytestmark = pytest.mark.django_db


def test_an_exercise_page_shows_instructions_and_safety(client: Client) -> None:
    exercise = load_library().get("cat-camel")
    page = client.get(reverse("exercises:detail", args=["cat-camel"])).content.decode()
    assert escape(exercise.instructions.setup) in page
    for step in exercise.instructions.steps:
        assert escape(step) in page
    for stop in exercise.stop_if:
        assert escape(stop) in page
    assert reverse("exercises:animated", args=["cat-camel"]) in page


def test_every_exercise_in_the_library_has_a_page(client: Client) -> None:
    for exercise in load_library():
        assert client.get(reverse("exercises:detail", args=[exercise.id])).status_code == 200


def test_a_patient_sees_their_own_dose_and_why(patient_client: Client, patient: Patient) -> None:
    item = give_programme(patient).current_version().sessions.first().items.first()
    page = patient_client.get(reverse("exercises:detail", args=[item.exercise_id])).content.decode()
    assert "Your dose" in page
    assert escape(item.reason) in page


def test_another_patient_does_not_see_that_dose(other_client: Client, patient: Patient) -> None:
    item = give_programme(patient).current_version().sessions.first().items.first()
    page = other_client.get(reverse("exercises:detail", args=[item.exercise_id])).content.decode()
    assert "Your dose" not in page


def test_an_unknown_exercise_is_not_found(client: Client) -> None:
    assert client.get(reverse("exercises:detail", args=["no-such-thing"])).status_code == 404


def test_a_patient_reads_their_own_pain_limit_in_the_stop_signs(
    patient: Patient, patient_client: Client
) -> None:
    patient.pain_ceiling = 3
    patient.save()
    page = patient_client.get(reverse("exercises:detail", args=["hip-hinge"])).content.decode()
    assert "Back pain rises above your agreed limit (3/10)." in page
    anonymous = Client().get(reverse("exercises:detail", args=["hip-hinge"])).content.decode()
    assert "Back pain rises above your agreed limit." in anonymous


def test_the_player_says_the_number_of_the_pain_limit(patient: Patient) -> None:
    from spinewise.training.player import session_data

    programme = give_programme(patient)
    patient.pain_ceiling = 4
    patient.save()
    items = [
        item
        for session in programme.current_version().sessions.all()
        for item in session_data(session)["items"]
    ]
    signs = [sign for item in items for sign in item["stop_if"] if "agreed limit" in sign]
    assert signs, "some planned exercise has a pain-limit stop sign"
    assert all("your agreed limit (4/10)" in sign for sign in signs)
