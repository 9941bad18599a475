"""The embedded reminder loop: a background thread that runs the job every minute.

``make run`` (the ``serve`` command) starts it next to the web server, so a single
process needs no extra service. With Celery beat running the job instead, turn it off
with ``SPINEWISE_EMBEDDED_REMINDERS=0``; running both is harmless (each reminder is
claimed once in the database), only wasteful.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable

from django.db import connections

logger = logging.getLogger("spinewise.reminders")

DEFAULT_INTERVAL_SECONDS = 60.0


class ReminderLoop:
    """Runs ``job`` now and then every ``interval`` seconds until :meth:`stop`."""

    def __init__(
        self,
        interval: float = DEFAULT_INTERVAL_SECONDS,
        job: Callable[[], int] | None = None,
    ) -> None:
        if job is None:
            from .sending import send_due_reminders

            job = send_due_reminders
        self.interval = interval
        self.job = job
        self.runs = 0
        self._stopping = threading.Event()
        self._thread: threading.Thread | None = None

    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def start(self) -> ReminderLoop:
        # A daemon thread never keeps the process alive if stop() is somehow skipped.
        self._thread = threading.Thread(target=self._run, name="spinewise-reminders", daemon=True)
        self._thread.start()
        return self

    def stop(self, timeout: float = 30.0) -> None:
        """Ask the loop to finish and wait for the run in progress (if any) to end."""
        self._stopping.set()
        if self._thread is not None:
            self._thread.join(timeout)

    def run_once(self) -> int:
        try:
            sent = self.job()
        except Exception:  # a bad minute must not end the loop; the next run retries
            logger.exception("Sending reminders failed; trying again in %.0f s", self.interval)
            sent = 0
        finally:
            # This thread's own database connections; the server's threads keep theirs.
            connections.close_all()
            self.runs += 1
        if sent:
            logger.info("Sent %d reminder(s)", sent)
        return sent

    def _run(self) -> None:
        while not self._stopping.is_set():
            self.run_once()
            self._stopping.wait(self.interval)
