"""Six weeks of a demo patient's history, made with the same services the pages use.

Screening, baseline and programme on day 0; about three sessions a week with a few missed;
a next-morning check after most sessions; a weekly check-in with pain easing and
activities getting easier. One session reports sharp pain, so the history shows a
replaced exercise too. Deterministic: the same ``today`` gives the same history.
"""

from __future__ import annotations

import random
import uuid
from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta

from django.db import transaction
from django.utils import timezone

from spinewise.accounts.models import Role, User
from spinewise.checkins.models import WeeklyCheckIn
from spinewise.patients.models import Baseline, Patient
from spinewise.programmes.models import PlannedSession
from spinewise.programmes.services import create_programme, current_version
from spinewise.screening.models import Screening
from spinewise.screening.services import record_screening
from spinewise.training.commands import LogSession, as_planned
from spinewise.training.services import next_session_number, record_morning_check, record_session

USERNAME = "demo"
PASSWORD = "spinewise-demo"
EMAIL = "demo@example.org"
DAYS = 42
TRAINING_DAYS = (0, 2, 4)  # days of each 7-day block: a Monday/Wednesday/Friday rhythm
SHARP_PAIN_DAY = 16


@dataclass(frozen=True)
class DemoResult:
    created: bool
    username: str
    password: str
    sessions: int
    versions: int


def _at(day: date, hour: int) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour, 0)))


def build_demo(today: date | None = None, seed: int = 7) -> DemoResult:
    """Create the demo patient unless they exist (idempotent)."""
    existing = User.objects.filter(username=USERNAME).first()
    if existing is not None:
        patient = Patient.objects.filter(user=existing).first()
        return DemoResult(
            False, USERNAME, PASSWORD, _count_sessions(patient), _count_versions(patient)
        )
    today = today or timezone.localdate()
    with transaction.atomic():
        patient = _history(today, random.Random(seed))
    return DemoResult(True, USERNAME, PASSWORD, _count_sessions(patient), _count_versions(patient))


def _count_sessions(patient: Patient | None) -> int:
    return patient.session_logs.count() if patient else 0


def _count_versions(patient: Patient | None) -> int:
    if patient is None:
        return 0
    return sum(p.versions.count() for p in patient.programmes.all())


def _history(today: date, rng: random.Random) -> Patient:
    start = today - timedelta(days=DAYS)
    user = User.objects.create_user(USERNAME, EMAIL, PASSWORD, role=Role.PATIENT)
    user.date_joined = _at(start, 9)
    user.save(update_fields=["date_joined"])
    patient = Patient.objects.create(user=user, created_at=_at(start, 9))
    answers = {"age": 46, "regions": ["lower_back", "mid_back"], "pain_now": 6, "pain_weeks": 5}
    record_screening(patient, answers, Screening.Source.START, _at(start, 9))
    baseline = Baseline.objects.create(
        patient=patient,
        created_at=_at(start, 9),
        regions=["lower_back", "mid_back"],
        pain_now=6,
        pain_last_week=6,
        psfs_activities=["Putting on socks", "Sitting through a film", "Carrying the shopping"],
        psfs_scores=[3, 4, 2],
        equipment=["resistance_band", "foam_roller"],
        band_levels=["yellow", "red", "green", "blue"],
        sessions_per_week=3,
        minutes_per_session=20,
        level="beginner",
        conditions=[],
    )
    create_programme(patient, baseline, _at(start, 9) + timedelta(minutes=5))
    for offset in range(1, DAYS):
        day = start + timedelta(days=offset)
        if offset % 7 in TRAINING_DAYS and rng.random() > 0.18:
            _session(patient, day, today, offset / DAYS, rng, sharp=offset == SHARP_PAIN_DAY)
        if offset % 7 == 0 and offset < DAYS:
            _checkin(patient, day, offset / DAYS, rng)
    return patient


def _session(
    patient: Patient, day: date, today: date, progress: float, rng: random.Random, sharp: bool
) -> None:
    version = current_version(patient)
    assert version is not None  # the demo profile is never blocked
    number = next_session_number(patient, version)
    session = PlannedSession.objects.prefetch_related("items").get(version=version, number=number)
    pain = max(0, round(3.5 - 2.5 * progress + rng.choice((0, 0, 1))))
    reports = []
    for report in as_planned(session.items.all()):
        # Early on the effort is a bit too high (hold); later it is often easy (progress).
        rpe = rng.choice((6, 6, 5)) if progress < 0.2 else rng.choice((4, 5, 5, 6, 6))
        sharp_here = sharp and report.position == 1
        reports.append(
            replace(
                report,
                rpe=rpe,
                pain_during=pain + (2 if sharp_here else 0),
                sharp_pain=sharp_here,
                stopped=sharp_here,
            )
        )
    command = LogSession(
        token=uuid.UUID(int=rng.getrandbits(128)), performed_on=day, items=tuple(reports)
    )
    log, _ = record_session(patient, session, command, _at(day, 18))
    # Yesterday's session still waits for this morning's check, as it would for a real person.
    if rng.random() < 0.85 and day < today - timedelta(days=1):
        morning = max(0, round(5 - 3 * progress + rng.choice((-1, 0, 0, 1))))
        record_morning_check(log, morning, _at(day + timedelta(days=1), 8))


def _checkin(patient: Patient, day: date, progress: float, rng: random.Random) -> None:
    baseline = patient.latest_baseline()
    assert baseline is not None
    ease = round(3 * progress + rng.choice((0, 0, 0.5)))
    WeeklyCheckIn.objects.create(
        patient=patient,
        created_at=_at(day, 19),
        pain_now=max(0, 6 - ease),
        peg_pain=max(0, 6 - ease),
        peg_enjoyment=max(0, 6 - ease - 1),
        peg_activity=max(0, 6 - ease),
        psfs_activities=list(baseline.psfs_activities),
        psfs_scores=[min(10, s + ease + 1) for s in baseline.psfs_scores],
    )
