"""The worker: runs waiting jobs as soon as they are enqueued here, or within ``poll``
seconds when another process enqueued them (``manage.py serve`` runs it as a thread;
``manage.py work`` runs it as a process of its own beside a multi-process server)."""

from __future__ import annotations

import logging
import threading

from django.db import connections

from . import queue

logger = logging.getLogger("spinewise.jobs")

DEFAULT_POLL_SECONDS = 0.5


class WorkLoop:
    def __init__(self, poll: float = DEFAULT_POLL_SECONDS) -> None:
        self.poll = poll
        self._stopping = threading.Event()
        self._thread: threading.Thread | None = None

    def start(self) -> WorkLoop:
        self._thread = threading.Thread(target=self.run, name="spinewise-jobs", daemon=True)
        self._thread.start()
        return self

    def stop(self, timeout: float = 30.0) -> None:
        self._stopping.set()
        queue.wake.set()
        if self._thread is not None:
            self._thread.join(timeout)

    def run(self) -> None:
        while not self._stopping.is_set():
            try:
                ran = queue.run_waiting()
            except Exception:  # a lost database connection: try again on the next round
                logger.exception("The job worker could not read the queue")
                ran = 0
                connections.close_all()
            if not ran:
                queue.wake.wait(self.poll)
                queue.wake.clear()
        connections.close_all()
