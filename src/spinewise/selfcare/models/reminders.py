"""Reminder settings, the in-app notification list and the record of reminders sent."""

from __future__ import annotations

import secrets
from datetime import time
from typing import Any

from django.db import models
from django.utils.timezone import now

from spinewise.accounts.time_zones import zone_name
from spinewise.core.selfcare import ReminderPrefs, reminder_prefs_from_dict
from spinewise.patients.models import Patient

from .habits import MovementBreakSettings

WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
# 32 random bytes: a calendar address nobody can guess; it is the only key to the feed.
CALENDAR_TOKEN_BYTES = 32


def new_calendar_token() -> str:
    return secrets.token_urlsafe(CALENDAR_TOKEN_BYTES)


def person_id(patient_id: int) -> str:
    """The id the core puts in dedupe keys and calendar UIDs: never a name or e-mail."""
    return f"p{patient_id}"


class ReminderPreference(models.Model):
    """What a person wants reminding of, how, and when never. Times are in the person's
    own time zone, which their account keeps (``User.time_zone``).

    Stored as plain columns; :meth:`core_dict` turns them into the core's input and
    :meth:`to_core` validates them with ``reminder_prefs_from_dict``. Movement-break
    reminders use the working hours in :class:`MovementBreakSettings`.
    """

    patient = models.OneToOneField(
        Patient, on_delete=models.CASCADE, related_name="reminder_preference"
    )
    channels = models.JSONField(default=list)
    session_reminders = models.BooleanField(default=False)
    session_days = models.JSONField(default=list, blank=True)
    session_time = models.TimeField(default=time(18))
    break_reminders = models.BooleanField(default=False)
    morning_check = models.BooleanField(default=False)
    morning_check_time = models.TimeField(default=time(8))
    weekly_checkin = models.BooleanField(default=False)
    weekly_checkin_day = models.CharField(max_length=3, default="sun")
    weekly_checkin_time = models.TimeField(default=time(10))
    day_start = models.TimeField(default=time(7))
    day_end = models.TimeField(default=time(22))
    quiet_start = models.TimeField(null=True, blank=True)
    quiet_end = models.TimeField(null=True, blank=True)
    calendar_token = models.CharField(max_length=64, unique=True, null=True, blank=True)
    updated_at = models.DateTimeField(default=now)

    def __str__(self) -> str:
        return f"Reminder settings of {self.patient}"

    def owner_patient(self) -> Patient:
        return self.patient

    @property
    def wants_calendar(self) -> bool:
        return "calendar" in self.channels

    def core_dict(self, time_zone: str | None = None) -> dict[str, Any]:
        """The core's input (``reminder_prefs_from_dict``) for these settings, in the
        person's time zone (or ``time_zone``, a zone being chosen)."""

        def hhmm(at: time) -> str:
            return at.strftime("%H:%M")

        data: dict[str, Any] = {
            "person_id": person_id(self.patient_id),
            "timezone": time_zone or zone_name(self.patient.user),
            "channels": list(self.channels),
            "day_window": {"start": hhmm(self.day_start), "end": hhmm(self.day_end)},
            "quiet_hours": (
                [{"start": hhmm(self.quiet_start), "end": hhmm(self.quiet_end)}]
                if self.quiet_start is not None and self.quiet_end is not None
                else []
            ),
        }
        if self.session_reminders:
            data["session"] = {"days": list(self.session_days), "time": hhmm(self.session_time)}
        if self.morning_check:
            data["morning_check"] = {"time": hhmm(self.morning_check_time)}
        if self.weekly_checkin:
            data["weekly_checkin"] = {
                "day": self.weekly_checkin_day,
                "time": hhmm(self.weekly_checkin_time),
            }
        if self.break_reminders:
            breaks = MovementBreakSettings.objects.filter(patient_id=self.patient_id).first()
            # Without working hours the core reports the missing field next to the box.
            data["movement_breaks"] = breaks.core_dict() if breaks else {}
        return data

    def to_core(self, time_zone: str | None = None) -> ReminderPrefs:
        """Validated by the core; InputError names the field (``prefs.session.time``)."""
        return reminder_prefs_from_dict(self.core_dict(time_zone))


class Notification(models.Model):
    """One message in the person's in-app notification list."""

    patient = models.ForeignKey(Patient, on_delete=models.CASCADE, related_name="notifications")
    kind = models.CharField(max_length=32)
    title = models.CharField(max_length=200)
    message = models.TextField()
    url = models.CharField(max_length=200, blank=True)
    reminder_key = models.CharField(max_length=200, blank=True)
    created_at = models.DateTimeField(default=now)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["patient", "read_at"])]

    def __str__(self) -> str:
        return self.title

    def owner_patient(self) -> Patient:
        return self.patient

    @property
    def unread(self) -> bool:
        return self.read_at is None


class SentReminder(models.Model):
    """A reminder claimed for sending. The UNIQUE ``key`` (the core's dedupe key) is
    inserted in its own transaction before anything is sent, so of two workers that
    find the same reminder due, exactly one sends it."""

    class EmailStatus(models.TextChoices):
        NOT_ASKED = "", "Not asked for"
        SENT = "sent", "Sent"
        FAILED = "failed", "Failed"
        NO_ADDRESS = "no_address", "No e-mail address"

    key = models.CharField(max_length=200, unique=True)
    patient = models.ForeignKey(Patient, on_delete=models.CASCADE, related_name="sent_reminders")
    kind = models.CharField(max_length=32)
    due_at = models.DateTimeField()
    channels = models.JSONField(default=list)
    created_at = models.DateTimeField(default=now)
    email_status = models.CharField(
        max_length=16, choices=EmailStatus.choices, blank=True, default=""
    )
    error = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["-due_at", "-id"]
        indexes = [models.Index(fields=["patient", "due_at"])]

    def __str__(self) -> str:
        return self.key

    def owner_patient(self) -> Patient:
        return self.patient
