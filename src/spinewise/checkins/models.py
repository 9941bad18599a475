from __future__ import annotations

from statistics import mean

from django.db import models
from django.utils import timezone

from spinewise.patients.models import NRS, Patient, nrs_constraint


class WeeklyCheckIn(models.Model):
    """A weekly check-in. Every score is 0-10.

    PEG (Krebs 2009): average pain in the past week, interference with enjoyment of life,
    interference with general activity; score = their mean. ``psfs_scores`` re-rate the
    baseline's activities (0 unable - 10 as before).
    """

    patient = models.ForeignKey(Patient, on_delete=models.CASCADE, related_name="checkins")
    created_at = models.DateTimeField(default=timezone.now)
    pain_now = models.PositiveSmallIntegerField(validators=NRS)
    peg_pain = models.PositiveSmallIntegerField(validators=NRS)
    peg_enjoyment = models.PositiveSmallIntegerField(validators=NRS)
    peg_activity = models.PositiveSmallIntegerField(validators=NRS)
    psfs_activities = models.JSONField(default=list, blank=True)
    psfs_scores = models.JSONField(default=list, blank=True)
    new_symptom = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            nrs_constraint(f, "checkin")
            for f in ("pain_now", "peg_pain", "peg_enjoyment", "peg_activity")
        ]

    def __str__(self) -> str:
        return f"Check-in of {self.patient} on {self.created_at:%Y-%m-%d}"

    def owner_patient(self) -> Patient:
        return self.patient

    @property
    def peg_score(self) -> float:
        return round(mean((self.peg_pain, self.peg_enjoyment, self.peg_activity)), 1)

    @property
    def psfs_score(self) -> float | None:
        return round(mean(self.psfs_scores), 1) if self.psfs_scores else None
