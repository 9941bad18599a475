"""Alerts are brought up to date once a day per patient, and at once when new data comes.

The caseload re-runs the rules only for patients not checked today (``AlertCheck``); new
data runs them for its patient as soon as it is saved, so a clinician never waits a day.
"""

from __future__ import annotations

from datetime import timedelta

import pytest

from spinewise.clinician.alerts import mark_stale
from spinewise.clinician.caseload import caseload_for
from spinewise.clinician.models import AlertCheck
from spinewise.training.models import ExerciseLog

from .conftest import ago, today, train

pytestmark = pytest.mark.django_db


def kinds(dr, day=None) -> set[str]:
    rows = caseload_for(dr, today=day).page.object_list
    return {a.kind for row in rows for a in row.alerts if a.is_open}


def test_loading_the_caseload_records_that_each_patient_was_checked_today(dr, alex) -> None:
    caseload_for(dr)
    assert AlertCheck.objects.get(patient=alex).checked_on == today()


def test_missed_sessions_show_when_days_pass_without_new_data(dr, alex) -> None:
    assert "missed_sessions" not in kinds(dr)
    assert "missed_sessions" in kinds(dr, today() + timedelta(days=12))


def test_sharp_pain_shows_at_once_though_the_caseload_was_loaded_today(dr, alex) -> None:
    assert "sharp_pain" not in kinds(dr)
    train(alex, today(), sharp=True)
    assert "sharp_pain" in kinds(dr)
    assert AlertCheck.objects.get(patient=alex).checked_on == today()


def test_new_data_marks_the_patient_for_a_check_until_the_alerts_are_refreshed(dr, alex) -> None:
    log = train(alex, ago(1))
    caseload_for(dr)
    # Written behind the services' back (no refresh ran): the rules see it only once the
    # patient is marked for a check, as a failed refresh leaves them.
    ExerciseLog.objects.filter(session_log=log).update(sharp_pain=True)
    assert "sharp_pain" not in kinds(dr)
    mark_stale(alex.pk)
    assert AlertCheck.objects.get(patient=alex).checked_on is None
    assert "sharp_pain" in kinds(dr)
