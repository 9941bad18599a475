"""Exercises, screening, baseline, profile, today, programme and progress through the API."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from tests.api.conftest import ApiClient, World, baseline_body, make_user, screening_body

from spinewise.accounts.models import Role
from spinewise.api import tokens
from spinewise.core.exercises import load_library
from spinewise.core.screening import screen
from spinewise.patients.models import Patient
from spinewise.programmes.models import ProgrammeVersion
from spinewise.programmes.services import SessionPlan, current_programme, save_version

pytestmark = pytest.mark.django_db


def api_for_new_patient(name: str = "newbie") -> tuple[ApiClient, Patient]:
    patient = Patient.objects.create(user=make_user(name))
    _, secret = tokens.create_token(patient.user, "t", "write")
    return ApiClient(token=secret), patient


# --- exercises ------------------------------------------------------------------------


def test_exercises_filter_by_region_modality_and_equipment(client: Client) -> None:
    query = {"region": "upper_back", "modality": "strength", "equipment": "resistance_band"}
    found = client.get("/api/v1/exercises", {**query, "limit": 100}).json()["results"]
    expected = [
        ex.id
        for ex in load_library()
        if "upper_back" in ex.regions
        and ex.modality == "strength"
        and "resistance_band" in ex.equipment
    ]
    assert found and sorted(e["id"] for e in found) == sorted(expected)


def test_an_exercise_has_its_instructions_doses_and_links(client: Client) -> None:
    body = client.get("/api/v1/exercises/cat-camel").json()
    assert body["instructions"]["steps"]
    assert body["doses"]["beginner"]["sets"][0] <= body["doses"]["beginner"]["sets"][1]
    assert body["page_url"] == "/exercises/cat-camel/"


def test_an_unknown_exercise_is_404(client: Client) -> None:
    assert client.get("/api/v1/exercises/no-such-thing").status_code == 404


# --- screening --------------------------------------------------------------------------


def test_a_screening_gives_the_cores_verdict_and_is_kept(db: None) -> None:
    api, patient = api_for_new_patient()
    answers = {"age": 50, "regions": ["mid_back"], "pain_now": 6, "fever_or_chills": True}
    body = api.post("patients/me/screenings", {"answers": answers}).json()
    expected = screen(answers)
    assert (body["level"], body["headline"]) == (expected.level, expected.headline)
    assert [r["code"] for r in body["reasons"]] == [r.code for r in expected.reasons]
    assert patient.screenings.get().source == "start"


def test_an_unknown_answer_is_refused_by_name(owner_api: ApiClient) -> None:
    body = {"answers": {**screening_body()["answers"], "favourite_colour": True}}
    response = owner_api.post("patients/me/screenings", body)
    assert response.status_code == 422
    assert "answers.favourite_colour" in response.json()["error"]["fields"]


def test_a_missing_required_answer_is_refused(owner_api: ApiClient) -> None:
    response = owner_api.post("patients/me/screenings", {"answers": {"age": 40}})
    assert response.status_code == 422
    assert {"answers.regions", "answers.pain_now"} <= set(response.json()["error"]["fields"])


def test_a_yes_given_as_text_is_refused(owner_api: ApiClient) -> None:
    body = {"answers": {**screening_body()["answers"], "saddle_numbness": "no"}}
    response = owner_api.post("patients/me/screenings", body)
    assert response.status_code == 422
    assert list(response.json()["error"]["fields"]) == ["answers.saddle_numbness"]


def test_screening_again_after_a_new_symptom_clears_the_request(
    owner_api: ApiClient, world: World
) -> None:
    world.owner.rescreen_reason = "tingling"
    world.owner.save()
    body = owner_api.post("patients/me/screenings", screening_body()).json()
    assert body["source"] == "checkin"
    assert owner_api.get("patients/me").json()["rescreen_required"] is False


# --- baseline ---------------------------------------------------------------------------


def test_a_baseline_plans_a_programme(db: None) -> None:
    api, patient = api_for_new_patient()
    api.post("patients/me/screenings", screening_body())
    response = api.post("patients/me/baselines", baseline_body())
    assert response.status_code == 201
    programme = current_programme(patient)
    assert programme is not None
    assert response.json()["programme"]["id"] == programme.pk
    assert response.json()["baseline"]["psfs_score"] == 4.0


def test_a_baseline_needs_a_screening_first(db: None) -> None:
    api, _ = api_for_new_patient()
    response = api.post("patients/me/baselines", baseline_body())
    assert response.status_code == 409
    assert response.json()["error"]["code"] == "screening_required"


def test_an_urgent_screening_blocks_the_baseline_with_its_advice(db: None) -> None:
    api, patient = api_for_new_patient()
    answers = {**screening_body()["answers"], "fever_or_chills": True}
    advice = api.post("patients/me/screenings", {"answers": answers}).json()["advice"]
    response = api.post("patients/me/baselines", baseline_body())
    assert response.status_code == 409
    error = response.json()["error"]
    assert (error["code"], error["fields"]) == ("programme_blocked", {})
    assert error["message"].startswith("See a doctor today (from ")
    assert error["message"].endswith(advice)
    assert not patient.baselines.exists()


def test_baseline_form_errors_come_back_under_api_names(owner_api: ApiClient) -> None:
    body = {**baseline_body(), "band_levels": ["red", "Red"]}
    response = owner_api.post("patients/me/baselines", body)
    assert response.status_code == 422
    assert list(response.json()["error"]["fields"]) == ["band_levels"]


def test_an_empty_activity_is_refused_by_position(owner_api: ApiClient) -> None:
    body = baseline_body()
    body["psfs"][1]["activity"] = ""
    response = owner_api.post("patients/me/baselines", body)
    assert list(response.json()["error"]["fields"]) == ["psfs[1].activity"]


# --- profile, today, programme, progress ------------------------------------------------


def test_me_tells_a_clinician_they_have_no_patient_record(world: World) -> None:
    _, secret = tokens.create_token(make_user("dr2", Role.CLINICIAN), "t", "read")
    body = ApiClient(token=secret).get("me").json()
    assert (body["role"], body["patient_id"]) == ("clinician", None)


def test_my_id_and_me_are_the_same_patient(owner_api: ApiClient, world: World) -> None:
    assert owner_api.get(f"patients/{world.owner.pk}").json() == owner_api.get("patients/me").json()


def test_today_offers_the_next_session_with_its_exercises(
    owner_api: ApiClient, world: World
) -> None:
    body = owner_api.get("patients/me/today").json()
    assert body["step"]["key"] == "session"
    assert body["next_session"]["number"] == 3  # sessions 1 and 2 are logged
    assert body["next_session"]["items"]
    assert body["morning_check_for"] == world.unchecked_log.pk


def test_today_sends_a_new_patient_to_the_safety_questions(db: None) -> None:
    api, _ = api_for_new_patient()
    body = api.get("patients/me/today").json()
    assert (body["step"]["key"], body["next_session"]) == ("screening", None)


def test_the_programme_carries_an_etag_of_its_version(owner_api: ApiClient, world: World) -> None:
    response = owner_api.get("patients/me/programme")
    programme = current_programme(world.owner)
    assert programme is not None
    version = programme.current_version()
    assert version is not None
    assert response["ETag"] == f'"programme-{programme.pk}-v{version.number}"'
    assert response.json()["version"]["id"] == version.pk


def test_a_new_version_changes_the_etag(owner_api: ApiClient, world: World) -> None:
    before = owner_api.get("patients/me/programme")["ETag"]
    programme = current_programme(world.owner)
    assert programme is not None
    save_version(programme, [SessionPlan(1, "Only session", [])], "A change")
    assert owner_api.get("patients/me/programme")["ETag"] != before


def test_no_programme_yet_is_a_404_that_says_why(db: None) -> None:
    api, _ = api_for_new_patient()
    response = api.get("patients/me/programme")
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "no_programme"


def test_a_version_lists_its_sessions_and_the_decisions_that_made_it(
    owner_api: ApiClient, world: World
) -> None:
    owner_api.post(f"session-logs/{world.unchecked_log.pk}/morning-check", {"pain_now": 1})
    newest = owner_api.get("patients/me/programme/versions").json()["results"][0]
    version = ProgrammeVersion.objects.get(pk=newest["id"])
    body = owner_api.get(f"programme-versions/{version.pk}").json()
    assert [s["number"] for s in body["sessions"]] == [1, 2, 3]
    assert [d["id"] for d in body["decisions"]] == [d.pk for d in version.decisions.all()]


def progress(api: ApiClient, **query: Any) -> dict[str, Any]:
    response = api.get("patients/me/progress", **query)
    assert response.status_code == 200
    return dict(response.json())


def test_progress_has_pain_function_and_weekly_volume(owner_api: ApiClient, world: World) -> None:
    body = progress(owner_api)
    pain = {s["name"]: s["points"] for s in body["pain"]}
    assert [p["value"] for p in pain["Pain the morning after a session"]] == [2.0]
    assert body["function"][0]["points"]
    assert [p["value"] for p in body["peg"][0]["points"]] == [3.3]
    assert sum(w["done"] for w in body["weeks"]) == 2
    assert sum(w["reps"] for w in body["weeks"]) > 0


def test_an_unknown_progress_range_is_refused(owner_api: ApiClient) -> None:
    assert owner_api.get("patients/me/progress", range="1y").status_code == 422
