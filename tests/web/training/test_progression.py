"""How the web app applies the core progression engine after sessions."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

import pytest
from django.utils import timezone

from spinewise.patients.models import Patient
from spinewise.programmes.models import Programme
from spinewise.training.progression import apply_progression
from spinewise.training.services import record_morning_check
from tests.web.conftest import (
    entries_for,
    give_programme,
    good_session_days_ago,
    log_session,
    screen_as,
    session_of,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def programme(patient: Patient) -> Programme:
    return give_programme(patient)


def test_an_easy_settled_session_steps_the_dose_up_in_a_new_version(
    patient: Patient, programme: Programme
) -> None:
    good_session_days_ago(patient, session_of(programme))
    log = log_session(patient, session_of(programme))
    record_morning_check(log, 3)
    log.refresh_from_db()
    progressed = log.decisions.filter(decision="progress")
    assert progressed.exists()
    assert all(d.changes for d in progressed)
    assert programme.current_version() == log.resulting_version
    assert log.resulting_version.cause.startswith("After your session on")


def test_the_earlier_version_stays_as_it_was(patient: Patient, programme: Programme) -> None:
    first = programme.current_version()
    before = [i.to_core() for s in first.sessions.all() for i in s.items.all()]
    log = log_session(patient, session_of(programme))
    record_morning_check(log, 3)
    after = [i.to_core() for s in first.sessions.all() for i in s.items.all()]
    assert before == after


def test_pain_above_the_ceiling_steps_back(patient: Patient, programme: Programme) -> None:
    session = session_of(programme)
    log = log_session(patient, session, entries=entries_for(session, pain_during=7))
    record_morning_check(log, 4)
    decisions = set(log.decisions.values_list("decision", flat=True))
    assert "progress" not in decisions
    assert decisions & {"regress", "replace"}


def test_a_lower_ceiling_set_for_the_patient_is_respected(
    patient: Patient, programme: Programme
) -> None:
    patient.pain_ceiling = 3
    patient.save()
    session = session_of(programme)
    log = log_session(patient, session, entries=entries_for(session, pain_during=4))
    record_morning_check(log, 4)
    assert not log.decisions.filter(decision="progress").exists()


def test_an_open_warning_sign_stops_any_step_up(patient: Patient, programme: Programme) -> None:
    good_session_days_ago(patient, session_of(programme))
    screen_as(patient, "see_clinician")
    log = log_session(patient, session_of(programme))
    record_morning_check(log, 3)
    decisions = list(log.decisions.all())
    assert decisions
    assert all(d.decision != "progress" for d in decisions)
    assert "warning sign" in decisions[0].reason


def test_an_urgent_screening_changes_nothing(patient: Patient, programme: Programme) -> None:
    log = log_session(patient, session_of(programme))
    screen_as(patient, "urgent")
    record_morning_check(log, 3)
    log.refresh_from_db()
    assert log.resulting_version is None
    assert not log.decisions.exists()
    assert "paused" in log.progression_note


def test_sharp_pain_replaces_the_exercise_at_once_and_holds_the_rest(
    patient: Patient, programme: Programme
) -> None:
    session = session_of(programme)
    entries = entries_for(session)
    entries[0] = replace(entries[0], sharp_pain=True)
    log = log_session(patient, session, entries=entries)
    assert log.progressed_at is not None  # no waiting for the morning
    sharp = log.decisions.get(exercise_id=session.items.all()[0].exercise_id)
    assert sharp.alert_clinician
    others = log.decisions.exclude(pk=sharp.pk)
    assert others.exists()
    assert not others.filter(decision="progress").exists()


def test_a_session_without_a_morning_check_is_progressed_when_the_next_is_logged(
    patient: Patient, programme: Programme
) -> None:
    yesterday = timezone.localdate() - timedelta(days=1)
    first = log_session(patient, session_of(programme, 1), day=yesterday)
    assert first.progressed_at is None
    log_session(patient, session_of(programme, 2))
    first.refresh_from_db()
    assert first.progressed_at is not None


def test_progression_runs_once_per_session(patient: Patient, programme: Programme) -> None:
    log = log_session(patient, session_of(programme))
    first = apply_progression(log)
    second = apply_progression(log)
    assert first == second
    assert programme.versions.count() == (2 if first else 1)


def test_a_session_from_a_replaced_programme_changes_nothing(patient: Patient) -> None:
    old = give_programme(patient)
    log = log_session(patient, session_of(old))
    give_programme(patient)  # new baseline, new programme
    apply_progression(log)
    log.refresh_from_db()
    assert log.resulting_version is None
    assert "earlier programme" in log.progression_note
