"""Every self-care page, visited by an anonymous visitor, another patient and a linked
clinician: nobody but the person sees or changes their self-care records.

Self-care records are the person's own day-to-day notes: a clinician linked through the
clinic app gets no access to these pages (403, as on every patient-only page).
"""

from __future__ import annotations

import uuid
from datetime import time
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from spinewise.accounts.models import User
from spinewise.core.selfcare import load_workstation_checklist
from spinewise.patients.models import Patient
from spinewise.selfcare.models import (
    HeatColdLog,
    LessonRead,
    MovementBreakSettings,
    Notification,
    RelaxationLog,
    StepEntry,
    WorkstationCheck,
)
from spinewise.selfcare.services import record_workstation
from tests.web.conftest import client_for
from tests.web.selfcare.conftest import reminders_for
from tests.web.sharing.conftest import link

pytestmark = pytest.mark.django_db

PAGES = [
    "hub",
    "lessons",
    "workstation",
    "break_now",
    "break_settings",
    "heat_cold",
    "breathing",
    "body_scan",
    "steps",
    "reminders",
    "notifications",
]
# Values only the person's own records put on a page (the first workstation change is added
# by the fixture).
MARKERS = ['value="Pacific/Chatham" selected', "43,210", "Secret reminder title"]


@pytest.fixture
def records(patient: Patient) -> dict[str, object]:
    """One of everything for ``patient``, with values that would stand out in a page."""
    today = timezone.localdate()
    reminders_for(patient, timezone="Pacific/Chatham", channels=["calendar", "in_app"])
    MovementBreakSettings.objects.create(
        patient=patient, start=time(8), end=time(16), interval_minutes=37, days=["mon"]
    )
    StepEntry.objects.create(patient=patient, on=today, steps=43210)
    HeatColdLog.objects.create(
        patient=patient, kind="cold", minutes=17, effect=-4, used_on=today, token=uuid.uuid4()
    )
    RelaxationLog.objects.create(
        patient=patient, kind="body_scan", minutes=9, done_on=today, token=uuid.uuid4()
    )
    LessonRead.objects.create(patient=patient, lesson_id="sleep-and-back-pain", read_on=today)
    note = Notification.objects.create(
        patient=patient, kind="session", title="Secret reminder title", message="x"
    )
    checklist = load_workstation_checklist()
    worst = {q.id: min(q.choices, key=lambda c: c.points).id for q in checklist.questions}
    check = record_workstation(patient, worst, uuid.uuid4())
    return {
        "notification": note.pk,
        "check": check.pk,
        "markers": [*MARKERS, check.result["changes"][0]["title"]],
    }


def page_urls(records: dict[str, Any]) -> list[str]:
    return [
        *(reverse(f"selfcare:{name}") for name in PAGES),
        reverse("selfcare:lesson", args=["sleep-and-back-pain"]),
        reverse("selfcare:workstation_result", args=[records["check"]]),
    ]


def post_urls(records: dict[str, Any]) -> list[str]:
    return [
        reverse("selfcare:relaxation_log"),
        reverse("selfcare:calendar_regenerate"),
        reverse("selfcare:notification_read", args=[records["notification"]]),
        reverse("selfcare:notifications_read_all"),
    ]


def test_anonymous_visitors_are_sent_to_log_in(client: Client, records: dict[str, Any]) -> None:
    for url in page_urls(records) + post_urls(records):
        response = client.post(url) if url in post_urls(records) else client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith(reverse("accounts:login")), url


def test_the_person_sees_their_own_records(patient_client: Client, records: dict[str, Any]) -> None:
    pages = "".join(patient_client.get(url).content.decode() for url in page_urls(records))
    for marker in records["markers"]:
        assert marker in pages, marker


def test_another_patient_sees_none_of_it(other_client: Client, records: dict[str, Any]) -> None:
    for url in page_urls(records):
        response = other_client.get(url)
        assert response.status_code in (200, 404), url
        page = response.content.decode()
        for marker in records["markers"]:
            assert marker not in page, (url, marker)
    result = reverse("selfcare:workstation_result", args=[records["check"]])
    assert other_client.get(result).status_code == 404


def test_another_patient_changes_none_of_it(
    other_client: Client, patient: Patient, records: dict[str, Any]
) -> None:
    token = patient.reminder_preference.calendar_token
    for url in post_urls(records):
        other_client.post(url, {"replace": "anything"})
    patient.reminder_preference.refresh_from_db()
    assert patient.reminder_preference.calendar_token == token
    assert Notification.objects.get(pk=records["notification"]).read_at is None
    assert WorkstationCheck.objects.filter(patient=patient).count() == 1


def test_a_linked_clinician_gets_no_self_care_pages(
    clinician: User, patient: Patient, records: dict[str, Any]
) -> None:
    link(clinician, patient)
    doctor = client_for(clinician)
    for url in page_urls(records):
        response = doctor.get(url)
        assert response.status_code == 403, url
        for marker in records["markers"]:
            assert marker not in response.content.decode()
    for url in post_urls(records):
        assert doctor.post(url).status_code == 403, url
    assert Notification.objects.get(pk=records["notification"]).read_at is None
