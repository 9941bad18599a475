"""The self-care hub, and the ways into it from the home page and the footer."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from spinewise.patients.models import Patient
from tests.web.conftest import give_programme

pytestmark = pytest.mark.django_db
URL = reverse("selfcare:hub")


def test_the_hub_offers_todays_lesson_with_the_reason(patient_client: Client) -> None:
    response = patient_client.get(URL)
    assert response.context["lesson"].id == "understanding-back-pain"
    page = response.content.decode()
    assert "Why this one: You are in your first weeks with Spinewise" in page


def test_the_hub_links_every_part_of_self_care(patient_client: Client) -> None:
    page = patient_client.get(URL).content.decode()
    for name in ("lessons", "break_now", "workstation", "heat_cold", "breathing", "steps"):
        assert f'href="{reverse(f"selfcare:{name}")}"' in page
    assert f'href="{reverse("selfcare:reminders")}"' in page


def test_the_home_page_shows_todays_lesson(patient_client: Client, patient: Patient) -> None:
    give_programme(patient)
    page = patient_client.get(reverse("today:home")).content.decode()
    assert 'id="selfcare-card"' in page
    assert reverse("selfcare:lesson", args=["understanding-back-pain"]) in page


def test_the_footer_links_to_self_care_for_patients_only(
    patient_client: Client, client: Client
) -> None:
    link = f'href="{URL}"'
    assert link in patient_client.get(reverse("progress:overview")).content.decode()
    assert link not in client.get(reverse("today:home")).content.decode()
