"""Correcting a logged session: the one log changes, the engine reads it once, and once the
programme has adapted the log can no longer be changed."""

from __future__ import annotations

from dataclasses import replace

import pytest
from django.test import Client
from django.urls import reverse

from spinewise.patients.models import Patient
from spinewise.training.models import ExerciseLog, SessionLog
from spinewise.training.services import record_morning_check
from tests.web.conftest import entries_for, give_programme, log_session, player_post, session_of

pytestmark = pytest.mark.django_db


def correct_url(log: SessionLog) -> str:
    return reverse("training:correct", args=[log.pk])


def test_the_correction_page_shows_what_was_logged(
    patient: Patient, patient_client: Client
) -> None:
    log = log_session(patient, session_of(give_programme(patient)))
    form = patient_client.get(correct_url(log)).context["form"]
    first = log.exercise_logs.get(position=0)
    # every exercise had the same ratings: they show once, as the session's
    assert form["rpe"].value() == first.rpe
    assert form["pain_during"].value() == first.pain_during
    assert form["items-0-rpe"].value() is None
    assert form["items-0-sets_done"].value() == first.sets_done
    assert form["anything_new"].value() == "no"


def test_an_exercise_rated_differently_keeps_its_own_rating_in_the_correction(
    patient: Patient, patient_client: Client
) -> None:
    session = session_of(give_programme(patient))
    entries = entries_for(session)
    entries[2] = replace(entries[2], rpe=8)
    log = log_session(patient, session, entries=entries)
    form = patient_client.get(correct_url(log)).context["form"]
    assert form["rpe"].value() == 4
    assert form["items-2-rpe"].value() == 8
    assert form["items-0-rpe"].value() is None
    row = form.rows()[2]
    assert row.open and "effort 8" in row.summary


def test_a_log_with_symptoms_opens_its_correction_with_the_gateway_yes(
    patient: Patient, patient_client: Client
) -> None:
    session = session_of(give_programme(patient))
    log = log_session(patient, session, other_symptom="tingling in my left foot")
    form = patient_client.get(correct_url(log)).context["form"]
    assert form["anything_new"].value() == "yes"
    assert form["other_symptom"].value() == "tingling in my left foot"


def test_a_correction_replaces_the_log_and_still_counts_once(
    patient: Patient, patient_client: Client
) -> None:
    session = session_of(give_programme(patient))
    log = log_session(patient, session)
    post = player_post(session, **{"items-0-rpe": "8", "items-0-pain_during": "6"})
    response = patient_client.post(correct_url(log), post)
    assert response.status_code == 302
    assert SessionLog.objects.filter(patient=patient).count() == 1
    assert ExerciseLog.objects.filter(session_log=log).count() == session.items.count()
    first = log.exercise_logs.get(position=0)
    assert (first.rpe, first.pain_during) == (8, 6)
    log.refresh_from_db()
    assert log.progressed_at is None  # the engine waits for the morning check, as before


def test_sharp_pain_in_a_correction_runs_the_engine_at_once(
    patient: Patient, patient_client: Client
) -> None:
    session = session_of(give_programme(patient))
    log = log_session(patient, session)
    post = player_post(session, **{"items-0-sharp_pain": "on", "items-0-stopped": "on"})
    assert patient_client.post(correct_url(log), post).status_code == 302
    log.refresh_from_db()
    assert log.progressed_at is not None
    assert log.decisions.filter(exercise_id=session.items.all()[0].exercise_id).exists()


def test_a_log_the_engine_has_read_can_no_longer_be_corrected(
    patient: Patient, patient_client: Client
) -> None:
    session = session_of(give_programme(patient))
    log = log_session(patient, session)
    record_morning_check(log, 2)
    page = patient_client.get(correct_url(log))
    assert page.status_code == 409
    assert "can no longer be corrected" in page.content.decode()
    post = player_post(session, **{"items-0-rpe": "9"})
    patient_client.post(correct_url(log), post)
    assert log.exercise_logs.get(position=0).rpe == 4


def test_a_wrong_correction_changes_nothing(patient: Patient, patient_client: Client) -> None:
    session = session_of(give_programme(patient))
    log = log_session(patient, session)
    response = patient_client.post(correct_url(log), player_post(session, rpe=""))
    assert response.status_code == 200
    assert "Effort is missing: rate how hard the session was" in response.content.decode()
    assert log.exercise_logs.get(position=0).rpe == 4


def test_nobody_else_can_correct_a_log(patient: Patient, other_client: Client) -> None:
    session = session_of(give_programme(patient))
    log = log_session(patient, session)
    assert other_client.get(correct_url(log)).status_code == 404
    assert other_client.post(correct_url(log), player_post(session)).status_code == 404


def test_a_warning_sign_ticked_in_a_correction_is_screened_at_once(
    patient: Patient, patient_client: Client
) -> None:
    session = session_of(give_programme(patient))
    log = log_session(patient, session)
    post = player_post(session, new_symptoms="saddle_numbness")
    patient_client.post(correct_url(log), post)
    log.refresh_from_db()
    patient.refresh_from_db()
    assert log.new_symptoms == ["saddle_numbness"]
    assert log.screening is not None or patient.rescreen_reason
