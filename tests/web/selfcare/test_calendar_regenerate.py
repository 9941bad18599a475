"""A new calendar address: the old one stops working at once."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from spinewise.patients.models import Patient
from spinewise.selfcare.views.reminders import fingerprint
from tests.web.selfcare.conftest import reminders_for

pytestmark = pytest.mark.django_db
URL = reverse("selfcare:calendar_regenerate")


def test_a_new_address_replaces_the_old_one(
    patient_client: Client, client: Client, patient: Patient
) -> None:
    old = reminders_for(patient, channels=["calendar"]).calendar_token
    response = patient_client.post(URL, {"replace": fingerprint(old)})
    assert response.status_code == 302
    patient.reminder_preference.refresh_from_db()
    new = patient.reminder_preference.calendar_token
    assert new and new != old
    assert client.get(reverse("calendar:feed", args=[old])).status_code == 404
    assert client.get(reverse("calendar:feed", args=[new])).status_code == 200


def test_sending_the_form_twice_replaces_the_address_once(
    patient_client: Client, patient: Patient
) -> None:
    old = reminders_for(patient, channels=["calendar"]).calendar_token
    patient_client.post(URL, {"replace": fingerprint(old)})
    patient.reminder_preference.refresh_from_db()
    first_new = patient.reminder_preference.calendar_token
    patient_client.post(URL, {"replace": fingerprint(old)})
    patient.reminder_preference.refresh_from_db()
    assert patient.reminder_preference.calendar_token == first_new


def test_the_page_shows_the_new_address(patient_client: Client, patient: Patient) -> None:
    old = reminders_for(patient, channels=["calendar"]).calendar_token
    page = patient_client.post(URL, {"replace": fingerprint(old)}, follow=True).content.decode()
    patient.reminder_preference.refresh_from_db()
    assert patient.reminder_preference.calendar_token in page
    assert old not in page


def test_another_patient_cannot_replace_someone_elses_address(
    other_client: Client, patient: Patient
) -> None:
    old = reminders_for(patient, channels=["calendar"]).calendar_token
    other_client.post(URL, {"replace": fingerprint(old)})
    patient.reminder_preference.refresh_from_db()
    assert patient.reminder_preference.calendar_token == old


def test_only_post_is_allowed(patient_client: Client) -> None:
    assert patient_client.get(URL).status_code == 405
