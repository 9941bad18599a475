"""A large caseload made quickly with bulk inserts (hundreds of patients in well under a second).

Patients cycle through six states so every alert kind is present at any size: a recent
warning sign, sharp pain, pain rising, morning pain not settling, missed sessions, and
calm. The rows are what the services would store; only the speed differs.
"""

from __future__ import annotations

import hashlib
from datetime import timedelta

from django.utils import timezone

from spinewise.accounts.models import User
from spinewise.checkins.models import WeeklyCheckIn
from spinewise.patients.models import Baseline, Patient
from spinewise.programmes.models import Programme, ProgrammeVersion
from spinewise.screening.models import Screening
from spinewise.sharing.models import CareLink
from spinewise.training.models import ExerciseLog, MorningCheck, SessionLog
from tests.web.conftest import BASELINE

from .conftest import ago, at

STATES = ("red_flag", "sharp_pain", "pain_rising", "morning_pain", "missed", "calm")
# Days ago each state trained, and the pain during / next morning.
TRAINING = {
    "red_flag": [(5, 3, 3), (3, 3, 3), (1, 3, 3)],
    "sharp_pain": [(5, 3, 3), (3, 3, 3), (1, 4, None)],
    "pain_rising": [(5, 8, 6), (3, 8, 6), (1, 8, None)],
    "morning_pain": [(5, 3, 8), (3, 3, 8), (1, 3, None)],
    "missed": [(12, 3, 3)],
    "calm": [(5, 2, 3), (3, 2, 3), (1, 2, None)],
}


def build_caseload(clinician: User, count: int, prefix: str) -> list[Patient]:
    """``count`` linked patients of ``clinician``, three weeks into their programmes."""
    now = timezone.now()
    started = at(ago(21), 9)
    users = User.objects.bulk_create(
        User(username=f"{prefix}{i:04d}", email=f"{prefix}{i}@example.org", password="!")
        for i in range(count)
    )
    patients = Patient.objects.bulk_create(Patient(user=u, created_at=started) for u in users)
    CareLink.objects.bulk_create(
        CareLink(
            clinician=clinician,
            patient=p,
            status=CareLink.Status.ACTIVE,
            channel=CareLink.Channel.CODE,
            secret_hash=hashlib.sha256(f"{prefix}-{p.pk}".encode()).hexdigest(),
            invited_at=started,
            expires_at=started + timedelta(days=14),
            consent_at=started,
        )
        for p in patients
    )
    baselines = Baseline.objects.bulk_create(
        Baseline(patient=p, created_at=started, **BASELINE) for p in patients
    )
    programmes = Programme.objects.bulk_create(
        Programme(patient=b.patient, baseline=b, created_at=started) for b in baselines
    )
    versions = ProgrammeVersion.objects.bulk_create(
        ProgrammeVersion(programme=pr, number=1, created_at=started, cause="Planned.")
        for pr in programmes
    )
    _screenings(patients)
    _training(patients, versions, now)
    return patients


def state_of(index: int) -> str:
    return STATES[index % len(STATES)]


def _screenings(patients: list[Patient]) -> None:
    rows = [_screening(p, ago(21), "self_manage") for p in patients]
    rows += [
        _screening(p, ago(2), "urgent") for i, p in enumerate(patients) if state_of(i) == "red_flag"
    ]
    Screening.objects.bulk_create(rows)


def _screening(patient: Patient, day, level: str) -> Screening:
    return Screening(
        patient=patient,
        created_at=at(day, 9),
        level=level,
        allows_programme=level == "self_manage",
        headline=level,
        advice=level,
        reasons=[],
    )


def _training(patients: list[Patient], versions: list[ProgrammeVersion], now) -> None:
    logs: list[SessionLog] = []
    details: list[tuple[int, int, int | None, bool]] = []
    for i, (patient, version) in enumerate(zip(patients, versions, strict=True)):
        state = state_of(i)
        for n, (days, pain, morning) in enumerate(TRAINING[state]):
            logs.append(
                SessionLog(
                    patient=patient,
                    version=version,
                    session_number=n % 3 + 1,
                    session_title="Session",
                    performed_on=ago(days),
                    created_at=at(ago(days), 18),
                    token=f"{patient.pk:08d}-0000-4000-8000-{n:012d}",
                    progressed_at=now,
                )
            )
            details.append((pain, days, morning, state == "sharp_pain" and days == 1))
    logs = SessionLog.objects.bulk_create(logs)
    ExerciseLog.objects.bulk_create(
        ExerciseLog(
            session_log=log,
            position=0,
            exercise_id="cat-camel",
            planned={},
            tracking="reps",
            sets_done=2,
            reps_done=[8, 8],
            rpe=4,
            pain_during=pain,
            sharp_pain=sharp,
        )
        for log, (pain, _days, _morning, sharp) in zip(logs, details, strict=True)
    )
    MorningCheck.objects.bulk_create(
        MorningCheck(
            patient=log.patient,
            session_log=log,
            pain_now=morning,
            created_at=at(ago(days - 1), 8),
        )
        for log, (_pain, days, morning, _sharp) in zip(logs, details, strict=True)
        if morning is not None
    )
    WeeklyCheckIn.objects.bulk_create(
        WeeklyCheckIn(
            patient=p,
            created_at=at(ago(1), 19),
            pain_now=4,
            peg_pain=4,
            peg_enjoyment=4,
            peg_activity=4,
        )
        for i, p in enumerate(patients)
        if state_of(i) == "missed"
    )
