"""Reading the database while Playwright's sync API runs: Django refuses ORM calls on a
thread with a running event loop, so they run on a thread of their own."""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import TypeVar

from django.db import connection

from spinewise.patients.models import Patient
from spinewise.training.models import SessionLog

T = TypeVar("T")


def off_the_loop(read: Callable[[], T]) -> T:
    """``read()`` on another thread, with its own connection closed afterwards (so the live
    server never waits for it)."""

    def run() -> T:
        try:
            return read()
        finally:
            connection.close()

    with ThreadPoolExecutor(1) as pool:
        return pool.submit(run).result()


def logs_on_server(patient: Patient) -> int:
    """How many session logs ``patient`` has, asked from inside a browser test."""
    return off_the_loop(lambda: SessionLog.objects.filter(patient=patient).count())
