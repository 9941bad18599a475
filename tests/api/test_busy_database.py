"""A write that gave up waiting for the database answers 503 "try again", not a crash."""

from __future__ import annotations

import json

from django.db import OperationalError
from django.test import RequestFactory

from spinewise.api.errors import _on_unexpected
from spinewise.web.database import database_busy


def test_a_locked_database_is_busy_not_broken() -> None:
    assert database_busy(OperationalError("database is locked"))
    assert not database_busy(OperationalError("no such table: x"))
    assert not database_busy(ValueError("database is locked"))


def test_a_busy_database_answers_503_with_retry_after() -> None:
    request = RequestFactory().post("/api/v1/patients/me/session-logs")
    response = _on_unexpected(request, OperationalError("database is locked"))
    assert response.status_code == 503
    assert response["Retry-After"] == "1"
    body = json.loads(response.content)
    assert body["error"]["code"] == "busy"
    assert "nothing was saved" in body["error"]["message"]


def test_any_other_failure_is_a_500() -> None:
    request = RequestFactory().get("/api/v1/patients/me/today")
    response = _on_unexpected(request, OperationalError("disk I/O error"))
    assert response.status_code == 500
