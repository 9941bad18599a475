"""Logging relaxation like exercise: what, how long, at which pace; once per form."""

from __future__ import annotations

import uuid
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from spinewise.patients.models import Patient
from spinewise.selfcare.models import RelaxationLog

pytestmark = pytest.mark.django_db
URL = reverse("selfcare:relaxation_log")


def form(**overrides: Any) -> dict[str, Any]:
    data = {"token": str(uuid.uuid4()), "kind": "breathing", "minutes": "5"}
    data["breaths_per_minute"] = "6"
    data.update(overrides)
    return data


def test_breathing_is_logged_with_its_pace(patient_client: Client, patient: Patient) -> None:
    response = patient_client.post(URL, form())
    assert response["Location"] == reverse("selfcare:breathing")
    log = RelaxationLog.objects.get(patient=patient)
    assert (log.kind, log.minutes, log.breaths_per_minute) == ("breathing", 5, 6.0)
    assert log.done_on == timezone.localdate()


def test_a_body_scan_is_logged_without_a_pace(patient_client: Client, patient: Patient) -> None:
    response = patient_client.post(URL, form(kind="body_scan", minutes="10"))
    assert response["Location"] == reverse("selfcare:body_scan")
    log = RelaxationLog.objects.get(patient=patient)
    assert (log.kind, log.minutes, log.breaths_per_minute) == ("body_scan", 10, None)


def test_the_log_appears_on_the_page(patient_client: Client) -> None:
    patient_client.post(URL, form(kind="body_scan", minutes="10", breaths_per_minute=""))
    assert "Body scan, 10 min" in patient_client.get(reverse("selfcare:body_scan")).content.decode()


def test_sending_the_same_form_twice_logs_once(patient_client: Client, patient: Patient) -> None:
    data = form()
    patient_client.post(URL, data)
    patient_client.post(URL, data)
    assert RelaxationLog.objects.filter(patient=patient).count() == 1


@pytest.mark.parametrize(
    ("minutes", "message"), [("0", "Enter 1 minute or more."), ("31", "Enter at most 30 minutes.")]
)
def test_minutes_out_of_range_are_refused_next_to_the_field(
    patient_client: Client, minutes: str, message: str
) -> None:
    response = patient_client.post(URL, form(minutes=minutes))
    assert response.status_code == 200
    assert response.context["log_form"].errors["minutes"] == [message]
    assert 'id="field-minutes"' in response.content.decode()
    assert not RelaxationLog.objects.exists()


def test_only_post_is_allowed(patient_client: Client) -> None:
    assert patient_client.get(URL).status_code == 405
