"""Shared fixtures for the web application's tests: people, screenings, programmes, logs."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from spinewise.accounts.models import Role, User
from spinewise.core.progression import DONE_FOR
from spinewise.patients.models import Baseline, Patient
from spinewise.programmes.models import PlannedSession, Programme
from spinewise.programmes.services import create_programme
from spinewise.screening.models import Screening
from spinewise.screening.services import record_screening
from spinewise.training.commands import ItemReport, LogSession, as_planned
from spinewise.training.models import SessionLog
from spinewise.training.services import record_morning_check, record_session

PASSWORD = "correct-horse-battery-9"
SAFE_ANSWERS = {"age": 40, "regions": ["lower_back"], "pain_now": 4}
LEVEL_EXTRA = {
    "self_manage": {},
    "see_clinician": {"weight_loss_unexplained": True},
    "urgent": {"fever_or_chills": True},
    "emergency": {"saddle_numbness": True},
}
BASELINE = {
    "regions": ["lower_back", "mid_back"],
    "pain_now": 5,
    "pain_last_week": 6,
    "psfs_activities": ["Putting on socks", "Sitting for an hour", "Lifting a bag"],
    "psfs_scores": [3, 4, 2],
    "equipment": ["resistance_band"],
    "band_levels": ["yellow", "red", "green"],
    "sessions_per_week": 3,
    "minutes_per_session": 20,
    "level": "beginner",
    "conditions": [],
}


@pytest.fixture(autouse=True)
def fast_passwords(settings: Any) -> None:
    # Argon2 is deliberately slow; tests that check hashing switch it back on.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def make_patient(db: None) -> Callable[..., Patient]:
    def make(username: str = "pat") -> Patient:
        user = User.objects.create_user(username, f"{username}@example.org", PASSWORD)
        return Patient.objects.create(user=user)

    return make


@pytest.fixture
def patient(make_patient: Callable[..., Patient]) -> Patient:
    return make_patient("alex")


@pytest.fixture
def other_patient(make_patient: Callable[..., Patient]) -> Patient:
    return make_patient("sam")


@pytest.fixture
def clinician(db: None) -> User:
    return User.objects.create_user("dr", "dr@example.org", PASSWORD, role=Role.CLINICIAN)


def client_for(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def patient_client(patient: Patient) -> Client:
    return client_for(patient.user)


@pytest.fixture
def other_client(other_patient: Patient) -> Client:
    return client_for(other_patient.user)


def screen_as(patient: Patient, level: str = "self_manage") -> Screening:
    answers = {**SAFE_ANSWERS, **LEVEL_EXTRA[level]}
    screening = record_screening(patient, answers, Screening.Source.START)
    assert screening.level == level
    return screening


def give_programme(patient: Patient, level: str = "self_manage", **baseline: Any) -> Programme:
    screen_as(patient, level)
    record = Baseline.objects.create(patient=patient, **{**BASELINE, **baseline})
    return create_programme(patient, record)


def session_of(programme: Programme, number: int = 1) -> PlannedSession:
    version = programme.current_version()
    assert version is not None
    return PlannedSession.objects.prefetch_related("items").get(version=version, number=number)


def entries_for(session: PlannedSession, **overrides: Any) -> list[ItemReport]:
    """Every item done at exactly the planned dose (effort 4, pain 2), with ``overrides``."""
    return [replace(report, **overrides) for report in as_planned(session.items.all())]


def log_session(
    patient: Patient,
    session: PlannedSession,
    day: date | None = None,
    entries: list[ItemReport] | None = None,
    **fields: Any,
) -> SessionLog:
    """Log ``session`` as done on ``day`` (default today), recorded that evening."""
    day = day or timezone.localdate()
    command = LogSession(
        token=fields.pop("token", None) or uuid.uuid4(),
        performed_on=day,
        items=tuple(entries or entries_for(session)),
        **fields,
    )
    # Recorded on the day itself, as a person logs after the session; today: just now.
    when = None if day >= timezone.localdate() else datetime.combine(day, time(18), UTC)
    log, _ = record_session(patient, session, command, when)
    return log


def good_session_days_ago(
    patient: Patient, session: PlannedSession, days: int = 8, morning_pain: int = 3
) -> SessionLog:
    """An easy session ``days`` ago whose pain settled by the next morning. One more like it
    lets the dose step up: two good sessions in a row, and 7 days or more at the dose."""
    log = log_session(patient, session, timezone.localdate() - timedelta(days=days))
    record_morning_check(log, morning_pain)
    return log


def player_post(session: PlannedSession, **overrides: str) -> dict[str, str]:
    """A complete, valid short log form as a browser without JavaScript would send it:
    every exercise as planned, the session's effort 4 and pain 2 (no exercise rated on its
    own), and nothing new since the last session."""
    from spinewise.core.exercises import load_library

    library = load_library()
    data = {
        "token": str(uuid.uuid4()),
        "version": str(session.version_id),
        "performed_on": timezone.localdate().isoformat(),
        "rpe": "4",
        "pain_during": "2",
        "anything_new": "no",
    }
    for index, item in enumerate(session.items.all()):
        ex = library.get(item.exercise_id)
        key = DONE_FOR[ex.tracking]
        amount = item.reps or item.hold_seconds or item.breaths
        data[f"items-{index}-sets_done"] = str(item.sets)
        data[f"items-{index}-{key}"] = ",".join([str(amount)] * item.sets)
        if item.band_level:
            data[f"items-{index}-band_level"] = item.band_level
    data.update(overrides)
    return data
