"""Fixtures for the clinic tests: clinicians, clinics, and links made the real way."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client

from spinewise.accounts.models import Role, User
from spinewise.patients.models import Patient
from spinewise.sharing.clinics import create_clinic
from spinewise.sharing.invitations import accept, claim, invite_with_code
from spinewise.sharing.links import end_link
from spinewise.sharing.models import CareLink, Clinic
from tests.web.conftest import PASSWORD, client_for


@pytest.fixture
def make_clinician(db: None) -> Callable[..., User]:
    def make(username: str) -> User:
        return User.objects.create_user(
            username, f"{username}@example.org", PASSWORD, role=Role.CLINICIAN
        )

    return make


@pytest.fixture
def other_clinician(make_clinician: Callable[..., User]) -> User:
    return make_clinician("dr-other")


@pytest.fixture
def clinic(clinician: User) -> Clinic:
    return create_clinic(clinician, "Riverside Physio")


@pytest.fixture
def other_clinic(other_clinician: User) -> Clinic:
    return create_clinic(other_clinician, "Hilltop Clinic")


def link(clinician: User, patient: Patient, clinic: Clinic | None = None) -> CareLink:
    """An active link made as in real life: code invitation, claim, consent."""
    invitation, _code = invite_with_code(clinician, clinic)
    claim(invitation, patient)
    active, verdict = accept(invitation, patient)
    assert active is not None and not verdict.problem
    return active


def ended(clinician: User, patient: Patient) -> CareLink:
    made = link(clinician, patient)
    end_link(made, patient.user, "test")
    return made


@pytest.fixture
def linked(clinician: User, patient: Patient) -> CareLink:
    return link(clinician, patient)


@pytest.fixture
def clinician_client(clinician: User) -> Client:
    return client_for(clinician)


@pytest.fixture
def other_clinician_client(other_clinician: User) -> Client:
    return client_for(other_clinician)


def content(response: Any) -> str:
    return response.content.decode()
