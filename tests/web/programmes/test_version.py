from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse
from django.utils.html import escape

from spinewise.patients.models import Patient
from spinewise.programmes.models import ProgrammeVersion
from spinewise.training.services import record_morning_check
from tests.web.conftest import give_programme, good_session_days_ago, log_session, session_of

pytestmark = pytest.mark.django_db


def progressed(patient: Patient) -> ProgrammeVersion:
    programme = give_programme(patient)
    good_session_days_ago(patient, session_of(programme))
    log = log_session(patient, session_of(programme))
    record_morning_check(log, 3)
    log.refresh_from_db()
    assert log.resulting_version is not None
    return log.resulting_version


def test_a_new_version_says_what_changed_and_why(patient_client: Client, patient: Patient) -> None:
    version = progressed(patient)
    page = patient_client.get(reverse("programmes:version", args=[version.pk])).content.decode()
    decisions = list(version.decisions.all())
    assert decisions
    for decision in decisions:
        assert escape(decision.reason.replace(" -> ", " → ")) in page
        for change in decision.changes:
            assert escape(change.replace(" -> ", " → ")) in page


def test_the_first_version_says_it_was_planned_from_the_answers(
    patient_client: Client, patient: Patient
) -> None:
    first = give_programme(patient).current_version()
    page = patient_client.get(reverse("programmes:version", args=[first.pk])).content.decode()
    assert "first planned" in page


def test_another_patient_cannot_see_it(other_client: Client, patient: Patient) -> None:
    first = give_programme(patient).current_version()
    assert other_client.get(reverse("programmes:version", args=[first.pk])).status_code == 404


def test_anonymous_visitors_are_sent_to_log_in(client: Client, patient: Patient) -> None:
    first = give_programme(patient).current_version()
    response = client.get(reverse("programmes:version", args=[first.pk]))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_an_unknown_version_is_not_found(patient_client: Client) -> None:
    assert patient_client.get(reverse("programmes:version", args=[999999])).status_code == 404


def test_changes_are_listed_before_the_doses_that_stay(
    patient_client: Client, patient: Patient
) -> None:
    version = progressed(patient)
    shown = patient_client.get(reverse("programmes:version", args=[version.pk])).context[
        "decisions"
    ]
    kinds = [d.decision == "hold" for d in shown]
    assert kinds == sorted(kinds)
