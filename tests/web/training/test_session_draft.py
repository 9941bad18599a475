"""The player's progress kept on the server as a draft: only the patient reads and writes
it, bad bodies are refused in words that name the problem, one row per session and day,
and logging the session deletes it."""

from __future__ import annotations

import json
from datetime import timedelta
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from spinewise.core.errors import Invalid
from spinewise.patients.models import Patient
from spinewise.programmes.models import PlannedSession
from spinewise.sharing.access import can_access
from spinewise.training.drafts import DraftRefused, discard_draft, save_draft
from spinewise.training.models import DRAFT_MAX_BYTES, SessionDraft
from tests.web.clinician.conftest import link
from tests.web.conftest import client_for, give_programme, log_session, player_post, session_of

pytestmark = pytest.mark.django_db
URL = reverse("training:draft", args=[1])
STATE = {"v": 1, "sig": "0:bird-dog:reps:3", "pos": 1, "items": [{"sets": [8, 8]}]}


@pytest.fixture
def session(patient: Patient) -> PlannedSession:
    return session_of(give_programme(patient))


def put(client: Client, body: Any, **headers: str) -> Any:
    data = body if isinstance(body, str | bytes) else json.dumps(body)
    return client.put(URL, data, content_type="application/json", headers=headers)


def state(updated_at: int = 1000, **fields: Any) -> dict[str, Any]:
    return {**STATE, "updatedAt": updated_at, **fields}


def test_the_page_tells_the_player_where_its_draft_lives(
    patient_client: Client, session: PlannedSession
) -> None:
    page = patient_client.get(reverse("training:player", args=[1])).content.decode()
    assert f'data-draft-url="{URL}"' in page


def test_a_saved_draft_is_read_back(patient_client: Client, session: PlannedSession) -> None:
    assert patient_client.get(URL).status_code == 404  # nothing saved yet
    response = put(patient_client, {"state": state()})
    assert response.status_code == 200, response.content
    assert response.json()["saved"] is True
    read = patient_client.get(URL)
    assert read.status_code == 200
    assert read.json()["state"] == state()
    assert read.json()["updated_at"]


def test_saving_twice_keeps_one_row_with_the_latest_state(
    patient_client: Client, patient: Patient, session: PlannedSession
) -> None:
    put(patient_client, {"state": state(1000, pos=0)})
    put(patient_client, {"state": state(2000, pos=1)})
    draft = SessionDraft.objects.get()
    assert draft.patient == patient and draft.planned_session == session
    assert draft.day == timezone.localdate()
    assert draft.state["pos"] == 1


def test_a_save_older_than_the_stored_draft_does_not_replace_it(
    patient_client: Client, session: PlannedSession
) -> None:
    put(patient_client, {"state": state(2000, pos=1)})
    late = put(patient_client, {"state": state(1000, pos=0)})
    assert late.status_code == 409
    assert "newer draft" in late.json()["error"]
    assert SessionDraft.objects.get().state["pos"] == 1


@pytest.mark.parametrize(
    ("body", "problem"),
    [
        ("{not json", "not valid JSON"),
        (b"\xff\xfe", "not valid JSON"),
        ('{"state": NaN}', "not valid JSON"),
        ("[1, 2]", 'JSON object with a "state"'),
        ('{"pos": 1}', 'JSON object with a "state"'),
        ('{"state": [1, 2]}', "must be a JSON object"),
        ('{"state": {"updatedAt": "soon"}}', "updatedAt must be a number"),
    ],
)
def test_a_bad_body_is_refused_naming_the_problem(
    patient_client: Client, session: PlannedSession, body: str, problem: str
) -> None:
    response = put(patient_client, body)
    assert response.status_code == 400
    assert problem in response.json()["error"]
    assert not SessionDraft.objects.exists()


def test_an_oversized_state_is_refused_naming_the_limit(
    patient_client: Client, session: PlannedSession
) -> None:
    # just over the limit (the state itself), and far over it (the body)
    near = state(note="x" * (DRAFT_MAX_BYTES - 60))
    for body in ({"state": near}, {"state": state(note="x" * 5 * DRAFT_MAX_BYTES)}):
        response = put(patient_client, body)
        assert response.status_code == 400
        assert "too large" in response.json()["error"]
        assert str(DRAFT_MAX_BYTES) in response.json()["error"]
    assert not SessionDraft.objects.exists()


def test_logging_the_session_deletes_its_draft(
    patient_client: Client, patient: Patient, session: PlannedSession
) -> None:
    put(patient_client, {"state": state()})
    assert SessionDraft.objects.count() == 1
    response = patient_client.post(reverse("training:player", args=[1]), player_post(session))
    assert response.status_code == 302
    assert not SessionDraft.objects.exists()
    # a late save from the page that logged it does not bring the draft back
    late = put(patient_client, {"state": state(9000)})
    assert late.status_code == 409
    assert "logged already" in late.json()["error"]
    assert not SessionDraft.objects.exists()


def test_logging_another_session_or_day_keeps_the_draft(
    patient: Patient, session: PlannedSession
) -> None:
    today = timezone.localdate()
    save_draft(patient, session, today, state())
    log_session(patient, session, today - timedelta(days=1))
    other = session_of(session.version.programme, 2)
    log_session(patient, other)
    assert SessionDraft.objects.count() == 1
    discard_draft(patient, session, today)
    assert not SessionDraft.objects.exists()


def test_drafts_of_earlier_days_are_cleared_when_a_new_one_is_saved(
    patient: Patient, session: PlannedSession
) -> None:
    today = timezone.localdate()
    save_draft(patient, session, today - timedelta(days=5), state())
    save_draft(patient, session, today - timedelta(days=1), state())
    save_draft(patient, session, today, state())
    assert sorted(d.day for d in SessionDraft.objects.all()) == [
        today - timedelta(days=1),
        today,
    ]


def test_the_service_refuses_what_it_cannot_store(
    patient: Patient, session: PlannedSession
) -> None:
    today = timezone.localdate()
    with pytest.raises(Invalid) as invalid:
        save_draft(patient, session, today, "not an object")
    assert "state" in invalid.value.errors
    with pytest.raises(Invalid) as invalid:
        save_draft(patient, session, today, {"blob": "x" * DRAFT_MAX_BYTES})
    assert "too large" in invalid.value.errors["state"]
    log_session(patient, session)
    with pytest.raises(DraftRefused):
        save_draft(patient, session, today, state())
    assert not SessionDraft.objects.exists()


def test_a_draft_answers_who_owns_it(
    patient: Patient, other_patient: Patient, session: PlannedSession
) -> None:
    draft = save_draft(patient, session, timezone.localdate(), state())
    assert draft.owner_patient() == patient
    assert can_access(patient.user, draft)
    assert not can_access(other_patient.user, draft)


def test_another_patient_never_sees_or_changes_the_draft(
    patient_client: Client, other_patient: Patient, session: PlannedSession
) -> None:
    put(patient_client, {"state": state()})
    other = client_for(other_patient.user)
    assert other.get(URL).status_code == 404  # no programme of their own
    give_programme(other_patient)
    assert other.get(URL).status_code == 404  # their own session: no draft
    put(other, {"state": state(5000, pos=0)})
    assert SessionDraft.objects.count() == 2
    mine = SessionDraft.objects.get(planned_session=session)
    assert mine.state == state()


def test_a_clinician_even_a_linked_one_is_refused(
    patient: Patient, session: PlannedSession, clinician: Any
) -> None:
    save_draft(patient, session, timezone.localdate(), state())
    link(clinician, patient)
    client = client_for(clinician)
    assert client.get(URL).status_code == 403
    assert put(client, {"state": state(5000)}).status_code == 403
    assert SessionDraft.objects.get().state == state()


def test_anonymous_visitors_are_sent_to_sign_in(session: PlannedSession) -> None:
    client = Client()
    for response in (client.get(URL), put(client, {"state": state()})):
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("accounts:login"))
    assert not SessionDraft.objects.exists()


def test_a_save_needs_the_csrf_token(patient: Patient, session: PlannedSession) -> None:
    client = Client(enforce_csrf_checks=True)
    client.force_login(patient.user)
    assert put(client, {"state": state()}).status_code == 403
    client.get(reverse("training:player", args=[1]))  # sets the csrftoken cookie
    token = client.cookies["csrftoken"].value
    assert put(client, {"state": state()}, X_CSRFToken=token).status_code == 200
    assert SessionDraft.objects.count() == 1


def test_other_methods_are_not_allowed(patient_client: Client, session: PlannedSession) -> None:
    assert patient_client.post(URL, {"state": "{}"}).status_code == 405
    assert patient_client.delete(URL).status_code == 405


def test_an_unknown_session_number_is_not_found(
    patient_client: Client, session: PlannedSession
) -> None:
    response = patient_client.get(reverse("training:draft", args=[99]))
    assert response.status_code == 404
    assert "no such session" in response.json()["error"]
