"""The clinician's records about a patient: alerts, private notes and programme edits.

An :class:`Alert` is one reason for attention (the rules are ``core.alerts``), kept as a
record so a clinician can acknowledge or resolve it and everyone linked sees who did.
A :class:`ClinicalNote` is visible to the clinicians linked to the patient, never to the
patient. A :class:`ProgrammeEdit` says who changed the programme, how and why; the patient
sees it with the version it made.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone

from spinewise.core.alerts import ALERT_KINDS, priority_of
from spinewise.patients.models import Patient
from spinewise.programmes.models import Programme, ProgrammeVersion

ALERT_LABELS = {
    "red_flag": "Warning sign",
    "sharp_pain": "Sharp pain",
    "flare_up": "Flare-up",
    "pain_rising": "Pain rising",
    "morning_pain_not_settling": "Morning pain not settling",
    "missed_sessions": "Missed sessions",
    "no_activity": "No activity",
}


class Alert(models.Model):
    """One reason a patient needs attention, and what a clinician did about it.

    At most one alert per patient and kind is unresolved (open or acknowledged).
    ``event_key`` names the underlying event (a warning sign or sharp pain on a date, or
    the start of an episode of rising pain, missed sessions or inactivity) so a resolved
    alert does not come back for the same event. ``cleared_at`` is when the rule stopped
    firing. ``history`` keeps every action: ``{"state", "by", "at", "note"}``.
    """

    class State(models.TextChoices):
        OPEN = "open", "Open"
        ACKNOWLEDGED = "acknowledged", "Acknowledged"
        RESOLVED = "resolved", "Resolved"

    patient = models.ForeignKey(Patient, on_delete=models.CASCADE, related_name="alerts")
    kind = models.CharField(max_length=32, choices=[(k, ALERT_LABELS[k]) for k in ALERT_KINDS])
    reason = models.CharField(max_length=300)
    # A warning sign's screening level (emergency, urgent, see_clinician): its priority.
    level = models.CharField(max_length=16, blank=True)
    since = models.DateField(null=True, blank=True)
    event_key = models.CharField(max_length=40)
    state = models.CharField(max_length=16, choices=State.choices, default=State.OPEN)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)
    cleared_at = models.DateTimeField(null=True, blank=True)
    acted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    acted_by_name = models.CharField(max_length=300, blank=True)
    acted_at = models.DateTimeField(null=True, blank=True)
    note = models.TextField(blank=True)
    history = models.JSONField(default=list, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["patient", "kind"],
                condition=~models.Q(state="resolved"),
                name="caseload_one_unresolved_alert_per_kind",
            )
        ]
        indexes = [
            models.Index(fields=["patient", "kind", "state"]),
            models.Index(fields=["patient", "-created_at"]),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} for {self.patient} ({self.state})"

    def owner_patient(self) -> Patient:
        return self.patient

    @property
    def priority(self) -> int:
        return priority_of(self.kind, self.level)

    @property
    def label(self) -> str:
        return ALERT_LABELS[self.kind]

    @property
    def is_open(self) -> bool:
        return self.state == self.State.OPEN

    @property
    def is_resolved(self) -> bool:
        return self.state == self.State.RESOLVED


class ClinicalNote(models.Model):
    """A clinician's note about a patient: seen by the clinicians linked to the patient only."""

    patient = models.ForeignKey(Patient, on_delete=models.CASCADE, related_name="clinical_notes")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    # Kept as text so the note still says who wrote it after the account is deleted.
    author_name = models.CharField(max_length=300)
    text = models.TextField()
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["patient", "-created_at"])]

    def __str__(self) -> str:
        return f"Note on {self.patient} by {self.author_name}"

    def owner_patient(self) -> Patient:
        return self.patient


class ProgrammeEdit(models.Model):
    """A clinician's change to a patient's programme: who, when, what and why.

    ``version`` is the programme version the change made (the patient's programme page
    shows it); ``changes`` lists what changed in plain words; ``overridden`` holds the
    conditions a contraindication override set aside, with ``override_reason``.
    """

    class Kind(models.TextChoices):
        ADD = "add", "Added an exercise"
        REMOVE = "remove", "Removed an exercise"
        SWAP = "swap", "Swapped an exercise"
        DOSE = "dose", "Changed a dose"
        LOCK = "lock", "Locked progression"
        UNLOCK = "unlock", "Unlocked progression"
        PAIN_CEILING = "pain_ceiling", "Set the pain limit"
        CLEARANCE = "clearance", "Cleared for a full programme"
        FLARE_LIFT = "flare_lift", "Lifted a flare-up pause"

    patient = models.ForeignKey(Patient, on_delete=models.CASCADE, related_name="programme_edits")
    programme = models.ForeignKey(
        Programme, on_delete=models.CASCADE, null=True, blank=True, related_name="edits"
    )
    version = models.OneToOneField(
        ProgrammeVersion,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="clinician_edit",
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    author_name = models.CharField(max_length=300)
    kind = models.CharField(max_length=16, choices=Kind.choices)
    reason = models.CharField(max_length=300)
    changes = models.JSONField(default=list)
    overridden = models.JSONField(default=list, blank=True)
    override_reason = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} by {self.author_name}"

    def owner_patient(self) -> Patient:
        return self.patient


class AlertCheck(models.Model):
    """The day a patient's alerts were last brought up to date (none: needs a check), and
    the patient's last activity as the rules saw it then (what the caseload shows).

    New data (a session, a check-in, a screening...) clears ``checked_on`` in the same
    transaction and refreshes the alerts once committed; the caseload re-runs the rules
    only for patients not checked today, which is what brings time-based alerts (missed
    sessions, no activity) up to date when a day passes. If a refresh fails, the cleared
    day makes the next caseload load run the rules for that patient.
    """

    patient = models.OneToOneField(Patient, on_delete=models.CASCADE, related_name="alert_check")
    checked_on = models.DateField(null=True, blank=True)
    last_activity = models.DateField(null=True, blank=True)

    def __str__(self) -> str:
        return f"alerts of patient {self.patient_id} checked on {self.checked_on or 'never'}"

    def owner_patient(self) -> Patient:
        return self.patient


# The caseload's order as CaseloadRow's columns (caseload_rows.attention), most urgent first.
CASELOAD_ORDER = (
    "open_priority",
    "open_newest",
    "seen_priority",
    "seen_newest",
    "quiet_since",
    "name",
    "patient_id",
)


class CaseloadRow(models.Model):
    """A clinician's caseload, kept: one row per linked patient with where the patient
    stands in the caseload's order (``caseload_rows.attention``), worked out from the patient's
    ``revision`` on ``day``. A row whose patient has a newer revision, or from another day,
    is worked out again when the caseload is next read (``caseload_rows.refresh``), so the
    order never hides new data; a page is then one indexed, ordered slice of this table.

    Only the order and the counts come from here: the page's patients and alerts are read
    afresh. Deliberately not patient-owned (no ``owner_patient``): writing a row must not
    give the patient a new revision. It holds no health data beyond the ranks.
    """

    clinician = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="caseload_rows"
    )
    patient = models.ForeignKey(Patient, on_delete=models.CASCADE, related_name="caseload_rows")
    revision = models.BigIntegerField()
    day = models.DateField()
    # The sort key, column by column (caseload_rows.attention): open alerts' priority and
    # recency, then acknowledged ones', then how long the patient has been quiet, name, id.
    open_priority = models.IntegerField()
    open_newest = models.IntegerField()
    seen_priority = models.IntegerField()
    seen_newest = models.IntegerField()
    quiet_since = models.IntegerField()
    name = models.CharField(max_length=300)
    has_open = models.BooleanField()
    has_emergency = models.BooleanField()

    ORDER = CASELOAD_ORDER

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["clinician", "patient"], name="caseload_row_once")
        ]
        indexes = [
            models.Index(
                fields=["clinician", *(f.removesuffix("_id") for f in CASELOAD_ORDER)],
                name="caseload_row_order",
            )
        ]

    def __str__(self) -> str:
        return f"caseload of {self.clinician_id}: patient {self.patient_id}"
