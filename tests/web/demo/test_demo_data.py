from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command

from spinewise.accounts.models import User
from spinewise.checkins.models import WeeklyCheckIn
from spinewise.demo.builder import PASSWORD, USERNAME, build_demo
from spinewise.training.models import MorningCheck, ProgressionDecision, SessionLog

pytestmark = pytest.mark.django_db


def test_the_demo_patient_has_six_weeks_of_history() -> None:
    result = build_demo()
    assert result.created
    user = User.objects.get(username=USERNAME)
    assert user.check_password(PASSWORD)
    patient = user.patient
    sessions = SessionLog.objects.filter(patient=patient)
    assert 12 <= sessions.count() <= 18  # about three a week, some missed
    assert MorningCheck.objects.filter(patient=patient).count() >= sessions.count() - 4
    assert WeeklyCheckIn.objects.filter(patient=patient).count() == 5
    assert result.versions > 1
    assert ProgressionDecision.objects.filter(decision="progress").exists()
    assert ProgressionDecision.objects.filter(decision="replace").exists()


def test_pain_eases_over_the_weeks() -> None:
    build_demo()
    checkins = list(WeeklyCheckIn.objects.order_by("created_at"))
    assert checkins[-1].peg_pain < checkins[0].peg_pain
    assert checkins[-1].psfs_score > checkins[0].psfs_score
    baseline = User.objects.get(username=USERNAME).patient.latest_baseline()
    assert checkins[-1].pain_now < baseline.pain_now


def test_a_second_run_changes_nothing() -> None:
    build_demo()
    before = SessionLog.objects.count()
    again = build_demo()
    assert not again.created
    assert SessionLog.objects.count() == before


def test_the_command_prints_the_credentials() -> None:
    out = StringIO()
    call_command("demo_data", stdout=out)
    assert USERNAME in out.getvalue() and PASSWORD in out.getvalue()
