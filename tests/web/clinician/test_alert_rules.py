"""Alerts from realistic histories made by the real services, kept as records.

The rules themselves are ``core.alerts``; these tests check that the workspace feeds them
the right data and keeps one alert record per reason, refreshed without duplicates.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import IntegrityError

from spinewise.accounts.models import User
from spinewise.clinician.alerts import act_on_alert, sync_alerts
from spinewise.clinician.caseload import caseload_for
from spinewise.clinician.models import Alert, AlertCheck
from spinewise.patients.models import Patient
from spinewise.screening.models import Screening
from spinewise.screening.services import rescreen_with_symptoms

from .conftest import ago, check_in, linked_patient, today, train

pytestmark = pytest.mark.django_db


def alerts_of(patient: Patient, day=None) -> dict[str, Alert]:
    rows = sync_alerts(Patient.objects.filter(pk=patient.pk), day or today())
    return {a.kind: a for a in rows[0].alerts}


def test_a_patient_training_calmly_has_no_alerts(alex: Patient) -> None:
    assert alerts_of(alex) == {}
    assert not Alert.objects.exists()


def test_a_warning_sign_reported_with_a_session_is_a_red_flag(dr: User) -> None:
    patient = linked_patient(dr, "kim")
    train(patient, ago(2), symptoms=["saddle_numbness"])
    alert = alerts_of(patient)["red_flag"]
    assert "emergency" in alert.reason
    assert alert.since == ago(2)
    assert alert.state == Alert.State.OPEN


def test_sharp_pain_in_a_session_raises_an_alert(dr: User) -> None:
    patient = linked_patient(dr, "kim")
    train(patient, ago(3), morning=3)
    train(patient, ago(1), sharp=True)
    alert = alerts_of(patient)["sharp_pain"]
    assert alert.reason == "Reported sharp pain once in the last week."


def test_pain_two_points_above_baseline_for_a_week_is_pain_rising(dr: User) -> None:
    patient = linked_patient(dr, "kim")  # baseline pain 5/10
    for days in (6, 4, 2):
        train(patient, ago(days), pain=7, morning=5)
    alert = alerts_of(patient)["pain_rising"]
    assert "7.0/10" in alert.reason and "5/10 at baseline" in alert.reason


def test_pain_a_point_above_baseline_is_no_alert(dr: User) -> None:
    patient = linked_patient(dr, "kim")
    for days in (6, 4, 2):
        train(patient, ago(days), pain=6, morning=5)
    assert "pain_rising" not in alerts_of(patient)


def test_two_bad_mornings_in_a_row_are_pain_not_settling(dr: User) -> None:
    patient = linked_patient(dr, "kim")
    train(patient, ago(5), morning=8)
    train(patient, ago(3), morning=7)
    alert = alerts_of(patient)["morning_pain_not_settling"]
    assert "8/10 and 7/10" in alert.reason


def test_three_planned_sessions_in_a_row_not_done_are_missed_sessions(dr: User) -> None:
    patient = linked_patient(dr, "kim", days_ago=21)
    train(patient, ago(12), morning=3)
    check_in(patient, ago(1))  # active, but not training
    found = alerts_of(patient)
    assert "missed_sessions" in found and "no_activity" not in found
    assert found["missed_sessions"].reason.startswith("Missed the last ")


def test_a_week_without_anything_is_no_activity(dr: User) -> None:
    patient = linked_patient(dr, "kim", days_ago=21)
    train(patient, ago(10), morning=3)
    assert alerts_of(patient)["no_activity"].reason == "No activity for 9 days."


def test_refreshing_again_creates_no_duplicate(dr: User) -> None:
    patient = linked_patient(dr, "kim")
    train(patient, ago(1), sharp=True)
    alerts_of(patient)
    alerts_of(patient)
    assert Alert.objects.filter(patient=patient).count() == 1


def test_a_resolved_alert_does_not_come_back_for_the_same_event(dr: User) -> None:
    patient = linked_patient(dr, "kim")
    train(patient, ago(2), sharp=True)
    act_on_alert(alerts_of(patient)["sharp_pain"], dr, "resolve", "Called her: a cramp.")
    assert "sharp_pain" not in alerts_of(patient)
    assert "sharp_pain" not in alerts_of(patient, today() + timedelta(days=1))


def test_new_sharp_pain_after_a_resolved_alert_raises_a_new_one(dr: User) -> None:
    patient = linked_patient(dr, "kim")
    train(patient, ago(4), sharp=True)
    first = alerts_of(patient)["sharp_pain"]
    act_on_alert(first, dr, "resolve", "Reviewed.")
    train(patient, ago(1), sharp=True)
    second = alerts_of(patient)["sharp_pain"]
    assert second.pk != first.pk
    assert second.state == Alert.State.OPEN and "2 times" in second.reason


def test_a_second_warning_sign_the_same_day_raises_a_new_alert(dr: User) -> None:
    patient = linked_patient(dr, "kim")
    train(patient, today(), symptoms=["fever_or_chills"])
    act_on_alert(alerts_of(patient)["red_flag"], dr, "resolve", "Seen by GP.")
    # The open urgent warning blocks logging; the next sign comes from the safety questions.
    rescreen_with_symptoms(patient, ["saddle_numbness"], Screening.Source.RECHECK)
    assert alerts_of(patient)["red_flag"].state == Alert.State.OPEN


def test_a_new_event_reopens_an_acknowledged_alert(dr: User) -> None:
    patient = linked_patient(dr, "kim")
    train(patient, ago(4), sharp=True)
    act_on_alert(alerts_of(patient)["sharp_pain"], dr, "acknowledge", "")
    assert alerts_of(patient)["sharp_pain"].state == Alert.State.ACKNOWLEDGED
    train(patient, ago(1), sharp=True)
    reopened = alerts_of(patient)["sharp_pain"]
    assert reopened.state == Alert.State.OPEN
    assert [h["state"] for h in reopened.history] == ["acknowledged"]


def test_no_activity_resolves_itself_when_the_patient_trains_again(dr: User) -> None:
    patient = linked_patient(dr, "kim", days_ago=21)
    train(patient, ago(10), morning=3)
    alert = alerts_of(patient)["no_activity"]
    train(patient, today())
    assert "no_activity" not in alerts_of(patient)
    alert.refresh_from_db()
    assert alert.state == Alert.State.RESOLVED
    assert alert.acted_by is None and "automatically" in alert.note


def test_a_resolved_episode_stays_quiet_while_it_lasts(dr: User) -> None:
    patient = linked_patient(dr, "kim", days_ago=21)
    train(patient, ago(10), morning=3)
    act_on_alert(alerts_of(patient)["no_activity"], dr, "resolve", "On holiday until Monday.")
    later = alerts_of(patient, today() + timedelta(days=2))
    assert "no_activity" not in later
    assert Alert.objects.filter(patient=patient, kind="no_activity").count() == 1


def test_sharp_pain_stays_open_after_a_week_until_a_clinician_acts(dr: User) -> None:
    patient = linked_patient(dr, "kim")
    train(patient, ago(2), sharp=True)
    alerts_of(patient)
    a_fortnight_on = alerts_of(patient, today() + timedelta(days=14))
    assert a_fortnight_on["sharp_pain"].state == Alert.State.OPEN
    assert a_fortnight_on["sharp_pain"].cleared_at is not None


def test_saving_a_session_marks_the_patient_and_the_next_look_raises_the_alert(
    dr: User, django_capture_on_commit_callbacks
) -> None:
    patient = linked_patient(dr, "kim")
    caseload_for(dr)
    with django_capture_on_commit_callbacks(execute=True):
        train(patient, ago(1), sharp=True)
    assert AlertCheck.objects.get(patient=patient).checked_on is None
    rows = caseload_for(dr).page.object_list
    assert [a.kind for row in rows for a in row.alerts] == ["sharp_pain"]


def test_a_patient_nobody_follows_gets_no_alert_records(
    dr: User, django_capture_on_commit_callbacks
) -> None:
    from .conftest import new_patient, start

    patient = start(new_patient("solo"))
    with django_capture_on_commit_callbacks(execute=True):
        train(patient, ago(1), sharp=True)
    caseload_for(dr)
    assert not Alert.objects.exists()


def test_only_one_unresolved_alert_per_patient_and_kind(dr: User) -> None:
    patient = linked_patient(dr, "kim")
    Alert.objects.create(patient=patient, kind="no_activity", reason="x", event_key="a")
    with pytest.raises(IntegrityError):
        Alert.objects.create(patient=patient, kind="no_activity", reason="y", event_key="b")
