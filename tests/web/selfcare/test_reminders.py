"""Reminder preferences: what, how, time zone and quiet hours, checked by the core."""

from __future__ import annotations

from datetime import time
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from spinewise.patients.models import Patient
from spinewise.selfcare.models import MovementBreakSettings, ReminderPreference

pytestmark = pytest.mark.django_db
URL = reverse("selfcare:reminders")


def form(**overrides: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "session_reminders": "on",
        "session_days": ["mon", "wed", "fri"],
        "session_time": "18:00",
        "morning_check_time": "08:00",
        "weekly_checkin_day": "sun",
        "weekly_checkin_time": "10:00",
        "channels": ["in_app", "email"],
        "timezone": "Europe/Berlin",
        "day_start": "07:00",
        "day_end": "22:00",
        "quiet_start": "",
        "quiet_end": "",
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


def errors_for(response: Any, field: str) -> list[str]:
    assert response.status_code == 200
    assert f'id="field-{field}"' in response.content.decode()
    return list(response.context["form"].errors.get(field, []))


def test_saving_stores_the_choices(patient_client: Client, patient: Patient) -> None:
    response = patient_client.post(URL, form(quiet_start="12:30", quiet_end="14:00"))
    assert response.status_code == 302
    pref = ReminderPreference.objects.get(patient=patient)
    patient.user.refresh_from_db()
    assert patient.user.time_zone == "Europe/Berlin"
    assert pref.channels == ["email", "in_app"]
    assert pref.session_days == ["mon", "wed", "fri"]
    assert (pref.quiet_start, pref.quiet_end) == (time(12, 30), time(14))
    assert pref.to_core().session_time == time(18)


def test_the_form_suggests_the_programmes_session_count(patient_client: Client) -> None:
    initial = patient_client.get(URL).context["form"].initial
    assert initial["session_days"] == ["mon", "wed", "fri"]
    assert initial["channels"] == ["in_app"]


def test_choosing_the_calendar_shows_a_private_address(
    patient_client: Client, patient: Patient
) -> None:
    patient_client.post(URL, form(channels=["calendar"]))
    token = ReminderPreference.objects.get(patient=patient).calendar_token
    assert token and len(token) >= 40
    assert f"/calendar/{token}.ics" in patient_client.get(URL).content.decode()


def test_saving_again_keeps_one_setting_and_the_same_address(
    patient_client: Client, patient: Patient
) -> None:
    patient_client.post(URL, form(channels=["calendar"]))
    token = ReminderPreference.objects.get(patient=patient).calendar_token
    patient_client.post(URL, form(channels=["calendar"]))
    assert ReminderPreference.objects.filter(patient=patient).count() == 1
    assert ReminderPreference.objects.get(patient=patient).calendar_token == token


def test_a_session_time_outside_reminder_hours_is_refused_next_to_it(
    patient_client: Client,
) -> None:
    response = patient_client.post(URL, form(session_time="06:00"))
    assert errors_for(response, "session_time") == [
        "06:00 is outside your reminder hours (07:00-22:00)."
    ]
    assert not ReminderPreference.objects.exists()


def test_a_session_time_in_quiet_hours_is_refused_next_to_it(patient_client: Client) -> None:
    response = patient_client.post(
        URL, form(session_time="13:00", quiet_start="12:30", quiet_end="14:00")
    )
    assert errors_for(response, "session_time") == ["13:00 falls in your quiet hours."]


def test_a_morning_check_needs_session_reminders(patient_client: Client) -> None:
    response = patient_client.post(URL, form(session_reminders=None, morning_check="on"))
    assert "Needs session days" in errors_for(response, "morning_check_time")[0]


def test_movement_break_reminders_need_working_hours_first(patient_client: Client) -> None:
    response = patient_client.post(URL, form(break_reminders="on"))
    assert "working hours" in errors_for(response, "break_reminders")[0]


def test_movement_break_reminders_use_the_working_hours(
    patient_client: Client, patient: Patient
) -> None:
    MovementBreakSettings.objects.create(
        patient=patient, start=time(9), end=time(17), interval_minutes=45, days=["mon"]
    )
    assert patient_client.post(URL, form(break_reminders="on")).status_code == 302
    breaks = ReminderPreference.objects.get(patient=patient).to_core().movement_breaks
    assert breaks is not None and breaks.interval_minutes == 45


@pytest.mark.parametrize(
    ("field", "value"),
    [("timezone", "Mars/Olympus"), ("session_time", "25:00"), ("day_end", "noon")],
)
def test_values_that_are_not_real_are_refused_next_to_the_field(
    patient_client: Client, field: str, value: str
) -> None:
    response = patient_client.post(URL, form(**{field: value}))
    assert errors_for(response, field)
    assert not ReminderPreference.objects.exists()


def test_quiet_hours_need_a_start_and_an_end(patient_client: Client) -> None:
    response = patient_client.post(URL, form(quiet_start="12:00"))
    assert errors_for(response, "quiet_end") == [
        "Give both the start and the end of your quiet hours."
    ]


def test_at_least_one_way_to_be_reminded(patient_client: Client) -> None:
    response = patient_client.post(URL, form(channels=[]))
    assert errors_for(response, "channels") == ["Choose at least one way to be reminded."]


def test_session_reminders_need_days(patient_client: Client) -> None:
    response = patient_client.post(URL, form(session_days=[]))
    assert errors_for(response, "session_days") == ["Choose the days you plan to exercise."]


def test_email_needs_an_address_on_the_account(patient_client: Client, patient: Patient) -> None:
    patient.user.email = ""
    patient.user.save()
    response = patient_client.post(URL, form(channels=["email"]))
    assert errors_for(response, "channels") == ["Your account has no e-mail address to send to."]


def test_email_reminders_name_the_address(patient_client: Client, patient: Patient) -> None:
    page = patient_client.get(URL).content.decode()
    assert f"By e-mail to {patient.user.email}" in page
