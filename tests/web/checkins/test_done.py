from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from spinewise.checkins.models import WeeklyCheckIn
from spinewise.patients.models import Patient

pytestmark = pytest.mark.django_db


def make(patient: Patient, pain: int) -> WeeklyCheckIn:
    return WeeklyCheckIn.objects.create(
        patient=patient, pain_now=pain, peg_pain=pain, peg_enjoyment=pain, peg_activity=pain
    )


def test_it_compares_with_last_week(patient_client: Client, patient: Patient) -> None:
    make(patient, 6)
    latest = make(patient, 4)
    page = patient_client.get(reverse("checkins:done", args=[latest.pk])).content.decode()
    assert "4/10" in page and "last week 6/10" in page


def test_another_patient_cannot_see_it(other_client: Client, patient: Patient) -> None:
    checkin = make(patient, 4)
    assert other_client.get(reverse("checkins:done", args=[checkin.pk])).status_code == 404


def test_anonymous_visitors_are_sent_to_log_in(client: Client, patient: Patient) -> None:
    checkin = make(patient, 4)
    response = client.get(reverse("checkins:done", args=[checkin.pk]))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))
