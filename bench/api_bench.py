"""API load benchmark: a seeded database, the production server, 32 clients on loopback.

Seeds a fresh SQLite database in a temporary directory (one template patient is made
with the real services; everyone else is a copy made with ``bulk_create``, with their
own logs, pain and effort), starts waitress in a subprocess on a free loopback port and
drives it with client threads over keep-alive ``http.client`` connections, each request
authenticated by its own person's token. Phases, each ``API_BENCH_SECONDS`` long:

- ceiling: ``GET /api/v1/`` (the same server's bare JSON endpoint);
- each endpoint alone: today's session, logging a session (POST with Idempotency-Key),
  the progress summary, the clinician caseload;
- the mix: 40 % today, 20 % log, 25 % progress, 15 % caseload.

Reports requests/s and p50 / p99 latency per endpoint, and each endpoint's throughput
as a share of the ceiling. Environment (defaults as the issue asks):

  API_BENCH_PATIENTS=1000  API_BENCH_DAYS=365  API_BENCH_CLINICIANS=50
  API_BENCH_SECONDS=30     API_BENCH_CLIENTS=32  API_BENCH_THREADS=8 (waitress)
  API_BENCH_VAR=<folder> keeps the seeded database there for the next run
  API_BENCH_ONLY=today,log measures only those endpoints (no mix, no verdict)
"""

from __future__ import annotations

import http.client
import json
import os
import random
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from datetime import time as dtime
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
PATIENTS = int(os.environ.get("API_BENCH_PATIENTS", "1000"))
DAYS = int(os.environ.get("API_BENCH_DAYS", "365"))
CLINICIANS = int(os.environ.get("API_BENCH_CLINICIANS", "50"))
SECONDS = float(os.environ.get("API_BENCH_SECONDS", "30"))
CLIENTS = int(os.environ.get("API_BENCH_CLIENTS", "32"))
SERVER_THREADS = int(os.environ.get("API_BENCH_THREADS", "8"))
MIX = (("today", 40), ("log", 20), ("progress", 25), ("caseload", 15))
# API_BENCH_ONLY=today,log measures just those endpoints (and the ceiling), for work on one.
ENDPOINTS = [
    name
    for name in os.environ.get("API_BENCH_ONLY", "today,log,progress,caseload").split(",")
    if name in dict(MIX)
]


@dataclass
class Person:
    token: str
    version_id: int = 0


@dataclass
class Seeded:
    patients: list[Person]
    clinicians: list[Person]
    # The template's planned sessions as log entries: {session number: exercises}.
    entries: dict[int, list[dict[str, Any]]]


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


def seed() -> Seeded:
    import django

    django.setup()
    from django.core.management import call_command
    from django.utils import timezone

    call_command("migrate", verbosity=0, interactive=False)
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
        [User(username=f"p{n:05}", role=Role.PATIENT, password="!") for n in range(PATIENTS)]
    )
    patients = Patient.objects.bulk_create([Patient(user=u) for u in users])
    pids = [p.pk for p in patients]
    screenings = type(screening).objects.bulk_create([_copy(screening, patient_id=p) for p in pids])
    baselines = type(baseline).objects.bulk_create([_copy(baseline, patient_id=p) for p in pids])
    start = timezone.now() - timedelta(days=DAYS + 1)
    programmes = type(programme).objects.bulk_create(
        [
            _copy(programme, patient_id=p, baseline_id=b.pk, screening_id=s.pk, created_at=start)
            for p, b, s in zip(pids, baselines, screenings, strict=True)
        ]
    )
    versions = ProgrammeVersion.objects.bulk_create(
        [_copy(version, programme_id=pr.pk, created_at=start) for pr in programmes]
    )
    planned = PlannedSession.objects.bulk_create(
        [_copy(s, version_id=v.pk) for v in versions for s in sessions]
    )
    PlannedItem.objects.bulk_create(
        [_copy(i, session_id=ps.pk) for ps in planned for i in sessions[ps.number - 1].items.all()],
        batch_size=5000,
    )
    _seed_logs(pids, versions, tpl_logs, tpl_ex, rng)
    clinicians = User.objects.bulk_create(
        [User(username=f"dr{n:03}", role=Role.CLINICIAN, password="!") for n in range(CLINICIANS)]
    )
    now = timezone.now()
    CareLink.objects.bulk_create(
        [
            CareLink(
                clinician=clinicians[n % CLINICIANS],
                patient_id=pid,
                status=CareLink.Status.ACTIVE,
                channel=CareLink.Channel.CODE,
                secret_hash=uuid.uuid4().hex,
                expires_at=now,
                consent_at=now,
            )
            for n, pid in enumerate(pids)
        ]
    )
    people = [
        Person(tokens.create_token(u, "bench", "write")[1], v.pk)
        for u, v in zip(users, versions, strict=True)
    ]
    doctors = [Person(tokens.create_token(c, "bench", "read")[1]) for c in clinicians]
    entries = {s.number: _log_entries(s) for s in sessions}
    return Seeded(people, doctors, entries)


def _seed_logs(
    pids: list[int], versions: list[Any], tpl_logs: list[Any], tpl_ex: list[list[Any]], rng: Any
) -> None:
    """About three sessions a week for ``DAYS`` days, each with its exercises and, for
    most, a next-morning check; pain and effort drift as people improve."""
    from django.utils import timezone

    from spinewise.training.models import ExerciseLog, MorningCheck, SessionLog

    today = timezone.localdate()
    per_session = len(tpl_logs)
    batch = max(1, 20_000 // max(1, DAYS // 2))
    for first in range(0, len(pids), batch):
        logs: list[Any] = []
        meta: list[tuple[int, float]] = []
        for pid, version in zip(
            pids[first : first + batch], versions[first : first + batch], strict=True
        ):
            day = today - timedelta(days=DAYS)
            k = 0
            while day < today:
                tpl = tpl_logs[k % per_session]
                moment = timezone.make_aware(datetime.combine(day, dtime(18, 0)))
                logs.append(
                    _copy(
                        tpl,
                        patient_id=pid,
                        version_id=version.pk,
                        performed_on=day,
                        created_at=moment,
                        token=uuid.uuid4(),
                        resulting_version_id=None,
                        screening_id=None,
                        # History as the services leave it: each past session was
                        # progressed after its morning check or the next session.
                        progressed_at=moment + timedelta(hours=14),
                        progression_note="Everything stays the same for now.",
                    )
                )
                meta.append((k % per_session, (today - day).days / DAYS))
                day += timedelta(days=rng.choice((2, 2, 3)))
                k += 1
        saved = SessionLog.objects.bulk_create(logs, batch_size=5000)
        exercises, checks = [], []
        for log, (n, age) in zip(saved, meta, strict=True):
            pain = min(8, max(0, round(1.5 + 3 * age + rng.uniform(-1.5, 1.5))))
            for ex in tpl_ex[n]:
                exercises.append(
                    _copy(
                        ex,
                        session_log_id=log.pk,
                        rpe=rng.randint(2, 7),
                        pain_during=pain,
                        pain_next_morning=max(0, pain - 1),
                    )
                )
            if rng.random() < 0.8:
                checks.append(
                    MorningCheck(
                        patient_id=log.patient_id,
                        session_log_id=log.pk,
                        pain_now=max(0, pain - 1),
                        created_at=log.created_at + timedelta(hours=14),
                    )
                )
        ExerciseLog.objects.bulk_create(exercises, batch_size=5000)
        MorningCheck.objects.bulk_create(checks, batch_size=5000)


# --- load -------------------------------------------------------------------------------


@dataclass
class Timings:
    samples: dict[str, list[float]] = field(default_factory=dict)
    errors: dict[str, int] = field(default_factory=dict)
    first_error: dict[str, str] = field(default_factory=dict)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, name: str, seconds: float, ok: bool, problem: str = "") -> None:
        with self.lock:
            self.samples.setdefault(name, []).append(seconds)
            if not ok:
                self.errors[name] = self.errors.get(name, 0) + 1
                self.first_error.setdefault(name, problem)


Request = tuple[str, str, str, dict[str, str], bytes | None]  # name, method, path, headers, body


def request_for(name: str, seeded: Seeded, rng: random.Random) -> Request:
    if name == "ceiling":
        return name, "GET", "/api/v1/", {}, None
    if name == "caseload":
        doctor = rng.choice(seeded.clinicians)
        return name, "GET", "/api/v1/clinician/caseload", _auth(doctor), None
    person = rng.choice(seeded.patients)
    if name == "today":
        return name, "GET", "/api/v1/patients/me/today", _auth(person), None
    if name == "progress":
        return name, "GET", "/api/v1/patients/me/progress", _auth(person), None
    number = rng.choice(sorted(seeded.entries))
    body = {
        "session_number": number,
        "version_id": person.version_id,
        "exercises": seeded.entries[number],
    }
    headers = {
        **_auth(person),
        "Content-Type": "application/json",
        "Idempotency-Key": str(uuid.uuid4()),
    }
    return name, "POST", "/api/v1/patients/me/session-logs", headers, json.dumps(body).encode()


def _auth(person: Person) -> dict[str, str]:
    return {"Authorization": f"Bearer {person.token}"}


def client(
    port: int, pick: Callable[[random.Random], Request], until: float, timings: Timings, seed: int
) -> None:
    rng = random.Random(seed)
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    while time.monotonic() < until:
        name, method, path, headers, body = pick(rng)
        began = time.perf_counter()
        try:
            conn.request(method, path, body=body, headers=headers)
            response = conn.getresponse()
            content = response.read()
            ok = 200 <= response.status < 300
            problem = f"{response.status} {content[:200]!r}"
        except (OSError, http.client.HTTPException) as exc:
            conn.close()
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
            ok, problem = False, repr(exc)
        timings.add(name, time.perf_counter() - began, ok, problem)
    conn.close()


def run_phase(port: int, pick: Callable[[random.Random], Request]) -> tuple[Timings, float]:
    timings = Timings()
    began = time.monotonic()
    until = began + SECONDS
    threads = [
        threading.Thread(target=client, args=(port, pick, until, timings, n))
        for n in range(CLIENTS)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return timings, time.monotonic() - began


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def report(title: str, timings: Timings, elapsed: float, ceiling: float | None) -> dict[str, float]:
    rates = {}
    print(f"\n{title} ({CLIENTS} clients, {elapsed:.1f} s)")
    print(
        f"{'endpoint':<10} {'req/s':>8} {'p50 ms':>8} {'p99 ms':>8} {'errors':>7} {'/ceiling':>9}"
    )
    for name, values in sorted(timings.samples.items()):
        rate = len(values) / elapsed
        rates[name] = rate
        share = f"{rate / ceiling:.0%}" if ceiling else "-"
        print(
            f"{name:<10} {rate:>8.1f} {percentile(values, 0.5) * 1000:>8.1f} "
            f"{percentile(values, 0.99) * 1000:>8.1f} {timings.errors.get(name, 0):>7} {share:>9}"
        )
    for name, problem in sorted(timings.first_error.items()):
        print(f"  first {name} error: {problem}")
    return rates


SERVER = (
    "import sys; from waitress.runner import run; "
    "run(['waitress-serve', *sys.argv[1:], 'spinewise.wsgi:application'])"
)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def wait_for(url: str, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while True:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:  # noqa: S310 - loopback
                if response.status == 200:
                    return
        except OSError:
            if time.monotonic() > deadline:
                raise
        time.sleep(0.2)


def _seeded(var: str) -> Seeded:
    """Seed the database in ``var``, or reuse one an earlier run kept there.

    ``API_BENCH_VAR`` names a folder to keep the database in between runs, so that
    working on one endpoint does not cost two minutes of seeding each time (runs that
    log sessions add to it, so a kept database slowly grows).
    """
    saved = Path(var) / "seeded.json"
    if saved.exists():
        data = json.loads(saved.read_text())
        print(f"reusing the database seeded in {var}")
        import django
        from django.core.management import call_command

        django.setup()
        call_command("migrate", verbosity=0, interactive=False)  # code may have moved on
        return Seeded(
            [Person(**p) for p in data["patients"]],
            [Person(**p) for p in data["clinicians"]],
            {int(k): v for k, v in data["entries"].items()},
        )
    began = time.monotonic()
    seeded = seed()
    print(
        f"seeded {PATIENTS} patients x {DAYS} days of logs, {CLINICIANS} clinicians "
        f"in {time.monotonic() - began:.0f} s"
    )
    saved.write_text(
        json.dumps(
            {
                "patients": [vars(p) for p in seeded.patients],
                "clinicians": [vars(p) for p in seeded.clinicians],
                "entries": seeded.entries,
            }
        )
    )
    return seeded


def main() -> None:
    kept = os.environ.get("API_BENCH_VAR")
    if kept:
        Path(kept).mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="spinewise-apibench-") as tmp:
        var = kept or tmp
        os.environ.pop("DATABASE_URL", None)
        os.environ.update(
            SPINEWISE_VAR_DIR=var,
            SPINEWISE_ENV="local",
            DJANGO_SETTINGS_MODULE="spinewise.settings",
        )
        sys.path.insert(0, str(REPO))
        seeded = _seeded(var)
        print(f"waitress threads={SERVER_THREADS}")
        port = free_port()
        log = (Path(var) / "server.log").open("wb")
        server = subprocess.Popen(
            [
                sys.executable,
                "-c",
                SERVER,
                f"--listen=127.0.0.1:{port}",
                f"--threads={SERVER_THREADS}",
            ],
            cwd=REPO,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        try:
            wait_for(f"http://127.0.0.1:{port}/api/v1/")
            _run_all(port, seeded)
            server_work(seeded)
        finally:
            server.terminate()
            server.wait(timeout=30)
            log.close()


def _run_all(port: int, seeded: Seeded) -> None:
    def only(name: str) -> Callable[[random.Random], Request]:
        return lambda rng: request_for(name, seeded, rng)

    timings, elapsed = run_phase(port, only("ceiling"))
    ceiling = report("ceiling: GET /api/v1/", timings, elapsed, None)["ceiling"]
    alone: dict[str, float] = {}
    p99: dict[str, float] = {}
    for name in ENDPOINTS:
        timings, elapsed = run_phase(port, only(name))
        alone |= report(f"{name} alone", timings, elapsed, ceiling)
        p99[name] = percentile(timings.samples[name], 0.99)
    if len(ENDPOINTS) < len(MIX):
        return  # a partial run (API_BENCH_ONLY) has no mix and judges no targets
    names = [n for n, _ in MIX]
    weights = [w for _, w in MIX]
    timings, elapsed = run_phase(
        port, lambda rng: request_for(rng.choices(names, weights)[0], seeded, rng)
    )
    report("mix (40 % today, 20 % log, 25 % progress, 15 % caseload)", timings, elapsed, ceiling)
    print("\ntargets")
    for name in ("log", "today"):
        share = alone[name] / ceiling
        print(
            f"  {name} alone / ceiling: {share:.0%} (target >= 50 %): {'met' if share >= 0.5 else 'NOT met'}"
        )
    caseload_p99 = p99["caseload"] * 1000
    print(
        f"  caseload p99 alone: {caseload_p99:.0f} ms (target < 100 ms): "
        f"{'met' if caseload_p99 < 100 else 'NOT met'}"
    )


def server_work(seeded: Seeded, calls: int = 200) -> None:
    """Median time of one request handled in this process, one at a time: the server's own
    work per request, without queueing, HTTP parsing or the load generator's share of the
    two cores. Logs are sessions of random patients, as in the load phases."""
    import django

    django.setup()
    from django.test import Client

    client = Client(HTTP_HOST="127.0.0.1")
    rng = random.Random(11)
    print(f"\nserver work per request, in process, one at a time ({calls} calls each)")
    print(f"{'endpoint':<10} {'median ms':>10} {'x ceiling':>10}")
    medians: dict[str, float] = {}
    for name in ("ceiling", "today", "progress", "caseload", "log"):
        times = []
        for _ in range(calls):
            _, method, path, headers, body = request_for(name, seeded, rng)
            meta = {
                "HTTP_" + key.upper().replace("-", "_"): value
                for key, value in headers.items()
                if key != "Content-Type"
            }
            began = time.perf_counter()
            response = client.generic(
                method, path, data=body or b"", content_type="application/json", **meta
            )
            times.append(time.perf_counter() - began)
            assert 200 <= response.status_code < 300, response.content[:200]
        medians[name] = percentile(times, 0.5)
        print(
            f"{name:<10} {medians[name] * 1000:>10.2f} {medians[name] / medians['ceiling']:>10.1f}"
        )
