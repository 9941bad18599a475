"""Serve the web application with waitress, plus the embedded reminder loop.

``make run`` / ``make serve`` use this, so one process does everything and no extra
service is needed. ``SPINEWISE_EMBEDDED_REMINDERS=0`` (or ``--no-reminders``) leaves the
reminders to Celery beat. Ctrl+C or SIGTERM stops the server, then the loop, cleanly.
"""

from __future__ import annotations

import signal
import threading
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser

from spinewise.selfcare.reminders.loop import DEFAULT_INTERVAL_SECONDS, ReminderLoop


def _interrupt(signum: int, frame: Any) -> None:
    raise KeyboardInterrupt  # waitress shuts down cleanly on it


def serve_wsgi(listen: str, threads: int) -> None:
    """Block serving the WSGI application until interrupted."""
    import waitress

    from spinewise.wsgi import application

    waitress.serve(application, listen=listen, threads=threads)


class Command(BaseCommand):
    help = "Serve Spinewise with waitress and send reminders in the background."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--listen", default="127.0.0.1:8000", help="host:port")
        parser.add_argument("--threads", type=int, default=8)
        parser.add_argument(
            "--no-reminders", action="store_true", help="do not run the reminder loop"
        )
        parser.add_argument("--reminder-interval", type=float, default=DEFAULT_INTERVAL_SECONDS)

    def handle(self, *args: Any, **options: Any) -> None:
        embedded = settings.SPINEWISE_EMBEDDED_REMINDERS and not options["no_reminders"]
        loop = ReminderLoop(options["reminder_interval"]).start() if embedded else None
        if threading.current_thread() is threading.main_thread():
            signal.signal(signal.SIGTERM, _interrupt)
        self.stdout.write(
            f"Reminders: sent every {loop.interval:g} s by this process."
            if loop
            else "Reminders: not sent by this process (Celery beat or another worker does)."
        )
        try:
            serve_wsgi(options["listen"], options["threads"])
        except KeyboardInterrupt:
            pass
        finally:
            if loop is not None:
                loop.stop()
                self.stdout.write("Reminder loop stopped.")
