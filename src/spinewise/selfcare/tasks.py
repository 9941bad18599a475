"""Celery tasks of the self-care app (see ``spinewise.celery``)."""

from __future__ import annotations

from datetime import datetime

from django.db import connections

from spinewise.celery import REMINDER_TASK, app

from .reminders.sending import send_due_reminders


@app.task(name=REMINDER_TASK)
def send_due_reminders_task(now: str | None = None) -> int:
    """Send every reminder due now (or at ``now``, an ISO 8601 time with its offset,
    to replay a given minute); returns how many this run sent."""
    try:
        return send_due_reminders(datetime.fromisoformat(now) if now else None)
    finally:
        # Worker threads keep no connection between runs a minute apart.
        connections.close_all()
