"""The reminder preferences form: checked by the core's ``reminder_prefs_from_dict``."""

from __future__ import annotations

from datetime import time
from typing import Any

from django import forms
from django.db import transaction
from django.utils import timezone

from spinewise.accounts.time_zones import zone_choices
from spinewise.patients.models import Patient
from spinewise.programmes.services import current_version

from ..forms import DAY_CHOICES, CoreCheckedForm, time_field
from ..models import ReminderPreference, new_calendar_token

# The reminder settings' own columns; the time zone is the person's (their account's).
FIELDS = (
    "channels",
    "session_reminders",
    "session_days",
    "session_time",
    "break_reminders",
    "morning_check",
    "morning_check_time",
    "weekly_checkin",
    "weekly_checkin_day",
    "weekly_checkin_time",
    "day_start",
    "day_end",
    "quiet_start",
    "quiet_end",
)


class ReminderPreferenceForm(CoreCheckedForm):
    session_reminders = forms.BooleanField(label="My exercise sessions", required=False)
    session_days = forms.MultipleChoiceField(
        label="On these days",
        choices=DAY_CHOICES,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    session_time = time_field("At")
    break_reminders = forms.BooleanField(
        label="Movement breaks during my working hours", required=False
    )
    morning_check = forms.BooleanField(
        label="The next-morning check after a session", required=False
    )
    morning_check_time = time_field("At")
    weekly_checkin = forms.BooleanField(label="My weekly check-in", required=False)
    weekly_checkin_day = forms.ChoiceField(label="On", choices=DAY_CHOICES)
    weekly_checkin_time = time_field("At")
    channels = forms.MultipleChoiceField(
        label="Send my reminders",
        choices=[
            ("email", "By e-mail"),
            ("in_app", "In my Spinewise notifications"),
            ("calendar", "In my calendar app (a private calendar address)"),
        ],
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Choose at least one way to be reminded."},
    )
    timezone = forms.ChoiceField(
        label="My time zone",
        choices=zone_choices,
        help_text="Every time on this page is in this zone. It is your account's time zone.",
        error_messages={"invalid_choice": "Choose a time zone from the list."},
    )
    day_start = time_field("Reminders from", "No reminder comes before this time.")
    day_end = time_field("Until", "Nor after this one.")
    quiet_start = time_field(
        "Quiet hours from", "Optional: a time of day with no reminders at all.", required=False
    )
    quiet_end = time_field("Quiet hours until", required=False)

    core_fields = {
        "timezone": "timezone",
        "channels": "channels",
        "session": "session_days",
        "session.days": "session_days",
        "session.time": "session_time",
        "movement_breaks": "break_reminders",
        "morning_check": "morning_check",
        "morning_check.time": "morning_check_time",
        "weekly_checkin.day": "weekly_checkin_day",
        "weekly_checkin.time": "weekly_checkin_time",
        "day_window": "day_start",
        "day_window.start": "day_start",
        "day_window.end": "day_end",
        "quiet_hours": "quiet_start",
        "quiet_hours[0].start": "quiet_start",
        "quiet_hours[0].end": "quiet_end",
    }

    def __init__(self, *args: Any, patient: Patient, has_break_settings: bool, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.patient = patient
        self.has_break_settings = has_break_settings
        address = patient.user.email
        self.fields["channels"].choices = [
            ("email", f"By e-mail to {address}" if address else "By e-mail (add an address first)"),
            *self.fields["channels"].choices[1:],
        ]

    @classmethod
    def initial_from(cls, pref: ReminderPreference, time_zone: str) -> dict[str, Any]:
        return {"timezone": time_zone, **{name: getattr(pref, name) for name in FIELDS}}

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("session_reminders") and not data.get("session_days"):
            self.add_error("session_days", "Choose the days you plan to exercise.")
        if "email" in data.get("channels", []) and not self.patient.user.email:
            self.add_error("channels", "Your account has no e-mail address to send to.")
        if data.get("break_reminders") and not self.has_break_settings:
            self.add_error(
                "break_reminders", "Set your working hours on the movement breaks page first."
            )
        if (data.get("quiet_start") is None) != (data.get("quiet_end") is None):
            missing = "quiet_end" if data.get("quiet_end") is None else "quiet_start"
            if missing not in self.errors:
                self.add_error(missing, "Give both the start and the end of your quiet hours.")
        if self.errors:
            return data
        candidate = self.apply(ReminderPreference(patient=self.patient))
        self.core_check(lambda: candidate.to_core(data["timezone"]), "prefs.")
        return data

    def apply(self, pref: ReminderPreference) -> ReminderPreference:
        """Copy the answers onto ``pref`` (not saved)."""
        for name in FIELDS:
            setattr(pref, name, self.cleaned_data[name])
        pref.session_days = [d for d, _ in DAY_CHOICES if d in pref.session_days]
        pref.channels = [c for c in ("email", "in_app", "calendar") if c in pref.channels]
        return pref


def default_preference(patient: Patient) -> ReminderPreference:
    """Suggested settings for someone who has none: in-app reminders of three sessions
    a week (or as many as their programme plans) at 18:00."""
    version = current_version(patient)
    per_week = version.sessions.count() if version else 3
    spread = {1: ["wed"], 2: ["tue", "fri"], 3: ["mon", "wed", "fri"]}
    days = spread.get(per_week, [d for d, _ in DAY_CHOICES][: max(per_week, 1)])
    return ReminderPreference(
        patient=patient,
        channels=["in_app"],
        session_reminders=True,
        session_days=days,
        session_time=time(18),
    )


def save_preference(form: ReminderPreferenceForm, pref: ReminderPreference) -> ReminderPreference:
    """Store the answers, the time zone on the person's account; choosing the calendar
    for the first time creates its address."""
    form.apply(pref)
    if pref.wants_calendar and not pref.calendar_token:
        pref.calendar_token = new_calendar_token()
    pref.updated_at = timezone.now()
    user = form.patient.user
    user.time_zone = form.cleaned_data["timezone"]
    with transaction.atomic():
        user.save(update_fields=["time_zone"])
        pref.save()
    return pref
