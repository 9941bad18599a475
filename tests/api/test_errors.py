"""Every failure answers with the same body: {"error": {"code", "message", "fields"}}."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from tests.api.conftest import ApiClient, World, checkin_body, session_log_body

from spinewise.api import errors
from spinewise.api.idempotency import HEADER
from spinewise.api.routers import accounts

pytestmark = pytest.mark.django_db


def error_of(response: Any, status: int, code: str) -> dict[str, Any]:
    assert response.status_code == status, response.content
    assert response["Content-Type"].startswith("application/json")
    body = response.json()
    assert set(body) == {"error"}
    assert set(body["error"]) == {"code", "message", "fields"}
    assert body["error"]["code"] == code
    assert isinstance(body["error"]["message"], str) and body["error"]["message"]
    assert isinstance(body["error"]["fields"], dict)
    return dict(body["error"])


def test_validation_errors_name_each_bad_field(owner_api: ApiClient) -> None:
    body = {**checkin_body(), "pain_now": 11, "peg_pain": "a lot"}
    error = error_of(owner_api.post("patients/me/checkins", body), 422, "validation_error")
    assert set(error["fields"]) == {"pain_now", "peg_pain"}


def test_nested_field_errors_use_dotted_paths_with_indexes(
    owner_api: ApiClient, world: World
) -> None:
    body = session_log_body(world)
    body["exercises"][1]["rpe"] = 12
    error = error_of(owner_api.post("patients/me/session-logs", body), 422, "validation_error")
    assert list(error["fields"]) == ["exercises[1].rpe"]


def test_bad_query_parameters_are_validation_errors(owner_api: ApiClient) -> None:
    error = error_of(owner_api.get("exercises", limit=0, region="knee"), 422, "validation_error")
    assert set(error["fields"]) == {"limit", "region"}


def test_unreadable_json_is_a_bad_request(owner_api: ApiClient) -> None:
    response = owner_api.client.post(
        "/api/v1/patients/me/checkins",
        "{not json",
        content_type="application/json",
        headers=owner_api.headers,
    )
    error_of(response, 400, "bad_request")


def test_no_credentials_is_401_with_a_bearer_challenge(world: World) -> None:
    response = ApiClient().get("patients/me")
    error_of(response, 401, "not_authenticated")
    assert response["WWW-Authenticate"].startswith("Bearer")


def test_an_unknown_token_is_401_even_with_a_valid_session(world: World) -> None:
    client = ApiClient(user=world.owner.user)
    client.headers["Authorization"] = "Bearer sw_not-a-real-token"
    error_of(client.get("patients/me"), 401, "invalid_token")


def test_a_read_token_cannot_write(world: World) -> None:
    response = ApiClient(token=world.read_token).post("patients/me/checkins", checkin_body())
    error_of(response, 403, "insufficient_scope")


def test_a_session_write_without_csrf_token_is_refused(world: World) -> None:
    client = ApiClient(user=world.owner.user)
    del client.headers["X-CSRFToken"]
    error_of(client.post("patients/me/checkins", checkin_body()), 403, "csrf_failed")


def test_my_records_are_for_patients_only(world: World) -> None:
    from spinewise.api.tokens import create_token

    _, secret = create_token(world.clinician, "t", "read")
    error_of(ApiClient(token=secret).get("patients/me"), 403, "permission_denied")


def test_someone_elses_record_is_not_found(owner_api: ApiClient, world: World) -> None:
    error_of(owner_api.get(f"patients/{world.other.pk}"), 404, "not_found")


def test_unknown_paths_under_the_api_are_json_404s(owner_api: ApiClient) -> None:
    error_of(owner_api.request("DELETE", "no/such/thing"), 404, "not_found")


def test_an_unsupported_method_is_405_with_allow(owner_api: ApiClient) -> None:
    response = owner_api.request("PUT", "patients/me/checkins", {})
    error_of(response, 405, "method_not_allowed")
    assert response["Allow"] == "GET, POST"


def test_conflicts_say_what_to_do(owner_api: ApiClient, world: World) -> None:
    url = f"session-logs/{world.log.pk}/morning-check"  # already has its check
    error_of(owner_api.post(url, {"pain_now": 2}), 409, "already_recorded")


def test_too_many_failed_sign_ins_is_429_with_retry_after(world: World) -> None:
    client = ApiClient()
    body = {"username": "owner", "password": "wrong", "name": "x"}
    for _ in range(5):
        error_of(client.post("auth/token", body), 401, "invalid_credentials")
    response = client.post("auth/token", body)
    error_of(response, 429, "rate_limited")
    assert int(response["Retry-After"]) > 0


def test_an_unexpected_failure_is_a_json_500_without_details(
    owner_api: ApiClient, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    def broken(user: Any) -> None:
        raise RuntimeError("secret internals")

    monkeypatch.setattr(accounts, "own_patient", broken)
    response = owner_api.get("me")
    error = error_of(response, 500, "server_error")
    assert "secret internals" not in error["message"]
    assert any("secret internals" in str(r.exc_info) for r in caplog.records if r.exc_info)


def test_the_api_root_points_to_the_docs(client: Client) -> None:
    body = client.get("/api/v1/").json()
    assert body["openapi"] == "/api/v1/openapi.json"
    assert body["docs"] == "/api/v1/docs"


def test_idempotency_key_with_spaces_is_rejected(owner_api: ApiClient) -> None:
    response = owner_api.post("patients/me/checkins", checkin_body(), {HEADER: "has space"})
    error = error_of(response, 422, "validation_error")
    assert list(error["fields"]) == [HEADER]


def test_field_paths_drop_ninjas_source_prefixes() -> None:
    assert errors.field_path(("body", "payload", "exercises", 2, "rpe")) == "exercises[2].rpe"
    assert errors.field_path(("query", "limit")) == "limit"


def test_a_body_over_the_size_limit_is_413(
    owner_api: ApiClient, settings: Any, world: World
) -> None:
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 100
    body = {**checkin_body(), "new_symptom": "x" * 150}
    for headers in ({}, {HEADER: "big-1"}):
        response = owner_api.post("patients/me/checkins", body, headers)
        error_of(response, 413, "payload_too_large")
