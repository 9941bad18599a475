"""The demo clinician: about twenty patients, every alert kind on the caseload, idempotent."""

from __future__ import annotations

import time
from io import StringIO

import pytest
from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse

from spinewise.accounts.models import User
from spinewise.clinician.models import Alert, ClinicalNote, ProgrammeEdit
from spinewise.core.alerts import ALERT_KINDS
from spinewise.demo.clinic import CLINIC, PASSWORD, USERNAME, build_demo_clinic
from spinewise.sharing.links import linked_patients
from spinewise.sharing.models import Clinic
from spinewise.training.models import SessionLog
from tests.web.conftest import client_for

pytestmark = pytest.mark.django_db

FAST_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(scope="module")
def built(django_db_setup, django_db_blocker):  # type: ignore[no-untyped-def]
    """Build once for the module (it takes a few seconds); tests only read it."""
    with django_db_blocker.unblock(), override_settings(PASSWORD_HASHERS=FAST_HASHERS):
        started = time.process_time()  # CPU time: other processes may share the machine
        result = build_demo_clinic()
        seconds = time.process_time() - started
        yield result, seconds
        ids = list(
            User.objects.filter(patient__care_links__clinician__username=USERNAME).values_list(
                "pk", flat=True
            )
        )
        SessionLog.objects.filter(patient__user__in=ids).delete()  # logs protect their versions
        User.objects.filter(pk__in=ids).delete()
        User.objects.filter(username=USERNAME).delete()
        Clinic.objects.filter(name=CLINIC).delete()


def test_the_demo_clinician_has_about_twenty_linked_patients(built) -> None:
    result, _ = built
    clinician = User.objects.get(username=USERNAME)
    assert clinician.check_password(PASSWORD) and clinician.is_clinician
    assert 18 <= result.patients <= 22
    assert linked_patients(clinician).count() == result.patients


def test_every_alert_kind_is_on_the_caseload(built) -> None:
    result, _ = built
    assert set(result.alerts) == set(ALERT_KINDS)
    page = client_for(User.objects.get(username=USERNAME)).get(reverse("clinician:caseload"))
    body = page.content.decode()
    for label in ("Warning sign", "Sharp pain", "Pain rising", "Morning pain not settling"):
        assert label in body
    assert "Next" in body or "Missed sessions" in body


def test_histories_come_from_the_real_services(built) -> None:
    clinician = User.objects.get(username=USERNAME)
    logs = SessionLog.objects.filter(patient__in=linked_patients(clinician))
    assert logs.count() > 60
    assert logs.filter(progressed_at__isnull=False).exists()
    assert logs.filter(decisions__decision="replace").exists()  # after sharp pain


def test_the_clinician_has_already_worked_on_some_patients(built) -> None:
    assert ClinicalNote.objects.filter(author__username=USERNAME).count() == 3
    assert ProgrammeEdit.objects.filter(author__username=USERNAME, kind="lock").count() == 1
    assert Alert.objects.filter(acted_by__username=USERNAME, state="acknowledged").exists()
    assert Alert.objects.filter(acted_by__username=USERNAME, state="resolved").exists()


def test_a_see_clinician_patient_waits_to_be_cleared(built) -> None:
    ben = User.objects.get(username="ben").patient
    client = client_for(User.objects.get(username=USERNAME))
    page = client.get(reverse("clinician:programme", args=[ben.pk])).content.decode()
    assert "Clear after a medical review" in page


def test_building_it_is_quick(built) -> None:
    _, seconds = built
    assert seconds < 20


def test_a_second_run_changes_nothing(built) -> None:
    before = (SessionLog.objects.count(), Alert.objects.count(), User.objects.count())
    again = build_demo_clinic()
    assert not again.created
    assert (SessionLog.objects.count(), Alert.objects.count(), User.objects.count()) == before


def test_the_command_prints_the_clinician_credentials(built) -> None:
    out = StringIO()
    call_command("demo_data", stdout=out)
    assert f"username '{USERNAME}', password '{PASSWORD}'" in out.getvalue()
