"""Daily steps: manual entry (one a day), the core's goal and reason, and a chart."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from spinewise.patients.models import Patient
from spinewise.selfcare.models import StepEntry

pytestmark = pytest.mark.django_db
URL = reverse("selfcare:steps")


def day(offset: int) -> str:
    return (timezone.localdate() + timedelta(days=offset)).isoformat()


def test_a_days_steps_are_saved(patient_client: Client, patient: Patient) -> None:
    response = patient_client.post(URL, {"on": day(0), "steps": "4321"})
    assert response["Location"] == URL
    entry = StepEntry.objects.get(patient=patient)
    assert (entry.on.isoformat(), entry.steps) == (day(0), 4321)


def test_entering_a_day_again_updates_it(patient_client: Client, patient: Patient) -> None:
    patient_client.post(URL, {"on": day(-1), "steps": "3000"})
    patient_client.post(URL, {"on": day(-1), "steps": "5200"})
    patient_client.post(URL, {"on": day(-1), "steps": "5200"})
    assert list(StepEntry.objects.filter(patient=patient).values_list("steps", flat=True)) == [5200]


def test_until_there_are_a_few_days_the_goal_is_a_starting_suggestion(
    patient_client: Client,
) -> None:
    goal = patient_client.get(URL).context["goal"]
    assert (goal.goal, goal.change) == (3000, "start")
    assert "Log your steps for a few days" in goal.reason


def test_the_first_goal_is_the_persons_usual_day(patient_client: Client, patient: Patient) -> None:
    for offset, steps in ((-3, "4000"), (-2, "5000"), (-1, "6000")):
        patient_client.post(URL, {"on": day(offset), "steps": steps})
    response = patient_client.get(URL)
    assert response.context["goal"].goal == 5000
    page = response.content.decode()
    assert "Your usual day is about 5,000 steps" in page
    assert '<p class="sc-score">5,000<' in page
    patient_client.post(URL, {"on": day(0), "steps": "5500"})
    assert StepEntry.objects.get(patient=patient, on=day(0)).goal == 5000


def test_the_chart_shows_the_days_and_the_goal(patient_client: Client) -> None:
    patient_client.post(URL, {"on": day(-1), "steps": "4000"})
    page = patient_client.get(URL).content.decode()
    assert 'role="img"' in page
    assert "Today&#x27;s goal" in page or "Today's goal" in page
    assert "<td>4,000</td>" in page


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("steps", "100001", "100001 is out of range 0-100000."),
        ("steps", "-5", "-5 is out of range 0-100000."),
        ("steps", "lots", "Enter a whole number."),
        ("on", day(1), "Cannot be in the future."),
    ],
)
def test_impossible_entries_are_refused_next_to_the_field(
    patient_client: Client, field: str, value: str, message: str
) -> None:
    data = {"on": day(0), "steps": "4000", field: value}
    response = patient_client.post(URL, data)
    assert response.context["form"].errors[field] == [message]
    assert f'id="field-{field}"' in response.content.decode()
    assert not StepEntry.objects.exists()


def test_the_form_offers_today_and_no_later_day(patient_client: Client) -> None:
    page = patient_client.get(URL).content.decode()
    assert f'value="{day(0)}"' in page
    assert f'max="{day(0)}"' in page
