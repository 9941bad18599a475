"""A link from invitation to its end, through the pages, with access checked at each step."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.urls import reverse

from spinewise.accounts.models import User
from spinewise.api.tokens import create_token
from spinewise.patients.models import Patient
from spinewise.sharing.models import AccessEvent, CareLink

pytestmark = pytest.mark.django_db


def record_url(patient: Patient) -> str:
    return f"/api/v1/patients/{patient.pk}"


def make_link(clinician_client: Client, patient_client: Client) -> CareLink:
    page = clinician_client.post(reverse("clinician:invite"), {"channel": "code"}).content.decode()
    code = re.search(r'<code id="code">([0-9A-Z-]+)</code>', page).group(1)
    review = patient_client.post(reverse("sharing:accept"), {"code": code})["Location"]
    patient_client.post(review, {"consent": "on"})
    return CareLink.objects.get()


@pytest.fixture
def clinician_api(clinician: User) -> Client:
    token = create_token(clinician, "t", "read")[1]
    return Client(headers={"Authorization": f"Bearer {token}"})


def test_before_consent_the_clinician_sees_nothing(
    clinician_client: Client, clinician_api: Client, patient: Patient
) -> None:
    clinician_client.post(reverse("clinician:invite"), {"channel": "code"})
    assert clinician_api.get(record_url(patient)).status_code == 404
    assert "alex" not in clinician_client.get(reverse("clinician:links")).content.decode()


def test_after_consent_access_is_allowed_and_audited(
    clinician_client: Client, clinician_api: Client, patient: Patient, patient_client: Client
) -> None:
    make_link(clinician_client, patient_client)
    assert "alex" in clinician_client.get(reverse("clinician:links")).content.decode()
    assert clinician_api.get(record_url(patient)).status_code == 200
    assert AccessEvent.objects.filter(patient=patient, actor__username="dr").count() == 1


def test_the_patient_ending_it_refuses_access_immediately(
    clinician_client: Client, clinician_api: Client, patient: Patient, patient_client: Client
) -> None:
    link = make_link(clinician_client, patient_client)
    patient_client.post(reverse("sharing:end", args=[link.pk]))
    assert clinician_api.get(record_url(patient)).status_code == 404
    assert "alex" not in clinician_client.get(reverse("clinician:links")).content.decode()


def test_the_clinician_ending_it_refuses_access_immediately(
    clinician_client: Client, clinician_api: Client, patient: Patient, patient_client: Client
) -> None:
    link = make_link(clinician_client, patient_client)
    assert (
        "End your link with alex?"
        in clinician_client.get(reverse("clinician:end", args=[link.pk])).content.decode()
    )
    clinician_client.post(reverse("clinician:end", args=[link.pk]))
    assert clinician_api.get(record_url(patient)).status_code == 404
    assert (
        "Ended by the clinician" in patient_client.get(reverse("sharing:overview")).content.decode()
    )


def test_an_ended_link_cannot_be_revived_with_its_old_code(
    clinician_client: Client, patient: Patient, patient_client: Client
) -> None:
    page = clinician_client.post(reverse("clinician:invite"), {"channel": "code"}).content.decode()
    code = re.search(r'<code id="code">([0-9A-Z-]+)</code>', page).group(1)
    review = patient_client.post(reverse("sharing:accept"), {"code": code})["Location"]
    patient_client.post(review, {"consent": "on"})
    link = CareLink.objects.get()
    patient_client.post(reverse("sharing:end", args=[link.pk]))
    again = patient_client.post(reverse("sharing:accept"), {"code": code})
    assert "You ended this link." in again.content.decode()
    assert patient_client.post(review, {"consent": "on"}).status_code == 410
