"""One safety screening: the answers and the core's verdict, kept as history."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.utils import timezone

from spinewise.core import vocab
from spinewise.patients.models import Patient

LEVEL_CHOICES = [(lv, lv.replace("_", " ").capitalize()) for lv in vocab.SCREENING_LEVELS]
# Levels at which a warning sign is present: progression stops until a new screening
# (or, for see_clinician, a linked clinician) clears the person.
WARNING_LEVELS = ("emergency", "urgent", "see_clinician")
# The one level a clinician may clear: they have seen the person (caseload/editing.py).
CLEARABLE_LEVEL = "see_clinician"


class Screening(models.Model):
    class Source(models.TextChoices):
        START = "start", "Safety questions"
        RECHECK = "recheck", "Safety questions again"
        CHECKIN = "checkin", "New symptom at a weekly check-in"
        SESSION = "session", "New symptom reported with a session"

    patient = models.ForeignKey(Patient, on_delete=models.CASCADE, related_name="screenings")
    created_at = models.DateTimeField(default=timezone.now)
    source = models.CharField(max_length=16, choices=Source.choices, default=Source.START)
    answers = models.JSONField(default=dict)
    level = models.CharField(max_length=16, choices=LEVEL_CHOICES)
    allows_programme = models.BooleanField()
    headline = models.CharField(max_length=300)
    advice = models.TextField()
    reasons = models.JSONField(default=list)
    # A clinician who has seen the person clears a see_clinician result for a full programme.
    cleared_at = models.DateTimeField(null=True, blank=True)
    cleared_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    clearance_note = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["patient", "-created_at"])]

    def __str__(self) -> str:
        return f"{self.get_level_display()} for {self.patient} on {self.created_at:%Y-%m-%d}"

    def owner_patient(self) -> Patient:
        return self.patient

    @property
    def is_cleared(self) -> bool:
        return self.level == CLEARABLE_LEVEL and self.cleared_at is not None

    @property
    def has_warning(self) -> bool:
        return self.level in WARNING_LEVELS and not self.is_cleared

    @property
    def planning_level(self) -> str:
        """The level the planner plans for: a cleared see_clinician result plans in full."""
        return "self_manage" if self.is_cleared else self.level

    @property
    def blocks_programme(self) -> bool:
        return not self.allows_programme

    @classmethod
    def from_result(
        cls, patient: Patient, answers: dict[str, Any], result: Any, source: str, **extra: Any
    ) -> Screening:
        """Build (unsaved) from a core ``ScreeningResult``."""
        return cls(
            patient=patient,
            source=source,
            answers=answers,
            level=result.level,
            allows_programme=bool(result.allows_programme),
            headline=result.headline,
            advice=result.advice,
            reasons=[
                {
                    "code": r.code,
                    "level": r.level,
                    "explanation": r.explanation,
                    "action": r.action,
                }
                for r in result.reasons
            ],
            **extra,
        )


def latest_screening(patient: Patient) -> Screening | None:
    return patient.screenings.order_by("-created_at", "-id").first()
