"""Access events of summary reads (a page of the caseload), written in batches off the request.

A caseload read shows up to 25 patients, and each must appear in that patient's access log;
inserting those rows in the read's own transaction would make every read a write that waits
for the database's write lock. Instead the events are made at once (their time is the
read's), kept in this process, and written together by a thread of the process every
``FLUSH_SECONDS`` (sooner when ``MAX_WAITING`` pile up), and when the process exits.

The trade-off, taken knowingly: a process killed with SIGKILL loses the summary-view events
of its last ``FLUSH_SECONDS``. Every view of one patient's record, and every change, is still
written in the request itself (``audit.record_access``). With ``SPINEWISE_JOBS=inline``
(tests, scripts) the events are written at once.
"""

from __future__ import annotations

import atexit
import contextlib
import logging
import os
import threading

from django.contrib.auth import get_user_model
from django.db import IntegrityError, connections

from spinewise.jobs.queue import mode
from spinewise.patients.models import Patient

from .models import AccessEvent

logger = logging.getLogger("spinewise.audit")

FLUSH_SECONDS = 0.5
MAX_WAITING = 2000  # events: a flush starts at once past this
MAX_KEPT = 100_000  # events kept through database failures before the oldest are dropped


class AccessBatch:
    """The events waiting in this process, and the thread that writes them."""

    def __init__(self) -> None:
        self._events: list[AccessEvent] = []
        self._lock = threading.Lock()
        self._wake = threading.Event()
        self._thread: threading.Thread | None = None
        self._pid = 0

    def add(self, events: list[AccessEvent]) -> None:
        if mode() == "inline":
            AccessEvent.objects.bulk_create(events)
            return
        with self._lock:
            self._events.extend(events)
            waiting = len(self._events)
            self._start()
        if waiting >= MAX_WAITING:
            self._wake.set()

    def flush(self) -> int:
        """Write every waiting event now (one insert); how many were written."""
        with self._lock:
            events, self._events = self._events, []
        if not events:
            return 0
        try:
            try:
                AccessEvent.objects.bulk_create(events, batch_size=500)
            except IntegrityError:
                # A patient (or clinician) erased since the read: their events go with them.
                events = _still_there(events)
                AccessEvent.objects.bulk_create(events, batch_size=500)
        except Exception:
            logger.exception("Could not write %s access events; kept for the next try", len(events))
            with self._lock:
                self._events = (events + self._events)[-MAX_KEPT:]
            raise
        return len(events)

    @property
    def waiting(self) -> int:
        with self._lock:
            return len(self._events)

    def _start(self) -> None:
        # After a fork (gunicorn workers) the parent's thread is not in the child.
        if self._thread is not None and self._pid == os.getpid() and self._thread.is_alive():
            return
        self._pid = os.getpid()
        self._thread = threading.Thread(target=self._run, name="spinewise-audit", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while True:
            self._wake.wait(FLUSH_SECONDS)
            self._wake.clear()
            try:
                if self.flush():
                    # No connection held between flushes: a database may be dropped or
                    # restarted while this process idles.
                    connections.close_all()
            except Exception:  # noqa: BLE001 - logged in flush; a lost connection: reconnect
                connections.close_all()


def _still_there(events: list[AccessEvent]) -> list[AccessEvent]:
    patients = set(
        Patient.objects.filter(pk__in={e.patient_id for e in events}).values_list("pk", flat=True)
    )
    actors = set(
        get_user_model()
        .objects.filter(pk__in={e.actor_id for e in events if e.actor_id})
        .values_list("pk", flat=True)
    )
    return [
        e
        for e in events
        if e.patient_id in patients and (e.actor_id is None or e.actor_id in actors)
    ]


batch = AccessBatch()


@atexit.register
def _flush_at_exit() -> None:
    with contextlib.suppress(Exception):  # logged in flush; nothing more to do at exit
        batch.flush()
