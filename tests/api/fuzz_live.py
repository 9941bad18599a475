"""schemathesis against a live Spinewise server: every operation, zero server errors and
zero responses that break the schema.

    .venv/bin/python -m tests.api.fuzz_live [--max-examples N] [--max-time S]

Builds a throwaway SQLite database in a temporary directory (DATABASE_URL is ignored, so
CI's databases are never touched), seeds a patient with a programme and history, starts
the production WSGI server (waitress) on a free loopback port, and runs ``schemathesis
run`` over the live ``/api/v1/openapi.json`` in three passes, with every check
schemathesis has except the few listed in ``EXCLUDED_CHECKS`` (each with its reason):

1. as a clinician the patient linked with (a write token, ``If-Match: *`` so programme
   edits get past the ETag check, ``{patient}`` and ``{alert_id}`` pinned to the linked
   patient and their open alert), so the clinician's operations are fuzzed past 403/404.
   Ending links is left to the patient's pass (the rest of this one would be 404);
2. as that patient with a write token: every operation but revoking a token, with the
   stateful phase following the schema's links (this pass may end the link);
3. revoking tokens, as a third person whose token it may revoke: schemathesis finds the
   caller's own token id in the token list, and everything after that would be 401.

The exit status is 0 only when no pass found anything.
"""

from __future__ import annotations

import argparse
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent

EXCLUDED_CHECKS = {
    # Schema-valid input the domain still refuses: a session for a day more than 14 days
    # ago, an exercise position the session does not have, a second morning check, a
    # baseline while the screening says "see a doctor". These are 409/422 by design.
    "positive_data_acceptance": "domain rules refuse some schema-valid requests (409/422)",
    # The fuzzer's own writes (an emergency screening answer, say) legitimately change
    # what a later identical read returns.
    "ensure_resource_availability": "writes by earlier requests change later answers",
    "use_after_free": "revoked tokens and other patients' ids are 401/404 on purpose",
}


# The production server, able to print every thread's stack on SIGUSR1 (to see a hang).
SERVER = (
    "import faulthandler, signal, sys; "
    "faulthandler.register(signal.SIGUSR1, all_threads=True); "
    "from waitress.runner import run; "
    "run(['waitress-serve', *sys.argv[1:], 'spinewise.wsgi:application'])"
)
# Django logs every 4xx as a warning line; they are expected here.
QUIET = (
    "Bad Request:",
    "Unauthorized:",
    "Forbidden:",
    "Not Found:",
    "Method Not Allowed:",
    "Conflict:",
    "Precondition",
    "Request Entity Too Large:",
    "Unprocessable",
    "Too Many Requests:",
)


def report_server(server: subprocess.Popen[bytes], log_path: Path) -> None:
    """After a failed run: the server's errors and what each of its threads is doing."""
    if server.poll() is None:
        server.send_signal(signal.SIGUSR1)
        time.sleep(1)
    lines = log_path.read_text(errors="replace").splitlines()
    interesting = [line for line in lines if not line.startswith(QUIET)]
    print("\n== server log (errors and thread stacks) ==", file=sys.stderr)
    print("\n".join(interesting[-400:]), file=sys.stderr)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass(frozen=True)
class Pass:
    """One ``schemathesis run``: its ``run`` options and, where one is needed, a config file."""

    name: str
    options: list[str]
    config: Path | None = None


@dataclass
class Seeded:
    patient_token: str
    clinician_token: str
    revoker_token: str
    patient_id: int
    alert_id: int


def seed() -> Seeded:
    """A patient with a screening, a programme, logs, a check-in and an open alert, linked
    with a clinician; their write tokens, and a third person's for revoking tokens."""
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)
    from tests.api.conftest import build_world, make_user

    from spinewise.accounts.models import Role
    from spinewise.api.tokens import create_token
    from spinewise.clinician.models import Alert
    from spinewise.sharing.invitations import accept, invite_with_code

    world = build_world()
    clinician = make_user("fuzz_dr", Role.CLINICIAN)
    link, _ = invite_with_code(clinician)
    accept(link, world.owner)
    alert = Alert.objects.create(
        patient=world.owner, kind="sharp_pain", reason="Sharp pain reported.", event_key="fuzz"
    )
    _, secret = create_token(clinician, "fuzz", "write")
    _, revoker = create_token(make_user("fuzz_revoker"), "fuzz", "write")
    return Seeded(world.write_token, secret, revoker, world.owner.pk, alert.pk)


def wait_for(url: str, seconds: float = 30) -> None:
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


def passes(seeded: Seeded, var: Path) -> list[Pass]:
    """The clinician's pass first, as the patient's stateful phase may end the link it
    needs; revoking tokens last and alone."""
    pinned = var / "clinician.toml"
    pinned.write_text(
        f'[parameters]\n"path.patient" = {seeded.patient_id}\n"path.alert_id" = {seeded.alert_id}\n'
    )
    return [
        Pass(
            "as the linked clinician",
            [
                "--header",
                f"Authorization: Bearer {seeded.clinician_token}",
                "--header",
                "If-Match: *",
                # Valid data only: a pinned {patient} turns a "wrong type" negative case
                # into a valid request. Negative cases of these operations run in pass 2
                # (input is validated before who may call is decided).
                "--mode",
                "positive",
                # Its stateful phase reports the pinned requests as "schema-violating
                # request accepted" (schemathesis 4.32): the patient's pass runs it.
                "--phases",
                "examples,coverage,fuzzing",
                "--exclude-path-regex",
                "^/api/v1/(sharing/links|clinician/links|tokens/)",
            ],
            config=pinned,
        ),
        Pass(
            "as the patient",
            [
                "--header",
                f"Authorization: Bearer {seeded.patient_token}",
                "--exclude-path-regex",
                "^/api/v1/tokens/",
            ],
        ),
        Pass(
            "revoking tokens",
            [
                "--header",
                f"Authorization: Bearer {seeded.revoker_token}",
                "--include-path-regex",
                "^/api/v1/tokens/",
                "--phases",
                "examples,coverage,fuzzing",  # one operation: no links to follow
            ],
        ),
    ]


def schemathesis(base: str, one: Pass, args: argparse.Namespace) -> int:
    """One ``schemathesis run`` over the live schema; its exit status."""
    config = [f"--config-file={one.config}"] if one.config else []
    command = [
        str(BIN / "schemathesis"),
        *config,
        "run",
        f"{base}/api/v1/openapi.json",
        *one.options,
        "--checks",
        "all",
        "--exclude-checks",
        ",".join(EXCLUDED_CHECKS),
        "--max-examples",
        str(args.max_examples),
        "--workers",
        "1",
        "--suppress-health-check",
        "too_slow",
    ]
    if args.max_time:
        command += ["--max-time", str(args.max_time)]
    if args.seed is not None:
        command += ["--seed", str(args.seed)]
    shown = ["Authorization: Bearer …" if "Bearer" in c else c for c in command]
    print("$", " ".join(shown), flush=True)
    return subprocess.run(command, cwd=REPO, check=False).returncode


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--max-examples", type=int, default=25)
    parser.add_argument("--max-time", type=int, default=None, help="seconds for the whole run")
    parser.add_argument("--seed", type=int, default=None, help="hypothesis seed (repeatable)")
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory(prefix="spinewise-fuzz-") as var:
        os.environ.pop("DATABASE_URL", None)
        os.environ.update(
            SPINEWISE_VAR_DIR=var,
            SPINEWISE_ENV="local",
            DJANGO_SETTINGS_MODULE="spinewise.settings",
        )
        sys.path.insert(0, str(REPO))
        seeded = seed()
        port = free_port()
        log_path = Path(var) / "server.log"
        log = log_path.open("wb")
        server = subprocess.Popen(
            [sys.executable, "-c", SERVER, f"--listen=127.0.0.1:{port}", "--threads=4"],
            cwd=REPO,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        try:
            base = f"http://127.0.0.1:{port}"
            wait_for(f"{base}/healthz")
            status = 0
            for one in passes(seeded, Path(var)):
                print(f"\n== schemathesis: {one.name} ==", flush=True)
                result = schemathesis(base, one, args)
                if result != 0:
                    report_server(server, log_path)
                    status = status or result
            return status
        finally:
            server.terminate()
            server.wait(timeout=30)
            log.close()


if __name__ == "__main__":
    raise SystemExit(main())
