"""One lesson and its one-question check: answering records the lesson as read."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from spinewise.core.selfcare import load_lessons
from spinewise.patients.models import Patient
from spinewise.selfcare.models import LessonRead

pytestmark = pytest.mark.django_db
LESSON = load_lessons().get("understanding-back-pain")
URL = reverse("selfcare:lesson", args=[LESSON.id])
RIGHT = str(LESSON.check.correct)
WRONG = str((LESSON.check.correct + 1) % 3)


def test_the_lesson_is_shown_in_full(patient_client: Client) -> None:
    page = patient_client.get(URL).content.decode()
    assert LESSON.title in page
    assert LESSON.check.question in page
    assert "Today's lesson" in page


def test_a_right_answer_is_recorded_and_explained(patient_client: Client, patient: Patient) -> None:
    response = patient_client.post(URL, {"choice": RIGHT}, follow=True)
    read = LessonRead.objects.get(patient=patient)
    assert (read.lesson_id, read.read_on, read.correct) == (LESSON.id, timezone.localdate(), True)
    page = response.content.decode()
    assert "That's right." in page
    assert LESSON.check.explanation in page


def test_a_wrong_answer_shows_the_right_one(patient_client: Client) -> None:
    page = patient_client.post(URL, {"choice": WRONG}, follow=True).content.decode()
    assert "Not quite." in page
    assert LESSON.check.options[LESSON.check.correct] in page


def test_answering_again_the_same_day_keeps_one_read_with_the_latest_answer(
    patient_client: Client, patient: Patient
) -> None:
    patient_client.post(URL, {"choice": WRONG})
    patient_client.post(URL, {"choice": RIGHT})
    patient_client.post(URL, {"choice": RIGHT})
    read = LessonRead.objects.get(patient=patient)
    assert read.correct is True


def test_once_read_the_next_lesson_waits_for_tomorrow(patient_client: Client) -> None:
    patient_client.post(URL, {"choice": RIGHT})
    choice = patient_client.get(reverse("selfcare:hub")).context["choice"]
    assert choice.rule == "read_today"


@pytest.mark.parametrize("choice", ["3", "-1", "two", ""])
def test_an_answer_that_is_not_an_option_is_refused_next_to_the_question(
    patient_client: Client, choice: str
) -> None:
    response = patient_client.post(URL, {"choice": choice})
    assert response.status_code == 200
    assert response.context["form"].errors["choice"]
    assert 'id="field-choice"' in response.content.decode()
    assert not LessonRead.objects.exists()


def test_an_unknown_lesson_is_not_found(patient_client: Client) -> None:
    assert (
        patient_client.get(reverse("selfcare:lesson", args=["no-such-lesson"])).status_code == 404
    )
