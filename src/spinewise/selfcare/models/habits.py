"""A person's self-care records: lessons read, workstation checks, movement-break hours,
heat and cold, relaxation and daily steps. Each answers ``owner_patient()``."""

from __future__ import annotations

from typing import Any

from django.db import models
from django.utils import timezone

from spinewise.core.selfcare import heatcold as core_heatcold
from spinewise.core.selfcare import workstation as core_ws
from spinewise.core.selfcare.breaks import BreakSettings, break_settings_from_dict
from spinewise.patients.models import NRS, Patient, nrs_constraint


def _range(field: str, low: int, high: int, name: str) -> models.CheckConstraint:
    return models.CheckConstraint(
        condition=models.Q(**{f"{field}__gte": low, f"{field}__lte": high}), name=name
    )


class LessonRead(models.Model):
    """A lesson read on a (local) day, with the answer to its one-question check (0-2)."""

    patient = models.ForeignKey(Patient, on_delete=models.CASCADE, related_name="lesson_reads")
    lesson_id = models.CharField(max_length=80)
    read_on = models.DateField()
    answer = models.PositiveSmallIntegerField(null=True, blank=True)
    correct = models.BooleanField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-read_on", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["patient", "lesson_id", "read_on"], name="one_lesson_read_a_day"
            )
        ]

    def __str__(self) -> str:
        return f"{self.lesson_id} read on {self.read_on}"

    def owner_patient(self) -> Patient:
        return self.patient


class WorkstationCheck(models.Model):
    """One workstation and posture check: the answers (question id -> choice id), the
    0-100 score and the core's full result at the time (changes, strengths, summary)."""

    patient = models.ForeignKey(
        Patient, on_delete=models.CASCADE, related_name="workstation_checks"
    )
    created_at = models.DateTimeField(default=timezone.now)
    answers = models.JSONField()
    score = models.PositiveSmallIntegerField()
    result = models.JSONField()
    token = models.UUIDField()

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["patient", "token"], name="one_workstation_per_form"),
            _range("score", 0, 100, "workstation_score_0_100"),
        ]

    def __str__(self) -> str:
        return f"Workstation check {self.score}/100 on {self.created_at:%Y-%m-%d}"

    def owner_patient(self) -> Patient:
        return self.patient

    def to_core(self) -> core_ws.WorkstationResult:
        """The stored result as the core's object (for :func:`compare_workstation`)."""
        data: dict[str, Any] = self.result
        return core_ws.WorkstationResult(
            score=data["score"],
            answers=dict(data["answers"]),
            changes=tuple(core_ws.WorkstationChange(**c) for c in data["changes"]),
            strengths=tuple(data["strengths"]),
            summary=data["summary"],
        )


class MovementBreakSettings(models.Model):
    """Working hours (local wall clock), the break interval (30-60 minutes) and working
    days (``mon``-``sun``). Validated by the core's ``break_settings_from_dict``."""

    patient = models.OneToOneField(Patient, on_delete=models.CASCADE, related_name="break_settings")
    start = models.TimeField()
    end = models.TimeField()
    interval_minutes = models.PositiveSmallIntegerField(default=45)
    days = models.JSONField(default=list)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name_plural = "movement break settings"
        constraints = [_range("interval_minutes", 30, 60, "break_interval_30_60")]

    def __str__(self) -> str:
        return f"Breaks every {self.interval_minutes} min, {self.start:%H:%M}-{self.end:%H:%M}"

    def owner_patient(self) -> Patient:
        return self.patient

    def core_dict(self) -> dict[str, Any]:
        return {
            "start": self.start.strftime("%H:%M"),
            "end": self.end.strftime("%H:%M"),
            "interval_minutes": self.interval_minutes,
            "days": list(self.days),
        }

    def to_core(self) -> BreakSettings:
        return break_settings_from_dict(self.core_dict())


class HeatColdLog(models.Model):
    """One use of heat or cold: minutes 1-30, effect -5..+5 and/or pain before/after 0-10."""

    class Kind(models.TextChoices):
        HEAT = "heat", "Heat"
        COLD = "cold", "Cold"

    patient = models.ForeignKey(Patient, on_delete=models.CASCADE, related_name="heat_cold_logs")
    kind = models.CharField(max_length=8, choices=Kind.choices)
    minutes = models.PositiveSmallIntegerField()
    effect = models.SmallIntegerField(null=True, blank=True)
    pain_before = models.PositiveSmallIntegerField(null=True, blank=True, validators=NRS)
    pain_after = models.PositiveSmallIntegerField(null=True, blank=True, validators=NRS)
    used_on = models.DateField()
    created_at = models.DateTimeField(default=timezone.now)
    token = models.UUIDField()

    class Meta:
        ordering = ["-used_on", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["patient", "token"], name="one_heat_cold_per_form"),
            _range("minutes", 1, 30, "heatcold_minutes_1_30"),
            _range("effect", -5, 5, "heatcold_effect_-5_5"),
            nrs_constraint("pain_before", "heatcoldlog"),
            nrs_constraint("pain_after", "heatcoldlog"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} for {self.minutes} min on {self.used_on}"

    def owner_patient(self) -> Patient:
        return self.patient

    def to_core(self) -> core_heatcold.HeatColdLog:
        return core_heatcold.HeatColdLog(
            self.kind, self.minutes, self.effect, self.pain_before, self.pain_after
        )


class RelaxationLog(models.Model):
    """A paced-breathing or body-scan session: minutes 1-30, the breathing rate if paced."""

    class Kind(models.TextChoices):
        BREATHING = "breathing", "Paced breathing"
        BODY_SCAN = "body_scan", "Body scan"

    patient = models.ForeignKey(Patient, on_delete=models.CASCADE, related_name="relaxation_logs")
    kind = models.CharField(max_length=16, choices=Kind.choices)
    minutes = models.PositiveSmallIntegerField()
    breaths_per_minute = models.FloatField(null=True, blank=True)
    done_on = models.DateField()
    created_at = models.DateTimeField(default=timezone.now)
    token = models.UUIDField()

    class Meta:
        ordering = ["-done_on", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["patient", "token"], name="one_relaxation_per_form"),
            _range("minutes", 1, 30, "relaxation_minutes_1_30"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} for {self.minutes} min on {self.done_on}"

    def owner_patient(self) -> Patient:
        return self.patient


class StepEntry(models.Model):
    """Steps counted on one day (0-100,000), entered by hand, and the goal that day had."""

    patient = models.ForeignKey(Patient, on_delete=models.CASCADE, related_name="step_entries")
    on = models.DateField()
    steps = models.PositiveIntegerField()
    goal = models.PositiveIntegerField(null=True, blank=True)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-on"]
        verbose_name_plural = "step entries"
        constraints = [
            models.UniqueConstraint(fields=["patient", "on"], name="one_step_entry_a_day"),
            _range("steps", 0, 100_000, "steps_0_100000"),
        ]

    def __str__(self) -> str:
        return f"{self.steps} steps on {self.on}"

    def owner_patient(self) -> Patient:
        return self.patient

    @property
    def reached(self) -> bool:
        return self.goal is not None and self.steps >= self.goal
