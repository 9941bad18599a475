from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from spinewise.accounts.models import User
from spinewise.patients.models import Patient

pytestmark = pytest.mark.django_db
URL = reverse("accounts:signup")


def form(**overrides: str) -> dict[str, str]:
    data = {
        "username": "robin",
        "email": "robin@example.org",
        "password1": "a-long-secret-phrase-7",
        "password2": "a-long-secret-phrase-7",
        "understands": "on",
    }
    data.update(overrides)
    return data


def test_signup_page_shows_the_form(client: Client) -> None:
    response = client.get(URL)
    assert response.status_code == 200
    assert b'name="username"' in response.content


def test_signing_up_creates_a_patient_and_leads_to_the_safety_questions(client: Client) -> None:
    response = client.post(URL, form())
    assert response.status_code == 302
    assert response["Location"] == reverse("screening:start")
    user = User.objects.get(username="robin")
    assert user.role == "patient"
    assert Patient.objects.filter(user=user).exists()


def test_signing_up_logs_the_person_in(client: Client) -> None:
    client.post(URL, form())
    assert client.get(reverse("screening:start")).status_code == 200


def test_mismatched_passwords_are_rejected_next_to_the_field(client: Client) -> None:
    response = client.post(URL, form(password2="something-else-entirely"))
    assert response.status_code == 200
    assert "password2" in response.context["form"].errors
    assert not User.objects.filter(username="robin").exists()


def test_a_short_password_is_rejected(client: Client) -> None:
    response = client.post(URL, form(password1="short1", password2="short1"))
    assert "password2" in response.context["form"].errors


def test_an_email_already_in_use_is_rejected_whatever_its_case(client: Client) -> None:
    client.post(URL, form())
    Client().post(URL, form())  # ignore: same username
    response = Client().post(URL, form(username="other", email="ROBIN@example.org"))
    assert "email" in response.context["form"].errors
    assert User.objects.filter(email__iexact="robin@example.org").count() == 1


def test_signup_requires_acknowledging_it_is_not_medical_advice(client: Client) -> None:
    data = form()
    del data["understands"]
    response = client.post(URL, data)
    assert "understands" in response.context["form"].errors


def test_a_signed_in_person_is_sent_home(patient_client: Client) -> None:
    response = patient_client.get(URL)
    assert response.status_code == 302
