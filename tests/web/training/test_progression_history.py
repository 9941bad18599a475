"""The engine sees each exercise's latest logs up to the session being decided, no more."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from spinewise.core.model import item_from_dict
from spinewise.exercises.library import enabled_library
from spinewise.patients.models import Patient
from spinewise.training.progression import HISTORY, history_for, latest_logs
from tests.web.conftest import give_programme, log_session, session_of

pytestmark = pytest.mark.django_db


def logged_days(patient: Patient, days: int) -> list:
    session = session_of(give_programme(patient))
    start = timezone.localdate() - timedelta(days=days)
    return [log_session(patient, session, start + timedelta(days=n)) for n in range(days)]


def test_only_the_latest_logs_of_each_exercise_are_read(patient: Patient) -> None:
    logs = logged_days(patient, HISTORY + 4)
    latest = logs[-1]
    found = latest_logs(latest, {e.exercise_id for e in latest.exercise_logs.all()})
    assert found
    for rows in found.values():
        assert len(rows) == HISTORY
        days = [row.session_log.performed_on for row in rows]
        assert days == sorted(days, reverse=True)
        assert days[0] == latest.performed_on


def test_logs_after_the_session_being_decided_are_not_seen(patient: Patient) -> None:
    logs = logged_days(patient, 5)
    middle = logs[2]
    item = middle.exercise_logs.first()
    rows = latest_logs(middle, [item.exercise_id])[item.exercise_id]
    assert max(row.session_log.performed_on for row in rows) == middle.performed_on
    assert len(rows) == 3


def test_the_history_stops_at_a_change_of_dose(patient: Patient) -> None:
    logs = logged_days(patient, 4)
    last = logs[-1]
    first_entry = logs[0].exercise_logs.order_by("position").first()
    first_entry.planned = {**first_entry.planned, "sets": first_entry.planned["sets"] + 1}
    first_entry.save(update_fields=["planned"])
    item = item_from_dict(
        last.exercise_logs.order_by("position").first().planned, enabled_library()
    )
    history, earlier = history_for(last, item)
    assert [row.session_log_id for row in history] == [log.pk for log in logs[1:]]
    assert [row.session_log_id for row in earlier] == [logs[0].pk]
