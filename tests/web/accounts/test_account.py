"""The person's own account page: name and e-mail, password, signing out everywhere."""

from __future__ import annotations

import pytest
from django.contrib.sessions.models import Session
from django.test import Client
from django.urls import reverse

from spinewise.accounts.models import User
from spinewise.patients.models import Patient
from tests.web.conftest import PASSWORD, client_for

pytestmark = pytest.mark.django_db
URL = reverse("accounts:account")


def test_anonymous_visitors_are_sent_to_log_in(client: Client) -> None:
    response = client.get(URL)
    assert response["Location"].startswith(reverse("accounts:login"))


def test_the_header_links_the_account_page_not_api_tokens(patient_client: Client) -> None:
    page = patient_client.get(reverse("today:home")).content.decode()
    header = page.split("</header>")[0]
    assert URL in header
    assert reverse("api_tokens:list") not in header


def test_name_and_email_can_be_changed(patient: Patient, patient_client: Client) -> None:
    data = {"full_name": " Alex Moreau ", "email": "alex@new.org", "time_zone": "Europe/Paris"}
    response = patient_client.post(URL, data)
    assert response["Location"] == URL
    patient.user.refresh_from_db()
    assert (patient.user.first_name, patient.user.email) == ("Alex Moreau", "alex@new.org")


def test_an_email_another_account_uses_is_refused(
    patient: Patient, other_patient: Patient, patient_client: Client
) -> None:
    response = patient_client.post(
        URL, {"full_name": "", "email": other_patient.user.email.upper()}
    )
    assert response.status_code == 400
    assert "Another account already uses" in response.content.decode()
    patient.user.refresh_from_db()
    assert patient.user.email == "alex@example.org"


def test_changing_the_password_keeps_this_device_signed_in(
    patient: Patient, patient_client: Client
) -> None:
    other_device = client_for(patient.user)
    body = {
        "old_password": PASSWORD,
        "new_password1": "a-new-long-phrase-42",
        "new_password2": "a-new-long-phrase-42",
    }
    assert patient_client.post(reverse("accounts:change_password"), body)["Location"] == URL
    assert patient_client.get(URL).status_code == 200
    assert other_device.get(URL).status_code == 302  # signed out by the new password
    patient.user.refresh_from_db()
    assert patient.user.check_password("a-new-long-phrase-42")


def test_a_wrong_old_password_changes_nothing(patient: Patient, patient_client: Client) -> None:
    body = {
        "old_password": "wrong",
        "new_password1": "a-new-long-phrase-42",
        "new_password2": "a-new-long-phrase-42",
    }
    response = patient_client.post(reverse("accounts:change_password"), body)
    assert response.status_code == 400
    patient.user.refresh_from_db()
    assert patient.user.check_password(PASSWORD)


def test_sign_out_everywhere_ends_every_session_of_this_account_only(
    patient: Patient, other_patient: Patient, patient_client: Client
) -> None:
    phone = client_for(patient.user)
    someone_else = client_for(other_patient.user)
    response = patient_client.post(reverse("accounts:sign_out_everywhere"))
    assert response["Location"] == reverse("accounts:login")
    assert phone.get(URL).status_code == 302
    assert patient_client.get(URL).status_code == 302
    assert someone_else.get(URL).status_code == 200
    assert Session.objects.count() == 1


def test_signing_up_keeps_the_name_clinicians_will_see(client: Client) -> None:
    body = {
        "full_name": "Robin Ash",
        "username": "robin",
        "email": "robin@example.org",
        "password1": "a-long-secret-phrase-7",
        "password2": "a-long-secret-phrase-7",
        "understands": "on",
    }
    client.post(reverse("accounts:signup"), body)
    assert User.objects.get(username="robin").get_full_name() == "Robin Ash"
