"""The clinician's workspace over the API: caseload, alerts, notes and programme edits."""

from __future__ import annotations

from typing import Any

import pytest
from tests.api.conftest import ApiClient, World, make_user

from spinewise.accounts.models import Role
from spinewise.api.tokens import create_token
from spinewise.clinician.models import Alert, ClinicalNote
from spinewise.sharing.links import end_link


def open_alert(world: World) -> Alert:
    return Alert.objects.create(
        patient=world.owner, kind="sharp_pain", reason="Sharp pain reported.", event_key="t"
    )


def test_caseload_lists_linked_patients_a_page_at_a_time(world: World, dr: ApiClient) -> None:
    body = dr.get("clinician/caseload", limit=1).json()
    assert body["count"] == 2 and len(body["results"]) == 1 and body["next"]


def test_caseload_puts_the_patient_with_an_open_alert_first(world: World, dr: ApiClient) -> None:
    open_alert(world)
    first = dr.get("clinician/caseload").json()["results"][0]
    assert first["patient_id"] == world.owner.pk
    assert "sharp_pain" in [a["kind"] for a in first["alerts"]]


def test_caseload_is_written_to_each_patients_access_log(
    world: World, dr: ApiClient, owner_api: ApiClient
) -> None:
    dr.get("clinician/caseload")
    events = owner_api.get("sharing/access-log").json()["results"]
    assert events[0]["detail"] == "caseload summary" and events[0]["actor"] == "dr_api"


def test_acknowledging_an_alert_records_who(world: World, dr: ApiClient) -> None:
    alert = open_alert(world)
    body = dr.post(f"alerts/{alert.pk}/acknowledge", {"note": "Will call"}).json()
    assert body["state"] == "acknowledged" and body["acted_by"] == "dr_api"


def test_acknowledging_twice_is_a_conflict(world: World, dr: ApiClient) -> None:
    alert = open_alert(world)
    dr.post(f"alerts/{alert.pk}/acknowledge", {})
    again = dr.post(f"alerts/{alert.pk}/acknowledge", {})
    assert again.status_code == 409 and again.json()["error"]["code"] == "alert_action_refused"


def test_resolving_needs_a_note(world: World, dr: ApiClient) -> None:
    alert = open_alert(world)
    response = dr.post(f"alerts/{alert.pk}/resolve", {"note": "  "})
    assert response.status_code == 422 and "note" in response.json()["error"]["fields"]


def test_resolved_alert_leaves_the_open_list(world: World, dr: ApiClient) -> None:
    alert = open_alert(world)
    assert dr.post(f"alerts/{alert.pk}/resolve", {"note": "Seen in clinic"}).status_code == 200
    still_open = dr.get(f"patients/{world.owner.pk}/alerts", state="open").json()["results"]
    assert alert.pk not in [a["id"] for a in still_open]


def test_notes_are_listed_for_the_clinician_not_the_patient(
    world: World, clinician: Any, dr: ApiClient, owner_api: ApiClient
) -> None:
    ClinicalNote.objects.create(
        patient=world.owner, author=clinician, author_name="dr_api", text="Guarded."
    )
    notes = dr.get(f"patients/{world.owner.pk}/notes").json()["results"]
    assert [n["text"] for n in notes] == ["Guarded."]
    assert owner_api.get(f"patients/{world.owner.pk}/notes").status_code == 403


def write_note(api: ApiClient, world: World, text: Any, key: str | None = None) -> Any:
    headers = {"Idempotency-Key": key} if key else {}
    return api.post(f"patients/{world.owner.pk}/notes", {"text": text}, headers)


def test_a_linked_clinician_writes_a_note_that_is_listed_first(world: World, dr: ApiClient) -> None:
    response = write_note(dr, world, "  Guarded with flexion; review in a week.  ")
    assert response.status_code == 201, response.content
    note = response.json()
    assert note["author"] == "dr_api" and note["text"] == "Guarded with flexion; review in a week."
    listed = dr.get(f"patients/{world.owner.pk}/notes").json()["results"]
    assert listed[0] == note


def test_a_retried_note_with_its_idempotency_key_is_recorded_once(
    world: World, dr: ApiClient
) -> None:
    first = write_note(dr, world, "Called the patient.", key="note-1")
    again = write_note(dr, world, "Called the patient.", key="note-1")
    assert (first.status_code, again.status_code) == (201, 201)
    assert again["Idempotent-Replayed"] == "true" and again.content == first.content
    assert ClinicalNote.objects.filter(patient=world.owner).count() == 1


@pytest.mark.parametrize("text", ["", "   ", "x" * 5001], ids=["empty", "blank", "too_long"])
def test_a_note_without_text_or_too_long_is_422_naming_text(
    world: World, dr: ApiClient, text: str
) -> None:
    response = write_note(dr, world, text)
    assert response.status_code == 422
    error = response.json()["error"]
    assert error["code"] == "validation_error" and list(error["fields"]) == ["text"]
    assert not ClinicalNote.objects.exists()


def test_a_note_body_without_text_is_422_naming_text(world: World, dr: ApiClient) -> None:
    response = dr.post(f"patients/{world.owner.pk}/notes", {})
    assert response.status_code == 422 and "text" in response.json()["error"]["fields"]


@pytest.mark.parametrize("ref", ["me", "owner"])
def test_the_patient_cannot_write_a_note_about_themselves(
    world: World, owner_api: ApiClient, ref: str
) -> None:
    path = f"patients/{world.owner.pk if ref == 'owner' else 'me'}/notes"
    response = owner_api.post(path, {"text": "I am fine."})
    assert response.status_code == 403
    assert response.json()["error"]["code"] == "not_a_clinician"
    assert not ClinicalNote.objects.exists()


def test_an_unlinked_clinician_cannot_write_a_note(world: World) -> None:
    stranger = ApiClient(token=create_token(make_user("dr_x", Role.CLINICIAN), "t", "write")[1])
    assert write_note(stranger, world, "Hello.").status_code == 404
    assert not ClinicalNote.objects.exists()


def test_a_clinician_whose_link_ended_cannot_write_a_note(
    world: World, clinician: Any, dr: ApiClient
) -> None:
    link = clinician.care_links.get(patient=world.owner)
    end_link(link, world.owner.user, "Ended by the patient")
    assert write_note(dr, world, "Still here?").status_code == 404
    assert not ClinicalNote.objects.exists()


def test_a_read_only_token_cannot_write_a_note(world: World, clinician: Any) -> None:
    reader = ApiClient(token=create_token(clinician, "t", "read")[1])
    response = write_note(reader, world, "Hello.")
    assert response.status_code == 403
    assert response.json()["error"]["code"] == "insufficient_scope"
    assert not ClinicalNote.objects.exists()


def test_an_anonymous_caller_cannot_write_a_note(world: World, clinician: Any) -> None:
    assert write_note(ApiClient(), world, "Hello.").status_code == 401
    assert not ClinicalNote.objects.exists()


def test_the_patient_sees_that_a_note_was_written_but_never_its_text(
    world: World, dr: ApiClient, owner_api: ApiClient
) -> None:
    write_note(dr, world, "Private: query central sensitisation.")
    events = owner_api.get("sharing/access-log").json()["results"]
    assert events[0]["action"] == "change" and events[0]["actor"] == "dr_api"
    for path in (f"patients/{world.owner.pk}", "sharing/access-log", "patients/me/notes"):
        assert "sensitisation" not in owner_api.get(path).content.decode()


def etag(dr: ApiClient, world: World) -> str:
    return str(dr.get(f"patients/{world.owner.pk}/programme")["ETag"])


def edit(dr: ApiClient, world: World, path: str, body: Any, tag: str | None) -> Any:
    headers = {"If-Match": tag} if tag else {}
    return dr.post(f"patients/{world.owner.pk}/{path}", body, headers)


def test_programme_edit_without_if_match_is_428(world: World, dr: ApiClient) -> None:
    body = {"locked": True, "reason": "Hold"}
    response = edit(dr, world, "programme/sessions/1/items/0/lock", body, None)
    assert response.status_code == 428


def test_locking_an_item_makes_a_new_version_and_etag(world: World, dr: ApiClient) -> None:
    before = etag(dr, world)
    body = {"locked": True, "reason": "Hold for now"}
    response = edit(dr, world, "programme/sessions/1/items/0/lock", body, before)
    assert response.status_code == 200, response.content
    assert response["ETag"] != before and response["ETag"] == etag(dr, world)
    items = dr.get(f"patients/{world.owner.pk}/programme").json()["version"]["sessions"][0]
    assert items["items"][0]["locked"] is True


def test_an_edit_with_an_old_etag_is_412(world: World, dr: ApiClient) -> None:
    old = etag(dr, world)
    edit(dr, world, "programme/sessions/1/items/0/lock", {"locked": True, "reason": "a"}, old)
    response = edit(dr, world, "programme/sessions/1/items/0/remove", {"reason": "b"}, old)
    assert response.status_code == 412 and response["ETag"] == etag(dr, world)


def test_dose_change_is_validated_by_the_service(world: World, dr: ApiClient) -> None:
    programme = dr.get(f"patients/{world.owner.pk}/programme").json()
    item = programme["version"]["sessions"][0]["items"][0]
    body = {"sets": item["sets"], "amount": 1000, "reason": "More"}
    response = edit(dr, world, "programme/sessions/1/items/0/dose", body, etag(dr, world))
    assert response.status_code == 422 and response.json()["error"]["fields"]


def test_adding_an_exercise_appears_in_the_session(world: World, dr: ApiClient) -> None:
    session = dr.get(f"patients/{world.owner.pk}/programme").json()["version"]["sessions"][0]
    have = {i["exercise_id"] for i in session["items"]}
    new = next(e for e in ("cat-camel", "chin-tuck", "pelvic-tilt") if e not in have)
    body = {"exercise_id": new, "reason": "Mobility", "override_reason": "Checked"}
    response = edit(dr, world, "programme/sessions/1/items", body, etag(dr, world))
    assert response.status_code == 200, response.content
    assert response.json()["kind"] == "add"


def test_removing_an_item_names_it_in_the_changes(world: World, dr: ApiClient) -> None:
    body = {"reason": "Not needed"}
    response = edit(dr, world, "programme/sessions/1/items/0/remove", body, etag(dr, world))
    assert response.status_code == 200 and response.json()["changes"][0].startswith("Removed")


def test_pain_ceiling_changes_the_patients_limit(world: World, dr: ApiClient) -> None:
    body = {"ceiling": 3, "reason": "Flare-up"}
    response = edit(dr, world, "pain-ceiling", body, etag(dr, world))
    assert response.status_code == 200
    assert dr.get(f"patients/{world.owner.pk}").json()["pain_ceiling"] == 3


def test_clearance_of_a_self_managing_patient_is_refused(world: World, dr: ApiClient) -> None:
    response = edit(dr, world, "clearance", {"reason": "Seen"}, etag(dr, world))
    assert response.status_code == 422


def test_the_patient_cannot_edit_their_own_programme_here(
    world: World, owner_api: ApiClient
) -> None:
    tag = etag(owner_api, world)
    response = edit(owner_api, world, "pain-ceiling", {"ceiling": 9, "reason": "x"}, tag)
    assert response.status_code == 403


def test_a_retried_edit_with_its_idempotency_key_is_answered_once(
    world: World, dr: ApiClient
) -> None:
    headers = {"If-Match": etag(dr, world), "Idempotency-Key": "lock-1"}
    path = f"patients/{world.owner.pk}/programme/sessions/1/items/0/lock"
    first = dr.post(path, {"locked": True, "reason": "Hold"}, headers)
    again = dr.post(path, {"locked": True, "reason": "Hold"}, headers)
    assert (first.status_code, again.status_code) == (200, 200)
    assert again["Idempotent-Replayed"] == "true" and again.json() == first.json()
    assert world.owner.programme_edits.count() == 1
