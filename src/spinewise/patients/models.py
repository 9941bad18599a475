"""The patient and their baseline assessment."""

from __future__ import annotations

from collections.abc import Sequence
from statistics import mean
from typing import Any

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone

from spinewise.core import vocab

from .revision import new_revision

NRS = [MinValueValidator(0), MaxValueValidator(10)]


def nrs_constraint(field: str, model: str) -> models.CheckConstraint:
    return models.CheckConstraint(
        condition=models.Q(**{f"{field}__gte": 0, f"{field}__lte": 10}),
        name=f"{model}_{field}_0_10",
    )


class Patient(models.Model):
    """A person doing the programme. Every patient-owned object leads back here."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="patient"
    )
    created_at = models.DateTimeField(default=timezone.now)
    pain_ceiling = models.PositiveSmallIntegerField(
        default=5,
        validators=NRS,
        help_text="Highest pain during exercise (NRS 0-10) that still counts as acceptable. "
        "A clinician may lower it.",
    )
    rescreen_reason = models.CharField(
        max_length=200,
        blank=True,
        help_text="Set when the person reports a new symptom: progression waits until "
        "they answer the safety questions again.",
    )
    revision = models.BigIntegerField(
        default=new_revision,
        editable=False,
        help_text="Changes with every write to this patient's record (patients.revision).",
    )

    class Meta:
        constraints = [nrs_constraint("pain_ceiling", "patient")]

    def __str__(self) -> str:
        return str(self.user.get_username())

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.revision = new_revision()
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "revision"}
        super().save(*args, **kwargs)

    def owner_patient(self) -> Patient:
        return self

    def latest_baseline(self) -> Baseline | None:
        return self.baselines.order_by("-created_at", "-id").first()


class Baseline(models.Model):
    """Where it hurts, how much, what is hard (PSFS), and what the person has and wants.

    Pain values are NRS 0-10. PSFS: three activities the person names, each rated
    0 (unable) to 10 (as before the problem).
    """

    LEVEL_CHOICES = [(lv, lv.capitalize()) for lv in vocab.LEVELS]

    patient = models.ForeignKey(Patient, on_delete=models.CASCADE, related_name="baselines")
    created_at = models.DateTimeField(default=timezone.now)
    regions = models.JSONField(default=list)
    pain_now = models.PositiveSmallIntegerField(validators=NRS)
    pain_last_week = models.PositiveSmallIntegerField(validators=NRS)
    psfs_activities = models.JSONField(default=list)
    psfs_scores = models.JSONField(default=list)
    equipment = models.JSONField(default=list, blank=True)
    band_levels = models.JSONField(default=list, blank=True)
    sessions_per_week = models.PositiveSmallIntegerField(
        default=3, validators=[MinValueValidator(1), MaxValueValidator(7)]
    )
    minutes_per_session = models.PositiveSmallIntegerField(
        default=20, validators=[MinValueValidator(10), MaxValueValidator(60)]
    )
    level = models.CharField(max_length=16, choices=LEVEL_CHOICES, default="beginner")
    conditions = models.JSONField(default=list, blank=True)

    class Meta:
        constraints = [
            nrs_constraint("pain_now", "baseline"),
            nrs_constraint("pain_last_week", "baseline"),
            models.CheckConstraint(
                condition=models.Q(sessions_per_week__gte=1, sessions_per_week__lte=7),
                name="baseline_sessions_per_week_1_7",
            ),
            models.CheckConstraint(
                condition=models.Q(minutes_per_session__gte=10, minutes_per_session__lte=60),
                name="baseline_minutes_per_session_10_60",
            ),
        ]

    def __str__(self) -> str:
        return f"Baseline of {self.patient} on {self.created_at:%Y-%m-%d}"

    def owner_patient(self) -> Patient:
        return self.patient

    @property
    def psfs_score(self) -> float:
        """PSFS score: the mean of the activity ratings, 0-10."""
        return round(mean(self.psfs_scores), 1) if self.psfs_scores else 0.0

    @property
    def psfs_pairs(self) -> list[tuple[str, int]]:
        return list(zip(self.psfs_activities, self.psfs_scores, strict=False))

    def profile_data(
        self, screening_level: str, seed: int = 0, extra_conditions: Sequence[str] = ()
    ) -> dict[str, Any]:
        """The planner's profile (core.planner.profile_from_dict) for this baseline.

        ``extra_conditions``: conditions the screening's cautions add (radiating limb pain).
        """
        conditions = list(dict.fromkeys([*self.conditions, *extra_conditions]))
        return {
            "regions": list(self.regions),
            "equipment": list(self.equipment),
            "band_levels": list(self.band_levels),
            "sessions_per_week": self.sessions_per_week,
            "minutes_per_session": self.minutes_per_session,
            "level": self.level,
            "conditions": conditions,
            "screening_level": screening_level,
            "seed": seed,
        }
