"""Session logs, morning checks and weekly check-ins through the API."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone
from tests.api.conftest import ApiClient, World, checkin_body, session_log_body

from spinewise.api.conditional import require_if_match
from spinewise.api.errors import ApiError
from spinewise.screening.services import red_flag_questions
from spinewise.training.models import ExerciseLog, SessionLog

pytestmark = pytest.mark.django_db
LOGS = "patients/me/session-logs"


def fields_of(response: Any) -> dict[str, str]:
    assert response.status_code == 422, response.content
    return dict(response.json()["error"]["fields"])


def test_a_logged_session_is_stored_as_the_player_stores_it(
    owner_api: ApiClient, world: World
) -> None:
    body = session_log_body(world)
    response = owner_api.post(LOGS, body)
    assert response.status_code == 201
    log = SessionLog.objects.get(pk=response.json()["id"])
    stored = list(log.exercise_logs.order_by("position"))
    assert [e.done for e in stored] == [e["done"] for e in body["exercises"]]
    assert all(e.rpe == 4 and e.pain_during == 2 for e in stored)
    assert log.session_number == 3


def test_exercises_left_out_count_as_skipped(owner_api: ApiClient, world: World) -> None:
    body = session_log_body(world)
    body["exercises"] = body["exercises"][:1]
    log_id = owner_api.post(LOGS, body).json()["id"]
    skipped = ExerciseLog.objects.filter(session_log_id=log_id, position__gt=0)
    assert skipped.exists() and {e.sets_done for e in skipped} == {0}


def test_sharp_pain_steps_the_exercise_back_at_once(owner_api: ApiClient, world: World) -> None:
    body = session_log_body(world)
    body["exercises"][1]["sharp_pain"] = True
    decisions = owner_api.post(LOGS, body).json()["decisions"]
    assert decisions and all(d["alert_clinician"] for d in decisions if d["decision"] != "hold")


def test_a_warning_sign_with_a_session_screens_again(owner_api: ApiClient, world: World) -> None:
    flag = red_flag_questions()[0]["id"]
    body = {**session_log_body(world), "new_symptoms": [flag]}
    log = owner_api.post(LOGS, body).json()
    screening = owner_api.get(f"screenings/{log['screening_id']}").json()
    assert screening["source"] == "session"
    assert screening["level"] in ("emergency", "urgent")


def test_an_unknown_symptom_is_refused(owner_api: ApiClient, world: World) -> None:
    body = {**session_log_body(world), "new_symptoms": ["itchy_ears"]}
    assert list(fields_of(owner_api.post(LOGS, body))) == ["new_symptoms"]


def test_a_session_in_the_future_is_refused(owner_api: ApiClient, world: World) -> None:
    tomorrow = (timezone.localdate() + timedelta(days=1)).isoformat()
    body = {**session_log_body(world), "performed_on": tomorrow}
    assert list(fields_of(owner_api.post(LOGS, body))) == ["performed_on"]


def test_done_sets_need_effort_and_pain_ratings(owner_api: ApiClient, world: World) -> None:
    body = session_log_body(world)
    del body["exercises"][2]["rpe"]
    assert list(fields_of(owner_api.post(LOGS, body))) == ["exercises[2].rpe"]


def test_one_amount_per_set_done(owner_api: ApiClient, world: World) -> None:
    body = session_log_body(world)
    body["exercises"][0]["done"] = body["exercises"][0]["done"] * 2  # two per set
    assert list(fields_of(owner_api.post(LOGS, body))) == ["exercises[0].done"]


def test_an_exercise_position_the_session_lacks_is_refused(
    owner_api: ApiClient, world: World
) -> None:
    body = session_log_body(world)
    body["exercises"][0]["position"] = 99
    assert list(fields_of(owner_api.post(LOGS, body))) == ["exercises[0].position"]


def test_an_unknown_session_number_is_refused(owner_api: ApiClient, world: World) -> None:
    body = {**session_log_body(world), "session_number": 7}
    assert list(fields_of(owner_api.post(LOGS, body))) == ["session_number"]


def test_logging_against_someone_elses_programme_is_not_found(
    owner_api: ApiClient, world: World
) -> None:
    theirs = world.other.programmes.get().current_version()
    assert theirs is not None
    body = {**session_log_body(world), "version_id": theirs.pk}
    assert owner_api.post(LOGS, body).status_code == 404


def test_the_log_list_is_newest_first_with_morning_pain(owner_api: ApiClient, world: World) -> None:
    results = owner_api.get(LOGS).json()["results"]
    assert [r["id"] for r in results] == [world.unchecked_log.pk, world.log.pk]
    assert [r["morning_pain"] for r in results] == [None, 2]


def test_a_morning_check_runs_the_progression(owner_api: ApiClient, world: World) -> None:
    url = f"session-logs/{world.unchecked_log.pk}/morning-check"
    body = owner_api.post(url, {"pain_now": 1}).json()
    assert body["morning_pain"] == 1
    assert body["progressed_at"] is not None
    assert body["decisions"]
    checks = owner_api.get("patients/me/morning-checks").json()["results"]
    assert checks[0]["session_log_id"] == world.unchecked_log.pk


def test_a_weekly_check_in_is_scored(owner_api: ApiClient, world: World) -> None:
    body = owner_api.post("patients/me/checkins", checkin_body()).json()
    assert body["peg_score"] == 2.3
    assert [p["score"] for p in body["psfs"]] == [5, 5, 4]
    assert body["next"] == "done"


def test_a_new_symptom_at_check_in_asks_for_screening(owner_api: ApiClient, world: World) -> None:
    body = {**checkin_body(), "new_symptom": "Numb left foot"}
    assert owner_api.post("patients/me/checkins", body).json()["next"] == "screening"
    profile = owner_api.get("patients/me").json()
    assert profile["rescreen_required"] is True
    assert "Numb left foot" in profile["rescreen_reason"]
    assert owner_api.get("patients/me/today").json()["step"]["key"] == "screening"


def test_a_check_in_rates_each_baseline_activity(owner_api: ApiClient, world: World) -> None:
    body = {**checkin_body(), "psfs_scores": [5, 5]}
    assert list(fields_of(owner_api.post("patients/me/checkins", body))) == ["psfs_scores"]


# --- If-Match helpers (programme edits arrive with the clinician workspace) -------------


def test_if_match_is_required_and_must_name_the_current_version(rf: Any) -> None:
    current = '"programme-1-v3"'
    with pytest.raises(ApiError) as missing:
        require_if_match(rf.post("/"), current)
    assert missing.value.status == 428
    with pytest.raises(ApiError) as stale:
        require_if_match(rf.post("/", HTTP_IF_MATCH='"programme-1-v2"'), current)
    assert (stale.value.status, stale.value.headers["ETag"]) == (412, current)
    require_if_match(rf.post("/", HTTP_IF_MATCH=f'"x", {current}'), current)
    require_if_match(rf.post("/", HTTP_IF_MATCH="*"), current)


def test_a_weak_etag_never_matches_an_edit(rf: Any) -> None:
    with pytest.raises(ApiError) as weak:
        require_if_match(rf.post("/", HTTP_IF_MATCH='W/"programme-1-v3"'), '"programme-1-v3"')
    assert weak.value.status == 412


def test_a_second_log_of_a_session_on_the_same_day_is_refused_with_the_first(
    owner_api: ApiClient, world: World
) -> None:
    body = session_log_body(world)
    first = owner_api.post(LOGS, body)
    assert first.status_code == 201
    again = owner_api.post(LOGS, body)
    assert again.status_code == 409
    assert again.json()["error"]["code"] == "already_logged"
    assert again["Location"].endswith(f"/session-logs/{first.json()['id']}")
    assert SessionLog.objects.filter(patient=world.owner, session_number=3).count() == 1
