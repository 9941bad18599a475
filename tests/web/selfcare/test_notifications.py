"""The in-app notification list and marking notifications read."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from spinewise.patients.models import Patient
from spinewise.selfcare.models import Notification

pytestmark = pytest.mark.django_db
URL = reverse("selfcare:notifications")


def note(patient: Patient, title: str = "Time for a movement break") -> Notification:
    return Notification.objects.create(
        patient=patient,
        kind="movement_break",
        title=title,
        message="Stand up.",
        url="/self-care/breaks/",
    )


def test_the_list_shows_the_persons_own_notifications(
    patient_client: Client, patient: Patient, other_patient: Patient
) -> None:
    note(patient, "Mine")
    note(other_patient, "Someone else's")
    page = patient_client.get(URL).content.decode()
    assert "Mine" in page
    assert "Someone else" not in page


def test_opening_a_notification_marks_it_read_and_goes_where_it_points(
    patient_client: Client, patient: Patient
) -> None:
    item = note(patient)
    response = patient_client.post(
        reverse("selfcare:notification_read", args=[item.pk]), {"next": item.url}
    )
    assert response["Location"] == "/self-care/breaks/"
    item.refresh_from_db()
    assert item.read_at is not None


def test_marking_read_again_keeps_the_first_time(patient_client: Client, patient: Patient) -> None:
    item = note(patient)
    url = reverse("selfcare:notification_read", args=[item.pk])
    patient_client.post(url)
    item.refresh_from_db()
    first = item.read_at
    patient_client.post(url)
    item.refresh_from_db()
    assert item.read_at == first


def test_a_link_to_another_site_is_not_followed(patient_client: Client, patient: Patient) -> None:
    item = note(patient)
    response = patient_client.post(
        reverse("selfcare:notification_read", args=[item.pk]), {"next": "https://evil.example/"}
    )
    assert response["Location"] == URL


def test_mark_all_read(patient_client: Client, patient: Patient, other_patient: Patient) -> None:
    note(patient)
    note(patient)
    theirs = note(other_patient)
    patient_client.post(reverse("selfcare:notifications_read_all"))
    assert not Notification.objects.filter(patient=patient, read_at__isnull=True).exists()
    theirs.refresh_from_db()
    assert theirs.read_at is None


def test_another_patients_notification_cannot_be_marked_read(
    other_client: Client, patient: Patient
) -> None:
    item = note(patient)
    response = other_client.post(reverse("selfcare:notification_read", args=[item.pk]))
    assert response.status_code == 404
    item.refresh_from_db()
    assert item.read_at is None


def test_the_hub_counts_unread_notifications(patient_client: Client, patient: Patient) -> None:
    note(patient)
    note(patient)
    assert "(2 new)" in patient_client.get(reverse("selfcare:hub")).content.decode()
