"""A patient's logged sessions never stop their record from being deleted."""

from __future__ import annotations

import pytest
from django.db.models import RestrictedError

from spinewise.patients.models import Patient
from spinewise.programmes.models import ProgrammeVersion
from spinewise.training.models import ExerciseLog, SessionLog
from tests.web.conftest import give_programme, log_session, session_of

pytestmark = pytest.mark.django_db


def test_deleting_a_patients_account_deletes_their_logs_and_programmes(patient: Patient) -> None:
    programme = give_programme(patient)
    log_session(patient, session_of(programme))
    patient.user.delete()
    assert not Patient.objects.exists()
    assert not SessionLog.objects.exists()
    assert not ExerciseLog.objects.exists()
    assert not ProgrammeVersion.objects.exists()


def test_a_programme_version_with_logs_cannot_be_deleted_on_its_own(patient: Patient) -> None:
    programme = give_programme(patient)
    log = log_session(patient, session_of(programme))
    with pytest.raises(RestrictedError):
        log.version.delete()
    assert SessionLog.objects.filter(pk=log.pk).exists()
