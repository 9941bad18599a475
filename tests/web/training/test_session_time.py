"""Progression after sessions keeps every session within the minutes the person chose."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

import pytest
from django.utils import timezone

from spinewise.core.planner import BUDGET_SLACK
from spinewise.core.session_time import session_minutes
from spinewise.patients.models import Patient
from spinewise.programmes.models import PlannedSession, Programme
from spinewise.programmes.services import current_version
from spinewise.training.models import ProgressionDecision
from spinewise.training.services import next_session_number, record_morning_check
from tests.web.conftest import entries_for, give_programme, log_session

pytestmark = pytest.mark.django_db

SESSIONS = 20


def _morning(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day + timedelta(days=1), time(8, 0)))


def keep_finding_it_easy(patient: Patient, sessions: int = SESSIONS) -> None:
    """Log ``sessions`` sessions every other day, each done in full, easy and settled."""
    start = timezone.localdate() - timedelta(days=2 * sessions + 2)
    for n in range(sessions):
        version = current_version(patient)
        assert version is not None
        number = next_session_number(patient, version)
        session = PlannedSession.objects.prefetch_related("items").get(
            version=version, number=number
        )
        day = start + timedelta(days=2 * n)
        log = log_session(patient, session, day=day, entries=entries_for(session, rpe=3))
        record_morning_check(log, 3, _morning(day))


def longest_session(programme: Programme) -> float:
    """The longest estimated session of any version of ``programme``, in minutes."""
    return max(
        session_minutes(item.to_core() for item in session.items.all())
        for version in programme.versions.all()
        for session in version.sessions.all()
    )


@pytest.mark.parametrize("minutes", [10, 20])
def test_easy_sessions_never_make_a_session_longer_than_the_persons_minutes(
    patient: Patient, minutes: int
) -> None:
    programme = give_programme(patient, minutes_per_session=minutes)
    keep_finding_it_easy(patient)
    assert programme.versions.count() > 1  # the doses did step up
    assert longest_session(programme) <= minutes * BUDGET_SLACK


def test_a_full_session_holds_the_next_step_and_says_why(patient: Patient) -> None:
    give_programme(patient, minutes_per_session=10)
    keep_finding_it_easy(patient)
    held = ProgressionDecision.objects.filter(
        session_log__patient=patient, decision="hold", reason__startswith="You're ready for more"
    )
    assert held.exists()
    assert "longer than the time you chose" in held.first().reason


def test_the_stored_session_minutes_stay_within_the_persons_minutes(patient: Patient) -> None:
    programme = give_programme(patient, minutes_per_session=20)
    keep_finding_it_easy(patient)
    version = programme.current_version()
    assert version is not None
    assert all(s.minutes <= 20 * BUDGET_SLACK for s in version.sessions.all())
