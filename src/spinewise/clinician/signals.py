"""New data marks the patient's alerts for a check; whoever reads alerts next runs the rules.

Every place a clinician sees alerts brings them up to date first: the caseload runs the
rules for each patient marked (or not checked today) in one batch, and a patient's record
and alert list run them for that patient. So a log, a screening or a check-in costs one
UPDATE in its own transaction here, not a run of the rules: a patient logging five times
between two looks at the caseload is checked once, and a new red flag is still there the
moment anyone looks.
"""

from __future__ import annotations

from typing import Any

from django.db.models.signals import post_save
from django.dispatch import receiver

from spinewise.checkins.models import WeeklyCheckIn
from spinewise.patients.models import Baseline
from spinewise.programmes.models import Programme
from spinewise.screening.models import Screening
from spinewise.training.models import FlarePause, MorningCheck, SessionLog

from .alerts import mark_stale

# A new programme moves the dates sessions are planned for (missed-session alerts).
WATCHED = (SessionLog, MorningCheck, Screening, WeeklyCheckIn, Baseline, Programme)


def _on_save(sender: Any, instance: Any, created: bool, raw: bool = False, **kwargs: Any) -> None:
    if created and not raw:
        mark_stale(instance.patient_id)


for _model in WATCHED:
    receiver(post_save, sender=_model, dispatch_uid=f"caseload-alerts-{_model.__name__}")(_on_save)


@receiver(post_save, sender=FlarePause, dispatch_uid="caseload-alerts-FlarePause")
def _on_flare_pause(sender: Any, instance: FlarePause, raw: bool = False, **kwargs: Any) -> None:
    # Starting and ending a pause both change the flare-up alert.
    if not raw:
        mark_stale(instance.patient_id)
