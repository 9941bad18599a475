"""The one ownership rule every view relies on."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.http import Http404

from spinewise.checkins.models import WeeklyCheckIn
from spinewise.patients.models import Patient
from spinewise.sharing.access import can_access, get_owned_or_404, patient_for
from spinewise.training.models import SessionLog
from tests.web.conftest import give_programme, log_session, session_of

pytestmark = pytest.mark.django_db


def owned_objects(patient: Patient) -> list[Any]:
    """One object of every patient-owned kind."""
    programme = give_programme(patient)
    session = session_of(programme)
    log = log_session(patient, session)
    checkin = WeeklyCheckIn.objects.create(
        patient=patient, pain_now=3, peg_pain=3, peg_enjoyment=3, peg_activity=3
    )
    version = programme.current_version()
    return [
        patient,
        patient.screenings.first(),
        patient.latest_baseline(),
        programme,
        version,
        session,
        session.items.first(),
        log,
        log.exercise_logs.first(),
        checkin,
    ]


def test_every_owned_object_names_its_patient(patient: Patient) -> None:
    for obj in owned_objects(patient):
        assert obj.owner_patient() == patient, type(obj).__name__


def test_the_owner_may_access_everything(patient: Patient) -> None:
    for obj in owned_objects(patient):
        assert can_access(patient.user, obj)


def test_another_patient_may_access_nothing(patient: Patient, other_patient: Patient) -> None:
    for obj in owned_objects(patient):
        assert not can_access(other_patient.user, obj), type(obj).__name__


def test_anonymous_visitors_may_access_nothing(patient: Patient) -> None:
    for obj in owned_objects(patient):
        assert not can_access(AnonymousUser(), obj)


def test_a_deactivated_owner_may_access_nothing(patient: Patient) -> None:
    objects = owned_objects(patient)
    patient.user.is_active = False
    for obj in objects:
        assert not can_access(patient.user, obj)


def test_a_clinician_has_no_access_without_a_link(patient: Patient, clinician: Any) -> None:
    for obj in owned_objects(patient):
        assert not can_access(clinician, obj)


def test_patient_for_gives_a_patient_their_own_record(patient: Patient) -> None:
    assert patient_for(patient.user) == patient


def test_patient_for_refuses_non_patients(clinician: Any) -> None:
    with pytest.raises(PermissionDenied):
        patient_for(clinician)


def test_patient_for_another_patient_id_is_not_found(
    patient: Patient, other_patient: Patient
) -> None:
    with pytest.raises(Http404):
        patient_for(other_patient.user, patient.pk)


def test_get_owned_or_404_hides_other_patients_objects(
    patient: Patient, other_patient: Patient
) -> None:
    log = log_session(patient, session_of(give_programme(patient)))
    with pytest.raises(Http404):
        get_owned_or_404(other_patient.user, SessionLog, pk=log.pk)
    assert get_owned_or_404(patient.user, SessionLog, pk=log.pk) == log


def test_a_patient_account_made_in_the_admin_gets_a_record_on_first_use(db: None) -> None:
    from spinewise.accounts.models import User

    user = User.objects.create_user("admin-made")
    assert patient_for(user).user == user
