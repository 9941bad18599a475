"""While the programme is being updated after a session, the Today page says so and polls
until the work is done, then reloads; the page itself comes from the kept answer."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from spinewise.accounts.models import User
from spinewise.jobs import queue
from spinewise.patients.models import Patient
from tests.web.conftest import client_for, give_programme, log_session, session_of

pytestmark = pytest.mark.django_db
NOTICE = "Updating your programme"
HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def waiting_work(patient: Patient, settings: Any) -> Patient:
    settings.SPINEWISE_JOBS = "queue"
    programme = give_programme(patient)
    yesterday = timezone.localdate() - timedelta(days=1)
    log_session(patient, session_of(programme, 1), day=yesterday)  # no morning check came
    log_session(patient, session_of(programme, 2))
    assert queue.pending_for(patient.pk)
    return patient


def test_the_today_page_says_the_programme_is_updating_and_polls(
    waiting_work: Patient, patient_client: Client
) -> None:
    page = patient_client.get("/").content.decode()
    assert NOTICE in page
    assert 'hx-get="/today/updating/"' in page
    poll = patient_client.get("/today/updating/", **HTMX)
    assert poll.status_code == 200
    assert NOTICE in poll.content.decode()
    assert "HX-Refresh" not in poll


def test_once_the_work_is_done_the_poll_reloads_the_page_and_the_notice_is_gone(
    waiting_work: Patient, patient_client: Client
) -> None:
    patient_client.get("/")
    queue.run_waiting()
    poll = patient_client.get("/today/updating/", **HTMX)
    assert poll["HX-Refresh"] == "true"
    assert NOTICE not in patient_client.get("/").content.decode()
    # Without JavaScript the address just leads back to Today.
    assert patient_client.get("/today/updating/").url == "/"


def test_no_notice_without_waiting_work(patient: Patient, patient_client: Client) -> None:
    give_programme(patient)
    assert NOTICE not in patient_client.get("/").content.decode()


def test_only_a_patient_has_an_updating_notice(clinician: User) -> None:
    assert client_for(clinician).get("/today/updating/").status_code == 404
    anonymous = Client().get("/today/updating/")
    assert anonymous.status_code == 302
    assert "/accounts/login/" in anonymous.url


def test_another_patients_waiting_work_is_not_shown(
    waiting_work: Patient, other_patient: Patient, other_client: Client
) -> None:
    give_programme(other_patient)
    assert NOTICE not in other_client.get("/").content.decode()
    assert other_client.get("/today/updating/", **HTMX)["HX-Refresh"] == "true"


def test_a_kept_today_page_is_read_with_a_handful_of_queries_and_never_hides_a_log(
    patient: Patient, patient_client: Client, django_assert_max_num_queries: Any
) -> None:
    programme = give_programme(patient)
    assert "0 of" in patient_client.get("/").content.decode()
    with django_assert_max_num_queries(6):
        again = patient_client.get("/").content.decode()
    assert "0 of" in again
    log_session(patient, session_of(programme, 1))
    assert "1 of" in patient_client.get("/").content.decode()
