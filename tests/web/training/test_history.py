from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from spinewise.patients.models import Patient
from tests.web.conftest import give_programme, log_session, session_of

pytestmark = pytest.mark.django_db
URL = reverse("training:history")


def test_it_lists_the_patients_sessions(patient_client: Client, patient: Patient) -> None:
    log = log_session(patient, session_of(give_programme(patient)))
    assert reverse("training:log", args=[log.pk]) in patient_client.get(URL).content.decode()


def test_another_patients_sessions_are_not_listed(other_client: Client, patient: Patient) -> None:
    log = log_session(patient, session_of(give_programme(patient)))
    page = other_client.get(URL).content.decode()
    assert reverse("training:log", args=[log.pk]) not in page
    assert "No sessions yet" in page


def test_anonymous_visitors_are_sent_to_log_in(client: Client) -> None:
    response = client.get(URL)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))
