"""The safety record: a warning stays open until a clearance, a clearance covers standing
answers until a new symptom, and the person can say a doctor has seen them."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from spinewise.accounts.models import User
from spinewise.patients.models import Patient
from spinewise.screening.models import Clearance, Screening
from spinewise.screening.safety import (
    RESCREEN_AFTER_DOCTOR,
    ClearanceError,
    record_clearance,
    safety_state,
)
from spinewise.screening.services import record_screening
from tests.api.conftest import ApiClient
from tests.web.conftest import SAFE_ANSWERS

pytestmark = pytest.mark.django_db


def screen(patient: Patient, **answers: object) -> Screening:
    return record_screening(patient, {**SAFE_ANSWERS, **answers}, Screening.Source.RECHECK)


def clear(patient: Patient, by: User, kind: str = "clinician") -> Clearance:
    return record_clearance(
        patient,
        kind=kind,
        recorded_by=by,
        seen_by="Dr Okafor",
        seen_on=timezone.localdate(),
        ruled_out="Oncology review: no sign of spread; exercise is fine.",
    )


def test_an_emergency_answered_away_still_stands_on_the_result_page(
    patient: Patient, patient_client: Client
) -> None:
    screen(patient, chest_pain_or_pressure=True)
    calm = screen(patient)
    page = patient_client.get(reverse("screening:result", args=[calm.pk])).content.decode()
    assert 'id="still-open"' in page
    assert "still stands" in page
    assert 'href="tel:112"' in page
    assert reverse("screening:doctor_seen") in page
    assert safety_state(patient).level == "emergency"


def test_the_emergency_number_is_a_setting(
    patient: Patient, patient_client: Client, settings: object
) -> None:
    settings.EMERGENCY_NUMBER = "999"  # type: ignore[attr-defined]
    screening = screen(patient, tearing_pain=True)
    page = patient_client.get(reverse("screening:result", args=[screening.pk])).content.decode()
    assert 'href="tel:999"' in page and "Call 999" in page


def test_a_clearance_covers_a_standing_answer_until_a_new_symptom(
    patient: Patient, clinician: User
) -> None:
    screen(patient, cancer_history=True)
    assert safety_state(patient).level == "urgent"
    clearance = clear(patient, clinician)
    assert clearance.covers == ["cancer_history"]
    assert safety_state(patient).may_exercise
    again = screen(patient, cancer_history=True)  # the same standing answer: still covered
    assert again.clearance == clearance
    assert safety_state(patient).may_exercise
    new = screen(patient, cancer_history=True, fever_or_chills=True)  # a new symptom
    assert new.is_open
    clearance.refresh_from_db()
    assert not clearance.in_force
    assert safety_state(patient).level == "urgent"
    screen(patient, cancer_history=True)  # the fever result stays open
    assert not safety_state(patient).may_exercise


def test_an_acute_symptom_is_never_covered_by_an_earlier_clearance(
    patient: Patient, clinician: User
) -> None:
    screen(patient, chest_pain_or_pressure=True)
    clearance = clear(patient, clinician)
    assert clearance.covers == []
    assert safety_state(patient).may_exercise
    assert screen(patient, chest_pain_or_pressure=True).is_open
    assert safety_state(patient).level == "emergency"


def test_a_see_clinician_result_keeps_the_programme_gentle_until_cleared(
    patient: Patient, clinician: User
) -> None:
    screen(patient, weight_loss_unexplained=True)
    screen(patient)
    state = safety_state(patient)
    assert (state.may_exercise, state.planning_level) == (True, "see_clinician")
    clear(patient, clinician)
    assert safety_state(patient).planning_level == "self_manage"


def test_a_clearance_needs_who_when_and_what_and_an_open_warning(
    patient: Patient, clinician: User
) -> None:
    with pytest.raises(ClearanceError, match="no open warning"):
        clear(patient, clinician)
    screen(patient, fever_or_chills=True)
    kwargs = {"kind": "clinician", "recorded_by": clinician, "seen_on": timezone.localdate()}
    with pytest.raises(ClearanceError) as missing:
        record_clearance(patient, seen_by=" ", ruled_out="x", **kwargs)
    assert missing.value.field == "seen_by"
    with pytest.raises(ClearanceError) as nothing:
        record_clearance(patient, seen_by="Dr A", ruled_out="", **kwargs)
    assert nothing.value.field == "ruled_out"
    future = timezone.localdate() + timedelta(days=1)
    with pytest.raises(ClearanceError) as later:
        record_clearance(
            patient,
            kind="doctor_seen",
            recorded_by=patient.user,
            seen_by="Dr A",
            seen_on=future,
            ruled_out="x",
        )
    assert later.value.field == "seen_on"
    assert not patient.clearances.exists()
    assert not safety_state(patient).may_exercise


def test_a_review_before_the_warning_was_reported_does_not_count(
    patient: Patient, clinician: User
) -> None:
    screen(patient, fever_or_chills=True)
    with pytest.raises(ClearanceError, match="on or after"):
        record_clearance(
            patient,
            kind="clinician",
            recorded_by=clinician,
            seen_by="Dr A",
            seen_on=timezone.localdate() - timedelta(days=3),
            ruled_out="Seen last week",
        )


def test_the_person_says_a_doctor_has_seen_them_and_answers_again(
    patient: Patient, patient_client: Client
) -> None:
    emergency = screen(patient, saddle_numbness=True)
    url = reverse("screening:doctor_seen")
    assert "has a warning from" in patient_client.get(url).content.decode()
    refused = patient_client.post(url, {"seen_by": "", "seen_on": "", "ruled_out": ""})
    assert refused.status_code == 400
    assert {"seen_by", "seen_on", "ruled_out", "confirm"} <= set(refused.context["form"].errors)
    response = patient_client.post(
        url,
        {
            "seen_by": "A&E, City Hospital",
            "seen_on": timezone.localdate().isoformat(),
            "ruled_out": "MRI normal; no nerve pressure.",
            "confirm": "on",
        },
    )
    assert response["Location"] == reverse("screening:start")
    emergency.refresh_from_db()
    assert emergency.clearance.kind == "doctor_seen"
    assert emergency.clearance.recorded_by == patient.user
    patient.refresh_from_db()
    assert patient.rescreen_reason == RESCREEN_AFTER_DOCTOR
    assert safety_state(patient).gate.code == "rescreen_required"
    screen(patient)
    assert safety_state(patient).may_exercise
    page = patient_client.get(reverse("screening:result", args=[emergency.pk])).content.decode()
    assert "MRI normal" in page and 'id="clearance"' in page


def test_the_api_shows_the_record_and_takes_the_persons_statement(
    patient: Patient,
) -> None:
    api = ApiClient(user=patient.user)
    created = api.post(
        "patients/me/screenings", {"answers": {**SAFE_ANSWERS, "tearing_pain": True}}
    )
    assert created.json()["level_in_force"] == "emergency"
    answered_away = api.post("patients/me/screenings", {"answers": SAFE_ANSWERS}).json()
    assert (answered_away["level"], answered_away["level_in_force"]) == (
        "self_manage",
        "emergency",
    )
    assert "neuro_head_symptoms" in answered_away["unanswered"]
    body = {
        "seen_by": "Dr Grey",
        "seen_on": timezone.localdate().isoformat(),
        "ruled_out": "Scan normal",
        "confirm": False,
    }
    unconfirmed = api.post("patients/me/safety/doctor-seen", body)
    assert unconfirmed.status_code == 422
    assert "confirm" in unconfirmed.json()["error"]["fields"]
    done = api.post("patients/me/safety/doctor-seen", {**body, "confirm": True})
    assert done.status_code == 201
    assert (done.json()["kind"], done.json()["levels"]) == ("doctor_seen", ["emergency"])
    again = api.post("patients/me/safety/doctor-seen", {**body, "confirm": True})
    assert (again.status_code, again.json()["error"]["code"]) == (409, "nothing_to_clear")
    safety = api.get("patients/me/safety").json()
    assert safety["level"] == "self_manage"
    assert safety["gate"] == "rescreen_required"
    assert [c["seen_by"] for c in safety["clearances"]] == ["Dr Grey"]


def test_another_patient_cannot_clear_or_read_someone_elses_record(
    patient: Patient, other_patient: Patient, other_client: Client
) -> None:
    screen(patient, fever_or_chills=True)
    api = ApiClient(user=other_patient.user)
    assert api.get(f"patients/{patient.pk}/safety").status_code == 404
    body = {
        "seen_by": "Me",
        "seen_on": timezone.localdate().isoformat(),
        "ruled_out": "x",
        "confirm": True,
    }
    assert api.post(f"patients/{patient.pk}/safety/doctor-seen", body).status_code == 404
    assert other_client.get(reverse("screening:doctor_seen")).status_code == 200
    assert not patient.clearances.exists()


def test_cautions_shape_the_plan(patient: Patient, patient_client: Client) -> None:
    from spinewise.patients.commands import BaselineAnswers
    from spinewise.programmes.baseline import record_baseline

    screen(patient, radiating_limb_pain=True)
    answers = BaselineAnswers(
        regions=("lower_back", "mid_back"),
        pain_now=5,
        pain_last_week=6,
        psfs=(("Putting on socks", 3), ("Sitting for an hour", 4), ("Lifting a bag", 2)),
    )
    _, programme = record_baseline(patient, answers)
    assert safety_state(patient).planner_conditions == ["radiating_leg_pain", "radiating_arm_pain"]
    items = [
        i.exercise_id for s in programme.current_version().sessions.all() for i in s.items.all()
    ]
    from spinewise.core.exercises import load_library

    library = load_library()
    for exercise_id in items:
        contra = set(library.get(exercise_id).contraindications)
        assert not contra & {"radiating_leg_pain", "radiating_arm_pain"}, exercise_id
