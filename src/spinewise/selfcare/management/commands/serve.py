"""Serve the web application, and run the background work beside it.

``make run`` / ``make serve`` use this, so one command does everything and no extra
service is needed:

- ``--server=gunicorn`` (the default where it runs: Linux, macOS): gunicorn with one worker
  process per core (``--workers``), each with ``--threads`` threads, and the background
  work (the job queue and the reminder loop) as a process of its own, ``manage.py work``,
  started and stopped with the server;
- ``--server=waitress`` (the fallback, e.g. on Windows): one process with ``--threads``
  threads; the job queue and the reminders run as threads of that process.

``SPINEWISE_EMBEDDED_REMINDERS=0`` (or ``--no-reminders``) leaves the reminders to Celery
beat; ``SPINEWISE_JOBS=celery`` (or ``--no-work``) leaves the job queue to Celery workers.
Ctrl+C or SIGTERM stops the server, then the background work, cleanly.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connections

from spinewise.jobs import queue
from spinewise.jobs.loop import WorkLoop
from spinewise.selfcare.reminders.loop import DEFAULT_INTERVAL_SECONDS, ReminderLoop


def _interrupt(signum: int, frame: Any) -> None:
    raise KeyboardInterrupt  # waitress shuts down cleanly on it


def gunicorn_available() -> bool:
    try:
        import fcntl  # noqa: F401 - gunicorn needs POSIX

        import gunicorn  # noqa: F401
    except ImportError:
        return False
    return True


def serve_wsgi(listen: str, threads: int) -> None:
    """Block serving the WSGI application with waitress until interrupted."""
    import waitress

    from spinewise.wsgi import application

    waitress.serve(application, listen=listen, threads=threads)


def serve_gunicorn(listen: str, workers: int, threads: int) -> None:
    """Block serving with gunicorn (this process is its arbiter) until SIGTERM or Ctrl+C."""
    from gunicorn.app.base import BaseApplication

    class Server(BaseApplication):  # type: ignore[misc]
        def load_config(self) -> None:
            self.cfg.set("bind", [listen])
            self.cfg.set("workers", workers)
            self.cfg.set("threads", threads)
            self.cfg.set("worker_class", "gthread")
            self.cfg.set("graceful_timeout", 20)
            self.cfg.set("accesslog", None)
            # No control socket in the home directory: servers side by side (tests) would
            # share it.
            self.cfg.set("control_socket_disable", True)

        def load(self) -> Any:
            from spinewise.wsgi import application  # in each worker, after the fork

            return application

    connections.close_all()  # no database connection may cross the fork
    arbiter = os.getpid()
    try:
        Server().run()
    except SystemExit as stop:
        # A forked worker leaves through here too: it must exit, never return into this
        # command. The arbiter exits 0 when told to stop.
        if os.getpid() != arbiter or stop.code not in (0, None):
            raise


class Command(BaseCommand):
    help = "Serve Spinewise (gunicorn, or waitress) and run the job queue and reminders."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--listen", default="127.0.0.1:8000", help="host:port")
        parser.add_argument(
            "--server",
            choices=("auto", "gunicorn", "waitress"),
            default="auto",
            help="auto: gunicorn where it runs, else waitress",
        )
        parser.add_argument(
            "--workers",
            type=int,
            default=os.cpu_count() or 1,
            help="gunicorn worker processes (default: one per core)",
        )
        parser.add_argument(
            "--threads", type=int, default=None, help="per process (gunicorn 4, waitress 8)"
        )
        parser.add_argument(
            "--no-reminders", action="store_true", help="do not run the reminder loop"
        )
        parser.add_argument(
            "--no-work", action="store_true", help="do not run the job queue (Celery does)"
        )
        parser.add_argument("--reminder-interval", type=float, default=DEFAULT_INTERVAL_SECONDS)

    def handle(self, *args: Any, **options: Any) -> None:
        server = options["server"]
        if server == "auto":
            server = "gunicorn" if gunicorn_available() else "waitress"
        if server == "gunicorn" and not gunicorn_available():
            raise CommandError("gunicorn cannot run here: use --server=waitress")
        if options["workers"] < 1:
            raise CommandError("--workers must be 1 or more")
        reminders = settings.SPINEWISE_EMBEDDED_REMINDERS and not options["no_reminders"]
        work = queue.mode() == "queue" and not options["no_work"]
        if server == "gunicorn":
            self._gunicorn(options, reminders, work)
        else:
            self._waitress(options, reminders, work)

    def _waitress(self, options: dict[str, Any], reminders: bool, work: bool) -> None:
        loop = ReminderLoop(options["reminder_interval"]).start() if reminders else None
        worker = WorkLoop().start() if work else None
        if threading.current_thread() is threading.main_thread():
            signal.signal(signal.SIGTERM, _interrupt)
        self.stdout.write(
            f"Reminders: sent every {loop.interval:g} s by this process."
            if loop
            else "Reminders: not sent by this process (Celery beat or another worker does)."
        )
        self.stdout.write(
            "Jobs: run by this process." if worker else "Jobs: not run by this process."
        )
        try:
            serve_wsgi(options["listen"], options["threads"] or 8)
        except KeyboardInterrupt:
            pass
        finally:
            if worker is not None:
                worker.stop()
            if loop is not None:
                loop.stop()
                self.stdout.write("Reminder loop stopped.")

    def _gunicorn(self, options: dict[str, Any], reminders: bool, work: bool) -> None:
        companion = None
        if reminders or work:
            # The same settings reach it through DJANGO_SETTINGS_MODULE, set by manage.py.
            command = [sys.executable, "-m", "django", "work"]
            command += [f"--reminder-interval={options['reminder_interval']}"]
            command += [] if reminders else ["--no-reminders"]
            command += [] if work else ["--no-jobs"]
            companion = subprocess.Popen(command)
        self.stdout.write(
            f"gunicorn: {options['workers']} worker processes x {options['threads'] or 4} "
            "threads; "
            + (
                f"background work (jobs: {'yes' if work else 'no'}, reminders: "
                f"{'yes' if reminders else 'no'}) in process {companion.pid}."
                if companion
                else "no background work in this server."
            )
        )
        self.stdout.flush()
        arbiter = os.getpid()
        try:
            serve_gunicorn(options["listen"], options["workers"], options["threads"] or 4)
        finally:
            if companion is not None and os.getpid() == arbiter:
                companion.terminate()
                try:
                    companion.wait(timeout=30)
                except subprocess.TimeoutExpired:
                    companion.kill()
                self.stdout.write("Background work stopped.")
