"""schemathesis against a live Spinewise server: every operation, zero server errors and
zero responses that break the schema.

    .venv/bin/python -m tests.api.fuzz_live [--max-examples N] [--max-time S]

Builds a throwaway SQLite database in a temporary directory (DATABASE_URL is ignored, so
CI's databases are never touched), seeds a patient with a programme and history, starts
the production WSGI server (waitress) on a free loopback port, and runs ``schemathesis
run`` over the live ``/api/v1/openapi.json`` as that patient with a write token, with
every check schemathesis has except the few listed in ``EXCLUDED_CHECKS`` (each with its
reason). The exit status is schemathesis's: 0 when nothing was found.
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
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
BIG_ID = 2**62 + 4242  # far from any id the fuzzer tries, so it cannot revoke its own token

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


def seed() -> str:
    """A patient with a screening, a programme, logs and a check-in; their write token."""
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)
    from tests.api.conftest import build_world

    from spinewise.api.models import PersonalAccessToken

    world = build_world()
    PersonalAccessToken.objects.filter(pk=world.token_id).update(id=BIG_ID)
    return world.write_token


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
        token = seed()
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
            command = [
                str(BIN / "schemathesis"),
                "run",
                f"{base}/api/v1/openapi.json",
                "--header",
                f"Authorization: Bearer {token}",
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
            status = subprocess.run(command, cwd=REPO).returncode
            if status != 0:
                report_server(server, log_path)
            return status
        finally:
            server.terminate()
            server.wait(timeout=30)
            log.close()


if __name__ == "__main__":
    raise SystemExit(main())
