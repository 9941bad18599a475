"""Celery for running periodic jobs at scale (Redis as the broker).

The reminder job (``send_due_reminders``) runs every minute from Celery beat::

    celery -A spinewise.celery worker --beat --loglevel=info
    # or, separately: celery -A spinewise.celery worker / celery -A spinewise.celery beat

The broker is ``SPINEWISE_CELERY_BROKER_URL`` (default ``redis://127.0.0.1:6379/0``).
Set ``SPINEWISE_EMBEDDED_REMINDERS=0`` for the web servers then, so only Celery sends;
any number of workers is safe (each reminder is claimed once in the database).
"""

from __future__ import annotations

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "spinewise.settings")

REMINDER_TASK = "spinewise.selfcare.send_due_reminders"

app = Celery("spinewise")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.conf.imports = ("spinewise.selfcare.tasks", "spinewise.jobs.tasks")
app.conf.beat_schedule = {
    "send-due-reminders": {
        "task": REMINDER_TASK,
        "schedule": 60.0,
        # A run that waited a whole minute in the queue is superseded by the next one.
        "options": {"expires": 55},
    },
    # Jobs whose Celery message was lost (broker restart) are still in the table.
    "sweep-waiting-jobs": {
        "task": "spinewise.jobs.sweep",
        "schedule": 30.0,
        "options": {"expires": 25},
    },
}
