from __future__ import annotations

import pytest
from django.db.backends.base.base import BaseDatabaseWrapper
from django.test import Client
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_healthy_when_the_database_answers(client: Client) -> None:
    response = client.get(reverse("web:healthz"))
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}
    assert "no-cache" in response["Cache-Control"]


def test_unavailable_when_the_database_does_not_answer(
    client: Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(self: BaseDatabaseWrapper, *args: object) -> None:
        raise OSError("database down")

    monkeypatch.setattr(BaseDatabaseWrapper, "cursor", broken)
    response = client.get(reverse("web:healthz"))
    assert response.status_code == 503
    assert response.json()["status"] == "unavailable"
