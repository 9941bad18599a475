"""Clinics: created by a clinician, managed by its admins; never a door to patients."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client
from django.urls import reverse

from spinewise.accounts.models import User
from spinewise.patients.models import Patient
from spinewise.sharing.links import active_link, linked_patients
from spinewise.sharing.models import CareLink, Clinic, ClinicMembership
from tests.web.conftest import client_for
from tests.web.sharing.conftest import content, link

pytestmark = pytest.mark.django_db


def add(client: Client, clinic: Clinic, email: str, role: str = "clinician") -> object:
    return client.post(
        reverse("clinician:member_add", args=[clinic.pk]), {"email": email, "role": role}
    )


def test_a_clinician_creates_a_clinic_and_becomes_its_admin(
    clinician: User, clinician_client: Client
) -> None:
    response = clinician_client.post(reverse("clinician:clinics"), {"name": "Harbour Physio"})
    clinic = Clinic.objects.get()
    assert response["Location"] == reverse("clinician:clinic", args=[clinic.pk])
    assert ClinicMembership.objects.get(clinic=clinic, user=clinician).is_admin


def test_an_admin_adds_a_clinician_by_email(
    clinician_client: Client, clinic: Clinic, other_clinician: User
) -> None:
    add(clinician_client, clinic, "DR-OTHER@example.org")
    assert ClinicMembership.objects.filter(clinic=clinic, user=other_clinician).exists()
    assert "dr-other" in content(
        clinician_client.get(reverse("clinician:clinic", args=[clinic.pk]))
    )


def test_only_existing_clinician_accounts_can_be_added(
    clinician_client: Client, clinic: Clinic, patient: Patient
) -> None:
    for email in ("alex@example.org", "nobody@example.org"):
        response = add(clinician_client, clinic, email)
        assert response.status_code == 400
        assert "There is no clinician account with that e-mail address." in content(response)
    assert clinic.memberships.count() == 1


def test_a_member_cannot_be_added_twice(
    clinician_client: Client, clinic: Clinic, other_clinician: User
) -> None:
    add(clinician_client, clinic, "dr-other@example.org")
    assert "already belongs" in content(add(clinician_client, clinic, "dr-other@example.org"))


def test_a_plain_member_cannot_manage_clinicians(
    clinic: Clinic, other_clinician: User, make_clinician: Callable[..., User]
) -> None:
    ClinicMembership.objects.create(clinic=clinic, user=other_clinician)
    make_clinician("third")
    member = client_for(other_clinician)
    assert add(member, clinic, "third@example.org").status_code == 403
    admin = clinic.memberships.get(role="admin")
    remove = reverse("clinician:member_remove", args=[clinic.pk, admin.pk])
    assert member.post(remove).status_code == 403
    assert clinic.memberships.count() == 2


def test_a_member_may_leave(clinic: Clinic, other_clinician: User) -> None:
    mine = ClinicMembership.objects.create(clinic=clinic, user=other_clinician)
    client = client_for(other_clinician)
    client.post(reverse("clinician:member_remove", args=[clinic.pk, mine.pk]))
    assert not ClinicMembership.objects.filter(pk=mine.pk).exists()


def test_the_last_admin_cannot_be_removed(clinician_client: Client, clinic: Clinic) -> None:
    me = clinic.memberships.get()
    response = clinician_client.post(
        reverse("clinician:member_remove", args=[clinic.pk, me.pk]), follow=True
    )
    assert "A clinic needs at least one admin" in content(response)
    assert clinic.memberships.count() == 1


def test_removing_a_clinician_ends_the_links_they_made_for_the_clinic(
    clinician_client: Client,
    clinic: Clinic,
    other_clinician: User,
    patient: Patient,
    other_patient: Patient,
) -> None:
    membership = ClinicMembership.objects.create(clinic=clinic, user=other_clinician)
    link(other_clinician, patient, clinic)
    link(other_clinician, other_patient)  # their own, not the clinic's
    clinician_client.post(reverse("clinician:member_remove", args=[clinic.pk, membership.pk]))
    assert active_link(other_clinician, patient) is None
    assert list(linked_patients(other_clinician)) == [other_patient]


def test_a_clinic_admin_sees_no_patient_of_a_member(
    clinician: User,
    clinician_client: Client,
    clinic: Clinic,
    other_clinician: User,
    patient: Patient,
) -> None:
    ClinicMembership.objects.create(clinic=clinic, user=other_clinician)
    made = link(other_clinician, patient, clinic)
    assert list(linked_patients(clinician)) == []
    assert "alex" not in content(clinician_client.get(reverse("clinician:links")))
    assert clinician_client.get(reverse("clinician:end", args=[made.pk])).status_code == 404
    assert made.status == CareLink.Status.ACTIVE
