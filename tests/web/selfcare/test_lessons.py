"""Today's lesson chosen from the person's own records, and the lessons read so far."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from spinewise.patients.models import Patient
from spinewise.selfcare.models import LessonRead
from tests.web.conftest import entries_for, give_programme, log_session, session_of

pytestmark = pytest.mark.django_db
URL = reverse("selfcare:lessons")


def test_sharp_pain_in_a_session_brings_the_flare_up_lesson(
    patient_client: Client, patient: Patient
) -> None:
    programme = give_programme(patient)
    session = session_of(programme)
    log_session(patient, session, entries=entries_for(session, sharp_pain=True))
    response = patient_client.get(URL)
    assert response.context["lesson"].theme == "flare_up_first_aid"
    assert "You told us about sharp pain" in response.content.decode()


def test_few_sessions_done_brings_the_busy_life_lesson(
    patient_client: Client, patient: Patient
) -> None:
    programme = give_programme(patient)
    programme.created_at = timezone.now() - timedelta(days=30)
    programme.save()
    response = patient_client.get(URL)
    assert response.context["lesson"].theme == "busy_life"
    assert "You managed 0 of 6 planned sessions" in response.content.decode()


def test_the_lessons_read_are_listed_with_their_day(
    patient_client: Client, patient: Patient
) -> None:
    day = timezone.localdate() - timedelta(days=3)
    LessonRead.objects.create(
        patient=patient, lesson_id="hurt-does-not-mean-harm", read_on=day, answer=0, correct=True
    )
    response = patient_client.get(URL)
    assert [(le.id, r.read_on) for le, r in response.context["reads"]] == [
        ("hurt-does-not-mean-harm", day)
    ]
    assert "answered right" in response.content.decode()


def test_another_persons_reads_are_not_listed(other_client: Client, patient: Patient) -> None:
    LessonRead.objects.create(
        patient=patient, lesson_id="sleep-and-back-pain", read_on=timezone.localdate()
    )
    assert other_client.get(URL).context["reads"] == []


def test_every_lesson_is_listed(patient_client: Client) -> None:
    assert len(patient_client.get(URL).context["all_lessons"]) == 15
