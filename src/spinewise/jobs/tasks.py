"""Celery task for a job (``SPINEWISE_JOBS=celery``): the table row is still the truth."""

from __future__ import annotations

from django.db import connections

from spinewise.celery import app

from .queue import run_job, run_waiting


@app.task(name="spinewise.jobs.run_job")
def run_job_task(job_id: int) -> bool:
    try:
        return run_job(job_id)
    finally:
        connections.close_all()


@app.task(name="spinewise.jobs.sweep")
def sweep_task() -> int:
    """Every job still waiting (Celery lost a message, or a worker died)."""
    try:
        return run_waiting(limit=500)
    finally:
        connections.close_all()
