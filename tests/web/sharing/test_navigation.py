"""Patients and clinicians find the new pages from every page."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_every_patient_page_links_to_sharing(patient_client: Client) -> None:
    page = patient_client.get(reverse("sharing:accept")).content.decode()
    assert f'href="{reverse("sharing:overview")}"' in page


def test_clinicians_get_their_own_navigation(clinician_client: Client) -> None:
    page = clinician_client.get(reverse("clinician:links")).content.decode()
    for name in ("clinician:caseload", "clinician:invite", "clinician:clinics"):
        assert f'href="{reverse(name)}"' in page
    assert reverse("sharing:overview") not in page


def test_patients_do_not_get_the_clinician_navigation(patient_client: Client) -> None:
    page = patient_client.get(reverse("sharing:overview")).content.decode()
    assert reverse("clinician:invite") not in page
