"""The one access rule with care links, and the audit written by the permission path."""

from __future__ import annotations

import pytest
from django.http import Http404
from django.test import RequestFactory

from spinewise.accounts.models import Role, User
from spinewise.patients.models import Patient
from spinewise.programmes.models import ProgrammeVersion
from spinewise.sharing.access import (
    audited_patient_for,
    can_access,
    can_access_patient,
    get_owned_or_404,
    patient_for,
)
from spinewise.sharing.links import end_link
from spinewise.sharing.models import AccessEvent, CareLink, Clinic, ClinicMembership
from spinewise.training.models import SessionLog
from tests.web.conftest import give_programme, log_session, session_of
from tests.web.patients.test_access import owned_objects
from tests.web.sharing.conftest import link

pytestmark = pytest.mark.django_db


def test_a_linked_clinician_may_view_everything_of_the_patient(
    patient: Patient, clinician: User, linked: CareLink
) -> None:
    for obj in owned_objects(patient):
        assert can_access(clinician, obj), type(obj).__name__


def test_a_linked_clinician_may_change_clinical_settings(
    patient: Patient, clinician: User, linked: CareLink
) -> None:
    assert can_access_patient(clinician, patient, change=True, clinical=True)


def test_a_linked_clinician_may_not_change_the_patients_own_records(
    patient: Patient, clinician: User, linked: CareLink
) -> None:
    log = log_session(patient, session_of(give_programme(patient)))
    assert not can_access_patient(clinician, patient, change=True)
    assert not can_access(clinician, log, change=True)


def test_the_patient_may_still_change_their_own_records_and_settings(patient: Patient) -> None:
    assert can_access_patient(patient.user, patient, change=True)
    assert can_access_patient(patient.user, patient, change=True, clinical=True)


def test_a_linked_clinician_sees_nothing_of_another_patient(
    patient: Patient, other_patient: Patient, clinician: User, linked: CareLink
) -> None:
    for obj in owned_objects(other_patient):
        assert not can_access(clinician, obj), type(obj).__name__


def test_access_ends_the_moment_the_link_ends(
    patient: Patient, clinician: User, linked: CareLink
) -> None:
    assert can_access_patient(clinician, patient)
    end_link(linked, patient.user)
    assert not can_access_patient(clinician, patient)
    with pytest.raises(Http404):
        patient_for(clinician, patient.pk)


def test_an_invitation_not_yet_accepted_gives_no_access(patient: Patient, clinician: User) -> None:
    from spinewise.sharing.invitations import claim, invite_with_code

    invitation, _ = invite_with_code(clinician)
    claim(invitation, patient)
    assert not can_access_patient(clinician, patient)


def test_a_deactivated_clinician_loses_access(
    patient: Patient, clinician: User, linked: CareLink
) -> None:
    clinician.is_active = False
    assert not can_access_patient(clinician, patient)


def test_an_account_no_longer_a_clinician_loses_access(
    patient: Patient, clinician: User, linked: CareLink
) -> None:
    clinician.role = Role.PATIENT
    assert not can_access_patient(clinician, patient)


def test_clinic_membership_alone_gives_no_access(
    patient: Patient, clinician: User, make_clinician: object, clinic: Clinic
) -> None:
    colleague = make_clinician("colleague")  # type: ignore[operator]
    ClinicMembership.objects.create(clinic=clinic, user=colleague)
    link(clinician, patient, clinic)
    assert can_access_patient(clinician, patient)
    assert not can_access_patient(colleague, patient)


def test_a_site_administrator_has_no_access(patient: Patient) -> None:
    admin = User.objects.create_superuser("root", "root@example.org", "x")
    assert not can_access_patient(admin, patient)


def test_patient_for_logs_a_clinicians_view(
    patient: Patient, clinician: User, linked: CareLink
) -> None:
    patient_for(clinician, patient.pk)
    event = AccessEvent.objects.get()
    assert (event.patient, event.actor, event.action) == (patient, clinician, "view")
    assert event.actor_name == "dr"


def test_the_patient_looking_at_their_own_record_is_not_logged(patient: Patient) -> None:
    patient_for(patient.user, patient.pk)
    get_owned_or_404(patient.user, Patient, pk=patient.pk)
    assert not AccessEvent.objects.exists()


def test_a_refused_access_is_not_logged_as_access(patient: Patient, clinician: User) -> None:
    with pytest.raises(Http404):
        patient_for(clinician, patient.pk)
    assert not AccessEvent.objects.exists()


def test_get_owned_or_404_logs_what_a_clinician_opened(
    patient: Patient, clinician: User, linked: CareLink
) -> None:
    log = log_session(patient, session_of(give_programme(patient)))
    get_owned_or_404(clinician, SessionLog, pk=log.pk)
    event = AccessEvent.objects.get()
    assert event.detail == f"session log {log.pk}"
    assert event.patient == patient


def test_a_clinical_change_is_logged_as_a_change(
    patient: Patient, clinician: User, linked: CareLink
) -> None:
    version = give_programme(patient).current_version()
    get_owned_or_404(clinician, ProgrammeVersion, change=True, clinical=True, pk=version.pk)
    assert AccessEvent.objects.get().action == "change"


def test_audited_patient_for_records_address_and_browser(
    patient: Patient, clinician: User, linked: CareLink
) -> None:
    request = RequestFactory().get(
        f"/clinic/patients/{patient.pk}/", REMOTE_ADDR="203.0.113.7", HTTP_USER_AGENT="Firefox/130"
    )
    request.user = clinician
    assert audited_patient_for(request, patient.pk) == patient
    event = AccessEvent.objects.get()
    assert (event.ip_address, event.user_agent) == ("203.0.113.7", "Firefox/130")
    assert (event.method, event.path) == ("GET", f"/clinic/patients/{patient.pk}/")


def test_audited_patient_for_hides_unlinked_patients(patient: Patient, clinician: User) -> None:
    request = RequestFactory().get("/")
    request.user = clinician
    with pytest.raises(Http404):
        audited_patient_for(request, patient.pk)
