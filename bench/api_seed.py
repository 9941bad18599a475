"""Seeding for the API load benchmark: patients with a year of logs, clinicians, sign-ins.

One template patient is made with the real services (screening, baseline, programme, one
log of each planned session); everyone else is a copy of it with their own history:

- the per-person rows (users, patients, screenings, baselines, programmes, versions,
  planned sessions and items, care links, tokens, browser sessions) with ``bulk_create``;
- the history (session logs, exercise logs, morning checks: millions of rows at 5,000
  patients) as prepared rows inserted with ``executemany``: each row starts as the
  template row's own database values (``Field.get_db_prep_save``, so the stored text,
  JSON and dates are exactly what the services write) with only the ids, dates, pain and
  effort replaced. The ORM would spend 90 % of the time building model objects and SQL.

All of it is one transaction. On SQLite the seeding runs with ``synchronous=OFF`` and an
in-memory journal (the database goes back to WAL afterwards); both databases are
``ANALYZE``d at the end (the shared PostgreSQL server has autovacuum off).

Patients are split evenly over the clinicians (patient n to clinician n mod count), so
``API_BENCH_CLINICIANS=1`` links one clinician to every patient.
"""

from __future__ import annotations

import json
import random
import time
import uuid
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from datetime import time as dtime
from pathlib import Path
from typing import Any


@dataclass
class Person:
    token: str
    version_id: int = 0
    cookie: str = ""  # "sessionid=..." of a browser signed in as this person


@dataclass
class Seeded:
    patients: list[Person]
    clinicians: list[Person]
    # The template's planned sessions as log entries: {session number: exercises}.
    entries: dict[int, list[dict[str, Any]]]
    # Logs the product still takes (one per planned session a day, at most 13 days back):
    # (index in patients, session number, ISO date), shuffled; see ``free_logs``.
    free: list[tuple[int, int, str]] = field(default_factory=list)


def _copy(obj: Any, **overrides: Any) -> Any:
    """An unsaved copy of a model instance with some fields replaced."""
    model = type(obj)
    values = {
        f.attname: getattr(obj, f.attname) for f in model._meta.concrete_fields if not f.primary_key
    }
    values.update(overrides)
    return model(**values)


def _log_entries(session: Any) -> list[dict[str, Any]]:
    entries = []
    for item in session.items.all():
        done = [item.reps or item.hold_seconds or item.breaths or 1] * item.sets
        entries.append(
            {
                "position": item.position,
                "sets_done": item.sets,
                "done": done,
                "band_level": item.band_level or None,
                "rpe": 4,
                "pain_during": 2,
            }
        )
    return entries


def _template() -> tuple[Any, Any, Any, Any, list[Any], list[Any]]:
    """One patient made with the real services: screening, baseline, programme, 3 logs."""
    from django.utils import timezone
    from tests.web.conftest import give_programme, log_session, session_of

    from spinewise.accounts.models import Role, User
    from spinewise.patients.models import Patient

    user = User.objects.create_user("template", role=Role.PATIENT)
    patient = Patient.objects.create(user=user)
    programme = give_programme(patient)
    version = programme.current_version()
    sessions = list(version.sessions.prefetch_related("items").order_by("number"))
    day = timezone.localdate() - timedelta(days=30)
    logs = [log_session(patient, session_of(programme, s.number), day=day) for s in sessions]
    return (
        patient,
        programme,
        version,
        sessions,
        logs,
        [list(lg.exercise_logs.all()) for lg in logs],
    )


def seed(patients: int, days: int, clinicians: int) -> Seeded:
    """A migrated database with ``patients`` x ``days`` of history (see the module)."""
    from django.core.management import call_command
    from django.db import transaction

    call_command("migrate", verbosity=0, interactive=False)
    with fast_writes(), transaction.atomic():
        seeded = _seed(patients, days, clinicians)
    analyze()
    return seeded


def _seed(count: int, days: int, clinician_count: int) -> Seeded:
    from django.utils import timezone

    from spinewise.accounts.models import Role, User
    from spinewise.api import tokens
    from spinewise.patients.models import Patient
    from spinewise.programmes.models import PlannedItem, PlannedSession, ProgrammeVersion
    from spinewise.sharing.models import CareLink

    rng = random.Random(7)
    tpl, programme, version, sessions, tpl_logs, tpl_ex = _template()
    screening = tpl.screenings.get()
    baseline = tpl.baselines.get()
    users = User.objects.bulk_create(
        [User(username=f"p{n:05}", role=Role.PATIENT, password="!") for n in range(count)],
        batch_size=5000,
    )
    patients = Patient.objects.bulk_create([Patient(user=u) for u in users], batch_size=5000)
    pids = [p.pk for p in patients]
    screenings = type(screening).objects.bulk_create(
        [_copy(screening, patient_id=p) for p in pids], batch_size=2000
    )
    baselines = type(baseline).objects.bulk_create(
        [_copy(baseline, patient_id=p) for p in pids], batch_size=2000
    )
    start = timezone.now() - timedelta(days=days + 1)
    programmes = type(programme).objects.bulk_create(
        [
            _copy(programme, patient_id=p, baseline_id=b.pk, screening_id=s.pk, created_at=start)
            for p, b, s in zip(pids, baselines, screenings, strict=True)
        ],
        batch_size=2000,
    )
    versions = ProgrammeVersion.objects.bulk_create(
        [_copy(version, programme_id=pr.pk, created_at=start) for pr in programmes],
        batch_size=2000,
    )
    planned = PlannedSession.objects.bulk_create(
        [_copy(s, version_id=v.pk) for v in versions for s in sessions], batch_size=2000
    )
    PlannedItem.objects.bulk_create(
        [_copy(i, session_id=ps.pk) for ps in planned for i in sessions[ps.number - 1].items.all()],
        batch_size=2000,
    )
    _seed_logs(pids, versions, days, tpl_logs, tpl_ex, rng)
    doctors = User.objects.bulk_create(
        [
            User(username=f"dr{n:03}", role=Role.CLINICIAN, password="!")
            for n in range(clinician_count)
        ]
    )
    now = timezone.now()
    CareLink.objects.bulk_create(
        [
            CareLink(
                clinician=doctors[n % clinician_count],
                patient_id=pid,
                status=CareLink.Status.ACTIVE,
                channel=CareLink.Channel.CODE,
                secret_hash=uuid.uuid4().hex,
                expires_at=now,
                consent_at=now,
            )
            for n, pid in enumerate(pids)
        ],
        batch_size=5000,
    )
    cookies = _sign_in([*users, *doctors])
    people = [
        Person(tokens.create_token(u, "bench", "write")[1], v.pk, cookies[u.pk])
        for u, v in zip(users, versions, strict=True)
    ]
    staff = [
        Person(tokens.create_token(c, "bench", "read")[1], cookie=cookies[c.pk]) for c in doctors
    ]
    return Seeded(people, staff, {s.number: _log_entries(s) for s in sessions})


def _sign_in(users: list[Any]) -> dict[int, str]:
    """A browser session for each person, as ``django.contrib.auth.login`` leaves it."""
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore
    from django.contrib.sessions.models import Session
    from django.utils import timezone
    from django.utils.crypto import get_random_string

    store = SessionStore()
    expires = timezone.now() + timedelta(seconds=settings.SESSION_COOKIE_AGE)
    keys = {u.pk: get_random_string(32, "abcdefghijklmnopqrstuvwxyz0123456789") for u in users}
    Session.objects.bulk_create(
        [
            Session(
                session_key=keys[u.pk],
                session_data=store.encode(
                    {
                        SESSION_KEY: str(u.pk),
                        BACKEND_SESSION_KEY: "django.contrib.auth.backends.ModelBackend",
                        HASH_SESSION_KEY: u.get_session_auth_hash(),
                    }
                ),
                expire_date=expires,
            )
            for u in users
        ],
        batch_size=5000,
    )
    return {pk: f"{settings.SESSION_COOKIE_NAME}={key}" for pk, key in keys.items()}


class _Table:
    """Rows for one model as the database stores them, inserted with ``executemany``."""

    def __init__(self, model: Any) -> None:
        from django.db import connection

        self.connection = connection
        self.fields = list(model._meta.concrete_fields)
        self.at = {f.attname: n for n, f in enumerate(self.fields)}
        quote = connection.ops.quote_name
        columns = ", ".join(quote(f.column) for f in self.fields)
        marks = ", ".join(["%s"] * len(self.fields))
        self.sql = f"INSERT INTO {quote(model._meta.db_table)} ({columns}) VALUES ({marks})"
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT MAX({quote('id')}) FROM {quote(model._meta.db_table)}")
            self.next_id = (cursor.fetchone()[0] or 0) + 1

    def row(self, obj: Any) -> list[Any]:
        return [f.get_db_prep_save(getattr(obj, f.attname), self.connection) for f in self.fields]

    def prep(self, attname: str, value: Any) -> Any:
        return self.fields[self.at[attname]].get_db_prep_save(value, self.connection)

    def insert(self, rows: list[list[Any]]) -> None:
        with self.connection.cursor() as cursor:
            for first in range(0, len(rows), 20_000):
                cursor.executemany(self.sql, rows[first : first + 20_000])


def _seed_logs(
    pids: list[int],
    versions: list[Any],
    days: int,
    tpl_logs: list[Any],
    tpl_ex: list[list[Any]],
    rng: Any,
) -> None:
    """About three sessions a week for ``days`` days, each with its exercises and, for
    most, a next-morning check; pain and effort drift as people improve. History is as
    the services leave it: each past session was progressed after its morning check."""
    from django.core.management.color import no_style
    from django.db import connection
    from django.utils import timezone

    from spinewise.training.models import ExerciseLog, MorningCheck, SessionLog

    logs, exercises, checks = _Table(SessionLog), _Table(ExerciseLog), _Table(MorningCheck)
    note = "Everything stays the same for now."
    log_rows = [
        logs.row(_copy(t, resulting_version_id=None, screening_id=None, progression_note=note))
        for t in tpl_logs
    ]
    ex_rows = [[exercises.row(ex) for ex in group] for group in tpl_ex]
    check_row = checks.row(MorningCheck(patient_id=0, session_log_id=0, pain_now=0))
    lg, ex, mc = logs.at, exercises.at, checks.at
    today = timezone.localdate()
    stamps: dict[Any, tuple[Any, Any, Any]] = {}  # day: performed_on, created_at, +14 h
    for day in (today - timedelta(days=n) for n in range(days + 1)):
        moment = timezone.make_aware(datetime.combine(day, dtime(18, 0)))
        later = moment + timedelta(hours=14)
        stamps[day] = (
            logs.prep("performed_on", day),
            logs.prep("created_at", moment),
            logs.prep("created_at", later),
        )
    per_session = len(tpl_logs)
    batch = max(1, 200_000 // max(1, days // 2))
    for first in range(0, len(pids), batch):
        new_logs: list[list[Any]] = []
        new_ex: list[list[Any]] = []
        new_checks: list[list[Any]] = []
        for pid, version in zip(
            pids[first : first + batch], versions[first : first + batch], strict=True
        ):
            day = today - timedelta(days=days)
            k = 0
            while day < today:
                n = k % per_session
                performed, created, later = stamps[day]
                row = log_rows[n].copy()
                log_id = logs.next_id
                logs.next_id += 1
                row[lg["id"]] = log_id
                row[lg["patient_id"]] = pid
                row[lg["version_id"]] = version.pk
                row[lg["performed_on"]] = performed
                row[lg["created_at"]] = created
                row[lg["progressed_at"]] = later
                row[lg["token"]] = logs.prep("token", uuid.uuid4())
                new_logs.append(row)
                age = (today - day).days / days
                pain = min(8, max(0, round(1.5 + 3 * age + rng.uniform(-1.5, 1.5))))
                for template in ex_rows[n]:
                    row = template.copy()
                    row[ex["id"]] = exercises.next_id
                    exercises.next_id += 1
                    row[ex["session_log_id"]] = log_id
                    row[ex["rpe"]] = rng.randint(2, 7)
                    row[ex["pain_during"]] = pain
                    row[ex["pain_next_morning"]] = max(0, pain - 1)
                    new_ex.append(row)
                if rng.random() < 0.8:
                    row = check_row.copy()
                    row[mc["id"]] = checks.next_id
                    checks.next_id += 1
                    row[mc["patient_id"]] = pid
                    row[mc["session_log_id"]] = log_id
                    row[mc["pain_now"]] = max(0, pain - 1)
                    row[mc["created_at"]] = later
                    new_checks.append(row)
                day += timedelta(days=rng.choice((2, 2, 3)))
                k += 1
        logs.insert(new_logs)
        exercises.insert(new_ex)
        checks.insert(new_checks)
    reset = connection.ops.sequence_reset_sql(no_style(), [SessionLog, ExerciseLog, MorningCheck])
    with connection.cursor() as cursor:
        for statement in reset:  # PostgreSQL: the ids were given here, not by the sequence
            cursor.execute(statement)


class fast_writes:  # noqa: N801 - used as a context manager
    """SQLite only: no fsync and an in-memory journal while seeding, WAL again after."""

    def __enter__(self) -> None:
        from django.db import connection

        if connection.vendor == "sqlite":
            with connection.cursor() as cursor:
                cursor.execute("PRAGMA journal_mode=MEMORY")
                cursor.execute("PRAGMA synchronous=OFF")
                cursor.execute("PRAGMA cache_size=-262144")  # 256 MB

    def __exit__(self, *exc: object) -> None:
        from django.db import connection

        if connection.vendor == "sqlite":
            with connection.cursor() as cursor:
                cursor.execute("PRAGMA journal_mode=WAL")
                cursor.execute("PRAGMA synchronous=NORMAL")


def analyze() -> None:
    """Planner statistics for the fresh tables (``ANALYZE``; SQLite also ``optimize``)."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
        if connection.vendor == "sqlite":
            cursor.execute("PRAGMA optimize")
    connection.close()  # the server's processes open their own


def free_logs(seeded: Seeded, days_back: int = 13) -> None:
    """Fill ``seeded.free``: every (person, session, day) not yet logged in the window,
    read from the database (the seeded history, and earlier runs' logs on a kept one)."""
    from django.utils import timezone

    from spinewise.training.models import SessionLog

    today = timezone.localdate()
    first = today - timedelta(days=days_back)
    taken = set(
        SessionLog.objects.filter(performed_on__gte=first).values_list(
            "version_id", "session_number", "performed_on"
        )
    )
    window = [first + timedelta(days=n) for n in range(days_back + 1)]
    seeded.free = [
        (index, number, day.isoformat())
        for index, person in enumerate(seeded.patients)
        for number in seeded.entries
        for day in window
        if (person.version_id, number, day) not in taken
    ]
    random.Random(5).shuffle(seeded.free)


def seeded(var: str, patients: int, days: int, clinicians: int) -> Seeded:
    """Seed the database, or reuse one an earlier run kept in ``var``.

    ``API_BENCH_VAR`` names a folder to keep the database in between runs, so that
    working on one endpoint does not cost the seeding each time (runs that log sessions
    add to it, so a kept database slowly grows).
    """
    import django
    from django.core.management import call_command

    django.setup()
    saved = Path(var) / "seeded.json"
    if saved.exists():
        data = json.loads(saved.read_text())
        print(f"reusing the database seeded in {var}")
        call_command("migrate", verbosity=0, interactive=False)  # code may have moved on
        result = Seeded(
            [Person(**p) for p in data["patients"]],
            [Person(**p) for p in data["clinicians"]],
            {int(k): v for k, v in data["entries"].items()},
        )
        free_logs(result)
        return result
    began = time.monotonic()
    result = seed(patients, days, clinicians)
    print(
        f"seeded {patients} patients x {days} days of logs, {clinicians} clinicians "
        f"({patients // clinicians} patients each) in {time.monotonic() - began:.0f} s"
    )
    saved.write_text(
        json.dumps(
            {
                "patients": [vars(p) for p in result.patients],
                "clinicians": [vars(p) for p in result.clinicians],
                "entries": result.entries,
            }
        )
    )
    free_logs(result)
    return result
