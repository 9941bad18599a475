"""The guided body scan with its timer."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from spinewise.core.selfcare import load_body_scan

pytestmark = pytest.mark.django_db
URL = reverse("selfcare:body_scan")


def test_every_step_is_shown_with_its_start_time_for_the_timer(patient_client: Client) -> None:
    scan = load_body_scan()
    page = patient_client.get(URL).content.decode()
    assert f'data-timer data-seconds="{scan.total_seconds}"' in page
    for step in scan.steps:
        assert f'data-starts-at="{step.starts_at}"' in page
        assert step.title in page
    assert "selfcare/timer.js" in page


def test_the_log_form_offers_the_length_of_the_scan(patient_client: Client) -> None:
    log_form = patient_client.get(URL).context["log_form"]
    assert log_form.initial["kind"] == "body_scan"
    assert log_form.initial["minutes"] == round(load_body_scan().total_seconds / 60)
