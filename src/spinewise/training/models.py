"""Session logs, next-morning checks and progression decisions."""

from __future__ import annotations

from collections.abc import Iterable

from django.conf import settings
from django.db import models
from django.utils import timezone

from spinewise.core.exercises import load_library
from spinewise.core.progression import DONE_KEYS
from spinewise.core.progression import ExerciseLog as CoreExerciseLog
from spinewise.patients.models import NRS, Patient, nrs_constraint
from spinewise.programmes.models import PlannedSession, ProgrammeVersion
from spinewise.screening.models import Screening


class SessionLog(models.Model):
    """One session the person did (or started), logged once.

    ``token`` comes from the form: submitting the same form twice finds the first log
    instead of creating a second (unique per patient).
    """

    patient = models.ForeignKey(Patient, on_delete=models.CASCADE, related_name="session_logs")
    version = models.ForeignKey(
        ProgrammeVersion, on_delete=models.RESTRICT, related_name="session_logs"
    )
    session_number = models.PositiveSmallIntegerField()
    session_title = models.CharField(max_length=200)
    performed_on = models.DateField()
    created_at = models.DateTimeField(default=timezone.now)
    token = models.UUIDField()
    note = models.TextField(blank=True)
    new_symptoms = models.JSONField(default=list, blank=True)
    other_symptom = models.CharField(max_length=200, blank=True)
    screening = models.ForeignKey(
        Screening, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    progressed_at = models.DateTimeField(null=True, blank=True)
    progression_note = models.CharField(max_length=300, blank=True)
    resulting_version = models.ForeignKey(
        ProgrammeVersion,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="caused_by",
    )

    class Meta:
        ordering = ["-performed_on", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["patient", "token"], name="one_log_per_form")
        ]
        indexes = [models.Index(fields=["patient", "performed_on"])]

    def __str__(self) -> str:
        return f"{self.session_title} on {self.performed_on}"

    def owner_patient(self) -> Patient:
        return self.patient

    @property
    def completed(self) -> bool:
        """At least one set of one exercise was done."""
        return any(e.sets_done > 0 for e in self.exercise_logs.all())

    @property
    def had_sharp_pain(self) -> bool:
        return any(e.sharp_pain for e in self.exercise_logs.all())


class ExerciseLog(models.Model):
    """How one exercise of a logged session went. Pain and effort are 0-10."""

    session_log = models.ForeignKey(
        SessionLog, on_delete=models.CASCADE, related_name="exercise_logs"
    )
    position = models.PositiveSmallIntegerField()
    exercise_id = models.CharField(max_length=80)
    planned = models.JSONField(help_text="The planned item (dose) at the time.")
    tracking = models.CharField(max_length=16)
    sets_done = models.PositiveSmallIntegerField()
    reps_done = models.JSONField(null=True, blank=True)
    hold_seconds_done = models.JSONField(null=True, blank=True)
    breaths_done = models.JSONField(null=True, blank=True)
    band_level = models.CharField(max_length=40, blank=True, default="")
    rpe = models.PositiveSmallIntegerField(null=True, blank=True, validators=NRS)
    pain_during = models.PositiveSmallIntegerField(null=True, blank=True, validators=NRS)
    pain_next_morning = models.PositiveSmallIntegerField(null=True, blank=True, validators=NRS)
    sharp_pain = models.BooleanField(default=False)
    stopped = models.BooleanField(default=False)

    class Meta:
        ordering = ["session_log", "position"]
        constraints = [
            models.UniqueConstraint(fields=["session_log", "position"], name="one_log_position"),
            nrs_constraint("rpe", "exerciselog"),
            nrs_constraint("pain_during", "exerciselog"),
            nrs_constraint("pain_next_morning", "exerciselog"),
        ]

    def __str__(self) -> str:
        return f"{self.exercise_id} in {self.session_log}"

    def owner_patient(self) -> Patient:
        return self.session_log.patient

    @property
    def name(self) -> str:
        library = load_library()
        ex = self.exercise_id
        return library.get(ex).name if ex in library else ex

    @property
    def done(self) -> list[int]:
        return list(self.reps_done or self.hold_seconds_done or self.breaths_done or [])

    def to_core(self) -> CoreExerciseLog:
        """The engine's view of this row; it was checked when recorded, so it is not again."""
        done = {key: tuple(getattr(self, key)) for key in DONE_KEYS if getattr(self, key)}
        return CoreExerciseLog(
            sets_done=self.sets_done,
            band_level=self.band_level or None,
            rpe=self.rpe if self.rpe is not None else 0,
            pain_during=self.pain_during if self.pain_during is not None else 0,
            pain_next_morning=self.pain_next_morning,
            sharp_pain=self.sharp_pain,
            performed_on=self.session_log.performed_on,
            **done,
        )


class MorningCheck(models.Model):
    """How the back feels the morning after a session: pain now, NRS 0-10."""

    patient = models.ForeignKey(Patient, on_delete=models.CASCADE, related_name="morning_checks")
    session_log = models.OneToOneField(
        SessionLog, on_delete=models.CASCADE, related_name="morning_check"
    )
    pain_now = models.PositiveSmallIntegerField(validators=NRS)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at"]
        constraints = [nrs_constraint("pain_now", "morningcheck")]

    def __str__(self) -> str:
        return f"Morning pain {self.pain_now}/10 after {self.session_log}"

    def owner_patient(self) -> Patient:
        return self.patient


class ProgressionDecision(models.Model):
    """One decision of the core progression engine after a session, with its reason.

    ``version`` is the programme version the decision produced (None when nothing changed).
    ``alert_clinician`` marks decisions a clinician must hear about (sharp pain, etc.).
    """

    session_log = models.ForeignKey(SessionLog, on_delete=models.CASCADE, related_name="decisions")
    version = models.ForeignKey(
        ProgrammeVersion,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="decisions",
    )
    exercise_id = models.CharField(max_length=80)
    new_exercise_id = models.CharField(max_length=80, blank=True)
    decision = models.CharField(max_length=16)
    reason = models.TextField()
    changes = models.JSONField(default=list, blank=True)
    alert_clinician = models.BooleanField(default=False)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["session_log", "id"]

    def __str__(self) -> str:
        return f"{self.decision} {self.exercise_id}"

    def owner_patient(self) -> Patient:
        return self.session_log.patient

    @property
    def changed(self) -> bool:
        return self.decision != "hold"

    @property
    def name(self) -> str:
        library = load_library()
        ex = self.exercise_id
        return library.get(ex).name if ex in library else ex

    @property
    def new_name(self) -> str:
        library = load_library()
        ex = self.new_exercise_id
        return library.get(ex).name if ex in library else ex


class FlarePause(models.Model):
    """Progression of the whole programme paused for a flare-up (CLINICAL.md section 4: pain
    7/10 or more, during or the next morning, in 2 of the last 3 sessions).

    Active while ``ended_at`` is empty. It ends when pain has settled (``ended_how``
    ``settled``) or a linked clinician lifts it (``lifted``, with ``ended_by`` and a note).
    """

    class Ended(models.TextChoices):
        SETTLED = "settled", "Pain settled"
        LIFTED = "lifted", "Lifted by a clinician"

    patient = models.ForeignKey(Patient, on_delete=models.CASCADE, related_name="flare_pauses")
    session_log = models.ForeignKey(
        SessionLog, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    started_at = models.DateTimeField(default=timezone.now)
    reason = models.CharField(max_length=300)
    ended_at = models.DateTimeField(null=True, blank=True)
    ended_how = models.CharField(max_length=16, choices=Ended.choices, blank=True)
    ended_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    ended_note = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["-started_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["patient"],
                condition=models.Q(ended_at__isnull=True),
                name="training_one_active_flare_pause",
            )
        ]

    def __str__(self) -> str:
        return f"Flare-up pause for {self.patient} from {self.started_at:%Y-%m-%d}"

    def owner_patient(self) -> Patient:
        return self.patient

    @property
    def active(self) -> bool:
        return self.ended_at is None


DRAFT_MAX_BYTES = 20_000  # the player's saved progress, JSON-encoded


class SessionDraft(models.Model):
    """The guided player's progress through one planned session on one day, kept on the
    server so another device (or a browser that lost its storage) resumes where the
    person left off. ``state`` is the player's own record (see player/session.js), at most
    ``DRAFT_MAX_BYTES`` encoded; logging the session deletes it (``drafts.discard_draft``).
    """

    patient = models.ForeignKey(Patient, on_delete=models.CASCADE, related_name="session_drafts")
    planned_session = models.ForeignKey(
        PlannedSession, on_delete=models.CASCADE, related_name="drafts"
    )
    day = models.DateField()
    state = models.JSONField()
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-updated_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["patient", "planned_session", "day"], name="one_draft_per_session_day"
            )
        ]

    def __str__(self) -> str:
        return f"Draft of session {self.planned_session_id} on {self.day}"

    def owner_patient(self) -> Patient:
        return self.patient


def changes_first(decisions: Iterable[ProgressionDecision]) -> list[ProgressionDecision]:
    """Decisions that changed something first, then the ones that kept the dose."""
    return sorted(decisions, key=lambda d: not d.changed)
