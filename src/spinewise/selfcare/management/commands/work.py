"""Run the derived-work queue (and, unless told not to, the reminders) as a process of its
own: the companion of a multi-process web server (``manage.py serve`` starts it)."""

from __future__ import annotations

import signal
import threading
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser

from spinewise.jobs.loop import DEFAULT_POLL_SECONDS, WorkLoop


class Command(BaseCommand):
    help = "Run waiting jobs (progression after logs, ...) until stopped; reminders too."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--poll", type=float, default=DEFAULT_POLL_SECONDS)
        parser.add_argument("--no-reminders", action="store_true")
        parser.add_argument("--no-jobs", action="store_true", help="reminders only")
        parser.add_argument("--reminder-interval", type=float, default=60.0)

    def handle(self, *args: Any, **options: Any) -> None:
        from spinewise.selfcare.reminders.loop import ReminderLoop

        stop = threading.Event()
        for signum in (signal.SIGTERM, signal.SIGINT):
            signal.signal(signum, lambda *_: stop.set())
        work = None if options["no_jobs"] else WorkLoop(options["poll"]).start()
        embedded = settings.SPINEWISE_EMBEDDED_REMINDERS and not options["no_reminders"]
        reminders = ReminderLoop(options["reminder_interval"]).start() if embedded else None
        self.stdout.write(
            f"Jobs: {'run' if work else 'not run'} by this process; reminders: "
            + (f"sent every {reminders.interval:g} s." if reminders else "not sent.")
        )
        self.stdout.flush()
        stop.wait()
        if work is not None:
            work.stop()
        if reminders is not None:
            reminders.stop()
        self.stdout.write("Background work stopped.")
