"""A programme is a series of versions; each version is a week of planned sessions.

Versions are never edited: the progression engine (and, later, a clinician) creates a new
version with the changes; the training app's ``ProgressionDecision`` rows (related name
``decisions``) say what changed and why.
"""

from __future__ import annotations

from django.db import models
from django.utils import timezone

from spinewise.core.exercises import load_library
from spinewise.core.model import ProgrammeItem
from spinewise.patients.models import Baseline, Patient
from spinewise.screening.models import Screening


class Programme(models.Model):
    patient = models.ForeignKey(Patient, on_delete=models.CASCADE, related_name="programmes")
    baseline = models.ForeignKey(Baseline, on_delete=models.CASCADE, related_name="programmes")
    screening = models.ForeignKey(
        Screening, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    warnings = models.JSONField(default=list, blank=True)
    blocked = models.BooleanField(default=False)
    advice = models.TextField(blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"Programme of {self.patient} from {self.created_at:%Y-%m-%d}"

    def owner_patient(self) -> Patient:
        return self.patient

    def current_version(self) -> ProgrammeVersion | None:
        return self.versions.order_by("-number").first()


class ProgrammeVersion(models.Model):
    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField()
    created_at = models.DateTimeField(default=timezone.now)
    cause = models.CharField(max_length=300)

    class Meta:
        ordering = ["programme", "number"]
        constraints = [
            models.UniqueConstraint(fields=["programme", "number"], name="one_version_number")
        ]

    def __str__(self) -> str:
        return f"Version {self.number} of {self.programme}"

    def owner_patient(self) -> Patient:
        return self.programme.patient

    @property
    def sessions_per_week(self) -> int:
        return self.sessions.count()


class PlannedSession(models.Model):
    version = models.ForeignKey(ProgrammeVersion, on_delete=models.CASCADE, related_name="sessions")
    number = models.PositiveSmallIntegerField()
    title = models.CharField(max_length=200)
    minutes = models.FloatField()

    class Meta:
        ordering = ["version", "number"]
        constraints = [
            models.UniqueConstraint(fields=["version", "number"], name="one_session_number")
        ]

    def __str__(self) -> str:
        return f"Session {self.number}: {self.title}"

    def owner_patient(self) -> Patient:
        return self.version.programme.patient


class PlannedItem(models.Model):
    """One exercise at one dose (a stored core ``ProgrammeItem``)."""

    session = models.ForeignKey(PlannedSession, on_delete=models.CASCADE, related_name="items")
    position = models.PositiveSmallIntegerField()
    exercise_id = models.CharField(max_length=80)
    level = models.CharField(max_length=16)
    sets = models.PositiveSmallIntegerField()
    reps = models.PositiveSmallIntegerField(null=True, blank=True)
    hold_seconds = models.PositiveSmallIntegerField(null=True, blank=True)
    breaths = models.PositiveSmallIntegerField(null=True, blank=True)
    band_level = models.CharField(max_length=40, blank=True, default="")
    rest_seconds = models.PositiveSmallIntegerField()
    minutes = models.FloatField()
    reason = models.TextField(blank=True)
    locked = models.BooleanField(default=False)

    class Meta:
        ordering = ["session", "position"]
        constraints = [
            models.UniqueConstraint(fields=["session", "position"], name="one_item_position")
        ]

    def __str__(self) -> str:
        return f"{self.exercise_id} in {self.session}"

    def owner_patient(self) -> Patient:
        return self.session.version.programme.patient

    @property
    def name(self) -> str:
        library = load_library()
        return (
            library.get(self.exercise_id).name if self.exercise_id in library else self.exercise_id
        )

    def to_core(self) -> ProgrammeItem:
        return ProgrammeItem(
            exercise_id=self.exercise_id,
            level=self.level,
            sets=self.sets,
            rest_seconds=self.rest_seconds,
            minutes=self.minutes,
            reason=self.reason,
            reps=self.reps,
            hold_seconds=self.hold_seconds,
            breaths=self.breaths,
            band_level=self.band_level or None,
            locked=self.locked,
        )

    @classmethod
    def from_core(cls, session: PlannedSession, position: int, item: ProgrammeItem) -> PlannedItem:
        return cls(
            session=session,
            position=position,
            exercise_id=item.exercise_id,
            level=item.level,
            sets=item.sets,
            reps=item.reps,
            hold_seconds=item.hold_seconds,
            breaths=item.breaths,
            band_level=item.band_level or "",
            rest_seconds=item.rest_seconds,
            minutes=item.minutes,
            reason=item.reason,
            locked=item.locked,
        )
