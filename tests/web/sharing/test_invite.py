"""A clinician invites a patient by e-mail or with a one-time code."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from spinewise.accounts.models import User
from spinewise.sharing.invitations import find_by_code, find_by_token
from spinewise.sharing.models import CareLink, Clinic
from tests.web.sharing.conftest import content

pytestmark = pytest.mark.django_db
URL = reverse("clinician:invite")


def test_an_email_invitation_sends_a_one_time_link(clinician_client: Client) -> None:
    response = clinician_client.post(URL, {"channel": "email", "email": "alex@example.org"})
    assert response["Location"] == reverse("clinician:links")
    (message,) = mail.outbox
    assert message.to == ["alex@example.org"]
    token = re.search(r"/sharing/invitation/([^/\s]+)/", message.body).group(1)
    link = find_by_token(token)
    assert link is not None and link.status == CareLink.Status.INVITED
    assert link.invited_email == "alex@example.org"


def test_the_email_names_the_clinician_and_clinic(
    clinician: User, clinician_client: Client, clinic: Clinic
) -> None:
    clinician_client.post(
        URL, {"channel": "email", "email": "alex@example.org", "clinic": clinic.pk}
    )
    assert "dr at Riverside Physio" in mail.outbox[0].body
    assert "dr invites you" in mail.outbox[0].subject


def test_the_secret_is_stored_only_as_a_hash(clinician_client: Client) -> None:
    clinician_client.post(URL, {"channel": "email", "email": "alex@example.org"})
    token = re.search(r"/sharing/invitation/([^/\s]+)/", mail.outbox[0].body).group(1)
    stored = CareLink.objects.get()
    assert token not in stored.secret_hash
    assert len(stored.secret_hash) == 64


def test_a_code_invitation_shows_the_code_once(clinician_client: Client) -> None:
    response = clinician_client.post(URL, {"channel": "code"})
    code = re.search(r'<code id="code">([0-9A-Z-]+)</code>', content(response)).group(1)
    assert find_by_code(code) == CareLink.objects.get()
    assert code.replace("-", "") not in CareLink.objects.get().secret_hash
    assert "no-store" in response["Cache-Control"]
    assert code not in content(clinician_client.get(reverse("clinician:links")))


def test_an_invitation_expires_after_fourteen_days(clinician_client: Client) -> None:
    clinician_client.post(URL, {"channel": "code"})
    link = CareLink.objects.get()
    assert abs(link.expires_at - (timezone.now() + timedelta(days=14))) < timedelta(minutes=1)


def test_an_email_invitation_needs_an_address(clinician_client: Client) -> None:
    response = clinician_client.post(URL, {"channel": "email", "email": ""})
    assert response.status_code == 200
    assert "Give the patient&#x27;s e-mail address" in content(response)
    assert not CareLink.objects.exists()


def test_only_the_clinicians_own_clinics_can_be_named(
    clinician_client: Client, other_clinic: Clinic, clinic: Clinic
) -> None:
    response = clinician_client.post(URL, {"channel": "code", "clinic": other_clinic.pk})
    assert "Select a valid choice" in content(response)
    assert not CareLink.objects.exists()


def test_pending_invitations_are_listed_and_can_be_withdrawn(
    clinician_client: Client,
) -> None:
    clinician_client.post(URL, {"channel": "email", "email": "alex@example.org"})
    link = CareLink.objects.get()
    assert "alex@example.org" in content(clinician_client.get(reverse("clinician:links")))
    clinician_client.post(reverse("clinician:end", args=[link.pk]))
    link.refresh_from_db()
    assert link.status == CareLink.Status.ENDED
    assert "alex@example.org" not in content(clinician_client.get(reverse("clinician:links")))
