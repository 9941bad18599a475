from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from spinewise.accounts.models import LoginFailure
from spinewise.patients.models import Patient
from tests.web.conftest import PASSWORD

pytestmark = pytest.mark.django_db
URL = reverse("accounts:login")


def attempt(client: Client, password: str, username: str = "alex", ip: str = "10.0.0.1") -> int:
    response = client.post(URL, {"username": username, "password": password}, REMOTE_ADDR=ip)
    return int(response.status_code)


def test_login_page_shows_the_form(client: Client) -> None:
    assert client.get(URL).status_code == 200


def test_correct_password_logs_in_and_goes_home(client: Client, patient: Patient) -> None:
    response = client.post(URL, {"username": "alex", "password": PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == reverse("today:home")


def test_wrong_password_shows_an_error_and_is_counted(client: Client, patient: Patient) -> None:
    response = client.post(URL, {"username": "alex", "password": "nope"})
    assert response.status_code == 200
    assert response.context["form"].non_field_errors()
    assert LoginFailure.objects.filter(username="alex").count() == 1


def test_five_failures_lock_the_username_from_that_address(
    client: Client, patient: Patient
) -> None:
    for _ in range(5):
        assert attempt(client, "wrong") == 200
    assert attempt(client, PASSWORD) == 429


def test_the_lock_does_not_check_the_password_at_all(client: Client, patient: Patient) -> None:
    for _ in range(5):
        attempt(client, "wrong")
    response = client.post(URL, {"username": "alex", "password": PASSWORD}, REMOTE_ADDR="10.0.0.1")
    assert "Too many failed attempts" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_the_lock_is_per_address(client: Client, patient: Patient) -> None:
    for _ in range(5):
        attempt(client, "wrong")
    assert attempt(Client(), PASSWORD, ip="10.0.0.2") == 302


def test_the_lock_is_per_username_ignoring_case(client: Client, patient: Patient) -> None:
    for _ in range(5):
        attempt(client, "wrong", username="ALEX")
    assert attempt(client, PASSWORD, username="alex") == 429


def test_failures_older_than_fifteen_minutes_no_longer_count(
    client: Client, patient: Patient
) -> None:
    from datetime import timedelta

    from django.utils import timezone

    for _ in range(5):
        attempt(client, "wrong")
    LoginFailure.objects.update(created_at=timezone.now() - timedelta(minutes=16))
    assert attempt(client, PASSWORD) == 302


def test_a_successful_login_clears_earlier_failures(client: Client, patient: Patient) -> None:
    for _ in range(4):
        attempt(client, "wrong")
    assert attempt(client, PASSWORD) == 302
    assert not LoginFailure.objects.filter(username="alex").exists()
