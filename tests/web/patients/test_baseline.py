from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from spinewise.patients.models import Baseline, Patient
from spinewise.programmes.models import Programme
from tests.web.conftest import give_programme, screen_as

pytestmark = pytest.mark.django_db
URL = reverse("patients:baseline")


def form(**overrides: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "regions": ["lower_back"],
        "pain_now": "5",
        "pain_last_week": "6",
        "psfs_activity_1": "Putting on socks",
        "psfs_score_1": "3",
        "psfs_activity_2": "Sitting for an hour",
        "psfs_score_2": "4",
        "psfs_activity_3": "Gardening",
        "psfs_score_3": "2",
        "equipment": ["resistance_band"],
        "band_levels": "yellow\nred\ngreen",
        "sessions_per_week": "3",
        "minutes_per_session": "20",
        "level": "beginner",
        "conditions": [],
    }
    data.update(overrides)
    return data


def test_without_a_screening_the_safety_questions_come_first(patient_client: Client) -> None:
    assert patient_client.get(URL)["Location"] == reverse("screening:start")


def test_the_form_is_shown_after_a_safe_screening(patient_client: Client, patient: Patient) -> None:
    screen_as(patient)
    assert b'name="psfs_activity_3"' in patient_client.get(URL).content


def test_the_first_baseline_starts_from_what_the_safety_questions_asked(
    patient_client: Client, patient: Patient
) -> None:
    screen_as(patient)  # lower back, pain 4 now
    form = patient_client.get(URL).context["form"]
    assert form["regions"].value() == ["lower_back"]
    assert str(form["pain_now"].value()) == "4"
    assert form["pain_last_week"].value() in (None, "")  # not asked yet: no guess


def test_where_it_hurts_has_the_same_words_in_both_questionnaires(
    patient_client: Client, patient: Patient
) -> None:
    from spinewise.screening.services import question_schema

    screen_as(patient)
    (regions,) = [q for q in question_schema() if q["id"] == "regions"]
    asked = {c["id"]: c["label"] for c in regions["choices"]}
    offered = dict(patient_client.get(URL).context["form"].fields["regions"].choices)
    assert asked == offered


def test_saving_the_baseline_plans_a_programme(patient_client: Client, patient: Patient) -> None:
    screen_as(patient)
    response = patient_client.post(URL, form())
    assert response["Location"] == reverse("programmes:current")
    baseline = Baseline.objects.get(patient=patient)
    assert baseline.band_levels == ["yellow", "red", "green"]
    assert baseline.psfs_scores == [3, 4, 2]
    assert baseline.psfs_score == 3.0
    programme = Programme.objects.get(patient=patient)
    assert programme.current_version().sessions.count() == 3


@pytest.mark.parametrize("level", ["urgent", "emergency"])
def test_urgent_and_emergency_screenings_block_programme_creation(
    patient_client: Client, patient: Patient, level: str
) -> None:
    screening = screen_as(patient, level)
    response = patient_client.post(URL, form())
    assert response.status_code == 403
    assert screening.headline in response.content.decode()
    assert not Programme.objects.exists()
    assert not Baseline.objects.exists()


def test_see_clinician_plans_only_gentle_mobility(patient_client: Client, patient: Patient) -> None:
    from spinewise.core.exercises import load_library

    screen_as(patient, "see_clinician")
    patient_client.post(URL, form())
    version = Programme.objects.get(patient=patient).current_version()
    library = load_library()
    modalities = {
        library.get(item.exercise_id).modality
        for session in version.sessions.all()
        for item in session.items.all()
    }
    assert modalities <= {"mobility", "breathing"}


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("pain_now", "11"),
        ("pain_last_week", "-1"),
        ("psfs_score_2", "12"),
        ("sessions_per_week", "8"),
        ("sessions_per_week", "0"),
        ("minutes_per_session", "5"),
        ("minutes_per_session", "90"),
        ("regions", ["elbow"]),
        ("equipment", ["trampoline"]),
        ("conditions", ["flu"]),
        ("level", "expert"),
        ("psfs_activity_1", ""),
    ],
)
def test_out_of_range_answers_are_rejected_next_to_the_field(
    patient_client: Client, patient: Patient, field: str, value: Any
) -> None:
    screen_as(patient)
    response = patient_client.post(URL, form(**{field: value}))
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert f'id="field-{field}"' in response.content.decode()
    assert not Baseline.objects.exists()


def test_the_same_band_twice_is_rejected(patient_client: Client, patient: Patient) -> None:
    screen_as(patient)
    response = patient_client.post(URL, form(band_levels="red\nRed"))
    assert "band_levels" in response.context["form"].errors


def test_changing_answers_prefills_the_last_baseline(
    patient_client: Client, patient: Patient
) -> None:
    give_programme(patient)
    form_shown = patient_client.get(URL).context["form"]
    assert form_shown.initial["psfs_activity_1"] == "Putting on socks"
    assert form_shown.initial["band_levels"] == "yellow\nred\ngreen"


def test_saving_again_plans_a_new_programme(patient_client: Client, patient: Patient) -> None:
    give_programme(patient)
    screen_as(patient)
    patient_client.post(URL, form(sessions_per_week="2"))
    latest = Programme.objects.filter(patient=patient).first()
    assert latest.current_version().sessions.count() == 2


def test_anonymous_visitors_are_sent_to_log_in(client: Client) -> None:
    response = client.get(URL)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_another_patients_baseline_is_never_shown(
    other_client: Client, patient: Patient, other_patient: Patient
) -> None:
    give_programme(patient)
    screen_as(other_patient)
    form_shown = other_client.get(URL).context["form"]
    # Only the other patient's own safety answers, none of the first patient's baseline.
    assert form_shown.initial == {"regions": ["lower_back"], "pain_now": 4}
