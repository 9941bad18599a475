"""Heat and cold: guidance with safety notes, a timer, the log and what helps."""

from __future__ import annotations

import uuid
from datetime import timedelta
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from spinewise.patients.models import Patient
from spinewise.selfcare.models import HeatColdLog

pytestmark = pytest.mark.django_db
URL = reverse("selfcare:heat_cold")


def form(**overrides: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "token": str(uuid.uuid4()),
        "kind": "heat",
        "minutes": "15",
        "used_on": timezone.localdate().isoformat(),
        "effect": "3",
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


def test_the_guidance_gives_the_safety_notes_and_a_15_to_20_minute_timer(
    patient_client: Client,
) -> None:
    page = patient_client.get(URL).content.decode()
    assert "cloth" in page.lower()
    assert 'data-timer data-seconds="900"' in page
    assert '<option value="20">' in page and '<option value="21">' not in page


def test_a_use_is_logged_with_feedback(patient_client: Client, patient: Patient) -> None:
    response = patient_client.post(URL, form(effect="4"), follow=True)
    log = HeatColdLog.objects.get(patient=patient)
    assert (log.kind, log.minutes, log.effect) == ("heat", 15, 4)
    assert "Heat helped: worth keeping" in response.content.decode()


def test_pain_before_and_after_can_say_how_it_went(
    patient_client: Client, patient: Patient
) -> None:
    patient_client.post(URL, form(kind="cold", effect="", pain_before="6", pain_after="3"))
    log = HeatColdLog.objects.get(patient=patient)
    assert (log.pain_before, log.pain_after, log.to_core().benefit) == (6, 3, 3)


def test_the_summary_says_which_helps_more(patient_client: Client, patient: Patient) -> None:
    for kind, effect in (("heat", "4"), ("heat", "3"), ("cold", "0")):
        patient_client.post(URL, form(kind=kind, effect=effect))
    assert "Heat has helped you more so far." in patient_client.get(URL).content.decode()


def test_sending_the_same_form_twice_logs_once(patient_client: Client, patient: Patient) -> None:
    data = form()
    patient_client.post(URL, data)
    patient_client.post(URL, data)
    assert HeatColdLog.objects.filter(patient=patient).count() == 1


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("minutes", "45", "45 is out of range 1-30."),
        ("minutes", "0", "0 is out of range 1-30."),
        ("effect", "6", "Choose a whole number from -5 to 5."),
        ("pain_before", "11", "Choose a whole number from 0 to 10."),
    ],
)
def test_out_of_range_values_are_refused_next_to_the_field(
    patient_client: Client, field: str, value: str, message: str
) -> None:
    response = patient_client.post(URL, form(**{field: value}))
    assert response.context["form"].errors[field] == [message]
    assert f'id="field-{field}"' in response.content.decode()
    assert not HeatColdLog.objects.exists()


def test_pain_before_without_after_is_refused_next_to_after(patient_client: Client) -> None:
    response = patient_client.post(URL, form(effect="", pain_before="5"))
    assert response.context["form"].errors["pain_after"] == [
        "Give pain both before and after, from 0 to 10."
    ]


def test_saying_nothing_about_how_it_went_is_refused(patient_client: Client) -> None:
    response = patient_client.post(URL, form(effect=""))
    assert "say how it went" in response.context["form"].errors["effect"][0].lower()


def test_a_day_in_the_future_is_refused(patient_client: Client) -> None:
    tomorrow = (timezone.localdate() + timedelta(days=1)).isoformat()
    response = patient_client.post(URL, form(used_on=tomorrow))
    assert response.context["form"].errors["used_on"] == ["This date is in the future."]


def test_the_form_offers_today(patient_client: Client) -> None:
    page = patient_client.get(URL).content.decode()
    assert f'value="{timezone.localdate().isoformat()}"' in page
