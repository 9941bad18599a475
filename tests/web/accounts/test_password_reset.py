from __future__ import annotations

import re

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from spinewise.patients.models import Patient

pytestmark = pytest.mark.django_db


def test_reset_page_shows_the_form(client: Client) -> None:
    assert client.get(reverse("accounts:password_reset")).status_code == 200


def test_asking_for_a_reset_sends_a_link_that_sets_a_new_password(
    client: Client, patient: Patient
) -> None:
    response = client.post(reverse("accounts:password_reset"), {"email": "alex@example.org"})
    assert response["Location"] == reverse("accounts:password_reset_done")
    assert len(mail.outbox) == 1
    link = re.search(r"http://testserver(\S+)", mail.outbox[0].body)
    assert link is not None
    page = client.get(link.group(1), follow=True)
    assert page.status_code == 200
    new = "another-long-passphrase-3"
    done = client.post(page.redirect_chain[-1][0], {"new_password1": new, "new_password2": new})
    assert done["Location"] == reverse("accounts:password_reset_complete")
    patient.user.refresh_from_db()
    assert patient.user.check_password(new)


def test_an_unknown_address_gets_the_same_answer_and_no_mail(client: Client) -> None:
    response = client.post(reverse("accounts:password_reset"), {"email": "nobody@example.org"})
    assert response["Location"] == reverse("accounts:password_reset_done")
    assert mail.outbox == []


def test_a_bad_reset_link_says_it_no_longer_works(client: Client) -> None:
    url = reverse("accounts:password_reset_confirm", args=["MQ", "bad-token"])
    response = client.get(url)
    assert response.status_code == 200
    assert "no longer works" in response.content.decode()
