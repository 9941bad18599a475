"""The growth run of the API benchmark: does the cost per request grow with the clinic?

After the first run (``API_BENCH_PATIENTS``, load phases and server work), a second
database is seeded with ``API_BENCH_GROWTH_PATIENTS`` patients (default 5,000; 0 skips the
run), the same ``API_BENCH_DAYS`` of history, and the clinicians scaled with it, so each
clinician's caseload is as large as in the first run (with the defaults, 10 clinicians of
500 patients each: a bigger clinic, not a bigger caseload). Only the server work in process
is measured there (no load phases, to keep ``make bench`` affordable), in a process of its
own (``python -m bench.api_growth``: a fresh Django, its own database settings), and set
against the first run: Today (API and page), log and the first caseload page (API and
page) should cost at most 1.2x.

SQLite: the second database lives in a folder of its own (under ``API_BENCH_VAR`` when it
is set, so it is kept and reused). PostgreSQL: a database named after ``DATABASE_URL``'s
with ``_growth`` appended is created for the run and dropped after it (kept with
``API_BENCH_VAR``).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

GROWTH = int(os.environ.get("API_BENCH_GROWTH_PATIENTS", "5000"))
LIMIT = 1.2
JUDGED = ("today", "today_page", "log", "caseload", "caseload_page")


def run(var: str, first: dict[str, float]) -> None:
    from bench.api_bench import CLINICIANS, PATIENTS, REPO

    if GROWTH <= 0:
        return
    clinicians = max(1, round(CLINICIANS * GROWTH / PATIENTS))
    folder = Path(var) / f"growth-{GROWTH}"
    folder.mkdir(exist_ok=True)
    out = folder / "server_work.json"
    out.unlink(missing_ok=True)
    env = {
        **os.environ,
        "SPINEWISE_VAR_DIR": str(folder),
        "API_BENCH_PATIENTS": str(GROWTH),
        "API_BENCH_CLINICIANS": str(clinicians),
        "API_BENCH_GROWTH_OUT": str(out),
    }
    url = os.environ.get("DATABASE_URL")
    if url:
        env["DATABASE_URL"] = _pg_database(url, create=True)
    print(f"\n== growth: {GROWTH} patients, {clinicians} clinicians (server work only)")
    sys.stdout.flush()
    try:
        subprocess.run([sys.executable, "-m", "bench.api_growth"], cwd=REPO, env=env, check=True)
    finally:
        if url and not os.environ.get("API_BENCH_VAR"):
            _pg_database(url, create=False)
    second = json.loads(out.read_text())
    print(f"\ngrowth: server work in process, {PATIENTS} vs {GROWTH} patients")
    print(
        f"{'endpoint':<14} {f'ms at {PATIENTS}':>10} {f'ms at {GROWTH}':>10} "
        f"{'ratio':>6}  target <= {LIMIT}x"
    )
    for name, before in first.items():
        ratio = second[name] / before
        verdict = ("met" if ratio <= LIMIT else "NOT met") if name in JUDGED else "-"
        print(
            f"{name:<14} {before * 1000:>10.2f} {second[name] * 1000:>10.2f} "
            f"{ratio:>5.2f}x  {verdict}"
        )


def _pg_database(url: str, create: bool) -> str:
    """The growth database's URL; created empty (``create``) or dropped."""
    import psycopg

    parts = urlsplit(url)
    name = parts.path.lstrip("/") + "_growth"
    kept = bool(os.environ.get("API_BENCH_VAR"))
    with psycopg.connect(url, autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,)).fetchone()
        if exists and not (create and kept):
            conn.execute(f'DROP DATABASE "{name}"')
            exists = None
        if create and not exists:
            conn.execute(f'CREATE DATABASE "{name}"')
    return urlunsplit(parts._replace(path="/" + name))


def child() -> None:
    """In the growth process: seed (or reuse) the database, measure, write the medians."""
    from bench.api_bench import DAYS, REPO, server_work
    from bench.api_seed import seeded

    sys.path.insert(0, str(REPO))
    folder = os.environ["SPINEWISE_VAR_DIR"]
    people = seeded(
        folder,
        int(os.environ["API_BENCH_PATIENTS"]),
        DAYS,
        int(os.environ["API_BENCH_CLINICIANS"]),
    )
    medians = server_work(people)
    Path(os.environ["API_BENCH_GROWTH_OUT"]).write_text(json.dumps(medians))


if __name__ == "__main__":
    child()
