"""Paced breathing at a chosen rate: the pace is checked by the core and drives the pacer."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

pytestmark = pytest.mark.django_db
URL = reverse("selfcare:breathing")


def test_the_default_pace_is_six_breaths_a_minute(patient_client: Client) -> None:
    page = patient_client.get(URL).content.decode()
    assert 'data-inhale="4" data-exhale="6" data-breaths="30"' in page
    assert "selfcare/pacer.js" in page


def test_a_chosen_pace_drives_the_pacer(patient_client: Client) -> None:
    response = patient_client.get(
        URL, {"breaths_per_minute": "5", "inhale_parts": "1", "exhale_parts": "2", "minutes": "2"}
    )
    assert 'data-inhale="4" data-exhale="8" data-breaths="10"' in response.content.decode()
    assert response.context["log_form"].initial["breaths_per_minute"] == 5.0


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("breaths_per_minute", "12", "12 is out of range 4-10."),
        ("minutes", "45", "45 is out of range 1-30."),
        ("exhale_parts", "1", "Breathing out should take at least as long as breathing in."),
    ],
)
def test_a_pace_outside_the_safe_range_is_refused_next_to_the_field(
    patient_client: Client, field: str, value: str, message: str
) -> None:
    query = {"breaths_per_minute": "6", "inhale_parts": "2", "exhale_parts": "3", "minutes": "5"}
    response = patient_client.get(URL, {**query, field: value})
    assert response.context["form"].errors[field] == [message]
    assert response.context["pattern"] is None
    assert "data-pacer" not in response.content.decode()
