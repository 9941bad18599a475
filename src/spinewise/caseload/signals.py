"""Refresh a patient's alerts after new data is saved, once the data is committed.

A session log's exercise entries, its screening and its progression are saved in the same
transaction as the log itself, so the refresh waits for the commit (and never sees half a
session). It is ``robust``: a failure to refresh alerts is logged and never undoes or
breaks the patient's own save; the next caseload load refreshes them anyway.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.db.models.signals import post_save
from django.dispatch import receiver

from spinewise.checkins.models import WeeklyCheckIn
from spinewise.patients.models import Baseline
from spinewise.programmes.models import Programme
from spinewise.screening.models import Screening
from spinewise.training.models import MorningCheck, SessionLog

from .alerts import mark_stale, refresh_patient

# A new programme moves the dates sessions are planned for (missed-session alerts).
WATCHED = (SessionLog, MorningCheck, Screening, WeeklyCheckIn, Baseline, Programme)


def schedule_refresh(patient_id: int) -> None:
    """Refresh this patient's alerts when the current transaction commits (now, if none).

    The patient is marked as needing a check in the same transaction, so a refresh that
    fails leaves the rules to the next caseload load instead of a stale alert list.
    """
    mark_stale(patient_id)
    transaction.on_commit(lambda: refresh_patient(patient_id), robust=True)


def _on_save(sender: Any, instance: Any, created: bool, raw: bool = False, **kwargs: Any) -> None:
    if created and not raw:
        schedule_refresh(instance.patient_id)


for _model in WATCHED:
    receiver(post_save, sender=_model, dispatch_uid=f"caseload-alerts-{_model.__name__}")(_on_save)
