"""A demo physiotherapist with about twenty linked patients in varied states.

Every alert kind shows on the caseload: warning signs, sharp pain, pain rising, next-morning
pain not settling, missed sessions, no activity; a see-clinician patient waits to be cleared;
the rest train calmly. Histories are made with the services the pages use (screening,
baseline and programme, session logs with the progression engine, morning checks, check-ins,
invitation and consent, programme edits, alert actions). Deterministic for a given ``today``;
running it again changes nothing.
"""

from __future__ import annotations

import random
import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime, time, timedelta
from typing import Any

from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import timezone

from spinewise.accounts.models import Role, User
from spinewise.checkins.commands import CheckInAnswers
from spinewise.checkins.services import record_checkin
from spinewise.clinician.alerts import act_on_alert, sync_alerts
from spinewise.clinician.models import ClinicalNote
from spinewise.clinician.programme_edits import set_lock
from spinewise.patients.models import Baseline, Patient
from spinewise.programmes.models import PlannedSession
from spinewise.programmes.services import create_programme, current_version
from spinewise.screening.models import Screening
from spinewise.screening.services import record_screening
from spinewise.sharing.clinics import create_clinic
from spinewise.sharing.invitations import accept, claim, invite_with_code
from spinewise.sharing.links import linked_patients
from spinewise.training.commands import LogSession, as_planned
from spinewise.training.services import next_session_number, record_morning_check, record_session

from .builder import USERNAME as DEMO_PATIENT

USERNAME = "physio"
PASSWORD = "spinewise-physio"
PATIENT_PASSWORD = "spinewise-demo"
CLINIC = "Riverside Physiotherapy (demo)"
EXTRA = {"see_clinician": {"weight_loss_unexplained": True}}


@dataclass(frozen=True)
class Session:
    """One logged session ``ago`` days before today: pain and effort 0-10, next-morning
    pain (None: no check), sharp pain, warning signs reported with it."""

    ago: int
    pain: int = 2
    rpe: int = 4
    morning: int | None = 2
    sharp: bool = False
    symptoms: tuple[str, ...] = ()


@dataclass(frozen=True)
class Story:
    username: str
    name: str
    started: int  # days ago the programme began
    sessions: Sequence[Session]
    checkins: Sequence[int] = ()
    level: str = "self_manage"
    baseline: dict[str, Any] = field(default_factory=dict)


def regular(start: int, end: int, pain: int = 2, morning: int = 2) -> list[Session]:
    """Sessions every two or three days from ``start`` to ``end`` days ago."""
    days = range(start, end - 1, -1)
    return [Session(d, pain, 4, morning) for i, d in enumerate(days) if i % 7 in (0, 2, 4)]


STORIES: tuple[Story, ...] = (
    Story("amira", "Amira Haddad", 10, [*regular(9, 4), Session(1, symptoms=("fever_or_chills",))]),
    Story("ben", "Ben Okafor", 5, [Session(4), Session(2)], level="see_clinician"),
    Story("carla", "Carla Mendes", 10, [*regular(9, 4), Session(2, 5, 5, None, sharp=True)]),
    Story(
        "dev",
        "Dev Patel",
        15,
        [*regular(14, 8), Session(5, 4, 6, 3), Session(2, 5, 6, None, sharp=True)],
    ),
    Story(
        "erin",
        "Erin Walsh",
        14,
        [*regular(13, 9, 3, 3), Session(6, 7, 6, 6), Session(4, 7, 6, 6), Session(1, 8, 7, None)],
        baseline={"pain_now": 4},
    ),
    Story(
        "femi",
        "Femi Adeyemi",
        13,
        [*regular(12, 9), Session(6, 6, 5, 7), Session(4, 7, 5, 7), Session(2, 7, 6, None)],
        baseline={"pain_now": 4},
    ),
    Story(
        "grace",
        "Grace Liu",
        13,
        [*regular(12, 8), Session(5, 3, 4, 7), Session(3, 3, 4, 8)],
        baseline={"pain_now": 4},
    ),
    Story("hugo", "Hugo Larsen", 21, regular(20, 14), checkins=[9, 2]),
    Story("isla", "Isla Murray", 21, regular(20, 13), checkins=[6]),
    Story("jonas", "Jonas Berg", 19, regular(18, 12)),
    Story("kemi", "Kemi Balogun", 25, regular(24, 17)),
    Story("leo", "Leo Romano", 10, regular(9, 1), checkins=[3]),
    Story("maya", "Maya Cohen", 10, regular(9, 1), checkins=[7]),
    Story("nora", "Nora Svensson", 10, regular(9, 0, 1, 1), checkins=[2]),
    Story("omar", "Omar Farouk", 10, regular(9, 1, 3, 2), checkins=[3]),
    Story("priya", "Priya Nair", 10, regular(9, 2, 2, 1), checkins=[6]),
    Story("quinn", "Quinn Doyle", 9, regular(8, 0), checkins=[5]),
    Story("rosa", "Rosa Jimenez", 10, regular(9, 1, 3, 3), checkins=[3]),
    Story("sami", "Sami Aziz", 3, [Session(2)]),
    Story("tess", "Tess Moreau", 8, regular(7, 1), baseline={"conditions": ["wrist_pain"]}),
)


@dataclass(frozen=True)
class DemoClinicResult:
    created: bool
    username: str
    password: str
    patients: int
    alerts: dict[str, int]


def _at(day: date, hour: int) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour, 0)))


def build_demo_clinic(today: date | None = None, seed: int = 11) -> DemoClinicResult:
    """Create the demo clinician and their patients unless they exist (idempotent)."""
    clinician = User.objects.filter(username=USERNAME).first()
    created = clinician is None
    if clinician is None:
        today = today or timezone.localdate()
        rng = random.Random(seed)
        with transaction.atomic():
            clinician = User.objects.create_user(
                USERNAME,
                "physio@example.org",
                PASSWORD,
                role=Role.CLINICIAN,
                first_name="Sam",
                last_name="Rivers",
            )
            clinic = create_clinic(clinician, CLINIC)
        # One slow password hash for every demo patient (they share the demo password).
        password = make_password(PATIENT_PASSWORD)
        for story in STORIES:
            with transaction.atomic():
                patient = _history(story, today, rng, password)
                _link(clinician, patient, clinic)
        _link_demo_patient(clinician, clinic)
        _clinical_touches(clinician)
    rows = sync_alerts(linked_patients(clinician))
    kinds: dict[str, int] = {}
    for row in rows:
        for alert in row.alerts:
            kinds[alert.kind] = kinds.get(alert.kind, 0) + 1
    return DemoClinicResult(created, USERNAME, PASSWORD, len(rows), kinds)


def _link(clinician: User, patient: Patient, clinic: Any) -> None:
    invitation, _code = invite_with_code(clinician, clinic)
    claim(invitation, patient)
    accept(invitation, patient)


def _link_demo_patient(clinician: User, clinic: Any) -> None:
    """The demo patient (``demo_data``'s own) shares their record with the demo clinician."""
    patient = Patient.objects.filter(user__username=DEMO_PATIENT).first()
    if patient is not None:
        _link(clinician, patient, clinic)


def _history(story: Story, today: date, rng: random.Random, password: str) -> Patient:
    first, _, last = story.name.partition(" ")
    start = today - timedelta(days=story.started)
    user = User.objects.create(
        username=story.username,
        email=f"{story.username}@example.org",
        password=password,
        first_name=first,
        last_name=last,
        date_joined=_at(start, 9),
    )
    patient = Patient.objects.create(user=user, created_at=_at(start, 9))
    answers = {"age": 30 + rng.randrange(40), "regions": ["lower_back"], "pain_now": 5}
    answers.update(EXTRA.get(story.level, {}))
    record_screening(patient, answers, Screening.Source.START, _at(start, 9))
    baseline = Baseline.objects.create(
        patient=patient,
        created_at=_at(start, 9),
        **{
            "regions": ["lower_back", "mid_back"],
            "pain_now": 5,
            "pain_last_week": 6,
            "psfs_activities": ["Putting on socks", "Sitting through a film", "Gardening"],
            "psfs_scores": [3, 4, 2],
            "equipment": ["resistance_band"],
            "band_levels": ["yellow", "red", "green"],
            "sessions_per_week": 3,
            "minutes_per_session": 15,
            "level": "beginner",
            "conditions": [],
            **story.baseline,
        },
    )
    create_programme(patient, baseline, _at(start, 9) + timedelta(minutes=5))
    events = sorted(
        [(s.ago, 0, s) for s in story.sessions] + [(d, 1, None) for d in story.checkins],
        key=lambda e: (-e[0], e[1]),
    )
    for days_ago, _, session in events:
        day = today - timedelta(days=days_ago)
        if session is None:
            _checkin(patient, baseline, day, days_ago / max(story.started, 1))
        else:
            _session(patient, day, today, session, rng)
    return patient


def _session(patient: Patient, day: date, today: date, plan: Session, rng: random.Random) -> None:
    version = current_version(patient)
    if version is None:
        return  # paused by a warning sign: nothing more to log
    number = next_session_number(patient, version)
    session = PlannedSession.objects.prefetch_related("items").get(version=version, number=number)
    reports = []
    for report in as_planned(session.items.all()):
        sharp = plan.sharp and report.position == 1
        reports.append(
            replace(
                report,
                rpe=max(0, min(10, plan.rpe + rng.choice((-1, 0, 0, 1)))),
                pain_during=min(10, plan.pain + (2 if sharp else 0)),
                sharp_pain=sharp,
                stopped=sharp,
            )
        )
    command = LogSession(
        token=uuid.UUID(int=rng.getrandbits(128)),
        performed_on=day,
        items=tuple(reports),
        new_symptoms=tuple(plan.symptoms),
    )
    log, _ = record_session(patient, session, command, _at(day, 18))
    if plan.morning is not None and day < today:
        record_morning_check(log, plan.morning, _at(day + timedelta(days=1), 8))


def _checkin(patient: Patient, baseline: Baseline, day: date, left: float) -> None:
    ease = round(2 * (1 - left))
    answers = CheckInAnswers(
        pain_now=max(0, 5 - ease),
        peg_pain=max(0, 5 - ease),
        peg_enjoyment=max(0, 4 - ease),
        peg_activity=max(0, 5 - ease),
        psfs_scores=tuple(min(10, s + ease + 1) for s in baseline.psfs_scores),
    )
    record_checkin(patient, answers, _at(day, 19))


def _clinical_touches(clinician: User) -> None:
    """What a clinician would have done already: notes, a lock, alerts acted on."""
    rows = {r.patient.user.username: r for r in sync_alerts(linked_patients(clinician))}
    notes = {
        "dev": "Phoned after the sharp pain: settled by the evening. Review technique next visit.",
        "leo": "Progressing well. Keen gardener: goal is a full day on the allotment.",
        "tess": "Wrist pain: keep off all-fours exercises until reviewed.",
    }
    for username, text in notes.items():
        ClinicalNote.objects.create(
            patient=rows[username].patient,
            author=clinician,
            author_name="Sam Rivers (physio)",
            text=text,
        )
    for alert in rows["dev"].alerts:
        act_on_alert(alert, clinician, "acknowledge", "Called: will review at Thursday's visit.")
    for alert in rows["hugo"].alerts:
        act_on_alert(alert, clinician, "resolve", "On holiday for two weeks, restarting after.")
    patient = rows["maya"].patient
    version = current_version(patient)
    if version is not None:
        set_lock(
            patient,
            clinician,
            seen=version.number,
            session=1,
            position=0,
            locked=True,
            reason="Keep this one steady while we work on the others.",
        )
