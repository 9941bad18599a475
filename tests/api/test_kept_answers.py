"""Today and the caseload are kept between reads, and never outlive a change.

The answers are kept under the patients' revisions (``patients.kept``); each test reads an
answer first, changes the record the way a person would, and reads again.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db import connection
from django.test.utils import CaptureQueriesContext
from tests.api.conftest import ApiClient, World, checkin_body, screening_body, session_log_body

from spinewise.clinician.models import Alert
from spinewise.patients.kept import revisions_key
from spinewise.sharing.links import end_link
from spinewise.sharing.models import CareLink


def queries_for(api: ApiClient, path: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert api.get(path).status_code == 200
    return len(queries)


def test_reading_today_again_is_a_few_queries(owner_api: ApiClient, world: World) -> None:
    first = queries_for(owner_api, "patients/me/today")
    again = queries_for(owner_api, "patients/me/today")
    assert again <= 3 < first  # the token, the patient (and its revision), nothing more


def test_a_red_flag_shows_on_today_at_once_after_today_was_read(
    owner_api: ApiClient, world: World
) -> None:
    assert owner_api.get("patients/me/today").json()["step"]["key"] == "session"
    answers = {**screening_body()["answers"], "saddle_numbness": True}
    assert owner_api.post("patients/me/screenings", {"answers": answers}).status_code == 201
    today = owner_api.get("patients/me/today").json()
    assert (today["step"]["key"], today["next_session"]) == ("blocked", None)


def test_today_moves_on_once_a_session_is_logged(owner_api: ApiClient, world: World) -> None:
    before = owner_api.get("patients/me/today").json()
    assert before["next_session"]["number"] == 3
    logged = owner_api.post("patients/me/session-logs", session_log_body(world, 3))
    assert logged.status_code == 201, logged.content
    after = owner_api.get("patients/me/today").json()
    assert after["next_session"]["number"] != 3
    assert after["done_this_week"] >= before["done_this_week"]


def test_a_clinicians_edit_shows_on_the_patients_today_at_once(
    owner_api: ApiClient, world: World, dr: ApiClient
) -> None:
    items = owner_api.get("patients/me/today").json()["next_session"]["items"]
    tag = dr.get(f"patients/{world.owner.pk}/programme")["ETag"]
    path = f"patients/{world.owner.pk}/programme/sessions/3/items/0/remove"
    assert dr.post(path, {"reason": "Not for now"}, {"If-Match": tag}).status_code == 200
    after = owner_api.get("patients/me/today").json()["next_session"]["items"]
    assert len(after) == len(items) - 1


def test_a_kept_answer_is_not_found_on_another_day() -> None:
    revisions = [(1, 42)]
    assert revisions_key("today", 1, date(2026, 12, 6), revisions) != revisions_key(
        "today", 1, date(2026, 12, 7), revisions
    )


def caseload_row(dr: ApiClient, world: World) -> dict[str, Any]:
    rows = dr.get("clinician/caseload").json()["results"]
    return next(r for r in rows if r["patient_id"] == world.owner.pk)


def test_a_new_alert_shows_in_the_caseload_at_once(world: World, dr: ApiClient) -> None:
    assert caseload_row(dr, world)["alerts"] == []
    Alert.objects.create(patient=world.owner, kind="sharp_pain", reason="Sharp.", event_key="k")
    assert [a["kind"] for a in caseload_row(dr, world)["alerts"]] == ["sharp_pain"]


def test_an_acknowledged_alert_shows_in_the_caseload_at_once(world: World, dr: ApiClient) -> None:
    alert = Alert.objects.create(
        patient=world.owner, kind="sharp_pain", reason="Sharp.", event_key="k"
    )
    assert caseload_row(dr, world)["alerts"][0]["state"] == "open"
    dr.post(f"alerts/{alert.pk}/acknowledge", {"note": "Will call"})
    assert caseload_row(dr, world)["alerts"][0]["state"] == "acknowledged"


def test_a_patient_whose_link_ended_leaves_the_caseload_at_once(
    world: World, dr: ApiClient, clinician: Any
) -> None:
    assert dr.get("clinician/caseload").json()["count"] == 2
    end_link(CareLink.objects.get(clinician=clinician, patient=world.other), by=clinician)
    body = dr.get("clinician/caseload").json()
    assert [r["patient_id"] for r in body["results"]] == [world.owner.pk]


def test_a_renamed_patient_shows_renamed_in_the_caseload(world: World, dr: ApiClient) -> None:
    caseload_row(dr, world)
    world.owner.user.first_name, world.owner.user.last_name = "Alex", "Moreau"
    world.owner.user.save()
    assert caseload_row(dr, world)["name"] == "Alex Moreau"


def test_every_read_of_a_kept_caseload_is_in_the_access_log(
    world: World, dr: ApiClient, owner_api: ApiClient
) -> None:
    dr.get("clinician/caseload")
    dr.get("clinician/caseload")
    events = owner_api.get("sharing/access-log").json()["results"]
    assert [e["detail"] for e in events].count("caseload summary") == 2


def test_alerts_from_a_painful_session_show_in_the_caseload_at_once(
    world: World, dr: ApiClient, owner_api: ApiClient
) -> None:
    assert caseload_row(dr, world)["alerts"] == []
    body = session_log_body(world, 3)
    for exercise in body["exercises"]:
        exercise["sharp_pain"] = True
    assert owner_api.post("patients/me/session-logs", body).status_code == 201
    assert caseload_row(dr, world)["alerts"] != []  # the rules' own bulk write


def test_progress_shows_a_new_session_and_check_in_at_once(
    owner_api: ApiClient, world: World
) -> None:
    before = owner_api.get("patients/me/progress").json()
    assert owner_api.post("patients/me/session-logs", session_log_body(world, 3)).status_code == 201
    assert owner_api.post("patients/me/checkins", checkin_body()).status_code == 201
    after = owner_api.get("patients/me/progress").json()
    assert after["weeks"][-1]["done"] == before["weeks"][-1]["done"] + 1
    assert sum(len(s["points"]) for s in after["peg"]) > sum(
        len(s["points"]) for s in before["peg"]
    )


def test_each_progress_range_is_kept_apart(owner_api: ApiClient, world: World) -> None:
    everything = owner_api.get("patients/me/progress").json()
    four_weeks = owner_api.get("patients/me/progress", range="4w").json()
    assert (everything["range"], four_weeks["range"]) == ("all", "4w")
    assert four_weeks["since"] is not None and everything["since"] is None
