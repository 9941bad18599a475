"""Clinics, the consented link between a clinician and a patient, and the access log.

A clinician sees a patient's data only through an active :class:`CareLink` the patient
consented to (see ``patients/access.py``); belonging to a clinic never grants access by
itself. Every access by someone other than the patient is an :class:`AccessEvent`, which
the application can add but never change or remove.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.utils import timezone

from spinewise.patients.models import Patient


class Clinic(models.Model):
    """A practice. Its admins manage which clinicians belong to it."""

    name = models.CharField(max_length=200)
    created_at = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["name", "id"]

    def __str__(self) -> str:
        return self.name


class ClinicMembership(models.Model):
    class Role(models.TextChoices):
        CLINICIAN = "clinician", "Clinician"
        ADMIN = "admin", "Clinic admin"

    clinic = models.ForeignKey(Clinic, on_delete=models.CASCADE, related_name="memberships")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="clinic_memberships"
    )
    role = models.CharField(max_length=16, choices=Role.choices, default=Role.CLINICIAN)
    added_at = models.DateTimeField(default=timezone.now)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["clinic", "user__username"]
        constraints = [
            models.UniqueConstraint(fields=["clinic", "user"], name="clinic_membership_once")
        ]

    def __str__(self) -> str:
        return f"{self.user} in {self.clinic} ({self.get_role_display()})"

    @property
    def is_admin(self) -> bool:
        return self.role == self.Role.ADMIN


class CareLink(models.Model):
    """A clinician's link to one patient: invited, then active once the patient consents.

    While ``invited`` the patient may still be unknown (a code or e-mail link not yet used);
    the invitation's secret is stored only as a keyed hash (see ``clinic/invitations.py``).
    ``ended`` is final: a new link needs a new invitation and a new consent.
    """

    class Status(models.TextChoices):
        INVITED = "invited", "Invited"
        ACTIVE = "active", "Active"
        ENDED = "ended", "Ended"

    class Channel(models.TextChoices):
        EMAIL = "email", "E-mail link"
        CODE = "code", "One-time code"

    clinician = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="care_links"
    )
    patient = models.ForeignKey(
        Patient, on_delete=models.CASCADE, null=True, blank=True, related_name="care_links"
    )
    clinic = models.ForeignKey(
        Clinic, on_delete=models.SET_NULL, null=True, blank=True, related_name="care_links"
    )
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.INVITED)
    channel = models.CharField(max_length=8, choices=Channel.choices)
    invited_email = models.EmailField(blank=True)
    secret_hash = models.CharField(max_length=64, unique=True, editable=False)
    invited_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    consent_at = models.DateTimeField(null=True, blank=True)
    ended_at = models.DateTimeField(null=True, blank=True)
    ended_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    end_reason = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["-invited_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["clinician", "patient"],
                condition=models.Q(status="active"),
                name="clinic_carelink_one_active_per_pair",
            ),
            models.CheckConstraint(
                condition=~models.Q(status="active")
                | models.Q(patient__isnull=False, consent_at__isnull=False),
                name="clinic_carelink_active_has_consent",
            ),
        ]
        indexes = [
            models.Index(fields=["clinician", "status"]),
            models.Index(fields=["patient", "status"]),
        ]

    def __str__(self) -> str:
        who = self.patient or self.invited_email or "code invitation"
        return f"{self.clinician} → {who} ({self.status})"

    @property
    def is_active(self) -> bool:
        return self.status == self.Status.ACTIVE and self.consent_at is not None

    @property
    def is_pending(self) -> bool:
        return self.status == self.Status.INVITED and self.expires_at > timezone.now()


class AppendOnlyQuerySet(models.QuerySet["AccessEvent"]):
    def update(self, **kwargs: Any) -> int:
        raise PermissionError("The access log is append-only.")

    def delete(self) -> tuple[int, dict[str, int]]:
        raise PermissionError("The access log is append-only.")


class AccessEvent(models.Model):
    """Someone other than the patient viewed or changed the patient's data.

    Append-only from the application: saving an existing row, deleting a row, and bulk
    update/delete all raise. Rows go only with their patient (erasure of the whole record).
    """

    class Action(models.TextChoices):
        VIEW = "view", "Viewed"
        CHANGE = "change", "Changed"

    patient = models.ForeignKey(Patient, on_delete=models.CASCADE, related_name="access_events")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="access_events",
    )
    # Kept as text so the log still says who it was after the account is deleted.
    actor_name = models.CharField(max_length=300)
    action = models.CharField(max_length=16, choices=Action.choices)
    detail = models.CharField(max_length=300, blank=True)
    method = models.CharField(max_length=10, blank=True)
    path = models.CharField(max_length=300, blank=True)
    ip_address = models.GenericIPAddressField(null=True, blank=True)
    user_agent = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["patient", "-created_at"])]

    def __str__(self) -> str:
        return f"{self.actor_name} {self.action} {self.patient} at {self.created_at:%Y-%m-%d %H:%M}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise PermissionError("The access log is append-only.")
        # An INSERT, never an UPDATE, even if someone sets a primary key by hand.
        kwargs["force_insert"] = True
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise PermissionError("The access log is append-only.")

    def owner_patient(self) -> Patient:
        return self.patient
