"""Safety screenings (the answers and the core's verdict) and clearances, kept as history.

A warning result stays open until a :class:`Clearance` closes it (``core.safety``): the
record, not the latest answers, says whether a person may exercise (``safety.py``).
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.utils import timezone

from spinewise.core import safety, vocab
from spinewise.patients.models import Patient

LEVEL_CHOICES = [(lv, lv.replace("_", " ").capitalize()) for lv in vocab.SCREENING_LEVELS]
# Levels at which a warning sign is present: it stays open until a clearance.
WARNING_LEVELS = safety.WARNING_LEVELS


class Clearance(models.Model):
    """A warning result closed after a medical review: who saw the person, when, and what
    was ruled out. It covers the reason codes of the results it closed (``covers``) for
    later screenings, until a screening brings a reason it does not cover (``lapsed_at``).
    """

    class Kind(models.TextChoices):
        CLINICIAN = "clinician", "Cleared by a clinician after a medical review"
        DOCTOR_SEEN = "doctor_seen", "The person says a doctor has seen them"

    patient = models.ForeignKey(Patient, on_delete=models.CASCADE, related_name="clearances")
    kind = models.CharField(max_length=16, choices=Kind.choices)
    created_at = models.DateTimeField(default=timezone.now)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    # Kept as text so the record still says who recorded it after an account is deleted.
    recorded_by_name = models.CharField(max_length=300)
    seen_by = models.CharField(max_length=200)
    seen_on = models.DateField()
    ruled_out = models.TextField()
    covers = models.JSONField(default=list)
    levels = models.JSONField(default=list)
    lapsed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["patient", "-created_at"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} for {self.patient} on {self.created_at:%Y-%m-%d}"

    def owner_patient(self) -> Patient:
        return self.patient

    @property
    def in_force(self) -> bool:
        return self.lapsed_at is None


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
    cautions = models.JSONField(default=list, blank=True)
    unanswered = models.JSONField(default=list, blank=True)
    # Set when a clearance closed this warning result (or covered it when it was recorded).
    clearance = models.ForeignKey(
        Clearance, on_delete=models.SET_NULL, null=True, blank=True, related_name="screenings"
    )

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["patient", "-created_at"]),
            models.Index(fields=["patient", "level", "clearance"], name="screening_open_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.get_level_display()} for {self.patient} on {self.created_at:%Y-%m-%d}"

    def owner_patient(self) -> Patient:
        return self.patient

    @property
    def is_cleared(self) -> bool:
        return self.clearance_id is not None

    @property
    def is_open(self) -> bool:
        """A warning result no clearance has closed: it counts whatever came after it."""
        return self.level in WARNING_LEVELS and not self.is_cleared

    @property
    def reason_codes(self) -> list[str]:
        return [str(r.get("code", "")) for r in self.reasons]

    @property
    def planner_conditions(self) -> list[str]:
        """Planner condition ids from this result's cautions (e.g. radiating limb pain)."""
        found = (c for caution in self.cautions for c in caution.get("conditions", []))
        return list(dict.fromkeys(found))

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
                    "standing": r.standing,
                }
                for r in result.reasons
            ],
            cautions=[c.to_dict() for c in result.cautions],
            unanswered=list(result.unanswered),
            **extra,
        )


def latest_screening(patient: Patient) -> Screening | None:
    return patient.screenings.order_by("-created_at", "-id").first()
