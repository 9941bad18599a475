"""Errors show our own pages, never a traceback."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from tests.web.conftest import give_programme

pytestmark = pytest.mark.django_db


def test_a_missing_page_shows_our_404(client: Client) -> None:
    response = client.get("/no/such/page/")
    assert response.status_code == 404
    assert "We could not find that page" in response.content.decode()


def test_a_forbidden_page_shows_our_403(clinician: object) -> None:
    client = Client()
    client.force_login(clinician)  # type: ignore[arg-type]
    response = client.get(reverse("programmes:current"))
    assert response.status_code == 403
    assert "not available to you" in response.content.decode()


def test_a_bad_request_shows_our_400(patient_client: Client, patient: object) -> None:
    give_programme(patient)  # type: ignore[arg-type]
    response = patient_client.post(reverse("training:player", args=[1]), {"token": "x"})
    assert response.status_code == 400
    assert "Something was wrong with that request" in response.content.decode()


def test_a_server_error_shows_our_500_without_details(
    patient_client: Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    def explode(*args: object, **kwargs: object) -> None:
        raise RuntimeError("secret internal detail")

    monkeypatch.setattr("spinewise.today.views.today_for", explode)
    patient_client.raise_request_exception = False
    response = patient_client.get(reverse("today:home"))
    assert response.status_code == 500
    page = response.content.decode()
    assert "Something went wrong on our side" in page
    assert "secret internal detail" not in page
    assert "Traceback" not in page


def test_a_missing_csrf_token_shows_our_page(patient: object) -> None:
    client = Client(enforce_csrf_checks=True)
    client.force_login(patient.user)  # type: ignore[attr-defined]
    response = client.post(reverse("checkins:new"), {})
    assert response.status_code == 403
    assert "Please try again" in response.content.decode()
