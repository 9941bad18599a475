from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from spinewise.patients.models import Patient
from spinewise.training.models import SessionLog
from tests.web.conftest import entries_for, give_programme, log_session, session_of

pytestmark = pytest.mark.django_db


def url(log: SessionLog) -> str:
    return reverse("training:log", args=[log.pk])


def test_it_lists_what_was_done_and_asks_about_tomorrow_morning(
    patient_client: Client, patient: Patient
) -> None:
    log = log_session(patient, session_of(give_programme(patient)))
    page = patient_client.get(url(log)).content.decode()
    for logged in log.exercise_logs.all():
        assert escape(logged.name) in page
    assert 'id="morning-tomorrow"' in page  # never "this morning" on the same evening
    assert reverse("training:morning_check", args=[log.pk]) not in page


def test_the_next_day_the_log_asks_for_the_morning_check(
    patient_client: Client, patient: Patient
) -> None:
    yesterday = timezone.localdate() - timedelta(days=1)
    log = log_session(patient, session_of(give_programme(patient)), yesterday)
    page = patient_client.get(url(log)).content.decode()
    assert reverse("training:morning_check", args=[log.pk]) in page


def test_sharp_pain_shows_the_advice_and_what_was_replaced(
    patient_client: Client, patient: Patient
) -> None:
    session = session_of(give_programme(patient))
    entries = entries_for(session)
    entries[0] = replace(entries[0], sharp_pain=True)
    log = log_session(patient, session, entries=entries)
    page = patient_client.get(url(log)).content.decode()
    assert "You felt sharp pain" in page
    decision = log.decisions.get(exercise_id=session.items.all()[0].exercise_id)
    assert decision.decision in ("replace", "hold")
    assert escape(decision.reason.replace(" -> ", " → ")) in page


def test_another_patient_cannot_see_it(other_client: Client, patient: Patient) -> None:
    log = log_session(patient, session_of(give_programme(patient)))
    assert other_client.get(url(log)).status_code == 404


def test_anonymous_visitors_are_sent_to_log_in(client: Client, patient: Patient) -> None:
    log = log_session(patient, session_of(give_programme(patient)))
    response = client.get(url(log))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))
