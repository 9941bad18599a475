"""The personal calendar feed: parsed back with icalendar and checked, served only to
the holder of the secret address."""

from __future__ import annotations

from datetime import time

import pytest
from django.test import Client
from django.urls import reverse
from icalendar import Calendar

from spinewise.patients.models import Patient
from spinewise.selfcare.models import MovementBreakSettings
from tests.web.selfcare.conftest import reminders_for

pytestmark = pytest.mark.django_db


def feed_url(token: str) -> str:
    return reverse("calendar:feed", args=[token])


@pytest.fixture
def calendar_patient(patient: Patient) -> Patient:
    MovementBreakSettings.objects.create(
        patient=patient, start=time(9), end=time(12), interval_minutes=60, days=["mon", "fri"]
    )
    reminders_for(
        patient,
        channels=["calendar", "in_app"],
        session_days=["mon", "wed", "fri"],
        morning_check=True,
        weekly_checkin=True,
        break_reminders=True,
    )
    return patient


def test_the_feed_is_valid_icalendar_with_events_alarms_stamps_and_uids(
    client: Client, calendar_patient: Patient
) -> None:
    token = calendar_patient.reminder_preference.calendar_token
    response = client.get(feed_url(token))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    calendar = Calendar.from_ical(response.content)
    assert calendar["VERSION"] == "2.0"
    events = calendar.walk("VEVENT")
    summaries = {str(e["SUMMARY"]) for e in events}
    assert summaries == {
        "Spinewise session",
        "Spinewise morning check",
        "Spinewise weekly check-in",
        "Movement break",
    }
    for event in events:
        assert event.get("UID") and event.get("DTSTAMP") and event.get("DTSTART")
        assert event.walk("VALARM"), f"{event['SUMMARY']} has no alarm"
        assert str(event["DTSTART"].dt.tzinfo) == "Europe/London"
    assert len({str(e["UID"]) for e in events}) == len(events)
    assert calendar.walk("VTIMEZONE")


def test_the_same_events_keep_their_uids_between_fetches(
    client: Client, calendar_patient: Patient
) -> None:
    url = feed_url(calendar_patient.reminder_preference.calendar_token)
    first, second = (Calendar.from_ical(client.get(url).content) for _ in range(2))
    uids = [sorted(str(e["UID"]) for e in c.walk("VEVENT")) for c in (first, second)]
    assert uids[0] == uids[1]


def test_the_feed_needs_no_sign_in_and_says_nothing_about_the_person(
    client: Client, calendar_patient: Patient
) -> None:
    body = client.get(feed_url(calendar_patient.reminder_preference.calendar_token)).content
    text = body.decode()
    assert calendar_patient.user.username not in text
    assert calendar_patient.user.email not in text
    assert "sessionid" not in client.cookies


def test_a_wrong_token_finds_nothing(client: Client, calendar_patient: Patient) -> None:
    token = calendar_patient.reminder_preference.calendar_token
    wrong = token[:-1] + ("A" if token[-1] != "A" else "B")
    assert client.get(feed_url(wrong)).status_code == 404
    assert client.get(feed_url("short")).status_code == 404


def test_turning_the_calendar_off_stops_the_feed(client: Client, calendar_patient: Patient) -> None:
    pref = calendar_patient.reminder_preference
    pref.channels = ["in_app"]
    pref.save()
    assert client.get(feed_url(pref.calendar_token)).status_code == 404


def test_posting_to_the_feed_is_not_allowed(client: Client, calendar_patient: Patient) -> None:
    url = feed_url(calendar_patient.reminder_preference.calendar_token)
    assert client.post(url).status_code == 405
