from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_logging_out_ends_the_session(patient_client: Client) -> None:
    response = patient_client.post(reverse("accounts:logout"))
    assert response.status_code == 302
    assert patient_client.get(reverse("programmes:current")).status_code == 302


def test_logging_out_needs_a_post(patient_client: Client) -> None:
    assert patient_client.get(reverse("accounts:logout")).status_code == 405
