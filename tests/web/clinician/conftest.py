"""Fixtures for the clinician workspace: linked patients with histories made by the real services.

Histories are built with the same service functions the pages use (screening, programme,
session logs, morning checks), dated in the past where the services accept a time.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import replace
from datetime import date, datetime, time, timedelta
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from spinewise.accounts.models import Role, User
from spinewise.checkins.models import WeeklyCheckIn
from spinewise.patients.models import Baseline, Patient
from spinewise.programmes.models import PlannedSession
from spinewise.programmes.services import create_programme, current_version
from spinewise.screening.models import Screening
from spinewise.screening.services import record_screening
from spinewise.training.commands import LogSession
from spinewise.training.models import SessionLog
from spinewise.training.services import next_session_number, record_morning_check, record_session
from tests.web.conftest import (
    BASELINE,
    LEVEL_EXTRA,
    PASSWORD,
    SAFE_ANSWERS,
    client_for,
    entries_for,
)
from tests.web.sharing.conftest import link


def today() -> date:
    return timezone.localdate()


def at(day: date, hour: int = 10) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour, 0)))


def ago(days: int) -> date:
    return today() - timedelta(days=days)


def new_patient(username: str, full_name: str = "") -> Patient:
    first, _, last = full_name.partition(" ")
    user = User.objects.create_user(
        username, f"{username}@example.org", PASSWORD, first_name=first, last_name=last
    )
    return Patient.objects.create(user=user)


def start(
    patient: Patient, *, days_ago: int = 21, level: str = "self_manage", **baseline: Any
) -> Patient:
    """Screening, baseline and programme ``days_ago`` days ago, as the pages would make them."""
    when = at(ago(days_ago), 9)
    answers = {**SAFE_ANSWERS, **LEVEL_EXTRA[level]}
    record_screening(patient, answers, Screening.Source.START, when)
    record = Baseline.objects.create(
        patient=patient, created_at=when, **{**BASELINE, "minutes_per_session": 60, **baseline}
    )
    create_programme(patient, record, when)
    return patient


def linked_patient(
    clinician: User, username: str, *, days_ago: int = 21, **options: Any
) -> Patient:
    patient = start(new_patient(username), days_ago=days_ago, **options)
    link(clinician, patient)
    return patient


def next_session(patient: Patient) -> PlannedSession:
    version = current_version(patient)
    assert version is not None
    number = next_session_number(patient, version)
    return PlannedSession.objects.prefetch_related("items").get(version=version, number=number)


def train(
    patient: Patient,
    day: date,
    *,
    pain: int = 2,
    rpe: int = 4,
    sharp: bool = False,
    morning: int | None = None,
    symptoms: Sequence[str] = (),
) -> SessionLog:
    """Log the next planned session on ``day`` (and a morning check the day after)."""
    session = next_session(patient)
    entries = entries_for(session, pain_during=pain, rpe=rpe)
    if sharp:
        entries[0] = replace(entries[0], sharp_pain=True, stopped=True)
    command = LogSession(
        token=uuid.uuid4(), performed_on=day, items=tuple(entries), new_symptoms=tuple(symptoms)
    )
    log, _ = record_session(patient, session, command, at(day, 18))
    if morning is not None:
        record_morning_check(log, morning, at(day + timedelta(days=1), 8))
    return log


def check_in(patient: Patient, day: date, pain: int = 4) -> WeeklyCheckIn:
    return WeeklyCheckIn.objects.create(
        patient=patient,
        created_at=at(day, 19),
        pain_now=pain,
        peg_pain=pain,
        peg_enjoyment=pain,
        peg_activity=pain,
        psfs_activities=list(BASELINE["psfs_activities"]),
        psfs_scores=[4, 5, 3],
    )


@pytest.fixture
def dr(db: None) -> User:
    return User.objects.create_user(
        "dr-jones",
        "jones@example.org",
        PASSWORD,
        role=Role.CLINICIAN,
        first_name="Ana",
        last_name="Jones",
    )


@pytest.fixture
def dr_client(dr: User) -> Client:
    return client_for(dr)


@pytest.fixture
def alex(dr: User) -> Patient:
    """A linked patient three weeks into the programme, training regularly and calmly."""
    patient = linked_patient(dr, "alex")
    for days in (9, 7, 5, 2):
        train(patient, ago(days), morning=3)
    return patient
