"""API load benchmark: a seeded database, the production server, 32 clients on loopback.

Seeds a fresh database (``bench/api_seed.py``: SQLite in a temporary directory, or the
PostgreSQL database of ``DATABASE_URL``, which must be empty), starts the product's own
server, ``manage.py serve`` (gunicorn: worker processes x threads and the background-work
process; or waitress), on a free loopback port and drives it with client threads over
keep-alive ``http.client`` connections, each request as its own person: the API with the
person's bearer token, the pages with their browser session cookie. Phases, each
``API_BENCH_SECONDS`` long:

- ceiling: ``GET /api/v1/`` (the same server's bare JSON endpoint);
- each endpoint alone: today's session (``today``), logging a session (``log``, POST with
  Idempotency-Key), the progress summary (``progress``), the clinician caseload
  (``caseload``), the Today page ``GET /`` (``today_page``) and the caseload page
  ``GET /clinic/``, first page (``caseload_page``);
- the mix: 40 % today, 20 % log, 25 % progress, 15 % caseload.

Reports requests/s and p50 / p99 latency per endpoint, each endpoint's throughput as a
share of the ceiling, the issue's targets met or not, and the server work per request in
process. Then the growth run (``bench/api_growth.py``): server work in process on a second
database of ``API_BENCH_GROWTH_PATIENTS`` patients, against the first. Environment:

  API_BENCH_PATIENTS=500   API_BENCH_DAYS=365  API_BENCH_CLINICIANS=1
  API_BENCH_SECONDS=30     API_BENCH_CLIENTS=32
  API_BENCH_SERVER=gunicorn|waitress  API_BENCH_WORKERS=<cores> (gunicorn)
  API_BENCH_THREADS=4 (gunicorn, per worker) or 8 (waitress)
  API_BENCH_GROWTH_PATIENTS=5000 (0: no growth run)
  API_BENCH_VAR=<folder> keeps the seeded database there for the next run
  API_BENCH_ONLY=today,log measures only those endpoints (no mix)
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
from pathlib import Path

from bench.api_seed import Person, Seeded
from bench.api_seed import seeded as seed_or_reuse

REPO = Path(__file__).resolve().parent.parent
PATIENTS = int(os.environ.get("API_BENCH_PATIENTS", "500"))
DAYS = int(os.environ.get("API_BENCH_DAYS", "365"))
CLINICIANS = int(os.environ.get("API_BENCH_CLINICIANS", "1"))
SECONDS = float(os.environ.get("API_BENCH_SECONDS", "30"))
CLIENTS = int(os.environ.get("API_BENCH_CLIENTS", "32"))
SERVER = os.environ.get("API_BENCH_SERVER", "gunicorn")
WORKERS = int(os.environ.get("API_BENCH_WORKERS", str(os.cpu_count() or 1)))
SERVER_THREADS = int(os.environ.get("API_BENCH_THREADS", "4" if SERVER == "gunicorn" else "8"))
MIX = (("today", 40), ("log", 20), ("progress", 25), ("caseload", 15))
PAGES = ("today_page", "caseload_page")
ALL = ("today", "log", "progress", "caseload", *PAGES)
# API_BENCH_ONLY=today,log measures just those endpoints (and the ceiling), for work on one.
ENDPOINTS = [n for n in os.environ.get("API_BENCH_ONLY", ",".join(ALL)).split(",") if n in ALL]


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
    if name in ("caseload", "caseload_page"):
        doctor = rng.choice(seeded.clinicians)
        if name == "caseload_page":
            return name, "GET", "/clinic/", {"Cookie": doctor.cookie}, None
        return name, "GET", "/api/v1/clinician/caseload", _auth(doctor), None
    person = rng.choice(seeded.patients)
    if name == "today_page":
        return name, "GET", "/", {"Cookie": person.cookie}, None
    if name == "today":
        return name, "GET", "/api/v1/patients/me/today", _auth(person), None
    if name == "progress":
        return name, "GET", "/api/v1/patients/me/progress", _auth(person), None
    try:  # a session not logged yet on a day the product still takes (pop: thread-safe)
        index, number, day = seeded.free.pop()
        person = seeded.patients[index]
    except IndexError:  # all taken: the product answers 409 already_logged
        number, day = rng.choice(sorted(seeded.entries)), ""
    body = {
        "session_number": number,
        "version_id": person.version_id,
        "exercises": seeded.entries[number],
        **({"performed_on": day} if day else {}),
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
        f"{'endpoint':<14} {'req/s':>8} {'p50 ms':>8} {'p99 ms':>8} {'errors':>7} {'/ceiling':>9}"
    )
    for name, values in sorted(timings.samples.items()):
        rate = len(values) / elapsed
        rates[name] = rate
        share = f"{rate / ceiling:.0%}" if ceiling else "-"
        print(
            f"{name:<14} {rate:>8.1f} {percentile(values, 0.5) * 1000:>8.1f} "
            f"{percentile(values, 0.99) * 1000:>8.1f} {timings.errors.get(name, 0):>7} {share:>9}"
        )
    for name, problem in sorted(timings.first_error.items()):
        print(f"  first {name} error: {problem}")
    return rates


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


def start_server(var: str) -> tuple[subprocess.Popen[bytes], int]:
    """``manage.py serve`` on a free loopback port, its output in ``var/server.log``."""
    port = free_port()
    command = [
        sys.executable,
        "manage.py",
        "serve",
        f"--listen=127.0.0.1:{port}",
        f"--server={SERVER}",
        f"--threads={SERVER_THREADS}",
    ]
    if SERVER == "gunicorn":
        command.append(f"--workers={WORKERS}")
        shape = f"{WORKERS} worker processes x {SERVER_THREADS} threads, background work apart"
    else:
        shape = f"1 process x {SERVER_THREADS} threads, background work as threads"
    print(f"server: manage.py serve --server={SERVER} ({shape})")
    with (Path(var) / "server.log").open("wb") as log:
        server = subprocess.Popen(command, cwd=REPO, stdout=log, stderr=subprocess.STDOUT)
    wait_for(f"http://127.0.0.1:{port}/api/v1/")
    first = (Path(var) / "server.log").read_text(errors="replace").strip().splitlines()
    print(f"  it says: {first[0] if first else '(nothing)'}")
    return server, port


def stop_server(server: subprocess.Popen[bytes]) -> None:
    server.terminate()  # the arbiter stops its workers and the background work
    try:
        server.wait(timeout=40)
    except subprocess.TimeoutExpired:
        server.kill()
        server.wait()


def main() -> None:
    from bench import api_growth

    kept = os.environ.get("API_BENCH_VAR")
    if kept:
        Path(kept).mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="spinewise-apibench-") as tmp:
        var = kept or tmp
        os.environ.update(
            SPINEWISE_VAR_DIR=var,
            SPINEWISE_ENV="local",
            DJANGO_SETTINGS_MODULE="spinewise.settings",
        )
        sys.path.insert(0, str(REPO))
        database = "PostgreSQL (DATABASE_URL)" if os.environ.get("DATABASE_URL") else "SQLite"
        print(f"database: {database}")
        people = seed_or_reuse(var, PATIENTS, DAYS, CLINICIANS)
        server, port = start_server(var)
        try:
            _run_all(port, people)
        finally:
            stop_server(server)
        first = server_work(people)
        api_growth.run(var, first)


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
        drain_background_work(name)
    if all(name in ENDPOINTS for name, _ in MIX):
        names = [n for n, _ in MIX]
        weights = [w for _, w in MIX]
        timings, elapsed = run_phase(
            port, lambda rng: request_for(rng.choices(names, weights)[0], seeded, rng)
        )
        title = "mix (40 % today, 20 % log, 25 % progress, 15 % caseload)"
        report(title, timings, elapsed, ceiling)
        drain_background_work("the mix")
    targets(alone, p99, ceiling)


def drain_background_work(after: str, limit: float = 300) -> None:
    """Wait until the server's background work (the job queue) is done, so the next phase
    does not pay for this one's; say how much there was and how long it took."""
    from spinewise.jobs.models import Job

    waiting = Job.objects.filter(done_at__isnull=True, failed_at__isnull=True)
    left = waiting.count()
    if not left:
        return
    began = time.monotonic()
    while waiting.exists() and time.monotonic() - began < limit:
        time.sleep(0.2)
    took = time.monotonic() - began
    still = waiting.count()
    print(
        f"  background work after {after}: {left} jobs waiting at the end of the phase, "
        f"done {took:.1f} s later" + (f" ({still} still waiting)" if still else "")
    )


# (endpoint, "share" of the ceiling alone at least / "p99" in ms below, the figure)
TARGETS = (
    ("log", "share", 0.20),
    ("log", "p99", 250),
    ("today", "share", 0.50),
    ("today_page", "share", 0.20),
    ("caseload_page", "share", 0.20),
    ("caseload", "p99", 100),
    ("caseload_page", "p99", 100),
)


def targets(alone: dict[str, float], p99: dict[str, float], ceiling: float) -> None:
    print(f"\ntargets (each endpoint alone, {CLIENTS} clients)")
    for name, kind, goal in TARGETS:
        if name not in alone:
            continue
        if kind == "share":
            share = alone[name] / ceiling
            met = share >= goal
            text = f"{name} / ceiling: {share:.0%} (target >= {goal:.0%})"
        else:
            ms = p99[name] * 1000
            met = ms < goal
            text = f"{name} p99: {ms:.0f} ms (target < {goal:.0f} ms)"
        print(f"  {text}: {'met' if met else 'NOT met'}")


WORK = ("ceiling", "today", "today_page", "progress", "caseload", "caseload_page", "log")


def server_work(seeded: Seeded, calls: int = 200) -> dict[str, float]:
    """Median time of one request handled in this process, one at a time: the server's own
    work per request, without queueing, HTTP parsing or the load generator's share of the
    two cores. Requests are of random people, as in the load phases. Returns the medians
    in seconds."""
    import django

    django.setup()
    from django.test import Client

    client = Client(HTTP_HOST="127.0.0.1")
    rng = random.Random(11)
    print(f"\nserver work per request, in process, one at a time ({calls} calls each)")
    print(f"{'endpoint':<14} {'median ms':>10} {'x ceiling':>10}")
    medians: dict[str, float] = {}
    for name in WORK:
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
            assert 200 <= response.status_code < 300, (
                name,
                response.status_code,
                response.content[:200],
            )
        medians[name] = percentile(times, 0.5)
        print(
            f"{name:<14} {medians[name] * 1000:>10.2f} {medians[name] / medians['ceiling']:>10.1f}"
        )
    return medians
