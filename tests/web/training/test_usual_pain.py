"""Next-morning pain is judged against the person's usual pain: the average pain of the
past week from their latest weekly check-in, else from their baseline answers."""

from __future__ import annotations

import pytest

from spinewise.accounts.models import User
from spinewise.patients.models import Patient
from spinewise.training.progression import usual_pain_of
from tests.web.clinician.conftest import ago, check_in, linked_patient, train

pytestmark = pytest.mark.django_db


@pytest.fixture
def dr(db: None) -> User:
    return User.objects.create_user(
        "dr-usual", "usual@example.org", "pw-Usual-123", role="clinician"
    )


def patient_with_usual_pain(dr: User, username: str, checkin_pain: int | None) -> Patient:
    patient = linked_patient(dr, username, days_ago=21, pain_last_week=4)
    if checkin_pain is not None:
        check_in(patient, ago(14), pain=checkin_pain)
    return patient


def test_usual_pain_is_the_baseline_without_a_check_in(dr: User) -> None:
    patient = patient_with_usual_pain(dr, "ula", None)
    assert usual_pain_of(patient, patient.baselines.latest("created_at")) == 4


def test_the_latest_check_in_replaces_the_baseline(dr: User) -> None:
    patient = patient_with_usual_pain(dr, "uma", 6)
    check_in(patient, ago(7), pain=1)
    assert usual_pain_of(patient, patient.baselines.latest("created_at")) == 1


def test_morning_pain_within_usual_plus_one_has_settled(dr: User) -> None:
    patient = patient_with_usual_pain(dr, "una", None)
    log = train(patient, ago(3), morning=5)
    reasons = " ".join(log.decisions.values_list("reason", flat=True))
    assert not log.decisions.filter(decision="regress").exists()
    assert "had not settled" not in reasons


def test_a_lower_check_in_makes_the_same_morning_pain_unsettled(dr: User) -> None:
    patient = patient_with_usual_pain(dr, "uli", 2)
    log = train(patient, ago(3), morning=5)
    assert log.decisions.filter(decision="regress").exists()
    reason = log.decisions.filter(decision="regress").first().reason
    assert "5/10" in reason and "usual 2/10" in reason
