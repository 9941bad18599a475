"""The patient's bottom tabs: every room a patient uses daily, the current one marked."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.urls import reverse

from spinewise.patients.models import Patient
from tests.web.conftest import give_programme

pytestmark = pytest.mark.django_db


def current_tab(page: str) -> list[str]:
    nav = re.search(r'<nav class="tabs" aria-label="Main">(.*?)</nav>', page, re.S)
    assert nav is not None
    return re.findall(r'aria-current="page">([^<]+)</a>', nav.group(1))


@pytest.mark.parametrize(
    ("url", "tab"),
    [
        (reverse("today:home"), "Today"),
        (reverse("programmes:current"), "Programme"),
        (reverse("progress:overview"), "Progress"),
        (reverse("checkins:new"), "Check-in"),
        (reverse("selfcare:hub"), "Self-care"),
    ],
)
def test_the_current_room_is_marked_in_the_tabs(
    patient: Patient, patient_client: Client, url: str, tab: str
) -> None:
    give_programme(patient)
    assert current_tab(patient_client.get(url).content.decode()) == [tab]


def test_a_session_in_progress_hides_the_tabs(patient: Patient, patient_client: Client) -> None:
    give_programme(patient)
    page = patient_client.get(reverse("training:player", args=[1])).content.decode()
    assert 'class="in-session"' in page
