from __future__ import annotations

from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from spinewise.patients.models import Patient
from spinewise.progress.data import weekly
from spinewise.training.services import record_morning_check
from tests.web.conftest import give_programme, log_session, session_of

pytestmark = pytest.mark.django_db
URL = reverse("progress:overview")


@pytest.fixture
def history(patient: Patient) -> Patient:
    programme = give_programme(patient)
    log = log_session(patient, session_of(programme))
    record_morning_check(log, 3)
    return patient


def test_it_shows_pain_function_adherence_and_volume_charts(
    patient_client: Client, history: Patient
) -> None:
    page = patient_client.get(URL).content.decode()
    for key in ("pain", "psfs", "adherence", "volume"):
        assert f'id="chart-{key}"' in page
    assert page.count("<svg") >= 4
    assert "<table" in page  # the same numbers for screen readers


def test_the_charts_need_no_network(patient_client: Client, history: Patient) -> None:
    page = patient_client.get(URL).content.decode()
    assert "http://" not in page.split("<body", 1)[1].replace("http://www.w3.org", "")
    assert "https://" not in page


def test_with_htmx_only_the_charts_are_returned(patient_client: Client, history: Patient) -> None:
    response = patient_client.get(URL + "?range=4w", HTTP_HX_REQUEST="true")
    page = response.content.decode()
    assert page.lstrip().startswith('<div id="charts"')
    assert "<html" not in page


def test_an_unknown_range_shows_everything(patient_client: Client, history: Patient) -> None:
    assert patient_client.get(URL + "?range=forever").context["chosen"] == "all"


def test_weeks_count_done_against_planned_sessions(history: Patient) -> None:
    this_week = weekly(history)[-1]
    assert this_week.done == 1
    assert this_week.planned >= 1
    assert this_week.reps + this_week.hold_minutes > 0


def test_a_patient_without_history_sees_empty_charts(patient_client: Client) -> None:
    page = patient_client.get(URL).content.decode()
    assert "No readings yet" in page


def test_another_patients_data_is_not_shown(other_client: Client, history: Patient) -> None:
    page = other_client.get(URL).content.decode()
    assert "No readings yet" in page
    assert "Pain the morning after a session</td>" not in page


def test_anonymous_visitors_are_sent_to_log_in(client: Client) -> None:
    response = client.get(URL)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_earlier_weeks_without_sessions_count_as_missed(patient: Patient) -> None:
    programme = give_programme(patient)
    programme.created_at = timezone.now() - timedelta(days=21)
    programme.save()
    weeks = weekly(patient)
    assert len(weeks) >= 3
    assert weeks[1].done == 0 and weeks[1].planned == 3
