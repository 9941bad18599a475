"""The patient's Sharing page: who can see, ending a link, and the access log."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from spinewise.accounts.models import User
from spinewise.patients.models import Patient
from spinewise.sharing.access import patient_for
from spinewise.sharing.audit import record_access
from spinewise.sharing.links import active_link
from spinewise.sharing.models import CareLink
from tests.web.sharing.conftest import content, ended

pytestmark = pytest.mark.django_db
OVERVIEW = reverse("sharing:overview")
LOG = reverse("sharing:access_log")


def test_with_no_links_only_the_patient_can_see(patient_client: Client) -> None:
    assert "Only you can see your record." in content(patient_client.get(OVERVIEW))


def test_the_page_lists_who_can_see_the_record(patient_client: Client, linked: CareLink) -> None:
    page = content(patient_client.get(OVERVIEW))
    assert "Clinicians you share with" in page
    assert reverse("sharing:end", args=[linked.pk]) in page


def test_ending_a_link_asks_first_then_ends_it_at_once(
    patient: Patient, patient_client: Client, clinician: User, linked: CareLink
) -> None:
    url = reverse("sharing:end", args=[linked.pk])
    assert "Stop sharing with dr?" in content(patient_client.get(url))
    assert active_link(clinician, patient) is not None
    response = patient_client.post(url)
    assert response["Location"] == OVERVIEW
    assert active_link(clinician, patient) is None
    linked.refresh_from_db()
    assert (linked.ended_by, linked.end_reason) == (patient.user, "Ended by the patient")


def test_ended_links_are_shown_with_their_dates(
    patient: Patient, patient_client: Client, clinician: User
) -> None:
    ended(clinician, patient)
    page = content(patient_client.get(OVERVIEW))
    assert "Sharing that has ended" in page
    assert "Only you can see your record." in page


def test_the_access_log_lists_accesses_newest_first(
    patient: Patient, patient_client: Client, clinician: User, linked: CareLink
) -> None:
    record_access(None, patient, "view", "first look", actor=clinician)
    record_access(None, patient, "change", "second look", actor=clinician)
    page = content(patient_client.get(LOG))
    assert page.index("second look") < page.index("first look")
    assert "Changed: second look" in page


def test_the_access_log_pages_through_long_histories(
    patient: Patient, patient_client: Client, clinician: User
) -> None:
    for n in range(30):
        record_access(None, patient, "view", f"look {n:02d}", actor=clinician)
    first = content(patient_client.get(LOG))
    second = content(patient_client.get(LOG, {"page": 2}))
    assert "look 29" in first and "look 04" not in first
    assert "look 04" in second and "look 29" not in second
    assert "Page 2 of 2" in second


def test_the_access_log_shows_only_the_patients_own_entries(
    patient: Patient, other_patient: Patient, other_client: Client, clinician: User
) -> None:
    record_access(None, patient, "view", "alex's record", actor=clinician)
    assert "alex&#x27;s record" not in content(other_client.get(LOG))


def test_a_clinicians_look_appears_on_the_sharing_page(
    patient: Patient, patient_client: Client, clinician: User, linked: CareLink
) -> None:
    patient_for(clinician, patient.pk)
    page = content(patient_client.get(OVERVIEW))
    assert "dr viewed patient record" in page
