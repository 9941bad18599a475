"""Working hours for movement breaks, checked by the core."""

from __future__ import annotations

from datetime import time
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from spinewise.patients.models import Patient
from spinewise.selfcare.models import MovementBreakSettings
from tests.web.selfcare.conftest import reminders_for

pytestmark = pytest.mark.django_db
URL = reverse("selfcare:break_settings")


def form(**overrides: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "start": "09:00",
        "end": "17:30",
        "interval_minutes": "45",
        "days": ["mon", "tue", "thu"],
    }
    data.update(overrides)
    return data


def test_saving_stores_the_working_hours(patient_client: Client, patient: Patient) -> None:
    response = patient_client.post(URL, form())
    assert response["Location"] == reverse("selfcare:break_now")
    saved = MovementBreakSettings.objects.get(patient=patient)
    assert (saved.start, saved.end, saved.interval_minutes) == (time(9), time(17, 30), 45)
    assert saved.days == ["mon", "tue", "thu"]


def test_saving_again_updates_the_one_setting(patient_client: Client, patient: Patient) -> None:
    patient_client.post(URL, form())
    patient_client.post(URL, form(interval_minutes="60"))
    patient_client.post(URL, form(interval_minutes="60"))
    assert MovementBreakSettings.objects.get(patient=patient).interval_minutes == 60


@pytest.mark.parametrize("minutes", ["29", "61", "0"])
def test_an_interval_outside_30_to_60_minutes_is_refused_next_to_it(
    patient_client: Client, minutes: str
) -> None:
    response = patient_client.post(URL, form(interval_minutes=minutes))
    assert response.context["form"].errors["interval_minutes"] == [
        f"{minutes} is out of range 30-60."
    ]
    assert 'id="field-interval_minutes"' in response.content.decode()
    assert not MovementBreakSettings.objects.exists()


def test_the_same_start_and_end_is_refused_next_to_the_end(patient_client: Client) -> None:
    response = patient_client.post(URL, form(end="09:00"))
    assert "differ from the start" in response.context["form"].errors["end"][0]


def test_working_hours_shorter_than_the_interval_are_refused(patient_client: Client) -> None:
    response = patient_client.post(URL, form(start="09:00", end="09:30"))
    assert "shorter than the 45-minute interval" in response.context["form"].errors["end"][0]


def test_a_night_shift_past_midnight_is_fine(patient_client: Client, patient: Patient) -> None:
    patient_client.post(URL, form(start="22:00", end="06:00"))
    assert MovementBreakSettings.objects.get(patient=patient).to_core().overnight


def test_at_least_one_working_day(patient_client: Client) -> None:
    response = patient_client.post(URL, form(days=[]))
    assert response.context["form"].errors["days"] == ["Choose at least one working day."]


def test_times_are_in_the_persons_time_zone(patient_client: Client, patient: Patient) -> None:
    reminders_for(patient, timezone="Asia/Tokyo")
    assert "Asia/Tokyo" in patient_client.get(URL).content.decode()
