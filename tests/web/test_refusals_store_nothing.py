"""Every write takes one typed command that its service checks: the page and the API are
refused alike, in the same words, and a refused command leaves nothing behind."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from spinewise.accounts.models import User
from spinewise.checkins.commands import CheckInAnswers
from spinewise.checkins.models import WeeklyCheckIn
from spinewise.checkins.services import BaselineRequired, record_checkin
from spinewise.clinician.alerts import sync_alerts
from spinewise.clinician.models import Alert, ClinicalNote
from spinewise.core.errors import Invalid
from spinewise.patients.models import Baseline, Patient
from spinewise.programmes.models import Programme
from spinewise.sharing.models import CareLink
from tests.api.conftest import ApiClient, baseline_body
from tests.web.clinician.conftest import ago, linked_patient, train
from tests.web.conftest import client_for, give_programme, screen_as

pytestmark = pytest.mark.django_db

WORDS = {"band_levels": "Each band name may appear only once."}


def answers(**changes: Any) -> CheckInAnswers:
    values: dict[str, Any] = {
        "pain_now": 3,
        "peg_pain": 3,
        "peg_enjoyment": 2,
        "peg_activity": 2,
        "psfs_scores": (5, 5, 4),
    }
    return CheckInAnswers(**{**values, **changes})


def test_a_check_in_needs_a_baseline_first(patient: Patient) -> None:
    with pytest.raises(BaselineRequired):
        record_checkin(patient, answers())
    assert not WeeklyCheckIn.objects.exists()


def test_a_check_in_with_a_score_per_activity_missing_stores_nothing(patient: Patient) -> None:
    give_programme(patient)
    with pytest.raises(Invalid) as refused:
        record_checkin(patient, answers(psfs_scores=(5, 5), peg_pain=11))
    assert refused.value.errors == {
        "peg_pain": "Give a whole number from 0 to 10.",
        "psfs_scores": "Give one score for each of the 3 activities.",
    }
    assert not WeeklyCheckIn.objects.exists()
    patient.refresh_from_db()
    assert patient.rescreen_reason == ""


def test_the_page_and_the_api_refuse_a_band_named_twice_and_plan_nothing(
    patient: Patient, patient_client: Client
) -> None:
    screen_as(patient)
    body = {**baseline_body(), "band_levels": ["Red", "red"]}
    api = ApiClient(user=patient.user).post("patients/me/baselines", body)
    assert api.status_code == 422
    assert api.json()["error"]["fields"] == WORDS
    form = baseline_body()
    post: dict[str, Any] = {k: v for k, v in form.items() if k != "psfs"}
    post["band_levels"] = "Red\nred"
    for n, item in enumerate(form["psfs"], start=1):
        post[f"psfs_activity_{n}"] = item["activity"]
        post[f"psfs_score_{n}"] = item["score"]
    page = patient_client.post(reverse("patients:baseline"), post)
    assert page.status_code == 200
    assert page.context["form"].errors["band_levels"] == [WORDS["band_levels"]]
    assert not Baseline.objects.exists() and not Programme.objects.exists()


def test_resolving_an_alert_without_saying_how_changes_nothing(clinician: User) -> None:
    patient = linked_patient(clinician, "sam")
    train(patient, ago(1), sharp=True)
    rows = sync_alerts(Patient.objects.filter(pk=patient.pk))  # as the caseload page does
    alert = next(a for a in rows[0].alerts if a.kind == "sharp_pain")
    api = ApiClient(user=clinician).post(f"alerts/{alert.pk}/resolve", {"note": "   "})
    assert api.status_code == 422
    assert api.json()["error"]["fields"] == {"note": "Say how this was resolved."}
    page = client_for(clinician).post(
        reverse("clinician:alert_action", args=[alert.pk]), {"action": "resolve", "note": " "}
    )
    assert "Say how this was resolved." in page.content.decode()
    alert.refresh_from_db()
    assert alert.state == Alert.State.OPEN


def test_an_empty_note_is_refused_and_not_stored(clinician: User) -> None:
    patient = linked_patient(clinician, "sam")
    api = ApiClient(user=clinician).post(f"patients/{patient.pk}/notes", {"text": "  "})
    assert api.status_code == 422
    assert api.json()["error"]["fields"] == {"text": "Write something first."}
    assert not ClinicalNote.objects.exists()


def test_an_email_invitation_without_an_address_sends_nothing(clinician: User) -> None:
    api = ApiClient(user=clinician).post("clinician/invitations", {"channel": "email"})
    assert api.status_code == 422
    assert api.json()["error"]["fields"] == {
        "email": "Give the patient's e-mail address, or choose a code."
    }
    other_clinic = ApiClient(user=clinician).post(
        "clinician/invitations", {"channel": "code", "clinic_id": 999}
    )
    assert list(other_clinic.json()["error"]["fields"]) == ["clinic_id"]
    assert not CareLink.objects.filter(clinician=clinician, status=CareLink.Status.INVITED).exists()
