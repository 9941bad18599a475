"""Send due reminders once, or every minute with ``--loop`` (Ctrl+C stops it)."""

from __future__ import annotations

import signal
import threading
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from spinewise.selfcare.reminders.loop import DEFAULT_INTERVAL_SECONDS, ReminderLoop
from spinewise.selfcare.reminders.sending import send_due_reminders


class Command(BaseCommand):
    help = "Send the reminders that are due now (each exactly once), or keep doing so."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--loop", action="store_true", help="run until stopped")
        parser.add_argument(
            "--interval",
            type=float,
            default=DEFAULT_INTERVAL_SECONDS,
            help="seconds between runs with --loop (default 60)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if not options["loop"]:
            self.stdout.write(f"Sent {send_due_reminders()} reminder(s).")
            return
        if options["interval"] <= 0:
            self.stderr.write("--interval must be above 0 seconds.")
            raise SystemExit(2)
        stopped = threading.Event()
        if threading.current_thread() is threading.main_thread():
            signal.signal(signal.SIGTERM, lambda *_: stopped.set())
        loop = ReminderLoop(options["interval"]).start()
        self.stdout.write(f"Sending reminders every {options['interval']:g} s (Ctrl+C stops).")
        try:
            stopped.wait()
        except KeyboardInterrupt:
            pass
        finally:
            loop.stop()
        self.stdout.write("Reminder loop stopped.")
