from __future__ import annotations

from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from spinewise.patients.models import Patient
from spinewise.training.models import MorningCheck, SessionLog
from tests.web.conftest import give_programme, good_session_days_ago, log_session, session_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def log(patient: Patient) -> SessionLog:
    """Yesterday's session after a good one a week before: this morning's check can step a
    dose up."""
    programme = give_programme(patient)
    good_session_days_ago(patient, session_of(programme))
    return log_session(patient, session_of(programme), timezone.localdate() - timedelta(days=1))


def url(log: SessionLog) -> str:
    return reverse("training:morning_check", args=[log.pk])


def test_one_tap_records_the_morning_pain_on_every_exercise(
    patient_client: Client, log: SessionLog
) -> None:
    response = patient_client.post(url(log), {"pain_now": "3"})
    assert response["Location"] == reverse("training:log", args=[log.pk])
    assert MorningCheck.objects.get(session_log=log).pain_now == 3
    assert set(log.exercise_logs.values_list("pain_next_morning", flat=True)) == {3}


def test_the_morning_check_updates_the_programme(patient_client: Client, log: SessionLog) -> None:
    patient_client.post(url(log), {"pain_now": "3"})
    log.refresh_from_db()
    assert log.progressed_at is not None
    assert log.decisions.exists()
    assert log.resulting_version is not None
    assert log.resulting_version.number == 2


def test_with_htmx_the_changes_replace_the_form_in_place(
    patient_client: Client, log: SessionLog
) -> None:
    response = patient_client.post(url(log), {"pain_now": "3"}, HTTP_HX_REQUEST="true")
    page = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in page
    assert 'id="morning-card"' in page
    assert "Your programme has changed" in page


def test_a_second_tap_changes_nothing(patient_client: Client, log: SessionLog) -> None:
    patient_client.post(url(log), {"pain_now": "3"})
    patient_client.post(url(log), {"pain_now": "8"})
    assert MorningCheck.objects.get(session_log=log).pain_now == 3


def test_a_second_tap_with_htmx_shows_the_first_answer_in_place(
    patient_client: Client, log: SessionLog
) -> None:
    patient_client.post(url(log), {"pain_now": "3"})
    response = patient_client.post(url(log), {"pain_now": "8"}, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    assert "Morning check: pain 3/10" in response.content.decode()


@pytest.mark.parametrize("value", ["11", "-1", "a lot", ""])
def test_out_of_range_pain_is_rejected(patient_client: Client, log: SessionLog, value: str) -> None:
    response = patient_client.post(url(log), {"pain_now": value})
    assert response.status_code == 200
    assert "pain_now" in response.context["form"].errors
    assert not MorningCheck.objects.filter(session_log=log).exists()


def test_the_pending_page_offers_the_latest_session(
    patient_client: Client, log: SessionLog
) -> None:
    response = patient_client.get(reverse("training:morning_check_pending"))
    assert response.context["log"] == log


def test_without_a_recent_session_there_is_nothing_to_check(
    patient_client: Client, patient: Patient
) -> None:
    response = patient_client.get(reverse("training:morning_check_pending"))
    assert "no recent session" in response.content.decode()


def test_another_patient_cannot_check_it(other_client: Client, log: SessionLog) -> None:
    assert other_client.post(url(log), {"pain_now": "2"}).status_code == 404
    assert not MorningCheck.objects.filter(session_log=log).exists()


def test_anonymous_visitors_are_sent_to_log_in(client: Client, log: SessionLog) -> None:
    response = client.post(url(log), {"pain_now": "2"})
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))
    assert not MorningCheck.objects.filter(session_log=log).exists()


def test_the_morning_check_waits_for_the_next_morning(
    patient_client: Client, patient: Patient
) -> None:
    log = log_session(patient, session_of(give_programme(patient)))  # this evening
    page = patient_client.get(url(log)).content.decode()
    assert "come back tomorrow" in page
    patient_client.post(url(log), {"pain_now": "3"})
    assert not MorningCheck.objects.filter(session_log=log).exists()
    pending = patient_client.get(reverse("training:morning_check_pending")).content.decode()
    assert url(log) not in pending
