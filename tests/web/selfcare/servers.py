"""Helpers for the tests that start a real server process on a database file of its own."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

REPO = Path(__file__).resolve().parents[3]
MANAGE = [sys.executable, str(REPO / "manage.py")]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def migrated_env(tmp_path: Path, **extra: str) -> dict[str, str]:
    """The environment of a server on its own SQLite file in ``tmp_path``, migrated."""
    env = {**os.environ, "SPINEWISE_VAR_DIR": str(tmp_path), "PYTHONUNBUFFERED": "1", **extra}
    env.pop("DATABASE_URL", None)  # its own SQLite file, not the test database
    subprocess.run([*MANAGE, "migrate", "-v0"], env=env, check=True, timeout=120)
    return env


def health(port: int, tries: int = 150) -> str:
    """The body of ``/healthz`` once the server answers (empty if it never did)."""
    for _ in range(tries):
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2) as r:
                return str(r.read().decode())
        except OSError:
            time.sleep(0.1)
    return ""
