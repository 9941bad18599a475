from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from spinewise.patients.models import Patient
from spinewise.screening.models import Screening
from tests.web.conftest import screen_as

pytestmark = pytest.mark.django_db
URL = reverse("screening:start")


def answers(**extra: Any) -> dict[str, Any]:
    """Every question that applies answered, "no" to each yes/no question, then ``extra``."""
    from spinewise.core.screening import question_schema

    no = {
        q["id"]: "no" for q in question_schema() if q["type"] == "boolean" and not q.get("ask_if")
    }
    return {**no, "age": "40", "regions": ["lower_back"], "pain_now": "4", **extra}


def test_every_yes_no_question_must_be_answered(patient_client: Client, patient: Patient) -> None:
    data = answers()
    del data["neuro_head_symptoms"]
    del data["chest_pain_or_pressure"]
    response = patient_client.post(URL, data)
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert {"neuro_head_symptoms", "chest_pain_or_pressure"} <= set(errors)
    assert not Screening.objects.exists()


def test_a_follow_up_is_required_only_after_a_yes_to_its_gateway(
    patient_client: Client, patient: Patient
) -> None:
    follow_up = "chest_pain_with_sweating_breathlessness_or_nausea"
    page = patient_client.get(URL).content.decode()
    assert 'data-ask-if="chest_pain_or_pressure"' in page
    response = patient_client.post(URL, answers(chest_pain_or_pressure="yes"))
    assert follow_up in response.context["form"].errors
    response = patient_client.post(URL, answers(chest_pain_or_pressure="yes", **{follow_up: "no"}))
    screening = Screening.objects.get(patient=patient)
    assert response["Location"] == reverse("screening:result", args=[screening.pk])
    assert screening.level == "emergency"
    assert screening.unanswered == ["pain_weeks"]


def test_the_form_asks_every_question_of_the_core_schema(patient_client: Client) -> None:
    from spinewise.core.screening import question_schema

    page = patient_client.get(URL).content.decode()
    for question in question_schema():
        assert f'name="{question["id"]}"' in page


def test_safe_answers_lead_to_the_self_manage_result(
    patient_client: Client, patient: Patient
) -> None:
    response = patient_client.post(URL, answers())
    screening = Screening.objects.get(patient=patient)
    assert response["Location"] == reverse("screening:result", args=[screening.pk])
    assert screening.level == "self_manage"


def test_a_cauda_equina_sign_is_an_emergency(patient_client: Client, patient: Patient) -> None:
    patient_client.post(URL, answers(saddle_numbness="yes"))
    assert Screening.objects.get(patient=patient).level == "emergency"


def test_a_no_answer_counts_as_no(patient_client: Client, patient: Patient) -> None:
    patient_client.post(URL, answers(saddle_numbness="no", fever_or_chills="no"))
    assert Screening.objects.get(patient=patient).level == "self_manage"


def test_a_missing_required_answer_is_shown_next_to_the_question(
    patient_client: Client, patient: Patient
) -> None:
    data = answers()
    del data["age"]
    response = patient_client.post(URL, data)
    assert response.status_code == 200
    assert "age" in response.context["form"].errors
    assert not Screening.objects.exists()


def test_an_out_of_range_age_is_rejected_in_plain_words(patient_client: Client) -> None:
    response = patient_client.post(URL, answers(age="7"))
    [message] = response.context["form"].errors["age"]
    assert message.startswith("Give a whole number from ")
    assert "Ensure this value" not in response.content.decode()
    assert not Screening.objects.exists()


def test_an_out_of_range_pain_score_is_rejected(patient_client: Client) -> None:
    response = patient_client.post(URL, answers(pain_now="11"))
    assert "pain_now" in response.context["form"].errors


def test_an_unknown_region_is_rejected(patient_client: Client) -> None:
    response = patient_client.post(URL, answers(regions=["knee"]))
    assert "regions" in response.context["form"].errors


def test_screening_again_clears_a_pending_request_to_rescreen(
    patient_client: Client, patient: Patient
) -> None:
    screen_as(patient)
    patient.rescreen_reason = "numb toes"
    patient.save()
    assert "numb toes" in patient_client.get(URL).content.decode()
    patient_client.post(URL, answers())
    patient.refresh_from_db()
    assert patient.rescreen_reason == ""
    assert patient.screenings.first().source == Screening.Source.CHECKIN


def test_age_and_regions_are_carried_over_when_screening_again(
    patient_client: Client, patient: Patient
) -> None:
    screen_as(patient)
    form = patient_client.get(URL).context["form"]
    assert form.initial == {"age": 40, "regions": ["lower_back"]}


def test_anonymous_visitors_are_sent_to_log_in(client: Client) -> None:
    response = client.get(URL)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_clinicians_cannot_screen_as_a_patient(clinician: Any) -> None:
    client = Client()
    client.force_login(clinician)
    assert client.get(URL).status_code == 403
