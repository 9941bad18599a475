"""Through the JSON API a linked clinician reads, is audited, and records nothing."""

from __future__ import annotations

import pytest

from spinewise.accounts.models import User
from spinewise.api.tokens import create_token
from spinewise.patients.models import Patient
from spinewise.sharing.links import end_link
from spinewise.sharing.models import AccessEvent, CareLink
from tests.api.conftest import ApiClient, screening_body

pytestmark = pytest.mark.django_db


def api_for(user: User) -> ApiClient:
    return ApiClient(token=create_token(user, "test", "write")[1])


def test_an_api_read_by_a_linked_clinician_is_logged_with_its_address(
    patient: Patient, clinician: User, linked: CareLink
) -> None:
    api = api_for(clinician)
    response = api.client.get(
        f"/api/v1/patients/{patient.pk}",
        headers=api.headers,
        REMOTE_ADDR="198.51.100.4",
        HTTP_USER_AGENT="clinic-sync/1.0",
    )
    assert response.status_code == 200
    event = AccessEvent.objects.get()
    assert (event.actor, event.action) == (clinician, "view")
    assert (event.ip_address, event.user_agent) == ("198.51.100.4", "clinic-sync/1.0")
    assert event.path == f"/api/v1/patients/{patient.pk}"


def test_a_linked_clinician_cannot_record_in_the_patients_name(
    patient: Patient, clinician: User, linked: CareLink
) -> None:
    response = api_for(clinician).post(f"patients/{patient.pk}/screenings", screening_body())
    assert response.status_code == 404
    assert not patient.screenings.exists()


def test_the_api_refuses_a_clinician_once_the_link_ends(
    patient: Patient, clinician: User, linked: CareLink
) -> None:
    api = api_for(clinician)
    assert api.get(f"patients/{patient.pk}").status_code == 200
    end_link(linked, clinician)
    assert api.get(f"patients/{patient.pk}").status_code == 404
