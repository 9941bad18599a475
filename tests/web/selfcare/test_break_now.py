"""Take a break now: a 1-2 minute desk routine from the person's own programme."""

from __future__ import annotations

from datetime import time

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from spinewise.core.exercises import load_library
from spinewise.patients.models import Patient
from spinewise.selfcare.models import MovementBreakSettings
from tests.web.conftest import give_programme, screen_as

pytestmark = pytest.mark.django_db
URL = reverse("selfcare:break_now")


def test_the_routine_lasts_one_to_two_minutes_with_animated_figures(
    patient_client: Client, patient: Patient
) -> None:
    give_programme(patient)
    response = patient_client.get(URL)
    offer = response.context["offer"]
    assert 60 <= offer.routine.seconds <= 120
    page = response.content.decode()
    assert f'data-seconds="{offer.routine.seconds}"' in page
    for step in offer.steps:
        assert step.exercise.desk_friendly
        assert reverse("exercises:animated", args=[step.exercise.id]) in page
        assert patient_client.get(reverse("exercises:animated", args=[step.exercise.id]))[
            "Content-Type"
        ].startswith("image/svg+xml")


def test_the_routine_respects_the_persons_conditions_and_equipment(
    patient_client: Client, patient: Patient
) -> None:
    give_programme(patient, conditions=["osteoporosis"], equipment=[], band_levels=[])
    library = load_library()
    for step in patient_client.get(URL).context["offer"].steps:
        exercise = library.get(step.exercise.id)
        assert "osteoporosis" not in exercise.contraindications
        assert not exercise.equipment


def test_see_a_clinician_keeps_breaks_gentle(patient_client: Client, patient: Patient) -> None:
    give_programme(patient, level="see_clinician")
    offer = patient_client.get(URL).context["offer"]
    assert offer.gentle
    assert all(s.exercise.modality in ("mobility", "stretch", "breathing") for s in offer.steps)


def test_without_safety_answers_there_is_no_routine(patient_client: Client) -> None:
    response = patient_client.get(URL)
    assert response.context["offer"].routine is None
    assert reverse("screening:start") in response.content.decode()


def test_an_urgent_screening_gives_its_advice_instead(
    patient_client: Client, patient: Patient
) -> None:
    screen_as(patient, "urgent")
    offer = patient_client.get(URL).context["offer"]
    assert offer.routine is None
    assert offer.next_url.startswith("/screening/")


def test_working_hours_show_the_breaks_still_to_come(
    patient_client: Client, patient: Patient
) -> None:
    give_programme(patient)
    MovementBreakSettings.objects.create(
        patient=patient,
        start=time(0, 0),
        end=time(23, 59),
        interval_minutes=30,
        days=["mon", "tue", "wed", "thu", "fri", "sat", "sun"],
    )
    response = patient_client.get(URL)
    now = timezone.now()
    assert all(t >= now and t.minute in (0, 30) for t in response.context["upcoming"])
    assert "Breaks every 30 minutes, 00:00 to 23:59" in response.content.decode()
